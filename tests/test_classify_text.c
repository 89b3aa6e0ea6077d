/* test_classify_text.c - canonical text, CER and WER on known cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "classify.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(canon_folds_vietnamese), cmocka_unit_test(nfc_composes),
	    cmocka_unit_test(invalid_utf8_is_an_error), cmocka_unit_test(cer_known_cases),
	    cmocka_unit_test(wer_known_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
