/*
 * test_bench_metrics.c - the benchmark's arithmetic on hand-made cases
 * whose answers are worked out by hand: CER / WER aggregated per group,
 * precision / recall / F1, a 3-class confusion matrix, values compared
 * canonically, a 3-document dossier scored for page types, separation
 * and fields, a split document, ratios.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench_metrics.h"

#define EPS 1e-9

/* cmocka 1.1 compares floats only; rates need doubles. */
#define assert_near(a, b)                                                                          \
	do {                                                                                       \
		double a_ = (a), b_ = (b);                                                         \
		if (!(fabs(a_ - b_) < EPS))                                                        \
			fail_msg("%.12g != %.12g", a_, b_);                                        \
	} while (0)

static void cer_kitten_sitting(void **state)
{
	bench_errsum s;

	(void)state;
	memset(&s, 0, sizeof(s));
	/* k->s, e->i, +g: 3 edits against a 6-character reference. */
	assert_int_equal(bench_errsum_page(&s, "kitten", "sitting", NULL), 0);
	assert_int_equal(s.pages, 1);
	assert_int_equal(s.cer_edits, 3);
	assert_int_equal(s.chars, 6);
	assert_near(bench_errsum_cer(&s), 0.5);
	/* One word, wrong: WER 1/1. */
	assert_near(bench_errsum_wer(&s), 1.0);
}

static void cer_aggregates_by_length(void **state)
{
	bench_errsum a, b, all;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&all, 0, sizeof(all));
	assert_int_equal(bench_errsum_page(&a, "kitten", "sitting", NULL), 0);
	assert_int_equal(bench_errsum_page(&b, "abcd", "abcd", NULL), 0);
	bench_errsum_merge(&all, &a);
	bench_errsum_merge(&all, &b);
	/* Sum of edits over sum of lengths: 3 / 10, not the mean of
	 * 0.5 and 0 (which would be 0.25). */
	assert_int_equal(all.pages, 2);
	assert_near(bench_errsum_cer(&all), 0.3);
}

static void cer_accents_and_missing_text(void **state)
{
	bench_errsum s;

	(void)state;
	memset(&s, 0, sizeof(s));
	/* 14 code points; ễ, ă, Đ and ứ differ; folded, nothing does. */
	assert_int_equal(bench_errsum_page(&s, "Nguyễn Văn Đức", "Nguyen Van Duc", NULL), 0);
	assert_int_equal(s.chars, 14);
	assert_near(bench_errsum_cer(&s), 4.0 / 14.0);
	assert_near(bench_errsum_cer_fold(&s), 0.0);
	/* All three words are wrong unfolded. */
	assert_near(bench_errsum_wer(&s), 1.0);

	/* A page without output costs its whole reference. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(bench_errsum_page(&s, "một hai ba bốn", NULL, NULL), 0);
	assert_near(bench_errsum_cer(&s), 1.0);
	assert_near(bench_errsum_wer(&s), 1.0);

	/* White space is normalized before counting. */
	memset(&s, 0, sizeof(s));
	assert_int_equal(bench_errsum_page(&s, "một hai ba bốn", "một  hai\nbốn\f", NULL), 0);
	assert_int_equal(s.wer_edits, 1);
	assert_int_equal(s.words, 4);
	assert_near(bench_errsum_wer(&s), 0.25);

	/* Nothing scored: no rate, never a perfect 0. */
	memset(&s, 0, sizeof(s));
	assert_true(isnan(bench_errsum_cer(&s)));
	assert_true(isnan(bench_errsum_wer(&s)));
}

static void groups_index(void **state)
{
	bench_groups g;

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(bench_groups_index(&g, "clean", NULL), 0);
	assert_int_equal(bench_groups_index(&g, "noise", NULL), 1);
	assert_int_equal(bench_groups_index(&g, "clean", NULL), 0);
	assert_int_equal(bench_groups_find(&g, "noise"), 1);
	assert_int_equal(bench_groups_find(&g, "skew"), -1);
	assert_int_equal(g.n, 2);
	bench_groups_free(&g);
}

static void prf_known_counts(void **state)
{
	bench_prf p;

	(void)state;
	bench_prf_from_counts(8, 2, 4, &p);
	assert_near(p.precision, 0.8);
	assert_near(p.recall, 8.0 / 12.0);
	/* 2PR / (P + R) = 2 * 0.8 * 0.6667 / 1.4667 = 16 / 22 */
	assert_near(p.f1, 16.0 / 22.0);

	bench_prf_from_counts(0, 1, 1, &p);
	assert_near(p.precision, 0);
	assert_near(p.recall, 0);
	assert_near(p.f1, 0);

	bench_prf_from_counts(0, 0, 0, &p);
	assert_true(isnan(p.precision));
	assert_true(isnan(p.recall));
	assert_true(isnan(p.f1));

	/* Nothing predicted, something expected: recall 0, precision undefined. */
	bench_prf_from_counts(0, 0, 3, &p);
	assert_true(isnan(p.precision));
	assert_near(p.recall, 0);
	assert_near(p.f1, 0);
}

static void confusion_three_classes(void **state)
{
	static const char *const labels[] = {"birth", "form", "other"};
	static const struct {
		const char *t, *p;
		int times;
	} cases[] = {{"birth", "birth", 5}, {"birth", "form", 1},  {"form", "form", 3},
	             {"form", "other", 1},  {"other", "other", 2}, {"other", "birth", 2}};
	bench_confusion m;
	core_err err;

	(void)state;
	core_err_clear(&err);
	assert_int_equal(bench_confusion_init(&m, labels, 3, &err), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int k = 0; k < cases[i].times; k++)
			assert_int_equal(bench_confusion_add(&m, cases[i].t, cases[i].p, &err), 0);
	assert_int_equal(bench_confusion_total(&m), 14);
	assert_int_equal(bench_confusion_cell(&m, 0, 0), 5);
	assert_int_equal(bench_confusion_cell(&m, 2, 0), 2);
	assert_int_equal(bench_confusion_cell(&m, 0, 2), 0);
	assert_near(bench_confusion_accuracy(&m), 10.0 / 14.0);
	/* birth: predicted 7 times (5 right), truly 6 times. */
	assert_near(bench_confusion_precision(&m, 0), 5.0 / 7.0);
	assert_near(bench_confusion_recall(&m, 0), 5.0 / 6.0);
	assert_near(bench_confusion_precision(&m, 1), 3.0 / 4.0);
	assert_near(bench_confusion_recall(&m, 1), 3.0 / 4.0);
	assert_near(bench_confusion_precision(&m, 2), 2.0 / 3.0);
	assert_near(bench_confusion_recall(&m, 2), 2.0 / 4.0);
	assert_true(isnan(bench_confusion_precision(&m, 3)));

	assert_int_not_equal(bench_confusion_add(&m, "birth", "letter", &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	assert_int_equal(bench_confusion_total(&m), 14);
	bench_confusion_free(&m);

	/* An empty matrix has no accuracy. */
	assert_int_equal(bench_confusion_init(&m, labels, 2, NULL), 0);
	assert_true(isnan(bench_confusion_accuracy(&m)));
	assert_true(isnan(bench_confusion_recall(&m, 0)));
	bench_confusion_free(&m);
}

static void values_canonical(void **state)
{
	bool eq;

	(void)state;
	/* White space and Unicode composition do not matter... */
	assert_int_equal(bench_value_equal("Nguyễn Văn An", " Nguyễn  Văn\nAn ", &eq, NULL), 0);
	assert_true(eq);
	/* "ễ" composed (NFC) against e + circumflex + tilde (NFD). */
	assert_int_equal(
	    bench_value_equal("Nguy\xe1\xbb\x85n", "Nguye\xcc\x82\xcc\x83n", &eq, NULL), 0);
	assert_true(eq);
	/* ...but accents, case and every digit do. */
	assert_int_equal(bench_value_equal("Nguyễn Văn An", "Nguyen Van An", &eq, NULL), 0);
	assert_false(eq);
	assert_int_equal(bench_value_equal("Nguyễn Văn An", "NGUYỄN VĂN AN", &eq, NULL), 0);
	assert_false(eq);
	assert_int_equal(bench_value_equal("1990-03-05", "1990-3-5", &eq, NULL), 0);
	assert_false(eq);
	/* A refused value (NULL) is never right. */
	assert_int_equal(bench_value_equal("Nam", NULL, &eq, NULL), 0);
	assert_false(eq);
}

/*
 * Three truth documents (pages 1, 2-3, 4); sohoa gets the ranges right,
 * types the decision as an application form, and misreads one date:
 *
 *   cccd 1-1:   personal_id ok (auto), full_name ok with a double space
 *               (auto), date_of_birth 1990-05-03 for 1990-03-05 (auto:
 *               the wrong auto-accepted one), card_side (no truth name)
 *   birth 2-3:  full_name, date_of_birth, sex ok (auto); ethnicity
 *               refused (null, needs review), a name the truth gives
 *               birth certificates elsewhere in the corpus
 *   decision 4: read as application_form with full_name (auto), a name
 *               decisions never have: unscored; both true fields missed
 *
 * Pages: 3 of 4 right.  Fields: TP 5, FP 1, FN 3 (worked out below).
 */
static bench_dfield t1f[] = {{"personal_id", "001090012345", false},
                             {"full_name", "Nguyễn Văn An", false},
                             {"date_of_birth", "1990-03-05", false}};
static bench_dfield t2f[] = {{"full_name", "Trần Thị Bình", false},
                             {"date_of_birth", "2001-12-31", false},
                             {"sex", "Nữ", false}};
static bench_dfield t3f[] = {{"decision_number", "145/QĐ-UBND", false},
                             {"issue_date", "2024-01-02", false}};
static bench_dfield p1f[] = {{"personal_id", "001090012345", true},
                             {"full_name", "Nguyễn  Văn An", true},
                             {"date_of_birth", "1990-05-03", true},
                             {"card_side", "front", false}};
static bench_dfield p2f[] = {{"full_name", "Trần Thị Bình", true},
                             {"date_of_birth", "2001-12-31", true},
                             {"sex", "Nữ", true},
                             {"ethnicity", NULL, false}};
static bench_dfield p3f[] = {{"full_name", "Lê Văn Cường", true}};

static void dossier_three_documents(void **state)
{
	const bench_doc truth[] = {{"cccd", 1, 1, t1f, 3},
	                           {"birth_certificate", 2, 3, t2f, 3},
	                           {"decision", 4, 4, t3f, 2}};
	const bench_doc pred[] = {{"cccd", 1, 1, p1f, 4},
	                          {"birth_certificate", 2, 3, p2f, 4},
	                          {"application_form", 4, 4, p3f, 1}};
	int match[3], ok = 0, pages = 0;
	bench_fields f;
	bench_sep sep;
	bench_prf prf;
	const bench_frow *r;
	core_err err;

	(void)state;
	core_err_clear(&err);
	memset(&f, 0, sizeof(f));
	memset(&sep, 0, sizeof(sep));

	/* Pages: truth type of the covering document against sohoa's. */
	for (int page = 1; page <= 4; page++) {
		const char *t = bench_doc_type_at(truth, 3, page);
		const char *p = bench_doc_type_at(pred, 3, page);

		pages++;
		ok += p && strcmp(t, p) == 0;
	}
	assert_int_equal(pages, 4);
	assert_int_equal(ok, 3);
	assert_null(bench_doc_type_at(pred, 3, 5));

	/* Separation: every range reproduced, one with the wrong type. */
	bench_sep_add(&sep, truth, 3, pred, 3);
	assert_int_equal(sep.truth_docs, 3);
	assert_int_equal(sep.exact, 3);
	assert_int_equal(sep.exact_typed, 2);
	assert_int_equal(sep.pred_docs, 3);
	assert_int_equal(sep.pred_unmatched, 0);

	assert_int_equal(bench_doc_match(truth, 3, pred, 3, match, &err), 0);
	assert_int_equal(match[0], 0);
	assert_int_equal(match[1], 1);
	/* Same range, so matched in spite of the type. */
	assert_int_equal(match[2], 2);

	/* Names the corpus's truth gives each type; ethnicity comes from
	 * another birth certificate of the corpus. */
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < truth[i].n_fields; k++)
			assert_int_equal(
			    bench_fields_declare(&f, truth[i].type, truth[i].fields[k].name, &err),
			    0);
	assert_int_equal(bench_fields_declare(&f, "birth_certificate", "ethnicity", &err), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(bench_fields_score(&f, &truth[i], &pred[match[i]], i == 0 ? 0 : 1,
		                                    i == 1, &err),
		                 0);

	/* TP: personal_id, full_name (cccd); full_name, date_of_birth, sex
	 * (birth) = 5.  FP: the misread date = 1 (the null ethnicity
	 * predicted nothing).  FN: the misread date, and the decision's
	 * two fields = 3. */
	assert_int_equal(f.all.tp, 5);
	assert_int_equal(f.all.fp, 1);
	assert_int_equal(f.all.fn, 3);
	assert_int_equal(f.all.docs, 3);
	bench_fcount_prf(&f.all, &prf);
	assert_near(prf.precision, 5.0 / 6.0);
	assert_near(prf.recall, 5.0 / 8.0);
	assert_near(prf.f1, 10.0 / 14.0);
	/* card_side (cccd) and full_name (scored as a decision) */
	assert_int_equal(f.unscored, 2);
	r = bench_fields_row(&f, "decision", NULL);
	assert_non_null(r);
	assert_int_equal(r->unscored, 1);
	assert_int_equal(r->all.fn, 2);
	r = bench_fields_row(&f, "cccd", "date_of_birth");
	assert_non_null(r);
	assert_int_equal(r->all.tp, 0);
	assert_int_equal(r->all.fp, 1);
	assert_int_equal(r->all.fn, 1);
	r = bench_fields_row(&f, "birth_certificate", "ethnicity");
	assert_non_null(r);
	assert_int_equal(r->all.tp + r->all.fp + r->all.fn, 0);
	assert_int_equal(r->all.read, 1);
	assert_null(bench_fields_row(&f, "decision", "full_name"));

	/* Auto-accepted: 6 scored (3 cccd, 3 birth), 5 right; read 7
	 * scored fields (the null ethnicity included). */
	assert_int_equal(f.all.auto_n, 6);
	assert_int_equal(f.all.auto_ok, 5);
	assert_int_equal(f.all.read, 7);
	assert_near(bench_fcount_auto_precision(&f.all), 5.0 / 6.0);
	assert_near(bench_fcount_auto_share(&f.all), 6.0 / 7.0);
	/* Per degradation: the cccd (group 0) has the wrong one. */
	assert_near(bench_fcount_auto_precision(&f.group[0]), 2.0 / 3.0);
	assert_near(bench_fcount_auto_precision(&f.group[1]), 1.0);
	assert_int_equal(f.group[1].docs, 2);
	/* Clean: the birth certificate alone, perfect. */
	assert_int_equal(f.clean.docs, 1);
	assert_int_equal(f.clean.tp, 3);
	assert_int_equal(f.clean.fp + f.clean.fn, 0);
	assert_near(bench_fcount_auto_share(&f.clean), 3.0 / 4.0);

	/* Sorted: by type, the type's totals first. */
	bench_fields_sort(&f);
	assert_string_equal(f.rows[0].type, "birth_certificate");
	assert_null(f.rows[0].name);
	assert_string_equal(f.rows[1].name, "date_of_birth");
	bench_fields_free(&f);
}

/*
 * A land-use certificate on pages 1-2 split in two by sohoa, then a card
 * on page 3 right: separation 1 / 2; the first half takes the truth
 * document (largest overlap, ties to the first), the second half is a
 * document of its own, whose auto-accepted area counts against
 * precision although its text is right: no such document exists.
 */
static bench_dfield sl_t1[] = {{"owner_name", "Lê Văn Cường", false}, {"area_m2", "120.5", false}};
static bench_dfield sl_t2[] = {{"personal_id", "079203001234", false}};
static bench_dfield sl_p1[] = {{"owner_name", "Lê Văn Cường", true}};
static bench_dfield sl_p2[] = {{"area_m2", "120.5", true}};
static bench_dfield sl_p3[] = {{"personal_id", "079203001234", true}};

static void separation_split_document(void **state)
{
	const bench_doc truth[] = {{"land_use_certificate", 1, 2, sl_t1, 2},
	                           {"cccd", 3, 3, sl_t2, 1}};
	const bench_doc pred[] = {{"land_use_certificate", 1, 1, sl_p1, 1},
	                          {"land_use_certificate", 2, 2, sl_p2, 1},
	                          {"cccd", 3, 3, sl_p3, 1}};
	const bench_doc other[] = {{"cccd", 2, 3, NULL, 0}};
	bool used[3] = {false, false, false};
	int match[2], none[1];
	bench_fields f;
	bench_sep sep;
	core_err err;

	(void)state;
	core_err_clear(&err);
	memset(&f, 0, sizeof(f));
	memset(&sep, 0, sizeof(sep));
	bench_sep_add(&sep, truth, 2, pred, 3);
	assert_int_equal(sep.truth_docs, 2);
	assert_int_equal(sep.exact, 1);
	assert_int_equal(sep.exact_typed, 1);
	assert_int_equal(sep.pred_docs, 3);
	assert_int_equal(sep.pred_unmatched, 2);

	assert_int_equal(bench_doc_match(truth, 2, pred, 3, match, &err), 0);
	assert_int_equal(match[0], 0);
	assert_int_equal(match[1], 2);
	/* An overlap of another type is no match. */
	assert_int_equal(bench_doc_match(truth, 1, other, 1, none, &err), 0);
	assert_int_equal(none[0], -1);

	for (int i = 0; i < 2; i++)
		for (int k = 0; k < truth[i].n_fields; k++)
			assert_int_equal(
			    bench_fields_declare(&f, truth[i].type, truth[i].fields[k].name, &err),
			    0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(bench_fields_score(&f, &truth[i], &pred[match[i]], 0, true, &err),
		                 0);
		used[match[i]] = true;
	}
	for (int j = 0; j < 3; j++)
		if (!used[j])
			assert_int_equal(bench_fields_score(&f, NULL, &pred[j], 0, true, &err), 0);
	/* owner_name and personal_id right; area missed in the matched half
	 * and read in a document that does not exist. */
	assert_int_equal(f.all.tp, 2);
	assert_int_equal(f.all.fn, 1);
	assert_int_equal(f.all.fp, 1);
	assert_int_equal(f.all.docs, 3);
	assert_int_equal(f.all.auto_n, 3);
	assert_int_equal(f.all.auto_ok, 2);
	assert_near(bench_fcount_auto_precision(&f.all), 2.0 / 3.0);
	assert_near(bench_fcount_auto_share(&f.clean), 1.0);

	/* A truth document sohoa missed: its fields are all false negatives. */
	assert_int_equal(bench_fields_score(&f, &truth[1], NULL, 0, false, &err), 0);
	assert_int_equal(f.all.fn, 2);
	assert_int_equal(f.clean.fn, 1);
	bench_fields_free(&f);
}

static void ratios_and_formatting(void **state)
{
	char buf[32];

	(void)state;
	assert_near(bench_pages_per_min(60, 30.0), 120.0);
	assert_true(isnan(bench_pages_per_min(60, 0)));
	assert_near(bench_per_page(12.0, 60), 0.2);
	assert_true(isnan(bench_per_page(12.0, 0)));
	assert_near(bench_ratio(180.0, 120.0), 1.5);
	assert_true(isnan(bench_ratio(1.0, 0.0)));
	assert_true(isnan(bench_ratio(NAN, 2.0)));
	assert_string_equal(bench_fmt_ratio(buf, sizeof(buf), 1.2345), "1.23x");
	assert_string_equal(bench_fmt_ratio(buf, sizeof(buf), bench_ratio(1, 0)), "n/a");
	assert_string_equal(bench_fmt_pct(buf, sizeof(buf), 0.0325), "3.25%");
	assert_string_equal(bench_fmt_pct(buf, sizeof(buf), NAN), "n/a");
	assert_string_equal(bench_fmt_num(buf, sizeof(buf), 98.25, 1), "98.2");
	assert_string_equal(bench_fmt_num(buf, sizeof(buf), INFINITY, 1), "n/a");
	/* Truncated, still terminated. */
	assert_string_equal(bench_fmt_ratio(buf, 3, 12.5), "12");
}

static void median_of_rounds(void **state)
{
	double odd[] = {1.30, 1.04, 1.08};
	double even[] = {4, 1, 3, 2};
	double gaps[] = {NAN, 2.5, INFINITY, 0.5, NAN};
	double none[] = {NAN, NAN};

	(void)state;
	assert_near(bench_median(odd, 3), 1.08);
	assert_near(bench_median(even, 4), 2.5);
	/* Rounds that measured nothing do not count, either way. */
	assert_near(bench_median(gaps, 5), 1.5);
	assert_true(isnan(bench_median(none, 2)));
	assert_true(isnan(bench_median(none, 0)));
	assert_near(bench_median((double[]){7}, 1), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cer_kitten_sitting),
	    cmocka_unit_test(cer_aggregates_by_length),
	    cmocka_unit_test(cer_accents_and_missing_text),
	    cmocka_unit_test(groups_index),
	    cmocka_unit_test(prf_known_counts),
	    cmocka_unit_test(confusion_three_classes),
	    cmocka_unit_test(values_canonical),
	    cmocka_unit_test(dossier_three_documents),
	    cmocka_unit_test(separation_split_document),
	    cmocka_unit_test(ratios_and_formatting),
	    cmocka_unit_test(median_of_rounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
