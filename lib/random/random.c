// SPDX-License-Identifier: BSD-3-Clause
/*
 * The generator: one secret 256-bit ChaCha20 key. A request takes one block under
 * the lock: half of it replaces the key (mixed with a fresh CPU random value and the
 * cycle counter), the other half keys the request's own stream, generated outside
 * the lock and wiped afterwards. Nothing left in memory reproduces earlier output.
 *
 * Seeding absorbs 32-bit samples into the key, eight at a time followed by a
 * ChaCha20 block over the result (the permutation does the mixing): RDSEED and
 * RDRAND when CPUID lists them (Intel SDM vol. 1 §7.3.17), always the wall clock,
 * the monotonic time and the jitter of the cycle counter around a memory walk.
 */
#include <string.h>
#include <keel/arch.h>
#include <keel/init.h>
#include <keel/print.h>
#include <keel/random.h>
#include <keel/spinlock.h>
#include <keel/time.h>

#define JITTER_SAMPLES	1024

static struct k_spinlock random_lock = K_SPINLOCK_INIT;
static uint32_t random_key[8];
static uint32_t absorbed;	/* samples taken in, also the mixing block's counter */
static int seeded;
static int has_rdrand, has_rdseed;

static void wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ volatile("" : : "r"(p) : "memory");
}

#ifdef __x86_64__
static void cpu_features(void)
{
	/* CPUID.1:ECX bit 30 is RDRAND; CPUID.(7,0):EBX bit 18 is RDSEED. */
	has_rdrand = (x86_cpuid(1, 0).ecx >> 30) & 1;
	if (x86_cpuid(0, 0).eax >= 7)
		has_rdseed = (x86_cpuid(7, 0).ebx >> 18) & 1;
}

/* Carry set means a value was delivered; retry a few times as the SDM advises. */
static int cpu_random(uint64_t *v, int use_seed)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;

		if (use_seed)
			__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		else
			__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return 1;
	}
	return 0;
}
#else
static void cpu_features(void)
{
}

static int cpu_random(uint64_t *v, int use_seed)
{
	(void)v;
	(void)use_seed;
	return 0;
}
#endif

/* Called with the lock held (or before anyone else runs). */
static void absorb(uint32_t sample)
{
	static const uint32_t mix_nonce[3] = { 1, 0, 0 };	/* apart from the rekeying stream */
	uint8_t block[64];

	random_key[absorbed % 8] ^= sample;
	if (++absorbed % 8)
		return;
	k_chacha20_block(random_key, absorbed, mix_nonce, block);
	memcpy(random_key, block, sizeof(random_key));
	wipe(block, sizeof(block));
}

static void absorb64(uint64_t v)
{
	absorb((uint32_t)v);
	absorb((uint32_t)(v >> 32));
}

/* Cycle counter differences over a walk of a buffer whose length varies. */
static void absorb_jitter(void)
{
	static volatile uint8_t scratch[4096];
	uint64_t last = k_arch_counter();

	for (int i = 0; i < JITTER_SAMPLES; i++) {
		uint64_t now;
		unsigned int n = 64 + (unsigned int)(last & 1023);

		for (unsigned int j = 0; j < n; j++)
			scratch[(j * 67 + last) % sizeof(scratch)] += (uint8_t)j;
		now = k_arch_counter();
		absorb((uint32_t)(now - last));
		last = now;
	}
}

/* The number of CPU random values taken in (0: none). */
static int seed(void)
{
	int cpu = 0;
	uint64_t v;

	cpu_features();
	for (int i = 0; i < 8; i++) {
		if (has_rdseed && cpu_random(&v, 1))
			absorb64(v), cpu++;
		if (has_rdrand && cpu_random(&v, 0))
			absorb64(v), cpu++;
	}
	absorb64(k_wallclock_ns());
	absorb64(k_time_ns());
	absorb_jitter();
	while (absorbed % 8)
		absorb(0);		/* end with a full mix */
	__atomic_store_n(&seeded, 1, __ATOMIC_RELEASE);
	return cpu;
}

static void seed_report(int cpu)
{
	if (cpu)
		k_info("random: seeded from %s, counter jitter and the clock\n",
		       has_rdseed ? "RDSEED/RDRAND" : "RDRAND");
	else
		k_warn("random: no CPU random source; seeded from counter jitter and the clock\n");
}

/* A new key and one for this request's stream, from one block under the lock. */
static void next_keys(uint32_t call_key[8])
{
	static const uint32_t rekey_nonce[3] = { 0x79656b65, 0, 0 };
	uint8_t block[64];
	unsigned long flags;
	uint64_t v = 0;

	if (has_rdrand)
		cpu_random(&v, 0);	/* outside the lock: it may retry */
	flags = k_spin_lock_irqsave(&random_lock);
	k_chacha20_block(random_key, 0, rekey_nonce, block);
	memcpy(random_key, block, 32);
	memcpy(call_key, block + 32, 32);
	random_key[0] ^= (uint32_t)v;
	random_key[1] ^= (uint32_t)(v >> 32);
	random_key[2] ^= (uint32_t)k_arch_counter();
	k_spin_unlock_irqrestore(&random_lock, flags);
	wipe(block, sizeof(block));
}

int k_random_bytes(void *buf, size_t len)
{
	uint32_t call_key[8], nonce[3] = { 0, 0, 0 };
	uint8_t block[64], *out = buf;
	uint64_t n = 0;

	if (!__atomic_load_n(&seeded, __ATOMIC_ACQUIRE)) {
		unsigned long flags = k_spin_lock_irqsave(&random_lock);
		int cpu = seeded ? -1 : seed();		/* used before its init ran */

		k_spin_unlock_irqrestore(&random_lock, flags);
		if (cpu >= 0)
			seed_report(cpu);
	}
	next_keys(call_key);
	for (; len; n++) {
		size_t chunk = len < sizeof(block) ? len : sizeof(block);

		nonce[0] = (uint32_t)(n >> 32);	/* past 2^32 blocks: a new stream */
		k_chacha20_block(call_key, (uint32_t)n, nonce, block);
		memcpy(out, block, chunk);
		out += chunk;
		len -= chunk;
	}
	wipe(block, sizeof(block));
	wipe(call_key, sizeof(call_key));
	return 0;
}

static int random_init(void)
{
	unsigned long flags = k_spin_lock_irqsave(&random_lock);
	int cpu = seeded ? -1 : seed();

	k_spin_unlock_irqrestore(&random_lock, flags);
	if (cpu >= 0)
		seed_report(cpu);
	return 0;
}
K_INIT(random_init, K_INIT_LIB, 05);
