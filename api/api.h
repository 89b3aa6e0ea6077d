/*
 * api.h - the reuse service: `sohoa serve` (HTTP, JSON under /v1) and its
 * command-line twins for staff (token, audit, query, search, report).
 *
 * Why a separate module: it is a second front door onto the store,
 * with its own concerns (authentication, scopes, rate limits, the
 * audit of every read of personal data), and the batch path
 * (pipeline -> ocr -> classify -> store) does not need any of it.
 * api/ reads the store and hands page images out through ocr/.
 */
#ifndef SOHOA_API_H
#define SOHOA_API_H

#include "core.h"

typedef struct api_options {
	const char *db;      /* connection string; NULL: DATABASE_URL, PG*, embedded */
	const char *listen;  /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
	int threads;         /* request threads, one database connection each */
	int max_connections; /* open connections at once */
	int timeout_s;       /* idle connection timeout */
	int max_body;        /* bytes of a request body */
	int rate_limit;      /* requests per second per token (0: none), unless the token says */
	int rate_burst;      /* bucket size; 0: twice the rate */
} api_options;

void api_options_default(api_options *o);

/*
 * Serves until SIGINT or SIGTERM; returns a PIPE-style exit code
 * (0, 1 fatal, 3 database).  Prints "listening on ADDR:PORT" when ready.
 */
int api_serve(const api_options *o);

/* The route table, for the OpenAPI check. */
typedef struct api_route_info {
	const char *method;
	const char *path;  /* OpenAPI template, e.g. /v1/subjects/{id} */
	const char *scope; /* "read", "reuse", "admin", or NULL: no token needed */
} api_route_info;

int api_route_count(void);
const api_route_info *api_route_get(int i);

/* The OpenAPI 3 description served at /v1/openapi.json (api/openapi.json,
 * compiled in). */
const char *api_openapi_text(size_t *len);

/*
 * Subject identifiers: 12 digits is a personal ID (checked: province,
 * century and sex digit), 10 digits or NNNNNNNNNN-BBB an enterprise
 * code (check digit).  kind receives "person" or "enterprise"; on
 * failure reason says why.
 */
bool api_subject_parse(const char *id, const char **kind, char *reason, size_t reason_size);

/* The document type codes of the API. */
bool api_doc_type_known(const char *type);

/*
 * Command-line entry points: argv[0] is the command name.  Each returns
 * an exit code: 0 ok, 1 fatal, 2 bad arguments, 3 database error,
 * 6 not found.
 */
int api_cmd_serve(int argc, char **argv);
int api_cmd_token(int argc, char **argv);
int api_cmd_audit(int argc, char **argv);
int api_cmd_query(int argc, char **argv);
int api_cmd_search(int argc, char **argv);
int api_cmd_report(int argc, char **argv);

#define API_EXIT_NOT_FOUND 6

#endif
