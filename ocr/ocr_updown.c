/*
 * ocr_updown.c - Leptonica's up-down text statistic (flipdetect.c,
 * pixUpDownDetect) in one pass over the page.
 *
 * The statistic closes the binary page (1 x 8, then 30 x 1), finds
 * ascenders with two hit-miss transforms and descenders with two more,
 * and counts each result's 4 x 4 blocks that hold a hit.  Leptonica
 * does every hit-miss transform as one full-page rasterop per element
 * of its structuring element: 64 passes over the page, the larger part
 * of orientation's cost.  Here the closing is still Leptonica's, and
 * the four transforms, the ORs and the block count are computed row by
 * row on 64-bit words, each source row read a few times from cache.
 *
 * The counts are Leptonica's, edges included: pixHMT clips each
 * element's rasterop to the page, so a miss element whose pixel lies
 * outside is no constraint, and then clears the margins where a hit
 * element's pixel would lie outside: pixels outside the page read as
 * 0.  Its reduction cascade drops an odd last row or column at each of
 * its two 2x levels.  tests/test_ocr_orient.c
 * compares both counts and the confidence with Leptonica's on rendered
 * pages, turned and specked ones, and on random images.
 */
#include "ocr_priv.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* flipdetect.c's DefaultMinUpDownCount. */
#define OCR_UPDOWN_MIN_COUNT 70

/*
 * A page as 64-bit words, most significant bit first, with a guard
 * word of 0s on each side of every row and the bits past the width 0:
 * what lies outside the page reads as paper.
 */
typedef struct {
	int w, h, n;   /* pixels; data words per row */
	size_t stride; /* words per row, guards included */
	uint64_t *rows;
	uint64_t *zeros; /* a row outside the page */
} ocr_updown_page;

static void ocr_updown_page_free(ocr_updown_page *p)
{
	free(p->rows);
	free(p->zeros);
	memset(p, 0, sizeof(*p));
}

static int ocr_updown_page_load(ocr_updown_page *p, PIX *pix)
{
	const l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	uint64_t tail;

	memset(p, 0, sizeof(*p));
	p->w = pixGetWidth(pix);
	p->h = pixGetHeight(pix);
	p->n = (p->w + 63) / 64;
	p->stride = (size_t)p->n + 2;
	p->rows = malloc(p->stride * (size_t)p->h * sizeof(uint64_t));
	p->zeros = calloc(p->stride, sizeof(uint64_t));
	if (!p->rows || !p->zeros) {
		ocr_updown_page_free(p);
		return -1;
	}
	/* Bits of the last word that are pixels. */
	tail = (p->w % 64) ? ~(~0ULL >> (p->w % 64)) : ~0ULL;
	for (int y = 0; y < p->h; y++) {
		const l_uint32 *line = data + (size_t)y * (size_t)wpl;
		uint64_t *m = p->rows + (size_t)y * p->stride;

		for (int k = 0; k < p->n; k++) {
			uint64_t hi = line[2 * k], lo = 2 * k + 1 < wpl ? line[2 * k + 1] : 0;

			m[k + 1] = hi << 32 | lo;
		}
		m[0] = m[p->n + 1] = 0;
		m[p->n] &= tail;
	}
	return 0;
}

/* Row r of a padded page, or the row of 0s standing outside. */
static const uint64_t *ocr_updown_row(const ocr_updown_page *p, int r)
{
	if (r < 0 || r >= p->h)
		return p->zeros;
	return p->rows + (size_t)r * p->stride;
}

/* Word k (1..n) of row, read d pixels to the right (d in -63..63). */
static inline uint64_t ocr_updown_at(const uint64_t *row, int k, int d)
{
	if (d > 0)
		return row[k] << d | row[k + 1] >> (64 - d);
	if (d < 0)
		return row[k] >> -d | row[k - 1] << (64 + d);
	return row[k];
}

/* Blocks of 4 pixels holding a hit among the first `blocks` of a row. */
static long ocr_updown_blocks(const uint64_t *acc, int n, int blocks)
{
	long count = 0;

	for (int k = 1; k <= n && blocks > 0; k++, blocks -= 16) {
		uint64_t v = acc[k], t = (v | v >> 1 | v >> 2 | v >> 3) & 0x1111111111111111ULL;

		/* Block i of the word sits at bit 60 - 4i. */
		if (blocks < 16)
			t &= ~(~0ULL >> (4 * blocks));
		count += __builtin_popcountll(t);
	}
	return count;
}

/*
 * The four transforms' rows, at row y, ORed into up (ascender sels 1
 * and 2) and down (descender sels 3 and 4).  Each element (dx, dy)
 * reads pixel (x + dx, y + dy); the sels' origins are the central miss.
 */
static void ocr_updown_row_hits(const ocr_updown_page *p, int y, uint64_t *vup, uint64_t *vdn,
                                uint64_t *up, uint64_t *down)
{
	const uint64_t *r_m3 = ocr_updown_row(p, y - 3), *r_m2 = ocr_updown_row(p, y - 2),
	               *r_m1 = ocr_updown_row(p, y - 1), *r_0 = ocr_updown_row(p, y),
	               *r_p1 = ocr_updown_row(p, y + 1), *r_p2 = ocr_updown_row(p, y + 2),
	               *r_p3 = ocr_updown_row(p, y + 3);
	int n = p->n;

	/* Columns of hits: sels 1, 2 read rows y-1..y+2, sels 3, 4 y-2..y+1. */
	for (int k = 0; k <= n + 1; k++) {
		vup[k] = r_m1[k] & r_0[k] & r_p1[k] & r_p2[k];
		vdn[k] = r_m2[k] & r_m1[k] & r_0[k] & r_p1[k];
	}
	for (int k = 1; k <= n; k++) {
		/* Rows of hits: sels 1, 2 on row y+3, sels 3, 4 on row y-3,
		 * dx -3..2 (sels 1, 3) or -2..3 (sels 2, 4). */
		uint64_t b3 = ocr_updown_at(r_p3, k, -2) & ocr_updown_at(r_p3, k, -1) & r_p3[k] &
		              ocr_updown_at(r_p3, k, 1) & ocr_updown_at(r_p3, k, 2);
		uint64_t t3 = ocr_updown_at(r_m3, k, -2) & ocr_updown_at(r_m3, k, -1) & r_m3[k] &
		              ocr_updown_at(r_m3, k, 1) & ocr_updown_at(r_m3, k, 2);
		/* Misses on rows y-1, y, y+1. */
		uint64_t m1l = ocr_updown_at(r_m1, k, -1), m1c = r_m1[k],
		         m1r = ocr_updown_at(r_m1, k, 1);
		uint64_t m0 = ocr_updown_at(r_0, k, -1) | r_0[k] | ocr_updown_at(r_0, k, 1);
		uint64_t p1l = ocr_updown_at(r_p1, k, -1), p1c = r_p1[k],
		         p1r = ocr_updown_at(r_p1, k, 1);
		uint64_t s1, s2, s3, s4;

		/* sel 1: "x  oo " "x oOo " "x  o  " "x     " "xxxxxx" */
		s1 = ocr_updown_at(vup, k, -3) & b3 & ocr_updown_at(r_p3, k, -3) &
		     ~(m1c | m1r | m0 | p1c);
		/* sel 2: " oo  x" " oOo x" "  o  x" "     x" "xxxxxx" */
		s2 = ocr_updown_at(vup, k, 3) & b3 & ocr_updown_at(r_p3, k, 3) &
		     ~(m1l | m1c | m0 | p1c);
		/* sel 3: "xxxxxx" "x     " "x  o  " "x oOo " "x  oo " */
		s3 = ocr_updown_at(vdn, k, -3) & t3 & ocr_updown_at(r_m3, k, -3) &
		     ~(m1c | m0 | p1c | p1r);
		/* sel 4: "xxxxxx" "     x" "  o  x" " oOo x" " oo  x" */
		s4 = ocr_updown_at(vdn, k, 3) & t3 & ocr_updown_at(r_m3, k, 3) &
		     ~(m1c | m0 | p1l | p1c);
		up[k] |= s1 | s2;
		down[k] |= s3 | s4;
	}
}

int ocr_pix_updown(PIX *bin, float *conf, long *nup, long *ndown)
{
	ocr_updown_page p = {0};
	PIX *closed = NULL;
	uint64_t *vup = NULL, *vdn = NULL, *up = NULL, *down = NULL;
	long cup = 0, cdown = 0;
	int rows, blocks, rc = -1;

	*conf = 0.0f;
	if (nup)
		*nup = 0;
	if (ndown)
		*ndown = 0;
	if (!bin || pixGetDepth(bin) != 1)
		return -1;
	closed = pixMorphCompSequence(bin, "c1.8 + c30.1", 0);
	if (!closed || ocr_updown_page_load(&p, closed) != 0)
		goto out;
	vup = calloc(p.stride, sizeof(uint64_t));
	vdn = calloc(p.stride, sizeof(uint64_t));
	up = calloc(p.stride, sizeof(uint64_t));
	down = calloc(p.stride, sizeof(uint64_t));
	if (!vup || !vdn || !up || !down)
		goto out;
	/* Two 2x reductions, each dropping an odd last row or column; a
	 * page under 4 pixels either way leaves nothing to count. */
	rows = 4 * ((p.h / 2) / 2);
	blocks = (p.w / 2) / 2;
	for (int y = 0; y < rows; y++) {
		ocr_updown_row_hits(&p, y, vup, vdn, up, down);
		if (y % 4 == 3) {
			cup += ocr_updown_blocks(up, p.n, blocks);
			cdown += ocr_updown_blocks(down, p.n, blocks);
			memset(up, 0, p.stride * sizeof(uint64_t));
			memset(down, 0, p.stride * sizeof(uint64_t));
		}
	}
	/* Leptonica's float arithmetic, step for step. */
	{
		l_float32 fup = (l_float32)cup, fdown = (l_float32)cdown;

		if ((cup > cdown ? cup : cdown) > OCR_UPDOWN_MIN_COUNT)
			*conf = (l_float32)(2. * ((fup - fdown) / sqrt(fup + fdown)));
	}
	if (nup)
		*nup = cup;
	if (ndown)
		*ndown = cdown;
	rc = 0;
out:
	pixDestroy(&closed);
	ocr_updown_page_free(&p);
	free(vup);
	free(vdn);
	free(up);
	free(down);
	return rc;
}
