/*
 * bench_load.h - the parts of sohoa-load, the database scale loader:
 * synthetic citizens and enterprises, the plan of dossiers and their
 * documents, and each document's OCR-like page text and fields; and
 * the state of one load, shared by the passes and the report.
 *
 * Everything is a pure function of the seed, an index and the ids the
 * store reserved, so each table is produced in its own pass over the
 * plan and the passes agree: a name in a page's text is the name in its
 * field and in its subject.
 */
#ifndef SOHOA_BENCH_LOAD_H
#define SOHOA_BENCH_LOAD_H

#include "core.h"
#include "store.h"

/* ---- random numbers (splitmix64 seeding xoshiro256**) -------------- */

typedef struct bench_load_rng {
	uint64_t s[4];
} bench_load_rng;

/* Independent streams: one per kind of thing and index. */
typedef enum bench_load_stream {
	BENCH_LOAD_S_PERSON = 1,
	BENCH_LOAD_S_PERSON_KEY,
	BENCH_LOAD_S_ENTERPRISE,
	BENCH_LOAD_S_PLAN,
	BENCH_LOAD_S_DOSSIER,
	BENCH_LOAD_S_DOC,
	BENCH_LOAD_S_PAGE,
	BENCH_LOAD_S_RUN,
	BENCH_LOAD_S_OFFICE
} bench_load_stream;

uint64_t bench_load_mix(uint64_t x);
void bench_load_rng_init(bench_load_rng *r, uint64_t seed, bench_load_stream stream,
                         uint64_t index);
uint64_t bench_load_next(bench_load_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t bench_load_below(bench_load_rng *r, uint32_t n);
/* Uniform in [lo, hi]. */
int bench_load_range(bench_load_rng *r, int lo, int hi);
double bench_load_unit(bench_load_rng *r);
bool bench_load_chance(bench_load_rng *r, double p);
#define BENCH_LOAD_N(a)       ((int)(sizeof(a) / sizeof((a)[0])))
#define BENCH_LOAD_PICK(r, a) ((a)[bench_load_below((r), (uint32_t)BENCH_LOAD_N(a))])

/* ---- dates and text --------------------------------------------------- */

/* Days since 1970-01-01 (proleptic Gregorian). */
int32_t bench_load_days(int y, int m, int d);
void bench_load_civil(int32_t days, int *y, int *m, int *d);
int bench_load_year(int32_t days);
/* Vietnam has no daylight saving time: local = UTC + 7 h. */
#define BENCH_LOAD_TZ (7 * 3600)
/* timestamptz text in Vietnam time, "2024-03-05 09:12:33+07". */
void bench_load_time_text(int64_t t, char out[32]);

/* snprintf that truncates (values are bounded by construction). */
void bench_load_fmt(char *dst, size_t size, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Vietnamese letters to upper case (cards print names in capitals). */
void bench_load_upper(const char *in, char *out, size_t size);
/* Diacritics dropped, đ to d: "Nguyễn" -> "Nguyen". */
void bench_load_ascii(const char *in, char *out, size_t size);
/* Vietnamese number words, 0 <= n < 10000: 1990 -> "một nghìn chín trăm chín mươi". */
void bench_load_words(int n, char *out, size_t size);

/* ---- places --------------------------------------------------------------- */

typedef struct bench_load_province {
	const char *code; /* three digits, the personal ID prefix */
	const char *name;
	bool city; /* centrally-run city: "thành phố", districts are "quận" */
} bench_load_province;

extern const bench_load_province bench_load_provinces[];
extern const int bench_load_n_provinces;

typedef struct bench_load_place {
	char commune[96]; /* "xã Tân Phú" */
	char full[256];   /* "xã Tân Phú, huyện Châu Thành, tỉnh An Giang" */
	char local[64];   /* "Tân Phú": the place line of a dated paper */
} bench_load_place;

void bench_load_place_make(bench_load_rng *r, int province, bench_load_place *pl);
/* A house or village address in the province, e.g. "Số 12, đường Lê Lợi,
 * phường Tân Định, quận Ba Đình, thành phố Hà Nội". */
void bench_load_address(bench_load_rng *r, int province, char *out, size_t size);
/* "tỉnh An Giang", "thành phố Hà Nội". */
void bench_load_province_name(int province, char *out, size_t size);

/* ---- subjects --------------------------------------------------------------- */

typedef struct bench_load_person {
	char key[13]; /* personal ID */
	char name[96];
	bool female;
	int32_t birth; /* days */
	int province;  /* of birth registration: the ID's prefix */
	const char *ethnicity;
	char cmnd[10];
	char origin[256];
	char birth_place[256];
	char residence[256];
} bench_load_person;

/* Sex and birth date of person `index`: what the planner needs, cheap. */
void bench_load_person_basic(uint64_t seed, int64_t index, bool *female, int32_t *birth);
/*
 * Person `index` stored with subject id `id`.  The key is injective in
 * id (for ids below 63,000,000): loads appended to a database never
 * reuse a key, whatever their seeds.
 */
void bench_load_person_make(uint64_t seed, int64_t index, int64_t id, bench_load_person *p);
/* Upper-cases the first letter: "xã Tân Phú" -> "Xã Tân Phú". */
void bench_load_cap_first(char *s, size_t size);
/* A name not tied to a subject (signers, officers). */
void bench_load_name(bench_load_rng *r, bool female, char *out, size_t size);
/* Length, province prefix and century digit of a personal ID. */
bool bench_load_person_key_ok(const char *key, bool female, int birth_year);

typedef struct bench_load_enterprise {
	char code[11];
	char name[192];       /* "Công ty TNHH Thương mại Minh Phát" */
	char name_upper[256]; /* as printed on the certificate */
	char address[256];
	int province;
	int64_t capital; /* đồng */
	int32_t founded; /* days: first registration */
} bench_load_enterprise;

void bench_load_enterprise_make(uint64_t seed, int64_t index, int64_t id, bench_load_enterprise *e);
/* 10 digits with the weighted check digit. */
bool bench_load_enterprise_code_ok(const char *code);

/* ---- the plan: dossiers, documents and who they are about ------------- */

typedef enum bench_load_type {
	BENCH_LOAD_CCCD = 0,
	BENCH_LOAD_CMND,
	BENCH_LOAD_BIRTH,
	BENCH_LOAD_MARRIAGE,
	BENCH_LOAD_MARITAL,
	BENCH_LOAD_BUSINESS,
	BENCH_LOAD_LAND,
	BENCH_LOAD_DECISION,
	BENCH_LOAD_APPLICATION,
	BENCH_LOAD_OTHER,
	BENCH_LOAD_N_TYPES
} bench_load_type;

typedef enum bench_load_role {
	BENCH_LOAD_HOLDER = 0,
	BENCH_LOAD_MOTHER,
	BENCH_LOAD_FATHER,
	BENCH_LOAD_WIFE,
	BENCH_LOAD_HUSBAND,
	BENCH_LOAD_LEGAL_REP,
	BENCH_LOAD_OWNER,
	BENCH_LOAD_APPLICANT,
	BENCH_LOAD_ENTERPRISE, /* the only role whose subject is an enterprise */
	BENCH_LOAD_N_ROLES
} bench_load_role;

/* Administrative procedures: what a dossier is for. */
typedef enum bench_load_proc {
	BENCH_LOAD_P_IDCARD = 0, /* identity card, residence */
	BENCH_LOAD_P_MARRIAGE,
	BENCH_LOAD_P_BIRTH, /* copy of a birth registration */
	BENCH_LOAD_P_BUSINESS,
	BENCH_LOAD_P_LAND,
	BENCH_LOAD_P_MARITAL, /* marital status confirmation */
	BENCH_LOAD_P_REQUEST, /* a request answered by a decision */
	BENCH_LOAD_P_FILL,    /* the last few documents */
	BENCH_LOAD_N_PROCS
} bench_load_proc;

const char *bench_load_type_name(bench_load_type t);
const char *bench_load_role_name(bench_load_role r);

#define BENCH_LOAD_MAX_LINKS     3
#define BENCH_LOAD_MAX_DOC_PAGES 4
#define BENCH_LOAD_MAX_FIELDS    16
#define BENCH_LOAD_MAX_DOCS      8 /* per dossier */
#define BENCH_LOAD_MAX_PER_SUBJ  10

typedef struct bench_load_doc {
	int32_t dossier;
	uint8_t type;
	uint8_t variant;    /* layout / purpose, drawn at planning */
	uint8_t first_page; /* within the dossier, 1-based */
	uint8_t n_pages;
	uint8_t n_links;
	uint8_t role[BENCH_LOAD_MAX_LINKS];
	/* Person index, or enterprise index for BENCH_LOAD_ENTERPRISE. */
	int32_t subject[BENCH_LOAD_MAX_LINKS];
} bench_load_doc;

typedef struct bench_load_dossier {
	int64_t received; /* seconds since the epoch */
	int64_t page0;    /* ordinal of its first page among all pages */
	int32_t first_doc;
	int32_t run;
	uint8_t n_docs;
	uint8_t n_pages;
	uint8_t procedure;
	uint8_t office; /* province of the receiving office */
} bench_load_dossier;

typedef struct bench_load_plan {
	uint64_t seed;
	bench_load_dossier *dossiers;
	int64_t n_dossiers;
	bench_load_doc *docs;
	int64_t n_docs;
	/* Persons 0 .. n_persons-1 have ids; the few that no document
	 * names (-1 in person_first) are left out, a gap in the ids. */
	int64_t n_persons, persons_used;
	int64_t n_enterprises;
	/* Dossier that first names each subject (its creation time), or -1. */
	int32_t *person_first;
	int32_t *enterprise_first;
	int64_t n_pages, n_fields, n_links, n_runs;
	int dossiers_per_run;
	/* First id of each table, once reserved in the store; a row's id is
	 * the first plus its ordinal.  Enterprises follow the persons. */
	int64_t id_run, id_subject, id_dossier, id_page, id_document, id_field;
	/* [k]: subjects in k documents ([0]: persons left out) */
	int64_t per_subject[BENCH_LOAD_MAX_PER_SUBJ + 1];
} bench_load_plan;

/*
 * Plans `docs` documents in dossiers of about four, about persons
 * 0..persons-1 and enterprises 0..enterprises-1, each used by 1 to 10
 * documents (a few of the requested subjects may stay unused).
 */
int bench_load_plan_build(bench_load_plan *p, uint64_t seed, int64_t docs, int64_t persons,
                          int64_t enterprises, core_err *err);
void bench_load_plan_free(bench_load_plan *p);
int bench_load_type_fields(bench_load_type t);
/* "HS-2024-0001234": reception year and the dossier's id. */
void bench_load_dossier_code(const bench_load_plan *p, int64_t dossier, char out[32]);
/* Subject ids: persons first, then enterprises. */
int64_t bench_load_person_id(const bench_load_plan *p, int64_t person);
int64_t bench_load_enterprise_id(const bench_load_plan *p, int64_t enterprise);
int bench_load_type_pages(bench_load_type t, int variant);

/* ---- a document's pages and fields ------------------------------------ */

typedef enum bench_load_status {
	BENCH_LOAD_AUTO = 0,
	BENCH_LOAD_REVIEW,
	BENCH_LOAD_VERIFIED
} bench_load_status;

typedef struct bench_load_field {
	const char *name;
	char raw[320];
	char value[320];
	bool has_value;
	int page; /* dossier page number */
	int x0, y0, x1, y1;
	double confidence;
	const char *validators; /* JSON object */
	bench_load_status status;
	const char *verified_by;
	int64_t verified_at;
} bench_load_field;

typedef struct bench_load_rendered {
	core_buf text[BENCH_LOAD_MAX_DOC_PAGES];
	int n_pages;
	double page_conf[BENCH_LOAD_MAX_DOC_PAGES];
	bench_load_field fields[BENCH_LOAD_MAX_FIELDS];
	int n_fields;
	int64_t created_at; /* the document's and its fields' extraction time */
} bench_load_rendered;

void bench_load_rendered_init(bench_load_rendered *d);
void bench_load_rendered_free(bench_load_rendered *d);
/* Scan quality of a document (0..1): its confidence, without rendering. */
double bench_load_doc_quality(const bench_load_plan *p, int64_t doc);
/* Page text and fields of document `doc` (plan ids must be set). */
int bench_load_render(const bench_load_plan *p, int64_t doc, bench_load_rendered *out,
                      core_err *err);

/*
 * Times, shared by the passes so that they agree: a run starts after the
 * last dossier of its batch is received and OCRs its pages in order; a
 * dossier is processed with its last page and classified just after.
 */
int64_t bench_load_run_start(const bench_load_plan *p, int64_t run);
int64_t bench_load_run_end(const bench_load_plan *p, int64_t run);
int64_t bench_load_page_time(const bench_load_plan *p, int64_t dossier, int number);
int64_t bench_load_dossier_classified(const bench_load_plan *p, int64_t dossier);

/* ---- a load: bench_load_main.c runs it, bench_load_report.c reports it -- */

typedef struct bench_load_opts {
	const char *db;
	const char *report;
	int64_t documents, persons, enterprises, batch;
	uint64_t seed;
	bool sync_commit, vacuum, quiet, dry_run, commit_per_table;
} bench_load_opts;

typedef struct bench_load_stat {
	int64_t rows;
	double seconds, cpu;
	int64_t bytes;
} bench_load_stat;

typedef struct bench_load_run {
	const bench_load_opts *o;
	bench_load_plan plan;
	store *st;
	store_copy *copy;
	bench_load_rendered doc;
	bench_load_stat stat[STORE_COPY_N_TABLES];
	/* progress of the table being copied */
	store_copy_table table;
	int64_t expect, next_report;
	double t0;
	double plan_seconds, commit_seconds, finish_seconds, total_seconds;
	int64_t db_bytes;
} bench_load_run;

/* The plan's counts on stdout: all that --dry-run prints. */
void bench_load_print_plan(const bench_load_plan *p);
/* The summary table of a finished load on stdout. */
void bench_load_print(const bench_load_run *x);
/* The summary of a finished load as JSON into x->o->report. */
int bench_load_report(const bench_load_run *x, core_err *err);

#endif
