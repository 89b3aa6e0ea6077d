/*
 * store_api.c - the reuse service's reads of citizens' records.
 *
 * Every read that returns a subject's personal data writes its audit row
 * in the same statement (a data-modifying CTE): the row exists exactly
 * when the read ran, and a request costs one round trip.  The JSON is
 * built by the server (json_build_object), so rows never cross the wire
 * one by one.
 *
 * Parameters $1..$6 of every audited statement are the reader:
 * token id, agency, actor, endpoint, purpose, request id.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define STORE_READER_N 6

/* The audit row, shared by every audited statement: subject keys in
 * $7-derived CTE "who", documents in CTE "docids", result in "res". */
#define STORE_AUDIT_INSERT                                                                         \
	"INSERT INTO audit (token_id, agency, actor, endpoint, purpose, request_id,"               \
	"                   subject_keys, document_ids, result)"                                   \
	" SELECT $1::bigint, $2, $3, $4, $5, $6, (SELECT k FROM who), (SELECT a FROM docids),"     \
	"        (SELECT r FROM res)"                                                              \
	" RETURNING id"

/* A field as the API shows it: value, status and where it came from. */
#define STORE_FIELD_JSON(dossier, run)                                                             \
	"json_build_object('name', f.name, 'value', f.value, 'status', f.status,"                  \
	" 'verified', f.status = 'verified', 'confidence', round(f.confidence::numeric, 3),"       \
	" 'provenance', json_build_object('dossier', " dossier ", 'page', f.page,"                 \
	"   'box', CASE WHEN f.x0 IS NULL THEN NULL"                                               \
	"          ELSE json_build_array(f.x0, f.y0, f.x1, f.y1) END,"                             \
	"   'run', " run ", 'extracted_at', f.extracted_at,"                                       \
	"   'verified_by', f.verified_by, 'verified_at', f.verified_at))"

/* Rejected values are never offered for reuse. */
#define STORE_FIELDS_OF(doc, dossier, run)                                                         \
	"(SELECT coalesce(json_agg(" STORE_FIELD_JSON(                                             \
	    dossier, run) " ORDER BY f.name, f.id),"                                               \
	                  "  '[]'::json) FROM fields f WHERE f.document_id = " doc                 \
	                  " AND f.status <> 'rejected')"

/* $7 kind, $8 key: the latest document of each (type, role). */
static const char store_sql_subject[] =
    "WITH s AS (SELECT id, kind, key, display_name, created_at FROM subjects"
    "           WHERE kind = $7 AND key = $8),"
    " docs AS (SELECT DISTINCT ON (d.type, ds.role) d.id, d.type, d.first_page, d.last_page,"
    "                 d.confidence, d.run_id, d.created_at, o.code AS dossier, ds.role"
    "          FROM s JOIN document_subjects ds ON ds.subject_id = s.id"
    "          JOIN documents d ON d.id = ds.document_id"
    "          JOIN dossiers o ON o.id = d.dossier_id"
    "          ORDER BY d.type, ds.role, d.created_at DESC, d.id DESC),"
    " body AS (SELECT json_build_object("
    "   'subject', json_build_object('id', s.key, 'kind', s.kind, 'name', s.display_name,"
    "                                'first_seen', s.created_at),"
    "   'records', (SELECT coalesce(json_agg(json_build_object("
    "       'type', dd.type, 'role', dd.role, 'document_id', dd.id, 'dossier', dd.dossier,"
    "       'pages', json_build_array(dd.first_page, dd.last_page),"
    "       'confidence', round(dd.confidence::numeric, 3), 'run', dd.run_id,"
    "       'created_at', dd.created_at,"
    "       'fields', " STORE_FIELDS_OF(
        "dd.id", "dd.dossier",
        "dd.run_id") ")"
                     "     ORDER BY dd.type, dd.role), '[]'::json) FROM docs dd))::text AS j FROM "
                     "s),"
                     " who AS (SELECT ARRAY[$8::text] AS k),"
                     " docids AS (SELECT ARRAY(SELECT id FROM docs ORDER BY id) AS a),"
                     " res AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM s) THEN 200 ELSE 404 END AS "
                     "r),"
                     " audit_row AS (" STORE_AUDIT_INSERT ")"
                     " SELECT (SELECT j FROM body), (SELECT id FROM audit_row)";

/* $7 kind, $8 key, $9 type or NULL: every document, newest first. */
static const char store_sql_subject_docs[] =
    "WITH s AS (SELECT id, kind, key FROM subjects WHERE kind = $7 AND key = $8),"
    " docs AS (SELECT d.id, d.type, d.first_page, d.last_page, d.confidence, d.run_id,"
    "                 d.created_at, o.code AS dossier, ds.role"
    "          FROM s JOIN document_subjects ds ON ds.subject_id = s.id"
    "          JOIN documents d ON d.id = ds.document_id"
    "          JOIN dossiers o ON o.id = d.dossier_id"
    "          WHERE $9::text IS NULL OR d.type = $9),"
    " body AS (SELECT json_build_object('subject', json_build_object('id', s.key,"
    "            'kind', s.kind),"
    "   'documents', (SELECT coalesce(json_agg(json_build_object("
    "       'document_id', dd.id, 'type', dd.type, 'role', dd.role, 'dossier', dd.dossier,"
    "       'pages', json_build_array(dd.first_page, dd.last_page),"
    "       'confidence', round(dd.confidence::numeric, 3), 'run', dd.run_id,"
    "       'created_at', dd.created_at)"
    "     ORDER BY dd.created_at DESC, dd.id DESC), '[]'::json) FROM docs dd))::text AS j"
    "   FROM s),"
    " who AS (SELECT ARRAY[$8::text] AS k),"
    " docids AS (SELECT ARRAY(SELECT DISTINCT id FROM docs ORDER BY id) AS a),"
    " res AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM s) THEN 200 ELSE 404 END AS r),"
    " audit_row AS (" STORE_AUDIT_INSERT ")"
    " SELECT (SELECT j FROM body), (SELECT id FROM audit_row)";

/* $7 document id. */
static const char store_sql_document[] =
    "WITH d AS (SELECT d.*, o.code AS dossier FROM documents d"
    "           JOIN dossiers o ON o.id = d.dossier_id WHERE d.id = $7::bigint),"
    " subj AS (SELECT sj.key, sj.kind, sj.display_name, ds.role FROM d"
    "          JOIN document_subjects ds ON ds.document_id = d.id"
    "          JOIN subjects sj ON sj.id = ds.subject_id),"
    " body AS (SELECT json_build_object('document_id', d.id, 'type', d.type,"
    "   'dossier', d.dossier, 'pages', json_build_array(d.first_page, d.last_page),"
    "   'confidence', round(d.confidence::numeric, 3), 'run', d.run_id,"
    "   'created_at', d.created_at, 'model_version', d.model_version,"
    "   'definitions_version', d.definitions_version,"
    "   'subjects', (SELECT coalesce(json_agg(json_build_object('id', key, 'kind', kind,"
    "       'name', display_name, 'role', role) ORDER BY role, key), '[]'::json) FROM subj),"
    "   'fields', " STORE_FIELDS_OF(
        "d.id", "d.dossier",
        "d.run_id") ")::text AS j FROM d),"
                    " who AS (SELECT ARRAY(SELECT DISTINCT key FROM subj ORDER BY key) AS k),"
                    " docids AS (SELECT ARRAY(SELECT id FROM d) AS a),"
                    " res AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM d) THEN 200 ELSE 404 END AS "
                    "r),"
                    " audit_row AS (" STORE_AUDIT_INSERT ")"
                    " SELECT (SELECT j FROM body), (SELECT id FROM audit_row)";

/* $7 document id, $8 page number in the dossier (within the document). */
static const char store_sql_page_text[] =
    "WITH d AS (SELECT id, dossier_id FROM documents"
    "           WHERE id = $7::bigint AND $8::int BETWEEN first_page AND last_page),"
    " p AS (SELECT p.text, p.status FROM d JOIN pages p"
    "       ON p.dossier_id = d.dossier_id AND p.number = $8::int),"
    " who AS (SELECT ARRAY(SELECT DISTINCT sj.key FROM d"
    "          JOIN document_subjects ds ON ds.document_id = d.id"
    "          JOIN subjects sj ON sj.id = ds.subject_id ORDER BY sj.key) AS k),"
    " docids AS (SELECT ARRAY(SELECT id FROM d) AS a),"
    " res AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM p) THEN 200 ELSE 404 END AS r),"
    " audit_row AS (" STORE_AUDIT_INSERT ")"
    " SELECT (SELECT 1 FROM p), (SELECT coalesce(text, '') FROM p), (SELECT status FROM p),"
    "        (SELECT id FROM audit_row)";

/* $1 document id, $2 page number: where the page's pixels are. */
static const char store_sql_page_source[] =
    "SELECT p.source_path, p.source_index, p.rotation FROM documents d"
    " JOIN pages p ON p.dossier_id = d.dossier_id AND p.number = $2::int"
    " WHERE d.id = $1::bigint AND $2::int BETWEEN d.first_page AND d.last_page";

/* $7 document id, $8 result: an audit row written after the fact (the
 * page image, whose outcome is known only once decoded). */
static const char store_sql_audit_doc[] =
    "WITH who AS (SELECT ARRAY(SELECT DISTINCT sj.key FROM document_subjects ds"
    "               JOIN subjects sj ON sj.id = ds.subject_id"
    "               WHERE ds.document_id = $7::bigint ORDER BY sj.key) AS k),"
    " docids AS (SELECT ARRAY(SELECT id FROM documents WHERE id = $7::bigint) AS a),"
    " res AS (SELECT $8::int AS r),"
    " audit_row AS (" STORE_AUDIT_INSERT ")"
    " SELECT id FROM audit_row";

/*
 * $7 query, $8 type or NULL, $9 limit, $10 cursor rank, $11 cursor id.
 * Pages whose folded text holds every word.  The query is planned with
 * its values each time (not prepared): how many pages hold the words
 * decides between the text index and a walk down the newest pages, and
 * only the statistics on the actual words can tell.  Ranking reads each
 * candidate's vector, so a query that matches much of the store ranks
 * only its STORE_SEARCH_CANDIDATES newest matches ("capped": true
 * tells the client to narrow it).  Keyset pagination on (rank, page
 * id).  The snippet is cut from the original text around the first
 * word's position in the folded text (unaccent maps each Vietnamese
 * letter to one letter, so positions agree).  The five nearest names
 * by trigram distance (an index walk that stops at five) with a
 * similarity of at least 0.5 come with the first page of results.
 */
#define STORE_SEARCH_CANDIDATES "1000"
/* One more than the candidates: "capped" only when a match was left out. */
#define STORE_SEARCH_PROBE "1001"
static const char store_sql_search[] =
    "WITH q AS (SELECT plainto_tsquery('simple'::regconfig, sohoa_fold($7)) AS tq,"
    "                  sohoa_fold($7) AS fq,"
    "                  (regexp_split_to_array(btrim(sohoa_fold($7)), '\\s+'))[1] AS w1),"
    " hits AS (SELECT p.id, p.dossier_id, p.number, p.fts FROM q, pages p"
    "          WHERE p.status = 'done'"
    "            AND p.fts @@ plainto_tsquery('simple'::regconfig, sohoa_fold($7))"
    "            AND ($8::text IS NULL OR EXISTS (SELECT 1 FROM documents d"
    "                 WHERE d.dossier_id = p.dossier_id AND d.type = $8"
    "                   AND p.number BETWEEN d.first_page AND d.last_page))"
    "          ORDER BY p.id DESC LIMIT " STORE_SEARCH_PROBE "),"
    " ranked AS (SELECT h.id, h.dossier_id, h.number, ts_rank(h.fts, q.tq) AS rank"
    "            FROM (SELECT * FROM hits ORDER BY id DESC"
    "                  LIMIT " STORE_SEARCH_CANDIDATES ") h, q),"
    " page AS (SELECT r.* FROM ranked r"
    "          WHERE $10::real IS NULL OR (r.rank, r.id) < ($10::real, $11::bigint)"
    "          ORDER BY r.rank DESC, r.id DESC LIMIT $9::int + 1),"
    " shown AS (SELECT pg.*, o.code AS dossier, p.text,"
    "                  (SELECT d.id FROM documents d WHERE d.dossier_id = pg.dossier_id"
    "                     AND pg.number BETWEEN d.first_page AND d.last_page"
    "                   ORDER BY d.id DESC LIMIT 1) AS doc_id"
    "           FROM (SELECT * FROM page ORDER BY rank DESC, id DESC LIMIT $9::int) pg"
    "           JOIN pages p ON p.id = pg.id"
    "           JOIN dossiers o ON o.id = pg.dossier_id),"
    " subj AS (SELECT * FROM (SELECT sj.key, sj.kind, sj.display_name,"
    "                 public.similarity(sohoa_fold(sj.display_name), sohoa_fold($7)) AS sim"
    "            FROM subjects sj WHERE $10::real IS NULL"
    "            ORDER BY sohoa_fold(sj.display_name) OPERATOR(public.<->) sohoa_fold($7)"
    "            LIMIT 5) near WHERE sim >= 0.5),"
    " body AS (SELECT json_build_object('query', $7::text, 'type', $8::text,"
    "   'capped', (SELECT count(*) FROM hits) > " STORE_SEARCH_CANDIDATES ","
    "   'results', (SELECT coalesce(json_agg(json_build_object('dossier', dossier,"
    "       'page', number, 'document_id', doc_id,"
    "       'type', (SELECT type FROM documents WHERE id = doc_id),"
    "       'rank', rank,"
    "       'snippet', substr(text, greatest(strpos(sohoa_fold(text), q.w1) - 60, 1), 200))"
    "     ORDER BY rank DESC, id DESC), '[]'::json) FROM shown, q),"
    "   'subjects', (SELECT coalesce(json_agg(json_build_object('id', key, 'kind', kind,"
    "       'name', display_name, 'similarity', round(sim::numeric, 3)) ORDER BY sim DESC, key),"
    "     '[]'::json) FROM subj),"
    "   'next_cursor', (SELECT CASE WHEN (SELECT count(*) FROM page) > $9::int"
    "       THEN (SELECT rank::text || '_' || id FROM shown ORDER BY rank, id LIMIT 1) END))::text"
    "   AS j),"
    " who AS (SELECT ARRAY(SELECT key FROM subj ORDER BY key) AS k),"
    " docids AS (SELECT ARRAY(SELECT DISTINCT doc_id FROM shown"
    "            WHERE doc_id IS NOT NULL ORDER BY doc_id) AS a),"
    " res AS (SELECT 200 AS r),"
    " audit_row AS (" STORE_AUDIT_INSERT ")"
    " SELECT (SELECT j FROM body), (SELECT id FROM audit_row)";

typedef enum store_api_stmt {
	STORE_API_SUBJECT = 0,
	STORE_API_SUBJECT_DOCS,
	STORE_API_DOCUMENT,
	STORE_API_PAGE_TEXT,
	STORE_API_PAGE_SOURCE,
	STORE_API_AUDIT_DOC,
	STORE_API_SEARCH,
	STORE_API_N
} store_api_stmt;

static const struct {
	const char *name;
	const char *sql;
} store_api_sql[STORE_API_N] = {
    [STORE_API_SUBJECT] = {"sohoa_api_subject", store_sql_subject},
    [STORE_API_SUBJECT_DOCS] = {"sohoa_api_subject_docs", store_sql_subject_docs},
    [STORE_API_DOCUMENT] = {"sohoa_api_document", store_sql_document},
    [STORE_API_PAGE_TEXT] = {"sohoa_api_page_text", store_sql_page_text},
    [STORE_API_PAGE_SOURCE] = {"sohoa_api_page_source", store_sql_page_source},
    [STORE_API_AUDIT_DOC] = {"sohoa_api_audit_doc", store_sql_audit_doc},
    [STORE_API_SEARCH] = {"sohoa_api_search", store_sql_search},
};

/* Prepared on a connection's first use of each: a server handles the
 * same few statements thousands of times a second. */
static PGresult *store_api_exec(store *s, store_api_stmt st, int n, const char *const *vals,
                                const char *what, core_err *err)
{
	PGresult *res;

	if (st == STORE_API_SEARCH)
		return store_exec(s, store_api_sql[st].sql, n, vals, PGRES_TUPLES_OK, what, err);

	if (!(s->api_prepared & (1u << st))) {
		res = PQprepare(s->conn, store_api_sql[st].name, store_api_sql[st].sql, 0, NULL);
		if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
			store_db_error(s, res, "cannot prepare a statement", err);
			core_err_detail(err, "%s", store_api_sql[st].name);
			PQclear(res);
			return NULL;
		}
		PQclear(res);
		s->api_prepared |= 1u << st;
	}
	return store_exec_prepared(s, store_api_sql[st].name, n, vals, PGRES_TUPLES_OK, what, err);
}

static void store_reader_vals(const store_reader *r, const char *endpoint, char tok[STORE_NUM_LEN],
                              const char **vals)
{
	vals[0] = r->token_id > 0 ? store_i64(tok, r->token_id) : NULL;
	vals[1] = r->agency ? r->agency : "unknown";
	vals[2] = r->actor;
	vals[3] = endpoint;
	vals[4] = r->purpose;
	vals[5] = r->request_id;
}

static char *store_dup_value(const PGresult *res, int row, int col, core_err *err)
{
	char *v;

	if (PQgetisnull(res, row, col))
		return NULL;
	v = strdup(PQgetvalue(res, row, col));
	if (!v)
		core_err_set(err, CORE_ENOMEM, "out of memory");
	return v;
}

/* Runs an audited statement whose first column is the JSON body (NULL:
 * nothing found). */
static int store_api_json(store *s, store_api_stmt st, const store_reader *r, const char *endpoint,
                          const char *const *args, int n_args, char **json, core_err *err)
{
	const char *vals[STORE_READER_N + 8];
	char tok[STORE_NUM_LEN];
	PGresult *res = NULL;
	int rc = -1;

	*json = NULL;
	if (n_args > 8) {
		core_err_set(err, CORE_EINTERNAL, "too many statement parameters");
		return -1;
	}
	store_reader_vals(r, endpoint, tok, vals);
	for (int i = 0; i < n_args; i++)
		vals[STORE_READER_N + i] = args[i];
	res = store_api_exec(s, st, STORE_READER_N + n_args, vals, "cannot read records", err);
	if (!res)
		goto out;
	*json = store_dup_value(res, 0, 0, err);
	if (!*json && core_err_isset(err))
		goto out;
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_subject_get(store *s, const store_reader *r, const char *endpoint, const char *kind,
                      const char *key, char **json, core_err *err)
{
	const char *args[] = {kind, key};

	return store_api_json(s, STORE_API_SUBJECT, r, endpoint, args, 2, json, err);
}

int store_subject_documents(store *s, const store_reader *r, const char *endpoint, const char *kind,
                            const char *key, const char *type, char **json, core_err *err)
{
	const char *args[] = {kind, key, type};

	return store_api_json(s, STORE_API_SUBJECT_DOCS, r, endpoint, args, 3, json, err);
}

int store_document_get(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                       char **json, core_err *err)
{
	char id[STORE_NUM_LEN];
	const char *args[] = {store_i64(id, doc_id)};

	return store_api_json(s, STORE_API_DOCUMENT, r, endpoint, args, 1, json, err);
}

int store_search(store *s, const store_reader *r, const char *endpoint, const store_search_q *q,
                 char **json, core_err *err)
{
	char lim[STORE_NUM_LEN], cid[STORE_NUM_LEN];
	const char *args[] = {q->text, q->type, store_i64(lim, q->limit), q->cursor_rank,
	                      q->cursor_rank ? store_i64(cid, q->cursor_id) : NULL};

	return store_api_json(s, STORE_API_SEARCH, r, endpoint, args, 5, json, err);
}

int store_page_text_read(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                         int number, char **text, store_page_status *status, core_err *err)
{
	const char *vals[STORE_READER_N + 2];
	char tok[STORE_NUM_LEN], id[STORE_NUM_LEN], num[STORE_NUM_LEN];
	PGresult *res = NULL;
	const char *st;
	int rc = -1;

	*text = NULL;
	*status = STORE_PAGE_PENDING;
	store_reader_vals(r, endpoint, tok, vals);
	vals[STORE_READER_N] = store_i64(id, doc_id);
	vals[STORE_READER_N + 1] = store_i64(num, number);
	res = store_api_exec(s, STORE_API_PAGE_TEXT, STORE_READER_N + 2, vals, "cannot read a page",
	                     err);
	if (!res)
		goto out;
	if (PQgetisnull(res, 0, 0)) {
		rc = 0;
		goto out;
	}
	st = PQgetvalue(res, 0, 2);
	for (int i = STORE_PAGE_PENDING; i <= STORE_PAGE_BLANK; i++)
		if (strcmp(st, store_page_status_name((store_page_status)i)) == 0)
			*status = (store_page_status)i;
	*text = store_dup_value(res, 0, 1, err);
	if (!*text)
		goto out;
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_page_source(store *s, int64_t doc_id, int number, char **path, int *index, int *rotation,
                      core_err *err)
{
	char id[STORE_NUM_LEN], num[STORE_NUM_LEN];
	const char *vals[] = {store_i64(id, doc_id), store_i64(num, number)};
	PGresult *res = NULL;
	int rc = -1;

	*path = NULL;
	*index = 0;
	*rotation = 0;
	res = store_api_exec(s, STORE_API_PAGE_SOURCE, 2, vals, "cannot find a page", err);
	if (!res)
		goto out;
	if (PQntuples(res) == 1) {
		*path = store_dup_value(res, 0, 0, err);
		if (!*path)
			goto out;
		*index = store_get_int(res, 0, 1);
		*rotation = PQgetisnull(res, 0, 2) ? 0 : store_get_int(res, 0, 2);
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_audit_document(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                         int result, core_err *err)
{
	const char *vals[STORE_READER_N + 2];
	char tok[STORE_NUM_LEN], id[STORE_NUM_LEN], code[STORE_NUM_LEN];
	PGresult *res;

	store_reader_vals(r, endpoint, tok, vals);
	vals[STORE_READER_N] = store_i64(id, doc_id);
	vals[STORE_READER_N + 1] = store_i64(code, result);
	res = store_api_exec(s, STORE_API_AUDIT_DOC, STORE_READER_N + 2, vals,
	                     "cannot write an audit row", err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}
