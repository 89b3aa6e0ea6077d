/* test_core.c - errors set once, bounded buffers, natural order, hashing. */
/* cmocka needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

static void err_first_wins(void **state)
{
	core_err e;

	core_err_clear(&e);
	assert_false(core_err_isset(&e));
	assert_int_equal(core_err_set(&e, CORE_EIO, "cannot open %s", "a"), CORE_EIO);
	core_err_detail(&e, "first detail");
	core_err_set(&e, CORE_EDB, "later error");
	core_err_detail(&e, "later detail");
	assert_int_equal(e.code, CORE_EIO);
	assert_string_equal(e.msg, "cannot open a");
	assert_string_equal(e.detail, "first detail");
	assert_string_equal(core_code_name(CORE_ELIMIT), "limit");
}

static void buf_is_bounded(void **state)
{
	core_buf b;
	core_err e;

	core_err_clear(&e);
	core_buf_init(&b, 10);
	assert_int_equal(core_buf_puts(&b, "0123456789", &e), 0);
	assert_int_equal(b.len, 10);
	assert_int_not_equal(core_buf_puts(&b, "x", &e), 0);
	assert_int_equal(e.code, CORE_ELIMIT);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	core_buf_free(&b);
	assert_null(b.data);
}

static void buf_json_escapes(void **state)
{
	core_buf b;

	core_buf_init(&b, 1024);
	core_buf_json_str(&b, "a\"b\\c\nd\x01 Đức", NULL);
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\u0001 Đức\"");
	core_buf_free(&b);
}

static void natcmp_orders_numbers(void **state)
{
	assert_true(core_natcmp("page-2.png", "page-10.png") < 0);
	assert_true(core_natcmp("page-10.png", "page-2.png") > 0);
	assert_true(core_natcmp("a", "b") < 0);
	assert_true(core_natcmp("p01", "p1") != 0);
	assert_int_equal(core_natcmp("x9", "x9"), 0);
	assert_true(core_natcmp("HS-2024-0009", "HS-2024-0010") < 0);
}

static void strlcpy_truncates(void **state)
{
	char d[4];
	core_err e;

	core_err_clear(&e);
	assert_int_equal(core_strlcpy(d, "abcdef", sizeof(d)), 6);
	assert_string_equal(d, "abc");
	assert_int_not_equal(core_snprintf(d, sizeof(d), &e, "%s", "long"), 0);
	assert_int_equal(e.code, CORE_ELIMIT);
}

static void sha256_known_vector(void **state)
{
	char hex[CORE_SHA256_HEX], path[] = "/tmp/sohoa-core-XXXXXX";
	core_sha256 *h = core_sha256_new();
	core_err e;
	int fd;

	core_sha256_update(h, "abc", 3);
	core_sha256_final(&h, hex);
	assert_null(h);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	core_err_clear(&e);
	assert_int_equal(core_sha256_file(path, hex, &e), 0);
	assert_string_equal(hex,
	                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	assert_int_not_equal(core_sha256_file(path, hex, &e), 0);
	assert_int_equal(e.code, CORE_EIO);
}

static void utf8_checked_and_scrubbed(void **state)
{
	char s[64];
	core_err e;
	core_buf b;

	assert_true(core_utf8_valid("Nguyễn Văn An 𝄞"));
	assert_false(core_utf8_valid("Nguy\xe1n"));        /* cut sequence */
	assert_false(core_utf8_valid("\xc0\xaf"));         /* overlong '/' */
	assert_false(core_utf8_valid("\xed\xa0\x80"));     /* surrogate */
	assert_false(core_utf8_valid("\xf4\x90\x80\x80")); /* over U+10FFFF */
	assert_false(core_utf8_valid("HS-\xc8\xe0.tif"));  /* CP1258 bytes */

	core_strlcpy(s, "HS-\xc8\xe0-\xff.tif", sizeof(s));
	core_utf8_scrub(s);
	assert_string_equal(s, "HS-?"
	                       "?-?.tif"); /* split: no trigraph */
	/* A message cut by its buffer in the middle of "ễ" loses the half. */
	core_strlcpy(s, "Nguy\xe1\xbb", sizeof(s));
	core_utf8_scrub(s);
	assert_string_equal(s, "Nguy");
	core_strlcpy(s, "Văn", sizeof(s));
	core_utf8_scrub(s);
	assert_string_equal(s, "Văn");

	core_err_clear(&e);
	core_err_set(&e, CORE_EIO, "cannot read %s", "h\xf4\x20so");
	assert_string_equal(e.msg, "cannot read h? so");
	assert_true(core_utf8_valid(e.msg));

	core_buf_init(&b, 64);
	core_err_clear(&e);
	assert_int_equal(core_buf_json_str(&b,
	                                   "a\xff"
	                                   "b\xc3\xa9",
	                                   &e),
	                 0);
	assert_int_equal(b.len, strlen("\"a\xef\xbf\xbd"
	                               "b\xc3\xa9\""));
	assert_memory_equal(b.data,
	                    "\"a\xef\xbf\xbd"
	                    "b\xc3\xa9\"",
	                    b.len);
	core_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(err_first_wins),
	    cmocka_unit_test(buf_is_bounded),
	    cmocka_unit_test(buf_json_escapes),
	    cmocka_unit_test(natcmp_orders_numbers),
	    cmocka_unit_test(strlcpy_truncates),
	    cmocka_unit_test(sha256_known_vector),
	    cmocka_unit_test(utf8_checked_and_scrubbed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
