/* test_bench.c - the synthetic corpus: rendering, writers, determinism, truth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench.h"

#include <ftw.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#define TEST_DPI  100
#define MAX_FILES 256

/* The official list (DOMAIN.md), kept apart from the generator's copy
 * so a typo in one is caught by the other. */
static const char *const provinces[] = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
};

/* ---- helpers --------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void make_tmp(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/test_bench.XXXXXX");
	assert_non_null(mkdtemp(buf));
}

typedef struct file_list {
	char *paths[MAX_FILES]; /* relative to the root */
	int n;
	size_t root_len;
} file_list;

static file_list *walk_target;

static int collect(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (flag == FTW_F && walk_target->n < MAX_FILES)
		walk_target->paths[walk_target->n++] = strdup(path + walk_target->root_len + 1);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_files(const char *root, file_list *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->root_len = strlen(root);
	walk_target = fl;
	assert_int_equal(nftw(root, collect, 16, FTW_PHYS), 0);
	assert_true(fl->n < MAX_FILES);
	qsort(fl->paths, (size_t)fl->n, sizeof(char *), cmp_str);
}

static void free_files(file_list *fl)
{
	for (int i = 0; i < fl->n; i++)
		free(fl->paths[i]);
	fl->n = 0;
}

static void sha_of(const char *root, const char *rel, char out[CORE_SHA256_HEX])
{
	char path[1024];
	core_err err;

	core_err_clear(&err);
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_int_equal(core_sha256_file(path, out, &err), 0);
}

static void gen(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                int *written)
{
	bench_gen_options o;
	core_err err;

	core_err_clear(&err);
	bench_gen_options_default(&o);
	o.out_dir = dir;
	o.seed = seed;
	o.dossiers = dossiers;
	o.pages = pages;
	o.dpi = TEST_DPI;
	o.format = format;
	if (bench_gen_corpus(&o, written, &err) != 0)
		fail_msg("bench_gen_corpus: %s (%s)", err.msg, err.detail);
}

static void render(const char *const *lines, int n, bench_raster *r)
{
	core_err err;

	core_err_clear(&err);
	if (bench_render_lines(lines, n, "Liberation Serif", 12, TEST_DPI, r, &err) != 0)
		fail_msg("bench_render_lines: %s (%s)", err.msg, err.detail);
}

static int tiff_pages(const char *path)
{
	TIFF *t = TIFFOpen(path, "r");
	int n = 0;

	assert_non_null(t);
	do
		n++;
	while (TIFFReadDirectory(t));
	TIFFClose(t);
	return n;
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

	assert_int_equal(tiff_pages(path), 2);
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
	make_tmp(dir, sizeof(dir));
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
	rm_tree(dir);
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
	make_tmp(dir, sizeof(dir));
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
	list_files(dir, &fl);
	assert_int_equal(fl.n, 1); /* no temporary file left */
	free_files(&fl);
	bench_raster_free(&r);
	rm_tree(dir);
}

/* ---- corpus ----------------------------------------------------------- */

static void test_deterministic(void **state)
{
	char a[64], b[64], c[64], ha[CORE_SHA256_HEX], hb[CORE_SHA256_HEX];
	file_list fa, fb, fc;
	int wa = 0, wb = 0, wc = 0, differ = 0;

	make_tmp(a, sizeof(a));
	make_tmp(b, sizeof(b));
	make_tmp(c, sizeof(c));
	gen(a, 42, 4, 0, "mixed", &wa);
	gen(b, 42, 4, 0, "mixed", &wb);
	gen(c, 43, 4, 0, "mixed", &wc);
	assert_int_equal(wa, wb);
	assert_true(wa >= 8 && wa <= 16);
	list_files(a, &fa);
	list_files(b, &fb);
	list_files(c, &fc);
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
	free_files(&fa);
	free_files(&fb);
	free_files(&fc);
	rm_tree(a);
	rm_tree(b);
	rm_tree(c);
}

static bool is_province(const char *code)
{
	for (size_t i = 0; i < sizeof(provinces) / sizeof(provinces[0]); i++)
		if (strncmp(code, provinces[i], 3) == 0)
			return true;
	return false;
}

/* PPP G YY NNNNNN with G from the century and, when known, the sex. */
static void check_id(const char *id, const char *dob_iso, const char *sex)
{
	int year = atoi(dob_iso), g;

	assert_int_equal(strlen(id), 12);
	assert_int_equal(strspn(id, "0123456789"), 12);
	assert_true(is_province(id));
	g = id[3] - '0';
	assert_int_equal(g / 2, (year - 1900) / 100);
	if (sex)
		assert_int_equal(g % 2, strcmp(sex, "Nữ") == 0 ? 1 : 0);
	assert_int_equal(atoi((char[]){id[4], id[5], 0}), year % 100);
}

static const char *field(json_t *fields, const char *key)
{
	const char *v = json_string_value(json_object_get(fields, key));

	if (!v || !*v)
		fail_msg("missing field %s", key);
	return v;
}

static void check_truth(const char *root, const char *rel, int *ids)
{
	static const char *const birth_keys[] = {
	    "full_name",          "date_of_birth",    "sex",         "ethnicity",   "nationality",
	    "place_of_birth",     "place_of_origin",  "personal_id", "mother_name", "father_name",
	    "registration_place", "registration_date"};
	static const char *const form_keys[] = {"full_name", "date_of_birth", "personal_id",
	                                        "addressee", "request"};
	char path[2048], file[1024];
	json_error_t je;
	json_t *t, *pages, *docs, *v;
	size_t i, n_pages;
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	t = json_load_file(path, 0, &je);
	if (!t)
		fail_msg("%s: %s", path, je.text);
	assert_true(strstr(rel, json_string_value(json_object_get(t, "dossier"))) != NULL);
	assert_true(json_is_integer(json_object_get(t, "seed")));
	assert_non_null(json_string_value(json_object_get(t, "format")));
	snprintf(file, sizeof(file), "%s/%s", root, json_string_value(json_object_get(t, "file")));
	assert_int_equal(stat(file, &st), 0);
	pages = json_object_get(t, "pages");
	docs = json_object_get(t, "documents");
	assert_true(json_is_array(pages) && json_is_array(docs));
	n_pages = json_array_size(pages);
	assert_true(n_pages >= 1);
	if (S_ISDIR(st.st_mode)) {
		for (i = 1; i <= n_pages; i++) {
			snprintf(path, sizeof(path), "%s/page-%zu.png", file, i);
			assert_int_equal(access(path, R_OK), 0);
		}
	} else {
		assert_int_equal(tiff_pages(file), (int)n_pages);
	}
	json_array_foreach(pages, i, v)
	{
		bool blank = json_is_true(json_object_get(v, "blank"));

		assert_int_equal(json_integer_value(json_object_get(v, "number")),
		                 (json_int_t)i + 1);
		assert_non_null(json_string_value(json_object_get(v, "kind")));
		assert_string_equal(json_string_value(json_object_get(v, "degradation")), "clean");
		assert_int_equal(json_integer_value(json_object_get(v, "dpi")), TEST_DPI);
		assert_true(json_is_array(json_object_get(v, "lines")));
		assert_int_equal(blank, json_array_size(json_object_get(v, "lines")) == 0);
	}
	json_array_foreach(docs, i, v)
	{
		const char *type = json_string_value(json_object_get(v, "type"));
		json_t *f = json_object_get(v, "fields");
		json_int_t first = json_integer_value(json_object_get(v, "first_page"));
		json_int_t last = json_integer_value(json_object_get(v, "last_page"));

		assert_non_null(type);
		assert_true(json_is_object(f));
		assert_true(first >= 1 && first <= last && last <= (json_int_t)n_pages);
		if (strcmp(type, "birth_certificate") == 0) {
			for (size_t k = 0; k < sizeof(birth_keys) / sizeof(birth_keys[0]); k++)
				field(f, birth_keys[k]);
			check_id(field(f, "personal_id"), field(f, "date_of_birth"),
			         field(f, "sex"));
			++*ids;
		} else if (strcmp(type, "application_form") == 0) {
			for (size_t k = 0; k < sizeof(form_keys) / sizeof(form_keys[0]); k++)
				field(f, form_keys[k]);
			check_id(field(f, "personal_id"), field(f, "date_of_birth"), NULL);
			++*ids;
		} else {
			assert_string_equal(type, "other");
			assert_int_equal(json_object_size(f), 0);
		}
	}
	json_decref(t);
}

static void test_truth(void **state)
{
	char dir[64];
	file_list fl;
	int written = 0, truths = 0, ids = 0;

	make_tmp(dir, sizeof(dir));
	gen(dir, 7, 9, 0, "mixed", &written);
	list_files(dir, &fl);
	for (int i = 0; i < fl.n; i++) {
		/* No temporary file may survive a finished run. */
		assert_null(strstr(fl.paths[i], ".tmp"));
		if (strncmp(fl.paths[i], "truth/", 6) == 0) {
			check_truth(dir, fl.paths[i], &ids);
			truths++;
		}
	}
	assert_int_equal(truths, 9);
	assert_true(ids >= 9);
	free_files(&fl);
	rm_tree(dir);
}

static void test_png_folder_names(void **state)
{
	char dir[64], want[64];
	file_list fl;
	int written = 0, pngs = 0;

	make_tmp(dir, sizeof(dir));
	/* 23 pages in 2 dossiers: 12 and 11, past the page-10 sort trap. */
	gen(dir, 5, 2, 23, "png", &written);
	assert_int_equal(written, 23);
	list_files(dir, &fl);
	for (int i = 0; i < fl.n; i++) {
		const char *p = fl.paths[i];

		if (strncmp(p, "dossiers/HS-2024-0001/", 22) != 0)
			continue;
		pngs++;
		assert_int_equal(strncmp(p + 22, "page-", 5), 0);
	}
	assert_int_equal(pngs, 12);
	for (int n = 1; n <= 12; n++) {
		snprintf(want, sizeof(want), "dossiers/HS-2024-0001/page-%d.png", n);
		assert_non_null(bsearch(&(const char *){want}, fl.paths, (size_t)fl.n,
		                        sizeof(char *), cmp_str));
	}
	free_files(&fl);
	/* A rerun into the same directory replaces the folders cleanly. */
	gen(dir, 5, 2, 23, "png", &written);
	list_files(dir, &fl);
	assert_int_equal(fl.n, 23 + 2);
	free_files(&fl);
	rm_tree(dir);
}

static void test_options(void **state)
{
	bench_gen_options o;
	core_err err;
	char dir[64];
	int written = -1;

	make_tmp(dir, sizeof(dir));
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
		assert_int_equal(tiff_pages(path), 3);
		snprintf(path, sizeof(path), "%s/dossiers/HS-2024-0003.tif", dir);
		assert_int_equal(tiff_pages(path), 2);
	}
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_render_lines),     cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_tiff_roundtrip),   cmocka_unit_test(test_png),
	    cmocka_unit_test(test_deterministic),    cmocka_unit_test(test_truth),
	    cmocka_unit_test(test_png_folder_names), cmocka_unit_test(test_options),
	};

	/* libtiff warns on stderr about nothing the tests check. */
	TIFFSetWarningHandler(NULL);
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return failed;
}
