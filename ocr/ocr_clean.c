/*
 * ocr_clean.c - page cleaning before orientation and recognition:
 * resolution normalization, dark scan borders, isolated specks, low
 * contrast.
 *
 * Most pages are clean, so every step first asks a cheap detector
 * whether the page needs it and leaves the page untouched otherwise.
 * The steps run before orientation and deskew: a dark border or a
 * field of specks disturbs both statistics, and a page brought down to
 * 300 dpi is cheaper to turn.  None of them moves the content except
 * the two scaling steps, whose factor is reported so that word boxes
 * can be mapped back onto the page as scanned.
 */
#include "ocr_priv.h"

#include <math.h>
#include <string.h>

typedef struct ocr_step_def {
	unsigned bit;
	const char *name;   /* on the command line and in pages.preprocess_steps */
	const char *config; /* in the reuse key: bump when the step's output changes */
} ocr_step_def;

/* Sides under this skip the border and speck steps (see ocr_image_clean). */
#define OCR_CLEAN_MIN_SIDE 32

static const ocr_step_def ocr_steps[] = {
    {OCR_STEP_SCALE, "scale300", "scale1"},
    {OCR_STEP_UPSCALE, "upscale300", "upscale1"},
    {OCR_STEP_BORDER, "border", "border1"},
    {OCR_STEP_DESPECKLE, "despeckle", "despeckle1"},
    {OCR_STEP_NORMALIZE, "normalize", "normalize1"},
    {OCR_STEP_BINARIZE, "binarize", "binarize1"},
    {OCR_STEP_REDUCE, "reduce", "reduce1"},
};
#define OCR_N_STEPS ((int)(sizeof(ocr_steps) / sizeof(ocr_steps[0])))

/*
 * Resolution: Tesseract's models are trained around 300 dpi, and
 * recognition time grows with the pixel count.  Pages from 360 dpi up
 * come down to 300; pages up to 240 dpi may go up to 300.
 */
#define OCR_CLEAN_DPI       300
#define OCR_CLEAN_DOWN_FROM 360
#define OCR_CLEAN_UP_TO     240

/*
 * Border detector: along each side, the pixels just inside the edge.
 * A scanner lid left open leaves near-black there over much of the
 * side; paper, even grayish paper, is far lighter.
 */
#define OCR_BORDER_DARK      96
#define OCR_BORDER_SAMPLES   200
#define OCR_BORDER_MIN_SHARE 0.25
/* Mask threshold: catches the band down to its lighter inner edge. */
#define OCR_BORDER_THRESH 160
/* Only what lies in the outer share of the page can be border. */
#define OCR_BORDER_ZONE 0.15

/*
 * Specks: components no larger than this (pixels at 300 dpi, scaled
 * with the resolution) and farther than OCR_SPECK_NEAR_Y above or below
 * and OCR_SPECK_NEAR_X beside any larger component.  Vietnamese tone
 * marks, the dot of i and the dot below (dau nang) are as small as dust
 * but sit within a few pixels above or below their letter; a colon's
 * dots sit a letter's gap after its word (measured at 10 pt: 9 to 11
 * pixels).  The distance is what tells them apart.
 */
#define OCR_SPECK_THRESH 128
#define OCR_SPECK_MAX    5
#define OCR_SPECK_NEAR_Y 8
#define OCR_SPECK_NEAR_X 16
/* Fewer isolated specks than this per megapixel (about 35 on an A4
 * page at 300 dpi; a clean page has none to a dozen, dust thousands):
 * left as it is. */
#define OCR_SPECK_MIN_PER_MPX 4.0

/*
 * Contrast: ink level at the 0.5th percentile, paper at the median
 * (text pages are mostly paper).  Clean scans span 200 levels or more;
 * faded ones, or dark paper, far fewer.
 */
#define OCR_CONTRAST_INK_Q   0.005
#define OCR_CONTRAST_PAPER_Q 0.5
#define OCR_CONTRAST_MIN     150
#define OCR_NORM_BG          200

const char *ocr_step_name(unsigned step)
{
	for (int i = 0; i < OCR_N_STEPS; i++)
		if (ocr_steps[i].bit == step)
			return ocr_steps[i].name;
	return "";
}

int ocr_steps_parse(const char *list, unsigned *out, core_err *err)
{
	const char *p = list;

	*out = 0;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool found = false;

		if (len == 3 && strncmp(p, "all", 3) == 0) {
			*out |= OCR_STEPS_ALL;
			found = true;
		} else if (len == 4 && strncmp(p, "none", 4) == 0) {
			found = true;
		}
		for (int i = 0; i < OCR_N_STEPS && !found; i++) {
			if (strlen(ocr_steps[i].name) == len &&
			    strncmp(p, ocr_steps[i].name, len) == 0) {
				*out |= ocr_steps[i].bit;
				found = true;
			}
		}
		if (!found && len > 0) {
			core_err_set(err, CORE_EARG, "unknown preprocessing step");
			core_err_detail(err,
			                "'%.*s'; known: all, none, scale300, upscale300, border, "
			                "despeckle, normalize, binarize, reduce",
			                (int)(len > 64 ? 64 : len), p);
			return -1;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void ocr_steps_join(unsigned steps, bool config, char *buf, size_t size)
{
	size_t n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < OCR_N_STEPS; i++) {
		const char *s = config ? ocr_steps[i].config : ocr_steps[i].name;
		int w;

		if (!(steps & ocr_steps[i].bit))
			continue;
		w = snprintf(buf + n, size - n, "%s%s", config ? " " : n ? "," : "", s);
		if (w < 0 || (size_t)w >= size - n) {
			buf[n] = '\0'; /* cut at a whole name */
			return;
		}
		n += (size_t)w;
	}
}

void ocr_steps_format(unsigned steps, char *buf, size_t size)
{
	ocr_steps_join(steps, false, buf, size);
}

void ocr_steps_config(unsigned steps, char *buf, size_t size)
{
	ocr_steps_join(steps, true, buf, size);
}

/* Replaces the image's pixels (taking ownership of pix) and its resolution. */
static void ocr_clean_replace(ocr_image *img, PIX *pix, int dpi)
{
	pixSetResolution(pix, dpi, dpi);
	pixDestroy(&img->pix);
	img->pix = pix;
	img->dpi = dpi;
}

static int ocr_clean_scale(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err)
{
	PIX *scaled;
	float f;

	if ((steps & OCR_STEP_SCALE) && img->dpi >= OCR_CLEAN_DOWN_FROM)
		info->done |= OCR_STEP_SCALE;
	else if ((steps & OCR_STEP_UPSCALE) && img->dpi <= OCR_CLEAN_UP_TO)
		info->done |= OCR_STEP_UPSCALE;
	else
		return 0;
	f = (float)OCR_CLEAN_DPI / (float)img->dpi;
	/* Linear interpolation: Leptonica's own choice for factors from 0.7 (its area
	 * mapping falls back to it), and 400 to 300 dpi is 0.75. */
	scaled = pixScaleGrayLI(img->pix, f, f);
	if (!scaled)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	info->scale = f;
	ocr_clean_replace(img, scaled, OCR_CLEAN_DPI);
	return 0;
}

/* Share of sampled pixels along one side, just inside the edge, that are near black. */
static double ocr_border_side_dark(PIX *pix, int side)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	int along = side % 2 ? h : w, dark = 0, n = 0;
	int step = along / OCR_BORDER_SAMPLES > 0 ? along / OCR_BORDER_SAMPLES : 1;

	for (int a = step / 2; a < along; a += step) {
		int x = side == 1 ? w - 2 : side == 3 ? 1 : a;
		int y = side == 0 ? 1 : side == 2 ? h - 2 : a;
		l_uint32 v = 255;

		if (x < 0 || y < 0 || x >= w || y >= h)
			continue;
		pixGetPixel(pix, x, y, &v);
		n++;
		if (v < OCR_BORDER_DARK)
			dark++;
	}
	return n ? (double)dark / n : 0.0;
}

/*
 * Whitens solid dark regions connected to the page edge, within the
 * outer OCR_BORDER_ZONE of each side.  Found on a copy reduced 4 times
 * each way where a block is ink only when all its pixels are: strokes
 * vanish there and only areas wider than any stroke remain, so text
 * touching the band is not taken with it.  The mask, grown by one block
 * to take the band's soft inner edge, is expanded back to the page.
 */
static int ocr_clean_border(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err)
{
	PIX *bin = NULL, *red = NULL, *edge = NULL, *zone = NULL, *mask = NULL;
	int w, h, zx, zy, count = 0, rc = 0;
	bool any = false;

	if (!(steps & OCR_STEP_BORDER))
		return 0;
	for (int side = 0; side < 4 && !any; side++)
		any = ocr_border_side_dark(img->pix, side) >= OCR_BORDER_MIN_SHARE;
	if (!any)
		return 0;
	if (!(bin = ocr_pix_threshold(img->pix, OCR_BORDER_THRESH)) ||
	    !(red = pixReduceRankBinaryCascade(bin, 4, 4, 0, 0)) || !pixOpenBrick(red, red, 3, 3) ||
	    !(edge = pixExtractBorderConnComps(red, 8))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	w = pixGetWidth(edge);
	h = pixGetHeight(edge);
	zx = (int)(w * OCR_BORDER_ZONE);
	zy = (int)(h * OCR_BORDER_ZONE);
	if (!(zone = pixCreate(w, h, 1))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* The frame where borders may be: everything but the page's middle. */
	pixSetAll(zone);
	pixRasterop(zone, zx, zy, w - 2 * zx, h - 2 * zy, PIX_CLR, NULL, 0, 0);
	pixAnd(edge, edge, zone);
	/* Scaled to the exact page size: the reduced copy dropped up to 3
	 * rows and columns, where the band reaches the edge too. */
	if (!pixDilateBrick(edge, edge, 3, 3) ||
	    !(mask = pixScaleBinary(edge, (float)pixGetWidth(img->pix) / (float)w,
	                            (float)pixGetHeight(img->pix) / (float)h))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	pixCountPixels(mask, &count, NULL);
	if (count == 0)
		goto out;
	pixSetMasked(img->pix, mask, 255);
	info->border_px = count;
	info->done |= OCR_STEP_BORDER;
out:
	pixDestroy(&bin);
	pixDestroy(&red);
	pixDestroy(&edge);
	pixDestroy(&zone);
	pixDestroy(&mask);
	return rc;
}

/*
 * The detector: the same test on a copy reduced 4 times each way (a
 * block is ink when any of its pixels is), where the page's components
 * number a few thousand at most.  *count: isolated specks found there.
 */
static int ocr_specks_count(PIX *bin, int max, int rx, int ry, int *count, core_err *err)
{
	PIX *red = NULL, *small = NULL, *near = NULL, *kept = NULL;
	int rc = 0;

	*count = 0;
	max = (max + 3) / 4 + 1;
	rx = (rx + 3) / 4;
	ry = (ry + 3) / 4;
	if (!(red = pixReduceRankBinaryCascade(bin, 1, 1, 0, 0)) ||
	    !(small = pixSelectBySize(red, max, max, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, NULL))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	pixSubtract(red, red, small);
	if (!(near = pixDilateBrick(NULL, red, 2 * rx + 1, 2 * ry + 1)) ||
	    !(kept = pixAnd(NULL, small, near)) || !pixSeedfillBinary(kept, kept, small, 8)) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	pixSubtract(small, small, kept);
	if (pixCountConnComp(small, 8, count))
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
out:
	pixDestroy(&red);
	pixDestroy(&small);
	pixDestroy(&near);
	pixDestroy(&kept);
	return rc;
}

/*
 * Removes dark components of at most OCR_SPECK_MAX pixels either way
 * that no larger component comes near.  A clean page stops at the
 * detector, which costs a tenth of the removal.
 */
static int ocr_clean_specks(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err)
{
	PIX *bin = NULL, *small = NULL, *near = NULL, *kept = NULL;
	int max = (OCR_SPECK_MAX * img->dpi + OCR_CLEAN_DPI / 2) / OCR_CLEAN_DPI;
	int ry = (OCR_SPECK_NEAR_Y * img->dpi + OCR_CLEAN_DPI / 2) / OCR_CLEAN_DPI;
	int rx = (OCR_SPECK_NEAR_X * img->dpi + OCR_CLEAN_DPI / 2) / OCR_CLEAN_DPI;
	double mpx = (double)pixGetWidth(img->pix) * pixGetHeight(img->pix) / 1e6;
	int found = 0, count = 0, rc = 0;

	if (!(steps & OCR_STEP_DESPECKLE))
		return 0;
	if (max < 2)
		max = 2;
	if (ry < 2)
		ry = 2;
	if (rx < 2)
		rx = 2;
	if (!(bin = ocr_pix_threshold(img->pix, OCR_SPECK_THRESH))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = ocr_specks_count(bin, max, rx, ry, &found, err)))
		goto out;
	if (found < OCR_SPECK_MIN_PER_MPX * mpx)
		goto out;
	if (!(small = pixSelectBySize(bin, max, max, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, NULL))) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* bin becomes the larger components, then the zone around them. */
	pixSubtract(bin, bin, small);
	if (!(near = pixDilateBrick(NULL, bin, 2 * rx + 1, 2 * ry + 1)) ||
	    !(kept = pixAnd(NULL, small, near)) || !pixSeedfillBinary(kept, kept, small, 8)) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* small becomes the isolated specks. */
	pixSubtract(small, small, kept);
	pixCountPixels(small, &count, NULL);
	if (count == 0)
		goto out;
	pixSetMasked(img->pix, small, 255);
	img->specked = true;
	info->speck_px = count;
	info->done |= OCR_STEP_DESPECKLE;
out:
	pixDestroy(&bin);
	pixDestroy(&small);
	pixDestroy(&near);
	pixDestroy(&kept);
	return rc;
}

/* Gray level below which share q of the sampled pixels lie. */
static int ocr_hist_quantile(const l_float32 *hist, double total, double q)
{
	double acc = 0;

	for (int v = 0; v < 256; v++) {
		acc += hist[v];
		if (acc >= q * total)
			return v;
	}
	return 255;
}

/* Ink and paper levels from a sampled histogram: a few thousand reads. */
static int ocr_clean_levels(PIX *pix, int *ink, int *paper, core_err *err)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	int factor = (int)sqrt((double)w * h / 250000.0);
	NUMA *na = pixGetGrayHistogram(pix, factor > 1 ? factor : 1);
	l_float32 *hist;
	double total = 0;

	if (!na)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	hist = numaGetFArray(na, L_NOCOPY);
	for (int v = 0; v < 256; v++)
		total += hist[v];
	*ink = ocr_hist_quantile(hist, total, OCR_CONTRAST_INK_Q);
	*paper = ocr_hist_quantile(hist, total, OCR_CONTRAST_PAPER_Q);
	numaDestroy(&na);
	return 0;
}

/*
 * Low-contrast pages: the background flattened to OCR_NORM_BG
 * (uneven lighting, gray paper), then the ink level stretched to black
 * and the background to white; optionally binarized (Sauvola, a local
 * threshold that follows the flattened background).
 */
static int ocr_clean_contrast(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err)
{
	PIX *norm = NULL, *bin = NULL, *gray = NULL;
	int ink = 0, paper = 255, rc = 0;

	if (!(steps & (OCR_STEP_NORMALIZE | OCR_STEP_BINARIZE)))
		return 0;
	if ((rc = ocr_clean_levels(img->pix, &ink, &paper, err)))
		return rc;
	info->ink = ink;
	info->paper = paper;
	if (paper - ink >= OCR_CONTRAST_MIN || paper <= ink)
		return 0;
	if (steps & OCR_STEP_NORMALIZE) {
		/* Foreground is what is darker than halfway between ink and paper. */
		int thresh = (ink + paper) / 2, lo = ink * OCR_NORM_BG / paper;

		norm =
		    pixBackgroundNorm(img->pix, NULL, NULL, 10, 15, thresh, 40, OCR_NORM_BG, 2, 1);
		if (!norm || !pixGammaTRC(norm, norm, 1.0f, lo, OCR_NORM_BG)) {
			rc = core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		ocr_clean_replace(img, norm, img->dpi);
		norm = NULL;
		info->done |= OCR_STEP_NORMALIZE;
	}
	if (steps & OCR_STEP_BINARIZE) {
		int win = img->dpi / 12;

		if (pixSauvolaBinarizeTiled(img->pix, win > 7 ? win : 7, 0.34f, 1, 1, NULL, &bin) ||
		    !(gray = pixConvert1To8(NULL, bin, 255, 0))) {
			rc = core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		ocr_clean_replace(img, gray, img->dpi);
		gray = NULL;
		info->done |= OCR_STEP_BINARIZE;
	}
out:
	pixDestroy(&norm);
	pixDestroy(&bin);
	pixDestroy(&gray);
	return rc;
}

int ocr_image_clean(ocr_image *img, unsigned steps, ocr_clean_info *info, core_err *err)
{
	double t0 = core_now();
	int rc;

	memset(info, 0, sizeof(*info));
	info->scale = 1.0;
	if (!img || !img->pix)
		return core_err_set(err, CORE_EARG, "no image to clean");
	if (steps == 0)
		return 0;
	/* Scaling first: every later step then works at about 300 dpi. */
	if ((rc = ocr_clean_scale(img, steps, info, err)))
		return rc;
	/* Border and speck detection work on a copy reduced four times: a
	 * strip a few pixels wide has nothing to clean and no copy to make. */
	if (pixGetWidth(img->pix) < OCR_CLEAN_MIN_SIDE ||
	    pixGetHeight(img->pix) < OCR_CLEAN_MIN_SIDE)
		steps &= ~(unsigned)(OCR_STEP_BORDER | OCR_STEP_DESPECKLE);
	if ((rc = ocr_clean_border(img, steps, info, err)) ||
	    (rc = ocr_clean_specks(img, steps, info, err)) ||
	    (rc = ocr_clean_contrast(img, steps, info, err)))
		return rc;
	info->seconds = core_now() - t0;
	/* Boxes of a text layer would no longer match the pixels. */
	if (info->done & (OCR_STEP_SCALE | OCR_STEP_UPSCALE))
		ocr_result_destroy(&img->layer);
	return 0;
}

void ocr_result_fit(ocr_result *r, int from_w, int from_h, int to_w, int to_h)
{
	double fx, fy;

	if (!r || from_w <= 0 || from_h <= 0 || (from_w == to_w && from_h == to_h))
		return;
	fx = (double)to_w / from_w;
	fy = (double)to_h / from_h;
	for (int i = 0; i < r->n_words; i++) {
		ocr_word *w = &r->words[i];

		w->x0 = (int)floor(w->x0 * fx);
		w->y0 = (int)floor(w->y0 * fy);
		w->x1 = (int)ceil(w->x1 * fx);
		w->y1 = (int)ceil(w->y1 * fy);
		if (w->x1 > to_w)
			w->x1 = to_w;
		if (w->y1 > to_h)
			w->y1 = to_h;
	}
}
