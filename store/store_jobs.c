/* store_jobs.c - runs, planning, and the page job queue (claim, finish, reuse, retry). */
#include "store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Pages per planning statement: keeps one array parameter well below
 * the buffer limit even with 4 KB paths. */
#define STORE_PLAN_BATCH 1000
#define STORE_ARRAY_MAX  (32u << 20)
/* COPY data is sent in chunks of about this size. */
#define STORE_COPY_CHUNK (64u << 10)
#define STORE_COPY_MAX   (1u << 20)

/*
 * The statements run for every page.  A lease is void when it expired
 * or when the connection that took it is gone (pid and backend start
 * no longer in pg_stat_activity): a process killed with kill -9 loses
 * its connection, so a restarted run resumes at once, while the expiry
 * covers a process that hangs with its connection open.
 */
static const char store_sql_claim[] =
    "UPDATE pages p SET lease_owner = $2, lease_pid = pg_backend_pid(),"
    "  lease_backend_start = (SELECT backend_start FROM pg_stat_activity"
    "                         WHERE pid = pg_backend_pid()),"
    "  lease_until = now() + make_interval(secs => $3), attempts = p.attempts + 1"
    " FROM (SELECT q.id FROM pages q"
    "       WHERE q.dossier_id = ANY($1::bigint[]) AND q.status = 'pending'"
    "         AND (q.lease_owner IS NULL OR q.lease_until < now()"
    "              OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a"
    "                             WHERE a.pid = q.lease_pid"
    "                               AND a.backend_start = q.lease_backend_start))"
    "       ORDER BY q.id LIMIT 1 FOR UPDATE SKIP LOCKED) c"
    " WHERE p.id = c.id"
    " RETURNING p.id, p.dossier_id, p.number, p.source_index, p.source_path,"
    "   (SELECT code FROM dossiers d WHERE d.id = p.dossier_id)";

/* Locks the page for the rest of the transaction, so the final update
 * cannot lose it after the words went in. */
static const char store_sql_lease[] = "SELECT 1 FROM pages WHERE id = $1 AND lease_owner = $2"
                                      "  AND status = 'pending' FOR NO KEY UPDATE";

/*
 * The dossier row lock serializes the finishers of one dossier: without
 * it two workers finishing its last two pages each see the other's page
 * still pending, and processed_at is never set.
 */
static const char store_sql_finish[] =
    "WITH d AS (SELECT id FROM dossiers"
    "           WHERE id = (SELECT dossier_id FROM pages WHERE id = $1) FOR NO KEY UPDATE)"
    " UPDATE pages p SET status = $2, failure_code = $3, failure_reason = $4, text = $5,"
    "  confidence = $6, pixel_sha256 = $7, width = $8, height = $9, dpi = $10,"
    "  dpi_assumed = $11, ink_ratio = $12, ocr_config = $13, word_count = $14,"
    "  load_ms = $15, preprocess_ms = $16, ocr_ms = $17, store_ms = $18, run_id = $19,"
    "  rotation = $20, skew_angle = $21, preprocess_steps = $22, processed_at = now(),"
    "  lease_owner = NULL, lease_pid = NULL,"
    "  lease_backend_start = NULL, lease_until = NULL"
    " FROM d WHERE p.id = $1 AND p.dossier_id = d.id";

static const char store_sql_dossier_done[] =
    "UPDATE dossiers SET processed_at = now() WHERE id = $1"
    "  AND NOT EXISTS (SELECT 1 FROM pages WHERE dossier_id = $1 AND status = 'pending')";

static const char store_sql_reuse_find[] =
    "SELECT id FROM pages WHERE status = 'done' AND pixel_sha256 = $1 AND ocr_config = $2"
    "  AND id <> $3 ORDER BY id LIMIT 1";

static const struct {
	const char *name;
	const char *sql;
} store_hot[] = {
    {"sohoa_claim", store_sql_claim},           {"sohoa_lease", store_sql_lease},
    {"sohoa_finish", store_sql_finish},         {"sohoa_dossier_done", store_sql_dossier_done},
    {"sohoa_reuse_find", store_sql_reuse_find},
};

static int store_prepare_hot(store *s, core_err *err)
{
	PGresult *res;

	if (s->prepared)
		return 0;
	for (size_t i = 0; i < sizeof(store_hot) / sizeof(store_hot[0]); i++) {
		res = PQprepare(s->conn, store_hot[i].name, store_hot[i].sql, 0, NULL);
		if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
			store_db_error(s, res, "cannot prepare a statement", err);
			core_err_detail(err, "%s", store_hot[i].name);
			PQclear(res);
			/* A later call starts over from none prepared. */
			PQclear(PQexec(s->conn, "DEALLOCATE ALL"));
			return -1;
		}
		PQclear(res);
	}
	s->prepared = true;
	return 0;
}

/* Locale-independent float text ("1.5", never "1,5"). */
static const char *store_dbl(store *s, char buf[STORE_NUM_LEN], double v)
{
	locale_t old = uselocale(s->c_locale);

	snprintf(buf, STORE_NUM_LEN, "%.9g", v);
	uselocale(old);
	return buf;
}

static bool store_affected_one(const PGresult *res)
{
	return strcmp(PQcmdTuples((PGresult *)res), "1") == 0;
}

const char *store_page_status_name(store_page_status st)
{
	switch (st) {
	case STORE_PAGE_PENDING:
		return "pending";
	case STORE_PAGE_DONE:
		return "done";
	case STORE_PAGE_FAILED:
		return "failed";
	case STORE_PAGE_BLANK:
		return "blank";
	}
	return "unknown";
}

/* ---- runs ---------------------------------------------------------- */

int store_run_begin(store *s, const char *options_json, int64_t *run_id, core_err *err)
{
	char host[256] = "";
	char pid[STORE_NUM_LEN];
	const char *vals[3];
	PGresult *res = NULL;
	int rc = -1;

	*run_id = 0;
	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	vals[0] = host[0] ? host : NULL;
	vals[1] = store_i64(pid, (int64_t)getpid());
	vals[2] = options_json;
	res = store_exec(s,
	                 "INSERT INTO runs (host, pid, options) VALUES ($1, $2, $3::jsonb)"
	                 " RETURNING id",
	                 3, vals, PGRES_TUPLES_OK, "cannot record the run", err);
	if (!res)
		goto out;
	*run_id = store_get_i64(res, 0, 0);
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_run_finish(store *s, int64_t run_id, const store_counts *c, const char *summary_json,
                     core_err *err)
{
	char num[6][STORE_NUM_LEN];
	const char *vals[7] = {NULL};
	PGresult *res = NULL;
	int rc = -1;

	vals[0] = store_i64(num[0], run_id);
	if (c) {
		vals[1] = store_i64(num[1], c->total);
		vals[2] = store_i64(num[2], c->done);
		vals[3] = store_i64(num[3], c->failed);
		vals[4] = store_i64(num[4], c->blank);
		vals[5] = store_i64(num[5], c->earlier);
	}
	vals[6] = summary_json;
	res = store_exec(s,
	                 "UPDATE runs SET finished_at = now(), pages_total = $2, pages_done = $3,"
	                 "  pages_failed = $4, pages_blank = $5, pages_earlier = $6,"
	                 "  summary = $7::jsonb WHERE id = $1",
	                 7, vals, PGRES_COMMAND_OK, "cannot record the end of the run", err);
	if (!res)
		goto out;
	if (!store_affected_one(res)) {
		core_err_set(err, CORE_EARG, "unknown run");
		core_err_detail(err, "run %" PRId64, run_id);
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

/* ---- planning ------------------------------------------------------ */

/* One element of a text[] literal: quoted, or NULL. */
static int store_array_text(core_buf *b, bool first, const char *v, core_err *err)
{
	if (!first && core_buf_puts(b, ",", err))
		return -1;
	if (!v)
		return core_buf_puts(b, "NULL", err);
	if (core_buf_puts(b, "\"", err))
		return -1;
	for (const char *p = v; *p; p++) {
		if ((*p == '"' || *p == '\\') && core_buf_puts(b, "\\", err))
			return -1;
		if (core_buf_append(b, p, 1, err))
			return -1;
	}
	return core_buf_puts(b, "\"", err);
}

static int store_plan_pages(store *s, const char *dossier, const char *run,
                            const store_page_src *pages, int n, int *inserted, core_err *err)
{
	core_buf arr[5];
	const char *vals[7];
	PGresult *res = NULL;
	int rc = -1;

	for (int k = 0; k < 5; k++) {
		core_buf_init(&arr[k], STORE_ARRAY_MAX);
		if (core_buf_puts(&arr[k], "{", err))
			goto out;
	}
	for (int i = 0; i < n; i++) {
		const store_page_src *p = &pages[i];
		core_code code = p->fail_code != CORE_OK ? p->fail_code : CORE_EINTERNAL;
		if (!p->source_path) {
			core_err_set(err, CORE_EARG, "page without a source path");
			core_err_detail(err, "page %d", p->number);
			goto out;
		}
		if (core_buf_printf(&arr[0], err, "%s%d", i ? "," : "", p->number) ||
		    store_array_text(&arr[1], i == 0, p->source_path, err) ||
		    core_buf_printf(&arr[2], err, "%s%d", i ? "," : "", p->source_index) ||
		    store_array_text(&arr[3], i == 0, p->fail_reason ? core_code_name(code) : NULL,
		                     err) ||
		    store_array_text(&arr[4], i == 0, p->fail_reason, err))
			goto out;
	}
	for (int k = 0; k < 5; k++)
		if (core_buf_puts(&arr[k], "}", err))
			goto out;
	vals[0] = dossier;
	vals[1] = run;
	for (int k = 0; k < 5; k++)
		vals[2 + k] = arr[k].data;
	/* Known-bad pages go in terminal, so they are never claimed. */
	res = store_exec(s,
	                 "INSERT INTO pages (dossier_id, number, source_path, source_index, status,"
	                 "  failure_code, failure_reason, failed_in_planning, processed_at, run_id)"
	                 " SELECT $1::bigint, u.number, u.source_path, u.source_index,"
	                 "  CASE WHEN u.failure_reason IS NULL THEN 'pending' ELSE 'failed' END,"
	                 "  u.failure_code, u.failure_reason, u.failure_reason IS NOT NULL,"
	                 "  CASE WHEN u.failure_reason IS NULL THEN NULL ELSE now() END,"
	                 "  CASE WHEN u.failure_reason IS NULL THEN NULL ELSE $2::bigint END"
	                 " FROM unnest($3::int[], $4::text[], $5::int[], $6::text[], $7::text[])"
	                 "   AS u(number, source_path, source_index, failure_code, failure_reason)"
	                 " ON CONFLICT (dossier_id, number) DO NOTHING",
	                 7, vals, PGRES_COMMAND_OK, "cannot record the pages", err);
	if (!res)
		goto out;
	*inserted += atoi(PQcmdTuples(res));
	rc = 0;
out:
	PQclear(res);
	for (int k = 0; k < 5; k++)
		core_buf_free(&arr[k]);
	return rc;
}

/*
 * A dossier planned before: whether this plan replaces its pages.  Only
 * a dossier whose every page planning refused (a file over --max-pages,
 * a duplicate code) is planned anew, and only when the plan differs in
 * outcome: a page passes now, or the count changed.  Its rows are
 * replaced whole, so no page number can shift under a kept page.  A
 * dossier holding read pages keeps them; a plan with more pages than it
 * holds (a member refused before expands now, moving the numbers after
 * it) is refused as *reshaped.
 */
static int store_plan_again(store *s, const char *id, const store_page_src *pages, int n_pages,
                            bool *replace, bool *reshaped, core_err *err)
{
	const char *vals[1] = {id};
	PGresult *res;
	int64_t total, kept;
	int refused = 0;

	*replace = false;
	*reshaped = false;
	/*
	 * Another planner of the dossier and the finishers of its pages lock
	 * it too (store_sql_finish).  The counts come from the statement
	 * after the lock: the one that waited for it sees the rows as they
	 * were before the wait.
	 */
	res = store_exec(s, "SELECT 1 FROM dossiers WHERE id = $1::bigint FOR NO KEY UPDATE", 1,
	                 vals, PGRES_TUPLES_OK, "cannot lock the dossier", err);
	if (!res)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		core_err_set(err, CORE_EDB, "cannot find the dossier");
		core_err_detail(err, "id %s", id);
		return -1;
	}
	PQclear(res);
	res = store_exec(s,
	                 "SELECT count(*), count(*) FILTER (WHERE NOT failed_in_planning)"
	                 " FROM pages WHERE dossier_id = $1::bigint",
	                 1, vals, PGRES_TUPLES_OK, "cannot count the pages", err);
	if (!res)
		return -1;
	total = store_get_i64(res, 0, 0);
	kept = store_get_i64(res, 0, 1);
	PQclear(res);
	for (int i = 0; i < n_pages; i++)
		refused += pages[i].fail_reason != NULL;
	if (kept == 0 && total > 0 && (refused < n_pages || n_pages != total)) {
		res = store_exec(s, "DELETE FROM pages WHERE dossier_id = $1::bigint", 1, vals,
		                 PGRES_COMMAND_OK, "cannot plan the dossier again", err);
		if (!res)
			return -1;
		PQclear(res);
		*replace = true;
	} else if (kept > 0 && n_pages > total) {
		*reshaped = true;
	}
	return 0;
}

int store_dossier_plan(store *s, int64_t run_id, const store_dossier_in *d,
                       const store_page_src *pages, int n_pages, int64_t *dossier_id,
                       int *new_pages, bool *reshaped, core_err *err)
{
	char num[4][STORE_NUM_LEN];
	const char *vals[9];
	PGresult *res = NULL;
	bool created = false, replace = false, odd = false;
	int rc = -1;

	*dossier_id = 0;
	*new_pages = 0;
	if (reshaped)
		*reshaped = false;
	if (!d || !d->code || !d->source_path || !d->sha256 || !d->kind || n_pages < 0 ||
	    (n_pages > 0 && !pages))
		return core_err_set(err, CORE_EARG, "incomplete dossier description");
	if (store_begin(s, err))
		goto out;
	vals[0] = d->code;
	vals[1] = d->source_path;
	vals[2] = d->sha256;
	vals[3] = d->kind;
	vals[4] = d->format;
	vals[5] = store_i64(num[0], d->size_bytes);
	vals[6] = store_i64(num[1], n_pages);
	vals[7] = run_id > 0 ? store_i64(num[2], run_id) : NULL;
	vals[8] = d->office;
	res = store_exec(s,
	                 "INSERT INTO dossiers (code, source_path, source_sha256, kind, format,"
	                 "  size_bytes, page_count, first_run_id, office)"
	                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
	                 " ON CONFLICT (code, source_sha256) DO NOTHING RETURNING id",
	                 9, vals, PGRES_TUPLES_OK, "cannot record the dossier", err);
	if (!res)
		goto out;
	if (PQntuples(res) == 1) {
		*dossier_id = store_get_i64(res, 0, 0);
		created = true;
	} else {
		/* Planned before, or by a concurrent planner whose insert we
		 * waited for: this statement's snapshot sees it. */
		PQclear(res);
		vals[1] = d->sha256;
		res =
		    store_exec(s, "SELECT id FROM dossiers WHERE code = $1 AND source_sha256 = $2",
		               2, vals, PGRES_TUPLES_OK, "cannot find the dossier", err);
		if (!res)
			goto out;
		if (PQntuples(res) != 1) {
			core_err_set(err, CORE_EDB, "cannot find the dossier");
			core_err_detail(err, "%s", d->code);
			goto out;
		}
		*dossier_id = store_get_i64(res, 0, 0);
	}
	PQclear(res);
	res = NULL;
	store_i64(num[3], *dossier_id);
	if (!created && store_plan_again(s, num[3], pages, n_pages, &replace, &odd, err))
		goto out;
	if (reshaped)
		*reshaped = odd;
	for (int off = 0; off < n_pages && !odd; off += STORE_PLAN_BATCH) {
		int cnt = n_pages - off < STORE_PLAN_BATCH ? n_pages - off : STORE_PLAN_BATCH;
		if (store_plan_pages(s, num[3], vals[7], pages + off, cnt, new_pages, err))
			goto out;
	}
	if (created || replace || *new_pages > 0) {
		/*
		 * Every page known bad (or none at all): nothing will finish it
		 * later.  A dossier planned anew, or given pages it had not, is
		 * unfinished and unclassified again, with what its file is now
		 * found to be.
		 */
		vals[0] = num[3];
		vals[1] = d->format;
		vals[2] = store_i64(num[0], d->size_bytes);
		res = store_exec(
		    s,
		    "UPDATE dossiers SET processed_at ="
		    "  CASE WHEN EXISTS (SELECT 1 FROM pages WHERE dossier_id = $1::bigint"
		    "                    AND status = 'pending') THEN NULL ELSE now() END,"
		    "  classified_at = NULL, format = $2, size_bytes = $3::bigint,"
		    "  page_count = (SELECT count(*) FROM pages WHERE dossier_id = $1::bigint)"
		    " WHERE id = $1::bigint",
		    3, vals, PGRES_COMMAND_OK, "cannot record the dossier", err);
		if (!res)
			goto out;
	}
	if (store_commit(s, err))
		goto out;
	rc = 0;
out:
	PQclear(res);
	if (rc) {
		store_rollback(s);
		*new_pages = 0;
	}
	return rc;
}

/*
 * Puts the pages that `which` selects ($1 the dossier ids, $2 and $3 its
 * own values) back to pending, in one statement with their words, the
 * dossiers' completion time and their classification: all of it
 * belongs to the old outcome, and it is reset together or not at all.
 */
static int store_pages_reset(store *s, const int64_t *dossier_ids, int n, const char *sql,
                             const char *v2, const char *v3, int n_vals, const char *what,
                             int64_t *reset, core_err *err)
{
	core_buf ids;
	const char *vals[3];
	PGresult *res = NULL;
	int rc = -1;

	*reset = 0;
	core_buf_init(&ids, STORE_ARRAY_MAX);
	if (store_id_array(&ids, dossier_ids, n, err))
		goto out;
	vals[0] = ids.data;
	vals[1] = v2;
	vals[2] = v3;
	res = store_exec(s, sql, n_vals, vals, PGRES_TUPLES_OK, what, err);
	if (!res)
		goto out;
	*reset = store_get_i64(res, 0, 0);
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&ids);
	return rc;
}

#define STORE_RESET_TAIL                                                                           \
	" w AS (DELETE FROM words WHERE page_id IN (SELECT id FROM r)),"                           \
	" d AS (UPDATE dossiers SET processed_at = NULL, classified_at = NULL"                     \
	"       WHERE id IN (SELECT dossier_id FROM r))"                                           \
	" SELECT count(*) FROM r"

int store_pages_retry_failed(store *s, const int64_t *dossier_ids, int n, int64_t *reset,
                             core_err *err)
{
	return store_pages_reset(
	    s, dossier_ids, n,
	    "WITH r AS (UPDATE pages SET status = 'pending', failure_code = NULL,"
	    "             failure_reason = NULL, processed_at = NULL"
	    "           WHERE dossier_id = ANY($1::bigint[]) AND status = 'failed'"
	    "             AND NOT failed_in_planning"
	    "           RETURNING id, dossier_id)," STORE_RESET_TAIL,
	    NULL, NULL, 1, "cannot reset the failed pages", reset, err);
}

int store_pages_refresh(store *s, const int64_t *dossier_ids, int n, const char *ocr_config,
                        const char *keep_config, int64_t *reset, core_err *err)
{
	/* The text stays until the new result replaces it. */
	return store_pages_reset(
	    s, dossier_ids, n,
	    "WITH r AS (UPDATE pages SET status = 'pending', processed_at = NULL,"
	    "             reused_from = NULL"
	    "           WHERE dossier_id = ANY($1::bigint[]) AND status = 'done'"
	    "             AND ocr_config IS DISTINCT FROM $2"
	    "             AND ocr_config IS DISTINCT FROM $3"
	    "           RETURNING id, dossier_id)," STORE_RESET_TAIL,
	    ocr_config, keep_config, 3, "cannot reset pages for a refresh", reset, err);
}

/* ---- the job queue ------------------------------------------------- */

void store_job_clear(store_job *job)
{
	if (!job)
		return;
	free(job->source_path);
	free(job->dossier_code);
	memset(job, 0, sizeof(*job));
}

int store_page_claim(store *s, const int64_t *dossier_ids, int n, const char *owner,
                     int lease_seconds, store_job *job, bool *got, core_err *err)
{
	char secs[STORE_NUM_LEN];
	core_buf ids;
	const char *vals[3];
	PGresult *res = NULL;
	int rc = -1;

	*got = false;
	memset(job, 0, sizeof(*job));
	core_buf_init(&ids, STORE_ARRAY_MAX);
	if (!owner || !owner[0] || lease_seconds <= 0) {
		core_err_set(err, CORE_EARG, "claim needs an owner and a positive lease");
		goto out;
	}
	if (n == 0) {
		rc = 0;
		goto out;
	}
	if (store_prepare_hot(s, err) || store_id_array(&ids, dossier_ids, n, err))
		goto out;
	vals[0] = ids.data;
	vals[1] = owner;
	vals[2] = store_i64(secs, lease_seconds);
	res = store_exec_prepared(s, "sohoa_claim", 3, vals, PGRES_TUPLES_OK, "cannot claim a page",
	                          err);
	if (!res)
		goto out;
	if (PQntuples(res) == 1) {
		job->page_id = store_get_i64(res, 0, 0);
		job->dossier_id = store_get_i64(res, 0, 1);
		job->number = store_get_int(res, 0, 2);
		job->source_index = store_get_int(res, 0, 3);
		job->source_path = core_strdup(PQgetvalue(res, 0, 4));
		job->dossier_code = core_strdup(PQgetvalue(res, 0, 5));
		if (!job->source_path || !job->dossier_code) {
			store_job_clear(job);
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		*got = true;
	}
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&ids);
	return rc;
}

static int store_copy_flush(store *s, core_buf *b, core_err *err)
{
	if (b->len == 0)
		return 0;
	if (PQputCopyData(s->conn, b->data, (int)b->len) != 1)
		return store_db_error(s, NULL, "cannot store the words", err);
	core_buf_reset(b);
	return 0;
}

/* Words by COPY: one round trip for a page of thousands of words.
 * Runs with the C numeric locale in effect (see store_page_finish). */
static int store_copy_words(store *s, int64_t page_id, const store_word *w, int n, core_err *err)
{
	PGresult *res = NULL;
	core_buf b;
	bool copying = false;
	int rc = -1;

	core_buf_init(&b, STORE_COPY_MAX);
	res = PQexec(s->conn, "COPY words (page_id, idx, text, conf, x0, y0, x1, y1, block, line,"
	                      " tone_gap) FROM STDIN");
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		store_db_error(s, res, "cannot store the words", err);
		goto out;
	}
	copying = true;
	PQclear(res);
	res = NULL;
	for (int i = 0; i < n; i++) {
		if (core_buf_printf(&b, err, "%" PRId64 "\t%d\t", page_id, i) ||
		    store_copy_escape(&b, w[i].text ? w[i].text : "", err) ||
		    core_buf_printf(&b, err, "\t%.9g\t%d\t%d\t%d\t%d\t%d\t%d\t", (double)w[i].conf,
		                    w[i].x0, w[i].y0, w[i].x1, w[i].y1, w[i].block, w[i].line) ||
		    (w[i].tone_rival ? core_buf_printf(&b, err, "%.9g\n", (double)w[i].tone_gap)
		                     : core_buf_puts(&b, "\\N\n", err)))
			goto out;
		if (b.len >= STORE_COPY_CHUNK && store_copy_flush(s, &b, err))
			goto out;
	}
	if (store_copy_flush(s, &b, err))
		goto out;
	copying = false;
	if (PQputCopyEnd(s->conn, NULL) != 1) {
		store_db_error(s, NULL, "cannot store the words", err);
		goto out;
	}
	res = PQgetResult(s->conn);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		store_db_error(s, res, "cannot store the words", err);
		goto out;
	}
	rc = 0;
out:
	if (copying && PQputCopyEnd(s->conn, "client error") != 1)
		store_db_error(s, NULL, "cannot store the words", err);
	PQclear(res);
	/* The connection takes no new command until every result of the
	 * COPY has been read. */
	while ((res = PQgetResult(s->conn)) != NULL)
		PQclear(res);
	core_buf_free(&b);
	return rc;
}

/* Inside a transaction: row-locks the page if `owner` still holds it. */
static int store_check_lease(store *s, const char *page, const char *owner, core_err *err)
{
	const char *vals[2] = {page, owner};
	PGresult *res;
	int rc = -1;

	res = store_exec_prepared(s, "sohoa_lease", 2, vals, PGRES_TUPLES_OK,
	                          "cannot check the page lease", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		rc = 0;
	} else {
		core_err_set(err, CORE_ELEASE, "page lease lost");
		core_err_detail(err, "page %s", page);
	}
	PQclear(res);
	return rc;
}

static int store_dossier_done(store *s, const char *dossier, core_err *err)
{
	const char *vals[1] = {dossier};
	PGresult *res;

	res = store_exec_prepared(s, "sohoa_dossier_done", 1, vals, PGRES_COMMAND_OK,
	                          "cannot record the dossier", err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

int store_page_finish(store *s, const store_job *job, const char *owner, const store_page_result *r,
                      core_err *err)
{
	char page[STORE_NUM_LEN], dossier[STORE_NUM_LEN], run[STORE_NUM_LEN];
	char num[12][STORE_NUM_LEN];
	const char *vals[22] = {NULL};
	double t0 = core_now();
	locale_t old = (locale_t)0;
	PGresult *res = NULL;
	bool failed, decoded;
	int rc = -1;

	if (!job || !owner || !r || r->n_words < 0 || (r->n_words > 0 && !r->words) ||
	    (r->status != STORE_PAGE_DONE && r->status != STORE_PAGE_FAILED &&
	     r->status != STORE_PAGE_BLANK))
		return core_err_set(err, CORE_EARG, "bad page result");
	old = uselocale(s->c_locale);
	failed = r->status == STORE_PAGE_FAILED;
	decoded = r->width > 0 && r->height > 0;
	store_i64(page, job->page_id);
	store_i64(dossier, job->dossier_id);
	if (store_prepare_hot(s, err) || store_begin(s, err))
		goto out;
	if (store_check_lease(s, page, owner, err))
		goto out;
	if (r->n_words > 0 && store_copy_words(s, job->page_id, r->words, r->n_words, err))
		goto out;
	vals[0] = page;
	vals[1] = store_page_status_name(r->status);
	if (failed) {
		vals[2] = core_code_name(r->fail_code != CORE_OK ? r->fail_code : CORE_EINTERNAL);
		vals[3] = r->fail_reason;
	} else {
		vals[4] = r->text;
		/* A blank page was never recognized: no confidence. */
		if (r->status == STORE_PAGE_DONE)
			vals[5] = store_dbl(s, num[0], r->confidence);
		vals[12] = r->ocr_config;
		vals[13] = store_i64(num[1], r->n_words);
	}
	if (decoded) {
		vals[6] = r->pixel_sha256;
		vals[7] = store_i64(num[2], r->width);
		vals[8] = store_i64(num[3], r->height);
		vals[9] = r->dpi > 0 ? store_i64(num[4], r->dpi) : NULL;
		vals[10] = r->dpi > 0 ? (r->dpi_assumed ? "true" : "false") : NULL;
		vals[11] = store_dbl(s, num[5], r->ink_ratio);
		vals[19] = r->rotation >= 0 ? store_i64(num[10], r->rotation) : NULL;
		vals[20] = r->skew_checked ? store_dbl(s, num[11], r->skew_angle) : NULL;
		/* NULL: no step looked at the page (blank, text layer, failed load). */
		vals[21] = r->preprocess_steps;
	}
	vals[14] = store_dbl(s, num[6], r->load_s * 1000.0);
	vals[15] = store_dbl(s, num[7], r->preprocess_s * 1000.0);
	vals[16] = store_dbl(s, num[8], r->ocr_s * 1000.0);
	vals[18] = r->run_id > 0 ? store_i64(run, r->run_id) : NULL;
	/* Store time so far: everything but this update and the commit. */
	vals[17] = store_dbl(s, num[9], (core_now() - t0) * 1000.0);
	res = store_exec_prepared(s, "sohoa_finish", 22, vals, PGRES_COMMAND_OK,
	                          "cannot store the page result", err);
	if (!res)
		goto out;
	if (!store_affected_one(res)) {
		core_err_set(err, CORE_ELEASE, "page lease lost");
		core_err_detail(err, "page %s", page);
		goto out;
	}
	if (store_dossier_done(s, dossier, err) || store_commit(s, err))
		goto out;
	rc = 0;
out:
	PQclear(res);
	if (rc)
		store_rollback(s);
	if (old != (locale_t)0)
		uselocale(old);
	return rc;
}

int store_page_reuse(store *s, const store_job *job, const char *owner, int64_t run_id,
                     const char *pixel_sha256, const char *ocr_config, int width, int height,
                     int dpi, bool dpi_assumed, double load_s, bool *reused, core_err *err)
{
	char page[STORE_NUM_LEN], src[STORE_NUM_LEN], dossier[STORE_NUM_LEN];
	char num[5][STORE_NUM_LEN];
	const char *vals[11] = {NULL};
	PGresult *res = NULL;
	int rc = -1;

	*reused = false;
	if (!job || !owner)
		return core_err_set(err, CORE_EARG, "bad reuse request");
	if (!pixel_sha256 || !pixel_sha256[0] || !ocr_config || !ocr_config[0])
		return 0;
	store_i64(page, job->page_id);
	store_i64(dossier, job->dossier_id);
	if (store_prepare_hot(s, err))
		goto out;
	/* Most pages are new: the common path is this one lookup, outside
	 * any transaction. */
	vals[0] = pixel_sha256;
	vals[1] = ocr_config;
	vals[2] = page;
	res = store_exec_prepared(s, "sohoa_reuse_find", 3, vals, PGRES_TUPLES_OK,
	                          "cannot look for an identical page", err);
	if (!res)
		goto out;
	if (PQntuples(res) == 0) {
		rc = 0;
		goto out;
	}
	core_strlcpy(src, PQgetvalue(res, 0, 0), sizeof(src));
	PQclear(res);
	res = NULL;
	if (store_begin(s, err) || store_check_lease(s, page, owner, err))
		goto out;
	vals[0] = page;
	vals[1] = src;
	vals[2] = pixel_sha256;
	vals[3] = ocr_config;
	vals[4] = width > 0 ? store_i64(num[0], width) : NULL;
	vals[5] = height > 0 ? store_i64(num[1], height) : NULL;
	vals[6] = dpi > 0 ? store_i64(num[2], dpi) : NULL;
	vals[7] = dpi > 0 ? (dpi_assumed ? "true" : "false") : NULL;
	vals[8] = store_dbl(s, num[3], load_s * 1000.0);
	vals[9] = run_id > 0 ? store_i64(num[4], run_id) : NULL;
	/* The source is key-share locked so it cannot vanish before its
	 * words are copied; the dossier lock is the one of finish. */
	res = store_exec(
	    s,
	    "WITH d AS (SELECT id FROM dossiers"
	    "           WHERE id = (SELECT dossier_id FROM pages WHERE id = $1::bigint)"
	    "           FOR NO KEY UPDATE),"
	    " src AS (SELECT id, text, confidence, word_count, ink_ratio, rotation, skew_angle,"
	    "                preprocess_steps"
	    "         FROM pages"
	    "         WHERE id = $2::bigint AND status = 'done' FOR KEY SHARE)"
	    " UPDATE pages p SET status = 'done', text = src.text, confidence = src.confidence,"
	    "  word_count = src.word_count, ink_ratio = src.ink_ratio, reused_from = src.id,"
	    "  rotation = src.rotation, skew_angle = src.skew_angle,"
	    "  preprocess_steps = src.preprocess_steps,"
	    "  pixel_sha256 = $3, ocr_config = $4, width = $5, height = $6, dpi = $7,"
	    "  dpi_assumed = $8, load_ms = $9, preprocess_ms = NULL, ocr_ms = NULL,"
	    "  store_ms = NULL, run_id = $10, failure_code = NULL, failure_reason = NULL,"
	    "  processed_at = now(), lease_owner = NULL, lease_pid = NULL,"
	    "  lease_backend_start = NULL, lease_until = NULL"
	    " FROM d, src WHERE p.id = $1::bigint AND p.dossier_id = d.id",
	    10, vals, PGRES_COMMAND_OK, "cannot reuse an identical page", err);
	if (!res)
		goto out;
	if (!store_affected_one(res)) {
		/* The source was deleted meanwhile: OCR it after all. */
		store_rollback(s);
		rc = 0;
		goto out;
	}
	PQclear(res);
	res =
	    store_exec(s,
	               "INSERT INTO words (page_id, idx, text, conf, x0, y0, x1, y1, block, line,"
	               " tone_gap)"
	               " SELECT $1::bigint, idx, text, conf, x0, y0, x1, y1, block, line, tone_gap"
	               " FROM words WHERE page_id = $2::bigint",
	               2, vals, PGRES_COMMAND_OK, "cannot reuse an identical page", err);
	if (!res)
		goto out;
	if (store_dossier_done(s, dossier, err) || store_commit(s, err))
		goto out;
	*reused = true;
	rc = 0;
out:
	PQclear(res);
	if (rc)
		store_rollback(s);
	return rc;
}
