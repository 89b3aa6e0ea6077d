/*
 * ocr_shortcut.c - two of Leptonica's calls that Tesseract makes inside
 * recognition, answered by faster equivalents that give the same bytes.
 *
 * 1. Line images.  Tesseract 5 gives every text line to its LSTM
 *    through an ImageData, which keeps the line's pixels as a PNG in
 *    memory (pixWriteMem with IFF_PNG) and decodes them again
 *    (pixReadMem) before scaling them to the network's height.  Nothing
 *    else reads those bytes.  pixReadMem reads every format Leptonica
 *    writes, so here the PNG is written as Leptonica's serialized pix
 *    (IFF_SPIX): a header and a copy of the raster, read back as the
 *    same pixels.
 *
 * 2. Rule lines.  Tesseract's line finder opens the binary page with
 *    long bricks (a quarter inch, 75 pixels at 300 dpi), which
 *    pixOpenBrick does with one full-page rasterop per pixel of the
 *    brick.  pixOpenCompBrick does it as a brick and a comb (75 = 5 x
 *    15: 20 rasterops).  An opening does not depend on where the
 *    brick's origin sits, so for a size that is exactly such a product
 *    the result is the same image; for other sizes Leptonica's
 *    composite is of a nearby size, and the call goes to pixOpenBrick.
 *
 * The round trip took 3.6% of the time of sohoa's Recognize calls on
 * the 60 pages of the default corpus; the openings, 8.8% of their
 * instructions on three of those pages (bench/RESULTS.md).
 *
 * How: this library defines pixWriteMem and pixOpenBrick itself.  The
 * program exports them (see CMakeLists.txt), and the dynamic linker
 * binds libtesseract's calls to them before Leptonica's (ELF symbol
 * interposition).  Only calls inside a span that ocr_shortcut_enter()
 * marked on the calling thread take a shortcut; every other call goes
 * to Leptonica's own function unchanged.  The benchmark's bare loop
 * never marks a span: it is Tesseract as the CLI runs it.
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

/* Per thread: nesting depth of marked spans, and shortcuts taken. */
static _Thread_local int ocr_shortcut_depth;
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

void ocr_shortcut_enter(void)
{
	ocr_shortcut_depth++;
}

void ocr_shortcut_leave(void)
{
	if (ocr_shortcut_depth > 0)
		ocr_shortcut_depth--;
}

long ocr_shortcut_lines(void)
{
	return ocr_shortcut_lines_n;
}

long ocr_shortcut_openings(void)
{
	return ocr_shortcut_openings_n;
}
