/*
 * store_int.h - shared between the store_*.c files only.  Not part of
 * the contract: libpq types stay inside store/.
 */
#ifndef SOHOA_STORE_INT_H
#define SOHOA_STORE_INT_H

#include "store.h"

#include <libpq-fe.h>
#include <locale.h>

struct store {
	PGconn *conn;
	/* Numbers sent as text must not follow the caller's LC_NUMERIC
	 * (vi_VN writes 1,5): formatting switches to this per thread. */
	locale_t c_locale;
	/* Hot statements are prepared on first use, not at open: the
	 * tables may not exist until store_migrate has run. */
	bool prepared;
	/* Reuse-service statements prepared on this session, one bit per
	 * statement (store_api.c), plus the token check. */
	uint32_t api_prepared;
};

#define STORE_AUTH_PREPARED (1u << 31)

/* Decimal text of an int64, for a statement parameter. */
#define STORE_NUM_LEN 32
const char *store_i64(char buf[STORE_NUM_LEN], int64_t v);

/* Sets CORE_EDB with msg `what` and the server's message as detail. */
int store_db_error(store *s, const PGresult *res, const char *what, core_err *err);

/*
 * Runs a parameterized statement (text parameters, types inferred) and
 * checks its status.  Returns the result or NULL with err set.
 */
PGresult *store_exec(store *s, const char *sql, int n, const char *const *vals, ExecStatusType want,
                     const char *what, core_err *err);
PGresult *store_exec_prepared(store *s, const char *name, int n, const char *const *vals,
                              ExecStatusType want, const char *what, core_err *err);
/*
 * Runs a parameterized query in single-row mode and calls fn for each
 * row: memory stays flat however many rows come back.  A non-zero
 * return from fn stops the calls; the rest is drained so the
 * connection ends idle.
 */
typedef int (*store_row_fn)(void *ctx, const PGresult *row, core_err *err);
int store_exec_stream(store *s, const char *sql, int n, const char *const *vals, const char *what,
                      store_row_fn fn, void *ctx, core_err *err);

/* Constant SQL without parameters (BEGIN, COMMIT, migrations). */
int store_exec_cmd(store *s, const char *sql, const char *what, core_err *err);
int store_begin(store *s, core_err *err);
int store_commit(store *s, core_err *err);
/* Best effort: the error that led here is what the caller reports. */
void store_rollback(store *s);

/* Appends t in COPY's text format (backslash, tab, newline and CR
 * escaped), for COPY FROM STDIN rows (store_bulk.c). */
int store_copy_escape(core_buf *b, const char *t, core_err *err);

/* getenv, with an empty value treated as unset. */
const char *store_env(const char *name);

/* Builds a bigint[] literal "{1,2,3}" for = ANY($n::bigint[]). */
int store_id_array(core_buf *b, const int64_t *ids, int n, core_err *err);
int64_t store_get_i64(const PGresult *res, int row, int col);
int store_get_int(const PGresult *res, int row, int col);

#endif
