// SPDX-License-Identifier: BSD-3-Clause
/*
 * stdio, env and unsupported: streams over memory (fmemopen, open_memstream),
 * buffering, the console streams' return values, standard input at end of file; the
 * environment from env.KEY=VALUE words; a call that needs a file system failing with
 * ENOSYS (lib/newlib/syscalls.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

extern char **environ;

static void stdio_fmemopen(void)
{
	char buf[64] = "", line[32] = "";
	int x = 0, y = 0, n;
	long pos;
	FILE *f = fmemopen(buf, sizeof(buf), "w+");

	if (!f) {
		check("fmemopen", false, "fmemopen failed, errno %d", errno);
		return;
	}
	n = fprintf(f, "x=%d\ny=%d\n", 42, -7);
	fflush(f);
	pos = ftell(f);
	rewind(f);
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	if (fscanf(f, "y=%d", &y) != 1)
		y = 0;
	sscanf(line, "x=%d", &x);
	check("fmemopen", n == 10 && pos == 10 && !strcmp(buf, "x=42\ny=-7\n") &&
	      !strcmp(line, "x=42\n") && x == 42 && y == -7 && fclose(f) == 0,
	      "wrote %d, at %ld, buffer '%s', read back %d %d", n, pos, buf, x, y);
}

static void stdio_memstream(void)
{
	char *data = NULL;
	size_t size = 0, bad = 0;
	FILE *f = open_memstream(&data, &size);
	int closed = -1;

	if (f) {
		for (int i = 0; i < 100; i++)
			fprintf(f, "%09d\n", i);
		closed = fclose(f);
	}
	for (size_t i = 0; data && i < 100 && !bad; i++) {
		char want[11];

		snprintf(want, sizeof(want), "%09zu\n", i);
		bad = memcmp(data + i * 10, want, 10) ? i + 1 : 0;
	}
	check("open_memstream", f && !closed && size == 1000 && data && !data[1000] && !bad,
	      "stream %p, %zu bytes, line %zu wrong", (void *)f, size, bad);
	free(data);
}

/*
 * Set unbuffered, a stream's output reaches memory at once; set fully buffered, it
 * waits for the flush. (How far a library honours these is implementation-defined in
 * C11 7.21.3p3; newlib honours both.)
 */
static void stdio_setvbuf(void)
{
	char full[64] = "", none[64] = "", vbuf[32];
	FILE *f = fmemopen(full, sizeof(full), "w"), *u = fmemopen(none, sizeof(none), "w");
	int bad_mode = 0, rf = -1, ru = -1;
	char held = 1, at_once = 0;

	if (f && u) {
		bad_mode = setvbuf(u, NULL, 42, 0);	/* no such mode */
		ru = setvbuf(u, NULL, _IONBF, 0);
		rf = setvbuf(f, vbuf, _IOFBF, sizeof(vbuf));
		fputs("held", f);
		fputs("now", u);
		held = full[0];
		at_once = none[0];
		fflush(f);
	}
	if (f)
		fclose(f);
	if (u)
		fclose(u);
	check("setvbuf", f && u && bad_mode && !rf && !ru && !held && at_once == 'n' &&
	      !strcmp(full, "held") && !strcmp(none, "now"),
	      "mode 42: %d, _IOFBF: %d, _IONBF: %d; before the flush: '%c' and '%c'; "
	      "after: '%s' and '%s'", bad_mode, rf, ru, held ? held : '0',
	      at_once ? at_once : '0', full, none);
}

/* Each prints a line the suite looks for, and returns what C11 says. */
static void stdio_console(void)
{
	const char *word = "libc: putchar works\n";
	int p = puts("libc: puts works");
	int fp = fputs("libc: fputs works\n", stdout);
	int pc = 0, pr, pr0;

	for (const char *c = word; *c; c++)
		pc += putchar(*c) == *c;
	pr = printf("libc: printf returns %d\n", 42);
	pr0 = printf("%s", "");
	check("console-returns", p >= 0 && fp >= 0 && pc == (int)strlen(word) && pr == 24 &&
	      pr0 == 0, "puts %d, fputs %d, %d putchar ok, printf %d and %d", p, fp, pc,
	      pr, pr0);
}

/* The console has no input (lib/newlib/console.c). */
static void stdio_stdin(void)
{
	int c = getchar();

	check("stdin-eof", c == EOF && feof(stdin) && !ferror(stdin),
	      "getchar() %d, feof %d, ferror %d", c, feof(stdin), ferror(stdin));
	clearerr(stdin);
}

void test_stdio(void)
{
	stdio_fmemopen();
	stdio_memstream();
	stdio_setvbuf();
	stdio_console();
	stdio_stdin();
}

static bool in_environ(const char *entry)
{
	for (char **e = environ; e && *e; e++)
		if (!strcmp(*e, entry))
			return true;
	return false;
}

/* The suite boots with env.KEEL_TEST=hello on the command line. */
void test_env(void)
{
	const char *v = getenv("KEEL_TEST");
	struct tally t = { 0 };
	int r;

	check("getenv", v && !strcmp(v, "hello") && in_environ("KEEL_TEST=hello") &&
	      !getenv("MISSING") && !getenv("KEEL_TES"), "KEEL_TEST is '%s'", v ? v : "NULL");
	if (setenv("NEWVAR", "one", 0) || !getenv("NEWVAR") || strcmp(getenv("NEWVAR"), "one"))
		tally_fail(&t, "setenv of a new variable");
	if (setenv("NEWVAR", "two", 0) || strcmp(getenv("NEWVAR"), "one"))
		tally_fail(&t, "setenv without overwrite changed it");
	if (setenv("NEWVAR", "three", 1) || strcmp(getenv("NEWVAR"), "three"))
		tally_fail(&t, "setenv with overwrite: '%s'", getenv("NEWVAR"));
	if (setenv("KEEL_TEST", "bye", 1) || strcmp(getenv("KEEL_TEST"), "bye") ||
	    !in_environ("KEEL_TEST=bye"))
		tally_fail(&t, "setenv of a boot variable");
	if (unsetenv("NEWVAR") || getenv("NEWVAR") || unsetenv("KEEL_TEST") ||
	    getenv("KEEL_TEST"))
		tally_fail(&t, "unsetenv: the variables are still there");
	errno = 0;
	r = setenv("A=B", "x", 1);
	if (r != -1 || errno != EINVAL)
		tally_fail(&t, "setenv(\"A=B\") returned %d, errno %d", r, errno);
	tally_check("setenv-unsetenv", &t);
}

/*
 * A call Keel cannot do fails with ENOSYS; twice, because the suite checks that the log
 * names fork() only once. (Files exist now: with newlib the image has a ramfs root.)
 */
void test_unsupported(void)
{
	pid_t p1, p2;
	int e1, e2;

	errno = 0;
	p1 = fork();
	e1 = errno;
	errno = 0;
	p2 = fork();
	e2 = errno;
	check("fork-enosys", p1 == -1 && e1 == ENOSYS && p2 == -1 && e2 == ENOSYS,
	      "fork: %d errno %d, then %d errno %d", (int)p1, e1, (int)p2, e2);
}
