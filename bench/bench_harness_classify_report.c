/*
 * bench_harness_classify_report.c - classification, separation and
 * fields in the Markdown section and in results.json: page accuracy and
 * the confusion matrix, exact page ranges, field precision / recall / F1
 * per type and field, auto-accepted precision per degradation, each
 * against the targets.  Figures come from the N-job run; the
 * 1-job run is compared with it, figure by figure.
 */
#include "bench_harness.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The classification issue's acceptance figures. */
#define BENCH_TARGET_ACCURACY 0.98
#define BENCH_TARGET_F1_CLEAN 0.95
#define BENCH_TARGET_AUTO     0.995

static const char bench_cls_definitions[] =
    "\nDefinitions. *Pages*: every non-blank truth page, typed by the truth document "
    "covering it, against the type of the sohoa document covering the same page number "
    "(`none` if none does). *Separation*: a truth document is separated right when a "
    "sohoa document has exactly its page range (any type; then also requiring the type). "
    "*Fields*: each truth document is paired with the sohoa document of the same page "
    "range, else with the free one of the same type that overlaps it most; a true field "
    "is a TP when the paired document has a field of that name with the same value "
    "(compared after NFC and white-space normalization: accents, case, digits and dates "
    "exact), else a FN; every other value sohoa read is a FP (a wrong value, or any value "
    "of a sohoa document paired with none); a refused (null) value predicts nothing. Only "
    "names the truth gives that type somewhere in the corpus are scored; other names "
    "(helper fields) are counted as unscored. P / R / F1 are micro-averaged over fields. "
    "*Clean*: documents whose every page is clean at 300 dpi. A document's degradation "
    "is its pages' if they share one, else `mixed`. *Auto-accepted precision*: "
    "auto-accepted fields (scored names) that are TPs / all of them; *share*: "
    "auto-accepted / all fields with a scored name sohoa read.\n";

/* ---- helpers -------------------------------------------------------------- */

static const char *bench_pct_of(char *buf, size_t size, int64_t num, int64_t den)
{
	char p[32];

	bench_fmt_pct(p, sizeof(p), den > 0 ? (double)num / (double)den : NAN);
	snprintf(buf, size, "%s (%lld / %lld)", p, (long long)num, (long long)den);
	return buf;
}

static const char *bench_cls_verdict(char *buf, size_t size, double v, double target, bool pct)
{
	if (!isfinite(v))
		snprintf(buf, size, "not measured");
	else if (pct)
		snprintf(buf, size, "%s (target %.2f%%)", v >= target ? "met" : "**below**",
		         100 * target);
	else
		snprintf(buf, size, "%s (target %.2f)", v >= target ? "met" : "**below**", target);
	return buf;
}

static int64_t bench_conf_diag(const bench_confusion *m)
{
	int64_t d = 0;

	for (int i = 0; i < m->n; i++)
		d += bench_confusion_cell(m, i, i);
	return d;
}

static double bench_cls_accuracy(const bench_cls *cls)
{
	return bench_confusion_accuracy(&cls->pages);
}

static double bench_cls_f1(const bench_fcount *c)
{
	bench_prf p;

	bench_fcount_prf(c, &p);
	return p.f1;
}

/* Row and column sums: a label is shown only where it occurs. */
static int64_t bench_conf_line(const bench_confusion *m, int k, bool row)
{
	int64_t s = 0;

	for (int i = 0; i < m->n; i++)
		s += row ? bench_confusion_cell(m, k, i) : bench_confusion_cell(m, i, k);
	return s;
}

/* The corpus's degradations, then document-only ones ("mixed"). */
static int bench_cls_groups(const bench_corpus *c, const bench_cls *cls, const char **names,
                            int max)
{
	int n = 0;

	for (int g = 0; g < c->groups.n && n < max; g++)
		names[n++] = c->groups.name[g];
	for (int g = 0; g < cls->doc_groups.n && n < max; g++)
		if (bench_groups_find(&c->groups, cls->doc_groups.name[g]) < 0)
			names[n++] = cls->doc_groups.name[g];
	return n;
}

/* ---- JSON --------------------------------------------------------------------- */

static json_t *bench_fcount_json(const bench_fcount *c)
{
	bench_prf p;

	bench_fcount_prf(c, &p);
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o}",
	                 "documents", (json_int_t)c->docs, "tp", (json_int_t)c->tp, "fp",
	                 (json_int_t)c->fp, "fn", (json_int_t)c->fn, "precision",
	                 bench_json_num(p.precision), "recall", bench_json_num(p.recall), "f1",
	                 bench_json_num(p.f1), "read", (json_int_t)c->read, "auto_accepted",
	                 (json_int_t)c->auto_n, "auto_accepted_correct", (json_int_t)c->auto_ok,
	                 "auto_accepted_precision", bench_json_num(bench_fcount_auto_precision(c)),
	                 "auto_accepted_share", bench_json_num(bench_fcount_auto_share(c)));
}

static json_t *bench_fields_json(const bench_fields *f)
{
	json_t *types = json_object(), *t = NULL;

	for (int i = 0; i < f->n; i++) {
		const bench_frow *r = &f->rows[i];

		/* Sorted: a type's totals row comes before its names. */
		if (!r->name) {
			t = bench_fcount_json(&r->all);
			json_object_set_new(t, "clean", bench_fcount_json(&r->clean));
			json_object_set_new(t, "unscored", json_integer(r->unscored));
			json_object_set_new(t, "fields", json_object());
			json_object_set_new(types, r->type, t);
			continue;
		}
		if (t)
			json_object_set_new(json_object_get(t, "fields"), r->name,
			                    bench_fcount_json(&r->all));
	}
	return json_pack("{s:o, s:o, s:I, s:o}", "all", bench_fcount_json(&f->all), "clean",
	                 bench_fcount_json(&f->clean), "unscored", (json_int_t)f->unscored,
	                 "per_type", types);
}

/* Every figure of one run, and nothing about the run itself: two runs
 * that classified alike give equal objects. */
static json_t *bench_cls_figures(const bench_corpus *c, const bench_cls *cls)
{
	const bench_confusion *m = &cls->pages;
	const char *names[2 * BENCH_GROUPS_MAX];
	json_t *labels = json_array(), *cells = json_array(), *per_page = json_object();
	json_t *per_doc = json_object(), *o;
	int ng = bench_cls_groups(c, cls, names, 2 * BENCH_GROUPS_MAX);
	for (int i = 0; i < m->n; i++) {
		json_t *row = json_array();

		json_array_append_new(labels, json_string(m->labels[i]));
		for (int k = 0; k < m->n; k++)
			json_array_append_new(row, json_integer(bench_confusion_cell(m, i, k)));
		json_array_append_new(cells, row);
	}
	for (int i = 0; i < ng; i++) {
		int pg = bench_groups_find(&c->groups, names[i]);
		int dg = bench_groups_find(&cls->doc_groups, names[i]);

		if (pg >= 0 && cls->grp_pages[pg] > 0)
			json_object_set_new(per_page, names[i],
			                    json_pack("{s:I, s:I, s:o}", "pages",
			                              (json_int_t)cls->grp_pages[pg], "correct",
			                              (json_int_t)cls->grp_ok[pg], "accuracy",
			                              bench_json_num((double)cls->grp_ok[pg] /
			                                             (double)cls->grp_pages[pg])));
		if (dg >= 0)
			json_object_set_new(per_doc, names[i],
			                    bench_fcount_json(&cls->fields.group[dg]));
	}
	o = json_pack(
	    "{s:i, s:i, s:o, s:I, s:I, s:o, s:{s:o, s:o}, s:o, s:{s:I, s:I, s:I, s:I, s:I}, "
	    "s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "dossiers", cls->dossiers, "dossiers_without_documents", cls->missing, "accuracy",
	    bench_json_num(bench_cls_accuracy(cls)), "pages", (json_int_t)bench_confusion_total(m),
	    "pages_correct", (json_int_t)bench_conf_diag(m), "accuracy_per_degradation", per_page,
	    "confusion_matrix", "labels", labels, "cells", cells, "separation_accuracy",
	    bench_json_num(
	        cls->sep.truth_docs ? (double)cls->sep.exact / (double)cls->sep.truth_docs : NAN),
	    "separation", "truth_documents", (json_int_t)cls->sep.truth_docs, "exact",
	    (json_int_t)cls->sep.exact, "exact_with_type", (json_int_t)cls->sep.exact_typed,
	    "sohoa_documents", (json_int_t)cls->sep.pred_docs, "sohoa_documents_unmatched",
	    (json_int_t)cls->sep.pred_unmatched, "separation_accuracy_with_type",
	    bench_json_num(cls->sep.truth_docs
	                       ? (double)cls->sep.exact_typed / (double)cls->sep.truth_docs
	                       : NAN),
	    "field_f1", bench_json_num(bench_cls_f1(&cls->fields.all)), "field_f1_clean",
	    bench_json_num(bench_cls_f1(&cls->fields.clean)), "fields",
	    bench_fields_json(&cls->fields), "auto_accepted_precision",
	    bench_json_num(bench_fcount_auto_precision(&cls->fields.all)), "auto_accepted_share",
	    bench_json_num(bench_fcount_auto_share(&cls->fields.all)), "auto_accepted_share_clean",
	    bench_json_num(bench_fcount_auto_share(&cls->fields.clean)), "per_document_degradation",
	    per_doc);
	return o ? o : json_null();
}

/* "same", "differs", or NULL when there is no other run to compare. */
static const char *bench_cls_agreement(const bench_hctx *x)
{
	const bench_result *one = &x->sohoa[1], *s = &x->sohoa[x->o.jobs_max];
	json_t *a, *b;
	bool same;

	if (x->o.jobs_max < 2 || !one->cls || !s->cls)
		return NULL;
	a = bench_cls_figures(&x->corpus, one->cls);
	b = bench_cls_figures(&x->corpus, s->cls);
	same = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return same ? "same" : "differs";
}

/* Whether the corpus is one the model never saw: -1 unknown. */
static int bench_cls_held_out(const bench_hctx *x)
{
	if (x->corpus.seed < 0)
		return -1;
	return (uint64_t)x->corpus.seed != x->o.train_seed;
}

json_t *bench_cls_json(const bench_hctx *x)
{
	const bench_result *s = &x->sohoa[x->o.jobs_max];
	const char *agree = bench_cls_agreement(x);
	int held = bench_cls_held_out(x);
	json_t *o;

	if (!s->cls)
		return json_null();
	o = bench_cls_figures(&x->corpus, s->cls);
	json_object_set_new(o, "run_jobs", json_integer(s->jobs));
	json_object_set_new(o, "agreement_with_1_job", agree ? json_string(agree) : json_null());
	json_object_set_new(
	    o, "model",
	    json_pack(
	        "{s:s, s:o, s:b, s:I, s:o, s:o}", "path", x->model_path, "version",
	        !s->rules_only && x->model_version[0] ? json_string(x->model_version) : json_null(),
	        "rules_only", s->rules_only, "train_seed", (json_int_t)x->o.train_seed,
	        "corpus_seed", x->corpus.seed >= 0 ? json_integer(x->corpus.seed) : json_null(),
	        "held_out", held < 0 ? json_null() : json_boolean(held)));
	json_object_set_new(o, "note", json_string(s->cls_note));
	return o;
}

/* ---- Markdown ------------------------------------------------------------------- */

static void bench_md_model(const bench_hctx *x, const bench_result *s, core_buf *b, core_err *err)
{
	const char *agree = bench_cls_agreement(x);
	int held = bench_cls_held_out(x);
	char seed[32];

	if (x->corpus.seed >= 0)
		snprintf(seed, sizeof(seed), "%lld", x->corpus.seed);
	else
		snprintf(seed, sizeof(seed), "unknown");
	if (s->rules_only)
		core_buf_printf(b, err,
		                "Classifier model: none (sohoa classified by rules only; no model "
		                "at `%s`); this corpus seed %s.",
		                x->model_path, seed);
	else if (x->model_version[0])
		core_buf_printf(b, err,
		                "Classifier model: %s, trained on seed %llu corpus; this corpus "
		                "seed %s (%s).",
		                x->model_version, (unsigned long long)x->o.train_seed, seed,
		                held > 0    ? "held out"
		                : held == 0 ? "**not held out**: the model's own training seed"
		                            : "held out unknown");
	else
		core_buf_printf(b, err, "Classifier model: unknown (cannot read `%s`).",
		                x->model_path);
	if (agree)
		core_buf_printf(b, err, " Figures of the 1-job run against the %d-job run: %s.",
		                x->o.jobs_max, agree);
	if (s->cls_note[0])
		core_buf_printf(b, err, " Note: %s.", s->cls_note);
	core_buf_puts(b, "\n", err);
}

static void bench_md_summary(const bench_hctx *x, const bench_cls *cls, core_buf *b, core_err *err)
{
	const bench_fields *f = &cls->fields;
	char a[64], c[64], v[96];
	bench_prf all, clean;
	double acc = bench_cls_accuracy(cls);

	bench_fcount_prf(&f->all, &all);
	bench_fcount_prf(&f->clean, &clean);
	core_buf_puts(b, "\n| measure | value | verdict |\n|---|---|---|\n", err);
	core_buf_printf(b, err,
	                "| page classification accuracy | **%s** non-blank pages | %s%s |\n",
	                bench_pct_of(a, sizeof(a), bench_conf_diag(&cls->pages),
	                             bench_confusion_total(&cls->pages)),
	                bench_cls_verdict(v, sizeof(v), acc, BENCH_TARGET_ACCURACY, true),
	                bench_cls_held_out(x) == 0 ? "; corpus not held out" : "");
	core_buf_printf(b, err,
	                "| document separation (exact page range) | %s truth documents; with "
	                "the type %s; sohoa documents matching none: %lld of %lld | |\n",
	                bench_pct_of(a, sizeof(a), cls->sep.exact, cls->sep.truth_docs),
	                bench_pct_of(c, sizeof(c), cls->sep.exact_typed, cls->sep.truth_docs),
	                (long long)cls->sep.pred_unmatched, (long long)cls->sep.pred_docs);
	core_buf_printf(b, err,
	                "| fields, all documents: P / R / F1 | %s / %s / **%s** (TP %lld, FP "
	                "%lld, FN %lld; %lld unscored) | |\n",
	                bench_fmt_num(a, sizeof(a), all.precision, 3),
	                bench_fmt_num(c, sizeof(c), all.recall, 3),
	                bench_fmt_num(v, sizeof(v), all.f1, 3), (long long)f->all.tp,
	                (long long)f->all.fp, (long long)f->all.fn, (long long)f->unscored);
	core_buf_printf(b, err,
	                "| fields, clean 300 dpi documents: P / R / F1 | %s / %s / **%s** (%lld "
	                "documents; TP %lld, FP %lld, FN %lld) | ",
	                bench_fmt_num(a, sizeof(a), clean.precision, 3),
	                bench_fmt_num(c, sizeof(c), clean.recall, 3),
	                bench_fmt_num(v, sizeof(v), clean.f1, 3), (long long)f->clean.docs,
	                (long long)f->clean.tp, (long long)f->clean.fp, (long long)f->clean.fn);
	core_buf_printf(b, err, "%s |\n",
	                bench_cls_verdict(v, sizeof(v), clean.f1, BENCH_TARGET_F1_CLEAN, false));
	core_buf_printf(b, err,
	                "| precision of auto-accepted fields, all documents | **%s** | %s |\n",
	                bench_pct_of(a, sizeof(a), f->all.auto_ok, f->all.auto_n),
	                bench_cls_verdict(v, sizeof(v), bench_fcount_auto_precision(&f->all),
	                                  BENCH_TARGET_AUTO, true));
	core_buf_printf(b, err,
	                "| share of fields auto-accepted: clean documents / all | **%s** / %s | "
	                "reported |\n",
	                bench_pct_of(a, sizeof(a), f->clean.auto_n, f->clean.read),
	                bench_pct_of(c, sizeof(c), f->all.auto_n, f->all.read));
	if (cls->missing)
		core_buf_printf(b, err,
		                "| dossiers without documents.json (counted as nothing found) | "
		                "%d of %d | |\n",
		                cls->missing, cls->dossiers);
}

static void bench_md_degradations(const bench_hctx *x, const bench_cls *cls, core_buf *b,
                                  core_err *err)
{
	const char *names[2 * BENCH_GROUPS_MAX];
	int ng = bench_cls_groups(&x->corpus, cls, names, 2 * BENCH_GROUPS_MAX);

	core_buf_puts(b,
	              "\nPer degradation (page accuracy by each page's degradation; documents, "
	              "field F1 and auto-accepted precision by the document's, `mixed` when its "
	              "pages differ):\n\n"
	              "| degradation | pages | page accuracy | documents | field F1 | "
	              "auto-accepted precision | verdict |\n|---|---|---|---|---|---|---|\n",
	              err);
	for (int i = 0; i < ng; i++) {
		int pg = bench_groups_find(&x->corpus.groups, names[i]);
		int dg = bench_groups_find(&cls->doc_groups, names[i]);
		const bench_fcount *fc = dg >= 0 ? &cls->fields.group[dg] : NULL;
		int64_t pages = pg >= 0 ? cls->grp_pages[pg] : 0;
		char a[64] = "", c[64] = "", d[64] = "", v[96] = "";

		if (!pages && !fc)
			continue;
		if (pages)
			bench_fmt_pct(a, sizeof(a), (double)cls->grp_ok[pg] / (double)pages);
		/* A degradation whose pages all sit in mixed documents has none. */
		if (fc) {
			bench_fmt_num(c, sizeof(c), bench_cls_f1(fc), 3);
			bench_pct_of(d, sizeof(d), fc->auto_ok, fc->auto_n);
			if (fc->auto_n)
				bench_cls_verdict(v, sizeof(v), bench_fcount_auto_precision(fc),
				                  BENCH_TARGET_AUTO, true);
			else
				snprintf(v, sizeof(v), "none auto-accepted");
		}
		core_buf_printf(b, err, "| %s | %lld | %s | %lld | %s | %s | %s |\n", names[i],
		                (long long)pages, a, fc ? (long long)fc->docs : 0LL, c, d, v);
	}
}

static void bench_md_confusion(const bench_cls *cls, core_buf *b, core_err *err)
{
	const bench_confusion *m = &cls->pages;

	core_buf_puts(b,
	              "\nPage types (rows: truth, columns: sohoa; types that occur):\n\n"
	              "| truth \\ sohoa |",
	              err);
	for (int k = 0; k < m->n; k++)
		if (bench_conf_line(m, k, false))
			core_buf_printf(b, err, " %s |", m->labels[k]);
	core_buf_puts(b, "\n|---|", err);
	for (int k = 0; k < m->n; k++)
		if (bench_conf_line(m, k, false))
			core_buf_puts(b, "---|", err);
	core_buf_puts(b, "\n", err);
	for (int i = 0; i < m->n; i++) {
		if (!bench_conf_line(m, i, true))
			continue;
		core_buf_printf(b, err, "| %s |", m->labels[i]);
		for (int k = 0; k < m->n; k++) {
			int64_t v = bench_confusion_cell(m, i, k);

			if (!bench_conf_line(m, k, false))
				continue;
			if (!v)
				core_buf_puts(b, " |", err);
			else
				core_buf_printf(b, err, i == k ? " **%lld** |" : " %lld |",
				                (long long)v);
		}
		core_buf_puts(b, "\n", err);
	}
}

static void bench_md_frow(core_buf *b, core_err *err, const char *label, const bench_fcount *c,
                          int64_t unscored)
{
	char p[32], r[32], f[32], a[64], s[32];
	bench_prf prf;

	bench_fcount_prf(c, &prf);
	core_buf_printf(
	    b, err, "| %s | %lld | %lld | %lld | %lld | %s | %s | %s | %s | %s | %lld |\n", label,
	    (long long)c->docs, (long long)c->tp, (long long)c->fp, (long long)c->fn,
	    bench_fmt_num(p, sizeof(p), prf.precision, 3),
	    bench_fmt_num(r, sizeof(r), prf.recall, 3), bench_fmt_num(f, sizeof(f), prf.f1, 3),
	    bench_pct_of(a, sizeof(a), c->auto_ok, c->auto_n),
	    bench_fmt_pct(s, sizeof(s), bench_fcount_auto_share(c)), (long long)unscored);
}

static void bench_md_fields(const bench_cls *cls, core_buf *b, core_err *err)
{
	const bench_fields *f = &cls->fields;
	const char *type = NULL;
	int imperfect = 0;

	core_buf_puts(b,
	              "\nFields per type (documents by the truth's type; a sohoa document "
	              "matching none by its own):\n\n| type | documents | TP | FP | FN | P | R "
	              "| F1 | auto-accepted precision | share auto-accepted | unscored "
	              "|\n|---|---|---|---|---|---|---|---|---|---|---|\n",
	              err);
	for (int i = 0; i < f->n; i++)
		if (!f->rows[i].name)
			bench_md_frow(b, err, f->rows[i].type, &f->rows[i].all,
			              f->rows[i].unscored);
	bench_md_frow(b, err, "**all**", &f->all, f->unscored);
	bench_md_frow(b, err, "**clean 300 dpi**", &f->clean, 0);

	core_buf_puts(b,
	              "\nFields with F1 below 1 (support: true fields):\n\n| type | field | TP "
	              "| FP | FN | P | R | F1 | support |\n|---|---|---|---|---|---|---|---|---|\n",
	              err);
	for (int i = 0; i < f->n; i++) {
		const bench_frow *r = &f->rows[i];
		char p[32], rc[32], f1[32];
		bench_prf prf;

		bench_fcount_prf(&r->all, &prf);
		if (!r->name || !isfinite(prf.f1) || prf.f1 >= 1)
			continue;
		imperfect++;
		core_buf_printf(b, err, "| %s | %s | %lld | %lld | %lld | %s | %s | %s | %lld |\n",
		                r->type, r->name, (long long)r->all.tp, (long long)r->all.fp,
		                (long long)r->all.fn, bench_fmt_num(p, sizeof(p), prf.precision, 3),
		                bench_fmt_num(rc, sizeof(rc), prf.recall, 3),
		                bench_fmt_num(f1, sizeof(f1), prf.f1, 3),
		                (long long)(r->all.tp + r->all.fn));
	}
	if (!imperfect)
		core_buf_puts(b, "| (none) | | | | | | | | |\n", err);
	core_buf_puts(b, "\nFields with F1 = 1 (support):", err);
	for (int i = 0; i < f->n; i++) {
		const bench_frow *r = &f->rows[i];
		bench_prf prf;

		bench_fcount_prf(&r->all, &prf);
		if (!r->name || !isfinite(prf.f1) || prf.f1 < 1)
			continue;
		if (!type || strcmp(type, r->type) != 0)
			core_buf_printf(b, err, "%s %s:", type ? ";" : "", r->type);
		else
			core_buf_puts(b, ",", err);
		type = r->type;
		core_buf_printf(b, err, " %s (%lld)", r->name, (long long)(r->all.tp + r->all.fn));
	}
	core_buf_puts(b, type ? ".\n" : " none.\n", err);
}

int bench_cls_markdown(const bench_hctx *x, core_buf *b, core_err *err)
{
	const bench_result *s = &x->sohoa[x->o.jobs_max];

	core_buf_printf(b, err,
	                "\n#### Classification, separation and fields (sohoa, %d job%s)\n\n",
	                x->o.jobs_max, x->o.jobs_max == 1 ? "" : "s");
	if (!s->cls) {
		const char *why = s->cls_note[0] ? s->cls_note : "sohoa did not run";

		core_buf_printf(
		    b, err,
		    "| measure | value |\n|---|---|\n| classification accuracy, "
		    "confusion matrix | not available: %s |\n| document-separation "
		    "accuracy | not available: %s |\n| field precision, recall, F1 per "
		    "field and type | not available: %s |\n| precision of auto-accepted "
		    "fields, share auto-accepted | not available: %s |\n",
		    why, why, why, why);
		return core_err_isset(err) ? -1 : 0;
	}
	bench_md_model(x, s, b, err);
	bench_md_summary(x, s->cls, b, err);
	bench_md_degradations(x, s->cls, b, err);
	bench_md_confusion(s->cls, b, err);
	bench_md_fields(s->cls, b, err);
	core_buf_puts(b, bench_cls_definitions, err);
	return core_err_isset(err) ? -1 : 0;
}
