/* pipe_int.h - private to the pipeline module. */
#ifndef SOHOA_PIPE_INT_H
#define SOHOA_PIPE_INT_H

#include "classify.h"
#include "core.h"
#include "ocr.h"
#include "pipe.h"
#include "store.h"

#define PIPE_MAX_FAILURES_KEPT 1000
#define PIPE_MAX_KINDS         24

/* A failure kept for the summary and the report. */
typedef struct pipe_failure {
	char *dossier;
	int page;
	char code[16];
	char *reason;
	bool earlier; /* recorded by an earlier run, still failed */
} pipe_failure;

/* A stop was asked (SIGINT, SIGTERM): long serial loops end early. */
bool pipe_stopping(void);

/* Extra JSON fields of one log line (a dossier code can be long). */
#define PIPE_LOG_EXTRA_MAX 4096

typedef struct pipe_failures {
	pipe_failure *v;
	int n, cap;
	int64_t dropped; /* beyond PIPE_MAX_FAILURES_KEPT */
} pipe_failures;

void pipe_failures_add(pipe_failures *f, const char *dossier, int page, core_code code,
                       const char *reason);
/* A failure an earlier run recorded (store_failed_cb; ctx: the list). */
void pipe_failures_add_earlier(void *f, const char *dossier, int page, const char *code,
                               const char *reason);
void pipe_failures_free(pipe_failures *f);

/* One dossier as found on disk. */
typedef struct pipe_dossier {
	char *code;
	char *path;
	const char *kind;   /* "file" or "folder" */
	const char *format; /* of the first page file */
	char sha256[CORE_SHA256_HEX];
	int64_t size_bytes;
	store_page_src *pages; /* strings owned by the dossier */
	int n_pages;
	int64_t id; /* in the store, once planned */
	/* The entry itself (device, inode), when stat could read it: the
	 * same file or folder given twice is planned once. */
	uint64_t dev, ino;
	bool have_ino;
} pipe_dossier;

typedef struct pipe_plan {
	pipe_dossier *d;
	int n, cap;
	int64_t pages;
} pipe_plan;

/* Walks the inputs: each entry of an input directory is a dossier.
 * Unreadable members become pages planned as failed, never dropped. */
int pipe_plan_scan(const pipe_options *o, const ocr_limits *lim, pipe_plan *plan, core_err *err);
void pipe_plan_free(pipe_plan *plan);

/* Logs err (message, then detail) as the batch's closing error. */
void pipe_log_error(const core_err *err);

/* Finds the database: --db, the environment, or the private embedded
 * cluster (started if needed).  Fills conninfo. */
int pipe_open_db(const char *db, char *conninfo, size_t size, core_err *err);

/* Classification work done by this process. */
typedef struct pipe_classify_counts {
	int64_t dossiers, documents, fields, fields_auto, subjects, failed;
	double seconds;
} pipe_classify_counts;

/* Definitions and model: loaded once, shared read-only by all workers. */
typedef struct pipe_classifier {
	classify_defs *defs;
	classify_model *model;
	classify_options options;
} pipe_classifier;

int pipe_classifier_load(pipe_classifier *pc, const char *defs_dir, const char *model_path,
                         core_err *err);
void pipe_classifier_clear(pipe_classifier *pc);

/* Classifies one dossier if every page is terminal and (unless force)
 * it has no classification yet; otherwise does nothing. */
int pipe_classify_dossier(const pipe_classifier *pc, store *st, int64_t dossier_id, int64_t run_id,
                          bool force, pipe_classify_counts *cnt, core_err *err);
/* Classifies whatever the given dossiers still lack. */
int pipe_classify_sweep(const pipe_classifier *pc, store *st, const int64_t *ids, int n,
                        int64_t run_id, pipe_classify_counts *cnt, core_err *err);

/* Archival outputs work done by this process. */
typedef struct pipe_output_counts {
	int64_t dossiers;      /* dossiers whose outputs were (re)made */
	int64_t written, kept; /* files written, files already right */
	int64_t held;          /* dossiers with failed pages: no outputs yet */
	int64_t failed;        /* dossiers whose outputs could not be made */
	int64_t pages, bytes;  /* pdf pages made, bytes of files written */
	double seconds;
} pipe_output_counts;

/* Output folder, font and colour profile: shared read-only. */
typedef struct pipe_outputs {
	char dir[4096]; /* absolute */
	struct out_assets *assets;
	ocr_limits lim;
} pipe_outputs;

int pipe_outputs_setup(pipe_outputs *po, const char *dir, const char *tessdata,
                       const ocr_limits *lim, core_err *err);
void pipe_outputs_clear(pipe_outputs *po);
/*
 * Writes what is missing or stale of a dossier's outputs if every page
 * is terminal and no other session is at it.  report_held: log and
 * count a dossier held back by failed pages (the sweep does, the
 * per-page hook does not, so it is said once).  Fails only on database
 * and output-folder errors; a dossier whose source pages cannot be
 * read is logged and counted.
 */
int pipe_output_dossier(const pipe_outputs *po, store *st, int64_t id, bool report_held,
                        pipe_output_counts *cnt, core_err *err);
int pipe_output_sweep(const pipe_outputs *po, store *st, const int64_t *ids, int n,
                      pipe_output_counts *cnt, core_err *err);

/* Stage times summed over pages, and outcome counts of this process. */
typedef struct pipe_stats {
	double load_s, preprocess_s, ocr_s, store_s, recognize_s;
	double clean_s; /* the cleaning steps' share of preprocess_s */
	int64_t done, failed, blank, reused, rotated, rotated_osd, deskewed, lease_lost;
	int64_t text_layer; /* PDF pages stored with their own text, not OCR'd */
	int64_t cleaned;    /* pages some preprocessing step changed */
	pipe_classify_counts cls;
	pipe_output_counts out;
} pipe_stats;

typedef struct pipe_progress pipe_progress;

pipe_progress *pipe_progress_new(pipe_progress_mode mode, int64_t total, int64_t already);
/* Called by workers after each page; prints at most once a second. */
void pipe_progress_page(pipe_progress *p, store_page_status st);
void pipe_progress_end(pipe_progress *p);
void pipe_progress_destroy(pipe_progress **p);

/* Accuracy against ground truth (--truth). */
typedef struct pipe_accuracy {
	int pages;       /* compared pages (truth not blank, stored done) */
	int pages_clean; /* of which clean 300 dpi */
	int64_t edits, ref_len, edits_fold, words_edits, words_ref;
	int64_t clean_edits, clean_ref;
	int blank_expected, blank_found, blank_missed, blank_false;
	int missing_truth;
	/* Clean 300 dpi pages by truth page kind (document type, prose). */
	struct {
		char kind[32];
		int pages;
		int64_t edits, ref_len;
	} by_kind[PIPE_MAX_KINDS];
	int n_kinds;
} pipe_accuracy;

int pipe_truth_compare(store *s, const pipe_plan *plan, const char *truth_dir, pipe_accuracy *acc,
                       core_err *err);

/* Prints the summary to stdout and writes the JSON report if asked. */
typedef struct pipe_summary {
	int64_t run_id;
	int jobs;
	double elapsed_s, cpu_s;
	store_counts counts;
	const pipe_stats *stats;
	const pipe_accuracy *acc; /* NULL without --truth */
	const pipe_failures *failures;
	const char *options_json;
	bool classify_on;
	bool output_on;
	char started[32], finished[32];
} pipe_summary;

char *pipe_summary_json(const pipe_summary *sum, core_err *err);
void pipe_summary_print(const pipe_summary *sum);
int pipe_report_write(const char *path, const char *json, core_err *err);

#endif
