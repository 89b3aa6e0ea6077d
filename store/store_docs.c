/*
 * store_docs.c - classification results: documents, fields, subjects.
 *
 * A dossier is classified in one transaction that holds its row lock:
 * two processes never classify the same dossier at once, a killed one
 * leaves nothing half written, and classified_at makes it exactly once.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_DOCS_MAX_PAGES 100000
#define STORE_DOCS_MAX_IDS   10000000
#define STORE_DOCS_MAX_WORDS 1000000

static int ids_from_result(PGresult *res, int64_t **ids, int *n, core_err *err);

void store_dossier_pages_clear(store_dossier_pages *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++) {
		store_page_words *pw = &p->pages[i];
		for (int k = 0; k < pw->n_words; k++)
			free((char *)pw->words[k].text);
		free(pw->words);
		free(pw->text);
		free(pw->source_path);
	}
	free(p->pages);
	free(p->code);
	memset(p, 0, sizeof(*p));
}

int store_classify_begin(store *s, int64_t dossier_id, bool force, bool *got, core_err *err)
{
	char id[STORE_NUM_LEN];
	const char *vals[2];
	PGresult *res = NULL;
	int rc = -1;

	*got = false;
	vals[0] = store_i64(id, dossier_id);
	vals[1] = force ? "t" : "f";
	if (store_begin(s, err))
		goto out;
	res = store_exec(s,
	                 "SELECT id FROM dossiers d WHERE id = $1::bigint"
	                 " AND ($2::bool OR classified_at IS NULL)"
	                 " AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = d.id"
	                 "                 AND p.status = 'pending')"
	                 " FOR UPDATE SKIP LOCKED",
	                 2, vals, PGRES_TUPLES_OK, "cannot lock the dossier", err);
	if (!res)
		goto out;
	*got = PQntuples(res) == 1;
	rc = 0;
out:
	PQclear(res);
	if (!*got)
		store_rollback(s);
	return rc;
}

void store_classify_abort(store *s)
{
	store_rollback(s);
}

static int pages_read(store *s, const char *id, store_dossier_pages *out, core_err *err)
{
	const char *vals[1] = {id};
	PGresult *res;
	int n;

	res = store_exec(
	    s,
	    "SELECT p.number, p.status, p.text, coalesce(p.width, 0),"
	    "       coalesce(p.height, 0), d.code, coalesce(p.word_count, 0),"
	    "       p.source_path, p.source_index, coalesce(p.rotation, 0),"
	    "       coalesce(p.skew_angle, 0), coalesce(p.dpi, 0),"
	    "       coalesce('despeckle' = ANY (string_to_array(p.preprocess_steps, ',')),"
	    "                false)"
	    " FROM pages p JOIN dossiers d ON d.id = p.dossier_id"
	    " WHERE p.dossier_id = $1::bigint ORDER BY p.number",
	    1, vals, PGRES_TUPLES_OK, "cannot read the pages", err);
	if (!res)
		return -1;
	n = PQntuples(res);
	if (n > STORE_DOCS_MAX_PAGES) {
		PQclear(res);
		return core_err_set(err, CORE_ELIMIT, "dossier has too many pages");
	}
	out->pages = calloc((size_t)(n ? n : 1), sizeof(*out->pages));
	if (!out->pages)
		goto nomem;
	for (int i = 0; i < n; i++) {
		store_page_words *pw = &out->pages[i];
		const char *st = PQgetvalue(res, i, 1);

		pw->number = store_get_int(res, i, 0);
		pw->status = strcmp(st, "done") == 0     ? STORE_PAGE_DONE
		             : strcmp(st, "blank") == 0  ? STORE_PAGE_BLANK
		             : strcmp(st, "failed") == 0 ? STORE_PAGE_FAILED
		                                         : STORE_PAGE_PENDING;
		if (!PQgetisnull(res, i, 2) && !(pw->text = core_strdup(PQgetvalue(res, i, 2))))
			goto nomem;
		pw->width = store_get_int(res, i, 3);
		pw->height = store_get_int(res, i, 4);
		pw->cap_words = store_get_int(res, i, 6);
		if (!(pw->source_path = core_strdup(PQgetvalue(res, i, 7))))
			goto nomem;
		pw->source_index = store_get_int(res, i, 8);
		pw->rotation = store_get_int(res, i, 9);
		/* float4 prints its shortest exact form: the float comes back. */
		pw->skew_angle = strtod(PQgetvalue(res, i, 10), NULL);
		pw->dpi = store_get_int(res, i, 11);
		pw->despeckled = strcmp(PQgetvalue(res, i, 12), "t") == 0;
		if (pw->cap_words < 0 || pw->cap_words > STORE_DOCS_MAX_WORDS)
			pw->cap_words = 0;
		if (pw->cap_words &&
		    !(pw->words = calloc((size_t)pw->cap_words, sizeof(*pw->words))))
			goto nomem;
		out->n++;
	}
	if (n > 0 && !(out->code = core_strdup(PQgetvalue(res, 0, 5))))
		goto nomem;
	PQclear(res);
	return 0;
nomem:
	PQclear(res);
	return core_err_set(err, CORE_ENOMEM, "out of memory");
}

static store_page_words *page_by_number(store_dossier_pages *p, int number)
{
	/* Pages come sorted by number: bisect. */
	int lo = 0, hi = p->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (p->pages[mid].number == number)
			return &p->pages[mid];
		if (p->pages[mid].number < number)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Word arrays are sized by pages.word_count, read with the pages. */
static int words_read(store *s, const char *id, store_dossier_pages *out, core_err *err)
{
	const char *vals[1] = {id};
	PGresult *res;
	int n, rc = -1;

	res = store_exec(s,
	                 "SELECT p.number, w.text, w.conf, w.x0, w.y0, w.x1, w.y1, w.block, w.line,"
	                 " w.tone_gap"
	                 " FROM words w JOIN pages p ON p.id = w.page_id"
	                 " WHERE p.dossier_id = $1::bigint ORDER BY p.number, w.idx",
	                 1, vals, PGRES_TUPLES_OK, "cannot read the words", err);
	if (!res)
		return -1;
	n = PQntuples(res);
	for (int i = 0; i < n; i++) {
		store_page_words *pw = page_by_number(out, store_get_int(res, i, 0));
		store_word *w;

		if (!pw || pw->n_words >= pw->cap_words) {
			core_err_set(err, CORE_EINTERNAL, "word rows do not match word_count");
			core_err_detail(err, "dossier id %s page %d", id, store_get_int(res, i, 0));
			goto out;
		}
		w = &pw->words[pw->n_words];
		if (!(w->text = core_strdup(PQgetvalue(res, i, 1)))) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		w->conf = (float)strtod(PQgetvalue(res, i, 2), NULL);
		w->x0 = store_get_int(res, i, 3);
		w->y0 = store_get_int(res, i, 4);
		w->x1 = store_get_int(res, i, 5);
		w->y1 = store_get_int(res, i, 6);
		w->block = store_get_int(res, i, 7);
		w->line = store_get_int(res, i, 8);
		w->tone_rival = !PQgetisnull(res, i, 9);
		w->tone_gap = w->tone_rival ? (float)strtod(PQgetvalue(res, i, 9), NULL) : 0.0f;
		pw->n_words++;
	}
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_dossier_pages_load(store *s, int64_t dossier_id, store_dossier_pages *out, core_err *err)
{
	char id[STORE_NUM_LEN];

	memset(out, 0, sizeof(*out));
	store_i64(id, dossier_id);
	if (pages_read(s, id, out, err) || words_read(s, id, out, err)) {
		store_dossier_pages_clear(out);
		return -1;
	}
	return 0;
}

static int cmp_subject(const void *a, const void *b)
{
	const store_subject_link *x = *(store_subject_link *const *)a;
	const store_subject_link *y = *(store_subject_link *const *)b;
	int c = strcmp(x->kind, y->kind);

	return c ? c : strcmp(x->key, y->key);
}

/* Upserts in (kind, key) order so concurrent savers never deadlock. */
static int save_links(store *s, const char *doc_id, const store_document *d, core_err *err)
{
	const store_subject_link **v;
	int rc = -1;

	if (d->n_subjects == 0)
		return 0;
	v = calloc((size_t)d->n_subjects, sizeof(*v));
	if (!v)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < d->n_subjects; i++)
		v[i] = &d->subjects[i];
	qsort(v, (size_t)d->n_subjects, sizeof(*v), cmp_subject);
	for (int i = 0; i < d->n_subjects; i++) {
		const char *vals[5] = {v[i]->kind, v[i]->key, v[i]->display_name, doc_id,
		                       v[i]->role};
		PGresult *res = store_exec(
		    s,
		    "WITH s AS (INSERT INTO subjects (kind, key, display_name) VALUES ($1, $2, $3)"
		    "  ON CONFLICT (kind, key) DO UPDATE"
		    "  SET display_name = coalesce(EXCLUDED.display_name, subjects.display_name)"
		    "  RETURNING id)"
		    " INSERT INTO document_subjects (document_id, subject_id, role)"
		    " SELECT $4::bigint, s.id, $5 FROM s ON CONFLICT DO NOTHING",
		    5, vals, PGRES_COMMAND_OK, "cannot save a subject", err);
		if (!res)
			goto out;
		PQclear(res);
	}
	rc = 0;
out:
	free(v);
	return rc;
}

static int save_document(store *s, const char *dossier, const char *run, const char *model,
                         const char *defs, const store_document *d, core_err *err)
{
	char first[STORE_NUM_LEN], last[STORE_NUM_LEN], conf[STORE_NUM_LEN], doc_id[STORE_NUM_LEN];
	const char *vals[8];
	PGresult *res;

	snprintf(conf, sizeof(conf), "%.4f", (double)d->confidence);
	vals[0] = dossier;
	vals[1] = d->type;
	vals[2] = store_i64(first, d->first_page);
	vals[3] = store_i64(last, d->last_page);
	vals[4] = conf;
	vals[5] = model;
	vals[6] = defs;
	vals[7] = run;
	res =
	    store_exec(s,
	               "INSERT INTO documents (dossier_id, type, first_page, last_page, confidence,"
	               " model_version, definitions_version, run_id)"
	               " VALUES ($1::bigint, $2, $3::int, $4::int, $5::real, $6, $7, $8::bigint)"
	               " RETURNING id",
	               8, vals, PGRES_TUPLES_OK, "cannot save a document", err);
	if (!res)
		return -1;
	core_strlcpy(doc_id, PQgetvalue(res, 0, 0), sizeof(doc_id));
	PQclear(res);
	for (int i = 0; i < d->n_fields; i++) {
		const store_field *f = &d->fields[i];
		char fc[STORE_NUM_LEN], pg[STORE_NUM_LEN], x0[STORE_NUM_LEN], y0[STORE_NUM_LEN],
		    x1[STORE_NUM_LEN], y1[STORE_NUM_LEN];
		const char *fv[13];

		snprintf(fc, sizeof(fc), "%.4f", (double)f->confidence);
		fv[0] = doc_id;
		fv[1] = f->name;
		fv[2] = f->raw;
		fv[3] = f->value;
		fv[4] = fc;
		fv[5] = store_i64(pg, f->page);
		fv[6] = store_i64(x0, f->x0);
		fv[7] = store_i64(y0, f->y0);
		fv[8] = store_i64(x1, f->x1);
		fv[9] = store_i64(y1, f->y1);
		fv[10] = f->validators_json ? f->validators_json : "{}";
		fv[11] = f->status;
		fv[12] = model;
		res = store_exec(
		    s,
		    "INSERT INTO fields (document_id, name, raw_text, value, confidence,"
		    " page, x0, y0, x1, y1, validators, status, model_version,"
		    " definitions_version)"
		    " SELECT $1::bigint, $2, $3, $4, $5::real, $6::int, $7::int, $8::int,"
		    " $9::int, $10::int, $11::jsonb, $12, $13, d.definitions_version"
		    " FROM documents d WHERE d.id = $1::bigint",
		    13, fv, PGRES_COMMAND_OK, "cannot save a field", err);
		if (!res)
			return -1;
		PQclear(res);
	}
	return save_links(s, doc_id, d, err);
}

int store_classify_save(store *s, int64_t dossier_id, int64_t run_id, const char *model_version,
                        const char *defs_version, const store_document *docs, int n, core_err *err)
{
	char id[STORE_NUM_LEN], run[STORE_NUM_LEN];
	const char *vals[1];
	PGresult *res = NULL;
	int rc = -1;

	vals[0] = store_i64(id, dossier_id);
	store_i64(run, run_id);
	/* Human decisions outlive a reclassification of the same document. */
	if (store_exec_cmd(s,
	                   "CREATE TEMP TABLE IF NOT EXISTS sohoa_kept (type text, first_page int,"
	                   " name text, value text, status text, verified_by text,"
	                   " verified_at timestamptz) ON COMMIT DELETE ROWS",
	                   "cannot keep verified fields", err))
		goto out;
	res =
	    store_exec(s,
	               "INSERT INTO sohoa_kept SELECT d.type, d.first_page, f.name, f.value,"
	               " f.status, f.verified_by, f.verified_at"
	               " FROM fields f JOIN documents d ON d.id = f.document_id"
	               " WHERE d.dossier_id = $1::bigint AND f.status IN ('verified', 'rejected')",
	               1, vals, PGRES_COMMAND_OK, "cannot keep verified fields", err);
	if (!res)
		goto out;
	PQclear(res);
	res = store_exec(s, "DELETE FROM documents WHERE dossier_id = $1::bigint", 1, vals,
	                 PGRES_COMMAND_OK, "cannot replace the documents", err);
	if (!res)
		goto out;
	PQclear(res);
	res = NULL;
	for (int i = 0; i < n; i++)
		if (save_document(s, id, run, model_version, defs_version, &docs[i], err))
			goto out;
	res = store_exec(s,
	                 "UPDATE fields f SET status = k.status, verified_by = k.verified_by,"
	                 " verified_at = k.verified_at"
	                 " FROM documents d, sohoa_kept k"
	                 " WHERE d.id = f.document_id AND d.dossier_id = $1::bigint"
	                 " AND k.type = d.type AND k.first_page = d.first_page AND k.name = f.name"
	                 " AND k.value IS NOT DISTINCT FROM f.value",
	                 1, vals, PGRES_COMMAND_OK, "cannot keep verified fields", err);
	if (!res)
		goto out;
	PQclear(res);
	res = store_exec(s, "UPDATE dossiers SET classified_at = now() WHERE id = $1::bigint", 1,
	                 vals, PGRES_COMMAND_OK, "cannot mark the dossier classified", err);
	if (!res)
		goto out;
	if (store_commit(s, err))
		goto out;
	rc = 0;
out:
	PQclear(res);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_dossier_ids(store *s, const char *code, int64_t **ids, int *n, core_err *err)
{
	const char *vals[1] = {code};
	PGresult *res;
	int rows;

	*ids = NULL;
	*n = 0;
	res = store_exec(s,
	                 "SELECT DISTINCT ON (code) id FROM dossiers"
	                 " WHERE $1::text IS NULL OR code = $1::text ORDER BY code, id DESC",
	                 1, vals, PGRES_TUPLES_OK, "cannot list the dossiers", err);
	if (!res)
		return -1;
	rows = ids_from_result(res, ids, n, err);
	PQclear(res);
	return rows;
}

static int ids_from_result(PGresult *res, int64_t **ids, int *n, core_err *err)
{
	int rows = PQntuples(res);

	if (rows > STORE_DOCS_MAX_IDS)
		return core_err_set(err, CORE_ELIMIT, "too many dossiers");
	*ids = calloc((size_t)(rows ? rows : 1), sizeof(**ids));
	if (!*ids)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = 0; i < rows; i++)
		(*ids)[i] = store_get_i64(res, i, 0);
	*n = rows;
	return 0;
}

int store_dossiers_unclassified(store *s, const int64_t *ids, int n, int64_t **out, int *n_out,
                                core_err *err)
{
	const char *vals[1];
	PGresult *res = NULL;
	core_buf arr;
	int rc = -1;

	*out = NULL;
	*n_out = 0;
	core_buf_init(&arr, 32u << 20);
	if (store_id_array(&arr, ids, n, err))
		goto out;
	vals[0] = arr.data;
	res = store_exec(s,
	                 "SELECT d.id FROM dossiers d WHERE d.id = ANY($1::bigint[])"
	                 " AND d.classified_at IS NULL"
	                 " AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.dossier_id = d.id"
	                 "                 AND p.status = 'pending')"
	                 " ORDER BY d.id",
	                 1, vals, PGRES_TUPLES_OK, "cannot list the dossiers", err);
	if (!res || ids_from_result(res, out, n_out, err))
		goto out;
	rc = 0;
out:
	PQclear(res);
	core_buf_free(&arr);
	return rc;
}

typedef struct store_json_walk {
	store_json_cb cb;
	void *ctx;
} store_json_walk;

static int store_json_row(void *vctx, const PGresult *row, core_err *err)
{
	const store_json_walk *w = vctx;

	return w->cb(w->ctx, PQgetvalue(row, 0, 0), PQgetvalue(row, 0, 1), err);
}

int store_documents_foreach(store *s, const char *code, store_json_cb cb, void *ctx, core_err *err)
{
	const char *vals[1] = {code};
	store_json_walk w = {cb, ctx};

	return store_exec_stream(
	    s,
	    "SELECT d.code, json_build_object('dossier', d.code, 'documents',"
	    "  coalesce((SELECT json_agg(json_build_object("
	    "    'type', doc.type, 'first_page', doc.first_page, 'last_page', doc.last_page,"
	    "    'confidence', doc.confidence,"
	    "    'fields', (SELECT coalesce(json_agg(json_build_object("
	    "        'name', f.name, 'value', f.value, 'raw', f.raw_text, 'status', f.status,"
	    "        'confidence', f.confidence, 'page', f.page,"
	    "        'box', json_build_array(f.x0, f.y0, f.x1, f.y1),"
	    "        'validators', f.validators) ORDER BY f.id), '[]')"
	    "      FROM fields f WHERE f.document_id = doc.id),"
	    "    'subjects', (SELECT coalesce(json_agg(json_build_object("
	    "        'kind', sj.kind, 'key', sj.key, 'role', ds.role)"
	    "        ORDER BY sj.kind, sj.key, ds.role), '[]')"
	    "      FROM document_subjects ds JOIN subjects sj ON sj.id = ds.subject_id"
	    "      WHERE ds.document_id = doc.id))"
	    "    ORDER BY doc.first_page)"
	    "   FROM documents doc WHERE doc.dossier_id = d.id), '[]'))::text"
	    " FROM (SELECT DISTINCT ON (code) id, code FROM dossiers"
	    "       WHERE $1::text IS NULL OR code = $1::text ORDER BY code, id DESC) d"
	    " ORDER BY d.code",
	    1, vals, "cannot read the documents", store_json_row, &w, err);
}
