# SPDX-License-Identifier: BSD-3-Clause
# Sockets: tests/apps/sockets checks lib/socket (the BSD socket API over lwIP), poll()
# and select() over sockets and pipes, and the name functions, under QEMU user
# networking on microvm (virtio-mmio) and q35 (virtio-pci). tests/apps/sockets/hostpeer.py
# runs the host's side on 127.0.0.1 (the image reaches it as 10.0.2.2): a UDP echo
# server, a TCP server that hashes what it gets and sends a pattern back, one that
# resets every connection, a port nobody listens on, and a client that connects to
# the image's own server through hostfwd. A DNS name the host can resolve is looked
# up through QEMU's resolver and compared with the host's answer; when the host
# cannot resolve it, that check is skipped and says why.

sk_checks="inet_pton6-known-answers inet_pton4-known-answers inet_pton-bad-family
	inet_ntop-enospc inet_ntop-bad-family inet_aton-known-answers inet_addr-ntoa byte-order
	gai-numeric4 gai-numeric6-service-name gai-all-types gai-passive gai-loopback6
	gai-localhost gai-v4mapped gai-scope gai-eai-noname gai-eai-service gai-eai-family
	gai-eai-badflags gai-eai-socktype gai-messages getnameinfo4 getnameinfo6
	getnameinfo-errors if_nametoindex
	udp-echo udp-read-write udp-names udp-sendmsg-recvmsg udp-msg-trunc udp-peek fionread
	so-broadcast udp-dontwait fcntl-nonblock fionbio dup2-socket fstat-socket
	tcp-client-up tcp-client-down nonblocking-connect nonblocking-connect-refused
	econnrefused reset-econnreset reset-then-epipe eaddrinuse sockopt-bools sockopt-keepidle
	sockopt-timeo sockopt-linger sockopt-type sockopt-enoprotoopt sockopt-einval
	sockopt-short-get server select-negative-time edestaddrreq
	poll-woken-by-pipe poll-woken-by-socket poll-timeout poll-nval-console-writable
	poll-pipe-hup poll-pipe-err select-timeout select-ready select-errors
	enotsock ebadf enotconn-send enotconn-getpeername enotconn-shutdown accept-not-listening
	eafnosupport einval-address-length einval-arguments efault eprotonosupport eopnotsupp
	emfile-sockets emfile-sockets-recovers emfile-sockets-all-back emfile-descriptors
	emfile-descriptors-no-leak loopback-accept loopback-data-and-eof loopback-udp6
	dual-stack-v4-mapped memory"
sk_expect=("!FAIL" "!CPU exception" "!panic" "!error: " "sockets: 0 failures")
for c in $sk_checks; do
	sk_expect+=("sockets: $c: ok")
done

# The host's addresses for a name it can resolve (QEMU's resolver asks the same servers).
sk_dns_name=deb.debian.org
sk_dns_addrs=$(getent ahostsv4 "$sk_dns_name" 2>/dev/null | awk '{print $1}' | sort -u | paste -sd, -)

# sk_boot NAME MACHINE BASE-PORT DEVICE [ARGS...]: the host's side on BASE+1..BASE+5,
# the image booted against it, then the host client's own verdict.
sk_boot() {
	local name=$1 machine=$2 base=$3 device=$4 peer peerlog dns=() expect=("${sk_expect[@]}")
	shift 4
	selected "$name" || return 0
	peerlog=$out/logs/${name////_}-hostpeer.log
	python3 "$root/tests/apps/sockets/hostpeer.py" --udp-echo $((base + 1)) \
		--tcp-sum $((base + 2)) --tcp-reset $((base + 3)) --tcp-closed $((base + 4)) \
		--fwd $((base + 5)) --serve 4 --timeout 60 >"$peerlog" 2>&1 &
	peer=$!
	for _ in $(seq 50); do
		grep -q "hostpeer: ready" "$peerlog" && break
		sleep 0.1
	done
	if [ -n "$sk_dns_addrs" ]; then
		dns=("dns=$sk_dns_name=$sk_dns_addrs")
		expect+=("sockets: dns: ok" "sockets: gethostbyname: ok" "sockets: dns-no-such-name: ok")
	fi
	boot_test "$name" "$sk_image" 0 MACHINE="$machine" \
		ARGS="$* -- udp_echo=$((base + 1)) tcp_sum=$((base + 2)) tcp_reset=$((base + 3)) tcp_closed=$((base + 4)) listen=8080 serve=4 ${dns[*]}" \
		QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$((base + 5))-:8080 -device $device,netdev=n0" \
		-- "${expect[@]}"
	kill "$peer" 2>/dev/null
	wait "$peer" 2>/dev/null
	log=$peerlog
	if grep -q "hostpeer: fwd: 4 of 4 ok" "$peerlog"; then
		t_pass "$name-hostfwd"
	else
		t_fail "$name-hostfwd" "the host's client of the image's server did not get 4 good answers"
	fi
}

build_test build/sockets A=tests/apps/sockets O="$out/sockets" && sk_image=$image || sk_image=

if [ -n "$sk_image" ]; then
	sk_boot sockets/microvm microvm 19100 virtio-net-device "virtio_mmio.device=512@0xfeb00e00:12"
	sk_boot sockets/q35 q35 19120 virtio-net-pci
	if [ -z "$sk_dns_addrs" ] && selected sockets/dns; then
		t_skip sockets/dns "the host cannot resolve $sk_dns_name (getent ahostsv4), so there is no answer to compare"
	fi
fi
