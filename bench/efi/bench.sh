# SPDX-License-Identifier: BSD-3-Clause
# The UEFI section of `make bench`, sourced by bench/run (bench/README.md, "UEFI"):
# helloworld built for TARGET=efi-x86_64 and booted from keel.img under OVMF (q35, TCG)
# with boot.time. "Entry to main" there counts from the loader's first instruction (the
# firmware handing over) and includes reading the firmware's tables, copying the kernel
# and ExitBootServices; the baseline is the same figure for the multiboot entry on q35
# with qboot in this run. Wall time includes the firmware, against qboot's q35 boot. The
# size row compares keel.efi (loader + kernel ELF) with the stripped kernel alone.
# EFI_BENCH_RUNS boots (default 5: a firmware boot takes 3-10 s).

efi_runs=${EFI_BENCH_RUNS:-5}
efi_main_us= efi_wall_us= efi_bytes= efi_fail=

bench_efi() {
	local dir=$out/efi-hello i line us t0
	local -a mains=() walls=()
	echo
	echo "UEFI: helloworld from keel.img under OVMF (q35, TCG), median of $efi_runs boots"
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! make -C "$root" A="$root/apps/helloworld" O="$dir" TARGET=efi-x86_64 L= \
		>"$dir/make.log" 2>&1; then
		efi_fail="build failed (log: ${dir#"$root"/}/make.log)"
		note_failure "UEFI: $efi_fail"
		return
	fi
	efi_bytes=$(stat -c %s "$dir/keel.efi")
	for ((i = 0; i < efi_runs; i++)); do
		t0=${EPOCHREALTIME/./}
		ACCEL=tcg ARGS="boot.time --" QEMU_ARGS="" timeout 60 \
			"$root/support/qemu-run-efi" "$dir/keel.img" >"$dir/boot.log" 2>&1 ||
			{ efi_fail="boot failed (log: ${dir#"$root"/}/boot.log)"; break; }
		walls+=($((${EPOCHREALTIME/./} - t0)))
		line=$(tr -d '\r' <"$dir/boot.log" | grep -m 1 '^boot: entry to main:')
		us=$(sed -n 's/.* cycles, \([0-9]*\) us$/\1/p' <<<"$line")
		[ -n "$us" ] || { efi_fail="no 'boot: entry to main' line in microseconds"; break; }
		mains+=("$us")
	done
	if [ -n "$efi_fail" ]; then
		note_failure "UEFI: $efi_fail"
		return
	fi
	efi_main_us=$(median "${mains[@]}")
	efi_wall_us=$(median "${walls[@]}")
	printf '  loader entry to main %s us, whole QEMU process %.1f ms, keel.efi %s bytes\n' \
		"$efi_main_us" "$(calc "$efi_wall_us / 1000")" "$efi_bytes"
}

efi_rows() {
	local q35_main=${m_micros[q35]:-} q35_wall=${m_hello[q35]:-}
	if [ -n "$efi_fail" ] || [ -z "$efi_main_us" ]; then
		row "UEFI: firmware hand-over to main (q35)" "failed" "-" "-" "-" "-"
		return
	fi
	row "UEFI: firmware hand-over to main (q35)" "$efi_main_us us" \
		"${q35_main:-?} us multiboot" \
		"$( [ -n "$q35_main" ] && ratio "$efi_main_us" "$q35_main" || echo -)" "-" "-"
	row "UEFI: boot wall time incl. OVMF (q35)" \
		"$(printf '%.1f ms' "$(calc "$efi_wall_us / 1000")")" \
		"$( [ -n "$q35_wall" ] && printf '%.1f ms qboot' "$(calc "$q35_wall / 1000")" || echo '?')" \
		"$( [ -n "$q35_wall" ] && ratio "$efi_wall_us" "$q35_wall" || echo -)" "-" "-"
	row "UEFI: keel.efi size" "$efi_bytes B" "$hello_bytes B kernel ELF" \
		"$(ratio "$efi_bytes" "$hello_bytes")" "-" "-"
}
