/* test_bench.c - the synthetic corpus: rendering, writers, determinism,
 * options and degradations.  The truth files, identifiers and single
 * page images are checked in test_bench_truth.c; the shared helpers are
 * in bench_fixtures.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench.h"
#include "bench_fixtures.h"

#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

/* ---- helpers --------------------------------------------------------- */

static void sha_of(const char *root, const char *rel, char out[CORE_SHA256_HEX])
{
	char path[1024];
	core_err err;

	core_err_clear(&err);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(core_sha256_file(path, out, &err), 0);
}

static void render(const char *const *lines, int n, bench_raster *r)
{
	core_err err;

	core_err_clear(&err);
	if (bench_render_lines(lines, n, "Liberation Serif", 12, TEST_DPI, r, &err) != 0)
		fail_msg("bench_render_lines: %s (%s)", err.msg, err.detail);
}

/* ---- rendering -------------------------------------------------------- */

static void test_render_lines(void **state)
{
	const char *lines[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "",
	                       "Họ, chữ đệm, tên: Nguyễn Văn An"};
	bench_raster r = {0};
	long dark = 0;
	int first_dark_row = -1;

	render(lines, 3, &r);
	assert_int_equal(r.width, (int)lround(8.27 * TEST_DPI));
	assert_int_equal(r.height, (int)lround(11.69 * TEST_DPI));
	assert_int_equal(r.dpi, TEST_DPI);
	for (int y = 0; y < r.height; y++)
		for (int x = 0; x < r.width; x++)
			if (r.pixels[(size_t)y * (size_t)r.width + (size_t)x] < 128) {
				dark++;
				if (first_dark_row < 0)
					first_dark_row = y;
			}
	assert_true(dark > 500);
	/* Ink starts below the 2 cm top margin, and not far below it. */
	assert_true(first_dark_row >= (int)(2 / 2.54 * TEST_DPI) - 2);
	assert_true(first_dark_row < (int)(3 / 2.54 * TEST_DPI));
	bench_raster_free(&r);
	assert_null(r.pixels);
}

static void test_render_errors(void **state)
{
	const char *wide[] = {
	    "Một dòng rất dài không thể nằm vừa trong khổ giấy A4 với cỡ chữ này, "
	    "dù có cố gắng đến mấy đi nữa, vì nó dài hơn bề rộng trang giấy"};
	const char *one[] = {"Xin chào"};
	bench_raster r = {0};
	core_err err;

	core_err_clear(&err);
	assert_int_not_equal(
	    bench_render_lines(wide, 1, "Liberation Serif", 12, TEST_DPI, &r, &err), 0);
	assert_int_equal(err.code, CORE_ELIMIT);
	assert_null(r.pixels);
	core_err_clear(&err);
	assert_int_not_equal(
	    bench_render_lines(one, 1, "No Such Font Family", 12, TEST_DPI, &r, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	core_err_clear(&err);
	assert_int_not_equal(bench_render_lines(one, 1, "DejaVu Sans", 12, 10, &r, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
}

/* ---- writers ---------------------------------------------------------- */

static void check_tiff(const char *path, const bench_raster *pages, const char *comp, int bits,
                       bool res)
{
	bool bilevel = bits == 1 || strcmp(comp, "g3") == 0 || strcmp(comp, "g4") == 0;
	bool lossy = strcmp(comp, "jpeg") == 0;
	TIFF *t;
	int page = 0;

	assert_int_equal(benchfx_tiff_pages(path), 2);
	t = TIFFOpen(path, "r");
	assert_non_null(t);
	do {
		const bench_raster *src = &pages[page];
		uint32_t w = 0, h = 0, *rgba;
		uint16_t bps = 0, unit = 0;
		float xres = 0, yres = 0;
		double diff = 0;

		assert_true(TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w));
		assert_true(TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h));
		assert_true(TIFFGetField(t, TIFFTAG_BITSPERSAMPLE, &bps));
		assert_int_equal(w, src->width);
		assert_int_equal(h, src->height);
		assert_int_equal(bps, bilevel ? 1 : 8);
		if (res) {
			assert_true(TIFFGetField(t, TIFFTAG_XRESOLUTION, &xres));
			assert_true(TIFFGetField(t, TIFFTAG_YRESOLUTION, &yres));
			assert_true(TIFFGetField(t, TIFFTAG_RESOLUTIONUNIT, &unit));
			assert_true(fabsf(xres - TEST_DPI) < 0.01f &&
			            fabsf(yres - TEST_DPI) < 0.01f);
			assert_int_equal(unit, RESUNIT_INCH);
		} else {
			assert_false(TIFFGetField(t, TIFFTAG_XRESOLUTION, &xres));
		}
		if (!bilevel && !lossy) {
			/* Lossless gray: every scanline comes back exactly. */
			uint8_t *row = malloc((size_t)TIFFScanlineSize(t));

			assert_non_null(row);
			for (uint32_t y = 0; y < h; y++) {
				assert_int_equal(TIFFReadScanline(t, row, y, 0), 1);
				assert_memory_equal(row, src->pixels + (size_t)y * w, w);
			}
			free(row);
		}
		rgba = malloc((size_t)w * h * sizeof(*rgba));
		assert_non_null(rgba);
		assert_int_equal(TIFFReadRGBAImageOriented(t, w, h, rgba, ORIENTATION_TOPLEFT, 0),
		                 1);
		for (size_t i = 0; i < (size_t)w * h; i++) {
			int want = bilevel ? (src->pixels[i] < 128 ? 0 : 255) : src->pixels[i];

			diff += abs((int)TIFFGetR(rgba[i]) - want);
		}
		free(rgba);
		diff /= (double)w * h;
		if (lossy)
			assert_true(diff < 3.0);
		else
			assert_true(diff == 0.0);
		page++;
	} while (TIFFReadDirectory(t));
	TIFFClose(t);
	assert_int_equal(page, 2);
}

static void test_tiff_roundtrip(void **state)
{
	static const struct {
		const char *comp;
		int bits;
		bool res;
	} cases[] = {
	    {"none", 8, true},     {"lzw", 8, true},   {"deflate", 8, false},
	    {"packbits", 8, true}, {"jpeg", 8, true},  {"g3", 8, true},
	    {"g4", 1, true},       {"none", 1, false}, {"lzw", 1, true},
	};
	const char *l1[] = {"Trang một: GIẤY KHAI SINH"};
	const char *l2[] = {"Trang hai: Độc lập - Tự do - Hạnh phúc", "Số định danh cá nhân"};
	bench_raster pages[2] = {{0}};
	char dir[64], path[128];
	core_err err;

	render(l1, 1, &pages[0]);
	render(l2, 2, &pages[1]);
	benchfx_make_tmp(dir, sizeof(dir));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		core_err_clear(&err);
		snprintf(path, sizeof(path), "%s/%s-%d.tif", dir, cases[i].comp, cases[i].bits);
		if (bench_write_tiff(path, pages, 2, cases[i].comp, cases[i].bits, cases[i].res,
		                     &err) != 0)
			fail_msg("%s/%d: %s (%s)", cases[i].comp, cases[i].bits, err.msg,
			         err.detail);
		check_tiff(path, pages, cases[i].comp, cases[i].bits, cases[i].res);
	}
	core_err_clear(&err);
	snprintf(path, sizeof(path), "%s/bad.tif", dir);
	assert_int_equal(bench_write_tiff(path, pages, 2, "jpeg", 1, true, &err), CORE_EARG);
	core_err_clear(&err);
	assert_int_equal(bench_write_tiff(path, pages, 2, "zip", 8, true, &err), CORE_EARG);
	assert_int_equal(access(path, F_OK), -1);
	bench_raster_free(&pages[0]);
	bench_raster_free(&pages[1]);
	benchfx_rm_tree(dir);
}

static void test_png(void **state)
{
	const char *l[] = {"Nơi đăng ký khai sinh:"};
	bench_raster r = {0};
	unsigned char hdr[26];
	char dir[64], path[128];
	core_err err;
	file_list fl;
	FILE *f;

	render(l, 1, &r);
	benchfx_make_tmp(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/page-1.png", dir);
	core_err_clear(&err);
	assert_int_equal(bench_write_png(path, &r, &err), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(hdr, 1, sizeof(hdr), f), sizeof(hdr));
	fclose(f);
	assert_memory_equal(hdr, "\x89PNG\r\n\x1a\n", 8);
	/* IHDR: big-endian size, then 8-bit gray (colour type 0). */
	assert_int_equal((hdr[16] << 24) | (hdr[17] << 16) | (hdr[18] << 8) | hdr[19], r.width);
	assert_int_equal((hdr[20] << 24) | (hdr[21] << 16) | (hdr[22] << 8) | hdr[23], r.height);
	assert_int_equal(hdr[24], 8);
	assert_int_equal(hdr[25], 0);
	benchfx_list_files(dir, &fl);
	assert_int_equal(fl.n, 1); /* no temporary file left */
	benchfx_free_files(&fl);
	bench_raster_free(&r);
	benchfx_rm_tree(dir);
}

/* ---- corpus ----------------------------------------------------------- */

static void test_deterministic(void **state)
{
	char a[64], b[64], c[64], ha[CORE_SHA256_HEX], hb[CORE_SHA256_HEX];
	file_list fa, fb, fc;
	int wa = 0, wb = 0, wc = 0, differ = 0;

	benchfx_make_tmp(a, sizeof(a));
	benchfx_make_tmp(b, sizeof(b));
	benchfx_make_tmp(c, sizeof(c));
	benchfx_gen(a, 42, 4, 0, "mixed", &wa);
	benchfx_gen(b, 42, 4, 0, "mixed", &wb);
	benchfx_gen(c, 43, 4, 0, "mixed", &wc);
	assert_int_equal(wa, wb);
	assert_true(wa >= 8 && wa <= 16);
	benchfx_list_files(a, &fa);
	benchfx_list_files(b, &fb);
	benchfx_list_files(c, &fc);
	assert_int_equal(fa.n, fb.n);
	for (int i = 0; i < fa.n; i++) {
		assert_string_equal(fa.paths[i], fb.paths[i]);
		sha_of(a, fa.paths[i], ha);
		sha_of(b, fb.paths[i], hb);
		if (strcmp(ha, hb) != 0)
			fail_msg("%s differs between two runs with the same seed", fa.paths[i]);
	}
	/* Another seed: the same layout of files but different contents. */
	for (int i = 0; i < fa.n && i < fc.n; i++) {
		if (strcmp(fa.paths[i], fc.paths[i]) != 0)
			continue;
		sha_of(a, fa.paths[i], ha);
		sha_of(c, fc.paths[i], hb);
		differ += strcmp(ha, hb) != 0;
	}
	assert_true(differ >= 4);
	benchfx_free_files(&fa);
	benchfx_free_files(&fb);
	benchfx_free_files(&fc);
	benchfx_rm_tree(a);
	benchfx_rm_tree(b);
	benchfx_rm_tree(c);
}

/* ---- degradations ---------------------------------------------------- */

/* Each named defect changes the page the clean run renders from the
 * same seed; quarter turns swap the sides; dpi pages change size. */
static void test_degradations(void **state)
{
	static const char *const names[] = {
	    "skew", "rot90", "rot180", "rot270",      "dpi200", "dpi400", "gauss",     "speckle",
	    "blur", "jpeg",  "g4",     "lowcontrast", "border", "stamp",  "signature", "skew+jpeg"};
	char clean_dir[64], dir[64], path[256];
	image clean = {0}, im = {0};
	int written = 0;
	json_t *t, *p;
	core_err err;

	benchfx_make_tmp(clean_dir, sizeof(clean_dir));
	benchfx_gen_full(clean_dir, 11, 1, 2, "png", "clean", true, &written);
	snprintf(path, sizeof(path), "%s/images/HS-2024-0001/page-1.png", clean_dir);
	benchfx_read_png(path, &clean);
	assert_int_equal(clean.dpi, TEST_DPI);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		bool g4 = strcmp(names[i], "g4") == 0;

		benchfx_make_tmp(dir, sizeof(dir));
		benchfx_gen_full(dir, 11, 1, 2, "png", names[i], true, &written);
		t = benchfx_load_truth(dir, "HS-2024-0001");
		p = json_array_get(json_object_get(t, "pages"), 0);
		assert_string_equal(json_string_value(json_object_get(p, "degradation")), names[i]);
		snprintf(path, sizeof(path), "%s/images/HS-2024-0001/page-1.%s", dir,
		         g4 ? "tif" : "png");
		benchfx_read_image(path, &im);
		assert_int_equal(im.w, json_integer_value(json_object_get(p, "width")));
		assert_int_equal(im.h, json_integer_value(json_object_get(p, "height")));
		assert_int_equal(im.dpi, json_integer_value(json_object_get(p, "dpi")));
		if (benchfx_same_image(&im, &clean))
			fail_msg("%s left the page as clean", names[i]);
		if (strcmp(names[i], "rot90") == 0 || strcmp(names[i], "rot270") == 0)
			assert_true(im.w == clean.h && im.h == clean.w);
		else if (strncmp(names[i], "dpi", 3) == 0)
			assert_int_equal(im.w, (int)lround(8.27 * atoi(names[i] + 3)));
		else
			assert_true(im.w == clean.w && im.h == clean.h);
		if (strcmp(names[i], "skew") == 0)
			assert_true(fabs(json_real_value(json_object_get(
			                json_object_get(p, "degradation_params"), "angle"))) <=
			            3.0);
		/* Truth lines stay upright reading order, the same as clean's. */
		{
			json_t *c = benchfx_load_truth(clean_dir, "HS-2024-0001");

			assert_true(json_equal(
			    json_object_get(p, "lines"),
			    json_object_get(json_array_get(json_object_get(c, "pages"), 0),
			                    "lines")));
			json_decref(c);
		}
		free(im.px);
		json_decref(t);
		benchfx_rm_tree(dir);
	}
	/* The API on a rendered page: deterministic, and refusing what is
	 * not an image operation. */
	{
		const char *l[] = {"Số định danh cá nhân: 001090012345"};
		bench_raster a = {0}, b = {0};

		render(l, 1, &a);
		render(l, 1, &b);
		core_err_clear(&err);
		assert_int_equal(bench_degrade_page(&a, "rot90", 3, &err), 0);
		assert_true(a.width == b.height && a.height == b.width);
		bench_raster_free(&a);
		render(l, 1, &a);
		assert_int_equal(bench_degrade_page(&a, "gauss", 3, &err), 0);
		assert_int_equal(bench_degrade_page(&b, "gauss", 3, &err), 0);
		assert_memory_equal(a.pixels, b.pixels, (size_t)a.width * (size_t)a.height);
		assert_int_equal(bench_degrade_page(&a, "dpi200", 3, &err), CORE_EARG);
		core_err_clear(&err);
		assert_int_equal(bench_degrade_page(&a, "mixed", 3, &err), CORE_EARG);
		core_err_clear(&err);
		assert_int_equal(bench_degrade_check("skew,fog", &err), CORE_EARG);
		core_err_clear(&err);
		assert_int_equal(bench_degrade_check("skew+jpeg,mixed", &err), CORE_EARG);
		core_err_clear(&err);
		assert_int_equal(bench_degrade_check("mixed", &err), 0);
		bench_raster_free(&a);
		bench_raster_free(&b);
	}
	free(clean.px);
	benchfx_rm_tree(clean_dir);
}

/* Defects and images are as reproducible as the clean corpus. */
static void test_deterministic_degraded(void **state)
{
	char a[64], b[64], ha[CORE_SHA256_HEX], hb[CORE_SHA256_HEX];
	file_list fa, fb;
	int wa = 0, wb = 0;

	benchfx_make_tmp(a, sizeof(a));
	benchfx_make_tmp(b, sizeof(b));
	benchfx_gen_full(a, 42, 3, 18, "mixed", "mixed", true, &wa);
	benchfx_gen_full(b, 42, 3, 18, "mixed", "mixed", true, &wb);
	benchfx_list_files(a, &fa);
	benchfx_list_files(b, &fb);
	assert_int_equal(fa.n, fb.n);
	assert_true(fa.n > 18);
	for (int i = 0; i < fa.n; i++) {
		assert_string_equal(fa.paths[i], fb.paths[i]);
		sha_of(a, fa.paths[i], ha);
		sha_of(b, fb.paths[i], hb);
		if (strcmp(ha, hb) != 0)
			fail_msg("%s differs between two runs with the same seed", fa.paths[i]);
	}
	benchfx_free_files(&fa);
	benchfx_free_files(&fb);
	benchfx_rm_tree(a);
	benchfx_rm_tree(b);
}

static void test_options(void **state)
{
	bench_gen_options o;
	core_err err;
	char dir[64];
	int written = -1;

	benchfx_make_tmp(dir, sizeof(dir));
	bench_gen_options_default(&o);
	assert_int_equal(o.dpi, 300);
	assert_string_equal(o.format, "mixed");
	assert_int_equal(o.pages, 0);
	o.out_dir = dir;
	o.dossiers = 3;
	o.pages = 2;
	core_err_clear(&err);
	assert_int_equal(bench_gen_corpus(&o, &written, &err), CORE_EARG);
	assert_int_equal(written, 0);
	o.pages = 0;
	o.format = "pdf";
	core_err_clear(&err);
	assert_int_equal(bench_gen_corpus(&o, &written, &err), CORE_EARG);
	o.format = "tiff";
	o.dpi = 10;
	core_err_clear(&err);
	assert_int_equal(bench_gen_corpus(&o, &written, &err), CORE_EARG);
	o.dpi = TEST_DPI;
	o.out_dir = NULL;
	core_err_clear(&err);
	assert_int_equal(bench_gen_corpus(&o, &written, &err), CORE_EARG);
	/* Pages split evenly: 3 + 2 + 2. */
	o.out_dir = dir;
	o.pages = 7;
	core_err_clear(&err);
	assert_int_equal(bench_gen_corpus(&o, &written, &err), 0);
	assert_int_equal(written, 7);
	{
		char path[256];

		snprintf(path, sizeof(path), "%s/dossiers/HS-2024-0001.tif", dir);
		assert_int_equal(benchfx_tiff_pages(path), 3);
		snprintf(path, sizeof(path), "%s/dossiers/HS-2024-0003.tif", dir);
		assert_int_equal(benchfx_tiff_pages(path), 2);
	}
	benchfx_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_render_lines),   cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_tiff_roundtrip), cmocka_unit_test(test_png),
	    cmocka_unit_test(test_deterministic),  cmocka_unit_test(test_options),
	    cmocka_unit_test(test_degradations),   cmocka_unit_test(test_deterministic_degraded),
	};

	/* libtiff warns on stderr about nothing the tests check. */
	TIFFSetWarningHandler(NULL);
	/* Title-case checks classify Vietnamese letters. */
	setlocale(LC_CTYPE, "C.UTF-8");
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return failed;
}
