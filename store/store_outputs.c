/*
 * store_outputs.c - which archival files a dossier has, and the lock
 * under which they are written.
 *
 * A dossier's outputs are written inside one transaction that holds
 * its row (FOR NO KEY UPDATE SKIP LOCKED): two workers or processes
 * never write the same dossier at once, the second simply skips it.
 * The fingerprint hashes what the files are made from (each page's
 * status, time stored, turn, pixels, words and text), so an unchanged
 * dossier is recognised without reading its words.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define STORE_OUTPUTS_MAX_ROWS 1000000

void store_output_state_clear(store_output_state *st)
{
	if (!st)
		return;
	free(st->code);
	memset(st, 0, sizeof(*st));
}

int store_output_begin(store *s, int64_t dossier_id, const char *writer, bool *got,
                       store_output_state *st, core_err *err)
{
	char id[STORE_NUM_LEN];
	const char *vals[2];
	PGresult *res = NULL;
	int rc = -1;

	*got = false;
	memset(st, 0, sizeof(*st));
	vals[0] = store_i64(id, dossier_id);
	vals[1] = writer;
	if (store_begin(s, err))
		goto out;
	/* Times enter the hash as epoch numbers: text would follow the
	 * session's time zone and date style. */
	res = store_exec(
	    s,
	    "SELECT d.code,"
	    " (SELECT encode(sha256(convert_to($2::text || string_agg(concat_ws('|', p.number,"
	    "    p.status, extract(epoch FROM p.processed_at), p.rotation, p.skew_angle,"
	    "    p.pixel_sha256, p.word_count, md5(coalesce(p.text, ''))), ';' ORDER BY p.number),"
	    "    'UTF8')), 'hex') FROM pages p WHERE p.dossier_id = d.id),"
	    " (SELECT to_char(max(p.processed_at) AT TIME ZONE 'UTC',"
	    "    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pages p WHERE p.dossier_id = d.id),"
	    " (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id),"
	    " (SELECT count(*) FROM pages p WHERE p.dossier_id = d.id AND p.status = 'failed')"
	    " FROM dossiers d WHERE d.id = $1::bigint"
	    " AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = d.id"
	    "                 AND p.status = 'pending')"
	    " FOR NO KEY UPDATE OF d SKIP LOCKED",
	    2, vals, PGRES_TUPLES_OK, "cannot lock the dossier for its outputs", err);
	if (!res)
		goto out;
	if (PQntuples(res) == 1) {
		if (!(st->code = core_strdup(PQgetvalue(res, 0, 0)))) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		core_strlcpy(st->fingerprint, PQgetvalue(res, 0, 1), sizeof(st->fingerprint));
		core_strlcpy(st->date, PQgetvalue(res, 0, 2), sizeof(st->date));
		st->pages = store_get_int(res, 0, 3);
		st->failed = store_get_int(res, 0, 4);
		*got = true;
	}
	rc = 0;
out:
	PQclear(res);
	if (!*got) {
		store_output_state_clear(st);
		store_rollback(s);
	}
	return rc;
}

int store_output_end(store *s, bool commit, core_err *err)
{
	if (commit)
		return store_commit(s, err);
	store_rollback(s);
	return 0;
}

void store_output_rows_free(store_output_row *rows, int n)
{
	for (int i = 0; rows && i < n; i++)
		free(rows[i].path);
	free(rows);
}

int store_outputs_list(store *s, int64_t dossier_id, store_output_row **out, int *n_out,
                       core_err *err)
{
	char id[STORE_NUM_LEN];
	const char *vals[1];
	store_output_row *rows = NULL;
	PGresult *res;
	int n;

	*out = NULL;
	*n_out = 0;
	vals[0] = store_i64(id, dossier_id);
	res = store_exec(s,
	                 "SELECT path, size, sha256, fingerprint FROM outputs"
	                 " WHERE dossier_id = $1::bigint ORDER BY path COLLATE \"C\"",
	                 1, vals, PGRES_TUPLES_OK, "cannot read the outputs", err);
	if (!res)
		return -1;
	n = PQntuples(res);
	if (n > STORE_OUTPUTS_MAX_ROWS) {
		PQclear(res);
		return core_err_set(err, CORE_ELIMIT, "dossier has too many outputs");
	}
	if (!(rows = calloc((size_t)n + 1, sizeof(*rows))))
		goto nomem;
	for (int i = 0; i < n; i++) {
		if (!(rows[i].path = core_strdup(PQgetvalue(res, i, 0)))) {
			store_output_rows_free(rows, i);
			goto nomem;
		}
		rows[i].size = store_get_i64(res, i, 1);
		core_strlcpy(rows[i].sha256, PQgetvalue(res, i, 2), sizeof(rows[i].sha256));
		core_strlcpy(rows[i].fingerprint, PQgetvalue(res, i, 3),
		             sizeof(rows[i].fingerprint));
	}
	PQclear(res);
	*out = rows;
	*n_out = n;
	return 0;
nomem:
	PQclear(res);
	return core_err_set(err, CORE_ENOMEM, "out of memory");
}

int store_output_record(store *s, int64_t dossier_id, const char *kind, int page, const char *path,
                        int64_t size, const char *sha256, const char *fingerprint, bool written,
                        core_err *err)
{
	char id[STORE_NUM_LEN], pg[STORE_NUM_LEN], sz[STORE_NUM_LEN];
	const char *vals[8];
	PGresult *res;

	vals[0] = store_i64(id, dossier_id);
	vals[1] = kind;
	vals[2] = page > 0 ? store_i64(pg, page) : NULL;
	vals[3] = path;
	vals[4] = store_i64(sz, size);
	vals[5] = sha256;
	vals[6] = fingerprint;
	vals[7] = written ? "t" : "f";
	/* The row of a path changes only when something about it did. */
	res = store_exec(
	    s,
	    "INSERT INTO outputs (dossier_id, kind, page, path, size, sha256, fingerprint)"
	    " VALUES ($1::bigint, $2, $3::int, $4, $5::bigint, $6, $7)"
	    " ON CONFLICT (path) DO UPDATE SET dossier_id = EXCLUDED.dossier_id,"
	    "  kind = EXCLUDED.kind, page = EXCLUDED.page, size = EXCLUDED.size,"
	    "  sha256 = EXCLUDED.sha256, fingerprint = EXCLUDED.fingerprint,"
	    "  written_at = CASE WHEN $8::bool THEN now() ELSE outputs.written_at END"
	    " WHERE $8::bool OR (outputs.dossier_id, outputs.size, outputs.sha256,"
	    "  outputs.fingerprint) IS DISTINCT FROM (EXCLUDED.dossier_id,"
	    "  EXCLUDED.size, EXCLUDED.sha256, EXCLUDED.fingerprint)",
	    8, vals, PGRES_COMMAND_OK, "cannot record an output", err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}
