# SPDX-License-Identifier: BSD-3-Clause
# Network devices: tests/apps/net (lib/netdev and the virtio-net driver) against QEMU
# user networking (slirp, gateway 10.0.2.2 at 52:55:0a:00:02:02) on microvm
# (virtio-mmio, legacy and version 2) and q35/pc (virtio-pci): ARP and ICMP echo with
# the reply waited for through the rx_ready hook, a burst of ARP requests, checksums
# left partial (filled in by lib/netdev: QEMU offers CSUM/GUEST_CSUM only to backends
# with a vnet header, which user networking is not), counters, two NICs at once,
# mrg_rxbuf/csum off, legacy framing (header in its own descriptor), an MTU from the
# device, frames spread over small mergeable buffers, INTx, and a tx rate figure.

net_ok=("!FAIL" "!CPU exception" "!error: " "arp: ok (10.0.2.2 is at 52:55:0a:00:02:02"
	"arp-burst: ok (10 sent in one burst, 10 replies)" "ping: ok (98 bytes, reply came)"
	"ping-partial: ok (98 bytes, checksum filled in by" "ping-large: ok ("
	"ping-bad-checksum: ok (98 bytes, reply missing)" "malformed: ok (10 and 1519 bytes"
	"counters: ok (tx 15/15 frames")
net_mmio0="virtio_mmio.device=512@0xfeb00e00:12"	# the first -device (61-virtio.sh)
net_mmio1="virtio_mmio.device=512@0xfeb00c00:11"
net_user0="-netdev user,id=n0"
net_user1="-netdev user,id=n1"

build_test build/net A=tests/apps/net O="$out/net"
net=$image

boot_test net/microvm-legacy "$net" 0 ARGS="$net_mmio0 -- nics=1" \
	QEMU_ARGS="$net_user0 -device virtio-net-device,netdev=n0" -- "${net_ok[@]}" \
	"virtio-net0 is eth0: link up, mtu 1500, mrg_rxbuf=yes" "on mmio (legacy)" \
	"eth0: 52:54:00:12:34:56" "net: 1 interfaces, 0 failures"

# Version 2, 64-byte mergeable buffers: the 1442-byte reply spans 23 of them.
boot_test net/microvm-v2-small-buffers "$net" 0 \
	ARGS="virtio_net.rx_buf=64 $net_mmio0 -- nics=1 spans" \
	QEMU_ARGS="-global virtio-mmio.force-legacy=false $net_user0 -device virtio-net-device,netdev=n0" \
	-- "${net_ok[@]}" "!on mmio (legacy)" "rx 256 buffers of 64 bytes" "spans: ok (" \
	"ping-large: ok (1442 bytes" "counters: ok (tx 15/15 frames 2396/2396 bytes" \
	"net: 1 interfaces, 0 failures"

# Legacy framing without ANY_LAYOUT: the receive header in its own descriptor, so
# without indirect tables half the ring's buffers; the 10-byte header without mrg_rxbuf.
boot_test net/microvm-legacy-split "$net" 0 ARGS="$net_mmio0 -- nics=1" \
	QEMU_ARGS="$net_user0 -device virtio-net-device,netdev=n0,any_layout=off,mrg_rxbuf=off,indirect_desc=off" \
	-- "${net_ok[@]}" "mrg_rxbuf=no csum=no guest_csum=no indirect=no, rx 128 buffers" \
	"net: 1 interfaces, 0 failures"

boot_test net/microvm-two-nics "$net" 0 ARGS="$net_mmio0 $net_mmio1 -- nics=2" \
	QEMU_ARGS="$net_user0 -device virtio-net-device,netdev=n0 $net_user1 -device virtio-net-device,netdev=n1" \
	-- "${net_ok[@]}" "eth0: arp: ok" "eth1: arp: ok" "eth0: counters: ok (tx 15/15" \
	"eth1: counters: ok (tx 15/15" "net: 2 interfaces, 0 failures"

for m in q35 pc; do
	boot_test "net/$m" "$net" 0 MACHINE=$m ARGS="-- nics=1" \
		QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0" -- "${net_ok[@]}" \
		"virtio-net0 is eth0: link up" "on pci" "net: 1 interfaces, 0 failures"
done

# Two NICs on two user networks, each with its own MAC, reply and counters.
boot_test net/q35-two-nics "$net" 0 MACHINE=q35 ARGS="-- nics=2" \
	QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0,mac=52:54:00:00:00:10 $net_user1 -device virtio-net-pci,netdev=n1,mac=52:54:00:00:00:11" \
	-- "${net_ok[@]}" "eth0: 52:54:00:00:00:10" "eth1: 52:54:00:00:00:11" \
	"eth0: arp: ok" "eth1: arp: ok" "eth0: counters: ok (tx 15/15" \
	"eth1: counters: ok (tx 15/15" "net: 2 interfaces, 0 failures"

boot_test net/q35-no-offloads "$net" 0 MACHINE=q35 ARGS="-- nics=1" \
	QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0,mrg_rxbuf=off,csum=off,guest_csum=off" \
	-- "${net_ok[@]}" "mrg_rxbuf=no csum=no guest_csum=no" \
	"checksum filled in by lib/netdev" "net: 1 interfaces, 0 failures"

boot_test net/q35-mtu "$net" 0 MACHINE=q35 ARGS="-- nics=1" \
	QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0,host_mtu=1400" \
	-- "${net_ok[@]/malformed: ok (10 and 1519/malformed: ok (10 and 1419}" \
	"eth0: 52:54:00:12:34:56, mtu 1400" "ping-large: ok (1414 bytes" \
	"net: 1 interfaces, 0 failures"

boot_test net/pc-intx "$net" 0 MACHINE=pc ARGS="pci.msix=0 -- nics=1" \
	QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0" -- "${net_ok[@]}" \
	"net: 1 interfaces, 0 failures"

# No device: no interface, and the app says so.
boot_test net/none "$net" 1 ARGS="-- nics=1" -- "net: 0 interfaces, expected 1: FAIL"

boot_test net/bad-rx-buf "$net" 126 ARGS="virtio_net.rx_buf=16" -- \
	"bad value '16' for Keel parameter virtio_net.rx_buf"

# Transmit rate of 64-byte frames (60 + FCS) for one second, TCG: a figure, not a limit.
if selected net/tx-pps; then
	run_boot net/tx-pps "$net" MACHINE=q35 ARGS="-- nics=1 pps" \
		QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0"
	if check net/tx-pps 0 "${net_ok[@]}" "tx-pps: ok ("; then
		sed -n 's/.*tx-pps: ok (\(.*\))/    \1/p' "$log"
	fi
fi

# Checksum offload both ways needs a backend with a vnet header: a tap device, here in
# a private network namespace (nothing outside it changes) whose Linux answers as the
# gateway, with slirp's address and MAC. Skipped without the privileges for that.
if selected net/tap-offload; then
	log=$out/logs/net_tap-offload.log
	ACCEL="${ACCEL:-tcg}" MACHINE=q35 ARGS="-- nics=1" \
	QEMU_ARGS="-netdev tap,id=n0,ifname=ktap0,script=no,downscript=no,vnet_hdr=on -device virtio-net-pci,netdev=n0" \
	timeout "$boot_timeout" unshare -n sh -c '
		ip tuntap add dev ktap0 mode tap vnet_hdr &&
		ip link set ktap0 address 52:55:0a:00:02:02 &&
		ip addr add 10.0.2.2/24 dev ktap0 && ip link set ktap0 up || exit 99
		exec "$0" "$1"' "$root/support/qemu-run" "$net" >"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 99 ] || grep -q "unshare: " "$log"; then
		t_skip net/tap-offload "no private network namespace with a tap device here"
	else
		check net/tap-offload 0 "${net_ok[@]}" "csum=yes guest_csum=yes" \
			"eth0: 52:54:00:12:34:56, mtu 1500, link up, tx checksum offload, rx checksum offload" \
			"ping-partial: ok (98 bytes, checksum filled in by the device, reply came)" \
			"ping-large: ok (1442 bytes, checksum filled in by the device, reply came)" \
			"net: 1 interfaces, 0 failures"
	fi
fi
