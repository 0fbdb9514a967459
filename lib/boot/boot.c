// SPDX-License-Identifier: BSD-3-Clause
/* k_boot_main: from the platform's boot information to the application's main(). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/bootmem.h>
#include <keel/boot.h>
#include <keel/cmdline.h>
#include <keel/fmt.h>
#include <keel/panic.h>
#include <keel/param.h>
#include <keel/plat.h>
#include <keel/print.h>

static struct k_bootinfo *boot_info;
static int boot_report_time;

const struct k_bootinfo *k_bootinfo(void)
{
	return boot_info;
}

static int boot_time_set(const char *value)
{
	if (value && strcmp(value, "1") && strcmp(value, "0"))
		return -EINVAL;
	boot_report_time = !value || value[0] == '1';
	return 0;
}
K_PARAM("boot.time", boot_time_set, "nothing, 1 or 0");

static __k_noreturn void boot_unknown_param(const char *name)
{
	char known[256];
	size_t len = 0;

	known[0] = '\0';
	for (const struct k_param *p = __k_param_start; p < __k_param_end; p++)
		len += (size_t)k_snprintf(known + K_MIN(len, sizeof(known)),
					  sizeof(known) - K_MIN(len, sizeof(known)),
					  "%s%s", len ? ", " : "", p->name);
	k_fatal("unknown Keel parameter '%s' (known: %s); application arguments go after \"--\"",
		name, known);
}

/* A name ending in '.' is a family ("env."): it takes every word that starts with it. */
static bool boot_param_is_family(const struct k_param *p)
{
	size_t len = strlen(p->name);

	return len && p->name[len - 1] == '.';
}

static const struct k_param *boot_find_param(const char *word)
{
	size_t len = strcspn(word, "=");

	for (const struct k_param *p = __k_param_start; p < __k_param_end; p++) {
		if (boot_param_is_family(p) ? strncmp(p->name, word, strlen(p->name)) == 0 &&
					      len > strlen(p->name)
					    : strncmp(p->name, word, len) == 0 &&
					      p->name[len] == '\0')
			return p;
	}
	return NULL;
}

static void boot_apply_param(char *word)
{
	const struct k_param *p = boot_find_param(word);
	char *eq = strchr(word, '=');
	const char *value = eq ? eq + 1 : NULL;

	/* A family's handler gets the rest of the word: "env.KEY=VALUE" gives "KEY=VALUE". */
	if (p && boot_param_is_family(p))
		value = word + strlen(p->name);

	if (!p) {
		if (eq)
			*eq = '\0';
		boot_unknown_param(word);
	}
	if (p->set(value))
		k_fatal("bad value '%s' for Keel parameter %s (expected %s)",
			value ? value : "", p->name, p->help);
}

/*
 * Without "--", words naming a Keel parameter are applied and removed, the rest are
 * the application's. Returns how many words remain.
 */
static int boot_take_known_params(char **words, int n)
{
	int kept = 0;

	for (int i = 0; i < n; i++) {
		if (boot_find_param(words[i]))
			boot_apply_param(words[i]);
		else
			words[kept++] = words[i];
	}
	return kept;
}

/* After "--": apply and remove the words of K_PARAM_ANYWHERE parameters. */
static int boot_take_anywhere_params(char **words, int n)
{
	int kept = 0;

	for (int i = 0; i < n; i++) {
		const struct k_param *p = boot_find_param(words[i]);

		if (p && (p->flags & K_PARAM_ANYWHERE))
			boot_apply_param(words[i]);
		else
			words[kept++] = words[i];
	}
	return kept;
}

static void boot_print_memory(const struct k_bootinfo *bi)
{
	static const char *const types[] = { "?", "usable", "reserved", "acpi", "nvs",
					     "unusable" };

	for (unsigned int i = 0; i < bi->nmem; i++)
		k_debug("mem: 0x%012lx-0x%012lx %s\n", (unsigned long)bi->mem[i].base,
			(unsigned long)(bi->mem[i].base + bi->mem[i].size),
			types[bi->mem[i].type < K_ARRAY_SIZE(types) ? bi->mem[i].type : 0]);
	k_debug("mem: image 0x%lx-0x%lx\n", (unsigned long)bi->image_start,
		(unsigned long)bi->image_end);
}

/* Counter readings at the steps of the boot that boot.time reports. */
struct boot_marks {
	uint64_t mmu, alloc, ready, main;
};

static void boot_report_step(const char *what, uint64_t cycles, uint64_t hz)
{
	if (hz)
		k_printk(K_LOG_CRIT, "boot: %s: %lu cycles, %lu us\n", what,
			 (unsigned long)cycles, (unsigned long)(cycles * 1000000 / hz));
	else
		k_printk(K_LOG_CRIT, "boot: %s: %lu cycles\n", what, (unsigned long)cycles);
}

static void boot_report_timing(const struct k_bootinfo *bi, const struct boot_marks *m)
{
	uint64_t hz = plat_counter_hz();

	boot_report_step("page tables", m->alloc - m->mmu, hz);
	boot_report_step("allocators", m->ready - m->alloc, hz);
	boot_report_step("entry to main", m->main - bi->entry_counter, hz);
	if (hz)
		k_printk(K_LOG_CRIT, "boot: counter %lu kHz\n", (unsigned long)(hz / 1000));
	else
		k_printk(K_LOG_CRIT, "boot: counter frequency unknown\n");
}

/*
 * Page tables, then the allocators on the memory that is left. Both use boot memory
 * (keel/bootmem.h), in which the image is reserved first.
 */
static void boot_start_memory(struct k_bootinfo *bi, struct boot_marks *m)
{
	int rc;

	if (!bi->nmem)
		k_fatal("the loader passed no memory map (%s entry)", bi->protocol);
	if (k_bootmem_reserve(bi, bi->image_start, bi->image_end, "image"))
		k_panic("boot: no room to reserve the image in the boot memory table");
	m->mmu = k_arch_counter();
	rc = k_arch_mmu_init(bi);
	if (rc)
		k_panic("boot: cannot build the page tables (error %d)", rc);
	m->alloc = k_arch_counter();
	rc = k_alloc_init(bi);
	if (rc)
		k_panic("boot: no free memory for the allocators (error %d)", rc);
	m->ready = k_arch_counter();
}

/* Linker script (support/build/k_tables.lds). */
extern void (*const __preinit_array_start[])(void), (*const __preinit_array_end[])(void);
extern void (*const __init_array_start[])(void), (*const __init_array_end[])(void);

/* Constructors run after every K_INIT entry, so they may use threads, time and libc. */
static void boot_run_constructors(void)
{
	for (void (*const *f)(void) = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (void (*const *f)(void) = __init_array_start; f < __init_array_end; f++)
		(*f)();
}

void k_boot_main(struct k_bootinfo *bi)
{
	static char *words[CONFIG_BOOT_MAX_ARGS + 1];
	struct boot_marks marks;
	int n, sep, first_arg, argc;

	if (bi->version != K_PLAT_API_VERSION)
		k_panic("platform speaks boot interface %u, this Keel %u", bi->version,
			K_PLAT_API_VERSION);
	boot_info = bi;
	/* words[0] is reserved for argv[0]. */
	n = k_cmdline_split(bi->cmdline, words + 1, CONFIG_BOOT_MAX_ARGS - 1);
	if (n == -EINVAL)
		k_fatal("command line has an unterminated quote");
	if (n < 0)
		k_fatal("command line has more than %d words (CONFIG_BOOT_MAX_ARGS)",
			CONFIG_BOOT_MAX_ARGS - 1);
	sep = k_cmdline_find_separator(words + 1, n);
	if (sep >= 0) {
		for (int i = 0; i < sep; i++)
			boot_apply_param(words[1 + i]);
		n = sep + 1 + boot_take_anywhere_params(words + 2 + sep, n - sep - 1);
	} else {
		n = boot_take_known_params(words + 1, n);
	}
	k_info("Keel on %s (%s entry)\n", KEEL_TARGET_NAME, bi->protocol);
	boot_print_memory(bi);
	boot_start_memory(bi, &marks);

	/* boot.time measures the counter first, so no init entry is charged for that. */
	if (boot_report_time)
		k_init_run_timed(plat_counter_hz());
	else
		k_init_run();

	boot_run_constructors();
	first_arg = sep >= 0 ? sep + 1 : 0;
	argc = n - first_arg + 1;
	words[first_arg] = (char *)KEEL_APP_NAME;
	words[first_arg + argc] = NULL;
	marks.main = k_arch_counter();
	if (boot_report_time)
		boot_report_timing(bi, &marks);
	/* exit(), not k_exit(): the C library runs atexit handlers and flushes stdio. */
	exit(main(argc, words + first_arg));
}

size_t k_boot_module_release(unsigned int n)
{
	struct k_mem_range r[4];
	struct k_boot_module *m;
	unsigned int nr;
	size_t pages = 0;

	if (!boot_info || n >= boot_info->nmodules || !boot_info->modules[n].size)
		return 0;
	m = &boot_info->modules[n];
	nr = k_bootmem_unreserved_ranges(boot_info, m->base, m->base + m->size, r, 4);
	k_bootmem_unreserve(boot_info, m->base, m->base + m->size);
	for (unsigned int i = 0; i < nr; i++)
		pages += k_alloc_add_memory(r[i].base, r[i].end - r[i].base);
	k_debug("boot: module %u released, %lu pages back to the page allocator\n", n,
		(unsigned long)pages);
	m->size = 0;
	return pages;
}

void k_exit(int status)
{
	status &= 0xff;
	if (status > K_EXIT_MAX) {
		k_warn("exit status %d is above %d; the VM reports %d\n", status, K_EXIT_MAX,
		       K_EXIT_MAX);
		status = K_EXIT_MAX;
	}
	k_console_flush();
	plat_poweroff(status);
}
