/* store_schema.c - schema migrations, applied in order under an advisory lock. */
#include "store_int.h"

#include <stdio.h>

/* Any constant both migrating processes agree on; "sohoa" in ASCII. */
#define STORE_MIGRATE_LOCK "736f686f61"

typedef struct store_migration {
	int version;
	const char *sql;
} store_migration;

/* Append only: a released migration is never edited, a change is a new
 * version. */
static const store_migration store_migrations[] = {
    {1, "CREATE TABLE runs ("
        "  id bigserial PRIMARY KEY,"
        "  started_at timestamptz NOT NULL DEFAULT now(),"
        "  finished_at timestamptz,"
        "  host text,"
        "  pid int,"
        "  options jsonb,"
        "  pages_total bigint,"
        "  pages_done bigint,"
        "  pages_failed bigint,"
        "  pages_blank bigint,"
        "  pages_earlier bigint,"
        "  summary jsonb"
        ");"
        "CREATE TABLE dossiers ("
        "  id bigserial PRIMARY KEY,"
        "  code text NOT NULL,"
        "  source_path text NOT NULL,"
        "  source_sha256 text NOT NULL,"
        "  kind text NOT NULL CHECK (kind IN ('file', 'folder')),"
        "  format text,"
        "  size_bytes bigint,"
        "  page_count int,"
        "  received_at timestamptz NOT NULL DEFAULT now(),"
        "  processed_at timestamptz,"
        "  first_run_id bigint REFERENCES runs,"
        "  UNIQUE (code, source_sha256)"
        ");"
        "CREATE TABLE pages ("
        "  id bigserial PRIMARY KEY,"
        "  dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,"
        "  number int NOT NULL,"
        "  source_path text NOT NULL,"
        "  source_index int NOT NULL,"
        "  status text NOT NULL DEFAULT 'pending'"
        "    CHECK (status IN ('pending', 'done', 'failed', 'blank')),"
        "  failure_code text,"
        "  failure_reason text,"
        "  text text,"
        "  confidence real,"
        "  pixel_sha256 text,"
        "  width int,"
        "  height int,"
        "  dpi int,"
        "  dpi_assumed bool,"
        "  ink_ratio real,"
        "  ocr_config text,"
        "  word_count int,"
        "  load_ms real,"
        "  preprocess_ms real,"
        "  ocr_ms real,"
        "  store_ms real,"
        "  run_id bigint REFERENCES runs,"
        "  processed_at timestamptz,"
        "  attempts int NOT NULL DEFAULT 0,"
        "  lease_owner text,"
        "  lease_pid int,"
        "  lease_backend_start timestamptz,"
        "  lease_until timestamptz,"
        "  reused_from bigint,"
        "  UNIQUE (dossier_id, number)"
        ");"
        /* The claim scans pending pages in id order; the index shrinks as
         * pages finish. */
        "CREATE INDEX pages_pending_idx ON pages (id) WHERE status = 'pending';"
        "CREATE INDEX pages_reuse_idx ON pages (pixel_sha256, ocr_config) WHERE status = 'done';"
        "CREATE TABLE words ("
        "  page_id bigint NOT NULL REFERENCES pages ON DELETE CASCADE,"
        "  idx int NOT NULL,"
        "  text text NOT NULL,"
        "  conf real,"
        "  x0 int,"
        "  y0 int,"
        "  x1 int,"
        "  y1 int,"
        "  block int,"
        "  line int,"
        "  PRIMARY KEY (page_id, idx)"
        ");"},
    /* Documents, fields and the citizens and enterprises they speak of.
     * A subject is keyed by its personal ID (12 digits) or enterprise
     * code; documents link to subjects with a role. */
    {2, "CREATE TABLE subjects ("
        "  id bigserial PRIMARY KEY,"
        "  kind text NOT NULL CHECK (kind IN ('person', 'enterprise')),"
        "  key text NOT NULL,"
        "  display_name text,"
        "  created_at timestamptz NOT NULL DEFAULT now(),"
        "  UNIQUE (kind, key)"
        ");"
        "CREATE TABLE documents ("
        "  id bigserial PRIMARY KEY,"
        "  dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,"
        "  type text NOT NULL,"
        "  first_page int NOT NULL,"
        "  last_page int NOT NULL,"
        "  confidence real,"
        "  model_version text,"
        "  definitions_version text,"
        "  run_id bigint REFERENCES runs,"
        "  created_at timestamptz NOT NULL DEFAULT now(),"
        "  UNIQUE (dossier_id, first_page),"
        "  CHECK (first_page <= last_page)"
        ");"
        "CREATE INDEX documents_type_idx ON documents (type);"
        "CREATE TABLE fields ("
        "  id bigserial PRIMARY KEY,"
        "  document_id bigint NOT NULL REFERENCES documents ON DELETE CASCADE,"
        "  name text NOT NULL,"
        "  raw_text text,"
        "  value text,"
        "  confidence real,"
        "  page int,"
        "  x0 int,"
        "  y0 int,"
        "  x1 int,"
        "  y1 int,"
        "  validators jsonb,"
        "  status text NOT NULL CHECK (status IN ('auto_accepted', 'needs_review',"
        "                                         'verified', 'rejected')),"
        "  verified_by text,"
        "  verified_at timestamptz,"
        "  model_version text,"
        "  definitions_version text,"
        "  extracted_at timestamptz NOT NULL DEFAULT now()"
        ");"
        "CREATE INDEX fields_document_idx ON fields (document_id);"
        "CREATE TABLE document_subjects ("
        "  document_id bigint NOT NULL REFERENCES documents ON DELETE CASCADE,"
        "  subject_id bigint NOT NULL REFERENCES subjects ON DELETE CASCADE,"
        "  role text NOT NULL CHECK (role IN ('holder', 'mother', 'father', 'wife',"
        "                                     'husband', 'legal_representative', 'owner',"
        "                                     'applicant', 'enterprise')),"
        "  PRIMARY KEY (document_id, subject_id, role)"
        ");"
        "CREATE INDEX document_subjects_subject_idx ON document_subjects (subject_id);"},
    /* A dossier is classified once all its pages are terminal. */
    {3, "ALTER TABLE dossiers ADD COLUMN classified_at timestamptz;"
        "CREATE INDEX dossiers_code_idx ON dossiers (code, id);"},
    /* Clockwise degrees a page was turned before OCR (orientation). */
    {4, "ALTER TABLE pages ADD COLUMN rotation int;"},
    /* The reuse service: accent-insensitive search, API tokens (hashes
     * only), the append-only audit of reads of personal data, reuse
     * events, and the receiving office of a dossier for the KPIs.
     * unaccent is not immutable (its dictionary could change), so
     * indexes go through a wrapper that names the dictionary; names are
     * schema-qualified because index expressions run with a restricted
     * search_path.  Both extensions are trusted: a database owner may
     * create them. */
    {5, "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;"
        "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;"
        "CREATE FUNCTION sohoa_fold(text) RETURNS text"
        "  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE"
        "  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;"
        /* Stored, not an expression index: ranking reads the vector
         * of every candidate, and recomputing it from the text costs
         * more than the disk it takes. */
        "ALTER TABLE pages ADD COLUMN fts tsvector GENERATED ALWAYS AS"
        "  (to_tsvector('simple'::regconfig, sohoa_fold(coalesce(text, '')))) STORED;"
        "CREATE INDEX pages_fts_idx ON pages USING gin (fts) WHERE status = 'done';"
        /* GiST, not GIN: it walks names nearest first and stops at the
         * few a search shows, where GIN must score every candidate. */
        "CREATE INDEX subjects_name_trgm_idx ON subjects"
        "  USING gist (sohoa_fold(display_name) public.gist_trgm_ops);"
        "ALTER TABLE dossiers ADD COLUMN office text;"
        "CREATE INDEX dossiers_received_idx ON dossiers (received_at);"
        "CREATE TABLE api_tokens ("
        "  id bigserial PRIMARY KEY,"
        "  agency text NOT NULL,"
        "  scope text NOT NULL CHECK (scope IN ('read', 'reuse', 'admin')),"
        "  hash text NOT NULL UNIQUE,"
        "  prefix text NOT NULL,"
        "  rate_limit int CHECK (rate_limit IS NULL OR rate_limit >= 0),"
        "  note text,"
        "  created_at timestamptz NOT NULL DEFAULT now(),"
        "  created_by text,"
        "  revoked_at timestamptz"
        ");"
        "CREATE TABLE audit ("
        "  id bigserial PRIMARY KEY,"
        "  at timestamptz NOT NULL DEFAULT clock_timestamp(),"
        "  agency text NOT NULL,"
        "  token_id bigint REFERENCES api_tokens,"
        "  actor text,"
        "  subject_keys text[],"
        "  endpoint text NOT NULL,"
        "  purpose text,"
        "  result int NOT NULL,"
        "  document_ids bigint[],"
        "  request_id text"
        ");"
        "CREATE INDEX audit_subjects_idx ON audit USING gin (subject_keys)"
        "  WITH (fastupdate = off);"
        "CREATE INDEX audit_documents_idx ON audit USING gin (document_ids)"
        "  WITH (fastupdate = off);"
        "CREATE FUNCTION sohoa_audit_append_only() RETURNS trigger LANGUAGE plpgsql"
        "  AS $$ BEGIN RAISE EXCEPTION 'audit rows are append-only'; END $$;"
        "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit"
        "  FOR EACH ROW EXECUTE FUNCTION sohoa_audit_append_only();"
        "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit"
        "  FOR EACH STATEMENT EXECUTE FUNCTION sohoa_audit_append_only();"
        "CREATE TABLE reuse_events ("
        "  id bigserial PRIMARY KEY,"
        "  at timestamptz NOT NULL DEFAULT now(),"
        "  token_id bigint REFERENCES api_tokens,"
        "  agency text NOT NULL,"
        "  office text NOT NULL,"
        "  procedure_code text NOT NULL,"
        "  receiving_dossier text NOT NULL,"
        "  subject_id bigint NOT NULL REFERENCES subjects,"
        "  document_ids bigint[] NOT NULL,"
        "  purpose text"
        ");"
        /* A client that retries a POST records one reuse, not two. */
        "CREATE UNIQUE INDEX reuse_events_once_idx ON reuse_events"
        "  (office, procedure_code, receiving_dossier, subject_id, document_ids);"
        "CREATE INDEX reuse_events_at_idx ON reuse_events (at);"},
    /* Degrees a page was turned to straighten its lines before OCR
     * (deskew); NULL: not checked. */
    {6, "ALTER TABLE pages ADD COLUMN skew_angle real;"},
    /* Archival outputs (sohoa run --output): one row per file, the path
     * a file holds is unique.  fingerprint names the stored pages the
     * file was made from, so a re-run knows what is up to date. */
    {7, "CREATE TABLE outputs ("
        "  id bigserial PRIMARY KEY,"
        "  dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,"
        "  kind text NOT NULL CHECK (kind IN ('pdf', 'hocr', 'txt')),"
        "  page int,"
        "  path text NOT NULL UNIQUE,"
        "  size bigint NOT NULL,"
        "  sha256 text NOT NULL,"
        "  fingerprint text NOT NULL,"
        "  written_at timestamptz NOT NULL DEFAULT now()"
        ");"
        "CREATE INDEX outputs_dossier_idx ON outputs (dossier_id);"},
    /* Cleaning steps that changed a page before OCR, comma-separated
     * ("scale300,border,despeckle"); '' none did; NULL not tried. */
    {8, "ALTER TABLE pages ADD COLUMN preprocess_steps text;"},
    /* How near a word's tone marks came to another reading (ocr_word's
     * tone_gap); NULL: no letter had a rival tone, or an older page. */
    {9, "ALTER TABLE words ADD COLUMN tone_gap real;"},
    /* A page that planning recorded failed (an unreadable entry, a
     * duplicate dossier code): planning looks at its entry again on
     * every run, so --retry-failed leaves it to planning. */
    {10, "ALTER TABLE pages ADD COLUMN failed_in_planning boolean NOT NULL DEFAULT false;"},
    /* Pages from before version 10: only a claim counts an attempt, so a
     * failed page no worker ever claimed was refused by planning. */
    {11, "UPDATE pages SET failed_in_planning = true"
         "  WHERE status = 'failed' AND attempts = 0 AND NOT failed_in_planning;"},
};

#define STORE_N_MIGRATIONS (int)(sizeof(store_migrations) / sizeof(store_migrations[0]))

int store_schema_latest(void)
{
	return store_migrations[STORE_N_MIGRATIONS - 1].version;
}

/* Version recorded in schema_migrations, 0 when the table is absent. */
static int store_read_version(store *s, int *version, core_err *err)
{
	PGresult *res = NULL;
	int rc = -1;

	*version = 0;
	res = store_exec(s, "SELECT to_regclass('schema_migrations') IS NOT NULL", 0, NULL,
	                 PGRES_TUPLES_OK, "cannot read the schema version", err);
	if (!res)
		goto out;
	if (PQgetvalue(res, 0, 0)[0] != 't') {
		rc = 0;
		goto out;
	}
	PQclear(res);
	res = store_exec(s, "SELECT coalesce(max(version), 0) FROM schema_migrations", 0, NULL,
	                 PGRES_TUPLES_OK, "cannot read the schema version", err);
	if (!res)
		goto out;
	*version = store_get_int(res, 0, 0);
	rc = 0;
out:
	PQclear(res);
	return rc;
}

int store_schema_version(store *s, int *version, core_err *err)
{
	int v = 0;

	if (version)
		*version = 0;
	if (store_read_version(s, &v, err))
		return -1;
	if (version)
		*version = v;
	return 0;
}

int store_migrate(store *s, int *version, core_err *err)
{
	char vbuf[STORE_NUM_LEN];
	const char *vals[1];
	PGresult *res = NULL;
	int current = 0;
	int rc = -1;

	/* The caller may not care which version it got (NULL). */
	if (version)
		*version = 0;
	if (store_begin(s, err))
		goto out;
	/* Two processes starting at once: the second waits here and then
	 * finds the work done. */
	res = store_exec(s, "SELECT pg_advisory_xact_lock(x'" STORE_MIGRATE_LOCK "'::bigint)", 0,
	                 NULL, PGRES_TUPLES_OK, "cannot lock the schema", err);
	if (!res)
		goto out;
	PQclear(res);
	res = NULL;
	if (store_exec_cmd(s,
	                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                   "  version int PRIMARY KEY,"
	                   "  applied_at timestamptz DEFAULT now())",
	                   "cannot create the migrations table", err))
		goto out;
	if (store_read_version(s, &current, err))
		goto out;
	if (current > store_schema_latest()) {
		core_err_set(err, CORE_EDB, "database schema is newer than this program");
		core_err_detail(err, "database at version %d, this program knows up to %d", current,
		                store_schema_latest());
		goto out;
	}
	for (int i = 0; i < STORE_N_MIGRATIONS; i++) {
		const store_migration *m = &store_migrations[i];
		if (m->version <= current)
			continue;
		/* Constant text with several statements: PQexec runs them
		 * all inside the open transaction. */
		if (store_exec_cmd(s, m->sql, "cannot apply a schema migration", err)) {
			core_err_detail(err, "migration %d", m->version);
			goto out;
		}
		vals[0] = store_i64(vbuf, m->version);
		res = store_exec(s, "INSERT INTO schema_migrations (version) VALUES ($1)", 1, vals,
		                 PGRES_COMMAND_OK, "cannot record a schema migration", err);
		if (!res)
			goto out;
		PQclear(res);
		res = NULL;
		current = m->version;
	}
	if (store_commit(s, err))
		goto out;
	if (version)
		*version = current;
	rc = 0;
out:
	PQclear(res);
	if (rc)
		store_rollback(s);
	return rc;
}
