/*
 * ocr_mrz.c - a second reading of identity card MRZ lines.
 *
 * The vie model reads the OCR-B lines of a card's machine readable
 * zone as Vietnamese prose ('0' as '6', '<' as '«' or "k", lower case
 * letters) and the check digits then fail.  A second handle with the
 * eng model, restricted to the MRZ alphabet and told that the box
 * holds one line, reads those lines again.  The lines are picked from
 * the text the first pass already produced, so pages without an MRZ
 * cost nothing more.
 *
 * Acceptance rule: the second reading replaces the first only when it
 * is exactly one TD1 line, 30 characters of A-Z 0-9 '<' once spaces
 * are dropped, holding "<<" (every TD1 line has filler: the optional
 * data of line 1, the optional data of line 2, the name separator of
 * line 3).  Anything else keeps the first reading.
 */
#include "ocr_priv.h"

#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#define OCR_MRZ_LEN      30
#define OCR_MRZ_MIN_LEN  25
#define OCR_MRZ_KEY_MAX  256
#define OCR_MRZ_ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

struct ocr_mrz {
	TessBaseAPI *api;
	char *datapath;
	bool tried; /* a missing eng model is found out once, not per page */
};

int ocr_mrz_create(const char *datapath, ocr_mrz **out, core_err *err)
{
	ocr_mrz *m;

	*out = NULL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	if (datapath && !(m->datapath = core_strdup(datapath))) {
		free(m);
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	}
	*out = m;
	return 0;
}

void ocr_mrz_destroy(ocr_mrz **m)
{
	if (!m || !*m)
		return;
	if ((*m)->api) {
		TessBaseAPIEnd((*m)->api);
		TessBaseAPIDelete((*m)->api);
	}
	free((*m)->datapath);
	free(*m);
	*m = NULL;
}

/*
 * Lazy: loading eng costs a few hundred milliseconds and most batches
 * hold no card.  Init failures go to debug_file (/dev/null, set once by
 * the engine), never to stderr.
 */
static bool ocr_mrz_ready(ocr_mrz *m)
{
	if (m->tried)
		return m->api != NULL;
	m->tried = true;
	m->api = TessBaseAPICreate();
	if (!m->api)
		return false;
	if (TessBaseAPIInit3(m->api, m->datapath, "eng") != 0 ||
	    !TessBaseAPISetVariable(m->api, "tessedit_char_whitelist", OCR_MRZ_ALPHABET)) {
		TessBaseAPIEnd(m->api);
		TessBaseAPIDelete(m->api);
		m->api = NULL;
		return false;
	}
	TessBaseAPISetPageSegMode(m->api, PSM_SINGLE_LINE);
	return true;
}

/* End (exclusive) of the text line whose first word is words[a]. */
static int ocr_mrz_line_end(const ocr_result *r, int a)
{
	int b = a + 1;

	while (b < r->n_words && r->words[b].line == r->words[a].line &&
	       r->words[b].block == r->words[a].block)
		b++;
	return b;
}

/* The words of [a, b) joined without spaces; false when it does not fit. */
static bool ocr_mrz_key(const ocr_result *r, int a, int b, char key[OCR_MRZ_KEY_MAX])
{
	size_t n = 0;

	key[0] = '\0';
	for (int i = a; i < b; i++) {
		for (const char *s = r->words[i].text; *s; s++) {
			if (*s == ' ')
				continue;
			if (n + 1 >= OCR_MRZ_KEY_MAX)
				return false;
			key[n++] = *s;
		}
	}
	key[n] = '\0';
	return n > 0;
}

/* The angle quotes are what vie makes of '<'. */
static bool ocr_mrz_lookalike(const char *s, size_t *adv)
{
	static const char *const quotes[] = {"\xc2\xab", "\xc2\xbb", "\xe2\x80\xb9",
	                                     "\xe2\x80\xba"};
	unsigned char c = (unsigned char)*s;

	*adv = 1;
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<')
		return true;
	for (size_t i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
		size_t n = strlen(quotes[i]);

		if (strncmp(s, quotes[i], n) == 0) {
			*adv = n;
			return true;
		}
	}
	return false;
}

/* First-pass text that may be an MRZ line; cheap, on text already there. */
static bool ocr_mrz_looks(const char *key)
{
	size_t chars = 0, good = 0, adv;

	if (strstr(key, "<<"))
		return true;
	for (const char *s = key; *s; s += adv) {
		chars++;
		if (ocr_mrz_lookalike(s, &adv)) {
			good++;
			continue;
		}
		/* Skip the continuation bytes: the share is over characters. */
		while (s[adv] && ((unsigned char)s[adv] & 0xc0) == 0x80)
			adv++;
	}
	return chars >= OCR_MRZ_MIN_LEN && good * 5 >= chars * 4;
}

/*
 * Line 2 of TD1 is digits but for the sex, the nationality and filler,
 * and a whitelist still lets a round '0' come out as 'O', 'Q' or 'D'.
 * Told apart from lines 1 and 3 by its sex letter and nationality.
 */
static void ocr_mrz_fix_line2(char line[OCR_MRZ_LEN + 1])
{
	static const char from[] = "OQDIZSBG", to[] = "00012586";
	const char *hit;
	int digits = 0;

	/* A name line has filler or letters where the birth date stands. */
	for (int i = 0; i < 7; i++) {
		if (line[i] >= '0' && line[i] <= '9')
			digits++;
		else if (line[i] == '<' || !strchr(from, line[i]))
			return;
	}
	if (digits < 4 || !strchr("MF<", line[7]))
		return;
	for (int i = 15; i < 18; i++)
		if (!(line[i] >= 'A' && line[i] <= 'Z') && line[i] != '<')
			return;
	for (int i = 0; i < OCR_MRZ_LEN; i++) {
		if (i == 7 || (i >= 15 && i < 29) || line[i] == '<')
			continue;
		hit = strchr(from, line[i]);
		if (hit)
			line[i] = to[hit - from];
	}
}

/*
 * Reads the box of words [a, b) again; true with line[] and *conf when
 * the reading passes the acceptance rule.  A failed second pass is not
 * an error: the first reading stays.
 */
static bool ocr_mrz_read(ocr_mrz *m, const ocr_image *img, const ocr_result *r, int a, int b,
                         char line[OCR_MRZ_LEN + 1], float *conf)
{
	int x0 = r->words[a].x0, y0 = r->words[a].y0, x1 = r->words[a].x1, y1 = r->words[a].y1;
	int pw = pixGetWidth(img->pix), ph = pixGetHeight(img->pix), pad;
	BOX *box = NULL;
	PIX *clip = NULL;
	char *raw = NULL;
	size_t n = 0;
	bool ok = false;

	for (int i = a + 1; i < b; i++) {
		x0 = r->words[i].x0 < x0 ? r->words[i].x0 : x0;
		y0 = r->words[i].y0 < y0 ? r->words[i].y0 : y0;
		x1 = r->words[i].x1 > x1 ? r->words[i].x1 : x1;
		y1 = r->words[i].y1 > y1 ? r->words[i].y1 : y1;
	}
	/* Tesseract wants some white around a single line to find its baseline. */
	pad = (y1 - y0) / 3 > 4 ? (y1 - y0) / 3 : 4;
	x0 = x0 - pad < 0 ? 0 : x0 - pad;
	y0 = y0 - pad < 0 ? 0 : y0 - pad;
	x1 = x1 + pad > pw ? pw : x1 + pad;
	y1 = y1 + pad > ph ? ph : y1 + pad;
	if (x1 <= x0 || y1 <= y0)
		goto out;
	box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	if (!box || !(clip = pixClipRectangle(img->pix, box, NULL)))
		goto out;
	TessBaseAPISetImage2(m->api, (struct Pix *)clip);
	TessBaseAPISetSourceResolution(m->api, img->dpi);
	raw = TessBaseAPIGetUTF8Text(m->api);
	if (!raw)
		goto out;
	for (const char *s = raw; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		if (n >= OCR_MRZ_LEN || !strchr(OCR_MRZ_ALPHABET, *s))
			goto out;
		line[n++] = *s;
	}
	line[n] = '\0';
	if (n != OCR_MRZ_LEN || !strstr(line, "<<"))
		goto out;
	ocr_mrz_fix_line2(line);
	*conf = (float)TessBaseAPIMeanTextConf(m->api);
	ok = true;
out:
	TessDeleteText(raw);
	TessBaseAPIClear(m->api);
	pixDestroy(&clip);
	boxDestroy(&box);
	return ok;
}

/*
 * Replaces, in the page text at or after *cursor, the first line that
 * reads key once spaces are dropped.  1 when no line matches (the words
 * and the text then stay as they are), -1 on ENOMEM.
 */
static int ocr_mrz_replace_text(ocr_result *r, size_t *cursor, const char *key, const char *mrz)
{
	size_t len = strlen(r->text), mlen = strlen(mrz);
	size_t ls = *cursor, le, k;
	bool same;
	char *grown;

	for (; ls < len; ls = le + 1) {
		le = ls;
		while (le < len && r->text[le] != '\n')
			le++;
		k = 0;
		same = true;
		for (size_t i = ls; i < le && same; i++) {
			if (r->text[i] == ' ')
				continue;
			same = key[k] == r->text[i];
			k++;
		}
		if (same && !key[k])
			goto found;
	}
	return 1;
found:
	grown = malloc(len - (le - ls) + mlen + 1);
	if (!grown)
		return -1;
	memcpy(grown, r->text, ls);
	memcpy(grown + ls, mrz, mlen);
	memcpy(grown + ls + mlen, r->text + le, len - le + 1);
	free(r->text);
	r->text = grown;
	*cursor = ls + mlen;
	return 0;
}

/* Words [a, b) become one word holding the whole line. */
static int ocr_mrz_replace_words(ocr_result *r, int a, int b, const char *mrz, float conf,
                                 core_err *err)
{
	ocr_word w = r->words[a];
	char *text = core_strdup(mrz);

	if (!text)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	for (int i = a + 1; i < b; i++) {
		w.x0 = r->words[i].x0 < w.x0 ? r->words[i].x0 : w.x0;
		w.y0 = r->words[i].y0 < w.y0 ? r->words[i].y0 : w.y0;
		w.x1 = r->words[i].x1 > w.x1 ? r->words[i].x1 : w.x1;
		w.y1 = r->words[i].y1 > w.y1 ? r->words[i].y1 : w.y1;
	}
	for (int i = a; i < b; i++)
		free(r->words[i].text);
	w.text = text;
	w.conf = conf < 0 ? 0 : conf;
	r->words[a] = w;
	memmove(r->words + a + 1, r->words + b, (size_t)(r->n_words - b) * sizeof(*r->words));
	r->n_words -= b - a - 1;
	return 0;
}

int ocr_mrz_pass(ocr_mrz *m, const ocr_image *img, ocr_result *r, core_err *err)
{
	char key[OCR_MRZ_KEY_MAX], next[OCR_MRZ_KEY_MAX], line[OCR_MRZ_LEN + 1];
	size_t cursor = 0;
	bool prev_mrz = false, cand, fits;
	float conf = 0;
	int a = 0, b, c, rc;

	if (!m || !r->text)
		return 0;
	while (a < r->n_words) {
		b = ocr_mrz_line_end(r, a);
		fits = ocr_mrz_key(r, a, b, key);
		cand = fits && ocr_mrz_looks(key);
		/*
		 * The name line can come out of vie as lower case noise with
		 * no "<<" at all: a line next to an MRZ line gets the second
		 * reading too, the acceptance rule guarding the rest.
		 */
		if (fits && !cand && b < r->n_words) {
			c = ocr_mrz_line_end(r, b);
			cand = prev_mrz || (ocr_mrz_key(r, b, c, next) && ocr_mrz_looks(next));
		} else if (fits && !cand) {
			cand = prev_mrz;
		}
		prev_mrz = false;
		if (cand && ocr_mrz_ready(m) && ocr_mrz_read(m, img, r, a, b, line, &conf)) {
			rc = ocr_mrz_replace_text(r, &cursor, key, line);
			if (rc < 0)
				return core_err_set(err, CORE_ENOMEM, "out of memory");
			if (rc == 0) {
				rc = ocr_mrz_replace_words(r, a, b, line, conf, err);
				if (rc)
					return rc;
				b = a + 1;
				prev_mrz = true;
			}
		}
		a = b;
	}
	return 0;
}
