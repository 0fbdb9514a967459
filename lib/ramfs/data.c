// SPDX-License-Identifier: BSD-3-Clause
/*
 * ramfs file data: one page per K_ARCH_PAGE_SIZE bytes, allocated when first written.
 * A page never written (a hole) reads as zeros. Truncating frees the pages past the
 * new end and clears the tail of the last one, so growing again reads zeros.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include <keel/arch.h>
#include "ramfs.h"

#define PAGE		((int64_t)K_ARCH_PAGE_SIZE)
/* Offsets must fit the page array's index: 2^31 pages (8 TiB) is plenty. */
#define RAMFS_MAX_SIZE	(PAGE << 31)

static int pages_reserve(struct rnode *n, size_t npages)
{
	size_t cap = n->file.npages ? n->file.npages : 16;
	uint8_t **p;

	if (npages <= n->file.npages)
		return 0;
	while (cap < npages)
		cap *= 2;
	p = k_realloc(n->file.pages, cap * sizeof(*p));
	if (!p)
		return -ENOSPC;
	memset(p + n->file.npages, 0, (cap - n->file.npages) * sizeof(*p));
	n->file.pages = p;
	n->file.npages = cap;
	return 0;
}

int64_t ramfs_read(struct k_vnode *vn, void *buf, size_t len, int64_t off)
{
	struct rnode *n = rnode(vn);
	int64_t done = 0;

	if (off >= n->size)
		return 0;
	if ((int64_t)len > n->size - off)
		len = (size_t)(n->size - off);
	while (done < (int64_t)len) {
		int64_t pos = off + done, in = pos % PAGE;
		size_t chunk = (size_t)(PAGE - in);
		uint8_t *page = n->file.pages[pos / PAGE];

		if (chunk > len - (size_t)done)
			chunk = len - (size_t)done;
		if (page)
			memcpy((uint8_t *)buf + done, page + in, chunk);
		else
			memset((uint8_t *)buf + done, 0, chunk);
		done += (int64_t)chunk;
	}
	return done;
}

/* Writes what fits; a short count when memory ran out, -ENOSPC if nothing was. */
int64_t ramfs_write(struct k_vnode *vn, const void *buf, size_t len, int64_t off)
{
	struct rnode *n = rnode(vn);
	int64_t done = 0;

	if (off >= RAMFS_MAX_SIZE || (int64_t)len > RAMFS_MAX_SIZE - off)
		return -EFBIG;
	if (!len)
		return 0;
	if (pages_reserve(n, (size_t)((off + (int64_t)len + PAGE - 1) / PAGE)))
		return -ENOSPC;
	while (done < (int64_t)len) {
		int64_t pos = off + done, in = pos % PAGE;
		size_t chunk = (size_t)(PAGE - in);
		uint8_t **page = &n->file.pages[pos / PAGE];

		if (chunk > len - (size_t)done)
			chunk = len - (size_t)done;
		if (!*page) {
			*page = k_palloc(1);
			if (!*page)
				break;
			memset(*page, 0, (size_t)PAGE);
		}
		memcpy(*page + in, (const uint8_t *)buf + done, chunk);
		done += (int64_t)chunk;
	}
	if (off + done > n->size)
		n->size = off + done;
	ramfs_touch(n);
	return done ? done : -ENOSPC;
}

int ramfs_truncate(struct k_vnode *vn, int64_t size)
{
	struct rnode *n = rnode(vn);
	size_t keep = (size_t)((size + PAGE - 1) / PAGE);

	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (size < n->size) {
		for (size_t i = keep; i < n->file.npages; i++) {
			if (n->file.pages[i])
				k_pfree(n->file.pages[i], 1);
			n->file.pages[i] = NULL;
		}
		if (size % PAGE && n->file.pages[size / PAGE])
			memset(n->file.pages[size / PAGE] + size % PAGE, 0,
			       (size_t)(PAGE - size % PAGE));
	} else if (pages_reserve(n, keep)) {
		return -ENOSPC;
	}
	n->size = size;
	ramfs_touch(n);
	return 0;
}

void ramfs_data_free(struct rnode *n)
{
	ramfs_truncate(&n->vn, 0);
	k_free(n->file.pages);
	n->file.pages = NULL;
	n->file.npages = 0;
}
