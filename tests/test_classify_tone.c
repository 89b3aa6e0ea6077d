/*
 * test_classify_tone.c - a value whose word nearly read with another
 * tone mark goes to review; a far rival, a rival outside the value and
 * a value that drops tone marks (a date) do not; nor does a page cleaned
 * of specks keep its names auto-accepted.  Hand-made words, one
 * per text segment word, all read at confidence 95.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "word_fixtures.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* One segment a row, from the first column. */
static const seg lines[] = {
    {0, 0, "GIẤY KHAI SINH"},
    {0, 1, "Họ, chữ đệm, tên: Nguyễn Văn Đông"},
    {0, 2, "Ngày, tháng, năm sinh: 05/03/1990"},
    {0, 3, "Giới tính: Nam"},
    {0, 4, "Số định danh cá nhân: 001090012345"},
    {0, 5, "Nơi sinh: Xã Đông Hưng, huyện Gia Lâm, thành phố Hà Nội"},
    {0, 6, "Ngày, tháng, năm đăng ký: ngày 20 tháng 3 năm 1990"},
};

/* The birth certificate above as page 1, every word at confidence 95. */
static void build_page(built *b, classify_page *pg)
{
	build(lines, N(lines), b, pg, 1);
}

/* Gives the nth word (0-based) reading `text` a tone rival at `gap`. */
static void rival(built *b, const char *text, int nth, float gap)
{
	for (int i = 0; i < b->n; i++) {
		if (strcmp(b->texts[i], text) != 0 || nth-- > 0)
			continue;
		b->w[i].tone_rival = true;
		b->w[i].tone_gap = gap;
		return;
	}
	fail_msg("no word %s", text);
}

static const classify_field *field(const classify_result *r, const char *name)
{
	const classify_document *d = &r->documents[0];

	for (int i = 0; i < d->n_fields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	fail_msg("no field %s", name);
	return NULL;
}

static classify_defs *defs;

static int setup(void **state)
{
	core_err e;

	(void)state;
	core_err_clear(&e);
	if (classify_defs_load(NULL, &defs, &e)) {
		fprintf(stderr, "%s: %s\n", e.msg, e.detail);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	classify_defs_destroy(&defs);
	return 0;
}

static classify_result *extract(const built *b, classify_page *pg)
{
	classify_result *r = NULL;
	core_err e;

	core_err_clear(&e);
	pg->words = b->w;
	assert_int_equal(classify_extract(defs, "birth_certificate", pg, 1, NULL, &r, &e), 0);
	assert_int_equal(r->n_documents, 1);
	return r;
}

/* Status, value and whether the tone note is there. */
static void expect(const classify_result *r, const char *name, const char *value,
                   classify_status st, bool noted)
{
	const classify_field *f = field(r, name);

	assert_non_null(f->value);
	assert_string_equal(f->value, value);
	if (f->status != st)
		printf("# %s: %s %.3f %s\n", name, classify_status_name(f->status), f->confidence,
		       f->validators_json);
	assert_int_equal(f->status, st);
	assert_int_equal(strstr(f->validators_json, "\"tone\"") != NULL, noted);
}

/* Without any rival every field is trusted: the baseline of the others. */
static void no_rival(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;

	(void)state;
	build_page(&b, &pg);
	r = extract(&b, &pg);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_AUTO_ACCEPTED, false);
	expect(r, "place_of_birth", "Xã Đông Hưng, huyện Gia Lâm, thành phố Hà Nội",
	       CLASSIFY_AUTO_ACCEPTED, false);
	expect(r, "registration_date", "1990-03-20", CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* "Đông" nearly read "Đồng": the name waits for a person, capped. */
static void near_rival_in_value(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;

	(void)state;
	build_page(&b, &pg);
	rival(&b, "Đông", 0, 1.5f);
	r = extract(&b, &pg);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_NEEDS_REVIEW, true);
	assert_true(field(r, "full_name")->confidence <= 0.5);
	/* The validators still passed: only the reading is in doubt. */
	assert_true(field(r, "full_name")->validators_ok);
	/* The other values are untouched. */
	expect(r, "place_of_birth", "Xã Đông Hưng, huyện Gia Lâm, thành phố Hà Nội",
	       CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	unbuild(&b);

	/* A rival that alone scored better (negative gap) is doubt too. */
	build_page(&b, &pg);
	rival(&b, "Đông", 1, -0.5f);
	r = extract(&b, &pg);
	expect(r, "place_of_birth", "Xã Đông Hưng, huyện Gia Lâm, thành phố Hà Nội",
	       CLASSIFY_NEEDS_REVIEW, true);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* The bound itself is not doubt; just under it is. */
static void bound(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;

	(void)state;
	build_page(&b, &pg);
	rival(&b, "Đông", 0, (float)CLASSIFY_TONE_GAP_MIN);
	r = extract(&b, &pg);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	unbuild(&b);

	build_page(&b, &pg);
	rival(&b, "Đông", 0, (float)CLASSIFY_TONE_GAP_MIN - 0.01f);
	r = extract(&b, &pg);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_NEEDS_REVIEW, true);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* A near rival in a label, or in a date's words, reaches no value. */
static void rival_outside_value(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;

	(void)state;
	build_page(&b, &pg);
	rival(&b, "tên:", 0, 0.0f);
	rival(&b, "tháng", 0, 0.0f); /* "ngày 20 tháng 3 năm 1990" */
	rival(&b, "năm", 2, 0.0f);
	r = extract(&b, &pg);
	expect(r, "full_name", "Nguyễn Văn Đông", CLASSIFY_AUTO_ACCEPTED, false);
	expect(r, "registration_date", "1990-03-20", CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	unbuild(&b);
}

/*
 * A page whose scan was cleaned of specks: its names and addresses go to
 * review (a speck beside a vowel reads as a mark), its dates do not.
 */
static void specked_page(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;
	const classify_field *f;

	(void)state;
	build_page(&b, &pg);
	pg.specked = true;
	r = extract(&b, &pg);
	f = field(r, "full_name");
	assert_string_equal(f->value, "Nguyễn Văn Đông");
	assert_int_equal(f->status, CLASSIFY_NEEDS_REVIEW);
	assert_non_null(strstr(f->validators_json, "\"specks\""));
	assert_int_equal(field(r, "place_of_birth")->status, CLASSIFY_NEEDS_REVIEW);
	expect(r, "registration_date", "1990-03-20", CLASSIFY_AUTO_ACCEPTED, false);
	assert_null(strstr(field(r, "registration_date")->validators_json, "\"specks\""));
	classify_result_destroy(&r);
	unbuild(&b);
}

/*
 * A personal ID whose year digits disagree with the date of birth: either
 * may be the misread one, so both wait for a person.
 */
static void birth_year_disagrees(void **state)
{
	built b;
	classify_page pg;
	classify_result *r;
	bool swapped = false;

	(void)state;
	build_page(&b, &pg);
	r = extract(&b, &pg);
	expect(r, "personal_id", "001090012345", CLASSIFY_AUTO_ACCEPTED, false);
	expect(r, "date_of_birth", "1990-03-05", CLASSIFY_AUTO_ACCEPTED, false);
	classify_result_destroy(&r);
	for (int i = 0; i < b.n; i++)
		if (strcmp(b.texts[i], "001090012345") == 0) {
			free(b.texts[i]);
			b.texts[i] = strdup("001096012345");
			b.w[i].text = b.texts[i];
			swapped = true;
		}
	assert_true(swapped);
	r = extract(&b, &pg);
	assert_int_equal(field(r, "personal_id")->status, CLASSIFY_NEEDS_REVIEW);
	assert_int_equal(field(r, "date_of_birth")->status, CLASSIFY_NEEDS_REVIEW);
	assert_non_null(strstr(field(r, "date_of_birth")->validators_json, "\"personal_id\""));
	classify_result_destroy(&r);
	unbuild(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_rival),     cmocka_unit_test(near_rival_in_value),
	    cmocka_unit_test(bound),        cmocka_unit_test(rival_outside_value),
	    cmocka_unit_test(specked_page), cmocka_unit_test(birth_year_disagrees),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
