// SPDX-License-Identifier: BSD-3-Clause
/* Host tests of lib/boot/cmdline.c: splitting the kernel command line into words. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <keel/cmdline.h>
#include <keel/compiler.h>
#include "host_test.h"

#define MAX_WORDS	16

struct split {
	char *line;		/* heap copy of exactly strlen + 1 bytes: ASan sees overruns */
	char *words[MAX_WORDS + 1];
	int n;
};

static void split_line(struct split *sp, const char *text, int max)
{
	size_t len = strlen(text) + 1;

	sp->line = malloc(len);
	memcpy(sp->line, text, len);
	memset(sp->words, 0, sizeof(sp->words));
	sp->n = k_cmdline_split(sp->line, sp->words, max);
}

/* Check the result against expected words; every word must lie inside the line. */
static void expect_words(int line, const char *text, const char *const *expected, int count)
{
	struct split sp;
	size_t len = strlen(text) + 1;
	int i;

	split_line(&sp, text, MAX_WORDS);
	if (sp.n != count) {
		t_fail(__FILE__, line, "\"%s\": %d words, expected %d", text, sp.n, count);
		goto out_free;
	}
	for (i = 0; i < count; i++) {
		if (sp.words[i] < sp.line || sp.words[i] >= sp.line + len)
			t_fail(__FILE__, line, "\"%s\": word %d is outside the line", text, i);
		else if (strcmp(sp.words[i], expected[i]) != 0)
			t_fail(__FILE__, line, "\"%s\": word %d is \"%s\", expected \"%s\"",
			       text, i, sp.words[i], expected[i]);
	}
	if (sp.words[count])
		t_fail(__FILE__, line, "\"%s\": words[%d] written past the count", text, count);
out_free:
	free(sp.line);
}

#define EXPECT_WORDS(text, ...)						\
	do {								\
		static const char *const w_[] = { __VA_ARGS__ };	\
		expect_words(__LINE__, text, w_, (int)K_ARRAY_SIZE(w_)); \
	} while (0)

static void expect_split_rc(int line, const char *text, int max, int rc)
{
	struct split sp;

	split_line(&sp, text, max);
	if (sp.n != rc)
		t_fail(__FILE__, line, "\"%s\" max %d: returned %d, expected %d",
		       text, max, sp.n, rc);
	free(sp.line);
}

#define EXPECT_RC(text, max, rc)	expect_split_rc(__LINE__, text, max, rc)

static void plain_words(void)
{
	EXPECT_WORDS("hello", "hello");
	EXPECT_WORDS("a b c", "a", "b", "c");
	EXPECT_WORDS("log.level=debug -- app --flag x=1",
		     "log.level=debug", "--", "app", "--flag", "x=1");
}

static void blank_runs_and_kinds(void)
{
	EXPECT_WORDS("  lead", "lead");
	EXPECT_WORDS("trail   ", "trail");
	EXPECT_WORDS("a\tb\nc\rd", "a", "b", "c", "d");
	EXPECT_WORDS(" \t a \t\r\n  b  ", "a", "b");
}

static void empty_and_blank_lines(void)
{
	EXPECT_RC("", MAX_WORDS, 0);
	EXPECT_RC("   \t\n ", MAX_WORDS, 0);
	EXPECT_RC("", 0, 0);
	EXPECT_RC("  ", 0, 0);
}

static void quotes_group_and_vanish(void)
{
	EXPECT_WORDS("\"a b\" c", "a b", "c");
	EXPECT_WORDS("'a  b'", "a  b");
	EXPECT_WORDS("x=\"1 2\"y", "x=1 2y");
	EXPECT_WORDS("\"it's\" 'say \"hi\"'", "it's", "say \"hi\"");
	EXPECT_WORDS("a\"\"b ''", "ab", "");
	EXPECT_WORDS("\"\" \"\"", "", "");
	EXPECT_WORDS("'a'\"b\"'c'", "abc");
	EXPECT_WORDS("\" lead and trail \"", " lead and trail ");
	EXPECT_WORDS("\"tab\there\"  next", "tab\there", "next");
}

static void unterminated_quote_is_einval(void)
{
	EXPECT_RC("\"abc", MAX_WORDS, -EINVAL);
	EXPECT_RC("ok 'abc", MAX_WORDS, -EINVAL);
	EXPECT_RC("a\"b c", MAX_WORDS, -EINVAL);
	EXPECT_RC("'mixed\"", MAX_WORDS, -EINVAL);
	EXPECT_RC("\"", MAX_WORDS, -EINVAL);
}

static void word_limit(void)
{
	EXPECT_RC("a b c", 3, 3);
	EXPECT_RC("a b c   ", 3, 3);
	EXPECT_RC("a b c d", 3, -E2BIG);
	EXPECT_RC("a", 0, -E2BIG);
	EXPECT_RC("'' ''", 1, -E2BIG);
}

static void limit_leaves_words_array_alone(void)
{
	struct split sp;

	split_line(&sp, "a b c d", 2);
	T_EXPECT_INT(sp.n, -E2BIG);
	T_EXPECT(sp.words[2] == NULL);
	free(sp.line);
}

static void separator_found(void)
{
	char *w1[] = { "log.level=info", "--", "app", "--" };
	char *w2[] = { "--" };
	char *w3[] = { "a", "-", "---", "--x", "x--" };

	T_EXPECT_INT(k_cmdline_find_separator(w1, 4), 1);
	T_EXPECT_INT(k_cmdline_find_separator(w1 + 2, 2), 1);
	T_EXPECT_INT(k_cmdline_find_separator(w2, 1), 0);
	T_EXPECT_INT(k_cmdline_find_separator(w3, 5), -1);
	T_EXPECT_INT(k_cmdline_find_separator(w1, 1), -1);
	T_EXPECT_INT(k_cmdline_find_separator(NULL, 0), -1);
}

static void separator_after_split(void)
{
	struct split sp;

	split_line(&sp, "a '--' -- b", MAX_WORDS);
	T_REQUIRE(sp.n == 4);
	/* A quoted "--" is still the word "--": quoting only groups blanks. */
	T_EXPECT_INT(k_cmdline_find_separator(sp.words, sp.n), 1);
	free(sp.line);
}

static const struct t_case split_cases[] = {
	T_CASE(plain_words), T_CASE(blank_runs_and_kinds), T_CASE(empty_and_blank_lines),
	T_CASE(quotes_group_and_vanish), T_END
};
static const struct t_case error_cases[] = {
	T_CASE(unterminated_quote_is_einval), T_CASE(word_limit),
	T_CASE(limit_leaves_words_array_alone), T_END
};
static const struct t_case separator_cases[] = {
	T_CASE(separator_found), T_CASE(separator_after_split), T_END
};

static const struct t_suite suites[] = {
	{ "cmdline.split_words", split_cases },
	{ "cmdline.split_errors", error_cases },
	{ "cmdline.find_separator", separator_cases },
	{ NULL, NULL }
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, suites);
}
