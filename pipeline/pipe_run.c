/*
 * pipe_run.c - the batch: plan, then OpenMP workers over pages.
 *
 * Each worker thread owns one Tesseract handle and one database
 * connection, created once.  Work is handed out by the database (claim
 * with FOR UPDATE SKIP LOCKED), which schedules pages dynamically
 * across threads, processes and machines alike, and makes a killed
 * batch resumable: pending pages are simply claimed again.
 */
#include "pipe_int.h"

#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Inputs named in a run's options record (all are counted). */
#define PIPE_OPTIONS_INPUTS_MAX 1000

/* The one global that changes after start-up: set by a signal handler. */
static volatile sig_atomic_t pipe_stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	pipe_stop_requested = 1;
}

bool pipe_stopping(void)
{
	return pipe_stop_requested != 0;
}

void pipe_options_default(pipe_options *o)
{
	memset(o, 0, sizeof(*o));
	o->lang = "vie";
	o->psm = 3;
	o->max_megapixels = 250;
	o->max_pages = 10000;
	o->lease_seconds = 900;
	o->progress = PIPE_PROGRESS_AUTO;
	o->preprocess = OCR_STEPS_DEFAULT;
}

void pipe_log_error(const core_err *err)
{
	core_log(CORE_LOG_ERROR, "error", NULL, "%s%s%s", err->msg,
	         err->detail[0] ? "\nDETAIL: " : "", err->detail);
}

int pipe_exit_code(const core_err *err)
{
	switch (err->code) {
	case CORE_OK:
		return PIPE_EXIT_OK;
	case CORE_EARG:
		return PIPE_EXIT_USAGE;
	case CORE_EDB:
		return PIPE_EXIT_DB;
	default:
		return PIPE_EXIT_FATAL;
	}
}

/* Shared, read-only once workers start. */
typedef struct pipe_ctx {
	const pipe_options *o;
	ocr_limits lim;
	ocr_options ocr;
	char conninfo[1024];
	char owner_prefix[33];
	char ocr_config[256];
	char text_config[32]; /* pages stored with their PDF text layer */
	int64_t run_id;
	int64_t *dossier_ids;
	int n_dossiers;
	pipe_progress *progress;
	pipe_classifier cls;
	bool classify_on;
	pipe_outputs out;
	bool output_on;
	/* Written under critical sections only. */
	pipe_stats stats;
	pipe_failures failures;
	core_err fatal;
	int stop; /* read with atomics */
} pipe_ctx;

static void ctx_fatal(pipe_ctx *c, const core_err *e)
{
#pragma omp critical(pipe_fatal)
	{
		if (!core_err_isset(&c->fatal)) {
			c->fatal = *e;
		}
	}
#pragma omp atomic write
	c->stop = 1;
}

static bool ctx_stopping(pipe_ctx *c)
{
	int s;

#pragma omp atomic read
	s = c->stop;
	return s || pipe_stop_requested;
}

static void result_failed(store_page_result *r, const core_err *e, char *reason, size_t size)
{
	snprintf(reason, size, "%s%s%s", e->msg, e->detail[0] ? ": " : "", e->detail);
	r->status = STORE_PAGE_FAILED;
	r->fail_code = e->code;
	r->fail_reason = reason;
}

/* Store rows for a result's words (NULL when it has none). */
static int result_words(const ocr_result *res, store_word **out, core_err *err)
{
	store_word *words;

	*out = NULL;
	if (res->n_words <= 0)
		return 0;
	words = calloc((size_t)res->n_words, sizeof(*words));
	if (!words)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < res->n_words; i++) {
		const ocr_word *w = &res->words[i];
		words[i] = (store_word){w->text, w->conf,  w->x0,   w->y0,         w->x1,
		                        w->y1,   w->block, w->line, w->tone_rival, w->tone_gap};
	}
	*out = words;
	return 0;
}

/* Recognizes one claimed page and commits its result. */
static int process_page(pipe_ctx *c, store *st, ocr_engine *eng, const char *owner,
                        const store_job *job, pipe_stats *ls, core_err *err)
{
	store_page_result r;
	ocr_image *img = NULL;
	ocr_result *res = NULL;
	const ocr_result *layer;
	store_word *words = NULL;
	char sha[CORE_SHA256_HEX] = "", reason[CORE_MSG_MAX + CORE_DETAIL_MAX + 4];
	char steps[128] = "";
	ocr_clean_info clean;
	core_err perr;
	double t0 = core_now(), t1, t2, t3, cleaned_ink = 0;
	bool reused = false;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.run_id = c->run_id;
	r.ocr_config = c->ocr_config;
	core_err_clear(&perr);

	if (ocr_image_load(job->source_path, job->source_index, &c->lim, &img, &perr)) {
		result_failed(&r, &perr, reason, sizeof(reason));
		r.load_s = core_now() - t0;
		goto commit;
	}
	/* The hash is of the pixels as scanned, before any turning.  It is
	 * the page's identity (reuse of earlier results), not preparation
	 * for recognition: it counts as loading. */
	ocr_image_sha256(img, sha);
	r.pixel_sha256 = sha;
	t1 = core_now();
	r.load_s = t1 - t0;
	r.rotation = -1;
	r.width = ocr_image_width(img);
	r.height = ocr_image_height(img);
	r.dpi = ocr_image_dpi(img);
	r.dpi_assumed = ocr_image_dpi_assumed(img);
	if (ocr_image_is_blank(img, &r.ink_ratio)) {
		r.status = STORE_PAGE_BLANK;
		r.preprocess_s = core_now() - t1;
		goto commit;
	}
	/*
	 * A PDF page with its own text keeps it: no turn (its boxes are in
	 * the page as loaded) and no OCR.  Its own config keeps it out of
	 * the reuse of recognized pages, both ways.
	 */
	layer = c->o->force_ocr ? NULL : ocr_image_text_layer(img);
	if (layer) {
		r.status = STORE_PAGE_DONE;
		r.rotation = 0;
		r.ocr_config = c->text_config;
		r.text = layer->text;
		r.confidence = layer->mean_conf;
		if (result_words(layer, &words, err))
			goto out;
		r.words = words;
		r.n_words = layer->n_words;
		r.preprocess_s = core_now() - t1;
		ls->text_layer++;
		goto commit;
	}
	/* Before orientation: borders and specks disturb its statistic. */
	if (ocr_image_clean(img, c->o->preprocess, &clean, &perr)) {
		result_failed(&r, &perr, reason, sizeof(reason));
		r.preprocess_s = core_now() - t1;
		goto commit;
	}
	ocr_steps_format(clean.done, steps, sizeof(steps));
	r.preprocess_steps = steps;
	if (clean.done)
		ls->cleaned++;
	ls->clean_s += clean.seconds;
	/* A blank sheet whose only ink was specks or a scan border: a
	 * separator, not a page for Tesseract to read noise from.  Its
	 * stored ink ratio is the one measured once cleaned (on a specked
	 * page: every dark pixel outside dust, not the sampled measure). */
	if ((clean.done & (OCR_STEP_BORDER | OCR_STEP_DESPECKLE)) &&
	    ocr_image_is_blank(img, &cleaned_ink)) {
		r.ink_ratio = cleaned_ink;
		r.status = STORE_PAGE_BLANK;
		r.preprocess_s = core_now() - t1;
		goto commit;
	}
	if (!c->o->no_orient) {
		double conf = 0;

		bool by_osd = false;

		if (ocr_engine_orient(eng, img, &r.rotation, &conf, &by_osd, &perr)) {
			result_failed(&r, &perr, reason, sizeof(reason));
			r.preprocess_s = core_now() - t1;
			goto commit;
		}
		if (r.rotation != 0)
			ls->rotated++;
		if (by_osd)
			ls->rotated_osd++;
		/* Word boxes are in the upright page as scanned: store its size. */
		if (r.rotation == 90 || r.rotation == 270) {
			int w = r.width;

			r.width = r.height;
			r.height = w;
		}
	}
	/* After the quarter turn: the skew is measured along the lines. */
	if (!c->o->no_deskew) {
		double conf = 0;

		if (ocr_image_deskew(img, &r.skew_angle, &conf, &perr)) {
			result_failed(&r, &perr, reason, sizeof(reason));
			r.preprocess_s = core_now() - t1;
			goto commit;
		}
		r.skew_checked = true;
		if (r.skew_angle != 0.0)
			ls->deskewed++;
	}
	t2 = core_now();
	r.preprocess_s = t2 - t1;

	/* The same pixels under the same OCR settings were recognized before. */
	if (store_page_reuse(st, job, owner, c->run_id, sha, c->ocr_config, r.width, r.height,
	                     r.dpi, r.dpi_assumed, r.load_s, &reused, err)) {
		if (err->code == CORE_ELEASE)
			goto lease_lost;
		goto out;
	}
	if (reused) {
		ls->reused++;
		ls->done++;
		ls->load_s += r.load_s;
		ls->preprocess_s += r.preprocess_s;
		pipe_progress_page(c->progress, STORE_PAGE_DONE);
		rc = 0;
		goto out;
	}

	if (ocr_engine_recognize(eng, img, &res, &perr)) {
		result_failed(&r, &perr, reason, sizeof(reason));
		r.ocr_s = core_now() - t2;
		goto commit;
	}
	t3 = core_now();
	r.ocr_s = t3 - t2;
	ls->recognize_s += res->recognize_s;
	/* Boxes of a scaled page go back onto the page as scanned, which
	 * is what the stored size, resolution and outputs describe. */
	ocr_result_fit(res, ocr_image_width(img), ocr_image_height(img), r.width, r.height);
	if (res->reduced)
		ocr_steps_format(clean.done | OCR_STEP_REDUCE, steps, sizeof(steps));
	r.status = STORE_PAGE_DONE;
	r.text = res->text;
	r.confidence = res->mean_conf;
	if (result_words(res, &words, err))
		goto out;
	r.words = words;
	r.n_words = res->n_words;

commit:
	t3 = core_now();
	if (store_page_finish(st, job, owner, &r, err)) {
		if (err->code == CORE_ELEASE)
			goto lease_lost;
		goto out;
	}
	ls->load_s += r.load_s;
	ls->preprocess_s += r.preprocess_s;
	ls->ocr_s += r.ocr_s;
	ls->store_s += core_now() - t3;
	if (r.status == STORE_PAGE_FAILED) {
		core_buf b;
		core_err berr;

		ls->failed++;
		/* A long dossier code would cut the JSON: then no extra fields. */
		core_err_clear(&berr);
		core_buf_init(&b, PIPE_LOG_EXTRA_MAX);
		core_buf_puts(&b, "\"dossier\":", &berr);
		core_buf_json_str(&b, job->dossier_code, &berr);
		core_buf_printf(&b, &berr, ",\"page\":%d,\"code\":\"%s\"", job->number,
		                core_code_name(r.fail_code));
		core_log(CORE_LOG_WARN, "page_failed", core_err_isset(&berr) ? NULL : b.data,
		         "%s page %d failed: %s", job->dossier_code, job->number, r.fail_reason);
		core_buf_free(&b);
#pragma omp critical(pipe_failures)
		pipe_failures_add(&c->failures, job->dossier_code, job->number, r.fail_code,
		                  r.fail_reason);
	} else if (r.status == STORE_PAGE_BLANK) {
		ls->blank++;
	} else {
		ls->done++;
	}
	pipe_progress_page(c->progress, r.status);
	rc = 0;
	goto out;
lease_lost:
	/* Another worker holds the page now; its result counts, not ours. */
	core_log(CORE_LOG_WARN, "lease_lost", NULL, "%s page %d: %s", job->dossier_code,
	         job->number, err->msg);
	core_err_clear(err);
	ls->lease_lost++;
	rc = 0;
out:
	free(words);
	ocr_result_destroy(&res);
	ocr_image_destroy(&img);
	return rc;
}

static void stats_add(pipe_stats *a, const pipe_stats *b)
{
	a->load_s += b->load_s;
	a->preprocess_s += b->preprocess_s;
	a->ocr_s += b->ocr_s;
	a->store_s += b->store_s;
	a->recognize_s += b->recognize_s;
	a->done += b->done;
	a->failed += b->failed;
	a->blank += b->blank;
	a->reused += b->reused;
	a->rotated += b->rotated;
	a->rotated_osd += b->rotated_osd;
	a->deskewed += b->deskewed;
	a->cleaned += b->cleaned;
	a->clean_s += b->clean_s;
	a->text_layer += b->text_layer;
	a->lease_lost += b->lease_lost;
	a->cls.dossiers += b->cls.dossiers;
	a->cls.documents += b->cls.documents;
	a->cls.fields += b->cls.fields;
	a->cls.fields_auto += b->cls.fields_auto;
	a->cls.subjects += b->cls.subjects;
	a->cls.failed += b->cls.failed;
	a->cls.seconds += b->cls.seconds;
	a->out.dossiers += b->out.dossiers;
	a->out.written += b->out.written;
	a->out.kept += b->out.kept;
	a->out.held += b->out.held;
	a->out.failed += b->out.failed;
	a->out.pages += b->out.pages;
	a->out.bytes += b->out.bytes;
	a->out.seconds += b->out.seconds;
}

/* One worker: its own engine and connection, loaded once. */
static void worker(pipe_ctx *c, int tid)
{
	store *st = NULL;
	ocr_engine *eng = NULL;
	store_job job;
	pipe_stats ls;
	char owner[64];
	core_err err;

	memset(&job, 0, sizeof(job));
	memset(&ls, 0, sizeof(ls));
	core_err_clear(&err);
	snprintf(owner, sizeof(owner), "%s-%d", c->owner_prefix, tid);
	if (store_open(c->conninfo, &st, &err) || ocr_engine_create(&c->ocr, &eng, &err))
		goto out;
	while (!ctx_stopping(c)) {
		bool got = false;

		if (store_page_claim(st, c->dossier_ids, c->n_dossiers, owner, c->o->lease_seconds,
		                     &job, &got, &err))
			goto out;
		if (!got) {
			store_counts k;

			/* Pages leased by another process: wait for them so the run
			 * ends with every page terminal, or takes them over if that
			 * process dies (its lease is void with its connection). */
			if (store_count_pages(st, c->dossier_ids, c->n_dossiers, c->run_id, &k,
			                      &err))
				goto out;
			if (k.pending == 0)
				break;
			/* Short: the last page of this very run is often what we wait
			 * for, and the run's end waits with us. */
			usleep(50 * 1000);
			continue;
		}
		if (process_page(c, st, eng, owner, &job, &ls, &err))
			goto out;
		/* The page may have been the dossier's last one. */
		if (c->classify_on && pipe_classify_dossier(&c->cls, st, job.dossier_id, c->run_id,
		                                            false, &ls.cls, &err))
			goto out;
		/* Then its archival outputs, once, by whoever gets its lock. */
		if (c->output_on &&
		    pipe_output_dossier(&c->out, st, job.dossier_id, false, &ls.out, &err))
			goto out;
		store_job_clear(&job);
	}
out:
	if (core_err_isset(&err))
		ctx_fatal(c, &err);
	store_job_clear(&job);
#pragma omp critical(pipe_stats)
	stats_add(&c->stats, &ls);
	ocr_engine_destroy(&eng);
	store_close(&st);
}

static void run_workers(pipe_ctx *c, int jobs)
{
	/*
	 * Debian's libtesseract runs OpenMP regions inside Recognize.  Our
	 * team is the only active level, so Tesseract's nested regions run
	 * on one thread each and threads never multiply.  With one job our
	 * team is inactive, so allow no active level at all.
	 */
	if (!c->o->tess_inner_threads)
		omp_set_max_active_levels(jobs > 1 ? 1 : 0);
	else
		omp_set_max_active_levels(2);
	if (jobs == 1) {
		worker(c, 0);
		return;
	}
#pragma omp parallel num_threads(jobs)
	worker(c, omp_get_thread_num());
}

static char *options_json(const pipe_options *o, int jobs, core_err *err)
{
	core_buf b;

	core_buf_init(&b, 1 << 20);
	core_buf_printf(&b, err, "{\"jobs\":%d,\"lang\":", jobs);
	core_buf_json_str(&b, o->lang, err);
	core_buf_printf(&b, err, ",\"psm\":%d,\"max_megapixels\":%g,\"max_pages\":%d,", o->psm,
	                o->max_megapixels, o->max_pages);
	core_buf_printf(
	    &b, err,
	    "\"lease_seconds\":%d,\"retry_failed\":%s,\"refresh\":%s,\"force_ocr\":%s,\"inputs\":[",
	    o->lease_seconds, o->retry_failed ? "true" : "false", o->refresh ? "true" : "false",
	    o->force_ocr ? "true" : "false");
	/* The run's record names its inputs; a shell glob over tens of
	 * thousands of files would not fit, so the first ones and a count. */
	for (int i = 0; i < o->n_inputs && i < PIPE_OPTIONS_INPUTS_MAX; i++) {
		if (i)
			core_buf_puts(&b, ",", err);
		core_buf_json_str(&b, o->inputs[i], err);
	}
	core_buf_printf(&b, err, "],\"n_inputs\":%d,\"office\":", o->n_inputs);
	if (o->office)
		core_buf_json_str(&b, o->office, err);
	else
		core_buf_puts(&b, "null", err);
	core_buf_printf(&b, err, ",\"tesseract\":\"%s\"}", ocr_tesseract_version());
	if (core_err_isset(err)) {
		core_buf_free(&b);
		return NULL;
	}
	return core_buf_steal(&b);
}

int pipe_open_db(const char *db, char *conninfo, size_t size, core_err *err)
{
	char state[1024];
	bool embedded = false;

	if (store_resolve_db(db, conninfo, size, &embedded, err))
		return -1;
	if (!embedded)
		return 0;
	if (store_state_dir(state, sizeof(state), err) ||
	    store_cluster_start(state, conninfo, size, err))
		return -1;
	return 0;
}

static int plan_store(pipe_ctx *c, store *st, pipe_plan *plan, core_err *err)
{
	c->dossier_ids = calloc((size_t)(plan->n ? plan->n : 1), sizeof(*c->dossier_ids));
	if (!c->dossier_ids)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < plan->n; i++) {
		pipe_dossier *d = &plan->d[i];
		store_dossier_in in = {d->code,   d->path,       d->sha256,   d->kind,
		                       d->format, d->size_bytes, c->o->office};
		bool reshaped = false;
		int added = 0;

		if (store_dossier_plan(st, c->run_id, &in, d->pages, d->n_pages, &d->id, &added,
		                       &reshaped, err))
			return -1;
		c->dossier_ids[c->n_dossiers++] = d->id;
		if (reshaped)
			core_log(CORE_LOG_WARN, "dossier_reshaped", NULL,
			         "%s now has %d pages, more than when its pages were read: left as "
			         "it was, its refused pages still failed (move it to a new name to "
			         "plan it as a new dossier)",
			         d->code, d->n_pages);
		for (int k = 0; k < d->n_pages && added > 0; k++) {
			const store_page_src *p = &d->pages[k];
			if (!p->fail_reason)
				continue;
			core_buf b;
			core_err berr;

			core_err_clear(&berr);
			core_buf_init(&b, PIPE_LOG_EXTRA_MAX);
			core_buf_puts(&b, "\"dossier\":", &berr);
			core_buf_json_str(&b, d->code, &berr);
			core_buf_printf(&b, &berr, ",\"page\":%d,\"code\":\"%s\"", p->number,
			                core_code_name(p->fail_code));
			core_log(CORE_LOG_WARN, "page_failed",
			         core_err_isset(&berr) ? NULL : b.data, "%s page %d failed: %s",
			         d->code, p->number, p->fail_reason);
			core_buf_free(&b);
			pipe_failures_add(&c->failures, d->code, p->number, p->fail_code,
			                  p->fail_reason);
		}
	}
	if (c->o->refresh) {
		int64_t reset = 0;
		/* With --force-ocr, text-layer pages are OCR'd too. */
		if (store_pages_refresh(st, c->dossier_ids, c->n_dossiers, c->ocr_config,
		                        c->o->force_ocr ? NULL : c->text_config, &reset, err))
			return -1;
		if (reset)
			core_log(CORE_LOG_INFO, "refresh", NULL,
			         "%lld pages recognized under other settings back to pending",
			         (long long)reset);
	}
	if (c->o->retry_failed) {
		int64_t reset = 0;
		if (store_pages_retry_failed(st, c->dossier_ids, c->n_dossiers, &reset, err))
			return -1;
		if (reset)
			core_log(CORE_LOG_INFO, "retry", NULL, "%lld failed pages back to pending",
			         (long long)reset);
	}
	return 0;
}

int pipe_run(const pipe_options *o)
{
	pipe_ctx c;
	pipe_plan plan;
	pipe_accuracy acc;
	pipe_summary sum;
	store *st = NULL;
	store_counts before;
	char *opts = NULL, *json = NULL;
	core_err err;
	double t0 = core_now(), cpu0 = core_cpu_now();
	int jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int rc = PIPE_EXIT_FATAL;
	char steps[96];
	struct sigaction sa;

	memset(&c, 0, sizeof(c));
	memset(&plan, 0, sizeof(plan));
	memset(&acc, 0, sizeof(acc));
	memset(&sum, 0, sizeof(sum));
	core_err_clear(&err);
	core_err_clear(&c.fatal);
	c.o = o;
	if (jobs < 1)
		jobs = 1;
	core_utc_iso(sum.started, sizeof(sum.started));
	/* From the start: planning hashes every file and can take long;
	 * a stop before the workers records nothing and exits 5. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ocr_limits_default(&c.lim);
	c.lim.max_megapixels = o->max_megapixels;
	c.lim.max_pages = o->max_pages;
	ocr_options_default(&c.ocr);
	c.ocr.lang = o->lang;
	c.ocr.datapath = o->tessdata;
	c.ocr.psm = o->psm;
	c.ocr.reduce = (o->preprocess & OCR_STEP_REDUCE) != 0;
	/* The reuse key: a page is copied only from one recognized the same
	 * way ("mrz2": the second MRZ pass with edge cleaning and fitting;
	 * "lead2": line-leading item numbers read again, a number that took
	 * its dot in a word of its own; "tone1": words carry their tone gap). */
	ocr_steps_config(o->preprocess, steps, sizeof(steps));
	/* Truncated, two settings could share a key: refused instead. */
	if (core_snprintf(c.ocr_config, sizeof(c.ocr_config), &err,
	                  "%s psm%d tess%s mrz2 lead2 tone1%s%s%s", o->lang, o->psm,
	                  ocr_tesseract_version(), o->no_orient ? "" : " orient2",
	                  o->no_deskew ? "" : " deskew1", steps)) {
		core_err_detail(&err, "reuse key of the ocr settings, --lang %.60s", o->lang);
		goto out;
	}
	/* Text taken from the PDF itself: no OCR setting applies to it. */
	snprintf(c.text_config, sizeof(c.text_config), "pdf-text1");
	if (core_random_hex(c.owner_prefix, &err))
		goto out;

	if (pipe_plan_scan(o, &c.lim, &plan, &err))
		goto out;
	if (pipe_stop_requested) {
		core_log(CORE_LOG_WARN, "interrupted", NULL,
		         "interrupted while planning: nothing recorded");
		rc = PIPE_EXIT_INTERRUPTED;
		goto out;
	}
	c.classify_on = !o->no_classify;
	if (c.classify_on && pipe_classifier_load(&c.cls, o->defs_dir, o->model_path, &err))
		goto out;
	/* Font and profile first: a missing one fails before any OCR. */
	c.output_on = o->output_dir != NULL;
	if (c.output_on && pipe_outputs_setup(&c.out, o->output_dir, o->tessdata, &c.lim, &err))
		goto out;
	if (pipe_open_db(o->db, c.conninfo, sizeof(c.conninfo), &err) ||
	    store_open(c.conninfo, &st, &err) || store_migrate(st, NULL, &err))
		goto out;
	if (!(opts = options_json(o, jobs, &err)) || store_run_begin(st, opts, &c.run_id, &err) ||
	    plan_store(&c, st, &plan, &err))
		goto out;
	if (store_count_pages(st, c.dossier_ids, c.n_dossiers, c.run_id, &before, &err))
		goto out;
	core_log(CORE_LOG_INFO, "planned", NULL,
	         "run %lld: %d dossiers, %lld pages, %lld to do, %d jobs", (long long)c.run_id,
	         plan.n, (long long)before.total, (long long)before.pending, jobs);

	c.progress = pipe_progress_new(o->progress, before.pending, 0);
	run_workers(&c, jobs);
	pipe_progress_end(c.progress);

	if (core_err_isset(&c.fatal)) {
		err = c.fatal;
		goto out;
	}
	/* Dossiers finished by earlier runs, or whose classification a kill
	 * interrupted, are classified here. */
	if (c.classify_on && !pipe_stop_requested &&
	    pipe_classify_sweep(&c.cls, st, c.dossier_ids, c.n_dossiers, c.run_id, &c.stats.cls,
	                        &err))
		goto out;
	/* Outputs an earlier run, a kill or a deleted file left missing.  The
	 * sweep finds the files this run's workers just wrote up to date:
	 * those are not "kept" from before. */
	if (c.output_on && !pipe_stop_requested) {
		int64_t written = c.stats.out.written, kept = c.stats.out.kept;

		if (pipe_output_sweep(&c.out, st, c.dossier_ids, c.n_dossiers, &c.stats.out, &err))
			goto out;
		if (c.stats.out.kept - kept >= written)
			c.stats.out.kept -= written;
	}
	if (store_count_pages(st, c.dossier_ids, c.n_dossiers, c.run_id, &sum.counts, &err))
		goto out;
	/* Pages still failed from earlier runs make this one partial too:
	 * the summary and the report name them. */
	if (sum.counts.failed_all > sum.counts.failed) {
		int room = PIPE_MAX_FAILURES_KEPT - c.failures.n, listed = c.failures.n;
		int64_t earlier = 0;

		if (store_pages_failed_before(st, c.dossier_ids, c.n_dossiers, c.run_id, room,
		                              pipe_failures_add_earlier, &c.failures, &earlier,
		                              &err))
			goto out;
		/* No room at all: the counts say how many are left out. */
		if (room <= 0)
			earlier = sum.counts.failed_all - sum.counts.failed;
		if (earlier > c.failures.n - listed)
			c.failures.dropped += earlier - (c.failures.n - listed);
	}
	if (o->truth_dir && pipe_truth_compare(st, &plan, o->truth_dir, &acc, &err))
		goto out;

	sum.run_id = c.run_id;
	sum.jobs = jobs;
	sum.elapsed_s = core_now() - t0;
	sum.cpu_s = core_cpu_now() - cpu0;
	sum.stats = &c.stats;
	sum.acc = o->truth_dir ? &acc : NULL;
	sum.failures = &c.failures;
	sum.options_json = opts;
	sum.classify_on = c.classify_on;
	sum.output_on = c.output_on;
	core_utc_iso(sum.finished, sizeof(sum.finished));
	if (!(json = pipe_summary_json(&sum, &err)) ||
	    store_run_finish(st, c.run_id, &sum.counts, json, &err))
		goto out;
	pipe_summary_print(&sum);
	if (o->report_path && pipe_report_write(o->report_path, json, &err))
		goto out;

	if (pipe_stop_requested)
		rc = PIPE_EXIT_INTERRUPTED;
	else if (sum.counts.pending > 0)
		rc = PIPE_EXIT_PARTIAL; /* left to other runs; see the summary */
	else
		rc = PIPE_EXIT_OK;
	/* Failed pages anywhere in these dossiers, from this run or an
	 * earlier one, make the batch partial. */
	if (rc == PIPE_EXIT_OK && (sum.counts.failed_all > 0 || c.failures.n > 0))
		rc = PIPE_EXIT_PARTIAL;
	/* A dossier whose outputs could not be made is not finished either. */
	if (rc == PIPE_EXIT_OK && c.stats.out.failed > 0)
		rc = PIPE_EXIT_PARTIAL;
out:
	if (core_err_isset(&err)) {
		pipe_log_error(&err);
		rc = pipe_exit_code(&err);
	}
	pipe_progress_destroy(&c.progress);
	pipe_classifier_clear(&c.cls);
	pipe_outputs_clear(&c.out);
	pipe_failures_free(&c.failures);
	pipe_plan_free(&plan);
	free(c.dossier_ids);
	free(opts);
	free(json);
	store_close(&st);
	return rc;
}
