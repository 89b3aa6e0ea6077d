/*
 * test_classify_doc.c - page classification (rules and naive Bayes),
 * the model file, document separation on mixed dossiers, the
 * cross-document identity check, and concurrent use of shared
 * definitions and model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "word_fixtures.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static classify_defs *defs;

/* ---- synthetic pages --------------------------------------------------- */

static uint32_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return (rng_state >> 8) % n;
}

static const char *const families[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"};
static const char *const middles[] = {"Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc"};
static const char *const givens[] = {"An", "Bình", "Lan", "Hương", "Tuấn", "Hải", "Mai"};
static const char *const places[] = {
    "xã Tân Phú, huyện Đức Hòa, tỉnh Long An", "phường Bến Nghé, quận 1, thành phố Hồ Chí Minh",
    "xã An Bình, huyện Gia Lâm, thành phố Hà Nội", "xã Quỳnh Lâm, huyện Quỳnh Lưu, tỉnh Nghệ An"};

typedef struct page_buf {
	char text[4096];
} page_buf;

static void add(page_buf *p, const char *fmt, ...) CORE_PRINTF(2, 3);

static void add(page_buf *p, const char *fmt, ...)
{
	size_t n = strlen(p->text);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->text + n, sizeof(p->text) - n, fmt, ap);
	va_end(ap);
	n = strlen(p->text);
	if (n + 1 < sizeof(p->text)) {
		p->text[n] = '\n';
		p->text[n + 1] = '\0';
	}
}

static const char *name(char *buf, size_t size)
{
	snprintf(buf, size, "%s %s %s", families[rnd(N(families))], middles[rnd(N(middles))],
	         givens[rnd(N(givens))]);
	return buf;
}

static const char *place(void)
{
	return places[rnd(N(places))];
}

/* One page of a type; title: with its printed title and national header. */
static void make_page(const char *type, bool title, page_buf *p)
{
	char nm[96], nm2[96];
	int d = 1 + (int)rnd(28), m = 1 + (int)rnd(12), y = 1950 + (int)rnd(60);

	p->text[0] = '\0';
	if (title && strcmp(type, "other") != 0) {
		add(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
		add(p, "Độc lập - Tự do - Hạnh phúc");
	}
	if (strcmp(type, "cccd") == 0) {
		if (title)
			add(p, "CĂN CƯỚC CÔNG DÂN");
		add(p, "Số / No.: 0340%d000%04u", y % 100, rnd(10000));
		add(p, "Họ và tên / Full name:");
		add(p, "%s", name(nm, sizeof(nm)));
		add(p, "Ngày sinh / Date of birth: %02d/%02d/%d", d, m, y);
		add(p, "Giới tính / Sex: Nam Quốc tịch / Nationality: Việt Nam");
		add(p, "Quê quán / Place of origin: %s", place());
		add(p, "Nơi thường trú / Place of residence: %s", place());
		add(p, "Có giá trị đến / Date of expiry: %02d/%02d/2035", d, m);
		add(p, "Đặc điểm nhân dạng / Personal identification:");
		add(p, "Nốt ruồi C:1cm trên trước đầu lông mày trái");
		add(p, "Ngày, tháng, năm / Date, month, year: %02d/%02d/2021", d, m);
		add(p, "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI");
		add(p, "Ngón trỏ trái Ngón trỏ phải");
		add(p, "IDVNM0900012345034090001234<<4");
	} else if (strcmp(type, "birth_certificate") == 0) {
		if (title)
			add(p, "GIẤY KHAI SINH");
		add(p, "Họ, chữ đệm, tên: %s", name(nm, sizeof(nm)));
		add(p, "Ngày, tháng, năm sinh: %02d/%02d/%d", d, m, y);
		add(p, "Giới tính: Nữ Dân tộc: Kinh Quốc tịch: Việt Nam");
		add(p, "Nơi sinh: Trạm y tế %s", place());
		add(p, "Họ, chữ đệm, tên người mẹ: %s", name(nm2, sizeof(nm2)));
		add(p, "Năm sinh: %d", y - 25);
		add(p, "Họ, chữ đệm, tên người cha: %s", name(nm2, sizeof(nm2)));
		add(p, "Nơi đăng ký khai sinh: Ủy ban nhân dân %s", place());
		add(p, "Ngày, tháng, năm đăng ký: ngày %02d tháng %d năm %d", d, m, y);
		add(p, "NGƯỜI KÝ GIẤY KHAI SINH");
	} else if (strcmp(type, "land_use_certificate") == 0) {
		if (title)
			add(p, "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT");
		add(p, "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất");
		add(p, "Ông: %s, năm sinh: %d", name(nm, sizeof(nm)), y);
		add(p, "Thửa đất số: %u, tờ bản đồ số: %u", 1 + rnd(900), 1 + rnd(60));
		add(p, "Địa chỉ: %s", place());
		add(p, "Diện tích: %u,5 m²", 50 + rnd(400));
		add(p, "Hình thức sử dụng: Sử dụng riêng");
		add(p, "Mục đích sử dụng: Đất ở tại nông thôn");
		add(p, "Thời hạn sử dụng: Lâu dài");
		add(p, "Nguồn gốc sử dụng: Nhà nước giao đất có thu tiền sử dụng đất");
	} else if (strcmp(type, "decision") == 0) {
		if (title) {
			add(p, "ỦY BAN NHÂN DÂN");
			add(p, "Số: %u/QĐ-UBND", 1 + rnd(900));
			add(p, "QUYẾT ĐỊNH");
		}
		add(p, "Về việc cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông %s",
		    name(nm, sizeof(nm)));
		add(p, "ỦY BAN NHÂN DÂN HUYỆN ĐỨC HÒA");
		add(p, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
		add(p, "Theo đề nghị của Trưởng phòng Tài nguyên và Môi trường.");
		add(p, "QUYẾT ĐỊNH:");
		add(p, "Điều 1. Cấp Giấy chứng nhận quyền sử dụng đất cho hộ ông %s.", nm);
		add(p, "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.");
		add(p, "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./.");
		add(p, "Nơi nhận: TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH");
	} else if (strcmp(type, "application_form") == 0) {
		if (title)
			add(p, "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH");
		add(p, "Kính gửi: Ủy ban nhân dân %s", place());
		add(p, "Tôi tên là: %s", name(nm, sizeof(nm)));
		add(p, "Ngày, tháng, năm sinh: %02d/%02d/%d", d, m, y);
		add(p, "Số định danh cá nhân: 0340%d000%04u", y % 100, rnd(10000));
		add(p, "Số điện thoại liên hệ: 09%08u", rnd(100000000));
		add(p, "Nội dung đề nghị:");
		add(p, "Cấp 02 bản sao trích lục khai sinh để bổ sung hồ sơ xin việc.");
		add(p, "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật.");
		add(p, "NGƯỜI LÀM ĐƠN (Ký, ghi rõ họ tên)");
	} else {
		add(p,
		    "Trong quý I năm 2024, Bộ phận một cửa cấp xã đã tiếp nhận %u hồ sơ, trong "
		    "đó %u hồ sơ được giải quyết đúng hạn.",
		    100 + rnd(900), 50 + rnd(50));
		add(p, "Cán bộ một cửa có trách nhiệm tiếp nhận hồ sơ đăng ký doanh nghiệp theo "
		       "quy định của pháp luật.");
		add(p, "Đồng thời, công chức tư pháp - hộ tịch tiến hành số hóa kết quả giải quyết "
		       "thủ tục hành chính qua Cổng Dịch vụ công quốc gia.");
		add(p, "Người nộp hồ sơ xem xét, giải quyết thông tin của công dân bảo đảm công "
		       "khai, minh bạch.");
	}
}

static const char *const model_types[] = {"cccd",     "birth_certificate", "land_use_certificate",
                                          "decision", "application_form",  "other"};

static classify_model *train_model(int per_type)
{
	int n = per_type * N(model_types);
	classify_sample *s = calloc((size_t)n, sizeof(*s));
	page_buf *pb = calloc((size_t)n, sizeof(*pb));
	classify_model *m = NULL;
	core_err e;

	rng_state = 7;
	for (int i = 0; i < n; i++) {
		s[i].type = model_types[i % N(model_types)];
		/* Half the training pages carry their title. */
		make_page(s[i].type, (i / N(model_types)) % 2 == 0, &pb[i]);
		s[i].text = pb[i].text;
	}
	core_err_clear(&e);
	assert_int_equal(classify_model_train(s, n, &m, &e), 0);
	free(s);
	free(pb);
	return m;
}

static int setup(void **state)
{
	core_err e;

	core_err_clear(&e);
	return classify_defs_load(NULL, &defs, &e) ? -1 : 0;
}

static int teardown(void **state)
{
	classify_defs_destroy(&defs);
	return 0;
}

/* ---- classification ------------------------------------------------------ */

static void titles_decide_without_model(void **state)
{
	static const struct {
		const char *text, *type;
	} cases[] = {
	    {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCĂN CƯỚC CÔNG DÂN\nSố / No.: 034090001234",
	     "cccd"},
	    {"CĂN CƯỚC\nIDENTITY CARD\nSố định danh cá nhân", "cccd"},
	    {"GIẤY CHỨNG MINH NHÂN DÂN\nSố 201234567", "cmnd"},
	    {"TRÍCH LỤC KHAI SINH\n(Bản sao)", "birth_certificate"},
	    {"GIAY KHAI SINH\nHo, chu dem, ten:", "birth_certificate"},
	    {"GIẤY CHỨNG NHẬN KẾT HÔN", "marriage_certificate"},
	    {"GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "marital_status_certificate"},
	    {"GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nMã số doanh nghiệp: 0100233488",
	     "business_registration"},
	    {"GIẤY CHỨNG NHẬN\nQUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI "
	     "ĐẤT",
	     "land_use_certificate"},
	    {"ỦY BAN NHÂN DÂN\nQUYẾT ĐỊNH\nVề việc cấp giấy", "decision"},
	    {"TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\nKính gửi:", "application_form"},
	    /* A form asking for a marital status certificate is a form. */
	    {"ĐƠN ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", "application_form"},
	    {"Trong quý I năm 2024, Bộ phận một cửa đã tiếp nhận 120 hồ sơ.", "other"},
	};
	classify_page_info pi;
	core_err e;

	core_err_clear(&e);
	for (int i = 0; i < N(cases); i++) {
		assert_int_equal(classify_page_classify(defs, NULL, cases[i].text, &pi, &e), 0);
		if (strcmp(pi.type, cases[i].type) != 0)
			printf("# case %d: want %s, got %s\n", i, cases[i].type, pi.type);
		assert_string_equal(pi.type, cases[i].type);
	}
	assert_int_equal(classify_page_classify(defs, NULL,
	                                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCĂN CƯỚC "
	                                        "CÔNG DÂN\nIDVNM0900012345034090001234<<4",
	                                        &pi, &e),
	                 0);
	assert_true(pi.title);
	assert_true(pi.national_header);
	assert_true(pi.opens_document);
	assert_true(pi.card);
	assert_true(pi.mrz);
	assert_true(pi.confidence >= 0.9);
	/* Keywords alone, no model: a land certificate's second page. */
	assert_int_equal(classify_page_classify(defs, NULL,
	                                        "III. Sơ đồ thửa đất\nSố vào sổ cấp Giấy chứng "
	                                        "nhận: CS 01234\nNhững thay đổi sau khi cấp Giấy "
	                                        "chứng nhận",
	                                        &pi, &e),
	                 0);
	assert_string_equal(pi.type, "land_use_certificate");
	assert_false(pi.opens_document);
	assert_true(pi.confidence < 0.9);
}

static void naive_bayes_held_out(void **state)
{
	classify_model *m = train_model(10);
	int right = 0, total = 0;
	core_err e;

	core_err_clear(&e);
	/* Held-out pages (another seed), titles removed: the model alone. */
	rng_state = 12345;
	for (int rep = 0; rep < 5; rep++) {
		for (int t = 0; t < N(model_types); t++) {
			page_buf p;
			char type[CLASSIFY_TYPE_MAX];
			double post;
			classify_page_info pi;

			make_page(model_types[t], false, &p);
			assert_int_equal(classify_model_predict(m, p.text, type, &post, &e), 0);
			right += strcmp(type, model_types[t]) == 0;
			total++;
			assert_true(post > 0 && post <= 1);
			/* Combined with rules, through the page classifier. */
			assert_int_equal(classify_page_classify(defs, m, p.text, &pi, &e), 0);
			assert_string_equal(pi.type, model_types[t]);
		}
	}
	printf("# naive Bayes on held-out untitled pages: %d/%d\n", right, total);
	assert_int_equal(right, total);
	assert_int_equal(strlen(classify_model_version(m)), 64);
	classify_model_destroy(&m);
	assert_null(m);
	classify_model_destroy(&m);
}

static void model_file_round_trip(void **state)
{
	classify_model *m = train_model(4), *m2 = NULL, *m3 = NULL;
	char path[] = "/tmp/sohoa-nb-XXXXXX", type1[CLASSIFY_TYPE_MAX], type2[CLASSIFY_TYPE_MAX];
	double p1, p2;
	page_buf p;
	core_err e;
	FILE *f;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	core_err_clear(&e);
	assert_int_equal(classify_model_save(m, path, &e), 0);
	assert_int_equal(classify_model_load(path, &m2, &e), 0);
	/* The version is the file's hash: a reloaded model is the same model. */
	assert_string_equal(classify_model_version(m), classify_model_version(m2));
	rng_state = 99;
	make_page("decision", false, &p);
	assert_int_equal(classify_model_predict(m, p.text, type1, &p1, &e), 0);
	assert_int_equal(classify_model_predict(m2, p.text, type2, &p2, &e), 0);
	assert_string_equal(type1, type2);
	assert_true(p1 == p2);
	/* Training is deterministic. */
	m3 = train_model(4);
	assert_string_equal(classify_model_version(m), classify_model_version(m3));
	classify_model_destroy(&m3);

	f = fopen(path, "w");
	fputs("sohoa-nb 2\nclasses 1\n", f);
	fclose(f);
	assert_int_not_equal(classify_model_load(path, &m3, &e), 0);
	assert_null(m3);
	assert_string_equal(e.msg, "bad model file");
	assert_non_null(strstr(e.detail, "line 1"));
	f = fopen(path, "w");
	fputs("sohoa-nb 1\nclasses 1\nother 3 0\nvocab 2\nab -1.5\n", f);
	fclose(f);
	core_err_clear(&e);
	assert_int_not_equal(classify_model_load(path, &m3, &e), 0);
	assert_non_null(strstr(e.detail, "line 6"));
	unlink(path);
	core_err_clear(&e);
	assert_int_not_equal(classify_model_load(path, &m3, &e), 0);
	assert_int_equal(e.code, CORE_EIO);
	assert_int_not_equal(classify_model_train(NULL, 0, &m3, &e), 0);
	classify_model_destroy(&m);
	classify_model_destroy(&m2);
}

static void truth_samples(void **state)
{
	char dir[] = "/tmp/sohoa-truth-XXXXXX", path[128];
	classify_sample *s = NULL;
	int n = 0;
	core_err e;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/HS-2024-0001.json", dir);
	f = fopen(path, "w");
	fputs("{\"dossier\": \"HS-2024-0001\", \"pages\": ["
	      "{\"number\": 1, \"blank\": false, \"lines\": [\"GIẤY KHAI SINH\", \"Họ, chữ đệm, "
	      "tên: An\"]},"
	      "{\"number\": 2, \"blank\": true, \"lines\": []},"
	      "{\"number\": 3, \"blank\": false, \"lines\": [\"III. Sơ đồ thửa đất\"]}],"
	      "\"documents\": [{\"type\": \"birth_certificate\", \"first_page\": 1, "
	      "\"last_page\": 1}, {\"type\": \"land_use_certificate\", \"first_page\": 3, "
	      "\"last_page\": 3}]}",
	      f);
	fclose(f);
	core_err_clear(&e);
	assert_int_equal(classify_truth_samples(dir, &s, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].type, "birth_certificate");
	assert_string_equal(s[0].text, "GIẤY KHAI SINH\nHọ, chữ đệm, tên: An\n");
	assert_string_equal(s[1].type, "land_use_certificate");
	classify_samples_free(s, n);
	unlink(path);
	rmdir(dir);
}

/* ---- separation ------------------------------------------------------------ */

typedef struct dossier {
	page_buf text[10];
	classify_page pages[10];
	int n;
} dossier;

static void dossier_add(dossier *d, const char *type, bool title)
{
	classify_page *p = &d->pages[d->n];

	memset(p, 0, sizeof(*p));
	p->number = d->n + 1;
	if (!type) {
		p->blank = true;
	} else {
		make_page(type, title, &d->text[d->n]);
		p->text = d->text[d->n].text;
	}
	d->n++;
}

static void dossier_add_text(dossier *d, const char *text)
{
	classify_page *p = &d->pages[d->n];

	memset(p, 0, sizeof(*p));
	p->number = d->n + 1;
	snprintf(d->text[d->n].text, sizeof(d->text[d->n].text), "%s", text);
	p->text = d->text[d->n].text;
	d->n++;
}

/* Form, card photocopy, land certificate (2 pages), blank, decision, a
 * letter of two pages. */
static void mixed_dossier(dossier *d)
{
	memset(d, 0, sizeof(*d));
	rng_state = 4242;
	dossier_add(d, "application_form", true);
	dossier_add(d, "cccd", true);
	dossier_add(d, "land_use_certificate", true);
	/* Its second page: no title, no national header, its own sections. */
	dossier_add_text(d, "III. Sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất\n"
	                    "Đức Hòa, ngày 05 tháng 3 năm 2015\nTM. ỦY BAN NHÂN DÂN\n"
	                    "Số vào sổ cấp Giấy chứng nhận: CS 01234\n"
	                    "IV. Những thay đổi sau khi cấp Giấy chứng nhận\n");
	dossier_add(d, NULL, false);
	dossier_add(d, "decision", true);
	dossier_add(d, "other", false);
	dossier_add(d, "other", false);
}

static void check_mixed(const classify_result *r)
{
	static const struct {
		const char *type;
		int first, last;
	} want[] = {{"application_form", 1, 1},
	            {"cccd", 2, 2},
	            {"land_use_certificate", 3, 4},
	            {"decision", 6, 6},
	            {"other", 7, 8}};

	for (int i = 0; i < r->n_documents; i++)
		printf("# document %d: %s pages %d-%d (%.2f)\n", i, r->documents[i].type,
		       r->documents[i].first_page, r->documents[i].last_page,
		       r->documents[i].confidence);
	assert_int_equal(r->n_documents, N(want));
	for (int i = 0; i < N(want); i++) {
		assert_string_equal(r->documents[i].type, want[i].type);
		assert_int_equal(r->documents[i].first_page, want[i].first);
		assert_int_equal(r->documents[i].last_page, want[i].last);
	}
	assert_true(r->pages[4].blank);
	assert_true(r->pages[1].card);
	assert_int_equal(r->n_pages, 8);
}

static void separation_rules_only(void **state)
{
	dossier d;
	classify_result *r = NULL;
	core_err e;

	mixed_dossier(&d);
	core_err_clear(&e);
	assert_int_equal(classify_dossier(defs, NULL, d.pages, d.n, NULL, &r, &e), 0);
	check_mixed(r);
	assert_string_equal(r->model_version, "");
	assert_string_equal(r->definitions_version, classify_defs_version(defs));
	classify_result_destroy(&r);
}

static void separation_with_model(void **state)
{
	classify_model *m = train_model(8);
	dossier d;
	classify_result *r = NULL;
	core_buf b;
	core_err e;

	mixed_dossier(&d);
	core_err_clear(&e);
	assert_int_equal(classify_dossier(defs, m, d.pages, d.n, NULL, &r, &e), 0);
	check_mixed(r);
	assert_string_equal(r->model_version, classify_model_version(m));
	core_buf_init(&b, 1 << 20);
	assert_int_equal(classify_result_json(r, &b, &e), 0);
	assert_non_null(strstr(b.data, "\"type\":\"land_use_certificate\",\"first_page\":3,"
	                               "\"last_page\":4"));
	core_buf_free(&b);
	classify_result_destroy(&r);
	classify_model_destroy(&m);
}

static void separation_from_page_info(void **state)
{
	classify_page_info pi[6];
	int doc_of[6], n = 0, cmnd = -1;
	core_err e;

	for (int i = 0; i < classify_defs_n_types(defs); i++)
		if (strcmp(classify_defs_type(defs, i), "cmnd") == 0)
			cmnd = i;
	assert_true(cmnd >= 0);

	memset(pi, 0, sizeof(pi));
	/* A card's front and back scanned as two pages: the back has no
	 * title but reads as a card continuation. */
	snprintf(pi[0].type, sizeof(pi[0].type), "cmnd");
	pi[0].confidence = 0.97;
	pi[0].opens_document = true;
	snprintf(pi[1].type, sizeof(pi[1].type), "decision");
	pi[1].confidence = 0.9;
	pi[1].continues = (uint64_t)1 << cmnd;
	/* An unsure page follows its neighbour. */
	snprintf(pi[2].type, sizeof(pi[2].type), "decision");
	pi[2].confidence = 0.4;
	pi[3].blank = true;
	/* After a blank, even a continuation-looking page starts anew. */
	snprintf(pi[4].type, sizeof(pi[4].type), "cmnd");
	pi[4].confidence = 0.7;
	snprintf(pi[5].type, sizeof(pi[5].type), "birth_certificate");
	pi[5].confidence = 0.97;
	core_err_clear(&e);
	assert_int_equal(classify_separate(defs, pi, 6, doc_of, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(doc_of[0], 0);
	assert_int_equal(doc_of[1], 0);
	assert_int_equal(doc_of[2], 0);
	assert_int_equal(doc_of[3], -1);
	assert_int_equal(doc_of[4], 1);
	assert_int_equal(doc_of[5], 2);
}

/* ---- cross-document check ----------------------------------------------------- */

/* "Thuỷ" on one paper and "Thủy" on another are one spelling. */
static void cross_document_tone_placement(void **state)
{
	static const seg form[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {8, 1, "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH"},
	    {0, 3, "Họ, chữ đệm và tên: Nguyễn Thị Thuỷ"},
	    {0, 4, "Ngày, tháng, năm sinh: 05/03/1990"},
	    {0, 5, "Số định danh cá nhân: 034190001234"},
	};
	static const seg card[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {16, 1, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 2, "Số / No.: 034190001234"},
	    {10, 3, "Họ và tên / Full name: NGUYỄN THỊ THỦY"},
	    {10, 4, "Ngày sinh / Date of birth: 05/03/1990"},
	    {10, 5, "Giới tính / Sex: Nữ"},
	};
	built b1, b2;
	classify_page pg[2];
	classify_result *r = NULL;
	core_err e;
	int names = 0;

	build(form, N(form), &b1, &pg[0], 1);
	build(card, N(card), &b2, &pg[1], 2);
	core_err_clear(&e);
	assert_int_equal(classify_dossier(defs, NULL, pg, 2, NULL, &r, &e), 0);
	assert_int_equal(r->n_documents, 2);
	for (int d = 0; d < 2; d++)
		for (int i = 0; i < r->documents[d].n_fields; i++)
			if (strcmp(r->documents[d].fields[i].name, "full_name") == 0) {
				names++;
				assert_null(strstr(r->documents[d].fields[i].validators_json,
				                   "cross_document"));
			}
	assert_int_equal(names, 2);
	classify_result_destroy(&r);
	unbuild(&b1);
	unbuild(&b2);
	(void)state;
}

static void cross_document_conflict(void **state)
{
	static const seg form[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {8, 1, "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH"},
	    {0, 3, "Họ, chữ đệm và tên: Nguyễn Văn An"},
	    {0, 4, "Ngày, tháng, năm sinh: 05/03/1990"},
	    {0, 5, "Số định danh cá nhân: 034090001234"},
	};
	static const seg card[] = {
	    {10, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
	    {16, 1, "CĂN CƯỚC CÔNG DÂN"},
	    {10, 2, "Số / No.: 034090001234"},
	    {10, 3, "Họ và tên / Full name: NGUYỄN VĂN ANH"},
	    {10, 4, "Ngày sinh / Date of birth: 05/03/1990"},
	    {10, 5, "Giới tính / Sex: Nam"},
	};
	built b1, b2;
	classify_page pg[2];
	classify_result *r = NULL;
	core_err e;
	const classify_field *n1 = NULL, *n2 = NULL;

	build(form, N(form), &b1, &pg[0], 1);
	build(card, N(card), &b2, &pg[1], 2);
	core_err_clear(&e);
	assert_int_equal(classify_dossier(defs, NULL, pg, 2, NULL, &r, &e), 0);
	assert_int_equal(r->n_documents, 2);
	for (int i = 0; i < r->documents[0].n_fields; i++)
		if (strcmp(r->documents[0].fields[i].name, "full_name") == 0)
			n1 = &r->documents[0].fields[i];
	for (int i = 0; i < r->documents[1].n_fields; i++)
		if (strcmp(r->documents[1].fields[i].name, "full_name") == 0)
			n2 = &r->documents[1].fields[i];
	assert_non_null(n1);
	assert_non_null(n2);
	printf("# %s / %s\n", n1->validators_json, n2->validators_json);
	/* One ID, two names: neither is trusted until a person decides. */
	assert_int_equal(n1->status, CLASSIFY_NEEDS_REVIEW);
	assert_int_equal(n2->status, CLASSIFY_NEEDS_REVIEW);
	assert_non_null(strstr(n1->validators_json,
	                       "\"cross_document\":\"name differs in cccd page "
	                       "2: Nguyễn Văn Anh\""));
	assert_non_null(strstr(n2->validators_json, "cross_document"));
	/* The matching birth dates stay accepted. */
	for (int i = 0; i < r->documents[1].n_fields; i++)
		if (strcmp(r->documents[1].fields[i].name, "date_of_birth") == 0)
			assert_int_equal(r->documents[1].fields[i].status, CLASSIFY_AUTO_ACCEPTED);
	assert_int_equal(r->documents[0].n_subjects, 1);
	assert_string_equal(r->documents[0].subjects[0].role, "applicant");
	assert_string_equal(r->documents[1].subjects[0].role, "holder");
	classify_result_destroy(&r);
	unbuild(&b1);
	unbuild(&b2);
}

/* ---- threads ------------------------------------------------------------------- */

typedef struct job {
	const classify_model *m;
	const char *want;
	int ok;
} job;

static void dossier_json(const classify_model *m, char **out)
{
	dossier d;
	classify_result *r = NULL;
	core_buf b;
	core_err e;

	mixed_dossier(&d);
	core_err_clear(&e);
	*out = NULL;
	if (classify_dossier(defs, m, d.pages, d.n, NULL, &r, &e))
		return;
	core_buf_init(&b, 1 << 20);
	if (classify_result_json(r, &b, &e) == 0)
		*out = core_buf_steal(&b);
	core_buf_free(&b);
	classify_result_destroy(&r);
}

static void *worker(void *arg)
{
	job *j = arg;

	for (int i = 0; i < 10; i++) {
		char *s = NULL;
		dossier d;
		classify_result *r = NULL;
		core_buf b;
		core_err e;

		/* mixed_dossier() reseeds a shared generator: build pages
		 * under the lock, classify outside it. */
		static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

		pthread_mutex_lock(&mu);
		mixed_dossier(&d);
		pthread_mutex_unlock(&mu);
		core_err_clear(&e);
		if (classify_dossier(defs, j->m, d.pages, d.n, NULL, &r, &e) == 0) {
			core_buf_init(&b, 1 << 20);
			if (classify_result_json(r, &b, &e) == 0)
				s = core_buf_steal(&b);
			core_buf_free(&b);
		}
		classify_result_destroy(&r);
		j->ok += s && strcmp(s, j->want) == 0;
		free(s);
	}
	return NULL;
}

static void concurrent_calls_share_defs_and_model(void **state)
{
	classify_model *m = train_model(6);
	pthread_t th[4];
	job jobs[4];
	char *want = NULL;

	dossier_json(m, &want);
	assert_non_null(want);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (job){m, want, 0};
		assert_int_equal(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].ok, 10);
	}
	free(want);
	classify_model_destroy(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(titles_decide_without_model),
	    cmocka_unit_test(naive_bayes_held_out),
	    cmocka_unit_test(model_file_round_trip),
	    cmocka_unit_test(truth_samples),
	    cmocka_unit_test(separation_rules_only),
	    cmocka_unit_test(separation_with_model),
	    cmocka_unit_test(separation_from_page_info),
	    cmocka_unit_test(cross_document_conflict),
	    cmocka_unit_test(cross_document_tone_placement),
	    cmocka_unit_test(concurrent_calls_share_defs_and_model),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
