/*
 * bench_load_report.c - sohoa-load's output: the plan's counts (what
 * --dry-run prints), the summary table after a load and the same
 * summary as JSON for --report.  Kept apart from the passes in
 * bench_load_main.c: it only reads the bench_load_run they fill in.
 */
#include "bench_load.h"
#include "store.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void bench_load_totals(const bench_load_run *x, int64_t *rows, double *seconds)
{
	*rows = 0;
	*seconds = 0;
	for (int t = 0; t < STORE_COPY_N_TABLES; t++) {
		*rows += x->stat[t].rows;
		*seconds += x->stat[t].seconds;
	}
}

void bench_load_print(const bench_load_run *x)
{
	const bench_load_plan *p = &x->plan;
	int64_t rows;
	double secs;

	bench_load_totals(x, &rows, &secs);
	printf("sohoa-load: %" PRId64 " documents in %" PRId64 " dossiers, %" PRId64
	       " pages, %" PRId64 " persons, %" PRId64 " enterprises (seed %" PRIu64 ")\n",
	       p->n_docs, p->n_dossiers, p->n_pages, p->persons_used, p->n_enterprises, p->seed);
	printf("synchronous_commit %s, %s, plan %.1f s\n\n", x->o->sync_commit ? "on" : "off",
	       x->o->commit_per_table ? "one transaction per table" : "one transaction",
	       x->plan_seconds);
	printf("%-18s %12s %9s %11s %10s %10s\n", "table", "rows", "seconds", "rows/s",
	       "client cpu", "size MB");
	for (int t = 0; t < STORE_COPY_N_TABLES; t++) {
		const bench_load_stat *s = &x->stat[t];
		printf("%-18s %12" PRId64 " %9.1f %11.0f %9.1fs %10.1f\n",
		       store_copy_table_name((store_copy_table)t), s->rows, s->seconds,
		       s->seconds > 0 ? (double)s->rows / s->seconds : 0.0, s->cpu,
		       (double)s->bytes / 1048576.0);
	}
	printf("%-18s %12" PRId64 " %9.1f %11.0f\n", "all (COPY)", rows, secs,
	       secs > 0 ? (double)rows / secs : 0.0);
	if (!x->o->commit_per_table)
		printf("COMMIT %.2f s\n", x->commit_seconds);
	printf("\n%s %.1f s; total %.1f s; database size %.1f MB\n",
	       x->o->vacuum ? "VACUUM (ANALYZE)" : "ANALYZE", x->finish_seconds, x->total_seconds,
	       (double)x->db_bytes / 1048576.0);
	printf("ids: runs from %" PRId64 ", subjects %" PRId64 ", dossiers %" PRId64
	       ", pages %" PRId64 ", documents %" PRId64 ", fields %" PRId64 "\n",
	       p->id_run, p->id_subject, p->id_dossier, p->id_page, p->id_document, p->id_field);
	printf("documents per subject:");
	for (int k = 1; k <= BENCH_LOAD_MAX_PER_SUBJ; k++)
		printf(" %d:%" PRId64, k, p->per_subject[k]);
	printf("\n");
}

void bench_load_print_plan(const bench_load_plan *p)
{
	int64_t per_type[BENCH_LOAD_N_TYPES] = {0};

	for (int64_t k = 0; k < p->n_docs; k++)
		per_type[p->docs[k].type]++;
	printf("plan: %" PRId64 " documents, %" PRId64 " dossiers (%.2f documents each), %" PRId64
	       " pages, %" PRId64 " fields, %" PRId64 " links, %" PRId64 " runs\n",
	       p->n_docs, p->n_dossiers, (double)p->n_docs / (double)p->n_dossiers, p->n_pages,
	       p->n_fields, p->n_links, p->n_runs);
	printf("subjects: %" PRId64 " persons (of %" PRId64 " ids), %" PRId64 " enterprises\n",
	       p->persons_used, p->n_persons, p->n_enterprises);
	printf("documents per subject:");
	for (int k = 0; k <= BENCH_LOAD_MAX_PER_SUBJ; k++)
		printf(" %d:%" PRId64, k, p->per_subject[k]);
	printf("\ntypes:");
	for (int t = 0; t < BENCH_LOAD_N_TYPES; t++)
		printf(" %s:%" PRId64, bench_load_type_name((bench_load_type)t), per_type[t]);
	printf("\n");
}

int bench_load_report(const bench_load_run *x, core_err *err)
{
	const bench_load_plan *p = &x->plan;
	core_buf b;
	FILE *f = NULL;
	int64_t rows;
	double secs;
	int rc = -1;

	core_buf_init(&b, 1 << 20);
	bench_load_totals(x, &rows, &secs);
	core_buf_printf(&b, err, "{\n  \"documents\": %" PRId64 ",\n", p->n_docs);
	core_buf_printf(&b, err, "  \"dossiers\": %" PRId64 ",\n", p->n_dossiers);
	core_buf_printf(&b, err, "  \"pages\": %" PRId64 ",\n", p->n_pages);
	core_buf_printf(&b, err, "  \"persons\": %" PRId64 ",\n", p->persons_used);
	core_buf_printf(&b, err, "  \"enterprises\": %" PRId64 ",\n", p->n_enterprises);
	core_buf_printf(&b, err, "  \"seed\": %" PRIu64 ",\n", p->seed);
	core_buf_printf(&b, err, "  \"synchronous_commit\": \"%s\",\n",
	                x->o->sync_commit ? "on" : "off");
	core_buf_printf(&b, err, "  \"commit_per_table\": %s,\n",
	                x->o->commit_per_table ? "true" : "false");
	core_buf_printf(&b, err, "  \"vacuum\": %s,\n", x->o->vacuum ? "true" : "false");
	core_buf_printf(&b, err, "  \"plan_seconds\": %.3f,\n  \"tables\": [\n", x->plan_seconds);
	for (int t = 0; t < STORE_COPY_N_TABLES; t++) {
		const bench_load_stat *s = &x->stat[t];
		core_buf_printf(&b, err,
		                "    {\"table\": \"%s\", \"rows\": %" PRId64
		                ", \"seconds\": %.3f, \"rows_per_second\": %.0f,"
		                " \"client_cpu_seconds\": %.3f, \"bytes\": %" PRId64 "}%s\n",
		                store_copy_table_name((store_copy_table)t), s->rows, s->seconds,
		                s->seconds > 0 ? (double)s->rows / s->seconds : 0.0, s->cpu,
		                s->bytes, t + 1 < STORE_COPY_N_TABLES ? "," : "");
	}
	core_buf_printf(&b, err, "  ],\n  \"copy_rows\": %" PRId64 ",\n", rows);
	core_buf_printf(&b, err, "  \"copy_seconds\": %.3f,\n", secs);
	core_buf_printf(&b, err, "  \"copy_rows_per_second\": %.0f,\n",
	                secs > 0 ? (double)rows / secs : 0.0);
	core_buf_printf(&b, err, "  \"commit_seconds\": %.3f,\n", x->commit_seconds);
	core_buf_printf(&b, err, "  \"finish_seconds\": %.3f,\n", x->finish_seconds);
	core_buf_printf(&b, err, "  \"total_seconds\": %.3f,\n", x->total_seconds);
	core_buf_printf(&b, err, "  \"database_bytes\": %" PRId64 ",\n", x->db_bytes);
	core_buf_printf(&b, err, "  \"first_run_id\": %" PRId64 ",\n", p->id_run);
	core_buf_printf(&b, err, "  \"first_subject_id\": %" PRId64 ",\n", p->id_subject);
	core_buf_printf(&b, err, "  \"first_dossier_id\": %" PRId64 ",\n", p->id_dossier);
	core_buf_printf(&b, err, "  \"first_page_id\": %" PRId64 ",\n", p->id_page);
	core_buf_printf(&b, err, "  \"first_document_id\": %" PRId64 ",\n", p->id_document);
	core_buf_printf(&b, err, "  \"first_field_id\": %" PRId64 ",\n", p->id_field);
	core_buf_puts(&b, "  \"documents_per_subject\": [", err);
	for (int k = 1; k <= BENCH_LOAD_MAX_PER_SUBJ; k++)
		core_buf_printf(&b, err, "%s%" PRId64, k > 1 ? ", " : "", p->per_subject[k]);
	core_buf_puts(&b, "]\n}\n", err);
	if (core_err_isset(err))
		goto out;
	f = fopen(x->o->report, "w");
	if (!f || fwrite(b.data, 1, b.len, f) != b.len) {
		core_err_set(err, CORE_EIO, "cannot write the report");
		core_err_detail(err, "%s: %s", x->o->report, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		core_err_set(err, CORE_EIO, "cannot write the report");
		core_err_detail(err, "%s: %s", x->o->report, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	if (f)
		fclose(f);
	core_buf_free(&b);
	return rc;
}
