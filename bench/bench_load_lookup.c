/*
 * bench_load_lookup.c - what follows from a document type or from a
 * built plan without planning: type and role names, fields and pages
 * per type, the times the passes share, dossier codes and subject ids.
 * Apart from bench_load_plan.c, which builds the plan.
 */
#include "bench_load.h"

#include <stdio.h>

static const char *const bench_load_type_names[BENCH_LOAD_N_TYPES] = {"cccd",
                                                                      "cmnd",
                                                                      "birth_certificate",
                                                                      "marriage_certificate",
                                                                      "marital_status_certificate",
                                                                      "business_registration",
                                                                      "land_use_certificate",
                                                                      "decision",
                                                                      "application_form",
                                                                      "other"};
static const char *const bench_load_role_names[BENCH_LOAD_N_ROLES] = {
    "holder", "mother",    "father",    "wife", "husband", "legal_representative",
    "owner",  "applicant", "enterprise"};
/* Canonical fields per type; bench_load_doc.c emits exactly these. */
static const int bench_load_type_nfields[BENCH_LOAD_N_TYPES] = {9, 7, 12, 3, 7, 6, 7, 4, 5, 3};

const char *bench_load_type_name(bench_load_type t)
{
	return (int)t >= 0 && t < BENCH_LOAD_N_TYPES ? bench_load_type_names[t] : "other";
}

const char *bench_load_role_name(bench_load_role r)
{
	return (int)r >= 0 && r < BENCH_LOAD_N_ROLES ? bench_load_role_names[r] : "holder";
}

int bench_load_type_fields(bench_load_type t)
{
	return (int)t >= 0 && t < BENCH_LOAD_N_TYPES ? bench_load_type_nfields[t] : 0;
}

int bench_load_type_pages(bench_load_type t, int variant)
{
	switch (t) {
	case BENCH_LOAD_CCCD:
	case BENCH_LOAD_CMND:
	case BENCH_LOAD_BUSINESS:
		return 2;
	case BENCH_LOAD_LAND:
		return 4;
	case BENCH_LOAD_DECISION:
	case BENCH_LOAD_APPLICATION:
		return 1 + (variant & 1);
	default:
		return 1;
	}
}

/* ---- times ------------------------------------------------------------------ */

/* Seconds of OCR per page with the two workers of a small office. */
#define BENCH_LOAD_PAGE_STEP_NUM 3
#define BENCH_LOAD_PAGE_STEP_DEN 4

static int64_t bench_load_run_last_dossier(const bench_load_plan *p, int64_t run)
{
	int64_t last = (run + 1) * p->dossiers_per_run - 1;

	return last < p->n_dossiers ? last : p->n_dossiers - 1;
}

int64_t bench_load_run_start(const bench_load_plan *p, int64_t run)
{
	/* The batch starts a quarter of an hour after its last reception. */
	return p->dossiers[bench_load_run_last_dossier(p, run)].received + 900;
}

int64_t bench_load_page_time(const bench_load_plan *p, int64_t dossier, int number)
{
	const bench_load_dossier *d = &p->dossiers[dossier];
	int64_t first = p->dossiers[(int64_t)d->run * p->dossiers_per_run].page0;
	int64_t k = d->page0 + number - 1 - first;

	return bench_load_run_start(p, d->run) + 1 +
	       k * BENCH_LOAD_PAGE_STEP_NUM / BENCH_LOAD_PAGE_STEP_DEN;
}

int64_t bench_load_run_end(const bench_load_plan *p, int64_t run)
{
	int64_t last = bench_load_run_last_dossier(p, run);

	return bench_load_page_time(p, last, p->dossiers[last].n_pages) + 5;
}

int64_t bench_load_dossier_classified(const bench_load_plan *p, int64_t dossier)
{
	return bench_load_page_time(p, dossier, p->dossiers[dossier].n_pages) + 2;
}

/* ---- names of things ---------------------------------------------------------- */

void bench_load_dossier_code(const bench_load_plan *p, int64_t dossier, char out[32])
{
	int64_t local = p->dossiers[dossier].received + BENCH_LOAD_TZ;

	snprintf(out, 32, "HS-%d-%07lld", bench_load_year((int32_t)(local / 86400)),
	         (long long)(p->id_dossier + dossier));
}

int64_t bench_load_person_id(const bench_load_plan *p, int64_t person)
{
	return p->id_subject + person;
}

int64_t bench_load_enterprise_id(const bench_load_plan *p, int64_t enterprise)
{
	return p->id_subject + p->n_persons + enterprise;
}
