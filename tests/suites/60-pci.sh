# SPDX-License-Identifier: BSD-3-Clause
# The PCI bus driver (drivers/bus/pci) with tests/apps/pci: enumeration through ECAM
# (q35) and the 0xcf8/0xcfc ports (pc), a device behind a PCI-to-PCI bridge, BARs
# sized, assigned (q35's qboot assigns none) and mapped, the MSI-X capability, driver
# registration, and interrupts end to end (a virtio-rng fills a buffer and interrupts)
# through MSI-X and, with pci.msix=0, through INTx; MSI and I/O BARs with QEMU's edu and
# pci-testdev. microvm has no PCI.

build_test build/pci A=tests/apps/pci O="$out/pci"
pci=$image

pci_devs="-device virtio-rng-pci,vectors=4,disable-legacy=on
	-device virtio-net-pci,netdev=n0,disable-legacy=on,vectors=3 -netdev user,id=n0
	-device pci-bridge,chassis_nr=1,id=b1
	-device virtio-rng-pci,bus=b1,addr=1,disable-legacy=on,vectors=2"
pci_checks="expect=1af4:1044,msix=4 expect=1af4:1041,msix=3 expect=1af4:1044,msix=2,bridged
	rng-irq drivers"
pci_common=("pciapp: expect 1af4:1044,msix=4: ok" "pciapp: expect 1af4:1041,msix=3: ok"
	"pciapp: expect 1af4:1044,msix=2,bridged: ok" "bridge to bus 01"
	"pci: 01:01.0 1af4:1044 class 00.ff bar1 mem 0x" "bar4 mem64 pref 0x" " msix 2 inta irq "
	"pciapp: drivers (early and late registration): ok"
	"warning: pci: 01:01.0 1af4:1044: pciapp-early probe failed (-19)"
	"pciapp: 0 failures" "!FAIL" "!no handler claimed" "!CPU exception")

boot_test pci/q35-ecam-msix "$pci" 0 MACHINE=q35 QEMU_ARGS="$pci_devs" \
	ARGS="log.level=debug -- $pci_checks" -- "${pci_common[@]}" \
	"pci: 8 functions on 2 buses (ECAM)" "pci: the firmware assigned no BARs; assigning them" \
	"pci: 00:01.0 1af4:1044 class 00.ff bar1 mem 0xc0" "pci: 00:02.0 1af4:1041 class 02.00" \
	"pci: 00:03.0: bridge memory window 0x" \
	"pciapp: rng-irq 00:01.0: ok (msix" "pciapp: rng-irq 01:01.0: ok (msix"
boot_test pci/pc-ports-msix "$pci" 0 MACHINE=pc QEMU_ARGS="$pci_devs" \
	ARGS="log.level=debug -- $pci_checks" -- "${pci_common[@]}" \
	"pci: 8 functions on 2 buses (ports 0xcf8/0xcfc)" "!assigning them" \
	"pci: 00:02.0 1af4:1044 class 00.ff bar1 mem 0x" "pci: 00:03.0 1af4:1041 class 02.00" \
	"pciapp: rng-irq 00:02.0: ok (msix" "pciapp: rng-irq 01:01.0: ok (msix"

# INTx: SeaBIOS's line registers on pc; on q35 the ICH9 routing, worked out again
# because qboot's line registers are wrong for some slots (slot 1 and 5: PIRQF).
boot_test pci/pc-intx "$pci" 0 MACHINE=pc QEMU_ARGS="$pci_devs -device virtio-rng-pci,addr=6" \
	ARGS="log.level=debug pci.msix=0 -- rng-irq" -- \
	"pci: 00:02.0: INTA on ISA IRQ 10, line 10, level" "pciapp: rng-irq 00:02.0: ok (intx" \
	"pciapp: rng-irq 00:06.0: ok (intx" "pciapp: rng-irq 01:01.0: ok (intx" \
	"!ok (msix" "pciapp: 0 failures" "!FAIL" "!no handler claimed"
boot_test pci/q35-intx "$pci" 0 MACHINE=q35 QEMU_ARGS="$pci_devs -device virtio-rng-pci,addr=6" \
	ARGS="log.level=debug pci.msix=0 -- rng-irq" -- \
	"pci: 00:01.0: INTA goes to PIRQF = IRQ 10 on ICH9, not 11" \
	"pciapp: rng-irq 00:01.0: ok (intx, line 10" "pciapp: rng-irq 00:06.0: ok (intx, line 11" \
	"pciapp: rng-irq 01:01.0: ok (intx" "!ok (msix" "pciapp: 0 failures" "!FAIL"

# I/O BARs through k_pci_io_* (port instructions here; 81-arm64-pci.sh checks the arm64
# I/O window): QEMU's pci-testdev counts 16 writes at the offset its header names. MSI
# without MSI-X: QEMU's edu raises three interrupts through the local APIC.
boot_test pci/q35-io-bar-msi "$pci" 0 MACHINE=q35 \
	QEMU_ARGS="-device pci-testdev,addr=5 -device edu,addr=6" ARGS="log.level=debug -- testdev-io edu-irq" -- \
	"pci: I/O BARs assigned at 0x" "pciapp: testdev 00:05.0: BAR1 io 0x" \
	"count 0 then 16 after 16 writes" "pciapp: testdev-io 00:05.0: ok" "pci: 00:06.0: MSI, line " \
	"pciapp: edu-irq 00:06.0: MSI, line " "3 interrupts, status bits 0x7, line count +3" \
	"pciapp: edu-irq 00:06.0: ok" "pciapp: 0 failures" "!FAIL"

# A wrong expectation fails (the checks can fail), and microvm has no PCI.
boot_test pci/expect-fails "$pci" 1 MACHINE=pc QEMU_ARGS="-device virtio-rng-pci,vectors=4" \
	ARGS="-- expect=1af4:1005,msix=5" -- "pciapp: expect 1af4:1005,msix=5: FAIL" \
	"pciapp: found 1af4:1005 at 00:02.0, MSI-X cap 0x" "table size 4"
boot_test pci/microvm-none "$pci" 0 MACHINE=microvm ARGS="log.level=debug boot.time=1" -- \
	"pci: no PCI (no ACPI MCFG table and no host bridge at ports 0xcf8/0xcfc)" \
	"pciapp: 0 functions" "pciapp: 0 failures" "boot: init pci_init: " "!warning" "!error"

# Boot-time cost: boot.time=1 prints pci_init's time (q35 and pc, no extra devices).
for m in q35 pc; do
	boot_test "pci/boot-time-$m" "$pci" 0 MACHINE=$m ARGS="boot.time=1" -- \
		"boot: init pci_init: " "pci: 4 functions on 1 bus (" "pciapp: 0 failures"
	[ -f "$log" ] && grep -h "boot: init pci_init" "$log" | sed "s/^/    $m: /"
done
