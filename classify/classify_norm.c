/*
 * classify_norm.c - field normalizers: from what OCR read to the
 * canonical value the store keeps and compares (ISO dates, title-case
 * names, integer đồng, Nam/Nữ, digits).
 *
 * A normalizer never guesses silently: when it had to map OCR
 * look-alikes (O for 0, l for 1) it says so, and the field goes to
 * review.
 */
#include "classify_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NORM_MAX_IN 8192

static const char *const norm_names[CLASSIFY_NORM_COUNT] = {
    [CLASSIFY_NORM_TEXT] = "text",
    [CLASSIFY_NORM_NAME] = "name",
    [CLASSIFY_NORM_DATE] = "date",
    [CLASSIFY_NORM_EXPIRY] = "expiry",
    [CLASSIFY_NORM_SEX] = "sex",
    [CLASSIFY_NORM_MONEY] = "money",
    [CLASSIFY_NORM_DIGITS] = "digits",
    [CLASSIFY_NORM_AREA] = "area",
    [CLASSIFY_NORM_CODE] = "code",
    [CLASSIFY_NORM_MRZ] = "mrz",
    [CLASSIFY_NORM_AUTHORITY] = "authority",
    [CLASSIFY_NORM_ADDRESS] = "address",
};

const char *classify_norm_kind_name(classify_norm_kind k)
{
	return (unsigned)k < CLASSIFY_NORM_COUNT ? norm_names[k] : "unknown";
}

bool classify_norm_keeps_tones(classify_norm_kind k)
{
	/* Dates, sexes, numbers and codes come out of folded or digit-only
	 * readings, and "Không thời hạn" is written out by the normalizer. */
	return k == CLASSIFY_NORM_TEXT || k == CLASSIFY_NORM_NAME || k == CLASSIFY_NORM_AUTHORITY ||
	       k == CLASSIFY_NORM_ADDRESS;
}

bool classify_norm_kind_parse(const char *name, classify_norm_kind *k)
{
	for (int i = 0; i < CLASSIFY_NORM_COUNT; i++) {
		if (strcmp(name, norm_names[i]) == 0) {
			*k = (classify_norm_kind)i;
			return true;
		}
	}
	return false;
}

bool classify_normalizer_known(const char *normalizer)
{
	classify_norm_kind k;

	return normalizer && classify_norm_kind_parse(normalizer, &k);
}

static char *norm_fail(core_err *err, const char *what, const char *s)
{
	core_err_set(err, CORE_EFORMAT, "unrecognised %s", what);
	core_err_detail(err, "%.120s", s);
	return NULL;
}

static char *norm_dup(const char *s, core_err *err)
{
	char *p = core_strdup(s);

	if (!p)
		core_err_set(err, CORE_ENOMEM, "out of memory");
	return p;
}

static bool is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Canonical text with edge punctuation trimmed. */
static char *norm_text_trim(const char *s, const char *lead, const char *trail, core_err *err)
{
	char *c, *start, *end;

	if (strlen(s) > NORM_MAX_IN)
		return norm_fail(err, "text (too long)", "");
	c = classify_text_canon(s, false, err);
	if (!c)
		return NULL;
	start = c;
	while (*start && (strchr(lead, *start) || is_space_byte(*start)))
		start++;
	end = start + strlen(start);
	while (end > start && (strchr(trail, end[-1]) || is_space_byte(end[-1])))
		end--;
	*end = '\0';
	memmove(c, start, (size_t)(end - start) + 1);
	return c;
}

char *classify_norm_text(const char *s, core_err *err)
{
	char *c = norm_text_trim(s ? s : "", ":;,-|_*~ ", ":;,|_-*~? ", err);

	if (c && !*c) {
		free(c);
		return norm_fail(err, "text (empty)", "");
	}
	return c;
}

/* Appends a code point's UTF-8 to out (room checked by the caller). */
static size_t put_cp(char *out, utf8proc_int32_t cp)
{
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

char *classify_norm_name(const char *s, core_err *err)
{
	char *c = NULL, *out = NULL;
	const utf8proc_uint8_t *p;
	size_t k = 0;
	bool word_start = true;

	c = norm_text_trim(s ? s : "", ":;,.-|_ ", ":;,.-|_ ", err);
	if (!c)
		return NULL;
	out = malloc(strlen(c) * 2 + 8);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (p = (const utf8proc_uint8_t *)c; *p;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(p, -1, &cp);
		utf8proc_category_t cat;

		if (used <= 0) {
			free(out);
			out = norm_fail(err, "name", c);
			goto out;
		}
		p += used;
		if (cp == ' ') {
			out[k++] = ' ';
			word_start = true;
			continue;
		}
		cat = utf8proc_category(cp);
		if (cp != '\'' && cp != '-' && cat != UTF8PROC_CATEGORY_LU &&
		    cat != UTF8PROC_CATEGORY_LL && cat != UTF8PROC_CATEGORY_LT &&
		    cat != UTF8PROC_CATEGORY_MN) {
			free(out);
			out = norm_fail(err, "name", c);
			goto out;
		}
		k += put_cp(out + k, word_start ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
		word_start = cp == '-';
	}
	out[k] = '\0';
	if (k == 0) {
		free(out);
		out = norm_fail(err, "name (empty)", "");
	}
out:
	free(c);
	return out;
}

/*
 * Maps OCR look-alikes of digits inside numbers: a letter counts as a
 * digit only next to a digit, so words ("ngày", "tháng") stay intact.
 */
static void repair_digits(char *f, bool *repaired)
{
	size_t n = strlen(f);

	for (size_t i = 0; i < n; i++) {
		char c = f[i], to;
		bool near;

		if (c == 'o' || c == 'O' || c == 'D')
			to = '0';
		else if (c == 'l' || c == 'I' || c == 'i' || c == '|')
			to = '1';
		else
			continue;
		near = (i > 0 && f[i - 1] >= '0' && f[i - 1] <= '9') ||
		       (i + 1 < n && f[i + 1] >= '0' && f[i + 1] <= '9');
		if (near) {
			f[i] = to;
			*repaired = true;
		}
	}
}

/* Up to max digit runs of a folded string: value and length of each. */
static int digit_runs(const char *f, long *val, int *len, int max)
{
	int n = 0;

	for (const char *p = f; *p && n < max;) {
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		val[n] = 0;
		len[n] = 0;
		while (*p >= '0' && *p <= '9') {
			if (len[n] < 9)
				val[n] = val[n] * 10 + (*p - '0');
			len[n]++;
			p++;
		}
		n++;
	}
	return n;
}

/*
 * dd/mm/yyyy whose slashes small print lost to look-alikes ("2710511956",
 * "01/10I2024" on identity cards): ten characters, digits where digits
 * belong and a slash or look-alike where the slashes were.  Only tried
 * when the plain reading found no date; always a repair.
 */
static bool date_slashes_misread(const char *f, char out[16])
{
	static const char seps[] = "/-.1il|";
	size_t n = strlen(f);

	for (size_t i = 0; i + 10 <= n; i++) {
		const char *p = f + i;
		bool ok = true;
		int d, m;

		if (i > 0 && f[i - 1] >= '0' && f[i - 1] <= '9')
			continue;
		if (i + 10 < n && f[i + 10] >= '0' && f[i + 10] <= '9')
			continue;
		for (int k = 0; k < 10 && ok; k++) {
			if (k == 2 || k == 5)
				ok = strchr(seps, p[k]) != NULL;
			else
				ok = p[k] >= '0' && p[k] <= '9';
		}
		if (!ok)
			continue;
		d = (p[0] - '0') * 10 + (p[1] - '0');
		m = (p[3] - '0') * 10 + (p[4] - '0');
		if (d < 1 || d > 31 || m < 1 || m > 12)
			continue;
		snprintf(out, 16, "%.4s-%02d-%02d", p + 6, m, d);
		return true;
	}
	return false;
}

static char *norm_date_impl(const char *s, bool *repaired, core_err *err)
{
	char *f = NULL, *out = NULL, *plain = NULL;
	long v[16];
	int len[16], n;
	char buf[16];

	if (strlen(s) > NORM_MAX_IN)
		return norm_fail(err, "date (too long)", "");
	f = classify_fold(s, err);
	if (!f)
		return NULL;
	plain = strdup(f);
	if (!plain) {
		free(f);
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	repair_digits(f, repaired);
	n = digit_runs(f, v, len, 16);
	for (int i = 0; i + 2 < n; i++) {
		if (len[i] <= 2 && len[i + 1] <= 2 && len[i + 2] == 4) {
			snprintf(buf, sizeof(buf), "%04ld-%02ld-%02ld", v[i + 2], v[i + 1], v[i]);
			out = norm_dup(buf, err);
			goto out;
		}
	}
	if (n == 1 && len[0] == 4) {
		snprintf(buf, sizeof(buf), "%04ld", v[0]);
		out = norm_dup(buf, err);
		goto out;
	}
	if (date_slashes_misread(plain, buf)) {
		*repaired = true;
		out = norm_dup(buf, err);
		goto out;
	}
	out = norm_fail(err, "date", s);
out:
	free(plain);
	free(f);
	return out;
}

char *classify_norm_date(const char *s, core_err *err)
{
	bool repaired = false;

	return norm_date_impl(s ? s : "", &repaired, err);
}

static char *norm_expiry_impl(const char *s, bool *repaired, core_err *err)
{
	char *f = classify_fold(s, err);
	bool never;

	if (!f)
		return NULL;
	never = classify_line_has(f, "khongthoihan");
	free(f);
	if (never)
		return norm_dup("Không thời hạn", err);
	return norm_date_impl(s, repaired, err);
}

char *classify_norm_sex(const char *s, core_err *err)
{
	char *f = classify_fold(s ? s : "", err);
	const char *p;
	char *out = NULL;

	if (!f)
		return NULL;
	for (p = f; *p && !(*p >= 'a' && *p <= 'z'); p++)
		;
	if (strncmp(p, "nam", 3) == 0 || strncmp(p, "male", 4) == 0 ||
	    (p[0] == 'm' && !(p[1] >= 'a' && p[1] <= 'z')))
		out = norm_dup("Nam", err);
	else if (strncmp(p, "nu", 2) == 0 || strncmp(p, "female", 6) == 0 ||
	         (p[0] == 'f' && !(p[1] >= 'a' && p[1] <= 'z')))
		out = norm_dup("Nữ", err);
	else
		out = norm_fail(err, "sex", s ? s : "");
	free(f);
	return out;
}

/* First number of s with its group separators, as bytes [b, e). */
static bool first_number(const char *s, const char *seps, const char **b, const char **e)
{
	const char *p = s;

	while (*p && !(*p >= '0' && *p <= '9'))
		p++;
	if (!*p)
		return false;
	*b = p;
	while (*p) {
		if (*p >= '0' && *p <= '9')
			p++;
		else if (strchr(seps, *p) && p[1] >= '0' && p[1] <= '9')
			p++;
		else
			break;
	}
	*e = p;
	return true;
}

static char *norm_money_impl(const char *s, bool *repaired, core_err *err)
{
	char *f = NULL, *out = NULL;
	const char *b, *e;
	size_t k = 0;

	if (strlen(s) > NORM_MAX_IN)
		return norm_fail(err, "amount (too long)", "");
	f = classify_fold(s, err);
	if (!f)
		return NULL;
	repair_digits(f, repaired);
	if (!first_number(f, ".,", &b, &e)) {
		out = norm_fail(err, "amount", s);
		goto out;
	}
	/* A decimal comma with one or two digits is a fraction of a đồng. */
	for (const char *q = e - 1; q > b && q >= e - 3; q--) {
		if (*q == ',' && e - q <= 3) {
			e = q;
			break;
		}
	}
	out = malloc((size_t)(e - b) + 1);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (const char *q = b; q < e; q++)
		if (*q >= '0' && *q <= '9')
			out[k++] = *q;
	out[k] = '\0';
	/* Strip leading zeros but keep a lone 0. */
	while (out[0] == '0' && out[1])
		memmove(out, out + 1, strlen(out));
out:
	free(f);
	return out;
}

char *classify_norm_money(const char *s, core_err *err)
{
	bool repaired = false;

	return norm_money_impl(s ? s : "", &repaired, err);
}

static char *norm_digits_impl(const char *s, bool *repaired, core_err *err)
{
	char *f = NULL, *out = NULL;
	size_t k = 0;

	if (strlen(s) > NORM_MAX_IN)
		return norm_fail(err, "number (too long)", "");
	f = classify_text_canon(s, false, err);
	if (!f)
		return NULL;
	out = malloc(strlen(f) + 1);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (const char *p = f; *p; p++) {
		char c = *p;

		if (c >= '0' && c <= '9') {
			out[k++] = c;
		} else if (c == 'O' || c == 'o' || c == 'D') {
			out[k++] = '0';
			*repaired = true;
		} else if (c == 'l' || c == 'I' || c == '|') {
			out[k++] = '1';
			*repaired = true;
		} else if (c != ' ' && c != '.' && c != '-' && c != ',') {
			free(out);
			out = norm_fail(err, "number", s);
			goto out;
		}
	}
	out[k] = '\0';
	if (k == 0) {
		free(out);
		out = norm_fail(err, "number (empty)", s);
	}
out:
	free(f);
	return out;
}

char *classify_norm_digits(const char *s, core_err *err)
{
	bool repaired = false;

	return norm_digits_impl(s ? s : "", &repaired, err);
}

static char *norm_area_impl(const char *s, bool *repaired, core_err *err)
{
	char *f = NULL, *out = NULL;
	const char *b, *e, *dec = NULL;
	int dots = 0, commas = 0;
	size_t k = 0;

	if (strlen(s) > NORM_MAX_IN)
		return norm_fail(err, "area (too long)", "");
	f = classify_fold(s, err);
	if (!f)
		return NULL;
	repair_digits(f, repaired);
	if (!first_number(f, ".,", &b, &e)) {
		out = norm_fail(err, "area", s);
		goto out;
	}
	for (const char *q = b; q < e; q++) {
		dots += *q == '.';
		commas += *q == ',';
	}
	/* The last separator is the decimal mark when both kinds appear;
	 * a lone comma is the Vietnamese decimal comma; a lone dot before
	 * exactly three digits groups thousands. */
	if (dots && commas) {
		for (const char *q = b; q < e; q++)
			if (*q == '.' || *q == ',')
				dec = q;
	} else if (commas == 1) {
		dec = strchr(b, ',');
	} else if (dots == 1) {
		dec = strchr(b, '.');
		if (e - dec == 4)
			dec = NULL;
	}
	out = malloc((size_t)(e - b) + 2);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (const char *q = b; q < e; q++) {
		if (q == dec)
			out[k++] = '.';
		else if (*q >= '0' && *q <= '9')
			out[k++] = *q;
	}
	out[k] = '\0';
out:
	free(f);
	return out;
}

char *classify_norm_area(const char *s, core_err *err)
{
	bool repaired = false;

	return norm_area_impl(s ? s : "", &repaired, err);
}

/* Identifiers keep no inner space ("145 / QĐ-UBND" -> "145/QĐ-UBND",
 * "CS 01234" -> "CS01234"). */
static char *norm_code(const char *s, core_err *err)
{
	char *c = classify_norm_text(s, err), *w;

	if (!c)
		return NULL;
	w = c;
	for (const char *r = c; *r; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return c;
}

/* Unit words after which a place name follows, folded. */
static bool unit_word(const char *folded)
{
	static const char *const units[] = {"tinh", "pho",    "huyen", "quan",
	                                    "xa",   "phuong", "tran",  NULL};

	for (const char *const *u = units; *u; u++)
		if (strcmp(folded, *u) == 0)
			return true;
	return false;
}

/*
 * An issuing body in sentence case with its place name capitalised:
 * "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC HÒA" -> "Ủy ban nhân dân huyện Đức Hòa".
 */
static char *norm_authority(const char *s, core_err *err)
{
	char *c = classify_norm_text(s, err), *out = NULL;
	const utf8proc_uint8_t *p;
	bool first = true, place = false, word_start = true;
	char word[64];
	size_t k = 0, wl = 0;

	if (!c)
		return NULL;
	out = malloc(strlen(c) * 2 + 8);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	for (p = (const utf8proc_uint8_t *)c;;) {
		utf8proc_int32_t cp = 0;
		utf8proc_ssize_t used = *p ? utf8proc_iterate(p, -1, &cp) : 0;

		if (used < 0) {
			free(out);
			out = norm_fail(err, "authority", c);
			goto out;
		}
		if (used == 0 || cp == ' ') {
			/* A word ended: is it a unit word that opens the place name? */
			char *f;

			word[wl] = '\0';
			f = classify_fold(word, NULL);
			if (f && unit_word(f))
				place = true;
			free(f);
			wl = 0;
			if (used == 0)
				break;
			out[k++] = ' ';
			p += used;
			word_start = true;
			continue;
		}
		p += used;
		cp = (first || (place && word_start)) ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		if (wl + 4 < sizeof(word))
			wl += put_cp(word + wl, cp);
		k += put_cp(out + k, cp);
		first = false;
		word_start = false;
	}
	out[k] = '\0';
out:
	free(c);
	return out;
}

/*
 * A card's document number (TD1 line 1, characters 6 to 14) is digits
 * on Vietnamese cards, and OCR-B's 0 and O, 1 and I, 8 and B look
 * alike.  Letters there are read as the digits they resemble only when
 * the field's check digit then holds and did not before: the check
 * digit vouches for the repair.
 */
static void norm_mrz_docnum(char *line, size_t len)
{
	static const char from[] = "ODQILZSGB", to[] = "000112568";
	char num[9];
	bool changed = false;
	int cd;

	if (len != 30 || line[0] != 'I' || line[14] < '0' || line[14] > '9')
		return;
	cd = line[14] - '0';
	if (classify_mrz_digit(line + 5, 9) == cd)
		return;
	for (int i = 0; i < 9; i++) {
		const char *k = strchr(from, line[5 + i]);

		num[i] = k && line[5 + i] ? to[k - from] : line[5 + i];
		changed = changed || num[i] != line[5 + i];
	}
	if (changed && classify_mrz_digit(num, 9) == cd)
		memcpy(line + 5, num, 9);
}

/* Upper-case lines with OCR's usual MRZ confusions undone. */
static char *norm_mrz(const char *s, core_err *err)
{
	char *f = classify_fold(s, err), *out = NULL;
	size_t k = 0;

	if (!f)
		return NULL;
	out = malloc(strlen(s) + strlen(f) + 1);
	if (!out) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	/* The folded copy lost the line breaks: take them from s. */
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			if (k && out[k - 1] != '\n')
				out[k++] = '\n';
		} else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<') {
			out[k++] = (char)c;
		} else if (c >= 'a' && c <= 'z') {
			out[k++] = (char)(c - 32);
		} else if (c == 0xC2 && (unsigned char)p[1] == 0xAB) {
			/* « is how OCR often reads "<<". */
			out[k++] = '<';
			out[k++] = '<';
			p++;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			free(out);
			out = norm_fail(err, "machine readable zone", s);
			goto out;
		}
	}
	while (k && out[k - 1] == '\n')
		k--;
	out[k] = '\0';
	/* The document code of an identity card is "I": OCR reads it as T,
	 * 1 or L before "DVNM"; nothing else can stand there. */
	if (k >= 5 && strchr("T1L|", out[0]) && memcmp(out + 1, "DVNM", 4) == 0)
		out[0] = 'I';
	norm_mrz_docnum(out, strcspn(out, "\n"));
out:
	free(f);
	return out;
}

/*
 * Addresses: text whose units (hamlet, commune, district, province) are
 * separated by commas.  OCR often reads a comma as a semicolon, and a
 * closing period belongs to the sentence, not the address: both are
 * put right, and every separator becomes ", ".
 */
static char *norm_address(const char *s, core_err *err)
{
	char *c = classify_norm_text(s, err), *out = NULL;
	size_t k = 0, n;

	if (!c)
		return NULL;
	n = strlen(c);
	while (n > 0 && (c[n - 1] == '.' || c[n - 1] == ' '))
		c[--n] = '\0';
	out = malloc(n * 2 + 1);
	if (!out) {
		free(c);
		core_err_set(err, CORE_ENOMEM, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		if (c[i] == ',' || c[i] == ';') {
			while (k > 0 && out[k - 1] == ' ')
				k--;
			out[k++] = ',';
			out[k++] = ' ';
			while (i + 1 < n && c[i + 1] == ' ')
				i++;
			continue;
		}
		out[k++] = c[i];
	}
	while (k > 0 && (out[k - 1] == ' ' || out[k - 1] == ','))
		k--;
	out[k] = '\0';
	free(c);
	if (!*out) {
		free(out);
		return norm_fail(err, "address (empty)", "");
	}
	return out;
}

char *classify_norm_apply(classify_norm_kind k, const char *s, bool *repaired, core_err *err)
{
	*repaired = false;
	s = s ? s : "";
	switch (k) {
	case CLASSIFY_NORM_NAME:
		return classify_norm_name(s, err);
	case CLASSIFY_NORM_DATE:
		return norm_date_impl(s, repaired, err);
	case CLASSIFY_NORM_EXPIRY:
		return norm_expiry_impl(s, repaired, err);
	case CLASSIFY_NORM_SEX:
		return classify_norm_sex(s, err);
	case CLASSIFY_NORM_MONEY:
		return norm_money_impl(s, repaired, err);
	case CLASSIFY_NORM_DIGITS:
		return norm_digits_impl(s, repaired, err);
	case CLASSIFY_NORM_AREA:
		return norm_area_impl(s, repaired, err);
	case CLASSIFY_NORM_CODE:
		return norm_code(s, err);
	case CLASSIFY_NORM_MRZ:
		return norm_mrz(s, err);
	case CLASSIFY_NORM_AUTHORITY:
		return norm_authority(s, err);
	case CLASSIFY_NORM_ADDRESS:
		return norm_address(s, err);
	case CLASSIFY_NORM_TEXT:
	default:
		return classify_norm_text(s, err);
	}
}

char *classify_normalize(const char *normalizer, const char *s, core_err *err)
{
	classify_norm_kind k;
	bool repaired;

	if (!normalizer || !classify_norm_kind_parse(normalizer, &k)) {
		core_err_set(err, CORE_EARG, "unknown normalizer");
		core_err_detail(err, "%s", normalizer ? normalizer : "(null)");
		return NULL;
	}
	return classify_norm_apply(k, s, &repaired, err);
}
