/*
 * ocr_lineimg.c - Tesseract's text lines handed over without a PNG.
 *
 * Tesseract 5 gives every text line to its LSTM through an ImageData,
 * which keeps the line's pixels as a PNG in memory (pixWriteMem with
 * IFF_PNG) and decodes them again (pixReadMem) before scaling them to
 * the network's height.  Nothing else reads those bytes.  On the 60
 * pages of the default corpus that is 1,893 line images, and the round
 * trip took 3.4 s of about 70 s of Recognize (bench/RESULTS.md).
 *
 * pixReadMem reads every format Leptonica writes, so inside sohoa's
 * own recognition the PNG asked for is written as Leptonica's
 * serialized pix (IFF_SPIX): a header and a copy of the raster, read
 * back as the same pixels.  The page texts are byte for byte the same.
 *
 * How: this library defines pixWriteMem itself.  The program exports
 * it (see CMakeLists.txt), and the dynamic linker binds libtesseract's
 * calls to it before Leptonica's (ELF symbol interposition).  Every
 * call outside a span marked by ocr_lineimg_enter() on the calling
 * thread, and every format but PNG, goes to Leptonica's own function
 * unchanged.  The bare loop of the benchmark never marks a span: it is
 * Tesseract as the CLI runs it.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <string.h>
#include <pthread.h>

typedef l_ok (*ocr_lineimg_write_fn)(l_uint8 **, size_t *, PIX *, l_int32);

/* Set once, by the first caller; read-only afterwards. */
static ocr_lineimg_write_fn ocr_lineimg_next;
static pthread_once_t ocr_lineimg_once = PTHREAD_ONCE_INIT;

/* Per thread: nesting depth of marked spans, and line images served. */
static _Thread_local int ocr_lineimg_depth;
static _Thread_local long ocr_lineimg_count;

static void ocr_lineimg_resolve(void)
{
	void *sym = dlsym(RTLD_NEXT, "pixWriteMem");

	/* An object pointer to a function pointer: POSIX guarantees dlsym's. */
	memcpy(&ocr_lineimg_next, &sym, sizeof(sym));
}

l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format);

l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)
{
	if (ocr_lineimg_depth > 0 && format == IFF_PNG && pix && pdata && psize) {
		l_ok rc = pixWriteMemSpix(pdata, psize, pix);

		if (rc == 0)
			ocr_lineimg_count++;
		return rc;
	}
	pthread_once(&ocr_lineimg_once, ocr_lineimg_resolve);
	/* Unreachable with Leptonica linked as a shared library, which the
	 * build requires: a static one would clash with this definition. */
	if (!ocr_lineimg_next) {
		if (pdata)
			*pdata = NULL;
		if (psize)
			*psize = 0;
		return 1;
	}
	return ocr_lineimg_next(pdata, psize, pix, format);
}

void ocr_lineimg_enter(void)
{
	ocr_lineimg_depth++;
}

void ocr_lineimg_leave(void)
{
	if (ocr_lineimg_depth > 0)
		ocr_lineimg_depth--;
}

long ocr_lineimg_served(void)
{
	return ocr_lineimg_count;
}
