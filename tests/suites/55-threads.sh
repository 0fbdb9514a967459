# SPDX-License-Identifier: BSD-3-Clause
# Threads, scheduler, time and interrupts: tests/apps/threads under the preemptive
# scheduler (the default) and the cooperative one, on microvm, q35 and pc.

all_checks="prodcons mutex timeouts event sleep starve wakeup tls lifecycle irq fpu"
common=("threads: constructors: ok" "threads: prodcons-condvar: ok" "threads: prodcons-sem: ok"
	"threads: mutex-counter: ok" "threads: mutex-errors: ok" "threads: mutex-recursive: ok"
	"threads: timeout-sem: ok" "threads: timeout-condvar: ok"
	"threads: timeout-condvar-relocked: ok" "threads: timeout-event: ok"
	"threads: timeout-mutex: ok" "threads: timeout-mutex-then-acquired: ok"
	"threads: event-all: ok" "threads: sleep: ok" "threads: tls: ok" "threads: churn: ok"
	"threads: join-retval: ok" "threads: join-self: ok" "threads: detach: ok"
	"threads: irq-rtc-periodic: ok" "threads: irq-deferred-work: ok"
	"threads: irq-unregister: ok" "threads: fpu-registers: ok" "threads: fpu-rounding: ok"
	"threads: 0 failures" "!FAIL" "!CPU exception")

build_test build/threads A=tests/apps/threads O="$out/threads"
threads=$image
if selected build/threads-coop; then
	build_edited build/threads-coop "$out/threads-coop" \
		's/^CONFIG_SCHED_PREEMPT=y/CONFIG_SCHED_COOP=y/' A=tests/apps/threads
	threads_coop=$image
	if [ "$rc" -eq 0 ] && grep -q 'CC      lib/sched/policy_coop.o' "$log" &&
	   ! grep -q 'policy_prio' "$log"; then
		t_pass build/threads-coop
	else
		t_fail build/threads-coop "make status $rc, or the cooperative policy was not built alone"
	fi
fi

# Preemptive: a busy loop does not starve an equal-priority thread, and a woken
# higher-priority thread runs before the waker's post returns.
boot_test threads/preempt/all "$threads" 0 ARGS="-- $all_checks" -- "${common[@]}" \
	"threads: policy preemptive" \
	"threads: starve: the other thread ran during the busy loop: yes" \
	"threads: starve: a new thread ran while its creator was busy: yes" \
	"threads: wakeup: the higher-priority thread ran before the post returned: yes" \
	"threads: fpu: threads interleaved mid-computation: yes"

# Floating point state across switches in both save formats: XSAVE (-cpu max) and
# FXSAVE (qemu64 has no XSAVE).
boot_test threads/fpu-xsave "$threads" 0 ARGS="log.level=debug -- fpu" -- \
	"fpu: xsave," "threads: fpu-registers: ok" "threads: fpu-rounding: ok" "!FAIL"
boot_test threads/fpu-fxsave "$threads" 0 QEMU_ARGS="-cpu qemu64" \
	ARGS="log.level=debug -- fpu" -- "fpu: fxsave, 512-byte" \
	"threads: fpu-registers: ok" "threads: fpu-rounding: ok" "!FAIL"

# Cooperative (documented behaviour): the busy loop starves the other thread until it
# ends, and a wake-up never preempts.
if [ -n "${threads_coop:-}" ]; then
	boot_test threads/coop/all "$threads_coop" 0 ARGS="-- $all_checks" -- "${common[@]}" \
		"threads: policy cooperative" \
		"threads: starve: the other thread ran during the busy loop: no" \
		"threads: starve: a new thread ran while its creator was busy: no" \
		"threads: wakeup: the higher-priority thread ran before the post returned: no"
fi

# The interrupt path and the timer on the PCI machines (MADT, IOAPIC, LAPIC timer).
for m in q35 pc; do
	boot_test "threads/preempt/$m" "$threads" 0 MACHINE=$m \
		ARGS="-- sleep irq starve prodcons" -- \
		"threads: sleep: ok" "threads: irq-rtc-periodic: ok" \
		"threads: irq-deferred-work: ok" "threads: prodcons-sem: ok" \
		"threads: starve: the other thread ran during the busy loop: yes" \
		"threads: 0 failures" "!FAIL"
done

# Faults: a thread's stack overflow names the thread; a spinlock taken twice panics; a
# handler that blocks in interrupt context panics, naming the call.
boot_test threads/stack-overflow "$threads" 126 ARGS="-- overflow" -- \
	"stack overflow in deep-thread: access at 0x" "in the guard page under its stack" \
	"overflow_body+" "thread_start+"
boot_test threads/spinlock-deadlock "$threads" 126 ARGS="-- deadlock" -- \
	"panic: spinlock 0x" "taken again by the CPU that holds it (deadlock)" "test_deadlock+"
boot_test threads/irq-blocks "$threads" 126 ARGS="-- irq-block" -- \
	"panic: k_mutex_lock in interrupt context (thread " "rtc_irq_blocks+" "k_irq_handle+"
