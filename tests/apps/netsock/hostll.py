#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# The host's side of netsock's link-local checks, run inside the test's network
# namespace on the tap device (tests/suites/71-sockets.sh):
#   hostll.py serve ADDR IFACE PORT    TCP (a line in, "host: hello PEER" back) and
#                                      UDP echo on [ADDR%IFACE]:PORT, until killed
#   hostll.py ping ADDR IFACE COUNT    ICMPv6 echo to ADDR%IFACE from a raw socket
#   hostll.py client ADDR IFACE PORT   a line to [ADDR%IFACE]:PORT, print the answer
import select
import socket
import struct
import sys
import time


def sockaddr(addr, iface, port):
    return socket.getaddrinfo(f"{addr}%{iface}", port, socket.AF_INET6, 0, 0,
                              socket.AI_NUMERICHOST)[0][4]


def serve(addr, iface, port):
    where = sockaddr(addr, iface, int(port))
    ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(where)
    ls.listen(4)
    us = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    us.bind(where)
    print("hostll: listening", flush=True)
    while True:
        ready, _, _ = select.select([ls, us], [], [])
        if us in ready:
            data, peer = us.recvfrom(2048)
            us.sendto(data, peer)
            print(f"hostll: udp {len(data)} bytes from {peer[0]}", flush=True)
        if ls in ready:
            c, peer = ls.accept()
            c.settimeout(10)
            try:
                line = c.recv(256)
                c.sendall(f"host: hello {peer[0].split('%')[0]}\n".encode())
                print(f"hostll: tcp from {peer[0]} scope {peer[3]}: {line!r}", flush=True)
            except OSError as e:
                print(f"hostll: tcp from {peer[0]}: {e}", flush=True)
            c.close()


def checksum_free_echo(seq):
    # The kernel fills in an ICMPv6 raw socket's checksum (RFC 3542 §3.1).
    return struct.pack("!BBHHH", 128, 0, 0, 0x6b68, seq) + b"host ll6"


def ping(addr, iface, count):
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    to = sockaddr(addr, iface, 0)
    got = 0
    for seq in range(1, int(count) + 1):
        s.sendto(checksum_free_echo(seq), to)
        until = time.monotonic() + 2
        while time.monotonic() < until:
            if not select.select([s], [], [], until - time.monotonic())[0]:
                break
            data, peer = s.recvfrom(2048)
            if data[:1] == b"\x81" and struct.unpack("!HH", data[4:8]) == (0x6b68, seq):
                got += 1
                break
    ok = "ok" if got == int(count) else "FAIL"
    print(f"hostll: ping: {ok} ({got} of {count} replies from {addr}%{iface})", flush=True)
    return got == int(count)


def client(addr, iface, port):
    c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    c.settimeout(10)
    c.connect(sockaddr(addr, iface, int(port)))
    c.sendall(b"host: hi\n")
    reply = b""
    while not reply.endswith(b"\n"):
        part = c.recv(256)
        if not part:
            break
        reply += part
    c.close()
    print(f"hostll: client: reply '{reply.decode(errors='replace').strip()}'", flush=True)
    return bool(reply)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    try:
        ok = {"serve": serve, "ping": ping, "client": client}[cmd](*args)
    except OSError as e:
        print(f"hostll: {cmd}: FAIL ({e})", flush=True)
        ok = False
    sys.exit(0 if ok else 1)
