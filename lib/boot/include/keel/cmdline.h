/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Command-line splitting. The kernel command line is
 *	[keel-param ...] [-- app-arg ...]
 * Before "--" every word must be a Keel parameter. Without "--", words naming a
 * registered Keel parameter (keel/param.h) are taken as such and the rest are the
 * application's. Words are separated by blanks; '...' and "..." group blanks into
 * one word and are removed.
 */
#ifndef KEEL_CMDLINE_H
#define KEEL_CMDLINE_H

/*
 * Split s in place into at most max words. Returns the number of words, -EINVAL for
 * an unterminated quote, -E2BIG when there are more than max words.
 */
int k_cmdline_split(char *s, char **words, int max);

/* Index of the first word that is exactly "--", or -1. */
int k_cmdline_find_separator(char *const *words, int n);

#endif /* KEEL_CMDLINE_H */
