# SPDX-License-Identifier: BSD-3-Clause
# HTTP server: apps/httpserver (lwIP, sockets, poll, files from its initrd) under QEMU
# user networking with a host port forwarded to port 80, driven by curl and
# apps/httpserver/tests/check.py: the page, HEAD, 404, 400 for malformed requests,
# 405/414/431/501/505, keep-alive (100 requests on one connection), pipelining,
# HTTP/1.0, files from the initrd (a 1 MiB one too), path traversal refused, clients
# that leave mid-request or mid-response, the request and idle timeouts, 10,000
# sequential and 200 concurrent connections with the heap back where it was, and a
# clean exit through /__quit (test build). microvm (virtio-mmio) with DHCP, q35
# (virtio-pci) with a static address; the release build without the test URLs; the
# same C files on the host under ASan/UBSan first.
# Host ports on 127.0.0.1: the first free ones from KEEL_TEST_HTTP_PORT (default 20080) up,
# so that runs side by side do not collide.

http_dir=$root/apps/httpserver
http_port=${KEEL_TEST_HTTP_PORT:-20080}
http_ok=("!FAIL" "!CPU exception" "!panic" "!error: " "http-check: 0 failures")

# http_free_port: sets port to the first port from $http_port up that is free on
# 127.0.0.1; the next call starts after it.
http_free_port() {
	port=$(python3 -c '
import socket, sys
p = int(sys.argv[1])
while p < 65535:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        break
    except OSError:
        p += 1
    finally:
        s.close()
print(p)' "$http_port")
	http_port=$((port + 1))
}

# http_start NAME IMAGE PORT [VAR=VALUE...]: boot IMAGE in the background with port 80
# forwarded from 127.0.0.1:PORT (virtio-net-device on microvm, virtio-net-pci
# otherwise) and wait for its "listening" line. Sets log and http_pid; 1 when the line
# did not come (the image exited or 60 s passed).
http_start() {
	local name=$1 image=$2 port=$3 machine=microvm dev=virtio-net-device v i
	shift 3
	for v in "$@"; do [ "${v%%=*}" != MACHINE ] || machine=${v#MACHINE=}; done
	[ "$machine" = microvm ] || dev=virtio-net-pci
	log=$out/logs/${name////_}.log
	env ACCEL=tcg KEEL_ARCH=x86_64 MACHINE=$machine "$@" \
		QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:80 -device $dev,netdev=n0" \
		timeout 600 "$root/support/qemu-run" "$image" >"$log" 2>&1 </dev/null &
	http_pid=$!
	for ((i = 0; i < 600; i++)); do
		grep -q "httpserver: listening on port 80" "$log" && return 0
		kill -0 $http_pid 2>/dev/null || break
		sleep 0.1
	done
	return 1
}

# http_wait: the status of the image started last, once it exits (killed after 30 s).
http_wait() {
	local i
	for ((i = 0; i < 300; i++)); do
		kill -0 $http_pid 2>/dev/null || break
		sleep 0.1
	done
	kill $http_pid 2>/dev/null
	wait $http_pid
	rc=$?
}

# http_kill: stop the image started last (the release build has no /__quit).
http_kill() {
	kill $http_pid 2>/dev/null
	wait $http_pid 2>/dev/null
}

# http_run NAME PORT ARGS...: apps/httpserver/tests/check.py against the server on PORT;
# its output goes to NAME's log, its status to rc.
http_run() {
	local name=$1 port=$2
	shift 2
	log=$out/logs/${name////_}.log
	timeout 600 python3 "$http_dir/tests/check.py" --port "$port" --rootfs "$http_root" "$@" \
		>"$log" 2>&1
	rc=$?
}

# The document root with a 1 MiB file more than the app's rootfs/, packed like make does.
http_root=$out/http-rootfs
rm -rf "$http_root"
cp -R "$http_dir/rootfs" "$http_root"
head -c 1048576 /dev/urandom >"$http_root/www/big.bin"
"$root/support/build/gen-initrd.sh" "$http_root" "$out/http-initrd.cpio"
http_big=("--big" "$http_root/www/big.bin")

# The server's own code on the host, under ASan and UBSan.
if selected http/host-asan; then
	log=$out/logs/http_host-asan.log
	srcs=$(sed -n 's/^app-srcs-y += //p' "$http_dir/build.mk")
	# shellcheck disable=SC2086 # a list of files
	if ! (cd "$http_dir" && gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror \
		-fsanitize=address,undefined -fno-sanitize-recover=all \
		-DCONFIG_HTTPSERVER_TEST_URLS=1 $srcs testurls.c heap-host.c \
		-o "$out/httpserver-host") >"$log" 2>&1; then
		t_fail http/host-asan "the host build failed"
	else
		http_free_port
		"$out/httpserver-host" -p "$port" -r "$http_root/www" -t 2 \
			>"$out/logs/http_host-asan-server.log" 2>&1 &
		http_pid=$!
		sleep 0.3
		http_run http/host-asan "$port" "${http_big[@]}" basic disconnect load quit
		http_wait
		cat "$out/logs/http_host-asan-server.log" >>"$log"
		check http/host-asan 0 "${http_ok[@]}" "httpserver: stopped" "!AddressSanitizer" \
			"!runtime error" "PASS sequential-10000" "PASS concurrent-200"
	fi
fi

# From scratch: an output folder configured before keeps its .config, whatever the
# defconfig says now.
rm -rf "$out/httpserver"
build_test build/httpserver -j2 A=apps/httpserver O="$out/httpserver" && http_img=$image ||
	http_img=

# The test build: the same app with CONFIG_HTTPSERVER_TEST_URLS=y (/__stats, /__quit).
http_test_img=
if selected "http/*" || selected build/httpserver-test; then
	o=$out/httpserver-test
	rm -rf "$o"
	build build/httpserver-test A=apps/httpserver O="$o" defconfig
	echo "CONFIG_HTTPSERVER_TEST_URLS=y" >>"$o/.config"
	build build/httpserver-test O="$o" olddefconfig
	build build/httpserver-test -j2 O="$o"
	if [ "$rc" -eq 0 ] && [ -f "$image" ] && grep -q '^CONFIG_HTTPSERVER_TEST_URLS=y' "$o/.config"; then
		http_test_img=$image
		t_pass build/httpserver-test
	else
		t_fail build/httpserver-test "make failed (status $rc)"
	fi
fi

# microvm, virtio-mmio, DHCP, a 2 s timeout: curl, the request checks, clients that
# leave or stall, then /__quit and a clean exit.
if [ -n "$http_test_img" ] && selected "http/microvm*"; then
	http_free_port
	if ! http_start http/microvm "$http_test_img" "$port" \
		ARGS="virtio_mmio.device=512@0xfeb00e00:12 -- -t 2" INITRD="$out/http-initrd.cpio"; then
		http_kill
		t_fail http/microvm "the server did not start"
	else
		boot_log=$log
		# curl: the page, HEAD, three URLs over one connection, 404, a traversal.
		log=$out/logs/http_microvm-curl.log
		url=http://127.0.0.1:$port
		{
			curl -sS -m 10 "$url/"
			curl -sS -m 10 -I "$url/hello.txt"
			curl -sS -m 10 -o /dev/null -o /dev/null -o /dev/null -w 'connects %{num_connects}\n' \
				"$url/" "$url/hello.txt" "$url/nope"
			curl -sS -m 10 -o /dev/null -w 'status %{http_code}\n' "$url/nope"
			curl -sS -m 10 --path-as-is -o /dev/null -w 'status %{http_code}\n' "$url/../outside-www.txt"
		} >"$log" 2>&1
		rc=0
		if check http/microvm-curl 0 "Hello from Keel!" "HTTP/1.1 200 OK" "Content-Length: 57" \
			"Content-Type: text/plain; charset=utf-8" "status 404" "status 400" &&
		   { [ "$(grep -c '^connects 0' "$log")" -ne 2 ] || [ "$(grep -c '^connects 1' "$log")" -ne 1 ]; }; then
			t_fail http/microvm-curl-one-connection "curl connected more than once:" \
				"$(grep connects "$log" | tr '\n' ' ')"
		fi
		for g in basic disconnect; do
			http_run "http/microvm-$g" "$port" "${http_big[@]}" "$g"
			check "http/microvm-$g" 0 "${http_ok[@]}"
		done
		http_run http/microvm-quit "$port" quit
		check http/microvm-quit 0 "${http_ok[@]}" "PASS quit"
		http_wait
		log=$boot_log
		check http/microvm-exit 0 "httpserver: stopped" "!CPU exception" "!panic"
	fi
fi

# q35, virtio-pci, a static address: 10,000 sequential and 200 concurrent connections,
# the heap afterwards, then /__quit.
if [ -n "$http_test_img" ] && selected "http/q35*"; then
	http_free_port
	if ! http_start http/q35 "$http_test_img" "$port" MACHINE=q35 \
		ARGS="netdev.ip=10.0.2.15/24:10.0.2.2" INITRD="$out/http-initrd.cpio"; then
		http_kill
		t_fail http/q35 "the server did not start"
	else
		boot_log=$log
		http_run http/q35-load "$port" load quit
		check http/q35-load 0 "${http_ok[@]}" "PASS sequential-10000" "PASS concurrent-200" \
			"PASS memory-back-after-load" "PASS quit" && sed -n 's/^    /    /p' "$log"
		http_wait
		log=$boot_log
		check http/q35-exit 0 "httpserver: stopped" "10.0.2.15/24 static" "!CPU exception" \
			"!panic"
	fi
fi

# The release build: the page and a file from make's initrd, and no test URLs.
if [ -n "$http_img" ] && selected http/release; then
	http_free_port
	if ! http_start http/release "$http_img" "$port" \
		ARGS="virtio_mmio.device=512@0xfeb00e00:12" INITRD="$out/httpserver/initrd.cpio"; then
		http_kill
		t_fail http/release "the server did not start"
	else
		url=http://127.0.0.1:$port
		{
			curl -sS -m 10 "$url/" "$url/hello.txt"
			curl -sS -m 10 -o /dev/null -w 'stats %{http_code}\n' "$url/__stats"
			curl -sS -m 10 -o /dev/null -w 'quit %{http_code}\n' "$url/__quit"
			curl -sS -m 10 -o /dev/null -w 'after %{http_code}\n' "$url/"
		} >>"$log" 2>&1
		http_kill
		rc=0
		check http/release 0 "httpserver: listening on port 80 (root /www" "Hello from Keel!" \
			"Hello from a file in the initrd" "stats 404" "quit 404" "after 200" \
			"!CPU exception" "!panic"
	fi
fi

if [ -n "$http_img" ]; then
	boot_test http/bad-option "$http_img" 2 ARGS="-- -p 0" -- \
		"httpserver: bad value '0' for -p" "usage: httpserver"
fi
