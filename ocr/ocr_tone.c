/*
 * ocr_tone.c - how close a word's tone marks came to another reading.
 *
 * A Vietnamese vowel carries one of five tone marks or none, and the
 * LSTM sometimes trades one for another ("Đồng" for "Đông", "Đấu" for
 * "Đầu") with the word's confidence hardly lower and a value no
 * validator can check.  With lstm_choice_mode 2 Tesseract decodes each
 * character again with the chosen code excluded and keeps the readings
 * with their ratings (summed negative certainty over the character's
 * timesteps); a rival that differs from the letter only in its tone mark
 * and rates close to it is a tone the recognizer nearly chose.
 */
#include "ocr_priv.h"

#include <string.h>
#include <utf8proc.h>

/*
 * Readings kept per character after the chosen one: each is one more
 * decoding pass over the line.  On the calibration corpora the first
 * runner-up held the rival of 16 of the 17 confident words whose tone
 * was wrong and whose rival came within a gap of 10; a second pass found
 * one more but cost 8-9% of Recognize time, the first 0-4%.
 */
#define OCR_TONE_ITERATIONS "1"

/*
 * Tesseract reports a choice as 100 - coefficient x rating, clipped at
 * 0 (the default coefficient 5 clips every runner-up to 0).  A small one
 * keeps the ratings of interest, up to 1000, and is used for nothing
 * else.
 */
#define OCR_TONE_COEF     0.1
#define OCR_TONE_COEF_STR "0.1"

/* Code points of one symbol, decomposed; a symbol is one letter and
 * its marks, so a few suffice. */
#define OCR_TONE_CP_MAX 8

int ocr_tone_setup(TessBaseAPI *api, core_err *err)
{
	if (!TessBaseAPISetVariable(api, "lstm_choice_mode", "2") ||
	    !TessBaseAPISetVariable(api, "lstm_choice_iterations", OCR_TONE_ITERATIONS) ||
	    !TessBaseAPISetVariable(api, "lstm_rating_coefficient", OCR_TONE_COEF_STR))
		return core_err_set(err, CORE_EOCR, "cannot ask tesseract for character choices");
	return 0;
}

static bool ocr_tone_mark(utf8proc_int32_t cp)
{
	/* grave, acute, tilde, hook above, dot below */
	return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

/* The symbol decomposed, tone marks left out; -1 when it does not fit. */
static int ocr_tone_strip(const char *s, utf8proc_int32_t out[OCR_TONE_CP_MAX], bool *had_tone)
{
	utf8proc_int32_t cp[OCR_TONE_CP_MAX];
	utf8proc_ssize_t n;
	int k = 0;

	*had_tone = false;
	n = utf8proc_decompose((const utf8proc_uint8_t *)s, -1, cp, OCR_TONE_CP_MAX,
	                       UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE);
	if (n <= 0 || n > OCR_TONE_CP_MAX)
		return -1;
	for (int i = 0; i < n; i++) {
		if (ocr_tone_mark(cp[i]))
			*had_tone = true;
		else
			out[k++] = cp[i];
	}
	return k;
}

/*
 * Whether b is a and another tone: the same letter with the same other
 * marks (circumflex, breve, horn, case), only the tone mark differing,
 * added or taken away.
 */
bool ocr_tone_rivals(const char *a, const char *b)
{
	utf8proc_int32_t x[OCR_TONE_CP_MAX], y[OCR_TONE_CP_MAX];
	bool tx, ty;
	int nx, ny;

	if (!a || !b || strcmp(a, b) == 0)
		return false;
	nx = ocr_tone_strip(a, x, &tx);
	ny = ocr_tone_strip(b, y, &ty);
	if (nx <= 0 || nx != ny || (!tx && !ty))
		return false;
	return memcmp(x, y, (size_t)nx * sizeof(x[0])) == 0;
}

static double ocr_tone_rating(float conf)
{
	return (100.0 - conf) / OCR_TONE_COEF;
}

/* The smallest gap between the symbol at it and a tone rival; false
 * when it has none among its choices. */
static bool ocr_tone_symbol(const TessResultIterator *it, double *gap)
{
	TessChoiceIterator *ci;
	const char *c;
	char *sym;
	double own = 0, best = 0;
	bool have_own = false, have_rival = false;

	sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
	ci = sym ? TessResultIteratorGetChoiceIterator(it) : NULL;
	if (!ci)
		goto out;
	do {
		c = TessChoiceIteratorGetUTF8Text(ci);
		if (!c)
			continue;
		if (!have_own && strcmp(c, sym) == 0) {
			own = ocr_tone_rating(TessChoiceIteratorConfidence(ci));
			have_own = true;
		} else if (ocr_tone_rivals(sym, c)) {
			double r = ocr_tone_rating(TessChoiceIteratorConfidence(ci));

			best = have_rival && best < r ? best : r;
			have_rival = true;
		}
	} while (TessChoiceIteratorNext(ci));
	TessChoiceIteratorDelete(ci);
	/* A symbol missing from its own choices has no rating to compare. */
	if (have_own && have_rival)
		*gap = best - own;
out:
	TessDeleteText(sym);
	return have_own && have_rival;
}

void ocr_tone_word(const TessResultIterator *word_it, ocr_word *w)
{
	TessResultIterator *it = TessResultIteratorCopy(word_it);
	const TessPageIterator *pi;
	double gap, least = 0;
	bool any = false;

	w->tone_rival = false;
	w->tone_gap = 0.0f;
	if (!it)
		return;
	pi = TessResultIteratorGetPageIteratorConst(it);
	do {
		if (ocr_tone_symbol(it, &gap)) {
			least = any && least < gap ? least : gap;
			any = true;
		}
	} while (!TessPageIteratorIsAtFinalElement(pi, RIL_WORD, RIL_SYMBOL) &&
	         TessResultIteratorNext(it, RIL_SYMBOL));
	TessResultIteratorDelete(it);
	w->tone_rival = any;
	w->tone_gap = any ? (float)least : 0.0f;
}
