// SPDX-License-Identifier: BSD-3-Clause
/*
 * ramfs directories: a hash table of names (FNV-1a, doubled when it averages two
 * entries a chain) plus a slot array in creation order. readdir's cookie is a slot
 * index, which no removal moves, so entries are neither skipped nor repeated while
 * others come and go.
 */
#include <errno.h>
#include <string.h>
#include <keel/alloc.h>
#include "ramfs.h"

static uint32_t name_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619u;
	return h;
}

int ramfs_dir_init(struct rdir *d)
{
	*d = (struct rdir){ 0 };
	d->nbuckets = 16;
	d->buckets = k_calloc(d->nbuckets, sizeof(*d->buckets));
	return d->buckets ? 0 : -ENOMEM;
}

void ramfs_dir_free(struct rdir *d)
{
	k_free(d->buckets);
	k_free(d->slots);
	*d = (struct rdir){ 0 };
}

struct rent *ramfs_dir_find(struct rdir *d, const char *name, size_t len)
{
	uint32_t h = name_hash(name, len);

	for (struct rent *e = d->buckets[h & (d->nbuckets - 1)]; e; e = e->next)
		if (e->hash == h && e->len == len && !memcmp(e->name, name, len))
			return e;
	return NULL;
}

/* Doubling failing is harmless: the chains just get longer. */
static void dir_grow(struct rdir *d)
{
	uint32_t n = d->nbuckets * 2;
	struct rent **b = k_calloc(n, sizeof(*b));

	if (!b)
		return;
	for (uint32_t i = 0; i < d->nbuckets; i++) {
		struct rent *e = d->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	k_free(d->buckets);
	d->buckets = b;
	d->nbuckets = n;
}

static int dir_slot(struct rdir *d, struct rent *e)
{
	if (!d->count)
		d->nslots = 0;		/* empty: start the slots over */
	if (d->nslots == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 16;
		struct rent **s = k_realloc(d->slots, cap * sizeof(*s));

		if (!s)
			return -ENOSPC;
		d->slots = s;
		d->cap = cap;
	}
	e->slot = d->nslots;
	d->slots[d->nslots++] = e;
	return 0;
}

int ramfs_dir_add(struct rdir *d, const char *name, size_t len, struct rnode *n)
{
	struct rent *e = k_malloc(sizeof(*e) + len + 1);
	uint32_t b;

	if (!e)
		return -ENOSPC;
	e->node = n;
	e->hash = name_hash(name, len);
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	if (dir_slot(d, e)) {
		k_free(e);
		return -ENOSPC;
	}
	if (d->count >= 2 * d->nbuckets)
		dir_grow(d);
	b = e->hash & (d->nbuckets - 1);
	e->next = d->buckets[b];
	d->buckets[b] = e;
	d->count++;
	return 0;
}

void ramfs_dir_remove(struct rdir *d, struct rent *e)
{
	struct rent **p = &d->buckets[e->hash & (d->nbuckets - 1)];

	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	d->slots[e->slot] = NULL;
	while (d->nslots && !d->slots[d->nslots - 1])
		d->nslots--;		/* trailing holes: reusable without harm */
	d->count--;
	k_free(e);
}

static unsigned int dtype(uint32_t mode)
{
	switch (mode & K_S_IFMT) {
	case K_S_IFDIR: return K_DT_DIR;
	case K_S_IFREG: return K_DT_REG;
	case K_S_IFLNK: return K_DT_LNK;
	default: return K_DT_UNKNOWN;
	}
}

/* Cookies 0 and 1 are "." and ".."; 2 + i is slot i. */
int ramfs_dir_next(struct rdir *d, uint64_t *cookie, struct k_dirent *ent)
{
	for (uint64_t c = *cookie; c < 2 + (uint64_t)d->nslots; c++) {
		struct rent *e = c >= 2 ? d->slots[c - 2] : NULL;

		if (c < 2) {
			strcpy(ent->name, c ? ".." : ".");
			ent->type = K_DT_DIR;
			ent->ino = 0;
		} else if (e) {
			memcpy(ent->name, e->name, e->len + 1);
			ent->type = dtype(e->node->vn.mode);
			ent->ino = e->node->ino;
		} else {
			continue;
		}
		*cookie = c + 1;
		return 1;
	}
	*cookie = 2 + (uint64_t)d->nslots;
	return 0;
}
