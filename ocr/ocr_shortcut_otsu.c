/*
 * ocr_shortcut_otsu.c - Tesseract's Otsu thresholding of a gray page
 * (HistogramRect, ImageThresholder::ThresholdRectToPix), whole words at
 * a time.
 *
 * Before its layout analysis, Tesseract turns a gray page into the
 * binary one its line finder reads: a histogram of the page (twice per
 * page: once for the binary copy, once for the threshold image), then
 * every pixel compared with the threshold.  Both go pixel by pixel,
 * each pixel's byte located through Leptonica's GET_DATA_BYTE, each
 * output bit set or cleared on its own: about 4% of sohoa's time on
 * the default corpus.  Here the histogram counts whole 32-bit words
 * into four tables (no increment waits for the one before), and the
 * comparison takes 32 pixels at a time into one output word.  Integer
 * counts and comparisons: the same histogram, the same bits.
 *
 * Only 8-bit pages (one channel) whose rectangle lies inside the image;
 * anything else goes to libtesseract.  As in ocr_shortcut_lstm.c: only
 * inside the spans of ocr_shortcut.c, only under Tesseract 5.3, whose
 * ImageThresholder layout was read from its disassembly, and only
 * after a check at start-up has run libtesseract's functions and these
 * on the same random pages and rectangles with the same results.
 */
#include "ocr_priv.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tesseract::ImageThresholder's rectangle (rect_left_ .. rect_height_). */
typedef struct {
	unsigned char head[0x2c];
	int left, top, width, height;
} ocr_thresholder;

_Static_assert(offsetof(ocr_thresholder, left) == 0x2c, "ImageThresholder::rect_left_");
_Static_assert(offsetof(ocr_thresholder, height) == 0x38, "ImageThresholder::rect_height_");

/* libstdc++'s std::vector<int>. */
typedef struct {
	int *begin, *end, *cap;
} ocr_ivec;

/* tesseract::kHistogramSize. */
#define OCR_OTSU_BINS 256

#define OCR_HISTOGRAM_RECT "_ZN9tesseract13HistogramRectENS_5ImageEiiiiiPi"
#define OCR_THRESHOLD_RECT                                                                         \
	"_ZNK9tesseract16ImageThresholder18ThresholdRectToPixENS_5ImageEiRKSt6vectorIiSaIiEES6_"   \
	"PS1_"

/* tesseract::Image is a Pix pointer, passed as one. */
typedef void (*ocr_histogram_fn)(PIX *, int, int, int, int, int, int *);
typedef void (*ocr_threshold_fn)(const ocr_thresholder *, PIX *, int, const ocr_ivec *,
                                 const ocr_ivec *, PIX **);

static ocr_histogram_fn ocr_histogram_next;
static ocr_threshold_fn ocr_threshold_next;
/* Set before main by ocr_otsu_resolve, read-only afterwards. */
static bool ocr_otsu_on;

static _Thread_local long ocr_otsu_n;

/* A rectangle of an 8-bit pix that lies inside it. */
static bool ocr_otsu_fits(PIX *pix, int left, int top, int width, int height)
{
	return pix && pixGetDepth(pix) == 8 && !pixGetColormap(pix) && left >= 0 && top >= 0 &&
	       width > 0 && height > 0 && left <= pixGetWidth(pix) - width &&
	       top <= pixGetHeight(pix) - height;
}

static void ocr_otsu_histogram(PIX *pix, int left, int top, int width, int height, int *hist)
{
	/* Four tables: consecutive bytes of a word go to different ones. */
	uint32_t t[4][OCR_OTSU_BINS];
	const l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);

	memset(t, 0, sizeof(t));
	for (int y = top; y < top + height; y++) {
		const l_uint32 *line = data + (size_t)y * (size_t)wpl;
		int x = left, end = left + width;

		for (; x < end && (x & 3); x++)
			t[0][GET_DATA_BYTE(line, x)]++;
		for (; x + 4 <= end; x += 4) {
			l_uint32 w = line[x >> 2];

			t[0][w & 0xff]++;
			t[1][(w >> 8) & 0xff]++;
			t[2][(w >> 16) & 0xff]++;
			t[3][w >> 24]++;
		}
		for (; x < end; x++)
			t[1][GET_DATA_BYTE(line, x)]++;
	}
	for (int v = 0; v < OCR_OTSU_BINS; v++)
		hist[v] = (int)(t[0][v] + t[1][v] + t[2][v] + t[3][v]);
}

/* Bits set for the pixels Tesseract makes black, 32 pixels to a word
 * from an aligned source (hi == 0: pixel > thresh; else pixel <= thresh). */
static l_uint32 ocr_otsu_word(const l_uint32 *src, int thresh, bool above)
{
	uint32_t m = ocr_row_above32(src, thresh);

	return above ? m : ~m;
}

static bool ocr_otsu_black(int pixel, int thresh, int hi)
{
	return hi >= 0 && (pixel > thresh) == (hi == 0);
}

static void ocr_otsu_threshold(const ocr_thresholder *th, PIX *src, int thresh, int hi, PIX **out)
{
	int w = th->width, h = th->height, left = th->left;
	int swpl = pixGetWpl(src), wpl;
	const l_uint32 *sdata = pixGetData(src);
	l_uint32 *data;
	/* pixel > thresh for every pixel, or for none, needs no compare. */
	bool all = (thresh < 0), none = (thresh > 254);

	*out = pixCreate(w, h, 1);
	if (!*out)
		return;
	pixSetXRes(*out, pixGetXRes(src));
	pixSetYRes(*out, pixGetYRes(src));
	if (hi < 0)
		return;
	data = pixGetData(*out);
	wpl = pixGetWpl(*out);
	for (int y = 0; y < h; y++) {
		const l_uint32 *sline = sdata + (size_t)(y + th->top) * (size_t)swpl;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;
		int x = 0;

		/* Whole words while the 32 source pixels lie inside the row. */
		if (!(left & 3)) {
			for (; x + 32 <= w; x += 32) {
				if (all || none)
					line[x >> 5] = (all == (hi == 0)) ? 0xffffffffu : 0;
				else
					line[x >> 5] = ocr_otsu_word(sline + ((left + x) >> 2),
					                             thresh, hi == 0);
			}
		}
		for (; x < w; x++)
			if (ocr_otsu_black(GET_DATA_BYTE(sline, left + x), thresh, hi))
				SET_DATA_BIT(line, x);
	}
}

/* Random 8-bit pages, mostly paper and ink with runs and noise. */
static PIX *ocr_otsu_page(unsigned *seed, int w, int h)
{
	PIX *pix = pixCreate(w, h, 8);
	int v = 255;

	if (!pix)
		return NULL;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			*seed = *seed * 1103515245u + 12345u;
			if ((*seed >> 16) % 9 == 0)
				v = (int)((*seed >> 8) & 0xff);
			pixSetPixel(pix, x, y, (l_uint32)v);
		}
	return pix;
}

/* Pages of widths around a word, every alignment of the rectangle,
 * thresholds across the range and past it, every kind of hi value. */
static bool ocr_otsu_agree(void)
{
	static const int sizes[][2] = {{1, 1},  {3, 2},  {31, 3}, {32, 4},  {33, 5},  {63, 7},
	                               {64, 2}, {65, 3}, {97, 9}, {130, 6}, {257, 11}};
	static const int threshes[] = {-1, 0, 1, 100, 127, 128, 200, 254, 255, 256};
	static const int his[] = {-1, 0, 1, 255};
	unsigned seed = 7;
	bool same = true;

	for (size_t s = 0; same && s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int pw = sizes[s][0] + 9, ph = sizes[s][1] + 2;
		PIX *page = ocr_otsu_page(&seed, pw, ph);

		if (!page)
			return false;
		for (int left = 0; same && left < 9; left++) {
			ocr_thresholder th;
			int ha[OCR_OTSU_BINS], hb[OCR_OTSU_BINS];

			memset(&th, 0, sizeof(th));
			th.left = left;
			th.top = left % 3;
			th.width = sizes[s][0];
			th.height = sizes[s][1];
			ocr_histogram_next(page, 0, th.left, th.top, th.width, th.height, ha);
			ocr_otsu_histogram(page, th.left, th.top, th.width, th.height, hb);
			same = memcmp(ha, hb, sizeof(ha)) == 0;
			for (size_t k = 0; same && k < sizeof(threshes) / sizeof(threshes[0]); k++)
				for (size_t m = 0; same && m < sizeof(his) / sizeof(his[0]); m++) {
					int tv = threshes[k], hv = his[m];
					ocr_ivec t = {&tv, &tv + 1, &tv + 1},
					         hi = {&hv, &hv + 1, &hv + 1};
					PIX *a = NULL, *b = NULL;

					ocr_threshold_next(&th, page, 1, &t, &hi, &a);
					ocr_otsu_threshold(&th, page, tv, hv, &b);
					same =
					    a && b && pixGetWpl(a) == pixGetWpl(b) &&
					    pixGetHeight(a) == pixGetHeight(b) &&
					    pixGetXRes(a) == pixGetXRes(b) &&
					    memcmp(pixGetData(a), pixGetData(b),
					           (size_t)pixGetWpl(a) * (size_t)pixGetHeight(a) *
					               sizeof(l_uint32)) == 0;
					pixDestroy(&a);
					pixDestroy(&b);
				}
		}
		pixDestroy(&page);
	}
	return same;
}

/*
 * libtesseract's constructors have run: it is loaded before us.  Its
 * own functions are looked up whatever its version (every other call
 * goes to them); the check, which hands them a mirrored thresholder,
 * runs only for the release whose layout was read (5.3).
 */
__attribute__((constructor)) static void ocr_otsu_resolve(void)
{
	const char *v = TessVersion();
	void *f = dlsym(RTLD_NEXT, OCR_HISTOGRAM_RECT), *g = dlsym(RTLD_NEXT, OCR_THRESHOLD_RECT);

	memcpy(&ocr_histogram_next, &f, sizeof(f));
	memcpy(&ocr_threshold_next, &g, sizeof(g));
	if (!f || !g || !v || strncmp(v, "5.3.", 4) != 0)
		return;
	ocr_otsu_on = ocr_otsu_agree();
}

static void ocr_otsu_broken(const char *what)
{
	fprintf(stderr, "sohoa: cannot find libtesseract's %s: broken link\n", what);
	abort();
}

void ocr_histogram_rect(PIX *pix, int channel, int left, int top, int width, int height,
                        int *hist) __asm__(OCR_HISTOGRAM_RECT);
void ocr_histogram_rect(PIX *pix, int channel, int left, int top, int width, int height, int *hist)
{
	/* One channel: whatever channel was asked, Tesseract reads channel 0. */
	if (ocr_shortcut_depth > 0 && ocr_otsu_on && ocr_otsu_fits(pix, left, top, width, height)) {
		ocr_otsu_n++;
		ocr_otsu_histogram(pix, left, top, width, height, hist);
		return;
	}
	if (!ocr_histogram_next)
		ocr_otsu_broken("HistogramRect");
	ocr_histogram_next(pix, channel, left, top, width, height, hist);
}

void ocr_threshold_rect(const ocr_thresholder *th, PIX *src, int channels,
                        const ocr_ivec *thresholds, const ocr_ivec *hi_values,
                        PIX **out) __asm__(OCR_THRESHOLD_RECT);
void ocr_threshold_rect(const ocr_thresholder *th, PIX *src, int channels,
                        const ocr_ivec *thresholds, const ocr_ivec *hi_values, PIX **out)
{
	if (ocr_shortcut_depth > 0 && ocr_otsu_on && channels == 1 &&
	    thresholds->end - thresholds->begin >= 1 && hi_values->end - hi_values->begin >= 1 &&
	    ocr_otsu_fits(src, th->left, th->top, th->width, th->height)) {
		ocr_otsu_n++;
		ocr_otsu_threshold(th, src, thresholds->begin[0], hi_values->begin[0], out);
		return;
	}
	if (!ocr_threshold_next)
		ocr_otsu_broken("ImageThresholder::ThresholdRectToPix");
	ocr_threshold_next(th, src, channels, thresholds, hi_values, out);
}

long ocr_shortcut_otsu_calls(void)
{
	return ocr_otsu_n;
}

bool ocr_shortcut_otsu_on(void)
{
	return ocr_otsu_on;
}
