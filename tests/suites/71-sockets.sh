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
# tests/apps/netsock then covers what needs a boot of its own: IPv6 link-local both
# ways with scope ids, over a tap device in a private network namespace (QEMU's user
# networking carries no link-local traffic between host and guest), skipped where no
# such namespace can be made; and the three close paths in which lwIP 2.1.3 freed a
# pcb twice (lib/lwip/patches/0002), each in its own boot over the loopback.

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

build_test build/netsock A=tests/apps/netsock O="$out/netsock" && ns_image=$image || ns_image=

# Each close path in its own boot, so that a double free (a panic) names its path.
if [ -n "$ns_image" ]; then
	for path in last-ack time-wait-read time-wait-unread; do
		boot_test "sockets/close-$path" "$ns_image" 0 ARGS="-- close-$path" -- \
			"!panic" "!CPU exception" "netsock: close-$path: ok" "netsock: 0 failures"
	done
fi

# Link-local both ways over a tap device (tests/apps/netsock/ll6-netns.sh): the image
# pings Linux's fe80:: address, connects to it by getaddrinfo's answer and by a
# sockaddr_in6 with sin6_scope_id, exchanges a datagram, gets EINVAL/ENETUNREACH/
# ENODEV for a missing or wrong scope id; Linux pings the image's EUI-64 address and
# connects to its listener on [::]. Host ports are the namespace's own (20401).
if [ -n "$ns_image" ] && selected sockets/link-local; then
	log=$out/logs/sockets_link-local.log
	timeout $((boot_timeout + 30)) unshare -n bash "$root/tests/apps/netsock/ll6-netns.sh" \
		"$root" "$ns_image" "$log.guest" 20401 "$boot_timeout" >"$log.ns" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 99 ] || grep -q "unshare: " "$log.ns"; then
		t_skip sockets/link-local "no private network namespace with a tap device here ($(head -n 1 "$log.ns"))"
	else
		cat "$log.guest" "$log.guest.serve" "$log.guest.ping" "$log.guest.client" "$log.ns" \
			>"$log" 2>/dev/null
		ll_expect=("!FAIL" "!panic" "!CPU exception" "!error: "
			"eth0: link up, IPv4 off, no dns, ipv6 fe80::5054:ff:feab:cdef"
			"hostll: ping: ok (3 of 3 replies from fe80::5054:ff:feab:cdef%ktap0)"
			"hostll: client: reply 'guest: hello fe80::ff:fe00:1%eth0 at fe80::5054:ff:feab:cdef%eth0'"
			"hostll: tcp from fe80::5054:ff:feab:cdef scope"
			"hostll: udp 12 bytes from fe80::5054:ff:feab:cdef" "netsock: 0 failures")
		for c in getaddrinfo ping tcp-connect tcp-scope-id udp no-scope bad-scope accept; do
			ll_expect+=("netsock: ll6-$c: ok")
		done
		check sockets/link-local 0 "${ll_expect[@]}"
	fi
fi
