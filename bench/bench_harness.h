/*
 * bench_harness.h - internals of sohoa-bench, the benchmark harness:
 * one corpus, sohoa at 1..N jobs and its peers (the tesseract CLI,
 * OCRmyPDF) on the same pages, every figure from a clock or from the
 * ground truth of that run.  Private to the bench_harness*.c files.
 */
#ifndef SOHOA_BENCH_HARNESS_H
#define SOHOA_BENCH_HARNESS_H

#include "bench_metrics.h"
#include "core.h"

#include <limits.h>
#include <sys/types.h>

#define BENCH_JOBS_MAX 64
#define BENCH_PATH_MAX 4096
#define BENCH_NOTE_MAX 512
/* Texts and logs read back from children: far above any page. */
#define BENCH_TEXT_MAX (64u << 20)

#define BENCH_SOHOA_ARGS_MAX 16
/*
 * Pages the CLI reads with Debian's libtesseract OpenMP unlimited: its
 * threads oversubscribe the cores and a page takes seconds, so a sample
 * shows the cost without spending the run on it.
 */
#define BENCH_OMP_SAMPLE 6
/* --rounds: the N-job runs of sohoa, the bare loop and the peers repeated. */
#define BENCH_ROUNDS_MAX 9

/* ---- options ------------------------------------------------------------ */

typedef struct bench_hopts {
	const char *corpus;  /* existing corpus, else one is generated */
	int pages;           /* generated pages (default 60) */
	uint64_t seed;       /* generator seed (default 42) */
	const char *degrade; /* generator degradations (default mixed) */
	const char *format;  /* generator format (default mixed) */
	int jobs_max;        /* sohoa at 1..jobs_max; peers at jobs_max */
	char sohoa[BENCH_PATH_MAX];
	char bare[BENCH_PATH_MAX]; /* sohoa-bare: the plain C-API loop */
	const char *db;            /* administrative conninfo; else a private cluster */
	char out[BENCH_PATH_MAX];
	char results_md[BENCH_PATH_MAX]; /* empty: none found, not written */
	bool no_ocrmypdf, no_cli, memory_scale;
	bool no_twins; /* skip the clean twins of degraded pages */
	bool no_parts; /* skip sohoa and OCRmyPDF on the gray and bilevel pages apart */
	const char *lang;
	uint64_t train_seed; /* corpus seed the shipped classifier model was trained on */
	/* Extra options passed to every `sohoa run` (--sohoa-arg, repeatable). */
	const char *sohoa_args[BENCH_SOHOA_ARGS_MAX];
	int n_sohoa_args;
	int rounds; /* rounds of the N-job throughput runs (default 1) */
} bench_hopts;

/* ---- corpus --------------------------------------------------------------- */

typedef struct bench_hpage {
	char *code;
	int number;
	int dpi;
	bool blank;
	int group;   /* degradation index in corpus.groups */
	char *truth; /* the page's lines joined by newlines */
	char *kind;
	char *source; /* file holding the page: a TIFF, or the page's own image */
	int index;    /* directory in that TIFF, 0-based */
	bool tiff;
	bool bilevel; /* stored as 1 bit per pixel (G4), else gray */
	char *image;  /* a single-page image of it, for the CLI */
} bench_hpage;

typedef struct bench_corpus {
	char dir[BENCH_PATH_MAX];
	char dossiers[BENCH_PATH_MAX];
	char truth[BENCH_PATH_MAX];
	bench_hpage *pages;
	int n, cap;
	int nonblank, n_dossiers;
	int gray, bilevel; /* pages by pixels */
	int png;           /* pages stored one per file, in dossier folders */
	long long seed;    /* generator seed from the truth, -1 if it has none */
	bench_groups groups;
	/* A part of another corpus (bench_corpus_part): its pages are
	 * renumbered within each dossier, so its documents are not scored. */
	bool part;
	char desc[512];
} bench_corpus;

/* Loads DIR/truth and finds each page's source under DIR. */
int bench_corpus_load(bench_corpus *c, const char *dir, core_err *err);
void bench_corpus_free(bench_corpus *c);
/* Generates a corpus of o->pages pages into dir. */
int bench_corpus_generate(const bench_hopts *o, const char *dir, int pages, core_err *err);
/* One single-page image per page (for the CLI) under work/images. */
int bench_corpus_images(bench_corpus *c, const char *work, core_err *err);
/* All pages in corpus order as one PDF (for OCRmyPDF); name tells the
 * work files of one PDF from another's. */
int bench_corpus_pdf(bench_corpus *c, const char *work, const char *name, const char *pdf,
                     core_err *err);
/*
 * The gray (bilevel false) or the bilevel pages of c as a corpus of their
 * own under dir, emptied first: dir/dossiers/<code>/page-<k>.<ext>, hard
 * links (else symbolic ones) to c's single-page images, k counting the
 * part's pages of each dossier from 1.  c's images must exist
 * (bench_corpus_images).
 */
int bench_corpus_part(const bench_corpus *c, bool bilevel, const char *dir, bench_corpus *out,
                      core_err *err);

/* ---- child processes -------------------------------------------------------- */

typedef struct bench_proc_usage {
	double wall_s, cpu_s; /* user + system, the child and its reaped children */
	long maxrss_kb;
	int status; /* as from wait4 */
} bench_proc_usage;

/* NULL-terminated "NAME=VALUE" settings applied in the child only. */
int bench_proc_spawn(char *const argv[], const char *const env_set[], const char *out_path,
                     const char *err_path, pid_t *pid, core_err *err);
/* Waits for pid (or any child: -1); fills usage (CPU and RSS from wait4). */
int bench_proc_wait(pid_t pid, pid_t *got, bench_proc_usage *u, core_err *err);
/* Spawns and waits; wall from just before fork to the reaping. */
int bench_proc_run(char *const argv[], const char *const env_set[], const char *out_path,
                   const char *err_path, bench_proc_usage *u, core_err *err);
/* True for exit status 0. */
bool bench_proc_ok(const bench_proc_usage *u);
/* "exit 3", "killed by signal 9". */
const char *bench_proc_describe(const bench_proc_usage *u, char *buf, size_t size);
/* Full path of a program found in PATH (or given with a slash). */
bool bench_proc_which(const char *prog, char *out, size_t size);
/* First line of `prog ARG` on stdout or stderr, for versions. */
void bench_proc_first_line(const char *prog, const char *arg, const char *work, char *out,
                           size_t size);
int bench_mkpath(const char *path, core_err *err);
/* Removes path and everything under it; a missing path is no error. */
int bench_rmtree(const char *path, core_err *err);
/* snprintf for notes: a long note is cut, which is fine for a note. */
void bench_note(char *buf, size_t size, const char *fmt, ...) CORE_PRINTF(3, 4);
/* The last lines of a log, to quote in a failure note. */
void bench_proc_log_tail(const char *path, char *out, size_t size);

/* ---- classification, separation, fields ---------------------------------------- */

/* sohoa's documents and fields scored against the truth's (the
 * definitions are in bench_harness_classify_report.c's Markdown). */
typedef struct bench_cls {
	/* Page types: truth rows, sohoa columns; "none": no sohoa document. */
	bench_confusion pages;
	/* Pages and right pages by the corpus's page degradation. */
	int64_t grp_pages[BENCH_GROUPS_MAX], grp_ok[BENCH_GROUPS_MAX];
	bench_sep sep;
	bench_fields fields;     /* fields.group indexes doc_groups */
	bench_groups doc_groups; /* a document's degradation, "mixed" if its pages differ */
	int dossiers, missing;   /* dossiers scored; of which without documents.json */
} bench_cls;

/* ---- results ------------------------------------------------------------------ */

typedef enum bench_state { BENCH_NOT_RUN = 0, BENCH_OK, BENCH_FAILED } bench_state;

typedef struct bench_result {
	char system[48]; /* "sohoa", "tesseract CLI", "OCRmyPDF fast", ... */
	char settings[160];
	int jobs;
	int pages;
	bench_state state;
	char note[BENCH_NOTE_MAX]; /* why not run, or how it failed */
	double wall_s, cpu_s;
	long maxrss_kb;
	/* sohoa only: its own report */
	bool has_report;
	double rep_elapsed_s, rep_cpu_s;
	double load_s, preprocess_s, ocr_s, store_s, recognize_s;
	int64_t done, blank, failed;
	/* accuracy: per group, then all pages at [BENCH_GROUPS_MAX] */
	bool scored;
	char score_note[BENCH_NOTE_MAX];
	bench_errsum acc[BENCH_GROUPS_MAX + 1];
	/* documents and fields, from `sohoa export`; NULL: cls_note says why */
	bench_cls *cls;
	char cls_note[BENCH_NOTE_MAX];
	bool rules_only; /* sohoa logged that it had no classifier model */
	bool bare_loop;  /* sohoa-bare's figures: no stages but load and Recognize */
} bench_result;

#define BENCH_ACC_ALL BENCH_GROUPS_MAX

/*
 * The corpus's gray pages, or its bilevel ones, read apart by sohoa and
 * by OCRmyPDF's fastest settings (bench_harness_parts.c): OCRmyPDF's
 * speed depends on the kind of page, so the mix sets its figure.
 */
typedef struct bench_part {
	const char *kind; /* "gray" or "bilevel" */
	bool bilevel;
	bench_corpus view;
	char pdf[BENCH_PATH_MAX];
	bool pdf_ok;
	char pdf_note[BENCH_NOTE_MAX];
	char note[BENCH_NOTE_MAX]; /* why the part was not run; "" when it was */
	bench_result sohoa, omp_fast;
} bench_part;

/* The five systems of a round, in the order of round 1. */
typedef enum bench_rsys {
	BENCH_RS_SOHOA,
	BENCH_RS_BARE,
	BENCH_RS_CLI,
	BENCH_RS_OMP_FAST,
	BENCH_RS_OMP_DEFAULT,
	BENCH_RS_N
} bench_rsys;

typedef struct bench_hctx {
	bench_hopts o;
	bench_corpus corpus;
	char work[BENCH_PATH_MAX];
	char admin[1024]; /* administrative conninfo (key=value) */
	char state_dir[BENCH_PATH_MAX];
	bool own_cluster;
	bool images_ok, pdf_ok;
	char images_note[BENCH_NOTE_MAX], pdf_note[BENCH_NOTE_MAX];
	char pdf[BENCH_PATH_MAX];
	bench_result sohoa[BENCH_JOBS_MAX + 1]; /* [j] for j jobs */
	bench_result cli, omp_fast, omp_default;
	bench_result cli_omp; /* the CLI with OpenMP unlimited, on a sample */
	/* The plain C-API loop at 1 and at N jobs: the recognition limit. */
	bench_result bare1, bare;
	/* The classifier model sohoa loads by default, and its version. */
	char model_path[BENCH_PATH_MAX];
	char model_version[16]; /* first 12 hex digits of its SHA-256; "" if none */
	bench_result mem[2];    /* --memory-scale: 100 and 1,000 pages */
	/* The corpus rendered again without defects, and sohoa on it. */
	bench_corpus twin_corpus;
	bench_result twins;
	char twins_note[BENCH_NOTE_MAX]; /* why not run; "" when run */
	bench_part parts[2];             /* gray, bilevel */
	/* Rounds 2.. of the N-job throughput runs (round 1 is the runs
	 * above), indexed by bench_rsys; rounds_run counts the rounds made. */
	bench_result round_runs[BENCH_ROUNDS_MAX - 1][BENCH_RS_N];
	int rounds_run;
	int mem_pages[2];
	char date[32], started[32];
	char cpu_model[160], tesseract_version[128], ocrmypdf_version[128];
	char sohoa_version[128];
	int cores;
	char command[8192];
	char chart_path[BENCH_PATH_MAX], chart_link[BENCH_PATH_MAX];
	char json_path[BENCH_PATH_MAX];
} bench_hctx;

/* bench_harness_main.c: a progress line on stderr, and one for a run. */
void bench_progress(const char *fmt, ...) CORE_PRINTF(1, 2);
void bench_progress_result(const bench_result *r);

/* Copies a child's clock and memory into r; true when it exited 0, or 4
 * (finished with failed pages: the figures stand), else r is failed
 * with the tail of its log in the note. */
bool bench_result_finished(bench_result *r, const bench_proc_usage *u, const char *what,
                           const char *log);

/* bench_harness_sohoa.c */
int bench_db_setup(bench_hctx *x, core_err *err);
void bench_db_teardown(bench_hctx *x);
/* Runs sohoa with `jobs` workers on a corpus into a fresh database,
 * reads its report and exports its texts to textdir (if not NULL).
 * A failure is recorded in r, not returned: -1 only for harness errors. */
int bench_sohoa_run(bench_hctx *x, const bench_corpus *c, int jobs, const char *tag,
                    const char *textdir, bench_result *r, core_err *err);

/* bench_harness_classify.c */
/* Scores textdir/<code>/documents.json against the corpus's truth. */
int bench_cls_score(const bench_corpus *c, const char *textdir, bench_cls **out, core_err *err);
void bench_cls_free(bench_cls **cls);
/* Finds the model sohoa loads by default (as sohoa does) and hashes it. */
void bench_cls_model(bench_hctx *x);

/* bench_harness_classify_report.c */
/* The Markdown section for the N-job run, appended to b. */
int bench_cls_markdown(const bench_hctx *x, core_buf *b, core_err *err);
/* The results' "classification" object; JSON null if sohoa failed. */
struct json_t *bench_cls_json(const bench_hctx *x);

/* bench_harness_twins.c */
/* Renders the corpus again without defects (same seed) and runs sohoa
 * on it at N jobs; not run is recorded in twins_note. */
int bench_twins_run(bench_hctx *x, core_err *err);
/* The table of degraded pages against their twins, appended to b. */
int bench_twins_markdown(const bench_hctx *x, core_buf *b, core_err *err);
/* The results' "clean_twins" object. */
struct json_t *bench_twins_json(const bench_hctx *x);

/* bench_harness_peers.c */
/*
 * The CLI on every page, `parallel` at a time with OMP_THREAD_LIMIT=1;
 * or, with sample > 0, on the first `sample` pages one at a time with
 * Tesseract's OpenMP left unlimited (not scored).  In these three, tag
 * ends the names of the run's work files ("" for the main runs, "-r2"
 * for round 2), so that a later round keeps an earlier one's.
 */
int bench_cli_run(bench_hctx *x, int parallel, int sample, const char *tag, bench_result *r,
                  core_err *err);
int bench_bare_run(bench_hctx *x, int jobs, const char *tag, bench_result *r, core_err *err);
/* fast: --output-type pdf --optimize 0; else OCRmyPDF's defaults (PDF/A). */
int bench_ocrmypdf_run(bench_hctx *x, bool fast, const char *tag, bench_result *r, core_err *err);
/* OCRmyPDF's fastest settings on the part's PDF, into pt->omp_fast. */
int bench_ocrmypdf_part_run(bench_hctx *x, bench_part *pt, core_err *err);

/* bench_harness_parts.c */
/* Builds both parts (folders and PDFs) and runs sohoa at N jobs and
 * OCRmyPDF fast on each; what was not run is recorded in pt->note. */
int bench_parts_run(bench_hctx *x, core_err *err);
void bench_parts_free(bench_hctx *x);
/* The table of both parts against the mixed run, appended to b. */
int bench_parts_markdown(const bench_hctx *x, core_buf *b, core_err *err);
/* The results' "by_kind_of_page" object. */
struct json_t *bench_parts_json(const bench_hctx *x);

/* bench_harness_rounds.c */
/* Rounds 2..o.rounds: each runs the five again, in an order of its own
 * (bench_harness_rounds.c says which). */
int bench_rounds_run(bench_hctx *x, core_err *err);
/* The table of rounds and the medians, appended to b (nothing for one round). */
int bench_rounds_markdown(const bench_hctx *x, core_buf *b, core_err *err);
/* The results' "rounds" object. */
struct json_t *bench_rounds_json(const bench_hctx *x);

/* bench_harness_report.c */
/* "met (target 1.15x)" or "short by 4.3% (target 1.15x)"; pct: the
 * value and target are fractions, printed as percentages. */
const char *bench_verdict(char *buf, size_t size, double v, double target, bool pct);
/* A bare loop's Recognize sum divided by jobs; NAN unless it ran and
 * read every page (the caller checks the job count it ran at). */
double bench_result_limit_s(const bench_result *r, int jobs);
/* A measured number, or JSON null when it was not measured (NAN). */
struct json_t *bench_json_num(double v);
/* One run's figures and accuracy as JSON. */
struct json_t *bench_result_json(const bench_hctx *x, const bench_result *r);
/* Adds dir/<code>/page-<n>.txt of page p, scored against truth, to sum;
 * a missing text counts as empty and as one more in *missing. */
int bench_score_page(const char *dir, const bench_hpage *p, const char *truth, bench_errsum *sum,
                     int *missing, core_err *err);
/* Scores texts in dir/<code>/page-<n>.txt against the truth into r. */
int bench_score_dir(const bench_corpus *c, const char *dir, bench_result *r, core_err *err);
void bench_print_summary(const bench_hctx *x);
int bench_results_json_write(const bench_hctx *x, const char *path, core_err *err);
int bench_append_markdown(const bench_hctx *x, const char *path, core_err *err);

/* bench_chart.c: pages/min against jobs, and CER per degradation. */
int bench_chart_svg(const bench_hctx *x, const char *path, core_err *err);
/* The same chart as PNG, for viewers without SVG. */
int bench_chart_png(const bench_hctx *x, const char *path, core_err *err);

/* Figures derived from the results, shared by the report and the chart. */
double bench_result_ppm(const bench_result *r);
double bench_result_cer(const bench_result *r, int group);
/*
 * The recognition limit in seconds at `jobs` jobs: the plain C-API
 * loop's Recognize sum over jobs, that loop run at N jobs (BARE, the
 * acceptance's limit) or at 1 (BARE_1JOB, without the machine's
 * slow-down under parallel load); OWN: sohoa's own Recognize calls at
 * `jobs` jobs, on pages it has turned, straightened and cropped.  NAN
 * when not measured.
 */
typedef enum bench_limit { BENCH_LIMIT_BARE, BENCH_LIMIT_BARE_1JOB, BENCH_LIMIT_OWN } bench_limit;
double bench_limit_s(const bench_hctx *x, int jobs, bench_limit which);

#endif
