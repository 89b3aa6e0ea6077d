/*
 * test_classify_valid.c - validators on valid and invalid cases, and
 * every normalizer on the forms printed papers use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "classify.h"

/* A correct TD1 MRZ for ID 034090001234, born 1990-03-05, male,
 * expiring 2030-03-05, computed independently of the code under test. */
#define MRZ_L1 "IDVNM0900012345034090001234<<4"
#define MRZ_L2 "9003059M3003057VNM<<<<<<<<<<<8"
#define MRZ_L3 "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"

static void personal_id_valid(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_true(classify_valid_personal_id("034090001234", NULL, 0, why));
	assert_true(classify_valid_personal_id("034090001234", "Nam", 1990, why));
	assert_true(classify_valid_personal_id("034190001234", "Nữ", 1990, why));
	assert_true(classify_valid_personal_id("001205012345", "Nam", 2005, why));
	assert_true(classify_valid_personal_id("096301000001", "Nữ", 2001, why));
	assert_true(classify_valid_personal_id("079089123456", NULL, 1989, NULL));
}

static void personal_id_invalid(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_false(classify_valid_personal_id("03409000123", NULL, 0, why));
	assert_string_equal(why, "not 12 digits");
	assert_false(classify_valid_personal_id("03409000123a", NULL, 0, why));
	assert_false(classify_valid_personal_id(NULL, NULL, 0, why));
	/* 099, 003 and 000 are no province. */
	assert_false(classify_valid_personal_id("099090001234", NULL, 0, why));
	assert_string_equal(why, "bad province prefix 099");
	assert_false(classify_valid_personal_id("003090001234", NULL, 0, why));
	assert_false(classify_valid_personal_id("000090001234", NULL, 0, why));
	/* Century/sex digit 0 is a man born 1900-1999. */
	assert_false(classify_valid_personal_id("034090001234", "Nữ", 1990, why));
	assert_non_null(strstr(why, "sex digit 0"));
	assert_false(classify_valid_personal_id("034190001234", "Nam", 0, why));
	assert_false(classify_valid_personal_id("034290001234", "Nam", 1990, why));
	assert_non_null(strstr(why, "century digit 2"));
	/* YY must be the birth year's last two digits. */
	assert_false(classify_valid_personal_id("034091001234", "Nam", 1990, why));
	assert_non_null(strstr(why, "year digits 91"));
	assert_false(classify_valid_personal_id("034090001234", "X", 1990, why));
	/* Centuries from 2100 (digits 4-9), and 2000-2099 years not yet
	 * come, even with no birth date read to compare. */
	assert_false(classify_valid_personal_id("079889123456", NULL, 0, why));
	assert_non_null(strstr(why, "century digit 8"));
	assert_false(classify_valid_personal_id("079499123456", NULL, 0, why));
	assert_false(classify_valid_personal_id("079299123456", NULL, 0, why));
	assert_non_null(strstr(why, "in the future"));
	assert_true(classify_valid_personal_id("079210123456", NULL, 0, why));
}

static void cmnd(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_true(classify_valid_cmnd("123456789", why));
	assert_false(classify_valid_cmnd("12345678", why));
	assert_false(classify_valid_cmnd("1234567890", why));
	assert_false(classify_valid_cmnd("12345678O", why));
	assert_false(classify_valid_cmnd(NULL, why));
}

static void enterprise_codes(void **state)
{
	static const char *const published[] = {"0100233488", "0314409058", "0104918404",
	                                        "0103172804", "0312650437"};
	char why[CLASSIFY_REASON_MAX];

	for (size_t i = 0; i < sizeof(published) / sizeof(published[0]); i++)
		assert_true(classify_valid_enterprise_code(published[i], why));
	assert_true(classify_valid_enterprise_code("0100233488-001", why));
	assert_true(classify_valid_enterprise_code("0100233488001", why));
	assert_false(classify_valid_enterprise_code("0100233489", why));
	assert_string_equal(why, "check digit 9, expected 8");
	assert_false(classify_valid_enterprise_code("0100233488-000", why));
	assert_false(classify_valid_enterprise_code("0100233489-001", why));
	assert_false(classify_valid_enterprise_code("0100233488-01", why));
	assert_false(classify_valid_enterprise_code("010023348", why));
	assert_false(classify_valid_enterprise_code("01002334881", why));
	/* A weighted sum divisible by 11 would need check digit 10. */
	assert_false(classify_valid_enterprise_code("0000000000", why));
	assert_string_equal(why, "check digit would be 10");
}

static void dates(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_true(classify_valid_date("1990-03-05", why));
	assert_true(classify_valid_date("2024-02-29", why));
	assert_true(classify_valid_date("2000-02-29", why));
	assert_true(classify_valid_date("1968", why));
	assert_false(classify_valid_date("1900-02-29", why));
	assert_false(classify_valid_date("2023-02-29", why));
	assert_false(classify_valid_date("1990-13-01", why));
	assert_false(classify_valid_date("1990-04-31", why));
	assert_false(classify_valid_date("1990-00-10", why));
	assert_false(classify_valid_date("1850-01-01", why));
	assert_false(classify_valid_date("05/03/1990", why));
	assert_false(classify_valid_date("", why));
	assert_false(classify_valid_date(NULL, why));

	assert_true(classify_valid_date_order("1990-03-05", "2021-08-15", why));
	assert_true(classify_valid_date_order("1990-03-05", "1990-03-05", why));
	assert_true(classify_valid_date_order("1990", "1990-01-01", why));
	assert_false(classify_valid_date_order("2021-08-15", "1990-03-05", why));
	assert_non_null(strstr(why, "is after"));
	assert_false(classify_valid_date_order("1991", "1990-12-31", why));
}

static void names(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_true(classify_valid_name("Nguyễn Văn An", why));
	assert_true(classify_valid_name("Nguyễn Thị Thanh Hương", why));
	assert_true(classify_valid_name("Huỳnh Quang Khánh", why));
	assert_true(classify_valid_name("Ngô Gia Huy", why));
	/* "qu" lends its u to the rhyme, as "gi" its i. */
	assert_true(classify_valid_name("Nguyễn Như Quỳnh", why));
	assert_true(classify_valid_name("Nguyễn Thị Thuỷ", why));
	assert_true(classify_valid_name("Lê Quý Quyết", why));
	assert_true(classify_valid_name("Trần Quang Quyền", why));
	assert_false(classify_valid_name("Nguyễn Qu", why));
	assert_false(classify_valid_name("Nguyễn", why));
	assert_false(classify_valid_name("Nguyễn Văn Xyzt", why));
	assert_false(classify_valid_name("Nguyễn Vàń An", why));
	assert_false(classify_valid_name("Nguyễn Văn 4n", why));
	assert_false(classify_valid_name("", why));
	/* A lost circumflex, a stop syllable with a grave tone, no family name. */
	assert_false(classify_valid_name("Nguyen Văn An", why));
	assert_non_null(strstr(why, "not a Vietnamese syllable"));
	assert_false(classify_valid_name("Lê Văn Đàt", why));
	assert_non_null(strstr(why, "cannot carry that tone"));
	assert_false(classify_valid_name("Đo Thanh Sơn", why));
	assert_non_null(strstr(why, "not a known family name"));
	assert_true(classify_valid_name("Trương Quốc Việt", why));
	assert_true(classify_valid_name("Lý Gia Khánh", why));
}

static void addresses(void **state)
{
	char why[CLASSIFY_REASON_MAX];

	assert_true(classify_valid_address("Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An", why));
	assert_true(classify_valid_address("Tổ 7, Phú Lợi, Lục Ngạn, Lào Cai", why));
	assert_true(classify_valid_address("Bệnh viện Đa khoa tỉnh Long An", why));
	assert_true(classify_valid_address("Số 5, quận 1, thành phố Hồ Chí Minh.", why));
	assert_true(classify_valid_address("Phường 2, TP. Hồ Chí Minh", why));
	/* Either tone placement of "oa"; floors and rooms as units. */
	assert_true(classify_valid_address("Xã Quảng Xương, tỉnh Thanh Hoá", why));
	assert_true(classify_valid_address("Khánh Hoà", why));
	assert_true(classify_valid_address("Tầng 5, tòa nhà Sông Đà, thành phố Hà Nội", why));
	assert_true(classify_valid_address("Phòng 12, Hoà Bình", why));
	assert_false(classify_valid_address("Tầng 5, tòa nhà Sông Đà, Hà Nộ", why));
	assert_true(classify_valid_address("Xã Long Hải, tỉnh Bà Rịa - Vũng Tàu", why));
	assert_false(
	    classify_valid_address("Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Cao Băng", why));
	assert_non_null(strstr(why, "does not end with a province"));
	/* A wrapped address cut after its first line. */
	assert_false(classify_valid_address("Thôn 3, xã Tân Phú, huyện Đức Hòa,", why));
	assert_false(classify_valid_address("Tố 7, Phú Lợi, Lục Ngạn, Lào Cai", why));
	assert_false(classify_valid_address("", why));
}

static void mrz(void **state)
{
	char why[CLASSIFY_REASON_MAX];
	classify_mrz m;

	assert_int_equal(classify_mrz_char_value('<'), 0);
	assert_int_equal(classify_mrz_char_value('A'), 10);
	assert_int_equal(classify_mrz_char_value('Z'), 35);
	assert_int_equal(classify_mrz_char_value('7'), 7);
	assert_int_equal(classify_mrz_char_value('a'), -1);
	/* ICAO 9303 part 3 example: 520727 -> 3. */
	assert_int_equal(classify_mrz_digit("520727", 6), 3);

	assert_true(classify_mrz_check(MRZ_L1 "\n" MRZ_L2 "\n" MRZ_L3, &m, why));
	assert_string_equal(m.doc_number, "090001234");
	assert_memory_equal(m.optional1, "034090001234", 12);
	assert_string_equal(m.birth, "900305");
	assert_string_equal(m.expiry, "300305");
	assert_int_equal(m.sex, 'M');
	assert_string_equal(m.nationality, "VNM");

	/* One misread digit in the document number. */
	assert_false(
	    classify_mrz_check("IDVNM0900012845034090001234<<4\n" MRZ_L2 "\n" MRZ_L3, NULL, why));
	assert_string_equal(why, "document number check digit");
	/* Birth date misread: its own check digit fails. */
	assert_false(
	    classify_mrz_check(MRZ_L1 "\n9003069M3003057VNM<<<<<<<<<<<8\n" MRZ_L3, NULL, why));
	assert_string_equal(why, "birth date check digit");
	/* A misread digit in the optional data (the full ID) has no check
	 * digit of its own: the composite catches it. */
	assert_false(
	    classify_mrz_check("IDVNM0900012345034090001235<<4\n" MRZ_L2 "\n" MRZ_L3, NULL, why));
	assert_string_equal(why, "composite check digit");
	assert_false(classify_mrz_check(MRZ_L1 "\n" MRZ_L2, NULL, why));
	assert_false(classify_mrz_check("IDVNM09000123\n" MRZ_L2 "\n" MRZ_L3, NULL, why));
	assert_false(classify_mrz_check(MRZ_L1 "\n" MRZ_L2 "\n" MRZ_L3 "\nX", NULL, why));
	assert_false(classify_mrz_check(NULL, NULL, why));
}

static void expect_norm(char *(*fn)(const char *, core_err *), const char *in, const char *want)
{
	core_err e;
	char *v;

	core_err_clear(&e);
	v = fn(in, &e);
	if (!want) {
		assert_null(v);
		assert_int_equal(e.code, CORE_EFORMAT);
		return;
	}
	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}

static void norm_dates(void **state)
{
	expect_norm(classify_norm_date, "ngày 05 tháng 3 năm 1990", "1990-03-05");
	expect_norm(classify_norm_date, "Ngày 05 tháng 02 năm 2024", "2024-02-05");
	expect_norm(classify_norm_date, "ngay 5 thang 3 nam 1990", "1990-03-05");
	expect_norm(classify_norm_date, "05/03/1990", "1990-03-05");
	expect_norm(classify_norm_date, "5/3/1990", "1990-03-05");
	expect_norm(classify_norm_date, "29-03-1988", "1988-03-29");
	expect_norm(classify_norm_date, "29.03.1988", "1988-03-29");
	expect_norm(classify_norm_date, "05 / 03 / 1990", "1990-03-05");
	expect_norm(classify_norm_date, "1968", "1968");
	expect_norm(classify_norm_date, "Năm sinh: 1968", "1968");
	expect_norm(classify_norm_date, "05/03/1990 (ghi bằng chữ: ngày năm tháng ba)",
	            "1990-03-05");
	/* OCR reads a zero as the letter O. */
	expect_norm(classify_norm_date, "O5/03/199O", "1990-03-05");
	/* Small print: the slashes read as 1 or I. */
	expect_norm(classify_norm_date, "2710511956", "1956-05-27");
	expect_norm(classify_norm_date, "01/10I2024", "2024-10-01");
	expect_norm(classify_norm_date, "0312227896", NULL); /* a phone number is no date */
	expect_norm(classify_norm_date, "không rõ", NULL);
	expect_norm(classify_norm_date, "05/03", NULL);
	expect_norm(classify_norm_date, "", NULL);
}

static char *norm_address(const char *s, core_err *err)
{
	return classify_normalize("address", s, err);
}

static void norm_addresses(void **state)
{
	(void)state;
	expect_norm(norm_address, "Tân Phú; Hải Hậu, Vĩnh Phúc.", "Tân Phú, Hải Hậu, Vĩnh Phúc");
	expect_norm(norm_address, "Xóm 5 ,xã Tân Phú,  huyện Cẩm Xuyên",
	            "Xóm 5, xã Tân Phú, huyện Cẩm Xuyên");
	expect_norm(norm_address, "Số 12 Lý Thường Kiệt, P. Hàng Bài",
	            "Số 12 Lý Thường Kiệt, P. Hàng Bài");
	expect_norm(norm_address, " ; . ", NULL);
}

static void norm_names(void **state)
{
	expect_norm(classify_norm_name, "NGUYỄN văn  an", "Nguyễn Văn An");
	expect_norm(classify_norm_name, "  trần THỊ thanh hương ", "Trần Thị Thanh Hương");
	expect_norm(classify_norm_name, "ĐẶNG ĐỨC ĐẠT", "Đặng Đức Đạt");
	/* Decomposed input comes out NFC. */
	expect_norm(classify_norm_name, "NGUY\x45\xcc\x82\xcc\x83N", "Nguyễn");
	expect_norm(classify_norm_name, ": Lê Văn Hải.", "Lê Văn Hải");
	expect_norm(classify_norm_name, "Nguyễn Văn 4n", NULL);
	expect_norm(classify_norm_name, "   ", NULL);
}

static void norm_money_sex_digits(void **state)
{
	expect_norm(classify_norm_money, "8.000.000.000 đồng", "8000000000");
	expect_norm(classify_norm_money, "8,000,000,000 VNĐ", "8000000000");
	expect_norm(classify_norm_money, "10.000.000.000 đồng (Mười tỷ đồng)", "10000000000");
	expect_norm(classify_norm_money, "500000000", "500000000");
	expect_norm(classify_norm_money, "1.500.000,50 đồng", "1500000");
	expect_norm(classify_norm_money, "tám tỷ đồng", NULL);

	expect_norm(classify_norm_sex, "Nữ", "Nữ");
	expect_norm(classify_norm_sex, "nu", "Nữ");
	expect_norm(classify_norm_sex, "F", "Nữ");
	expect_norm(classify_norm_sex, "NỮ / F", "Nữ");
	expect_norm(classify_norm_sex, "Female", "Nữ");
	expect_norm(classify_norm_sex, "Nam", "Nam");
	expect_norm(classify_norm_sex, "NAM/M", "Nam");
	expect_norm(classify_norm_sex, "M", "Nam");
	expect_norm(classify_norm_sex, "male", "Nam");
	expect_norm(classify_norm_sex, "Không", NULL);

	expect_norm(classify_norm_digits, "034 090 001 234", "034090001234");
	expect_norm(classify_norm_digits, "0100233488-001", "0100233488001");
	expect_norm(classify_norm_digits, "O34O9OOO1234", "034090001234");
	expect_norm(classify_norm_digits, "12a4", NULL);

	expect_norm(classify_norm_area, "120,5 m²", "120.5");
	expect_norm(classify_norm_area, "120.5 m2", "120.5");
	expect_norm(classify_norm_area, "1.234,5 m²", "1234.5");
	expect_norm(classify_norm_area, "1.234 m²", "1234");
	expect_norm(classify_norm_area, "85 m²", "85");
	expect_norm(classify_norm_area, "m²", NULL);

	expect_norm(classify_norm_text, "  Xã Tân Phú,\n huyện Đức Hòa;  ",
	            "Xã Tân Phú, huyện Đức Hòa");
	expect_norm(classify_norm_text, ": Việt Nam", "Việt Nam");
	expect_norm(classify_norm_text, " : ", NULL);
}

static void normalize_by_name(void **state)
{
	core_err e;
	char *v;

	core_err_clear(&e);
	v = classify_normalize("code", "145 / QĐ-UBND", &e);
	assert_string_equal(v, "145/QĐ-UBND");
	free(v);
	v = classify_normalize("expiry", "Không thời hạn", &e);
	assert_string_equal(v, "Không thời hạn");
	free(v);
	v = classify_normalize("expiry", "05/03/2030", &e);
	assert_string_equal(v, "2030-03-05");
	free(v);
	v = classify_normalize("mrz", "idvnm0900012345034090001234«4\n" MRZ_L2, &e);
	assert_string_equal(v, "IDVNM0900012345034090001234<<4\n" MRZ_L2);
	free(v);
	/* Letters read in the document number: digits when its check digit
	 * then holds ("O9OOO1234" + 5), not when it still fails ("...5" -> 6). */
	v = classify_normalize("mrz", "IDVNMO9OOO12345034090001234<<4\n" MRZ_L2, &e);
	assert_string_equal(v, "IDVNM0900012345034090001234<<4\n" MRZ_L2);
	free(v);
	v = classify_normalize("mrz", "IDVNMO9OOO12346034090001234<<4\n" MRZ_L2, &e);
	assert_string_equal(v, "IDVNMO9OOO12346034090001234<<4\n" MRZ_L2);
	free(v);
	assert_true(classify_normalizer_known("name"));
	assert_false(classify_normalizer_known("upper"));
	assert_null(classify_normalize("upper", "x", &e));
	assert_int_equal(e.code, CORE_EARG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(personal_id_valid),
	    cmocka_unit_test(personal_id_invalid),
	    cmocka_unit_test(cmnd),
	    cmocka_unit_test(enterprise_codes),
	    cmocka_unit_test(dates),
	    cmocka_unit_test(names),
	    cmocka_unit_test(addresses),
	    cmocka_unit_test(mrz),
	    cmocka_unit_test(norm_dates),
	    cmocka_unit_test(norm_names),
	    cmocka_unit_test(norm_addresses),
	    cmocka_unit_test(norm_money_sex_digits),
	    cmocka_unit_test(normalize_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
