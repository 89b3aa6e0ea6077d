/*
 * api_routes.c - the routes of the reuse service and their handlers.
 * Every parameter is checked here, before the store sees it; the store
 * passes values only as statement parameters.
 */
#include "api_int.h"
#include "classify.h"
#include "ocr.h"

#include <errno.h>
#include <float.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const api_doc_types[] = {"cccd",
                                            "cmnd",
                                            "birth_certificate",
                                            "marriage_certificate",
                                            "marital_status_certificate",
                                            "business_registration",
                                            "land_use_certificate",
                                            "decision",
                                            "application_form",
                                            "other"};

bool api_doc_type_known(const char *type)
{
	for (size_t i = 0; i < sizeof(api_doc_types) / sizeof(api_doc_types[0]); i++)
		if (strcmp(type, api_doc_types[i]) == 0)
			return true;
	return false;
}

bool api_subject_parse(const char *id, const char **kind, char *reason, size_t reason_size)
{
	char why[CLASSIFY_REASON_MAX] = "";
	size_t n = strlen(id);
	bool digits = n > 0;

	*kind = NULL;
	for (size_t i = 0; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			digits = false;
	if (digits && n == 12) {
		if (!classify_valid_personal_id(id, NULL, 0, why))
			goto bad;
		*kind = "person";
		return true;
	}
	if ((digits && n == 10) || (n == 14 && id[10] == '-')) {
		if (!classify_valid_enterprise_code(id, why))
			goto bad;
		*kind = "enterprise";
		return true;
	}
	if (digits && n == 9)
		core_strlcpy(
		    why, "a 9-digit CMND number is not a subject key; use the 12-digit personal ID",
		    sizeof(why));
	else
		core_strlcpy(why, "expected a 12-digit personal ID or a 10-digit enterprise code",
		             sizeof(why));
bad:
	core_strlcpy(reason, why, reason_size);
	return false;
}

/* ---- metrics -------------------------------------------------------- */

const int api_codes[API_N_CODES] = {200, 201, 400, 401, 403, 404, 405, 413, 422, 429, 500, 503, 0};
const double api_buckets[API_N_BUCKETS] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                           0.1,   0.25,   0.5,   1.0,  2.5};

int api_code_index(int status)
{
	for (int i = 0; i < API_N_CODES - 1; i++)
		if (api_codes[i] == status)
			return i;
	return API_N_CODES - 1;
}

int api_metrics_text(api_server *srv, store *st, char **out, size_t *len, core_err *err)
{
	static const char *const status_names[] = {"pending", "done", "failed", "blank"};
	int64_t pages[4];
	core_buf b;

	*out = NULL;
	*len = 0;
	if (store_pages_by_status(st, pages, err))
		return -1;
	core_buf_init(&b, 1 << 20);
	core_buf_puts(&b,
	              "# HELP sohoa_http_requests_total HTTP requests by route and status.\n"
	              "# TYPE sohoa_http_requests_total counter\n",
	              err);
	for (int r = 0; r <= api_route_n; r++) {
		const char *path = r < api_route_n ? api_route_table[r].info.path : "unmatched";
		for (int c = 0; c < API_N_CODES; c++) {
			unsigned long long v = atomic_load(&srv->m.count[r * API_N_CODES + c]);
			if (!v)
				continue;
			if (api_codes[c])
				core_buf_printf(
				    &b, err,
				    "sohoa_http_requests_total{route=\"%s\",code=\"%d\"} %llu\n",
				    path, api_codes[c], v);
			else
				core_buf_printf(
				    &b, err,
				    "sohoa_http_requests_total{route=\"%s\",code=\"other\"} %llu\n",
				    path, v);
		}
	}
	core_buf_puts(&b,
	              "# HELP sohoa_http_request_duration_seconds Time to answer a request.\n"
	              "# TYPE sohoa_http_request_duration_seconds histogram\n",
	              err);
	for (int r = 0; r <= api_route_n; r++) {
		const char *path = r < api_route_n ? api_route_table[r].info.path : "unmatched";
		unsigned long long total = 0;
		for (int c = 0; c < API_N_CODES; c++)
			total += atomic_load(&srv->m.count[r * API_N_CODES + c]);
		if (!total)
			continue;
		for (int k = 0; k < API_N_BUCKETS; k++)
			core_buf_printf(
			    &b, err,
			    "sohoa_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} "
			    "%llu\n",
			    path, api_buckets[k],
			    atomic_load(&srv->m.bucket[r * API_N_BUCKETS + k]));
		core_buf_printf(
		    &b, err,
		    "sohoa_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
		    "sohoa_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
		    "sohoa_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
		    path, total, path, (double)atomic_load(&srv->m.sum_us[r]) / 1e6, path, total);
	}
	core_buf_printf(
	    &b, err,
	    "# HELP sohoa_http_rate_limited_total Requests refused by a token's rate limit.\n"
	    "# TYPE sohoa_http_rate_limited_total counter\n"
	    "sohoa_http_rate_limited_total %llu\n",
	    atomic_load(&srv->m.rate_limited));
	core_buf_puts(&b,
	              "# HELP sohoa_pages Pages in the store by status.\n"
	              "# TYPE sohoa_pages gauge\n",
	              err);
	for (int i = 0; i < 4; i++)
		core_buf_printf(&b, err, "sohoa_pages{status=\"%s\"} %lld\n", status_names[i],
		                (long long)pages[i]);
	if (core_err_isset(err)) {
		core_buf_free(&b);
		return -1;
	}
	*len = b.len;
	*out = core_buf_steal(&b);
	return 0;
}

/* ---- handlers ------------------------------------------------------- */

static void api_h_health(api_ctx *x)
{
	core_err err;

	core_err_clear(&err);
	if (store_ping(x->st, &err)) {
		api_reply_json(x, 503,
		               strdup("{\"status\":\"degraded\",\"database\":\"unreachable\"}\n"));
		return;
	}
	api_reply_json(x, 200, strdup("{\"status\":\"ok\",\"database\":\"ok\"}\n"));
}

static void api_h_metrics(api_ctx *x)
{
	char *text = NULL;
	size_t len = 0;
	core_err err;

	core_err_clear(&err);
	if (api_metrics_text(x->srv, x->st, &text, &len, &err)) {
		api_reply_failure(x, &err);
		return;
	}
	api_reply_bytes(x, 200, "text/plain; version=0.0.4", text, len);
}

static void api_h_openapi(api_ctx *x)
{
	size_t len = 0;
	const char *text = api_openapi_text(&len);
	char *copy = malloc(len + 1);

	if (!copy) {
		api_reply_error(x, 500, "internal", NULL, "out of memory");
		return;
	}
	memcpy(copy, text, len + 1);
	api_reply_bytes(x, 200, "application/json", copy, len);
}

/* The subject in path segment 2; false after replying 400. */
static bool api_subject_arg(api_ctx *x, const char **kind)
{
	char reason[CLASSIFY_REASON_MAX];

	if (!api_subject_parse(x->seg[2], kind, reason, sizeof(reason))) {
		api_reply_error(x, 400, "bad_parameter", "id", "%s", reason);
		return false;
	}
	return true;
}

/* The answer of a read: the failure, a 404 naming the parameter, or the JSON. */
static void api_reply_read(api_ctx *x, int rc, const core_err *err, char *json, const char *param,
                           const char *missing)
{
	if (rc)
		api_reply_failure(x, err);
	else if (!json)
		api_reply_error(x, 404, "not_found", param, "%s", missing);
	else
		api_reply_json(x, 200, json);
}

static void api_h_subject(api_ctx *x)
{
	const char *kind;
	int rc;
	char *json = NULL;
	core_err err;

	core_err_clear(&err);
	if (!api_subject_arg(x, &kind))
		return;
	rc = store_subject_get(x->st, &x->reader, x->endpoint, kind, x->seg[2], &json, &err);
	api_reply_read(x, rc, &err, json, "id", "no records for this subject");
}

static bool api_type_arg(api_ctx *x, const char **type)
{
	*type = api_arg(x, "type");
	if (*type && !api_doc_type_known(*type)) {
		api_reply_error(x, 400, "bad_parameter", "type", "unknown document type");
		return false;
	}
	return true;
}

static void api_h_subject_docs(api_ctx *x)
{
	const char *kind, *type;
	int rc;
	char *json = NULL;
	core_err err;

	core_err_clear(&err);
	if (!api_subject_arg(x, &kind) || !api_type_arg(x, &type))
		return;
	rc = store_subject_documents(x->st, &x->reader, x->endpoint, kind, x->seg[2], type, &json,
	                             &err);
	api_reply_read(x, rc, &err, json, "id", "no records for this subject");
}

static bool api_doc_arg(api_ctx *x, int64_t *id)
{
	if (!api_parse_i64(x->seg[2], 1, INT64_MAX, id)) {
		api_reply_error(x, 400, "bad_parameter", "id",
		                "expected a positive document number");
		return false;
	}
	return true;
}

static bool api_page_arg(api_ctx *x, int *n)
{
	int64_t v;

	if (!api_parse_i64(x->seg[4], 1, 1000000, &v)) {
		api_reply_error(x, 400, "bad_parameter", "n", "expected a page number from 1");
		return false;
	}
	*n = (int)v;
	return true;
}

static void api_h_document(api_ctx *x)
{
	int64_t id;
	int rc;
	char *json = NULL;
	core_err err;

	core_err_clear(&err);
	if (!api_doc_arg(x, &id))
		return;
	rc = store_document_get(x->st, &x->reader, x->endpoint, id, &json, &err);
	api_reply_read(x, rc, &err, json, "id", "no such document");
}

static void api_h_page_text(api_ctx *x)
{
	int64_t id;
	int n;
	char *text = NULL;
	store_page_status st;
	core_err err;

	core_err_clear(&err);
	if (!api_doc_arg(x, &id) || !api_page_arg(x, &n))
		return;
	if (store_page_text_read(x->st, &x->reader, x->endpoint, id, n, &text, &st, &err)) {
		api_reply_failure(x, &err);
		return;
	}
	if (!text) {
		api_reply_error(x, 404, "not_found", "n", "no such page in this document");
		return;
	}
	api_reply_bytes(x, 200, "text/plain; charset=utf-8", text, strlen(text));
}

static void api_h_page_image(api_ctx *x)
{
	int64_t id;
	int n, index = 0, rotation = 0, result = 500;
	char *path = NULL;
	unsigned char *png = NULL;
	size_t png_len = 0;
	ocr_image *img = NULL;
	ocr_limits lim;
	core_err err, aerr;

	core_err_clear(&err);
	core_err_clear(&aerr);
	if (!api_doc_arg(x, &id) || !api_page_arg(x, &n))
		return;
	if (store_page_source(x->st, id, n, &path, &index, &rotation, &err)) {
		api_reply_failure(x, &err);
		goto out;
	}
	if (!path) {
		result = 404;
		api_reply_error(x, 404, "not_found", "n", "no such page in this document");
		goto audit;
	}
	ocr_limits_default(&lim);
	/* Turned as it was for OCR, so that field boxes fall on the text. */
	if (ocr_image_load(path, index, &lim, &img, &err) ||
	    ocr_image_rotate(img, rotation, &err) || ocr_image_png(img, &png, &png_len, &err)) {
		core_log(CORE_LOG_ERROR, "http_image", NULL, "request %s: %s: %s", x->request_id,
		         err.msg, err.detail);
		/* A moved or deleted scan is the archive's business, not a bug. */
		result = err.code == CORE_EIO ? 404 : 500;
		if (result == 404)
			api_reply_error(x, 404, "gone", "n",
			                "the source file is no longer readable");
		else
			api_reply_error(x, 500, "internal", NULL, "cannot render the page");
		goto audit;
	}
	result = 200;
	api_reply_bytes(x, 200, "image/png", png, png_len);
	png = NULL;
audit:
	if (store_audit_document(x->st, &x->reader, x->endpoint, id, result, &aerr)) {
		/* No audit row: the image must not go out. */
		api_reply_failure(x, &aerr);
	}
out:
	free(path);
	free(png);
	ocr_image_destroy(&img);
}

/* "RANK_ID" as handed out in next_cursor. */
static bool api_cursor_parse(const char *s, char *rank, size_t rank_size, int64_t *id)
{
	const char *us = strchr(s, '_');
	size_t n;
	char *end;
	float v;

	if (!us || us == s)
		return false;
	n = (size_t)(us - s);
	if (n >= rank_size || n > 32)
		return false;
	memcpy(rank, s, n);
	rank[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789.e-+", rank[i]))
			return false;
	/* The rank goes to the database as a real: a value a float cannot
	 * hold would fail there, as a server error instead of a bad cursor. */
	errno = 0;
	v = strtof(rank, &end);
	if (*end || errno != 0 || !isfinite(v) || (v != 0.0f && fabsf(v) < FLT_MIN))
		return false;
	return api_parse_i64(us + 1, 1, INT64_MAX, id);
}

static void api_h_search(api_ctx *x)
{
	store_search_q q = {0};
	const char *lim = api_arg(x, "limit"), *cur = api_arg(x, "cursor");
	char rank[40];
	int64_t v = 20;
	bool word = false;
	char *json = NULL;
	core_err err;

	core_err_clear(&err);
	q.text = api_arg(x, "q");
	if (!q.text || !*q.text) {
		api_reply_error(x, 400, "bad_parameter", "q", "the search text is missing");
		return;
	}
	if (strlen(q.text) > 400) {
		api_reply_error(x, 400, "bad_parameter", "q", "longer than 400 bytes");
		return;
	}
	for (const unsigned char *p = (const unsigned char *)q.text; *p; p++)
		if (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			word = true;
	if (!word) {
		api_reply_error(x, 400, "bad_parameter", "q", "the search text has no words");
		return;
	}
	if (!api_text_ok(q.text)) {
		api_reply_error(x, 400, "bad_parameter", "q",
		                "not UTF-8 text without control characters");
		return;
	}
	if (!api_type_arg(x, &q.type))
		return;
	if (lim && !api_parse_i64(lim, 1, 100, &v)) {
		api_reply_error(x, 400, "bad_parameter", "limit", "expected 1 to 100");
		return;
	}
	q.limit = (int)v;
	if (cur) {
		if (!api_cursor_parse(cur, rank, sizeof(rank), &q.cursor_id)) {
			api_reply_error(x, 400, "bad_parameter", "cursor",
			                "not a cursor from next_cursor");
			return;
		}
		q.cursor_rank = rank;
	}
	if (store_search(x->st, &x->reader, x->endpoint, &q, &json, &err)) {
		api_reply_failure(x, &err);
		return;
	}
	api_reply_json(x, 200, json);
}

/* Codes of offices, procedures and dossiers: short, no spaces. */
static bool api_code_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '-' || c == '_' || c == '.' || c == '/'))
			return false;
	}
	return true;
}

static void api_h_reuse(api_ctx *x)
{
	static const char *const members[] = {"procedure_code", "receiving_dossier", "office",
	                                      "subject",        "document_ids",      "purpose"};
	json_error_t jerr;
	json_t *root = NULL, *ids;
	const char *key, *kind = NULL;
	json_t *val;
	int64_t docs[100];
	store_reuse_in in = {0};
	store_reuse_out out;
	char reason[CLASSIFY_REASON_MAX], *body = NULL;
	core_err err;
	size_t i;

	core_err_clear(&err);
	root = json_loadb(x->body, x->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root || !json_is_object(root)) {
		api_reply_error(x, 400, "bad_body", NULL, "expected a JSON object: %s",
		                root ? "not an object" : jerr.text);
		goto out;
	}
	json_object_foreach(root, key, val)
	{
		bool known = false;
		for (i = 0; i < sizeof(members) / sizeof(members[0]); i++)
			known |= strcmp(key, members[i]) == 0;
		if (!known) {
			api_reply_error(x, 400, "bad_parameter", key, "unknown member");
			goto out;
		}
	}
	for (i = 0; i < 4; i++) {
		const char *v = json_string_value(json_object_get(root, members[i]));
		if (!v || (i < 3 && !api_code_ok(v, 64))) {
			api_reply_error(x, 400, "bad_parameter", members[i],
			                "%s: up to 64 letters, digits and - _ . /",
			                v ? "invalid" : "missing");
			goto out;
		}
	}
	in.procedure_code = json_string_value(json_object_get(root, "procedure_code"));
	in.receiving_dossier = json_string_value(json_object_get(root, "receiving_dossier"));
	in.office = json_string_value(json_object_get(root, "office"));
	in.subject_key = json_string_value(json_object_get(root, "subject"));
	if (!api_subject_parse(in.subject_key, &kind, reason, sizeof(reason))) {
		api_reply_error(x, 400, "bad_parameter", "subject", "%s", reason);
		goto out;
	}
	in.subject_kind = kind;
	ids = json_object_get(root, "document_ids");
	if (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > 100) {
		api_reply_error(x, 400, "bad_parameter", "document_ids",
		                "expected an array of 1 to 100 document numbers");
		goto out;
	}
	for (i = 0; i < json_array_size(ids); i++) {
		json_t *e = json_array_get(ids, i);
		if (!json_is_integer(e) || json_integer_value(e) < 1) {
			api_reply_error(x, 400, "bad_parameter", "document_ids",
			                "expected positive document numbers");
			goto out;
		}
		docs[i] = (int64_t)json_integer_value(e);
	}
	in.document_ids = docs;
	in.n_documents = (int)json_array_size(ids);
	val = json_object_get(root, "purpose");
	/* It is stored and shown in the audit trail: text, no NUL, no controls. */
	if (val && (!json_is_string(val) || json_string_length(val) > 200 ||
	            strlen(json_string_value(val)) != json_string_length(val) ||
	            !api_text_ok(json_string_value(val)))) {
		api_reply_error(x, 400, "bad_parameter", "purpose",
		                "expected text up to 200 bytes without control characters");
		goto out;
	}
	/* The X-Purpose header was checked like this by the dispatcher. */
	in.purpose = val ? json_string_value(val) : x->reader.purpose;
	in.token_id = x->tok.id;
	in.agency = x->tok.agency;
	in.actor = x->reader.actor;
	in.endpoint = x->endpoint;
	in.request_id = x->reader.request_id;
	if (store_reuse_record(x->st, &in, &out, &err)) {
		api_reply_failure(x, &err);
		goto out;
	}
	if (!out.subject_found) {
		api_reply_error(x, 404, "not_found", "subject", "no records for this subject");
		goto out;
	}
	if (out.linked != out.distinct) {
		api_reply_error(x, 422, "not_linked", "document_ids",
		                "%d of %d documents do not belong to the subject",
		                out.distinct - out.linked, out.distinct);
		goto out;
	}
	body = malloc(96);
	if (!body) {
		api_reply_error(x, 500, "internal", NULL, "out of memory");
		goto out;
	}
	snprintf(body, 96, "{\"id\":%lld,\"created\":%s}\n", (long long)out.event_id,
	         out.created ? "true" : "false");
	api_reply_json(x, out.created ? 201 : 200, body);
out:
	json_decref(root);
}

const api_route api_route_table[] = {
    {{"GET", "/healthz", NULL}, STORE_SCOPE_NONE, "", false, api_h_health},
    {{"GET", "/metrics", "admin"}, STORE_SCOPE_ADMIN, "", false, api_h_metrics},
    {{"GET", "/v1/openapi.json", "read"}, STORE_SCOPE_READ, "", false, api_h_openapi},
    {{"GET", "/v1/subjects/{id}", "read"}, STORE_SCOPE_READ, "", true, api_h_subject},
    {{"GET", "/v1/subjects/{id}/documents", "read"},
     STORE_SCOPE_READ,
     "type",
     true,
     api_h_subject_docs},
    {{"GET", "/v1/documents/{id}", "read"}, STORE_SCOPE_READ, "", true, api_h_document},
    {{"GET", "/v1/documents/{id}/pages/{n}/text", "read"},
     STORE_SCOPE_READ,
     "",
     true,
     api_h_page_text},
    {{"GET", "/v1/documents/{id}/pages/{n}/image", "read"},
     STORE_SCOPE_READ,
     "",
     true,
     api_h_page_image},
    {{"GET", "/v1/search", "read"}, STORE_SCOPE_READ, "q,type,limit,cursor", true, api_h_search},
    {{"POST", "/v1/reuse", "reuse"}, STORE_SCOPE_REUSE, "", false, api_h_reuse},
};

const int api_route_n = (int)(sizeof(api_route_table) / sizeof(api_route_table[0]));

int api_route_count(void)
{
	return api_route_n;
}

const api_route_info *api_route_get(int i)
{
	return i >= 0 && i < api_route_n ? &api_route_table[i].info : NULL;
}
