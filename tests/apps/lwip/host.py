#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The host's side of tests/apps/lwip (tests/suites/70-lwip.sh).

  host.py serve PORT [ADDR]
                        listen on ADDR:PORT (127.0.0.1: slirp maps 10.0.2.2 to the
                        host's loopback) for the image's connection: check its
                        greeting, send the 64 KiB pattern, close first
  host.py capture IFACE ADDR
                        until SIGTERM, read the TCP frames from ADDR on IFACE (a tap
                        device whose guest leaves TCP checksums to the device): each
                        must carry the pseudo-header sum in its checksum field
  host.py echo PORT     connect to the image's echo server through hostfwd
                        (127.0.0.1:PORT): 4 KiB of text, then SMALL short
                        connections, then 1 MiB of the pattern sent and read back
                        at once; every byte compared

Prints one "host: NAME: ok|FAIL (...)" line per check and exits with the number of
failures. Every socket has a timeout, so nothing waits forever.
"""
import signal
import socket
import struct
import sys
import threading

GREETING = b"hello from keel over lwip\n"
HOST_BYTES = 64 * 1024
BULK = 1024 * 1024
SMALL = 20
TIMEOUT = 20

failures = 0


def check(name, ok, detail):
    global failures
    print(f"host: {name}: {'ok' if ok else 'FAIL'} ({detail})", flush=True)
    failures += not ok


def pattern(n):
    """Bytes 0..n-1 of the stream pattern (tests/apps/lwip/lwiptest.h)."""
    return bytes((i * 131 + (i >> 11)) & 0xff for i in range(n))


def read_all(s):
    chunks = []
    while True:
        b = s.recv(65536)
        if not b:
            return b"".join(chunks)
        chunks.append(b)


def serve(port, addr="127.0.0.1"):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    ls.settimeout(TIMEOUT)
    print(f"host: listening on {port}", flush=True)
    try:
        c, _ = ls.accept()
    except OSError as e:
        check("serve", False, f"no connection: {e}")
        return
    c.settimeout(TIMEOUT)
    got = b""
    try:
        while not got.endswith(b"\n") and len(got) < len(GREETING):
            b = c.recv(len(GREETING) - len(got))
            if not b:
                break
            got += b
        check("greeting", got == GREETING, f"{len(got)} bytes: {got!r}")
        c.sendall(pattern(HOST_BYTES))
        check("serve", True, f"{HOST_BYTES} bytes of the pattern sent")
    except OSError as e:
        check("serve", False, str(e))
    c.close()


def round_trip(port, name, data):
    s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sent = []

    def send():
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            sent.append(True)
        except OSError as e:
            sent.append(e)

    t = threading.Thread(target=send)
    t.start()
    try:
        back = read_all(s)
    except OSError as e:
        back = b""
        check(name, False, f"reading: {e}")
    t.join(TIMEOUT)
    s.close()
    ok = sent == [True] and back == data
    where = next((i for i, (a, b) in enumerate(zip(back, data)) if a != b), None)
    check(name, ok, f"{len(data)} bytes sent, {len(back)} back"
          + ("" if where is None else f", first difference at {where}")
          + ("" if sent == [True] else f", send: {sent}"))


def echo(port):
    text = b"".join(b"line %04d of the text round trip, the same back\n" % i
                    for i in range(90))[:4096]
    round_trip(port, "echo text", text)
    for i in range(SMALL):
        round_trip(port, f"echo small {i + 1}", b"short connection %d\n" % i)
    round_trip(port, "echo bulk", pattern(BULK))


def fold(x):
    while x >> 16:
        x = (x & 0xffff) + (x >> 16)
    return x


def words(b):
    if len(b) % 2:
        b += b"\0"
    return sum(struct.unpack("!%dH" % (len(b) // 2), b))


def capture(iface, addr):
    """RFC 9293 3.1: the pseudo-header is source, destination, zero, protocol, length."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
    s.bind((iface, 0))
    src = socket.inet_aton(addr)
    seen = seeded = 0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    s.settimeout(0.2)
    print("host: capturing", flush=True)
    while not stop:
        try:
            f = s.recv(4096)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        if len(f) < 54 or f[12:14] != b"\x08\x00" or f[23] != 6 or f[26:30] != src:
            continue
        ihl = (f[14] & 15) * 4
        tcp = f[14 + ihl:14 + struct.unpack("!H", f[16:18])[0]]
        seen += 1
        seeded += struct.unpack("!H", tcp[16:18])[0] == fold(words(f[26:34]) + 6 + len(tcp))
    check("tcp checksums", seen > 0 and seeded == seen,
          f"{seen} frames from {addr}, {seeded} with the pseudo-header sum for the device")


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("serve", "echo", "capture"):
        sys.exit(__doc__)
    try:
        if sys.argv[1] == "capture":
            capture(sys.argv[2], sys.argv[3])
        elif sys.argv[1] == "serve":
            serve(int(sys.argv[2]), *sys.argv[3:])
        else:
            echo(int(sys.argv[2]))
    except OSError as e:
        check(sys.argv[1], False, str(e))
    sys.exit(failures)


if __name__ == "__main__":
    main()
