/*
 * bench_harness_classify.c - sohoa's documents and fields against the
 * ground truth: `sohoa export` writes <code>/documents.json, the
 * generator's truth/<code>.json holds the true documents; the
 * arithmetic (matching, counting) is bench_metrics.c's, this file reads
 * both sides and decides which set each count belongs to.
 */
#include "bench_harness.h"
#include "classify.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The types sohoa knows, in the README's order; others found in the
 * truth or the output are appended, then "none". */
static const char *const bench_cls_types[] = {"cccd",
                                              "cmnd",
                                              "birth_certificate",
                                              "marriage_certificate",
                                              "marital_status_certificate",
                                              "business_registration",
                                              "land_use_certificate",
                                              "decision",
                                              "application_form",
                                              "other"};

#define BENCH_CLS_LABELS_MAX 64
#define BENCH_DOCS_MAX       (1u << 20) /* documents.json of one dossier */

/* One dossier: both JSON trees (the docs borrow their strings) and the
 * corpus pages that belong to it. */
typedef struct bench_dossier {
	const char *code;
	int page0, page_end; /* [page0, page_end) in the corpus's pages */
	json_t *truth, *pred;
	bench_doc *t, *p;
	int nt, np;
} bench_dossier;

static void bench_docs_free(bench_doc *d, int n)
{
	for (int i = 0; d && i < n; i++)
		free(d[i].fields);
	free(d);
}

static const char *bench_jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A truth document's fields are an object {name: value}; sohoa's an
 * array of {"name", "value", "status", ...}.  A value that is not a
 * string is taken as none: neither side writes one today. */
static int bench_doc_fields(json_t *jf, bool truth, bench_doc *d, core_err *err)
{
	size_t cap = truth ? json_object_size(jf) : json_array_size(jf), i;
	const char *key;
	json_t *v;

	d->n_fields = 0;
	d->fields = calloc(cap ? cap : 1, sizeof(*d->fields));
	if (!d->fields)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (truth) {
		json_object_foreach(jf, key, v)
		{
			d->fields[d->n_fields++] = (bench_dfield){key, json_string_value(v), false};
		}
		return 0;
	}
	json_array_foreach(jf, i, v)
	{
		const char *status = bench_jstr(v, "status");

		d->fields[d->n_fields++] =
		    (bench_dfield){bench_jstr(v, "name"), bench_jstr(v, "value"),
		                   status && strcmp(status, "auto_accepted") == 0};
	}
	return 0;
}

static int bench_docs_build(json_t *root, bool truth, bench_doc **out, int *n, core_err *err)
{
	json_t *docs = json_object_get(root, "documents"), *jd;
	size_t i;

	*n = 0;
	*out = calloc(json_array_size(docs) + 1, sizeof(**out));
	if (!*out)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	json_array_foreach(docs, i, jd)
	{
		bench_doc *d = &(*out)[*n];
		const char *type = bench_jstr(jd, "type");

		d->type = type ? type : "other";
		d->first_page = (int)json_integer_value(json_object_get(jd, "first_page"));
		d->last_page = (int)json_integer_value(json_object_get(jd, "last_page"));
		(*n)++;
		if (bench_doc_fields(json_object_get(jd, "fields"), truth, d, err))
			return -1;
	}
	return 0;
}

static int bench_dossier_load(const bench_corpus *c, const char *textdir, bench_dossier *d,
                              core_err *err)
{
	char path[BENCH_PATH_MAX];
	json_error_t jerr;

	if (core_snprintf(path, sizeof(path), err, "%s/%s.json", c->truth, d->code))
		return -1;
	if (!(d->truth = json_load_file(path, 0, &jerr))) {
		core_err_set(err, CORE_EFORMAT, "cannot read the ground truth");
		core_err_detail(err, "%s: %s", path, jerr.text);
		return -1;
	}
	if (core_snprintf(path, sizeof(path), err, "%s/%s/documents.json", textdir, d->code))
		return -1;
	/* A dossier sohoa did not export has no documents: every page is
	 * "none" and every field missed; the caller counts it. */
	d->pred = json_load_file(path, 0, &jerr);
	if (bench_docs_build(d->truth, true, &d->t, &d->nt, err))
		return -1;
	return d->pred ? bench_docs_build(d->pred, false, &d->p, &d->np, err) : 0;
}

/* Confusion labels: the known types, those met in the data, "none". */
static int bench_cls_labels(const bench_dossier *ds, int n, bench_confusion *m, core_err *err)
{
	const char *labels[BENCH_CLS_LABELS_MAX];
	int nl = 0;

	for (size_t k = 0; k < sizeof(bench_cls_types) / sizeof(bench_cls_types[0]); k++)
		labels[nl++] = bench_cls_types[k];
	for (int i = 0; i < n; i++)
		for (int side = 0; side < 2; side++) {
			const bench_doc *docs = side ? ds[i].p : ds[i].t;
			int nd = side ? ds[i].np : ds[i].nt;

			for (int k = 0; k < nd; k++) {
				bool known = strcmp(docs[k].type, "none") == 0;

				for (int l = 0; l < nl && !known; l++)
					known = strcmp(labels[l], docs[k].type) == 0;
				if (known)
					continue;
				if (nl >= BENCH_CLS_LABELS_MAX - 1)
					return core_err_set(err, CORE_ELIMIT,
					                    "too many document types");
				labels[nl++] = docs[k].type;
			}
		}
	labels[nl++] = "none";
	return bench_confusion_init(m, labels, nl, err);
}

/*
 * A page range's degradation: that of its non-blank pages when they
 * share one, else "mixed"; clean when every one of them is a clean page
 * at 300 dpi.  A range over blank pages only is judged on those.
 */
static int bench_range_group(bench_cls *cls, const bench_corpus *c, const bench_dossier *d,
                             int first, int last, bool *clean, core_err *err)
{
	int g = -1, seen = 0;
	bool mixed = false;

	*clean = true;
	for (int pass = 0; pass < 2 && !seen; pass++)
		for (int i = d->page0; i < d->page_end; i++) {
			const bench_hpage *p = &c->pages[i];

			if (p->number < first || p->number > last || (pass == 0 && p->blank))
				continue;
			seen++;
			mixed = mixed || (g >= 0 && p->group != g);
			g = p->group;
			*clean = *clean && p->dpi == 300 &&
			         strcmp(c->groups.name[p->group], "clean") == 0;
		}
	if (!seen) {
		*clean = false;
		return bench_groups_index(&cls->doc_groups, "unknown", err);
	}
	return bench_groups_index(&cls->doc_groups, mixed ? "mixed" : c->groups.name[g], err);
}

static int bench_score_fields(bench_cls *cls, const bench_corpus *c, const bench_dossier *d,
                              core_err *err)
{
	int *match = calloc((size_t)d->nt + 1, sizeof(*match));
	bool *used = calloc((size_t)d->np + 1, sizeof(*used));
	int rc = -1, g;
	bool clean;

	if (!match || !used) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (bench_doc_match(d->t, d->nt, d->p, d->np, match, err))
		goto out;
	for (int i = 0; i < d->nt; i++) {
		const bench_doc *pred = match[i] >= 0 ? &d->p[match[i]] : NULL;

		if (match[i] >= 0)
			used[match[i]] = true;
		/* The truth's pages decide: they are what was scanned. */
		if ((g = bench_range_group(cls, c, d, d->t[i].first_page, d->t[i].last_page, &clean,
		                           err)) < 0 ||
		    bench_fields_score(&cls->fields, &d->t[i], pred, g, clean, err))
			goto out;
	}
	for (int j = 0; j < d->np; j++) {
		if (used[j])
			continue;
		if ((g = bench_range_group(cls, c, d, d->p[j].first_page, d->p[j].last_page, &clean,
		                           err)) < 0 ||
		    bench_fields_score(&cls->fields, NULL, &d->p[j], g, clean, err))
			goto out;
	}
	rc = 0;
out:
	free(match);
	free(used);
	return rc;
}

static int bench_score_dossier(bench_cls *cls, const bench_corpus *c, const bench_dossier *d,
                               core_err *err)
{
	for (int i = d->page0; i < d->page_end; i++) {
		const bench_hpage *p = &c->pages[i];
		const char *t, *s;

		if (p->blank)
			continue;
		t = bench_doc_type_at(d->t, d->nt, p->number);
		s = bench_doc_type_at(d->p, d->np, p->number);
		t = t ? t : "none";
		s = s ? s : "none";
		if (bench_confusion_add(&cls->pages, t, s, err))
			return -1;
		cls->grp_pages[p->group]++;
		cls->grp_ok[p->group] += strcmp(t, s) == 0;
	}
	bench_sep_add(&cls->sep, d->t, d->nt, d->p, d->np);
	cls->dossiers++;
	cls->missing += !d->pred;
	return bench_score_fields(cls, c, d, err);
}

/* Dossiers in corpus order, each with its slice of the pages. */
static int bench_dossiers_list(const bench_corpus *c, bench_dossier **out, int *n, core_err *err)
{
	*n = 0;
	*out = calloc((size_t)c->n + 1, sizeof(**out));
	if (!*out)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < c->n; i++) {
		if (*n && strcmp((*out)[*n - 1].code, c->pages[i].code) == 0) {
			(*out)[*n - 1].page_end = i + 1;
			continue;
		}
		(*out)[(*n)++] =
		    (bench_dossier){.code = c->pages[i].code, .page0 = i, .page_end = i + 1};
	}
	return 0;
}

int bench_cls_score(const bench_corpus *c, const char *textdir, bench_cls **out, core_err *err)
{
	bench_dossier *ds = NULL;
	bench_cls *cls = calloc(1, sizeof(*cls));
	int n = 0, rc = -1;

	*out = NULL;
	if (!cls) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (bench_dossiers_list(c, &ds, &n, err))
		goto out;
	for (int i = 0; i < n; i++)
		if (bench_dossier_load(c, textdir, &ds[i], err))
			goto out;
	if (bench_cls_labels(ds, n, &cls->pages, err))
		goto out;
	/* Scored names are the truth's for the type across the corpus: a
	 * name one form of a type lacks is still a name of the type. */
	for (int i = 0; i < n; i++)
		for (int k = 0; k < ds[i].nt; k++)
			for (int f = 0; f < ds[i].t[k].n_fields; f++)
				if (bench_fields_declare(&cls->fields, ds[i].t[k].type,
				                         ds[i].t[k].fields[f].name, err))
					goto out;
	for (int i = 0; i < n; i++)
		if (bench_score_dossier(cls, c, &ds[i], err)) {
			core_err_detail(err, "dossier %s", ds[i].code);
			goto out;
		}
	bench_fields_sort(&cls->fields);
	*out = cls;
	cls = NULL;
	rc = 0;
out:
	for (int i = 0; ds && i < n; i++) {
		bench_docs_free(ds[i].t, ds[i].nt);
		bench_docs_free(ds[i].p, ds[i].np);
		json_decref(ds[i].truth);
		json_decref(ds[i].pred);
	}
	free(ds);
	bench_cls_free(&cls);
	return rc;
}

void bench_cls_free(bench_cls **cls)
{
	if (!*cls)
		return;
	bench_confusion_free(&(*cls)->pages);
	bench_fields_free(&(*cls)->fields);
	bench_groups_free(&(*cls)->doc_groups);
	free(*cls);
	*cls = NULL;
}

void bench_cls_model(bench_hctx *x)
{
	const char *env = getenv("SOHOA_MODEL");
	char hex[CORE_SHA256_HEX], defs[BENCH_PATH_MAX], *slash;
	size_t len;
	core_err err;

	core_err_clear(&err);
	x->model_version[0] = '\0';
	/* sohoa's own rule (pipe_classifier_load): $SOHOA_MODEL, else
	 * <defs>/../model/sohoa-nb.model, <defs> being the source tree's
	 * classify/defs; the ".." resolved by hand for a readable path. */
	if (env && env[0]) {
		core_strlcpy(x->model_path, env, sizeof(x->model_path));
	} else {
		len = core_strlcpy(defs, classify_defs_dir_default(), sizeof(defs));
		while (len > 1 && defs[len - 1] == '/')
			defs[--len] = '\0';
		slash = strrchr(defs, '/');
		if (slash && slash != defs && strcmp(slash, "/..") != 0 && strcmp(slash, "/.") != 0)
			*slash = '\0';
		else
			core_strlcpy(defs + len, "/..", sizeof(defs) - len);
		if (core_snprintf(x->model_path, sizeof(x->model_path), NULL,
		                  "%s/model/sohoa-nb.model", defs))
			x->model_path[0] = '\0';
	}
	if (core_sha256_file(x->model_path, hex, &err) == 0)
		core_strlcpy(x->model_version, hex, 13);
}
