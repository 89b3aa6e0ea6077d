/*
 * bench_harness_sohoa.c - sohoa under measurement: a fresh database per
 * run (so no page is reused by its pixel hash from an earlier run), the
 * schema applied before the clock starts (a deployment migrates once,
 * not per batch), then `sohoa run` timed from fork to reaping, its JSON
 * report read back, and its texts and documents exported for scoring.
 */
#include "bench_harness.h"
#include "store.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int bench_db_setup(bench_hctx *x, core_err *err)
{
	if (x->o.db) {
		/* Databases are named by appending dbname=, which a URI cannot take. */
		if (strstr(x->o.db, "://")) {
			core_err_set(err, CORE_EARG, "--db must be a key=value connection string");
			core_err_detail(err, "e.g. \"host=/var/run/postgresql user=sohoa\"");
			return -1;
		}
		return core_snprintf(x->admin, sizeof(x->admin), err, "%s", x->o.db);
	}
	/* Under /tmp and 0755: the unprivileged server user must reach it. */
	if (core_snprintf(x->state_dir, sizeof(x->state_dir), err, "/tmp/sohoa-bench-XXXXXX"))
		return -1;
	if (!mkdtemp(x->state_dir) || chmod(x->state_dir, 0755) != 0) {
		core_err_set(err, CORE_EIO, "cannot create the database state folder");
		core_err_detail(err, "%s: %s", x->state_dir, strerror(errno));
		x->state_dir[0] = '\0';
		return -1;
	}
	x->own_cluster = true;
	return store_cluster_start(x->state_dir, x->admin, sizeof(x->admin), err);
}

void bench_db_teardown(bench_hctx *x)
{
	core_err err;

	core_err_clear(&err);
	if (!x->own_cluster)
		return;
	if (store_cluster_stop(x->state_dir, &err))
		fprintf(stderr, "sohoa-bench: warning: %s\n", err.msg);
	else if (bench_rmtree(x->state_dir, &err))
		fprintf(stderr, "sohoa-bench: warning: %s\n", err.msg);
	x->own_cluster = false;
}

/* Runs one sohoa subcommand (untimed); false with note set on failure. */
static bool bench_sohoa_aux(char *const argv[], const char *log, const char *what, char *note,
                            size_t size, core_err *err)
{
	char why[64], tail[256];
	bench_proc_usage u;

	if (bench_proc_run(argv, NULL, log, log, &u, err))
		return false;
	if (bench_proc_ok(&u))
		return true;
	bench_proc_log_tail(log, tail, sizeof(tail));
	bench_note(note, size, "sohoa %s failed: %s: %s (log: %s)", what,
	           bench_proc_describe(&u, why, sizeof(why)), tail, log);
	return false;
}

/*
 * Classification, separation and fields: what sohoa stored, as `sohoa
 * export` wrote it (textdir/<code>/documents.json), scored against the
 * truth.  The log says whether sohoa had a classifier model.
 */
static int bench_sohoa_documents(const bench_corpus *c, const char *textdir, const char *log,
                                 bench_result *r, core_err *err)
{
	char *text = core_slurp(log, BENCH_TEXT_MAX, NULL);

	r->rules_only = text && strstr(text, "\"event\":\"no_model\"");
	free(text);
	if (bench_cls_score(c, textdir, &r->cls, err))
		return -1;
	if (r->cls->missing)
		bench_note(r->cls_note, sizeof(r->cls_note),
		           "%d of %d dossiers have no documents.json", r->cls->missing,
		           r->cls->dossiers);
	return 0;
}

static double bench_jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : 0;
}

static void bench_read_report(const char *path, bench_result *r)
{
	json_t *rep, *pages, *st, *cls;
	json_error_t jerr;

	if (!(rep = json_load_file(path, 0, &jerr))) {
		r->state = BENCH_FAILED;
		bench_note(r->note, sizeof(r->note), "cannot read the sohoa report %s: %s", path,
		           jerr.text);
		bench_note(r->cls_note, sizeof(r->cls_note), "no sohoa report: nothing scored");
		return;
	}
	pages = json_object_get(rep, "pages");
	st = json_object_get(rep, "stages");
	r->has_report = true;
	r->rep_elapsed_s = bench_jnum(rep, "elapsed_s");
	r->rep_cpu_s = bench_jnum(rep, "cpu_s");
	r->done = (int64_t)bench_jnum(pages, "done");
	r->blank = (int64_t)bench_jnum(pages, "blank");
	r->failed = (int64_t)bench_jnum(pages, "failed");
	r->load_s = bench_jnum(st, "load_s");
	r->preprocess_s = bench_jnum(st, "preprocess_s");
	r->ocr_s = bench_jnum(st, "ocr_s");
	r->store_s = bench_jnum(st, "store_s");
	r->recognize_s = bench_jnum(st, "recognize_s");
	cls = json_object_get(rep, "classification");
	if (!json_is_object(cls))
		bench_note(r->cls_note, sizeof(r->cls_note), "sohoa ran without classification");
	else if (bench_jnum(cls, "failed") > 0)
		bench_note(r->cls_note, sizeof(r->cls_note),
		           "sohoa could not classify %.0f dossiers (see its log)",
		           bench_jnum(cls, "failed"));
	json_decref(rep);
}

int bench_sohoa_run(bench_hctx *x, const bench_corpus *c, int jobs, const char *tag,
                    const char *textdir, bench_result *r, core_err *err)
{
	char db[64], conn[1200], rep[BENCH_PATH_MAX], out[BENCH_PATH_MAX], log[BENCH_PATH_MAX];
	char aux[BENCH_PATH_MAX], jobs_s[16];
	bench_proc_usage u;

	snprintf(r->system, sizeof(r->system), "sohoa");
	snprintf(r->settings, sizeof(r->settings), "full pipeline (OCR, store), -j %d", jobs);
	r->jobs = jobs;
	r->pages = c->n;
	bench_cls_free(&r->cls);
	bench_note(r->cls_note, sizeof(r->cls_note), "the sohoa run failed: nothing to score");
	snprintf(db, sizeof(db), "bench_%ld_%s", (long)getpid(), tag);
	snprintf(jobs_s, sizeof(jobs_s), "%d", jobs);
	if (core_snprintf(conn, sizeof(conn), err, "%s dbname=%s", x->admin, db) ||
	    core_snprintf(rep, sizeof(rep), err, "%s/sohoa-%s.json", x->work, tag) ||
	    core_snprintf(out, sizeof(out), err, "%s/sohoa-%s.out", x->work, tag) ||
	    core_snprintf(log, sizeof(log), err, "%s/sohoa-%s.log", x->work, tag) ||
	    core_snprintf(aux, sizeof(aux), err, "%s/sohoa-%s-aux.log", x->work, tag))
		return -1;
	if (store_drop_database(x->admin, db, err) || store_create_database(x->admin, db, err))
		return -1;
	{
		char *argv[] = {x->o.sohoa, "db", "migrate", "--db", conn, NULL};
		if (!bench_sohoa_aux(argv, aux, "db migrate", r->note, sizeof(r->note), err)) {
			if (!core_err_isset(err))
				r->state = BENCH_FAILED;
			goto done;
		}
	}
	{
		/* No --truth: scoring is the harness's job, and would add
		 * benchmark-only work to sohoa's clock that peers do not pay. */
		char *fixed[] = {x->o.sohoa, "run",          "-j",     jobs_s,
		                 "--db",     conn,           "--lang", (char *)x->o.lang,
		                 "--quiet",  "--log-format", "json",   "--report",
		                 rep};
		char *argv[sizeof(fixed) / sizeof(fixed[0]) + BENCH_SOHOA_ARGS_MAX + 2];
		size_t n = 0;

		for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
			argv[n++] = fixed[i];
		/* The options asked for on the harness's command line (on/off comparisons). */
		for (int i = 0; i < x->o.n_sohoa_args; i++)
			argv[n++] = (char *)x->o.sohoa_args[i];
		argv[n++] = (char *)c->dossiers;
		argv[n] = NULL;
		unlink(rep);
		if (bench_proc_run(argv, NULL, out, log, &u, err))
			return -1;
	}
	if (!bench_result_finished(r, &u, "sohoa run", log))
		goto done;
	r->state = BENCH_OK;
	r->cls_note[0] = '\0';
	bench_read_report(rep, r);
	if (r->state == BENCH_OK && r->failed > 0)
		bench_note(r->note, sizeof(r->note), "%lld pages failed (see %s)",
		           (long long)r->failed, rep);
	if (r->state == BENCH_OK && textdir) {
		char *argv[] = {x->o.sohoa, "export", "--db", conn, "--out", (char *)textdir, NULL};
		if (bench_mkpath(textdir, err))
			return -1;
		/* Without texts the clock figures stand; only accuracy is lost. */
		if (!bench_sohoa_aux(argv, aux, "export", r->score_note, sizeof(r->score_note),
		                     err)) {
			bench_note(r->cls_note, sizeof(r->cls_note), "%s", r->score_note);
			goto done;
		}
		/* A part's pages are renumbered: its documents are not the truth's. */
		if (c->part)
			bench_note(r->cls_note, sizeof(r->cls_note),
			           "a part of the corpus: documents not scored");
		else if (bench_sohoa_documents(c, textdir, log, r, err))
			return -1;
	}
done:
	if (core_err_isset(err))
		return -1;
	/* The texts are out; the database is not needed any more. */
	if (store_drop_database(x->admin, db, err))
		return -1;
	return 0;
}
