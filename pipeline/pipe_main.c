/*
 * pipe_main.c - the sohoa command line.
 *
 *   sohoa run [options] INPUT_DIR...
 *   sohoa db migrate|start|stop|status [--db CONNINFO]
 *   sohoa show DOSSIER_CODE... [--db CONNINFO]
 *   and the others of usage_text; the reuse service's are in api/.
 */
#include "api.h"
#include "ocr.h"
#include "pipe.h"
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: sohoa <command> [options]\n"
    "\n"
    "commands:\n"
    "  run [options] INPUT_DIR...   OCR every dossier (entry) of the input directories\n"
    "  db migrate                   apply the schema to the database\n"
    "  db start | stop | status     manage the private embedded PostgreSQL\n"
    "  show DOSSIER_CODE...         print dossiers' pages as stored\n"
    "  export --out DIR [CODE...]   write DIR/<code>/page-<n>.txt and documents.json\n"
    "  reclassify [--dossier CODE] [--defs DIR] [--model FILE]\n"
    "                               classify again from the stored words, without OCR\n"
    "  train --out MODEL TRUTH_DIR...  train the page classifier on ground truth\n"
    "  version                      print versions\n"
    "\n"
    "reuse service (see README):\n"
    "  serve [--listen ADDR:PORT]   HTTP JSON API under /v1 (default 127.0.0.1:8080)\n"
    "  token create --agency NAME --scope read|reuse|admin [--rate-limit N] [--note T]\n"
    "               [--json]\n"
    "  token list [--json] | token revoke ID   API tokens (stored as hashes only)\n"
    "  audit --subject ID [--limit N] [--json]   who read a citizen's or enterprise's\n"
    "                               records (the newest 100 unless --limit)\n"
    "  query subject ID --purpose TEXT   a subject's records with provenance (audited)\n"
    "  search TEXT --purpose TEXT [--type T] [--limit N] [--json]\n"
    "                               accent-insensitive search over OCR text (audited)\n"
    "  report --from DATE --to DATE [--office CODE]   digitization and reuse KPIs\n"
    "\n"
    "Every command but db start|stop|status takes --db CONNINFO (default below).\n"
    "'sohoa COMMAND --help' prints this text.\n"
    "\n"
    "run options:\n"
    "  -j, --jobs N            worker threads (default: number of cores)\n"
    "      --db CONNINFO       PostgreSQL connection string (default: DATABASE_URL,\n"
    "                          PG* variables, else the embedded cluster)\n"
    "      --lang LANGS        Tesseract languages (default vie; e.g. vie+eng)\n"
    "      --tessdata DIR      Tesseract data folder\n"
    "      --psm N             page segmentation mode (default 3, automatic)\n"
    "      --max-megapixels N  refuse pages larger than this (default 250)\n"
    "      --max-pages N       refuse files with more pages (default 10000)\n"
    "      --lease-seconds N   page lease before another worker may take it (default 900)\n"
    "      --retry-failed      put pages of these dossiers that failed in a worker back\n"
    "                          in the queue (planning looks at refused entries anew)\n"
    "      --refresh           OCR again pages recognized under other settings\n"
    "                          (an older sohoa, another --lang, --psm, ...)\n"
    "      --report FILE       write the summary as JSON\n"
    "      --truth DIR         ground truth (<code>.json) to report CER against\n"
    "      --log-format F      auto, text or json (default auto: text on a terminal)\n"
    "      --quiet             no progress output\n"
    "      --no-classify       OCR and store only: no documents, fields, subjects\n"
    "      --no-orient         do not detect and correct page orientation\n"
    "      --no-deskew         do not straighten skewed pages\n"
    "      --preprocess LIST   cleaning steps to run before orientation, replacing the\n"
    "                          default list (scale300,border,despeckle,reduce); 'none' or\n"
    "                          any of scale300 (360 dpi and up to 300), upscale300 (240\n"
    "                          dpi and below to 300), border (dark scan borders),\n"
    "                          despeckle (isolated specks), normalize (low-contrast\n"
    "                          pages), binarize (low-contrast pages, Sauvola), reduce\n"
    "                          (large print read at 2/3 of its size), all\n"
    "      --no-preprocess LIST  cleaning steps not to run ('all': none at all)\n"
    "      --force-ocr         OCR PDF pages that carry a text layer instead of keeping it\n"
    "      --defs DIR          document definitions (default: the shipped classify/defs)\n"
    "      --model FILE        page classifier model (default: the shipped model)\n"
    "      --office CODE       receiving office recorded on new dossiers (for the KPIs)\n"
    "      --output DIR        archival outputs: DIR/<code>.pdf (PDF/A-2b, image + text),\n"
    "                          DIR/<code>/page-<n>.hocr and .txt ($SOHOA_OUTPUT_DIR)\n"
    "\n"
    "exit codes: 0 all pages done, 1 fatal error, 2 bad arguments, 3 database error,\n"
    "            4 finished with failed pages, 5 interrupted (run again to resume),\n"
    "            6 not found (query subject, token revoke)\n";

static void usage(FILE *f)
{
	fputs(usage_text, f);
}

/* what: the complaint; arg: the offending word, or NULL. */
static int bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "sohoa: %s%s%s\nTry 'sohoa help'.\n", what, arg ? ": " : "",
	        arg ? arg : "");
	return PIPE_EXIT_USAGE;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

enum {
	OPT_DB = 256,
	OPT_LANG,
	OPT_TESSDATA,
	OPT_PSM,
	OPT_MAXMP,
	OPT_MAXPAGES,
	OPT_LEASE,
	OPT_RETRY,
	OPT_REPORT,
	OPT_TRUTH,
	OPT_LOGFMT,
	OPT_QUIET,
	OPT_TESS_INNER,
	OPT_NO_CLASSIFY,
	OPT_NO_ORIENT,
	OPT_FORCE_OCR,
	OPT_DEFS,
	OPT_MODEL,
	OPT_DOSSIER,
	OPT_NO_DESKEW,
	OPT_REFRESH,
	OPT_OFFICE,
	OPT_OUTPUT,
	OPT_PREPROCESS,
	OPT_NO_PREPROCESS
};

static const struct option run_opts[] = {
    {"jobs", required_argument, NULL, 'j'},
    {"db", required_argument, NULL, OPT_DB},
    {"lang", required_argument, NULL, OPT_LANG},
    {"tessdata", required_argument, NULL, OPT_TESSDATA},
    {"psm", required_argument, NULL, OPT_PSM},
    {"max-megapixels", required_argument, NULL, OPT_MAXMP},
    {"max-pages", required_argument, NULL, OPT_MAXPAGES},
    {"lease-seconds", required_argument, NULL, OPT_LEASE},
    {"retry-failed", no_argument, NULL, OPT_RETRY},
    {"refresh", no_argument, NULL, OPT_REFRESH},
    {"report", required_argument, NULL, OPT_REPORT},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"log-format", required_argument, NULL, OPT_LOGFMT},
    {"quiet", no_argument, NULL, OPT_QUIET},
    /* For measurement: let libtesseract's own OpenMP threads run. */
    {"tesseract-threads", no_argument, NULL, OPT_TESS_INNER},
    {"no-classify", no_argument, NULL, OPT_NO_CLASSIFY},
    {"no-orient", no_argument, NULL, OPT_NO_ORIENT},
    {"no-deskew", no_argument, NULL, OPT_NO_DESKEW},
    {"preprocess", required_argument, NULL, OPT_PREPROCESS},
    {"no-preprocess", required_argument, NULL, OPT_NO_PREPROCESS},
    {"force-ocr", no_argument, NULL, OPT_FORCE_OCR},
    {"defs", required_argument, NULL, OPT_DEFS},
    {"model", required_argument, NULL, OPT_MODEL},
    {"office", required_argument, NULL, OPT_OFFICE},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static int set_log_format(const char *v, pipe_progress_mode *mode)
{
	if (strcmp(v, "json") == 0) {
		core_log_setup(CORE_LOG_JSON, CORE_LOG_INFO);
		*mode = PIPE_PROGRESS_JSON;
	} else if (strcmp(v, "text") == 0) {
		core_log_setup(CORE_LOG_TEXT, CORE_LOG_INFO);
		*mode = PIPE_PROGRESS_TEXT;
	} else if (strcmp(v, "auto") == 0) {
		bool tty = isatty(STDERR_FILENO);
		core_log_setup(tty ? CORE_LOG_TEXT : CORE_LOG_JSON, CORE_LOG_INFO);
		*mode = PIPE_PROGRESS_AUTO;
	} else {
		return -1;
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	pipe_options o;
	bool quiet = false;
	int c, v;
	char *end;

	pipe_options_default(&o);
	set_log_format("auto", &o.progress);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:h", run_opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (!parse_int(optarg, 1, 1024, &o.jobs))
				return bad_usage("invalid --jobs value", optarg);
			break;
		case OPT_DB:
			o.db = optarg;
			break;
		case OPT_LANG:
			o.lang = optarg;
			break;
		case OPT_TESSDATA:
			o.tessdata = optarg;
			break;
		case OPT_PSM:
			if (!parse_int(optarg, 0, 13, &o.psm))
				return bad_usage("invalid --psm value", optarg);
			break;
		case OPT_MAXMP:
			o.max_megapixels = strtod(optarg, &end);
			/* Written so that NaN fails too. */
			if (*end || !(o.max_megapixels > 0 && o.max_megapixels <= 100000))
				return bad_usage("invalid --max-megapixels value", optarg);
			break;
		case OPT_MAXPAGES:
			if (!parse_int(optarg, 1, 1000000, &o.max_pages))
				return bad_usage("invalid --max-pages value", optarg);
			break;
		case OPT_LEASE:
			if (!parse_int(optarg, 5, 7 * 24 * 3600, &o.lease_seconds))
				return bad_usage("invalid --lease-seconds value", optarg);
			break;
		case OPT_RETRY:
			o.retry_failed = true;
			break;
		case OPT_REFRESH:
			o.refresh = true;
			break;
		case OPT_REPORT:
			o.report_path = optarg;
			break;
		case OPT_TRUTH:
			o.truth_dir = optarg;
			break;
		case OPT_LOGFMT:
			if (set_log_format(optarg, &o.progress))
				return bad_usage("invalid --log-format value", optarg);
			break;
		case OPT_QUIET:
			quiet = true;
			break;
		case OPT_TESS_INNER:
			o.tess_inner_threads = true;
			break;
		case OPT_NO_CLASSIFY:
			o.no_classify = true;
			break;
		case OPT_NO_ORIENT:
			o.no_orient = true;
			break;
		case OPT_NO_DESKEW:
			o.no_deskew = true;
			break;
		case OPT_PREPROCESS:
		case OPT_NO_PREPROCESS: {
			unsigned steps = 0;
			core_err perr;

			core_err_clear(&perr);
			if (ocr_steps_parse(optarg, &steps, &perr))
				return bad_usage(perr.msg, optarg);
			if (c == OPT_PREPROCESS)
				o.preprocess = steps;
			else
				o.preprocess &= ~steps;
			break;
		}
		case OPT_FORCE_OCR:
			o.force_ocr = true;
			break;
		case OPT_DEFS:
			o.defs_dir = optarg;
			break;
		case OPT_MODEL:
			o.model_path = optarg;
			break;
		case OPT_OFFICE:
			if (!*optarg || strlen(optarg) > 64)
				return bad_usage("invalid --office value", optarg);
			o.office = optarg;
			break;
		case OPT_OUTPUT:
			if (!*optarg)
				return bad_usage("invalid --output value", optarg);
			o.output_dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return PIPE_EXIT_OK;
		default:
			return PIPE_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return bad_usage("run needs at least one input directory", NULL);
	/* The option wins; an empty variable means none. */
	if (!o.output_dir && getenv("SOHOA_OUTPUT_DIR") && getenv("SOHOA_OUTPUT_DIR")[0])
		o.output_dir = getenv("SOHOA_OUTPUT_DIR");
	if (quiet)
		o.progress = PIPE_PROGRESS_NONE;
	v = argc - optind;
	o.inputs = (const char *const *)&argv[optind];
	o.n_inputs = v;
	return pipe_run(&o);
}

static int report_error(const core_err *err)
{
	fprintf(stderr, "sohoa: error: %s\n", err->msg);
	if (err->detail[0])
		fprintf(stderr, "DETAIL: %s\n", err->detail);
	return pipe_exit_code(err);
}

static const char *opt_db(int argc, char **argv, int *first_arg)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL;
	int c;

	optind = 1;
	*first_arg = -1; /* an unknown option: the caller refuses the command */
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (c != OPT_DB)
			return NULL;
		db = optarg;
	}
	*first_arg = optind;
	return db;
}

static int cmd_db(int argc, char **argv)
{
	char conninfo[1024] = "", state[1024];
	const char *db, *sub;
	store *st = NULL;
	core_err err;
	bool running = false;
	int first, version = 0, rc = PIPE_EXIT_OK;

	core_err_clear(&err);
	db = opt_db(argc, argv, &first);
	if (first < 0)
		return bad_usage("db takes --db CONNINFO and a subcommand only", NULL);
	if (first >= argc)
		return bad_usage("db needs a subcommand: migrate, start, stop or status", NULL);
	if (first + 1 < argc)
		return bad_usage("db takes one subcommand", argv[first + 1]);
	sub = argv[first];
	if (strcmp(sub, "migrate") == 0) {
		if (store_conninfo(db, true, conninfo, sizeof(conninfo), &err) ||
		    store_open(conninfo, &st, &err) || store_migrate(st, &version, &err))
			goto out;
		printf("schema at version %d\n", version);
	} else if (strcmp(sub, "start") == 0 || strcmp(sub, "stop") == 0 ||
	           strcmp(sub, "status") == 0) {
		/* They act on the embedded cluster alone: "db stop --db X"
		 * stopping it whatever X names would surprise. */
		if (db)
			return bad_usage("--db applies to db migrate only; start, stop and status "
			                 "manage the embedded database",
			                 sub);
		if (store_state_dir(state, sizeof(state), &err))
			goto out;
		if (strcmp(sub, "start") == 0) {
			if (store_cluster_start(state, conninfo, sizeof(conninfo), &err))
				goto out;
			printf("embedded database running in %s/pg\nconnection: %s\n", state,
			       conninfo);
		} else if (strcmp(sub, "stop") == 0) {
			if (store_cluster_stop(state, &err))
				goto out;
			printf("embedded database stopped\n");
		} else {
			if (store_cluster_status(state, &running, conninfo, sizeof(conninfo), &err))
				goto out;
			printf("embedded database in %s/pg: %s\n", state,
			       running ? "running" : "not running");
			if (running)
				printf("connection: %s\n", conninfo);
			rc = running ? PIPE_EXIT_OK : PIPE_EXIT_DB;
		}
	} else {
		return bad_usage("unknown db subcommand", sub);
	}
out:
	store_close(&st);
	if (core_err_isset(&err))
		return report_error(&err);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	char conninfo[1024] = "";
	const char *db;
	store *st = NULL;
	core_err err;
	int first;

	core_err_clear(&err);
	db = opt_db(argc, argv, &first);
	if (first < 0)
		return bad_usage("show takes --db CONNINFO and dossier codes only", NULL);
	if (first >= argc)
		return bad_usage("show needs a dossier code", NULL);
	if (store_conninfo(db, false, conninfo, sizeof(conninfo), &err) ||
	    store_open(conninfo, &st, &err))
		goto out;
	for (int i = first; i < argc; i++)
		if (store_dossier_print(st, argv[i], stdout, &err))
			goto out;
out:
	store_close(&st);
	if (core_err_isset(&err))
		return report_error(&err);
	return PIPE_EXIT_OK;
}

typedef struct export_ctx {
	const char *dir;
	int64_t pages;    /* written */
	int64_t dossiers; /* documents.json written */
	int64_t seen;     /* page rows of any status */
} export_ctx;

/* Writes DIR/<code>/<name> (text may be NULL: an empty file). */
static int export_write(const export_ctx *x, const char *code, const char *name, const char *text,
                        core_err *err)
{
	char path[4096];
	FILE *f;

	/* Codes come from file names; never let one climb out of DIR. */
	if (code[0] == '.' || strchr(code, '/'))
		return core_err_set(err, CORE_EFORMAT, "unsafe dossier code: %s", code);
	if (core_snprintf(path, sizeof(path), err, "%s/%s", x->dir, code))
		return -1;
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		goto io;
	if (core_snprintf(path, sizeof(path), err, "%s/%s/%s", x->dir, code, name))
		return -1;
	f = fopen(path, "w");
	if (!f)
		goto io;
	if (text)
		fputs(text, f);
	if (fclose(f) != 0)
		goto io;
	return 0;
io:
	core_err_set(err, CORE_EIO, "cannot write the export");
	core_err_detail(err, "%s: %s", path, strerror(errno));
	return -1;
}

static int export_page(void *vctx, const char *code, int number, store_page_status st,
                       const char *text, core_err *err)
{
	export_ctx *x = vctx;
	char name[32];

	x->seen++;
	if (st != STORE_PAGE_DONE && st != STORE_PAGE_BLANK)
		return 0;
	snprintf(name, sizeof(name), "page-%d.txt", number);
	if (export_write(x, code, name, text, err))
		return -1;
	x->pages++;
	return 0;
}

static int export_documents(void *vctx, const char *code, const char *json, core_err *err)
{
	export_ctx *x = vctx;

	if (export_write(x, code, "documents.json", json, err))
		return -1;
	x->dossiers++;
	return 0;
}

/* sohoa export --out DIR [CODE...]: DIR/<code>/page-<n>.txt per page and
 * DIR/<code>/documents.json per dossier. */
static int cmd_export(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"out", required_argument, NULL, 'o'},
	                                  {NULL, 0, NULL, 0}};
	char conninfo[1024] = "";
	const char *db = NULL;
	export_ctx x = {NULL, 0, 0, 0};
	store *st = NULL;
	core_err err;
	int c;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", o, NULL)) != -1) {
		if (c == OPT_DB)
			db = optarg;
		else if (c == 'o')
			x.dir = optarg;
		else
			return PIPE_EXIT_USAGE;
	}
	if (!x.dir)
		return bad_usage("export needs --out DIR", NULL);
	if (mkdir(x.dir, 0755) != 0 && errno != EEXIST) {
		core_err_set(&err, CORE_EIO, "cannot create the output folder");
		core_err_detail(&err, "%s: %s", x.dir, strerror(errno));
		goto out;
	}
	if (store_conninfo(db, false, conninfo, sizeof(conninfo), &err) ||
	    store_open(conninfo, &st, &err))
		goto out;
	if (optind >= argc) {
		if (store_pages_foreach(st, NULL, export_page, &x, &err) ||
		    store_documents_foreach(st, NULL, export_documents, &x, &err))
			goto out;
	}
	for (int i = optind; i < argc; i++) {
		int64_t before = x.seen;

		if (store_pages_foreach(st, argv[i], export_page, &x, &err))
			goto out;
		/* Every stored dossier has a page row, failed or not: none, no
		 * such dossier (as sohoa show says), not an empty success. */
		if (x.seen == before) {
			core_err_set(&err, CORE_EARG, "no such dossier");
			core_err_detail(&err, "%s", argv[i]);
			goto out;
		}
		if (store_documents_foreach(st, argv[i], export_documents, &x, &err))
			goto out;
	}
	printf("exported %lld pages and %lld dossiers' documents to %s\n", (long long)x.pages,
	       (long long)x.dossiers, x.dir);
out:
	store_close(&st);
	if (core_err_isset(&err))
		return report_error(&err);
	return PIPE_EXIT_OK;
}

static int cmd_reclassify(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"dossier", required_argument, NULL, OPT_DOSSIER},
	                                  {"defs", required_argument, NULL, OPT_DEFS},
	                                  {"model", required_argument, NULL, OPT_MODEL},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL, *code = NULL, *defs = NULL, *model = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_DOSSIER:
			code = optarg;
			break;
		case OPT_DEFS:
			defs = optarg;
			break;
		case OPT_MODEL:
			model = optarg;
			break;
		default:
			return PIPE_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return bad_usage("unexpected argument", argv[optind]);
	return pipe_reclassify(db, code, defs, model);
}

static int cmd_train(int argc, char **argv)
{
	static const struct option o[] = {{"out", required_argument, NULL, 'o'},
	                                  {NULL, 0, NULL, 0}};
	const char *out = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", o, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else
			return PIPE_EXIT_USAGE;
	}
	if (!out)
		return bad_usage("train needs --out MODEL", NULL);
	if (optind >= argc)
		return bad_usage("train needs at least one truth folder", NULL);
	return pipe_train((const char *const *)&argv[optind], argc - optind, out);
}

int main(int argc, char **argv)
{
	const char *cmd;

	core_log_setup(isatty(STDERR_FILENO) ? CORE_LOG_TEXT : CORE_LOG_JSON, CORE_LOG_INFO);
	if (argc < 2) {
		usage(stderr);
		return PIPE_EXIT_USAGE;
	}
	cmd = argv[1];
	/* "sohoa serve --help": help, not an unknown option (stops at "--"). */
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return PIPE_EXIT_OK;
		}
	if (strcmp(cmd, "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(cmd, "db") == 0)
		return cmd_db(argc - 1, argv + 1);
	if (strcmp(cmd, "show") == 0)
		return cmd_show(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(cmd, "reclassify") == 0)
		return cmd_reclassify(argc - 1, argv + 1);
	if (strcmp(cmd, "train") == 0)
		return cmd_train(argc - 1, argv + 1);
	if (strcmp(cmd, "serve") == 0)
		return api_cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "token") == 0)
		return api_cmd_token(argc - 1, argv + 1);
	if (strcmp(cmd, "audit") == 0)
		return api_cmd_audit(argc - 1, argv + 1);
	if (strcmp(cmd, "query") == 0)
		return api_cmd_query(argc - 1, argv + 1);
	if (strcmp(cmd, "search") == 0)
		return api_cmd_search(argc - 1, argv + 1);
	if (strcmp(cmd, "report") == 0)
		return api_cmd_report(argc - 1, argv + 1);
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		printf("sohoa 0.1.0 (schema %d)\n", store_schema_latest());
		return PIPE_EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return PIPE_EXIT_OK;
	}
	return bad_usage("unknown command", cmd);
}
