# SPDX-License-Identifier: BSD-3-Clause
# The Xen guest side (plat/xen, TARGET=xen-x86_64) under a real Xen: each image boots
# as a PVH domain of Debian's Xen inside QEMU (support/xen/run, the harness of
# 85-xen.sh). Its PV console reaches the host as "" lines and its exit status
# as the machine's. One boot costs about 35 s under TCG, so the set is small: hello,
# an exit status through xenstore, Xen's services (tests/apps/xen), threads, newlib,
# lwIP over netfront with dom0 on the other end of the vif, and blkfront on a disk file.
# Skipped when support/xen/run is missing or Xen's packages cannot be fetched.
# Names start with xen-guest/.

xen_guest_timeout=300
xen_guest_skip=

# Any xen-guest test selected: TESTS='xen-guest/net' as well as TESTS='xen*'.
xen_guest_selected() { [[ ${TESTS:-*} == xen-guest/* ]] || selected "xen-guest/*"; }

# xen_guest_test NAME IMAGE STATUS [VAR=VALUE ...] -- PATTERN... (as boot_test, under Xen)
xen_guest_test() {
	local name=$1 image=$2 want=$3 envs=()
	shift 3
	selected "$name" || return 0
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		envs+=("$1")
		shift
	done
	shift
	if [ -n "$xen_guest_skip" ]; then
		t_skip "$name" "$xen_guest_skip"
		return
	fi
	if [ -z "$image" ] || [ ! -f "$image" ]; then
		t_fail "$name" "no image (its build failed)"
		return
	fi
	log=$out/logs/${name////_}.log
	env "${envs[@]}" timeout "$xen_guest_timeout" "$root/support/xen/run" "$image" \
		>"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "build-dom0" "$log"; then
		xen_guest_skip="Xen's packages cannot be fetched (support/xen/build-dom0)"
		t_skip "$name" "$xen_guest_skip"
		return
	fi
	check "$name" "$want" "$@"
}

if xen_guest_selected; then
	build_test xen-guest/build-hello TARGET=xen-x86_64 O="$out/xen-hello"
	xen_hello=$image
	# The image carries the PVH entry note and no multiboot header.
	if selected xen-guest/build-hello-notes && [ -n "$xen_hello" ]; then
		if readelf -n "$xen_hello" 2>/dev/null | grep -q "Xen .*0x00000012" &&
		   ! grep -q "multiboot" "$out/logs/xen-guest_build-hello.log"; then
			t_pass xen-guest/build-hello-notes
		else
			t_fail xen-guest/build-hello-notes "no XEN_ELFNOTE_PHYS32_ENTRY note, or multiboot built"
		fi
	fi
fi

if ! xen_guest_selected; then
	:
elif [ ! -x "$root/support/xen/run" ]; then
	t_skip xen-guest/all "support/xen/run is not in this tree"
elif ! command -v qemu-system-x86_64 >/dev/null; then
	t_skip xen-guest/all "qemu-system-x86_64 missing: run support/install-deps"
else
	xen_guest_test xen-guest/hello "$xen_hello" 0 -- \
		"Keel on xen-x86_64 (pvh entry)" "Hello from Keel!" \
		"exit status 0" "reason poweroff, data/keel-exit-status 0" "!FAIL"

	# A non-zero status from the program: reason poweroff, the number through xenstore.
	xen_fault=
	selected xen-guest/exit7 && build_test xen-guest/build-fault A=tests/apps/fault \
		TARGET=xen-x86_64 O="$out/xen-fault" && xen_fault=$image
	xen_guest_test xen-guest/exit7 "$xen_fault" 7 ARGS="-- exit 7" -- \
		"exit status 7" "reason poweroff, data/keel-exit-status 7"

	# Event channels, xenstore, grant table, timer and wall clock from inside the guest;
	# the domain's id and name it reads must be the ones dom0 gave it.
	xen_app=
	selected xen-guest/services && build_test xen-guest/build-services A=tests/apps/xen \
		TARGET=xen-x86_64 O="$out/xen-app" && xen_app=$image
	xen_guest_test xen-guest/services "$xen_app" 0 -- \
		"xentest: identity: ok" "xentest: store-write-read: ok" \
		"xentest: store-short-buffer: ok" "xentest: store-directory: ok" \
		"xentest: store-transaction: ok" "xentest: store-rm: ok" \
		"xentest: store-watch: ok" "xentest: evtchn-loopback: ok" \
		"xentest: gnttab: ok" "xentest: timer-sleep: ok" \
		"xentest: wallclock: ok" "xentest: 0 failures" "!FAIL" \
		"!no handler claimed"
	if selected xen-guest/services-identity && [ -n "$xen_app" ] && [ -z "$xen_guest_skip" ]; then
		domid=$(sed -n 's/^xen-dom0: domain keel is domain \([0-9]*\).*/\1/p' "$log")
		if grep -q "xentest: domid=$domid name=keel" "$log" && [ -n "$domid" ]; then
			t_pass xen-guest/services-identity
		else
			t_fail xen-guest/services-identity "the guest did not read domid '$domid', name keel"
		fi
	fi

	# Threads and timeouts on Xen's timer. Not sleep, whose lateness bound (25 ms)
	# Xen nested in TCG misses now and then, nor lifecycle, whose churn check counts
	# the threads before the exited detached one from the step before is freed when
	# its 1 ms sleep ends before the idle thread runs (so here), nor irq (no CMOS RTC).
	xen_threads=
	selected xen-guest/threads && build_test xen-guest/build-threads A=tests/apps/threads \
		TARGET=xen-x86_64 O="$out/xen-threads" && xen_threads=$image
	xen_guest_test xen-guest/threads "$xen_threads" 0 \
		ARGS="-- prodcons mutex timeouts event starve wakeup tls fpu" -- \
		"threads: prodcons-condvar: ok" "threads: mutex-counter: ok" \
		"threads: timeout-sem: ok" "threads: timeout-condvar: ok" \
		"threads: timeout-mutex: ok" "threads: event-all: ok" \
		"threads: tls: ok" "threads: wakeup: ok" "threads: starve: ok" \
		"threads: fpu-registers: ok" "threads: 0 failures" "!FAIL" "!CPU exception"

	# netfront: lwIP on the vif, bridged to dom0 (which takes 10.0.2.2, the address the
	# lwip app pings). The guest pings dom0 and serves one TCP echo connection; dom0
	# pings the guest and checks the echo.
	xen_lwip=
	selected xen-guest/net && build_test xen-guest/build-lwip A=tests/apps/lwip \
		TARGET=xen-x86_64 O="$out/xen-lwip" && xen_lwip=$image
	cat >"$out/xen-nethook.sh" <<'HOOK'
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
	xen_guest_test xen-guest/net "$xen_lwip" 0 \
		ARGS="netdev.ip=10.0.2.15/24:10.0.2.2 -- ping echo=1" \
		XEN_CFG='vif = [ "mac=00:16:3e:00:00:02,bridge=xenbr0" ]' \
		XEN_HOOK="$out/xen-nethook.sh" -- \
		"eth0: link up, 10.0.2.15/24 static, gateway 10.0.2.2" "lwip: ping: ok" \
		"lwip: echo 1: ok (11 bytes echoed" "dom0| dom0 pinged the guest" \
		"dom0| echo reply: hello-keel" "lwip: 0 failures" "!FAIL" "!CPU exception"

	# blkfront: a 4 MiB file-backed disk through blkback (loop device in dom0): every
	# sector read and checked, 64 requests in flight (a two-page ring), the ring-full
	# refusal, a write with a flush read back.
	xen_blk=
	selected xen-guest/blk && build_test xen-guest/build-blk A=tests/apps/blk \
		TARGET=xen-x86_64 O="$out/xen-blk" && xen_blk=$image
	if selected xen-guest/blk && [ -n "$xen_blk" ]; then
		python3 - "$out/xen-disk.img" <<'PY'
import struct, sys
with open(sys.argv[1], "wb") as f:
    for s in range(8192):
        f.write(struct.pack("<64Q", *[ord("A") << 56 | s << 8 | i for i in range(64)]))
PY
	fi
	xen_guest_test xen-guest/blk "$xen_blk" 0 ARGS="-- verify inflight write check-written" \
		XEN_FILES="$out/xen-disk.img" \
		XEN_CFG='disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=/guest/xen-disk.img" ]' \
		-- "blk: disk vda: 8192 sectors of 512 bytes" "blk: verify: ok" \
		"blk: verify-unaligned: ok" "blk: inflight: ok 64 submitted" \
		"blk: inflight-irqs-off: ok" "blk: ring-full: ok the device took 64 requests" \
		"blk: write: ok" "blk: write-readback: ok" "blk: check-written: ok" \
		"blk: 0 failures" "!FAIL" "!CPU exception"

	# newlib: the C library's checks, as in 57-libc.sh, without "time": its clock() check
	# wants 15 ms of CPU time from a 20 ms busy wait, which Xen under TCG does not always
	# give the domain (one CI run saw 10).
	xen_libc=
	selected xen-guest/libc && build_test xen-guest/build-libc A=tests/apps/libc \
		TARGET=xen-x86_64 O="$out/xen-libc" && xen_libc=$image
	xen_guest_test xen-guest/libc "$xen_libc" 0 \
		ARGS="env.KEEL_TEST=hello -- printf strtod sort math string malloc errno env stdio" -- \
		"libc: printf-int: ok" "libc: 0 failures" "!FAIL" "!CPU exception"
fi
