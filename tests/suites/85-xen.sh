# SPDX-License-Identifier: BSD-3-Clause
# The Xen test machine (support/xen, docs/xen.md): Debian's Xen and dom0 under QEMU (TCG),
# checked with a minimal PVH guest of its own (support/xen/selftest) so that a harness
# fault does not pass for a Keel one: the guest's console (PV ring and port 0xE9) and
# command line reach the host, an exit status written to xenstore and a crash come back
# as the machine's status, dom0's hooks, vif and disk back-ends work; then `make run`
# for a Xen target boots Keel through the harness. A boot costs 30-60 s under TCG.
# Skipped when Xen's packages cannot be fetched. Names start with xen/.

xen_timeout=300
xen_skip=

# xen_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN... (as boot_test, through
# support/xen/run; the boot's time is printed with the result)
xen_test() {
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

# The machine and the self-test guest are set up when any xen/ test is picked.
xen_any() {
	local n
	for n in dom0 selftest-build selftest-exit selftest-crash selftest-hook make-run; do
		selected "xen/$n" && return 0
	done
	return 1
}

xen_st=
if xen_any; then
	if ! command -v qemu-system-x86_64 >/dev/null; then
		xen_skip="qemu-system-x86_64 missing: run support/install-deps"
	else
		# The cached machine (the first build fetches and unpacks about 90 MB).
		log=$out/logs/xen_dom0.log
		"$root/support/xen/build-dom0" >"$log" 2>&1 </dev/null
		rc=$?
		if [ $rc -eq 2 ]; then
			xen_skip="Xen's packages cannot be fetched (${log#"$out"/})"
			t_skip xen/dom0 "$(tail -n 1 "$log")"
		elif [ $rc -ne 0 ]; then
			t_fail xen/dom0 "support/xen/build-dom0 failed (status $rc)"
			xen_skip="no dom0"
		else
			t_pass xen/dom0
		fi
	fi

	# The self-test guest: 32-bit, freestanding, the harness's own.
	xen_st=$out/xen-selftest
	log=$out/logs/xen_selftest-build.log
	if gcc -m32 -O1 -std=gnu11 -Wall -Wextra -Werror -ffreestanding -fno-pic -fno-pie \
		-fno-stack-protector -nostdlib -static -no-pie -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,-T,"$root/support/xen/selftest/guest.lds" \
		"$root/support/xen/selftest/entry.S" "$root/support/xen/selftest/guest.c" \
		-o "$xen_st" >"$log" 2>&1; then
		t_pass xen/selftest-build
	else
		t_fail xen/selftest-build "gcc -m32 failed"
		xen_st=
	fi
fi

# Both consoles, the command line with characters xl's config syntax escapes, and a
# status through xenstore.
xen_test xen/selftest-exit "$xen_st" 3 ARGS='a "b" c\d exit=3' -- \
	"(d1) selftest: hello over port 0xe9" "guest| selftest: hello over the PV console" \
	'guest| selftest: command line: a "b" c\d exit=3' \
	"xen-dom0: domain 1 shut down: reason poweroff, data/keel-exit-status 3" \
	"xen-dom0: exit status 3"

# No key and reason crash: Keel's "stopped" status.
xen_test xen/selftest-crash "$xen_st" 126 ARGS=crash -- \
	"guest| selftest: crashing" "reason crash, data/keel-exit-status (none)"

# A hook in dom0 while the guest runs (forever): the domain's name from xenstore, the
# vif on the bridge, the disk file on a loop device given to blkback; the hook's status
# ends the run.
xen_dev=$out/xen-dev
if selected xen/selftest-hook; then
	mkdir -p "$xen_dev"
	head -c 1M /dev/zero >"$xen_dev/disk.img"
	cat >"$xen_dev/hook" <<'EOF'
echo "name=$(xenstore-read /local/domain/$1/name)"
echo "bridge ports: $(ls /sys/class/net/xenbr0/brif)"
losetup -a
for d in vif/$1/0 vbd/$1/51712; do
	echo "$d hotplug-status=$(xenstore-read /local/domain/0/backend/$d/hotplug-status)"
done
echo "physical-device=$(xenstore-read /local/domain/0/backend/vbd/$1/51712/physical-device)"
exit 5
EOF
fi
xen_test xen/selftest-hook "$xen_st" 5 ARGS=hang XEN_HOOK="$xen_dev/hook" \
	XEN_FILES="$xen_dev/disk.img" XEN_CFG='vif = [ "mac=00:16:3e:00:00:02" ]
disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=/guest/disk.img" ]' -- \
	"guest| selftest: hanging" "dom0| name=keel" "dom0| bridge ports: vif1.0" \
	"dom0| /dev/loop0: 0 /guest/disk.img" "dom0| vif/1/0 hotplug-status=connected" \
	"dom0| vbd/1/51712 hotplug-status=connected" "dom0| physical-device=7:0" \
	"xen-dom0: hook exit status 5"

# `make run` for a Xen target goes through the harness (plat/xen sets keel-run-y).
if selected xen/make-run; then
	if [ -n "$xen_skip" ]; then
		t_skip xen/make-run "$xen_skip"
	elif [ ! -f "$root/support/targets/xen-x86_64.config" ]; then
		t_skip xen/make-run "no TARGET=xen-x86_64 in this tree"
	else
		log=$out/logs/xen_make-run.log
		t0=$SECONDS
		timeout "$xen_timeout" make -C "$root" run TARGET=xen-x86_64 O="$out/xen-run" \
			ARGS="x 'y z'" >"$log" 2>&1 </dev/null
		rc=$?
		echo "     (xen/make-run: $((SECONDS - t0)) s, with the build)"
		check xen/make-run 0 "xen-dom0: creating the domain" "guest| Hello from Keel!" \
			'guest| argv[1] = "x"' 'guest| argv[2] = "y z"' "xen-dom0: exit status 0"
	fi
fi
