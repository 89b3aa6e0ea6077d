/*
 * test_ocr_lead.c - a numbered list ("1. Họ, chữ đệm và tên: ...") as
 * the application forms print it: Tesseract's column finder takes the
 * column of item numbers for vertical text, and the pass must give
 * the lines their numbers back.
 */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "ocr.h"

static const char *const lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐƠN ĐỀ NGHỊ ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI",
    "Kính gửi: Văn phòng đăng ký đất đai tỉnh Quảng Trị",
    "1. Họ, chữ đệm và tên: Dương Thanh Thủy",
    "2. Ngày, tháng, năm sinh: 26/06/1958 3. Giới tính: Nữ",
    "4. Số định danh cá nhân: 045158454371",
    "5. Số điện thoại liên hệ: 0851744870",
    "6. Nơi cư trú: Xã Phước Lộc, huyện Châu Thành, tỉnh Quảng Trị",
    "7. Nội dung đề nghị:",
};

#define N_LINES (sizeof(lines) / sizeof(lines[0]))

/* Lines of the page text that start with "<digit>. ". */
static int numbered(const char *text)
{
	int n = 0;

	for (const char *s = text; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s))
		if (s[0] >= '1' && s[0] <= '9' && s[1] == '.' && s[2] == ' ')
			n++;
	return n;
}

static void check_font(const char *font, bool reduce)
{
	bench_raster r;
	ocr_engine *eng = NULL;
	ocr_image *img = NULL;
	ocr_result *res = NULL;
	ocr_options opt;
	ocr_limits lim;
	core_err err;
	char path[] = "/tmp/sohoa-lead-XXXXXX";
	int fd, words_numbered = 0;

	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, (int)N_LINES, font, 12, 300, &r, &err), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, &r, 1, "lzw", 8, true, &err), 0);
	ocr_limits_default(&lim);
	assert_int_equal(ocr_image_load(path, 0, &lim, &img, &err), 0);
	ocr_options_default(&opt);
	opt.reduce = reduce;
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	printf("# %s, %s:\n%s\n", font, reduce ? "reduced" : "full size", res->text);
	/* 12 pt DejaVu Serif is large print (x-height about 26 px): both ways are read. */
	assert_int_equal(res->reduced, reduce);
	/*
	 * Without the pass no line starts with its number.  With it most do:
	 * a number read alone in its small box still comes out as "5," or
	 * not at all now and then, and that line keeps the first reading.
	 */
	assert_true(numbered(res->text) >= 4);
	for (int i = 0; i < res->n_words; i++) {
		const char *t = res->words[i].text;

		if (t[0] >= '1' && t[0] <= '9' && t[1] == '.' && !t[2])
			words_numbered++;
	}
	/* The words too: "3." inside line 2 was always read. */
	assert_true(words_numbered >= 5);
	ocr_result_destroy(&res);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	unlink(path);
}

static void numbers_come_back(void **state)
{
	(void)state;
	/*
	 * DejaVu Sans is left out: there the column comes out as one tall
	 * word, which the pass does not take for a column of numbers.
	 */
	check_font("DejaVu Serif", false);
}

/*
 * At two thirds of its size the column also takes the dot after some
 * numbers ("5. Số" reads "Số"): those come back as words of their own.
 */
static void numbers_come_back_reduced(void **state)
{
	(void)state;
	check_font("DejaVu Serif", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(numbers_come_back),
	    cmocka_unit_test(numbers_come_back_reduced),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* Fontconfig's caches would otherwise show up as leaks under ASan. */
	bench_shutdown();
	return failed;
}
