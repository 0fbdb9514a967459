# SPDX-License-Identifier: BSD-3-Clause
# lwIP (lib/lwip): tests/apps/lwip uses lwIP's netconn API over virtio-net against QEMU
# user networking (slirp: DHCP gives 10.0.2.15/24, gateway 10.0.2.2, DNS 10.0.2.3, and
# 10.0.2.2 is the host's 127.0.0.1). Checked: the boot line of DHCP and static
# configuration, two interfaces, bad netdev.ip=/netdev.dns= values stopping the boot,
# DHCP that never answers, ICMP echo to the gateway, a TCP connection to a listener of
# this script (greeting checked here, 64 KiB pattern checked in the image), and a TCP
# echo server in the image reached through hostfwd (4 KiB, 20 short connections, then
# 1 MiB each way, compared on both sides) with the heap back where it was; on microvm
# (virtio-mmio) and q35 (virtio-pci). Then checksum offload both ways over a tap
# device in a private network namespace, the cached sources reused by a second build,
# and a download that fails or does not match its sha256. Host ports 18070..18079.

lwip_ok=("!FAIL" "!CPU exception" "!panic" "!error: " "!warning: ")
lwip_mmio0="virtio_mmio.device=512@0xfeb00e00:12"	# the first -device (61-virtio.sh)
lwip_mmio1="virtio_mmio.device=512@0xfeb00c00:11"
lwip_user0="-netdev user,id=n0"
lwip_ll0="ipv6 fe80::5054:ff:fe12:3456"	# from QEMU's default MAC 52:54:00:12:34:56
lwip_host=$root/tests/apps/lwip/host.py

lwip_tests_selected() {
	local t
	for t in lwip/dhcp-microvm lwip/dhcp-q35 lwip/static lwip/two-nics lwip/off \
		lwip/dhcp-silent lwip/bad-ip lwip/bad-ip-entry lwip/bad-dns lwip/tcp-microvm \
		lwip/tcp-q35 lwip/tap-offload build/lwip-cached build/lwip-fetch-unreachable \
		build/lwip-fetch-bad-sha256; do
		selected "$t" && return 0
	done
	return 1
}

lwip=
if selected build/lwip || lwip_tests_selected; then
	build_test build/lwip A=tests/apps/lwip O="$out/lwip" && lwip=$image
fi

# Wait until FILE holds PATTERN (or PID has exited); 20 s at most.
lwip_wait_for() {
	local file=$1 pattern=$2 pid=$3
	for _ in $(seq 200); do
		grep -qF -- "$pattern" "$file" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# lwip_tcp NAME MACHINE DEVICE BOOT-ARGS PORT: the image connects to our listener on
# PORT+1, then serves echo on its port 7, which hostfwd puts at 127.0.0.1:PORT.
lwip_tcp() {
	local name=$1 machine=$2 dev=$3 args=$4 port=$5 lport=$(($5 + 1)) qpid spid hrc
	selected "$name" || return 0
	log=$out/logs/${name////_}.log
	python3 "$lwip_host" serve "$lport" >"$log.serve" 2>&1 &
	spid=$!
	if ! lwip_wait_for "$log.serve" "host: listening" "$spid"; then
		kill "$spid" 2>/dev/null
		cp "$log.serve" "$log"
		t_fail "$name" "the host listener did not start"
		return
	fi
	env ACCEL="${ACCEL:-tcg}" MACHINE="$machine" \
		ARGS="$args -- connect=$lport echo=22 mem" \
		QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7 -device $dev,netdev=n0" \
		timeout "$boot_timeout" "$root/support/qemu-run" "$lwip" >"$log.guest" 2>&1 </dev/null &
	qpid=$!
	if lwip_wait_for "$log.guest" "lwip: echo: listening" "$qpid"; then
		timeout "$boot_timeout" python3 "$lwip_host" echo "$port" >"$log.echo" 2>&1
		hrc=$?
	else
		hrc=99
		echo "host: echo: FAIL (the image never listened)" >"$log.echo"
	fi
	wait "$qpid"
	rc=$?
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	cat "$log.guest" "$log.serve" "$log.echo" >"$log"
	[ "$hrc" -eq 0 ] || echo "host: echo client exited with $hrc" >>"$log"
	check "$name" 0 "${lwip_ok[@]}" "!host: echo client exited" \
		"lwip: connect: ok (10.0.2.2:$lport, greeting sent, 65536 bytes back" \
		"host: greeting: ok (26 bytes" "host: echo text: ok (4096 bytes sent, 4096 back)" \
		"host: echo small 20: ok" "lwip: echo 22: ok (1048576 bytes echoed, pattern checked" \
		"host: echo bulk: ok (1048576 bytes sent, 1048576 back)" "lwip: mem: ok" \
		"lwip: 0 failures"
}

if [ -n "$lwip" ]; then
	boot_test lwip/dhcp-microvm "$lwip" 0 ARGS="$lwip_mmio0 -- ping mem" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-device,netdev=n0" -- "${lwip_ok[@]}" \
		"eth0: link up, 10.0.2.15/24 via DHCP, gateway 10.0.2.2, dns 10.0.2.3, $lwip_ll0" \
		"lwip: ping: ok (56 bytes of data to 10.0.2.2, reply came" "lwip: mem: ok" \
		"lwip: 0 failures"

	boot_test lwip/dhcp-q35 "$lwip" 0 MACHINE=q35 ARGS="-- ping self" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-pci,netdev=n0" -- "${lwip_ok[@]}" \
		"eth0: link up, 10.0.2.15/24 via DHCP, gateway 10.0.2.2, dns 10.0.2.3, $lwip_ll0" \
		"lwip: ping: ok" "lwip: self: ok (to our own address on port 9, 26 bytes" \
		"lwip: 0 failures"

	# Slirp answers any address on its network; DNS given on the command line.
	boot_test lwip/static "$lwip" 0 MACHINE=q35 \
		ARGS="netdev.ip=10.0.2.16/24:10.0.2.2 netdev.dns=10.0.2.3,fec0::3 -- ping" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-pci,netdev=n0" -- "${lwip_ok[@]}" \
		"eth0: link up, 10.0.2.16/24 static, gateway 10.0.2.2, dns 10.0.2.3 fec0::3, $lwip_ll0" \
		"lwip: ping: ok" "lwip: 0 failures"

	# One entry per interface, in order: eth0 static without a gateway, eth1 DHCP.
	boot_test lwip/two-nics "$lwip" 0 MACHINE=q35 ARGS="netdev.ip=10.0.2.20/24,dhcp -- ping" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-pci,netdev=n0,mac=52:54:00:00:00:10 -netdev user,id=n1 -device virtio-net-pci,netdev=n1,mac=52:54:00:00:00:11" \
		-- "${lwip_ok[@]}" "eth0: link up, 10.0.2.20/24 static, no gateway, dns 10.0.2.3" \
		"eth1: link up, 10.0.2.15/24 via DHCP, gateway 10.0.2.2, dns 10.0.2.3, ipv6 fe80::5054:ff:fe00:11" \
		"lwip: ping: ok" "lwip: 0 failures"

	# No IPv4 (nor DHCP's DNS) at all: the ping has no route.
	boot_test lwip/off "$lwip" 1 ARGS="$lwip_mmio0 netdev.ip=off -- ping" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-device,netdev=n0" -- \
		"eth0: link up, IPv4 off, no dns, $lwip_ll0" "lwip: ping: FAIL" "lwip: 1 failures"

	# A second interface whose network never answers: a warning, then main runs.
	boot_test lwip/dhcp-silent "$lwip" 0 \
		ARGS="$lwip_mmio0 $lwip_mmio1 netdev.dhcp_wait=1500 -- ping" \
		QEMU_ARGS="$lwip_user0 -device virtio-net-device,netdev=n0 -netdev socket,id=n1,udp=127.0.0.1:18078,localaddr=127.0.0.1:18079 -device virtio-net-device,netdev=n1,mac=52:54:00:00:00:21" \
		-- "!FAIL" "!panic" \
		"warning: eth1: no answer from DHCP in 1500 ms; going on without an IPv4 address" \
		"eth1: link up, no IPv4 address yet (DHCP)" \
		"eth0: link up, 10.0.2.15/24 via DHCP" "lwip: ping: ok" "lwip: 0 failures"

	boot_test lwip/bad-ip "$lwip" 126 ARGS="netdev.ip=10.0.2.300/24" -- \
		"fatal: bad value '10.0.2.300/24' for Keel parameter netdev.ip (expected a comma-separated list" \
		"!lwip: start"
	boot_test lwip/bad-ip-entry "$lwip" 126 ARGS="netdev.ip=dhcp,10.0.2.15/33" -- \
		"fatal: bad value 'dhcp,10.0.2.15/33' for Keel parameter netdev.ip" "!lwip: start"
	boot_test lwip/bad-dns "$lwip" 126 ARGS="netdev.dns=10.0.2.3,10.0.2.4,10.0.2.5" -- \
		"fatal: bad value '10.0.2.3,10.0.2.4,10.0.2.5' for Keel parameter netdev.dns" \
		"!lwip: start"

	lwip_tcp lwip/tcp-microvm microvm virtio-net-device "$lwip_mmio0" 18070
	lwip_tcp lwip/tcp-q35 q35 virtio-net-pci "" 18072
fi

# Offloads need a backend with a vnet header: a tap device in a private network
# namespace whose Linux is 10.0.2.2 and listens there. The image leaves its TCP
# checksums to the device, and every TCP frame it sends carries the pseudo-header sum
# for it (read off the tap); Linux sends frames whose checksum it vouches for, which
# lwIP then does not check again.
if [ -n "$lwip" ] && selected lwip/tap-offload; then
	log=$out/logs/lwip_tap-offload.log
	ACCEL="${ACCEL:-tcg}" MACHINE=q35 \
	ARGS="netdev.ip=10.0.2.15/24:10.0.2.2 -- connect=18076 self" \
	QEMU_ARGS="-netdev tap,id=n0,ifname=ktap0,script=no,downscript=no,vnet_hdr=on -device virtio-net-pci,netdev=n0" \
	timeout "$boot_timeout" unshare -n sh -c '
		ip tuntap add dev ktap0 mode tap vnet_hdr &&
		ip addr add 10.0.2.2/24 dev ktap0 && ip link set ktap0 up || exit 99
		python3 "$2" capture ktap0 10.0.2.15 > "$3.cap" 2>&1 &
		cap=$!
		python3 "$2" serve 18076 10.0.2.2 > "$3" 2>&1 &
		for i in $(seq 200); do
			grep -q listening "$3" && grep -q capturing "$3.cap" && break
			sleep 0.1
		done
		"$0" "$1"; rc=$?
		kill $cap
		wait
		exit $rc' "$root/support/qemu-run" "$lwip" "$lwip_host" "$log.serve" \
		>"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 99 ] || grep -q "unshare: " "$log"; then
		t_skip lwip/tap-offload "no private network namespace with a tap device here"
	else
		cat "$log.serve" "$log.serve.cap" >>"$log"
		check lwip/tap-offload 0 "${lwip_ok[@]}" "csum=yes guest_csum=yes" "host: tcp checksums: ok (" \
			"eth0: 52:54:00:12:34:56, mtu 1500, link up, tx checksum offload, rx checksum offload" \
			"eth0: link up, 10.0.2.15/24 static, gateway 10.0.2.2" \
			"lwip: connect: ok (10.0.2.2:18076, greeting sent, 65536 bytes back" \
			"host: greeting: ok (26 bytes" \
			"lwip: self: ok (to our own address on port 9, 26 bytes" "lwip: 0 failures"
	fi
fi

# A second build compiles nothing and fetches nothing.
if [ -n "$lwip" ] && selected build/lwip-cached; then
	build build/lwip-cached O="$out/lwip"
	if [ "$rc" -eq 0 ] && ! grep -qE '^  (FETCH|UNPACK|PATCH|CC|AR|LD) ' "$log"; then
		t_pass build/lwip-cached
	else
		t_fail build/lwip-cached "a second make rebuilt something (status $rc)"
	fi
fi

# A download that fails, or does not match the pinned sha256, stops the build with one
# line and leaves no tarball and no source tree in the cache. The cache is a fresh
# one, sharing only the built newlib.
lwip_fetch_fails() {
	local name=$1 url=$2 pattern=$3 cache lines

	selected "$name" || return 0
	cache=$(mktemp -d "$out/lwip-cache.XXXXXX")
	ln -s "${KEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keel}/newlib" "$cache/newlib"
	rm -rf "$out/lwip-fetch"
	KEEL_LWIP_URL=$url KEEL_CACHE=$cache build "$name" O="$out/lwip-fetch" A=tests/apps/lwip
	lines=$(grep -c '^lwip: ' "$log")
	if [ "$rc" -ne 0 ] && grep -q "$pattern" "$log" && [ "$lines" -eq 1 ] &&
	   ! ls -d "$cache"/src/lwip-* "$cache"/dl/lwip* >/dev/null 2>&1; then
		t_pass "$name"
	else
		t_fail "$name" "status $rc, $lines error lines; output lacks '$pattern' or the cache kept something"
	fi
	rm -rf "$cache"
}
if [ -n "$lwip" ]; then
	echo "not a tarball" >"$out/not-lwip.tar.xz"
	lwip_fetch_fails build/lwip-fetch-unreachable "file://$out/missing.tar.xz" \
		"^lwip: cannot fetch lwip_2.1.3+dfsg1.orig.tar.xz with sha256 0a8276d0.* (file://.*missing.tar.xz: curl: "
	lwip_fetch_fails build/lwip-fetch-bad-sha256 "file://$out/not-lwip.tar.xz" \
		"^lwip: cannot fetch .*not-lwip.tar.xz: sha256 mismatch)"
fi
