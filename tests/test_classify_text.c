/* test_classify_text.c - canonical text, CER and WER on known cases. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "classify_int.h"

static void canon_folds_vietnamese(void **state)
{
	char *s = classify_text_canon("  Nguyễn   Văn\tĐức\n\nHÀ NỘI ", true, NULL);

	assert_non_null(s);
	assert_string_equal(s, "nguyen van duc ha noi");
	free(s);
	s = classify_text_canon("  Nguyễn   Văn\tĐức\n", false, NULL);
	assert_string_equal(s, "Nguyễn Văn Đức");
	free(s);
}

static void nfc_composes(void **state)
{
	/* "ễ" as e + circumflex + tilde (decomposed) becomes one code point. */
	char *s = classify_text_nfc("Nguy\x65\xcc\x82\xcc\x83n", NULL);

	assert_string_equal(s, "Nguyễn");
	free(s);
}

static void invalid_utf8_is_an_error(void **state)
{
	core_err e;

	core_err_clear(&e);
	assert_null(classify_text_canon("abc\xff", false, &e));
	assert_int_equal(e.code, CORE_EFORMAT);
}

static void cer_known_cases(void **state)
{
	classify_errcount c;

	assert_int_equal(classify_cer("abc", "abc", false, &c, NULL), 0);
	assert_int_equal(c.edits, 0);
	assert_int_equal(c.ref_len, 3);
	/* kitten -> sitting: 3 edits over 6 characters. */
	classify_cer("kitten", "sitting", false, &c, NULL);
	assert_int_equal(c.edits, 3);
	assert_int_equal(c.ref_len, 6);
	/* One wrong diacritic is one code point error, none once folded. */
	classify_cer("Tập trung", "Tập ưung", false, &c, NULL);
	assert_int_equal(c.edits, 2);
	assert_int_equal(c.ref_len, 9);
	classify_cer("Đức", "Dúc", false, &c, NULL);
	assert_int_equal(c.edits, 2);
	classify_cer("Đức", "Dúc", true, &c, NULL);
	assert_int_equal(c.edits, 0);
	/* White space layout does not count. */
	classify_cer("a b\nc", "a  b c", false, &c, NULL);
	assert_int_equal(c.edits, 0);
	classify_cer("", "", false, &c, NULL);
	assert_true(classify_rate(&c) == 0.0);
	classify_cer("abc", "", false, &c, NULL);
	assert_int_equal(c.edits, 3);
	assert_true(classify_rate(&c) == 1.0);
}

static void wer_known_cases(void **state)
{
	classify_errcount c;

	classify_wer("một hai ba bốn", "một hai ba bốn", false, &c, NULL);
	assert_int_equal(c.edits, 0);
	assert_int_equal(c.ref_len, 4);
	classify_wer("một hai ba bốn", "một hai bà bốn năm", false, &c, NULL);
	assert_int_equal(c.edits, 2);
	classify_wer("một hai ba bốn", "một hai bà bốn năm", true, &c, NULL);
	assert_int_equal(c.edits, 1);
	classify_wer("a b a b", "b a b a", false, &c, NULL);
	assert_int_equal(c.edits, 2);
}

/* Plain Levenshtein distance, for the reference below. */
static int lev(const char *a, size_t na, const char *b, size_t nb)
{
	int d[64][64];

	for (size_t i = 0; i <= na; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			int m = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < m)
				m = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < m)
				m = d[i][j - 1] + 1;
			d[i][j] = m;
		}
	return d[na][nb];
}

static unsigned rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 16;
}

/*
 * A key found in a line within one edit per 8 characters: known cases
 * on the national header, then random lines against every stretch of
 * them measured one by one.
 */
static void line_has_known_and_random(void **state)
{
	const char *key = "conghoaxahoichunghiavietnam"; /* 27 bytes: 3 edits */
	unsigned seed = 12345u;
	int found = 0;

	(void)state;
	assert_true(classify_line_has("so 12 conghoaxahoichunghiavietnam 2024", key));
	assert_true(classify_line_has("cong hoa xa hoi chu nghia viet nam", key));
	/* Three edits: a letter dropped, one added, one changed. */
	assert_true(classify_line_has("xx conghoaxhoichunghiaxvietnnm yy", key));
	/* Four are too many. */
	assert_false(classify_line_has("xx conghoaxhoichunghiaxvietnnn yy", key));
	assert_false(classify_line_has("", key));
	assert_false(classify_line_has("conghoa", key));
	/* Short keys get no edit. */
	assert_true(classify_line_has("abc sohoa def", "sohoa"));
	assert_false(classify_line_has("abc sohea def", "sohoa"));
	for (int t = 0; t < 3000; t++) {
		char line[64], k[20];
		size_t n = 0, kl = 8 + rnd(&seed) % 10;
		bool want = false;

		for (size_t i = 0; i < kl; i++)
			k[i] = (char)('a' + rnd(&seed) % 3);
		k[kl] = '\0';
		/* A few random letters, then every other time the key with
		 * 0 to 3 random edits, then a few more letters. */
		for (unsigned i = rnd(&seed) % 8; i > 0; i--)
			line[n++] = (char)('a' + rnd(&seed) % 3);
		if (t % 2) {
			size_t start = n;

			memcpy(line + n, k, kl);
			n += kl;
			for (int e = (int)(rnd(&seed) % 4); e > 0; e--) {
				size_t at = start + rnd(&seed) % (n - start);

				switch (rnd(&seed) % 3) {
				case 0: /* changed */
					line[at] = (char)('a' + rnd(&seed) % 3);
					break;
				case 1: /* dropped */
					memmove(line + at, line + at + 1, n - at - 1);
					n--;
					break;
				default: /* added */
					memmove(line + at + 1, line + at, n - at);
					line[at] = (char)('a' + rnd(&seed) % 3);
					n++;
				}
			}
		}
		for (unsigned i = rnd(&seed) % 8; i > 0; i--)
			line[n++] = (char)('a' + rnd(&seed) % 3);
		line[n] = '\0';
		for (size_t i = 0; i <= n && !want; i++)
			for (size_t e = i; e <= n && !want; e++)
				want = lev(line + i, e - i, k, kl) <= classify_key_edits(kl);
		if (classify_line_has(line, k) != want)
			fail_msg("'%s' in '%s': expected %d", k, line, want);
		found += want;
	}
	printf("# %d of 3000 random lines hold their key\n", found);
	/* Both answers were exercised. */
	assert_true(found > 300 && found < 2700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(canon_folds_vietnamese),   cmocka_unit_test(nfc_composes),
	    cmocka_unit_test(invalid_utf8_is_an_error), cmocka_unit_test(cer_known_cases),
	    cmocka_unit_test(wer_known_cases),          cmocka_unit_test(line_has_known_and_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
