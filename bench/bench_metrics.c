/*
 * bench_metrics.c - error-rate aggregation, precision / recall / F1,
 * confusion matrices, document matching and field scoring, and ratio
 * formatting for the benchmark harness.
 */
#include "bench_metrics.h"

#include "classify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bench_errsum_page(bench_errsum *sum, const char *ref, const char *hyp, core_err *err)
{
	classify_errcount c, cf, w;

	if (!hyp)
		hyp = "";
	/* All three first: a page is counted whole or not at all. */
	if (classify_cer(ref, hyp, false, &c, err) || classify_cer(ref, hyp, true, &cf, err) ||
	    classify_wer(ref, hyp, false, &w, err))
		return -1;
	sum->pages++;
	sum->cer_edits += c.edits;
	sum->cer_fold_edits += cf.edits;
	sum->chars += c.ref_len;
	sum->wer_edits += w.edits;
	sum->words += w.ref_len;
	return 0;
}

void bench_errsum_merge(bench_errsum *into, const bench_errsum *from)
{
	into->pages += from->pages;
	into->cer_edits += from->cer_edits;
	into->cer_fold_edits += from->cer_fold_edits;
	into->chars += from->chars;
	into->wer_edits += from->wer_edits;
	into->words += from->words;
}

static double bench_frac(int64_t num, int64_t den)
{
	return den > 0 ? (double)num / (double)den : NAN;
}

double bench_errsum_cer(const bench_errsum *s)
{
	return bench_frac(s->cer_edits, s->chars);
}

double bench_errsum_cer_fold(const bench_errsum *s)
{
	return bench_frac(s->cer_fold_edits, s->chars);
}

double bench_errsum_wer(const bench_errsum *s)
{
	return bench_frac(s->wer_edits, s->words);
}

int bench_groups_find(const bench_groups *g, const char *name)
{
	for (int i = 0; i < g->n; i++)
		if (strcmp(g->name[i], name) == 0)
			return i;
	return -1;
}

int bench_groups_index(bench_groups *g, const char *name, core_err *err)
{
	int i = bench_groups_find(g, name);

	if (i >= 0)
		return i;
	if (g->n >= BENCH_GROUPS_MAX) {
		core_err_set(err, CORE_ELIMIT, "too many page groups");
		core_err_detail(err, "at most %d degradations are reported", BENCH_GROUPS_MAX);
		return -1;
	}
	if (!(g->name[g->n] = core_strdup(name))) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return -1;
	}
	return g->n++;
}

void bench_groups_free(bench_groups *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->name[i]);
	memset(g, 0, sizeof(*g));
}

void bench_prf_from_counts(int64_t tp, int64_t fp, int64_t fn, bench_prf *out)
{
	out->precision = bench_frac(tp, tp + fp);
	out->recall = bench_frac(tp, tp + fn);
	/* 2PR / (P + R) written on counts: defined whenever anything was
	 * expected or predicted, and 0 (not NAN) when nothing matched. */
	out->f1 = bench_frac(2 * tp, 2 * tp + fp + fn);
}

int bench_confusion_init(bench_confusion *m, const char *const *labels, int n, core_err *err)
{
	memset(m, 0, sizeof(*m));
	if (n < 1)
		return core_err_set(err, CORE_EARG, "a confusion matrix needs at least one class");
	m->labels = calloc((size_t)n, sizeof(*m->labels));
	m->cells = calloc((size_t)n * (size_t)n, sizeof(*m->cells));
	if (!m->labels || !m->cells)
		goto nomem;
	m->n = n;
	for (int i = 0; i < n; i++)
		if (!(m->labels[i] = core_strdup(labels[i])))
			goto nomem;
	return 0;
nomem:
	bench_confusion_free(m);
	return core_err_set(err, CORE_ENOMEM, "out of memory");
}

static int bench_confusion_label(const bench_confusion *m, const char *label)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->labels[i], label) == 0)
			return i;
	return -1;
}

int bench_confusion_add(bench_confusion *m, const char *truth, const char *pred, core_err *err)
{
	int t = bench_confusion_label(m, truth), p = bench_confusion_label(m, pred);

	if (t < 0 || p < 0)
		return core_err_set(err, CORE_EARG, "unknown class: %s", t < 0 ? truth : pred);
	m->cells[t * m->n + p]++;
	return 0;
}

int64_t bench_confusion_cell(const bench_confusion *m, int truth, int pred)
{
	if (truth < 0 || pred < 0 || truth >= m->n || pred >= m->n)
		return 0;
	return m->cells[truth * m->n + pred];
}

int64_t bench_confusion_total(const bench_confusion *m)
{
	int64_t t = 0;

	for (int i = 0; i < m->n * m->n; i++)
		t += m->cells[i];
	return t;
}

double bench_confusion_accuracy(const bench_confusion *m)
{
	int64_t diag = 0;

	for (int i = 0; i < m->n; i++)
		diag += m->cells[i * m->n + i];
	return bench_frac(diag, bench_confusion_total(m));
}

double bench_confusion_precision(const bench_confusion *m, int k)
{
	int64_t col = 0;

	if (k < 0 || k >= m->n)
		return NAN;
	for (int i = 0; i < m->n; i++)
		col += m->cells[i * m->n + k];
	return bench_frac(m->cells[k * m->n + k], col);
}

double bench_confusion_recall(const bench_confusion *m, int k)
{
	int64_t row = 0;

	if (k < 0 || k >= m->n)
		return NAN;
	for (int i = 0; i < m->n; i++)
		row += m->cells[k * m->n + i];
	return bench_frac(m->cells[k * m->n + k], row);
}

void bench_confusion_free(bench_confusion *m)
{
	if (m->labels)
		for (int i = 0; i < m->n; i++)
			free(m->labels[i]);
	free(m->labels);
	free(m->cells);
	memset(m, 0, sizeof(*m));
}

/* ---- documents and fields ------------------------------------------------ */

const char *bench_doc_type_at(const bench_doc *docs, int n, int page)
{
	for (int i = 0; i < n; i++)
		if (docs[i].first_page <= page && page <= docs[i].last_page)
			return docs[i].type;
	return NULL;
}

int bench_value_equal(const char *truth, const char *pred, bool *equal, core_err *err)
{
	char *a = NULL, *b = NULL;
	int rc = -1;

	*equal = false;
	if (!truth || !pred)
		return 0;
	if (!(a = classify_text_canon(truth, false, err)) ||
	    !(b = classify_text_canon(pred, false, err)))
		goto out;
	*equal = strcmp(a, b) == 0;
	rc = 0;
out:
	free(a);
	free(b);
	return rc;
}

static int bench_overlap(const bench_doc *a, const bench_doc *b)
{
	int lo = a->first_page > b->first_page ? a->first_page : b->first_page;
	int hi = a->last_page < b->last_page ? a->last_page : b->last_page;

	return hi >= lo ? hi - lo + 1 : 0;
}

static bool bench_same_range(const bench_doc *a, const bench_doc *b)
{
	return a->first_page == b->first_page && a->last_page == b->last_page;
}

int bench_doc_match(const bench_doc *truth, int nt, const bench_doc *pred, int np, int *match,
                    core_err *err)
{
	bool *used = calloc(np > 0 ? (size_t)np : 1, sizeof(*used));

	if (!used)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	/* Exact ranges first: an overlap match must not take a document
	 * that reproduces another truth document exactly. */
	for (int i = 0; i < nt; i++) {
		match[i] = -1;
		for (int j = 0; j < np; j++)
			if (!used[j] && bench_same_range(&truth[i], &pred[j])) {
				match[i] = j;
				used[j] = true;
				break;
			}
	}
	for (int i = 0; i < nt; i++) {
		int best = -1, best_ov = 0;

		if (match[i] >= 0)
			continue;
		for (int j = 0; j < np; j++) {
			int ov = used[j] || strcmp(truth[i].type, pred[j].type) != 0
			             ? 0
			             : bench_overlap(&truth[i], &pred[j]);

			if (ov > best_ov) {
				best = j;
				best_ov = ov;
			}
		}
		if (best >= 0) {
			match[i] = best;
			used[best] = true;
		}
	}
	free(used);
	return 0;
}

void bench_sep_add(bench_sep *s, const bench_doc *truth, int nt, const bench_doc *pred, int np)
{
	for (int i = 0; i < nt; i++) {
		bool range = false, typed = false;

		for (int j = 0; j < np; j++) {
			if (!bench_same_range(&truth[i], &pred[j]))
				continue;
			range = true;
			typed = typed || strcmp(truth[i].type, pred[j].type) == 0;
		}
		s->truth_docs++;
		s->exact += range;
		s->exact_typed += typed;
	}
	for (int j = 0; j < np; j++) {
		bool found = false;

		for (int i = 0; i < nt && !found; i++)
			found = bench_same_range(&truth[i], &pred[j]);
		s->pred_docs++;
		s->pred_unmatched += !found;
	}
}

static bench_frow *bench_frow_find(const bench_fields *f, const char *type, const char *name)
{
	for (int i = 0; i < f->n; i++) {
		bench_frow *r = &f->rows[i];

		if (strcmp(r->type, type) == 0 &&
		    (name ? r->name && strcmp(r->name, name) == 0 : !r->name))
			return r;
	}
	return NULL;
}

const bench_frow *bench_fields_row(const bench_fields *f, const char *type, const char *name)
{
	return bench_frow_find(f, type, name);
}

static bench_frow *bench_frow_add(bench_fields *f, const char *type, const char *name,
                                  core_err *err)
{
	bench_frow *r = bench_frow_find(f, type, name);

	if (r)
		return r;
	if (f->n == f->cap) {
		int cap = f->cap ? 2 * f->cap : 32;
		bench_frow *v = realloc(f->rows, (size_t)cap * sizeof(*v));

		if (!v)
			goto nomem;
		f->rows = v;
		f->cap = cap;
	}
	r = &f->rows[f->n];
	memset(r, 0, sizeof(*r));
	r->type = core_strdup(type);
	r->name = name ? core_strdup(name) : NULL;
	if (!r->type || (name && !r->name)) {
		free(r->type);
		free(r->name);
		goto nomem;
	}
	f->n++;
	return r;
nomem:
	core_err_set(err, CORE_ENOMEM, "out of memory");
	return NULL;
}

int bench_fields_declare(bench_fields *f, const char *type, const char *name, core_err *err)
{
	/* The type's row too, so that every truth type is listed. */
	if (!bench_frow_add(f, type, NULL, err) || !bench_frow_add(f, type, name, err))
		return -1;
	return 0;
}

/* Every set a counted event belongs to: its row, its type, the totals,
 * its degradation, and the clean ones when the document is clean. */
typedef struct bench_fsets {
	bench_fcount *c[8];
	int n;
} bench_fsets;

static void bench_fsets_make(bench_fsets *s, bench_fields *f, bench_frow *row, bench_frow *type,
                             int group, bool clean)
{
	s->n = 0;
	if (row)
		s->c[s->n++] = &row->all;
	s->c[s->n++] = &type->all;
	s->c[s->n++] = &f->all;
	if (group >= 0 && group < BENCH_GROUPS_MAX)
		s->c[s->n++] = &f->group[group];
	if (!clean)
		return;
	if (row)
		s->c[s->n++] = &row->clean;
	s->c[s->n++] = &type->clean;
	s->c[s->n++] = &f->clean;
}

#define BENCH_FSETS_INC(s, field)                                                                  \
	do {                                                                                       \
		for (int k_ = 0; k_ < (s)->n; k_++)                                                \
			(s)->c[k_]->field++;                                                       \
	} while (0)

static const bench_dfield *bench_field_named(const bench_doc *d, const char *name)
{
	for (int i = 0; d && i < d->n_fields; i++)
		if (d->fields[i].name && strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

/* Whether pred has a field `name` read with the value `value`. */
static int bench_read_right(const bench_doc *pred, const char *name, const char *value, bool *ok,
                            core_err *err)
{
	*ok = false;
	for (int i = 0; pred && i < pred->n_fields && !*ok; i++) {
		const bench_dfield *p = &pred->fields[i];

		if (p->name && strcmp(p->name, name) == 0 &&
		    bench_value_equal(value, p->value, ok, err))
			return -1;
	}
	return 0;
}

int bench_fields_score(bench_fields *f, const bench_doc *truth, const bench_doc *pred, int group,
                       bool clean, core_err *err)
{
	const char *type = truth ? truth->type : pred ? pred->type : NULL;
	bench_frow *trow;
	bench_fsets s;

	if (!type)
		return 0;
	if (!(trow = bench_frow_add(f, type, NULL, err)))
		return -1;
	bench_fsets_make(&s, f, NULL, trow, group, clean);
	BENCH_FSETS_INC(&s, docs);
	for (int i = 0; truth && i < truth->n_fields; i++) {
		const bench_dfield *t = &truth->fields[i];
		bench_frow *row;
		bool ok;

		if (!t->name || !t->value)
			continue;
		if (!(row = bench_frow_add(f, type, t->name, err)) ||
		    bench_read_right(pred, t->name, t->value, &ok, err))
			return -1;
		/* Adding a row may have moved the array. */
		trow = bench_frow_find(f, type, NULL);
		bench_fsets_make(&s, f, row, trow, group, clean);
		if (ok)
			BENCH_FSETS_INC(&s, tp);
		else
			BENCH_FSETS_INC(&s, fn);
	}
	for (int i = 0; pred && i < pred->n_fields; i++) {
		const bench_dfield *p = &pred->fields[i];
		const bench_dfield *t;
		bench_frow *row = p->name ? bench_frow_find(f, type, p->name) : NULL;
		bool ok = false;

		if (!row) {
			trow->unscored++;
			f->unscored++;
			continue;
		}
		t = bench_field_named(truth, p->name);
		if (t && bench_value_equal(t->value, p->value, &ok, err))
			return -1;
		bench_fsets_make(&s, f, row, trow, group, clean);
		BENCH_FSETS_INC(&s, read);
		/* A right value is already a true positive, counted once from
		 * the truth's side; a null value predicted nothing. */
		if (p->value && !ok)
			BENCH_FSETS_INC(&s, fp);
		if (p->auto_accepted) {
			BENCH_FSETS_INC(&s, auto_n);
			if (ok)
				BENCH_FSETS_INC(&s, auto_ok);
		}
	}
	return 0;
}

#undef BENCH_FSETS_INC

static int bench_frow_cmp(const void *va, const void *vb)
{
	const bench_frow *a = va, *b = vb;
	int c = strcmp(a->type, b->type);

	if (c || (!a->name && !b->name))
		return c;
	if (!a->name || !b->name)
		return a->name ? 1 : -1;
	return strcmp(a->name, b->name);
}

void bench_fields_sort(bench_fields *f)
{
	if (f->n > 1)
		qsort(f->rows, (size_t)f->n, sizeof(*f->rows), bench_frow_cmp);
}

void bench_fields_free(bench_fields *f)
{
	for (int i = 0; i < f->n; i++) {
		free(f->rows[i].type);
		free(f->rows[i].name);
	}
	free(f->rows);
	memset(f, 0, sizeof(*f));
}

void bench_fcount_prf(const bench_fcount *c, bench_prf *out)
{
	bench_prf_from_counts(c->tp, c->fp, c->fn, out);
}

double bench_fcount_auto_precision(const bench_fcount *c)
{
	return bench_frac(c->auto_ok, c->auto_n);
}

double bench_fcount_auto_share(const bench_fcount *c)
{
	return bench_frac(c->auto_n, c->read);
}

/* ---- throughput and ratios ---------------------------------------------- */

double bench_pages_per_min(int64_t pages, double seconds)
{
	if (!isfinite(seconds) || seconds <= 0 || pages < 0)
		return NAN;
	return (double)pages * 60.0 / seconds;
}

double bench_per_page(double total, int64_t pages)
{
	if (!isfinite(total) || pages <= 0)
		return NAN;
	return total / (double)pages;
}

double bench_ratio(double a, double b)
{
	if (!isfinite(a) || !isfinite(b) || b <= 0)
		return NAN;
	return a / b;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(double *v, int n)
{
	int k = 0;

	/* Unmeasured values (NAN) move out of the way first. */
	for (int i = 0; i < n; i++)
		if (isfinite(v[i])) {
			double t = v[k];

			v[k++] = v[i];
			v[i] = t;
		}
	if (k == 0)
		return NAN;
	qsort(v, (size_t)k, sizeof(*v), bench_cmp_double);
	return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
}

const char *bench_fmt_ratio(char *buf, size_t size, double r)
{
	if (!isfinite(r))
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, "%.2fx", r);
	return buf;
}

const char *bench_fmt_pct(char *buf, size_t size, double fraction)
{
	if (!isfinite(fraction))
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, "%.2f%%", 100.0 * fraction);
	return buf;
}

const char *bench_fmt_num(char *buf, size_t size, double v, int decimals)
{
	if (!isfinite(v))
		snprintf(buf, size, "n/a");
	else
		snprintf(buf, size, "%.*f", decimals, v);
	return buf;
}
