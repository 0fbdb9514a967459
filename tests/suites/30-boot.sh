# SPDX-License-Identifier: BSD-3-Clause
# Boot tests: helloworld on every x86_64 machine, arguments, parameters, memory, status.

for m in microvm q35 pc; do
	boot_test "boot/hello-$m" "$hello" 0 MACHINE=$m ARGS="a 'b c'" -- \
		"Keel on kvm-x86_64 (multiboot entry)" "Hello from Keel!" \
		'argv[0] = "helloworld"' 'argv[1] = "a"' 'argv[2] = "b c"'
done
if have_hw_kvm; then
	boot_test boot/hello-kvm "$hello" 0 ACCEL=kvm -- "Hello from Keel!"
else
	selected boot/hello-kvm && t_skip boot/hello-kvm "no hardware KVM here (kvm_pvm or no /dev/kvm)"
fi
boot_test boot/pvh-entry-microvm "${pvh_image:-}" 0 MACHINE=microvm ARGS="-- pvh" -- \
	"(pvh entry)" 'argv[1] = "pvh"'
boot_test boot/pvh-entry-q35 "${pvh_image:-}" 0 MACHINE=q35 -- "(pvh entry)" "Hello from Keel!"

boot_test boot/separator "$hello" 0 ARGS="log.level=info -- log.level=x -- y" -- \
	'argv[1] = "log.level=x"' 'argv[2] = "--"' 'argv[3] = "y"' '!argv[4]'
boot_test boot/params-without-separator "$hello" 0 ARGS="x log.level=err y" -- \
	'argv[1] = "x"' 'argv[2] = "y"' '!Keel on' '!argv[3]'
boot_test boot/memory-map "$hello" 0 MEM=64M ARGS="log.level=debug" -- \
	"mem: 0x000000100000-0x000004000000 usable" "mem: image 0x100000-"
boot_test boot/small-memory "$hello" 0 MEM=2M -- "Hello from Keel!"
boot_test boot/boot-time "$hello" 0 ARGS="boot.time" -- "boot: entry to main: " " us" "boot: page tables: " "boot: allocators: " "boot: counter "

# Exit status: the program's, clamped to 125; 126 is Keel stopping the program.
boot_test boot/exit-status "$fault" 7 ARGS="-- exit 7" -- "fault: exit"
boot_test boot/exit-status-clamped "$fault" 125 ARGS="-- exit 200" -- \
	"exit status 200 is above 125"

# Bad command lines: one clear line, status 126, the program does not run.
boot_test cmdline/unknown-param "$hello" 126 ARGS="bogus=1 -- x" -- \
	"fatal: unknown Keel parameter 'bogus'" "log.level" '!Hello'
boot_test cmdline/bad-value "$hello" 126 ARGS="log.level=loud --" -- \
	"fatal: bad value 'loud' for Keel parameter log.level" '!Hello'
boot_test cmdline/unterminated-quote "$hello" 126 ARGS="a 'b" -- \
	"fatal: command line has an unterminated quote" '!Hello'
boot_test cmdline/too-many-words "$hello" 126 ARGS="$(seq -s ' ' 1 100)" -- \
	"fatal: command line has more than 63 words (CONFIG_BOOT_MAX_ARGS)"
boot_test cmdline/too-long "$hello" 126 ARGS="$(printf 'x%.0s' $(seq 1 2100))" -- \
	"(CONFIG_KVM_CMDLINE_MAX)" '!Hello'
