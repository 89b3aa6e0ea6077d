/*
 * test_ocr_tone.c - the tone-mark signal of recognized words: which
 * readings are tone rivals, and on a rendered page of Vietnamese text,
 * that words carry the signal and that words read right are seldom near
 * a tie.
 */
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
#include "ocr_priv.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void rivals(void **state)
{
	(void)state;
	/* The tone changed, added or dropped. */
	assert_true(ocr_tone_rivals("ô", "ồ"));
	assert_true(ocr_tone_rivals("ồ", "ô"));
	assert_true(ocr_tone_rivals("ấ", "ầ"));
	assert_true(ocr_tone_rivals("ư", "ừ"));
	assert_true(ocr_tone_rivals("Ô", "Ộ"));
	assert_true(ocr_tone_rivals("a", "ạ"));
	/* Decomposed input is the same letter. */
	assert_true(ocr_tone_rivals("o\xCC\x82\xCC\x80", "ô"));
	/* Not a tone: another letter, shape mark, case, or the same. */
	assert_false(ocr_tone_rivals("ô", "o"));
	assert_false(ocr_tone_rivals("ă", "â"));
	assert_false(ocr_tone_rivals("ư", "u"));
	assert_false(ocr_tone_rivals("ố", "Ố"));
	assert_false(ocr_tone_rivals("d", "đ"));
	assert_false(ocr_tone_rivals("1", "l"));
	assert_false(ocr_tone_rivals("ồ", "ồ"));
	assert_false(ocr_tone_rivals("o\xCC\x82", "ô"));
	assert_false(ocr_tone_rivals("", "à"));
	assert_false(ocr_tone_rivals(NULL, "à"));
}

static const char *const lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "Họ, chữ đệm, tên: Nguyễn Thị Hương",
    "Ngày, tháng, năm sinh: 05/03/1990",
    "Nơi sinh: Xã Đông Hưng, huyện Đức Hòa, tỉnh Long An",
    "Số định danh cá nhân: 080190001234",
    "Họ, chữ đệm, tên người mẹ: Trần Thị Lan",
    "Đầu tư xây dựng nhà ở và trả kết quả giải quyết thủ tục hành chính.",
};

static bool printed(const char *w)
{
	/* A word read as printed appears in a line between spaces. */
	for (int i = 0; i < N(lines); i++) {
		const char *l = lines[i], *p = l;
		size_t n = strlen(w);

		while ((p = strstr(p, w)) != NULL) {
			if ((p == l || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
				return true;
			p += n;
		}
	}
	return false;
}

static bool has_letter(const char *w)
{
	for (const char *p = w; *p; p++)
		if (((unsigned char)*p >= 'A' && (unsigned char)*p <= 'z') ||
		    (unsigned char)*p >= 0x80)
			return true;
	return false;
}

static void rendered_page(void **state)
{
	bench_raster r;
	ocr_engine *eng = NULL;
	ocr_image *img = NULL;
	ocr_result *res = NULL;
	ocr_options opt;
	ocr_limits lim;
	core_err err;
	char path[] = "/tmp/sohoa-tone-XXXXXX";
	int fd, right = 0, near = 0, with_rival = 0;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, N(lines), "Liberation Serif", 12, 300, &r, &err),
	                 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, &r, 1, "lzw", 8, true, &err), 0);
	ocr_limits_default(&lim);
	assert_int_equal(ocr_image_load(path, 0, &lim, &img, &err), 0);
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	assert_true(res->n_words > 40);
	for (int i = 0; i < res->n_words; i++) {
		const ocr_word *w = &res->words[i];

		/* Digits and dashes have no tone to trade. */
		if (!has_letter(w->text))
			assert_false(w->tone_rival);
		if (!w->tone_rival) {
			assert_true(w->tone_gap == 0.0f);
			continue;
		}
		assert_true(isfinite(w->tone_gap));
		with_rival++;
		if (printed(w->text)) {
			right++;
			near += w->tone_gap < CLASSIFY_TONE_GAP_MIN;
		}
	}
	printf("# %d words, %d with a tone rival, %d of them read right, %d of those near\n",
	       res->n_words, with_rival, right, near);
	/* The signal is there: with one runner-up per character, a good
	 * share of the words of this text have a tone rival. */
	assert_true(with_rival * 3 > res->n_words);
	assert_true(right * 10 > with_rival * 8);
	/* Clean print: a near tie on a word read right is rare. */
	assert_true(near * 20 <= right);
	ocr_result_destroy(&res);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rivals),
	    cmocka_unit_test(rendered_page),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	/* Releases fontconfig's caches, which the leak checker would otherwise report. */
	bench_shutdown();
	return rc;
}
