/*
 * test_classify_ocr.c - the whole chain on real OCR: pages rendered
 * with known text (bench_render_lines), recognized by Tesseract,
 * classified, separated and extracted.  Every field read must be the
 * printed value or go to review; nothing wrong may be auto-accepted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "classify.h"
#include "ocr.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef struct want {
	const char *name, *value;
} want;

static const char *const form_lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH",
    "",
    "Kính gửi: Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An",
    "Tôi tên là: Trần Thị Lan",
    "Ngày, tháng, năm sinh: 12/07/1965",
    "Giới tính: Nữ",
    "Số định danh cá nhân: 080165004321",
    "Số điện thoại liên hệ: 0912345678",
    "Nội dung đề nghị:",
    "    Cấp 02 bản sao trích lục khai sinh để bổ sung hồ sơ xin việc.",
    "",
    "    Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật.",
};
static const want form_want[] = {
    {"addressee", "Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
    {"full_name", "Trần Thị Lan"},
    {"date_of_birth", "1965-07-12"},
    {"personal_id", "080165004321"},
    {"request", "Cấp 02 bản sao trích lục khai sinh để bổ sung hồ sơ xin việc."},
};

static const char *const birth_lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY KHAI SINH",
    "",
    "Họ, chữ đệm, tên: Nguyễn Thị Hương",
    "Ngày, tháng, năm sinh: 05/03/1990",
    "Giới tính: Nữ",
    "Dân tộc: Kinh",
    "Quốc tịch: Việt Nam",
    "Nơi sinh: Bệnh viện Đa khoa tỉnh Long An",
    "Quê quán: Xã An Bình, huyện Gia Lâm, thành phố Hà Nội",
    "Số định danh cá nhân: 080190001234",
    "",
    "Họ, chữ đệm, tên người mẹ: Trần Thị Lan",
    "Năm sinh: 1965",
    "Họ, chữ đệm, tên người cha: Nguyễn Văn Hùng",
    "Năm sinh: 1962",
    "",
    "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An",
    "Ngày, tháng, năm đăng ký: ngày 20 tháng 3 năm 1990",
};
static const want birth_want[] = {
    {"full_name", "Nguyễn Thị Hương"},
    {"date_of_birth", "1990-03-05"},
    {"sex", "Nữ"},
    {"ethnicity", "Kinh"},
    {"nationality", "Việt Nam"},
    {"place_of_birth", "Bệnh viện Đa khoa tỉnh Long An"},
    {"place_of_origin", "Xã An Bình, huyện Gia Lâm, thành phố Hà Nội"},
    {"personal_id", "080190001234"},
    {"mother_name", "Trần Thị Lan"},
    {"father_name", "Nguyễn Văn Hùng"},
    {"registration_place", "Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An"},
    {"registration_date", "1990-03-20"},
};

static const char *const business_lines[] = {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
    "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN",
    "",
    "Mã số doanh nghiệp: 0312650437",
    "Đăng ký lần đầu: ngày 11 tháng 03 năm 2010",
    "Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH XÂY DỰNG AN PHÚ",
    "Địa chỉ trụ sở chính: Số 12 đường Lê Lợi, phường Bến Nghé, quận 1, thành phố Hồ Chí Minh",
    "Vốn điều lệ: 8.000.000.000 đồng",
    "Người đại diện theo pháp luật của công ty",
    "Họ và tên: NGUYỄN VĂN AN",
    "Chức danh: Giám đốc",
};
static const want business_want[] = {
    {"enterprise_code", "0312650437"},
    {"first_registration_date", "2010-03-11"},
    {"company_name", "CÔNG TY TNHH XÂY DỰNG AN PHÚ"},
    {"head_office_address", "Số 12 đường Lê Lợi, phường Bến Nghé, quận 1, thành phố Hồ Chí Minh"},
    {"charter_capital", "8000000000"},
    {"legal_representative", "Nguyễn Văn An"},
};

typedef struct ocr_page {
	ocr_result *res;
	classify_word *words;
} ocr_page;

static ocr_engine *engine;

static void recognize(const char *const *lines, int n, ocr_page *op, classify_page *pg, int number)
{
	bench_raster r;
	ocr_image *img = NULL;
	ocr_limits lim;
	core_err e;
	char path[] = "/tmp/sohoa-clsocr-XXXXXX";
	int fd;

	core_err_clear(&e);
	assert_int_equal(bench_render_lines(lines, n, "Liberation Serif", 12, 300, &r, &e), 0);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bench_write_tiff(path, &r, 1, "lzw", 8, true, &e), 0);
	ocr_limits_default(&lim);
	assert_int_equal(ocr_image_load(path, 0, &lim, &img, &e), 0);
	assert_int_equal(ocr_engine_recognize(engine, img, &op->res, &e), 0);
	op->words = calloc((size_t)op->res->n_words + 1, sizeof(*op->words));
	assert_non_null(op->words);
	for (int i = 0; i < op->res->n_words; i++) {
		const ocr_word *w = &op->res->words[i];

		op->words[i] =
		    (classify_word){w->text, w->conf,  w->x0,   w->y0,         w->x1,
		                    w->y1,   w->block, w->line, w->tone_rival, w->tone_gap};
	}
	memset(pg, 0, sizeof(*pg));
	pg->number = number;
	pg->text = op->res->text;
	pg->words = op->words;
	pg->n_words = op->res->n_words;
	pg->width = r.width;
	pg->height = r.height;
	ocr_image_destroy(&img);
	bench_raster_free(&r);
	unlink(path);
}

/* Returns how many wanted fields were read right; fails on any field
 * auto-accepted with a wrong value. */
static int check(const classify_document *d, const want *w, int n)
{
	int right = 0;

	for (int i = 0; i < d->n_fields; i++) {
		const classify_field *f = &d->fields[i];
		const char *expect = NULL;

		for (int j = 0; j < n; j++)
			if (strcmp(w[j].name, f->name) == 0)
				expect = w[j].value;
		printf("#   %-24s %-13s %.2f %s\n", f->name, classify_status_name(f->status),
		       f->confidence, f->value ? f->value : "(null)");
		if (expect && f->value && strcmp(expect, f->value) == 0)
			right++;
		else if (f->status == CLASSIFY_AUTO_ACCEPTED)
			fail_msg("%s auto-accepted as \"%s\", printed \"%s\"", f->name,
			         f->value ? f->value : "", expect ? expect : "(nothing)");
	}
	return right;
}

static void real_ocr_dossier(void **state)
{
	classify_defs *defs = NULL;
	ocr_options opt;
	ocr_page op[4];
	classify_page pg[4];
	classify_result *r = NULL;
	core_err e;
	int right;

	core_err_clear(&e);
	assert_int_equal(classify_defs_load(NULL, &defs, &e), 0);
	ocr_options_default(&opt);
	assert_int_equal(ocr_engine_create(&opt, &engine, &e), 0);
	recognize(form_lines, N(form_lines), &op[0], &pg[0], 1);
	recognize(birth_lines, N(birth_lines), &op[1], &pg[1], 2);
	memset(&pg[2], 0, sizeof(pg[2]));
	pg[2].number = 3;
	pg[2].blank = true;
	recognize(business_lines, N(business_lines), &op[3], &pg[3], 4);

	assert_int_equal(classify_dossier(defs, NULL, pg, 4, NULL, &r, &e), 0);
	assert_int_equal(r->n_documents, 3);
	assert_string_equal(r->documents[0].type, "application_form");
	assert_string_equal(r->documents[1].type, "birth_certificate");
	assert_string_equal(r->documents[2].type, "business_registration");
	assert_int_equal(r->documents[2].first_page, 4);

	printf("# application_form\n");
	right = check(&r->documents[0], form_want, N(form_want));
	assert_true(right >= N(form_want) - 1);
	printf("# birth_certificate\n");
	right = check(&r->documents[1], birth_want, N(birth_want));
	assert_true(right >= N(birth_want) - 2);
	printf("# business_registration\n");
	right = check(&r->documents[2], business_want, N(business_want));
	assert_true(right >= N(business_want) - 1);
	/* The mother on the birth certificate filed the form: one ID, one
	 * name, no conflict; the enterprise is a subject. */
	assert_int_equal(r->documents[2].n_subjects, 1);
	assert_string_equal(r->documents[2].subjects[0].key, "0312650437");

	classify_result_destroy(&r);
	for (int i = 0; i < 4; i++) {
		if (i == 2)
			continue;
		free(op[i].words);
		ocr_result_destroy(&op[i].res);
	}
	ocr_engine_destroy(&engine);
	classify_defs_destroy(&defs);
	bench_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(real_ocr_dossier),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
