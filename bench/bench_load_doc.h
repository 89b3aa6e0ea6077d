/*
 * bench_load_doc.h - private to the loader's page writers: the page
 * builder shared by bench_load_doc.c (lines, fields, dates, MRZ) and
 * bench_load_types.c (one writer per document type).
 */
#ifndef SOHOA_BENCH_LOAD_DOC_H
#define SOHOA_BENCH_LOAD_DOC_H

#include "bench_load.h"

/* An A4 scan at 300 dpi; 12 pt text. */
#define BENCH_LOAD_PAGE_W   2480
#define BENCH_LOAD_MARGIN   180
#define BENCH_LOAD_TOP      220
#define BENCH_LOAD_LINE_H   72
#define BENCH_LOAD_TEXT_H   46
#define BENCH_LOAD_CHAR_W   25
#define BENCH_LOAD_LINE_MAX 1024
#define BENCH_LOAD_PAGE_MAX (64u << 10)
/* Confidence under which a field waits for a person. */
#define BENCH_LOAD_REVIEW_BELOW 0.80

typedef struct bench_load_ctx {
	const bench_load_plan *p;
	const bench_load_doc *doc;
	int64_t dossier;
	bench_load_rendered *out;
	bench_load_rng r;
	double q; /* scan quality of this document */
	int32_t today;
	int page, line;
	char buf[BENCH_LOAD_LINE_MAX];
	size_t len;
	int cols;
	core_err *err;
	bool failed;
} bench_load_ctx;

int bench_load_cols(const char *s);
void bench_load_noise(bench_load_rng *r, const char *in, char *out, size_t size);
void bench_load_text(bench_load_ctx *x, const char *s);
void bench_load_end(bench_load_ctx *x);
void bench_load_line(bench_load_ctx *x, const char *s);
void bench_load_page(bench_load_ctx *x);
void bench_load_value(bench_load_ctx *x, const char *name, const char *raw, const char *value,
                      const char *validators);
void bench_load_kv(bench_load_ctx *x, const char *label, const char *name, const char *raw,
                   const char *value, const char *validators);
void bench_load_kv_below(bench_load_ctx *x, const char *label, const char *name, const char *raw,
                         const char *value, const char *validators);
void bench_load_labelled(bench_load_ctx *x, const char *label, const char *text);
void bench_load_iso(int32_t day, char out[16]);
void bench_load_dmy(int32_t day, char sep, char out[16]);
void bench_load_prose(int32_t day, char *out, size_t size);
void bench_load_date_words(int32_t day, char *out, size_t size);
int32_t bench_load_day_in(bench_load_rng *r, int32_t lo, int32_t hi);
int32_t bench_load_birthday(int32_t birth, int age);
void bench_load_grouped(int64_t v, char *out, size_t size);
char bench_load_mrz_digit(const char *s, size_t n);
void bench_load_yymmdd(int y, int m, int d, char out[7]);
void bench_load_mrz(bench_load_ctx *x, const bench_load_person *pe, int32_t expiry);
void bench_load_person_of(const bench_load_ctx *x, int link, bench_load_person *pe);
void bench_load_enterprise_of(const bench_load_ctx *x, int link, bench_load_enterprise *e);
int bench_load_link(const bench_load_doc *d, bench_load_role role);

/* One writer per document type. */
void bench_load_cccd(bench_load_ctx *x);
void bench_load_cmnd(bench_load_ctx *x);
void bench_load_birth(bench_load_ctx *x);
void bench_load_marriage(bench_load_ctx *x);
void bench_load_marital(bench_load_ctx *x);
void bench_load_business(bench_load_ctx *x);
void bench_load_land(bench_load_ctx *x);
void bench_load_decision(bench_load_ctx *x);
void bench_load_application(bench_load_ctx *x);
void bench_load_other(bench_load_ctx *x);

#endif
