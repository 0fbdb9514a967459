// SPDX-License-Identifier: BSD-3-Clause
/* klibc: the printf family over Keel's formatting engine and console. */
#include <stdio.h>
#include <string.h>
#include <keel/fmt.h>
#include <keel/print.h>

int vprintf(const char *fmt, va_list ap)
{
	return k_console_vformat(NULL, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return k_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = k_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = k_vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	k_console_write(s, strlen(s));
	k_console_write("\n", 1);
	return 0;
}

int putchar(int c)
{
	char ch = (char)c;

	k_console_write(&ch, 1);
	return (unsigned char)c;
}
