/*
 * pipe_classify.c - from a dossier's stored pages to documents, fields
 * and subjects.
 *
 * A dossier is classified as soon as its last page is terminal, by the
 * worker that finished it, inside one transaction holding the dossier's
 * row lock (store_classify_begin): concurrent workers and processes
 * skip it, a killed process leaves nothing, and a run sweeps up any
 * dossier left unclassified.  `sohoa reclassify` runs the same step on
 * stored words, without OCR.
 */
#include "classify.h"
#include "pipe_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Store rows -> classify input.  Words are shared, not copied. */
static int pages_to_classify(const store_dossier_pages *sp, classify_page **out,
                             classify_word **words_out, core_err *err)
{
	classify_page *pages;
	classify_word *words;
	int total = 0, k = 0;

	*out = NULL;
	*words_out = NULL;
	for (int i = 0; i < sp->n; i++)
		total += sp->pages[i].n_words;
	if (sp->n < 0)
		return core_err_set(err, CORE_EINTERNAL, "negative page count");
	pages = calloc((size_t)sp->n + 1, sizeof(*pages));
	words = calloc((size_t)total + 1, sizeof(*words));
	if (!pages || !words) {
		free(pages);
		free(words);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	for (int i = 0; i < sp->n; i++) {
		const store_page_words *pw = &sp->pages[i];

		pages[i].number = pw->number;
		pages[i].blank = pw->status == STORE_PAGE_BLANK;
		/* A failed page reads as an empty one: it still holds a place. */
		pages[i].text = pw->status == STORE_PAGE_DONE ? pw->text : "";
		pages[i].words = &words[k];
		pages[i].n_words = pw->status == STORE_PAGE_DONE ? pw->n_words : 0;
		pages[i].width = pw->width;
		pages[i].specked = pw->despeckled;
		pages[i].height = pw->height;
		for (int j = 0; j < pages[i].n_words; j++, k++) {
			const store_word *w = &pw->words[j];
			words[k] =
			    (classify_word){w->text, w->conf,  w->x0,   w->y0,         w->x1,
			                    w->y1,   w->block, w->line, w->tone_rival, w->tone_gap};
		}
	}
	*out = pages;
	*words_out = words;
	return 0;
}

/* classify result -> store rows; strings stay owned by the result. */
static int result_to_store(const classify_result *r, store_document **docs_out,
                           store_field **fields_out, store_subject_link **subs_out,
                           pipe_classify_counts *cnt, core_err *err)
{
	store_document *docs;
	store_field *fields;
	store_subject_link *subs;
	int nf = 0, ns = 0, kf = 0, ks = 0;

	*docs_out = NULL;
	*fields_out = NULL;
	*subs_out = NULL;
	for (int i = 0; i < r->n_documents; i++) {
		nf += r->documents[i].n_fields;
		ns += r->documents[i].n_subjects;
	}
	if (r->n_documents < 0)
		return core_err_set(err, CORE_EINTERNAL, "negative document count");
	docs = calloc((size_t)r->n_documents + 1, sizeof(*docs));
	fields = calloc((size_t)nf + 1, sizeof(*fields));
	subs = calloc((size_t)ns + 1, sizeof(*subs));
	if (!docs || !fields || !subs) {
		free(docs);
		free(fields);
		free(subs);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	for (int i = 0; i < r->n_documents; i++) {
		const classify_document *d = &r->documents[i];
		store_document *sd = &docs[i];

		sd->type = d->type;
		sd->first_page = d->first_page;
		sd->last_page = d->last_page;
		sd->confidence = (float)d->confidence;
		sd->fields = &fields[kf];
		sd->subjects = &subs[ks];
		for (int j = 0; j < d->n_fields; j++) {
			const classify_field *f = &d->fields[j];

			fields[kf++] = (store_field){f->name,
			                             f->raw,
			                             f->value,
			                             (float)f->confidence,
			                             f->page,
			                             f->box.x0,
			                             f->box.y0,
			                             f->box.x1,
			                             f->box.y1,
			                             f->validators_json,
			                             classify_status_name(f->status)};
			cnt->fields++;
			if (f->status == CLASSIFY_AUTO_ACCEPTED)
				cnt->fields_auto++;
		}
		sd->n_fields = d->n_fields;
		/* Only a subject whose key was auto-accepted is linked now; the
		 * others wait for review rather than attach to the wrong person. */
		for (int j = 0; j < d->n_subjects; j++) {
			const classify_subject *su = &d->subjects[j];
			if (su->status != CLASSIFY_AUTO_ACCEPTED)
				continue;
			subs[ks++] =
			    (store_subject_link){su->kind, su->key, su->display_name, su->role};
			sd->n_subjects++;
			cnt->subjects++;
		}
		cnt->documents++;
	}
	*docs_out = docs;
	*fields_out = fields;
	*subs_out = subs;
	return 0;
}

int pipe_classify_dossier(const pipe_classifier *pc, store *st, int64_t dossier_id, int64_t run_id,
                          bool force, pipe_classify_counts *cnt, core_err *err)
{
	store_dossier_pages sp;
	classify_page *pages = NULL;
	classify_word *words = NULL;
	classify_result *res = NULL;
	store_document *docs = NULL;
	store_field *fields = NULL;
	store_subject_link *subs = NULL;
	core_err cerr;
	bool got = false;
	double t0 = core_now();
	int rc = -1;

	memset(&sp, 0, sizeof(sp));
	core_err_clear(&cerr);
	if (store_classify_begin(st, dossier_id, force, &got, err))
		goto out;
	if (!got) {
		rc = 0;
		goto out;
	}
	if (store_dossier_pages_load(st, dossier_id, &sp, err) ||
	    pages_to_classify(&sp, &pages, &words, err))
		goto out;
	if (classify_dossier(pc->defs, pc->model, pages, sp.n, &pc->options, &res, &cerr)) {
		/* One dossier the classifier cannot read must not stop the batch:
		 * it stays unclassified and is retried by the next run. */
		core_log(CORE_LOG_WARN, "classify_failed", NULL,
		         "%s: classification failed: %s%s%s", sp.code ? sp.code : "?", cerr.msg,
		         cerr.detail[0] ? ": " : "", cerr.detail);
		cnt->failed++;
		rc = 0;
		goto out;
	}
	if (result_to_store(res, &docs, &fields, &subs, cnt, err) ||
	    store_classify_save(st, dossier_id, run_id, res->model_version,
	                        res->definitions_version, docs, res->n_documents, err))
		goto out;
	cnt->dossiers++;
	got = false; /* committed */
	rc = 0;
out:
	if (got)
		store_classify_abort(st);
	cnt->seconds += core_now() - t0;
	free(docs);
	free(fields);
	free(subs);
	free(pages);
	free(words);
	classify_result_destroy(&res);
	store_dossier_pages_clear(&sp);
	return rc;
}

int pipe_classifier_load(pipe_classifier *pc, const char *defs_dir, const char *model_path,
                         core_err *err)
{
	char guess[4096];
	const char *path = model_path;

	memset(pc, 0, sizeof(*pc));
	classify_options_default(&pc->options);
	if (classify_defs_load(defs_dir, &pc->defs, err))
		return -1;
	if (!path)
		path = getenv("SOHOA_MODEL");
	if (!path || !path[0]) {
		/* The shipped model sits beside the definitions. */
		snprintf(guess, sizeof(guess), "%s/../model/sohoa-nb.model",
		         defs_dir ? defs_dir : classify_defs_dir_default());
		path = access(guess, R_OK) == 0 ? guess : NULL;
		if (!path) {
			core_log(CORE_LOG_WARN, "no_model", NULL,
			         "no page classifier model: classifying by rules only");
			return 0;
		}
	}
	if (classify_model_load(path, &pc->model, err)) {
		classify_defs_destroy(&pc->defs);
		return -1;
	}
	return 0;
}

void pipe_classifier_clear(pipe_classifier *pc)
{
	classify_model_destroy(&pc->model);
	classify_defs_destroy(&pc->defs);
}

int pipe_classify_sweep(const pipe_classifier *pc, store *st, const int64_t *ids, int n,
                        int64_t run_id, pipe_classify_counts *cnt, core_err *err)
{
	int64_t *todo = NULL;
	int m = 0, rc = -1;

	if (store_dossiers_unclassified(st, ids, n, &todo, &m, err))
		goto out;
	/* A stop leaves the rest unclassified; the next run's sweep finds them. */
	for (int i = 0; i < m && !pipe_stopping(); i++)
		if (pipe_classify_dossier(pc, st, todo[i], run_id, false, cnt, err))
			goto out;
	rc = 0;
out:
	free(todo);
	return rc;
}

int pipe_reclassify(const char *db, const char *code, const char *defs_dir, const char *model_path)
{
	pipe_classifier pc;
	pipe_classify_counts cnt;
	char conninfo[1024] = "";
	store *st = NULL;
	int64_t *ids = NULL, run_id = 0;
	int n = 0, rc = PIPE_EXIT_OK;
	core_err err;

	memset(&pc, 0, sizeof(pc));
	memset(&cnt, 0, sizeof(cnt));
	core_err_clear(&err);
	if (pipe_classifier_load(&pc, defs_dir, model_path, &err) ||
	    pipe_open_db(db, conninfo, sizeof(conninfo), &err) || store_open(conninfo, &st, &err) ||
	    store_migrate(st, NULL, &err) ||
	    store_run_begin(st, "{\"command\":\"reclassify\"}", &run_id, &err) ||
	    store_dossier_ids(st, code, &ids, &n, &err))
		goto out;
	if (code && n == 0) {
		core_err_set(&err, CORE_EARG, "no such dossier");
		core_err_detail(&err, "%s", code);
		goto out;
	}
	for (int i = 0; i < n; i++)
		if (pipe_classify_dossier(&pc, st, ids[i], run_id, true, &cnt, &err))
			goto out;
	printf("reclassified %lld dossiers in %.1f s: %lld documents, %lld fields "
	       "(%lld auto-accepted), %lld subject links\n",
	       (long long)cnt.dossiers, cnt.seconds, (long long)cnt.documents,
	       (long long)cnt.fields, (long long)cnt.fields_auto, (long long)cnt.subjects);
	if (cnt.failed) {
		printf("%lld dossiers could not be classified (see the log)\n",
		       (long long)cnt.failed);
		rc = PIPE_EXIT_PARTIAL;
	}
out:
	if (core_err_isset(&err)) {
		pipe_log_error(&err);
		rc = pipe_exit_code(&err);
	}
	free(ids);
	store_close(&st);
	pipe_classifier_clear(&pc);
	return rc;
}

int pipe_train(const char *const *truth_dirs, int n, const char *out_path)
{
	classify_sample *all = NULL;
	classify_model *m = NULL;
	int total = 0, rc = PIPE_EXIT_FATAL;
	core_err err;

	core_err_clear(&err);
	for (int i = 0; i < n; i++) {
		classify_sample *s = NULL, *grown;
		int k = 0;

		if (classify_truth_samples(truth_dirs[i], &s, &k, &err))
			goto out;
		grown = realloc(all, (size_t)(total + k + 1) * sizeof(*all));
		if (!grown) {
			classify_samples_free(s, k);
			core_err_set(&err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		all = grown;
		memcpy(all + total, s, (size_t)k * sizeof(*s));
		total += k;
		free(s); /* the strings now belong to `all` */
	}
	if (total == 0) {
		core_err_set(&err, CORE_EARG, "no labelled pages in the truth folders");
		goto out;
	}
	if (classify_model_train(all, total, &m, &err) || classify_model_save(m, out_path, &err))
		goto out;
	printf("trained on %d pages; model %s (version %.12s)\n", total, out_path,
	       classify_model_version(m));
	rc = PIPE_EXIT_OK;
out:
	if (core_err_isset(&err)) {
		pipe_log_error(&err);
		rc = pipe_exit_code(&err);
	}
	classify_model_destroy(&m);
	classify_samples_free(all, total);
	return rc;
}
