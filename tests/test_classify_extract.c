/*
 * test_classify_extract.c - field extraction from hand-made word lists
 * that simulate Tesseract's output for every document type: values
 * right of their labels and below them, wrapped values and labels, two
 * columns, OCR diacritic errors, and the cases that must go to review.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "word_fixtures.h"

static classify_defs *defs;

static int setup(void **state)
{
	core_err e;

	core_err_clear(&e);
	if (classify_defs_load(NULL, &defs, &e)) {
		fprintf(stderr, "%s: %s\n", e.msg, e.detail);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	classify_defs_destroy(&defs);
	return 0;
}

static const classify_field *field(const classify_document *d, const char *name)
{
	for (int i = 0; i < d->n_fields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

static void dump(const classify_document *d)
{
	for (int i = 0; i < d->n_fields; i++) {
		const classify_field *f = &d->fields[i];

		printf("#   %-22s %-13s %.2f %s | raw \"%s\" %s\n", f->name,
		       classify_status_name(f->status), f->confidence,
		       f->value ? f->value : "(null)", f->raw, f->validators_json);
	}
}

/* The field must exist with this value and status. */
static void expect(const classify_document *d, const char *name, const char *value,
                   classify_status st)
{
	const classify_field *f = field(d, name);

	if (!f || !f->value || strcmp(f->value, value) != 0 || f->status != st) {
		printf("# %s: want \"%s\" %s, got \"%s\" %s\n", name, value,
		       classify_status_name(st), f && f->value ? f->value : "(none)",
		       f ? classify_status_name(f->status) : "");
		dump(d);
	}
	assert_non_null(f);
	assert_non_null(f->value);
	assert_string_equal(f->value, value);
	assert_int_equal(f->status, st);
}

static classify_result *extract(const char *type, const seg *s, int n, built *b)
{
	classify_page pg;
	classify_result *r = NULL;
	core_err e;

	build(s, n, b, &pg, 1);
	core_err_clear(&e);
	assert_int_equal(classify_extract(defs, type, &pg, 1, NULL, &r, &e), 0);
	assert_int_equal(r->n_documents, 1);
	assert_string_equal(r->documents[0].type, type);
	return r;
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define A    CLASSIFY_AUTO_ACCEPTED
#define R    CLASSIFY_NEEDS_REVIEW

#define MRZ_L1 "IDVNM0900012345034090001234<<4"
#define MRZ_L2 "9003059M3003057VNM<<<<<<<<<<<8"
#define MRZ_L3 "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"

/* ---- identity cards ------------------------------------------------------ */

/* A card front with the given number line, name and MRZ line 3 (lines 1
 * and 2 are MRZ_L1 and MRZ_L2, for ID 034090001234). */
static classify_result *short_card(const char *number, const char *name, const char *l3, built *b)
{
	const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {16, 2, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 3, number},
	    {10, 4, "Họ và tên / Full name:"},
	    {10, 5, name},
	    {10, 6, "Ngày sinh / Date of birth: 05/03/1990"},
	    {10, 7, "Giới tính / Sex: Nam"},
	    {10, 11, "Có giá trị đến / Date of expiry: 05/03/2030"},
	    {10, 19, MRZ_L1},
	    {10, 20, MRZ_L2},
	    {10, 21, l3},
	};

	return extract("cccd", s, N(s), b);
}

/*
 * The front's number read with another province (074, a real one) but
 * its last nine digits right: the MRZ's full ID, under the composite
 * check digit, says otherwise, so the number is not auto-accepted.
 */
static void cccd_province_misread(void **state)
{
	built b;
	classify_result *r = short_card("Số / No.: 074090001234", "NGUYỄN VĂN AN", MRZ_L3, &b);
	const classify_field *f = field(&r->documents[0], "personal_id");

	assert_non_null(f);
	assert_string_equal(f->value, "074090001234");
	assert_int_equal(f->status, R);
	assert_false(f->validators_ok);
	assert_non_null(strstr(f->validators_json, "\"mrz_agrees:id\":\"differs from the MRZ\""));
	classify_result_destroy(&r);
	unbuild(&b);
	(void)state;
}

/* A name longer than the MRZ's 30 places: the MRZ holds its start. */
static void cccd_long_name(void **state)
{
	built b;
	classify_result *r =
	    short_card("Số / No.: 034090001234", "NGUYỄN THỊ THANH THỦY NGỌC HÀ ANH",
	               "NGUYEN<<THI<THANH<THUY<NGOC<HA", &b);
	const classify_field *f = field(&r->documents[0], "full_name");

	assert_non_null(f);
	assert_string_equal(f->value, "Nguyễn Thị Thanh Thủy Ngọc Hà Anh");
	assert_non_null(strstr(f->validators_json, "\"mrz_agrees:name\":\"ok\""));
	classify_result_destroy(&r);
	unbuild(&b);
	(void)state;
}

/* A 2021 chip card photocopy: bilingual labels, front and back, MRZ. */
static void cccd_2021(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {16, 2, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 3, "Số / No.: 034090001234"},
	    {10, 4, "Họ và tên / Full name:"},
	    {10, 5, "NGUYỄN VĂN AN"},
	    {10, 6, "Ngày sinh / Date of birth: 05/03/1990"},
	    {10, 7, "Giới tính / Sex: Nam"},
	    {34, 7, "Quốc tịch / Nationality: Việt Nam"},
	    {10, 8, "Quê quán / Place of origin: Tân Phú, Đức Hòa, Long An"},
	    {10, 9, "Nơi thường trú / Place of residence: Thôn 3, Tân Phú,"},
	    {10, 10, "Đức Hòa, Long An"},
	    {10, 11, "Có giá trị đến / Date of expiry: 05/03/2030"},
	    {10, 14, "Đặc điểm nhân dạng / Personal identification:"},
	    {10, 15, "Nốt ruồi C:1cm trên trước đầu lông mày trái"},
	    {10, 16, "Ngày, tháng, năm / Date, month, year: 15/08/2021"},
	    {10, 17, "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"},
	    {10, 19, MRZ_L1},
	    {10, 20, MRZ_L2},
	    {10, 21, MRZ_L3},
	};
	built b;
	classify_result *r = extract("cccd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "personal_id", "034090001234", A);
	expect(d, "full_name", "Nguyễn Văn An", A);
	expect(d, "date_of_birth", "1990-03-05", A);
	expect(d, "sex", "Nam", A);
	expect(d, "nationality", "Việt Nam", A);
	expect(d, "place_of_origin", "Tân Phú, Đức Hòa, Long An", A);
	expect(d, "place_of_residence", "Thôn 3, Tân Phú, Đức Hòa, Long An", A);
	expect(d, "date_of_expiry", "2030-03-05", A);
	expect(d, "date_of_issue", "2021-08-15", A);
	expect(d, "mrz", MRZ_L1 "\n" MRZ_L2 "\n" MRZ_L3, A);
	/* The MRZ's check digits vouch for the fields it repeats. */
	assert_non_null(
	    strstr(field(d, "personal_id")->validators_json, "\"mrz_agrees:id\":\"ok\""));
	assert_non_null(
	    strstr(field(d, "full_name")->validators_json, "\"mrz_agrees:name\":\"ok\""));
	assert_true(field(d, "personal_id")->confidence > 0.95);
	assert_int_equal(field(d, "personal_id")->page, 1);
	assert_true(field(d, "personal_id")->box.x0 > 100);
	assert_null(field(d, "place_of_birth"));
	assert_int_equal(d->n_subjects, 1);
	assert_string_equal(d->subjects[0].kind, "person");
	assert_string_equal(d->subjects[0].key, "034090001234");
	assert_string_equal(d->subjects[0].display_name, "Nguyễn Văn An");
	assert_string_equal(d->subjects[0].role, "holder");
	assert_int_equal(d->subjects[0].status, A);
	classify_result_destroy(&r);
	assert_null(r);
	unbuild(&b);
}

/* Small print: the date's slashes read as 1 or I.  The dates are read,
 * as repairs, for review; the MRZ still agrees with the birth date. */
static void cccd_slashes_misread(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {16, 2, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 3, "Số / No.: 034090001234"},
	    {10, 4, "Họ và tên / Full name:"},
	    {10, 5, "NGUYỄN VĂN AN"},
	    {10, 6, "Ngày sinh / Date of birth: 0510311990"},
	    {10, 7, "Giới tính / Sex: Nam"},
	    {10, 11, "Có giá trị đến / Date of expiry: 05/03I2030"},
	};
	built b;
	classify_result *r = extract("cccd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "date_of_birth", "1990-03-05", R);
	expect(d, "date_of_expiry", "2030-03-05", R);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* The 2024 card: long bilingual labels wrap in the narrow column and
 * values sit under them; an address starting with "Số" is no label. */
static void can_cuoc_2024(void **state)
{
	static const seg s[] = {
	    {20, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {22, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {28, 2, "CĂN CƯỚC"},
	    {26, 3, "IDENTITY CARD"},
	    {20, 4, "Số định danh cá nhân / Personal identification"},
	    {20, 5, "number:"},
	    {20, 6, "001305012345"},
	    {20, 7, "Họ, chữ đệm và tên khai sinh / Full"},
	    {20, 8, "name:"},
	    {20, 9, "TRẦN THỊ THANH HƯƠNG"},
	    {20, 10, "Ngày, tháng, năm sinh / Date of birth:"},
	    {20, 11, "12/11/2005"},
	    {20, 12, "Giới tính / Sex: Nữ"},
	    {20, 13, "Quốc tịch / Nationality: Việt Nam"},
	    {10, 16, "Nơi cư trú / Place of residence:"},
	    {10, 17, "Số 12 đường Lê Lợi, Hoàn Kiếm, Hà Nội"},
	    {10, 18, "Nơi đăng ký khai sinh / Place of birth:"},
	    {10, 19, "Phường Hàng Bạc, Hoàn Kiếm, Hà Nội"},
	    {10, 20, "Ngày, tháng, năm cấp / Date of issue: 20/08/2024"},
	    {10, 21, "Ngày, tháng, năm hết hạn / Date of expiry: 12/11/2030"},
	    {10, 22, "BỘ CÔNG AN / MINISTRY OF PUBLIC SECURITY"},
	};
	built b;
	classify_result *r = extract("cccd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "personal_id", "001305012345", A);
	expect(d, "full_name", "Trần Thị Thanh Hương", A);
	expect(d, "date_of_birth", "2005-11-12", A);
	expect(d, "sex", "Nữ", A);
	expect(d, "place_of_residence", "Số 12 đường Lê Lợi, Hoàn Kiếm, Hà Nội", A);
	expect(d, "place_of_birth", "Phường Hàng Bạc, Hoàn Kiếm, Hà Nội", A);
	expect(d, "date_of_issue", "2024-08-20", A);
	expect(d, "date_of_expiry", "2030-11-12", A);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* A 2016 card's back prints the issue date alone; "Không thời hạn". */
static void cccd_2016_back(void **state)
{
	static const seg s[] = {
	    {16, 0, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 1, "Số: 034090001234"},
	    {10, 2, "Họ và tên:"},
	    {10, 3, "NGUYỄN VĂN AN"},
	    {10, 4, "Ngày, tháng, năm sinh: 05/03/1990"},
	    {10, 5, "Có giá trị đến: Không thời hạn"},
	    {10, 8, "Đặc điểm nhân dạng:"},
	    {10, 9, "Sẹo chấm C:2cm dưới sau đuôi mắt phải"},
	    {14, 10, "Ngày 15 tháng 8 năm 2016"},
	    {10, 11, "CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ"},
	    {40, 16, "Tân Phú, ngày 05 tháng 3 năm 2024"},
	};
	built b;
	classify_result *r = extract("cccd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "personal_id", "034090001234", A);
	expect(d, "date_of_issue", "2016-08-15", A);
	expect(d, "date_of_expiry", "Không thời hạn", A);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void cmnd(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {12, 2, "GIẤY CHỨNG MINH NHÂN DÂN"},
	    {20, 3, "Số 201234567"},
	    {20, 4, "Họ tên......NGUYỄN THỊ LAN"},
	    {20, 5, "Sinh ngày 29-03-1988"},
	    {20, 6, "Nguyên quán Xã An Bình, huyện Gia Lâm,"},
	    {20, 7, "thành phố Hà Nội"},
	    {20, 8, "Nơi ĐKHK thường trú Thôn 3, xã Tân Phú,"},
	    {20, 9, "huyện Đức Hòa, tỉnh Long An"},
	    {20, 12, "Dân tộc Kinh"},
	    {34, 12, "Tôn giáo Không"},
	    {20, 13, "DẤU VẾT RIÊNG VÀ DỊ HÌNH"},
	    {20, 14, "Nốt ruồi C:1cm trên trước đầu lông mày trái"},
	    {22, 15, "Ngày 15 tháng 8 năm 2010"},
	    {22, 16, "GIÁM ĐỐC CA TỈNH LONG AN"},
	};
	built b;
	classify_result *r = extract("cmnd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "cmnd_number", "201234567", A);
	expect(d, "full_name", "Nguyễn Thị Lan", A);
	expect(d, "date_of_birth", "1988-03-29", A);
	expect(d, "place_of_origin", "Xã An Bình, huyện Gia Lâm, thành phố Hà Nội", A);
	expect(d, "place_of_residence", "Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "ethnicity", "Kinh", A);
	expect(d, "date_of_issue", "2010-08-15", A);
	/* A CMND number is no personal ID: no subject. */
	assert_int_equal(d->n_subjects, 0);
	classify_result_destroy(&r);
	unbuild(&b);
}

/* ---- civil status ---------------------------------------------------------- */

/* OCR lost every diacritic of some labels and misread a letter of one. */
static void birth_certificate_ocr_errors(void **state)
{
	static const seg s[] = {
	    {10, 0, "CONG HOA XA HOI CHU NGHIA VIET NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {18, 2, "GIẤY KHAI SINH"},
	    {16, 3, "Số: 125, Quyển số: 01/1990"},
	    {0, 4.6, "Ho, chu dem, ten: Lê Văn Hải"},
	    {0, 5.6, "Ngay, thang, nam sjnh: 05/03/1990"},
	    {0, 6.6, "ghi bằng chữ: Ngày năm, tháng ba, năm một nghìn chín trăm chín mươi"},
	    {0, 7.6, "Giới tính: Nam"},
	    {0, 8.6, "Dân tộc: Kinh"},
	    {0, 9.6, "Quốc tịch: Việt Nam"},
	    {0, 10.6, "Nơi sinh: Trạm y tế xã Tân Phú, huyện Đức Hòa, tỉnh"},
	    {4, 11.6, "Long An"},
	    {0, 12.6, "Quê quán: Xã An Bình, huyện Gia Lâm, thành phố Hà Nội"},
	    {0, 13.6, "Số định danh cá nhân: 080090001234"},
	    {0, 15.2, "Họ, chữ đệm, tên người mẹ: Trần Thị Lan"},
	    {0, 16.2, "Năm sinh: 1965"},
	    {0, 17.2, "Nơi cư trú: Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
	    {0, 18.8, "Họ, chữ đệm, tên người cha: Lê Văn Hùng"},
	    {0, 19.8, "Năm sinh: 1962"},
	    {0, 20.8, "Nơi cư trú: Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
	    {0, 22.4, "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa,"},
	    {4, 23.4, "tỉnh Long An"},
	    {0, 24.4, "Ngày, tháng, năm đăng ký: ngày 20 tháng 3 năm 1990"},
	    {40, 26, "NGƯỜI KÝ GIẤY KHAI SINH"},
	};
	built b;
	classify_result *r = extract("birth_certificate", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "full_name", "Lê Văn Hải", A);
	expect(d, "date_of_birth", "1990-03-05", A);
	expect(d, "sex", "Nam", A);
	expect(d, "ethnicity", "Kinh", A);
	expect(d, "nationality", "Việt Nam", A);
	expect(d, "place_of_birth", "Trạm y tế xã Tân Phú, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "place_of_origin", "Xã An Bình, huyện Gia Lâm, thành phố Hà Nội", A);
	expect(d, "personal_id", "080090001234", A);
	expect(d, "mother_name", "Trần Thị Lan", A);
	expect(d, "father_name", "Lê Văn Hùng", A);
	expect(d, "registration_place", "Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An",
	       A);
	expect(d, "registration_date", "1990-03-20", A);
	/* The misread label costs a little confidence. */
	assert_true(field(d, "date_of_birth")->confidence < field(d, "sex")->confidence);
	assert_int_equal(d->n_subjects, 1);
	assert_string_equal(d->subjects[0].key, "080090001234");
	classify_result_destroy(&r);
	unbuild(&b);
}

/* Wife left, husband right, on shared rows; ID numbers wrap below. */
static void marriage_two_columns(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {12, 2, "GIẤY CHỨNG NHẬN KẾT HÔN"},
	    {0, 4, "Họ, chữ đệm, tên vợ: Trần Thị Mai"},
	    {44, 4, "Họ, chữ đệm, tên chồng: Nguyễn Văn Nam"},
	    {0, 5, "Ngày, tháng, năm sinh: 10/02/1992"},
	    {44, 5, "Ngày, tháng, năm sinh: 21/07/1990"},
	    {0, 6, "Dân tộc: Kinh"},
	    {44, 6, "Dân tộc: Kinh"},
	    {0, 7, "Nơi cư trú: Thôn 3, xã An Bình,"},
	    {44, 7, "Nơi cư trú: Số 5 đường Lê Lợi,"},
	    {4, 8, "huyện Gia Lâm"},
	    {48, 8, "quận Hải Châu"},
	    {0, 9, "Giấy tờ tùy thân: Căn cước công dân số"},
	    {44, 9, "Giấy tờ tùy thân: Căn cước công dân số"},
	    {4, 10, "001192003456"},
	    {48, 10, "048090004567"},
	    {0, 12, "Nơi đăng ký kết hôn: Ủy ban nhân dân xã An Bình, huyện Gia Lâm, thành"},
	    {4, 13, "phố Hà Nội"},
	    {0, 14, "Ngày, tháng, năm đăng ký: ngày 14 tháng 02 năm 2015"},
	};
	built b;
	classify_result *r = extract("marriage_certificate", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "wife_name", "Trần Thị Mai", A);
	expect(d, "husband_name", "Nguyễn Văn Nam", A);
	expect(d, "wife_personal_id", "001192003456", A);
	expect(d, "husband_personal_id", "048090004567", A);
	expect(d, "registration_place",
	       "Ủy ban nhân dân xã An Bình, huyện Gia Lâm, thành phố Hà Nội", A);
	expect(d, "registration_date", "2015-02-14", A);
	/* Birth dates are read to check the IDs, not reported. */
	assert_null(field(d, "wife_date_of_birth"));
	assert_int_equal(d->n_subjects, 2);
	assert_string_equal(d->subjects[0].role, "wife");
	assert_string_equal(d->subjects[1].role, "husband");
	classify_result_destroy(&r);
	unbuild(&b);
}

/* Names wrap onto a line of one short syllable in narrow columns. */
static void marriage_names_wrap(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {12, 2, "GIẤY CHỨNG NHẬN KẾT HÔN"},
	    {0, 4, "Họ, chữ đệm, tên vợ: Dương Thị"},
	    {44, 4, "Họ, chữ đệm, tên chồng: Võ Công"},
	    {21, 5, "Hằng"},
	    {68, 5, "An"},
	    {0, 6, "Ngày, tháng, năm sinh: 11/07/1966"},
	    {44, 6, "Ngày, tháng, năm sinh: 08/05/1963"},
	    {0, 8, "Nơi đăng ký kết hôn: Ủy ban nhân dân xã An Bình, huyện Gia Lâm"},
	    {0, 9, "Ngày, tháng, năm đăng ký: ngày 14 tháng 02 năm 2015"},
	};
	built b;
	classify_result *r = extract("marriage_certificate", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "wife_name", "Dương Thị Hằng", A);
	expect(d, "husband_name", "Võ Công An", A);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void marital_status(void **state)
{
	static const seg s[] = {
	    {2, 0, "ỦY BAN NHÂN DÂN"},
	    {40, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {3, 1, "XÃ TÂN PHÚ"},
	    {43, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {1, 2, "Số: 45/UBND-XNTTHN"},
	    {42, 2.2, "Tân Phú, ngày 05 tháng 3 năm 2024"},
	    {8, 4, "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN"},
	    {0, 6, "XÁC NHẬN:"},
	    {0, 7, "Họ, chữ đệm, tên: Phạm Thị Hồng"},
	    {0, 8, "Ngày, tháng, năm sinh: 02/09/1995"},
	    {0, 9, "Giới tính: Nữ"},
	    {0, 10, "Dân tộc: Kinh"},
	    {0, 11, "Quốc tịch: Việt Nam"},
	    {0, 12, "Giấy tờ tùy thân: Căn cước công dân số 034195001234"},
	    {0, 13, "Nơi cư trú: Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
	    {0, 14, "Trong thời gian cư trú tại: Thôn 3, xã Tân Phú, từ ngày 02/09/2013 đến"},
	    {4, 15, "ngày 05/03/2024"},
	    {0, 16, "Tình trạng hôn nhân: Chưa đăng ký kết hôn với ai."},
	    {4, 17, "Giấy này có giá trị sử dụng trong thời hạn 6 tháng, kể từ ngày cấp."},
	};
	built b;
	classify_result *r = extract("marital_status_certificate", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "full_name", "Phạm Thị Hồng", A);
	expect(d, "date_of_birth", "1995-09-02", A);
	expect(d, "personal_id", "034195001234", A);
	expect(d, "place_of_residence", "Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "marital_status", "Chưa đăng ký kết hôn với ai", A);
	expect(d, "date_of_issue", "2024-03-05", A);
	assert_null(field(d, "sex"));
	classify_result_destroy(&r);
	unbuild(&b);
}

/* ---- enterprise, land, decision, application --------------------------------- */

static void business_numbered(void **state)
{
	static const seg s[] = {
	    {1, 0, "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"},
	    {40, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {4, 1, "TỈNH LONG AN"},
	    {43, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {0, 2, "PHÒNG ĐĂNG KÝ KINH DOANH"},
	    {6, 4, "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP"},
	    {4, 5, "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN"},
	    {0, 6.8, "Mã số doanh nghiệp: 0312650437"},
	    {0, 7.8, "Đăng ký lần đầu: ngày 11 tháng 03 năm 2010"},
	    {0, 8.8, "Đăng ký thay đổi lần thứ: 3, ngày 05 tháng 7 năm 2012"},
	    {0, 10, "1. Tên công ty"},
	    {0, 11, "Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH XÂY DỰNG AN PHÚ"},
	    {0, 12, "Tên công ty viết bằng tiếng nước ngoài: AN PHU CONSTRUCTION COMPANY"},
	    {4, 13, "LIMITED"},
	    {0, 14, "Tên công ty viết tắt: AN PHU CO., LTD"},
	    {0, 15, "2. Địa chỉ trụ sở chính"},
	    {0, 16, "Số 12, Quốc lộ 1A, xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
	    {0, 17, "Điện thoại: 0272123456 Fax: 0272123456"},
	    {0, 18, "3. Vốn điều lệ"},
	    {0, 19, "Vốn điều lệ: 8.000.000.000 đồng"},
	    {0, 20, "Bằng chữ: Tám tỷ đồng"},
	    {0, 21.5, "4. Người đại diện theo pháp luật của công ty"},
	    {0, 22.5, "Họ và tên: NGUYỄN VĂN AN Giới tính: Nam"},
	    {0, 23.5, "Chức danh: Giám đốc"},
	};
	built b;
	classify_result *r = extract("business_registration", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "enterprise_code", "0312650437", A);
	expect(d, "first_registration_date", "2010-03-11", A);
	expect(d, "company_name", "CÔNG TY TNHH XÂY DỰNG AN PHÚ", A);
	expect(d, "head_office_address",
	       "Số 12, Quốc lộ 1A, xã Tân Phú, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "charter_capital", "8000000000", A);
	expect(d, "legal_representative", "Nguyễn Văn An", A);
	assert_int_equal(d->n_subjects, 1);
	assert_string_equal(d->subjects[0].kind, "enterprise");
	assert_string_equal(d->subjects[0].key, "0312650437");
	assert_string_equal(d->subjects[0].display_name, "CÔNG TY TNHH XÂY DỰNG AN PHÚ");
	classify_result_destroy(&r);
	unbuild(&b);
}

static const seg land_p1[] = {
    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
    {2, 2, "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở"},
    {8, 3, "VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT"},
    {0, 5, "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất"},
    {0, 6, "Ông: NGUYỄN VĂN AN, năm sinh: 1960, CCCD số: 034060001234"},
    {0, 7, "Địa chỉ thường trú: Thôn 3, xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
    {0, 9, "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất"},
    {0, 10, "Thửa đất số: 123, tờ bản đồ số: 45"},
    {0, 11, "Địa chỉ: Ấp 2, xã An Bình, huyện Đức Hòa, tỉnh Long An"},
    {0, 12, "Diện tích: 120,5 m² (bằng chữ: Một trăm hai mươi phẩy năm mét vuông)"},
    {0, 13, "Hình thức sử dụng: Sử dụng riêng"},
    {0, 14, "Mục đích sử dụng: Đất ở tại nông thôn"},
    {0, 15, "Thời hạn sử dụng: Lâu dài"},
    {20, 18, "BĐ 123456"},
};
static const seg land_p2[] = {
    {0, 0, "III. Sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất"},
    {40, 8, "Đức Hòa, ngày 05 tháng 3 năm 2015"},
    {42, 9, "TM. ỦY BAN NHÂN DÂN"},
    {44, 10, "KT. CHỦ TỊCH"},
    {0, 14, "Số vào sổ cấp Giấy chứng nhận: CS 01234"},
    {0, 16, "IV. Những thay đổi sau khi cấp Giấy chứng nhận"},
};

/* The code's first digit read as a letter set apart ("O 312650437"):
 * read, repaired, sent to review; the check digit still holds it. */
static void business_code_split(void **state)
{
	static const seg s[] = {
	    {6, 0, "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP"},
	    {4, 1, "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN"},
	    {0, 2.8, "Mã số doanh nghiệp: O 312650437"},
	    {0, 3.8, "Đăng ký lần đầu: ngày 11 tháng 03 năm 2010"},
	    {0, 5, "Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH XÂY DỰNG AN PHÚ"},
	    {0, 6, "Điện thoại: 027 2123456"},
	};
	built b;
	classify_result *r = extract("business_registration", s, N(s), &b);

	expect(&r->documents[0], "enterprise_code", "0312650437", R);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void land_two_pages(void **state)
{
	built b1, b2;
	classify_page pg[2];
	classify_result *r = NULL;
	const classify_document *d;
	core_err e;

	build(land_p1, N(land_p1), &b1, &pg[0], 3);
	build(land_p2, N(land_p2), &b2, &pg[1], 4);
	core_err_clear(&e);
	assert_int_equal(classify_extract(defs, "land_use_certificate", pg, 2, NULL, &r, &e), 0);
	d = &r->documents[0];
	assert_int_equal(d->first_page, 3);
	assert_int_equal(d->last_page, 4);
	expect(d, "owner_name", "Nguyễn Văn An", A);
	expect(d, "parcel_number", "123", A);
	expect(d, "map_sheet_number", "45", A);
	expect(d, "land_address", "Ấp 2, xã An Bình, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "area_m2", "120.5", A);
	expect(d, "land_use_purpose", "Đất ở tại nông thôn", A);
	expect(d, "certificate_number", "CS01234", A);
	expect(d, "date_of_issue", "2015-03-05", A);
	assert_int_equal(field(d, "certificate_number")->page, 4);
	assert_int_equal(field(d, "parcel_number")->page, 3);
	classify_result_destroy(&r);
	unbuild(&b1);
	unbuild(&b2);
}

static void decision(void **state)
{
	static const seg s[] = {
	    {2, 0, "ỦY BAN NHÂN DÂN"},
	    {40, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {3, 1, "HUYỆN ĐỨC HÒA"},
	    {43, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {2, 2, "Số: 145/QĐ-UBND"},
	    {42, 2, "Đức Hòa, ngày 05 tháng 3 năm 2025"},
	    {25, 4, "QUYẾT ĐỊNH"},
	    {8, 5, "Về việc cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông"},
	    {20, 6, "Nguyễn Văn An"},
	    {15, 7.8, "ỦY BAN NHÂN DÂN HUYỆN ĐỨC HÒA"},
	    {4, 9, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"},
	    {4, 10, "Theo đề nghị của Trưởng phòng Tài nguyên và Môi trường."},
	    {24, 11.5, "QUYẾT ĐỊNH:"},
	    {4, 12.8, "Điều 1. Quyết định cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông"},
	    {0, 13.8, "Nguyễn Văn An."},
	};
	built b;
	classify_result *r = extract("decision", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "decision_number", "145/QĐ-UBND", A);
	expect(d, "issue_date", "2025-03-05", A);
	expect(d, "issuer", "Ủy ban nhân dân huyện Đức Hòa", A);
	expect(d, "subject", "cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông Nguyễn Văn An", A);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void application_numbered(void **state)
{
	static const seg s[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {14, 1, "Độc lập - Tự do - Hạnh phúc"},
	    {8, 2, "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"},
	    {0, 4, "Kính gửi: Công an xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
	    {0, 5.8, "1. Họ, chữ đệm và tên: Phạm Minh Tuấn"},
	    {0, 6.8, "2. Ngày, tháng, năm sinh: 01/01/1985"},
	    {0, 7.8, "3. Giới tính: Nam"},
	    {0, 8.8, "4. Số định danh cá nhân: 079085001122"},
	    {0, 9.8, "5. Số điện thoại liên hệ: 0912345678"},
	    {0, 10.8, "6. Nơi cư trú: Số 5 đường Lê Lợi, phường Bến Nghé, quận 1,"},
	    {4, 11.8, "thành phố Hồ Chí Minh"},
	    {0, 12.8, "7. Nội dung đề nghị:"},
	    {4, 13.8, "Đăng ký thường trú tại Số 9 đường Trần Hưng Đạo, phường An Bình, quận"},
	    {4, 14.8, "Ninh Kiều, thành phố Cần Thơ."},
	    {4, 15.9, "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật và chịu"},
	    {0, 16.9, "trách nhiệm trước pháp luật về lời khai của mình."},
	    {40, 18, "Tân Phú, ngày 05 tháng 3 năm 2024"},
	    {44, 19, "NGƯỜI KÊ KHAI"},
	};
	built b;
	classify_result *r = extract("application_form", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	expect(d, "addressee", "Công an xã Tân Phú, huyện Đức Hòa, tỉnh Long An", A);
	expect(d, "full_name", "Phạm Minh Tuấn", A);
	expect(d, "date_of_birth", "1985-01-01", A);
	expect(d, "personal_id", "079085001122", A);
	expect(d, "request",
	       "Đăng ký thường trú tại Số 9 đường Trần Hưng Đạo, phường An Bình, quận Ninh Kiều, "
	       "thành phố Cần Thơ.",
	       A);
	assert_null(field(d, "sex"));
	assert_int_equal(d->n_subjects, 1);
	assert_string_equal(d->subjects[0].role, "applicant");
	classify_result_destroy(&r);
	unbuild(&b);
}

/* ---- what must go to review ------------------------------------------------- */

static void review_cases(void **state)
{
	static const seg s[] = {
	    {18, 0, "GIẤY KHAI SINH"},
	    {0, 2, "Họ, chữ đệm, tên: Lê ~Văn Hải"},
	    {0, 3, "Ngày, tháng, năm sinh: 05/03/1990"},
	    {0, 4, "Giới tính: Nữ"},
	    {0, 5, "Số định danh cá nhân: 080090001234"},
	    {0, 6, "Họ, chữ đệm, tên người mẹ: Trần Thị Lan"},
	    {0, 7, "Họ, chữ đệm, tên người cha: Lê Văn 4n"},
	    {0, 8, "Ngày, tháng, năm đăng ký: ngày 20 tháng 3 năm 1989"},
	    {0, 9, "Nơi sinh: Bệnh viện Đa khoa tỉnh Long An"},
	};
	built b;
	classify_result *r = extract("birth_certificate", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	/* One word read at 40%: the name is proposed, not trusted. */
	expect(d, "full_name", "Lê Văn Hải", R);
	assert_true(field(d, "full_name")->confidence < 0.8);
	/* Sex digit 0 is a man: the ID and the sex field disagree. */
	expect(d, "personal_id", "080090001234", R);
	assert_non_null(strstr(field(d, "personal_id")->validators_json, "sex digit 0"));
	assert_false(field(d, "personal_id")->validators_ok);
	/* A digit in a name: the normalizer refuses it, the raw text waits
	 * for a person. */
	assert_non_null(field(d, "father_name"));
	assert_null(field(d, "father_name")->value);
	assert_string_equal(field(d, "father_name")->raw, "Lê Văn 4n");
	assert_int_equal(field(d, "father_name")->status, R);
	/* Registered before being born. */
	expect(d, "registration_date", "1989-03-20", R);
	assert_non_null(strstr(field(d, "registration_date")->validators_json, "is after"));
	expect(d, "mother_name", "Trần Thị Lan", A);
	expect(d, "place_of_birth", "Bệnh viện Đa khoa tỉnh Long An", A);
	/* No valid key, no subject. */
	assert_int_equal(d->n_subjects, 0);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void review_repairs_and_mrz(void **state)
{
	static const seg s[] = {
	    {16, 0, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 1, "Số / No.: O34O9OOO1234"},
	    {10, 2, "Họ và tên / Full name: NGUYỄN VĂN AN"},
	    {10, 3, "Ngày sinh / Date of birth: 05/03/1990"},
	    {10, 4, "Giới tính / Sex: Nam"},
	    {10, 6, "IDVNM0900012845034090001234<<4"},
	    {10, 7, MRZ_L2},
	    {10, 8, MRZ_L3},
	};
	built b;
	classify_result *r = extract("cccd", s, N(s), &b);
	const classify_document *d = &r->documents[0];

	/* Letters O read for zeros: mapped, but a person confirms. */
	expect(d, "personal_id", "034090001234", R);
	assert_non_null(strstr(field(d, "personal_id")->validators_json, "look-alike"));
	/* A misread MRZ fails its check digit and vouches for nothing. */
	expect(d, "mrz", "IDVNM0900012845034090001234<<4\n" MRZ_L2 "\n" MRZ_L3, R);
	assert_null(strstr(field(d, "full_name")->validators_json, "mrz_agrees"));
	expect(d, "full_name", "Nguyễn Văn An", A);
	classify_result_destroy(&r);
	unbuild(&b);
}

static void threshold_option(void **state)
{
	static const seg s[] = {
	    {0, 0, "Thửa đất số: 123, tờ bản đồ số: 45"},
	};
	built b;
	classify_page pg;
	classify_result *r = NULL;
	classify_options o;
	core_err e;

	build(s, N(s), &b, &pg, 1);
	classify_options_default(&o);
	o.review_threshold = 0.99;
	core_err_clear(&e);
	assert_int_equal(classify_extract(defs, "land_use_certificate", &pg, 1, &o, &r, &e), 0);
	expect(&r->documents[0], "parcel_number", "123", R);
	classify_result_destroy(&r);
	assert_int_not_equal(classify_extract(defs, "passport", &pg, 1, &o, &r, &e), 0);
	assert_int_equal(e.code, CORE_EARG);
	unbuild(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cccd_2021),
	    cmocka_unit_test(cccd_province_misread),
	    cmocka_unit_test(cccd_long_name),
	    cmocka_unit_test(cccd_slashes_misread),
	    cmocka_unit_test(can_cuoc_2024),
	    cmocka_unit_test(cccd_2016_back),
	    cmocka_unit_test(cmnd),
	    cmocka_unit_test(birth_certificate_ocr_errors),
	    cmocka_unit_test(marriage_two_columns),
	    cmocka_unit_test(marriage_names_wrap),
	    cmocka_unit_test(marital_status),
	    cmocka_unit_test(business_numbered),
	    cmocka_unit_test(business_code_split),
	    cmocka_unit_test(land_two_pages),
	    cmocka_unit_test(decision),
	    cmocka_unit_test(application_numbered),
	    cmocka_unit_test(review_cases),
	    cmocka_unit_test(review_repairs_and_mrz),
	    cmocka_unit_test(threshold_option),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
