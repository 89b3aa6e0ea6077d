/*
 * bench_metrics.h - the arithmetic of the benchmark harness, kept pure
 * so that tests can check it on hand-made cases with known answers:
 * error rates aggregated per group of pages, precision / recall / F1,
 * a confusion matrix, documents matched by page range, fields scored
 * against the truth, throughput and ratio helpers.
 *
 * Private to bench/ and tests/.  A figure that cannot be computed is
 * NAN, never 0: a missing number must not read as a perfect one.
 */
#ifndef SOHOA_BENCH_METRICS_H
#define SOHOA_BENCH_METRICS_H

#include "core.h"

/* ---- OCR error rates -------------------------------------------------- */

/*
 * Edit counts of one system over a group of pages.  Rates are sums of
 * edits over sums of reference lengths (each page weighs by its
 * length), in Unicode code points after NFC and white-space
 * normalization; "fold" also strips accents and case.
 */
typedef struct bench_errsum {
	int pages;
	int64_t cer_edits, cer_fold_edits, chars;
	int64_t wer_edits, words;
} bench_errsum;

/* Scores one page: ref is the ground truth, hyp the OCR text (NULL is
 * an empty text: a missing output costs every reference character). */
int bench_errsum_page(bench_errsum *sum, const char *ref, const char *hyp, core_err *err);
void bench_errsum_merge(bench_errsum *into, const bench_errsum *from);
double bench_errsum_cer(const bench_errsum *s);
double bench_errsum_cer_fold(const bench_errsum *s);
double bench_errsum_wer(const bench_errsum *s);

/* Names of page groups (degradations), in first-seen order. */
#define BENCH_GROUPS_MAX 32

typedef struct bench_groups {
	int n;
	char *name[BENCH_GROUPS_MAX];
} bench_groups;

/* Index of name, added if new; -1 with CORE_ELIMIT when full. */
int bench_groups_index(bench_groups *g, const char *name, core_err *err);
/* Index of name, -1 if absent. */
int bench_groups_find(const bench_groups *g, const char *name);
void bench_groups_free(bench_groups *g);

/* ---- precision, recall, F1 --------------------------------------------- */

typedef struct bench_prf {
	double precision, recall, f1; /* NAN when undefined (0 / 0) */
} bench_prf;

void bench_prf_from_counts(int64_t tp, int64_t fp, int64_t fn, bench_prf *out);

/* ---- confusion matrix --------------------------------------------------- */

/* Rows are the true class, columns the predicted one. */
typedef struct bench_confusion {
	int n;
	char **labels;
	int64_t *cells; /* n * n */
} bench_confusion;

int bench_confusion_init(bench_confusion *m, const char *const *labels, int n, core_err *err);
/* An unknown label is CORE_EARG: every class must be declared first. */
int bench_confusion_add(bench_confusion *m, const char *truth, const char *pred, core_err *err);
int64_t bench_confusion_cell(const bench_confusion *m, int truth, int pred);
int64_t bench_confusion_total(const bench_confusion *m);
double bench_confusion_accuracy(const bench_confusion *m);
double bench_confusion_precision(const bench_confusion *m, int k);
double bench_confusion_recall(const bench_confusion *m, int k);
void bench_confusion_free(bench_confusion *m);

/* ---- documents and fields ------------------------------------------------ */

/* A field as sohoa read it, or as the truth has it (auto_accepted
 * unused).  value NULL: the normalizer refused the text, so sohoa
 * predicted nothing (it still counts as a field sent to review). */
typedef struct bench_dfield {
	const char *name;
	const char *value;
	bool auto_accepted;
} bench_dfield;

/* A document: type, page range (page numbers, inclusive) and fields.
 * Strings are borrowed; fields is owned by whoever built the array. */
typedef struct bench_doc {
	const char *type;
	int first_page, last_page;
	bench_dfield *fields;
	int n_fields;
} bench_doc;

/* Type of the first document covering page; NULL when none does. */
const char *bench_doc_type_at(const bench_doc *docs, int n, int page);

/* Whether a read value is the true one: equal after NFC and white-space
 * canonicalization (classify_text_canon without folding), so accents,
 * case, digits and dates must be exact.  NULL never equals anything. */
int bench_value_equal(const char *truth, const char *pred, bool *equal, core_err *err);

/*
 * One-to-one matching of sohoa documents to truth documents:
 * match[i] is the index in pred of truth document i's partner, or -1.
 * First every exact page range (any type), then, in truth order, the
 * free sohoa document of the same type with the largest page overlap
 * (the first on ties).  A sohoa document left over matches nothing.
 */
int bench_doc_match(const bench_doc *truth, int nt, const bench_doc *pred, int np, int *match,
                    core_err *err);

/* Document separation: how many true page ranges sohoa reproduced. */
typedef struct bench_sep {
	int64_t truth_docs;
	int64_t exact;       /* a sohoa document has the same page range */
	int64_t exact_typed; /* ... and the same type */
	int64_t pred_docs;
	int64_t pred_unmatched; /* sohoa documents whose range no truth document has */
} bench_sep;

void bench_sep_add(bench_sep *s, const bench_doc *truth, int nt, const bench_doc *pred, int np);

/* Field counts over some set of documents. */
typedef struct bench_fcount {
	int64_t docs;            /* document pairs scored (type rows and totals only) */
	int64_t tp;              /* true fields read with the true value */
	int64_t fp;              /* values read that are not the truth's (scored names only) */
	int64_t fn;              /* true fields not read with the true value */
	int64_t read;            /* sohoa fields with a scored name, null values included */
	int64_t auto_n, auto_ok; /* of those, auto-accepted; and of those, correct */
} bench_fcount;

/* Per (type, field name); name NULL is the type's totals and unscored. */
typedef struct bench_frow {
	char *type, *name;
	bench_fcount all, clean;
	int64_t unscored; /* sohoa fields with a name the truth never gives the type */
} bench_frow;

typedef struct bench_fields {
	bench_frow *rows;
	int n, cap;
	bench_fcount all, clean;
	bench_fcount group[BENCH_GROUPS_MAX]; /* by document degradation */
	int64_t unscored;
} bench_fields;

/* The truth gives `name` for documents of `type`: only such names are
 * scored, so declare every truth document's names before scoring. */
int bench_fields_declare(bench_fields *f, const char *type, const char *name, core_err *err);
/*
 * Scores one pair: truth NULL is a sohoa document that matches none
 * (each value it read is a false positive), pred NULL a truth document
 * sohoa missed (each true field a false negative).  Rows are keyed by
 * the truth's type (else sohoa's).  group: the document's degradation
 * (-1: none); clean: also counted in the clean totals.
 */
int bench_fields_score(bench_fields *f, const bench_doc *truth, const bench_doc *pred, int group,
                       bool clean, core_err *err);
/* The row of (type, name), name NULL for the type's; NULL if absent. */
const bench_frow *bench_fields_row(const bench_fields *f, const char *type, const char *name);
/* Rows by type, each type's totals first, then its names. */
void bench_fields_sort(bench_fields *f);
void bench_fields_free(bench_fields *f);

void bench_fcount_prf(const bench_fcount *c, bench_prf *out);
/* Correct / auto-accepted, and auto-accepted / read: NAN when empty. */
double bench_fcount_auto_precision(const bench_fcount *c);
double bench_fcount_auto_share(const bench_fcount *c);

/* ---- throughput and ratios ---------------------------------------------- */

double bench_pages_per_min(int64_t pages, double seconds);
double bench_per_page(double total, int64_t pages);
/* a / b; NAN unless both are finite and b > 0. */
double bench_ratio(double a, double b);
/*
 * Median of the finite values among v[0..n-1] (the mean of the middle
 * two for an even count); NAN when there is none.  Reorders v.
 */
double bench_median(double *v, int n);

/*
 * Formatting that never invents a number: NAN gives "n/a".  Ratios as
 * "1.23x", fractions as percentages ("3.25%"), plain values with the
 * given number of decimals.  Return buf.
 */
const char *bench_fmt_ratio(char *buf, size_t size, double r);
const char *bench_fmt_pct(char *buf, size_t size, double fraction);
const char *bench_fmt_num(char *buf, size_t size, double v, int decimals);

#endif
