/*
 * store_bulk.c - bulk loading: COPY into the tables of migrations 1 and 2
 * with ids chosen by the loader, then the sequences and statistics.
 *
 * Every statement is a constant of the table below: the caller names a
 * table, never SQL.  Rows go out in COPY text format, buffered and sent
 * in chunks of about STORE_BULK_CHUNK bytes.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Large enough that PQputCopyData is not a per-row cost, small enough
 * that the server starts on the rows while the next chunk is built. */
#define STORE_BULK_CHUNK (256u << 10)
/* One row may not exceed this (a page's text is a few KB). */
#define STORE_BULK_ROW_MAX (8u << 20)

#define STORE_BULK_SEQ(t) "pg_get_serial_sequence('" t "', 'id')::regclass"
/* Past max(id) and past the sequence's own value, which may be ahead of
 * it (rows deleted, a reservation not used). */
#define STORE_BULK_LAST(t)                                                                         \
	"greatest((SELECT coalesce(max(id), 0) FROM " t "),"                                       \
	" coalesce(pg_sequence_last_value(" STORE_BULK_SEQ(t) "), 0))"
/* The sequence is moved past the range and never backwards, so that a
 * concurrent writer or loader cannot be handed an id in it. */
#define STORE_BULK_RESERVE(t)                                                                      \
	"SELECT setval(" STORE_BULK_SEQ(t) ", " STORE_BULK_LAST(t) " + $1::bigint)"
/* The sequence's value once rows were added with explicit ids. */
#define STORE_BULK_M(t) "(SELECT " STORE_BULK_LAST(t) " AS m) AS last"
#define STORE_BULK_SETVAL(t)                                                                       \
	"SELECT setval(" STORE_BULK_SEQ(t) ", greatest(m, 1), m > 0) FROM " STORE_BULK_M(t)

typedef struct store_copy_def {
	const char *name;
	int width;
	const char *copy;
	/* NULL for a table without a serial id. */
	const char *lock;
	const char *reserve;
	const char *setval;
	const char *vacuum;
	const char *analyze;
	const char *size;
} store_copy_def;

static const store_copy_def store_copy_defs[STORE_COPY_N_TABLES] = {
    [STORE_COPY_RUNS] = {"runs", 12,
                         "COPY runs (id, started_at, finished_at, host, pid, options, pages_total,"
                         " pages_done, pages_failed, pages_blank, pages_earlier, summary)"
                         " FROM STDIN",
                         "LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE", STORE_BULK_RESERVE("runs"),
                         STORE_BULK_SETVAL("runs"), "VACUUM (ANALYZE) runs", "ANALYZE runs",
                         "SELECT pg_total_relation_size('runs')"},
    [STORE_COPY_SUBJECTS] = {"subjects", 5,
                             "COPY subjects (id, kind, key, display_name, created_at) FROM STDIN",
                             "LOCK TABLE subjects IN SHARE ROW EXCLUSIVE MODE",
                             STORE_BULK_RESERVE("subjects"), STORE_BULK_SETVAL("subjects"),
                             "VACUUM (ANALYZE) subjects", "ANALYZE subjects",
                             "SELECT pg_total_relation_size('subjects')"},
    [STORE_COPY_DOSSIERS] = {"dossiers", 12,
                             "COPY dossiers (id, code, source_path, source_sha256, kind, format,"
                             " size_bytes, page_count, received_at, processed_at, first_run_id,"
                             " classified_at) FROM STDIN",
                             "LOCK TABLE dossiers IN SHARE ROW EXCLUSIVE MODE",
                             STORE_BULK_RESERVE("dossiers"), STORE_BULK_SETVAL("dossiers"),
                             "VACUUM (ANALYZE) dossiers", "ANALYZE dossiers",
                             "SELECT pg_total_relation_size('dossiers')"},
    [STORE_COPY_PAGES] = {"pages", 23,
                          "COPY pages (id, dossier_id, number, source_path, source_index, status,"
                          " text, confidence, pixel_sha256, width, height, dpi, dpi_assumed,"
                          " ink_ratio, ocr_config, word_count, load_ms, preprocess_ms, ocr_ms,"
                          " store_ms, run_id, processed_at, attempts) FROM STDIN",
                          "LOCK TABLE pages IN SHARE ROW EXCLUSIVE MODE",
                          STORE_BULK_RESERVE("pages"), STORE_BULK_SETVAL("pages"),
                          "VACUUM (ANALYZE) pages", "ANALYZE pages",
                          "SELECT pg_total_relation_size('pages')"},
    [STORE_COPY_DOCUMENTS] = {"documents", 10,
                              "COPY documents (id, dossier_id, type, first_page, last_page,"
                              " confidence, model_version, definitions_version, run_id,"
                              " created_at) FROM STDIN",
                              "LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE",
                              STORE_BULK_RESERVE("documents"), STORE_BULK_SETVAL("documents"),
                              "VACUUM (ANALYZE) documents", "ANALYZE documents",
                              "SELECT pg_total_relation_size('documents')"},
    [STORE_COPY_FIELDS] = {"fields", 18,
                           "COPY fields (id, document_id, name, raw_text, value, confidence, page,"
                           " x0, y0, x1, y1, validators, status, verified_by, verified_at,"
                           " model_version, definitions_version, extracted_at) FROM STDIN",
                           "LOCK TABLE fields IN SHARE ROW EXCLUSIVE MODE",
                           STORE_BULK_RESERVE("fields"), STORE_BULK_SETVAL("fields"),
                           "VACUUM (ANALYZE) fields", "ANALYZE fields",
                           "SELECT pg_total_relation_size('fields')"},
    [STORE_COPY_DOCUMENT_SUBJECTS] = {"document_subjects", 3,
                                      "COPY document_subjects (document_id, subject_id, role)"
                                      " FROM STDIN",
                                      NULL, NULL, NULL, "VACUUM (ANALYZE) document_subjects",
                                      "ANALYZE document_subjects",
                                      "SELECT pg_total_relation_size('document_subjects')"},
};

struct store_copy {
	store *s;
	const store_copy_def *def;
	core_buf buf;
	int64_t rows;
};

/* "cannot reserve ids in fields": errors name their table. */
#define STORE_BULK_WHAT 96
static void store_bulk_what(char what[STORE_BULK_WHAT], const char *verb, const store_copy_def *d)
{
	snprintf(what, STORE_BULK_WHAT, "%s %s", verb, d->name);
}

static const store_copy_def *store_copy_def_of(store_copy_table t)
{
	if ((int)t < 0 || t >= STORE_COPY_N_TABLES)
		return NULL;
	return &store_copy_defs[t];
}

const char *store_copy_table_name(store_copy_table t)
{
	const store_copy_def *d = store_copy_def_of(t);

	return d ? d->name : "?";
}

int store_copy_table_width(store_copy_table t)
{
	const store_copy_def *d = store_copy_def_of(t);

	return d ? d->width : 0;
}

int store_bulk_session(store *s, bool synchronous_commit, core_err *err)
{
	return store_exec_cmd(
	    s, synchronous_commit ? "SET synchronous_commit = on" : "SET synchronous_commit = off",
	    "cannot configure the loading session", err);
}

int store_bulk_begin(store *s, core_err *err)
{
	return store_begin(s, err);
}

int store_bulk_commit(store *s, core_err *err)
{
	return store_commit(s, err);
}

void store_bulk_rollback(store *s)
{
	store_rollback(s);
}

int store_bulk_reserve(store *s, store_copy_table t, int64_t count, int64_t *first, core_err *err)
{
	const store_copy_def *d = store_copy_def_of(t);
	char nbuf[STORE_NUM_LEN], what[STORE_BULK_WHAT];
	const char *vals[1];
	PGresult *res = NULL;
	int rc = -1;

	*first = 0;
	if (count == 0 && d && d->reserve)
		return 0;
	if (!d || !d->reserve || count < 0) {
		core_err_set(err, CORE_EARG, "cannot reserve ids");
		core_err_detail(err, "table %s, %lld ids", d ? d->name : "?", (long long)count);
		return -1;
	}
	store_bulk_what(what, "cannot reserve ids in", d);
	if (store_begin(s, err))
		goto out;
	/* Waits for writers in flight, whose ids are then in max(id) or in
	 * the sequence, and keeps new ones out until the commit. */
	if (store_exec_cmd(s, d->lock, what, err))
		goto out;
	vals[0] = store_i64(nbuf, count);
	res = store_exec(s, d->reserve, 1, vals, PGRES_TUPLES_OK, what, err);
	if (!res)
		goto out;
	if (store_commit(s, err))
		goto out;
	*first = store_get_i64(res, 0, 0) - count + 1;
	rc = 0;
out:
	PQclear(res);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_copy_begin(store *s, store_copy_table t, store_copy **out, core_err *err)
{
	const store_copy_def *d = store_copy_def_of(t);
	char what[STORE_BULK_WHAT];
	PGresult *res = NULL;
	store_copy *c = NULL;
	int rc = -1;

	*out = NULL;
	if (!d)
		return core_err_set(err, CORE_EARG, "no such table to copy into");
	c = calloc(1, sizeof(*c));
	if (!c) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	c->s = s;
	c->def = d;
	core_buf_init(&c->buf, STORE_BULK_CHUNK + STORE_BULK_ROW_MAX);
	res = PQexec(s->conn, d->copy);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		store_bulk_what(what, "cannot start a copy into", d);
		store_db_error(s, res, what, err);
		goto out;
	}
	*out = c;
	c = NULL;
	rc = 0;
out:
	PQclear(res);
	if (c) {
		core_buf_free(&c->buf);
		free(c);
	}
	return rc;
}

/* Text format: backslash, tab, newline and CR would end a field or a
 * row; everything else goes through as is, in runs. */
int store_copy_escape(core_buf *b, const char *t, core_err *err)
{
	const char *run = t;

	for (const char *p = t;; p++) {
		const char *esc;
		switch (*p) {
		case '\\':
			esc = "\\\\";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\0':
			return core_buf_append(b, run, (size_t)(p - run), err);
		default:
			continue;
		}
		if (core_buf_append(b, run, (size_t)(p - run), err) ||
		    core_buf_append(b, esc, 2, err))
			return -1;
		run = p + 1;
	}
}

static int store_copy_flush(store_copy *c, core_err *err)
{
	char what[STORE_BULK_WHAT];

	if (c->buf.len == 0)
		return 0;
	if (PQputCopyData(c->s->conn, c->buf.data, (int)c->buf.len) != 1) {
		store_bulk_what(what, "cannot send rows to", c->def);
		store_db_error(c->s, NULL, what, err);
		return -1;
	}
	core_buf_reset(&c->buf);
	return 0;
}

int store_copy_row(store_copy *c, const char *const *fields, int n, core_err *err)
{
	size_t start = c->buf.len;

	if (n != c->def->width) {
		core_err_set(err, CORE_EARG, "wrong number of columns for a copy row");
		core_err_detail(err, "table %s takes %d, got %d", c->def->name, c->def->width, n);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (i && core_buf_append(&c->buf, "\t", 1, err))
			goto fail;
		if (!fields[i] ? core_buf_append(&c->buf, "\\N", 2, err)
		               : store_copy_escape(&c->buf, fields[i], err))
			goto fail;
	}
	if (core_buf_append(&c->buf, "\n", 1, err))
		goto fail;
	if (c->buf.len - start > STORE_BULK_ROW_MAX) {
		core_err_set(err, CORE_ELIMIT, "copy row too large");
		core_err_detail(err, "table %s, %zu bytes", c->def->name, c->buf.len - start);
		goto fail;
	}
	c->rows++;
	if (c->buf.len >= STORE_BULK_CHUNK)
		return store_copy_flush(c, err);
	return 0;
fail:
	/* Half a row must never reach the server. */
	c->buf.len = start;
	if (c->buf.data)
		c->buf.data[start] = '\0';
	core_err_detail(err, "table %s", c->def->name);
	return -1;
}

int64_t store_copy_rows(const store_copy *c)
{
	return c ? c->rows : 0;
}

/* Reads every remaining result: the connection takes no new command
 * before. */
static void store_copy_drain(store *s)
{
	PGresult *res;

	while ((res = PQgetResult(s->conn)) != NULL)
		PQclear(res);
}

static void store_copy_free(store_copy *c)
{
	core_buf_free(&c->buf);
	free(c);
}

int store_copy_end(store_copy **pc, int64_t *rows, core_err *err)
{
	store_copy *c = pc ? *pc : NULL;
	PGresult *res = NULL;
	char what[STORE_BULK_WHAT];
	bool ended = false;
	int rc = -1;

	if (rows)
		*rows = 0;
	if (!c)
		return core_err_set(err, CORE_EARG, "no copy in progress");
	*pc = NULL;
	if (store_copy_flush(c, err))
		goto out;
	ended = true;
	if (PQputCopyEnd(c->s->conn, NULL) != 1) {
		store_bulk_what(what, "cannot end the copy into", c->def);
		store_db_error(c->s, NULL, what, err);
		goto out;
	}
	res = PQgetResult(c->s->conn);
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
		/* Constraint violations surface here, for the whole COPY. */
		store_bulk_what(what, "cannot copy into", c->def);
		store_db_error(c->s, res, what, err);
		goto out;
	}
	if (rows)
		*rows = (int64_t)strtoll(PQcmdTuples(res), NULL, 10);
	rc = 0;
out:
	if (!ended)
		(void)PQputCopyEnd(c->s->conn, "client error");
	PQclear(res);
	store_copy_drain(c->s);
	store_copy_free(c);
	return rc;
}

void store_copy_abort(store_copy **pc)
{
	store_copy *c = pc ? *pc : NULL;

	if (!c)
		return;
	*pc = NULL;
	/* The server rolls the COPY back; nothing of it stays. */
	(void)PQputCopyEnd(c->s->conn, "aborted by the client");
	store_copy_drain(c->s);
	store_copy_free(c);
}

int store_bulk_finish(store *s, bool vacuum, core_err *err)
{
	char what[STORE_BULK_WHAT];
	PGresult *res = NULL;
	int rc = -1;

	for (int t = 0; t < STORE_COPY_N_TABLES; t++) {
		const store_copy_def *d = &store_copy_defs[t];
		if (d->setval) {
			store_bulk_what(what, "cannot advance the id sequence of", d);
			res = store_exec(s, d->setval, 0, NULL, PGRES_TUPLES_OK, what, err);
			if (!res)
				goto out;
			PQclear(res);
			res = NULL;
		}
		/* VACUUM sets the visibility map, without which the reads that
		 * follow a load cannot use index-only scans, and hint bits,
		 * which the first readers would otherwise write. */
		store_bulk_what(what, vacuum ? "cannot vacuum" : "cannot analyze", d);
		if (store_exec_cmd(s, vacuum ? d->vacuum : d->analyze, what, err))
			goto out;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_bulk_table_size(store *s, store_copy_table t, int64_t *bytes, core_err *err)
{
	const store_copy_def *d = store_copy_def_of(t);
	char what[STORE_BULK_WHAT];
	PGresult *res;

	*bytes = 0;
	if (!d)
		return core_err_set(err, CORE_EARG, "no such table");
	store_bulk_what(what, "cannot read the size of", d);
	res = store_exec(s, d->size, 0, NULL, PGRES_TUPLES_OK, what, err);
	if (!res)
		return -1;
	*bytes = store_get_i64(res, 0, 0);
	PQclear(res);
	return 0;
}

int store_database_size(store *s, int64_t *bytes, core_err *err)
{
	PGresult *res;

	*bytes = 0;
	res = store_exec(s, "SELECT pg_database_size(current_database())", 0, NULL, PGRES_TUPLES_OK,
	                 "cannot read the database size", err);
	if (!res)
		return -1;
	*bytes = store_get_i64(res, 0, 0);
	PQclear(res);
	return 0;
}
