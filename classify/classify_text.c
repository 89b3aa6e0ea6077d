/*
 * classify_text.c - Unicode canonical forms and edit-distance metrics.
 *
 * CER and WER are computed on canonical text so that layout white space
 * and Unicode composition differences do not count as OCR errors.
 */
#include "classify.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Beyond this many cells the O(n*m) distance is refused, not stalled on. */
#define CLASSIFY_MAX_CELLS 400000000LL
#define CLASSIFY_MAX_TEXT  (64u << 20)

static char *text_map(const char *s, utf8proc_option_t opts, core_err *err)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;

	if (strlen(s) > CLASSIFY_MAX_TEXT) {
		core_err_set(err, CORE_ELIMIT, "text too long");
		return NULL;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out, opts | UTF8PROC_NULLTERM);
	if (n < 0) {
		core_err_set(err, CORE_EFORMAT, "invalid utf-8 text");
		core_err_detail(err, "%s", utf8proc_errmsg(n));
		return NULL;
	}
	return (char *)out;
}

char *classify_text_nfc(const char *s, core_err *err)
{
	return text_map(s ? s : "", UTF8PROC_STABLE | UTF8PROC_COMPOSE, err);
}

/* đ and Đ have no decomposition, so stripping marks leaves them: map by hand. */
static void fold_d_bar(char *s)
{
	char *w = s;

	for (const char *r = s; *r;) {
		if ((unsigned char)r[0] == 0xC4 &&
		    ((unsigned char)r[1] == 0x91 || (unsigned char)r[1] == 0x90)) {
			*w++ = 'd';
			r += 2;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static void squeeze_space(char *s)
{
	char *w = s;
	bool pending = false;

	for (const char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f' ||
		    *r == '\v') {
			pending = w != s;
			continue;
		}
		if (pending)
			*w++ = ' ';
		pending = false;
		*w++ = *r;
	}
	*w = '\0';
}

char *classify_text_canon(const char *s, bool fold, core_err *err)
{
	utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_LUMP | UTF8PROC_NLF2LS;
	char *out;

	opts |=
	    fold ? (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD) : UTF8PROC_COMPOSE;
	out = text_map(s ? s : "", opts, err);
	if (!out)
		return NULL;
	if (fold)
		fold_d_bar(out);
	/* NLF2LS turns line breaks into U+2028; make them plain spaces. */
	for (char *p = out; (p = strstr(p, "\xE2\x80\xA8")) != NULL;)
		memcpy(p, "   ", 3);
	squeeze_space(out);
	return out;
}

static int32_t *to_codepoints(const char *s, int64_t *n, core_err *err)
{
	size_t len = strlen(s);
	int32_t *cp = malloc((len + 1) * sizeof(*cp));
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;
	int64_t k = 0;

	*n = 0;
	if (!cp) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t used = utf8proc_iterate(p, left, &c);
		if (used <= 0) {
			free(cp);
			core_err_set(err, CORE_EFORMAT, "invalid utf-8 text");
			return NULL;
		}
		cp[k++] = c;
		p += used;
		left -= used;
	}
	*n = k;
	return cp;
}

/* Levenshtein distance over int sequences, two rows of memory. */
static int64_t edit_distance(const int32_t *a, int64_t na, const int32_t *b, int64_t nb,
                             core_err *err)
{
	int64_t *prev = NULL, *cur = NULL, d = -1;

	if (na == 0 || nb == 0)
		return na > nb ? na : nb;
	if (na * nb > CLASSIFY_MAX_CELLS) {
		core_err_set(err, CORE_ELIMIT, "texts too long to compare");
		return -1;
	}
	prev = malloc((size_t)(nb + 1) * sizeof(*prev));
	cur = malloc((size_t)(nb + 1) * sizeof(*cur));
	if (!prev || !cur) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (int64_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (int64_t i = 1; i <= na; i++) {
		int64_t *t;
		cur[0] = i;
		for (int64_t j = 1; j <= nb; j++) {
			int64_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int64_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			int64_t m = sub < del ? sub : del;
			cur[j] = m < ins ? m : ins;
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	d = prev[nb];
out:
	free(prev);
	free(cur);
	return d;
}

int classify_cer(const char *ref, const char *hyp, bool fold, classify_errcount *out, core_err *err)
{
	char *cr = NULL, *ch = NULL;
	int32_t *a = NULL, *b = NULL;
	int64_t na = 0, nb = 0, d;
	int rc = -1;

	out->edits = 0;
	out->ref_len = 0;
	cr = classify_text_canon(ref, fold, err);
	ch = classify_text_canon(hyp, fold, err);
	if (!cr || !ch)
		goto out;
	a = to_codepoints(cr, &na, err);
	b = to_codepoints(ch, &nb, err);
	if (!a || !b)
		goto out;
	d = edit_distance(a, na, b, nb, err);
	if (d < 0)
		goto out;
	out->edits = d;
	out->ref_len = na;
	rc = 0;
out:
	free(cr);
	free(ch);
	free(a);
	free(b);
	return rc;
}

/* Splits canonical text (single spaces) into tokens in place. */
static char **split_words(char *s, int64_t *n, core_err *err)
{
	int64_t cap = 1, k = 0;
	char **v;

	for (const char *p = s; *p; p++)
		cap += *p == ' ';
	v = malloc((size_t)cap * sizeof(*v));
	*n = 0;
	if (!v) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	if (*s) {
		v[k++] = s;
		for (char *p = s; *p; p++) {
			if (*p == ' ') {
				*p = '\0';
				v[k++] = p + 1;
			}
		}
	}
	*n = k;
	return v;
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int classify_wer(const char *ref, const char *hyp, bool fold, classify_errcount *out, core_err *err)
{
	char *cr = NULL, *ch = NULL;
	char **wa = NULL, **wb = NULL, **all = NULL;
	int32_t *ia = NULL, *ib = NULL;
	int64_t na = 0, nb = 0, d;
	int rc = -1;

	out->edits = 0;
	out->ref_len = 0;
	cr = classify_text_canon(ref, fold, err);
	ch = classify_text_canon(hyp, fold, err);
	if (!cr || !ch)
		goto out;
	wa = split_words(cr, &na, err);
	wb = split_words(ch, &nb, err);
	if (!wa || !wb)
		goto out;
	/* Words become integer ids through a sorted vocabulary. */
	all = malloc((size_t)(na + nb + 1) * sizeof(*all));
	ia = malloc((size_t)(na + 1) * sizeof(*ia));
	ib = malloc((size_t)(nb + 1) * sizeof(*ib));
	if (!all || !ia || !ib) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	memcpy(all, wa, (size_t)na * sizeof(*all));
	memcpy(all + na, wb, (size_t)nb * sizeof(*all));
	qsort(all, (size_t)(na + nb), sizeof(*all), cmp_str_ptr);
	for (int64_t i = 0; i < na; i++) {
		char **hit = bsearch(&wa[i], all, (size_t)(na + nb), sizeof(*all), cmp_str_ptr);
		ia[i] = (int32_t)(hit - all);
	}
	for (int64_t i = 0; i < nb; i++) {
		char **hit = bsearch(&wb[i], all, (size_t)(na + nb), sizeof(*all), cmp_str_ptr);
		ib[i] = (int32_t)(hit - all);
	}
	/* bsearch may land on any equal entry: canonicalize to the first. */
	for (int64_t i = 0; i < na; i++)
		while (ia[i] > 0 && strcmp(all[ia[i] - 1], all[ia[i]]) == 0)
			ia[i]--;
	for (int64_t i = 0; i < nb; i++)
		while (ib[i] > 0 && strcmp(all[ib[i] - 1], all[ib[i]]) == 0)
			ib[i]--;
	d = edit_distance(ia, na, ib, nb, err);
	if (d < 0)
		goto out;
	out->edits = d;
	out->ref_len = na;
	rc = 0;
out:
	free(cr);
	free(ch);
	free(wa);
	free(wb);
	free(all);
	free(ia);
	free(ib);
	return rc;
}

double classify_rate(const classify_errcount *c)
{
	if (c->ref_len == 0)
		return c->edits ? 1.0 : 0.0;
	return (double)c->edits / (double)c->ref_len;
}
