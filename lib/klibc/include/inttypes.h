/* SPDX-License-Identifier: BSD-3-Clause */
/* klibc: printf format macros for <stdint.h> types (LP64). */
#ifndef KLIBC_INTTYPES_H
#define KLIBC_INTTYPES_H

#include <stdint.h>

#define PRId8	"d"
#define PRId16	"d"
#define PRId32	"d"
#define PRId64	"ld"
#define PRIu8	"u"
#define PRIu16	"u"
#define PRIu32	"u"
#define PRIu64	"lu"
#define PRIx8	"x"
#define PRIx16	"x"
#define PRIx32	"x"
#define PRIx64	"lx"
#define PRIX64	"lX"
#define PRIxPTR	"lx"

#endif /* KLIBC_INTTYPES_H */
