/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * <sys/dirent.h> for newlib's <dirent.h> (whose generic copy is an #error): the DIR
 * stream and struct dirent that lib/newlib's glue implements over the VFS.
 */
#ifndef KEEL_SYS_DIRENT_H
#define KEEL_SYS_DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

struct dirent {
	ino_t d_ino;
	unsigned char d_type;		/* DT_* */
	char d_name[256];
};

typedef struct keel_dir {
	int fd;
	struct dirent ent;		/* what readdir() returned last */
} DIR;

#endif /* KEEL_SYS_DIRENT_H */
