// SPDX-License-Identifier: BSD-3-Clause
/*
 * 9P message fields: little-endian integers, strings as a 2-byte length and the bytes
 * (no NUL), qids as type[1] version[4] path[8]. Every access checks the message's end:
 * one that would run past it marks the message bad and reads zeros, so a short reply
 * from the host is caught once, where the caller checks m->bad.
 */
#include <string.h>
#include "p9.h"

static bool p9_room(struct p9_msg *m, uint32_t n)
{
	if (m->bad || n > m->end - m->pos) {
		m->bad = true;
		return false;
	}
	return true;
}

static void p9_put(struct p9_msg *m, uint64_t v, unsigned int bytes)
{
	if (!p9_room(m, bytes))
		return;
	for (unsigned int i = 0; i < bytes; i++)
		m->buf[m->pos++] = (uint8_t)(v >> (8 * i));
}

static uint64_t p9_get(struct p9_msg *m, unsigned int bytes)
{
	uint64_t v = 0;

	if (!p9_room(m, bytes))
		return 0;
	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint64_t)m->buf[m->pos++] << (8 * i);
	return v;
}

void p9_put8(struct p9_msg *m, uint8_t v)
{
	p9_put(m, v, 1);
}

void p9_put16(struct p9_msg *m, uint16_t v)
{
	p9_put(m, v, 2);
}

void p9_put32(struct p9_msg *m, uint32_t v)
{
	p9_put(m, v, 4);
}

void p9_put64(struct p9_msg *m, uint64_t v)
{
	p9_put(m, v, 8);
}

void p9_putstr(struct p9_msg *m, const char *s, size_t len)
{
	if (len > UINT16_MAX) {
		m->bad = true;
		return;
	}
	p9_put16(m, (uint16_t)len);
	if (!p9_room(m, (uint32_t)len))
		return;
	memcpy(m->buf + m->pos, s, len);
	m->pos += (uint32_t)len;
}

uint8_t p9_get8(struct p9_msg *m)
{
	return (uint8_t)p9_get(m, 1);
}

uint16_t p9_get16(struct p9_msg *m)
{
	return (uint16_t)p9_get(m, 2);
}

uint32_t p9_get32(struct p9_msg *m)
{
	return (uint32_t)p9_get(m, 4);
}

uint64_t p9_get64(struct p9_msg *m)
{
	return p9_get(m, 8);
}

uint16_t p9_getstr(struct p9_msg *m, const char **s)
{
	uint16_t len = p9_get16(m);

	*s = NULL;
	if (!p9_room(m, len))
		return 0;
	*s = (const char *)m->buf + m->pos;
	m->pos += len;
	return len;
}

void p9_getqid(struct p9_msg *m, struct p9_qid *q)
{
	q->type = p9_get8(m);
	q->version = p9_get32(m);
	q->path = p9_get64(m);
}
