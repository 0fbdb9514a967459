/* SPDX-License-Identifier: BSD-3-Clause */
/* The common boot path: init table, command line, the application's main(). */
#ifndef KEEL_BOOT_H
#define KEEL_BOOT_H

#include <stddef.h>
#include <stdint.h>
#include <keel/compiler.h>

/* Run every K_INIT entry in table order; failures are logged and boot goes on. */
void k_init_run(void);
/* The same, printing each entry's run time (boot.time=1); hz: k_arch_counter()'s rate. */
void k_init_run_timed(uint64_t hz);

/*
 * End the program: the status (taken modulo 256, as POSIX does) becomes the VM's exit
 * status; values above K_EXIT_MAX are clamped to it with a warning.
 */
__k_noreturn void k_exit(int status);

/*
 * Loader module n (k_bootinfo()->modules) is no longer needed: give its whole pages to
 * the page allocator (pages it shares with other boot structures stay reserved) and set
 * its size to 0. Returns the pages given back. Threads only, once per module.
 */
size_t k_boot_module_release(unsigned int n);

/* The application's entry point. */
int main(int argc, char *argv[]);

#endif /* KEEL_BOOT_H */
