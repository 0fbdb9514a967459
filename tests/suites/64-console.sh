# SPDX-License-Identifier: BSD-3-Clause
# virtio-console as a second console: everything printed reaches the virtio port, in
# order, on virtio-pci (q35) and virtio-mmio (microvm, legacy transport), and
# console.serial=0 takes the output off the serial port.

build_test build/console A=tests/apps/console O="$out/console"
console_app=$image

# console_file_has NAME FILE: the virtio port's file holds the whole run, in order.
console_file_has() {
	local name=$1 file=$2 lines
	lines=$(grep -c '^console: line [0-9][0-9][0-9] of 300, padded' "$file" 2>/dev/null)
	if grep -q 'Hello\|console: arg one' "$file" && [ "$lines" = 300 ] &&
	   grep -q '^console: done$' "$file" &&
	   diff <(grep -o '^console: line [0-9]*' "$file") \
		<(for i in $(seq -w 0 299); do echo "console: line $i"; done) >/dev/null; then
		t_pass "$name"
	else
		t_fail "$name" "$file has ${lines:-0} of 300 lines, or lacks the argument or the end"
	fi
}

if [ -n "${console_app:-}" ]; then
	cons_q35=$out/console-q35.txt
	rm -f "$cons_q35"
	boot_test console/q35 "$console_app" 0 MACHINE=q35 ARGS="-- one" \
		QEMU_ARGS="-device virtio-serial-pci -chardev file,id=c0,path=$cons_q35 -device virtconsole,chardev=c0" \
		-- "console: virtio-console0" "console: done" "!warning"
	selected console/q35 && console_file_has console/q35-port "$cons_q35"

	cons_mmio=$out/console-microvm.txt
	rm -f "$cons_mmio"
	boot_test console/microvm-serial-off "$console_app" 0 MACHINE=microvm \
		ARGS="console.serial=0 virtio_mmio.device=512@0xfeb00e00:12 -- one" \
		QEMU_ARGS="-device virtio-serial-device -chardev file,id=c0,path=$cons_mmio -device virtconsole,chardev=c0" \
		-- "Keel on" "!console: done" "!console: line"
	selected console/microvm-serial-off && console_file_has console/microvm-port "$cons_mmio"
fi
