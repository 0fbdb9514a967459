# SPDX-License-Identifier: BSD-3-Clause
# UEFI (TARGET=efi-x86_64): keel.efi and the GPT disk image keel.img, checked on the
# host, then booted from the disk under OVMF (q35, TCG) through support/qemu-run-efi:
# exit statuses reach the host, the command line comes from EFI/BOOT/keel.cmdline, a
# stale ExitBootServices map key is retried, power-off goes through the firmware's
# ResetSystem without isa-debug-exit, and the GOP framebuffer console draws the log.
# A firmware boot takes 3-10 s under TCG: the set is kept small. Names start with efi/.

efi_timeout=120

# efi_boot_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN... (as boot_test, under OVMF)
efi_boot_test() {
	local name=$1 image=$2 want=$3 envs=()
	shift 3
	selected "$name" || return 0
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	if [ -z "$image" ] || [ ! -f "$image" ]; then
		t_fail "$name" "no disk image (its build failed)"
		return
	fi
	log=$out/logs/${name////_}.log
	env ACCEL="${ACCEL:-tcg}" "${envs[@]}" timeout "$efi_timeout" \
		"$root/support/qemu-run-efi" "$image" >"$log" 2>&1 </dev/null
	rc=$?
	check "$name" "$want" "$@"
}

efi_missing=
for f in /usr/share/OVMF/OVMF_CODE.fd /usr/lib/crt0-efi-x86_64.o; do
	[ -f "$f" ] || efi_missing="$f"
done
command -v sgdisk >/dev/null && command -v mcopy >/dev/null || efi_missing="sgdisk or mtools"

if [ -n "$efi_missing" ]; then
	selected "efi/*" && t_skip efi/all "$efi_missing missing: run support/install-deps"
elif selected "efi/*"; then
	efi_hello= efi_fault= efi_threads= efi_mem=
	build_test efi/build-hello TARGET=efi-x86_64 O="$out/efi-hello" &&
		efi_hello=$out/efi-hello/keel.img

	# The disk image, read back with a checker of our own and with mtools.
	if selected efi/image && [ -n "$efi_hello" ]; then
		log=$out/logs/efi_image.log
		gcc -std=gnu11 -O1 -Wall -Wextra -Werror "$root/tests/host/efi_image_check.c" \
			-o "$out/efi_image_check" >"$log" 2>&1 &&
			"$out/efi_image_check" "$efi_hello" >>"$log" 2>&1
		rc=$?
		esp=$(sed -n 's/^esp \([0-9]*\) .*/\1/p' "$log")
		rm -f "$out/efi-boot.efi"
		if [ "$rc" -ne 0 ] || [ -z "$esp" ]; then
			t_fail efi/image "the GPT/ESP structure check failed"
		elif ! MTOOLS_SKIP_CHECK=1 mdir -i "$efi_hello@@$((esp * 512))" ::/EFI/BOOT \
				>>"$log" 2>&1 ||
		     ! MTOOLS_SKIP_CHECK=1 mcopy -i "$efi_hello@@$((esp * 512))" \
				::/EFI/BOOT/BOOTX64.EFI "$out/efi-boot.efi" >>"$log" 2>&1; then
			t_fail efi/image "EFI/BOOT/BOOTX64.EFI cannot be read back with mtools"
		elif ! cmp -s "$out/efi-boot.efi" "$out/efi-hello/keel.efi"; then
			t_fail efi/image "EFI/BOOT/BOOTX64.EFI differs from keel.efi"
		elif [ "$(head -c 2 "$out/efi-hello/keel.efi")" != MZ ]; then
			t_fail efi/image "keel.efi is not a PE/COFF file (no MZ header)"
		else
			t_pass efi/image
		fi
	fi

	# Arguments come from EFI/BOOT/keel.cmdline (support/qemu-run-efi writes ARGS there).
	efi_boot_test efi/hello "$efi_hello" 0 ARGS="a 'b c'" -- \
		"keel.efi: command line from \\EFI\\BOOT\\keel.cmdline" \
		"ExitBootServices in 1 call" "Keel on efi-x86_64 (efi entry)" \
		"efi: runtime services:" "Hello from Keel!" 'argv[1] = "a"' 'argv[2] = "b c"' \
		"!CPU exception" "!warning"
	efi_boot_test efi/stale-map-key "$efi_hello" 0 ARGS="efi.stale_map_key=1" -- \
		"ExitBootServices in 2 calls (the first map key was stale)" "Hello from Keel!"
	efi_boot_test efi/bad-param "$efi_hello" 126 ARGS="efi.stale_map_key=2" -- \
		"fatal: bad value '2' for Keel parameter efi.stale_map_key" "!Hello from Keel!"
	# Without isa-debug-exit the firmware powers the machine off: QEMU ends with 0.
	efi_boot_test efi/resetsystem "$efi_hello" 0 EFI_DEBUG_EXIT=0 -- "Hello from Keel!" \
		"efi: power-off through the firmware (ResetSystem)" "the guest powered off"

	# The framebuffer console, seen on a screen dump taken once the guest has powered off.
	if selected efi/framebuffer && [ -n "$efi_hello" ]; then
		log=$out/logs/efi_framebuffer.log
		mon=$out/efi-monitor
		rm -f "$mon.in" "$mon.out" "$out/efi-screen.ppm"
		mkfifo "$mon.in" "$mon.out"
		env ACCEL="${ACCEL:-tcg}" EFI_DEBUG_EXIT=0 ARGS="log.level=debug" \
			QEMU_ARGS="-device VGA -no-shutdown -monitor pipe:$mon" \
			timeout "$efi_timeout" "$root/support/qemu-run-efi" "$efi_hello" \
			>"$log" 2>&1 </dev/null &
		qpid=$!
		timeout "$efi_timeout" cat "$mon.out" >/dev/null &	# drains the monitor's replies
		for _ in $(seq $((efi_timeout * 2))); do
			grep -q "power-off through the firmware" "$log" && break
			kill -0 $qpid 2>/dev/null || break
			sleep 0.5
		done
		sleep 1
		if kill -0 $qpid 2>/dev/null; then
			timeout 5 sh -c "echo 'screendump $out/efi-screen.ppm' >'$mon.in'"
			sleep 2
			timeout 5 sh -c "echo quit >'$mon.in'"
		fi
		wait $qpid 2>/dev/null
		rm -f "$mon.in" "$mon.out"
		if ! grep -q "efi: framebuffer console [0-9]*x[0-9]* pixels" "$log"; then
			t_fail efi/framebuffer "no framebuffer console line"
		elif [ ! -f "$out/efi-screen.ppm" ] || [ ! -x "$out/efi_image_check" ]; then
			t_fail efi/framebuffer "no screen dump (or no checker)"
		elif ! "$out/efi_image_check" --screen "$out/efi-screen.ppm" 30 >>"$log" 2>&1; then
			t_fail efi/framebuffer "the screen does not show the console's text"
		else
			t_pass efi/framebuffer
		fi
	fi

	build_test efi/build-fault A=tests/apps/fault TARGET=efi-x86_64 O="$out/efi-fault" &&
		efi_fault=$out/efi-fault/keel.img
	efi_boot_test efi/exit-status "$efi_fault" 7 ARGS="-- exit 7" -- "fault: exit"
	efi_boot_test efi/null-deref "$efi_fault" 126 ARGS="-- null" -- \
		"NULL pointer dereference" "fault_null_read+0x0" "k_boot_main+"

	build_test efi/build-threads A=tests/apps/threads TARGET=efi-x86_64 \
		O="$out/efi-threads" && efi_threads=$out/efi-threads/keel.img
	efi_boot_test efi/threads "$efi_threads" 0 \
		ARGS="-- prodcons mutex timeouts sleep irq fpu" -- "threads: 0 failures" \
		"threads: irq-rtc-periodic: ok" "threads: fpu-registers: ok" "!FAIL" \
		"!CPU exception"

	build_test efi/build-mem A=tests/apps/mem TARGET=efi-x86_64 O="$out/efi-mem" &&
		efi_mem=$out/efi-mem/keel.img
	efi_boot_test efi/mem "$efi_mem" 0 ARGS="-- heap stacks" -- "mem: heap-api: ok" \
		"mem: stacks: ok" "mem: 0 failures" "!FAIL"
fi
