/*
 * test_ocr_clean.c - cleaning before orientation: a dark scan border is
 * whitened and the text beside it still reads; isolated specks go and
 * every tone mark stays (the page comes back pixel for pixel); a
 * 400 dpi page comes out at 300 dpi and its word boxes map back; a
 * faded page is stretched; a clean page is left untouched by every
 * detector.
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
#include "raster_fixtures.h"

static const char *const lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "Kính gửi: Ủy ban nhân dân phường Nghĩa Đô, quận Cầu Giấy",
    "Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hương",
    "Ngày, tháng, năm sinh: 23/11/1991",
    "Nơi cư trú: số 18 ngõ 7 phố Hoàng Quốc Việt, Hà Nội",
    "Giấy tờ tùy thân: Căn cước công dân số 001191023456",
    "Mục đích sử dụng: để đăng ký kết hôn với ông Trần Đức Mạnh",
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật,",
    "và chịu trách nhiệm trước pháp luật về lời khai của mình.",
    "Hà Nội, ngày 14 tháng 02 năm 2024",
};
#define N_LINES ((int)(sizeof(lines) / sizeof(lines[0])))

static void render(int dpi, double pt, bench_raster *r)
{
	core_err err;

	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, N_LINES, "DejaVu Sans", pt, dpi, r, &err), 0);
}

static double page_cer(ocr_engine *eng, const ocr_image *img, ocr_result **keep)
{
	return rfx_page_cer(eng, img, lines, N_LINES, keep);
}

/* First column (from the left) and row (from the top) holding ink. */
static void ink_start(const bench_raster *r, int *x0, int *y0)
{
	*x0 = r->width;
	*y0 = r->height;
	for (int y = 0; y < r->height; y++)
		for (int x = 0; x < r->width; x++)
			if (r->pixels[(size_t)y * (size_t)r->width + (size_t)x] < 128) {
				if (x < *x0)
					*x0 = x;
				if (y < *y0)
					*y0 = y;
			}
}

static void sha_of(const ocr_image *img, char out[CORE_SHA256_HEX])
{
	ocr_image_sha256(img, out);
}

static void test_clean_page_untouched(void **state)
{
	char before[CORE_SHA256_HEX], after[CORE_SHA256_HEX];
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img;
	core_err err;

	(void)state;
	core_err_clear(&err);
	/* 10 pt: smaller marks, closer to their letters, than the usual forms. */
	for (int pt = 10; pt <= 12; pt += 2) {
		render(300, pt, &r);
		img = rfx_load(&r);
		bench_raster_free(&r);
		sha_of(img, before);
		assert_int_equal(
		    ocr_image_clean(img, OCR_STEPS_ALL & ~OCR_STEP_UPSCALE, &info, &err), 0);
		sha_of(img, after);
		printf("# clean %d pt page: done %#x, ink %d, paper %d\n", pt, info.done, info.ink,
		       info.paper);
		assert_int_equal(info.done, 0);
		assert_string_equal(before, after);
		assert_true(info.scale == 1.0);
		assert_int_equal(ocr_image_dpi(img), 300);
		ocr_image_destroy(&img);
	}
}

/* A dark band along the top and the left edge, ending `gap` pixels
 * before the text, with the generator's soft inner edge. */
static void add_border(bench_raster *r, int left, int top)
{
	for (int y = 0; y < r->height; y++)
		for (int x = 0; x < r->width; x++) {
			double t =
			    fmin(left > 0 ? (double)x / left : 2, top > 0 ? (double)y / top : 2);
			uint8_t *p = r->pixels + (size_t)y * (size_t)r->width + (size_t)x;
			double v;

			if (t >= 1)
				continue;
			v = 25 + (255 - 25) * t * t * t;
			if (v < *p)
				*p = (uint8_t)v;
		}
}

static void test_border(void **state)
{
	ocr_engine *eng = NULL;
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img, *dirty;
	core_err err;
	double before, after;
	int x0, y0;

	(void)state;
	core_err_clear(&err);
	render(300, 12, &r);
	ink_start(&r, &x0, &y0);
	/* Up to 12 pixels from the first letters: text near the margin. */
	add_border(&r, x0 - 12, y0 - 12);
	img = rfx_load(&r);
	dirty = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_clean(img, OCR_STEP_BORDER, &info, &err), 0);
	printf("# border: %d px whitened (text from x %d, y %d)\n", info.border_px, x0, y0);
	assert_int_equal(info.done, OCR_STEP_BORDER);
	assert_true(info.border_px > 0);
	assert_int_equal(ocr_image_gray_at(img, 1, 1), 255);
	assert_int_equal(ocr_image_gray_at(img, 1, ocr_image_height(img) / 2), 255);
	assert_int_equal(ocr_image_gray_at(img, ocr_image_width(img) / 2, 1), 255);
	/* Not a pixel of the text block touched, its first letters 12 pixels from the band. */
	for (int y = y0 - 2; y < ocr_image_height(img); y += 1)
		for (int x = x0 - 2; x < ocr_image_width(img); x += 1)
			if (ocr_image_gray_at(img, x, y) != ocr_image_gray_at(dirty, x, y))
				fail_msg("text pixel %d,%d changed", x, y);
	/* The far sides had no band: nothing there moved. */
	assert_int_equal(ocr_image_gray_at(img, ocr_image_width(img) - 2, 40), 255);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	before = page_cer(eng, dirty, NULL);
	after = page_cer(eng, img, NULL);
	printf("# border: CER %.3f%% with the band, %.3f%% without\n", 100 * before, 100 * after);
	assert_true(after <= 0.01);
	assert_true(after <= before);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
	ocr_image_destroy(&dirty);
}

/* Dust: n dark specks of 1 to 4 pixels in the empty lower part of the page. */
static void add_specks(bench_raster *r, int from_y, int n)
{
	uint32_t s = 12345;

	for (int k = 0; k < n; k++) {
		int x, y, size;

		s = s * 1103515245u + 12345u;
		x = 20 + (int)((s >> 8) % (uint32_t)(r->width - 40));
		s = s * 1103515245u + 12345u;
		y = from_y + (int)((s >> 8) % (uint32_t)(r->height - 20 - from_y));
		size = 1 + (int)((s >> 4) % 4);
		for (int yy = y; yy < y + size; yy++)
			for (int xx = x; xx < x + size; xx++)
				r->pixels[(size_t)yy * (size_t)r->width + (size_t)xx] = 20;
	}
}

static void test_despeckle(void **state)
{
	ocr_clean_info info;
	bench_raster r, clean;
	ocr_image *img;
	core_err err;

	(void)state;
	core_err_clear(&err);
	for (int pt = 10; pt <= 12; pt += 2) {
		long changed = 0, left = 0, added = 0;
		int x0, y0, last = 0;

		render(300, pt, &clean);
		/* Below the last line of text, where the page is plain white. */
		ink_start(&clean, &x0, &y0);
		for (int y = clean.height - 1; y >= 0 && !last; y--)
			for (int x = 0; x < clean.width; x++)
				if (clean.pixels[(size_t)y * (size_t)clean.width + (size_t)x] <
				    250) {
					last = y;
					break;
				}
		assert_true(last + 100 < clean.height);
		r = clean;
		r.pixels = malloc((size_t)r.width * (size_t)r.height);
		assert_non_null(r.pixels);
		memcpy(r.pixels, clean.pixels, (size_t)r.width * (size_t)r.height);
		add_specks(&r, last + 40, 2000);
		img = rfx_load(&r);
		assert_int_equal(ocr_image_clean(img, OCR_STEP_DESPECKLE, &info, &err), 0);
		assert_int_equal(info.done, OCR_STEP_DESPECKLE);
		for (int y = 0; y < r.height; y++)
			for (int x = 0; x < r.width; x++) {
				size_t i = (size_t)y * (size_t)r.width + (size_t)x;
				int v = ocr_image_gray_at(img, x, y);

				/* Every mark of the text still there, pixel for pixel. */
				if (y < last + 20)
					changed += v != clean.pixels[i];
				added += r.pixels[i] != clean.pixels[i];
				left += v != clean.pixels[i];
			}
		printf("# despeckle %d pt: %d speck pixels whitened; text pixels changed %ld; "
		       "speck pixels left %ld of %ld\n",
		       pt, info.speck_px, changed, left, added);
		assert_int_equal(changed, 0);
		/* Nearly all gone: what is left are specks that fell on each other. */
		assert_true(left * 10 < added);
		ocr_image_destroy(&img);
		bench_raster_free(&r);
		bench_raster_free(&clean);
	}
}

/* Specks inside the text block: the page reads better once cleaned. */
static void test_despeckle_reads(void **state)
{
	ocr_engine *eng = NULL;
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img, *dirty;
	core_err err;
	double before, after;
	int x0, y0;

	(void)state;
	core_err_clear(&err);
	render(300, 12, &r);
	ink_start(&r, &x0, &y0);
	add_specks(&r, y0, 6000);
	img = rfx_load(&r);
	dirty = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_clean(img, OCR_STEP_DESPECKLE, &info, &err), 0);
	assert_int_equal(info.done, OCR_STEP_DESPECKLE);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	before = page_cer(eng, dirty, NULL);
	after = page_cer(eng, img, NULL);
	printf("# specks in the text: CER %.3f%% as scanned, %.3f%% cleaned\n", 100 * before,
	       100 * after);
	assert_true(after * 2 <= before);
	assert_true(after <= 0.05);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
	ocr_image_destroy(&dirty);
}

static void test_scale_400(void **state)
{
	ocr_engine *eng = NULL;
	ocr_result *res = NULL;
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img;
	core_err err;
	double cer;
	int w, h;

	(void)state;
	core_err_clear(&err);
	render(400, 12, &r);
	w = r.width;
	h = r.height;
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_dpi(img), 400);
	assert_int_equal(ocr_image_clean(img, OCR_STEPS_DEFAULT, &info, &err), 0);
	assert_true(info.done & OCR_STEP_SCALE);
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_true(fabs(info.scale - 0.75) < 1e-6);
	assert_true(abs(ocr_image_width(img) - (w * 3) / 4) <= 1);
	assert_true(abs(ocr_image_height(img) - (h * 3) / 4) <= 1);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	cer = page_cer(eng, img, &res);
	printf("# 400 dpi page at 300: CER %.3f%%\n", 100 * cer);
	assert_true(cer <= 0.01);
	/* Boxes go back onto the page as scanned, and stay inside it. */
	assert_true(res->n_words > 0);
	{
		ocr_word first = res->words[0];

		ocr_result_fit(res, ocr_image_width(img), ocr_image_height(img), w, h);
		assert_true(abs(res->words[0].x0 - (int)(first.x0 / 0.75)) <= 2);
		assert_true(abs(res->words[0].y1 - (int)(first.y1 / 0.75)) <= 2);
		for (int i = 0; i < res->n_words; i++)
			assert_true(res->words[i].x1 <= w && res->words[i].y1 <= h);
	}
	ocr_result_destroy(&res);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
}

static void test_scale_200_by_default(void **state)
{
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img;
	core_err err;
	int w;

	(void)state;
	core_err_clear(&err);
	render(200, 12, &r);
	w = r.width;
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_clean(img, OCR_STEPS_DEFAULT, &info, &err), 0);
	assert_int_equal(!!(info.done & OCR_STEP_UPSCALE),
	                 !!(OCR_STEPS_DEFAULT & OCR_STEP_UPSCALE));
	assert_int_equal(ocr_image_clean(img, OCR_STEP_UPSCALE, &info, &err), 0);
	assert_int_equal(info.done, OCR_STEP_UPSCALE);
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_true(abs(ocr_image_width(img) - (w * 3) / 2) <= 1);
	ocr_image_destroy(&img);
}

static void test_low_contrast(void **state)
{
	ocr_clean_info info;
	bench_raster r;
	ocr_image *img;
	core_err err;
	size_t n;

	(void)state;
	core_err_clear(&err);
	render(300, 12, &r);
	/* The generator's faded page: black at 90, paper at 190. */
	n = (size_t)r.width * (size_t)r.height;
	for (size_t i = 0; i < n; i++)
		r.pixels[i] = (uint8_t)(90 + (r.pixels[i] * 100 + 127) / 255);
	img = rfx_load(&r);
	bench_raster_free(&r);
	assert_int_equal(ocr_image_clean(img, OCR_STEP_NORMALIZE, &info, &err), 0);
	printf("# faded page: ink %d, paper %d\n", info.ink, info.paper);
	assert_int_equal(info.done, OCR_STEP_NORMALIZE);
	assert_true(info.paper >= 185 && info.paper <= 195);
	assert_true(info.ink < 130);
	/* Paper white again. */
	assert_true(ocr_image_gray_at(img, 5, 5) >= 250);
	assert_int_equal(ocr_image_clean(img, OCR_STEP_BINARIZE, &info, &err), 0);
	/* Stretched: no longer low contrast, so binarization is not needed. */
	assert_int_equal(info.done, 0);
	ocr_image_destroy(&img);
}

static void test_steps_parse(void **state)
{
	char buf[128];
	unsigned steps = 0;
	core_err err;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(ocr_steps_parse("border,despeckle", &steps, &err), 0);
	assert_int_equal(steps, OCR_STEP_BORDER | OCR_STEP_DESPECKLE);
	ocr_steps_format(steps, buf, sizeof(buf));
	assert_string_equal(buf, "border,despeckle");
	ocr_steps_config(steps, buf, sizeof(buf));
	assert_string_equal(buf, " border1 despeckle1");
	assert_int_equal(ocr_steps_parse("none", &steps, &err), 0);
	assert_int_equal(steps, 0);
	assert_int_equal(ocr_steps_parse("all", &steps, &err), 0);
	assert_int_equal(steps, OCR_STEPS_ALL);
	assert_int_not_equal(ocr_steps_parse("border,sharpen", &steps, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	assert_non_null(strstr(err.detail, "sharpen"));
	/* Too small a buffer cuts at a whole name. */
	ocr_steps_format(OCR_STEP_SCALE | OCR_STEP_BORDER, buf, 12);
	assert_string_equal(buf, "scale300");
	assert_string_equal(ocr_step_name(OCR_STEP_DESPECKLE), "despeckle");
	{
		ocr_clean_info info;

		assert_int_equal(ocr_image_clean(NULL, OCR_STEPS_ALL, &info, &err), CORE_EARG);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_steps_parse),
	    cmocka_unit_test(test_clean_page_untouched),
	    cmocka_unit_test(test_border),
	    cmocka_unit_test(test_despeckle),
	    cmocka_unit_test(test_despeckle_reads),
	    cmocka_unit_test(test_scale_400),
	    cmocka_unit_test(test_scale_200_by_default),
	    cmocka_unit_test(test_low_contrast),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	/* Releases fontconfig's caches, which the leak checker would otherwise report. */
	bench_shutdown();
	return rc;
}
