/* core_str.c - bounded string helpers and natural ordering. */
#include "core.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t core_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

int core_snprintf(char *dst, size_t size, core_err *err, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		return core_err_set(err, CORE_ELIMIT, "text too long for a %zu-byte buffer", size);
	return 0;
}

char *core_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

bool core_str_endswith_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

int core_natcmp(const char *a, const char *b)
{
	const char *pa = a, *pb = b;

	while (*pa && *pb) {
		if (isdigit((unsigned char)*pa) && isdigit((unsigned char)*pb)) {
			const char *sa, *sb;
			size_t la, lb;
			int c;

			while (*pa == '0' && isdigit((unsigned char)pa[1]))
				pa++;
			while (*pb == '0' && isdigit((unsigned char)pb[1]))
				pb++;
			sa = pa;
			sb = pb;
			while (isdigit((unsigned char)*pa))
				pa++;
			while (isdigit((unsigned char)*pb))
				pb++;
			la = (size_t)(pa - sa);
			lb = (size_t)(pb - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			c = memcmp(sa, sb, la);
			if (c)
				return c < 0 ? -1 : 1;
			continue;
		}
		if (*pa != *pb)
			return (unsigned char)*pa < (unsigned char)*pb ? -1 : 1;
		pa++;
		pb++;
	}
	if (*pa || *pb)
		return *pa ? 1 : -1;
	/* Equal as numbers ("p01" vs "p1"): fall back to bytes for a total order. */
	return strcmp(a, b) < 0 ? -1 : (strcmp(a, b) > 0);
}

int core_utf8_seq(const unsigned char *p)
{
	unsigned c = p[0];

	if (c < 0x80)
		return c ? 1 : 0;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		/* E0 needs A0.., ED stops before the surrogates at A0. */
		unsigned lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
		return p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
		return p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80
		           ? 4
		           : 0;
	}
	return 0;
}

bool core_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = core_utf8_seq(p);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

void core_utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		int n = core_utf8_seq(p);
		if (n) {
			p += n;
			continue;
		}
		/* A lead byte and some of its continuation bytes at the very end:
		 * a character cut by a buffer, dropped.  A lone lead byte there
		 * is as likely a stray byte of another encoding: '?'. */
		if (*p >= 0xc2 && *p <= 0xf4) {
			size_t k = 1;
			while (p[k] && (p[k] & 0xc0) == 0x80)
				k++;
			if (!p[k] && k >= 2 && k < (size_t)(*p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2)) {
				*p = '\0';
				return;
			}
		}
		*p++ = '?';
	}
}
