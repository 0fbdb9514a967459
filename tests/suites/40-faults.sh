# SPDX-License-Identifier: BSD-3-Clause
# Faults end with a report (exception, registers, symbolized backtrace) and status 126.

boot_test fault/null-read "$fault" 126 ARGS="-- null" -- \
	"CPU exception #PF page fault (vector 14" "NULL pointer dereference: read at address 0x0" \
	"RIP=" "fault_null_read+0x0" "Called from" "main+" "Backtrace:" "k_boot_main+"
boot_test fault/null-write "$fault" 126 ARGS="-- null-write" -- \
	"NULL pointer dereference: write at address 0x8" "fault_null_write+" "CR2=0000000000000008"
boot_test fault/invalid-opcode "$fault" 126 ARGS="-- ud" -- \
	"CPU exception #UD invalid opcode (vector 6" "fault_invalid_opcode+"
boot_test fault/divide-error "$fault" 126 ARGS="-- div0" -- \
	"CPU exception #DE divide error (vector 0" "fault_divide"
boot_test fault/stack-overflow "$fault" 126 ARGS="-- overflow" -- \
	"CPU exception #DF double fault" "stack overflow" "guard page" "fault_recurse+" "repeats"
boot_test fault/panic "$fault" 126 ARGS="-- panic" -- \
	"panic: requested by the test (42)" "Backtrace:" "main+"
boot_test fault/assert "$fault" 126 ARGS="-- assert" -- \
	"panic: assertion 'argc == 1' failed in main() at" "k_assert_failed+"
for m in q35 pc; do
	boot_test "fault/null-read-$m" "$fault" 126 MACHINE=$m ARGS="-- null" -- \
		"NULL pointer dereference" "fault_null_read+0x0"
done
