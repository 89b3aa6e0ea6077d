/*
 * ocr_orient.c - quarter-turn page orientation, before recognition.
 *
 * Tesseract's automatic segmentation copes with text turned 90 degrees
 * but reads pages turned 180 or 270 as gibberish.  Leptonica's
 * ascender/descender statistic (flipdetect.c) decides among the four
 * orientations on a binarized copy; it needs no model and costs well
 * under a tenth of the recognition time.
 */
#include "ocr_priv.h"

#include <math.h>

/*
 * Fixed threshold rather than Otsu: pages reaching here are text on
 * paper, and the statistic only needs the stroke shapes, which survive
 * any threshold between the paper and the ink.
 */
#define OCR_ORIENT_THRESH 128

/*
 * flipdetect.c is tuned for 150 to 300 ppi.  Measured on generated
 * dossiers, scores are highest at 300: a 300 dpi page halved to 150
 * scores half as high and most rotated pages go undecided, and 200
 * ppi leaves 8 of 40 pages undecided (200 dpi scans and 400 halved).
 * Other resolutions are scaled to 300, which decided all 40.
 */
#define OCR_ORIENT_DPI 300
/* Megapixels the binary copy may grow to when brought up to 300 dpi
 * (an A3 page at 300 dpi is 17). */
#define OCR_ORIENT_MAX_MP 40.0

/*
 * Dust on a specked page, in pixels at 300 ppi; tone marks and dots go
 * with it, which the statistic does not need.  Measured on the 68
 * despeckled pages of 571 generated ones (speckled, blurred, turned):
 * turned pages left unturned 4 -> 2 (none turned the wrong way), pages
 * left to the osd model 9 -> 4.  Dropping up to 5 pixels also takes the
 * thin strokes of blurred letters (3 left unturned).
 */
#define OCR_ORIENT_SPECK_MAX 3

/*
 * Decision thresholds, in Leptonica's units (up-down count difference
 * over its standard deviation, a z-score of sorts).  Leptonica's
 * defaults are 8 and 2.5.  Measured at 300 dpi on generated dossiers,
 * text pages score 7 to 28 in the text direction; 6 keeps the
 * 90-degree pages that score 7 and still asks for a z-score no chance
 * count reaches.  The cross direction scores up to half the text
 * direction on cards and blurred pages: on 517 pages of six corpora
 * (bench/RESULTS.md) a ratio of 2.5 left 44 undecided, 2 left 31, and
 * no ratio down to 1.5 turned a page the wrong way.  Undecided pages
 * cost the osd model's 0.3 s.  Below either threshold the page is left
 * as it is: a wrong turn destroys a page that Tesseract would have read.
 */
#define OCR_ORIENT_MIN_CONF  6.0f
#define OCR_ORIENT_MIN_RATIO 2.0f

/*
 * An up-down score this high means the page reads upright, and the
 * quarter-turn test, half of the statistic's cost, is skipped.
 * Measured at 300 dpi on 360 generated pages of six corpora: pages
 * turned a quarter scored at most 5.9 up-down in absolute value (their
 * own direction 6.7 and more), pages whose lines run across a median of
 * 14.  Only a positive score skips it, so the shortcut never turns a
 * page: at worst an upright page that the full test would have left
 * undecided (3 of 360, a cross score above half the up-down one) is
 * left as it is without asking the osd model.
 */
#define OCR_ORIENT_ACROSS 12.0f

/*
 * Stands in for a score of exactly 0, which Leptonica gives when one
 * direction has too few ascender counts to score at all: that is no
 * evidence against the other direction, but makeOrientDecision reads
 * it as "no decision".  Small enough for any ratio test to pass.
 */
#define OCR_ORIENT_NO_SCORE 1e-3f

/*
 * Binary copy of the page at 300 ppi; NULL on allocation failure.
 * Pages scanned within 10% of it are thresholded as they are.
 *
 * On a specked page the specks left beside the letters read as
 * ascenders and descenders and drown the statistic: speckled pages
 * scored 2 to 5 where their letters alone score 11 to 19, went
 * undecided, and cost the osd model's 0.3 s.  There components of at
 * most OCR_ORIENT_SPECK_MAX pixels either way are dropped first.
 */
static PIX *ocr_orient_binary(PIX *gray, int dpi, bool specked)
{
	PIX *scaled = NULL, *bin = NULL, *big;
	float f = (float)OCR_ORIENT_DPI / (float)dpi;
	double mp = (double)pixGetWidth(gray) * pixGetHeight(gray) / 1e6;

	/* A large photo tagged 72 dpi would grow seventeen-fold (a gigabyte
	 * for a 250-megapixel page): the copy is held to a size at which
	 * the statistic already has letters enough. */
	if (f > 1.0f && mp * f * f > OCR_ORIENT_MAX_MP)
		f = (float)sqrt(OCR_ORIENT_MAX_MP / mp);
	if (f < 1.0f && dpi < OCR_ORIENT_DPI)
		f = 1.0f;
	bin = ocr_pix_threshold(gray, OCR_ORIENT_THRESH);
	if (bin && !(f > 0.9f && f < 1.1f)) {
		/* Sampling the binary copy: cheaper than interpolating, as accurate here. */
		scaled = pixScaleBinary(bin, f, f);
		pixDestroy(&bin);
		bin = scaled;
	}
	if (!bin || !specked)
		return bin;
	big = pixSelectBySize(bin, OCR_ORIENT_SPECK_MAX, OCR_ORIENT_SPECK_MAX, 8,
	                      L_SELECT_IF_EITHER, L_SELECT_IF_GT, NULL);
	pixDestroy(&bin);
	return big;
}

/* Clockwise quarter turns that make the text upright, 0 when undecided. */
static int ocr_orient_turns(l_int32 orient)
{
	switch (orient) {
	case L_TEXT_ORIENT_LEFT:
		return 1;
	case L_TEXT_ORIENT_DOWN:
		return 2;
	case L_TEXT_ORIENT_RIGHT:
		return 3;
	default:
		return 0;
	}
}

int ocr_orient_detect(const ocr_image *img, int *turns, double *confidence, bool *decided,
                      bool *leans_up, core_err *err)
{
	l_float32 upconf = 0.0f, leftconf = 0.0f;
	l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
	PIX *clip = NULL, *bin = NULL, *turned = NULL;
	int rc = 0;

	*turns = 0;
	*decided = false;
	if (leans_up)
		*leans_up = false;
	if (confidence)
		*confidence = 0.0;
	if (!img || !img->pix)
		return core_err_set(err, CORE_EARG, "no image");
	/* The statistic counts ink: blank margins only cost time. */
	clip = ocr_image_content_pix(img, NULL, NULL);
	bin = clip ? ocr_orient_binary(clip, img->dpi, img->specked) : NULL;
	if (!bin) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* A page with too little text (blank, a photo, a stamp) scores 0 both ways: no turn. */
	if (ocr_pix_updown(bin, &upconf, NULL, NULL) != 0) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* As pixOrientDetect() does: the same test on the page turned a quarter. */
	if (upconf < OCR_ORIENT_ACROSS) {
		if (!(turned = pixRotate90(bin, 1)) ||
		    ocr_pix_updown(turned, &leftconf, NULL, NULL) != 0) {
			rc = core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (upconf == 0.0f && leftconf != 0.0f)
		upconf = OCR_ORIENT_NO_SCORE;
	else if (leftconf == 0.0f && upconf != 0.0f)
		leftconf = OCR_ORIENT_NO_SCORE;
	makeOrientDecision(upconf, leftconf, OCR_ORIENT_MIN_CONF, OCR_ORIENT_MIN_RATIO, &orient, 0);
	if (confidence)
		*confidence = fmax(fabs((double)upconf), fabs((double)leftconf));
	*decided = orient != L_TEXT_ORIENT_UNKNOWN;
	/* What little evidence there is says upright, not turned. */
	if (leans_up)
		*leans_up = upconf > 0.0f && fabsf(upconf) >= fabsf(leftconf);
	*turns = ocr_orient_turns(orient);
out:
	pixDestroy(&clip);
	pixDestroy(&bin);
	pixDestroy(&turned);
	return rc;
}

int ocr_image_turn(ocr_image *img, int turns, core_err *err)
{
	PIX *turned;

	turns = ((turns % 4) + 4) % 4;
	if (turns == 0)
		return 0;
	turned = pixRotateOrth(img->pix, turns);
	if (!turned)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	/* Tesseract reads the resolution from the PIX; keep it whatever the copy did. */
	pixSetResolution(turned, img->dpi, img->dpi);
	pixDestroy(&img->pix);
	img->pix = turned;
	/* Its boxes were in the page as it was. */
	ocr_result_destroy(&img->layer);
	return 0;
}

int ocr_image_orient(ocr_image *img, int *rotation, double *confidence, core_err *err)
{
	bool decided = false;
	int turns = 0, rc;

	if (rotation)
		*rotation = 0;
	rc = ocr_orient_detect(img, &turns, confidence, &decided, NULL, err);
	if (!rc)
		rc = ocr_image_turn(img, turns, err);
	if (!rc && rotation)
		*rotation = 90 * turns;
	return rc;
}
