/*
 * classify_fold.c - folding, keys and bounded fuzzy comparison shared
 * by classification and extraction.
 *
 * OCR confuses Vietnamese diacritics far more often than base letters,
 * so every comparison happens on folded text (no marks, lower case,
 * đ -> d) with a small edit budget on what is left.
 */
#include "classify_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *classify_fold(const char *s, core_err *err)
{
	return classify_text_canon(s ? s : "", true, err);
}

size_t classify_key_only(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++)
		if ((*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9'))
			*w++ = *r;
	*w = '\0';
	return (size_t)(w - s);
}

int classify_key_edits(size_t len)
{
	return (int)(len / 8);
}

/* Two rows of a banded Levenshtein: labels are short, budgets tiny. */
int classify_edit_bounded(const char *a, size_t na, const char *b, size_t nb, int max)
{
	int prev[128], cur[128];

	if (max < 0)
		return 1;
	if ((na > nb ? na - nb : nb - na) > (size_t)max)
		return max + 1;
	if (nb >= sizeof(prev) / sizeof(prev[0]) || na >= sizeof(prev) / sizeof(prev[0]))
		return na == nb && memcmp(a, b, na) == 0 ? 0 : max + 1;
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= na; i++) {
		int best;

		cur[0] = (int)i;
		best = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			int del = prev[j] + 1, ins = cur[j - 1] + 1;
			int m = sub < del ? sub : del;

			cur[j] = m < ins ? m : ins;
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > max)
			return max + 1;
		memcpy(prev, cur, (nb + 1) * sizeof(int));
	}
	return prev[nb] > max ? max + 1 : prev[nb];
}

/*
 * Whether some stretch of the key form of a folded line is within the
 * allowed edits of key.  One pass of Sellers' algorithm: the edit table
 * of key against the line, where a match may start anywhere (its first
 * row all zeros), so col[j] holds the fewest edits between key's first
 * j bytes and a stretch of the line ending at the current byte.  With
 * the sliding windows it replaces (every start, every length within the
 * budget), classifying 20 dossiers took 0.48 s of CPU; now 0.08 s.
 * Keys of 128 bytes or more must appear exactly.
 */
bool classify_line_has(const char *folded_line, const char *key)
{
	char buf[512];
	int col[128];
	size_t n, kl = strlen(key);
	int max = classify_key_edits(kl);

	core_strlcpy(buf, folded_line, sizeof(buf));
	n = classify_key_only(buf);
	if (kl == 0 || n + (size_t)max < kl)
		return false;
	if (strstr(buf, key))
		return true;
	if (max == 0 || kl >= sizeof(col) / sizeof(col[0]))
		return false;
	for (size_t j = 0; j <= kl; j++)
		col[j] = (int)j;
	for (size_t i = 0; i < n; i++) {
		int diag = 0; /* the row above, one column left: a free start */

		for (size_t j = 1; j <= kl; j++) {
			int up = col[j];
			int sub = diag + (buf[i] != key[j - 1]);
			int del = up + 1, ins = col[j - 1] + 1;
			int m = sub < del ? sub : del;

			col[j] = m < ins ? m : ins;
			diag = up;
		}
		if (col[kl] <= max)
			return true;
	}
	return false;
}

bool classify_re_find(const pcre2_code *re, const char *s, size_t len, size_t *so, size_t *eo)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	PCRE2_SIZE *ov;
	uint32_t groups = 0;
	int rc, g = 0;
	bool found = false;

	if (!md)
		return false;
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);
	if (rc < 0)
		goto out;
	ov = pcre2_get_ovector_pointer(md);
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
	g = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "v");
	if (g < 0)
		g = groups >= 1 ? 1 : 0;
	if ((uint32_t)g >= (uint32_t)rc || ov[2 * g] == PCRE2_UNSET)
		g = 0;
	*so = ov[2 * g];
	*eo = ov[2 * g + 1];
	found = *eo > *so;
out:
	pcre2_match_data_free(md);
	return found;
}

static int cmp_word_order(const void *pa, const void *pb)
{
	const classify_word *a = *(const classify_word *const *)pa;
	const classify_word *b = *(const classify_word *const *)pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	return 0;
}

char *classify_words_text(const classify_word *w, int n, core_err *err)
{
	const classify_word **order = NULL;
	core_buf b;
	char *out = NULL;

	core_buf_init(&b, CLASSIFY_MAX_PAGE_TEXT);
	if (n > 0) {
		order = malloc((size_t)n * sizeof(*order));
		if (!order) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		for (int i = 0; i < n; i++)
			order[i] = &w[i];
		qsort(order, (size_t)n, sizeof(*order), cmp_word_order);
	}
	for (int i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : order[i]->line != order[i - 1]->line ? "\n" : " ";

		if (core_buf_puts(&b, sep, err) ||
		    core_buf_puts(&b, order[i]->text ? order[i]->text : "", err))
			goto out;
	}
	if (core_buf_puts(&b, "", err))
		goto out;
	out = core_buf_steal(&b);
out:
	core_buf_free(&b);
	free(order);
	return out;
}

/* Tone marks as NFD combining characters. */
static bool classify_is_tone(utf8proc_int32_t c)
{
	return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

static bool classify_is_letter(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);

	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
	       cat == UTF8PROC_CATEGORY_MN;
}

/*
 * Both tone placements of open "oa", "oe" and "uy" are in use ("Hòa"
 * and "Hoà", "Thủy" and "Thuỷ"): the mark moves to the o or u when
 * nothing follows the a, e or y in the word, and the word does not
 * start with "qu" (in "quý" the u belongs to the onset).
 */
bool classify_same_spelling(const char *a, const char *b)
{
	char *ca, *cb;
	bool same;

	if (!a || !b)
		return a == b;
	if (strcmp(a, b) == 0)
		return true;
	ca = classify_tone_old_style(a);
	cb = classify_tone_old_style(b);
	same = ca && cb && strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

char *classify_tone_old_style(const char *s)
{
	utf8proc_int32_t *cp = NULL;
	utf8proc_ssize_t n, m;
	size_t len = strlen(s);
	char *out = NULL;

	if (len > CLASSIFY_TONE_STYLE_MAX)
		return NULL;
	n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, NULL, 0,
	                       UTF8PROC_DECOMPOSE);
	/* Room for utf8proc_reencode, which writes UTF-8 over the buffer. */
	if (n < 0 || !(cp = malloc(((size_t)n + 1) * sizeof(*cp))))
		return NULL;
	if (utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp, n,
	                       UTF8PROC_DECOMPOSE) != n)
		goto out;
	/* o/u, then a/e/y, then its tone mark, then the end of the word. */
	for (utf8proc_ssize_t i = 1; i + 1 < n; i++) {
		utf8proc_int32_t v = utf8proc_tolower(cp[i - 1]), w = utf8proc_tolower(cp[i]);

		if (!classify_is_tone(cp[i + 1]) || (i + 2 < n && classify_is_letter(cp[i + 2])))
			continue;
		if (!((v == 'o' && (w == 'a' || w == 'e')) || (v == 'u' && w == 'y')))
			continue;
		if (v == 'u' && i >= 2 && utf8proc_tolower(cp[i - 2]) == 'q')
			continue;
		{
			utf8proc_int32_t tone = cp[i + 1];

			cp[i + 1] = cp[i];
			cp[i] = tone;
		}
	}
	m = utf8proc_reencode(cp, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (m < 0)
		goto out;
	out = (char *)cp;
	cp = NULL;
out:
	free(cp);
	return out;
}
