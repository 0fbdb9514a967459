# SPDX-License-Identifier: BSD-3-Clause
# PCI on arm64 (QEMU -M virt, TCG) beyond what 80-arm64.sh checks: MSI-X and MSI through
# the GICv2m frame of gic-version=2 (SPIs from the frame, the doorbell programmed into
# the devices), INTx where there is no usable MSI controller (GICv3 with and without the
# ITS, which Keel does not drive; a v2m frame whose device-tree properties are out of
# range), the "arm,msi-base-spi"/"arm,msi-num-spis" overrides, and I/O BARs through the
# host bridge's I/O window (QEMU's pci-testdev). The images are 80-arm64.sh's (the same
# folders); the device trees with edited v2m frames are QEMU's own, dumped and edited
# here, and passed back with -dtb.

a64p_missing=
for t in aarch64-linux-gnu-gcc qemu-system-aarch64; do
	command -v $t >/dev/null || a64p_missing="$a64p_missing $t"
done
if [ -n "$a64p_missing" ] && [ "$(uname -m)" != aarch64 ]; then
	selected "arm64-pci/*" && t_skip "arm64-pci/*" "not installed:$a64p_missing (sudo support/install-deps)"
else
test_arch=arm64

# a64p_image VAR APP DIR: VAR = the image 80-arm64.sh built into $out/DIR, else built here.
a64p_image() {
	local cur=${!1:-}
	[ -n "$cur" ] && [ -f "$cur" ] && return 0
	printf -v "$1" ''
	# Skipped when TESTS names something else (a glob that may match our tests builds).
	case ${TESTS:-*} in arm64-pci*|\**|build/arm64-pci/*) ;; *) return 0 ;; esac
	build_test "build/arm64-pci/$3" A="$2" TARGET=kvm-arm64 O="$out/$3" &&
		printf -v "$1" '%s' "$image"
}

# a64p_dtb OUT [NAME=CELLS ...]: QEMU virt's device tree (cortex-a72, 64 MiB as
# support/qemu-run boots it) with properties set in the v2m frame's node; CELLS are
# comma-separated 32-bit values. The property is inserted after the node's name (the
# flattened tree format, Devicetree Specification v0.4 §5.4) and its name appended to
# the strings block.
a64p_dtb_orig=
a64p_dtb() {
	local dtb=$1
	shift
	if [ -z "$a64p_dtb_orig" ]; then	# dumped once per run
		timeout 20 qemu-system-aarch64 -M virt,dumpdtb="$out/a64p-virt.dtb" -cpu cortex-a72 \
			-m 64M -display none >/dev/null 2>&1 || return 1
		a64p_dtb_orig=$out/a64p-virt.dtb
	fi
	python3 - "$a64p_dtb_orig" "$dtb" "$@" <<'EOF2'
import struct, sys
src, dst, props = sys.argv[1], sys.argv[2], sys.argv[3:]
blob = open(src, "rb").read()
hdr = list(struct.unpack(">10I", blob[:40]))
total, off_struct, off_strings, size_strings, size_struct = hdr[1], hdr[2], hdr[3], hdr[8], hdr[9]
assert hdr[0] == 0xd00dfeed and off_struct < off_strings
st = blob[off_struct:off_struct + size_struct]
strings = blob[off_strings:off_strings + size_strings]
pos = 0
while True:		# find FDT_BEGIN_NODE "v2m@..."
    tok = struct.unpack(">I", st[pos:pos + 4])[0]
    if tok == 1:
        end = st.index(b"\0", pos + 4)
        name = st[pos + 4:end]
        nxt = (end + 1 + 3) & ~3
        if name.startswith(b"v2m@"):
            at = nxt
            break
        pos = nxt
    elif tok == 3:
        ln = struct.unpack(">I", st[pos + 4:pos + 8])[0]
        pos += 12 + ((ln + 3) & ~3)
    elif tok in (2, 4):
        pos += 4
    else:
        sys.exit("no v2m frame node")
ins = b""
for p in props:
    pname, cells = p.split("=")
    vals = [int(v, 0) for v in cells.split(",")]
    ins += struct.pack(">III", 3, 4 * len(vals), len(strings)) + struct.pack(">%dI" % len(vals), *vals)
    strings += pname.encode() + b"\0"
st = st[:at] + ins + st[at:]
hdr[3] = off_struct + len(st)
hdr[8], hdr[9] = len(strings), len(st)
out = struct.pack(">10I", *hdr) + blob[40:off_struct] + st + strings
assert len(out) <= total
open(dst, "wb").write(out + b"\0" * (total - len(out)))
EOF2
}

a64p_image a64_pci tests/apps/pci a64-pci
a64p_image a64_virtio tests/apps/virtio a64-virtio
a64p_devs="-device virtio-rng-pci,vectors=4,disable-legacy=on
	-device pci-bridge,chassis_nr=1,id=b1
	-device virtio-rng-pci,bus=b1,addr=1,disable-legacy=on,vectors=2
	-device edu,addr=4 -device pci-testdev,addr=5"
a64p_checks="expect=1af4:1044,msix=4 rng-irq edu-irq testdev-io"
a64p_ok=("pciapp: expect 1af4:1044,msix=4: ok" "pciapp: testdev-io 00:05.0: ok"
	"pciapp: testdev 00:05.0: BAR1 io 0x1000: test 0 'portio-no-eventfd'"
	"count 0 then 16 after 16 writes" "pciapp: edu-irq 00:04.0: ok"
	"3 interrupts, status bits 0x7, line count +3" "pciapp: 0 failures" "!FAIL"
	"!CPU exception" "!no handler claimed")

if [ -n "$a64_pci" ]; then
	# GICv2 (virt's default): MSI-X for the rngs, MSI for edu, all on the frame's SPIs
	# (QEMU: INTIDs 80..143), in the order the vectors were asked for.
	boot_test arm64-pci/msi-gicv2m "$a64_pci" 0 QEMU_ARGS="$a64p_devs" \
		ARGS="log.level=debug -- $a64p_checks" -- "${a64p_ok[@]}" \
		"gic: v2m@8020000: MSI frame at 0x8020000, SPIs 80..143" \
		"gic: MSI through 1 GICv2m frame, 64 SPIs" \
		"pci: I/O BARs assigned at 0x1000-" "bar1 io 0x1000+0x100" \
		"pciapp: rng-irq 00:01.0: ok (msix, line 80, 1 interrupt(s)" \
		"pciapp: rng-irq 01:01.0: ok (msix, line 81, 1 interrupt(s)" \
		"pciapp: edu-irq 00:04.0: MSI, line 82, 3 interrupts" "!warning: gic" \
		"!using INTx"
	# No MSI controller: GICv3 with the ITS (which Keel does not drive) and without it
	# (QEMU then refuses edu, whose MSI it cannot deliver): INTx through interrupt-map,
	# slot S pin P on SPI 3 + (S + P) % 4, the bridged rng as INTB of slot 2.
	boot_test arm64-pci/intx-gicv3-its "$a64_pci" 0 MACHINE=virt,gic-version=3 \
		QEMU_ARGS="$a64p_devs" ARGS="log.level=debug -- $a64p_checks" -- "${a64p_ok[@]}" \
		"gic: no MSI: the GICv3 ITS is not supported (PCI devices use INTx)" \
		"pciapp: rng-irq 00:01.0: ok (intx, line 36" "pciapp: rng-irq 01:01.0: ok (intx, line 38" \
		"pciapp: edu-irq 00:04.0: INTx, line 35, 3 interrupts" "!MSI-X vectors"
	boot_test arm64-pci/intx-gicv3-its-off "$a64_pci" 0 MACHINE=virt,gic-version=3,its=off \
		QEMU_ARGS="-device virtio-rng-pci -device pci-testdev,addr=5" \
		ARGS="log.level=debug -- rng-irq testdev-io" -- \
		"gic: no MSI controller in the device tree (PCI devices use INTx)" \
		"pciapp: rng-irq 00:01.0: ok (intx, line 36" "pciapp: testdev-io 00:05.0: ok" \
		"pciapp: 0 failures" "!FAIL" "!MSI-X vectors" "!warning"
	# The frame's SPIs from the device tree: 2 SPIs from INTID 100. edu's MSI takes
	# 100, the first rng's MSI-X 101; the second rng finds none left and uses INTx.
	d=$out/a64p-v2m-override.dtb
	if selected arm64-pci/v2m-dt-override &&
	   ! a64p_dtb "$d" arm,msi-base-spi=100 arm,msi-num-spis=2; then
		t_fail arm64-pci/v2m-dt-override "could not dump and edit virt's device tree"
	elif selected arm64-pci/v2m-dt-override; then
		boot_test arm64-pci/v2m-dt-override "$a64_pci" 0 QEMU_ARGS="$a64p_devs -dtb $d" \
			ARGS="log.level=debug -- edu-irq rng-irq" -- \
			"MSI_TYPER says SPIs from 80, 64 of them; the device tree says from 100, 2" \
			"gic: v2m@8020000: MSI frame at 0x8020000, SPIs 100..101" \
			"pciapp: edu-irq 00:04.0: MSI, line 100, 3 interrupts" \
			"pciapp: rng-irq 00:01.0: ok (msix, line 101" \
			"warning: pci: 01:01.0: no MSI line (error -28); using INTx" \
			"pciapp: rng-irq 01:01.0: ok (intx, line 38" "pciapp: 0 failures" "!FAIL"
	fi
	# Malformed frames are refused, and everything uses INTx: SPIs that are SGIs/PPIs,
	# SPIs beyond the distributor's, and a property of the wrong size.
	for bad in "sgi arm,msi-base-spi=8" "beyond arm,msi-base-spi=280" \
		   "cells arm,msi-base-spi=80,0"; do
		n=arm64-pci/v2m-refused-${bad%% *} d=$out/a64p-v2m-${bad%% *}.dtb
		case ${bad%% *} in
		sgi) msg="64 MSI SPIs from INTID 8 are not SPIs of this GIC (INTIDs 32..287)" ;;
		beyond) msg="64 MSI SPIs from INTID 280 are not SPIs of this GIC" ;;
		cells) msg="arm,msi-base-spi or arm,msi-num-spis is not one cell; frame not used" ;;
		esac
		selected "$n" || continue
		if ! a64p_dtb "$d" ${bad#* }; then
			t_fail "$n" "could not dump and edit virt's device tree"
			continue
		fi
		boot_test "$n" "$a64_pci" 0 QEMU_ARGS="-device virtio-rng-pci -dtb $d" \
			ARGS="log.level=debug -- rng-irq" -- "warning: gic: v2m@8020000: $msg" \
			"gic: no MSI: no usable GICv2m frame (PCI devices use INTx)" \
			"pciapp: rng-irq 00:01.0: ok (intx" \
			"!MSI frame at" "pciapp: 0 failures" "!FAIL"
	done
fi

# virtio-pci on GICv2: a vector per queue from the frame; the interrupts are counted.
[ -n "$a64_virtio" ] && boot_test arm64-pci/virtio-msix-gicv2m "$a64_virtio" 0 \
	QEMU_ARGS="-device virtio-rng-pci" -- "!FAIL" "!CPU exception" "entropy: ok" "counters: ok" \
	"virtio-rng0 on pci, queue size 8, interrupts: MSI-X, a vector per queue" \
	"64 through indirect tables" "1 devices, 0 failures"

unset test_arch
fi
