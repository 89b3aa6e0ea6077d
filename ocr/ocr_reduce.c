/*
 * ocr_reduce.c - pages whose letters are larger than recognition needs
 * go to Tesseract at two thirds of their size.
 *
 * Tesseract's LSTM reads each text line scaled to the fixed height of
 * its network's input, so letters far taller than that add nothing to
 * what it sees.  Everything before it costs in proportion to the page's
 * pixels: thresholding, the rule-line finder, connected components and
 * the layout analysis.  Measured on the 35 pages of the bench corpus
 * printed at 12 and 13 pt (bench/RESULTS.md), Recognize fell by 19% at
 * two thirds of the size, and the errors did not grow (2.37% -> 1.97%
 * CER); at half the size it fell by 30% but CER rose to 3.24%.  Identity cards, whose
 * letters are a little smaller, read worse already at three quarters:
 * a page is reduced only when its x-height leaves 16 pixels or more
 * after reduction.
 *
 * Only the copy handed to Tesseract is reduced: orientation, deskew,
 * the MRZ pass and the stored page keep every pixel, and word boxes are
 * mapped back (ocr_engine.c).
 */
#include "ocr_priv.h"

#include <string.h>

/*
 * A page is reduced when its letters' x-height (lower case letters
 * without ascenders) is at least this many pixels, 16 after reduction.
 * On the bench corpus at 300 dpi (measured on its 60 pages), documents
 * printed at 12 and 13 pt have x-heights of 22 to 29 pixels, by font;
 * the identity cards' text 15 to 19.
 */
#define OCR_REDUCE_MIN_HEIGHT 24
/* Fewer letters than this at the x-height give no height to trust. */
#define OCR_REDUCE_MIN_LETTERS 40
/* Components taller than this are rules, frames and pictures. */
#define OCR_REDUCE_MAX_HEIGHT 160
/* Ink is anything this much darker than the paper (as in ocr_box.c). */
#define OCR_REDUCE_INK_DELTA 64

/* The commonest height in [lo, hi], counted with its neighbours (one
 * letter height spreads over two or three pixel rows); *count: how many. */
static int ocr_reduce_peak(const int *hist, int lo, int hi, int *count)
{
	int best = 0;

	*count = 0;
	lo = lo < 3 ? 3 : lo;
	hi = hi > OCR_REDUCE_MAX_HEIGHT ? OCR_REDUCE_MAX_HEIGHT : hi;
	for (int h = lo; h <= hi; h++) {
		int c = hist[h - 1] + hist[h] + hist[h + 1];

		if (c > *count) {
			*count = c;
			best = h;
		}
	}
	return best;
}

int ocr_pix_letter_height(PIX *pixs, int *letters)
{
	int hist[OCR_REDUCE_MAX_HEIGHT + 2];
	int top, top_n, up_n, down, down_n, n, thresh, x = 0;
	BOXA *boxes = NULL;
	PIX *pixb = NULL;

	*letters = 0;
	if (!pixs || pixGetDepth(pixs) != 8)
		return 0;
	memset(hist, 0, sizeof(hist));
	thresh = ocr_pix_paper_level(pixs) - OCR_REDUCE_INK_DELTA;
	if (thresh < 32)
		goto out;
	if (!(pixb = ocr_pix_threshold(pixs, thresh)) || !(boxes = pixConnCompBB(pixb, 8)))
		goto out;
	n = boxaGetCount(boxes);
	for (int i = 0; i < n; i++) {
		l_int32 bx, by, w, h;

		if (boxaGetBoxGeometry(boxes, i, &bx, &by, &w, &h) != 0)
			continue;
		/* A letter, or two touching: not a speck, a rule or a picture. */
		if (h >= 3 && h <= OCR_REDUCE_MAX_HEIGHT && w >= 3 && w <= 3 * h)
			hist[h]++;
	}
	/*
	 * Running text has two common heights: the x-height, and about 1.4
	 * times it, letters with ascenders, capitals and digits.  Either may
	 * be the commoner (capitals and tone-marked letters whose mark
	 * touches them fill the upper one on Vietnamese pages), so the
	 * commonest height counts as the x-height only when the other one
	 * is found too: a quarter as common, 1.25 to 1.7 times taller, or
	 * 0.6 to 0.8 times as tall (then that one is the x-height).  A page
	 * without both (all capitals, a picture, specks) gets 0.  Tone marks
	 * and dots are smaller still and each of them differs.
	 */
	top = ocr_reduce_peak(hist, 3, OCR_REDUCE_MAX_HEIGHT, &top_n);
	/* Too few letters to tell their heights apart. */
	if (top_n < OCR_REDUCE_MIN_LETTERS)
		goto out;
	down = ocr_reduce_peak(hist, (6 * top + 5) / 10, (8 * top) / 10, &down_n);
	(void)ocr_reduce_peak(hist, (5 * top + 3) / 4, (17 * top) / 10, &up_n);
	if (down_n >= top_n / 4) {
		x = down;
		*letters = down_n;
	} else if (up_n >= top_n / 4) {
		x = top;
		*letters = top_n;
	}
out:
	boxaDestroy(&boxes);
	pixDestroy(&pixb);
	return x;
}

/*
 * 8 bpp at two thirds of the size, each output pixel the mean of the
 * 1.5 x 1.5 input pixels it covers: a 3 x 3 block abc/def/ghi becomes
 * 2 x 2 with weights 4 2 2 1 (out of 9) over a b d e, and so on.  The
 * last one or two rows and columns are dropped.  Several times faster
 * than Leptonica's general area mapping, with the same result where the
 * factor is 2/3.
 */
PIX *ocr_pix_reduce_2_3(PIX *pixs)
{
	int nbx, nby, wpls, wpld;
	l_uint32 *ds, *dd;
	PIX *pixd;

	if (!pixs || pixGetDepth(pixs) != 8 || pixGetColormap(pixs))
		return NULL;
	/* Whole 3 x 3 blocks across and down. */
	nbx = pixGetWidth(pixs) / 3;
	nby = pixGetHeight(pixs) / 3;
	if (nbx < 1 || nby < 1)
		return NULL;
	if (!(pixd = pixCreate(2 * nbx, 2 * nby, 8)))
		return NULL;
	pixCopyResolution(pixd, pixs);
	pixScaleResolution(pixd, 2.0f / 3.0f, 2.0f / 3.0f);
	ds = pixGetData(pixs);
	dd = pixGetData(pixd);
	wpls = pixGetWpl(pixs);
	wpld = pixGetWpl(pixd);
	for (int by = 0; by < nby; by++) {
		const l_uint32 *r0 = ds + (size_t)(3 * by) * wpls, *r1 = r0 + wpls, *r2 = r1 + wpls;
		l_uint32 *o0 = dd + (size_t)(2 * by) * wpld, *o1 = o0 + wpld;

		for (int bx = 0; bx < nbx; bx++) {
			int x = 3 * bx;
			int a = GET_DATA_BYTE(r0, x), b = GET_DATA_BYTE(r0, x + 1),
			    c = GET_DATA_BYTE(r0, x + 2);
			int d = GET_DATA_BYTE(r1, x), e = GET_DATA_BYTE(r1, x + 1),
			    f = GET_DATA_BYTE(r1, x + 2);
			int g = GET_DATA_BYTE(r2, x), h = GET_DATA_BYTE(r2, x + 1),
			    i = GET_DATA_BYTE(r2, x + 2);

			SET_DATA_BYTE(o0, 2 * bx, (4 * a + 2 * b + 2 * d + e + 4) / 9);
			SET_DATA_BYTE(o0, 2 * bx + 1, (2 * b + 4 * c + e + 2 * f + 4) / 9);
			SET_DATA_BYTE(o1, 2 * bx, (2 * d + e + 4 * g + 2 * h + 4) / 9);
			SET_DATA_BYTE(o1, 2 * bx + 1, (e + 2 * f + 2 * h + 4 * i + 4) / 9);
		}
	}
	return pixd;
}

PIX *ocr_image_for_tesseract(const ocr_image *img, bool reduce, bool *reduced)
{
	int letters = 0;

	*reduced = false;
	if (reduce && ocr_pix_letter_height(img->pix, &letters) >= OCR_REDUCE_MIN_HEIGHT &&
	    letters >= OCR_REDUCE_MIN_LETTERS) {
		PIX *small = ocr_pix_reduce_2_3(img->pix);

		/* Without memory for the copy the page is read whole. */
		if (small) {
			*reduced = true;
			return small;
		}
	}
	/*
	 * A page scanned bilevel whose pixels are still only black and
	 * white (no scaling or turn by an angle has greyed them) goes to
	 * Tesseract as 1 bpp, as the tesseract CLI gets such a file.  Its
	 * text is the same (Tesseract's threshold of a black and white page
	 * is that page) and Recognize skips thresholding (bench/RESULTS.md:
	 * measured on the bench corpus's bilevel pages), for a check and a
	 * conversion of a few ms.
	 */
	if (img->src_depth == 1 && ocr_image_black_white(img))
		return ocr_pix_threshold(img->pix, 128);
	return pixClone(img->pix);
}
