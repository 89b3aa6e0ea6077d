/* core_buf.c - growing buffers with a hard maximum. */
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void core_buf_init(core_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

static int buf_reserve(core_buf *b, size_t extra, core_err *err)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->len + extra > b->max)
		return core_err_set(err, CORE_ELIMIT, "buffer over its limit of %zu bytes", b->max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	p = realloc(b->data, cap);
	if (!p)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	b->data = p;
	b->cap = cap;
	return 0;
}

int core_buf_append(core_buf *b, const void *p, size_t n, core_err *err)
{
	if (buf_reserve(b, n, err))
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int core_buf_puts(core_buf *b, const char *s, core_err *err)
{
	return core_buf_append(b, s, strlen(s), err);
}

int core_buf_printf(core_buf *b, core_err *err, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return core_err_set(err, CORE_EINTERNAL, "bad format");
	if (buf_reserve(b, (size_t)n, err))
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int core_buf_json_str(core_buf *b, const char *s, core_err *err)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	if (core_buf_append(b, "\"", 1, err))
		return -1;
	for (; *p; p++) {
		int rc;
		switch (*p) {
		case '"':
			rc = core_buf_append(b, "\\\"", 2, err);
			break;
		case '\\':
			rc = core_buf_append(b, "\\\\", 2, err);
			break;
		case '\n':
			rc = core_buf_append(b, "\\n", 2, err);
			break;
		case '\r':
			rc = core_buf_append(b, "\\r", 2, err);
			break;
		case '\t':
			rc = core_buf_append(b, "\\t", 2, err);
			break;
		default:
			if (*p < 0x20) {
				rc = core_buf_printf(b, err, "\\u%04x", *p);
			} else {
				/* JSON is UTF-8: a byte that starts no character is U+FFFD. */
				int n = core_utf8_seq(p);
				if (n) {
					rc = core_buf_append(b, p, (size_t)n, err);
					p += n - 1;
				} else {
					rc = core_buf_append(b, "\xef\xbf\xbd", 3, err);
				}
			}
		}
		if (rc)
			return -1;
	}
	return core_buf_append(b, "\"", 1, err);
}

int core_buf_xml_text(core_buf *b, const char *s, core_err *err)
{
	for (const char *p = s ? s : ""; *p; p++) {
		int rc;

		switch (*p) {
		case '&':
			rc = core_buf_puts(b, "&amp;", err);
			break;
		case '<':
			rc = core_buf_puts(b, "&lt;", err);
			break;
		case '>':
			rc = core_buf_puts(b, "&gt;", err);
			break;
		case '"':
			rc = core_buf_puts(b, "&quot;", err);
			break;
		default:
			/* XML 1.0 has no place for other control characters. */
			if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
				rc = core_buf_puts(b, " ", err);
			else
				rc = core_buf_append(b, p, 1, err);
		}
		if (rc)
			return -1;
	}
	return 0;
}

void core_buf_reset(core_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void core_buf_free(core_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *core_buf_steal(core_buf *b)
{
	char *p = b->data;

	if (!p)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

char *core_slurp(const char *path, size_t max, core_err *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[16384];
	core_buf b;
	size_t n;

	if (!f) {
		core_err_set(err, CORE_EIO, "cannot read %s", path);
		core_err_detail(err, "%s", strerror(errno));
		return NULL;
	}
	core_buf_init(&b, max);
	/* An empty file is an empty string, not NULL. */
	if (core_buf_append(&b, "", 0, err))
		goto fail;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (core_buf_append(&b, chunk, n, err))
			goto fail;
	if (ferror(f)) {
		core_err_set(err, CORE_EIO, "cannot read %s", path);
		goto fail;
	}
	fclose(f);
	return core_buf_steal(&b);
fail:
	fclose(f);
	core_buf_free(&b);
	return NULL;
}
