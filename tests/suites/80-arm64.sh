# SPDX-License-Identifier: BSD-3-Clause
# arm64 (TARGET=kvm-arm64) on QEMU -M virt under TCG: the Image header, boot, command
# line, exit status, faults, memory protections, threads, timer and interrupts, on
# GICv2 and GICv3, entered at EL1 and at EL2; newlib; virtio-mmio and PCI (ECAM)
# devices; lwIP, sockets and httpserver; 9pfs.

a64_missing=
for t in aarch64-linux-gnu-gcc qemu-system-aarch64; do
	command -v $t >/dev/null || a64_missing="$a64_missing $t"
done
if [ -n "$a64_missing" ] && [ "$(uname -m)" != aarch64 ]; then
	selected "arm64/*" && t_skip "arm64/*" "not installed:$a64_missing (sudo support/install-deps)"
else
test_arch=arm64

build_test build/arm64/helloworld A=apps/helloworld TARGET=kvm-arm64 O="$out/a64-hello"
a64_hello=$image
build_test build/arm64/fault A=tests/apps/fault TARGET=kvm-arm64 O="$out/a64-fault"
a64_fault=$image
build_test build/arm64/mem A=tests/apps/mem TARGET=kvm-arm64 O="$out/a64-mem"
a64_mem=$image
build_test build/arm64/threads A=tests/apps/threads TARGET=kvm-arm64 O="$out/a64-threads"
a64_threads=$image

# The Image header (Linux Documentation/arch/arm64/booting.rst): branch at 0, text_offset
# at 8 (the load address modulo 2 MiB), image_size at 16 covering .bss, magic at 56.
if selected build/arm64/image-header; then
	hdr() { od -A n -t x8 -j "$1" -N 8 "$a64_hello" | tr -d ' '; }
	end=$(aarch64-linux-gnu-nm "$a64_hello.dbg" 2>/dev/null | sed -n 's/ [A-Za-z] __image_end$//p')
	if [ "$(dd if="$a64_hello" bs=1 skip=56 count=4 2>/dev/null)" = $'ARM\x64' ] &&
	   [ "$(hdr 8)" = 0000000000080000 ] && [ "$(hdr 24)" = 0000000000000002 ] &&
	   [ $((16#$(hdr 16))) -eq $((16#$end - 16#40080000)) ] &&
	   [ $((16#$(hdr 16))) -gt "$(stat -c %s "$a64_hello")" ]; then
		t_pass build/arm64/image-header
	else
		t_fail build/arm64/image-header "magic, text_offset, flags or image_size wrong"
	fi
fi

for m in virt virt,gic-version=3 virt,virtualization=on virt,virtualization=on,gic-version=3; do
	el=1
	case $m in *virtualization=on*) el=2 ;; esac
	boot_test "arm64/hello-$m" "$a64_hello" 0 MACHINE=$m ARGS="log.level=debug -- a 'b c'" -- \
		"Keel on kvm-arm64 (Image entry)" "Hello from Keel!" "arm64: entered at EL$el, running at EL1" \
		"irq: gicv$([[ $m == *gic-version=3* ]] && echo 3 || echo 2)" "time: timer device arm-virtual-timer" \
		'argv[0] = "helloworld"' 'argv[1] = "a"' 'argv[2] = "b c"' "!CPU exception"
done
boot_test arm64/memory-map "$a64_hello" 0 MEM=64M ARGS="log.level=debug" -- \
	"mem: 0x000040000000-0x000044000000 usable" "mem: image 0x40080000-"
boot_test arm64/small-memory "$a64_hello" 0 MEM=8M -- "Hello from Keel!"
boot_test arm64/exit-status "$a64_fault" 7 ARGS="-- exit 7" -- "fault: exit"
boot_test arm64/exit-status-clamped "$a64_fault" 125 ARGS="-- exit 200" -- \
	"exit status 200 is above 125"
# semihosting=0: PSCI SYSTEM_OFF ends QEMU, which carries no status (qemu-run: 127).
boot_test arm64/psci-poweroff "$a64_fault" 127 ARGS="semihosting=0 -- exit 7" -- \
	"fault: exit" "stopped without reporting an exit status"
boot_test arm64/cmdline-unknown-param "$a64_hello" 126 ARGS="bogus=1 -- x" -- \
	"fatal: unknown Keel parameter 'bogus'" '!Hello'
boot_test arm64/cmdline-too-long "$a64_hello" 126 ARGS="$(printf 'x%.0s' $(seq 1 2100))" -- \
	"(CONFIG_KVM_CMDLINE_MAX)" '!Hello'

# Faults: a clear report (ESR class, what it means, registers, symbolized backtrace), 126.
boot_test arm64/fault-null-read "$a64_fault" 126 ARGS="-- null" -- \
	"CPU exception: data abort (EC 0x25)" "NULL pointer dereference: read at address 0x0" \
	"ELR=" "fault_null_read+" "LR =" "FAR=0000000000000000" "Backtrace:" "main+" "k_boot_main+"
boot_test arm64/fault-null-write "$a64_fault" 126 ARGS="-- null-write" -- \
	"NULL pointer dereference: write at address 0x8" "fault_null_write+" "FAR=0000000000000008"
boot_test arm64/fault-undefined-instruction "$a64_fault" 126 ARGS="-- ud" -- \
	"CPU exception: undefined instruction (EC 0x00)" "fault_invalid_opcode+" "Backtrace:"
boot_test arm64/fault-stack-overflow "$a64_fault" 126 ARGS="-- overflow" -- \
	"stack overflow in main (boot stack)" "guard page" "fault_recurse+" "repeats"
boot_test arm64/fault-panic "$a64_fault" 126 ARGS="-- panic" -- \
	"panic: requested by the test (42)" "Backtrace:" "main+"
boot_test arm64/fault-el2-entry "$a64_fault" 126 MACHINE=virt,virtualization=on ARGS="-- null" -- \
	"NULL pointer dereference: read at address 0x0"

# Memory: allocators, exhaustion, and the W^X / NX / guard-page rules of x86_64.
boot_test arm64/mem-checks "$a64_mem" 0 ARGS="-- heap stacks exhaust oom" -- \
	"mem: heap-api: ok" "mem: exhaust-pages: ok" "mem: exhaust-heap: ok" \
	"mem: oom-palloc: ok" "mem: stacks: ok" "mem: 0 failures" "!FAIL"
boot_test arm64/mem-1gib-of-2gib "$a64_mem" 0 MEM=2G ARGS="-- big" -- \
	"mem: big-palloc: ok" "mem: big-malloc: ok" "mem: 0 failures" "!FAIL"
boot_test arm64/wx-text "$a64_mem" 126 ARGS="-- wx-text" -- \
	"W^X violation: write at 0x" "in kernel text, which is read-only" "run_fault+"
boot_test arm64/wx-rodata "$a64_mem" 126 ARGS="-- wx-rodata" -- \
	"in read-only data, which is read-only"
boot_test arm64/nx-data "$a64_mem" 126 ARGS="-- nx-data" -- \
	"instruction abort (EC 0x21)" "W^X violation: instruction fetch at 0x" "which is not executable"
boot_test arm64/nx-heap "$a64_mem" 126 ARGS="-- nx-heap" -- \
	"W^X violation: instruction fetch at 0x" "which is not executable"
boot_test arm64/thread-stack-overflow "$a64_mem" 126 ARGS="-- thread-overflow" -- \
	"stack overflow in test-thread" "guard page under its stack" "overflow_recurse"

# Threads: scheduler, timeouts and sleeps on the generic timer, preemption through the
# GIC, TLS through TPIDR_EL0, FP/SIMD registers and FPCR per thread (lazy switch).
a64_checks="prodcons mutex timeouts event sleep starve wakeup tls lifecycle fpu"
for m in virt virt,gic-version=3; do
	boot_test "arm64/threads-$m" "$a64_threads" 0 MACHINE=$m ARGS="-- $a64_checks" -- \
		"threads: policy preemptive" "threads: prodcons-condvar: ok" "threads: mutex-counter: ok" \
		"threads: timeout-sem: ok" "threads: sleep: ok" "threads: tls: ok" "threads: churn: ok" \
		"threads: starve: the other thread ran during the busy loop: yes" \
		"threads: wakeup: the higher-priority thread ran before the post returned: yes" \
		"threads: fpu-registers: ok" "threads: fpu-rounding: ok" \
		"threads: fpu: threads interleaved mid-computation: yes" "threads: 0 failures" \
		"!FAIL" "!CPU exception"
done

# newlib on arm64: the conformance app (tests/suites/57-libc.sh's groups and checks),
# libm's FP code under the lazy FPEN trap, threads printing at once, exit paths. Every
# check as on x86_64; the long double ones (printf-Lf, printf-La, strtold*) expect
# binary128 values here (LDBL_MANT_DIG 113), and strtold is patched for that format
# (lib/newlib/patches/0003-strtold-binary128.patch).
a64_libc=
build_test build/arm64/libc A=tests/apps/libc TARGET=kvm-arm64 O="$out/a64-libc" && a64_libc=$image
if [ -n "$a64_libc" ]; then
	boot_test arm64/libc-all "$a64_libc" 0 ARGS="env.KEEL_TEST=hello -- $libc_groups" -- \
		"${libc_expect[@]}" "libc: 0 failures" "!FAIL" "!CPU exception" "!panic" \
		"libc: stderr works" "libc: printf returns 42"
	selected arm64/libc-all && libc_lines_intact arm64/libc-all/threads-printf-lines
	boot_test arm64/libc-exit3 "$a64_libc" 3 ARGS="-- exit3" -- \
		"libc: atexit ran" "libc: unflushed tail" "!FAIL"
	boot_test arm64/libc-abort "$a64_libc" 126 ARGS="-- abort" -- \
		"panic: abort() called" "test_abort+" "!FAIL"
fi
build_edited build/arm64/helloworld-newlib "$out/a64-hello-newlib" '$a CONFIG_LIBNEWLIB=y' \
	A=apps/helloworld TARGET=kvm-arm64
a64_hello_newlib=$image
if [ "$rc" -ne 0 ] || [ ! -f "$a64_hello_newlib" ] ||
   ! aarch64-linux-gnu-nm "$a64_hello_newlib.dbg" | grep -q ' _vfprintf_r$'; then
	t_fail build/arm64/helloworld-newlib "make failed (status $rc) or newlib's printf is not linked"
	a64_hello_newlib=
else
	t_pass build/arm64/helloworld-newlib
	boot_test arm64/helloworld-newlib "$a64_hello_newlib" 0 ARGS="-- one two" -- \
		"Hello from Keel!" 'argv[2] = "two"' "!CPU exception"
fi

# virtio-mmio from the device tree: virt's "virtio,mmio" nodes (reg, GIC SPI), no
# virtio_mmio.device= given; two disks in command-line order, one read-only.
a64_blk=
# A folder configured before virtio-pci ran on arm64 would keep a .config without it.
grep -qs '^CONFIG_DRIVER_VIRTIO_PCI=y' "$out/a64-blk/.config" || rm -rf "$out/a64-blk"
build_test build/arm64/blk A=tests/apps/blk TARGET=kvm-arm64 O="$out/a64-blk" && a64_blk=$image
a64_disk() {
	printf -- '-drive file=%s,if=none,id=d%d,format=raw,cache=unsafe%s -device virtio-blk-device,drive=d%d ' \
		"$2" "$1" "${3:-}" "$1"
}
if [ -n "$a64_blk" ] && { selected "arm64/blk-*" || selected "arm64/blk-pci-*"; }; then
	a64_blk_a=$out/a64-blk-a.img a64_blk_b=$out/a64-blk-b.img
	python3 - "$a64_blk_a" "$a64_blk_b" <<'EOF2'
import struct, sys
for tag, path in ((ord("A"), sys.argv[1]), (ord("B"), sys.argv[2])):
    with open(path, "wb") as f:
        for s in range(8192):
            f.write(struct.pack("<64Q", *[tag << 56 | s << 8 | i for i in range(64)]))
EOF2
	for m in virt virt,gic-version=3; do
		boot_test "arm64/blk-$m" "$a64_blk" 0 MACHINE=$m ARGS="-- verify inflight two errors" \
			QEMU_ARGS="$(a64_disk 0 "$a64_blk_a")$(a64_disk 1 "$a64_blk_b" ,readonly=on)" -- \
			"blk: disk vda: 8192 sectors of 512 bytes" "blk: disk vdb: 8192 sectors of 512 bytes" \
			", read-only" "blk: 2 disks" "blk: verify: ok" "blk: inflight: ok" \
			"blk: inflight-irqs-off: ok" "blk: ring-full: ok" "blk: two-vda: ok" \
			"blk: two-vdb: ok" "blk: errors-readonly: ok" "blk: 0 failures" "!FAIL" \
			"!CPU exception"
	done
	cp "$a64_blk_a" "$out/a64-blk-w.img"
	boot_test arm64/blk-write "$a64_blk" 0 ARGS="-- write" \
		QEMU_ARGS="$(a64_disk 0 "$out/a64-blk-w.img")" -- \
		"blk: write: ok" "blk: write-readback: ok" "blk: 0 failures" "!FAIL"
	boot_test arm64/blk-persist "$a64_blk" 0 ARGS="-- check-written" \
		QEMU_ARGS="$(a64_disk 0 "$out/a64-blk-w.img")" -- \
		"blk: check-written: ok" "blk: 0 failures" "!FAIL"
	# A window given on the command line as well is used once.
	boot_test arm64/blk-param-and-dt "$a64_blk" 0 \
		ARGS="virtio_mmio.device=512@0xa003e00:79 -- verify" \
		QEMU_ARGS="$(a64_disk 0 "$a64_blk_a")" -- \
		"blk: disk vda: 8192 sectors" "blk: 1 disks" "blk: verify: ok" "blk: 0 failures" "!FAIL"
fi

# PCI over ECAM on virt: the host bridge from the device tree (reg, bus-range, ranges),
# no firmware, so the bus driver numbers the bridge's bus and assigns every BAR (the
# root bus's 64-bit BARs in the 64-bit window); INTx through interrupt-map to GIC SPIs
# (pci.msix=0: GICv2's v2m frame would give MSI-X, which 81-arm64-pci.sh checks),
# swizzled behind the bridge. highmem=off: ECAM below 4 GiB and no 64-bit window.
a64_build() {	# VAR NAME APP DIR GLOB: build when NAME or GLOB is selected; VAR = image
	printf -v "$1" ''
	selected "$2" || selected "$5" || return 0
	build_test "$2" A="$3" TARGET=kvm-arm64 O="$out/$4" && printf -v "$1" '%s' "$image"
}
a64_build a64_pci build/arm64/pci tests/apps/pci a64-pci "arm64/pci-*"
a64_pci_devs="-device virtio-rng-pci,vectors=4,disable-legacy=on
	-device virtio-net-pci,netdev=n0,disable-legacy=on,vectors=3 -netdev user,id=n0
	-device pci-bridge,chassis_nr=1,id=b1
	-device virtio-rng-pci,bus=b1,addr=1,disable-legacy=on,vectors=2"
if [ -n "$a64_pci" ]; then
	for m in virt virt,gic-version=3; do
		boot_test "arm64/pci-$m" "$a64_pci" 0 MACHINE=$m QEMU_ARGS="$a64_pci_devs" \
			ARGS="log.level=debug pci.msix=0 -- $pci_checks" -- "${pci_common[@]}" \
			"pci: pcie@10000000: ECAM 0x4010000000 buses 00..ff, memory 0x10000000-0x3eff0000, 64-bit 0x8000000000-0x10000000000, I/O 0x1000-0x10000" \
			"pci: 5 functions on 2 buses (ECAM)" "pci: the firmware assigned no BARs; assigning them" \
			"pci: 64-bit memory BARs assigned at 0x8000000000-" \
			"pci: 00:01.0 1af4:1044 class 00.ff bar1 mem 0x1" "bar4 mem64 pref 0x80000" \
			"pci: 00:03.0: bridge memory window 0x10000000-" \
			"pci: 00:01.0: INTA arrives as INTA of 00:01.0, interrupt-map: GIC SPI 4, line 36, level" \
			"pci: 01:01.0: INTA arrives as INTB of 00:03.0, interrupt-map: GIC SPI 3, line 35, level" \
			"pciapp: rng-irq 00:01.0: ok (intx, line 36" "pciapp: rng-irq 01:01.0: ok (intx, line 35"
	done
	boot_test arm64/pci-virt-highmem-off "$a64_pci" 0 MACHINE=virt,highmem=off \
		QEMU_ARGS="-device virtio-rng-pci,addr=6" ARGS="log.level=debug pci.msix=0 -- rng-irq" -- \
		"pci: pcie@10000000: ECAM 0x3f000000 buses 00..0f, memory 0x10000000-0x3eff0000, 64-bit 0x0-0x0" \
		"pci: memory BARs assigned at 0x10000000-" "!64-bit memory BARs" \
		"pciapp: rng-irq 00:06.0: ok (intx, line 37" "pciapp: 0 failures" "!FAIL" "!warning"
fi

# virtio over PCI: the transport (rng), disks, NICs and the console on GICv2 and GICv3;
# a NIC over virtio-mmio too.
a64_build a64_virtio build/arm64/virtio tests/apps/virtio a64-virtio "arm64/virtio-*"
[ -n "$a64_virtio" ] && boot_test arm64/virtio-pci "$a64_virtio" 0 \
	MACHINE=virt,gic-version=3 QEMU_ARGS="-device virtio-rng-pci" -- "${vio_ok[@]}" \
	"virtio-rng0 on pci, queue size 8, interrupts: INTx, ISR read" \
	"version_1=yes indirect=yes event_idx=yes" "64 through indirect tables" "1 devices, 0 failures"
a64_pci_disk() {
	printf -- '-drive file=%s,if=none,id=d%d,format=raw,cache=unsafe%s -device virtio-blk-pci,drive=d%d ' \
		"$2" "$1" "${3:-}" "$1"
}
if [ -n "$a64_blk" ] && selected "arm64/blk-pci-*"; then
	for m in virt virt,gic-version=3; do
		boot_test "arm64/blk-pci-$m" "$a64_blk" 0 MACHINE=$m ARGS="-- verify inflight two errors" \
			QEMU_ARGS="$(a64_pci_disk 0 "$a64_blk_a")$(a64_pci_disk 1 "$a64_blk_b" ,readonly=on)" -- \
			"virtio-blk0: virtio device type 2 on pci" "blk: disk vda: 8192 sectors of 512 bytes" \
			"blk: disk vdb: 8192 sectors of 512 bytes" ", read-only" "blk: 2 disks" \
			"blk: verify: ok" "blk: inflight: ok" "blk: inflight-irqs-off: ok" \
			"blk: ring-full: ok" "blk: two-vda: ok" "blk: two-vdb: ok" \
			"blk: errors-readonly: ok" "blk: 0 failures" "!FAIL" "!CPU exception"
	done
fi
a64_build a64_net build/arm64/net tests/apps/net a64-net "arm64/net-*"
if [ -n "$a64_net" ]; then
	for m in virt virt,gic-version=3; do
		boot_test "arm64/net-pci-$m" "$a64_net" 0 MACHINE=$m ARGS="-- nics=1" \
			QEMU_ARGS="$net_user0 -device virtio-net-pci,netdev=n0" -- "${net_ok[@]}" \
			"virtio-net0 is eth0: link up" "on pci" "net: 1 interfaces, 0 failures"
	done
	boot_test arm64/net-mmio "$a64_net" 0 MACHINE=virt,gic-version=3 ARGS="-- nics=1" \
		QEMU_ARGS="$net_user0 -device virtio-net-device,netdev=n0" -- "${net_ok[@]}" \
		"virtio-net0 is eth0: link up" "on mmio" "net: 1 interfaces, 0 failures"
fi
a64_build a64_console build/arm64/console tests/apps/console a64-console "arm64/console-*"
if [ -n "$a64_console" ]; then
	for m in virt virt,gic-version=3; do
		f=$out/a64-console-${m//[,=]/-}.txt
		rm -f "$f"
		boot_test "arm64/console-pci-$m" "$a64_console" 0 MACHINE=$m ARGS="-- one" \
			QEMU_ARGS="-device virtio-serial-pci -chardev file,id=c0,path=$f -device virtconsole,chardev=c0" \
			-- "console: virtio-console0" "console: done" "!warning"
		selected "arm64/console-pci-$m" && console_file_has "arm64/console-pci-$m-port" "$f"
	done
fi

# Networking on arm64 with 70-lwip.sh's, 71-sockets.sh's and 72-http.sh's apps and host
# peers (DHCP is checked by http-curl, virtio-net over mmio by net-mmio): over virtio-pci
# the socket checks (UDP echo, TCP
# both ways with a host peer, the image's server through hostfwd, poll, errors) and
# httpserver answering curl. Host ports 21010..21029. Without a CPU random source
# (cortex-a72 has no RNDR) lib/random warns once, so warnings are not refused here.
a64_build a64_sockets build/arm64/sockets tests/apps/sockets a64-sockets "arm64/sockets-*"
if [ -n "$a64_sockets" ]; then
	sk_image=$a64_sockets sk_boot arm64/sockets-pci virt 21010 virtio-net-pci
fi
# lwIP's netconn API over virtio-mmio (70-lwip.sh's lwip_tcp): TCP both ways with the
# host, 1 MiB echoed, the heap back within a few KiB of where it was, and a datagram's
# buffer freed once the device has sent it, without another send. Ports 21024..21025.
a64_build a64_lwip build/arm64/lwip tests/apps/lwip a64-lwip arm64/lwip-tcp-mmio
if [ -n "$a64_lwip" ] && selected arm64/lwip-tcp-mmio; then
	a64_lwip_ok=("${lwip_ok[@]}")
	lwip_ok=("!FAIL" "!CPU exception" "!panic" "!error: ")	# the random warning above
	KEEL_ARCH=arm64 lwip=$a64_lwip lwip_tcp arm64/lwip-tcp-mmio virt,gic-version=3 \
		virtio-net-device "" 21024
	lwip_ok=("${a64_lwip_ok[@]}")
fi
a64_build a64_http build/arm64/httpserver apps/httpserver a64-http "arm64/http-*"
if [ -n "$a64_http" ] && selected arm64/http-curl; then
	log=$out/logs/arm64_http-curl.log
	env ACCEL=tcg KEEL_ARCH=arm64 MACHINE=virt,gic-version=3 INITRD="$out/a64-http/initrd.cpio" \
		QEMU_ARGS="-netdev user,id=n0,hostfwd=tcp:127.0.0.1:21020-:80 -device virtio-net-pci,netdev=n0" \
		timeout 120 "$root/support/qemu-run" "$a64_http" >"$log" 2>&1 </dev/null &
	a64_http_pid=$!
	for ((i = 0; i < 600; i++)); do
		grep -q "httpserver: listening on port 80" "$log" && break
		kill -0 $a64_http_pid 2>/dev/null || break
		sleep 0.1
	done
	{
		curl -sS -m 10 http://127.0.0.1:21020/ http://127.0.0.1:21020/hello.txt
		curl -sS -m 10 -I http://127.0.0.1:21020/hello.txt
		curl -sS -m 10 -o /dev/null -w 'status %{http_code}\n' http://127.0.0.1:21020/nope
	} >"$log.curl" 2>&1
	kill $a64_http_pid 2>/dev/null
	wait $a64_http_pid 2>/dev/null
	cat "$log.curl" >>"$log"
	rc=0
	check arm64/http-curl 0 "httpserver: listening on port 80 (root /www" "on pci" \
		"10.0.2.15/24 via DHCP" "Hello from Keel!" "Hello from a file in the initrd" \
		"HTTP/1.1 200 OK" "Content-Length: 57" "status 404" "!CPU exception" "!panic"
fi

# 9pfs with 67-9pfs.sh's app and host folder: a host folder over virtio-9p-device
# (virtio-mmio, GICv2) and virtio-9p-pci (GICv3), mounted with vfs.mount=; the host's
# file read, files written that the host then finds (checked after the boot), a
# 300-entry readdir, the errno of each call that must fail; over PCI four threads
# sharing one file as well.
a64_build a64_9p build/arm64/9p tests/apps/9p a64-9p "arm64/9p-*"
if [ -n "$a64_9p" ] && selected arm64/9p-mmio; then
	d=$(p9_share a64-mmio)
	boot_test arm64/9p-mmio "$a64_9p" 0 QEMU_ARGS="$(p9_qemu "$d" virtio-9p-device)" \
		ARGS="vfs.mount=host0:/mnt -- host" -- "${p9_ok[@]}" "${p9_host_ok[@]}" \
		"virtio-9p0: virtio device type 9 on mmio" "9pfs: host0: 9P2000.L, msize 524288" \
		"vfs: host0 mounted on /mnt (9p)"
	p9_host_state arm64/9p-mmio-host-state "$d"
fi
if [ -n "$a64_9p" ] && selected arm64/9p-pci; then
	d=$(p9_share a64-pci)
	boot_test arm64/9p-pci "$a64_9p" 0 MACHINE=virt,gic-version=3 \
		QEMU_ARGS="$(p9_qemu "$d" virtio-9p-pci)" \
		ARGS="vfs.mount=host0:/mnt -- host threads-9p" -- "${p9_ok[@]}" "${p9_host_ok[@]}" \
		"virtio-9p0: virtio device type 9 on pci" "vfs: host0 mounted on /mnt (9p)" \
		"9p: threads-9p-pwrite: ok" "9p: threads-9p-append: ok"
	p9_host_state arm64/9p-pci-host-state "$d"
fi

unset test_arch
fi
