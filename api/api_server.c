/*
 * api_server.c - the HTTP side of `sohoa serve`: libmicrohttpd with a
 * pool of request threads, each request borrowing one database
 * connection; authentication, scopes, per-token rate limits, limits on
 * requests, metrics and the access log.
 *
 * Everything a request needs is in its api_ctx or in the server, whose
 * configuration is immutable once serving starts; the shared mutable
 * parts (connection pool, token buckets) are behind their own mutexes
 * and the counters are atomics.
 */
#include "api_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define API_PATH_MAX 2048
/* Body bytes read and dropped past --max-body before a chunked upload's
 * connection is closed instead of answered 413. */
#define API_DROP_MAX (1u << 20)
/* Longest parameter name an error body echoes (a client chose it). */
#define API_PARAM_NAME_MAX 64

void api_options_default(api_options *o)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->listen = "127.0.0.1:8080";
	/* Requests wait on the database most of their time: two threads
	 * per core keep both busy. */
	o->threads = (int)(cores > 0 ? 2 * cores : 4);
	o->max_connections = 512;
	o->timeout_s = 30;
	o->max_body = 64 * 1024;
	o->rate_limit = 50;
	o->rate_burst = 0;
}

/* ---- replies -------------------------------------------------------- */

void api_reply_bytes(api_ctx *x, int status, const char *ctype, void *data, size_t len)
{
	free(x->out);
	x->status = status;
	x->ctype = ctype;
	x->out = data;
	x->out_len = len;
}

void api_reply_json(api_ctx *x, int status, char *json)
{
	api_reply_bytes(x, status, "application/json", json, json ? strlen(json) : 0);
}

void api_reply_error(api_ctx *x, int status, const char *code, const char *parameter,
                     const char *fmt, ...)
{
	char msg[CORE_MSG_MAX];
	core_buf b;
	core_err err;
	va_list ap;

	core_err_clear(&err);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	core_buf_init(&b, 4096);
	core_buf_puts(&b, "{\"error\":{\"code\":", &err);
	core_buf_json_str(&b, code, &err);
	core_buf_puts(&b, ",\"message\":", &err);
	core_buf_json_str(&b, msg, &err);
	if (parameter) {
		/* A client's own parameter name can be any length: cut it, on a
		 * character boundary, so that the body always fits. */
		char name[API_PARAM_NAME_MAX + 1];
		size_t n = strlen(parameter);

		if (n > API_PARAM_NAME_MAX) {
			n = API_PARAM_NAME_MAX;
			while (n > 0 && ((unsigned char)parameter[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(name, parameter, n);
		name[n] = '\0';
		core_buf_puts(&b, ",\"parameter\":", &err);
		core_buf_json_str(&b, name, &err);
	}
	core_buf_puts(&b, ",\"request_id\":", &err);
	core_buf_json_str(&b, x->request_id, &err);
	core_buf_puts(&b, "}}\n", &err);
	if (core_err_isset(&err)) {
		core_buf_free(&b);
		api_reply_bytes(x, status, "application/json", NULL, 0);
		return;
	}
	api_reply_json(x, status, core_buf_steal(&b));
}

void api_reply_failure(api_ctx *x, const core_err *err)
{
	bool down = err->code == CORE_EDB && x->st && !store_connection_ok(x->st);

	core_log(CORE_LOG_ERROR, "http_failure", NULL, "request %s: %s: %s", x->request_id,
	         err->msg, err->detail);
	if (down)
		api_reply_error(x, 503, "unavailable", NULL, "the database is unreachable");
	else
		api_reply_error(x, 500, "internal", NULL, "the request failed; see the server log");
}

const char *api_arg(api_ctx *x, const char *name)
{
	return MHD_lookup_connection_value(x->conn, MHD_GET_ARGUMENT_KIND, name);
}

bool api_parse_i64(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t v = 0;

	if (!s || !*s || strlen(s) > 18)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	if (v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool api_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	/* Well-formed UTF-8 (no overlongs, surrogates or code points past
	 * U+10FFFF) and no control characters: what the audit stores must
	 * be text a person can read back. */
	while (*p) {
		int n;
		uint32_t cp;

		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0) {
			n = 1;
			cp = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			n = 2;
			cp = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			n = 3;
			cp = *p & 0x07;
		} else {
			return false;
		}
		p++;
		for (int i = 0; i < n; i++, p++) {
			if ((*p & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (*p & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp < 0xA0))
			return false;
	}
	return true;
}

/* ---- the connection pool --------------------------------------------- */

static store *api_pool_get(api_server *srv)
{
	store *st;

	pthread_mutex_lock(&srv->pool_mu);
	while (srv->pool_free == 0)
		pthread_cond_wait(&srv->pool_cv, &srv->pool_mu);
	st = srv->pool[--srv->pool_free];
	pthread_mutex_unlock(&srv->pool_mu);
	return st;
}

static void api_pool_put(api_server *srv, store *st)
{
	pthread_mutex_lock(&srv->pool_mu);
	srv->pool[srv->pool_free++] = st;
	pthread_cond_signal(&srv->pool_cv);
	pthread_mutex_unlock(&srv->pool_mu);
}

/* ---- rate limits ------------------------------------------------------ */

/*
 * Token bucket per token.  Returns 0 when the request may go on, else
 * the seconds to wait.  The table is bounded: when full, the oldest
 * idle bucket in the probe window is reused (an idle bucket is full
 * anyway).
 */
static int api_rate_check(api_server *srv, int64_t token_id, int rate)
{
	double now = core_now(), burst;
	api_bucket *b = NULL, *oldest = NULL;
	int wait = 0;

	if (rate <= 0)
		return 0;
	burst = srv->o.rate_burst > 0 ? srv->o.rate_burst : 2.0 * rate;
	pthread_mutex_lock(&srv->rl_mu);
	for (int i = 0; i < 16; i++) {
		api_bucket *c = &srv->buckets[(uint64_t)(token_id + i) % (uint64_t)srv->n_buckets];
		if (c->token_id == token_id || c->token_id == 0) {
			b = c;
			break;
		}
		if (!oldest || c->last < oldest->last)
			oldest = c;
	}
	if (!b) {
		b = oldest;
		b->token_id = 0;
	}
	if (b->token_id == 0) {
		b->token_id = token_id;
		b->tokens = burst;
		b->last = now;
	}
	b->tokens = fmin(burst, b->tokens + (now - b->last) * rate);
	b->last = now;
	if (b->tokens >= 1.0)
		b->tokens -= 1.0;
	else
		wait = (int)ceil((1.0 - b->tokens) / rate);
	pthread_mutex_unlock(&srv->rl_mu);
	return wait;
}

/* ---- dispatch ---------------------------------------------------------- */

/* Splits path into segments in buf; false when it has too many. */
static bool api_split(const char *path, char *buf, size_t size, const char **seg, int *n)
{
	char *p, *s;

	*n = 0;
	if (core_strlcpy(buf, path, size) >= size)
		return false;
	p = buf;
	if (*p == '/')
		p++;
	while (*p) {
		if (*n == API_MAX_SEGS)
			return false;
		s = p;
		while (*p && *p != '/')
			p++;
		if (*p)
			*p++ = '\0';
		seg[(*n)++] = s;
	}
	return true;
}

static bool api_route_match(const api_route *r, const char *const *seg, int n)
{
	const char *t = r->info.path + 1;
	int i = 0;

	while (*t) {
		const char *e = strchr(t, '/');
		size_t len = e ? (size_t)(e - t) : strlen(t);

		if (i >= n)
			return false;
		if (!(t[0] == '{' && t[len - 1] == '}') &&
		    (strlen(seg[i]) != len || strncmp(seg[i], t, len) != 0))
			return false;
		if (t[0] == '{' && !seg[i][0])
			return false;
		i++;
		t += len;
		if (*t == '/')
			t++;
	}
	return i == n;
}

typedef struct api_argcheck {
	const char *allowed;
	const char *bad;
} api_argcheck;

static enum MHD_Result api_arg_visit(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	api_argcheck *c = cls;
	size_t n = strlen(key);

	for (const char *p = c->allowed; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, key, n) == 0)
			return MHD_YES;
		p += len + (e ? 1 : 0);
	}
	c->bad = key;
	return MHD_NO;
}

static bool api_scope_ok(store_scope have, store_scope need)
{
	return have >= need;
}

static void api_dispatch(api_ctx *x, const char *method, const char *url)
{
	char path[API_PATH_MAX];
	const api_route *path_match = NULL;
	api_argcheck ac = {NULL, NULL};
	const char *auth, *purpose;
	core_err err;
	int wait;

	core_err_clear(&err);
	if (!api_split(url, path, sizeof(path), x->seg, &x->n_seg)) {
		api_reply_error(x, 404, "not_found", NULL, "no such resource");
		return;
	}
	for (int i = 0; i < api_route_n; i++) {
		if (!api_route_match(&api_route_table[i], x->seg, x->n_seg))
			continue;
		path_match = &api_route_table[i];
		if (strcmp(api_route_table[i].info.method, method) == 0) {
			x->route = &api_route_table[i];
			break;
		}
	}
	if (!x->route) {
		if (path_match) {
			core_strlcpy(x->allow, path_match->info.method, sizeof(x->allow));
			api_reply_error(x, 405, "method_not_allowed", NULL, "use %s",
			                path_match->info.method);
		} else {
			api_reply_error(x, 404, "not_found", NULL, "no such resource");
		}
		return;
	}
	snprintf(x->endpoint, sizeof(x->endpoint), "%s %s", method, x->route->info.path);
	ac.allowed = x->route->params;
	MHD_get_connection_values(x->conn, MHD_GET_ARGUMENT_KIND, api_arg_visit, &ac);
	if (ac.bad) {
		api_reply_error(x, 400, "bad_parameter", ac.bad, "unknown parameter");
		return;
	}
	x->st = api_pool_get(x->srv);
	if (!store_connection_ok(x->st) && store_ping(x->st, &err)) {
		api_reply_failure(x, &err);
		return;
	}
	if (x->route->scope != STORE_SCOPE_NONE) {
		auth = MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND,
		                                   MHD_HTTP_HEADER_AUTHORIZATION);
		if (!auth || strncasecmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) > 200) {
			api_reply_error(x, 401, "unauthorized", NULL, "a bearer token is required");
			return;
		}
		if (store_token_auth(x->st, auth + 7, &x->tok, &err)) {
			api_reply_failure(x, &err);
			return;
		}
		if (!x->tok.found || x->tok.revoked) {
			api_reply_error(x, 401, "unauthorized", NULL, "%s",
			                x->tok.found ? "the token was revoked" : "unknown token");
			return;
		}
		if (!api_scope_ok(x->tok.scope, x->route->scope)) {
			api_reply_error(
			    x, 403, "forbidden", NULL, "the token's scope is %s; %s needed",
			    store_scope_name(x->tok.scope), store_scope_name(x->route->scope));
			return;
		}
		wait = api_rate_check(x->srv, x->tok.id,
		                      x->tok.rate_limit >= 0 ? x->tok.rate_limit
		                                             : x->srv->o.rate_limit);
		if (wait > 0) {
			atomic_fetch_add(&x->srv->m.rate_limited, 1);
			snprintf(x->retry_after, sizeof(x->retry_after), "%d", wait);
			api_reply_error(x, 429, "rate_limited", NULL,
			                "too many requests for this token");
			return;
		}
	}
	purpose = MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, "X-Purpose");
	if (purpose && !*purpose)
		purpose = NULL;
	if (x->route->personal && !purpose) {
		api_reply_error(x, 400, "bad_parameter", "X-Purpose",
		                "personal data is released only for a stated purpose");
		return;
	}
	/* Checked on every route: a route may store it (the reuse events). */
	if (purpose) {
		if (strlen(purpose) > 200) {
			api_reply_error(x, 400, "bad_parameter", "X-Purpose",
			                "longer than 200 bytes");
			return;
		}
		if (!api_text_ok(purpose)) {
			api_reply_error(x, 400, "bad_parameter", "X-Purpose",
			                "not UTF-8 text without control characters");
			return;
		}
	}
	x->reader.token_id = x->tok.id;
	x->reader.agency = x->tok.agency;
	x->reader.purpose = purpose;
	x->reader.request_id = x->request_id;
	x->route->fn(x);
}

/* ---- libmicrohttpd glue ------------------------------------------------- */

typedef struct api_req {
	api_server *srv;
	double t0;
	core_buf body;
	bool too_big;
	bool answered;  /* a response is queued: whatever follows is discarded */
	size_t dropped; /* body bytes read past the limit */
} api_req;

static void api_record(api_server *srv, const api_ctx *x, double seconds)
{
	int r = x->route ? (int)(x->route - api_route_table) : api_route_n;
	int c = api_code_index(x->status);
	api_metrics *m = &srv->m;

	atomic_fetch_add(&m->count[r * API_N_CODES + c], 1);
	atomic_fetch_add(&m->sum_us[r], (unsigned long long)(seconds * 1e6));
	for (int b = 0; b < API_N_BUCKETS; b++)
		if (seconds <= api_buckets[b])
			atomic_fetch_add(&m->bucket[r * API_N_BUCKETS + b], 1);
}

static enum MHD_Result api_send(api_ctx *x)
{
	struct MHD_Response *resp;
	enum MHD_Result ok;

	resp = MHD_create_response_from_buffer(x->out_len, x->out, MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return MHD_NO;
	x->out = NULL;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	                        x->ctype ? x->ctype : "application/json");
	MHD_add_response_header(resp, "X-Request-Id", x->request_id);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (x->retry_after[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, x->retry_after);
	if (x->allow[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, x->allow);
	if (x->status == 401)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	/* The rest of a refused body is never read: the connection cannot go on. */
	if (x->status == 413)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	ok = MHD_queue_response(x->conn, (unsigned)x->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Answers the request: the dispatch, or 413 for a body over the limit. */
static enum MHD_Result api_answer(api_server *srv, api_req *rq, struct MHD_Connection *conn,
                                  const char *method, const char *url)
{
	api_ctx x;
	core_err err;
	enum MHD_Result ok;
	double dt;

	rq->answered = true;
	memset(&x, 0, sizeof(x));
	x.srv = srv;
	x.conn = conn;
	x.body = rq->body.data ? rq->body.data : "";
	x.body_len = rq->body.len;
	core_err_clear(&err);
	if (core_random_hex(x.request_id, &err))
		core_strlcpy(x.request_id, "unknown", sizeof(x.request_id));
	x.request_id[16] = '\0';
	if (rq->too_big)
		api_reply_error(&x, 413, "too_large", NULL, "the request body is over %d bytes",
		                srv->o.max_body);
	else
		api_dispatch(&x, method, url);
	if (x.st)
		api_pool_put(srv, x.st);
	x.st = NULL;
	if (!x.status)
		api_reply_error(&x, 500, "internal", NULL, "no answer");
	dt = core_now() - rq->t0;
	api_record(srv, &x, dt);
	if (srv->access_log) {
		char extra[256];
		snprintf(extra, sizeof(extra),
		         "\"request_id\":\"%s\",\"status\":%d,\"ms\":%.2f,\"token_id\":%lld",
		         x.request_id, x.status, dt * 1e3, (long long)x.tok.id);
		core_log(CORE_LOG_INFO, "http", extra, "%s %s %d %.2f ms", method,
		         x.route ? x.route->info.path : "-", x.status, dt * 1e3);
	}
	ok = api_send(&x);
	free(x.out);
	return ok;
}

/* A declared length over the limit: refused before any of it is read. */
static bool api_length_over(struct MHD_Connection *conn, int max_body)
{
	const char *cl =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	int64_t n;

	/* Digits only; anything longer than 18 digits is over any limit. */
	if (!cl || !*cl || strspn(cl, "0123456789") != strlen(cl))
		return false;
	return !api_parse_i64(cl, 0, INT64_MAX, &n) || n > max_body;
}

static enum MHD_Result api_access(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	api_server *srv = cls;
	api_req *rq = *con_cls;
	core_err err;

	(void)version;
	if (!rq) {
		rq = calloc(1, sizeof(*rq));
		if (!rq)
			return MHD_NO;
		rq->srv = srv;
		rq->t0 = core_now();
		core_buf_init(&rq->body, (size_t)srv->o.max_body);
		*con_cls = rq;
		/* Answer at once rather than read a body that will be refused:
		 * libmicrohttpd then closes the connection instead of reading on. */
		if (api_length_over(conn, srv->o.max_body)) {
			rq->too_big = true;
			return api_answer(srv, rq, conn, method, url);
		}
		return MHD_YES;
	}
	if (rq->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;

		core_err_clear(&err);
		*upload_size = 0;
		if (rq->too_big || core_buf_append(&rq->body, upload, n, &err)) {
			/* A chunked body with no declared length went over: libmicrohttpd
			 * takes no response in the middle of an upload, so the rest is
			 * read and dropped for a 413 at its end, up to a bound past
			 * which the connection is closed. */
			rq->too_big = true;
			rq->dropped += n;
			if (rq->dropped > API_DROP_MAX)
				return MHD_NO;
		}
		return MHD_YES;
	}
	return api_answer(srv, rq, conn, method, url);
}

static void api_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                          enum MHD_RequestTerminationCode toe)
{
	api_req *rq = *con_cls;

	if (!rq)
		return;
	core_buf_free(&rq->body);
	free(rq);
	*con_cls = NULL;
}

/* "host:port", "[v6]:port" into a socket address. */
static int api_parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len,
                            core_err *err)
{
	char host[128];
	const char *colon;
	int64_t port;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		const char *e = strchr(s, ']');
		if (!e || e[1] != ':' || (size_t)(e - s - 1) >= sizeof(host))
			goto bad;
		memcpy(host, s + 1, (size_t)(e - s - 1));
		host[e - s - 1] = '\0';
		colon = e + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || (size_t)(colon - s) >= sizeof(host))
			goto bad;
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
	}
	if (!api_parse_i64(colon + 1, 0, 65535, &port))
		goto bad;
	if (s[0] == '[') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			goto bad;
		*len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			goto bad;
		*len = sizeof(*a);
	}
	return 0;
bad:
	return core_err_set(err, CORE_EARG, "invalid --listen address: %s", s);
}

static void api_server_free(api_server *srv)
{
	for (int i = 0; i < srv->pool_free; i++)
		store_close(&srv->pool[i]);
	free(srv->pool);
	free(srv->buckets);
	free(srv->m.count);
	free(srv->m.bucket);
	free(srv->m.sum_us);
	pthread_mutex_destroy(&srv->pool_mu);
	pthread_cond_destroy(&srv->pool_cv);
	pthread_mutex_destroy(&srv->rl_mu);
}

int api_serve(const api_options *o)
{
	api_server srv;
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	core_err err;
	store *st = NULL;
	int sig = 0, rc = 1, routes = api_route_n + 1;
	char host[INET6_ADDRSTRLEN] = "";

	memset(&srv, 0, sizeof(srv));
	core_err_clear(&err);
	srv.o = *o;
	srv.access_log = true;
	pthread_mutex_init(&srv.pool_mu, NULL);
	pthread_cond_init(&srv.pool_cv, NULL);
	pthread_mutex_init(&srv.rl_mu, NULL);
	if (api_parse_listen(o->listen, &ss, &sslen, &err))
		goto out;
	if (store_conninfo(o->db, false, srv.conninfo, sizeof(srv.conninfo), &err))
		goto out;
	/* The schema must be current before anything is served. */
	if (store_open(srv.conninfo, &st, &err) || store_migrate(st, NULL, &err))
		goto out;
	store_close(&st);
	srv.pool = calloc((size_t)o->threads, sizeof(*srv.pool));
	srv.n_buckets = 4096;
	srv.buckets = calloc((size_t)srv.n_buckets, sizeof(*srv.buckets));
	srv.m.count = calloc((size_t)(routes * API_N_CODES), sizeof(*srv.m.count));
	srv.m.bucket = calloc((size_t)(routes * API_N_BUCKETS), sizeof(*srv.m.bucket));
	srv.m.sum_us = calloc((size_t)routes, sizeof(*srv.m.sum_us));
	if (!srv.pool || !srv.buckets || !srv.m.count || !srv.m.bucket || !srv.m.sum_us) {
		core_err_set(&err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int i = 0; i < o->threads; i++) {
		if (store_open(srv.conninfo, &srv.pool[i], &err))
			goto out;
		srv.pool_free = srv.pool_size = i + 1;
	}
	/* Threads started from here inherit the mask: only this thread
	 * takes the signals, in sigwait below. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	srv.daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
	        (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, api_access, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)o->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout_s,
	    /* bounds the request line and headers of one connection */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
	    api_completed, &srv, MHD_OPTION_END);
	if (!srv.daemon) {
		core_err_set(&err, CORE_EIO, "cannot listen on %s", o->listen);
		core_err_detail(&err, "%s", errno ? strerror(errno) : "address in use or invalid");
		goto out;
	}
	info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof(host));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof(host));
	printf("listening on %s%s%s:%u\n", ss.ss_family == AF_INET6 ? "[" : "", host,
	       ss.ss_family == AF_INET6 ? "]" : "", info ? (unsigned)info->port : 0u);
	fflush(stdout);
	core_log(CORE_LOG_INFO, "serve_start", NULL, "serving on %s with %d threads", o->listen,
	         o->threads);
	sigwait(&sigs, &sig);
	core_log(CORE_LOG_INFO, "serve_stop", NULL, "signal %d: stopping", sig);
	MHD_stop_daemon(srv.daemon);
	srv.daemon = NULL;
	rc = 0;
out:
	store_close(&st);
	if (core_err_isset(&err)) {
		fprintf(stderr, "sohoa: error: %s\n", err.msg);
		if (err.detail[0])
			fprintf(stderr, "DETAIL: %s\n", err.detail);
		rc = err.code == CORE_EDB ? 3 : err.code == CORE_EARG ? 2 : 1;
	}
	api_server_free(&srv);
	return rc;
}
