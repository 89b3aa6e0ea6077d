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
 * On card photocopies the line's box is cleaned first (ink touching
 * the clip's edge, such as the card's rim under the name line, is
 * whitened) and a reading of the wrong length, mostly runs of '<' that
 * the LSTM model shortens, is aligned with the line's 30 glyph cells.
 *
 * Acceptance rule: the second reading replaces the first only when it
 * is exactly one TD1 line, 30 characters of A-Z 0-9 '<' once spaces
 * are dropped (read so, or fitted into the 30 glyph cells), holding
 * "<<" (every TD1 line has filler: the optional data of line 1, the
 * optional data of line 2, the name separator of line 3).  Anything
 * else keeps the first reading.
 */
#include "ocr_priv.h"

#include <float.h>
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
 * The box of an MRZ line often takes in part of the card's frame: the
 * name line sits a millimetre above the card's bottom rim, and the
 * first pass draws that line's box around the rim too.  Read with the
 * rim, the line comes out short or as noise and fails the acceptance
 * rule.  Ink that touches the edge of the clip (the frame, a table
 * rule, the next line's tall strokes) is whitened, and the clip is
 * cut down to the ink that is left: the characters of the line itself,
 * which the padding keeps off the edge.  *ink_out gets the binary ink
 * of the cut, for ocr_mrz_fit.  NULL when no ink is left or on
 * allocation failure.
 */
static PIX *ocr_mrz_clean(PIX *clip, PIX **ink_out)
{
	PIX *bin = NULL, *edge = NULL, *mask = NULL, *inner = NULL, *gray = NULL, *out = NULL;
	BOX *ink = NULL, *cut = NULL;
	l_int32 x, y, w, h, pw, ph, pad;

	*ink_out = NULL;
	/* Otsu over the clip: the plate of a photocopied card is not white. */
	if (pixOtsuAdaptiveThreshold(clip, pixGetWidth(clip), pixGetHeight(clip), 0, 0, 0.0f, NULL,
	                             &bin) != 0)
		goto out;
	edge = pixExtractBorderConnComps(bin, 8);
	if (!edge || !(inner = pixSubtract(NULL, bin, edge)))
		goto out;
	if (pixClipBoxToForeground(inner, NULL, NULL, &ink) != 0 || !ink)
		goto out;
	/* The anti-aliased fringe of the rim is lighter than the threshold. */
	mask = pixDilateBrick(NULL, edge, 3, 3);
	if (!mask || !(gray = pixCopy(NULL, clip)) || pixSetMasked(gray, mask, 255) != 0)
		goto out;
	boxGetGeometry(ink, &x, &y, &w, &h);
	pw = pixGetWidth(clip);
	ph = pixGetHeight(clip);
	pad = h / 3 > 4 ? h / 3 : 4;
	x = x - pad < 0 ? 0 : x - pad;
	y = y - pad < 0 ? 0 : y - pad;
	w = x + w + 2 * pad > pw ? pw - x : w + 2 * pad;
	h = y + h + 2 * pad > ph ? ph - y : h + 2 * pad;
	cut = boxCreate(x, y, w, h);
	if (!cut || !(out = pixClipRectangle(gray, cut, NULL)))
		goto out;
	if (!(*ink_out = pixClipRectangle(inner, cut, NULL)))
		pixDestroy(&out);
out:
	boxDestroy(&cut);
	boxDestroy(&ink);
	pixDestroy(&gray);
	pixDestroy(&mask);
	pixDestroy(&inner);
	pixDestroy(&edge);
	pixDestroy(&bin);
	return out;
}

/*
 * The glyph cells of a printed MRZ line: its connected components left
 * to right, specks dropped and the pieces of a broken glyph (stacked
 * one above the other) merged.  Filled only when there are exactly 30:
 * MRZ type is monospaced and every position holds a visible glyph,
 * filler '<' included.
 */
static bool ocr_mrz_cells(PIX *ink, int cx0[OCR_MRZ_LEN], int cx1[OCR_MRZ_LEN])
{
	BOXA *boxa = NULL, *sorted = NULL;
	l_int32 x, y, w, h, hmax = 0;
	int n = 0;
	bool ok = false;

	boxa = pixConnCompBB(ink, 8);
	if (!boxa || !(sorted = boxaSort(boxa, L_SORT_BY_X, L_SORT_INCREASING, NULL)))
		goto out;
	for (int i = 0; i < boxaGetCount(sorted); i++) {
		boxaGetBoxGeometry(sorted, i, NULL, NULL, NULL, &h);
		hmax = h > hmax ? h : hmax;
	}
	for (int i = 0; i < boxaGetCount(sorted); i++) {
		boxaGetBoxGeometry(sorted, i, &x, &y, &w, &h);
		/* Dust: a '<' is more than half as tall as a capital. */
		if (h * 4 < hmax)
			continue;
		/* Over the previous cell by half its own width: the same glyph. */
		if (n > 0 && cx1[n - 1] - x >= w / 2) {
			cx1[n - 1] = x + w - 1 > cx1[n - 1] ? x + w - 1 : cx1[n - 1];
			continue;
		}
		if (n == OCR_MRZ_LEN)
			goto out;
		cx0[n] = x;
		cx1[n] = x + w - 1;
		n++;
	}
	ok = n == OCR_MRZ_LEN;
out:
	boxaDestroy(&sorted);
	boxaDestroy(&boxa);
	return ok;
}

/*
 * Placing the symbols read into the 30 glyph cells is a monotone
 * alignment, solved by dynamic programming over (symbols placed, cells
 * passed, state of the filler run).  A cell takes the next symbol at the
 * cost of the distance from the symbol's box to the cell, or stays empty
 * and becomes '<'; a symbol may be dropped (a doubled glyph) at a high
 * cost.  Empty cells must belong to a run of '<' that holds at least
 * one symbol read as '<': the runs are what the model collapses, and a
 * digit it lost is never made up.
 */
#define OCR_MRZ_SYM_MAX     48
#define OCR_MRZ_RUN_NONE    0 /* start, or the last cell holds another character */
#define OCR_MRZ_RUN_LT      1 /* the last cell is a '<' run with a '<' read in it */
#define OCR_MRZ_RUN_PENDING 2 /* empty cells waiting for a '<' read after them */
#define OCR_MRZ_RUNS        3

enum { OCR_MRZ_MOVE_PUT = 1, OCR_MRZ_MOVE_EMPTY, OCR_MRZ_MOVE_DROP };

typedef struct ocr_mrz_sym {
	char ch;
	int mid;    /* middle of its box, x */
	float conf; /* the model's, 0..100 */
} ocr_mrz_sym;

typedef struct ocr_mrz_dp {
	float cost[OCR_MRZ_SYM_MAX + 1][OCR_MRZ_LEN + 1][OCR_MRZ_RUNS];
	unsigned char move[OCR_MRZ_SYM_MAX + 1][OCR_MRZ_LEN + 1][OCR_MRZ_RUNS];
	unsigned char from[OCR_MRZ_SYM_MAX + 1][OCR_MRZ_LEN + 1][OCR_MRZ_RUNS];
} ocr_mrz_dp;

static void ocr_mrz_relax(ocr_mrz_dp *dp, int j, int i, int run, float cost, int move, int prev)
{
	if (cost < dp->cost[j][i][run]) {
		dp->cost[j][i][run] = cost;
		dp->move[j][i][run] = (unsigned char)move;
		dp->from[j][i][run] = (unsigned char)prev;
	}
}

static bool ocr_mrz_align(ocr_mrz_dp *dp, const ocr_mrz_sym *sym, int n, const int cx0[OCR_MRZ_LEN],
                          const int cx1[OCR_MRZ_LEN], char line[OCR_MRZ_LEN + 1])
{
	/*
	 * Dropping a symbol costs one and a half glyph pitches (up to twice
	 * that for a confident one): less than shifting the rest of a line
	 * by a cell to make room for a doubled glyph, more than moving one
	 * symbol whose box the model put a cell or two off.
	 */
	const float drop = 1.5f * (float)(cx1[OCR_MRZ_LEN - 1] - cx0[0] + 1) / OCR_MRZ_LEN;
	int j, i, run, next, best = -1, mid, d;
	float c;

	for (j = 0; j <= n; j++)
		for (i = 0; i <= OCR_MRZ_LEN; i++)
			for (run = 0; run < OCR_MRZ_RUNS; run++)
				dp->cost[j][i][run] = FLT_MAX;
	dp->cost[0][0][OCR_MRZ_RUN_NONE] = 0;
	for (j = 0; j <= n; j++) {
		for (i = 0; i <= OCR_MRZ_LEN; i++) {
			for (run = 0; run < OCR_MRZ_RUNS; run++) {
				c = dp->cost[j][i][run];
				if (c == FLT_MAX)
					continue;
				/* Of a doubled glyph, the less confident one goes. */
				if (j < n)
					ocr_mrz_relax(dp, j + 1, i, run,
					              c + drop * (1 + sym[j].conf / 100),
					              OCR_MRZ_MOVE_DROP, run);
				if (i == OCR_MRZ_LEN)
					continue;
				next = run == OCR_MRZ_RUN_LT ? OCR_MRZ_RUN_LT : OCR_MRZ_RUN_PENDING;
				ocr_mrz_relax(dp, j, i + 1, next, c, OCR_MRZ_MOVE_EMPTY, run);
				if (j == n || (run == OCR_MRZ_RUN_PENDING && sym[j].ch != '<'))
					continue;
				mid = sym[j].mid;
				d = mid < cx0[i] ? cx0[i] - mid : mid > cx1[i] ? mid - cx1[i] : 0;
				next = sym[j].ch == '<' ? OCR_MRZ_RUN_LT : OCR_MRZ_RUN_NONE;
				ocr_mrz_relax(dp, j + 1, i + 1, next, c + (float)d,
				              OCR_MRZ_MOVE_PUT, run);
			}
		}
	}
	for (run = 0; run < OCR_MRZ_RUNS; run++)
		if (run != OCR_MRZ_RUN_PENDING && dp->cost[n][OCR_MRZ_LEN][run] != FLT_MAX &&
		    (best < 0 || dp->cost[n][OCR_MRZ_LEN][run] < dp->cost[n][OCR_MRZ_LEN][best]))
			best = run;
	if (best < 0)
		return false;
	line[OCR_MRZ_LEN] = '\0';
	for (j = n, i = OCR_MRZ_LEN, run = best; j > 0 || i > 0;) {
		int move = dp->move[j][i][run], prev = dp->from[j][i][run];

		if (move == OCR_MRZ_MOVE_PUT)
			line[--i] = sym[--j].ch;
		else if (move == OCR_MRZ_MOVE_EMPTY)
			line[--i] = '<';
		else
			j--;
		run = prev;
	}
	return true;
}

/*
 * The LSTM model collapses runs of one glyph: a row of twelve '<' may
 * come out as three, and a last '0' as "0O".  When the reading is not
 * 30 characters long, its symbols are aligned with the glyph cells of
 * the line (ocr_mrz_align).  false when the line does not split into
 * 30 cells or the symbols cannot fill them.
 */
static bool ocr_mrz_fit(TessBaseAPI *api, PIX *ink, char line[OCR_MRZ_LEN + 1])
{
	int cx0[OCR_MRZ_LEN], cx1[OCR_MRZ_LEN], x0, y0, x1, y1, n = 0;
	ocr_mrz_sym sym[OCR_MRZ_SYM_MAX];
	TessResultIterator *it = NULL;
	TessPageIterator *pi;
	ocr_mrz_dp *dp = NULL;
	char *text = NULL;
	bool ok = false;

	if (!ocr_mrz_cells(ink, cx0, cx1))
		return false;
	it = TessBaseAPIGetIterator(api);
	if (!it)
		goto out;
	pi = TessResultIteratorGetPageIterator(it);
	do {
		text = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
		if (text && text[0] && !text[1] &&
		    TessPageIteratorBoundingBox(pi, RIL_SYMBOL, &x0, &y0, &x1, &y1)) {
			if (n == OCR_MRZ_SYM_MAX)
				goto out;
			sym[n].ch = text[0];
			sym[n].mid = (x0 + x1) / 2;
			sym[n].conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
			n++;
		}
		TessDeleteText(text);
		text = NULL;
	} while (TessResultIteratorNext(it, RIL_SYMBOL));
	/* About 30 KB: too much for a worker thread's stack. */
	dp = malloc(sizeof(*dp));
	ok = dp && ocr_mrz_align(dp, sym, n, cx0, cx1, line);
out:
	free(dp);
	TessDeleteText(text);
	if (it)
		TessResultIteratorDelete(it);
	return ok;
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
	PIX *clip = NULL, *clean = NULL, *ink = NULL;
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
	if (!(clean = ocr_mrz_clean(clip, &ink)))
		goto out;
	TessBaseAPISetImage2(m->api, (struct Pix *)clean);
	TessBaseAPISetSourceResolution(m->api, img->dpi);
	raw = TessBaseAPIGetUTF8Text(m->api);
	if (!raw)
		goto out;
	for (const char *s = raw; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		if (!strchr(OCR_MRZ_ALPHABET, *s))
			goto out;
		if (n < OCR_MRZ_LEN)
			line[n] = *s;
		n++;
	}
	line[n < OCR_MRZ_LEN ? n : OCR_MRZ_LEN] = '\0';
	if (n != OCR_MRZ_LEN && !ocr_mrz_fit(m->api, ink, line))
		goto out;
	if (!strstr(line, "<<"))
		goto out;
	ocr_mrz_fix_line2(line);
	*conf = (float)TessBaseAPIMeanTextConf(m->api);
	ok = true;
out:
	TessDeleteText(raw);
	TessBaseAPIClear(m->api);
	pixDestroy(&ink);
	pixDestroy(&clean);
	pixDestroy(&clip);
	boxDestroy(&box);
	return ok;
}

int ocr_text_replace_line(ocr_result *r, size_t *cursor, const char *key, const char *mrz)
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
	/* An MRZ line has no tone marks. */
	w.tone_rival = false;
	w.tone_gap = 0.0f;
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
			rc = ocr_text_replace_line(r, &cursor, key, line);
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
