/*
 * test_ocr_accuracy.c - real Tesseract on rendered Vietnamese text with
 * known content: the character error rate must stay within a bound.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

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
    "GIẤY KHAI SINH",
    "Họ, chữ đệm, tên: Nguyễn Thị Hương",
    "Ngày, tháng, năm sinh: 05/03/1990",
    "Nơi sinh: Xã Tân Phú, huyện Đức Hòa, tỉnh Long An",
    "Số định danh cá nhân: 080190001234",
    "Họ, chữ đệm, tên người mẹ: Trần Thị Lan",
    "Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của công dân",
    "và trả kết quả giải quyết thủ tục hành chính đúng hẹn.",
};

static void check_font(const char *font, double max_cer)
{
	bench_raster r;
	ocr_engine *eng = NULL;
	ocr_image *img = NULL;
	ocr_result *res = NULL;
	ocr_options opt;
	ocr_limits lim;
	classify_errcount c;
	core_err err;
	char path[] = "/tmp/sohoa-acc-XXXXXX";
	char ref[2048] = "";
	int fd;

	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, 10, font, 12, 300, &r, &err), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, &r, 1, "lzw", 8, true, &err), 0);
	ocr_limits_default(&lim);
	assert_int_equal(ocr_image_load(path, 0, &lim, &img, &err), 0);
	assert_int_equal(ocr_image_dpi(img), 300);
	assert_false(ocr_image_is_blank(img, NULL));
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	for (int i = 0; i < 10; i++) {
		strncat(ref, lines[i], sizeof(ref) - strlen(ref) - 2);
		strncat(ref, "\n", sizeof(ref) - strlen(ref) - 1);
	}
	assert_int_equal(classify_cer(ref, res->text, false, &c, &err), 0);
	printf("# %s: CER %.3f%% (%lld/%lld), %d words, mean confidence %.1f\n", font,
	       100.0 * classify_rate(&c), (long long)c.edits, (long long)c.ref_len, res->n_words,
	       res->mean_conf);
	assert_true(classify_rate(&c) <= max_cer);
	assert_true(res->n_words >= 60);
	for (int i = 0; i < res->n_words; i++) {
		assert_true(res->words[i].x0 >= 0 && res->words[i].x1 <= r.width);
		assert_true(res->words[i].y0 >= 0 && res->words[i].y1 <= r.height);
		assert_true(res->words[i].conf >= 0 && res->words[i].conf <= 100);
	}
	ocr_result_destroy(&res);
	assert_null(res);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	unlink(path);
}

static void serif_within_one_percent(void **state)
{
	check_font("Liberation Serif", 0.01);
}

static void sans_within_one_percent(void **state)
{
	check_font("DejaVu Sans", 0.01);
}

/*
 * A page scanned bilevel goes to Tesseract as 1 bpp (ocr_engine.c): it
 * must read exactly as the same black and white pixels stored as 8-bit
 * gray, words, boxes and confidences alike, in both engine paths.
 */
static void bilevel_reads_as_gray(void **state)
{
	bench_raster r;
	ocr_engine *eng = NULL, *bare = NULL;
	ocr_image *g4, *gray;
	ocr_result *a = NULL, *b = NULL;
	ocr_options opt;
	core_err err;
	char *ta = NULL, *tb = NULL;
	double sa = 0, sb = 0;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, 10, "Liberation Serif", 12, 300, &r, &err), 0);
	for (size_t i = 0; i < (size_t)r.width * (size_t)r.height; i++)
		r.pixels[i] = r.pixels[i] < 128 ? 0 : 255;
	g4 = rfx_load_as(&r, "g4", 1);
	gray = rfx_load(&r);
	/* The G4 page takes the 1 bpp way, the gray one the 8 bpp way. */
	assert_int_equal(ocr_image_source_depth(g4), 1);
	assert_true(ocr_image_black_white(g4));
	assert_int_equal(ocr_image_source_depth(gray), 8);
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, g4, &a, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, gray, &b, &err), 0);
	assert_true(a->n_words >= 60);
	assert_string_equal(a->text, b->text);
	assert_int_equal(a->n_words, b->n_words);
	for (int i = 0; i < a->n_words; i++) {
		assert_string_equal(a->words[i].text, b->words[i].text);
		assert_int_equal(a->words[i].x0, b->words[i].x0);
		assert_int_equal(a->words[i].y1, b->words[i].y1);
		assert_true(a->words[i].conf == b->words[i].conf);
		assert_true(a->words[i].tone_gap == b->words[i].tone_gap);
	}
	opt.bare = true;
	assert_int_equal(ocr_engine_create(&opt, &bare, &err), 0);
	assert_int_equal(ocr_engine_recognize_bare(bare, g4, &ta, &sa, &err), 0);
	assert_int_equal(ocr_engine_recognize_bare(bare, gray, &tb, &sb, &err), 0);
	assert_true(sa > 0 && sb > 0);
	assert_string_equal(ta, tb);
	free(ta);
	free(tb);
	ocr_result_destroy(&a);
	ocr_result_destroy(&b);
	ocr_engine_destroy(&eng);
	ocr_engine_destroy(&bare);
	ocr_image_destroy(&g4);
	ocr_image_destroy(&gray);
	bench_raster_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(serif_within_one_percent),
	    cmocka_unit_test(sans_within_one_percent),
	    cmocka_unit_test(bilevel_reads_as_gray),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return rc;
}
