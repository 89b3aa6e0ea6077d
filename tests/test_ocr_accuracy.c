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

#include <ftw.h>
#include <glob.h>
#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "classify.h"
#include "ocr_priv.h"
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
	/* Its print (x-height 23 px) is not reduced: the default hand-over is 1 bpp. */
	{
		bool reduced = true;
		PIX *given = ocr_image_for_tesseract(g4, true, &reduced);

		assert_non_null(given);
		assert_false(reduced);
		assert_int_equal(pixGetDepth(given), 1);
		pixDestroy(&given);
		given = ocr_image_for_tesseract(gray, true, &reduced);
		assert_non_null(given);
		assert_int_equal(pixGetDepth(given), 8);
		pixDestroy(&given);
	}
	ocr_options_default(&opt);
	/* At full size, where the two ways differ (reduced, both are gray). */
	opt.reduce = false;
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

/*
 * The reduction to two thirds against a reference computed another way:
 * each pixel split into 2 x 2 subpixels, each output pixel the mean of
 * the 3 x 3 subpixels it covers.  Random pixels, an odd size whose last
 * rows and columns are dropped, and the resolution scaled.
 */
static void reduce_is_area_mean(void **state)
{
	const int w = 3 * 37 + 2, h = 3 * 11 + 1;
	unsigned seed = 12345;
	PIX *pix, *red;

	(void)state;
	pix = pixCreate(w, h, 8);
	assert_non_null(pix);
	pixSetResolution(pix, 300, 300);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			seed = seed * 1103515245u + 12345u;
			pixSetPixel(pix, x, y, (seed >> 16) & 0xff);
		}
	red = ocr_pix_reduce_2_3(pix);
	assert_non_null(red);
	assert_int_equal(pixGetWidth(red), 2 * 37);
	assert_int_equal(pixGetHeight(red), 2 * 11);
	assert_int_equal(pixGetXRes(red), 200);
	for (int oy = 0; oy < 2 * 11; oy++)
		for (int ox = 0; ox < 2 * 37; ox++) {
			double sum = 0;
			l_uint32 v, got;

			for (int sy = 3 * oy; sy < 3 * oy + 3; sy++)
				for (int sx = 3 * ox; sx < 3 * ox + 3; sx++) {
					pixGetPixel(pix, sx / 2, sy / 2, &v);
					sum += v;
				}
			pixGetPixel(red, ox, oy, &got);
			if (got + 1 < sum / 9 || got > sum / 9 + 1)
				fail_msg("(%d,%d): %u, area mean %.2f", ox, oy, (unsigned)got,
				         sum / 9);
		}
	pixDestroy(&red);
	/* Too small to reduce, or not 8 bpp: no result. */
	assert_null(ocr_pix_reduce_2_3(NULL));
	red = pixCreate(2, 9, 8);
	assert_null(ocr_pix_reduce_2_3(red));
	pixDestroy(&red);
	red = pixCreate(30, 30, 1);
	assert_null(ocr_pix_reduce_2_3(red));
	pixDestroy(&red);
	pixDestroy(&pix);
}

static int letter_height_of(double pt, int *letters)
{
	bench_raster r;
	ocr_image *img;
	core_err err;
	int h;

	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, 10, "Liberation Serif", pt, 300, &r, &err), 0);
	img = rfx_load(&r);
	h = ocr_pix_letter_height(img->pix, letters);
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	return h;
}

/*
 * The page's common letter height is the x-height of its print:
 * Liberation Serif's is 0.459 em, 19 pixels at 10 pt and 300 dpi, 31 at
 * 16 pt.
 */
static void letter_height_is_x_height(void **state)
{
	int n10 = 0, n16 = 0, h10 = letter_height_of(10, &n10), h16 = letter_height_of(16, &n16);

	(void)state;
	printf("# letter height: %d px at 10 pt (%d letters), %d px at 16 pt (%d letters)\n", h10,
	       n10, h16, n16);
	assert_in_range(h10, 17, 21);
	assert_in_range(h16, 29, 33);
	assert_true(n10 >= 100 && n16 >= 100);
}

/*
 * Large print goes to Tesseract at two thirds of its size and reads as
 * well; its word boxes come back in the page's own pixels, where the
 * same words read at full size have theirs.  Small print stays.
 */
static void large_letters_read_reduced(void **state)
{
	bench_raster big, small;
	ocr_engine *eng = NULL, *full = NULL;
	ocr_image *ib, *is;
	ocr_result *a = NULL, *b = NULL, *c = NULL;
	ocr_options opt;
	core_err err;
	int same = 0;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_render_lines(lines, 10, "Liberation Serif", 16, 300, &big, &err), 0);
	assert_int_equal(bench_render_lines(lines, 10, "Liberation Serif", 10, 300, &small, &err),
	                 0);
	ib = rfx_load(&big);
	is = rfx_load(&small);
	ocr_options_default(&opt);
	assert_true(opt.reduce);
	assert_int_equal(ocr_engine_create(&opt, &eng, &err), 0);
	opt.reduce = false;
	assert_int_equal(ocr_engine_create(&opt, &full, &err), 0);
	assert_true(rfx_page_cer(eng, ib, lines, 10, &a) <= 0.01);
	assert_true(a->reduced);
	assert_true(rfx_page_cer(full, ib, lines, 10, &b) <= 0.01);
	assert_false(b->reduced);
	assert_true(rfx_page_cer(eng, is, lines, 10, &c) <= 0.01);
	assert_false(c->reduced);
	for (int i = 0; i < a->n_words && i < b->n_words; i++) {
		const ocr_word *x = &a->words[i], *y = &b->words[i];

		if (strcmp(x->text, y->text) != 0)
			continue;
		same++;
		if (abs(x->x0 - y->x0) > 3 || abs(x->y0 - y->y0) > 3 || abs(x->x1 - y->x1) > 3 ||
		    abs(x->y1 - y->y1) > 3)
			fail_msg("'%s': (%d,%d)-(%d,%d) reduced, (%d,%d)-(%d,%d) at full size",
			         x->text, x->x0, x->y0, x->x1, x->y1, y->x0, y->y0, y->x1, y->y1);
	}
	assert_true(same >= 60);
	ocr_result_destroy(&a);
	ocr_result_destroy(&b);
	ocr_result_destroy(&c);
	ocr_engine_destroy(&eng);
	ocr_engine_destroy(&full);
	ocr_image_destroy(&ib);
	ocr_image_destroy(&is);
	bench_raster_free(&big);
	bench_raster_free(&small);
}

/* What pixWriteMem gives for a PNG: 'p' a PNG, 's' the serialized pix. */
static char png_kind(PIX *pix, PIX **back)
{
	l_uint8 *data = NULL;
	size_t n = 0;
	char kind = '?';

	if (back)
		*back = NULL;
	assert_int_equal(pixWriteMem(&data, &n, pix, IFF_PNG), 0);
	assert_true(n > 8);
	if (memcmp(data, "\x89PNG", 4) == 0)
		kind = 'p';
	else if (memcmp(data, "spix", 4) == 0)
		kind = 's';
	if (back)
		*back = pixReadMem(data, n);
	free(data);
	return kind;
}

static void *png_kind_thread(void *arg)
{
	static char kind;

	kind = png_kind(arg, NULL);
	return &kind;
}

/*
 * sohoa's own pixWriteMem (ocr_shortcut.c) stands in for Leptonica's:
 * inside a span marked on this thread a PNG is written as the raster
 * itself, which pixReadMem reads back as the same pixels; outside it,
 * on other threads, and for other formats, Leptonica's own output.
 */
static void line_images_skip_png(void **state)
{
	PIX *gray = pixCreate(120, 40, 8), *bin = pixCreate(97, 33, 1), *back = NULL;
	l_uint8 *data = NULL;
	size_t n = 0;
	long served = ocr_shortcut_lines();
	pthread_t th;
	void *got = NULL;
	l_int32 same = 0;

	(void)state;
	assert_non_null(gray);
	assert_non_null(bin);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < 120; x++)
			pixSetPixel(gray, x, y, (l_uint32)((x * 7 + y * 13) & 0xff));
	for (int y = 0; y < 33; y++)
		for (int x = 0; x < 97; x++)
			pixSetPixel(bin, x, y, (l_uint32)(((x ^ y) % 3) == 0));
	pixSetResolution(gray, 300, 300);

	assert_int_equal(png_kind(gray, NULL), 'p');
	ocr_shortcut_enter();
	assert_int_equal(png_kind(gray, &back), 's');
	assert_non_null(back);
	assert_int_equal(pixEqual(gray, back, &same), 0);
	assert_true(same);
	pixDestroy(&back);
	assert_int_equal(png_kind(bin, &back), 's');
	assert_int_equal(pixGetDepth(back), 1);
	assert_int_equal(pixEqual(bin, back, &same), 0);
	assert_true(same);
	pixDestroy(&back);
	assert_int_equal(ocr_shortcut_lines(), served + 2);
	/* Other formats are Leptonica's. */
	assert_int_equal(pixWriteMem(&data, &n, gray, IFF_TIFF_ZIP), 0);
	assert_true(n > 4 && (memcmp(data, "II*", 3) == 0 || memcmp(data, "MM", 2) == 0));
	free(data);
	assert_int_equal(pixWriteMem(&data, &n, gray, IFF_PNM), 0);
	assert_true(n > 2 && memcmp(data, "P5", 2) == 0);
	free(data);
	/* Another thread is outside this thread's span. */
	assert_int_equal(pthread_create(&th, NULL, png_kind_thread, gray), 0);
	assert_int_equal(pthread_join(th, &got), 0);
	assert_int_equal(*(char *)got, 'p');
	/* Spans nest; an unmatched leave is harmless. */
	ocr_shortcut_enter();
	ocr_shortcut_leave();
	assert_int_equal(png_kind(gray, NULL), 's');
	ocr_shortcut_leave();
	assert_int_equal(png_kind(gray, NULL), 'p');
	ocr_shortcut_leave();
	assert_int_equal(png_kind(gray, NULL), 'p');
	assert_int_equal(ocr_shortcut_lines(), served + 3);
	/* Leptonica's own checks still answer for bad arguments. */
	assert_int_not_equal(pixWriteMem(&data, &n, NULL, IFF_PNG), 0);
	pixDestroy(&gray);
	pixDestroy(&bin);
}

/*
 * sohoa's own pixOpenBrick (ocr_shortcut.c): inside a marked span, a
 * brick whose sizes Leptonica composes exactly is opened as a brick and
 * a comb, with the same result; other sizes, depths, the symmetric
 * boundary condition and calls outside a span are Leptonica's own.
 */
static void openings_are_composite(void **state)
{
	static const int sizes[][3] = {
	    /* h, v, composite */
	    {1, 75, 1}, {75, 1, 1}, {15, 15, 1}, {10, 10, 1}, {1, 50, 1}, {12, 35, 1}, {37, 1, 0},
	};
	PIX *bin = pixCreate(901, 677, 1), *gray = pixCreate(40, 30, 8);
	long taken = ocr_shortcut_openings();
	unsigned seed = 7;

	(void)state;
	assert_non_null(bin);
	/* Ink of every shape: long rules, blocks, specks, some at the edges. */
	for (int k = 0; k < 500; k++) {
		int x, y, w, h;

		seed = seed * 1103515245u + 12345u;
		x = (int)(seed >> 8) % 941 - 20;
		seed = seed * 1103515245u + 12345u;
		y = (int)(seed >> 8) % 717 - 20;
		seed = seed * 1103515245u + 12345u;
		w = 1 + (int)(seed >> 8) % (k % 3 ? 30 : 400);
		h = 1 + (int)(seed >> 12) % (k % 3 ? 30 : 5);
		if (k % 2)
			pixRasterop(bin, x, y, h, w, k % 7 ? PIX_SET : PIX_CLR, NULL, 0, 0);
		else
			pixRasterop(bin, x, y, w, h, k % 7 ? PIX_SET : PIX_CLR, NULL, 0, 0);
	}
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		PIX *want = pixOpenBrick(NULL, bin, sizes[i][0], sizes[i][1]), *got, *inplace;
		long before = ocr_shortcut_openings();
		l_int32 same = 0;

		assert_non_null(want);
		assert_int_equal(ocr_shortcut_openings(), before);
		ocr_shortcut_enter();
		got = pixOpenBrick(NULL, bin, sizes[i][0], sizes[i][1]);
		inplace = pixCopy(NULL, bin);
		assert_ptr_equal(pixOpenBrick(inplace, inplace, sizes[i][0], sizes[i][1]), inplace);
		ocr_shortcut_leave();
		assert_int_equal(ocr_shortcut_openings(), before + 2 * sizes[i][2]);
		assert_int_equal(pixEqual(want, got, &same), 0);
		if (!same)
			fail_msg("opening %dx%d differs", sizes[i][0], sizes[i][1]);
		assert_int_equal(pixEqual(want, inplace, &same), 0);
		assert_true(same);
		pixDestroy(&want);
		pixDestroy(&got);
		pixDestroy(&inplace);
	}
	/* Into an image of the caller's. */
	{
		PIX *want = pixOpenBrick(NULL, bin, 75, 1), *dst = pixCreateTemplate(bin);
		l_int32 same = 0;

		ocr_shortcut_enter();
		assert_ptr_equal(pixOpenBrick(dst, bin, 75, 1), dst);
		ocr_shortcut_leave();
		assert_int_equal(pixEqual(want, dst, &same), 0);
		assert_true(same);
		pixDestroy(&want);
		pixDestroy(&dst);
	}
	assert_int_equal(ocr_shortcut_openings(), taken + 13);
	/* Not 1 bpp: Leptonica's own refusal. */
	ocr_shortcut_enter();
	assert_null(pixOpenBrick(NULL, gray, 15, 15));
	ocr_shortcut_leave();
	/* Leptonica's symmetric boundary condition: the comb would differ
	 * at the edges, so the brick is Leptonica's. */
	resetMorphBoundaryCondition(SYMMETRIC_MORPH_BC);
	{
		PIX *want = pixOpenBrick(NULL, bin, 1, 75), *got;
		l_int32 same = 0;

		ocr_shortcut_enter();
		got = pixOpenBrick(NULL, bin, 1, 75);
		ocr_shortcut_leave();
		resetMorphBoundaryCondition(ASYMMETRIC_MORPH_BC);
		assert_int_equal(pixEqual(want, got, &same), 0);
		assert_true(same);
		pixDestroy(&want);
		pixDestroy(&got);
	}
	assert_int_equal(ocr_shortcut_openings(), taken + 13);
	pixDestroy(&bin);
	pixDestroy(&gray);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The generated pages of page_text_is_tesseracts, removed even when it fails. */
static char text_dir[32];

static int text_dir_remove(void **state)
{
	(void)state;
	if (text_dir[0])
		nftw(text_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	text_dir[0] = '\0';
	return 0;
}

/*
 * sohoa takes a page's text from its own walk of Tesseract's results
 * (ocr_result_collect), not from TessBaseAPIGetUTF8Text: on generated
 * pages of every kind, clean, turned and degraded, both must give the
 * same bytes.  Some pages must hold several paragraph breaks, else the
 * layout rules were not exercised.  Each page is read twice: once as
 * Tesseract does, its line images through a PNG, once as sohoa does,
 * without and with composite openings and the other shortcuts
 * (ocr_shortcut.c); both readings must agree to the byte.
 */
static void page_text_is_tesseracts(void **state)
{
	char pattern[64];
	bench_gen_options go;
	TessBaseAPI *api;
	glob_t g;
	core_err err;
	int written = 0, multi = 0;
	long served = 0, lines_fast = 0, openings = ocr_shortcut_openings();
	long steps_bare = 0, steps_fast = 0, otsu_bare = 0, otsu_fast = 0;
	long gates_bare = 0, gates_fast = 0;

	(void)state;
	/* As sohoa's single worker sets it (pipe_run.c): Tesseract's own
	 * OpenMP regions inactive, whatever the environment. */
	omp_set_max_active_levels(0);
	core_err_clear(&err);
	snprintf(text_dir, sizeof(text_dir), "/tmp/sohoa-text-XXXXXX");
	assert_non_null(mkdtemp(text_dir));
	bench_gen_options_default(&go);
	go.out_dir = text_dir;
	go.seed = 11;
	go.pages = 12;
	go.dpi = 200;
	go.degrade = "mixed";
	go.images = true;
	assert_int_equal(bench_gen_corpus(&go, &written, &err), 0);
	assert_int_equal(written, 12);
	snprintf(pattern, sizeof(pattern), "%s/images/*/page-*", text_dir);
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	assert_int_equal(g.gl_pathc, 12);
	api = TessBaseAPICreate();
	assert_non_null(api);
	assert_int_equal(TessBaseAPIInit3(api, NULL, "vie"), 0);
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		PIX *pix = pixRead(g.gl_pathv[i]);
		ocr_result r = {0}, again = {0};
		long before = ocr_shortcut_lines(), steps = ocr_shortcut_lstm_calls();
		long otsu = ocr_shortcut_otsu_calls(), gates = ocr_shortcut_gates_calls();
		char *raw, *want;
		const char *p;
		int breaks = 0;

		assert_non_null(pix);
		TessBaseAPISetImage2(api, pix);
		TessBaseAPISetSourceResolution(api, pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 200);
		assert_int_equal(TessBaseAPIRecognize(api, NULL), 0);
		raw = TessBaseAPIGetUTF8Text(api);
		assert_non_null(raw);
		want = classify_text_nfc(raw, &err);
		assert_non_null(want);
		assert_int_equal(ocr_result_collect(api, &r, &err), 0);
		assert_non_null(r.text);
		if (strcmp(r.text, want) != 0)
			fail_msg("%s: the walk's text differs from Tesseract's:\n%s\n----\n%s",
			         g.gl_pathv[i], r.text, want);
		for (p = want; (p = strstr(p, "\n\n")); p += 2)
			breaks++;
		multi += breaks >= 3;
		assert_true(r.n_words > 0 || !want[0]);
		served += ocr_shortcut_lines() - before;
		steps_bare += ocr_shortcut_lstm_calls() - steps;
		otsu_bare += ocr_shortcut_otsu_calls() - otsu;
		gates_bare += ocr_shortcut_gates_calls() - gates;
		/* Again, with the shortcuts sohoa's recognition takes: the same
		 * text, words, boxes and confidences. */
		before = ocr_shortcut_lines();
		steps = ocr_shortcut_lstm_calls();
		otsu = ocr_shortcut_otsu_calls();
		gates = ocr_shortcut_gates_calls();
		ocr_shortcut_enter();
		TessBaseAPISetImage2(api, pix);
		TessBaseAPISetSourceResolution(api, pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 200);
		assert_int_equal(TessBaseAPIRecognize(api, NULL), 0);
		ocr_shortcut_leave();
		lines_fast += ocr_shortcut_lines() - before;
		steps_fast += ocr_shortcut_lstm_calls() - steps;
		otsu_fast += ocr_shortcut_otsu_calls() - otsu;
		gates_fast += ocr_shortcut_gates_calls() - gates;
		assert_int_equal(ocr_result_collect(api, &again, &err), 0);
		if (strcmp(again.text, r.text) != 0)
			fail_msg("%s: with the shortcuts the text differs:\n%s\n----\n%s",
			         g.gl_pathv[i], again.text, r.text);
		assert_int_equal(again.n_words, r.n_words);
		for (int k = 0; k < r.n_words; k++) {
			const ocr_word *x = &r.words[k], *y = &again.words[k];

			assert_string_equal(x->text, y->text);
			assert_true(x->x0 == y->x0 && x->y0 == y->y0 && x->x1 == y->x1 &&
			            x->y1 == y->y1);
			assert_true(x->conf == y->conf);
		}
		TessDeleteText(raw);
		free(want);
		for (int k = 0; k < r.n_words; k++)
			free(r.words[k].text);
		free(r.words);
		free(r.text);
		for (int k = 0; k < again.n_words; k++)
			free(again.words[k].text);
		free(again.words);
		free(again.text);
		TessBaseAPIClear(api);
		pixDestroy(&pix);
	}
	openings = ocr_shortcut_openings() - openings;
	printf("# %zu pages, %d with three paragraph breaks or more; %ld line images read "
	       "without a PNG, %ld with one; %ld composite openings; %ld LSTM calls "
	       "answered by sohoa, %ld unmarked (of which LSTM gate steps: %ld, %ld); %ld "
	       "thresholding calls answered by sohoa, %ld unmarked\n",
	       g.gl_pathc, multi, lines_fast, served, openings, steps_fast, steps_bare, gates_fast,
	       gates_bare, otsu_fast, otsu_bare);
	assert_true(multi >= 6);
	/* Unmarked, Tesseract's own PNG; marked, every line went without. */
	assert_int_equal(served, 0);
	assert_true(lines_fast >= 100);
	/* Three rule-line openings a page, at 200 dpi all composable. */
	assert_true(openings >= 3 * 12);
	/* The index methods: libtesseract's unmarked, sohoa's marked. */
	assert_true(ocr_shortcut_lstm_on());
	assert_true(ocr_shortcut_gates_on());
	assert_int_equal(steps_bare, 0);
	/* Every line's LSTM runs tens of gate steps. */
	assert_int_equal(gates_bare, 0);
	assert_true(gates_fast >= 100 * 12);
	assert_true(steps_fast >= 100000);
	/* Otsu thresholding: a histogram and a binary page at least for
	 * each gray page (most of the mixed corpus). */
	assert_true(ocr_shortcut_otsu_on());
	assert_int_equal(otsu_bare, 0);
	assert_true(otsu_fast >= 2 * 6);
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(serif_within_one_percent),
	    cmocka_unit_test(sans_within_one_percent),
	    cmocka_unit_test(bilevel_reads_as_gray),
	    cmocka_unit_test(reduce_is_area_mean),
	    cmocka_unit_test(letter_height_is_x_height),
	    cmocka_unit_test(large_letters_read_reduced),
	    cmocka_unit_test(line_images_skip_png),
	    cmocka_unit_test(openings_are_composite),
	    cmocka_unit_test_teardown(page_text_is_tesseracts, text_dir_remove),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return rc;
}
