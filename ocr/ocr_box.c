/*
 * ocr_box.c - the rectangle of the page that holds ink.
 *
 * Tesseract's page layout (thresholding, rule-line search, blob
 * finding) and Leptonica's orientation and skew statistics cost in
 * proportion to the pixels they are given, blank paper included.  On
 * generated dossiers the ink of a page fits in about half of it (an
 * identity card photocopy in a quarter): recognizing only that part
 * took about 11% off the tesseract CLI's CPU time on 48 pages at the
 * same CER.  The rectangle is padded so no glyph edge is lost, and
 * pages whose ink fills most of the sheet are left whole.
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
/*
 * Padding around the ink, in inches: half.  Tesseract's column finder
 * reads ink near the image edge differently: with a sixth of an inch, a
 * form's column of item numbers was dropped; with half, the readings
 * matched the whole page's.
 */
#define OCR_BOX_PAD_DIV 2
/* A rectangle over this share of the page is not worth the change. */
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

bool ocr_image_content_box(const ocr_image *img, int *bx, int *by, int *bw, int *bh)
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
	/*
	 * Tesseract 5 cuts line images for recognition out of the page as
	 * given when its width equals the rectangle's (Tesseract::BestPix),
	 * with the rectangle's coordinates: a rectangle as wide as the page
	 * but shorter made it read lines from the wrong height (a speckled
	 * prose page went from 11% to 58% CER).  One column narrower makes
	 * it use the rectangle's own gray image; the column is margin.
	 */
	if (x1 - x0 + 1 == w) {
		if (x0 == 0)
			x0 = 1;
		else
			x1--;
	}
	*bx = x0;
	*by = y0;
	*bw = x1 - x0 + 1;
	*bh = y1 - y0 + 1;
	return true;
}

PIX *ocr_image_content_pix(const ocr_image *img)
{
	int x, y, w, h;
	BOX *box;
	PIX *clip;

	if (!ocr_image_content_box(img, &x, &y, &w, &h))
		return pixClone(img->pix);
	if (!(box = boxCreate(x, y, w, h)))
		return NULL;
	clip = pixClipRectangle(img->pix, box, NULL);
	boxDestroy(&box);
	return clip;
}
