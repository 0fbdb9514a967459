# SPDX-License-Identifier: BSD-3-Clause
# The Xen test machine (support/xen, docs/xen.md): Debian's Xen and dom0 under QEMU (TCG),
# checked with a minimal PVH guest of its own (support/xen/selftest) so that a harness
# fault does not pass for a Keel one: the guest's console (PV ring and port 0xE9) and
# command line reach the host, an exit status written to xenstore and a crash come back
# as the guest's status, dom0's hooks, vif and disk back-ends work; then `make run` for a
# Xen target boots Keel through the harness. A boot costs 10-30 s under TCG, so tests
# share boots: the self-test guests run one after another in one machine
# (support/xen/run --batch), each with its own result and log.
# Defines the helpers 86-xen-guest.sh and 87-xen-arm64.sh use (xen_boot_test,
# xen_batch_add, xen_batch_run). Skipped when Xen's packages cannot be fetched.
# Names start with xen/.

xen_timeout=300		# one machine, one guest
xen_guest_timeout=150	# one guest of a batch, from its creation
xen_skip=
xen_batch=()		# the queued tests' names

# xen_batch_add NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN...: queue a guest for the
# next xen_batch_run, which checks it as boot_test does. VARs are support/xen/run's
# (ARGS, MEM, INITRD, XEN_CFG, XEN_FILES, XEN_HOOK, TIMEOUT: the guest's limit).
# An unselected test is left out; a skipped one or one without an image is reported now.
xen_batch_add() {
	local name=$1 image=$2 want=$3 spec v
	shift 3
	selected "$name" || return 0
	if [ -n "$xen_skip" ]; then
		t_skip "$name" "$xen_skip"
		return
	fi
	if [ -z "$image" ] || [ ! -f "$image" ]; then
		log=
		t_fail "$name" "no image (its build failed)"
		return
	fi
	spec=$out/xen-batch/${name////_}
	mkdir -p "$out/xen-batch"
	{
		printf 'IMAGE=%q\n' "$image"
		printf 'TIMEOUT=%q\n' "$xen_guest_timeout"
		while [ $# -gt 0 ] && [ "$1" != "--" ]; do
			v=$1
			printf '%s=%q\n' "${v%%=*}" "${v#*=}"
			shift
		done
		printf 'LOG=%q\nSTATUS=%q\n' "$out/logs/${name////_}.log" "$spec.status"
	} >"$spec.spec"
	shift
	printf '%s\n' "$want" "$@" >"$spec.check"
	rm -f "$spec.status" "$out/logs/${name////_}.log"
	xen_batch+=("$name")
}

# xen_batch_run LABEL: boot the queued guests in one machine, then check each (its status
# and patterns against its own part of the output). The boot's time is printed; the
# machine's whole serial output is kept as logs/LABEL.machine.log.
xen_batch_run() {
	local label=$1 specs=() name spec t0 checks
	[ ${#xen_batch[@]} -gt 0 ] || return 0
	for name in "${xen_batch[@]}"; do
		specs+=("$out/xen-batch/${name////_}.spec")
	done
	t0=$SECONDS
	# support/xen/run has its own limit for the machine (the guests' plus 120 s, 300 s
	# on arm64), counted from after dom0's build: this one only catches a hung run, and
	# must leave it time to split the output and write each guest's status.
	XEN_LOG=$out/logs/${label////_}.machine.log \
		timeout $((${#specs[@]} * xen_guest_timeout + xen_timeout + 300)) "$root/support/xen/run" \
		--batch "${specs[@]}" >"$out/logs/${label////_}.log" 2>&1 </dev/null
	echo "     ($label: ${#specs[@]} guests in one boot, $((SECONDS - t0)) s)"
	for name in "${xen_batch[@]}"; do
		spec=$out/xen-batch/${name////_}
		log=$out/logs/${name////_}.log
		rc=$(cat "$spec.status" 2>/dev/null || echo 127)
		[ -f "$log" ] || cp "$out/logs/${label////_}.log" "$log"
		mapfile -t checks <"$spec.check"
		check "$name" "${checks[@]}"
	done
	xen_batch=()
}

# xen_boot_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN...: one guest in a machine
# of its own (as boot_test, through support/xen/run; the boot's time is printed).
xen_boot_test() {
	local name=$1 image=$2 want=$3 envs=() t0
	shift 3
	selected "$name" || return 0
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	if [ -n "$xen_skip" ]; then
		t_skip "$name" "$xen_skip"
		return
	fi
	if [ -z "$image" ] || [ ! -f "$image" ]; then
		log=
		t_fail "$name" "no image (its build failed)"
		return
	fi
	log=$out/logs/${name////_}.log
	t0=$SECONDS
	env "${envs[@]}" timeout "$xen_timeout" "$root/support/xen/run" "$image" \
		>"$log" 2>&1 </dev/null
	rc=$?
	echo "     ($name: $((SECONDS - t0)) s)"
	check "$name" "$want" "$@"
}

# xen_setup ARCH: the cached machine for ARCH (amd64 or arm64; the first build fetches and
# unpacks about 90 MB), as the test xen/dom0 (xen-arm64/dom0); sets xen_skip when it
# cannot be had.
xen_setup() {
	local arch=$1 name=$2 qemu=$3
	xen_skip=
	if ! command -v "$qemu" >/dev/null; then
		xen_skip="$qemu missing: run support/install-deps"
		t_skip "$name" "$xen_skip"
		return
	fi
	log=$out/logs/${name////_}.log
	# A first build fetches packages and waits on the cache's lock: bounded all the same.
	XEN_ARCH=$arch timeout 900 "$root/support/xen/build-dom0" >"$log" 2>&1 </dev/null
	rc=$?
	if [ $rc -eq 2 ]; then
		xen_skip="Xen's packages cannot be fetched (${log#"$out"/})"
		t_skip "$name" "$(tail -n 1 "$log")"
	elif [ $rc -ne 0 ]; then
		t_fail "$name" "support/xen/build-dom0 failed (status $rc)"
		xen_skip="no dom0"
	else
		t_pass "$name"
	fi
}

# xen_selftest_build NAME ARCH OUT: the harness's own guest (support/xen/selftest);
# sets xen_st to OUT, or empty when the build failed.
xen_selftest_build() {
	local name=$1
	xen_st=$3
	log=$out/logs/${name////_}.log
	if "$root/support/xen/selftest/build" "$2" "$xen_st" >"$log" 2>&1; then
		t_pass "$name"
	else
		t_fail "$name" "support/xen/selftest/build $2 failed"
		xen_st=
	fi
}

# xen_selftest_hook FILE: a hook for a guest that hangs: the domain's name from xenstore,
# its vif on the bridge, its disk file on a loop device given to blkback; exits 5.
xen_selftest_hook() {
	cat >"$1" <<'EOF'
echo "name=$(xenstore-read /local/domain/$1/name)"
[ "$(ls /sys/class/net/xenbr0/brif)" = "vif$1.0" ] && echo "vif on the bridge"
losetup -a
for d in vif vbd; do
	n=0
	[ $d = vbd ] && n=51712
	echo "$d hotplug-status=$(xenstore-read /local/domain/0/backend/$d/$1/$n/hotplug-status)"
done
echo "physical-device=$(xenstore-read /local/domain/0/backend/vbd/$1/51712/physical-device)"
exit 5
EOF
}

# xen_net_hook FILE: dom0's side of the lwip app's net test (tests/apps/lwip): dom0
# takes 10.0.2.2 (the address the app pings) on the bridge, pings the guest at
# 10.0.2.15 and checks one TCP echo, then waits for the guest to end.
xen_net_hook() {
	cat >"$1" <<'HOOK'
ip addr add 10.0.2.2/24 dev xenbr0
i=0
until ping -c 1 -W 1 10.0.2.15 >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 90 ] || { echo "no ping answer from the guest"; exit 1; }
done
echo "dom0 pinged the guest"
echo "echo reply: $(echo hello-keel | nc -w 10 10.0.2.15 7)"
sleep 600
HOOK
}

# xen_blk_disk FILE: the 4 MiB disk the blk app verifies (tests/apps/blk: every 8-byte
# word says "A", its sector and its index).
xen_blk_disk() {
	python3 - "$1" <<'PY'
import struct, sys
with open(sys.argv[1], "wb") as f:
    for s in range(8192):
        f.write(struct.pack("<64Q", *[ord("A") << 56 | s << 8 | i for i in range(64)]))
PY
}

xen_any() {
	local n
	for n in dom0 selftest-build selftest-exit selftest-crash selftest-hook make-run; do
		selected "xen/$n" && return 0
	done
	return 1
}

xen_st=
if xen_any; then
	xen_setup amd64 xen/dom0 qemu-system-x86_64
	xen_selftest_build xen/selftest-build x86 "$out/xen-selftest"

	# Both consoles, the command line with characters xl's config syntax escapes, and a
	# status through xenstore (the first guest of the boot: domain 1).
	xen_batch_add xen/selftest-exit "$xen_st" 3 ARGS='a "b" c\d exit=3' -- \
		"(d1) selftest: hello over port 0xe9" "guest| selftest: hello over the PV console" \
		'guest| selftest: command line: a "b" c\d exit=3' \
		"xen-dom0: domain 1 shut down: reason poweroff, data/keel-exit-status 3" \
		"xen-dom0: guest 1 exit status 3"

	# No key and reason crash: Keel's "stopped" status.
	xen_batch_add xen/selftest-crash "$xen_st" 126 ARGS=crash -- \
		"guest| selftest: crashing" "reason crash, data/keel-exit-status (none)"

	# A hook in dom0 while the guest runs (forever); the hook's status ends the guest.
	xen_dev=$out/xen-dev
	mkdir -p "$xen_dev"
	head -c 1M /dev/zero >"$xen_dev/disk.img"
	xen_selftest_hook "$xen_dev/hook"
	xen_batch_add xen/selftest-hook "$xen_st" 5 ARGS=hang XEN_HOOK="$xen_dev/hook" \
		XEN_FILES="$xen_dev/disk.img" XEN_CFG='vif = [ "mac=00:16:3e:00:00:02" ]
disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=/guest/disk.img" ]' -- \
		"guest| selftest: hanging" "dom0| name=keel" "dom0| vif on the bridge" \
		"dom0| /dev/loop0: 0 /guest/disk.img" "dom0| vif hotplug-status=connected" \
		"dom0| vbd hotplug-status=connected" "dom0| physical-device=7:0" \
		"xen-dom0: hook exit status 5"
	xen_batch_run xen/selftest
fi

# `make run` for a Xen target goes through the harness (plat/xen sets keel-run-y).
if selected xen/make-run; then
	if [ -n "$xen_skip" ]; then
		t_skip xen/make-run "$xen_skip"
	elif [ ! -f "$root/support/targets/xen-x86_64.config" ]; then
		t_skip xen/make-run "no TARGET=xen-x86_64 in this tree"
	else
		log=$out/logs/xen_make-run.log
		t0=$SECONDS
		# O is 86-xen-guest.sh's helloworld folder: its build then has nothing to do.
		timeout "$xen_timeout" make -C "$root" run TARGET=xen-x86_64 O="$out/xen-hello" \
			ARGS="x 'y z'" >"$log" 2>&1 </dev/null
		rc=$?
		echo "     (xen/make-run: $((SECONDS - t0)) s, with the build)"
		check xen/make-run 0 "xen-dom0: creating the domain" "guest| Hello from Keel!" \
			'guest| argv[1] = "x"' 'guest| argv[2] = "y z"' "xen-dom0: exit status 0"
	fi
fi
