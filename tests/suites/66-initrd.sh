# SPDX-License-Identifier: BSD-3-Clause
# initrd: make packs tests/apps/initrd/rootfs into O/initrd.cpio; booted with it (QEMU
# -initrd: a multiboot module, or the PVH modlist on an image without a multiboot
# header), lib/initrd unpacks it into the root and the app finds every file with its
# content, size and mode. Corrupt archives (truncated, bad magic, a name past the end,
# a path leaving the root, a bad 070702 checksum) give a clear error and boot goes on.

initrd_checks=("initrd: file: ok" "initrd: nested-file: ok" "initrd: mode-0755: ok"
	"initrd: mode-0755-exec: ok" "initrd: dir: ok" "initrd: nested-dir: ok"
	"initrd: symlink: ok" "initrd: big-file: ok" "initrd: 0 failures"
	"initrd: unpacked: 4 directories, 4 files (102357 bytes), 1 symbolic links"
	"!FAIL" "!CPU exception" "!panic" "!malformed")
initrd_bad=("initrd: listed" "!CPU exception" "!panic" "!initrd: unpacked")

build_test build/initrd A=tests/apps/initrd O="$out/initrd" && initrd_img=$image || initrd_img=
initrd_cpio=$out/initrd/initrd.cpio

# The archive: newc, names sorted, and the same bytes when packed again.
if selected build/initrd-cpio && [ -n "$initrd_img" ]; then
	names=$(cpio -it --quiet <"$initrd_cpio" 2>/dev/null)
	"$root/support/build/gen-initrd.sh" "$root/tests/apps/initrd/rootfs" "$out/initrd-again.cpio"
	if [ "$(head -c 6 "$initrd_cpio")" != 070701 ]; then
		t_fail build/initrd-cpio "O/initrd.cpio is not a newc archive"
	elif ! LC_ALL=C sort -c <<<"$names" 2>/dev/null || ! grep -qx data/big.txt <<<"$names"; then
		t_fail build/initrd-cpio "names unsorted or data/big.txt missing: $names"
	elif ! cmp -s "$initrd_cpio" "$out/initrd-again.cpio"; then
		t_fail build/initrd-cpio "packing the same folder twice gave different archives"
	else
		t_pass build/initrd-cpio
	fi
fi

if [ -n "$initrd_img" ]; then
	# QEMU's x86 loader tries multiboot first: -initrd becomes multiboot module 0.
	for m in microvm q35; do
		boot_test initrd/multiboot-$m "$initrd_img" 0 MACHINE=$m INITRD="$initrd_cpio" -- \
			"(multiboot entry)" "${initrd_checks[@]}"
	done
	boot_test initrd/none "$initrd_img" 0 ARGS="-- none" -- "initrd: no-initrd: ok" \
		"initrd: 0 failures" "!initrd: unpacked" "!initrd: partly" "!error"

	# The archive's pages went back to the page allocator: it manages as much memory
	# as in a boot without an initrd, but for the page or two of allocator metadata
	# the added range holds (the buddy allocator keeps its zone header inside it).
	if selected initrd/pages-released && selected initrd/none && selected initrd/multiboot-microvm; then
		with=$(grep -ao 'pages-total [0-9]* KiB' "$out/logs/initrd_multiboot-microvm.log" | cut -d' ' -f2)
		without=$(grep -ao 'pages-total [0-9]* KiB' "$out/logs/initrd_none.log" | cut -d' ' -f2)
		back=$(grep -ao '[0-9]* KiB returned to the page allocator' \
			"$out/logs/initrd_multiboot-microvm.log" | cut -d' ' -f1)
		if [ -z "$with" ] || [ -z "$without" ] || [ "$with" -gt "$without" ] ||
			[ $((without - with)) -gt 8 ] || [ "${back:-0}" -lt 100 ]; then
			t_fail initrd/pages-released "with an initrd: ${with:-?} KiB managed, ${back:-no} KiB returned; without: ${without:-?} KiB"
		else
			t_pass initrd/pages-released
		fi
	fi

	# Corrupt archives, made from the good one.
	bad=$out/initrd-bad
	rm -rf "$bad" && mkdir -p "$bad/esc/a/b"
	head -c 60000 "$initrd_cpio" >"$bad/truncated.cpio"
	{ printf X; tail -c +2 "$initrd_cpio"; } >"$bad/magic.cpio"
	cp "$initrd_cpio" "$bad/longname.cpio"	# entry 0's namesize (offset 94) past the end
	printf FFFFFF00 | dd of="$bad/longname.cpio" bs=1 seek=94 conv=notrunc status=none
	echo secret >"$bad/esc/a/x"
	(cd "$bad/esc/a/b" && printf '../x\n' | cpio -o -H newc --quiet >"$bad/escape.cpio")
	(cd "$root/tests/apps/initrd/rootfs" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort |
		cpio -o -H crc -R 0:0 --quiet >"$bad/crc.cpio")
	# Flip one bit inside data/big.txt (the 070702 checksum no longer matches).
	at=$(grep -abo 'big file line 0000000000000005' "$bad/crc.cpio" | head -n 1 | cut -d: -f1)
	cp "$bad/crc.cpio" "$bad/crc-bad.cpio"
	printf C | dd of="$bad/crc-bad.cpio" bs=1 seek="$at" conv=notrunc status=none

	boot_test initrd/crc-070702 "$initrd_img" 0 INITRD="$bad/crc.cpio" -- "${initrd_checks[@]}"
	boot_test initrd/bad-truncated "$initrd_img" 0 ARGS="-- list" INITRD="$bad/truncated.cpio" -- \
		"initrd: malformed archive: entry 3 \"data/big.txt\" at offset 376: the file data runs past the end of the archive; unpacking stopped" \
		"initrd: partly unpacked: 2 directories, 1 files (20 bytes)" \
		"initrd: list: /bin/tool.sh mode 0100755 size 20" "initrd: list: /hello.txt missing" \
		"${initrd_bad[@]}"
	boot_test initrd/bad-magic "$initrd_img" 0 ARGS="-- list" INITRD="$bad/magic.cpio" -- \
		"is not a cpio \"newc\" archive: bad magic at offset 0" \
		"initrd: list: /bin missing" "!initrd: partly" "${initrd_bad[@]}"
	boot_test initrd/bad-name-length "$initrd_img" 0 ARGS="-- list" INITRD="$bad/longname.cpio" -- \
		"initrd: malformed archive: entry 0 at offset 0: the name runs past the end of the archive" \
		"initrd: list: /bin missing" "${initrd_bad[@]}"
	boot_test initrd/bad-escape "$initrd_img" 0 ARGS="-- list" INITRD="$bad/escape.cpio" -- \
		"entry 0 \"../x\" at offset 0: its path leaves the root" "${initrd_bad[@]}"
	boot_test initrd/bad-checksum "$initrd_img" 0 ARGS="-- list" INITRD="$bad/crc-bad.cpio" -- \
		"entry 3 \"data/big.txt\" at offset 376: the data does not match its 070702 checksum" \
		"initrd: list: /bin/tool.sh mode 0100755 size 20" "initrd: list: /data/big.txt missing" \
		"${initrd_bad[@]}"

	# `make run` passes O/initrd.cpio by itself; INITRD= (empty) passes none.
	if selected initrd/make-run; then
		log=$out/logs/initrd_make-run.log
		ACCEL=tcg timeout "$boot_timeout" make -C "$root" O="$out/initrd" run >"$log" 2>&1 </dev/null
		rc=$?
		check initrd/make-run 0 "${initrd_checks[@]}"
	fi
	if selected initrd/make-run-none; then
		log=$out/logs/initrd_make-run-none.log
		ACCEL=tcg timeout "$boot_timeout" make -C "$root" O="$out/initrd" run INITRD= \
			ARGS="-- none" >"$log" 2>&1 </dev/null
		rc=$?
		check initrd/make-run-none 0 "initrd: no-initrd: ok" "!initrd: unpacked"
	fi
fi

# PVH: an image without a multiboot header gets -initrd through the start info's modlist.
# (MACHINE=pc is left out: SeaBIOS's PVH option ROM puts the memory map in page 0,
# which Keel's PVH entry cannot read yet, with or without an initrd.)
if selected "initrd/pvh*" || selected build/initrd-pvh; then
	build_edited build/initrd-pvh "$out/initrd-pvh" \
		's/^CONFIG_KVM_MULTIBOOT=y/# CONFIG_KVM_MULTIBOOT is not set/' A=tests/apps/initrd
	if [ "$rc" -eq 0 ] && [ -f "$image" ]; then
		t_pass build/initrd-pvh
		for m in microvm q35; do
			boot_test initrd/pvh-$m "$image" 0 MACHINE=$m INITRD="$out/initrd-pvh/initrd.cpio" -- \
				"(pvh entry)" "${initrd_checks[@]}"
		done
	else
		t_fail build/initrd-pvh "make failed (status $rc)"
	fi
fi
