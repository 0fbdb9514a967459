/* SPDX-License-Identifier: BSD-3-Clause */
/* Intrusive circular doubly linked lists: the node lives in the object. */
#ifndef KEEL_LIST_H
#define KEEL_LIST_H

#include <stdbool.h>
#include <keel/compiler.h>

struct k_list {
	struct k_list *next, *prev;
};

#define K_LIST_INIT(name)	{ &(name), &(name) }

static inline void k_list_init(struct k_list *l)
{
	l->next = l->prev = l;
}

static inline bool k_list_empty(const struct k_list *l)
{
	return l->next == l;
}

static inline void k_list_insert_between(struct k_list *n, struct k_list *prev,
					 struct k_list *next)
{
	n->prev = prev;
	n->next = next;
	prev->next = n;
	next->prev = n;
}

/* Append n at the tail of l. */
static inline void k_list_add_tail(struct k_list *l, struct k_list *n)
{
	k_list_insert_between(n, l->prev, l);
}

/* Insert n at the head of l (or after any node l). */
static inline void k_list_add(struct k_list *l, struct k_list *n)
{
	k_list_insert_between(n, l, l->next);
}

/* Unlink n; it points to itself afterwards, so k_list_linked() says false. */
static inline void k_list_del(struct k_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	k_list_init(n);
}

static inline bool k_list_linked(const struct k_list *n)
{
	return n->next != n;
}

#define k_list_entry(node, type, member)	k_container_of(node, type, member)
#define k_list_first(l, type, member)					\
	(k_list_empty(l) ? NULL : k_list_entry((l)->next, type, member))

#define k_list_for_each(pos, l)						\
	for (struct k_list *pos = (l)->next; pos != (l); pos = pos->next)
/* Safe against removal of pos inside the loop. */
#define k_list_for_each_safe(pos, l)					\
	for (struct k_list *pos = (l)->next, *pos##_next = pos->next;	\
	     pos != (l); pos = pos##_next, pos##_next = pos->next)

#endif /* KEEL_LIST_H */
