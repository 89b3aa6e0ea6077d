/* test_bench_truth.c - the synthetic corpus's truth files: fields of
 * every document type, identifiers, page coverage, folder names, and
 * single page images that hold exactly the dossier's pixels.  Shared
 * helpers are in bench_fixtures.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bench.h"
#include "bench_fixtures.h"

#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

/* The official list (DOMAIN.md), kept apart from the generator's copy
 * so a typo in one is caught by the other. */
static const char *const provinces[] = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
};

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
		assert_int_equal(benchfx_tiff_pages(file), (int)n_pages);
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

	benchfx_list_files(dir, &fl);
	for (int i = 0; i < fl.n; i++) {
		/* No temporary file may survive a finished run. */
		assert_null(strstr(fl.paths[i], ".tmp"));
		if (strncmp(fl.paths[i], "truth/", 6) == 0) {
			check_truth(dir, fl.paths[i], &ids, seen);
			truths++;
		}
	}
	benchfx_free_files(&fl);
	assert_true(ids > 0);
	return truths;
}

static void test_truth(void **state)
{
	bool seen[N_TYPES] = {0};
	char dir[64];
	int written = 0;

	benchfx_make_tmp(dir, sizeof(dir));
	benchfx_gen(dir, 7, 9, 0, "mixed", &written);
	assert_int_equal(check_corpus(dir, seen), 9);
	benchfx_rm_tree(dir);
}

/* Every document type in any corpus of 60 pages, whatever the split. */
static void test_all_types(void **state)
{
	static const int splits[][2] = {{10, 60}, {20, 60}, {7, 64}, {30, 60}};
	char dir[64];

	for (size_t s = 0; s < sizeof(splits) / sizeof(splits[0]); s++) {
		bool seen[N_TYPES] = {0};
		int written = 0;

		benchfx_make_tmp(dir, sizeof(dir));
		benchfx_gen(dir, 100 + s, splits[s][0], splits[s][1], s % 2 ? "tiff" : "png",
		            &written);
		assert_int_equal(written, splits[s][1]);
		assert_int_equal(check_corpus(dir, seen), splits[s][0]);
		for (int k = 0; k < N_TYPES; k++)
			if (!seen[k])
				fail_msg("no %s in %d dossiers of %d pages", doc_keys[k].type,
				         splits[s][0], splits[s][1]);
		benchfx_rm_tree(dir);
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

	benchfx_make_tmp(dir, sizeof(dir));
	/* 23 pages in 2 dossiers: 12 and 11, past the page-10 sort trap. */
	benchfx_gen(dir, 5, 2, 23, "png", &written);
	assert_int_equal(written, 23);
	benchfx_list_files(dir, &fl);
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
		                        sizeof(char *), benchfx_cmp_str));
	}
	benchfx_free_files(&fl);
	/* A rerun into the same directory replaces the folders cleanly. */
	benchfx_gen(dir, 5, 2, 23, "png", &written);
	benchfx_list_files(dir, &fl);
	assert_int_equal(fl.n, 23 + 2);
	benchfx_free_files(&fl);
	benchfx_rm_tree(dir);
}

/* ---- single images ----------------------------------------------------- */

/* Page n of a dossier: a directory of a TIFF, or a file of a folder. */
static void read_dossier_page(const char *root, json_t *truth, int n, image *im)
{
	char path[2048];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", root,
	         json_string_value(json_object_get(truth, "file")));
	assert_int_equal(stat(path, &st), 0);
	if (!S_ISDIR(st.st_mode)) {
		benchfx_read_tiff(path, n - 1, im);
		return;
	}
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/page-%d.png", n);
	if (access(path, R_OK) != 0)
		memcpy(path + strlen(path) - 3, "tif", 3);
	benchfx_read_image(path, im);
}

/* --images pages hold exactly the dossier's pixels, in every storage. */
static void test_images(void **state)
{
	bool seen[N_TYPES] = {0};
	char dir[64], path[512], code[32];
	int written = 0, bilevel = 0, checked = 0;

	benchfx_make_tmp(dir, sizeof(dir));
	benchfx_gen_full(dir, 21, 6, 30, "mixed", "mixed", true, &written);
	assert_int_equal(check_corpus(dir, seen), 6);
	for (int d = 1; d <= 6; d++) {
		json_t *t, *p;
		size_t i;

		snprintf(code, sizeof(code), "HS-2024-%04d", d);
		t = benchfx_load_truth(dir, code);
		json_array_foreach(json_object_get(t, "pages"), i, p)
		{
			image a = {0}, b = {0};

			snprintf(path, sizeof(path), "%s/%s", dir,
			         json_string_value(json_object_get(p, "image")));
			benchfx_read_image(path, &a);
			read_dossier_page(dir, t, (int)i + 1, &b);
			if (!benchfx_same_image(&a, &b))
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
	benchfx_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_truth),     cmocka_unit_test(test_png_folder_names),
	    cmocka_unit_test(test_all_types), cmocka_unit_test(test_identifiers),
	    cmocka_unit_test(test_images),
	};

	/* libtiff warns on stderr about nothing the tests check. */
	TIFFSetWarningHandler(NULL);
	/* Title-case checks classify Vietnamese letters. */
	setlocale(LC_CTYPE, "C.UTF-8");
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	bench_shutdown();
	return failed;
}
