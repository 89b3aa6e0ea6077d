/* store_read.c - reading results back: counts, page text, the dossier listing. */
#include "store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_IDS_MAX (32u << 20)
/* Characters of a text line shown by `sohoa show`. */
#define STORE_SHOW_CHARS "60"

int store_count_pages(store *s, const int64_t *dossier_ids, int n, int64_t run_id,
                      store_counts *out, core_err *err)
{
	char run[STORE_NUM_LEN];
	const char *vals[2];
	PGresult *res = NULL;
	core_buf ids;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	core_buf_init(&ids, STORE_IDS_MAX);
	if (store_id_array(&ids, dossier_ids, n, err))
		goto out;
	vals[0] = ids.data;
	vals[1] = store_i64(run, run_id);
	res = store_exec(s,
	                 "SELECT count(*),"
	                 "  count(*) FILTER (WHERE status = 'pending'),"
	                 "  count(*) FILTER (WHERE status = 'done' AND run_id = $2::bigint),"
	                 "  count(*) FILTER (WHERE status = 'failed' AND run_id = $2::bigint),"
	                 "  count(*) FILTER (WHERE status = 'blank' AND run_id = $2::bigint),"
	                 "  count(*) FILTER (WHERE status <> 'pending'"
	                 "                   AND run_id IS DISTINCT FROM $2::bigint),"
	                 "  count(*) FILTER (WHERE status = 'failed')"
	                 " FROM pages WHERE dossier_id = ANY($1::bigint[])",
	                 2, vals, PGRES_TUPLES_OK, "cannot count the pages", err);
	if (!res)
		goto out;
	out->total = store_get_i64(res, 0, 0);
	out->pending = store_get_i64(res, 0, 1);
	out->done = store_get_i64(res, 0, 2);
	out->failed = store_get_i64(res, 0, 3);
	out->blank = store_get_i64(res, 0, 4);
	out->earlier = store_get_i64(res, 0, 5);
	out->failed_all = store_get_i64(res, 0, 6);
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&ids);
	return rc;
}

int store_pages_failed_before(store *s, const int64_t *dossier_ids, int n, int64_t run_id,
                              int limit, store_failed_cb cb, void *ctx, int64_t *total,
                              core_err *err)
{
	char run[STORE_NUM_LEN], lim[STORE_NUM_LEN];
	const char *vals[3];
	PGresult *res = NULL;
	core_buf ids;
	int rc = -1;

	*total = 0;
	core_buf_init(&ids, STORE_IDS_MAX);
	if (limit <= 0 || n <= 0)
		return 0;
	if (store_id_array(&ids, dossier_ids, n, err))
		goto out;
	vals[0] = ids.data;
	vals[1] = store_i64(run, run_id);
	vals[2] = store_i64(lim, limit);
	res = store_exec(s,
	                 "SELECT d.code, p.number, coalesce(p.failure_code, ''),"
	                 "  coalesce(p.failure_reason, ''), count(*) OVER ()"
	                 " FROM pages p JOIN dossiers d ON d.id = p.dossier_id"
	                 " WHERE p.dossier_id = ANY($1::bigint[]) AND p.status = 'failed'"
	                 "  AND p.run_id IS DISTINCT FROM $2::bigint"
	                 " ORDER BY d.code COLLATE \"C\", p.number LIMIT $3::int",
	                 3, vals, PGRES_TUPLES_OK, "cannot list the failed pages", err);
	if (!res)
		goto out;
	if (PQntuples(res) > 0)
		*total = store_get_i64(res, 0, 4);
	for (int i = 0; i < PQntuples(res); i++)
		cb(ctx, PQgetvalue(res, i, 0), store_get_int(res, i, 1), PQgetvalue(res, i, 2),
		   PQgetvalue(res, i, 3));
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&ids);
	return rc;
}

static store_page_status store_status_parse(const char *v)
{
	if (strcmp(v, "done") == 0)
		return STORE_PAGE_DONE;
	if (strcmp(v, "failed") == 0)
		return STORE_PAGE_FAILED;
	if (strcmp(v, "blank") == 0)
		return STORE_PAGE_BLANK;
	return STORE_PAGE_PENDING;
}

int store_page_text(store *s, int64_t dossier_id, int number, char **text,
                    store_page_status *status, core_err *err)
{
	char num[2][STORE_NUM_LEN];
	const char *vals[2];
	PGresult *res = NULL;
	int rc = -1;

	*text = NULL;
	*status = STORE_PAGE_PENDING;
	vals[0] = store_i64(num[0], dossier_id);
	vals[1] = store_i64(num[1], number);
	res = store_exec(s, "SELECT status, text FROM pages WHERE dossier_id = $1 AND number = $2",
	                 2, vals, PGRES_TUPLES_OK, "cannot read the page", err);
	if (!res)
		goto out;
	if (PQntuples(res) != 1) {
		core_err_set(err, CORE_EARG, "no such page");
		core_err_detail(err, "dossier %" PRId64 " page %d", dossier_id, number);
		goto out;
	}
	*status = store_status_parse(PQgetvalue(res, 0, 0));
	if (!PQgetisnull(res, 0, 1)) {
		*text = core_strdup(PQgetvalue(res, 0, 1));
		if (!*text) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

/*
 * The server cuts the shown line: it counts characters, not bytes, so
 * Vietnamese text is never split inside a letter.  Tabs and line breaks
 * would break the table.
 */
static const char store_sql_show_pages[] =
    "SELECT number, status, conf, words, left(line, " STORE_SHOW_CHARS "),"
    "  length(line) > " STORE_SHOW_CHARS " FROM (SELECT number, status,"
    "   coalesce(round(confidence::numeric, 1)::text, '-') AS conf,"
    "   coalesce(word_count::text, '-') AS words,"
    "   translate(rtrim(CASE WHEN status = 'failed'"
    "     THEN '[' || coalesce(failure_code, '?') || '] ' || coalesce(failure_reason, '')"
    "     ELSE coalesce((regexp_match(text, '^\\s*([^\\n]*)'))[1], '') END),"
    "     E'\\t\\r\\n', '   ') AS line"
    "  FROM pages WHERE dossier_id = $1::bigint) p"
    " ORDER BY number";

static const char store_sql_show_dossier[] =
    "SELECT id, kind, coalesce(format, '?'), coalesce(page_count::text, '?'),"
    "  left(source_sha256, 12),"
    "  coalesce(to_char(processed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''),"
    "  (SELECT count(*) FROM dossiers v WHERE v.code = $1)"
    " FROM dossiers WHERE code = $1 ORDER BY id DESC LIMIT 1";

static int store_print_pages(store *s, const char *dossier, FILE *f, core_err *err)
{
	const char *vals[1] = {dossier};
	PGresult *res = NULL;
	int rc = -1;

	res = store_exec(s, store_sql_show_pages, 1, vals, PGRES_TUPLES_OK, "cannot list the pages",
	                 err);
	if (!res)
		goto out;
	fprintf(f, "%5s  %-7s  %5s  %6s  %s\n", "page", "status", "conf", "words",
	        "text or reason");
	for (int i = 0; i < PQntuples(res); i++) {
		const char *line = PQgetvalue(res, i, 4);
		fprintf(f, "%5s  %-7s  %5s  %6s%s%s%s\n", PQgetvalue(res, i, 0),
		        PQgetvalue(res, i, 1), PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
		        line[0] ? "  " : "", line, PQgetvalue(res, i, 5)[0] == 't' ? "..." : "");
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_dossier_print(store *s, const char *code, void *file, core_err *err)
{
	FILE *f = file;
	const char *vals[1];
	PGresult *res = NULL;
	int64_t versions;
	int rc = -1;

	if (!code || !f)
		return core_err_set(err, CORE_EARG, "dossier code and output needed");
	vals[0] = code;
	res = store_exec(s, store_sql_show_dossier, 1, vals, PGRES_TUPLES_OK,
	                 "cannot read the dossier", err);
	if (!res)
		goto out;
	if (PQntuples(res) != 1) {
		core_err_set(err, CORE_EARG, "no such dossier");
		core_err_detail(err, "%s", code);
		goto out;
	}
	versions = store_get_i64(res, 0, 6);
	fprintf(f, "dossier %s  kind %s  format %s  pages %s  sha256 %s  %s%s", code,
	        PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3),
	        PQgetvalue(res, 0, 4), PQgetvalue(res, 0, 5)[0] ? "processed " : "in progress",
	        PQgetvalue(res, 0, 5));
	/* Several inputs with this code: say which one is shown. */
	if (versions > 1)
		fprintf(f, "  (newest of %" PRId64 " versions)", versions);
	fputc('\n', f);
	if (store_print_pages(s, PQgetvalue(res, 0, 0), f, err))
		goto out;
	if (fflush(f) != 0 || ferror(f)) {
		core_err_set(err, CORE_EIO, "cannot write the listing");
		goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

typedef struct store_page_walk {
	store_page_cb cb;
	void *ctx;
} store_page_walk;

static int store_page_row(void *vctx, const PGresult *row, core_err *err)
{
	const store_page_walk *w = vctx;

	return w->cb(w->ctx, PQgetvalue(row, 0, 0), store_get_int(row, 0, 1),
	             store_status_parse(PQgetvalue(row, 0, 2)),
	             PQgetisnull(row, 0, 3) ? NULL : PQgetvalue(row, 0, 3), err);
}

int store_pages_foreach(store *s, const char *code, store_page_cb cb, void *ctx, core_err *err)
{
	const char *vals[1] = {code};
	store_page_walk w = {cb, ctx};

	return store_exec_stream(s,
	                         "SELECT d.code, p.number, p.status, p.text FROM pages p"
	                         " JOIN (SELECT DISTINCT ON (code) id, code FROM dossiers"
	                         "       WHERE $1::text IS NULL OR code = $1::text"
	                         "       ORDER BY code, id DESC) d ON d.id = p.dossier_id"
	                         " ORDER BY d.code, p.number",
	                         1, vals, "cannot read the pages", store_page_row, &w, err);
}
