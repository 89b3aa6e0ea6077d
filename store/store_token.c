/*
 * store_token.c - API tokens (stored as SHA-256 hashes only), reuse
 * events, the audit trail read back, and the province KPIs.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const store_scope_names[] = {
    [STORE_SCOPE_READ] = "read",
    [STORE_SCOPE_REUSE] = "reuse",
    [STORE_SCOPE_ADMIN] = "admin",
};

const char *store_scope_name(store_scope sc)
{
	if (sc < STORE_SCOPE_READ || sc > STORE_SCOPE_ADMIN)
		return "none";
	return store_scope_names[sc];
}

int store_scope_parse(const char *name, store_scope *out)
{
	*out = STORE_SCOPE_NONE;
	for (int i = STORE_SCOPE_READ; i <= STORE_SCOPE_ADMIN; i++)
		if (name && strcmp(name, store_scope_names[i]) == 0) {
			*out = (store_scope)i;
			return 0;
		}
	return -1;
}

/* The hash a token is known by; the secret itself is never stored. */
static void store_token_hash(const char *secret, char out[CORE_SHA256_HEX])
{
	core_sha256 *h = core_sha256_new();

	if (!h) {
		out[0] = '\0';
		return;
	}
	core_sha256_update(h, secret, strlen(secret));
	core_sha256_final(&h, out);
}

int store_token_create(store *s, const store_token_spec *spec, int64_t *id,
                       char secret[STORE_TOKEN_LEN], core_err *err)
{
	char a[33], b[33], hash[CORE_SHA256_HEX], prefix[16], rate[STORE_NUM_LEN];
	const char *vals[7];
	PGresult *res = NULL;
	int rc = -1;

	*id = 0;
	secret[0] = '\0';
	/* 256 random bits: no salt or slow hash is needed for a secret
	 * that cannot be guessed. */
	if (core_random_hex(a, err) || core_random_hex(b, err))
		goto out;
	if (core_snprintf(secret, STORE_TOKEN_LEN, err, "sohoa_%s%s", a, b))
		goto out;
	store_token_hash(secret, hash);
	if (!hash[0]) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	core_strlcpy(prefix, secret, 13);
	vals[0] = spec->agency;
	vals[1] = store_scope_name(spec->scope);
	vals[2] = hash;
	vals[3] = prefix;
	vals[4] = spec->rate_limit >= 0 ? store_i64(rate, spec->rate_limit) : NULL;
	vals[5] = spec->note;
	vals[6] = spec->created_by;
	res = store_exec(s,
	                 "INSERT INTO api_tokens (agency, scope, hash, prefix, rate_limit, note,"
	                 " created_by) VALUES ($1, $2, $3, $4, $5::int, $6, $7) RETURNING id",
	                 7, vals, PGRES_TUPLES_OK, "cannot create a token", err);
	if (!res)
		goto out;
	*id = store_get_i64(res, 0, 0);
	rc = 0;
out:
	PQclear(res);
	if (rc)
		secret[0] = '\0';
	return rc;
}

int store_token_revoke(store *s, int64_t id, bool *found, core_err *err)
{
	char num[STORE_NUM_LEN];
	const char *vals[] = {store_i64(num, id)};
	PGresult *res;

	*found = false;
	res = store_exec(s,
	                 "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"
	                 " WHERE id = $1::bigint RETURNING id",
	                 1, vals, PGRES_TUPLES_OK, "cannot revoke a token", err);
	if (!res)
		return -1;
	*found = PQntuples(res) == 1;
	PQclear(res);
	return 0;
}

int store_token_auth(store *s, const char *secret, store_token_info *out, core_err *err)
{
	char hash[CORE_SHA256_HEX];
	const char *vals[] = {hash};
	PGresult *res;

	memset(out, 0, sizeof(*out));
	out->rate_limit = -1;
	store_token_hash(secret, hash);
	if (!hash[0]) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return -1;
	}
	if (!(s->api_prepared & STORE_AUTH_PREPARED)) {
		res = PQprepare(s->conn, "sohoa_api_auth",
		                "SELECT id, agency, scope, rate_limit, revoked_at IS NOT NULL"
		                " FROM api_tokens WHERE hash = $1",
		                1, NULL);
		if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
			store_db_error(s, res, "cannot prepare a statement", err);
			PQclear(res);
			return -1;
		}
		PQclear(res);
		s->api_prepared |= STORE_AUTH_PREPARED;
	}
	res = store_exec_prepared(s, "sohoa_api_auth", 1, vals, PGRES_TUPLES_OK,
	                          "cannot check a token", err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		out->found = true;
		out->id = store_get_i64(res, 0, 0);
		core_strlcpy(out->agency, PQgetvalue(res, 0, 1), sizeof(out->agency));
		store_scope_parse(PQgetvalue(res, 0, 2), &out->scope);
		out->rate_limit = PQgetisnull(res, 0, 3) ? -1 : store_get_int(res, 0, 3);
		out->revoked = PQgetvalue(res, 0, 4)[0] == 't';
	}
	PQclear(res);
	return 0;
}

/* Runs a statement whose single value is JSON text. */
static int store_json_value(store *s, const char *sql, int n, const char *const *vals,
                            const char *what, char **json, core_err *err)
{
	PGresult *res;

	*json = NULL;
	res = store_exec(s, sql, n, vals, PGRES_TUPLES_OK, what, err);
	if (!res)
		return -1;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0)) {
		*json = strdup(PQgetvalue(res, 0, 0));
		if (!*json) {
			PQclear(res);
			return core_err_set(err, CORE_ENOMEM, "out of memory"), -1;
		}
	}
	PQclear(res);
	return 0;
}

int store_token_list(store *s, char **json, core_err *err)
{
	return store_json_value(
	    s,
	    "SELECT coalesce(json_agg(json_build_object('id', id, 'agency', agency,"
	    " 'scope', scope, 'prefix', prefix, 'rate_limit', rate_limit, 'note', note,"
	    " 'created_at', created_at, 'created_by', created_by, 'revoked_at', revoked_at)"
	    " ORDER BY id), '[]'::json)::text FROM api_tokens",
	    0, NULL, "cannot list tokens", json, err);
}

/*
 * $1 token, $2 agency, $3 office, $4 procedure, $5 receiving dossier,
 * $6 subject kind, $7 key, $8 document ids, $9 purpose, $10 actor,
 * $11 endpoint, $12 request id.  The documents must all be linked to
 * the subject; the same event sent twice (a client's retry) is
 * recorded once.  The answer tells whether a subject has records and
 * which documents are its, so the statement writes its audit row in
 * the same statement, whatever the outcome (201, 200, 404 or 422).
 * DO UPDATE rather than DO NOTHING: a retry racing the first request
 * waits for it, and then still gets the event's id back, which a
 * plain SELECT of the statement's older snapshot would not see.
 * xmax is 0 only on a row this statement inserted.
 */
static const char store_sql_reuse[] =
    "WITH sj AS (SELECT id FROM subjects WHERE kind = $6 AND key = $7),"
    " ids AS (SELECT ARRAY(SELECT DISTINCT x FROM unnest($8::bigint[]) x ORDER BY x) AS a),"
    " linked AS (SELECT count(DISTINCT ds.document_id) AS n FROM sj, ids, document_subjects ds"
    "            WHERE ds.subject_id = sj.id AND ds.document_id = ANY (ids.a)),"
    " ins AS (INSERT INTO reuse_events (token_id, agency, office, procedure_code,"
    "                                   receiving_dossier, subject_id, document_ids, purpose)"
    "         SELECT $1::bigint, $2, $3, $4, $5, sj.id, ids.a, $9 FROM sj, ids, linked"
    "         WHERE linked.n = cardinality(ids.a) AND cardinality(ids.a) > 0"
    "         ON CONFLICT (office, procedure_code, receiving_dossier, subject_id, document_ids)"
    "         DO UPDATE SET office = EXCLUDED.office"
    "         RETURNING id, xmax = 0 AS created),"
    " res AS (SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM sj) THEN 404"
    "                     WHEN NOT EXISTS (SELECT 1 FROM ins) THEN 422"
    "                     WHEN (SELECT created FROM ins) THEN 201 ELSE 200 END AS r),"
    " audit_row AS (INSERT INTO audit (token_id, agency, actor, endpoint, purpose, request_id,"
    "                                  subject_keys, document_ids, result)"
    "               SELECT $1::bigint, $2, $10, $11, coalesce($9, $4), $12, ARRAY[$7::text],"
    "                      ids.a, res.r FROM ids, res RETURNING id)"
    " SELECT (SELECT count(*) FROM sj), (SELECT n FROM linked), (SELECT cardinality(a) FROM ids),"
    "        (SELECT id FROM ins), (SELECT created FROM ins), (SELECT id FROM audit_row)";

int store_reuse_record(store *s, const store_reuse_in *in, store_reuse_out *out, core_err *err)
{
	char tok[STORE_NUM_LEN];
	core_buf ids;
	const char *vals[12];
	PGresult *res = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	core_buf_init(&ids, (size_t)in->n_documents * 24 + 16);
	if (store_id_array(&ids, in->document_ids, in->n_documents, err))
		goto out;
	vals[0] = in->token_id > 0 ? store_i64(tok, in->token_id) : NULL;
	vals[1] = in->agency;
	vals[2] = in->office;
	vals[3] = in->procedure_code;
	vals[4] = in->receiving_dossier;
	vals[5] = in->subject_kind;
	vals[6] = in->subject_key;
	vals[7] = ids.data;
	vals[8] = in->purpose;
	vals[9] = in->actor;
	vals[10] = in->endpoint ? in->endpoint : "POST /v1/reuse";
	vals[11] = in->request_id;
	res =
	    store_exec(s, store_sql_reuse, 12, vals, PGRES_TUPLES_OK, "cannot record a reuse", err);
	if (!res)
		goto out;
	if (PQntuples(res) != 1 || PQgetisnull(res, 0, 5)) {
		core_err_set(err, CORE_EDB, "cannot record a reuse");
		core_err_detail(err, "no audit row was written");
		goto out;
	}
	out->subject_found = store_get_i64(res, 0, 0) > 0;
	out->linked = store_get_int(res, 0, 1);
	out->distinct = store_get_int(res, 0, 2);
	if (!PQgetisnull(res, 0, 3)) {
		out->event_id = store_get_i64(res, 0, 3);
		out->created = PQgetvalue(res, 0, 4)[0] == 't';
	}
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&ids);
	return rc;
}

int store_audit_list(store *s, const char *subject_key, int limit, char **json, core_err *err)
{
	char lim[STORE_NUM_LEN];
	const char *vals[] = {subject_key, store_i64(lim, limit)};

	/* Reads that named the subject, and reads of its documents
	 * (a document or page fetched by id, a search hit). */
	return store_json_value(
	    s,
	    "WITH docs AS (SELECT ARRAY(SELECT ds.document_id FROM subjects sj"
	    "                JOIN document_subjects ds ON ds.subject_id = sj.id"
	    "                WHERE sj.key = $1) AS a),"
	    " rows AS (SELECT a.* FROM audit a, docs"
	    "          WHERE a.subject_keys @> ARRAY[$1::text] OR a.document_ids && docs.a"
	    "          ORDER BY a.at DESC, a.id DESC LIMIT $2::int)"
	    " SELECT coalesce(json_agg(json_build_object('id', id, 'at', at, 'agency', agency,"
	    "   'token_id', token_id, 'actor', actor, 'endpoint', endpoint, 'purpose', purpose,"
	    "   'result', result, 'documents', document_ids, 'request_id', request_id)"
	    "   ORDER BY at DESC, id DESC), '[]'::json)::text FROM rows",
	    2, vals, "cannot read the audit trail", json, err);
}

/*
 * $1 from, $2 to (timestamptz text), $3 office or NULL.  A dossier
 * code counts once (its newest version received in the period); it is
 * digitized when every page is done or blank and one is done.  The
 * reuse rate is the share of received dossiers (procedures) whose
 * office recorded a reuse of digitized records in the same period.
 */
static const char store_sql_report[] =
    "WITH rec AS (SELECT DISTINCT ON (code) id, code FROM dossiers"
    "             WHERE received_at >= $1::timestamptz AND received_at < $2::timestamptz"
    "               AND ($3::text IS NULL OR office = $3) ORDER BY code, id DESC),"
    " dig AS (SELECT r.id FROM rec r WHERE EXISTS (SELECT 1 FROM pages p"
    "           WHERE p.dossier_id = r.id AND p.status = 'done')"
    "         AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = r.id"
    "           AND p.status IN ('pending', 'failed'))),"
    " docs AS (SELECT count(*) AS n FROM rec r JOIN documents d ON d.dossier_id = r.id),"
    " ev AS (SELECT * FROM reuse_events WHERE at >= $1::timestamptz AND at < $2::timestamptz"
    "          AND ($3::text IS NULL OR office = $3)),"
    " n AS (SELECT (SELECT count(*) FROM rec) AS received, (SELECT count(*) FROM dig) AS digitized,"
    "       (SELECT count(DISTINCT (office, receiving_dossier)) FROM ev) AS reusing)"
    " SELECT json_build_object('from', $1::timestamptz, 'to', $2::timestamptz, 'office', $3::text,"
    "  'dossiers_received', n.received, 'dossiers_digitized', n.digitized,"
    "  'digitization_rate', CASE WHEN n.received > 0"
    "     THEN round(n.digitized::numeric / n.received, 4) END,"
    "  'documents_extracted', (SELECT n FROM docs),"
    "  'reuse_events', (SELECT count(*) FROM ev),"
    "  'procedures_reusing', n.reusing,"
    "  'reuse_rate', CASE WHEN n.received > 0 THEN round(n.reusing::numeric / n.received, 4) END,"
    "  'documents_reused', (SELECT count(DISTINCT x) FROM ev, unnest(ev.document_ids) x),"
    "  'papers_not_rerequested', (SELECT coalesce(sum(cardinality(document_ids)), 0) FROM ev),"
    "  'subjects_served', (SELECT count(DISTINCT subject_id) FROM ev),"
    "  'by_procedure', (SELECT coalesce(json_agg(json_build_object('procedure_code', pc,"
    "       'events', ne, 'papers_not_rerequested', np) ORDER BY pc), '[]'::json)"
    "     FROM (SELECT procedure_code AS pc, count(*) AS ne,"
    "             sum(cardinality(document_ids)) AS np FROM ev GROUP BY procedure_code) bp)"
    " )::text FROM n";

int store_report(store *s, const char *from, const char *to, const char *office, char **json,
                 core_err *err)
{
	const char *vals[] = {from, to, office};

	return store_json_value(s, store_sql_report, 3, vals, "cannot compute the report", json,
	                        err);
}

int store_pages_by_status(store *s, int64_t counts[4], core_err *err)
{
	PGresult *res;

	memset(counts, 0, 4 * sizeof(counts[0]));
	res = store_exec(s, "SELECT status, count(*) FROM pages GROUP BY status", 0, NULL,
	                 PGRES_TUPLES_OK, "cannot count pages", err);
	if (!res)
		return -1;
	for (int i = 0; i < PQntuples(res); i++)
		for (int st = STORE_PAGE_PENDING; st <= STORE_PAGE_BLANK; st++)
			if (strcmp(PQgetvalue(res, i, 0),
			           store_page_status_name((store_page_status)st)) == 0)
				counts[st] = store_get_i64(res, i, 1);
	PQclear(res);
	return 0;
}

int store_ping(store *s, core_err *err)
{
	PGresult *res;

	if (PQstatus(s->conn) != CONNECTION_OK) {
		/* A restarted server: reconnect, and forget what was prepared
		 * on the old session. */
		PQreset(s->conn);
		s->prepared = false;
		s->api_prepared = 0;
		if (PQstatus(s->conn) != CONNECTION_OK)
			return store_db_error(s, NULL, "cannot reach the database", err), -1;
	}
	res = store_exec(s, "SELECT 1", 0, NULL, PGRES_TUPLES_OK, "cannot reach the database", err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

bool store_connection_ok(store *s)
{
	return s && s->conn && PQstatus(s->conn) == CONNECTION_OK;
}
