/*
 * word_fixtures.c - see word_fixtures.h.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "word_fixtures.h"

/* Code points in s[0..n), the width of a word in characters. */
static int cps(const char *s, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

void build(const seg *s, int n, built *b, classify_page *pg, int number)
{
	memset(b, 0, sizeof(*b));
	memset(pg, 0, sizeof(*pg));
	for (int i = 0; i < n; i++) {
		const char *p = s[i].text;
		int col = 0;

		while (*p) {
			size_t len;
			bool low;
			classify_word *w;

			while (*p == ' ') {
				p++;
				col++;
			}
			if (!*p)
				break;
			len = strcspn(p, " ");
			low = *p == '~';
			assert_true(b->n < WFX_MAX_WORDS);
			w = &b->w[b->n];
			b->texts[b->n] = strndup(p + low, len - low);
			w->text = b->texts[b->n];
			w->x0 = 100 + (int)((s[i].col + col) * WFX_CHAR_W);
			w->x1 = w->x0 + cps(p + low, len - low) * WFX_CHAR_W;
			w->y0 = 100 + (int)(s[i].row * WFX_ROW_PITCH);
			w->y1 = w->y0 + WFX_WORD_H;
			w->conf = low ? 40 : 95;
			w->line = i;
			b->n++;
			col += cps(p, len);
			p += len;
		}
	}
	pg->number = number;
	pg->words = b->w;
	pg->n_words = b->n;
	pg->width = 2480;
	pg->height = 3508;
}

void unbuild(built *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->texts[i]);
}
