/*
 * test_ocr_orient.c - quarter-turn orientation: a text page turned by
 * each quarter turn comes back upright (and so reads as text), an
 * upright page and a blank page are left alone, a speckled page turns
 * once its specks are cleaned.  Deskew: a page skewed
 * by a few degrees either way is found at its angle and straightened,
 * and reads better than as it came; a straight page stays.  The
 * up-down statistic counts, and the fixed threshold thresholds, as
 * Leptonica's do.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "classify.h"
#include "ocr.h"
#include "ocr_priv.h"
#include "raster_fixtures.h"

static const char *const lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "Kính gửi: Công an xã Tân Phú, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
    "Tôi tên là: Hoàng Công Quân",
    "Ngày, tháng, năm sinh: 15/06/1960",
    "Giới tính: Nam",
    "Số định danh cá nhân: 020060707927",
    "Số điện thoại liên hệ: 0312227896",
    "Nơi cư trú: Xóm 5, xã Tân Phú, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
    "Nội dung đề nghị: đăng ký thường trú tại Xóm 5, xã Tân Phú,",
    "huyện Cẩm Xuyên, tỉnh Hà Tĩnh, cùng với vợ và hai con.",
    "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật",
    "và chịu trách nhiệm trước pháp luật về lời khai của mình.",
    "Hồ sơ kèm theo gồm giấy khai sinh, sổ hộ khẩu và giấy xác nhận",
    "nơi ở hợp pháp do Ủy ban nhân dân xã cấp ngày 02 tháng 01.",
    "Tân Phú, ngày 05 tháng 01 năm 2024",
    "NGƯỜI LÀM ĐƠN",
    "(Ký, ghi rõ họ tên)",
    "Hoàng Công Quân",
};
#define N_LINES ((int)(sizeof(lines) / sizeof(lines[0])))

/* The raster turned by `turns` quarter turns clockwise, as a viewer sees them. */
static void orient_turn(bench_raster *r, int turns)
{
	int w = r->width, h = r->height, nw = turns % 2 ? h : w, nh = turns % 2 ? w : h;
	uint8_t *out;

	if (turns % 4 == 0)
		return;
	out = malloc((size_t)w * (size_t)h);
	assert_non_null(out);
	for (int y = 0; y < nh; y++)
		for (int x = 0; x < nw; x++) {
			size_t src;

			if (turns == 1)
				src = (size_t)(h - 1 - x) * (size_t)w + (size_t)y;
			else if (turns == 2)
				src = (size_t)(h - 1 - y) * (size_t)w + (size_t)(w - 1 - x);
			else
				src = (size_t)x * (size_t)w + (size_t)(w - 1 - y);
			out[(size_t)y * (size_t)nw + (size_t)x] = r->pixels[src];
		}
	free(r->pixels);
	r->pixels = out;
	r->width = nw;
	r->height = nh;
}

static ocr_image *orient_page(int turns, int *up_w, int *up_h)
{
	bench_raster r;
	ocr_image *img;
	core_err err;

	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, N_LINES, "DejaVu Sans", 12, 300, &r, &err), 0);
	*up_w = r.width;
	*up_h = r.height;
	orient_turn(&r, turns);
	img = rfx_load(&r);
	bench_raster_free(&r);
	return img;
}

static void test_quarter_turns(void **state)
{
	(void)state;
	for (int turns = 0; turns < 4; turns++) {
		ocr_image *img;
		core_err err;
		double conf = -1;
		int rot = -1, w, h;

		core_err_clear(&err);
		img = orient_page(turns, &w, &h);
		assert_int_equal(ocr_image_orient(img, &rot, &conf, &err), 0);
		printf("# turned %d: rotation %d, confidence %.2f\n", 90 * turns, rot, conf);
		assert_int_equal(rot, (360 - 90 * turns) % 360);
		assert_true(conf > 0.0);
		assert_int_equal(ocr_image_width(img), w);
		assert_int_equal(ocr_image_height(img), h);
		assert_int_equal(ocr_image_dpi(img), 300);
		ocr_image_destroy(&img);
	}
}

/*
 * Dust all over a serif page, the generator's speckle degradation
 * thrown twice: after cleaning, the specks left beside the letters
 * used to drown the orientation statistic (scores of 4 to 6, where
 * the letters alone score 9 to 14) and leave the turn undecided.
 */
static void test_specked_turns(void **state)
{
	/* Dust patterns picked, when the test was written, among those
	 * that left the page undecided without the dust filter. */
	static const uint64_t seeds[4] = {20, 50, 80, 30};

	(void)state;
	for (int turns = 0; turns < 4; turns++) {
		bench_raster r;
		ocr_image *img;
		ocr_clean_info info;
		core_err err;
		double conf = -1;
		int rot = -1;

		core_err_clear(&err);
		assert_int_equal(
		    bench_render_lines(lines, N_LINES, "DejaVu Serif", 11, 300, &r, &err), 0);
		assert_int_equal(bench_degrade_page(&r, "speckle", seeds[turns], &err), 0);
		assert_int_equal(bench_degrade_page(&r, "speckle", seeds[turns] + 1, &err), 0);
		orient_turn(&r, turns);
		img = rfx_load(&r);
		bench_raster_free(&r);
		assert_int_equal(ocr_image_clean(img, OCR_STEP_DESPECKLE, &info, &err), 0);
		assert_true(info.done & OCR_STEP_DESPECKLE);
		assert_int_equal(ocr_image_orient(img, &rot, &conf, &err), 0);
		printf("# speckled, turned %d: rotation %d, confidence %.2f\n", 90 * turns, rot,
		       conf);
		assert_int_equal(rot, (360 - 90 * turns) % 360);
		ocr_image_destroy(&img);
	}
}

static void test_upside_down_reads(void **state)
{
	char ref[4096] = "";
	classify_errcount c;
	ocr_engine *eng = NULL;
	ocr_result *res = NULL;
	ocr_image *img;
	core_err err;
	double conf;
	int rot, w, h;

	(void)state;
	core_err_clear(&err);
	img = orient_page(2, &w, &h);
	assert_int_equal(ocr_image_orient(img, &rot, &conf, &err), 0);
	assert_int_equal(rot, 180);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	for (int i = 0; i < N_LINES; i++) {
		strncat(ref, lines[i], sizeof(ref) - strlen(ref) - 2);
		strncat(ref, "\n", sizeof(ref) - strlen(ref) - 1);
	}
	assert_int_equal(classify_cer(ref, res->text, false, &c, &err), 0);
	printf("# upside-down page after orientation: CER %.3f%%\n", 100.0 * classify_rate(&c));
	assert_true(classify_rate(&c) <= 0.02);
	ocr_result_destroy(&res);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
}

static void test_blank(void **state)
{
	bench_raster r = {.width = 2480, .height = 3508, .dpi = 300};
	ocr_image *img;
	core_err err;
	double conf = -1;
	int rot = -1;

	(void)state;
	core_err_clear(&err);
	r.pixels = malloc((size_t)r.width * (size_t)r.height);
	assert_non_null(r.pixels);
	memset(r.pixels, 255, (size_t)r.width * (size_t)r.height);
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_orient(img, &rot, &conf, &err), 0);
	assert_int_equal(rot, 0);
	assert_true(conf == 0.0);
	assert_int_equal(ocr_image_width(img), 2480);
	assert_int_equal(ocr_image_orient(NULL, &rot, &conf, &err), CORE_EARG);
	ocr_image_destroy(&img);
}

/* r turned by deg (bilinear, white brought in), as a page lies crooked
 * on the scanner glass; the sense is the generator's "skew". */
static void skew_raster(bench_raster *r, double deg)
{
	double a = deg * M_PI / 180.0, ca = cos(a), sa = sin(a);
	double cx = r->width / 2.0, cy = r->height / 2.0;
	uint8_t *out = malloc((size_t)r->width * (size_t)r->height);

	assert_non_null(out);
	for (int y = 0; y < r->height; y++)
		for (int x = 0; x < r->width; x++) {
			double sx = ca * (x - cx) - sa * (y - cy) + cx;
			double sy = sa * (x - cx) + ca * (y - cy) + cy;
			int x0 = (int)floor(sx), y0 = (int)floor(sy);
			double fx = sx - x0, fy = sy - y0, v = 0;

			for (int k = 0; k < 4; k++) {
				int xx = x0 + (k & 1), yy = y0 + (k >> 1);
				double wgt = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy);
				int p = (xx < 0 || yy < 0 || xx >= r->width || yy >= r->height)
				            ? 255
				            : r->pixels[(size_t)yy * (size_t)r->width + (size_t)xx];
				v += wgt * p;
			}
			out[(size_t)y * (size_t)r->width + (size_t)x] = (uint8_t)lround(v);
		}
	free(r->pixels);
	r->pixels = out;
}

static double page_cer(ocr_engine *eng, const ocr_image *img)
{
	return rfx_page_cer(eng, img, lines, N_LINES, NULL);
}

/* Longest run of dark (< 128) pixels along any row (vertical false) or column. */
static int longest_dark_run(const ocr_image *img, bool vertical)
{
	int w = ocr_image_width(img), h = ocr_image_height(img), best = 0;
	int outer = vertical ? w : h, inner = vertical ? h : w;

	for (int a = 0; a < outer; a++) {
		int run = 0;

		for (int b = 0; b < inner; b++) {
			int g =
			    vertical ? ocr_image_gray_at(img, a, b) : ocr_image_gray_at(img, b, a);

			run = g < 128 ? run + 1 : 0;
			if (run > best)
				best = run;
		}
	}
	return best;
}

/*
 * A frame of hairline rules (a card's fingerprint box: one pixel, not
 * quite black) around the text, the page skewed and straightened: the
 * rules come out as unbroken dark lines, as Tesseract's line finder
 * needs them, not as the wavering gray bands a turn leaves (which read
 * as noise and reorder a card's blocks).  A tinted band behind lines of
 * text is no rule: it must not be drawn black over the text.
 */
static void test_deskew_rules(void **state)
{
	const int x0 = 150, y0 = 150, rule = 1;
	bench_raster r;
	ocr_image *img;
	ocr_engine *eng = NULL;
	core_err err;
	double angle = 0, cer;
	int x1, y1, across, down;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, N_LINES, "DejaVu Sans", 12, 300, &r, &err), 0);
	x1 = r.width - x0;
	y1 = r.height - y0;
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++)
			if (y < y0 + rule || y >= y1 - rule || x < x0 + rule || x >= x1 - rule)
				r.pixels[(size_t)y * (size_t)r.width + (size_t)x] = 60;
	skew_raster(&r, 1.9);
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_deskew(img, &angle, NULL, &err), 0);
	across = longest_dark_run(img, false);
	down = longest_dark_run(img, true);
	printf("# frame skewed 1.9, turned %.2f: longest rule %d of %d across, %d of %d down\n",
	       angle, across, x1 - x0, down, y1 - y0);
	assert_true(fabs(angle - 1.9) <= 0.2);
	assert_true(across >= (x1 - x0) * 9 / 10);
	assert_true(down >= (y1 - y0) * 9 / 10);
	ocr_image_destroy(&img);

	/* Gray 190 behind a few lines, as a shaded header or a tinted form. */
	assert_int_equal(bench_render_lines(lines, N_LINES, "DejaVu Sans", 12, 300, &r, &err), 0);
	for (size_t i = (size_t)r.width * 400; i < (size_t)r.width * 800; i++)
		if (r.pixels[i] > 190)
			r.pixels[i] = 190;
	skew_raster(&r, 1.9);
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_deskew(img, &angle, NULL, &err), 0);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	cer = page_cer(eng, img);
	printf("# tinted band skewed 1.9, turned %.2f: CER %.2f%%\n", angle, 100 * cer);
	assert_true(cer <= 0.02);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
}

static void test_deskew(void **state)
{
	static const double skews[] = {3.0, -3.0, 0.0};
	ocr_engine *eng = NULL;
	core_err err;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	for (size_t i = 0; i < sizeof(skews) / sizeof(skews[0]); i++) {
		bench_raster r;
		ocr_image *img, *crooked;
		double angle = 99, conf = -1, before, after;
		int w;

		assert_int_equal(
		    bench_render_lines(lines, N_LINES, "DejaVu Sans", 12, 300, &r, &err), 0);
		w = r.width;
		if (skews[i] != 0.0)
			skew_raster(&r, skews[i]);
		img = rfx_load(&r);
		crooked = rfx_load(&r);
		bench_raster_free(&r);
		assert_int_equal(ocr_image_deskew(img, &angle, &conf, &err), 0);
		before = page_cer(eng, crooked);
		after = page_cer(eng, img);
		printf("# skewed %.1f: turned %.2f (confidence %.1f); CER %.2f%% as scanned, "
		       "%.2f%% straightened\n",
		       skews[i], angle, conf, 100 * before, 100 * after);
		/* The skew is found (same sign convention as the generator's
		 * skew), and the page is straight afterwards. */
		assert_true(fabs(angle - skews[i]) <= 0.2);
		{
			double again = 99;
			assert_int_equal(ocr_image_deskew(img, &again, NULL, &err), 0);
			assert_true(again == 0.0);
		}
		assert_int_equal(ocr_image_width(img), w);
		assert_true(after <= 0.02);
		if (skews[i] == 0.0)
			assert_true(angle == 0.0);
		ocr_image_destroy(&img);
		ocr_image_destroy(&crooked);
	}
	ocr_engine_destroy(&eng);
}

/*
 * A sparse page (a few lines of small type, as on a photocopied
 * identity card) gives Leptonica's statistic too little to decide on
 * some turns; Tesseract's orientation model then turns them, and the
 * batch's orientation is right on every turn.
 */
static void test_osd_fallback(void **state)
{
	ocr_engine *eng = NULL;
	core_err err;
	int lept_undecided = 0, osd_turns = 0;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	for (int turns = 0; turns < 4; turns++) {
		bench_raster r;
		ocr_image *img;
		double conf = -1;
		int rot = -1;
		bool by_osd = false;

		assert_int_equal(bench_render_lines(lines, 8, "DejaVu Sans", 8, 300, &r, &err), 0);
		orient_turn(&r, turns);
		img = rfx_load(&r);
		assert_int_equal(ocr_image_orient(img, &rot, &conf, &err), 0);
		printf("# card lines turned %d: leptonica %d (confidence %.2f)\n", 90 * turns, rot,
		       conf);
		lept_undecided += turns > 0 && rot == 0;
		ocr_image_destroy(&img);
		img = rfx_load(&r);
		bench_raster_free(&r);
		assert_int_equal(ocr_engine_orient(eng, img, &rot, &conf, &by_osd, &err), 0);
		printf("# card lines turned %d: osd %d (confidence %.2f)\n", 90 * turns, rot, conf);
		assert_int_equal(rot, (360 - 90 * turns) % 360);
		osd_turns += by_osd;
		ocr_image_destroy(&img);
	}
	/* The model turned every page the statistic left undecided. */
	assert_true(lept_undecided > 0);
	assert_int_equal(osd_turns, lept_undecided);
	ocr_engine_destroy(&eng);
}

/* Leptonica's pixUpDownDetect counts, from its own primitives. */
static void updown_leptonica(PIX *bin, long *nup, long *ndown)
{
	/* flipdetect.c's textsel1..4, five rows of six. */
	static const char *const sels[4] = {
	    "x  oo "
	    "x oOo "
	    "x  o  "
	    "x     "
	    "xxxxxx",
	    " oo  x"
	    " oOo x"
	    "  o  x"
	    "     x"
	    "xxxxxx",
	    "xxxxxx"
	    "x     "
	    "x  o  "
	    "x oOo "
	    "x  oo ",
	    "xxxxxx"
	    "     x"
	    "  o  x"
	    " oOo x"
	    " oo  x",
	};
	PIX *closed = pixMorphCompSequence(bin, "c1.8 + c30.1", 0), *hm[4], *r;
	l_int32 count;

	assert_non_null(closed);
	for (int i = 0; i < 4; i++) {
		SEL *sel = selCreateFromString(sels[i], 5, 6, NULL);

		assert_non_null(sel);
		hm[i] = pixHMT(NULL, closed, sel);
		assert_non_null(hm[i]);
		selDestroy(&sel);
	}
	pixOr(hm[0], hm[0], hm[1]);
	pixOr(hm[2], hm[2], hm[3]);
	r = pixReduceRankBinaryCascade(hm[0], 1, 1, 0, 0);
	pixCountPixels(r, &count, NULL);
	*nup = r ? count : 0;
	pixDestroy(&r);
	r = pixReduceRankBinaryCascade(hm[2], 1, 1, 0, 0);
	pixCountPixels(r, &count, NULL);
	*ndown = r ? count : 0;
	pixDestroy(&r);
	for (int i = 0; i < 4; i++)
		pixDestroy(&hm[i]);
	pixDestroy(&closed);
}

/* Both counts and the confidence, bit for bit. */
static void updown_same(PIX *bin, const char *what)
{
	long up = -1, down = -1, lup = -2, ldown = -2;
	l_float32 conf = 1.0f, lconf = 2.0f;

	updown_leptonica(bin, &lup, &ldown);
	assert_int_equal(pixUpDownDetect(bin, &lconf, 0, 0, 0), 0);
	assert_int_equal(ocr_pix_updown(bin, &conf, &up, &down), 0);
	if (up != lup || down != ldown || memcmp(&conf, &lconf, sizeof(conf)) != 0)
		fail_msg("%s (%dx%d): up %ld down %ld conf %.9g, Leptonica %ld %ld %.9g", what,
		         pixGetWidth(bin), pixGetHeight(bin), up, down, (double)conf, lup, ldown,
		         (double)lconf);
}

/*
 * ocr_pix_updown against Leptonica's pixUpDownDetect: rendered pages
 * in all four turns, with specks, clipped to odd sizes at every offset
 * from the edges; random images of every small size and density.
 */
static void test_updown_is_leptonicas(void **state)
{
	unsigned long long rng = 42;
	int pages = 0, randoms = 0;
	long up = 0, down = 0;
	l_float32 conf;

	(void)state;
	for (int turns = 0; turns < 4; turns++) {
		int w, h;
		ocr_image *img = orient_page(turns, &w, &h);
		PIX *bin = pixThresholdToBinary(img->pix, 128);

		assert_non_null(bin);
		updown_same(bin, "page");
		if (turns == 0) {
			assert_int_equal(ocr_pix_updown(bin, &conf, &up, &down), 0);
			printf("# upright page: %ld ascenders, %ld descenders, confidence %.2f\n",
			       up, down, (double)conf);
			assert_true(up > down && conf > 6.0f);
		}
		/* Text against every edge and corner: the page cut 0..5 pixels
		 * inside its ink box, to odd and even sizes. */
		for (int cut = 0; cut < 6; cut++) {
			BOX *ink = NULL, *in;
			PIX *part;

			assert_int_equal(pixClipToForeground(bin, NULL, &ink), 0);
			in = boxAdjustSides(NULL, ink, cut, -cut - turns, cut + 1, -cut);
			part = pixClipRectangle(bin, in, NULL);
			assert_non_null(part);
			updown_same(part, "clipped page");
			pages++;
			pixDestroy(&part);
			boxDestroy(&in);
			boxDestroy(&ink);
		}
		/* Specks: single pixels set and cleared at random. */
		for (int k = 0; k < 4000; k++) {
			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			pixSetPixel(bin, (int)((rng >> 33) % (unsigned)pixGetWidth(bin)),
			            (int)((rng >> 13) % (unsigned)pixGetHeight(bin)), k % 3 != 0);
		}
		updown_same(bin, "specked page");
		pages += 2;
		pixDestroy(&bin);
		ocr_image_destroy(&img);
	}
	for (int w = 1; w <= 140; w += 3)
		for (int h = 1; h <= 70; h += 7) {
			PIX *pix = pixCreate(w, h, 1);
			/* From sparse to dense, so that some windows match. */
			unsigned density = (unsigned)(w * 7 + h) % 9 + 1;

			assert_non_null(pix);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
					if ((rng >> 40) % 10 < density)
						pixSetPixel(pix, x, y, 1);
				}
			updown_same(pix, "random");
			randoms++;
			pixDestroy(&pix);
		}
	printf("# %d pages and %d random images counted as Leptonica counts\n", pages, randoms);
}

/*
 * ocr_pix_threshold against Leptonica's pixThresholdToBinary: random
 * gray pages of widths around and across words, every threshold's
 * edge, the same bits (padding included), resolution and format.
 */
static void test_threshold_is_leptonicas(void **state)
{
	static const int threshes[] = {0, 1, 2, 100, 127, 128, 129, 200, 254, 255, 256};
	unsigned long long rng = 7;
	int pages = 0;

	(void)state;
	for (int w = 1; w <= 200; w += (w < 70 ? 1 : 13)) {
		int h = 1 + w % 5;
		PIX *gray = pixCreate(w, h, 8);

		assert_non_null(gray);
		pixSetResolution(gray, 100 + w, 300);
		pixSetInputFormat(gray, IFF_PNG);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
				pixSetPixel(gray, x, y, (l_uint32)(rng >> 56));
			}
		for (size_t k = 0; k < sizeof(threshes) / sizeof(threshes[0]); k++) {
			PIX *a = pixThresholdToBinary(gray, threshes[k]);
			PIX *b = ocr_pix_threshold(gray, threshes[k]);

			assert_non_null(a);
			assert_non_null(b);
			assert_int_equal(pixGetWidth(a), pixGetWidth(b));
			assert_int_equal(pixGetHeight(a), pixGetHeight(b));
			assert_int_equal(pixGetXRes(a), pixGetXRes(b));
			assert_int_equal(pixGetYRes(a), pixGetYRes(b));
			assert_int_equal(pixGetInputFormat(a), pixGetInputFormat(b));
			assert_memory_equal(pixGetData(a), pixGetData(b),
			                    (size_t)pixGetWpl(a) * (size_t)h * sizeof(l_uint32));
			pixDestroy(&a);
			pixDestroy(&b);
			pages++;
		}
		pixDestroy(&gray);
	}
	printf("# %d thresholdings as Leptonica's\n", pages);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quarter_turns),
	    cmocka_unit_test(test_updown_is_leptonicas),
	    cmocka_unit_test(test_threshold_is_leptonicas),
	    cmocka_unit_test(test_specked_turns),
	    cmocka_unit_test(test_upside_down_reads),
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_deskew),
	    cmocka_unit_test(test_deskew_rules),
	    cmocka_unit_test(test_osd_fallback),

	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	/* Releases fontconfig's caches, which the leak checker would otherwise report. */
	bench_shutdown();
	return rc;
}
