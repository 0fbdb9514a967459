# SPDX-License-Identifier: BSD-3-Clause
# Test helpers (sourced by tests/run): results, booting images, checking their output.

t_pass() { pass=$((pass + 1)); echo "PASS $1"; }
t_skip() { skip=$((skip + 1)); echo "SKIP $1: $2"; }
t_fail() {
	fail=$((fail + 1))
	echo "FAIL $1: $2"
	[ -n "${log:-}" ] && [ -f "$log" ] && sed 's/^/    | /' "$log" | tail -n 15
}

# run_boot NAME IMAGE [VAR=VALUE ...]: boot IMAGE through support/qemu-run with the
# given environment (MACHINE, MEM, ARGS, ...). Output in $log, exit status in $rc.
# A suite sets test_arch (x86_64 when unset) for the architecture its images are for.
run_boot() {
	local name=$1 image=$2
	shift 2
	log=$out/logs/${name////_}.log
	env ACCEL="${ACCEL:-tcg}" KEEL_ARCH="${test_arch:-x86_64}" "$@" timeout "$boot_timeout" \
		"$root/support/qemu-run" "$image" >"$log" 2>&1 </dev/null
	rc=$?
}

# run_qemu NAME IMAGE QEMU-FLAGS...: QEMU directly (no isa-debug-exit); status in $rc.
run_qemu() {
	local name=$1 image=$2
	shift 2
	log=$out/logs/${name////_}.log
	timeout "$boot_timeout" qemu-system-x86_64 -accel tcg -nodefaults -no-user-config \
		-no-reboot -display none -serial stdio -kernel "$image" "$@" >"$log" 2>&1 </dev/null
	rc=$?
}

# check NAME STATUS PATTERN...: the last boot ended with STATUS and its output holds
# every PATTERN (fixed strings); a PATTERN starting with ! must be absent.
check() {
	local name=$1 want=$2 p
	shift 2
	if [ "$rc" -ne "$want" ]; then
		t_fail "$name" "exit status $rc, expected $want"
		return 1
	fi
	for p in "$@"; do
		if [ "${p:0:1}" = "!" ]; then
			if grep -qF -- "${p:1}" "$log"; then
				t_fail "$name" "output has '${p:1}'"
				return 1
			fi
		elif ! grep -qF -- "$p" "$log"; then
			t_fail "$name" "output lacks '$p'"
			return 1
		fi
	done
	t_pass "$name"
}

# boot_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN...
boot_test() {
	local name=$1 image=$2 want=$3 envs=()
	shift 3
	selected "$name" || return 0
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	run_boot "$name" "$image" "${envs[@]}"
	check "$name" "$want" "$@"
}

# True when /dev/kvm is hardware KVM (the same rule as support/qemu-run).
have_hw_kvm() { [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; }
