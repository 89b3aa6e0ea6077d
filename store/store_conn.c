/* store_conn.c - connections, statement helpers, libpq errors as core_err,
 * and choosing the database. */
#include "store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Server messages are multi-line ("...\n\tIs the server running...");
 * a detail is one line. */
static void store_flatten(char *dst, size_t size, const char *src)
{
	size_t o = 0;
	bool space = false;

	if (!size)
		return;
	for (; src && *src && o + 1 < size; src++) {
		if (*src == '\n' || *src == '\r' || *src == '\t' || *src == ' ') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < size)
			dst[o++] = ' ';
		space = false;
		dst[o++] = *src;
	}
	dst[o] = '\0';
}

int store_db_error(store *s, const PGresult *res, const char *what, core_err *err)
{
	char detail[CORE_DETAIL_MAX];
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (core_err_isset(err))
		return err->code;
	core_err_set(err, CORE_EDB, "%s", what);
	if (primary) {
		store_flatten(detail, sizeof(detail), primary);
		if (state)
			core_err_detail(err, "%s (sqlstate %s)", detail, state);
		else
			core_err_detail(err, "%s", detail);
	} else {
		store_flatten(detail, sizeof(detail),
		              s && s->conn ? PQerrorMessage(s->conn) : "no connection");
		core_err_detail(err, "%s", detail[0] ? detail : "no message from the server");
	}
	return CORE_EDB;
}

static void store_notice(void *arg, const char *message)
{
	char line[CORE_DETAIL_MAX];

	/* "relation already exists, skipping" and friends are not for the
	 * user's terminal. */
	store_flatten(line, sizeof(line), message);
	core_log(CORE_LOG_DEBUG, "db_notice", NULL, "%s", line);
}

int store_open(const char *conninfo, store **out, core_err *err)
{
	/* dbname first: later keywords override what the conninfo says. */
	const char *const keys[] = {"dbname", "client_encoding", "application_name", NULL};
	const char *vals[] = {conninfo ? conninfo : "", "UTF8", "sohoa", NULL};
	store *s = NULL;
	char detail[CORE_DETAIL_MAX];
	int rc = -1;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	s->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (s->c_locale == (locale_t)0) {
		core_err_set(err, CORE_ENOMEM, "cannot create the c locale");
		goto out;
	}
	s->conn = PQconnectdbParams(keys, vals, 1);
	if (!s->conn) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	if (PQstatus(s->conn) != CONNECTION_OK) {
		core_err_set(err, CORE_EDB, "cannot connect to the database");
		store_flatten(detail, sizeof(detail), PQerrorMessage(s->conn));
		core_err_detail(err, "%s", detail);
		goto out;
	}
	PQsetNoticeProcessor(s->conn, store_notice, NULL);
	*out = s;
	s = NULL;
	rc = 0;
out:
	store_close(&s);
	return rc;
}

void store_close(store **ps)
{
	store *s;

	if (!ps || !*ps)
		return;
	s = *ps;
	*ps = NULL;
	if (s->conn)
		PQfinish(s->conn);
	if (s->c_locale != (locale_t)0)
		freelocale(s->c_locale);
	free(s);
}

static PGresult *store_check(store *s, PGresult *res, ExecStatusType want, const char *what,
                             core_err *err)
{
	if (!res) {
		store_db_error(s, NULL, what, err);
		return NULL;
	}
	if (PQresultStatus(res) != want) {
		store_db_error(s, res, what, err);
		PQclear(res);
		return NULL;
	}
	return res;
}

PGresult *store_exec(store *s, const char *sql, int n, const char *const *vals, ExecStatusType want,
                     const char *what, core_err *err)
{
	return store_check(s, PQexecParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0), want, what,
	                   err);
}

PGresult *store_exec_prepared(store *s, const char *name, int n, const char *const *vals,
                              ExecStatusType want, const char *what, core_err *err)
{
	return store_check(s, PQexecPrepared(s->conn, name, n, vals, NULL, NULL, 0), want, what,
	                   err);
}

int store_exec_cmd(store *s, const char *sql, const char *what, core_err *err)
{
	PGresult *res = store_check(s, PQexec(s->conn, sql), PGRES_COMMAND_OK, what, err);

	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

int store_begin(store *s, core_err *err)
{
	return store_exec_cmd(s, "BEGIN", "cannot start a transaction", err);
}

int store_commit(store *s, core_err *err)
{
	return store_exec_cmd(s, "COMMIT", "cannot commit a transaction", err);
}

void store_rollback(store *s)
{
	PGresult *res;

	if (!s || !s->conn || PQtransactionStatus(s->conn) == PQTRANS_IDLE)
		return;
	res = PQexec(s->conn, "ROLLBACK");
	PQclear(res);
}

const char *store_i64(char buf[STORE_NUM_LEN], int64_t v)
{
	snprintf(buf, STORE_NUM_LEN, "%" PRId64, v);
	return buf;
}

int store_id_array(core_buf *b, const int64_t *ids, int n, core_err *err)
{
	if (n < 0 || (n > 0 && !ids))
		return core_err_set(err, CORE_EARG, "bad dossier id list");
	core_buf_reset(b);
	if (core_buf_puts(b, "{", err))
		return -1;
	for (int i = 0; i < n; i++)
		if (core_buf_printf(b, err, "%s%" PRId64, i ? "," : "", ids[i]))
			return -1;
	return core_buf_puts(b, "}", err);
}

int64_t store_get_i64(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return (int64_t)strtoll(PQgetvalue(res, row, col), NULL, 10);
}

int store_get_int(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return 0;
	return (int)strtol(PQgetvalue(res, row, col), NULL, 10);
}

/* ---- choosing the database -------------------------------------------- */

const char *store_env(const char *name)
{
	const char *v = getenv(name);

	return v && v[0] ? v : NULL;
}

int store_resolve_db(const char *opt_db, char *conninfo, size_t size, bool *embedded, core_err *err)
{
	static const char *const pg_env[] = {"PGHOST",     "PGHOSTADDR", "PGPORT",
	                                     "PGDATABASE", "PGUSER",     "PGSERVICE"};
	const char *v;

	*embedded = false;
	if (!conninfo || !size)
		return core_err_set(err, CORE_EARG, "no room for the connection string");
	conninfo[0] = '\0';
	v = opt_db && opt_db[0] ? opt_db : store_env("DATABASE_URL");
	if (v)
		return core_snprintf(conninfo, size, err, "%s", v);
	/* libpq reads these itself: an empty conninfo lets it. */
	for (size_t i = 0; i < sizeof(pg_env) / sizeof(pg_env[0]); i++)
		if (store_env(pg_env[i]))
			return 0;
	*embedded = true;
	return 0;
}

int store_state_dir(char *out, size_t size, core_err *err)
{
	const char *v;

	if (!out || !size)
		return core_err_set(err, CORE_EARG, "no room for the state directory");
	out[0] = '\0';
	if ((v = store_env("SOHOA_STATE_DIR")))
		return core_snprintf(out, size, err, "%s", v);
	if (geteuid() == 0)
		return core_snprintf(out, size, err, "/var/lib/sohoa");
	/* The XDG spec says relative values are to be ignored. */
	if ((v = store_env("XDG_STATE_HOME")) && v[0] == '/')
		return core_snprintf(out, size, err, "%s/sohoa", v);
	if ((v = store_env("HOME")))
		return core_snprintf(out, size, err, "%s/.local/state/sohoa", v);
	core_err_set(err, CORE_EARG, "cannot choose a state directory");
	core_err_detail(err, "HOME is not set; set SOHOA_STATE_DIR");
	return CORE_EARG;
}

/* ---- databases (tests and administration) ---------------------------- */

static bool store_db_name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n < 1 || n > 48)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '_'))
			return false;
	return true;
}

/* CREATE/DROP DATABASE take no parameters: the name is validated and
 * quoted as an identifier instead. */
static int store_db_ddl(const char *conninfo_admin, const char *verb, const char *name,
                        const char *what, core_err *err)
{
	store *s = NULL;
	char *ident = NULL;
	core_buf sql;
	int rc = -1;

	core_buf_init(&sql, 256);
	if (!store_db_name_ok(name)) {
		core_err_set(err, CORE_EARG, "bad database name");
		core_err_detail(err, "'%s' is not 1-48 characters of [a-z0-9_]", name ? name : "");
		goto out;
	}
	if (store_open(conninfo_admin, &s, err))
		goto out;
	ident = PQescapeIdentifier(s->conn, name, strlen(name));
	if (!ident) {
		store_db_error(s, NULL, what, err);
		goto out;
	}
	if (core_buf_puts(&sql, verb, err) || core_buf_puts(&sql, ident, err))
		goto out;
	if (store_exec_cmd(s, sql.data, what, err))
		goto out;
	rc = 0;
out:
	PQfreemem(ident);
	core_buf_free(&sql);
	store_close(&s);
	return rc;
}

int store_create_database(const char *conninfo_admin, const char *name, core_err *err)
{
	return store_db_ddl(conninfo_admin, "CREATE DATABASE ", name, "cannot create the database",
	                    err);
}

int store_drop_database(const char *conninfo_admin, const char *name, core_err *err)
{
	return store_db_ddl(conninfo_admin, "DROP DATABASE IF EXISTS ", name,
	                    "cannot drop the database", err);
}

int store_exec_stream(store *s, const char *sql, int n, const char *const *vals, const char *what,
                      store_row_fn fn, void *ctx, core_err *err)
{
	PGresult *res;
	bool stopped = false;

	if (!PQsendQueryParams(s->conn, sql, n, NULL, vals, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(s->conn)) {
		core_err_set(err, CORE_EDB, "%s", what);
		core_err_detail(err, "%s", PQerrorMessage(s->conn));
		stopped = true;
	}
	while ((res = PQgetResult(s->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_SINGLE_TUPLE && !stopped) {
			if (fn(ctx, res, err))
				stopped = true;
		} else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && !stopped) {
			store_db_error(s, res, what, err);
			stopped = true;
		}
		PQclear(res);
	}
	return stopped ? -1 : 0;
}

int store_conninfo(const char *opt_db, bool start_embedded, char *conninfo, size_t size,
                   core_err *err)
{
	char state[1024];
	bool embedded = false, running = false;

	if (store_resolve_db(opt_db, conninfo, size, &embedded, err))
		return -1;
	if (!embedded)
		return 0;
	if (store_state_dir(state, sizeof(state), err))
		return -1;
	if (start_embedded)
		return store_cluster_start(state, conninfo, size, err);
	if (store_cluster_status(state, &running, conninfo, size, err))
		return -1;
	if (!running) {
		core_err_set(err, CORE_EDB, "the embedded database is not running");
		core_err_detail(err, "start it with: sohoa db start");
		return -1;
	}
	return 0;
}
