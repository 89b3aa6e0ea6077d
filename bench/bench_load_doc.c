/*
 * bench_load_doc.c - a planned document as the pipeline would have
 * stored it: the OCR text of each page and the extracted fields, with
 * their raw text, canonical value, page, box, confidence and status.
 *
 * Each line of a page is built once and serves both: a field's raw text
 * is what its line shows (OCR slips included) and its box is where the
 * line puts it.  Layouts follow the printed labels of DOMAIN.md.
 */
#include "bench_load_doc.h"

#include <stdio.h>
#include <string.h>

static const char *const bench_load_officers[] = {
    "cb.nguyenthihoa", "cb.tranvanminh", "cb.lethithu",   "cb.phamquochuy",
    "cb.hoangthilan",  "cb.vuducthang",  "cb.dothingoc",  "cb.buivanlong",
    "cb.ngothimai",    "cb.dangvankhoa", "cb.huynhthuha", "cb.phanminhtri",
};

void bench_load_rendered_init(bench_load_rendered *d)
{
	memset(d, 0, sizeof(*d));
	for (int i = 0; i < BENCH_LOAD_MAX_DOC_PAGES; i++)
		core_buf_init(&d->text[i], BENCH_LOAD_PAGE_MAX);
}

void bench_load_rendered_free(bench_load_rendered *d)
{
	for (int i = 0; i < BENCH_LOAD_MAX_DOC_PAGES; i++)
		core_buf_free(&d->text[i]);
}

int bench_load_cols(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* ---- OCR slips ------------------------------------------------------------ */

/* One word loses its diacritics, or one digit reads as a letter: what
 * Tesseract gets wrong on a worn scan, and why search folds accents. */
void bench_load_noise(bench_load_rng *r, const char *in, char *out, size_t size)
{
	int words = 1, k, w = 0;
	size_t o = 0;
	const char *p;

	for (p = in; *p; p++)
		words += *p == ' ';
	k = (int)bench_load_below(r, (uint32_t)words);
	for (p = in; *p && o + 1 < size;) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char word[128], tmp[128];

		if (n >= sizeof(word))
			n = sizeof(word) - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		if (w == k) {
			char *d = strpbrk(word, "015");
			bench_load_ascii(word, tmp, sizeof(tmp));
			if (strcmp(tmp, word) != 0)
				core_strlcpy(word, tmp, sizeof(word));
			else if (d)
				*d = *d == '0' ? 'O' : *d == '1' ? 'l' : 'S';
		}
		o += (size_t)snprintf(out + o, size - o, "%s%s", w ? " " : "", word);
		if (o >= size)
			o = size - 1;
		w++;
		p += n;
		while (*p == ' ')
			p++;
	}
	out[o < size ? o : size - 1] = '\0';
}

/* ---- lines and fields -------------------------------------------------------- */

void bench_load_text(bench_load_ctx *x, const char *s)
{
	size_t n = strlen(s);

	if (x->len + n >= sizeof(x->buf)) {
		/* Layouts are ours: a line this long is a bug. */
		core_err_set(x->err, CORE_EINTERNAL, "line too long");
		x->failed = true;
		return;
	}
	memcpy(x->buf + x->len, s, n + 1);
	x->len += n;
	x->cols += bench_load_cols(s);
}

void bench_load_end(bench_load_ctx *x)
{
	core_buf *b = &x->out->text[x->page];

	if (core_buf_append(b, x->buf, x->len, x->err) || core_buf_append(b, "\n", 1, x->err))
		x->failed = true;
	x->len = 0;
	x->cols = 0;
	x->buf[0] = '\0';
	x->line++;
}

/* A line without a field; worn scans drop a few accents. */
void bench_load_line(bench_load_ctx *x, const char *s)
{
	char noisy[BENCH_LOAD_LINE_MAX];

	if (bench_load_chance(&x->r, (1.0 - x->q) * 0.4)) {
		bench_load_noise(&x->r, s, noisy, sizeof(noisy));
		bench_load_text(x, noisy);
	} else {
		bench_load_text(x, s);
	}
	bench_load_end(x);
}

void bench_load_page(bench_load_ctx *x)
{
	x->page++;
	x->line = 0;
	if (x->page >= x->doc->n_pages) {
		core_err_set(x->err, CORE_EINTERNAL, "document layout has more pages than planned");
		x->failed = true;
		x->page = x->doc->n_pages - 1;
	}
}

/* The value of a field at the current position of the line. */
void bench_load_value(bench_load_ctx *x, const char *name, const char *raw, const char *value,
                      const char *validators)
{
	bench_load_rendered *o = x->out;
	bench_load_field *f;
	bool slip = bench_load_chance(&x->r, (1.0 - x->q) * 1.2);
	double c;

	if (o->n_fields >= BENCH_LOAD_MAX_FIELDS) {
		core_err_set(x->err, CORE_EINTERNAL, "too many fields in a document");
		x->failed = true;
		return;
	}
	f = &o->fields[o->n_fields++];
	memset(f, 0, sizeof(*f));
	f->name = name;
	if (slip)
		bench_load_noise(&x->r, raw, f->raw, sizeof(f->raw));
	else
		core_strlcpy(f->raw, raw, sizeof(f->raw));
	f->has_value = value != NULL;
	if (value)
		core_strlcpy(f->value, value, sizeof(f->value));
	f->page = x->doc->first_page + x->page;
	f->x0 = BENCH_LOAD_MARGIN + x->cols * BENCH_LOAD_CHAR_W;
	bench_load_text(x, f->raw);
	f->x1 = BENCH_LOAD_MARGIN + x->cols * BENCH_LOAD_CHAR_W;
	if (f->x1 > BENCH_LOAD_PAGE_W - BENCH_LOAD_MARGIN / 2)
		f->x1 = BENCH_LOAD_PAGE_W - BENCH_LOAD_MARGIN / 2;
	if (f->x0 > f->x1 - BENCH_LOAD_CHAR_W)
		f->x0 = f->x1 - BENCH_LOAD_CHAR_W;
	f->y0 = BENCH_LOAD_TOP + x->line * BENCH_LOAD_LINE_H;
	f->y1 = f->y0 + BENCH_LOAD_TEXT_H;
	c = x->q + (bench_load_unit(&x->r) - 0.5) * 0.06 - (slip ? 0.2 : 0.0);
	f->confidence = c < 0.3 ? 0.3 : c > 0.999 ? 0.999 : c;
	f->validators = validators;
	f->status = BENCH_LOAD_AUTO;
	if (f->confidence < BENCH_LOAD_REVIEW_BELOW)
		f->status = bench_load_chance(&x->r, 0.4) ? BENCH_LOAD_VERIFIED : BENCH_LOAD_REVIEW;
	else if (bench_load_chance(&x->r, 0.01))
		f->status = BENCH_LOAD_VERIFIED; /* spot checks */
	if (f->status == BENCH_LOAD_VERIFIED) {
		f->verified_by = BENCH_LOAD_PICK(&x->r, bench_load_officers);
		f->verified_at = o->created_at + 3600 + (int64_t)bench_load_below(&x->r, 5 * 86400);
	}
}

/* "Label: value" on one line. */
void bench_load_kv(bench_load_ctx *x, const char *label, const char *name, const char *raw,
                   const char *value, const char *validators)
{
	bench_load_text(x, label);
	bench_load_text(x, " ");
	bench_load_value(x, name, raw, value, validators);
	bench_load_end(x);
}

/* The label on its line, the value alone on the next (cards). */
void bench_load_kv_below(bench_load_ctx *x, const char *label, const char *name, const char *raw,
                         const char *value, const char *validators)
{
	bench_load_line(x, label);
	bench_load_value(x, name, raw, value, validators);
	bench_load_end(x);
}

void bench_load_labelled(bench_load_ctx *x, const char *label, const char *text)
{
	char line[BENCH_LOAD_LINE_MAX];

	bench_load_fmt(line, sizeof(line), "%s %s", label, text);
	bench_load_line(x, line);
}

/* ---- values ---------------------------------------------------------------- */

void bench_load_iso(int32_t day, char out[16])
{
	int y, m, d;

	bench_load_civil(day, &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

/* dd/mm/yyyy on cards, dd-mm-yyyy on the CMND. */
void bench_load_dmy(int32_t day, char sep, char out[16])
{
	int y, m, d;

	bench_load_civil(day, &y, &m, &d);
	snprintf(out, 16, "%02d%c%02d%c%04d", d, sep, m, sep, y);
}

/* Prose: "ngày 05 tháng 3 năm 2025" (a zero before days under 10 and
 * months 1 and 2 only). */
void bench_load_prose(int32_t day, char *out, size_t size)
{
	int y, m, d;

	bench_load_civil(day, &y, &m, &d);
	if (m <= 2)
		bench_load_fmt(out, size, "ngày %02d tháng %02d năm %d", d, m, y);
	else
		bench_load_fmt(out, size, "ngày %02d tháng %d năm %d", d, m, y);
}

void bench_load_date_words(int32_t day, char *out, size_t size)
{
	char dw[64], mw[64], yw[128];
	int y, m, d;

	bench_load_civil(day, &y, &m, &d);
	bench_load_words(d, dw, sizeof(dw));
	bench_load_words(m, mw, sizeof(mw));
	bench_load_words(y, yw, sizeof(yw));
	bench_load_fmt(out, size, "Ngày %s%s, tháng %s, năm %s", d <= 10 ? "mồng " : "", dw, mw,
	               yw);
}

/* Uniform day in [lo, hi], hi when the range is empty. */
int32_t bench_load_day_in(bench_load_rng *r, int32_t lo, int32_t hi)
{
	if (lo >= hi)
		return hi;
	return lo + (int32_t)bench_load_below(r, (uint32_t)(hi - lo + 1));
}

int32_t bench_load_birthday(int32_t birth, int age)
{
	int y, m, d;

	bench_load_civil(birth, &y, &m, &d);
	return bench_load_days(y + age, m, d == 29 && m == 2 ? 28 : d);
}

/* 8000000000 -> "8.000.000.000" */
void bench_load_grouped(int64_t v, char *out, size_t size)
{
	char digits[32];
	size_t n, o = 0;

	snprintf(digits, sizeof(digits), "%lld", (long long)v);
	n = strlen(digits);
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

/* ICAO 9303 check digit, weights 7, 3, 1. */
char bench_load_mrz_digit(const char *s, size_t n)
{
	static const int w[3] = {7, 3, 1};
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int v = s[i] >= '0' && s[i] <= '9'   ? s[i] - '0'
		        : s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 10
		                                     : 0;
		sum += v * w[i % 3];
	}
	return (char)('0' + sum % 10);
}

void bench_load_yymmdd(int y, int m, int d, char out[7])
{
	const int v[3] = {y % 100, m, d};

	for (int i = 0; i < 3; i++) {
		out[2 * i] = (char)('0' + v[i] / 10 % 10);
		out[2 * i + 1] = (char)('0' + v[i] % 10);
	}
	out[6] = '\0';
}

/* The three TD1 lines of a chip card. */
void bench_load_mrz(bench_load_ctx *x, const bench_load_person *pe, int32_t expiry)
{
	char l1[31], l2[31], l3[31], comp[64], ascii[128], up[128], yymmdd[7], exp[7];
	int y, m, d, k = 0;
	size_t o = 0;

	memcpy(l1, "IDVNM", 5);
	memcpy(l1 + 5, pe->key + 3, 9);
	l1[14] = bench_load_mrz_digit(l1 + 5, 9);
	memcpy(l1 + 15, pe->key, 12);
	memcpy(l1 + 27, "<<", 2);
	l1[29] = bench_load_mrz_digit(pe->key, 12);
	l1[30] = '\0';
	bench_load_civil(pe->birth, &y, &m, &d);
	bench_load_yymmdd(y, m, d, yymmdd);
	if (expiry > 0) {
		bench_load_civil(expiry, &y, &m, &d);
		bench_load_yymmdd(y, m, d, exp);
	} else {
		memcpy(exp, "<<<<<<", 7);
	}
	memcpy(l2, yymmdd, 6);
	l2[6] = bench_load_mrz_digit(yymmdd, 6);
	l2[7] = pe->female ? 'F' : 'M';
	memcpy(l2 + 8, exp, 6);
	l2[14] = expiry > 0 ? bench_load_mrz_digit(exp, 6) : '<';
	memcpy(l2 + 15, "VNM<<<<<<<<<<<", 14);
	memcpy(comp + k, l1 + 5, 25);
	k += 25;
	memcpy(comp + k, l2, 7);
	k += 7;
	memcpy(comp + k, l2 + 8, 7);
	k += 7;
	memcpy(comp + k, l2 + 18, 11);
	k += 11;
	l2[29] = bench_load_mrz_digit(comp, (size_t)k);
	l2[30] = '\0';
	/* NGUYEN<<VAN<AN */
	bench_load_upper(pe->name, up, sizeof(up));
	bench_load_ascii(up, ascii, sizeof(ascii));
	for (const char *p = ascii; *p && o < 30; p++) {
		if (*p == ' ') {
			l3[o++] = '<';
			if (p == strchr(ascii, ' ') && o < 30)
				l3[o++] = '<';
		} else {
			l3[o++] = *p;
		}
	}
	while (o < 30)
		l3[o++] = '<';
	l3[30] = '\0';
	bench_load_line(x, l1);
	bench_load_line(x, l2);
	bench_load_line(x, l3);
}

/* ---- subjects of the document ------------------------------------------------- */

void bench_load_person_of(const bench_load_ctx *x, int link, bench_load_person *pe)
{
	int64_t i = x->doc->subject[link];

	bench_load_person_make(x->p->seed, i, bench_load_person_id(x->p, i), pe);
}

void bench_load_enterprise_of(const bench_load_ctx *x, int link, bench_load_enterprise *e)
{
	int64_t i = x->doc->subject[link];

	bench_load_enterprise_make(x->p->seed, i, bench_load_enterprise_id(x->p, i), e);
}

/* The first link with this role, or -1. */
int bench_load_link(const bench_load_doc *d, bench_load_role role)
{
	for (int i = 0; i < d->n_links; i++)
		if (d->role[i] == role)
			return i;
	return -1;
}
static double bench_load_quality(bench_load_rng *r)
{
	/* Most scans are clean; about one in seven is worn or skewed. */
	return bench_load_chance(r, 0.85) ? 0.92 + 0.07 * bench_load_unit(r)
	                                  : 0.78 + 0.14 * bench_load_unit(r);
}

double bench_load_doc_quality(const bench_load_plan *p, int64_t doc)
{
	bench_load_rng r;

	bench_load_rng_init(&r, p->seed, BENCH_LOAD_S_DOC, (uint64_t)doc);
	return bench_load_quality(&r);
}

int bench_load_render(const bench_load_plan *p, int64_t doc, bench_load_rendered *out,
                      core_err *err)
{
	bench_load_ctx x;

	memset(&x, 0, sizeof(x));
	x.p = p;
	x.doc = &p->docs[doc];
	x.dossier = x.doc->dossier;
	x.out = out;
	x.err = err;
	bench_load_rng_init(&x.r, p->seed, BENCH_LOAD_S_DOC, (uint64_t)doc);
	x.today = (int32_t)((p->dossiers[x.dossier].received + BENCH_LOAD_TZ) / 86400);
	x.q = bench_load_quality(&x.r);
	for (int i = 0; i < BENCH_LOAD_MAX_DOC_PAGES; i++)
		core_buf_reset(&out->text[i]);
	out->n_fields = 0;
	out->n_pages = x.doc->n_pages;
	out->created_at = bench_load_dossier_classified(p, x.dossier);
	switch ((bench_load_type)x.doc->type) {
	case BENCH_LOAD_CCCD:
		bench_load_cccd(&x);
		break;
	case BENCH_LOAD_CMND:
		bench_load_cmnd(&x);
		break;
	case BENCH_LOAD_BIRTH:
		bench_load_birth(&x);
		break;
	case BENCH_LOAD_MARRIAGE:
		bench_load_marriage(&x);
		break;
	case BENCH_LOAD_MARITAL:
		bench_load_marital(&x);
		break;
	case BENCH_LOAD_BUSINESS:
		bench_load_business(&x);
		break;
	case BENCH_LOAD_LAND:
		bench_load_land(&x);
		break;
	case BENCH_LOAD_DECISION:
		bench_load_decision(&x);
		break;
	case BENCH_LOAD_APPLICATION:
		bench_load_application(&x);
		break;
	default:
		bench_load_other(&x);
		break;
	}
	if (x.failed)
		return -1;
	if (x.page != x.doc->n_pages - 1 ||
	    out->n_fields != bench_load_type_fields((bench_load_type)x.doc->type)) {
		core_err_set(err, CORE_EINTERNAL, "document layout and plan disagree");
		core_err_detail(err, "%s: %d pages, %d fields", bench_load_type_name(x.doc->type),
		                x.page + 1, out->n_fields);
		return -1;
	}
	for (int i = 0; i < out->n_pages; i++)
		out->page_conf[i] = x.q + (bench_load_unit(&x.r) - 0.5) * 0.04;
	return 0;
}
