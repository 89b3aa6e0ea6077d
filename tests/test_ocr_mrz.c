/*
 * test_ocr_mrz.c - the second reading of MRZ lines: a card-like page
 * rendered in a monospace font must give back its three TD1 lines
 * exactly, with valid check digits, and leave the other lines alone.
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

#define MRZ_LEN 30

static const char *const prose[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "CĂN CƯỚC CÔNG DÂN",
    "Họ và tên: Hồ Thị Hương",
    "Ngày sinh: 31/05/1958",
    "Quê quán: Xã Tân Phú, huyện Đức Hòa, tỉnh Long An",
};

static const char *const mrz_a[] = {
    "IDVNM1581354054079158135405<<4",
    "5805314F<<<<<<0VNM<<<<<<<<<<<2",
    "HO<<THI<HUONG<<<<<<<<<<<<<<<<<",
};

/* Same numbers, another name: line 3 is outside every check digit. */
static const char *const mrz_b[] = {
    "IDVNM1581354054079158135405<<4",
    "5805314F<<<<<<0VNM<<<<<<<<<<<2",
    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<",
};

/*
 * Draws a card's frame around the text of the page, as a photocopied
 * card shows it: the left edge and the bottom edge close to the last
 * MRZ line, where Tesseract takes the rule into that line's box.
 */
static void draw_frame(bench_raster *r)
{
	int x0 = r->width, y0 = r->height, x1 = -1, y1 = -1;
	int gap_left = r->dpi / 12, gap_bottom = r->dpi / 10, t = r->dpi / 60;
	uint8_t *px;

	for (int y = 0; y < r->height; y++) {
		for (int x = 0; x < r->width; x++) {
			if (r->pixels[(size_t)y * (size_t)r->width + (size_t)x] >= 128)
				continue;
			x0 = x < x0 ? x : x0;
			y0 = y < y0 ? y : y0;
			x1 = x > x1 ? x : x1;
			y1 = y > y1 ? y : y1;
		}
	}
	assert_true(x1 > x0 && y1 > y0);
	x0 -= gap_left;
	y0 -= gap_left;
	x1 += 4 * gap_left;
	y1 += gap_bottom;
	assert_true(x0 - t >= 0 && y0 - t >= 0 && x1 + t < r->width && y1 + t < r->height);
	/* A faint gray plate with a dark rim, as the photocopier gives it. */
	for (int y = y0 - t; y <= y1 + t; y++) {
		for (int x = x0 - t; x <= x1 + t; x++) {
			px = &r->pixels[(size_t)y * (size_t)r->width + (size_t)x];
			if (y < y0 || y > y1 || x < x0 || x > x1)
				*px = 38;
			else if (*px > 240)
				*px = 240;
		}
	}
}

static ocr_result *ocr_page_framed(ocr_engine *eng, const char *const *mrz, const char *font,
                                   double pt, bool frame)
{
	const char *lines[16];
	bench_raster r;
	ocr_image *img = NULL;
	ocr_result *res = NULL;
	ocr_limits lim;
	core_err err;
	char path[] = "/tmp/sohoa-mrz-XXXXXX";
	int n = 0, fd;

	for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++)
		lines[n++] = prose[i];
	lines[n++] = "";
	for (int i = 0; mrz && i < 3; i++)
		lines[n++] = mrz[i];
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, n, font, pt, 300, &r, &err), 0);
	if (frame)
		draw_frame(&r);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, &r, 1, "lzw", 8, true, &err), 0);
	ocr_limits_default(&lim);
	assert_int_equal(ocr_image_load(path, 0, &lim, &img, &err), 0);
	assert_int_equal(ocr_engine_recognize(eng, img, &res, &err), 0);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	unlink(path);
	return res;
}

/* A long run of filler before the last check digit, which the model shortens. */
static const char *const mrz_c[] = {
    "IDVNM1920935263084192093526<<1",
    "9209286F3209284VNM<<<<<<<<<<<2",
    "PHAM<<THU<YEN<<<<<<<<<<<<<<<<<",
};

static ocr_result *ocr_page(ocr_engine *eng, const char *const *mrz)
{
	return ocr_page_framed(eng, mrz, "DejaVu Sans Mono", 10, false);
}

/* The 30-character lines of the text, joined by "\n" as classify wants. */
static int mrz_lines(const char *text, char *out, size_t cap)
{
	size_t len, o = 0;
	int n = 0;

	out[0] = '\0';
	for (const char *s = text; *s; s += len + (s[len] == '\n')) {
		len = strcspn(s, "\n");
		if (len != MRZ_LEN || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<") < MRZ_LEN)
			continue;
		if (o + MRZ_LEN + 2 > cap)
			break;
		if (n++)
			out[o++] = '\n';
		memcpy(out + o, s, MRZ_LEN);
		o += MRZ_LEN;
		out[o] = '\0';
	}
	return n;
}

/* The text before the first MRZ line, to compare with a page without one. */
static size_t prose_len(const ocr_result *res, const char *first_mrz)
{
	const char *p = strstr(res->text, first_mrz);

	return p ? (size_t)(p - res->text) : strlen(res->text);
}

static void check_mrz(ocr_engine *eng, const char *const *mrz, const ocr_result *plain)
{
	ocr_result *res = ocr_page(eng, mrz);
	char got[4 * (MRZ_LEN + 1)], want[4 * (MRZ_LEN + 1)];
	char reason[CLASSIFY_REASON_MAX];
	classify_mrz m;
	int line = -1, mrz_words = 0;
	size_t n;

	printf("# %s\n", res->text);
	snprintf(want, sizeof(want), "%s\n%s\n%s", mrz[0], mrz[1], mrz[2]);
	assert_int_equal(mrz_lines(res->text, got, sizeof(got)), 3);
	assert_string_equal(got, want);
	assert_true(classify_mrz_check(got, &m, reason));
	/* Each MRZ line is one word, in order, on lines of its own. */
	for (int i = 0; i < res->n_words; i++) {
		if (strcmp(res->words[i].text, mrz[mrz_words]) != 0)
			continue;
		assert_true(res->words[i].line > line);
		assert_true(res->words[i].x1 > res->words[i].x0);
		assert_true(res->words[i].conf >= 0 && res->words[i].conf <= 100);
		assert_true(i + 1 == res->n_words || res->words[i + 1].line != res->words[i].line ||
		            res->words[i + 1].block != res->words[i].block);
		line = res->words[i].line;
		if (++mrz_words == 3)
			break;
	}
	assert_int_equal(mrz_words, 3);
	for (int i = 1; i < res->n_words; i++)
		assert_true(res->words[i].block > res->words[i - 1].block ||
		            (res->words[i].block == res->words[i - 1].block &&
		             res->words[i].line >= res->words[i - 1].line));
	/* The prose above reads the same with or without the MRZ below it. */
	n = prose_len(res, mrz[0]);
	while (n > 0 && res->text[n - 1] == '\n')
		n--;
	assert_true(strlen(plain->text) >= n);
	assert_memory_equal(res->text, plain->text, n);
	ocr_result_destroy(&res);
}

static void mrz_lines_read_exactly(void **state)
{
	ocr_engine *eng = NULL;
	ocr_result *plain;
	ocr_options opt;
	core_err err;
	char got[4 * (MRZ_LEN + 1)];

	(void)state;
	core_err_clear(&err);
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	plain = ocr_page(eng, NULL);
	assert_int_equal(mrz_lines(plain->text, got, sizeof(got)), 0);
	check_mrz(eng, mrz_a, plain);
	check_mrz(eng, mrz_b, plain);
	ocr_result_destroy(&plain);
	ocr_engine_destroy(&eng);
}

static void check_framed(ocr_engine *eng, const char *const *mrz, const char *font)
{
	ocr_result *res = ocr_page_framed(eng, mrz, font, 9.5, true);
	char got[4 * (MRZ_LEN + 1)], want[4 * (MRZ_LEN + 1)];

	printf("# %s: %s\n", font, res->text);
	snprintf(want, sizeof(want), "%s\n%s\n%s", mrz[0], mrz[1], mrz[2]);
	assert_int_equal(mrz_lines(res->text, got, sizeof(got)), 3);
	assert_string_equal(got, want);
	ocr_result_destroy(&res);
}

/*
 * Card photocopies: the two monospace fonts of the generated cards, in
 * a card's gray plate whose bottom rim runs just under the name line.
 * All three lines must come back exactly: the name line, whose box the
 * first pass draws around the rim, and the long filler runs, which the
 * model shortens.
 */
static void mrz_lines_in_a_card_frame(void **state)
{
	ocr_engine *eng = NULL;
	ocr_options opt;
	core_err err;

	(void)state;
	core_err_clear(&err);
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	check_framed(eng, mrz_a, "Liberation Mono");
	check_framed(eng, mrz_c, "DejaVu Sans Mono");
	check_framed(eng, mrz_c, "Liberation Mono");
	ocr_engine_destroy(&eng);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mrz_lines_read_exactly),
	    cmocka_unit_test(mrz_lines_in_a_card_frame),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* Fontconfig's caches would otherwise show up as leaks under ASan. */
	bench_shutdown();
	return failed;
}
