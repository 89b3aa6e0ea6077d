/*
 * word_fixtures.h - hand-made pages of words for the classify tests:
 * text segments laid out on a grid as Tesseract would box them, one
 * word per space-separated token.  Uses cmocka assertions.
 */
#ifndef SOHOA_TEST_WORD_FIXTURES_H
#define SOHOA_TEST_WORD_FIXTURES_H

#include "classify.h"

#define WFX_MAX_WORDS 800
#define WFX_CHAR_W    20
#define WFX_ROW_PITCH 56
#define WFX_WORD_H    40

/* Text starting at a column (in characters) of a row; a word prefixed
 * with '~' is read with confidence 40 instead of 95. */
typedef struct seg {
	double col, row;
	const char *text;
} seg;

/* The words of a page; texts are owned. */
typedef struct built {
	classify_word w[WFX_MAX_WORDS];
	char *texts[WFX_MAX_WORDS];
	int n;
} built;

/* Lays s[0..n) out as page `number` of an A4 page at 300 dpi. */
void build(const seg *s, int n, built *b, classify_page *pg, int number);
void unbuild(built *b);

#endif
