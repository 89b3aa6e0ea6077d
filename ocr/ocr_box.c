/*
 * ocr_box.c - the rectangle of the page that holds ink.
 *
 * Leptonica's orientation and skew statistics count ink, and cost in
 * proportion to the pixels they are given, blank paper included.  On
 * generated dossiers the ink of a page fits in about half of it (an
 * identity card photocopy in a quarter), so both run on that part
 * alone.  Recognition does not: given the part, Tesseract's layout
 * ordered some cards' blocks otherwise (see ocr_engine.c).  The
 * rectangle is padded, and pages whose ink fills most of the sheet are
 * left whole.
 */
#include "ocr_priv.h"

/* Sampling grid: a stroke at 300 dpi is 3 or more pixels wide. */
#define OCR_BOX_STEP 3
/* Coarser grid for the paper level. */
#define OCR_BOX_HIST_STEP 8
/*
 * Ink is anything this much darker than the paper.  Relative, so a
 * gray or yellowed sheet does not read as ink all over, and faint
 * print that Tesseract's own threshold would keep is kept.
 */
#define OCR_BOX_INK_DELTA 40
/* Padding around the ink, in inches: a sixth, so no stroke is cut. */
#define OCR_BOX_PAD_DIV 6
/* A rectangle over this share of the page is not worth the copy. */
#define OCR_BOX_MAX_SHARE 0.9

/* The paper's gray level: the most common level among the light ones. */
static int ocr_box_paper(const l_uint32 *data, int w, int h, int wpl)
{
	uint32_t hist[256] = {0};
	int best = 255;

	for (int y = 0; y < h; y += OCR_BOX_HIST_STEP) {
		const l_uint32 *line = data + (size_t)y * wpl;

		for (int x = 0; x < w; x += OCR_BOX_HIST_STEP)
			hist[GET_DATA_BYTE(line, x)]++;
	}
	for (int v = 255; v >= 128; v--)
		if (hist[v] > hist[best])
			best = v;
	return best;
}

/* false, with the whole page in the out-params, when the ink fills most
 * of the page or there is none. */
static bool ocr_image_content_box(const ocr_image *img, int *bx, int *by, int *bw, int *bh)
{
	const l_uint32 *data;
	int w, h, wpl, dark, pad, x0, y0, x1 = -1, y1 = -1;

	*bx = *by = *bw = *bh = 0;
	if (!img || !img->pix)
		return false;
	w = pixGetWidth(img->pix);
	h = pixGetHeight(img->pix);
	*bw = w;
	*bh = h;
	wpl = pixGetWpl(img->pix);
	data = pixGetData(img->pix);
	dark = ocr_box_paper(data, w, h, wpl) - OCR_BOX_INK_DELTA;
	x0 = w;
	y0 = h;
	for (int y = 0; y < h; y += OCR_BOX_STEP) {
		const l_uint32 *line = data + (size_t)y * wpl;
		bool any = false;

		for (int x = 0; x < w; x += OCR_BOX_STEP) {
			if (GET_DATA_BYTE(line, x) >= dark)
				continue;
			any = true;
			if (x < x0)
				x0 = x;
			if (x > x1)
				x1 = x;
		}
		if (any) {
			if (y < y0)
				y0 = y;
			y1 = y;
		}
	}
	/* No ink at all: the page is left whole for Tesseract to judge. */
	if (x1 < 0)
		return false;
	pad = (img->dpi > 0 ? img->dpi : 300) / OCR_BOX_PAD_DIV + OCR_BOX_STEP;
	x0 = x0 > pad ? x0 - pad : 0;
	y0 = y0 > pad ? y0 - pad : 0;
	x1 = x1 + pad < w ? x1 + pad : w - 1;
	y1 = y1 + pad < h ? y1 + pad : h - 1;
	if ((double)(x1 - x0 + 1) * (y1 - y0 + 1) > OCR_BOX_MAX_SHARE * (double)w * h)
		return false;
	*bx = x0;
	*by = y0;
	*bw = x1 - x0 + 1;
	*bh = y1 - y0 + 1;
	return true;
}

int ocr_pix_paper_level(PIX *pix)
{
	return ocr_box_paper(pixGetData(pix), pixGetWidth(pix), pixGetHeight(pix), pixGetWpl(pix));
}

PIX *ocr_image_content_pix(const ocr_image *img, int *at_x, int *at_y)
{
	int x, y, w, h;
	BOX *box;
	PIX *clip;

	if (at_x)
		*at_x = 0;
	if (at_y)
		*at_y = 0;
	if (!ocr_image_content_box(img, &x, &y, &w, &h))
		return pixClone(img->pix);
	if (!(box = boxCreate(x, y, w, h)))
		return NULL;
	clip = pixClipRectangle(img->pix, box, NULL);
	boxDestroy(&box);
	if (clip && at_x)
		*at_x = x;
	if (clip && at_y)
		*at_y = y;
	return clip;
}
