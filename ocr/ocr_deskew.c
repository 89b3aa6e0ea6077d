/*
 * ocr_deskew.c - small-angle skew correction, after orientation and
 * before recognition.
 *
 * Tesseract's layout analysis splits and reorders the lines of a page
 * skewed by a degree or two (measured on generated Vietnamese prose:
 * CER about 0.1% straight, about 25% at 2 degrees).  Leptonica finds
 * the angle by differential square sums of a binarized copy, sweeping
 * then binary-searching; the gray page is then turned by area mapping,
 * which keeps stroke edges that recognition needs.
 */
#include "ocr_priv.h"

#include <math.h>

#define OCR_DESKEW_THRESH 128
/* Sweep +-7 degrees (scans are rarely worse; Leptonica's default), at
 * 1/4 resolution for the sweep and 1/2 for the search. */
#define OCR_DESKEW_RANGE        7.0f
#define OCR_DESKEW_DELTA        1.0f
#define OCR_DESKEW_RED_SWEEP    4
#define OCR_DESKEW_RED_SEARCH   2
#define OCR_DESKEW_MIN_BS_DELTA 0.01f
/*
 * Below this angle Tesseract reads the lines as they are, and turning
 * would only soften the strokes; Leptonica's own pixDeskew uses 0.1.
 */
#define OCR_DESKEW_MIN_ANGLE 0.1f
/* Leptonica's measure of a clear peak; its pixDeskew also asks 3. */
#define OCR_DESKEW_MIN_CONF 3.0f

/*
 * Rules after the turn.  Area mapping leaves a card's thin frame lines
 * and fingerprint boxes as soft gray bands whose thresholded width
 * wavers along their length: Tesseract's line finder no longer removes
 * them, and they read as noise ("| | |", "_ ]| -") or move whole blocks
 * of the card elsewhere in the text.  Straight runs at least a fifth of
 * an inch long, light edges included, are drawn solid again.  On the 7
 * skewed cards of bench seed 123 read by the tesseract CLI: 388 edits
 * as turned, 132 with firm rules, 120 for the same cards never skewed.
 * A threshold of 160 or 128 misses the light edges (292, 168 edits).
 * The threshold is 200 on white paper and on a card's light plate, and
 * follows darker paper down (40 levels under it), so that a gray sheet
 * is not all "rule".
 */
#define OCR_DESKEW_RULE_THRESH 200
#define OCR_DESKEW_RULE_BELOW  40
#define OCR_DESKEW_RULE_DIV    5
/*
 * Rules are thin: whatever holds a square of a thirtieth of an inch (a
 * tinted band, a shaded header, a photo) is not one, and the text on it
 * must not go black.  A card's rim (0.35 mm) and bold strokes are
 * thinner.
 */
#define OCR_DESKEW_THICK_DIV 30

/* Long thin straight runs of the turned page, within its inked part,
 * drawn black; 0, or -1 when out of memory. */
static int ocr_deskew_firm_rules(ocr_image *img)
{
	int len = (img->dpi / OCR_DESKEW_RULE_DIV) | 1, x = 0, y = 0, rc = -1, thresh;
	int thick = img->dpi / OCR_DESKEW_THICK_DIV;
	PIX *clip, *bin = NULL, *h = NULL, *v = NULL, *solid = NULL;

	/* A card photocopy's part is a quarter of its page, and the openings cost per pixel. */
	clip = ocr_image_content_pix(img, &x, &y);
	if (!clip)
		return -1;
	thresh = ocr_pix_paper_level(clip) - OCR_DESKEW_RULE_BELOW;
	if (thresh > OCR_DESKEW_RULE_THRESH)
		thresh = OCR_DESKEW_RULE_THRESH;
	if (thick < 2)
		thick = 2;
	/* Composite DWA openings: a brick this long costs a rasterop per element. */
	if ((bin = ocr_pix_threshold(clip, thresh)) &&
	    (h = pixOpenCompBrickDwa(NULL, bin, len, 1)) &&
	    (v = pixOpenCompBrickDwa(NULL, bin, 1, len)) && pixOr(h, h, v) &&
	    (solid = pixOpenCompBrickDwa(NULL, bin, thick, thick)) &&
	    pixDilateBrick(solid, solid, 3, 3) && pixSubtract(h, h, solid) &&
	    pixSetMaskedGeneral(img->pix, h, 0, x, y) == 0)
		rc = 0;
	pixDestroy(&clip);
	pixDestroy(&bin);
	pixDestroy(&h);
	pixDestroy(&v);
	pixDestroy(&solid);
	return rc;
}

int ocr_image_deskew(ocr_image *img, double *angle, double *confidence, core_err *err)
{
	PIX *clip = NULL, *bin = NULL, *turned = NULL;
	l_float32 a = 0.0f, conf = 0.0f;
	int rc = 0;

	*angle = 0.0;
	if (confidence)
		*confidence = 0.0;
	if (!img || !img->pix)
		return core_err_set(err, CORE_EARG, "no image to deskew");
	/* The angle is measured on the ink alone: margins only cost time. */
	clip = ocr_image_content_pix(img, NULL, NULL);
	bin = clip ? ocr_pix_threshold(clip, OCR_DESKEW_THRESH) : NULL;
	if (!bin) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* Too little text to score returns an error: the page stays. */
	if (pixFindSkewSweepAndSearch(bin, &a, &conf, OCR_DESKEW_RED_SWEEP, OCR_DESKEW_RED_SEARCH,
	                              OCR_DESKEW_RANGE, OCR_DESKEW_DELTA,
	                              OCR_DESKEW_MIN_BS_DELTA) != 0)
		goto out;
	if (confidence)
		*confidence = conf;
	if (conf < OCR_DESKEW_MIN_CONF || fabsf(a) < OCR_DESKEW_MIN_ANGLE)
		goto out;
	turned = pixRotate(img->pix, (l_float32)(M_PI / 180.0) * a, L_ROTATE_AREA_MAP,
	                   L_BRING_IN_WHITE, 0, 0);
	if (!turned) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	pixSetResolution(turned, img->dpi, img->dpi);
	pixDestroy(&img->pix);
	img->pix = turned;
	turned = NULL;
	*angle = a;
	/* An aid, not a step: without memory for it the page reads as turned. */
	(void)ocr_deskew_firm_rules(img);
out:
	pixDestroy(&clip);
	pixDestroy(&bin);
	pixDestroy(&turned);
	return rc;
}

int ocr_image_skew(ocr_image *img, double degrees, core_err *err)
{
	PIX *turned;
	/* The same float arithmetic as ocr_image_deskew: the stored angle
	 * is the float it turned by, so the pixels come out identical, but
	 * for the rules it firms for recognition: an archived page keeps
	 * its own. */
	l_float32 a = (l_float32)degrees;

	if (!img || !img->pix)
		return core_err_set(err, CORE_EARG, "no image to turn");
	if (a == 0.0f)
		return 0;
	turned = pixRotate(img->pix, (l_float32)(M_PI / 180.0) * a, L_ROTATE_AREA_MAP,
	                   L_BRING_IN_WHITE, 0, 0);
	if (!turned)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	pixSetResolution(turned, img->dpi, img->dpi);
	pixDestroy(&img->pix);
	img->pix = turned;
	return 0;
}
