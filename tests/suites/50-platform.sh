# SPDX-License-Identifier: BSD-3-Clause
# Power-off without isa-debug-exit (ACPI S5), `make run` status, `make debug`.

# QEMU ends with status 0 on an ACPI power-off; a hang would hit the timeout instead.
if selected "platform/acpi-poweroff-*"; then
	for m in "q35 -bios /usr/share/qemu/bios-microvm.bin" "pc" \
		 "microvm,x-option-roms=off,isa-serial=on,acpi=on"; do
		name=platform/acpi-poweroff-${m%%[ ,]*}
		image_for=$hello
		[ "${m%%[ ,]*}" = microvm ] && image_for=${pvh_image:-}
		run_qemu "$name" "$image_for" -M $m -m 64M
		check "$name" 0 "Hello from Keel!" '!power-off failed' '!CPU exception' '!fault while'
	done
fi

if selected platform/make-run-status; then
	log=$out/logs/make-run-status.log
	make -C "$root" O="$out/fault" run ACCEL=tcg ARGS="-- exit 5" >"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q 'Error 5' "$log" && grep -q 'fault: exit' "$log"; then
		t_pass platform/make-run-status
	else
		t_fail platform/make-run-status "make run status $rc, expected failure with 'Error 5'"
	fi
fi

if selected platform/make-debug; then
	log=$out/logs/make-debug.log
	GDB_PORT=$((20000 + RANDOM % 10000)) \
	GDB_ARGS="-batch -ex 'hbreak main' -ex continue -ex 'bt 1'" \
		timeout 60 make -C "$root" O="$hello_o" debug ACCEL=tcg >"$log" 2>&1 </dev/null
	if grep -q 'Breakpoint 1, x86_start32 ()' "$log" && grep -q 'Breakpoint 2, main (argc=1' "$log" &&
	   grep -q 'apps/helloworld/main.c' "$log"; then
		t_pass platform/make-debug
	else
		rc=1
		t_fail platform/make-debug "gdb did not stop at main with source"
	fi
fi
