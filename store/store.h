/*
 * store.h - PostgreSQL: schema and migrations, the page job queue
 * (claim with FOR UPDATE SKIP LOCKED and an expiring lease), page
 * results, and the private embedded cluster.
 *
 * The only module that includes libpq.  Every statement is
 * parameterized (PQexecParams / prepared); nothing is built with
 * sprintf.  A store handle is one connection: one per thread.
 */
#ifndef SOHOA_STORE_H
#define SOHOA_STORE_H

#include "core.h"

typedef struct store store;

int store_open(const char *conninfo, store **out, core_err *err);
void store_close(store **s);

/* Applies pending migrations under an advisory lock; returns the version. */
int store_migrate(store *s, int *version, core_err *err);
int store_schema_version(store *s, int *version, core_err *err);
/* The newest schema version this binary knows. */
int store_schema_latest(void);

/* ---- runs ---------------------------------------------------------- */

typedef struct store_counts {
	int64_t total;
	int64_t pending;
	int64_t done;       /* done by this run */
	int64_t failed;     /* failed in this run */
	int64_t blank;      /* blank in this run */
	int64_t earlier;    /* terminal before this run, or by another run */
	int64_t failed_all; /* failed, whichever run recorded it */
} store_counts;

/* options_json: the run's options as a JSON object (text). */
int store_run_begin(store *s, const char *options_json, int64_t *run_id, core_err *err);
int store_run_finish(store *s, int64_t run_id, const store_counts *c, const char *summary_json,
                     core_err *err);

/* ---- planning ------------------------------------------------------ */

typedef struct store_page_src {
	int number;              /* 1-based within the dossier */
	const char *source_path; /* file holding the page */
	int source_index;        /* page index inside that file, 0-based */
	/* Set when the page is known bad at planning time (the file could
	 * not even be probed): it is recorded failed, never claimed. */
	core_code fail_code;
	const char *fail_reason;
} store_page_src;

typedef struct store_dossier_in {
	const char *code;        /* entry name without extension */
	const char *source_path; /* file or folder */
	const char *sha256;      /* of the file; of the sorted member hashes for a folder */
	const char *kind;        /* "file" or "folder" */
	const char *format;      /* "tiff", "png", ... or "unknown" */
	int64_t size_bytes;
	const char *office; /* receiving office code, or NULL */
} store_dossier_in;

/*
 * Records a dossier and its pages as pending jobs, in one transaction.
 * A dossier is identified by (code, sha256): the same input planned
 * again adds nothing, except that a dossier whose every page planning
 * refused is planned anew when the plan differs (a page passes now).
 * *new_pages counts pages written now.  *reshaped (may be NULL): the
 * stored dossier holds read pages and fewer rows than this plan (a
 * member refused before expands now); nothing was written.
 */
int store_dossier_plan(store *s, int64_t run_id, const store_dossier_in *d,
                       const store_page_src *pages, int n_pages, int64_t *dossier_id,
                       int *new_pages, bool *reshaped, core_err *err);

/*
 * Puts done pages of these dossiers that were recognized under another
 * OCR configuration than ocr_config back to pending (--refresh, after
 * an upgrade or a change of settings), except those recorded under
 * keep_config (a PDF's own text layer; may be NULL).
 */
int store_pages_refresh(store *s, const int64_t *dossier_ids, int n, const char *ocr_config,
                        const char *keep_config, int64_t *reset, core_err *err);

/* Puts pages of these dossiers that failed in a worker back to pending
 * (--retry-failed); pages that planning refused stay failed. */
int store_pages_retry_failed(store *s, const int64_t *dossier_ids, int n, int64_t *reset,
                             core_err *err);

/* ---- the job queue ------------------------------------------------- */

typedef struct store_job {
	int64_t page_id;
	int64_t dossier_id;
	int number;
	int source_index;
	char *source_path;
	char *dossier_code;
} store_job;

void store_job_clear(store_job *job);

/*
 * Claims one pending page of the given dossiers for `owner`: a page
 * whose lease is free, expired, or held by a connection that no longer
 * exists (a killed process) is taken; pages locked by a concurrent
 * claim are skipped.  *got is false when nothing is left to claim.
 */
int store_page_claim(store *s, const int64_t *dossier_ids, int n, const char *owner,
                     int lease_seconds, store_job *job, bool *got, core_err *err);

/* A word as stored; same meaning as ocr_word.  tone_gap is NULL in
 * the database when tone_rival is false. */
typedef struct store_word {
	const char *text;
	float conf;
	int x0, y0, x1, y1;
	int block, line;
	bool tone_rival;
	float tone_gap;
} store_word;

typedef enum store_page_status {
	STORE_PAGE_PENDING = 0,
	STORE_PAGE_DONE,
	STORE_PAGE_FAILED,
	STORE_PAGE_BLANK
} store_page_status;

const char *store_page_status_name(store_page_status st);

typedef struct store_page_result {
	store_page_status status; /* DONE, FAILED or BLANK */
	int64_t run_id;
	core_code fail_code; /* FAILED */
	const char *fail_reason;
	const char *text; /* DONE */
	float confidence;
	const char *pixel_sha256; /* when the page decoded */
	int width, height, dpi;
	bool dpi_assumed;
	double ink_ratio;
	int rotation; /* clockwise degrees turned upright before OCR; -1: not checked */
	bool skew_checked;
	double skew_angle; /* degrees turned to straighten the lines (deskew) */
	/* Cleaning steps that changed the page, "border,despeckle" ("" none;
	 * NULL: none was tried). */
	const char *preprocess_steps;
	const char *ocr_config; /* e.g. "vie psm3 tess5.3.0": reuse key with pixel_sha256 */
	double load_s, preprocess_s, ocr_s;
	const store_word *words;
	int n_words;
} store_page_result;

/*
 * Commits a page result in one transaction, words by COPY.  Only the
 * lease holder may commit: if the lease was lost the transaction is
 * rolled back and CORE_ELEASE returned (the page is someone else's).
 */
int store_page_finish(store *s, const store_job *job, const char *owner, const store_page_result *r,
                      core_err *err);

/*
 * Content-hash reuse: if a page with the same pixel hash and OCR
 * config is already done anywhere in the store, copies its text and
 * words into this job's page (one transaction, lease checked) and
 * sets *reused.  Pages are then never OCR'd twice.
 */
int store_page_reuse(store *s, const store_job *job, const char *owner, int64_t run_id,
                     const char *pixel_sha256, const char *ocr_config, int width, int height,
                     int dpi, bool dpi_assumed, double load_s, bool *reused, core_err *err);

/* ---- reading back --------------------------------------------------- */

int store_count_pages(store *s, const int64_t *dossier_ids, int n, int64_t run_id,
                      store_counts *out, core_err *err);

/* Text and status of one page; *text is malloc'd (NULL if none). */
int store_page_text(store *s, int64_t dossier_id, int number, char **text,
                    store_page_status *status, core_err *err);

/*
 * Pages of these dossiers that failed before this run (or in another
 * run), at most limit, by dossier code and number: what a re-run still
 * holds against the batch.  *total: how many there are, listed or not
 * (0 when limit is 0), counted in the same statement.
 */
typedef void (*store_failed_cb)(void *ctx, const char *dossier_code, int number,
                                const char *failure_code, const char *reason);
int store_pages_failed_before(store *s, const int64_t *dossier_ids, int n, int64_t run_id,
                              int limit, store_failed_cb cb, void *ctx, int64_t *total,
                              core_err *err);

/*
 * Calls cb for every page of the newest version of each dossier (or of
 * the one named by code), in code and page order.  Rows are streamed
 * (single-row mode): memory stays flat on a large store.  text is NULL
 * for pages without text.  A non-zero return from cb stops the walk.
 */
typedef int (*store_page_cb)(void *ctx, const char *code, int number, store_page_status st,
                             const char *text, core_err *err);
int store_pages_foreach(store *s, const char *code, store_page_cb cb, void *ctx, core_err *err);

/* Prints a dossier's pages as a table (number, status, conf, words,
 * reason or first text line) to f.  Used by `sohoa show`. */
int store_dossier_print(store *s, const char *code, void *file, core_err *err);

/* ---- documents, fields and subjects (classification results) ------- */

/* A stored page with its words, as classification reads it back. */
typedef struct store_page_words {
	int number;
	store_page_status status;
	char *text;
	int width, height;
	store_word *words; /* word texts owned by the struct */
	int n_words;
	int cap_words; /* the page's word_count */
	/* Where the page came from and how it was turned before OCR. */
	char *source_path;
	int source_index;
	int rotation;      /* clockwise degrees, 0 when not checked */
	double skew_angle; /* degrees, 0 when not checked */
	int dpi;
	bool despeckled; /* specks were removed before OCR (preprocess_steps) */
} store_page_words;

typedef struct store_dossier_pages {
	char *code;
	store_page_words *pages;
	int n;
} store_dossier_pages;

void store_dossier_pages_clear(store_dossier_pages *p);

/*
 * Opens the transaction that classifies one dossier: locks its row
 * (FOR UPDATE SKIP LOCKED) if every page is terminal and, unless force,
 * it is not classified yet.  *got false: nothing to do (someone else
 * holds it, it is done, or pages are pending) and no transaction is
 * left open.  With *got true, follow with store_dossier_pages_load and
 * store_classify_save, or store_classify_abort.
 */
int store_classify_begin(store *s, int64_t dossier_id, bool force, bool *got, core_err *err);
int store_dossier_pages_load(store *s, int64_t dossier_id, store_dossier_pages *out, core_err *err);

typedef struct store_field {
	const char *name;
	const char *raw;
	const char *value;
	float confidence;
	int page;
	int x0, y0, x1, y1;
	const char *validators_json; /* JSON object text */
	const char *status;          /* auto_accepted, needs_review */
} store_field;

typedef struct store_subject_link {
	const char *kind; /* person, enterprise */
	const char *key;  /* personal ID or enterprise code */
	const char *display_name;
	const char *role; /* holder, mother, father, wife, husband, ... */
} store_subject_link;

typedef struct store_document {
	const char *type;
	int first_page, last_page;
	float confidence;
	const store_field *fields;
	int n_fields;
	const store_subject_link *subjects;
	int n_subjects;
} store_document;

/*
 * Replaces the dossier's documents with these, upserts subjects and
 * links, sets classified_at and commits.  Fields a person verified or
 * rejected keep that status when the same document (type, first page)
 * yields the same field value again.
 */
int store_classify_save(store *s, int64_t dossier_id, int64_t run_id, const char *model_version,
                        const char *defs_version, const store_document *docs, int n, core_err *err);
void store_classify_abort(store *s);

/*
 * Calls cb with each dossier's documents as one JSON object text:
 * {"dossier", "documents": [{"type", "first_page", "last_page",
 * "confidence", "fields": [{"name", "value", "raw", "status",
 * "confidence", "page", "box": [x0,y0,x1,y1], "validators"}],
 * "subjects": [{"kind", "key", "role"}]}]}; newest version of each
 * code, or only `code`.  Streamed like store_pages_foreach.
 */
typedef int (*store_json_cb)(void *ctx, const char *code, const char *json, core_err *err);
int store_documents_foreach(store *s, const char *code, store_json_cb cb, void *ctx, core_err *err);

/* Of the given dossiers, those with every page terminal and no
 * classification yet (malloc'd ids). */
int store_dossiers_unclassified(store *s, const int64_t *ids, int n, int64_t **out, int *n_out,
                                core_err *err);

/* Ids of the newest version of each processed dossier, all or one code. */
int store_dossier_ids(store *s, const char *code, int64_t **ids, int *n, core_err *err);

/* ---- the reuse service -------------------------------------------- */

typedef enum store_scope {
	STORE_SCOPE_NONE = 0,
	STORE_SCOPE_READ,  /* look up subjects, documents, pages; search */
	STORE_SCOPE_REUSE, /* read, and record reuse events */
	STORE_SCOPE_ADMIN  /* everything, including metrics */
} store_scope;

const char *store_scope_name(store_scope sc);
/* "read", "reuse" or "admin"; -1 otherwise. */
int store_scope_parse(const char *name, store_scope *out);

typedef struct store_token_spec {
	const char *agency;
	store_scope scope;
	int rate_limit; /* requests per second; -1: the server's default */
	const char *note;
	const char *created_by;
} store_token_spec;

/* "sohoa_" and 64 hex digits. */
#define STORE_TOKEN_LEN 72

/*
 * Creates a token for an agency.  The secret is returned once, in
 * `secret`; the store keeps only its SHA-256 and a short prefix that
 * tells tokens apart in lists.
 */
int store_token_create(store *s, const store_token_spec *spec, int64_t *id,
                       char secret[STORE_TOKEN_LEN], core_err *err);
/* Revoking twice keeps the first time; *found false: no such token. */
int store_token_revoke(store *s, int64_t id, bool *found, core_err *err);
/* JSON array of tokens (never their secrets or hashes). */
int store_token_list(store *s, char **json, core_err *err);

typedef struct store_token_info {
	bool found;
	bool revoked;
	int64_t id;
	char agency[128];
	store_scope scope;
	int rate_limit; /* -1: the server's default */
} store_token_info;

/* Looks a presented secret up by its hash. */
int store_token_auth(store *s, const char *secret, store_token_info *out, core_err *err);

/* Who reads, for the audit trail. */
typedef struct store_reader {
	int64_t token_id;       /* 0: staff at the command line */
	const char *agency;     /* token's agency, or "staff" */
	const char *actor;      /* operating-system user for the CLI, else NULL */
	const char *purpose;    /* X-Purpose header or procedure code, may be NULL */
	const char *request_id; /* may be NULL */
} store_reader;

/*
 * Reads of a citizen's or an enterprise's records.  Each writes one
 * audit row (time, agency, token, subjects, documents, endpoint,
 * purpose, result 200 or 404) in the same statement, found or not.
 * *json is malloc'd JSON text, NULL when nothing was found.
 * kind: "person" or "enterprise"; key: personal ID or enterprise code.
 */
int store_subject_get(store *s, const store_reader *r, const char *endpoint, const char *kind,
                      const char *key, char **json, core_err *err);
/* type: a document type code or NULL for all. */
int store_subject_documents(store *s, const store_reader *r, const char *endpoint, const char *kind,
                            const char *key, const char *type, char **json, core_err *err);
int store_document_get(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                       char **json, core_err *err);
/* Page `number` of the dossier, which must lie within the document.
 * *text NULL: no such page. */
int store_page_text_read(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                         int number, char **text, store_page_status *status, core_err *err);
/* Where a document's page is (not audited: follow with
 * store_audit_document once the outcome is known).  *path NULL: none. */
int store_page_source(store *s, int64_t doc_id, int number, char **path, int *index, int *rotation,
                      core_err *err);
int store_audit_document(store *s, const store_reader *r, const char *endpoint, int64_t doc_id,
                         int result, core_err *err);

typedef struct store_search_q {
	const char *text;        /* words; accents and case do not matter */
	const char *type;        /* document type or NULL */
	int limit;               /* 1..100 */
	const char *cursor_rank; /* from a previous next_cursor, or NULL */
	int64_t cursor_id;
} store_search_q;

/*
 * Full-text search over OCR text (unaccented, every word must match),
 * best first, with subjects whose names are similar (trigrams).
 * JSON {"results": [...], "subjects": [...], "next_cursor": "R_ID"|null}.
 * Audited like the reads above.
 */
int store_search(store *s, const store_reader *r, const char *endpoint, const store_search_q *q,
                 char **json, core_err *err);

typedef struct store_reuse_in {
	int64_t token_id;
	const char *agency;
	const char *office;
	const char *procedure_code;
	const char *receiving_dossier;
	const char *subject_kind;
	const char *subject_key;
	const int64_t *document_ids;
	int n_documents;
	const char *purpose;    /* NULL: the procedure code is the purpose */
	const char *actor;      /* NULL for a token; OS user at the command line */
	const char *endpoint;   /* audit's endpoint; NULL: "POST /v1/reuse" */
	const char *request_id; /* may be NULL */
} store_reuse_in;

typedef struct store_reuse_out {
	bool subject_found;
	int linked;       /* of the distinct documents, those linked to the subject */
	int distinct;     /* distinct document ids sent */
	int64_t event_id; /* 0: not recorded */
	bool created;     /* false with event_id: the same event was recorded before */
} store_reuse_out;

/* Records the event and, in the same statement, its audit row
 * (result 201, 200, 404 or 422): the answer itself says whether the
 * subject has records and which documents are its. */
int store_reuse_record(store *s, const store_reuse_in *in, store_reuse_out *out, core_err *err);

/* Audit rows about a subject, newest first, as a JSON array. */
int store_audit_list(store *s, const char *subject_key, int limit, char **json, core_err *err);

/*
 * Digitization and reuse KPIs for dossiers received in [from, to)
 * (timestamps in PostgreSQL's input syntax), one office or all (NULL),
 * as a JSON object.
 */
int store_report(store *s, const char *from, const char *to, const char *office, char **json,
                 core_err *err);

/* Pages by status over the whole store (pending, done, failed, blank). */
int store_pages_by_status(store *s, int64_t counts[4], core_err *err);

/* Checks the connection, reconnecting once if the server went away. */
int store_ping(store *s, core_err *err);
bool store_connection_ok(store *s);

/* ---- connection settings and the embedded cluster -------------------- */

/*
 * Chooses the database: the --db option, else DATABASE_URL, else libpq's
 * PG* environment (PGHOST, PGHOSTADDR, PGPORT, PGDATABASE, PGUSER,
 * PGSERVICE), else the embedded cluster (*embedded = true, conninfo
 * left empty for store_cluster_start to fill).
 */
int store_resolve_db(const char *opt_db, char *conninfo, size_t size, bool *embedded,
                     core_err *err);

/*
 * store_resolve_db, then for the embedded cluster: starts it
 * (start_embedded) or requires it running, and fills conninfo.
 */
int store_conninfo(const char *opt_db, bool start_embedded, char *conninfo, size_t size,
                   core_err *err);

/* $SOHOA_STATE_DIR, else /var/lib/sohoa for root, else
 * $XDG_STATE_HOME/sohoa, else $HOME/.local/state/sohoa. */
int store_state_dir(char *out, size_t size, core_err *err);

/*
 * Starts (or reuses) the private cluster in <state_dir>/pg: unix socket
 * only, trust auth on that socket, database "sohoa".  As root the
 * server runs as an unprivileged system user ($SOHOA_PG_USER, else
 * "sohoa", else "postgres").  Serialized by a lock file, so concurrent
 * callers start it once.  Fills conninfo.
 */
int store_cluster_start(const char *state_dir, char *conninfo, size_t size, core_err *err);
int store_cluster_stop(const char *state_dir, core_err *err);
int store_cluster_status(const char *state_dir, bool *running, char *conninfo, size_t size,
                         core_err *err);

/*
 * Creates / drops a database through an administrative connection
 * (tests use a fresh database per run).  name: 1-48 of [a-z0-9_].
 */
int store_create_database(const char *conninfo_admin, const char *name, core_err *err);
int store_drop_database(const char *conninfo_admin, const char *name, core_err *err);

/* ---- bulk loading -------------------------------------------------- */

/*
 * COPY into the tables, for loaders that make many rows at once (the
 * scale loader sohoa-load).  The loader chooses the ids itself from
 * ranges reserved with store_bulk_reserve, so that rows of one table
 * can name rows of another without a round trip.  Values are text in
 * the server's input syntax (numbers in the C locale, timestamps like
 * "2024-03-05 09:12:33+07", jsonb as JSON text); a NULL pointer is SQL
 * NULL.  Columns of a row, in order:
 *
 *   RUNS               id, started_at, finished_at, host, pid, options,
 *                      pages_total, pages_done, pages_failed, pages_blank,
 *                      pages_earlier, summary
 *   SUBJECTS           id, kind, key, display_name, created_at
 *   DOSSIERS           id, code, source_path, source_sha256, kind, format,
 *                      size_bytes, page_count, received_at, processed_at,
 *                      first_run_id, classified_at
 *   PAGES              id, dossier_id, number, source_path, source_index,
 *                      status, text, confidence, pixel_sha256, width,
 *                      height, dpi, dpi_assumed, ink_ratio, ocr_config,
 *                      word_count, load_ms, preprocess_ms, ocr_ms, store_ms,
 *                      run_id, processed_at, attempts
 *   DOCUMENTS          id, dossier_id, type, first_page, last_page,
 *                      confidence, model_version, definitions_version,
 *                      run_id, created_at
 *   FIELDS             id, document_id, name, raw_text, value, confidence,
 *                      page, x0, y0, x1, y1, validators, status,
 *                      verified_by, verified_at, model_version,
 *                      definitions_version, extracted_at
 *   DOCUMENT_SUBJECTS  document_id, subject_id, role
 *
 * One COPY is one statement: it commits whole or not at all, or with
 * the transaction of store_bulk_begin.  Foreign keys are checked, so
 * tables are loaded parents first, in the order of this enum.
 */
typedef enum store_copy_table {
	STORE_COPY_RUNS = 0,
	STORE_COPY_SUBJECTS,
	STORE_COPY_DOSSIERS,
	STORE_COPY_PAGES,
	STORE_COPY_DOCUMENTS,
	STORE_COPY_FIELDS,
	STORE_COPY_DOCUMENT_SUBJECTS,
	STORE_COPY_N_TABLES
} store_copy_table;

typedef struct store_copy store_copy;

const char *store_copy_table_name(store_copy_table t);
/* Number of values in a row of t (the list above). */
int store_copy_table_width(store_copy_table t);

/* SET synchronous_commit for this connection (off: commits do not wait
 * for the WAL flush). */
int store_bulk_session(store *s, bool synchronous_commit, core_err *err);
/* One transaction around several COPYs: a load that fails leaves
 * nothing.  Rollback is best effort, for cleanup paths. */
int store_bulk_begin(store *s, core_err *err);
int store_bulk_commit(store *s, core_err *err);
void store_bulk_rollback(store *s);

/*
 * Reserves `count` consecutive ids of t's serial, *first being the
 * lowest: the sequence is moved past them (under a table lock, after
 * max(id) and the sequence's own value), so neither normal inserts nor
 * another loader can collide with them.  Not for DOCUMENT_SUBJECTS.
 */
int store_bulk_reserve(store *s, store_copy_table t, int64_t count, int64_t *first, core_err *err);

/* Starts COPY t FROM STDIN on this connection; nothing else may run on
 * it until store_copy_end or store_copy_abort. */
int store_copy_begin(store *s, store_copy_table t, store_copy **out, core_err *err);
/* Adds one row of n values (n must be the table's width); rows are
 * sent in chunks of about 256 KB. */
int store_copy_row(store_copy *c, const char *const *fields, int n, core_err *err);
/* Rows added so far. */
int64_t store_copy_rows(const store_copy *c);
/* Sends the rest and ends the COPY; *rows is the server's count.
 * Frees *c and sets it to NULL, also on error. */
int store_copy_end(store_copy **c, int64_t *rows, core_err *err);
/* Cancels the COPY (the server keeps none of its rows); for cleanup
 * paths.  NULL and *c == NULL are accepted. */
void store_copy_abort(store_copy **c);

/*
 * After a load: every table's sequence is set to at least max(id)
 * (never moved back), then each table is vacuumed and analyzed
 * (vacuum) or only analyzed.
 */
int store_bulk_finish(store *s, bool vacuum, core_err *err);
/* pg_total_relation_size of t (heap, indexes, TOAST). */
int store_bulk_table_size(store *s, store_copy_table t, int64_t *bytes, core_err *err);
int store_database_size(store *s, int64_t *bytes, core_err *err);

/* ---- archival outputs (sohoa run --output) ------------------------ */

typedef struct store_output_state {
	char *code;
	char fingerprint[CORE_SHA256_HEX]; /* of the pages the outputs are made from */
	char date[32];                     /* newest page time, UTC "YYYY-MM-DDTHH:MM:SSZ" */
	int pages, failed;
} store_output_state;

/*
 * Opens a transaction and locks the dossier if every page is terminal
 * and no other session holds it; *got false otherwise (nothing left
 * open).  writer names the output format version, part of the
 * fingerprint.  With *got, finish with store_output_end.
 */
int store_output_begin(store *s, int64_t dossier_id, const char *writer, bool *got,
                       store_output_state *st, core_err *err);
int store_output_end(store *s, bool commit, core_err *err);
void store_output_state_clear(store_output_state *st);

typedef struct store_output_row {
	char *path;
	int64_t size;
	char sha256[CORE_SHA256_HEX];
	char fingerprint[CORE_SHA256_HEX];
} store_output_row;

int store_outputs_list(store *s, int64_t dossier_id, store_output_row **rows, int *n,
                       core_err *err);
void store_output_rows_free(store_output_row *rows, int n);
/* Upserts the row of path; an unchanged file keeps its row as it is. */
int store_output_record(store *s, int64_t dossier_id, const char *kind, int page, const char *path,
                        int64_t size, const char *sha256, const char *fingerprint, bool written,
                        core_err *err);

#endif
