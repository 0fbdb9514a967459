# SPDX-License-Identifier: BSD-3-Clause
# Virtio core, split virtqueues and both transports: tests/apps/virtio drives virtio-rng
# devices on microvm (virtio-mmio, legacy version 1 and version 2) and on q35/pc
# (virtio-pci: MSI-X per queue, one shared vector, INTx), with and without indirect
# descriptors and event idx; bad virtio_mmio.device= words stop the boot.
#
# QEMU 7.2 microvm (qemu-run's flags: acpi=off, so one IOAPIC) has 8 virtio-mmio
# transports of 512 bytes at 0xfeb00000 + 512 * n, irq 5 + n; the first -device lands
# on the last one, 0xfeb00e00 irq 12, the second on 0xfeb00c00 irq 11. Its transports
# are legacy (version 1) unless -global virtio-mmio.force-legacy=false.

vio_ok=("!FAIL" "!CPU exception" "!bad_id 1" "entropy: ok (256 requests" "chains: ok"
	"counters: ok")
mmio_all=""
for n in 0 1 2 3 4 5 6 7; do
	base=$(printf '0x%x' $((0xfeb00000 + 512 * n)))
	mmio_all="$mmio_all virtio_mmio.device=512@$base:$((5 + n))"
done

build_test build/virtio A=tests/apps/virtio O="$out/virtio"
virtio=$image

boot_test virtio/mmio-legacy "$virtio" 0 ARGS="virtio_mmio.device=512@0xfeb00e00:12" \
	QEMU_ARGS="-device virtio-rng-device" -- "${vio_ok[@]}" \
	"virtio-rng0 on mmio (legacy), queue size 256" "version_1=no indirect=yes event_idx=yes" \
	"entropy: ok (256 requests, 64 in flight, all distinct)" "64 through indirect tables" \
	"1 devices, 0 failures"

# Version 2; all eight windows given (six empty: skipped quietly), the last one after
# "--" as a VMM appends it. Devices are named in window order: the second -device
# (without indirect and event idx, at 0xfeb00c00) is virtio-rng0.
v2_args="${mmio_all% virtio_mmio.device=512@0xfeb00e00:12}"
v2_args="$v2_args -- virtio_mmio.device=0x200@0xfeb00e00:12"
v2_qemu="-global virtio-mmio.force-legacy=false -device virtio-rng-device"
v2_qemu="$v2_qemu -device virtio-rng-device,indirect_desc=off,event_idx=off"
boot_test virtio/mmio-v2 "$virtio" 0 ARGS="$v2_args" QEMU_ARGS="$v2_qemu" \
	-- "${vio_ok[@]}" "!warning" "virtio-rng0 on mmio, queue size 256" \
	"virtio-rng0: features 0x100000000: version_1=yes indirect=no event_idx=no" \
	"virtio-rng0: chains: ok (64 requests of 3 buffers, 16 in flight, 0 through indirect" \
	"virtio-rng1: features 0x130000000: version_1=yes indirect=yes event_idx=yes" \
	"virtio-rng1: chains: ok (64 requests of 3 buffers, 16 in flight, 64 through indirect" \
	"2 devices, 0 failures"

for m in q35 pc; do
	boot_test "virtio/pci-$m" "$virtio" 0 MACHINE=$m QEMU_ARGS="-device virtio-rng-pci" -- \
		"${vio_ok[@]}" "virtio-rng0 on pci, queue size 8, interrupts: MSI-X, a vector per queue" \
		"version_1=yes indirect=yes event_idx=yes" "64 through indirect tables" \
		"1 devices, 0 failures"
done
boot_test virtio/pci-modern-only "$virtio" 0 MACHINE=q35 ARGS="log.level=debug" \
	QEMU_ARGS="-device virtio-rng-pci,disable-legacy=on" -- "${vio_ok[@]}" \
	"1af4:1044" "virtio-rng0 on pci" "1 devices, 0 failures"
boot_test virtio/pci-no-ring-features "$virtio" 0 MACHINE=pc \
	QEMU_ARGS="-device virtio-rng-pci,indirect_desc=off,event_idx=off" -- "${vio_ok[@]}" \
	"features 0x100000000: version_1=yes indirect=no event_idx=no" \
	"chains: ok (64 requests of 3 buffers, 2 in flight, 0 through indirect tables)" \
	"1 devices, 0 failures"
boot_test virtio/pci-shared-vector "$virtio" 0 MACHINE=q35 \
	QEMU_ARGS="-device virtio-rng-pci,vectors=1" -- "${vio_ok[@]}" \
	"interrupts: MSI-X, one shared vector" "1 devices, 0 failures"
for m in q35 pc; do
	boot_test "virtio/pci-intx-$m" "$virtio" 0 MACHINE=$m ARGS="pci.msix=0" \
		QEMU_ARGS="-device virtio-rng-pci" -- "${vio_ok[@]}" "interrupts: INTx, ISR read" \
		"1 devices, 0 failures"
done

# Refusals: a legacy-only PCI device; malformed windows, before and after "--".
boot_test virtio/pci-legacy-only "$virtio" 1 MACHINE=pc \
	QEMU_ARGS="-device virtio-rng-pci,disable-modern=on" -- \
	"no modern virtio capabilities" "virtio: no virtio-rng device was probed"
boot_test virtio/mmio-bad-word "$virtio" 126 ARGS="virtio_mmio.device=512@0xfeb00e00" -- \
	"virtio_mmio.device=512@0xfeb00e00: no ':<irq>' after the base address" \
	"bad value '512@0xfeb00e00' for Keel parameter virtio_mmio.device" "!virtio: "
boot_test virtio/mmio-bad-size "$virtio" 126 ARGS="-- app virtio_mmio.device=4Q@0xfeb00e00:12" -- \
	"virtio_mmio.device=4Q@0xfeb00e00:12: no '@<base address>' after the size" "!virtio: "
