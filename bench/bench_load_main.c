/*
 * bench_load_main.c - sohoa-load: puts synthetic dossiers, pages,
 * documents, fields and subjects into PostgreSQL through COPY, at the
 * scale the reuse service is measured at (1,000,000 documents), and
 * reports rows per second per table.
 *
 *   sohoa-load [--db CONNINFO] [--documents N] [--seed S] [--persons N]
 *              [--enterprises N] [--batch N] [--report FILE.json]
 *
 * One pass per table, parents first, each table one COPY, the whole
 * load one transaction (or one per table); ids are reserved up front so
 * rows name each other without round trips.  The data is deterministic
 * for a seed.
 */
#include "bench_load.h"
#include "store.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	BENCH_LOAD_EXIT_OK = 0,
	BENCH_LOAD_EXIT_FATAL = 1,
	BENCH_LOAD_EXIT_USAGE = 2,
	BENCH_LOAD_EXIT_DB = 3
};

#define BENCH_LOAD_MODEL "nb-synthetic-1"
#define BENCH_LOAD_DEFS  "defs-synthetic-1"
#define BENCH_LOAD_OCR   "vie psm3 tess5.3.0"
#define BENCH_LOAD_HOST  "sohoa-load"
#define BENCH_LOAD_INBOX "/srv/sohoa/inbox"

static const char bench_load_usage[] =
    "usage: sohoa-load [options]\n"
    "\n"
    "Loads synthetic dossiers, pages (OCR text), documents, fields and subjects\n"
    "into PostgreSQL by COPY and reports rows per second per table.\n"
    "\n"
    "  --db CONNINFO       PostgreSQL connection string (default: DATABASE_URL,\n"
    "                      PG* variables, else the embedded cluster, started if needed)\n"
    "  --documents N       documents to load (default 1000000)\n"
    "  --seed S            seed of the synthetic data (default 1)\n"
    "  --persons N         citizens (default 30% of the documents)\n"
    "  --enterprises N     enterprises (default 2% of the documents)\n"
    "  --batch N           rows between progress lines (default 100000)\n"
    "  --synchronous-commit on|off\n"
    "                      commit mode of the loading session (default on)\n"
    "  --commit-per-table  commit each table's COPY on its own (default: the whole\n"
    "                      load is one transaction, all or nothing)\n"
    "  --no-vacuum         only ANALYZE after the load (default VACUUM (ANALYZE))\n"
    "  --report FILE       write the summary as JSON\n"
    "  --quiet             no progress lines\n"
    "  --dry-run           plan only: print the counts, touch no database\n"
    "\n"
    "exit codes: 0 loaded, 1 fatal error, 2 bad arguments, 3 database error\n";

/* ---- small formatting helpers ---------------------------------------------- */

/* Decimal text of v; snprintf would dominate a pass of millions of rows. */
static const char *bench_load_num(char buf[24], int64_t v)
{
	char *p = buf + 23;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

/* Four decimals, for real columns (C locale: setlocale is never called). */
static const char *bench_load_real(char buf[24], double v)
{
	snprintf(buf, 24, "%.4f", v);
	return buf;
}

static void bench_load_hex64(uint64_t seed, uint64_t what, int64_t id, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t x = bench_load_mix(seed ^ bench_load_mix(what) ^ (uint64_t)id);

	for (int i = 0; i < 64; i++) {
		if (i % 16 == 0)
			x = bench_load_mix(x + (uint64_t)i);
		out[i] = hex[(x >> (4 * (i % 16))) & 15];
	}
	out[64] = '\0';
}

/* ---- progress ------------------------------------------------------------------ */

static int bench_load_begin(bench_load_run *x, store_copy_table t, int64_t expect, core_err *err)
{
	x->table = t;
	x->expect = expect;
	x->next_report = x->o->batch;
	x->t0 = core_now();
	x->stat[t].cpu = core_cpu_now();
	return store_copy_begin(x->st, t, &x->copy, err);
}

static int bench_load_row(bench_load_run *x, const char *const *v, int n, core_err *err)
{
	int64_t rows;
	double dt;

	if (store_copy_row(x->copy, v, n, err))
		return -1;
	rows = store_copy_rows(x->copy);
	if (x->o->quiet || rows < x->next_report)
		return 0;
	x->next_report += x->o->batch;
	dt = core_now() - x->t0;
	fprintf(stderr,
	        "sohoa-load: %-17s %12" PRId64 " / %" PRId64 " rows (%3.0f%%), %.0f rows/s\n",
	        store_copy_table_name(x->table), rows, x->expect,
	        x->expect ? 100.0 * (double)rows / (double)x->expect : 100.0,
	        dt > 0 ? (double)rows / dt : 0.0);
	return 0;
}

static int bench_load_end(bench_load_run *x, core_err *err)
{
	bench_load_stat *s = &x->stat[x->table];
	int64_t rows = 0;

	if (store_copy_end(&x->copy, &rows, err))
		return -1;
	s->seconds = core_now() - x->t0;
	s->cpu = core_cpu_now() - s->cpu;
	s->rows = rows;
	if (rows != x->expect) {
		core_err_set(err, CORE_EINTERNAL, "row count differs from the plan");
		core_err_detail(err, "%s: %" PRId64 " rows copied, %" PRId64 " planned",
		                store_copy_table_name(x->table), rows, x->expect);
		return -1;
	}
	if (!x->o->quiet)
		fprintf(stderr, "sohoa-load: %-17s %12" PRId64 " rows in %.1f s, %.0f rows/s\n",
		        store_copy_table_name(x->table), rows, s->seconds,
		        s->seconds > 0 ? (double)rows / s->seconds : 0.0);
	return 0;
}

/* ---- the passes -------------------------------------------------------------------- */

static int bench_load_runs(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], pid[24], pages[24], zero[24], start[32], end[32], opts[512], summary[256];
	int64_t d = 0;

	if (bench_load_begin(x, STORE_COPY_RUNS, p->n_runs, err))
		return -1;
	snprintf(opts, sizeof(opts),
	         "{\"jobs\":2,\"lang\":\"vie\",\"psm\":3,\"inputs\":[\"" BENCH_LOAD_INBOX "\"],"
	         "\"tesseract\":\"5.3.0\",\"synthetic\":true,\"loader\":\"sohoa-load\","
	         "\"seed\":%" PRIu64 "}",
	         p->seed);
	for (int64_t r = 0; r < p->n_runs; r++) {
		int64_t n_pages = 0, n_dossiers = 0;
		for (; d < p->n_dossiers && p->dossiers[d].run == r; d++, n_dossiers++)
			n_pages += p->dossiers[d].n_pages;
		bench_load_time_text(bench_load_run_start(p, r), start);
		bench_load_time_text(bench_load_run_end(p, r), end);
		snprintf(summary, sizeof(summary),
		         "{\"synthetic\":true,\"dossiers\":%" PRId64 ",\"pages\":%" PRId64 "}",
		         n_dossiers, n_pages);
		const char *np = bench_load_num(pages, n_pages), *z = bench_load_num(zero, 0);
		const char *v[12] = {bench_load_num(id, p->id_run + r),
		                     start,
		                     end,
		                     BENCH_LOAD_HOST,
		                     bench_load_num(pid, 2000 + (r * 7919) % 30000),
		                     opts,
		                     np,
		                     np,
		                     z,
		                     z,
		                     z,
		                     summary};
		if (bench_load_row(x, v, 12, err))
			return -1;
	}
	return bench_load_end(x, err);
}

static int bench_load_subjects(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], created[32];

	if (bench_load_begin(x, STORE_COPY_SUBJECTS, p->persons_used + p->n_enterprises, err))
		return -1;
	for (int64_t i = 0; i < p->n_persons; i++) {
		bench_load_person pe;
		if (p->person_first[i] < 0)
			continue;
		bench_load_person_make(p->seed, i, bench_load_person_id(p, i), &pe);
		/* The service trusts these keys: a bad one is a loader bug. */
		if (!bench_load_person_key_ok(pe.key, pe.female, bench_load_year(pe.birth))) {
			core_err_set(err, CORE_EINTERNAL, "generated an invalid personal id");
			core_err_detail(err, "%s", pe.key);
			return -1;
		}
		bench_load_time_text(bench_load_dossier_classified(p, p->person_first[i]), created);
		const char *v[5] = {bench_load_num(id, bench_load_person_id(p, i)), "person",
		                    pe.key, pe.name, created};
		if (bench_load_row(x, v, 5, err))
			return -1;
	}
	for (int64_t i = 0; i < p->n_enterprises; i++) {
		bench_load_enterprise e;
		bench_load_enterprise_make(p->seed, i, bench_load_enterprise_id(p, i), &e);
		if (!bench_load_enterprise_code_ok(e.code)) {
			core_err_set(err, CORE_EINTERNAL, "generated an invalid enterprise code");
			core_err_detail(err, "%s", e.code);
			return -1;
		}
		bench_load_time_text(bench_load_dossier_classified(p, p->enterprise_first[i]),
		                     created);
		const char *v[5] = {bench_load_num(id, bench_load_enterprise_id(p, i)),
		                    "enterprise", e.code, e.name, created};
		if (bench_load_row(x, v, 5, err))
			return -1;
	}
	return bench_load_end(x, err);
}

static void bench_load_source(const bench_load_plan *p, int64_t d, char *out, size_t size)
{
	char code[32];

	bench_load_dossier_code(p, d, code);
	/* "HS-2024-..." : the year is the folder. */
	snprintf(out, size, BENCH_LOAD_INBOX "/%.4s/%s.tif", code + 3, code);
}

static int bench_load_dossiers(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], size[24], count[24], run[24], code[32], path[128], sha[65], received[32],
	    processed[32], classified[32];

	if (bench_load_begin(x, STORE_COPY_DOSSIERS, p->n_dossiers, err))
		return -1;
	for (int64_t i = 0; i < p->n_dossiers; i++) {
		const bench_load_dossier *d = &p->dossiers[i];
		int64_t did = p->id_dossier + i;
		bench_load_dossier_code(p, i, code);
		bench_load_source(p, i, path, sizeof(path));
		bench_load_hex64(p->seed, 1, did, sha);
		bench_load_time_text(d->received, received);
		bench_load_time_text(bench_load_page_time(p, i, d->n_pages), processed);
		bench_load_time_text(bench_load_dossier_classified(p, i), classified);
		const char *v[12] = {
		    bench_load_num(id, did),
		    code,
		    path,
		    sha,
		    "file",
		    "tiff",
		    bench_load_num(size, (int64_t)d->n_pages * 180000 +
		                             (int64_t)(bench_load_mix((uint64_t)did) % 90000)),
		    bench_load_num(count, d->n_pages),
		    received,
		    processed,
		    bench_load_num(run, p->id_run + d->run),
		    classified};
		if (bench_load_row(x, v, 12, err))
			return -1;
	}
	return bench_load_end(x, err);
}

static int bench_load_count_words(const char *text)
{
	int n = 0;
	bool in = false;

	for (; *text; text++) {
		bool sp = *text == ' ' || *text == '\n' || *text == '\t';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static int bench_load_pages(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], did[24], num[24], idx[24], conf[24], sha[65], wc[24], ink[24], lms[24],
	    pms[24], oms[24], sms[24], run[24], when[32], path[128];

	if (bench_load_begin(x, STORE_COPY_PAGES, p->n_pages, err))
		return -1;
	for (int64_t k = 0; k < p->n_docs; k++) {
		const bench_load_doc *doc = &p->docs[k];
		const bench_load_dossier *d = &p->dossiers[doc->dossier];
		if (bench_load_render(p, k, &x->doc, err))
			return -1;
		bench_load_source(p, doc->dossier, path, sizeof(path));
		for (int i = 0; i < doc->n_pages; i++) {
			int number = doc->first_page + i;
			int64_t ordinal = d->page0 + number - 1;
			int64_t pid = p->id_page + ordinal;
			bench_load_rng r;
			bench_load_rng_init(&r, p->seed, BENCH_LOAD_S_PAGE, (uint64_t)ordinal);
			bench_load_hex64(p->seed, 2, pid, sha);
			bench_load_time_text(bench_load_page_time(p, doc->dossier, number), when);
			const char *v[23] = {
			    bench_load_num(id, pid),
			    bench_load_num(did, p->id_dossier + doc->dossier),
			    bench_load_num(num, number),
			    path,
			    bench_load_num(idx, number - 1),
			    "done",
			    x->doc.text[i].data ? x->doc.text[i].data : "",
			    bench_load_real(conf, x->doc.page_conf[i]),
			    sha,
			    "2480",
			    "3508",
			    "300",
			    "f",
			    bench_load_real(ink, 0.03 + 0.09 * bench_load_unit(&r)),
			    BENCH_LOAD_OCR,
			    bench_load_num(wc, bench_load_count_words(
			                           x->doc.text[i].data ? x->doc.text[i].data : "")),
			    bench_load_real(lms, 15 + 40 * bench_load_unit(&r)),
			    bench_load_real(pms, 30 + 60 * bench_load_unit(&r)),
			    bench_load_real(oms, 900 + 1600 * bench_load_unit(&r)),
			    bench_load_real(sms, 3 + 12 * bench_load_unit(&r)),
			    bench_load_num(run, p->id_run + d->run),
			    when,
			    "1"};
			if (bench_load_row(x, v, 23, err))
				return -1;
		}
	}
	return bench_load_end(x, err);
}

static int bench_load_documents(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], did[24], first[24], last[24], conf[24], run[24], created[32];

	if (bench_load_begin(x, STORE_COPY_DOCUMENTS, p->n_docs, err))
		return -1;
	for (int64_t k = 0; k < p->n_docs; k++) {
		const bench_load_doc *doc = &p->docs[k];
		bench_load_time_text(bench_load_dossier_classified(p, doc->dossier), created);
		const char *v[10] = {bench_load_num(id, p->id_document + k),
		                     bench_load_num(did, p->id_dossier + doc->dossier),
		                     bench_load_type_name((bench_load_type)doc->type),
		                     bench_load_num(first, doc->first_page),
		                     bench_load_num(last, doc->first_page + doc->n_pages - 1),
		                     bench_load_real(conf, bench_load_doc_quality(p, k)),
		                     BENCH_LOAD_MODEL,
		                     BENCH_LOAD_DEFS,
		                     bench_load_num(run, p->id_run + p->dossiers[doc->dossier].run),
		                     created};
		if (bench_load_row(x, v, 10, err))
			return -1;
	}
	return bench_load_end(x, err);
}

static const char *const bench_load_status_names[] = {"auto_accepted", "needs_review", "verified"};

static int bench_load_fields(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char id[24], did[24], conf[24], page[24], x0[24], y0[24], x1[24], y1[24], vat[32],
	    created[32];
	int64_t n = 0;

	if (bench_load_begin(x, STORE_COPY_FIELDS, p->n_fields, err))
		return -1;
	for (int64_t k = 0; k < p->n_docs; k++) {
		if (bench_load_render(p, k, &x->doc, err))
			return -1;
		bench_load_time_text(x->doc.created_at, created);
		for (int i = 0; i < x->doc.n_fields; i++) {
			const bench_load_field *f = &x->doc.fields[i];
			bool verified = f->status == BENCH_LOAD_VERIFIED;
			if (verified)
				bench_load_time_text(f->verified_at, vat);
			const char *v[18] = {bench_load_num(id, p->id_field + n++),
			                     bench_load_num(did, p->id_document + k),
			                     f->name,
			                     f->raw,
			                     f->has_value ? f->value : NULL,
			                     bench_load_real(conf, f->confidence),
			                     bench_load_num(page, f->page),
			                     bench_load_num(x0, f->x0),
			                     bench_load_num(y0, f->y0),
			                     bench_load_num(x1, f->x1),
			                     bench_load_num(y1, f->y1),
			                     f->validators,
			                     bench_load_status_names[f->status],
			                     verified ? f->verified_by : NULL,
			                     verified ? vat : NULL,
			                     BENCH_LOAD_MODEL,
			                     BENCH_LOAD_DEFS,
			                     created};
			if (bench_load_row(x, v, 18, err))
				return -1;
		}
	}
	return bench_load_end(x, err);
}

static int bench_load_links(bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	char did[24], sid[24];

	if (bench_load_begin(x, STORE_COPY_DOCUMENT_SUBJECTS, p->n_links, err))
		return -1;
	for (int64_t k = 0; k < p->n_docs; k++) {
		const bench_load_doc *doc = &p->docs[k];
		for (int i = 0; i < doc->n_links; i++) {
			bool ent = doc->role[i] == BENCH_LOAD_ENTERPRISE;
			int64_t s = ent ? bench_load_enterprise_id(p, doc->subject[i])
			                : bench_load_person_id(p, doc->subject[i]);
			const char *v[3] = {bench_load_num(did, p->id_document + k),
			                    bench_load_num(sid, s),
			                    bench_load_role_name((bench_load_role)doc->role[i])};
			if (bench_load_row(x, v, 3, err))
				return -1;
		}
	}
	return bench_load_end(x, err);
}

/* ---- set-up ------------------------------------------------------------------------- */

static int bench_load_reserve(bench_load_run *x, core_err *err)
{
	bench_load_plan *p = &x->plan;

	if (store_bulk_reserve(x->st, STORE_COPY_RUNS, p->n_runs, &p->id_run, err) ||
	    store_bulk_reserve(x->st, STORE_COPY_SUBJECTS, p->n_persons + p->n_enterprises,
	                       &p->id_subject, err) ||
	    store_bulk_reserve(x->st, STORE_COPY_DOSSIERS, p->n_dossiers, &p->id_dossier, err) ||
	    store_bulk_reserve(x->st, STORE_COPY_PAGES, p->n_pages, &p->id_page, err) ||
	    store_bulk_reserve(x->st, STORE_COPY_DOCUMENTS, p->n_docs, &p->id_document, err) ||
	    store_bulk_reserve(x->st, STORE_COPY_FIELDS, p->n_fields, &p->id_field, err))
		return -1;
	return 0;
}

/* --db, else the environment, else the embedded cluster (started). */
static int bench_load_connect(const char *db, store **st, core_err *err)
{
	char conninfo[1024] = "", state[1024];
	bool embedded = false;

	if (store_resolve_db(db, conninfo, sizeof(conninfo), &embedded, err))
		return -1;
	if (embedded && (store_state_dir(state, sizeof(state), err) ||
	                 store_cluster_start(state, conninfo, sizeof(conninfo), err)))
		return -1;
	if (embedded)
		fprintf(stderr, "sohoa-load: embedded database: %s\n", conninfo);
	return store_open(conninfo, st, err);
}

static int bench_load(const bench_load_opts *o, core_err *err)
{
	bench_load_run x;
	double start = core_now(), t;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.o = o;
	bench_load_rendered_init(&x.doc);
	if (!o->dry_run &&
	    (bench_load_connect(o->db, &x.st, err) || store_migrate(x.st, NULL, err) ||
	     store_bulk_session(x.st, o->sync_commit, err)))
		goto out;
	t = core_now();
	if (bench_load_plan_build(&x.plan, o->seed, o->documents, o->persons, o->enterprises, err))
		goto out;
	x.plan_seconds = core_now() - t;
	if (o->dry_run) {
		bench_load_print_plan(&x.plan);
		rc = 0;
		goto out;
	}
	if (!o->quiet)
		fprintf(stderr,
		        "sohoa-load: planned %" PRId64 " documents in %" PRId64
		        " dossiers, %" PRId64 " pages, %" PRId64 " fields, %" PRId64
		        " links, %" PRId64 " persons, %" PRId64 " enterprises (%.1f s)\n",
		        x.plan.n_docs, x.plan.n_dossiers, x.plan.n_pages, x.plan.n_fields,
		        x.plan.n_links, x.plan.persons_used, x.plan.n_enterprises, x.plan_seconds);
	/* Ids first, in transactions of their own: the sequences move at
	 * once, whatever becomes of the load. */
	if (bench_load_reserve(&x, err))
		goto out;
	if (!o->commit_per_table && store_bulk_begin(x.st, err))
		goto out;
	if (bench_load_runs(&x, err) || bench_load_subjects(&x, err) ||
	    bench_load_dossiers(&x, err) || bench_load_pages(&x, err) ||
	    bench_load_documents(&x, err) || bench_load_fields(&x, err) ||
	    bench_load_links(&x, err))
		goto out;
	t = core_now();
	if (!o->commit_per_table && store_bulk_commit(x.st, err))
		goto out;
	x.commit_seconds = core_now() - t;
	t = core_now();
	if (!o->quiet)
		fprintf(stderr, "sohoa-load: sequences and %s\n",
		        o->vacuum ? "VACUUM (ANALYZE)" : "ANALYZE");
	if (store_bulk_finish(x.st, o->vacuum, err))
		goto out;
	x.finish_seconds = core_now() - t;
	for (int k = 0; k < STORE_COPY_N_TABLES; k++)
		if (store_bulk_table_size(x.st, (store_copy_table)k, &x.stat[k].bytes, err))
			goto out;
	if (store_database_size(x.st, &x.db_bytes, err))
		goto out;
	x.total_seconds = core_now() - start;
	bench_load_print(&x);
	if (o->report && bench_load_report(&x, err))
		goto out;
	rc = 0;
out:
	store_copy_abort(&x.copy);
	if (x.st && rc)
		store_bulk_rollback(x.st);
	bench_load_rendered_free(&x.doc);
	bench_load_plan_free(&x.plan);
	store_close(&x.st);
	return rc;
}

/* ---- command line ---------------------------------------------------------------------- */

static bool bench_load_parse_i64(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static int bench_load_bad(const char *what, const char *arg)
{
	fprintf(stderr, "sohoa-load: %s%s%s\nTry 'sohoa-load --help'.\n", what, arg ? ": " : "",
	        arg ? arg : "");
	return BENCH_LOAD_EXIT_USAGE;
}

enum {
	BENCH_LOAD_OPT_DB = 256,
	BENCH_LOAD_OPT_DOCS,
	BENCH_LOAD_OPT_SEED,
	BENCH_LOAD_OPT_PERSONS,
	BENCH_LOAD_OPT_ENTERPRISES,
	BENCH_LOAD_OPT_BATCH,
	BENCH_LOAD_OPT_SYNC,
	BENCH_LOAD_OPT_NO_VACUUM,
	BENCH_LOAD_OPT_PER_TABLE,
	BENCH_LOAD_OPT_REPORT,
	BENCH_LOAD_OPT_QUIET,
	BENCH_LOAD_OPT_DRY_RUN
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, BENCH_LOAD_OPT_DB},
	    {"documents", required_argument, NULL, BENCH_LOAD_OPT_DOCS},
	    {"seed", required_argument, NULL, BENCH_LOAD_OPT_SEED},
	    {"persons", required_argument, NULL, BENCH_LOAD_OPT_PERSONS},
	    {"enterprises", required_argument, NULL, BENCH_LOAD_OPT_ENTERPRISES},
	    {"batch", required_argument, NULL, BENCH_LOAD_OPT_BATCH},
	    {"synchronous-commit", required_argument, NULL, BENCH_LOAD_OPT_SYNC},
	    {"no-vacuum", no_argument, NULL, BENCH_LOAD_OPT_NO_VACUUM},
	    {"commit-per-table", no_argument, NULL, BENCH_LOAD_OPT_PER_TABLE},
	    {"report", required_argument, NULL, BENCH_LOAD_OPT_REPORT},
	    {"quiet", no_argument, NULL, BENCH_LOAD_OPT_QUIET},
	    {"dry-run", no_argument, NULL, BENCH_LOAD_OPT_DRY_RUN},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	/* synchronous_commit stays on: the load commits once, off bought
	 * nothing measurable, and could lose a load reported as done. */
	bench_load_opts o = {.documents = 1000000,
	                     .persons = -1,
	                     .enterprises = -1,
	                     .batch = 100000,
	                     .seed = 1,
	                     .sync_commit = true,
	                     .vacuum = true};
	int64_t v;
	core_err err;
	int c;

	core_log_setup(isatty(STDERR_FILENO) ? CORE_LOG_TEXT : CORE_LOG_JSON, CORE_LOG_INFO);
	core_err_clear(&err);
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case BENCH_LOAD_OPT_DB:
			o.db = optarg;
			break;
		case BENCH_LOAD_OPT_DOCS:
			if (!bench_load_parse_i64(optarg, 1, 100000000, &o.documents))
				return bench_load_bad("invalid --documents value", optarg);
			break;
		case BENCH_LOAD_OPT_SEED:
			if (!bench_load_parse_i64(optarg, 0, INT64_MAX, &v))
				return bench_load_bad("invalid --seed value", optarg);
			o.seed = (uint64_t)v;
			break;
		case BENCH_LOAD_OPT_PERSONS:
			if (!bench_load_parse_i64(optarg, 1, 100000000, &o.persons))
				return bench_load_bad("invalid --persons value", optarg);
			break;
		case BENCH_LOAD_OPT_ENTERPRISES:
			if (!bench_load_parse_i64(optarg, 0, 100000000, &o.enterprises))
				return bench_load_bad("invalid --enterprises value", optarg);
			break;
		case BENCH_LOAD_OPT_BATCH:
			if (!bench_load_parse_i64(optarg, 1, INT64_MAX, &o.batch))
				return bench_load_bad("invalid --batch value", optarg);
			break;
		case BENCH_LOAD_OPT_SYNC:
			if (strcmp(optarg, "on") == 0)
				o.sync_commit = true;
			else if (strcmp(optarg, "off") == 0)
				o.sync_commit = false;
			else
				return bench_load_bad("invalid --synchronous-commit value", optarg);
			break;
		case BENCH_LOAD_OPT_NO_VACUUM:
			o.vacuum = false;
			break;
		case BENCH_LOAD_OPT_PER_TABLE:
			o.commit_per_table = true;
			break;
		case BENCH_LOAD_OPT_REPORT:
			o.report = optarg;
			break;
		case BENCH_LOAD_OPT_QUIET:
			o.quiet = true;
			break;
		case BENCH_LOAD_OPT_DRY_RUN:
			o.dry_run = true;
			break;
		case 'h':
			fputs(bench_load_usage, stdout);
			return BENCH_LOAD_EXIT_OK;
		default:
			return BENCH_LOAD_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return bench_load_bad("unexpected argument", argv[optind]);
	/* The proportions: 300,000 persons and 20,000 enterprises
	 * for 1,000,000 documents. */
	if (o.persons < 0)
		o.persons = o.documents * 3 / 10 > 0 ? o.documents * 3 / 10 : 1;
	if (o.enterprises < 0)
		o.enterprises = o.documents / 50;
	if (bench_load(&o, &err) == 0)
		return BENCH_LOAD_EXIT_OK;
	fprintf(stderr, "sohoa-load: error: %s\n", err.msg);
	if (err.detail[0])
		fprintf(stderr, "DETAIL: %s\n", err.detail);
	switch (err.code) {
	case CORE_EDB:
		return BENCH_LOAD_EXIT_DB;
	case CORE_EARG:
		return BENCH_LOAD_EXIT_USAGE;
	default:
		return BENCH_LOAD_EXIT_FATAL;
	}
}
