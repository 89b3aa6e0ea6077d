/*
 * bench_load_types.c - one page writer per document type, on the
 * builder of bench_load_doc.c.  Layouts follow the printed labels of the
 * real forms.
 */
#include "bench_load_doc.h"

#include <stdio.h>
#include <string.h>

static const char bench_load_nation1[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
static const char bench_load_nation2[] = "Độc lập - Tự do - Hạnh phúc";

/* Validators as the classifier writes them. */
static const char bench_load_v_none[] = "{}";
static const char bench_load_v_id[] = "{\"personal_id\":\"ok\"}";
static const char bench_load_v_cmnd[] = "{\"cmnd\":\"ok\"}";
static const char bench_load_v_ent[] = "{\"enterprise_code\":\"ok\"}";
static const char bench_load_v_date[] = "{\"date\":\"ok\"}";
static const char bench_load_v_order[] = "{\"date\":\"ok\",\"date_order\":\"ok\"}";
static const char bench_load_v_name[] = "{\"name\":\"ok\"}";

static const char *const bench_load_marks[] = {
    "Nốt ruồi C:1cm trên sau đầu mày phải", "Sẹo chấm C:2cm dưới sau cánh mũi trái",
    "Nốt ruồi C:1,5cm dưới trước mép trái", "Sẹo chấm C:3cm trên trước đầu mày trái",
    "Nốt ruồi C:2cm dưới sau dái tai phải",
};

static const char *bench_load_sex(const bench_load_person *pe)
{
	return pe->female ? "Nữ" : "Nam";
}

/* What a dossier asks for (REQUEST procedures): the application's words
 * and the decision's. */
static const struct {
	const char *request;
	const char *decision;
} bench_load_requests[] = {
    {"Đề nghị xét hưởng trợ cấp xã hội hằng tháng.",
     "giải quyết chế độ trợ cấp xã hội hằng tháng cho"},
    {"Đề nghị hỗ trợ kinh phí sửa chữa nhà ở.", "hỗ trợ kinh phí sửa chữa nhà ở cho"},
    {"Đề nghị công nhận hòa giải viên ở cơ sở.", "công nhận hòa giải viên đối với"},
};

/* The office that received the dossier, the same for all its papers,
 * and what the dossier asks for. */
static int bench_load_office(const bench_load_ctx *x, bench_load_place *pl)
{
	bench_load_rng r;

	bench_load_rng_init(&r, x->p->seed, BENCH_LOAD_S_OFFICE, (uint64_t)x->dossier);
	bench_load_place_make(&r, x->p->dossiers[x->dossier].office, pl);
	return (int)bench_load_below(&r, (uint32_t)BENCH_LOAD_N(bench_load_requests));
}

/* ---- the layouts --------------------------------------------------------------- */

static void bench_load_nation(bench_load_ctx *x)
{
	bench_load_line(x, bench_load_nation1);
	bench_load_line(x, bench_load_nation2);
}

void bench_load_cccd(bench_load_ctx *x)
{
	bench_load_person pe;
	char up[128], dob[16], dob_iso[16], iss[16], iss_iso[16], exp[16], exp_iso[16];
	int32_t lo, issue, expiry = 0;
	int age;
	bool chip2024;

	bench_load_person_of(x, 0, &pe);
	lo = bench_load_birthday(pe.birth, 14);
	if (lo < bench_load_days(2016, 1, 1))
		lo = bench_load_days(2016, 1, 1);
	issue = bench_load_day_in(&x->r, lo, x->today - 1);
	chip2024 = issue >= bench_load_days(2024, 7, 1);
	age = bench_load_year(issue) - bench_load_year(pe.birth);
	/* Cards are renewed at 25, 40 and 60; from 60 on they do not expire. */
	if (age < 23)
		expiry = bench_load_birthday(pe.birth, 25);
	else if (age < 38)
		expiry = bench_load_birthday(pe.birth, 40);
	else if (age < 58)
		expiry = bench_load_birthday(pe.birth, 60);
	bench_load_upper(pe.name, up, sizeof(up));
	bench_load_dmy(pe.birth, '/', dob);
	bench_load_iso(pe.birth, dob_iso);
	bench_load_dmy(issue, '/', iss);
	bench_load_iso(issue, iss_iso);
	if (expiry) {
		bench_load_dmy(expiry, '/', exp);
		bench_load_iso(expiry, exp_iso);
	} else {
		core_strlcpy(exp, "Không thời hạn", sizeof(exp));
	}
	bench_load_nation(x);
	if (!chip2024) {
		bench_load_line(x, "SOCIALIST REPUBLIC OF VIET NAM");
		bench_load_line(x, "Independence - Freedom - Happiness");
		bench_load_line(x, "CĂN CƯỚC CÔNG DÂN");
		bench_load_line(x, "Citizen Identity Card");
		bench_load_kv(x, "Số / No.:", "personal_id", pe.key, pe.key, bench_load_v_id);
		bench_load_kv_below(x, "Họ và tên / Full name:", "full_name", up, pe.name,
		                    bench_load_v_name);
		bench_load_kv(x, "Ngày sinh / Date of birth:", "date_of_birth", dob, dob_iso,
		              bench_load_v_date);
		bench_load_kv(x, "Giới tính / Sex:", "sex", bench_load_sex(&pe),
		              bench_load_sex(&pe), bench_load_v_none);
		bench_load_kv(x, "Quốc tịch / Nationality:", "nationality", "Việt Nam", "Việt Nam",
		              bench_load_v_none);
		bench_load_kv_below(x, "Quê quán / Place of origin:", "place_of_origin", pe.origin,
		                    pe.origin, bench_load_v_none);
		bench_load_kv_below(x, "Nơi thường trú / Place of residence:", "place_of_residence",
		                    pe.residence, pe.residence, bench_load_v_none);
		bench_load_kv(x, "Có giá trị đến / Date of expiry:", "date_of_expiry", exp,
		              expiry ? exp_iso : NULL, bench_load_v_order);
		bench_load_page(x);
		bench_load_line(x, "Đặc điểm nhân dạng / Personal identification:");
		bench_load_line(x, BENCH_LOAD_PICK(&x->r, bench_load_marks));
		bench_load_kv(x, "Ngày, tháng, năm / Date, month, year:", "date_of_issue", iss,
		              iss_iso, bench_load_v_order);
		bench_load_line(x, "CỤC TRƯỞNG CỤC CẢNH SÁT");
		bench_load_line(x, "QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI");
		bench_load_line(x, "Ngón trỏ trái          Ngón trỏ phải");
	} else {
		bench_load_line(x, "CĂN CƯỚC");
		bench_load_line(x, "IDENTITY CARD");
		bench_load_kv_below(x, "Số định danh cá nhân / Personal identification number:",
		                    "personal_id", pe.key, pe.key, bench_load_v_id);
		bench_load_kv_below(x, "Họ, chữ đệm và tên khai sinh / Full name:", "full_name", up,
		                    pe.name, bench_load_v_name);
		bench_load_kv(x, "Ngày, tháng, năm sinh / Date of birth:", "date_of_birth", dob,
		              dob_iso, bench_load_v_date);
		bench_load_kv(x, "Giới tính / Sex:", "sex", bench_load_sex(&pe),
		              bench_load_sex(&pe), bench_load_v_none);
		bench_load_kv(x, "Quốc tịch / Nationality:", "nationality", "Việt Nam", "Việt Nam",
		              bench_load_v_none);
		bench_load_page(x);
		bench_load_kv_below(x, "Nơi cư trú / Place of residence:", "place_of_residence",
		                    pe.residence, pe.residence, bench_load_v_none);
		bench_load_kv_below(x, "Nơi đăng ký khai sinh / Place of birth:", "place_of_birth",
		                    pe.birth_place, pe.birth_place, bench_load_v_none);
		bench_load_kv(x, "Ngày, tháng, năm cấp / Date of issue:", "date_of_issue", iss,
		              iss_iso, bench_load_v_order);
		bench_load_kv(x, "Ngày, tháng, năm hết hạn / Date of expiry:", "date_of_expiry",
		              exp, expiry ? exp_iso : NULL, bench_load_v_order);
		bench_load_line(x, "BỘ CÔNG AN / MINISTRY OF PUBLIC SECURITY");
	}
	bench_load_mrz(x, &pe, expiry);
}

void bench_load_cmnd(bench_load_ctx *x)
{
	bench_load_person pe;
	char up[128], dob[16], dob_iso[16], iss[64], iss_iso[16], prov[96], police[160];
	int32_t lo, hi, issue;

	bench_load_person_of(x, 0, &pe);
	lo = bench_load_birthday(pe.birth, 16);
	if (lo < bench_load_days(1995, 1, 1))
		lo = bench_load_days(1995, 1, 1);
	hi = bench_load_days(2015, 12, 31);
	if (hi > x->today - 1)
		hi = x->today - 1;
	issue = bench_load_day_in(&x->r, lo, hi);
	bench_load_upper(pe.name, up, sizeof(up));
	bench_load_dmy(pe.birth, '-', dob);
	bench_load_iso(pe.birth, dob_iso);
	bench_load_prose(issue, iss, sizeof(iss));
	iss[0] = 'N';
	bench_load_iso(issue, iss_iso);
	bench_load_nation(x);
	bench_load_line(x, "GIẤY CHỨNG MINH NHÂN DÂN");
	bench_load_kv(x, "Số", "cmnd_number", pe.cmnd, pe.cmnd, bench_load_v_cmnd);
	bench_load_kv(x, "Họ tên", "full_name", up, pe.name, bench_load_v_name);
	bench_load_kv(x, "Sinh ngày", "date_of_birth", dob, dob_iso, bench_load_v_date);
	bench_load_kv(x, "Nguyên quán", "place_of_origin", pe.origin, pe.origin, bench_load_v_none);
	bench_load_kv(x, "Nơi ĐKHK thường trú", "place_of_residence", pe.residence, pe.residence,
	              bench_load_v_none);
	bench_load_page(x);
	bench_load_kv(x, "Dân tộc", "ethnicity", pe.ethnicity, pe.ethnicity, bench_load_v_none);
	bench_load_line(x, "Tôn giáo Không");
	bench_load_line(x, "DẤU VẾT RIÊNG VÀ DỊ HÌNH");
	bench_load_line(x, BENCH_LOAD_PICK(&x->r, bench_load_marks));
	bench_load_value(x, "date_of_issue", iss, iss_iso, bench_load_v_date);
	bench_load_end(x);
	bench_load_province_name(pe.province, prov, sizeof(prov));
	bench_load_upper(prov, police, sizeof(police));
	bench_load_labelled(x, "GIÁM ĐỐC CA", police);
	bench_load_line(x, "NGÓN TRỎ TRÁI          NGÓN TRỎ PHẢI");
}

void bench_load_birth(bench_load_ctx *x)
{
	bench_load_person c, m, f;
	bench_load_place pl;
	char name[128], mname[128], fname[128], dob[16], dob_iso[16], words[256], reg[64],
	    reg_iso[16], place[320], num[64], signer[96], yr[16];
	bool upper = x->doc->variant & 1;
	int32_t day;

	bench_load_person_of(x, 0, &c);
	bench_load_person_of(x, bench_load_link(x->doc, BENCH_LOAD_MOTHER), &m);
	bench_load_person_of(x, bench_load_link(x->doc, BENCH_LOAD_FATHER), &f);
	if (upper) {
		bench_load_upper(c.name, name, sizeof(name));
		bench_load_upper(m.name, mname, sizeof(mname));
		bench_load_upper(f.name, fname, sizeof(fname));
	} else {
		core_strlcpy(name, c.name, sizeof(name));
		core_strlcpy(mname, m.name, sizeof(mname));
		core_strlcpy(fname, f.name, sizeof(fname));
	}
	day = c.birth + bench_load_range(&x->r, 5, 60);
	bench_load_dmy(c.birth, '/', dob);
	bench_load_iso(c.birth, dob_iso);
	bench_load_date_words(c.birth, words, sizeof(words));
	bench_load_prose(day, reg, sizeof(reg));
	bench_load_iso(day, reg_iso);
	bench_load_place_make(&x->r, c.province, &pl);
	bench_load_fmt(place, sizeof(place), "Ủy ban nhân dân %s", pl.full);
	bench_load_fmt(num, sizeof(num), "Số: %d, Quyển số: %02d/%d",
	               bench_load_range(&x->r, 1, 400), bench_load_range(&x->r, 1, 6),
	               bench_load_year(day));
	bench_load_nation(x);
	bench_load_line(x, x->doc->variant < 2 ? "GIẤY KHAI SINH" : "TRÍCH LỤC KHAI SINH");
	bench_load_line(x, num);
	bench_load_kv(x, "Họ, chữ đệm, tên:", "full_name", name, c.name, bench_load_v_name);
	bench_load_kv(x, "Ngày, tháng, năm sinh:", "date_of_birth", dob, dob_iso,
	              bench_load_v_date);
	bench_load_labelled(x, "ghi bằng chữ:", words);
	bench_load_kv(x, "Giới tính:", "sex", bench_load_sex(&c), bench_load_sex(&c),
	              bench_load_v_none);
	bench_load_kv(x, "Dân tộc:", "ethnicity", c.ethnicity, c.ethnicity, bench_load_v_none);
	bench_load_kv(x, "Quốc tịch:", "nationality", "Việt Nam", "Việt Nam", bench_load_v_none);
	bench_load_kv(x, "Nơi sinh:", "place_of_birth", c.birth_place, c.birth_place,
	              bench_load_v_none);
	bench_load_kv(x, "Quê quán:", "place_of_origin", c.origin, c.origin, bench_load_v_none);
	bench_load_kv(x, "Số định danh cá nhân:", "personal_id", c.key, c.key, bench_load_v_id);
	bench_load_kv(x, "Họ, chữ đệm, tên người mẹ:", "mother_name", mname, m.name,
	              bench_load_v_name);
	snprintf(yr, sizeof(yr), "%d", bench_load_year(m.birth));
	bench_load_labelled(x, "Năm sinh:", yr);
	bench_load_labelled(x, "Nơi cư trú:", m.residence);
	bench_load_kv(x, "Họ, chữ đệm, tên người cha:", "father_name", fname, f.name,
	              bench_load_v_name);
	snprintf(yr, sizeof(yr), "%d", bench_load_year(f.birth));
	bench_load_labelled(x, "Năm sinh:", yr);
	bench_load_labelled(x, "Nơi cư trú:", f.residence);
	bench_load_kv(x, "Nơi đăng ký khai sinh:", "registration_place", place, place,
	              bench_load_v_none);
	bench_load_kv(x, "Ngày, tháng, năm đăng ký:", "registration_date", reg, reg_iso,
	              bench_load_v_order);
	bench_load_line(x, "NGƯỜI KÝ GIẤY KHAI SINH");
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.5), signer, sizeof(signer));
	bench_load_line(x, signer);
}

static void bench_load_spouse(bench_load_ctx *x, const char *label, const char *name,
                              const bench_load_person *pe)
{
	char up[128], dob[16], id[64];

	bench_load_upper(pe->name, up, sizeof(up));
	bench_load_kv(x, label, name, up, pe->name, bench_load_v_name);
	bench_load_dmy(pe->birth, '/', dob);
	bench_load_labelled(x, "Ngày, tháng, năm sinh:", dob);
	bench_load_labelled(x, "Dân tộc:", pe->ethnicity);
	bench_load_line(x, "Quốc tịch: Việt Nam");
	bench_load_labelled(x, "Nơi cư trú:", pe->residence);
	bench_load_fmt(id, sizeof(id), "Căn cước công dân số %s", pe->key);
	bench_load_labelled(x, "Giấy tờ tùy thân:", id);
}

void bench_load_marriage(bench_load_ctx *x)
{
	bench_load_person w, h;
	bench_load_place pl;
	char reg[16], reg_iso[16], place[320];
	int32_t lo, day;

	bench_load_person_of(x, bench_load_link(x->doc, BENCH_LOAD_WIFE), &w);
	bench_load_person_of(x, bench_load_link(x->doc, BENCH_LOAD_HUSBAND), &h);
	lo = bench_load_birthday(w.birth, 18);
	if (lo < bench_load_birthday(h.birth, 20))
		lo = bench_load_birthday(h.birth, 20);
	/* Most marriages in these dossiers are the one being registered,
	 * its certificate scanned the day it is issued. */
	day = bench_load_chance(&x->r, 0.6) ? x->today : bench_load_day_in(&x->r, lo, x->today - 1);
	if (day < lo)
		day = lo;
	bench_load_dmy(day, '/', reg);
	bench_load_iso(day, reg_iso);
	bench_load_office(x, &pl);
	bench_load_fmt(place, sizeof(place), "Ủy ban nhân dân %s", pl.full);
	bench_load_nation(x);
	bench_load_line(x, "GIẤY CHỨNG NHẬN KẾT HÔN");
	bench_load_spouse(x, "Họ, chữ đệm, tên vợ:", "wife_name", &w);
	bench_load_spouse(x, "Họ, chữ đệm, tên chồng:", "husband_name", &h);
	bench_load_labelled(x, "Nơi đăng ký kết hôn:", place);
	bench_load_kv(x, "Ngày, tháng, năm đăng ký:", "registration_date", reg, reg_iso,
	              bench_load_v_order);
	bench_load_line(x, "Chữ ký của vợ                    Chữ ký của chồng");
	bench_load_line(x, w.name);
	bench_load_line(x, h.name);
}

void bench_load_marital(bench_load_ctx *x)
{
	static const char *const states[] = {
	    "Chưa đăng ký kết hôn với ai.",
	    "Chưa đăng ký kết hôn với ai.",
	    "Đã đăng ký kết hôn, nhưng đã ly hôn theo Bản án của Tòa án nhân dân.",
	};
	bench_load_person pe;
	bench_load_place pl;
	char up[128], head[192], dob[16], dob_iso[16], iss[64], iss_iso[16], local[96], signer[96];
	int32_t day;

	bench_load_person_of(x, 0, &pe);
	day = x->today - (int32_t)bench_load_below(&x->r, 20);
	bench_load_office(x, &pl);
	bench_load_upper(pl.commune, up, sizeof(up));
	bench_load_fmt(head, sizeof(head), "ỦY BAN NHÂN DÂN %s", up);
	bench_load_dmy(pe.birth, '/', dob);
	bench_load_iso(pe.birth, dob_iso);
	bench_load_prose(day, iss, sizeof(iss));
	bench_load_iso(day, iss_iso);
	bench_load_fmt(local, sizeof(local), "%s,", pl.local);
	bench_load_line(x, head);
	bench_load_nation(x);
	bench_load_line(x, "GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN");
	bench_load_line(x, "XÁC NHẬN:");
	bench_load_kv(x, "Họ, chữ đệm, tên:", "full_name", pe.name, pe.name, bench_load_v_name);
	bench_load_kv(x, "Ngày, tháng, năm sinh:", "date_of_birth", dob, dob_iso,
	              bench_load_v_date);
	bench_load_kv(x, "Giới tính:", "sex", bench_load_sex(&pe), bench_load_sex(&pe),
	              bench_load_v_none);
	bench_load_labelled(x, "Dân tộc:", pe.ethnicity);
	bench_load_kv(x, "Quốc tịch:", "nationality", "Việt Nam", "Việt Nam", bench_load_v_none);
	bench_load_kv(x, "Số định danh cá nhân:", "personal_id", pe.key, pe.key, bench_load_v_id);
	bench_load_kv(x, "Nơi cư trú:", "place_of_residence", pe.residence, pe.residence,
	              bench_load_v_none);
	bench_load_labelled(x, "Trong thời gian cư trú tại:", pe.residence);
	bench_load_labelled(x, "Tình trạng hôn nhân:", BENCH_LOAD_PICK(&x->r, states));
	bench_load_line(x, "Giấy này có giá trị sử dụng trong thời hạn 6 tháng, kể từ ngày cấp.");
	bench_load_kv(x, local, "date_of_issue", iss, iss_iso, bench_load_v_date);
	bench_load_line(x, "TM. ỦY BAN NHÂN DÂN");
	bench_load_line(x, "CHỦ TỊCH");
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.5), signer, sizeof(signer));
	bench_load_line(x, signer);
}

void bench_load_business(bench_load_ctx *x)
{
	bench_load_enterprise e;
	bench_load_person rep;
	char prov[96], head[192], first[64], first_iso[16], change[128], cap[48], cap_raw[64],
	    cap_val[32], rup[128], dob[16], foreign[256], phone[32], signer[96];
	int changes = x->doc->variant;
	int32_t day;

	bench_load_enterprise_of(x, bench_load_link(x->doc, BENCH_LOAD_ENTERPRISE), &e);
	bench_load_person_of(x, bench_load_link(x->doc, BENCH_LOAD_LEGAL_REP), &rep);
	bench_load_province_name(e.province, prov, sizeof(prov));
	bench_load_upper(prov, cap, sizeof(cap));
	bench_load_fmt(head, sizeof(head), "SỞ KẾ HOẠCH VÀ ĐẦU TƯ %s", cap);
	bench_load_prose(e.founded, first, sizeof(first));
	bench_load_iso(e.founded, first_iso);
	bench_load_grouped(e.capital, cap, sizeof(cap));
	bench_load_fmt(cap_raw, sizeof(cap_raw), "%s đồng", cap);
	snprintf(cap_val, sizeof(cap_val), "%lld", (long long)e.capital);
	bench_load_upper(rep.name, rup, sizeof(rup));
	bench_load_dmy(rep.birth, '/', dob);
	bench_load_ascii(e.name_upper, foreign, sizeof(foreign));
	snprintf(phone, sizeof(phone), "02%d%07u", bench_load_range(&x->r, 0, 9),
	         bench_load_below(&x->r, 10000000));
	bench_load_line(x, head);
	bench_load_line(x, "PHÒNG ĐĂNG KÝ KINH DOANH");
	bench_load_nation(x);
	bench_load_line(x, "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP");
	bench_load_kv(x, "Mã số doanh nghiệp:", "enterprise_code", e.code, e.code,
	              bench_load_v_ent);
	bench_load_kv(x, "Đăng ký lần đầu:", "first_registration_date", first, first_iso,
	              bench_load_v_date);
	if (changes > 0) {
		char when[64];
		day = bench_load_day_in(&x->r, e.founded + 30, x->today - 1);
		bench_load_prose(day, when, sizeof(when));
		bench_load_fmt(change, sizeof(change), "Đăng ký thay đổi lần thứ: %d, %s", changes,
		               when);
		bench_load_line(x, change);
	}
	bench_load_line(x, "1. Tên công ty");
	bench_load_kv(x, "Tên công ty viết bằng tiếng Việt:", "company_name", e.name_upper, e.name,
	              bench_load_v_none);
	bench_load_labelled(x, "Tên công ty viết bằng tiếng nước ngoài:", foreign);
	bench_load_kv_below(x, "2. Địa chỉ trụ sở chính", "head_office_address", e.address,
	                    e.address, bench_load_v_none);
	bench_load_labelled(x, "Điện thoại:", phone);
	bench_load_page(x);
	bench_load_kv(x, "3. Vốn điều lệ:", "charter_capital", cap_raw, cap_val, bench_load_v_none);
	bench_load_line(x, "4. Người đại diện theo pháp luật của công ty");
	bench_load_kv(x, "Họ và tên:", "legal_representative", rup, rep.name, bench_load_v_name);
	bench_load_labelled(x, "Giới tính:", bench_load_sex(&rep));
	bench_load_labelled(x, "Sinh ngày:", dob);
	bench_load_labelled(x, "Dân tộc:", rep.ethnicity);
	bench_load_line(x, "Quốc tịch: Việt Nam");
	bench_load_labelled(x, "Số giấy chứng thực cá nhân:", rep.key);
	bench_load_labelled(x, "Địa chỉ thường trú:", rep.residence);
	bench_load_line(x, "TRƯỞNG PHÒNG");
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.5), signer, sizeof(signer));
	bench_load_line(x, signer);
}

void bench_load_land(bench_load_ctx *x)
{
	static const char *const purposes[] = {
	    "Đất ở tại nông thôn", "Đất ở tại đô thị",        "Đất trồng cây lâu năm",
	    "Đất trồng lúa",       "Đất nuôi trồng thủy sản", "Đất trồng cây hằng năm khác",
	};
	static const char *const series[] = {"BX", "CĐ", "CH", "CS", "DA", "AA", "BK", "CT"};
	bench_load_person o;
	bench_load_place pl;
	char cert[32], parcel[16], sheet[16], area_raw[32], area[32], up[128], addr[320], iss[64],
	    yr[16], line[BENCH_LOAD_LINE_MAX], signer[96], book[32];
	const char *purpose = BENCH_LOAD_PICK(&x->r, purposes);
	int era = x->doc->variant & 3, a10;
	int32_t lo, hi, day;

	bench_load_person_of(x, 0, &o);
	/* Three titles by era: before 2009, 2009 to 07/2024, from 08/2024. */
	if (era == 3 && x->today <= bench_load_days(2024, 8, 1))
		era = 2;
	lo = era == 0  ? bench_load_days(1994, 1, 1)
	     : era < 3 ? bench_load_days(2009, 12, 10)
	               : bench_load_days(2024, 8, 1);
	hi = era == 0  ? bench_load_days(2009, 12, 9)
	     : era < 3 ? bench_load_days(2024, 7, 31)
	               : x->today - 1;
	if (lo < bench_load_birthday(o.birth, 18))
		lo = bench_load_birthday(o.birth, 18);
	if (hi > x->today - 1)
		hi = x->today - 1;
	day = bench_load_day_in(&x->r, lo, hi);
	snprintf(cert, sizeof(cert), "%s %06u", BENCH_LOAD_PICK(&x->r, series),
	         bench_load_below(&x->r, 1000000));
	snprintf(parcel, sizeof(parcel), "%d", bench_load_range(&x->r, 1, 1800));
	snprintf(sheet, sizeof(sheet), "%d", bench_load_range(&x->r, 1, 80));
	a10 = bench_load_range(&x->r, 400, 30000);
	snprintf(area, sizeof(area), "%d.%d", a10 / 10, a10 % 10);
	snprintf(area_raw, sizeof(area_raw), "%d,%d m²", a10 / 10, a10 % 10);
	bench_load_place_make(&x->r, o.province, &pl);
	core_strlcpy(addr, pl.full, sizeof(addr));
	bench_load_cap_first(addr, sizeof(addr));
	bench_load_upper(o.name, up, sizeof(up));
	bench_load_prose(day, iss, sizeof(iss));
	snprintf(book, sizeof(book), "CH %05u", bench_load_below(&x->r, 100000));

	bench_load_nation(x);
	bench_load_line(x, "GIẤY CHỨNG NHẬN");
	if (era == 0) {
		bench_load_line(x, "QUYỀN SỬ DỤNG ĐẤT");
	} else if (era < 3) {
		bench_load_line(x, "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở");
		bench_load_line(x, "VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT");
	} else {
		bench_load_line(x, "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT");
	}
	bench_load_line(x,
	                "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất");
	bench_load_kv(x, o.female ? "Bà:" : "Ông:", "owner_name", up, o.name, bench_load_v_name);
	snprintf(yr, sizeof(yr), "%d", bench_load_year(o.birth));
	bench_load_labelled(x, "Năm sinh:", yr);
	bench_load_labelled(x, "CCCD số:", o.key);
	bench_load_labelled(x, "Địa chỉ thường trú:", o.residence);
	bench_load_kv(x, "Số phát hành:", "certificate_number", cert, cert, bench_load_v_none);
	bench_load_page(x);
	bench_load_line(x, "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất");
	bench_load_line(x, "1. Thửa đất:");
	bench_load_text(x, "a) Thửa đất số: ");
	bench_load_value(x, "parcel_number", parcel, parcel, bench_load_v_none);
	bench_load_text(x, ", tờ bản đồ số: ");
	bench_load_value(x, "map_sheet_number", sheet, sheet, bench_load_v_none);
	bench_load_end(x);
	bench_load_kv(x, "b) Địa chỉ:", "land_address", addr, addr, bench_load_v_none);
	bench_load_kv(x, "c) Diện tích:", "area_m2", area_raw, area, bench_load_v_none);
	bench_load_line(x, "d) Hình thức sử dụng: Sử dụng riêng");
	bench_load_kv(x, "đ) Mục đích sử dụng:", "land_use_purpose", purpose, purpose,
	              bench_load_v_none);
	bench_load_line(x, "e) Thời hạn sử dụng: Lâu dài");
	bench_load_line(x, "g) Nguồn gốc sử dụng: Nhà nước công nhận quyền sử dụng đất");
	bench_load_line(x, "2. Nhà ở: -/-");
	bench_load_line(x, "3. Công trình xây dựng khác: -/-");
	bench_load_page(x);
	bench_load_line(x, "III. Sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất");
	for (int i = 1; i <= 4; i++) {
		bench_load_fmt(
		    line, sizeof(line), "%d    %u,%02u    %u,%02u", i,
		    1100000 + bench_load_below(&x->r, 900000), bench_load_below(&x->r, 100),
		    500000 + bench_load_below(&x->r, 100000), bench_load_below(&x->r, 100));
		bench_load_line(x, line);
	}
	bench_load_fmt(line, sizeof(line), "%s, %s", pl.local, iss);
	bench_load_line(x, line);
	bench_load_line(x, "TM. ỦY BAN NHÂN DÂN");
	bench_load_line(x, "KT. CHỦ TỊCH");
	bench_load_line(x, "PHÓ CHỦ TỊCH");
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.3), signer, sizeof(signer));
	bench_load_line(x, signer);
	bench_load_page(x);
	bench_load_line(x, "IV. Những thay đổi sau khi cấp Giấy chứng nhận");
	bench_load_line(
	    x, "Nội dung thay đổi và cơ sở pháp lý      Xác nhận của cơ quan có thẩm quyền");
	bench_load_labelled(x, "Số vào sổ cấp Giấy chứng nhận:", book);
	bench_load_line(x,
	                "Người được cấp Giấy chứng nhận không được sửa chữa, tẩy xóa hoặc bổ sung");
	bench_load_line(x,
	                "bất kỳ nội dung nào trong Giấy chứng nhận; khi bị mất hoặc hư hỏng Giấy");
	bench_load_line(x, "chứng nhận phải khai báo ngay với cơ quan cấp Giấy.");
}

void bench_load_decision(bench_load_ctx *x)
{
	static const char *const land_topics[] = {
	    "cấp Giấy chứng nhận quyền sử dụng đất cho",
	    "công nhận quyền sử dụng đất cho",
	    "thu hồi đất và bồi thường, hỗ trợ cho",
	};
	static const char *const ent_topics[] = {
	    "chấp thuận chủ trương đầu tư dự án của",
	    "xử phạt vi phạm hành chính đối với",
	    "cho thuê đất để thực hiện dự án của",
	};
	bench_load_place pl;
	char up[128], head[192], num[32], iss[64], iss_iso[16], title[384], issuer[192], local[96],
	    line[BENCH_LOAD_LINE_MAX], signer[96], who[256], id[64];
	bool ent = x->doc->role[0] == BENCH_LOAD_ENTERPRISE;
	int topic = bench_load_office(x, &pl);
	/* The answer to the dossier, scanned the day it is issued. */
	int32_t day = x->today;

	if (ent) {
		bench_load_enterprise e;
		bench_load_enterprise_of(x, 0, &e);
		core_strlcpy(who, e.name, sizeof(who));
		bench_load_fmt(id, sizeof(id), "mã số doanh nghiệp %s", e.code);
		bench_load_fmt(title, sizeof(title), "Về việc %s %s",
		               BENCH_LOAD_PICK(&x->r, ent_topics), e.name);
	} else {
		bench_load_person pe;
		bench_load_person_of(x, 0, &pe);
		bench_load_fmt(who, sizeof(who), "%s %s", pe.female ? "bà" : "ông", pe.name);
		bench_load_fmt(id, sizeof(id), "số định danh cá nhân %s", pe.key);
		bench_load_fmt(title, sizeof(title), "Về việc %s %s",
		               x->p->dossiers[x->dossier].procedure == BENCH_LOAD_P_LAND
		                   ? BENCH_LOAD_PICK(&x->r, land_topics)
		                   : bench_load_requests[topic].decision,
		               who);
	}
	bench_load_fmt(issuer, sizeof(issuer), "Ủy ban nhân dân %s", pl.commune);
	bench_load_upper(issuer, head, sizeof(head));
	bench_load_upper(pl.commune, up, sizeof(up));
	snprintf(num, sizeof(num), "%d/QĐ-UBND", bench_load_range(&x->r, 1, 2500));
	bench_load_prose(day, iss, sizeof(iss));
	bench_load_iso(day, iss_iso);
	bench_load_fmt(local, sizeof(local), "%s,", pl.local);

	bench_load_value(x, "issuer", head, issuer, bench_load_v_none);
	bench_load_end(x);
	bench_load_nation(x);
	bench_load_kv(x, "Số:", "decision_number", num, num, bench_load_v_none);
	bench_load_kv(x, local, "issue_date", iss, iss_iso, bench_load_v_date);
	bench_load_line(x, "QUYẾT ĐỊNH");
	bench_load_value(x, "subject", title, title, bench_load_v_none);
	bench_load_end(x);
	bench_load_labelled(x, "CHỦ TỊCH ỦY BAN NHÂN DÂN", up);
	bench_load_line(x, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
	bench_load_line(x, "Căn cứ hồ sơ đề nghị và kết quả thẩm định của cơ quan chuyên môn;");
	bench_load_line(x, "QUYẾT ĐỊNH:");
	bench_load_fmt(line, sizeof(line), "Điều 1. Chấp thuận đề nghị của %s, %s.", who, id);
	bench_load_line(x, line);
	bench_load_line(x, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.");
	bench_load_fmt(line, sizeof(line),
	               "Điều 3. Văn phòng Ủy ban nhân dân và %s chịu trách nhiệm thi hành Quyết "
	               "định này./.",
	               who);
	bench_load_line(x, line);
	if (x->doc->n_pages > 1)
		bench_load_page(x);
	bench_load_line(x, "Nơi nhận:");
	bench_load_line(x, "- Như Điều 3;");
	bench_load_line(x, "- Lưu: VT.");
	bench_load_line(x, "TM. ỦY BAN NHÂN DÂN");
	bench_load_line(x, "CHỦ TỊCH");
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.3), signer, sizeof(signer));
	bench_load_line(x, signer);
}

/* The dossier's other document of this type, or NULL. */
static const bench_load_doc *bench_load_sibling(const bench_load_ctx *x, bench_load_type t)
{
	const bench_load_dossier *d = &x->p->dossiers[x->dossier];

	for (int i = 0; i < d->n_docs; i++)
		if (x->p->docs[d->first_doc + i].type == t)
			return &x->p->docs[d->first_doc + i];
	return NULL;
}

void bench_load_application(bench_load_ctx *x)
{
	static const char *const purposes[] = {"xin việc", "nhập học", "vay vốn tại ngân hàng",
	                                       "hưởng chế độ bảo hiểm xã hội", "đăng ký kết hôn"};
	const bench_load_dossier *d = &x->p->dossiers[x->dossier];
	const bench_load_doc *sib;
	bench_load_person pe;
	bench_load_place pl;
	char title[192], to[320], req[512], dob[16], dob_iso[16], phone[16], local[96], when[64],
	    prov[96], other[128];
	int topic;

	bench_load_person_of(x, 0, &pe);
	topic = bench_load_office(x, &pl);
	bench_load_province_name(d->office, prov, sizeof(prov));
	bench_load_fmt(to, sizeof(to), "Ủy ban nhân dân %s", pl.full);
	switch ((bench_load_proc)d->procedure) {
	case BENCH_LOAD_P_IDCARD:
		core_strlcpy(title, "TỜ KHAI CĂN CƯỚC", sizeof(title));
		bench_load_fmt(to, sizeof(to), "Công an %s", pl.full);
		bench_load_fmt(req, sizeof(req), "%s",
		               bench_load_chance(&x->r, 0.6)
		                   ? "Cấp đổi thẻ căn cước do thẻ hết hạn sử dụng."
		                   : "Cấp lại thẻ căn cước do bị mất.");
		break;
	case BENCH_LOAD_P_MARRIAGE:
		core_strlcpy(title, "TỜ KHAI ĐĂNG KÝ KẾT HÔN", sizeof(title));
		sib = bench_load_sibling(x, BENCH_LOAD_MARRIAGE);
		other[0] = '\0';
		if (sib) {
			bench_load_person h;
			int64_t i = sib->subject[bench_load_link(sib, BENCH_LOAD_HUSBAND)];
			bench_load_person_make(x->p->seed, i, bench_load_person_id(x->p, i), &h);
			core_strlcpy(other, h.name, sizeof(other));
		}
		bench_load_fmt(req, sizeof(req), "Đăng ký kết hôn với ông %s.", other);
		break;
	case BENCH_LOAD_P_BIRTH:
		core_strlcpy(title, "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH", sizeof(title));
		bench_load_fmt(
		    req, sizeof(req),
		    "Cấp %02d bản sao trích lục khai sinh để bổ sung hồ sơ %s. Lý do: bản "
		    "chính bị thất lạc.",
		    bench_load_range(&x->r, 1, 3), BENCH_LOAD_PICK(&x->r, purposes));
		break;
	case BENCH_LOAD_P_BUSINESS:
		core_strlcpy(title, "GIẤY ĐỀ NGHỊ ĐĂNG KÝ THAY ĐỔI NỘI DUNG ĐĂNG KÝ DOANH NGHIỆP",
		             sizeof(title));
		bench_load_fmt(to, sizeof(to),
		               "Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư %s", prov);
		sib = bench_load_sibling(x, BENCH_LOAD_BUSINESS);
		other[0] = '\0';
		if (sib) {
			bench_load_enterprise e;
			int64_t i = sib->subject[bench_load_link(sib, BENCH_LOAD_ENTERPRISE)];
			bench_load_enterprise_make(x->p->seed, i, bench_load_enterprise_id(x->p, i),
			                           &e);
			core_strlcpy(other, e.name, sizeof(other));
		}
		bench_load_fmt(req, sizeof(req),
		               "Đăng ký thay đổi nội dung đăng ký doanh nghiệp của %s.", other);
		break;
	case BENCH_LOAD_P_LAND:
		core_strlcpy(title, "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT",
		             sizeof(title));
		bench_load_fmt(to, sizeof(to), "Văn phòng đăng ký đất đai %s", prov);
		bench_load_fmt(
		    req, sizeof(req), "Đăng ký biến động do %s quyền sử dụng đất tại %s.",
		    bench_load_chance(&x->r, 0.5) ? "chuyển nhượng" : "thừa kế", pl.full);
		break;
	case BENCH_LOAD_P_MARITAL:
		core_strlcpy(title, "TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", sizeof(title));
		bench_load_fmt(req, sizeof(req),
		               "Cấp giấy xác nhận tình trạng hôn nhân để sử dụng vào mục đích %s.",
		               BENCH_LOAD_PICK(&x->r, purposes));
		break;
	case BENCH_LOAD_P_REQUEST:
		core_strlcpy(title, "ĐƠN ĐỀ NGHỊ", sizeof(title));
		core_strlcpy(req, bench_load_requests[topic].request, sizeof(req));
		break;
	default:
		core_strlcpy(title, "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ", sizeof(title));
		bench_load_fmt(req, sizeof(req), "Đề nghị xác nhận thông tin về cư trú tại %s.",
		               pl.full);
		break;
	}
	bench_load_dmy(pe.birth, '/', dob);
	bench_load_iso(pe.birth, dob_iso);
	snprintf(phone, sizeof(phone), "0%d%08u", bench_load_range(&x->r, 3, 9),
	         bench_load_below(&x->r, 100000000));
	bench_load_prose(x->today, when, sizeof(when));
	bench_load_fmt(local, sizeof(local), "%s, %s", pl.local, when);
	bench_load_nation(x);
	bench_load_line(x, title);
	bench_load_kv(x, "Kính gửi:", "addressee", to, to, bench_load_v_none);
	bench_load_kv(x, "Họ, chữ đệm và tên:", "full_name", pe.name, pe.name, bench_load_v_name);
	bench_load_kv(x, "Ngày, tháng, năm sinh:", "date_of_birth", dob, dob_iso,
	              bench_load_v_date);
	bench_load_labelled(x, "Giới tính:", bench_load_sex(&pe));
	bench_load_kv(x, "Số định danh cá nhân:", "personal_id", pe.key, pe.key, bench_load_v_id);
	bench_load_labelled(x, "Số điện thoại liên hệ:", phone);
	bench_load_labelled(x, "Nơi cư trú:", pe.residence);
	bench_load_kv_below(x, "Nội dung đề nghị:", "request", req, req, bench_load_v_none);
	bench_load_line(x, "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật và chịu");
	bench_load_line(x, "trách nhiệm trước pháp luật về lời khai của mình.");
	if (x->doc->n_pages > 1) {
		bench_load_page(x);
		bench_load_line(x, "Giấy tờ kèm theo:");
		bench_load_line(x, "- Bản sao giấy tờ tùy thân;");
		bench_load_line(x, "- Giấy tờ chứng minh nội dung đề nghị.");
	}
	bench_load_line(x, local);
	bench_load_line(x, "NGƯỜI LÀM ĐƠN");
	bench_load_line(x, "(Ký, ghi rõ họ tên)");
	bench_load_line(x, pe.name);
}

void bench_load_other(bench_load_ctx *x)
{
	bench_load_person pe;
	bench_load_place pl;
	char code[32], up[128], head[192], day[16], day_iso[16], line[BENCH_LOAD_LINE_MAX],
	    signer[96], back[16];
	int32_t when = x->today;

	bench_load_person_of(x, 0, &pe);
	bench_load_office(x, &pl);
	bench_load_upper(pl.commune, up, sizeof(up));
	bench_load_fmt(head, sizeof(head), "ỦY BAN NHÂN DÂN %s", up);
	bench_load_dossier_code(x->p, x->dossier, code);
	bench_load_dmy(when, '/', day);
	bench_load_iso(when, day_iso);
	bench_load_dmy(when + bench_load_range(&x->r, 3, 15), '/', back);
	if (x->doc->variant & 1) {
		bench_load_line(x, head);
		bench_load_nation(x);
		bench_load_line(x, "XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ");
		bench_load_kv(x, "Họ, chữ đệm và tên:", "full_name", pe.name, pe.name,
		              bench_load_v_name);
		bench_load_kv(x, "Số định danh cá nhân:", "personal_id", pe.key, pe.key,
		              bench_load_v_id);
		bench_load_labelled(x, "Nơi thường trú:", pe.residence);
		bench_load_line(
		    x, "Thông tin về cư trú trên đây là đúng với Cơ sở dữ liệu về cư trú.");
		bench_load_kv(x, "Ngày xác nhận:", "issue_date", day, day_iso, bench_load_v_date);
		bench_load_line(x, "TRƯỞNG CÔNG AN");
	} else {
		bench_load_line(x, head);
		bench_load_line(x, "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ");
		bench_load_nation(x);
		bench_load_line(x, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
		bench_load_labelled(x, "Mã hồ sơ:", code);
		bench_load_kv(x, "Tiếp nhận hồ sơ của:", "full_name", pe.name, pe.name,
		              bench_load_v_name);
		bench_load_kv(x, "Số định danh cá nhân:", "personal_id", pe.key, pe.key,
		              bench_load_v_id);
		bench_load_labelled(x, "Địa chỉ:", pe.residence);
		bench_load_kv(x, "Ngày nhận hồ sơ:", "issue_date", day, day_iso, bench_load_v_date);
		bench_load_fmt(line, sizeof(line), "Ngày hẹn trả kết quả: %s", back);
		bench_load_line(x, line);
		bench_load_line(x, "NGƯỜI TIẾP NHẬN HỒ SƠ");
	}
	bench_load_name(&x->r, bench_load_chance(&x->r, 0.5), signer, sizeof(signer));
	bench_load_line(x, signer);
}

/* The first draws of a document's stream: its scan quality. */
