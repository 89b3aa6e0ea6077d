/*
 * pipe.h - the batch driver behind `sohoa run`: plans dossiers into
 * pending page jobs, runs OpenMP workers that claim, recognize and
 * store pages, reports progress and a summary.
 */
#ifndef SOHOA_PIPE_H
#define SOHOA_PIPE_H

#include "core.h"

/* Exit codes of the sohoa command (documented in the README). */
enum {
	PIPE_EXIT_OK = 0,         /* every page done or blank */
	PIPE_EXIT_FATAL = 1,      /* could not run: OCR engine, I/O, internal error */
	PIPE_EXIT_USAGE = 2,      /* bad arguments */
	PIPE_EXIT_DB = 3,         /* database unreachable or failing */
	PIPE_EXIT_PARTIAL = 4,    /* batch finished, some pages failed */
	PIPE_EXIT_INTERRUPTED = 5 /* stopped by a signal; run again to resume */
};

typedef enum pipe_progress_mode {
	PIPE_PROGRESS_AUTO = 0, /* live line on a TTY, JSON lines otherwise */
	PIPE_PROGRESS_TEXT,
	PIPE_PROGRESS_JSON,
	PIPE_PROGRESS_NONE
} pipe_progress_mode;

typedef struct pipe_options {
	const char *const *inputs; /* directories (entries are dossiers) or dossier files */
	int n_inputs;
	const char *db;       /* connection string; NULL: DATABASE_URL, PG*, embedded */
	int jobs;             /* worker threads; 0: number of cores */
	const char *lang;     /* Tesseract languages, default "vie" */
	const char *tessdata; /* NULL: Tesseract's default */
	int psm;              /* page segmentation mode, default 3 */
	double max_megapixels;
	int max_pages;
	int lease_seconds;
	bool retry_failed;
	bool refresh;            /* re-OCR done pages recognized under other settings */
	bool tess_inner_threads; /* let Tesseract's own OpenMP run (for measurement only) */
	const char *report_path; /* --report FILE.json */
	const char *truth_dir;   /* --truth DIR: ground truth JSON per dossier code */
	pipe_progress_mode progress;
	bool no_classify;       /* OCR and store only */
	bool no_orient;         /* skip page orientation detection */
	bool no_deskew;         /* skip small-angle skew correction */
	unsigned preprocess;    /* cleaning steps before orientation (OCR_STEP_*, ocr.h) */
	bool force_ocr;         /* OCR PDF pages even when they carry a text layer */
	const char *defs_dir;   /* NULL: $SOHOA_DEFS_DIR or the built-in folder */
	const char *model_path; /* NULL: $SOHOA_MODEL or the shipped model */
	const char *office;     /* receiving office recorded on new dossiers, or NULL */
	const char *output_dir; /* --output DIR ($SOHOA_OUTPUT_DIR): archival outputs, or NULL */
} pipe_options;

void pipe_options_default(pipe_options *o);

/* Runs a batch; returns one of the PIPE_EXIT_* codes.  Messages go to
 * the log; the summary to stdout. */
int pipe_run(const pipe_options *o);

/* `sohoa reclassify`: classification again from stored words, no OCR;
 * all dossiers, or the newest version of `code`. */
int pipe_reclassify(const char *db, const char *code, const char *defs_dir, const char *model_path);

/* `sohoa train`: a page classifier from ground truth folders. */
int pipe_train(const char *const *truth_dirs, int n, const char *out_path);

/* Maps an error class to the exit code the README documents. */
int pipe_exit_code(const core_err *err);

#endif
