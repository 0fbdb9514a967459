# SPDX-License-Identifier: BSD-3-Clause
# UEFI (TARGET=efi-x86_64 and efi-arm64): keel.efi and the GPT disk image keel.img,
# checked on the host, then booted from the disk under OVMF (q35) or AAVMF (virt,
# cortex-a72), TCG, through support/qemu-run-efi: exit statuses reach the host, the
# command line comes from EFI/BOOT/keel.cmdline, a stale ExitBootServices map key is
# retried, power-off goes through the firmware's ResetSystem without the status channel,
# the GOP framebuffer console draws the log, the initrd comes from the ESP, `make debug`
# stops in the kernel's entry and `make clean` removes keel.efi and keel.img.
# A firmware boot takes 3-10 s under TCG: the set is kept small. Names start with efi/.

efi_timeout=120

# efi_boot_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN... (as boot_test, under
# OVMF, or AAVMF when efi_arch is arm64)
efi_arch=x86_64
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
	env ACCEL="${ACCEL:-tcg}" KEEL_ARCH=$efi_arch "${envs[@]}" timeout "$efi_timeout" \
		"$root/support/qemu-run-efi" "$image" >"$log" 2>&1 </dev/null
	rc=$?
	check "$name" "$want" "$@"
}

# efi_image_test NAME IMAGE LOADER BOOT-FILE: the disk image, read back with a checker of
# our own and with mtools, and the loader's PE/COFF headers (efi_arch's machine type).
efi_image_test() {
	local name=$1 img=$2 efi=$3 boot=$4 esp
	selected "$name" && [ -n "$img" ] || return 0
	log=$out/logs/${name////_}.log
	gcc -std=gnu11 -O1 -Wall -Wextra -Werror "$root/tests/host/efi_image_check.c" \
		-o "$out/efi_image_check" >"$log" 2>&1 &&
		"$out/efi_image_check" "$img" >>"$log" 2>&1
	rc=$?
	esp=$(sed -n 's/^esp \([0-9]*\) .*/\1/p' "$log")
	rm -f "$out/efi-boot.efi"
	if [ "$rc" -ne 0 ] || [ -z "$esp" ]; then
		t_fail "$name" "the GPT/ESP structure check failed"
	elif ! MTOOLS_SKIP_CHECK=1 mdir -i "$img@@$((esp * 512))" ::/EFI/BOOT >>"$log" 2>&1 ||
	     ! MTOOLS_SKIP_CHECK=1 mcopy -i "$img@@$((esp * 512))" "::/EFI/BOOT/$boot" \
			"$out/efi-boot.efi" >>"$log" 2>&1; then
		t_fail "$name" "EFI/BOOT/$boot cannot be read back with mtools"
	elif ! cmp -s "$out/efi-boot.efi" "$efi"; then
		t_fail "$name" "EFI/BOOT/$boot differs from keel.efi"
	elif ! "$out/efi_image_check" --pe "$efi" "$efi_arch" >>"$log" 2>&1; then
		t_fail "$name" "keel.efi is not a PE32+ EFI application for $efi_arch"
	else
		t_pass "$name"
	fi
}

# efi_screen_test NAME IMAGE DEVICE MIN-ROWS: the framebuffer console (QEMU display
# DEVICE), seen on a screen dump taken once the guest has powered off.
efi_screen_test() {
	local name=$1 img=$2 device=$3 rows=$4 mon=$out/efi-monitor qpid
	selected "$name" && [ -n "$img" ] || return 0
	log=$out/logs/${name////_}.log
	rm -f "$mon.in" "$mon.out" "$out/efi-screen.ppm"
	mkfifo "$mon.in" "$mon.out"
	env ACCEL="${ACCEL:-tcg}" KEEL_ARCH=$efi_arch EFI_DEBUG_EXIT=0 ARGS="log.level=debug" \
		QEMU_ARGS="$device -no-shutdown -monitor pipe:$mon" \
		timeout "$efi_timeout" "$root/support/qemu-run-efi" "$img" >"$log" 2>&1 </dev/null &
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
		t_fail "$name" "no framebuffer console line"
	elif [ ! -f "$out/efi-screen.ppm" ] || [ ! -x "$out/efi_image_check" ]; then
		t_fail "$name" "no screen dump (or no checker)"
	elif ! "$out/efi_image_check" --screen "$out/efi-screen.ppm" "$rows" >>"$log" 2>&1; then
		t_fail "$name" "the screen does not show the console's text"
	else
		t_pass "$name"
	fi
}

efi_missing=
for f in /usr/share/OVMF/OVMF_CODE.fd /usr/lib/crt0-efi-x86_64.o; do
	[ -f "$f" ] || efi_missing="$f"
done
command -v sgdisk >/dev/null && command -v mcopy >/dev/null || efi_missing="sgdisk or mtools"

if [ -n "$efi_missing" ]; then
	selected "efi/*" && t_skip efi/all "$efi_missing missing: run support/install-deps"
elif selected "efi/*"; then
	efi_hello= efi_fault= efi_threads= efi_mem= efi_initrd= efi_virtio=
	build_test efi/build-hello TARGET=efi-x86_64 O="$out/efi-hello" &&
		efi_hello=$out/efi-hello/keel.img

	efi_image_test efi/image "$efi_hello" "$out/efi-hello/keel.efi" BOOTX64.EFI
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

	efi_screen_test efi/framebuffer "$efi_hello" "-device VGA" 30

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

	# virtio over PCI under the firmware: MCFG from the ACPI tables OVMF publishes, BARs
	# as OVMF assigned them, MSI-X.
	build_test efi/build-virtio A=tests/apps/virtio TARGET=efi-x86_64 O="$out/efi-virtio" &&
		efi_virtio=$out/efi-virtio/keel.img
	efi_boot_test efi/virtio-pci "${efi_virtio:-}" 0 QEMU_ARGS="-device virtio-rng-pci" -- \
		"pci: 5 functions on 1 bus (ECAM)" "virtio-rng0 on pci" "interrupts: MSI-X" \
		"entropy: ok" "virtio: 1 devices, 0 failures" "!FAIL" "!CPU exception"

	# The initrd: an application's rootfs/ goes on the ESP as EFI/BOOT/keel.initrd, which
	# the loader reads and the kernel unpacks; efi.initrd= names the file instead.
	build_test efi/build-initrd A=tests/apps/initrd TARGET=efi-x86_64 O="$out/efi-initrd" &&
		efi_initrd=$out/efi-initrd/keel.img
	efi_boot_test efi/initrd "$efi_initrd" 0 -- \
		"keel.efi: initrd \\EFI\\BOOT\\keel.initrd, 103936 bytes" \
		"initrd: unpacked: 4 directories, 4 files (102357 bytes), 1 symbolic links" \
		"initrd: big-file: ok" "initrd: symlink: ok" "initrd: 0 failures" "!FAIL"
	# The same archive under another name, named on the command line in '/' form; the
	# default file is then a stub the app would reject.
	if [ -n "$efi_initrd" ]; then
		cp "$efi_initrd" "$out/efi-initrd-named.img"
		printf 'not an archive' >"$out/efi-initrd-stub"
		"$root/support/mkimage-efi" --set-initrd "$out/efi-initrd-named.img" \
			"$out/efi-initrd-stub" &&
			MTOOLS_SKIP_CHECK=1 mcopy -o -i "$out/efi-initrd-named.img@@1M" \
				"$out/efi-initrd/initrd.cpio" ::/EFI/root.cpio ||
			rm -f "$out/efi-initrd-named.img"
	fi
	efi_boot_test efi/initrd-cmdline "$out/efi-initrd-named.img" 0 \
		ARGS="efi.initrd=/EFI/root.cpio --" -- \
		"keel.efi: initrd \\EFI\\root.cpio, 103936 bytes" "initrd: 0 failures" "!FAIL"

	# make debug: QEMU stopped until gdb attaches, a breakpoint at the kernel's entry (its
	# ELF symbols apply as they are: the loader puts it at its link address).
	if selected efi/debug && [ -n "$efi_fault" ]; then
		log=$out/logs/efi_debug.log
		env ACCEL="${ACCEL:-tcg}" GDB_PORT=22001 ARGS="-- exit 3" \
			GDB_ARGS="-batch -ex bt -ex 'info registers rip'" \
			timeout "$efi_timeout" make -C "$root" O="$out/efi-fault" debug >"$log" 2>&1 \
			</dev/null
		if grep -q "Breakpoint 1, efi_start64 ()" "$log" &&
		   grep -q "rip  *0x[0-9a-f]* *0x[0-9a-f]* <efi_start64>" "$log" &&
		   grep -q "fault: exit" "$log"; then
			t_pass efi/debug
		else
			t_fail efi/debug "no breakpoint at efi_start64, or the program did not run on"
		fi
	fi

	# make clean removes what image.mk made (the disk image would otherwise be stale).
	if selected efi/clean && [ -n "$efi_fault" ]; then
		make -C "$root" O="$out/efi-fault" clean >"$out/logs/efi_clean.log" 2>&1
		if [ -e "$out/efi-fault/keel.efi" ] || [ -e "$out/efi-fault/keel.img" ]; then
			t_fail efi/clean "keel.efi or keel.img left behind"
		else
			t_pass efi/clean
		fi
	fi
fi

# arm64 (TARGET=efi-arm64): GNU-EFI cross-built into KEEL_CACHE by the first build,
# booted under AAVMF on QEMU virt (cortex-a72, TCG; the firmware runs the loader at
# EL1, or at EL2 with virtualization=on), exit status through semihosting.
efi_a64_missing=
for f in /usr/share/AAVMF/AAVMF_CODE.fd /usr/share/AAVMF/AAVMF_VARS.fd; do
	[ -f "$f" ] || efi_a64_missing="$f"
done
for t in aarch64-linux-gnu-gcc qemu-system-aarch64 sgdisk mcopy; do
	command -v $t >/dev/null || efi_a64_missing="$t"
done

if [ -n "$efi_a64_missing" ]; then
	selected "efi/arm64/*" && t_skip "efi/arm64/*" "$efi_a64_missing missing: run support/install-deps"
elif selected "efi/arm64/*"; then
	efi_arch=arm64
	efi_a64_hello= efi_a64_fault= efi_a64_threads= efi_a64_mem= efi_a64_virtio=
	build_test efi/arm64/build-hello TARGET=efi-arm64 O="$out/efi-a64-hello" &&
		efi_a64_hello=$out/efi-a64-hello/keel.img
	efi_image_test efi/arm64/image "$efi_a64_hello" "$out/efi-a64-hello/keel.efi" BOOTAA64.EFI
	efi_boot_test efi/arm64/hello "$efi_a64_hello" 0 ARGS="log.level=debug -- a 'b c'" -- \
		"keel.efi: command line from \\EFI\\BOOT\\keel.cmdline" \
		"ExitBootServices in 1 call" "efi: device tree at 0x" \
		"Keel on efi-arm64 (efi entry)" "arm64: entered at EL1, running at EL1" \
		"efi: runtime services:" "irq: gicv2" "Hello from Keel!" 'argv[1] = "a"' \
		'argv[2] = "b c"' "!CPU exception" "!warning"
	# The firmware at EL2: the loader hands over at EL2 with the MMU off, Keel drops to EL1.
	efi_boot_test efi/arm64/el2-gicv3 "$efi_a64_hello" 0 \
		MACHINE=virt,virtualization=on,gic-version=3 ARGS="log.level=debug" -- \
		"arm64: entered at EL2, running at EL1" "irq: gicv3" "Hello from Keel!" \
		"!CPU exception"
	efi_boot_test efi/arm64/stale-map-key "$efi_a64_hello" 0 ARGS="efi.stale_map_key=1" -- \
		"ExitBootServices in 2 calls (the first map key was stale)" "Hello from Keel!"
	# Without semihosting the firmware's ResetSystem powers the machine off (status lost).
	efi_boot_test efi/arm64/resetsystem "$efi_a64_hello" 0 EFI_DEBUG_EXIT=0 -- \
		"Hello from Keel!" "efi: power-off through the firmware (ResetSystem)" \
		"the guest powered off"
	[ -x "$out/efi_image_check" ] ||
		gcc -std=gnu11 -O1 "$root/tests/host/efi_image_check.c" -o "$out/efi_image_check"
	efi_screen_test efi/arm64/framebuffer "$efi_a64_hello" "-device ramfb" 5

	build_test efi/arm64/build-fault A=tests/apps/fault TARGET=efi-arm64 \
		O="$out/efi-a64-fault" && efi_a64_fault=$out/efi-a64-fault/keel.img
	efi_boot_test efi/arm64/exit-status "$efi_a64_fault" 7 ARGS="-- exit 7" -- "fault: exit"
	efi_boot_test efi/arm64/null-deref "$efi_a64_fault" 126 ARGS="-- null" -- \
		"NULL pointer dereference: read at address 0x0" "fault_null_read+" "k_boot_main+"

	build_test efi/arm64/build-threads A=tests/apps/threads TARGET=efi-arm64 \
		O="$out/efi-a64-threads" && efi_a64_threads=$out/efi-a64-threads/keel.img
	efi_boot_test efi/arm64/threads "$efi_a64_threads" 0 \
		ARGS="-- prodcons mutex timeouts sleep tls fpu" -- "threads: prodcons-condvar: ok" \
		"threads: timeout-sem: ok" "threads: sleep: ok" "threads: tls: ok" \
		"threads: fpu-registers: ok" "threads: 0 failures" "!FAIL" "!CPU exception"

	build_test efi/arm64/build-mem A=tests/apps/mem TARGET=efi-arm64 O="$out/efi-a64-mem" &&
		efi_a64_mem=$out/efi-a64-mem/keel.img
	efi_boot_test efi/arm64/mem "$efi_a64_mem" 0 ARGS="-- heap stacks" -- \
		"mem: heap-api: ok" "mem: stacks: ok" "mem: 0 failures" "!FAIL"

	# virtio over PCI under AAVMF: the ECAM host bridge from the firmware's device tree,
	# BARs as AAVMF assigned them, MSI-X through the tree's GICv2m frame.
	build_test efi/arm64/build-virtio A=tests/apps/virtio TARGET=efi-arm64 \
		O="$out/efi-a64-virtio" && efi_a64_virtio=$out/efi-a64-virtio/keel.img
	efi_boot_test efi/arm64/virtio-pci "${efi_a64_virtio:-}" 0 \
		QEMU_ARGS="-device virtio-rng-pci" -- "pci: 3 functions on 1 bus (ECAM)" \
		"virtio-rng0 on pci" "interrupts: MSI-X, a vector per queue" "entropy: ok" \
		"virtio: 1 devices, 0 failures" "!FAIL" "!CPU exception"
	efi_arch=x86_64
fi
