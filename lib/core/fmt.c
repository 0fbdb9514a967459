// SPDX-License-Identifier: BSD-3-Clause
/* The printf-style formatting engine behind printk and the built-in libc. */
#include <stdbool.h>
#include <stdint.h>
#include <keel/fmt.h>

struct fmt_spec {
	bool left;		/* '-' */
	bool plus;		/* '+' */
	bool space;		/* ' ' */
	bool alt;		/* '#' */
	bool zero;		/* '0' */
	int width;
	int prec;		/* -1: none */
};

struct fmt_state {
	k_fmt_sink sink;
	void *ctx;
	int count;
};

static void fmt_emit(struct fmt_state *st, const char *s, size_t n)
{
	if (n) {
		st->sink(st->ctx, s, n);
		st->count += (int)n;
	}
}

static void fmt_pad(struct fmt_state *st, char c, int n)
{
	char pad[16];
	int i;

	for (i = 0; i < (int)sizeof(pad); i++)
		pad[i] = c;
	while (n > 0) {
		int chunk = n < (int)sizeof(pad) ? n : (int)sizeof(pad);

		fmt_emit(st, pad, (size_t)chunk);
		n -= chunk;
	}
}

/* Emit [prefix][zeros][digits] padded to the field width. */
static void fmt_number(struct fmt_state *st, const struct fmt_spec *sp,
		       uintmax_t v, unsigned int base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0, plen = 0, zeros, total;

	while (v) {
		buf[sizeof(buf) - 1 - len++] = digits[v % base];
		v /= base;
	}
	while (prefix[plen])
		plen++;
	/* C11 7.21.6.1: precision is the minimum digit count; 0 with value 0 prints none. */
	zeros = sp->prec > len ? sp->prec - len : 0;
	if (sp->prec < 0 && len == 0)
		zeros = 1;
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > plen + len + zeros)
		zeros = sp->width - plen - len;
	total = plen + zeros + len;
	if (!sp->left)
		fmt_pad(st, ' ', sp->width - total);
	fmt_emit(st, prefix, (size_t)plen);
	fmt_pad(st, '0', zeros);
	fmt_emit(st, buf + sizeof(buf) - len, (size_t)len);
	if (sp->left)
		fmt_pad(st, ' ', sp->width - total);
}

static void fmt_string(struct fmt_state *st, const struct fmt_spec *sp, const char *s)
{
	int len = 0;

	if (!s)
		s = "(null)";
	/* Test the precision first: the array need not hold a NUL within it (C11 7.21.6.1p8). */
	while ((sp->prec < 0 || len < sp->prec) && s[len])
		len++;
	if (!sp->left)
		fmt_pad(st, ' ', sp->width - len);
	fmt_emit(st, s, (size_t)len);
	if (sp->left)
		fmt_pad(st, ' ', sp->width - len);
}

static const char *fmt_parse_flags(const char *f, struct fmt_spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-': sp->left = true; break;
		case '+': sp->plus = true; break;
		case ' ': sp->space = true; break;
		case '#': sp->alt = true; break;
		case '0': sp->zero = true; break;
		default: return f;
		}
	}
}

static const char *fmt_parse_int(const char *f, int *out, va_list *ap)
{
	int v = 0;

	if (*f == '*') {
		*out = va_arg(*ap, int);
		return f + 1;
	}
	while (*f >= '0' && *f <= '9')
		v = v * 10 + (*f++ - '0');
	*out = v;
	return f;
}

/* Length modifier: returns the argument size in bytes (0 for plain int). */
static const char *fmt_parse_length(const char *f, int *size)
{
	*size = 0;
	if (f[0] == 'h' && f[1] == 'h') { *size = 1; return f + 2; }
	if (f[0] == 'h') { *size = 2; return f + 1; }
	if (f[0] == 'l' && f[1] == 'l') { *size = 8; return f + 2; }
	if (f[0] == 'l' || f[0] == 'z' || f[0] == 't' || f[0] == 'j') {
		*size = (int)sizeof(long);
		return f + 1;
	}
	return f;
}

static intmax_t fmt_arg_signed(int size, va_list *ap)
{
	if (size == 8 || size == (int)sizeof(long))
		return size == 8 ? va_arg(*ap, long long) : va_arg(*ap, long);
	int v = va_arg(*ap, int);

	return size == 1 ? (signed char)v : size == 2 ? (short)v : v;
}

static uintmax_t fmt_arg_unsigned(int size, va_list *ap)
{
	if (size == 8 || size == (int)sizeof(long))
		return size == 8 ? va_arg(*ap, unsigned long long) : va_arg(*ap, unsigned long);
	unsigned int v = va_arg(*ap, unsigned int);

	return size == 1 ? (unsigned char)v : size == 2 ? (unsigned short)v : v;
}

static void fmt_conversion(struct fmt_state *st, struct fmt_spec *sp, int size,
			   char conv, va_list *ap)
{
	intmax_t sv;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sv = fmt_arg_signed(size, ap);
		fmt_number(st, sp, sv < 0 ? -(uintmax_t)sv : (uintmax_t)sv, 10, false,
			   sv < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "");
		break;
	case 'u':
		fmt_number(st, sp, fmt_arg_unsigned(size, ap), 10, false, "");
		break;
	case 'x':
	case 'X': {
		uintmax_t v = fmt_arg_unsigned(size, ap);

		fmt_number(st, sp, v, 16, conv == 'X',
			   sp->alt && v ? (conv == 'X' ? "0X" : "0x") : "");
		break;
	}
	case 'o': {
		uintmax_t v = fmt_arg_unsigned(size, ap);

		/*
		 * C11 7.21.6.1p6: '#' raises the precision just enough for a leading 0. With
		 * no precision a "0" prefix does that (and keeps the '0' flag's padding).
		 */
		if (sp->alt && sp->prec >= 0) {
			int digits = 0;

			for (uintmax_t t = v; t; t >>= 3)
				digits++;
			if (sp->prec <= digits)
				sp->prec = digits + 1;
		}
		fmt_number(st, sp, v, 8, false, sp->alt && v && sp->prec < 0 ? "0" : "");
		break;
	}
	case 'p':
		sp->alt = true;
		fmt_number(st, sp, (uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		sp->prec = 1;
		if (!sp->left)
			fmt_pad(st, ' ', sp->width - 1);
		fmt_emit(st, &c, 1);
		if (sp->left)
			fmt_pad(st, ' ', sp->width - 1);
		break;
	case 's':
		fmt_string(st, sp, va_arg(*ap, const char *));
		break;
	case '%':
		fmt_emit(st, "%", 1);
		break;
	default:
		/* Unknown conversion: show it rather than guess at the arguments. */
		fmt_emit(st, "%?", 2);
		fmt_emit(st, &conv, conv ? 1 : 0);
		break;
	}
}

int k_vformat(k_fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct fmt_state st = { sink, ctx, 0 };
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		const char *lit = fmt;
		struct fmt_spec sp = { .prec = -1 };
		int size;

		while (*fmt && *fmt != '%')
			fmt++;
		fmt_emit(&st, lit, (size_t)(fmt - lit));
		if (!*fmt)
			break;
		fmt = fmt_parse_flags(fmt + 1, &sp);
		fmt = fmt_parse_int(fmt, &sp.width, &aq);
		if (sp.width < 0) {
			sp.left = true;
			sp.width = -sp.width;
		}
		if (*fmt == '.') {
			fmt = fmt_parse_int(fmt + 1, &sp.prec, &aq);
			if (sp.prec < 0)
				sp.prec = -1;
		}
		fmt = fmt_parse_length(fmt, &size);
		fmt_conversion(&st, &sp, size, *fmt, &aq);
		if (*fmt)
			fmt++;
	}
	va_end(aq);
	return st.count;
}

struct fmt_buf {
	char *buf;
	size_t size;
	size_t pos;
};

static void fmt_buf_sink(void *ctx, const char *s, size_t n)
{
	struct fmt_buf *b = ctx;

	while (n--) {
		if (b->pos + 1 < b->size)
			b->buf[b->pos] = *s;
		b->pos++;
		s++;
	}
}

int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buf b = { buf, size, 0 };
	int n = k_vformat(fmt_buf_sink, &b, fmt, ap);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int k_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = k_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
