#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# IPv6 link-local between Linux and a netsock image over a tap device, run by
# tests/suites/71-sockets.sh inside a private network namespace (unshare -n), so the
# device, its addresses and its ports are the test's alone:
#   ll6-netns.sh ROOT IMAGE LOG PORT BOOT-TIMEOUT
# Linux's side is ktap0 with the MAC 02:00:00:00:00:01 and the link-local address
# its EUI-64 gives (fe80::ff:fe00:1, set by hand without duplicate address detection,
# so it is usable before QEMU brings the link up); hostll.py serves TCP and UDP on
# it at PORT. The image (MAC 52:54:00:ab:cd:ef, no IPv4) runs netsock's link-local
# group against it; once the image listens, Linux pings the image's fe80:: address
# and connects to it. The image's output goes to LOG, the host's to LOG.serve,
# LOG.ping and LOG.client. Exit status: 99 when the namespace cannot have a tap
# device, else the image's.
root=$1 image=$2 log=$3 port=$4 boot_timeout=$5
host_ll=fe80::ff:fe00:1
guest_ll=fe80::5054:ff:feab:cdef
hostll=$root/tests/apps/netsock/hostll.py

ip link set lo up &&
ip tuntap add dev ktap0 mode tap &&
ip link set dev ktap0 address 02:00:00:00:00:01 addrgenmode none &&
ip -6 addr add "$host_ll/64" dev ktap0 nodad &&
ip link set dev ktap0 up || exit 99

python3 "$hostll" serve "$host_ll" ktap0 "$port" >"$log.serve" 2>&1 &
serve=$!
for _ in $(seq 50); do
	grep -q "hostll: listening" "$log.serve" && break
	sleep 0.1
done

ACCEL="${ACCEL:-tcg}" MACHINE=q35 \
	ARGS="netdev.ip=off -- peer=$host_ll%eth0 peer_port=$port listen=8080 link-local" \
	QEMU_ARGS="-netdev tap,id=n0,ifname=ktap0,script=no,downscript=no -device virtio-net-pci,netdev=n0,mac=52:54:00:ab:cd:ef" \
	timeout "$boot_timeout" "$root/support/qemu-run" "$image" >"$log" 2>&1 </dev/null &
qemu=$!
for _ in $(seq 600); do
	grep -q "netsock: ll6: listening" "$log" && break
	kill -0 "$qemu" 2>/dev/null || break
	sleep 0.1
done
if grep -q "netsock: ll6: listening" "$log"; then
	python3 "$hostll" ping "$guest_ll" ktap0 3 >"$log.ping" 2>&1
	python3 "$hostll" client "$guest_ll" ktap0 8080 >"$log.client" 2>&1
fi
wait "$qemu"
rc=$?
kill "$serve" 2>/dev/null
wait "$serve" 2>/dev/null
exit "$rc"
