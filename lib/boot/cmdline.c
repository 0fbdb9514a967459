// SPDX-License-Identifier: BSD-3-Clause
/* Command-line splitting (pure code: also built and tested on the host). */
#include <errno.h>
#include <string.h>
#include <keel/cmdline.h>

static int cmdline_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int k_cmdline_split(char *s, char **words, int max)
{
	char *out = s;
	int n = 0;

	for (;;) {
		while (cmdline_is_blank(*s))
			s++;
		if (!*s)
			return n;
		if (n == max)
			return -E2BIG;
		words[n++] = out;
		/* Copy the word down over removed quotes; out never passes s. */
		while (*s && !cmdline_is_blank(*s)) {
			if (*s == '"' || *s == '\'') {
				char quote = *s++;

				while (*s && *s != quote)
					*out++ = *s++;
				if (!*s)
					return -EINVAL;
				s++;
			} else {
				*out++ = *s++;
			}
		}
		if (*s)
			s++;
		*out++ = '\0';
	}
}

int k_cmdline_find_separator(char *const *words, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(words[i], "--") == 0)
			return i;
	return -1;
}
