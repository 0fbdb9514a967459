# SPDX-License-Identifier: BSD-3-Clause
# 9pfs: tests/apps/9p mounts a host folder shared by QEMU (-fsdev local + virtio-9p) with
# vfs.mount=host0:/mnt on q35 (virtio-9p-pci) and microvm (virtio-9p-device, legacy and
# version 2), reads what the host wrote, writes what the host checks after the boot,
# moves 64 MiB each way with a CRC-32, has four threads share one file (ramfs and 9p),
# mounts ramfs below the root, and faces a fake host that answers nonsense. Then mounts
# that fail (continue or stop, as configured) and malformed vfs.mount= values.
# Each test gets a fresh host folder under $out/9p-share. 80-arm64.sh boots the same app
# on arm64 with p9_share, p9_qemu, p9_host_state and the expectations defined here.

p9_hello='hello from the host'

# p9_share NAME: a fresh host folder laid out as the app's host group expects.
p9_share() {
	local d=$out/9p-share/$1
	rm -rf "$d"
	mkdir -p "$d/sub" "$d/full" "$d/many"
	printf '%s\n' "$p9_hello" >"$d/hello.txt"
	chmod 640 "$d/hello.txt"
	echo a >"$d/sub/a"
	echo b >"$d/sub/b"
	echo k >"$d/full/keep"
	(cd "$d/many" && for i in $(seq 0 299); do : >"$(printf 'f%03d' "$i")"; done)
	echo "$d"
}

# p9_qemu DIR DEVICE [TAG]: the QEMU flags sharing DIR as TAG (default host0).
p9_qemu() {
	echo "-fsdev local,id=f0,path=$1,security_model=none -device $2,fsdev=f0,mount_tag=${3:-host0}"
}

p9_crc() {
	python3 -c 'import sys, zlib; print("%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$1"
}

# p9_host_state NAME DIR: what the host group left in DIR, seen from the host.
p9_host_state() {
	local name=$1 d=$2 why=
	selected "$name" || return 0
	if ! seq 0 999 | sed 's/^/written by keel, line /' | cmp -s - "$d/from-guest.txt"; then
		why="from-guest.txt is not the 1000 lines the image wrote"
	elif [ ! -f "$d/newdir/y" ] || [ ! -f "$d/newdir/a" ] || [ -e "$d/newdir/x" ] ||
		[ -e "$d/sub" ]; then
		why="newdir/{y,a} and no sub/ expected: $(cd "$d" && find newdir sub 2>&1 | tr '\n' ' ')"
	elif [ "$(stat -c %s "$d/truncate.txt")" != 50 ]; then
		why="truncate.txt is $(stat -c %s "$d/truncate.txt") bytes, not 50"
	elif [ "$(readlink "$d/link")" != hello.txt ] || [ "$(stat -c %h "$d/hello.txt")" != 2 ]; then
		why="link -> '$(readlink "$d/link")', hello.txt has $(stat -c %h "$d/hello.txt") links"
	elif [ "$(cat "$d/pos.txt")" != 0123AB6789xy ] || [ -e "$d/gone" ]; then
		why="pos.txt is '$(cat "$d/pos.txt")', or gone was not removed"
	fi
	if [ -n "$why" ]; then
		log=
		t_fail "$name" "$why"
	else
		t_pass "$name"
	fi
}

p9_ok=("!FAIL" "!CPU exception" "!panic" "!malformed" "9p: 0 failures")
p9_host_ok=()
for c in read-host-file stat-mapping stat-dir reopen-read-then-write write-new-file readdir-300 rewinddir mkdir \
	create-in-new-dir rename-same-dir rename-across-dirs unlink rmdir enoent eexist \
	enotempty eisdir-enotdir truncate symlink-readlink hardlink pread-pwrite append \
	unlink-open; do
	p9_host_ok+=("9p: $c: ok")
done
p9_mounts_ok=()
for c in mount-point-root mkdir-p-mount readdir-mount-point dotdot-leaves-mount dotdot-nested \
	rename-across-mounts rmdir-mount-point unlink-mount-point rename-mount-point mount-twice \
	mount-on-file mount-options-refused; do
	p9_mounts_ok+=("9p: $c: ok")
done
p9_mounts="vfs.mount=none:/tmp:ramfs vfs.mount=none:/a/b/c:ramfs"
p9_mmio="virtio_mmio.device=512@0xfeb00e00:12"

build_test build/9p A=tests/apps/9p O="$out/9p" && p9=$image || p9=

if [ -n "$p9" ]; then
	# q35, virtio-9p-pci: everything but the big transfers.
	if selected 9p/q35; then
		d=$(p9_share q35)
		boot_test 9p/q35 "$p9" 0 MACHINE=q35 QEMU_ARGS="$(p9_qemu "$d" virtio-9p-pci)" \
			ARGS="vfs.mount=host0:/mnt $p9_mounts -- host mounts threads-ram threads-9p" -- \
			"${p9_ok[@]}" "${p9_host_ok[@]}" "${p9_mounts_ok[@]}" \
			"virtio-9p0: 9P transport \"host0\"" "9pfs: host0: 9P2000.L, msize 524288" \
			"vfs: host0 mounted on /mnt (9p)" "vfs: none mounted on /a/b/c (ramfs)" \
			"9p: threads-ram-pwrite: ok" "9p: threads-ram-append: ok" \
			"9p: threads-9p-pwrite: ok" "9p: threads-9p-append: ok"
		p9_host_state 9p/q35-host-state "$d"
	fi
	# microvm, virtio-9p-device on a legacy (version 1) virtio-mmio transport.
	if selected 9p/microvm-legacy; then
		d=$(p9_share microvm-legacy)
		boot_test 9p/microvm-legacy "$p9" 0 QEMU_ARGS="$(p9_qemu "$d" virtio-9p-device)" \
			ARGS="$p9_mmio vfs.mount=host0:/mnt -- host threads-9p" -- \
			"${p9_ok[@]}" "${p9_host_ok[@]}" "on mmio (legacy)" "9p: threads-9p-append: ok"
		p9_host_state 9p/microvm-legacy-host-state "$d"
	fi
	# microvm, version 2 transport, a smaller msize from the mount options.
	if selected 9p/microvm-v2-msize; then
		d=$(p9_share microvm-v2)
		boot_test 9p/microvm-v2-msize "$p9" 0 \
			QEMU_ARGS="-global virtio-mmio.force-legacy=false $(p9_qemu "$d" virtio-9p-device)" \
			ARGS="$p9_mmio vfs.mount=host0:/mnt:9p:msize=64K -- host" -- \
			"${p9_ok[@]}" "${p9_host_ok[@]}" "virtio-9p0: virtio device type 9 on mmio," \
			"9pfs: host0: 9P2000.L, msize 65536"
		p9_host_state 9p/microvm-v2-msize-host-state "$d"
	fi

	# 64 MiB each way: the image's CRC-32 of what it read and wrote against the host's.
	if selected 9p/big; then
		d=$out/9p-share/big
		rm -rf "$d" && mkdir -p "$d" && head -c 64M /dev/urandom >"$d/big.bin"
		crc=$(p9_crc "$d/big.bin")
		boot_timeout_saved=$boot_timeout
		boot_timeout=120
		boot_test 9p/big "$p9" 0 MACHINE=q35 QEMU_ARGS="$(p9_qemu "$d" virtio-9p-pci)" \
			ARGS="vfs.mount=host0:/mnt -- big" -- "${p9_ok[@]}" \
			"9p: big-read-1MiB: 67108864 bytes crc32 $crc" \
			"9p: big-read-4KiB: 67108864 bytes crc32 $crc" "9p: big-write: ok"
		boot_timeout=$boot_timeout_saved
		want=$(sed -n 's/.*9p: big-write: 67108864 bytes crc32 \([0-9a-f]*\).*/\1/p' "$log")
		if [ -f "$d/big-out.bin" ] && [ "$(stat -c %s "$d/big-out.bin")" = 67108864 ] &&
			[ -n "$want" ] && [ "$(p9_crc "$d/big-out.bin")" = "$want" ]; then
			t_pass 9p/big-host-crc
		else
			t_fail 9p/big-host-crc "big-out.bin on the host: $(stat -c %s "$d/big-out.bin" \
				2>&1), crc $(p9_crc "$d/big-out.bin" 2>&1), the image said '$want'"
		fi
		rm -f "$d/big.bin" "$d/big-out.bin"
	fi

	# A host that answers nonsense: every malformed reply is EIO, logged once.
	boot_test 9p/malformed "$p9" 0 ARGS="-- malformed" -- "${p9_ok[@]/\!malformed/}" \
		"9p: fake-mount: ok" "9p: malformed-110-overlong: ok" "9p: malformed-40-name-long: ok" \
		"9p: malformed-76-errno-39: ok" "9p: fake-still-works: ok" \
		"9p: session-bad-version: ok" "9p: session-small-msize: ok" \
		"error: 9pfs: fake: malformed reply to Twalk: 5 bytes, shorter than a header; failed with -EIO (logged once)" \
		"the server returned error 9999, which has no equivalent here"
	if selected 9p/malformed && [ "$(grep -c 'malformed reply' "$log")" != 1 ]; then
		t_fail 9p/malformed-logged-once "$(grep -c 'malformed reply' "$log") lines"
	elif selected 9p/malformed; then
		t_pass 9p/malformed-logged-once
	fi

	# Mounts that fail: an error naming the parameter and the reason, then the boot goes
	# on without the mount; or stops, when the command line or Kconfig says so.
	boot_test 9p/missing-tag-continues "$p9" 0 ARGS="vfs.mount=host9:/mnt -- empty-mnt" -- \
		"error: vfs.mount=host9:/mnt: no 9p device with tag host9" \
		"9p: mnt-is-empty-ramfs: ok" "9p: 0 failures"
	boot_test 9p/missing-tag-stops "$p9" 126 ARGS="vfs.mount_errors=stop vfs.mount=host9:/mnt -- none" -- \
		"fatal: vfs.mount=host9:/mnt: no 9p device with tag host9 (vfs.mount_errors=stop)" \
		"!9p: 0 failures"
	boot_test 9p/mount-on-device-file "$p9" 0 ARGS="vfs.mount=none:/dev/null:ramfs -- none" -- \
		"error: vfs.mount=none:/dev/null:ramfs: the mount point is not a directory" \
		"9p: 0 failures"
	for bad in ':/x' 'host0:mnt' 'host0' 'host0:/mnt:' 'host0:/mnt:nosuchfs' \
		'host0:/mnt:9p:bogus=1' 'host0:/mnt:9p:msize=100' 'none:/x:ramfs:size=1'; do
		boot_test "9p/bad-value-$bad" "$p9" 126 ARGS="vfs.mount=$bad -- none" -- \
			"fatal: bad value '$bad' for Keel parameter vfs.mount (expected SOURCE:PATH" \
			"error: vfs.mount=$bad: " "!9p: 0 failures"
	done
	boot_test 9p/bad-value-mount-errors "$p9" 126 ARGS="vfs.mount_errors=maybe -- none" -- \
		"fatal: bad value 'maybe' for Keel parameter vfs.mount_errors (expected continue or stop)"
	if selected 9p/kconfig-stop; then
		build_edited build/9p-stop "$out/9p-stop" \
			's/^# CONFIG_VFS_MOUNT_ERRORS_STOP is not set/CONFIG_VFS_MOUNT_ERRORS_STOP=y/' \
			A=tests/apps/9p
		if [ "$rc" -ne 0 ] || ! grep -q '^CONFIG_VFS_MOUNT_ERRORS_STOP=y' "$out/9p-stop/.config"; then
			t_fail build/9p-stop "make failed (status $rc) or the option did not stick"
		else
			boot_test 9p/kconfig-stop "$image" 126 ARGS="vfs.mount=host9:/mnt -- none" -- \
				"fatal: vfs.mount=host9:/mnt: no 9p device with tag host9 (vfs.mount_errors=stop)"
			boot_test 9p/kconfig-stop-overridden "$image" 0 \
				ARGS="vfs.mount_errors=continue vfs.mount=host9:/mnt -- none" -- \
				"error: vfs.mount=host9:/mnt: no 9p device with tag host9" "9p: 0 failures"
		fi
	fi
fi
