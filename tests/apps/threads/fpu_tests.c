// SPDX-License-Identifier: BSD-3-Clause
/*
 * Floating point state per thread (CONFIG_FPU): threads keep doubles live in SSE
 * registers across preemption, and each keeps its own rounding mode (MXCSR) across
 * yields. A result that differs from the one computed alone means a switch lost or
 * mixed up a thread's registers.
 */
#include <stdint.h>
#include <string.h>
#include <keel/thread.h>
#include "check.h"

#define FPU_THREADS	3
#ifdef __aarch64__
/* The rounding mode lives in FPCR.RMode (ARM ARM C5.2.8); the names stay x86's. */
#define MXCSR_RC_MASK	(3u << 22)
#define MXCSR_RC_DOWN	(2u << 22)	/* RM: towards minus infinity */
#define MXCSR_RC_UP	(1u << 22)	/* RP: towards plus infinity */
#else
#define MXCSR_RC_MASK	(3u << 13)	/* SDM 1 §10.2.3.3: rounding control */
#define MXCSR_RC_DOWN	(1u << 13)
#define MXCSR_RC_UP	(2u << 13)
#endif

struct fpu_job {
	double seed;
	unsigned long iters;
	double result;
	unsigned int others_ran;	/* progress of other threads seen mid-loop */
};

static volatile unsigned long fpu_progress[FPU_THREADS];

/* A long dependent chain whose values stay in registers: no calls inside the loop. */
static double __attribute__((noinline)) fpu_chain(double seed, unsigned long iters,
						   volatile unsigned long *progress)
{
	double a = seed, b = 1.0 / seed, c = 0.0;

	for (unsigned long i = 0; i < iters; i++) {
		a = a * 1.0000001 + b;
		b = b * 0.9999999 - a * 1e-9;
		c += a * b;
		if ((i & 1023) == 0 && progress)
			*progress = i;
	}
	return c;
}

static void *fpu_body(void *arg)
{
	struct fpu_job *job = arg;
	unsigned long before[FPU_THREADS];

	/* others_ran holds the thread's index until the loop is done. */
	memcpy(before, (const void *)fpu_progress, sizeof(before));
	job->result = fpu_chain(job->seed, job->iters, &fpu_progress[job->others_ran]);
	job->others_ran = 0;
	for (int i = 0; i < FPU_THREADS; i++)
		job->others_ran += fpu_progress[i] != before[i];
	return NULL;
}

#ifdef __aarch64__
static unsigned int mxcsr_get(void)
{
	unsigned long v;

	__asm__ volatile("mrs %0, fpcr" : "=r"(v));
	return (unsigned int)v;
}

static void mxcsr_set(unsigned int v)
{
	__asm__ volatile("msr fpcr, %0" : : "r"((unsigned long)v));
}
#else
static unsigned int mxcsr_get(void)
{
	unsigned int v;

	__asm__ volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static void mxcsr_set(unsigned int v)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(v));
}
#endif

/* Divide in the thread's rounding mode across yields; return the bits seen. */
static void *rounding_body(void *arg)
{
	unsigned int mode = (unsigned int)(uintptr_t)arg;
	volatile double one = 1.0, three = 3.0;
	uint64_t bits = 0, first = 0;

	mxcsr_set((mxcsr_get() & ~MXCSR_RC_MASK) | mode);
	for (int i = 0; i < 50; i++) {
		double q = one / three;

		memcpy(&bits, &q, sizeof(bits));
		if (i == 0)
			first = bits;
		else if (bits != first)
			return (void *)(uintptr_t)1;
		k_thread_yield();
	}
	return (void *)(uintptr_t)(first & 0xf);
}

static void test_fpu_registers(void)
{
	static struct fpu_job jobs[FPU_THREADS];
	struct k_thread_attr attr = { 0, K_PRIO_DEFAULT, 0 };
	struct k_thread *t[FPU_THREADS];
	double expect[FPU_THREADS];
	unsigned int mixed = 0, interleaved = 0;

	for (int i = 0; i < FPU_THREADS; i++) {
		jobs[i] = (struct fpu_job){ 1.5 + i, 3000000, 0.0, (unsigned int)i };
		expect[i] = fpu_chain(jobs[i].seed, jobs[i].iters, NULL);
	}
	for (int i = 0; i < FPU_THREADS; i++)
		if (k_thread_create(&t[i], "fpu", fpu_body, &jobs[i], &attr))
			return check("fpu-registers", false, "cannot create threads");
	for (int i = 0; i < FPU_THREADS; i++) {
		k_thread_join(t[i], NULL);
		mixed += memcmp(&jobs[i].result, &expect[i], sizeof(double)) != 0;
		interleaved += jobs[i].others_ran > 1;
	}
	check("fpu-registers", mixed == 0, "%u of %d results differ from the lone run", mixed,
	      FPU_THREADS);
	printf("threads: fpu: threads interleaved mid-computation: %s\n",
	       interleaved ? "yes" : "no");
}

static void test_fpu_rounding(void)
{
	struct k_thread_attr attr = { 0, K_PRIO_DEFAULT, 0 };
	struct k_thread *down, *up;
	void *rd, *ru;

	if (k_thread_create(&down, "fpu-down", rounding_body,
			    (void *)(uintptr_t)MXCSR_RC_DOWN, &attr) ||
	    k_thread_create(&up, "fpu-up", rounding_body, (void *)(uintptr_t)MXCSR_RC_UP,
			    &attr))
		return check("fpu-rounding", false, "cannot create threads");
	k_thread_join(down, &rd);
	k_thread_join(up, &ru);
	/* 1/3 = 0x3fd5555555555555 rounded down, ...556 rounded up. */
	check("fpu-rounding", (uintptr_t)rd == 5 && (uintptr_t)ru == 6 &&
	      (mxcsr_get() & MXCSR_RC_MASK) == 0,
	      "low nibbles %lu (down) and %lu (up), main's mode %#x",
	      (unsigned long)(uintptr_t)rd, (unsigned long)(uintptr_t)ru,
	      mxcsr_get() & MXCSR_RC_MASK);
}

void test_fpu(void)
{
	test_fpu_registers();
	test_fpu_rounding();
}
