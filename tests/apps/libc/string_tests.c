// SPDX-License-Identifier: BSD-3-Clause
/*
 * string: the string.h functions (overlap, signs, padding, truncation, tokens,
 * searches), strdup, strerror and ctype in the "C" locale.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

#define SPAN	300

/* memmove against a byte-by-byte copy through a separate buffer, both ways. */
static void string_memmove(void)
{
	/* Room after SPAN for the largest shift: 17 once wrote one byte past SPAN + 16. */
	static unsigned char buf[SPAN + 32], want[SPAN + 32], tmp[SPAN];
	struct tally t = { 0 };
	char s[] = "0123456789";
	static const size_t shifts[] = { 1, 3, 7, 8, 17 };

	memmove(s + 2, s, 6);
	if (strcmp(s, "0101234589"))
		tally_fail(&t, "forward: '%s'", s);
	strcpy(s, "0123456789");
	memmove(s, s + 2, 6);
	if (strcmp(s, "2345676789"))
		tally_fail(&t, "backward: '%s'", s);
	for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
		for (int dir = 0; dir < 2; dir++) {
			size_t from = dir ? shifts[i] : 0, to = dir ? 0 : shifts[i];

			for (size_t j = 0; j < sizeof(buf); j++)
				buf[j] = want[j] = (unsigned char)(j * 7 + 1);
			for (size_t j = 0; j < SPAN; j++)
				tmp[j] = want[from + j];
			for (size_t j = 0; j < SPAN; j++)
				want[to + j] = tmp[j];
			memmove(buf + to, buf + from, SPAN);
			if (memcmp(buf, want, sizeof(buf)))
				tally_fail(&t, "%d bytes from +%zu to +%zu", SPAN, from, to);
		}
	}
	tally_check("memmove", &t);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* The bytes compare as unsigned char (C11 7.24.4p1). */
static void string_compare(void)
{
	int a = sign(memcmp("a\x80", "a\x01", 2)), b = sign(memcmp("abc", "abd", 3));
	int c = memcmp("abc", "abc", 3), d = memcmp("x", "y", 0);
	int e = sign(strcmp("\xff", "a")), f = sign(strncmp("abcX", "abcY", 3));
	int g = sign(strcmp("ab", "abc")), h = sign(strcasecmp("HeLLo", "hello"));

	check("memcmp-strcmp", a == 1 && b == -1 && !c && !d && e == 1 && !f && g == -1 && !h,
	      "signs %d %d %d %d %d %d %d %d, want 1 -1 0 0 1 0 -1 0", a, b, c, d, e, f, g, h);
}

static void string_copy(void)
{
	struct tally t = { 0 };
	char buf[8];
	size_t n;

	memset(buf, '#', sizeof(buf));
	strncpy(buf, "ab", 6);
	if (memcmp(buf, "ab\0\0\0\0##", 8))
		tally_fail(&t, "strncpy pads with NULs up to n, then stops");
	memset(buf, '#', sizeof(buf));
	strncpy(buf, "abcdef", 3);
	if (memcmp(buf, "abc#", 4))
		tally_fail(&t, "strncpy of a longer string: no terminator, 3 bytes");
	memset(buf, '#', sizeof(buf));
	n = strlcpy(buf, "abcdefghij", 5);
	if (n != 10 || strcmp(buf, "abcd") || buf[5] != '#')
		tally_fail(&t, "strlcpy truncated: %zu '%s'", n, buf);
	n = strlcat(buf, "XYZ", sizeof(buf));
	if (n != 7 || strcmp(buf, "abcdXYZ"))
		tally_fail(&t, "strlcat: %zu '%s'", n, buf);
	n = strlcat(buf, "more", sizeof(buf));
	if (n != 11 || strcmp(buf, "abcdXYZ"))
		tally_fail(&t, "strlcat into a full buffer: %zu '%s'", n, buf);
	strcpy(buf, "ab");
	strncat(buf, "cdefgh", 3);
	if (strcmp(buf, "abcde") || strlen(buf) != 5)
		tally_fail(&t, "strncat: '%s'", buf);
	tally_check("strncpy-strlcpy", &t);
}

static void string_tok(void)
{
	char s[] = ",a,,bb;c,", inner[] = "1-2";
	const char *got[6] = { 0 };
	char *save, *save2, *p;
	int n = 0, sub = 0;

	for (p = strtok_r(s, ",;", &save); p && n < 6; p = strtok_r(NULL, ",;", &save)) {
		got[n++] = p;
		/* A second tokenizer in the middle leaves the first's position alone. */
		if (n != 1)
			continue;
		for (char *q = strtok_r(inner, "-", &save2); q; q = strtok_r(NULL, "-", &save2))
			sub++;
	}
	check("strtok_r", n == 3 && !strcmp(got[0], "a") && !strcmp(got[1], "bb") &&
	      !strcmp(got[2], "c") && sub == 2,
	      "%d tokens ('%s' '%s' '%s'), %d inner", n, got[0] ? got[0] : "-",
	      got[1] ? got[1] : "-", got[2] ? got[2] : "-", sub);
}

static void string_search(void)
{
	static const char hay[] = "haystack/with/needle";
	struct tally t = { 0 };

#define FOUND(expr, off) do {							\
		const char *r_ = (expr);					\
		if (r_ != ((off) < 0 ? NULL : hay + (off)))			\
			tally_fail(&t, "%s: %s", #expr, r_ ? r_ : "NULL");	\
	} while (0)
	FOUND(strchr(hay, '/'), 8);
	FOUND(strchr(hay, '\0'), 20);
	FOUND(strchr(hay, 'z'), -1);
	FOUND(strrchr(hay, '/'), 13);
	FOUND(strrchr(hay, 'q'), -1);
	FOUND(strstr(hay, "needle"), 14);
	FOUND(strstr(hay, "st"), 3);
	FOUND(strstr(hay, ""), 0);
	FOUND(strstr(hay, "needles"), -1);
	FOUND(strpbrk(hay, "/w"), 8);
	FOUND(strpbrk(hay, "XYZ"), -1);
	FOUND(memchr(hay, 'k', sizeof(hay)), 7);
	FOUND(memchr(hay, 'k', 7), -1);
#undef FOUND
	if (strspn(hay, "ahy") != 3 || strspn(hay, "") != 0)
		tally_fail(&t, "strspn: %zu", strspn(hay, "ahy"));
	if (strcspn(hay, "/") != 8 || strcspn(hay, "") != 20)
		tally_fail(&t, "strcspn: %zu", strcspn(hay, "/"));
	tally_check("string-search", &t);
}

static void string_dup(void)
{
	const char src[] = "duplicate me";
	char *d = strdup(src), *n = strndup(src, 3);

	check("strdup", d && n && d != src && !strcmp(d, src) && !strcmp(n, "dup"),
	      "'%s' '%s'", d ? d : "NULL", n ? n : "NULL");
	free(d);
	free(n);
}

static void string_strerror(void)
{
	char enoent[128];
	const char *einval;

	/* strerror may reuse one buffer: keep a copy of the first message. */
	strncpy(enoent, strerror(ENOENT), sizeof(enoent) - 1);
	enoent[sizeof(enoent) - 1] = '\0';
	einval = strerror(EINVAL);
	check("strerror", enoent[0] && einval[0] && strcmp(enoent, einval),
	      "ENOENT '%s', EINVAL '%s'", enoent, einval);
}

/* The "C" locale: only ASCII letters are letters; bytes above 0x7f are nothing. */
static void string_ctype(void)
{
	struct tally t = { 0 };

#define CTYPE(cond) do { if (!(cond)) tally_fail(&t, "%s", #cond); } while (0)
	CTYPE(toupper('a') == 'A' && toupper('Z') == 'Z' && toupper('1') == '1');
	CTYPE(tolower('Q') == 'q' && tolower('q') == 'q' && toupper(EOF) == EOF);
	CTYPE(isalpha('z') && isalpha('A') && !isalpha('1') && !isalpha(0xe9));
	CTYPE(isdigit('7') && !isdigit('a') && isxdigit('F') && !isxdigit('g'));
	CTYPE(isspace('\t') && isspace(' ') && isspace('\v') && !isspace('x'));
	CTYPE(isupper('M') && !isupper('m') && islower('m') && !islower('M'));
	CTYPE(isalnum('0') && !isalnum('_') && ispunct('!') && !ispunct('a'));
	CTYPE(iscntrl('\n') && !iscntrl('n') && isprint(' ') && !isprint('\x7f'));
	CTYPE(isgraph('~') && !isgraph(' ') && !isalpha(EOF));
#undef CTYPE
	tally_check("ctype", &t);
}

void test_string(void)
{
	string_memmove();
	string_compare();
	string_copy();
	string_tok();
	string_search();
	string_dup();
	string_strerror();
	string_ctype();
}
