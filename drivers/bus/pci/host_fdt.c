// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host bridges from the device tree: "pci-host-ecam-generic" nodes (the Linux binding
 * pci/host-generic-pci.yaml, with the PCI bus binding IEEE 1275 PCI r2.1 §2.2.1.1 for
 * the cell layout; QEMU's arm64 virt machine has one). "reg" is the ECAM window,
 * "bus-range" the buses it decodes, "linux,pci-domain" the segment, and "ranges" maps
 * PCI address spaces to the CPU's: its entries give the windows BARs are assigned from,
 * and where the CPU reaches the I/O space (mapped here, used by io_fdt.c).
 * No firmware numbered the buses behind bridges, so the bus driver does.
 */
#include <errno.h>
#include <string.h>
#include <keel/arch.h>
#include <keel/compiler.h>
#include <keel/fdt.h>
#include <keel/print.h>
#include "host_fdt.h"

/* phys.hi of a PCI address (IEEE 1275 PCI binding §2.2.1.1): npt000ss bbbbbbbb ... */
#define PCI_PHYS_SPACE(hi)	(((hi) >> 24) & 0x3)
#define PCI_SPACE_IO		1
#define PCI_SPACE_MEM32		2
#define PCI_SPACE_MEM64		3
#define PCI_IO_MIN		0x1000	/* I/O BARs from here: port 0 reads as "unassigned" */
#define PCI_IO_END		(1ull << 32)	/* I/O BARs hold 32-bit addresses */
#define FOUR_GIB		(1ull << 32)

struct pci_fdt_host pci_fdt_hosts[PCI_ROOTS_MAX];
unsigned int pci_fdt_nhosts;

static uint64_t cells_read(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* Keep the larger of two candidate windows; true when the new one is kept. */
static bool window_offer(struct pci_window *w, uint64_t start, uint64_t end)
{
	if (end <= start || end - start <= w->end - w->start)
		return false;
	*w = (struct pci_window){ start, end };
	return true;
}

/* One "ranges" entry: PCI address (3 cells), CPU address, size. */
static void range_add(struct pci_root *r, struct pci_fdt_host *h, const char *name, uint32_t hi,
		      uint64_t pci, uint64_t cpu, uint64_t size)
{
	uint64_t end = pci + size;

	if (!size || end < pci)
		return;
	switch (PCI_PHYS_SPACE(hi)) {
	case PCI_SPACE_IO:
		/* Ports are bus addresses; the CPU reaches port p at cpu + (p - pci). */
		if (cpu + size < cpu || end > PCI_IO_END) {
			k_warn("pci: %s: I/O window 0x%lx+0x%lx at CPU address 0x%lx is out of range; ignored\n",
			       name, (unsigned long)pci, (unsigned long)size, (unsigned long)cpu);
			return;
		}
		if (window_offer(&r->io, pci < PCI_IO_MIN ? PCI_IO_MIN : pci, end))
			*h = (struct pci_fdt_host){ .io_pci = pci, .io_cpu = cpu, .io_size = size };
		return;
	case PCI_SPACE_MEM32:
	case PCI_SPACE_MEM64:
		if (pci != cpu) {
			k_warn("pci: %s: memory window 0x%lx is at CPU address 0x%lx; offset windows are not supported, ignored\n",
			       name, (unsigned long)pci, (unsigned long)cpu);
			return;
		}
		if (end <= FOUR_GIB)
			window_offer(&r->mem, pci, end);
		else
			window_offer(&r->mem64, pci < FOUR_GIB ? FOUR_GIB : pci, end);
		return;
	default:
		return;		/* configuration space: not a window */
	}
}

static int ranges_read(const void *fdt, int node, struct pci_root *r, struct pci_fdt_host *h,
		       const char *name)
{
	int parent = fdt_parent_offset(fdt, node), len;
	int pac = parent >= 0 ? fdt_address_cells(fdt, parent) : -1;
	int sc = fdt_size_cells(fdt, node), entry;
	const fdt32_t *p = fdt_getprop(fdt, node, "ranges", &len);

	if (fdt_address_cells(fdt, node) != 3 || pac < 1 || pac > 2 || sc < 1 || sc > 2) {
		k_warn("pci: %s: #address-cells/#size-cells are not those of a PCI bus\n", name);
		return -EINVAL;
	}
	entry = 3 + pac + sc;
	if (!p || len % (entry * 4)) {
		k_warn("pci: %s: no usable ranges property\n", name);
		return -EINVAL;
	}
	for (; len > 0; p += entry, len -= entry * 4)
		range_add(r, h, name, fdt32_to_cpu(p[0]), cells_read(p + 1, 2),
			  cells_read(p + 3, pac), cells_read(p + 3 + pac, sc));
	return 0;
}

static uint32_t prop_u32(const void *fdt, int node, const char *name, int idx, uint32_t def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < (idx + 1) * 4)
		return def;
	return fdt32_to_cpu(p[idx]);
}

/* The I/O window as device memory, for io_fdt.c; without it no I/O BAR is assigned. */
static void io_map(struct pci_root *r, struct pci_fdt_host *h, const char *name)
{
	uint64_t start = K_ALIGN_DOWN(h->io_cpu, (uint64_t)K_ARCH_PAGE_SIZE);
	uint64_t end = K_ALIGN_UP(h->io_cpu + h->io_size, (uint64_t)K_ARCH_PAGE_SIZE);
	int rc;

	if (!h->io_size)
		return;
	rc = k_arch_map((uintptr_t)start, start, (size_t)(end - start),
			K_PROT_READ | K_PROT_WRITE | K_MAP_DEVICE);
	if (rc) {
		k_warn("pci: %s: cannot map the I/O window at 0x%lx (error %d); no I/O BARs\n",
		       name, (unsigned long)h->io_cpu, rc);
		h->io_size = 0;
		r->io = (struct pci_window){ 0, 0 };
	}
}

static void host_add(const void *fdt, int node)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	struct pci_root r = { .unnumbered = true };
	struct pci_fdt_host h = { 0 };
	uint64_t base, size, buses;
	uint32_t first = prop_u32(fdt, node, "bus-range", 0, 0);
	uint32_t last = prop_u32(fdt, node, "bus-range", 1, 255);

	if (k_fdt_reg(fdt, node, 0, &base, &size) || !base || (base & (PCI_ECAM_BUS_SIZE - 1))) {
		k_warn("pci: %s: no usable ECAM window in reg; ignored\n", name);
		return;
	}
	buses = size >> 20;
	if (first > last || last > 255 || buses == 0) {
		k_warn("pci: %s: bus-range %u..%u with an ECAM window of 0x%lx bytes; ignored\n",
		       name, first, last, (unsigned long)size);
		return;
	}
	if (last - first + 1 > buses)
		last = first + (uint32_t)buses - 1;
	r.segment = (uint16_t)prop_u32(fdt, node, "linux,pci-domain", 0, pci_fdt_nhosts);
	r.start_bus = (uint8_t)first;
	r.end_bus = (uint8_t)last;
	r.ecam = base;
	if (ranges_read(fdt, node, &r, &h, name))
		return;
	io_map(&r, &h, name);
	if (pci_cfg_add_root(&r))
		return;
	h.node = node;
	h.segment = r.segment;
	pci_fdt_hosts[pci_fdt_nhosts++] = h;
	k_debug("pci: %s: ECAM 0x%lx buses %02x..%02x, memory 0x%lx-0x%lx, 64-bit 0x%lx-0x%lx, I/O 0x%lx-0x%lx\n",
		name, (unsigned long)base, r.start_bus, r.end_bus, (unsigned long)r.mem.start,
		(unsigned long)r.mem.end, (unsigned long)r.mem64.start, (unsigned long)r.mem64.end,
		(unsigned long)r.io.start, (unsigned long)r.io.end);
}

int pci_host_init(void)
{
	const void *fdt = k_fdt();
	int node = fdt ? fdt_node_offset_by_compatible(fdt, -1, "pci-host-ecam-generic") : -1;

	for (; node >= 0 && pci_fdt_nhosts < PCI_ROOTS_MAX;
	     node = fdt_node_offset_by_compatible(fdt, node, "pci-host-ecam-generic")) {
		const char *status = k_fdt_string(fdt, node, "status");

		if (!status || !strcmp(status, "okay") || !strcmp(status, "ok"))
			host_add(fdt, node);
	}
	if (!pci_fdt_nhosts) {
		k_debug("pci: no PCI (no pci-host-ecam-generic node in the device tree)\n");
		return -ENODEV;
	}
	return 0;
}

const char *pci_host_method(void)
{
	return "ECAM";
}

void pci_host_fixup_root(const struct pci_root *r)
{
	(void)r;
}
