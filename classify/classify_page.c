/*
 * classify_page.c - what type of document a page of OCR text belongs to.
 *
 * Titles are the strongest evidence a page carries (a printed "GIẤY
 * KHAI SINH" is hard to misread once folded), so a title decides the
 * type; the model decides pages without one (continuation pages,
 * letters); keywords stand in for the model when there is none.
 */
#include "classify_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_MAX_LINES  400
#define HEADER_LINES    12 /* the national header sits at the top */
#define CONF_TITLE      0.97
#define CONF_TITLE_BOTH 0.99 /* title and model agree */
#define CONF_TITLE_ODD  0.75 /* the model is sure of another type */
#define MIN_READABILITY 0.45 /* upright pages read >= 0.7, rotated ones ~0.15 */

/* The page split into lines, raw and folded. */
typedef struct page_lines {
	char *keys_all; /* the key form of the whole page */
	char *lines[PAGE_MAX_LINES];
	char *raw[PAGE_MAX_LINES];
	int n;
} page_lines;

static void lines_free(page_lines *pl)
{
	for (int i = 0; i < pl->n; i++) {
		free(pl->lines[i]);
		free(pl->raw[i]);
	}
	free(pl->keys_all);
	memset(pl, 0, sizeof(*pl));
}

static int lines_split(const char *text, page_lines *pl, core_err *err)
{
	core_buf all;
	const char *p = text;

	memset(pl, 0, sizeof(*pl));
	core_buf_init(&all, CLASSIFY_MAX_PAGE_TEXT);
	if (strlen(text) > CLASSIFY_MAX_PAGE_TEXT) {
		core_err_set(err, CORE_ELIMIT, "page text too long");
		goto fail;
	}
	while (*p && pl->n < PAGE_MAX_LINES) {
		size_t n = strcspn(p, "\n");
		char *raw = malloc(n + 1), *f;

		if (!raw) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto fail;
		}
		memcpy(raw, p, n);
		raw[n] = '\0';
		f = classify_fold(raw, err);
		if (!f) {
			free(raw);
			goto fail;
		}
		p += n + (p[n] == '\n');
		if (!*f) {
			free(raw);
			free(f);
			continue;
		}
		pl->raw[pl->n] = raw;
		pl->lines[pl->n++] = f;
		if (core_buf_puts(&all, " ", err) || core_buf_puts(&all, f, err))
			goto fail;
	}
	if (core_buf_puts(&all, " ", err))
		goto fail;
	pl->keys_all = core_buf_steal(&all);
	classify_key_only(pl->keys_all);
	return 0;
fail:
	core_buf_free(&all);
	lines_free(pl);
	return -1;
}

/* An ICAO MRZ line: 25+ characters of A-Z 0-9 '<' with filler runs. */
static bool mrz_like(const char *raw)
{
	int n = 0, fill = 0;

	for (const char *p = raw; *p; p++) {
		if (*p == ' ')
			continue;
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '<'))
			return false;
		n++;
		fill += *p == '<';
	}
	return n >= 25 && fill >= 2;
}

/* Any match, even an empty one: titles may be anchors alone ("^...$"). */
static bool re_matches(const pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc;

	if (!md)
		return false;
	rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

/* First line (index in *at) where one of the patterns matches. */
static bool re_any_line(pcre2_code *const *re, int n_re, const page_lines *pl, int *at)
{
	for (int i = 0; i < pl->n; i++) {
		for (int j = 0; j < n_re; j++) {
			if (re_matches(re[j], pl->lines[i])) {
				*at = i;
				return true;
			}
		}
	}
	return false;
}

static double keyword_score(const classify_tdef *t, const page_lines *pl)
{
	double s = 0;

	for (int i = 0; i < t->n_keywords; i++)
		if (strstr(pl->keys_all, t->keywords[i].text))
			s += t->keywords[i].weight;
	return s;
}

static bool continues(const classify_tdef *t, const page_lines *pl)
{
	for (int i = 0; i < t->n_continuation; i++)
		for (int j = 0; j < pl->n; j++)
			if (classify_line_has(pl->lines[j], t->continuation[i]))
				return true;
	return false;
}

int classify_page_classify(const classify_defs *d, const classify_model *m, const char *text,
                           classify_page_info *out, core_err *err)
{
	page_lines pl;
	double kw[CLASSIFY_MAX_TYPES], post[CLASSIFY_MAX_TYPES];
	int title_at = -1, best = -1, at_open, n = d->n_types, rc = -1;
	bool have_post = false;
	const classify_tdef *t;

	memset(out, 0, sizeof(*out));
	/* A page OCR could not read (upside down, sideways) says nothing
	 * about its type: it stands alone, unsure, and joins nothing. */
	if (text && *text && classify_text_readability(text) < MIN_READABILITY) {
		core_strlcpy(out->type, "other", sizeof(out->type));
		out->confidence = classify_text_readability(text);
		out->unreadable = true;
		out->opens_document = true;
		return 0;
	}
	if (lines_split(text ? text : "", &pl, err))
		return -1;
	for (int i = 0; i < pl.n && i < HEADER_LINES; i++)
		if (classify_line_has(pl.lines[i], "conghoaxahoichunghiavietnam") ||
		    classify_line_has(pl.lines[i], "doclaptudohanhphuc"))
			out->national_header = true;
	for (int i = 0; i < pl.n; i++)
		if (mrz_like(pl.raw[i]))
			out->mrz = true;

	for (int i = 0; i < n; i++) {
		int at;

		t = &d->types[i];
		kw[i] = keyword_score(t, &pl);
		if (continues(t, &pl))
			out->continues |= (uint64_t)1 << i;
		/* The topmost title wins: later ones are quoted in the body. */
		if (re_any_line(t->titles, t->n_titles, &pl, &at) &&
		    (title_at < 0 || at < title_at)) {
			title_at = at;
			best = i;
		}
	}
	if (m) {
		if (classify_model_posteriors(m, d, text ? text : "", post, err) < 0)
			goto out;
		have_post = true;
	}

	if (best >= 0) {
		double top = 0;

		out->title = true;
		out->confidence = CONF_TITLE;
		for (int i = 0; have_post && i < n; i++)
			top = post[i] > top ? post[i] : top;
		if (have_post && post[best] >= 0.5)
			out->confidence = CONF_TITLE_BOTH;
		else if (have_post && post[best] < 0.01 && top > 0.9)
			out->confidence = CONF_TITLE_ODD;
	} else if (have_post) {
		best = 0;
		for (int i = 1; i < n; i++)
			if (post[i] > post[best])
				best = i;
		out->confidence = post[best];
	} else {
		for (int i = 0; i < n; i++)
			if (kw[i] >= d->types[i].keyword_min && (best < 0 || kw[i] > kw[best]))
				best = i;
		if (best >= 0) {
			double extra = kw[best] - d->types[best].keyword_min;

			out->confidence = fmin(0.85, 0.6 + 0.05 * extra);
		}
	}
	if (best < 0) {
		best = d->other;
		out->confidence = 0.5;
	}
	if (best < 0) {
		/* No "other" definition: the type is still "other". */
		core_strlcpy(out->type, "other", sizeof(out->type));
	} else {
		t = &d->types[best];
		core_strlcpy(out->type, t->type, sizeof(out->type));
		out->opens_document = (out->title && t->open_on_title) ||
		                      (out->national_header && t->open_on_header) ||
		                      re_any_line(t->opens, t->n_opens, &pl, &at_open);
		out->card = t->card && (out->title || out->mrz);
	}
	rc = 0;
out:
	lines_free(&pl);
	return rc;
}
