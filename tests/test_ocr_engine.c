/*
 * test_ocr_engine.c - the ocr module's blank test and recognition:
 * engine handles, a blank page, words and boxes on a page drawn with a
 * pixel font, and loads from several threads at once.
 */
#include "ocr.h"
#include "ocr_fixtures.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/* An A4 page at 300 dpi. */
#define A4_W 2480
#define A4_H 3508

static void fill(unsigned char *g, int x0, int y0, int w, int h)
{
	for (int y = y0; y < y0 + h; y++)
		memset(g + (size_t)y * A4_W + x0, 0, (size_t)w);
}

static double blank_ratio(const char *name, unsigned char *g, bool *blank)
{
	tspec s = {GRAY8(ADOBE_DEFLATE, MINISBLACK), .w = A4_W, .h = A4_H};
	char path[512];
	ocr_image *img;
	double ratio = -1;

	ocrfx_path_of(path, sizeof(path), name);
	ocrfx_write_tiff(path, &s, 1, &g);
	img = ocrfx_load_ok(path, 0);
	*blank = ocr_image_is_blank(img, &ratio);
	ocr_image_destroy(&img);
	unlink(path);
	return ratio;
}

static void test_blank(void **state)
{
	unsigned char *g = malloc((size_t)A4_W * A4_H);
	uint32_t seed = 12345;
	double r;
	bool blank;

	assert_non_null(g);
	memset(g, 255, (size_t)A4_W * A4_H);
	r = blank_ratio("white.tif", g, &blank);
	assert_true(blank);
	assert_true(r == 0.0);

	/* Dust: 200 single pixels, 40 specks of 2x2, 20 of 3x3; a scanner border. */
	for (int i = 0; i < 260; i++) {
		int sz = i < 200 ? 1 : i < 240 ? 2 : 3;

		seed = seed * 1103515245u + 12345u;
		fill(g, 200 + (int)(seed >> 8) % (A4_W - 400),
		     200 + (int)((seed * 2654435761u) >> 8) % (A4_H - 400), sz, sz);
	}
	fill(g, 0, 0, A4_W, 40);
	fill(g, 0, 0, 40, A4_H);
	fill(g, 0, A4_H - 40, A4_W, 40);
	r = blank_ratio("speckle.tif", g, &blank);
	if (!blank)
		fail_msg("speckled page not blank, ink ratio %g", r);

	/* One short line of 12 pt text: five "H" of 35 px caps, 4 px strokes. */
	for (int i = 0; i < 5; i++) {
		int x = 300 + i * 30;

		fill(g, x, 400, 4, 35);
		fill(g, x + 16, 400, 4, 35);
		fill(g, x + 4, 416, 12, 4);
	}
	r = blank_ratio("line.tif", g, &blank);
	if (blank)
		fail_msg("page with a line of text is blank, ink ratio %g", r);

	memset(g, 255, (size_t)A4_W * A4_H);
	fill(g, 1000, 1500, 300, 30);
	r = blank_ratio("bar.tif", g, &blank);
	assert_false(blank);
	assert_true(r > 0.001);
	free(g);
}

static void test_engine_create(void **state)
{
	ocr_options o;
	ocr_engine *eng = NULL;
	core_err err;

	ocr_options_default(&o);
	core_err_clear(&err);
	if (ocr_engine_create(&o, &eng, &err) != 0)
		fail_msg("vie: %s (%s)", err.msg, err.detail);
	assert_non_null(eng);
	ocr_engine_destroy(&eng);
	assert_null(eng);

	o.lang = "xx_nonexistent";
	core_err_clear(&err);
	ocrfx_expect_err(ocr_engine_create(&o, &eng, &err), &err, CORE_EOCR,
	                 "cannot load language");
	assert_non_null(strstr(err.detail, "xx_nonexistent"));
	assert_null(eng);

	ocr_options_default(&o);
	o.psm = 99;
	core_err_clear(&err);
	ocrfx_expect_err(ocr_engine_create(&o, &eng, &err), &err, CORE_EARG, NULL);
	assert_null(eng);
}

static void test_engine_blank_page(void **state)
{
	tspec s = {GRAY8(LZW, MINISBLACK), .w = 1240, .h = 1754, .xres = 150, .unit = RESUNIT_INCH};
	unsigned char *g = ocrfx_gray_rect(s.w, s.h, 0, 0, 0, 0, 0);
	char path[512];
	ocr_engine *eng = NULL;
	ocr_result *r = NULL;
	ocr_image *img;
	core_err err;

	ocrfx_path_of(path, sizeof(path), "blank150.tif");
	ocrfx_write_tiff(path, &s, 1, &g);
	free(g);
	img = ocrfx_load_ok(path, 0);
	assert_int_equal(ocr_image_dpi(img), 150);
	core_err_clear(&err);
	assert_int_equal(ocr_engine_create(NULL, &eng, &err), 0);
	/* Twice: the handle must be reusable after a page. */
	for (int round = 0; round < 2; round++) {
		core_err_clear(&err);
		if (ocr_engine_recognize(eng, img, &r, &err) != 0)
			fail_msg("recognize: %s (%s)", err.msg, err.detail);
		assert_non_null(r);
		assert_non_null(r->text);
		assert_int_equal(strspn(r->text, " \t\r\n\f"), strlen(r->text));
		assert_int_equal(r->n_words, 0);
		assert_true(r->recognize_s >= 0.0);
		ocr_result_destroy(&r);
		assert_null(r);
	}
	core_err_clear(&err);
	ocrfx_expect_err(ocr_engine_recognize(eng, NULL, &r, &err), &err, CORE_EARG, NULL);
	assert_null(r);
	ocr_engine_destroy(&eng);
	ocr_image_destroy(&img);
}

/*
 * Words, boxes and line ordinals on a page drawn with a 5x7 pixel font
 * (no renderer here): two lines, two words each.  The blocky glyphs
 * are read reliably only by the English model, so the text is checked
 * with "eng" and the layout with both.
 */
static const struct {
	char c;
	const char *rows[7];
} glyphs[] = {
    {'H', {"10001", "10001", "10001", "11111", "10001", "10001", "10001"}},
    {'E', {"11111", "10000", "10000", "11110", "10000", "10000", "11111"}},
    {'L', {"10000", "10000", "10000", "10000", "10000", "10000", "11111"}},
    {'O', {"01110", "10001", "10001", "10001", "10001", "10001", "01110"}},
    {'W', {"10001", "10001", "10001", "10101", "10101", "10101", "01010"}},
    {'R', {"11110", "10001", "10001", "11110", "10100", "10010", "10001"}},
    {'D', {"11110", "10001", "10001", "10001", "10001", "10001", "11110"}},
};

#define FONT_SCALE 6

static void draw_glyph(unsigned char *g, uint32_t w, int x0, int y0, const char *const rows[7])
{
	for (int r = 0; r < 7; r++) {
		for (int c = 0; c < 5; c++) {
			if (rows[r][c] != '1')
				continue;
			for (int yy = 0; yy < FONT_SCALE; yy++) {
				size_t at = (size_t)(y0 + r * FONT_SCALE + yy) * w;

				memset(g + at + x0 + c * FONT_SCALE, 0, FONT_SCALE);
			}
		}
	}
}

static void draw_text(unsigned char *g, uint32_t w, int x0, int y0, const char *text)
{
	for (int i = 0; text[i]; i++)
		for (size_t k = 0; k < sizeof(glyphs) / sizeof(glyphs[0]); k++)
			if (glyphs[k].c == text[i])
				draw_glyph(g, w, x0 + i * 6 * FONT_SCALE, y0, glyphs[k].rows);
}

static void test_engine_words(void **state)
{
	const char *langs[] = {"vie", "eng"};
	tspec s = {GRAY8(ADOBE_DEFLATE, MINISBLACK), .w = 1200, .h = 600, .xres = 300,
	           .unit = RESUNIT_INCH};
	unsigned char *g = ocrfx_gray_rect(s.w, s.h, 0, 0, 0, 0, 0);
	char path[512];
	ocr_options o;
	ocr_engine *eng = NULL;
	ocr_result *r = NULL;
	ocr_image *img;
	core_err err;

	draw_text(g, s.w, 150, 150, "HELLO WORLD");
	draw_text(g, s.w, 150, 270, "OLD HERO");
	ocrfx_path_of(path, sizeof(path), "words.tif");
	ocrfx_write_tiff(path, &s, 1, &g);
	free(g);
	img = ocrfx_load_ok(path, 0);
	for (size_t l = 0; l < 2; l++) {
		ocr_options_default(&o);
		o.lang = langs[l];
		core_err_clear(&err);
		assert_int_equal(ocr_engine_create(&o, &eng, &err), 0);
		core_err_clear(&err);
		if (ocr_engine_recognize(eng, img, &r, &err) != 0)
			fail_msg("%s: %s (%s)", langs[l], err.msg, err.detail);
		assert_int_equal(r->n_words, 4);
		for (int i = 0; i < r->n_words; i++) {
			const ocr_word *w = &r->words[i];

			assert_true(w->text[0] != '\0');
			assert_true(w->conf >= 0.0f && w->conf <= 100.0f);
			assert_int_equal(w->block, 0);
			assert_int_equal(w->line, i / 2);
			assert_true(w->x0 < w->x1 && w->y0 < w->y1);
			/* Each box on its own line of glyphs, 42 px tall. */
			assert_in_range(w->y0, 140 + 120 * (i / 2), 160 + 120 * (i / 2));
			assert_in_range(w->y1, 182 + 120 * (i / 2), 202 + 120 * (i / 2));
		}
		assert_in_range(r->words[0].x0, 140, 160);
		assert_true(r->words[1].x0 > r->words[0].x1);
		if (strcmp(langs[l], "eng") == 0) {
			assert_string_equal(r->words[0].text, "HELLO");
			assert_string_equal(r->words[1].text, "WORLD");
			assert_non_null(strstr(r->text, "HELLO WORLD\n"));
			assert_true(r->mean_conf > 50.0f);
		}
		ocr_result_destroy(&r);
		ocr_engine_destroy(&eng);
	}
	/* The benchmark's bare loop: Tesseract's own settings, the same words. */
	ocr_options_default(&o);
	o.lang = "eng";
	o.bare = true;
	core_err_clear(&err);
	assert_int_equal(ocr_engine_create(&o, &eng, &err), 0);
	{
		char *text = NULL;
		double sec = -1.0;

		if (ocr_engine_recognize_bare(eng, img, &text, &sec, &err) != 0)
			fail_msg("bare: %s (%s)", err.msg, err.detail);
		assert_non_null(strstr(text, "HELLO WORLD\n"));
		assert_true(sec > 0.0);
		free(text);
		core_err_clear(&err);
		assert_int_not_equal(ocr_engine_recognize_bare(eng, NULL, &text, &sec, &err), 0);
		assert_int_equal(err.code, CORE_EARG);
		assert_null(text);
		assert_true(sec == 0.0);
	}
	ocr_engine_destroy(&eng);
	assert_null(eng);
	ocr_image_destroy(&img);
}

/* Loads from several threads at once: per-handle libtiff messages, no shared state. */
typedef struct job {
	char good[512], broken[512], text[512];
	const char *want;
	int failures;
} job;

static void *worker(void *arg)
{
	job *j = arg;
	char got[CORE_SHA256_HEX];

	for (int i = 0; i < 20; i++) {
		ocr_image *img = NULL;
		core_err err;

		core_err_clear(&err);
		if (ocr_image_load(j->good, i % 3, NULL, &img, &err) != 0)
			j->failures++;
		if (i % 3 == 0) {
			ocr_image_sha256(img, got);
			if (strcmp(got, j->want) != 0)
				j->failures++;
		}
		ocr_image_destroy(&img);
		core_err_clear(&err);
		if (ocr_image_load(j->broken, 1, NULL, &img, &err) == 0 ||
		    err.code != CORE_EFORMAT || !strstr(err.detail, "page index 1"))
			j->failures++;
		ocr_image_destroy(&img);
		core_err_clear(&err);
		if (ocr_image_load(j->text, 0, NULL, &img, &err) == 0 || err.code != CORE_EFORMAT)
			j->failures++;
	}
	return NULL;
}

static void test_threads(void **state)
{
	unsigned char *g0 = ocrfx_gray_rect(PAT_W, PAT_H, PAT_X0, PAT_Y0, PAT_X1, PAT_Y1, 0);
	char want[CORE_SHA256_HEX];
	pthread_t th[4];
	job jobs[4];
	unsigned char junk[64];
	uint64_t off, len;
	int fd;

	ocrfx_expected_sha(g0, PAT_W, PAT_H, want);
	free(g0);
	for (int t = 0; t < 4; t++) {
		char name[64];

		memset(&jobs[t], 0, sizeof(jobs[t]));
		jobs[t].want = want;
		snprintf(name, sizeof(name), "t%d.tif", t);
		ocrfx_path_of(jobs[t].good, sizeof(jobs[t].good), name);
		ocrfx_write_three_pages(jobs[t].good,
		                        t % 2 ? COMPRESSION_LZW : COMPRESSION_ADOBE_DEFLATE);
		snprintf(name, sizeof(name), "tb%d.tif", t);
		ocrfx_path_of(jobs[t].broken, sizeof(jobs[t].broken), name);
		ocrfx_write_three_pages(jobs[t].broken, COMPRESSION_ADOBE_DEFLATE);
		ocrfx_strip0(jobs[t].broken, 1, &off, &len);
		memset(junk, 0xab, sizeof(junk));
		fd = open(jobs[t].broken, O_RDWR);
		assert_true(fd >= 0);
		assert_true(pwrite(fd, junk, len < 64 ? len : 64, (off_t)off) > 0);
		close(fd);
		snprintf(name, sizeof(name), "tx%d.jpg", t);
		ocrfx_path_of(jobs[t].text, sizeof(jobs[t].text), name);
		ocrfx_write_file(jobs[t].text, "not a picture\n", 14);
	}
	for (int t = 0; t < 4; t++)
		assert_int_equal(pthread_create(&th[t], NULL, worker, &jobs[t]), 0);
	for (int t = 0; t < 4; t++) {
		assert_int_equal(pthread_join(th[t], NULL), 0);
		assert_int_equal(jobs[t].failures, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blank),
	    cmocka_unit_test(test_engine_create),
	    cmocka_unit_test(test_engine_blank_page),
	    cmocka_unit_test(test_engine_words),
	    cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, ocrfx_setup, ocrfx_teardown);
}
