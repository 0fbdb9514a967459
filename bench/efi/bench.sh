# SPDX-License-Identifier: BSD-3-Clause
# The UEFI section of `make bench`, sourced by bench/run (bench/README.md, "UEFI"):
# helloworld built for TARGET=efi-x86_64 and efi-arm64 and booted from keel.img under
# OVMF (q35) and AAVMF (virt, cortex-a72), TCG, with boot.time. "Entry to main" there
# counts from the loader's first instruction (the firmware handing over; the TSC on
# x86_64, CNTVCT_EL0 on arm64) and includes reading the firmware's tables, copying the
# kernel and ExitBootServices (arm64: also turning the MMU off with cache maintenance);
# the baselines are the same figure for the multiboot entry on q35 with qboot and for the
# Image entry on virt (bench/arm64) in this run. Wall time includes the firmware, against
# those boots. The size rows compare keel.efi (loader + kernel ELF) with the stripped
# kernel ELF alone. EFI_BENCH_RUNS boots per architecture (default 5: a firmware boot
# takes 3-10 s). The arm64 half is skipped without an aarch64 toolchain or AAVMF.

efi_runs=${EFI_BENCH_RUNS:-5}
declare -A efi_main_us=() efi_wall_us=() efi_bytes=() efi_kernel_bytes=() efi_fail=()

# efi_bench_one ARCH TARGET FIRMWARE: build and boot; fills the arrays above for ARCH.
efi_bench_one() {
	local arch=$1 target=$2 fw=$3 dir=$out/efi-hello-$1 i line us t0 kernel
	local -a mains=() walls=()
	echo
	echo "UEFI: helloworld from keel.img under $fw ($arch, TCG), median of $efi_runs boots"
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! make -C "$root" A="$root/apps/helloworld" O="$dir" TARGET="$target" L= \
		>"$dir/make.log" 2>&1; then
		efi_fail[$arch]="build failed (log: ${dir#"$root"/}/make.log)"
		note_failure "UEFI $arch: ${efi_fail[$arch]}"
		return
	fi
	efi_bytes[$arch]=$(stat -c %s "$dir/keel.efi")
	kernel=$dir/obj/plat/efi/loader/kernel.elf	# arm64: the ELF keel.efi carries
	[ -f "$kernel" ] || kernel=$dir/helloworld_efi-$arch
	efi_kernel_bytes[$arch]=$(stat -c %s "$kernel")
	for ((i = 0; i < efi_runs; i++)); do
		t0=${EPOCHREALTIME/./}
		KEEL_ARCH=$arch ACCEL=tcg ARGS="boot.time --" QEMU_ARGS="" timeout 60 \
			"$root/support/qemu-run-efi" "$dir/keel.img" >"$dir/boot.log" 2>&1 ||
			{ efi_fail[$arch]="boot failed (log: ${dir#"$root"/}/boot.log)"; break; }
		walls+=($((${EPOCHREALTIME/./} - t0)))
		line=$(tr -d '\r' <"$dir/boot.log" | grep -m 1 '^boot: entry to main:')
		us=$(sed -n 's/.* cycles, \([0-9]*\) us$/\1/p' <<<"$line")
		[ -n "$us" ] || { efi_fail[$arch]="no 'boot: entry to main' line in microseconds"; break; }
		mains+=("$us")
	done
	if [ -n "${efi_fail[$arch]:-}" ]; then
		note_failure "UEFI $arch: ${efi_fail[$arch]}"
		return
	fi
	efi_main_us[$arch]=$(median "${mains[@]}")
	efi_wall_us[$arch]=$(median "${walls[@]}")
	printf '  loader entry to main %s us, whole QEMU process %.1f ms, keel.efi %s bytes\n' \
		"${efi_main_us[$arch]}" "$(calc "${efi_wall_us[$arch]} / 1000")" "${efi_bytes[$arch]}"
}

bench_efi() {
	efi_bench_one x86_64 efi-x86_64 OVMF
	if command -v qemu-system-aarch64 >/dev/null && [ -f /usr/share/AAVMF/AAVMF_CODE.fd ] &&
	   { command -v aarch64-linux-gnu-gcc >/dev/null || [ "$(uname -m)" = aarch64 ]; }; then
		efi_bench_one arm64 efi-arm64 AAVMF
	else
		efi_fail[arm64]=skipped
		echo
		echo "UEFI arm64: skipped (no aarch64 toolchain, qemu-system-aarch64 or AAVMF)"
	fi
}

# efi_rows_one ARCH MACHINE MAIN-BASE MAIN-WHAT WALL-BASE WALL-WHAT FIRMWARE
efi_rows_one() {
	local arch=$1 m=$2 base_main=$3 what_main=$4 base_wall=$5 what_wall=$6 fw=$7
	if [ -n "${efi_fail[$arch]:-}" ] || [ -z "${efi_main_us[$arch]:-}" ]; then
		row "UEFI: firmware hand-over to main ($m)" "failed" \
			"-" "-" "-" "-"
		return
	fi
	row "UEFI: firmware hand-over to main ($m)" "${efi_main_us[$arch]} us" \
		"${base_main:-?} us $what_main" \
		"$( [ -n "$base_main" ] && ratio "${efi_main_us[$arch]}" "$base_main" || echo -)" "-" "-"
	local wall_base='?'
	[ -z "$base_wall" ] ||
		wall_base=$(printf '%.1f ms %s' "$(calc "$base_wall / 1000")" "$what_wall")
	row "UEFI: boot wall time incl. $fw ($m)" \
		"$(printf '%.1f ms' "$(calc "${efi_wall_us[$arch]} / 1000")")" "$wall_base" \
		"$( [ -n "$base_wall" ] && ratio "${efi_wall_us[$arch]}" "$base_wall" || echo -)" "-" "-"
	row "UEFI: keel.efi size ($arch)" "${efi_bytes[$arch]} B" \
		"${efi_kernel_bytes[$arch]} B kernel ELF" \
		"$(ratio "${efi_bytes[$arch]}" "${efi_kernel_bytes[$arch]}")" "-" "-"
}

efi_rows() {
	efi_rows_one x86_64 q35 "${m_micros[q35]:-}" multiboot "${m_hello[q35]:-}" qboot OVMF
	[ "${efi_fail[arm64]:-}" = skipped ] ||
		efi_rows_one arm64 virt "${a64_main_us:-}" "Image entry" \
			"${a64_hello_us:-}" "-kernel" AAVMF
}
