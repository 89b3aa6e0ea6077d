/*
 * api_int.h - shared by the api_*.c files only.
 */
#ifndef SOHOA_API_INT_H
#define SOHOA_API_INT_H

#include "api.h"
#include "store.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>

/* ---- the route table (api_routes.c) -------------------------------- */

#define API_MAX_SEGS 8

typedef struct api_ctx api_ctx;
typedef void (*api_handler)(api_ctx *x);

typedef struct api_route {
	api_route_info info;
	store_scope scope;  /* STORE_SCOPE_NONE: open */
	const char *params; /* allowed query parameters, comma separated */
	bool personal;      /* carries personal data: X-Purpose required */
	api_handler fn;
} api_route;

extern const api_route api_route_table[];
extern const int api_route_n;

/* ---- metrics ------------------------------------------------------- */

/* Status codes counted one by one; anything else is "other". */
#define API_N_CODES   13
#define API_N_BUCKETS 11

typedef struct api_metrics {
	/* one row per route, plus one for requests that matched none */
	atomic_ullong *count;  /* [(routes + 1) * API_N_CODES] */
	atomic_ullong *bucket; /* [(routes + 1) * API_N_BUCKETS] */
	atomic_ullong *sum_us; /* [routes + 1] */
	atomic_ullong rate_limited;
} api_metrics;

int api_code_index(int status);
extern const int api_codes[API_N_CODES];
extern const double api_buckets[API_N_BUCKETS];

/* ---- the server ---------------------------------------------------- */

typedef struct api_bucket {
	int64_t token_id; /* 0: free slot */
	double tokens;
	double last;
} api_bucket;

typedef struct api_server {
	api_options o;
	char conninfo[1024];
	struct MHD_Daemon *daemon;
	/* database connections, one per request thread */
	pthread_mutex_t pool_mu;
	pthread_cond_t pool_cv;
	store **pool;
	int pool_free;
	int pool_size;
	/* token buckets: open addressing on the token id */
	pthread_mutex_t rl_mu;
	api_bucket *buckets;
	int n_buckets;
	api_metrics m;
	bool access_log;
} api_server;

/* One request being answered. */
struct api_ctx {
	api_server *srv;
	struct MHD_Connection *conn;
	const api_route *route;
	const char *seg[API_MAX_SEGS]; /* path segments, into path_buf */
	int n_seg;
	const char *body; /* POST body, NUL terminated */
	size_t body_len;
	store *st; /* borrowed from the pool for this request */
	store_token_info tok;
	store_reader reader;
	char request_id[33];
	char endpoint[96]; /* "GET /v1/subjects/{id}" */
	/* the answer */
	int status;
	char *out; /* malloc'd */
	size_t out_len;
	const char *ctype;
	char retry_after[16];
	char allow[32];
};

/* Replies: JSON text taken over (freed by the server). */
void api_reply_json(api_ctx *x, int status, char *json);
void api_reply_bytes(api_ctx *x, int status, const char *ctype, void *data, size_t len);
/* {"error": {"code", "message", "parameter"?}}; parameter may be NULL. */
void api_reply_error(api_ctx *x, int status, const char *code, const char *parameter,
                     const char *fmt, ...) CORE_PRINTF(5, 6);
/* A store or internal failure: 503 when the database is unreachable,
 * else 500; logged with the request id. */
void api_reply_failure(api_ctx *x, const core_err *err);

/* A query-string value, NULL if absent. */
const char *api_arg(api_ctx *x, const char *name);

/* Prometheus text of the counters and the store's page counts. */
int api_metrics_text(api_server *srv, store *st, char **out, size_t *len, core_err *err);

/* Well-formed UTF-8 without control characters. */
bool api_text_ok(const char *s);

/* Strict decimal parse in [lo, hi]. */
bool api_parse_i64(const char *s, int64_t lo, int64_t hi, int64_t *out);

#endif
