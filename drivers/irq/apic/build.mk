libs-$(CONFIG_DRIVER_APIC) += apic
apic-srcs-y += lapic.c ioapic.c madt.c pic.c timer.c msi.c
