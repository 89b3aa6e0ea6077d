/*
 * ocr_shortcut_lept.c - Leptonica's pixWriteMem and pixOpenBrick as
 * Tesseract calls them inside recognition: the line images' PNG round
 * trip and the rule lines' openings (points 1 and 2 of ocr_shortcut.c).
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef l_ok (*ocr_write_mem_fn)(l_uint8 **, size_t *, PIX *, l_int32);
typedef PIX *(*ocr_open_brick_fn)(PIX *, PIX *, l_int32, l_int32);

/* Leptonica's own functions: set once, by the first caller. */
static ocr_write_mem_fn ocr_next_write_mem;
static ocr_open_brick_fn ocr_next_open_brick;
static pthread_once_t ocr_shortcut_once = PTHREAD_ONCE_INIT;

/* Per thread: shortcuts taken. */
static _Thread_local long ocr_shortcut_lines_n, ocr_shortcut_openings_n;

/*
 * Leptonica linked as a shared library, which the build requires (a
 * static one would clash with these definitions), always has both.
 * Without them every caller would get a silent non-answer: a broken
 * link, stopped here.
 */
static void ocr_shortcut_resolve(void)
{
	void *w = dlsym(RTLD_NEXT, "pixWriteMem"), *o = dlsym(RTLD_NEXT, "pixOpenBrick");

	if (!w || !o) {
		fputs("sohoa: cannot find Leptonica's pixWriteMem and pixOpenBrick: broken link\n",
		      stderr);
		abort();
	}
	/* Object pointers to function pointers: POSIX guarantees dlsym's. */
	memcpy(&ocr_next_write_mem, &w, sizeof(w));
	memcpy(&ocr_next_open_brick, &o, sizeof(o));
}

/*
 * A brick size that Leptonica's composite opening reproduces exactly.
 * Above 250 x 250 selectComposableSizes refuses (and says so on
 * stderr): such sizes go to pixOpenBrick unasked.
 */
#define OCR_SHORTCUT_SIZE_MAX 62500

static bool ocr_shortcut_composable(l_int32 size)
{
	l_int32 f1 = 0, f2 = 0;

	if (size == 1)
		return true;
	if (size < 1 || size > OCR_SHORTCUT_SIZE_MAX || selectComposableSizes(size, &f1, &f2) != 0)
		return false;
	return f1 * f2 == size;
}

/*
 * The two openings agree at the image's edges only under Leptonica's
 * default boundary condition (asymmetric: erosion sees white outside).
 * The symmetric one, a process-wide setting nobody here changes, would
 * let the comb drop edge pixels that the brick keeps.
 */
static bool ocr_shortcut_asymmetric(void)
{
	return getMorphBorderPixelColor(L_MORPH_ERODE, 1) == 0;
}

/* Leptonica's allheaders.h declares both: the definitions must match. */
l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)
{
	if (ocr_shortcut_depth > 0 && format == IFF_PNG && pix && pdata && psize) {
		l_ok rc = pixWriteMemSpix(pdata, psize, pix);

		if (rc == 0)
			ocr_shortcut_lines_n++;
		return rc;
	}
	pthread_once(&ocr_shortcut_once, ocr_shortcut_resolve);
	return ocr_next_write_mem(pdata, psize, pix, format);
}

PIX *pixOpenBrick(PIX *pixd, PIX *pixs, l_int32 hsize, l_int32 vsize)
{
	if (ocr_shortcut_depth > 0 && pixs && pixGetDepth(pixs) == 1 && (hsize > 1 || vsize > 1) &&
	    ocr_shortcut_composable(hsize) && ocr_shortcut_composable(vsize) &&
	    ocr_shortcut_asymmetric()) {
		PIX *r = pixOpenCompBrick(pixd, pixs, hsize, vsize);

		if (r)
			ocr_shortcut_openings_n++;
		return r;
	}
	pthread_once(&ocr_shortcut_once, ocr_shortcut_resolve);
	return ocr_next_open_brick(pixd, pixs, hsize, vsize);
}

long ocr_shortcut_lines(void)
{
	return ocr_shortcut_lines_n;
}

long ocr_shortcut_openings(void)
{
	return ocr_shortcut_openings_n;
}
