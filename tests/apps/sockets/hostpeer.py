#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The host's side of the sockets test (tests/suites/71-sockets.sh), on 127.0.0.1 only.

Servers the image reaches through QEMU's user networking (10.0.2.2 is the host):
  --udp-echo PORT   echoes every datagram to its sender
  --tcp-sum PORT    reads "want M\\n", then data until EOF; answers "got N FNV\\n" and
                    M bytes of the test pattern, then closes
  --tcp-reset PORT  accepts and resets the connection at once (SO_LINGER 0)
  --tcp-closed PORT bound but not listening: connections are refused
and a client of the image's server through hostfwd:
  --fwd PORT --serve N  N connections to 127.0.0.1:PORT (the first retried until the
                    image listens, then the others at once), each sending "hello K\\n"
                    and K pattern bytes and checking "got K FNV\\n" and the echo.
Prints "hostpeer: ready" once listening, one line per forwarded connection and
"hostpeer: fwd: N of N ok" at the end; exits after --timeout seconds at most.
"""
import argparse
import socket
import struct
import sys
import threading
import time

FNV_START = 0xCBF29CE484222325


def fnv1a(h, data):
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def pattern(n, start=0):
    return bytes(((i * 7 + (i >> 8) + 1) & 0xFF) for i in range(start, start + n))


def say(msg):
    print("hostpeer: " + msg, flush=True)


def udp_echo(sock):
    while True:
        data, peer = sock.recvfrom(65536)
        sock.sendto(data, peer)


def sum_client(conn):
    with conn:
        conn.settimeout(30)
        f = conn.makefile("rb")
        head = f.readline().split()
        if len(head) != 2 or head[0] != b"want":
            return  # a client that only connects (the non-blocking connect test)
        want = int(head[1])
        h, n = FNV_START, 0
        while True:
            chunk = f.read1(65536)
            if not chunk:
                break
            h, n = fnv1a(h, chunk), n + len(chunk)
        conn.sendall(b"got %d %016x\n" % (n, h) + pattern(want))


def serve_forever(sock, handler):
    while True:
        conn, _ = sock.accept()
        threading.Thread(target=handler, args=(conn,), daemon=True).start()


def reset_client(conn):
    time.sleep(0.3)  # the image's connect completes first; then the reset comes
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def recv_all(sock):
    parts = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)


def fwd_once(port, i):
    """One exchange with the image's server: None if nothing listened, else ok/why."""
    k = 20000 + 1000 * i
    body = pattern(k, i)
    try:  # refused until QEMU listens; reset or closed until the image does
        with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
            s.sendall(b"hello %d\n" % k + body)
            reply = recv_all(s)
    except (ConnectionRefusedError, ConnectionResetError, BrokenPipeError):
        return None
    if not reply:
        return None
    head, _, echo = reply.partition(b"\n")
    want = b"got %d %016x" % (k, fnv1a(FNV_START, body))
    if head != want:
        return "FAIL (answer %r, expected %r)" % (head[:60], want)
    if echo != body:
        return "FAIL (echo of %d bytes differs, %d came back)" % (k, len(echo))
    return "ok (%d bytes echoed)" % k


def fwd_client(port, count, deadline):
    results = {}
    while time.time() < deadline:
        r = fwd_once(port, 0)
        if r is not None:
            results[0] = r
            break
        time.sleep(0.2)

    def one(i):
        results[i] = fwd_once(port, i) or "FAIL (no answer)"

    threads = [threading.Thread(target=one, args=(i,)) for i in range(1, count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    good = 0
    for i in range(count):
        r = results.get(i, "FAIL (the image never listened)")
        good += r.startswith("ok")
        say("fwd connection %d: %s" % (i, r))
    say("fwd: %d of %d ok" % (good, count))


def bound(kind, port, listen=True):
    s = socket.socket(socket.AF_INET, kind)
    if kind == socket.SOCK_STREAM:  # past TIME_WAIT; a UDP port twice would share
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    if listen and kind == socket.SOCK_STREAM:
        s.listen(16)
    return s


def main():
    ap = argparse.ArgumentParser()
    for name in ("udp-echo", "tcp-sum", "tcp-reset", "tcp-closed", "fwd", "serve"):
        ap.add_argument("--" + name, type=int, default=0)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    deadline = time.time() + a.timeout

    udp = bound(socket.SOCK_DGRAM, a.udp_echo)
    tsum = bound(socket.SOCK_STREAM, a.tcp_sum)
    trst = bound(socket.SOCK_STREAM, a.tcp_reset)
    closed = bound(socket.SOCK_STREAM, a.tcp_closed, listen=False)
    for target, args in ((udp_echo, (udp,)), (serve_forever, (tsum, sum_client)),
                         (serve_forever, (trst, reset_client))):
        threading.Thread(target=target, args=args, daemon=True).start()
    say("ready")
    if a.fwd and a.serve:
        fwd_client(a.fwd, a.serve, deadline)
    while time.time() < deadline:
        time.sleep(0.5)
    closed.close()


if __name__ == "__main__":
    sys.exit(main())
