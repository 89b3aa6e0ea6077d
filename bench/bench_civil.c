/*
 * bench_civil.c - civil status papers issued by the commune: birth
 * certificate (Giấy khai sinh, or its extract Trích lục khai sinh),
 * marriage certificate and marital status certificate, each in two
 * layouts, all about the dossier's subject.
 */
#include "bench_priv.h"

#include <string.h>

#define BENCH_CIVIL_TEXT 256

typedef struct bench_commune {
	bench_addr a;
	char body_up[128]; /* "XÃ TÂN PHÚ" */
	char ubnd[320]; /* "Ủy ban nhân dân xã Tân Phú, huyện Đức Hòa, tỉnh Long An" */
	char local[96]; /* "Tân Phú": the date line's place */
} bench_commune;

static void bench_commune_of(const bench_addr *a, bench_commune *cm)
{
	char unit[96], full[256];

	cm->a = *a;
	cm->a.head[0] = '\0';
	bench_addr_commune(&cm->a, unit, sizeof(unit));
	bench_upper(unit, cm->body_up, sizeof(cm->body_up));
	bench_addr_fmt(&cm->a, BENCH_ADDR_UNIT, full, sizeof(full));
	bench_fmt(cm->ubnd, sizeof(cm->ubnd), "Ủy ban nhân dân %s", full);
	core_strlcpy(cm->local, cm->a.commune, sizeof(cm->local));
}

static void bench_make_commune(bench_rng *r, uint32_t prov, bench_commune *cm)
{
	bench_addr a;

	bench_make_addr(r, prov, false, &a);
	bench_commune_of(&a, cm);
}

static int bench_left_header(bench_ctx *x, const bench_commune *cm, const char *no,
                             const char *date_line)
{
	const char *left[] = {"ỦY BAN NHÂN DÂN", cm->body_up, no};
	const char *right[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"};

	return bench_two_column_header(x, left, 3, 0x3, right, 2, date_line);
}

/* ---- birth certificate ---------------------------------------------- */

int bench_birth_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *child = &x->doc->subject;
	bench_person mother, father;
	bench_commune reg, now;
	bench_date regd = child->dob, issued;
	char dob[16], iso[16], spelled[192], pob[256], poo[256], home[256], regdate[64];
	char regiso[16], no[96], signer[96], my[8], fy[8], date_line[160], family[32];
	char gender_line[128], dob_line[320], prov_name[96];
	const char *sex = child->female ? "Nữ" : "Nam";
	bool extract = bench_rng_below(r, 2);
	int rc;

	bench_family_of(child->name, family, sizeof(family));
	/* Children take the father's family name. */
	bench_make_person(r, true, NULL, child->dob.y - 40, child->dob.y - 18, child->prov,
	                  &mother);
	bench_make_person(r, false, family, child->dob.y - 45, child->dob.y - 19, child->prov,
	                  &father);
	/* Parents mostly share the child's ethnicity. */
	if (bench_rng_below(r, 5))
		mother.ethnic = father.ethnic = child->ethnic;
	bench_fmt(my, sizeof(my), "%d", mother.dob.y);
	bench_fmt(fy, sizeof(fy), "%d", father.dob.y);
	bench_make_commune(r, child->prov, &reg);
	bench_province_name(child->prov, false, prov_name, sizeof(prov_name));
	switch (bench_rng_below(r, 3)) {
	case 0:
		bench_fmt(pob, sizeof(pob), "Bệnh viện Đa khoa %s", prov_name);
		break;
	case 1:
		bench_addr_fmt(&reg.a, BENCH_ADDR_UNIT, home, sizeof(home));
		bench_fmt(pob, sizeof(pob), "Trạm y tế %s", home);
		break;
	default:
		bench_addr_fmt(&reg.a, BENCH_ADDR_FULL, pob, sizeof(pob));
		break;
	}
	bench_addr_fmt(&child->origin, BENCH_ADDR_FULL, poo, sizeof(poo));
	bench_addr_fmt(&mother.home, BENCH_ADDR_FULL, home, sizeof(home));
	bench_date_add(&regd, 1 + (int)bench_rng_below(r, 60));
	bench_date_fmt(&regd, BENCH_DATE_WORDS, regdate, sizeof(regdate));
	bench_date_fmt(&regd, BENCH_DATE_ISO, regiso, sizeof(regiso));
	bench_date_fmt(&child->dob, BENCH_DATE_SLASH, dob, sizeof(dob));
	bench_date_fmt(&child->dob, BENCH_DATE_ISO, iso, sizeof(iso));
	bench_date_fmt(&child->dob, BENCH_DATE_SPELLED, spelled, sizeof(spelled));
	bench_make_name(r, bench_rng_below(r, 2), NULL, signer, sizeof(signer));
	bench_commune_of(&child->home, &now);
	bench_date_random(r, 2023, 2024, &issued);
	bench_date_fmt(&issued, BENCH_DATE_WORDS, date_line, sizeof(date_line));
	bench_fmt(gender_line, sizeof(gender_line), "%s, %s", now.local, date_line);
	core_strlcpy(date_line, gender_line, sizeof(date_line));
	bench_fmt(dob_line, sizeof(dob_line), "%s ghi bằng chữ: %s", dob, spelled);

	const bench_kv fields[] = {
	    {"full_name", child->name},
	    {"date_of_birth", iso},
	    {"sex", sex},
	    {"ethnicity", child->ethnic},
	    {"nationality", "Việt Nam"},
	    {"place_of_birth", pob},
	    {"place_of_origin", poo},
	    {"personal_id", child->id},
	    {"mother_name", mother.name},
	    {"father_name", father.name},
	    {"registration_place", reg.ubnd},
	    {"registration_date", regiso},
	};

	if (!extract) {
		const bench_kv rows[] = {
		    {"Họ, chữ đệm, tên:", child->name},
		    {"Ngày, tháng, năm sinh:", dob},
		    {"ghi bằng chữ:", spelled},
		    {"Giới tính:", sex},
		    {"Dân tộc:", child->ethnic},
		    {"Quốc tịch:", "Việt Nam"},
		    {"Nơi sinh:", pob},
		    {"Quê quán:", poo},
		    {"Số định danh cá nhân:", child->id},
		    {NULL, NULL},
		    {"Họ, chữ đệm, tên người mẹ:", mother.name},
		    {"Năm sinh:", my},
		    {"Nơi cư trú:", home},
		    {NULL, NULL},
		    {"Họ, chữ đệm, tên người cha:", father.name},
		    {"Năm sinh:", fy},
		    {"Nơi cư trú:", home},
		    {NULL, NULL},
		    {"Nơi đăng ký khai sinh:", reg.ubnd},
		    {"Ngày, tháng, năm đăng ký:", regdate},
		};

		x->layout = "giay_khai_sinh";
		bench_fmt(no, sizeof(no), "Số: %u, Quyển số: %02u/%d", 1 + bench_rng_below(r, 300),
		          1 + bench_rng_below(r, 3), regd.y);
		rc = bench_national_header(x);
		rc = rc ? rc : bench_canvas_draw(x->c, &x->title, 0, "GIẤY KHAI SINH", x->err);
		rc = rc ? rc : bench_canvas_draw(x->c, &x->center, 0, no, x->err);
		bench_canvas_skip(x->c, 10);
		rc = rc ? rc : bench_rows(x, rows, N_(rows));
		rc = rc ? rc
		        : bench_signature(x, date_line, "NGƯỜI KÝ GIẤY KHAI SINH",
		                          "(Ký, ghi rõ họ tên, chức vụ, đóng dấu)", signer);
		return rc ? rc : bench_fields(x, fields, N_(fields));
	}
	/* The extract sets sex, ethnicity and nationality on one line and
	 * gives the parents their ethnicity and nationality. */
	bench_fmt(gender_line, sizeof(gender_line), "Giới tính: %s Dân tộc: %s Quốc tịch: Việt Nam",
	          sex, child->ethnic);
	const bench_kv rows[] = {
	    {"Họ, chữ đệm, tên:", child->name},
	    {"Ngày, tháng, năm sinh:", dob_line},
	    {"", gender_line},
	    {"Nơi sinh:", pob},
	    {"Quê quán:", poo},
	    {"Số định danh cá nhân:", child->id},
	    {NULL, NULL},
	    {"Họ, chữ đệm, tên người mẹ:", mother.name},
	    {"Năm sinh:", my},
	    {"Dân tộc:", mother.ethnic},
	    {"Quốc tịch:", "Việt Nam"},
	    {"Nơi cư trú:", home},
	    {NULL, NULL},
	    {"Họ, chữ đệm, tên người cha:", father.name},
	    {"Năm sinh:", fy},
	    {"Dân tộc:", father.ethnic},
	    {"Quốc tịch:", "Việt Nam"},
	    {"Nơi cư trú:", home},
	    {NULL, NULL},
	    {"Nơi đăng ký khai sinh:", reg.ubnd},
	    {"Ngày, tháng, năm đăng ký:", regdate},
	};

	x->layout = "trich_luc_khai_sinh";
	bench_fmt(no, sizeof(no), "Số: %u/TLKS-BS", 1 + bench_rng_below(r, 900));
	rc = bench_left_header(x, &now, no, date_line);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->title, 0, "TRÍCH LỤC KHAI SINH", x->err);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->center, 0, "(Bản sao)", x->err);
	bench_canvas_skip(x->c, 8);
	for (size_t i = 0; rc == 0 && i < N_(rows); i++) {
		if (!rows[i].key)
			bench_canvas_skip(x->c, 6);
		else if (!*rows[i].key)
			rc = bench_canvas_text(x->c, &x->body, 0, x->hang, rows[i].value, x->err);
		else
			rc = bench_labelled(x, rows[i].key, rows[i].value);
	}
	rc = rc ? rc
	        : bench_signature(x, NULL, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", NULL,
	                          signer);
	return rc ? rc : bench_fields(x, fields, N_(fields));
}

/* ---- marriage ------------------------------------------------------- */

typedef struct bench_spouse {
	const bench_person *p;
	char dob[16], home[256], paper[96];
} bench_spouse;

/* Before 2016 the identity paper was the 9-digit CMND. */
static void bench_spouse_make(bench_rng *r, const bench_person *p, int year, bench_spouse *s)
{
	char cmnd[10];

	s->p = p;
	bench_date_fmt(&p->dob, BENCH_DATE_SLASH, s->dob, sizeof(s->dob));
	bench_addr_fmt(&p->home, BENCH_ADDR_FULL, s->home, sizeof(s->home));
	bench_make_cmnd(r, p->prov, cmnd);
	if (year < 2016)
		bench_fmt(s->paper, sizeof(s->paper), "Giấy chứng minh nhân dân số %s", cmnd);
	else
		bench_fmt(s->paper, sizeof(s->paper), "Căn cước công dân số %s", p->id);
}

static int bench_spouse_rows(bench_ctx *x, const char *name_label, const bench_spouse *s)
{
	const bench_kv rows[] = {
	    {name_label, s->p->name},   {"Ngày, tháng, năm sinh:", s->dob},
	    {"Dân tộc:", s->p->ethnic}, {"Quốc tịch:", "Việt Nam"},
	    {"Nơi cư trú:", s->home},   {"Giấy tờ tùy thân:", s->paper},
	};

	return bench_rows(x, rows, N_(rows));
}

static int bench_spouse_columns(bench_ctx *x, const bench_spouse *wife, const bench_spouse *husband)
{
	const char *labels[] = {NULL,          "Ngày, tháng, năm sinh:", "Dân tộc:", "Quốc tịch:",
	                        "Nơi cư trú:", "Giấy tờ tùy thân:"};
	const bench_spouse *s[2] = {wife, husband};
	int x0 = bench_canvas_x(x->c), col = bench_canvas_text_width(x->c);
	int gap = bench_canvas_px(x->c, 14), rc = 0;

	for (uint32_t k = 0; rc == 0 && k < N_(labels); k++) {
		char text[2][BENCH_TEXT_MAX];

		for (int j = 0; j < 2; j++) {
			const char *v = k == 0   ? s[j]->p->name
			                : k == 1 ? s[j]->dob
			                : k == 2 ? s[j]->p->ethnic
			                : k == 3 ? "Việt Nam"
			                : k == 4 ? s[j]->home
			                         : s[j]->paper;

			bench_fmt(text[j], sizeof(text[j]), "%s %s",
			          k   ? labels[k]
			          : j ? "Họ, chữ đệm, tên chồng:"
			              : "Họ, chữ đệm, tên vợ:",
			          v);
		}
		{
			bench_cell cells[2] = {
			    {&x->body, text[0], x0, x0 + col / 2 - gap, x->hang},
			    {&x->body, text[1], x0 + col / 2 + gap, x0 + col, x->hang},
			};

			rc = bench_canvas_row(x->c, cells, 2, x->err);
		}
	}
	return rc;
}

int bench_marriage_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *subj = &x->doc->subject;
	bench_person other;
	bench_spouse wife, husband;
	bench_commune reg;
	bench_date regd;
	char regdate[64], regiso[16], no[96], signer[96], date_line[160];
	bool columns = bench_rng_below(r, 2);
	int y0, rc;

	bench_make_person(r, !subj->female, NULL, subj->dob.y - 4, subj->dob.y + 4, subj->prov,
	                  &other);
	/* Both of legal age: 18 for her, 20 for him. */
	y0 = subj->female ? subj->dob.y + 18 : subj->dob.y + 20;
	if (other.dob.y + (subj->female ? 20 : 18) > y0)
		y0 = other.dob.y + (subj->female ? 20 : 18);
	bench_date_random(r, y0 + 1 > 2024 ? 2024 : y0 + 1, y0 + 15 > 2024 ? 2024 : y0 + 15, &regd);
	bench_spouse_make(r, subj->female ? subj : &other, regd.y, &wife);
	bench_spouse_make(r, subj->female ? &other : subj, regd.y, &husband);
	bench_date_fmt(&regd, BENCH_DATE_WORDS, regdate, sizeof(regdate));
	bench_date_fmt(&regd, BENCH_DATE_ISO, regiso, sizeof(regiso));
	bench_commune_of(&subj->home, &reg);
	bench_fmt(no, sizeof(no), "Số: %u, Quyển số: %02u/%d", 1 + bench_rng_below(r, 200),
	          1 + bench_rng_below(r, 3), regd.y);
	bench_make_name(r, bench_rng_below(r, 2), NULL, signer, sizeof(signer));
	bench_fmt(date_line, sizeof(date_line), "%s, %s", reg.local, regdate);

	/* The personal IDs only when printed (certificates from 2016). */
	const bench_kv fields[] = {
	    {"wife_name", wife.p->name},      {"husband_name", husband.p->name},
	    {"registration_date", regiso},    {"registration_place", reg.ubnd},
	    {"wife_personal_id", wife.p->id}, {"husband_personal_id", husband.p->id},
	};
	size_t n_fields = regd.y < 2016 ? N_(fields) - 2 : N_(fields);

	x->layout = columns ? "ket_hon_hai_cot" : "ket_hon_mot_cot";
	rc = bench_national_header(x);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->title, 0, "GIẤY CHỨNG NHẬN KẾT HÔN", x->err);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->center, 0, no, x->err);
	bench_canvas_skip(x->c, 12);
	if (rc == 0 && columns) {
		/* Wife left, husband right, a field a row (Tesseract's order). */
		rc = bench_spouse_columns(x, &wife, &husband);
	} else if (rc == 0) {
		rc = bench_spouse_rows(x, "Họ, chữ đệm, tên chồng:", &husband);
		bench_canvas_skip(x->c, 6);
		rc = rc ? rc : bench_spouse_rows(x, "Họ, chữ đệm, tên vợ:", &wife);
	}
	bench_canvas_skip(x->c, 8);
	rc = rc ? rc : bench_labelled(x, "Nơi đăng ký kết hôn:", reg.ubnd);
	rc = rc ? rc : bench_labelled(x, "Ngày, tháng, năm đăng ký:", regdate);
	rc = rc ? rc
	        : bench_signature(x, NULL, "NGƯỜI KÝ GIẤY CHỨNG NHẬN KẾT HÔN",
	                          "(Ký, ghi rõ họ tên, chức vụ, đóng dấu)", signer);
	return rc ? rc : bench_fields(x, fields, n_fields);
}

/* ---- marital status ------------------------------------------------- */

static const char *const bench_uses[] = {"đăng ký kết hôn", "bổ sung hồ sơ vay vốn",
                                         "làm thủ tục mua bán nhà đất", "bổ sung hồ sơ xin việc"};

int bench_marital_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *p = &x->doc->subject;
	bench_commune cm;
	bench_date issued, since;
	char dob[16], iso[16], issue_iso[16], date[64], date_line[160], home[256], paper[96];
	char stay[BENCH_CIVIL_TEXT], status[160], status_line[200], use[BENCH_CIVIL_TEXT], no[96];
	char signer[96], spouse[96], since_s[16], until_s[16];
	bool columns = bench_rng_below(r, 2);
	int rc;

	bench_commune_of(&p->home, &cm);
	bench_date_random(r, 2023, 2024, &issued);
	bench_date_fmt(&issued, BENCH_DATE_WORDS, date, sizeof(date));
	bench_date_fmt(&issued, BENCH_DATE_ISO, issue_iso, sizeof(issue_iso));
	bench_fmt(date_line, sizeof(date_line), "%s, %s", cm.local, date);
	bench_date_fmt(&p->dob, BENCH_DATE_SLASH, dob, sizeof(dob));
	bench_date_fmt(&p->dob, BENCH_DATE_ISO, iso, sizeof(iso));
	bench_addr_fmt(&p->home, BENCH_ADDR_FULL, home, sizeof(home));
	bench_fmt(paper, sizeof(paper), "Căn cước công dân số %s", p->id);
	since = p->dob;
	since.y += 18;
	if (since.d > bench_days_in(since.y, since.m))
		since.d = bench_days_in(since.y, since.m);
	bench_date_fmt(&since, BENCH_DATE_SLASH, since_s, sizeof(since_s));
	bench_date_fmt(&issued, BENCH_DATE_SLASH, until_s, sizeof(until_s));
	bench_fmt(stay, sizeof(stay), "%s, từ ngày %s đến ngày %s", home, since_s, until_s);
	switch (bench_rng_below(r, 3)) {
	case 0:
		core_strlcpy(status, "Chưa đăng ký kết hôn với ai", sizeof(status));
		break;
	case 1:
		core_strlcpy(status, "Đã ly hôn, chưa đăng ký kết hôn lại với ai", sizeof(status));
		break;
	default:
		bench_make_name(r, !p->female, NULL, spouse, sizeof(spouse));
		bench_fmt(status, sizeof(status), "Đã đăng ký kết hôn với %s %s",
		          p->female ? "ông" : "bà", spouse);
		break;
	}
	bench_fmt(status_line, sizeof(status_line), "%s.", status);
	bench_fmt(use, sizeof(use),
	          "Giấy này có giá trị sử dụng trong thời hạn 6 tháng, kể từ ngày cấp, được sử "
	          "dụng để: %s.",
	          PICK(r, bench_uses));
	bench_fmt(no, sizeof(no), "Số: %u/UBND-XNTTHN", 1 + bench_rng_below(r, 900));
	bench_make_name(r, bench_rng_below(r, 2), NULL, signer, sizeof(signer));

	const bench_kv rows[] = {
	    {"Họ, chữ đệm, tên:", p->name},
	    {"Ngày, tháng, năm sinh:", dob},
	    {"Giới tính:", p->female ? "Nữ" : "Nam"},
	    {"Dân tộc:", p->ethnic},
	    {"Quốc tịch:", "Việt Nam"},
	    {"Giấy tờ tùy thân:", paper},
	    {"Nơi cư trú:", home},
	    {"Trong thời gian cư trú tại:", stay},
	    {"Tình trạng hôn nhân:", status_line},
	};
	const bench_kv fields[] = {
	    {"full_name", p->name},       {"date_of_birth", iso},     {"personal_id", p->id},
	    {"place_of_residence", home}, {"marital_status", status}, {"date_of_issue", issue_iso},
	};

	if (columns) {
		x->layout = "xac_nhan_hai_cot";
		rc = bench_left_header(x, &cm, no, date_line);
	} else {
		x->layout = "xac_nhan_mot_cot";
		rc = bench_national_header(x);
	}
	rc = rc ? rc
	        : bench_canvas_text(x->c, &x->title, 0, 0, "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
	                            x->err);
	if (rc == 0 && !columns)
		rc = bench_canvas_draw(x->c, &x->center, 0, no, x->err);
	bench_canvas_skip(x->c, 10);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->bold, 0, "XÁC NHẬN:", x->err);
	rc = rc ? rc : bench_rows(x, rows, N_(rows));
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, x->hang, 0, use, x->err);
	rc = rc ? rc
	        : bench_signature(x, columns ? NULL : date_line, "NGƯỜI KÝ GIẤY XÁC NHẬN",
	                          "(Ký, ghi rõ họ tên, chức vụ, đóng dấu)", signer);
	return rc ? rc : bench_fields(x, fields, N_(fields));
}
