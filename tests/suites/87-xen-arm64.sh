# SPDX-License-Identifier: BSD-3-Clause
# Xen on arm64 (docs/xen.md): Debian's Xen and an arm64 dom0 under qemu-system-aarch64
# (TCG, virt at EL2 with GICv3), through support/xen/run with the helpers of 85-xen.sh
# (which tests/run sources first). The harness's own arm64 guest (support/xen/selftest)
# checks it: the PV console, the emulated SBSA UART (vpl011), the command line, an exit
# status through xenstore, a crash, a hook with a vif and a disk; then Keel's
# TARGET=xen-arm64 images: Xen's services always (one build), and with KEEL_TEST_XEN_ARM64=1
# (`make test-xen-arm64`) hello, an exit status, netfront and blkfront, whose four more
# arm64 builds cost minutes, so `make test` and CI skip them.
# All guests share one boot (about 15 s plus the guests). Skipped when QEMU, the cross
# compiler or Xen's arm64 packages cannot be had. Names start with xen-arm64/.

xen_arm64_selected() { [[ ${TESTS:-*} == xen-arm64/* ]] || selected "xen-arm64/*"; }

if xen_arm64_selected; then
	xen_setup arm64 xen-arm64/dom0 qemu-system-aarch64
	xen_st=
	if [ -z "$xen_skip" ] && ! command -v aarch64-linux-gnu-gcc >/dev/null; then
		xen_skip="aarch64-linux-gnu-gcc missing: run support/install-deps"
		t_skip xen-arm64/selftest-build "$xen_skip"
	elif [ -z "$xen_skip" ]; then
		xen_selftest_build xen-arm64/selftest-build arm64 "$out/xen-selftest-arm64"
	fi

	# Both consoles (the vuart before the PV console is up), the command line with
	# characters xl's config syntax escapes, a status through xenstore.
	xen_batch_add xen-arm64/selftest-exit "$xen_st" 3 ARGS='a "b" c\d exit=3' \
		XEN_CFG='vuart = "sbsa_uart"' -- \
		"vuart| selftest: hello over the SBSA UART" \
		"guest| selftest: hello over the PV console" \
		'guest| selftest: command line: a "b" c\d exit=3' \
		"xen-dom0: domain 1 shut down: reason poweroff, data/keel-exit-status 3" \
		"xen-dom0: guest 1 exit status 3"

	# No key and reason crash: Keel's "stopped" status.
	xen_batch_add xen-arm64/selftest-crash "$xen_st" 126 ARGS=crash -- \
		"guest| selftest: crashing" "reason crash, data/keel-exit-status (none)" \
		"!vuart| "

	# A hook in dom0 while the guest hangs: its vif and its disk's back-ends.
	xen_dev=$out/xen-arm64-dev
	if selected xen-arm64/selftest-hook; then
		mkdir -p "$xen_dev"
		head -c 1M /dev/zero >"$xen_dev/disk.img"
		xen_selftest_hook "$xen_dev/hook"
	fi
	xen_batch_add xen-arm64/selftest-hook "$xen_st" 5 ARGS=hang XEN_HOOK="$xen_dev/hook" \
		XEN_FILES="$xen_dev/disk.img" XEN_CFG='vif = [ "mac=00:16:3e:00:00:02" ]
disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=/guest/disk.img" ]' -- \
		"guest| selftest: hanging" "dom0| name=keel" "dom0| vif on the bridge" \
		"dom0| /dev/loop0: 0 /guest/disk.img" "dom0| vif hotplug-status=connected" \
		"dom0| vbd hotplug-status=connected" "dom0| physical-device=7:0" \
		"xen-dom0: hook exit status 5"

	# Keel as an arm64 Xen guest. Always: Xen's services from inside the guest (one
	# build; its console, exit status 0 through xenstore, xenstore, event channels,
	# grants, the timer). With KEEL_TEST_XEN_ARM64=1 also hello, a non-zero status,
	# netfront and blkfront: four more arm64 builds, minutes under CI's load.
	if [ ! -f "$root/support/targets/xen-arm64.config" ]; then
		selected xen-arm64/services && t_skip xen-arm64/services "no TARGET=xen-arm64 in this tree"
	else
		# Xen's services from inside the guest (no wall clock on arm64 yet).
		xen_a64_app=
		selected xen-arm64/services && build_test xen-arm64/build-services \
			A=tests/apps/xen TARGET=xen-arm64 O="$out/xen-arm64-app" && xen_a64_app=$image
		xen_batch_add xen-arm64/services "$xen_a64_app" 0 -- \
			"xentest: identity: ok" "xentest: store-write-read: ok" \
			"xentest: store-transaction: ok" "xentest: store-watch: ok" \
			"xentest: evtchn-loopback: ok" "xentest: gnttab: ok" \
			"xentest: timer-sleep: ok" "xentest: 0 failures" "!FAIL"
		# The same image outside Xen (plain QEMU virt, no /hypervisor node) stops with a
		# clear message at once; PSCI power-off carries no status, so qemu-run says 127.
		if [ -n "$xen_a64_app" ]; then
			test_arch=arm64
			boot_test xen-arm64/not-xen "$xen_a64_app" 127 MACHINE=virt -- \
				"fatal: not running under Xen: this image is for Xen (TARGET=xen-arm64)" \
				"exit status 126"
			unset test_arch
		fi
		if [ "${KEEL_TEST_XEN_ARM64:-}" != 1 ]; then
			selected xen-arm64/hello && t_skip xen-arm64/more \
				"hello, exit7, net and blk are opt-in: make test-xen-arm64 (KEEL_TEST_XEN_ARM64=1)"
		else
			xen_a64_hello=
			selected xen-arm64/hello && build_test xen-arm64/build-hello TARGET=xen-arm64 \
				O="$out/xen-arm64-hello" && xen_a64_hello=$image
			xen_batch_add xen-arm64/hello "$xen_a64_hello" 0 ARGS="x 'y z'" -- \
				"guest| Hello from Keel!" 'guest| argv[2] = "y z"' \
				"reason poweroff, data/keel-exit-status 0" "!FAIL"
			xen_a64_fault=
			selected xen-arm64/exit7 && build_test xen-arm64/build-fault A=tests/apps/fault \
				TARGET=xen-arm64 O="$out/xen-arm64-fault" && xen_a64_fault=$image
			xen_batch_add xen-arm64/exit7 "$xen_a64_fault" 7 ARGS="-- exit 7" -- \
				"exit status 7" "reason poweroff, data/keel-exit-status 7"
			# netfront and blkfront, as in 86-xen-guest.sh.
			xen_a64_lwip=
			selected xen-arm64/net && build_test xen-arm64/build-lwip A=tests/apps/lwip \
				TARGET=xen-arm64 O="$out/xen-arm64-lwip" && xen_a64_lwip=$image
			xen_net_hook "$out/xen-arm64-nethook.sh"
			xen_batch_add xen-arm64/net "$xen_a64_lwip" 0 \
				ARGS="netdev.ip=10.0.2.15/24:10.0.2.2 -- ping echo=1" \
				XEN_CFG='vif = [ "mac=00:16:3e:00:00:04,bridge=xenbr0" ]' \
				XEN_HOOK="$out/xen-arm64-nethook.sh" -- \
				"eth0: link up, 10.0.2.15/24 static, gateway 10.0.2.2" "lwip: ping: ok" \
				"lwip: echo 1: ok (11 bytes echoed" "dom0| dom0 pinged the guest" \
				"dom0| echo reply: hello-keel" "lwip: 0 failures" "!FAIL"
			xen_a64_blk=
			selected xen-arm64/blk && build_test xen-arm64/build-blk A=tests/apps/blk \
				TARGET=xen-arm64 O="$out/xen-arm64-blk" && xen_a64_blk=$image
			[ -z "$xen_a64_blk" ] || xen_blk_disk "$out/xen-arm64-disk.img"
			xen_batch_add xen-arm64/blk "$xen_a64_blk" 0 \
				ARGS="-- verify inflight write check-written" \
				XEN_FILES="$out/xen-arm64-disk.img" \
				XEN_CFG='disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=/guest/xen-arm64-disk.img" ]' \
				-- "blk: disk vda: 8192 sectors of 512 bytes" "blk: verify: ok" \
				"blk: inflight: ok 64 submitted" "blk: write: ok" \
				"blk: check-written: ok" "blk: 0 failures" "!FAIL"
		fi
	fi

	xen_batch_run xen-arm64/batch
fi
