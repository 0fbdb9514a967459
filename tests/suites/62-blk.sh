# SPDX-License-Identifier: BSD-3-Clause
# Block devices: tests/apps/blk (lib/blkdev and the virtio-blk driver) with 4 MiB disk
# images made here, on microvm (virtio-mmio, legacy and modern) and q35/pc (virtio-pci).
# Per machine: one boot reads and checks two disks (all sectors, 64 requests in flight,
# both disks at once, refused requests), then a write boot and a second boot on the same
# image check that the write persisted; the host checks the image file in between.

blk_sectors=8192			# 4 MiB in 512-byte sectors
blk_write_first=1001 blk_write_count=2047	# as tests/apps/blk/blktest.h

# blk_image FILE TAG: sector s holds 64 little-endian words TAG << 56 | s << 8 | i.
blk_image() {
	python3 - "$1" "$2" "$blk_sectors" <<'EOF'
import struct, sys
path, tag, sectors = sys.argv[1], ord(sys.argv[2]), int(sys.argv[3])
with open(path, "wb") as f:
    for s in range(sectors):
        f.write(struct.pack("<64Q", *[tag << 56 | s << 8 | i for i in range(64)]))
EOF
}

# blk_image_written FILE: the write step's range holds tag W, the rest tag A.
blk_image_written() {
	python3 - "$1" "$blk_sectors" "$blk_write_first" "$blk_write_count" <<'EOF'
import struct, sys
path, sectors, first, count = sys.argv[1], *map(int, sys.argv[2:])
data = open(path, "rb").read()
assert len(data) == sectors * 512, "size %d" % len(data)
for s in range(sectors):
    tag = ord("W") if first <= s < first + count else ord("A")
    want = struct.pack("<64Q", *[tag << 56 | s << 8 | i for i in range(64)])
    assert data[s * 512:(s + 1) * 512] == want, "sector %d" % s
EOF
}

# blk_disks MACHINE FILE[:ro]...: QEMU flags for the disks, in order (vda, vdb...).
blk_disks() {
	local m=$1 dev=virtio-blk-pci n=0 spec file opts
	shift
	[ "$m" = microvm ] && dev=virtio-blk-device
	for spec in "$@"; do
		file=${spec%:ro} opts=
		[ "$spec" != "$file" ] && opts=,readonly=on
		printf -- '-drive file=%s,if=none,id=d%d,format=raw,cache=unsafe%s ' \
			"$file" $n "$opts"
		printf -- '-device %s,drive=d%d ' $dev $n
		n=$((n + 1))
	done
}

# microvm (acpi=off, one IOAPIC) has 8 virtio-mmio windows of 512 bytes from 0xfeb00000
# on GSI 5..12; QEMU fills them from the last, and multiboot does not pass them on.
blk_mmio_args="virtio_mmio.device=512@0xfeb00e00:12 virtio_mmio.device=512@0xfeb00c00:11"

blk=
build_test build/blk A=tests/apps/blk O="$out/blk" && blk=$image

blk_a=$out/blk-a.img blk_b=$out/blk-b.img
blk_image "$blk_a" A && blk_image "$blk_b" B || t_fail blk/images "python3 failed"

blk_read_checks=("blk: disk vda: $blk_sectors sectors of 512 bytes"
	"blk: disk vdb: $blk_sectors sectors of 512 bytes" ", read-only"
	"blk: verify: ok" "blk: verify-unaligned: ok" "blk: inflight: ok"
	"blk: inflight-irqs-off: ok" "blk: ring-full: ok"
	"blk: two-vda: ok" "blk: two-vdb: ok" "blk: two: the reads overlapped in time: yes"
	"blk: errors-flags: ok" "blk: errors-range: ok" "blk: errors-readonly: ok"
	"blk: errors-not-counted: ok" "blk: 0 failures" "!FAIL" "!CPU exception")

# blk_machine NAME MACHINE KEEL-ARGS EXTRA-QEMU-FLAGS
blk_machine() {
	local name=$1 m=$2 kargs=$3 extra=$4 img=$out/blk-w-$1.img
	[ -n "${blk:-}" ] || return 0
	boot_test "blk/$name/read" "$blk" 0 MACHINE=$m \
		QEMU_ARGS="$extra $(blk_disks "$m" "$blk_a" "$blk_b:ro")" \
		ARGS="$kargs -- verify inflight two errors" -- "${blk_read_checks[@]}"
	# The three run together: each needs the one before.
	selected "blk/$name/write" || selected "blk/$name/persist/host" ||
		selected "blk/$name/persist" || return 0
	cp "$blk_a" "$img"
	run_boot "blk/$name/write" "$blk" MACHINE=$m ARGS="$kargs -- write" \
		QEMU_ARGS="$extra $(blk_disks "$m" "$img")"
	check "blk/$name/write" 0 "blk: write: ok" "blk: write-readback: ok" ", flush" \
		"(1048064 bytes) flushes 1 errors 0" "blk: 0 failures" "!FAIL"
	log=$out/logs/blk_${name}_persist_host.log
	if blk_image_written "$img" >"$log" 2>&1; then
		t_pass "blk/$name/persist/host"
	else
		t_fail "blk/$name/persist/host" "the image file does not hold the write"
	fi
	run_boot "blk/$name/persist" "$blk" MACHINE=$m ARGS="$kargs -- check-written" \
		QEMU_ARGS="$extra $(blk_disks "$m" "$img")"
	check "blk/$name/persist" 0 "blk: check-written: ok" "blk: 0 failures" "!FAIL"
}

# blk_extra NAME MACHINE KEEL-ARGS: errors from the device itself (blkdebug fails reads
# of sector 100 with EIO, which virtio-blk reports as IOERR) and 4096-byte blocks.
blk_extra() {
	local name=$1 m=$2 kargs=$3 dev=virtio-blk-pci drive blk_4k
	[ -n "${blk:-}" ] || return 0
	[ "$m" = microvm ] && dev=virtio-blk-device
	drive="if=none,id=d0,format=raw,cache=unsafe"
	blk_4k="logical_block_size=4096,physical_block_size=4096"
	boot_test "blk/$name/ioerror" "$blk" 0 MACHINE=$m ARGS="$kargs -- ioerror" \
		QEMU_ARGS="-drive file=blkdebug:$blk_ioerr:$blk_a,$drive -device $dev,drive=d0" -- \
		"blk: ioerror: ok" "errors 1" "blk: 0 failures" "!FAIL"
	boot_test "blk/$name/4k" "$blk" 0 MACHINE=$m ARGS="$kargs -- verify" \
		QEMU_ARGS="-drive file=$blk_a,$drive -device $dev,drive=d0,$blk_4k" -- \
		"blk: disk vda: 1024 sectors of 4096 bytes, 128 per request" "blk: verify: ok" \
		"blk: verify-unaligned: ok" "blk: 0 failures" "!FAIL"
}

blk_ioerr=$out/blk-ioerr.conf
printf '[inject-error]\nevent = "read_aio"\nerrno = "5"\nsector = "100"\n' >"$blk_ioerr"

blk_machine microvm microvm "$blk_mmio_args" ""
blk_machine microvm-modern microvm "$blk_mmio_args" "-global virtio-mmio.force-legacy=false"
blk_machine q35 q35 "" ""
blk_machine pc pc "" ""
# Chains in the ring itself (no indirect descriptors) and no event index.
blk_machine q35-direct q35 "" \
	"-global virtio-blk-pci.indirect_desc=off -global virtio-blk-pci.event_idx=off"
blk_extra microvm microvm "$blk_mmio_args"
blk_extra q35 q35 ""
