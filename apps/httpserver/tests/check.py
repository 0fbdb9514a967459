#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Drive a running httpserver and check what it answers (tests/suites/72-http.sh).

    check.py [--host H] --port P [--rootfs DIR] GROUP...

Groups: basic (methods, statuses, framing, files, keep-alive, pipelining), disconnect
(clients that leave mid-request or mid-response, timeouts; needs a server run with
-t 2), load (10,000 sequential and 200 concurrent connections, then the heap figures of
/__stats against those before), quit (/__quit). Prints "PASS name" or "FAIL name: why"
per check and "http-check: N failures"; exits 1 when a check failed. Every socket has
a timeout, so nothing here hangs.
"""
import argparse
import hashlib
import os
import socket
import sys
import time

TIMEOUT = 10.0
failures = 0


def report(name, ok, why=""):
    global failures
    if ok:
        print(f"PASS {name}", flush=True)
    else:
        failures += 1
        print(f"FAIL {name}: {why}", flush=True)


class Response:
    def __init__(self, status, reason, headers, body):
        self.status, self.reason, self.headers, self.body = status, reason, headers, body

    def header(self, name):
        return self.headers.get(name.lower())


class Conn:
    """One client connection that reads responses exactly by their framing."""

    def __init__(self, host, port, timeout=TIMEOUT):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by the server")
        self.buf += chunk

    def response(self, head_only=False):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        version, status, reason = lines[0].split(" ", 2)
        if version != "HTTP/1.1":
            raise ValueError(f"status line {lines[0]!r}")
        headers = {}
        for line in lines[1:]:
            name, value = line.split(":", 1)
            if name.lower() in headers:
                raise ValueError(f"repeated field {name}")
            headers[name.lower()] = value.strip()
        length = int(headers["content-length"])
        body = b""
        if not head_only:
            while len(self.buf) < length:
                self._fill()
            body, self.buf = self.buf[:length], self.buf[length:]
        return Response(int(status), reason, headers, body)

    def request(self, path, method="GET", version="HTTP/1.1", fields="Host: test\r\n"):
        self.send(f"{method} {path} {version}\r\n{fields}\r\n")
        return self.response(head_only=method == "HEAD")

    def closed_by_server(self, wait=TIMEOUT):
        """True when the server closes (EOF or reset) within wait seconds, unread data
        aside."""
        self.sock.settimeout(wait)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False
        finally:
            self.sock.settimeout(TIMEOUT)

    def close(self):
        self.sock.close()


def check(name, fn):
    """Run fn(); an exception is a failure with its text."""
    try:
        result = fn()
        if result is True or result is None:
            report(name, True)
        else:
            report(name, False, str(result))
    except Exception as e:  # noqa: BLE001 - any error is this check's failure
        report(name, False, f"{type(e).__name__}: {e}")


def expect(cond, why):
    if not cond:
        raise AssertionError(why)


# ---------------------------------------------------------------------------- basic

def basic(a):
    h, p = a.host, a.port
    page = {}

    def get_page():
        c = Conn(h, p)
        r = c.request("/")
        expect(r.status == 200, f"status {r.status}")
        expect(b"Hello from Keel!" in r.body, f"body {r.body[:80]!r}")
        expect(r.header("content-type") == "text/html; charset=utf-8", r.headers)
        expect(r.header("date", ) and r.header("date").endswith(" GMT"), "no Date")
        expect(r.header("connection") is None, "Connection field on a persistent 1.1 reply")
        page["len"] = len(r.body)
        c.close()
    check("page", get_page)

    def head():
        c = Conn(h, p)
        r = c.request("/", "HEAD")
        expect(r.status == 200, f"status {r.status}")
        expect(int(r.header("content-length")) == page.get("len"),
               f"HEAD length {r.header('content-length')}, GET body {page.get('len')}")
        # A body after the HEAD answer would garble the next answer on the connection.
        r = c.request("/hello.txt")
        expect(r.status == 200 and r.body.startswith(b"Hello from a file"), "after HEAD")
        c.close()
    check("head", head)

    def not_found():
        c = Conn(h, p)
        r = c.request("/no/such/file.txt")
        expect(r.status == 404, f"status {r.status}")
        expect(b"404 Not Found" in r.body, r.body)
        r = c.request("/no-such", "HEAD")
        expect(r.status == 404 and int(r.header("content-length")) > 0, "HEAD 404")
        r = c.request("/")
        expect(r.status == 200, "the connection stays usable after a 404")
        c.close()
    check("not-found", not_found)

    def bad(name, raw, status):
        def run():
            c = Conn(h, p)
            c.send(raw)
            r = c.response()
            expect(r.status == status, f"status {r.status}, expected {status}")
            expect(r.header("connection") == "close", "no Connection: close")
            expect(c.closed_by_server(), "the server kept the connection")
            c.close()
        check(name, run)

    bad("bad-request-line", b"GARBAGE\r\n\r\n", 400)
    bad("bad-request-line-http09", b"GET /\r\n\r\n", 400)
    bad("bad-request-line-extra-word", b"GET / HTTP/1.1 x\r\nHost: t\r\n\r\n", 400)
    bad("bad-request-line-two-spaces", b"GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("bad-version", b"GET / HTTP/1.x\r\nHost: t\r\n\r\n", 400)
    bad("version-2", b"GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505)
    bad("no-host", b"GET / HTTP/1.1\r\n\r\n", 400)
    bad("two-hosts", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400)
    bad("bad-field-no-colon", b"GET / HTTP/1.1\r\nHost: t\r\nNoColon\r\n\r\n", 400)
    bad("bad-field-space-before-colon", b"GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400)
    bad("bad-field-folded", b"GET / HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n  2\r\n\r\n", 400)
    bad("bad-field-control-char", b"GET / HTTP/1.1\r\nHost: t\r\nX-A: \x01\r\n\r\n", 400)
    bad("bad-content-length", b"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1x\r\n\r\n", 400)
    bad("chunked-body", b"POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"0\r\n\r\n", 501)
    bad("too-large-body", b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n", 413)
    bad("uri-too-long", b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414)
    bad("fields-too-large", b"GET / HTTP/1.1\r\nHost: t\r\n" +
        b"".join(b"X-F%d: %s\r\n" % (i, b"v" * 100) for i in range(90)) + b"\r\n", 431)
    bad("too-many-fields", b"GET / HTTP/1.1\r\nHost: t\r\n" +
        b"".join(b"X-%d: v\r\n" % i for i in range(120)) + b"\r\n", 431)
    bad("traversal", b"GET /../outside-www.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("traversal-escaped", b"GET /%2e%2E/outside-www.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("traversal-nested", b"GET /docs/../../outside-www.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("bad-escape", b"GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("nul-escape", b"GET /hello.txt%00.html HTTP/1.1\r\nHost: t\r\n\r\n", 400)
    bad("not-a-path", b"GET hello.txt HTTP/1.1\r\nHost: t\r\n\r\n", 400)

    def method_not_allowed():
        c = Conn(h, p)
        r = c.request("/", "DELETE")
        expect(r.status == 405, f"status {r.status}")
        expect(r.header("allow") == "GET, HEAD", f"Allow {r.header('allow')}")
        r = c.request("/")
        expect(r.status == 200, "the connection stays usable after a 405")
        c.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
        r = c.response()
        expect(r.status == 405 and r.header("connection") == "close", "POST with a body")
        expect(c.closed_by_server(), "a request with a body closes the connection")
        c.close()
    check("method-not-allowed", method_not_allowed)

    def http10():
        c = Conn(h, p)
        r = c.request("/", version="HTTP/1.0", fields="")
        expect(r.status == 200 and r.header("connection") == "close", r.headers)
        expect(c.closed_by_server(), "HTTP/1.0 without keep-alive stays open")
        c.close()
        c = Conn(h, p)
        for _ in range(3):
            r = c.request("/hello.txt", version="HTTP/1.0", fields="Connection: keep-alive\r\n")
            expect(r.status == 200 and r.header("connection") == "keep-alive", r.headers)
        c.close()
    check("http10-keep-alive", http10)

    def connection_close():
        c = Conn(h, p)
        r = c.request("/", fields="Host: t\r\nConnection: close\r\n")
        expect(r.status == 200 and r.header("connection") == "close", r.headers)
        expect(c.closed_by_server(), "Connection: close was ignored")
        c.close()
    check("http11-connection-close", connection_close)

    def keep_alive_100():
        c = Conn(h, p)
        port = c.sock.getsockname()[1]
        for i in range(100):
            r = c.request("/hello.txt" if i % 2 else "/")
            expect(r.status == 200, f"request {i}: status {r.status}")
        expect(c.sock.getsockname()[1] == port, "socket changed")
        c.close()
    check("keep-alive-100-requests", keep_alive_100)

    def pipelined():
        c = Conn(h, p)
        c.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\n"
               "HEAD / HTTP/1.1\r\nHost: t\r\n\r\nGET /style.css HTTP/1.1\r\nHost: t\r\n\r\n")
        r1, r2, r3, r4 = c.response(), c.response(), c.response(True), c.response()
        expect(r1.status == 200 and r1.body.startswith(b"Hello from a file"), "1st")
        expect(r2.status == 404, f"2nd: {r2.status}")
        expect(r3.status == 200 and int(r3.header("content-length")) == page.get("len"), "3rd")
        expect(r4.status == 200 and r4.header("content-type").startswith("text/css"), "4th")
        c.close()
    check("pipelined-in-order", pipelined)

    def lenient_framing():
        c = Conn(h, p)
        c.send(b"\r\nGET /hello.txt HTTP/1.1\nHost: t\n\n")   # a leading CRLF, bare LFs
        r = c.response()
        expect(r.status == 200, f"status {r.status}")
        c.send(b"GET /hello.txt?x=1#f HTTP/1.1\r\nhOsT:t\r\n\r\n")
        expect(c.response().status == 200, "query string, field name case")
        c.send(b"GET http://example/hello.txt HTTP/1.1\r\nHost: example\r\n\r\n")
        expect(c.response().status == 200, "absolute-form target")
        c.send(b"GET /hello%2etxt HTTP/1.1\r\nHost: t\r\n\r\n")
        expect(c.response().status == 200, "percent-escaped path")
        c.close()
    check("lenient-framing", lenient_framing)

    def files():
        c = Conn(h, p)
        for rel, ctype in (("hello.txt", "text/plain; charset=utf-8"),
                           ("style.css", "text/css; charset=utf-8"),
                           ("docs/index.html", "text/html; charset=utf-8")):
            want = open(os.path.join(a.rootfs, "www", rel), "rb").read()
            r = c.request("/" + rel)
            expect(r.status == 200 and r.body == want, f"/{rel}: {r.status} {r.body[:40]!r}")
            expect(r.header("content-type") == ctype, f"/{rel}: {r.header('content-type')}")
        r = c.request("/docs/")
        expect(r.status == 200 and b"docs/index.html" in r.body, f"/docs/: {r.status}")
        r = c.request("/docs")
        expect(r.status == 301 and r.header("location") == "/docs/", f"/docs: {r.status}")
        c.close()
    check("files-from-initrd", files)

    if a.big:
        def big_file():
            want = hashlib.sha256(open(a.big, "rb").read()).hexdigest()
            c = Conn(h, p)
            r = c.request("/" + os.path.basename(a.big))
            got = hashlib.sha256(r.body).hexdigest()
            expect(r.status == 200 and got == want, f"{r.status}, {len(r.body)} bytes")
            expect(r.header("content-type") == "application/octet-stream", r.headers)
            c.close()
        check("big-file", big_file)


# ------------------------------------------------------------------------ disconnect

def stats(a):
    c = Conn(a.host, a.port)
    r = c.request("/__stats", fields="Host: t\r\nConnection: close\r\n")
    c.close()
    if r.status != 200:
        raise AssertionError(f"/__stats: {r.status}")
    return {k: int(v) for k, v in (line.split() for line in r.body.decode().splitlines())}


def wait_for_quiet(a, limit=15.0):
    """Wait until only the /__stats connection itself is open; its figures."""
    end = time.monotonic() + limit
    while True:
        s = stats(a)
        if s["connections_open"] <= 1 or time.monotonic() > end:
            return s
        time.sleep(0.2)


def disconnect(a):
    h, p = a.host, a.port
    big = "/" + os.path.basename(a.big) if a.big else "/"

    def leave_early():
        for _ in range(20):
            socket.create_connection((h, p), timeout=TIMEOUT).close()
        for _ in range(20):
            c = Conn(h, p)
            c.send("GET /hello.txt HTTP/1.1\r\nHo")
            c.close()
        for i in range(20):
            c = Conn(h, p)
            c.send(f"GET {big} HTTP/1.1\r\nHost: t\r\n\r\n")
            c.sock.recv(100)
            if i % 2:   # a reset instead of a FIN
                c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            c.close()
        c = Conn(h, p)
        expect(c.request("/").status == 200, "the server stopped answering")
        c.close()
    check("disconnect-mid-request-and-response", leave_early)

    def half_sent():
        c = Conn(h, p)
        t0 = time.monotonic()
        c.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n")
        r = c.response()
        took = time.monotonic() - t0
        expect(r.status == 408, f"status {r.status}")
        expect(1.5 < took < 8, f"answered after {took:.1f} s (server -t 2)")
        expect(c.closed_by_server(), "still open after the 408")
        c.close()
    check("request-timeout-408", half_sent)

    def idle():
        c = Conn(h, p)
        expect(c.request("/").status == 200, "first request")
        t0 = time.monotonic()
        expect(c.closed_by_server(8), "an idle keep-alive connection was never closed")
        took = time.monotonic() - t0
        expect(1.5 < took < 8, f"closed after {took:.1f} s (server -t 2)")
        c.close()
    check("idle-timeout", idle)

    def all_closed():
        s = wait_for_quiet(a)
        expect(s["connections_open"] == 1, f"{s['connections_open']} connections still open")
    check("disconnect-leaves-nothing-open", all_closed)


# ------------------------------------------------------------------------------ load

def sequential(a, n, stalls_allowed=3):
    """n connections one after the other, one request each. Returns the time taken and
    how many stalled: a connection whose answer does not come within TIMEOUT is dropped
    and tried again once, at most stalls_allowed times in the run (under QEMU's user
    networking about one run in five has one such stall, answered on the retry); a hang
    fails the run."""
    t0 = time.monotonic()
    stalls = 0
    for i in range(n):
        for attempt in (0, 1):
            try:
                c = Conn(a.host, a.port)
                try:
                    r = c.request("/" if i % 2 else "/hello.txt")
                finally:
                    c.close()
                break
            except socket.timeout:
                stalls += 1
                if attempt or stalls > stalls_allowed:
                    raise AssertionError(f"connection {i}: no answer within {TIMEOUT:.0f} s "
                                         f"({stalls} stalls so far)")
        if r.status != 200:
            raise AssertionError(f"connection {i}: status {r.status}")
    return time.monotonic() - t0, stalls


def concurrent(a, n, rounds=3):
    """n connections open at once, each answering 1 + `rounds` requests; the server's
    count of open connections is read while they are all open. They are opened one
    after the other, each answered once: QEMU's user networking sets up forwarded
    connections that arrive together slowly, a second or more apart. Then each round
    sends a request on every connection before reading any answer."""
    conns = []
    try:
        for j in range(n):
            c = Conn(a.host, a.port, timeout=30)
            conns.append(c)
            r = c.request("/")
            if r.status != 200:
                raise AssertionError(f"connection {j}: status {r.status}")
        t0 = time.monotonic()
        for i in range(rounds):
            for c in conns:
                c.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n")
            for j, c in enumerate(conns):
                r = c.response()
                if r.status != 200:
                    raise AssertionError(f"round {i}, connection {j}: status {r.status}")
        took = time.monotonic() - t0
        open_now = stats(a)["connections_open"]
    finally:
        for c in conns:
            c.close()
    return took, open_now


def load(a):
    before = {}

    def warm_up():
        sequential(a, 20, 0)
        concurrent(a, 10, 1)
        before.update(wait_for_quiet(a))
    check("load-warm-up", warm_up)

    def seq():
        took, stalls = sequential(a, a.sequential)
        print(f"    {a.sequential} sequential connections in {took:.1f} s "
              f"({a.sequential / took:.0f}/s; {stalls} stalled and were retried)", flush=True)
    check(f"sequential-{a.sequential}", seq)

    def conc():
        took, open_now = concurrent(a, a.concurrent)
        print(f"    {a.concurrent} connections open at once, 3 rounds of a request on each "
              f"in {took:.1f} s; {open_now} open at the server", flush=True)
        expect(open_now == a.concurrent + 1, f"the server had {open_now} open, expected "
               f"{a.concurrent} and the /__stats one")
    check(f"concurrent-{a.concurrent}", conc)

    def memory():
        # Connections the server closed linger in the stack (TIME_WAIT) for a while:
        # give the heap up to 30 s to come back.
        expect(before, "no figures from before")
        end = time.monotonic() + 30
        while True:
            after = wait_for_quiet(a)
            grew = after["heap_in_use"] - before["heap_in_use"]
            if grew <= a.heap_slack or time.monotonic() > end:
                break
            time.sleep(1)
        pages = after["pages_in_use"] - before["pages_in_use"]
        print(f"    heap in use: {before['heap_in_use']} B before, {after['heap_in_use']} B "
              f"after ({grew:+d} B; peak {after['heap_peak']} B); pages in use {pages:+d} B "
              f"(the heap keeps pages it grew into); {after['connections_accepted']} "
              f"connections, {after['requests']} requests, {after['resets']} resets, "
              f"{after['refused']} refused", flush=True)
        expect(after["connections_open"] == 1, f"{after['connections_open']} still open")
        expect(grew <= a.heap_slack, f"heap in use grew by {grew} B (bound {a.heap_slack})")
    check("memory-back-after-load", memory)


def quit_server(a):
    def run():
        c = Conn(a.host, a.port)
        r = c.request("/__quit")
        expect(r.status == 200 and r.body == b"bye\n", f"{r.status} {r.body!r}")
        expect(r.header("connection") == "close", "no Connection: close")
        c.close()
    check("quit", run)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--rootfs", default=os.path.join(os.path.dirname(__file__), "..", "rootfs"))
    ap.add_argument("--big", help="a file also under ROOT, served and compared")
    ap.add_argument("--sequential", type=int, default=10000)
    ap.add_argument("--concurrent", type=int, default=200)
    ap.add_argument("--heap-slack", type=int, default=65536,
                    help="bytes the heap may differ by after the load")
    ap.add_argument("groups", nargs="+", choices=["basic", "disconnect", "load", "quit"])
    a = ap.parse_args()
    groups = {"basic": basic, "disconnect": disconnect, "load": load, "quit": quit_server}
    for g in a.groups:
        groups[g](a)
    print(f"http-check: {failures} failures", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
