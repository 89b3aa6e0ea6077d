/*
 * ocr_lead.c - item numbers that the layout analysis cut off their lines.
 *
 * In a numbered list ("1. Họ, chữ đệm và tên: ...", "2. Ngày, tháng,
 * năm sinh: ..."), the numbers stand one above the other at the same x,
 * a little apart from the text.  Tesseract's column finder takes that
 * column of digits for vertical text: the lines come out as ". Họ, chữ
 * đệm ..." and the digits as one line of noise ("»xl G@ CI tr t5)") at
 * the end of the page.  Measured on the generated application forms:
 * 3 of 10 lost all seven numbers, a third of their errors.
 *
 * The pass looks for such a stacked line in the words already read (a
 * line at least three times as tall as wide, of several words one
 * under the other), and reads each of its words again together with
 * the first word of the horizontal line beside it, as one line.  The
 * new reading is taken only when it is that first word with a short
 * alphanumeric prefix (the number) before it: the prefix joins the
 * first word ("." -> "1."), or, when the first word had lost its dot
 * to the column ("Số" for "5. Số"), becomes a word of its own ("5.").
 * The stacked word is then dropped.  Pages without a stacked line cost
 * one pass over the words.
 */
#include "ocr_priv.h"

#include <stdlib.h>
#include <string.h>

#define OCR_LEAD_KEY_MAX    256
#define OCR_LEAD_PREFIX_MAX 3  /* "1", "12", "IV": longer is not an item number */
#define OCR_LEAD_ASPECT     3  /* a stacked line is this many times taller than wide */
#define OCR_LEAD_LINES_MAX  64 /* lines beside one stacked line */

typedef struct ocr_lead_box {
	int x0, y0, x1, y1;
} ocr_lead_box;

/* End (exclusive) of the text line whose first word is words[a]. */
static int ocr_lead_line_end(const ocr_result *r, int a)
{
	int b = a + 1;

	while (b < r->n_words && r->words[b].line == r->words[a].line &&
	       r->words[b].block == r->words[a].block)
		b++;
	return b;
}

static ocr_lead_box ocr_lead_bounds(const ocr_result *r, int a, int b)
{
	ocr_lead_box k = {r->words[a].x0, r->words[a].y0, r->words[a].x1, r->words[a].y1};

	for (int i = a + 1; i < b; i++) {
		k.x0 = r->words[i].x0 < k.x0 ? r->words[i].x0 : k.x0;
		k.y0 = r->words[i].y0 < k.y0 ? r->words[i].y0 : k.y0;
		k.x1 = r->words[i].x1 > k.x1 ? r->words[i].x1 : k.x1;
		k.y1 = r->words[i].y1 > k.y1 ? r->words[i].y1 : k.y1;
	}
	return k;
}

/*
 * Several words in a line far taller than wide: what the column finder
 * made of the numbers.  A lone tall word is the edge of a frame or a
 * rule (a card's rim reads as '|' or 'C'), not worth a second reading.
 */
static bool ocr_lead_stacked(const ocr_result *r, int a, int b)
{
	ocr_lead_box k;

	if (b - a < 2)
		return false;
	k = ocr_lead_bounds(r, a, b);
	return k.y1 - k.y0 >= OCR_LEAD_ASPECT * (k.x1 - k.x0);
}

/*
 * Whether the horizontal line [a, b) starts right of the stacked box
 * (within two of its own heights) with its middle level with the box:
 * a line whose number may be in the box.
 */
static bool ocr_lead_beside(const ocr_result *r, int a, int b, const ocr_lead_box *st)
{
	ocr_lead_box k = ocr_lead_bounds(r, a, b);
	int h = k.y1 - k.y0, mid = (k.y0 + k.y1) / 2, gap = r->words[a].x0 - st->x1;

	/* A line's height of slack: the box of the noise may miss the end digits. */
	return k.x1 - k.x0 > h && mid >= st->y0 - h && mid <= st->y1 + h &&
	       gap >= -(st->x1 - st->x0) / 2 && gap <= 2 * (k.y1 - k.y0);
}

/* text without spaces into key; false when it does not fit. */
static bool ocr_lead_squeeze(const char *text, char key[OCR_LEAD_KEY_MAX])
{
	size_t n = 0;

	for (const char *s = text; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		if (n + 1 >= OCR_LEAD_KEY_MAX)
			return false;
		key[n++] = *s;
	}
	key[n] = '\0';
	return true;
}

/*
 * Reads first word f of a line together with the part of the stacked
 * box beside it as one line.  true, with the reading (spaces left out)
 * in out, when it is f's text after an item number: 1 to 3 digits, or
 * one lower case letter ("a)"); out is then the new first word.  Or
 * after 1 to 3 digits and a dot when f does not start with one: *split
 * is then the length of that number, a word of its own before f.
 * Capitals and 'l' are left out: a rule or a frame's edge beside a
 * line reads as 'I', 'l' or '|'.
 */
static bool ocr_lead_read(TessBaseAPI *api, int pw, int ph, const ocr_lead_box *st,
                          const ocr_lead_box *line, const ocr_word *f, char out[OCR_LEAD_KEY_MAX],
                          size_t *split)
{
	/* The line's height: the first word may be a lone '.' a few pixels tall. */
	int x0 = st->x0 < f->x0 ? st->x0 : f->x0, y0 = line->y0, x1 = f->x1, y1 = line->y1;
	char got[OCR_LEAD_KEY_MAX], want[OCR_LEAD_KEY_MAX];
	int pad = (y1 - y0) / 3 > 4 ? (y1 - y0) / 3 : 4;
	size_t glen, wlen, plen, digits = 0;
	char *raw = NULL;
	bool ok = false;

	*split = 0;
	x0 = x0 - pad < 0 ? 0 : x0 - pad;
	y0 = y0 - pad < 0 ? 0 : y0 - pad;
	/* Inside the page: Tesseract's thresholding reads the rectangle's
	 * rows without checking them against the image. */
	x1 = x1 + pad > pw ? pw : x1 + pad;
	y1 = y1 + pad > ph ? ph : y1 + pad;
	if (x1 <= x0 || y1 <= y0)
		return false;
	TessBaseAPISetRectangle(api, x0, y0, x1 - x0, y1 - y0);
	raw = TessBaseAPIGetUTF8Text(api);
	if (!raw || !ocr_lead_squeeze(raw, got) || !ocr_lead_squeeze(f->text, want))
		goto out;
	glen = strlen(got);
	wlen = strlen(want);
	if (glen <= wlen || strcmp(got + glen - wlen, want) != 0)
		goto out;
	plen = glen - wlen;
	for (size_t i = 0; i < plen; i++)
		digits += got[i] >= '0' && got[i] <= '9';
	/* "5." before a first word that lost its dot to the column: the
	 * number goes in a word of its own. */
	if (plen >= 2 && digits == plen - 1 && got[plen - 1] == '.' && want[0] != '.' &&
	    digits <= OCR_LEAD_PREFIX_MAX)
		*split = plen;
	else if (!(digits == plen && plen <= OCR_LEAD_PREFIX_MAX) &&
	         !(plen == 1 && got[0] >= 'a' && got[0] <= 'z' && got[0] != 'l'))
		goto out;
	memcpy(out, got, glen + 1);
	ok = true;
out:
	TessDeleteText(raw);
	return ok;
}

/* Words [a, b) joined by spaces, the way Tesseract writes a line. */
static char *ocr_lead_join(const ocr_result *r, int a, int b)
{
	size_t n = 1, o = 0, len;
	char *s;

	for (int i = a; i < b; i++)
		n += strlen(r->words[i].text) + 1;
	s = malloc(n);
	if (!s)
		return NULL;
	for (int i = a; i < b; i++) {
		len = strlen(r->words[i].text);
		if (o)
			s[o++] = ' ';
		memcpy(s + o, r->words[i].text, len);
		o += len;
	}
	s[o] = '\0';
	return s;
}

/*
 * Rewrites the text line of words [a, b), whose text before the change
 * was key, from the words as they are now.
 */
static int ocr_lead_retext(ocr_result *r, int a, int b, const char *key, core_err *err)
{
	size_t cursor = 0;
	char *line = ocr_lead_join(r, a, b);
	int rc;

	if (!line)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	rc = ocr_text_replace_line(r, &cursor, key, line);
	free(line);
	return rc < 0 ? core_err_set(err, CORE_ENOMEM, "out of memory") : 0;
}

/* A word of text before words[i], from the left of box to that word,
 * on its line. */
static int ocr_lead_insert(ocr_result *r, int i, const char *text, size_t len,
                           const ocr_lead_box *box, core_err *err)
{
	ocr_word w = r->words[i], *grown;

	grown = realloc(r->words, (size_t)(r->n_words + 1) * sizeof(*grown));
	if (!grown)
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	r->words = grown;
	if (!(w.text = malloc(len + 1)))
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	memcpy(w.text, text, len);
	w.text[len] = '\0';
	/* Right edges are exclusive: the number ends where the word begins. */
	w.x1 = r->words[i].x0;
	w.x0 = box->x0 < w.x1 ? box->x0 : (w.x1 > 0 ? w.x1 - 1 : 0);
	w.tone_rival = false;
	w.tone_gap = 0.0f;
	memmove(r->words + i + 1, r->words + i, (size_t)(r->n_words - i) * sizeof(*r->words));
	r->words[i] = w;
	r->n_words++;
	return 0;
}

static void ocr_lead_remove(ocr_result *r, int i)
{
	free(r->words[i].text);
	memmove(r->words + i, r->words + i + 1, (size_t)(r->n_words - i - 1) * sizeof(*r->words));
	r->n_words--;
}

/* The key of the line of words [a, b); false when it does not fit. */
static bool ocr_lead_key(const ocr_result *r, int a, int b, char key[OCR_LEAD_KEY_MAX])
{
	char *line = ocr_lead_join(r, a, b);
	bool ok = line && ocr_lead_squeeze(line, key);

	free(line);
	return ok;
}

int ocr_lead_pass(TessBaseAPI *api, ocr_result *r, const ocr_image *img, bool reload, core_err *err)
{
	const ocr_image *page = reload ? img : NULL;
	int pw = pixGetWidth(img->pix), ph = pixGetHeight(img->pix);
	char stacked_key[OCR_LEAD_KEY_MAX], key[OCR_LEAD_KEY_MAX], word[OCR_LEAD_KEY_MAX];
	TessPageSegMode psm = TessBaseAPIGetPageSegMode(api);
	ocr_lead_box st, line, got[OCR_LEAD_LINES_MAX];
	int a, b, f, fb, rc = 0, found;
	size_t split;
	bool used;
	char *text;

	for (a = 0; a < r->n_words; a = b) {
		b = ocr_lead_line_end(r, a);
		if (!ocr_lead_stacked(r, a, b) || !ocr_lead_key(r, a, b, stacked_key))
			continue;
		st = ocr_lead_bounds(r, a, b);
		/*
		 * Read again from the page at full size: a number is a few
		 * small glyphs, and at two thirds (ocr_reduce.c) its column
		 * took the dot after it ("5. Số" came out "Số", "5." lost).
		 */
		if (page) {
			TessBaseAPISetImage2(api, page->pix);
			TessBaseAPISetSourceResolution(api, page->dpi);
			page = NULL;
		}
		TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
		found = 0;
		for (f = 0; f < r->n_words && found < OCR_LEAD_LINES_MAX; f = fb) {
			fb = ocr_lead_line_end(r, f);
			if (f == a || !ocr_lead_beside(r, f, fb, &st) ||
			    !ocr_lead_key(r, f, fb, key) ||
			    !(line = ocr_lead_bounds(r, f, fb),
			      ocr_lead_read(api, pw, ph, &st, &line, &r->words[f], word, &split)))
				continue;
			if (split) {
				if ((rc = ocr_lead_insert(r, f, word, split, &st, err)))
					goto out;
				fb++;
				if (a > f) {
					a++;
					b++;
				}
			} else {
				if (!(text = core_strdup(word))) {
					rc = core_err_set(err, CORE_ENOMEM, "out of memory");
					goto out;
				}
				free(r->words[f].text);
				r->words[f].text = text;
				/* The second reading kept no character choices. */
				r->words[f].tone_rival = false;
				r->words[f].tone_gap = 0.0f;
				r->words[f].x0 = st.x0 > r->words[f].x0 ? r->words[f].x0 : st.x0;
			}
			got[found++] = ocr_lead_bounds(r, f, fb);
			rc = ocr_lead_retext(r, f, fb, key, err);
			if (rc)
				goto out;
		}
		if (found == 0)
			continue;
		/* Stacked words level with a line that got its number back were that number. */
		for (int s = a; s < b;) {
			used = false;
			for (int i = 0; i < found && !used; i++)
				used = r->words[s].y0 < got[i].y1 && r->words[s].y1 > got[i].y0;
			if (!used) {
				s++;
				continue;
			}
			ocr_lead_remove(r, s);
			b--;
		}
		rc = ocr_lead_retext(r, a, b, stacked_key, err);
		if (rc)
			goto out;
	}
out:
	TessBaseAPISetPageSegMode(api, psm);
	return rc;
}
