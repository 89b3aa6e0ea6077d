/* test_bench.c - the synthetic corpus: rendering, writers, determinism,
 * truth, identifiers, degradations and single page images. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench.h"

#include <ftw.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#define TEST_DPI  100
#define MAX_FILES 1024

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

static void gen_full(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                     const char *degrade, bool images, int *written)
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
	o.degrade = degrade;
	o.images = images;
	if (bench_gen_corpus(&o, written, &err) != 0)
		fail_msg("bench_gen_corpus: %s (%s)", err.msg, err.detail);
}

static void gen(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                int *written)
{
	gen_full(dir, seed, dossiers, pages, format, NULL, false, written);
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

static bool all_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* PPP G YY NNNNNN with G from the century and, when known, the sex. */
static void check_id(const char *id, const char *dob_iso, const char *sex)
{
	int year = atoi(dob_iso), g;

	assert_true(all_digits(id, 12));
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

static void check_iso(const char *d)
{
	int y, m, day;

	assert_int_equal(strlen(d), 10);
	assert_int_equal(sscanf(d, "%4d-%2d-%2d", &y, &m, &day), 3);
	assert_true(d[4] == '-' && d[7] == '-');
	assert_true(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && day >= 1 && day <= 31);
}

/* Vietnamese title case: each word an upper-case letter then lower case. */
static void check_name(const char *name)
{
	wchar_t w[128];
	size_t n = mbstowcs(w, name, 128);
	bool start = true;

	assert_true(n != (size_t)-1 && n > 3);
	for (size_t i = 0; i < n; i++) {
		if (w[i] == L' ') {
			start = true;
			continue;
		}
		if (start ? !iswupper((wint_t)w[i]) : !iswlower((wint_t)w[i]))
			fail_msg("not a title-case name: \"%s\"", name);
		start = false;
	}
}

/* Written independently of the generator: DOMAIN.md's formula. */
static int test_enterprise_digit(const char *c)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0;

	for (int i = 0; i < 9; i++)
		sum += w[i] * (c[i] - '0');
	return sum % 11 == 0 ? -1 : 10 - sum % 11;
}

static int test_mrz_digit(const char *s, size_t n)
{
	static const int w[3] = {7, 3, 1};
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int v = s[i] == '<' ? 0 : s[i] <= '9' ? s[i] - '0' : s[i] - 'A' + 10;

		sum += v * w[i % 3];
	}
	return sum % 10;
}

static void check_mrz(const char *mrz, json_t *f)
{
	const char *id = field(f, "personal_id"), *dob = field(f, "date_of_birth");
	const char *exp = field(f, "date_of_expiry");
	char l[3][64], comp[64], ymd[8];

	assert_int_equal(sscanf(mrz, "%63[^\n]\n%63[^\n]\n%63s", l[0], l[1], l[2]), 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(strlen(l[i]), 30);
		assert_int_equal(strspn(l[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"), 30);
	}
	assert_memory_equal(l[0], "IDVNM", 5);
	assert_memory_equal(l[0] + 5, id + 3, 9);
	assert_int_equal(l[0][14] - '0', test_mrz_digit(l[0] + 5, 9));
	assert_memory_equal(l[0] + 15, id, 12);
	assert_memory_equal(l[0] + 27, "<<", 2);
	assert_int_equal(l[0][29] - '0', test_mrz_digit(id, 12));
	snprintf(ymd, sizeof(ymd), "%.2s%.2s%.2s", dob + 2, dob + 5, dob + 8);
	assert_memory_equal(l[1], ymd, 6);
	assert_int_equal(l[1][6] - '0', test_mrz_digit(l[1], 6));
	assert_int_equal(l[1][7], strcmp(field(f, "sex"), "Nữ") == 0 ? 'F' : 'M');
	if (exp[0] >= '0' && exp[0] <= '9') {
		snprintf(ymd, sizeof(ymd), "%.2s%.2s%.2s", exp + 2, exp + 5, exp + 8);
		assert_memory_equal(l[1] + 8, ymd, 6);
	} else {
		assert_memory_equal(l[1] + 8, "<<<<<<", 6);
	}
	assert_int_equal(l[1][14] - '0', test_mrz_digit(l[1] + 8, 6));
	assert_memory_equal(l[1] + 15, "VNM", 3);
	snprintf(comp, sizeof(comp), "%.25s%.7s%.7s%.11s", l[0] + 5, l[1], l[1] + 8, l[1] + 18);
	assert_int_equal(l[1][29] - '0', test_mrz_digit(comp, strlen(comp)));
	assert_non_null(strstr(l[2], "<<"));
}

static const struct {
	const char *type;
	const char *keys[13]; /* NULL-terminated */
} doc_keys[] = {
    {"cccd",
     {"personal_id", "full_name", "date_of_birth", "sex", "nationality", "place_of_residence",
      "date_of_issue", "date_of_expiry"}},
    {"cmnd",
     {"cmnd_number", "full_name", "date_of_birth", "place_of_origin", "place_of_residence",
      "ethnicity", "date_of_issue"}},
    {"birth_certificate",
     {"full_name", "date_of_birth", "sex", "ethnicity", "nationality", "place_of_birth",
      "place_of_origin", "personal_id", "mother_name", "father_name", "registration_place",
      "registration_date"}},
    {"marriage_certificate", {"wife_name", "husband_name", "registration_date"}},
    {"marital_status_certificate",
     {"full_name", "date_of_birth", "personal_id", "place_of_residence", "marital_status",
      "date_of_issue"}},
    {"business_registration",
     {"enterprise_code", "company_name", "head_office_address", "charter_capital",
      "legal_representative", "first_registration_date"}},
    {"land_use_certificate",
     {"certificate_number", "parcel_number", "map_sheet_number", "area_m2", "land_use_purpose",
      "land_address", "owner_name"}},
    {"decision", {"decision_number", "issue_date", "issuer", "subject"}},
    {"application_form", {"full_name", "personal_id", "addressee", "request", "date_of_birth"}},
    {"other", {NULL}},
};
#define N_TYPES ((int)(sizeof(doc_keys) / sizeof(doc_keys[0])))

/* Canonical forms and identifier rules of one document's fields. */
static void check_fields(const char *type, json_t *f, json_t *pages, int first, int last)
{
	const char *v;

	if (strcmp(type, "other") == 0) {
		assert_int_equal(json_object_size(f), 0);
		return;
	}
	if ((v = json_string_value(json_object_get(f, "date_of_birth"))))
		check_iso(v);
	if ((v = json_string_value(json_object_get(f, "full_name"))))
		check_name(v);
	if ((v = json_string_value(json_object_get(f, "sex"))))
		assert_true(strcmp(v, "Nam") == 0 || strcmp(v, "Nữ") == 0);
	if (json_object_get(f, "personal_id") && strcmp(type, "application_form") != 0)
		check_id(field(f, "personal_id"), field(f, "date_of_birth"),
		         json_string_value(json_object_get(f, "sex")));
	if (strcmp(type, "application_form") == 0)
		check_id(field(f, "personal_id"), field(f, "date_of_birth"), NULL);
	if (strcmp(type, "cccd") == 0) {
		v = field(f, "date_of_expiry");
		if (strcmp(v, "Không thời hạn") != 0)
			check_iso(v);
		check_iso(field(f, "date_of_issue"));
		assert_true(json_object_get(f, "place_of_origin") ||
		            json_object_get(f, "place_of_birth"));
		if ((v = json_string_value(json_object_get(f, "mrz")))) {
			json_t *lines =
			    json_object_get(json_array_get(pages, (size_t)first - 1), "lines");
			char l1[31];
			bool drawn = false;
			size_t i;
			json_t *ln;

			check_mrz(v, f);
			/* The MRZ in the fields is the MRZ on the page. */
			snprintf(l1, sizeof(l1), "%s", v);
			json_array_foreach(lines, i, ln) drawn |=
			    strcmp(json_string_value(ln), l1) == 0;
			assert_true(drawn);
		}
	} else if (strcmp(type, "cmnd") == 0) {
		char prov[4] = {'0', 0, 0, 0};

		v = field(f, "cmnd_number");
		assert_true(all_digits(v, 9));
		memcpy(prov + 1, v, 2);
		assert_true(is_province(prov));
	} else if (strcmp(type, "marriage_certificate") == 0) {
		/* Personal IDs are printed (and in the truth) from 2016 on. */
		assert_true(!json_object_get(f, "wife_personal_id") ==
		            (atoi(field(f, "registration_date")) < 2016));
		if ((v = json_string_value(json_object_get(f, "wife_personal_id"))))
			assert_true(all_digits(v, 12) && is_province(v) && (v[3] - '0') % 2 == 1);
		if ((v = json_string_value(json_object_get(f, "husband_personal_id"))))
			assert_true(all_digits(v, 12) && is_province(v) && (v[3] - '0') % 2 == 0);
		check_name(field(f, "wife_name"));
		check_name(field(f, "husband_name"));
		check_iso(field(f, "registration_date"));
	} else if (strcmp(type, "business_registration") == 0) {
		v = field(f, "enterprise_code");
		assert_true(all_digits(v, 10));
		assert_int_equal(v[9] - '0', test_enterprise_digit(v));
		assert_true(bench_enterprise_valid(v));
		assert_true(
		    all_digits(field(f, "charter_capital"), strlen(field(f, "charter_capital"))));
		check_name(field(f, "legal_representative"));
		check_iso(field(f, "first_registration_date"));
	} else if (strcmp(type, "land_use_certificate") == 0) {
		double area;
		char tail[8] = "";

		assert_int_equal(last - first, 1);
		v = field(f, "area_m2");
		assert_true(sscanf(v, "%lf%7s", &area, tail) == 1 && area > 0 && !strchr(v, ','));
		assert_true(
		    all_digits(field(f, "parcel_number"), strlen(field(f, "parcel_number"))));
		check_name(field(f, "owner_name"));
	} else if (strcmp(type, "decision") == 0) {
		check_iso(field(f, "issue_date"));
		assert_non_null(strstr(field(f, "decision_number"), "/QĐ-"));
	}
}

/* Checks one dossier's truth; sets seen[t] for each type t met. */
static void check_truth(const char *root, const char *rel, int *ids, bool *seen)
{
	char path[2048], file[1024];
	json_error_t je;
	json_t *t, *pages, *docs, *v;
	size_t i, n_pages;
	struct stat st;
	int covered[4096] = {0};

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
	assert_true(n_pages >= 1 && n_pages < 4096);
	if (S_ISDIR(st.st_mode)) {
		for (i = 1; i <= n_pages; i++) {
			snprintf(path, sizeof(path), "%s/page-%zu.png", file, i);
			if (access(path, R_OK) != 0)
				snprintf(path, sizeof(path), "%s/page-%zu.tif", file, i);
			assert_int_equal(access(path, R_OK), 0);
		}
	} else {
		assert_int_equal(tiff_pages(file), (int)n_pages);
	}
	json_array_foreach(docs, i, v)
	{
		const char *type = json_string_value(json_object_get(v, "type"));
		json_t *f = json_object_get(v, "fields");
		json_int_t first = json_integer_value(json_object_get(v, "first_page"));
		json_int_t last = json_integer_value(json_object_get(v, "last_page"));
		int k;

		assert_non_null(type);
		assert_non_null(json_string_value(json_object_get(v, "layout")));
		assert_true(json_is_object(f));
		assert_true(first >= 1 && first <= last && last <= (json_int_t)n_pages);
		for (k = 0; k < N_TYPES && strcmp(doc_keys[k].type, type) != 0; k++)
			;
		if (k == N_TYPES)
			fail_msg("unknown document type %s", type);
		seen[k] = true;
		for (int j = 0; doc_keys[k].keys[j]; j++)
			field(f, doc_keys[k].keys[j]);
		check_fields(type, f, pages, (int)first, (int)last);
		*ids += json_object_get(f, "personal_id") != NULL;
		/* Documents never overlap; each page's "document" points back. */
		for (json_int_t p = first; p <= last; p++) {
			json_t *pg = json_array_get(pages, (size_t)p - 1);

			assert_int_equal(covered[p]++, 0);
			assert_int_equal(json_integer_value(json_object_get(pg, "document")),
			                 (json_int_t)i);
			assert_string_equal(json_string_value(json_object_get(pg, "kind")),
			                    strcmp(type, "other") == 0 ? "prose" : type);
		}
	}
	json_array_foreach(pages, i, v)
	{
		bool blank = json_is_true(json_object_get(v, "blank"));
		const char *deg = json_string_value(json_object_get(v, "degradation"));

		assert_int_equal(json_integer_value(json_object_get(v, "number")),
		                 (json_int_t)i + 1);
		assert_non_null(json_string_value(json_object_get(v, "kind")));
		assert_non_null(deg);
		assert_true(json_is_object(json_object_get(v, "degradation_params")));
		if (strcmp(deg, "clean") == 0)
			assert_int_equal(json_integer_value(json_object_get(v, "dpi")), TEST_DPI);
		assert_true(json_is_array(json_object_get(v, "lines")));
		assert_int_equal(blank, json_array_size(json_object_get(v, "lines")) == 0);
		/* Blank sheets belong to no document; every other page to one. */
		assert_int_equal(blank, !covered[i + 1]);
		assert_true(blank ? json_is_null(json_object_get(v, "document"))
		                  : json_is_integer(json_object_get(v, "document")));
		if (!blank)
			assert_non_null(json_string_value(json_object_get(v, "font")));
	}
	json_decref(t);
}

static int check_corpus(const char *dir, bool *seen)
{
	file_list fl;
	int truths = 0, ids = 0;

	list_files(dir, &fl);
	for (int i = 0; i < fl.n; i++) {
		/* No temporary file may survive a finished run. */
		assert_null(strstr(fl.paths[i], ".tmp"));
		if (strncmp(fl.paths[i], "truth/", 6) == 0) {
			check_truth(dir, fl.paths[i], &ids, seen);
			truths++;
		}
	}
	free_files(&fl);
	assert_true(ids > 0);
	return truths;
}

static void test_truth(void **state)
{
	bool seen[N_TYPES] = {0};
	char dir[64];
	int written = 0;

	make_tmp(dir, sizeof(dir));
	gen(dir, 7, 9, 0, "mixed", &written);
	assert_int_equal(check_corpus(dir, seen), 9);
	rm_tree(dir);
}

/* Every document type in any corpus of 60 pages, whatever the split. */
static void test_all_types(void **state)
{
	static const int splits[][2] = {{10, 60}, {20, 60}, {7, 64}, {30, 60}};
	char dir[64];

	for (size_t s = 0; s < sizeof(splits) / sizeof(splits[0]); s++) {
		bool seen[N_TYPES] = {0};
		int written = 0;

		make_tmp(dir, sizeof(dir));
		gen(dir, 100 + s, splits[s][0], splits[s][1], s % 2 ? "tiff" : "png", &written);
		assert_int_equal(written, splits[s][1]);
		assert_int_equal(check_corpus(dir, seen), splits[s][0]);
		for (int k = 0; k < N_TYPES; k++)
			if (!seen[k])
				fail_msg("no %s in %d dossiers of %d pages", doc_keys[k].type,
				         splits[s][0], splits[s][1]);
		rm_tree(dir);
	}
}

static void test_identifiers(void **state)
{
	static const char *const published[] = {"0100233488", "0314409058", "0104918404",
	                                        "0103172804", "0312650437"};
	char code[11];

	for (size_t i = 0; i < sizeof(published) / sizeof(published[0]); i++) {
		assert_true(bench_enterprise_valid(published[i]));
		assert_int_equal(bench_enterprise_check_digit(published[i]), published[i][9] - '0');
	}
	assert_false(bench_enterprise_valid("0100233489"));
	assert_false(bench_enterprise_valid("010023348"));
	assert_false(bench_enterprise_valid("01002334a8"));
	/* The generator's formula against the test's on many prefixes. */
	for (unsigned n = 0; n < 20000; n++) {
		snprintf(code, sizeof(code), "%09u", n * 49999u % 1000000000u);
		assert_int_equal(bench_enterprise_check_digit(code), test_enterprise_digit(code));
	}
	/* ICAO 9303's own examples. */
	assert_int_equal(bench_mrz_check_digit("L898902C3", 9), 6);
	assert_int_equal(bench_mrz_check_digit("740812", 6), 2);
	assert_int_equal(bench_mrz_check_digit("120415", 6), 9);
	assert_int_equal(bench_mrz_check_digit("<<<<<<", 6), 0);
	assert_int_equal(bench_mrz_check_digit("D23145890", 9), test_mrz_digit("D23145890", 9));
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

/* ---- degradations and single images ---------------------------------- */

typedef struct image {
	int w, h, dpi;
	uint8_t *px;
} image;

static void read_png(const char *path, image *im)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	png_uint_32 rx = 0, ry = 0;
	int unit = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		fail_msg("cannot open %s", path);
	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("cannot read %s", path);
	png_init_io(png, f);
	png_read_info(png, info);
	assert_int_equal(png_get_color_type(png, info), PNG_COLOR_TYPE_GRAY);
	assert_int_equal(png_get_bit_depth(png, info), 8);
	im->w = (int)png_get_image_width(png, info);
	im->h = (int)png_get_image_height(png, info);
	assert_true(png_get_pHYs(png, info, &rx, &ry, &unit));
	assert_int_equal(unit, PNG_RESOLUTION_METER);
	assert_int_equal(rx, ry);
	im->dpi = (int)lround(rx * 0.0254);
	im->px = malloc((size_t)im->w * (size_t)im->h);
	assert_non_null(im->px);
	for (int y = 0; y < im->h; y++)
		png_read_row(png, im->px + (size_t)y * (size_t)im->w, NULL);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
}

/* Page `dir` (0-based) of a TIFF as 8-bit gray, bilevel as 0 / 255. */
static void read_tiff(const char *path, int dir, image *im)
{
	TIFF *t = TIFFOpen(path, "r");
	uint16_t bps = 0, photo = 0;
	float res = 0;
	uint8_t *row;

	assert_non_null(t);
	assert_true(TIFFSetDirectory(t, (tdir_t)dir));
	TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &im->w);
	TIFFGetField(t, TIFFTAG_IMAGELENGTH, &im->h);
	TIFFGetField(t, TIFFTAG_BITSPERSAMPLE, &bps);
	TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &photo);
	assert_true(TIFFGetField(t, TIFFTAG_XRESOLUTION, &res));
	im->dpi = (int)lroundf(res);
	im->px = malloc((size_t)im->w * (size_t)im->h);
	row = malloc((size_t)TIFFScanlineSize(t));
	assert_true(im->px && row);
	for (int y = 0; y < im->h; y++) {
		assert_int_equal(TIFFReadScanline(t, row, (uint32_t)y, 0), 1);
		for (int x = 0; x < im->w; x++) {
			uint8_t *o = im->px + (size_t)y * (size_t)im->w + (size_t)x;

			if (bps == 8)
				*o = row[x];
			else
				*o = ((row[x >> 3] >> (7 - (x & 7))) & 1) ^
				             (photo == PHOTOMETRIC_MINISWHITE)
				         ? 255
				         : 0;
		}
	}
	free(row);
	TIFFClose(t);
}

static void read_image(const char *path, image *im)
{
	if (core_str_endswith_ci(path, ".png"))
		read_png(path, im);
	else
		read_tiff(path, 0, im);
}

/* Page n of a dossier: a directory of a TIFF, or a file of a folder. */
static void read_dossier_page(const char *root, json_t *truth, int n, image *im)
{
	char path[2048];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root,
	         json_string_value(json_object_get(truth, "file")));
	assert_int_equal(stat(path, &st), 0);
	if (!S_ISDIR(st.st_mode)) {
		read_tiff(path, n - 1, im);
		return;
	}
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/page-%d.png", n);
	if (access(path, R_OK) != 0)
		memcpy(path + strlen(path) - 3, "tif", 3);
	read_image(path, im);
}

static bool same_image(const image *a, const image *b)
{
	return a->w == b->w && a->h == b->h &&
	       memcmp(a->px, b->px, (size_t)a->w * (size_t)a->h) == 0;
}

static json_t *load_truth(const char *dir, const char *code)
{
	char path[256];
	json_error_t je;
	json_t *t;

	snprintf(path, sizeof(path), "%s/truth/%s.json", dir, code);
	t = json_load_file(path, 0, &je);
	if (!t)
		fail_msg("%s: %s", path, je.text);
	return t;
}

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

	make_tmp(clean_dir, sizeof(clean_dir));
	gen_full(clean_dir, 11, 1, 2, "png", "clean", true, &written);
	snprintf(path, sizeof(path), "%s/images/HS-2024-0001/page-1.png", clean_dir);
	read_png(path, &clean);
	assert_int_equal(clean.dpi, TEST_DPI);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		bool g4 = strcmp(names[i], "g4") == 0;

		make_tmp(dir, sizeof(dir));
		gen_full(dir, 11, 1, 2, "png", names[i], true, &written);
		t = load_truth(dir, "HS-2024-0001");
		p = json_array_get(json_object_get(t, "pages"), 0);
		assert_string_equal(json_string_value(json_object_get(p, "degradation")), names[i]);
		snprintf(path, sizeof(path), "%s/images/HS-2024-0001/page-1.%s", dir,
		         g4 ? "tif" : "png");
		read_image(path, &im);
		assert_int_equal(im.w, json_integer_value(json_object_get(p, "width")));
		assert_int_equal(im.h, json_integer_value(json_object_get(p, "height")));
		assert_int_equal(im.dpi, json_integer_value(json_object_get(p, "dpi")));
		if (same_image(&im, &clean))
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
			json_t *c = load_truth(clean_dir, "HS-2024-0001");

			assert_true(json_equal(
			    json_object_get(p, "lines"),
			    json_object_get(json_array_get(json_object_get(c, "pages"), 0),
			                    "lines")));
			json_decref(c);
		}
		free(im.px);
		json_decref(t);
		rm_tree(dir);
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
	rm_tree(clean_dir);
}

/* --images pages hold exactly the dossier's pixels, in every storage. */
static void test_images(void **state)
{
	bool seen[N_TYPES] = {0};
	char dir[64], path[512], code[32];
	int written = 0, bilevel = 0, checked = 0;

	make_tmp(dir, sizeof(dir));
	gen_full(dir, 21, 6, 30, "mixed", "mixed", true, &written);
	assert_int_equal(check_corpus(dir, seen), 6);
	for (int d = 1; d <= 6; d++) {
		json_t *t, *p;
		size_t i;

		snprintf(code, sizeof(code), "HS-2024-%04d", d);
		t = load_truth(dir, code);
		json_array_foreach(json_object_get(t, "pages"), i, p)
		{
			image a = {0}, b = {0};

			snprintf(path, sizeof(path), "%s/%s", dir,
			         json_string_value(json_object_get(p, "image")));
			read_image(path, &a);
			read_dossier_page(dir, t, (int)i + 1, &b);
			if (!same_image(&a, &b))
				fail_msg("%s page %zu differs from its image", code, i + 1);
			assert_int_equal(a.dpi, json_integer_value(json_object_get(p, "dpi")));
			assert_int_equal(b.dpi, a.dpi);
			bilevel += json_is_true(json_object_get(p, "bilevel"));
			checked++;
			free(a.px);
			free(b.px);
		}
		json_decref(t);
	}
	assert_int_equal(checked, 30);
	assert_true(bilevel > 0 && bilevel < 30);
	rm_tree(dir);
}

/* Defects and images are as reproducible as the clean corpus. */
static void test_deterministic_degraded(void **state)
{
	char a[64], b[64], ha[CORE_SHA256_HEX], hb[CORE_SHA256_HEX];
	file_list fa, fb;
	int wa = 0, wb = 0;

	make_tmp(a, sizeof(a));
	make_tmp(b, sizeof(b));
	gen_full(a, 42, 3, 18, "mixed", "mixed", true, &wa);
	gen_full(b, 42, 3, 18, "mixed", "mixed", true, &wb);
	list_files(a, &fa);
	list_files(b, &fb);
	assert_int_equal(fa.n, fb.n);
	assert_true(fa.n > 18);
	for (int i = 0; i < fa.n; i++) {
		assert_string_equal(fa.paths[i], fb.paths[i]);
		sha_of(a, fa.paths[i], ha);
		sha_of(b, fb.paths[i], hb);
		if (strcmp(ha, hb) != 0)
			fail_msg("%s differs between two runs with the same seed", fa.paths[i]);
	}
	free_files(&fa);
	free_files(&fb);
	rm_tree(a);
	rm_tree(b);
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
	    cmocka_unit_test(test_render_lines),
	    cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_tiff_roundtrip),
	    cmocka_unit_test(test_png),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_truth),
	    cmocka_unit_test(test_png_folder_names),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_all_types),
	    cmocka_unit_test(test_identifiers),
	    cmocka_unit_test(test_degradations),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_deterministic_degraded),
	};

	/* libtiff warns on stderr about nothing the tests check. */
	TIFFSetWarningHandler(NULL);
	/* Title-case checks classify Vietnamese letters. */
	setlocale(LC_CTYPE, "C.UTF-8");
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return failed;
}
