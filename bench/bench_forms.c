/*
 * bench_forms.c - what offices decide and what citizens ask: the
 * decision (Quyết định, laid out as Decree 30/2020 fixes it) and the
 * application forms (đơn đề nghị, tờ khai), each in two layouts.
 */
#include "bench_priv.h"

#include <string.h>

/* ---- decision ------------------------------------------------------- */

static const char *const bench_bases[] = {
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;",
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ "
    "chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ "
    "tục hành chính trên môi trường điện tử;",
    "Căn cứ Nghị định số 01/2021/NĐ-CP ngày 04 tháng 01 năm 2021 của Chính phủ về đăng ký doanh "
    "nghiệp;",
};
static const char *const bench_proposers[] = {
    "Trưởng phòng Tài nguyên và Môi trường", "Trưởng phòng Nội vụ",
    "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Trưởng phòng Tư pháp"};

/* The subject of a decision, about the dossier's subject when it names one. */
static void bench_decision_subject(bench_rng *r, const bench_person *p, char *out, size_t size)
{
	switch (bench_rng_below(r, 5)) {
	case 0:
		bench_fmt(out, size, "cấp Giấy chứng nhận quyền sử dụng đất cho hộ %s %s",
		          p->female ? "bà" : "ông", p->name);
		break;
	case 1:
		bench_fmt(out, size, "cho phép %s %s chuyển mục đích sử dụng đất",
		          p->female ? "bà" : "ông", p->name);
		break;
	case 2:
		core_strlcpy(out,
		             "thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành "
		             "chính",
		             size);
		break;
	case 3:
		bench_fmt(out, size, "phê duyệt danh sách hộ gia đình được hỗ trợ năm %d",
		          2023 + (int)bench_rng_below(r, 2));
		break;
	default:
		bench_fmt(out, size, "thu hồi Giấy chứng nhận đăng ký hộ kinh doanh của %s %s",
		          p->female ? "bà" : "ông", p->name);
		break;
	}
}

int bench_decision_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *p = &x->doc->subject;
	bool chair = bench_rng_below(r, 2), district = bench_rng_below(r, 3) != 0;
	char number[48], no_line[64], body_up[128], issuer[160], authority[192], date[64];
	char date_line[160], subject[BENCH_TEXT_MAX], about[BENCH_TEXT_MAX], iso[16], unit[96];
	char art[3][BENCH_TEXT_MAX], signer[96], proposal[256], prov[96];
	const char *proposer = PICK(r, bench_proposers);
	uint32_t b0 = bench_rng_below(r, N_(bench_bases) - 1);
	bench_date issued;
	bench_addr a;
	int rc, top, x0, col;
	bench_style recv = x->bold, list = x->body, sig = x->sig_bold;

	bench_make_addr(r, p->home.prov, false, &a);
	bench_province_name(a.prov, false, prov, sizeof(prov));
	if (district)
		bench_fmt(unit, sizeof(unit), "%s %s",
		          bench_province_city(a.prov) ? "quận" : "huyện", a.district);
	else
		core_strlcpy(unit, prov, sizeof(unit));
	bench_upper(unit, body_up, sizeof(body_up));
	bench_fmt(issuer, sizeof(issuer), "Ủy ban nhân dân %s", unit);
	bench_fmt(authority, sizeof(authority), "%sỦY BAN NHÂN DÂN %s", chair ? "CHỦ TỊCH " : "",
	          body_up);
	bench_fmt(number, sizeof(number), "%u/QĐ-%s", 1 + bench_rng_below(r, 2500),
	          chair ? "CT" : "UBND");
	bench_fmt(no_line, sizeof(no_line), "Số: %s", number);
	bench_date_random(r, 2024, 2025, &issued);
	bench_date_fmt(&issued, BENCH_DATE_WORDS, date, sizeof(date));
	bench_date_fmt(&issued, BENCH_DATE_ISO, iso, sizeof(iso));
	bench_fmt(date_line, sizeof(date_line), "%s, %s",
	          district ? a.district : bench_province_short(a.prov), date);
	bench_decision_subject(r, p, subject, sizeof(subject));
	bench_fmt(about, sizeof(about), "Về việc %s", subject);
	bench_fmt(proposal, sizeof(proposal), "Theo đề nghị của %s.", proposer);
	bench_fmt(art[0], sizeof(art[0]), "Điều 1. Quyết định %s.", subject);
	bench_fmt(art[1], sizeof(art[1]),
	          "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. %s có trách nhiệm "
	          "hướng dẫn, kiểm tra việc thực hiện.",
	          proposer);
	bench_fmt(art[2], sizeof(art[2]),
	          "Điều 3. Chánh Văn phòng, %s và các tổ chức, cá nhân có liên quan chịu trách "
	          "nhiệm thi hành Quyết định này./.",
	          proposer);
	bench_make_name(r, bench_rng_below(r, 3) == 0, NULL, signer, sizeof(signer));

	const char *left[] = {"ỦY BAN NHÂN DÂN", body_up, no_line};
	const char *right[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"};
	const bench_kv fields[] = {
	    {"decision_number", number},
	    {"issue_date", iso},
	    {"issuer", issuer},
	    {"subject", subject},
	};

	x->layout = chair ? "quyet_dinh_chu_tich" : "quyet_dinh_ubnd";
	rc = bench_two_column_header(x, left, 3, 0x3, right, 2, date_line);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->title, 0, "QUYẾT ĐỊNH", x->err);
	x->header.size_pt = x->body_pt;
	rc = rc ? rc : bench_canvas_text(x->c, &x->header, 0, 0, about, x->err);
	bench_canvas_skip(x->c, 10);
	rc = rc ? rc : bench_canvas_text(x->c, &x->header, 0, 0, authority, x->err);
	bench_canvas_skip(x->c, 8);
	for (uint32_t i = b0; rc == 0 && i < b0 + 2; i++)
		rc = bench_canvas_text(x->c, &x->italic, x->hang, 0, bench_bases[i], x->err);
	rc = rc ? rc : bench_canvas_text(x->c, &x->italic, x->hang, 0, proposal, x->err);
	bench_canvas_skip(x->c, 6);
	rc = rc ? rc : bench_canvas_draw(x->c, &x->header, 0, "QUYẾT ĐỊNH:", x->err);
	bench_canvas_skip(x->c, 6);
	for (int i = 0; rc == 0 && i < 3; i++)
		rc = bench_canvas_text(x->c, &x->body, x->hang, 0, art[i], x->err);
	bench_canvas_skip(x->c, 12);
	/* Nơi nhận left, the signer right, set and read row by row. */
	x0 = bench_canvas_x(x->c);
	col = bench_canvas_text_width(x->c);
	top = bench_canvas_y(x->c);
	recv.italic = true;
	recv.size_pt = list.size_pt = x->body_pt - 1;
	sig.align = BENCH_ALIGN_CENTER;
	for (int i = 0; rc == 0 && i < 3; i++) {
		static const char *const to[] = {"Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."};
		const char *signs[] = {chair ? "KT. CHỦ TỊCH" : "TM. ỦY BAN NHÂN DÂN",
		                       chair ? "PHÓ CHỦ TỊCH" : "CHỦ TỊCH", NULL};
		bench_cell cells[2] = {
		    {i ? &list : &recv, to[i], x0, x0 + col * 45 / 100, 0},
		    {&sig, signs[i], x0 + col * 45 / 100, x0 + col, 0},
		};

		rc = bench_canvas_row(x->c, cells, 2, x->err);
	}
	bench_canvas_skip(x->c, 30);
	bench_canvas_area(x->c, x0 + col * 45 / 100, bench_canvas_y(x->c), x0 + col,
	                  bench_canvas_y(x->c) + col);
	rc = rc ? rc : bench_canvas_draw(x->c, &sig, 0, signer, x->err);
	bench_canvas_mark(x->c, x0 + col * 72 / 100, (top + bench_canvas_y(x->c)) / 2);
	bench_canvas_area_reset(x->c);
	return rc ? rc : bench_fields(x, fields, N_(fields));
}

/* ---- application forms ---------------------------------------------- */

static const char *const bench_form_titles[] = {
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "ĐƠN ĐỀ NGHỊ ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT",
    "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "TỜ KHAI CĂN CƯỚC",
    "ĐƠN ĐỀ NGHỊ ĐĂNG KÝ THAY ĐỔI NỘI DUNG ĐĂNG KÝ DOANH NGHIỆP",
};
static const char *const bench_purposes[] = {"xin việc", "nhập học", "đăng ký kết hôn",
                                             "hưởng chế độ bảo hiểm xã hội",
                                             "vay vốn tại ngân hàng"};
static const char *const bench_land_causes[] = {"chuyển nhượng", "thừa kế", "tặng cho"};

/* What the citizen asks, matched to the form's title and addressee. */
static void bench_make_request(bench_rng *r, uint32_t form, const bench_person *p,
                               const bench_addr *pl, char *out, size_t size)
{
	char addr[256], full[256];

	bench_addr_fmt(pl, BENCH_ADDR_UNIT, full, sizeof(full));
	switch (form) {
	case 0:
		bench_addr_fmt(&p->home, BENCH_ADDR_FULL, addr, sizeof(addr));
		if (bench_rng_below(r, 3) == 0)
			bench_fmt(out, size,
			          "Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú do "
			          "thay đổi địa chỉ, nay đăng ký tại %s.",
			          addr);
		else
			bench_fmt(out, size, "Đăng ký %s tại %s.",
			          bench_rng_below(r, 2) ? "thường trú" : "tạm trú", addr);
		break;
	case 1:
		bench_fmt(out, size,
		          "Cấp %02u bản sao trích lục khai sinh để bổ sung hồ sơ %s. Lý do: bản "
		          "chính bị thất lạc.",
		          1 + bench_rng_below(r, 3), PICK(r, bench_purposes));
		break;
	case 2:
		bench_fmt(out, size,
		          "Cấp giấy xác nhận tình trạng hôn nhân để sử dụng vào mục đích %s.",
		          PICK(r, bench_purposes));
		break;
	case 3:
		bench_fmt(
		    out, size,
		    "Đăng ký biến động do %s quyền sử dụng đất đối với thửa đất số %u, tờ bản "
		    "đồ số %u tại %s.",
		    PICK(r, bench_land_causes), 1 + bench_rng_below(r, 900),
		    1 + bench_rng_below(r, 60), full);
		break;
	case 4:
		bench_fmt(out, size, "Đăng ký kết hôn tại Ủy ban nhân dân %s.", full);
		break;
	case 5:
		bench_fmt(out, size, "Cấp đổi thẻ căn cước do %s.",
		          bench_rng_below(r, 2) ? "thẻ bị hư hỏng"
		                                : "thay đổi thông tin nơi cư trú");
		break;
	default:
		bench_fmt(out, size,
		          "Đăng ký thay đổi người đại diện theo pháp luật và địa chỉ trụ sở chính "
		          "của doanh nghiệp sang %s.",
		          full);
		break;
	}
}

int bench_form_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *p = &x->doc->subject;
	uint32_t form = x->doc->topic >= 0 ? (uint32_t)x->doc->topic % N_(bench_form_titles)
	                                   : bench_rng_below(r, N_(bench_form_titles));
	bool numbered = bench_rng_below(r, 2);
	bench_addr pl;
	char dob[16], iso[16], phone[16], to[320], home[256], req[BENCH_TEXT_MAX], full[256];
	char date_line[160], date[64], prov_name[96], line[BENCH_TEXT_MAX];
	static const char *const prefixes[] = {"09", "03", "08", "07"};
	bench_date today;
	int rc;

	/* The offices of the applicant's own commune. */
	pl = p->home;
	pl.head[0] = '\0';
	bench_addr_fmt(&pl, BENCH_ADDR_UNIT, full, sizeof(full));
	bench_province_name(p->home.prov, false, prov_name, sizeof(prov_name));
	if (form == 0 || form == 5)
		bench_fmt(to, sizeof(to), "Công an %s", full);
	else if (form == 3)
		bench_fmt(to, sizeof(to), "Văn phòng đăng ký đất đai %s", prov_name);
	else if (form == 6)
		bench_fmt(to, sizeof(to), "Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư %s",
		          prov_name);
	else
		bench_fmt(to, sizeof(to), "Ủy ban nhân dân %s", full);
	bench_fmt(phone, sizeof(phone), "%s%08u", PICK(r, prefixes), bench_rng_below(r, 100000000));
	bench_addr_fmt(&p->home, BENCH_ADDR_FULL, home, sizeof(home));
	bench_make_request(r, form, p, &pl, req, sizeof(req));
	bench_date_fmt(&p->dob, BENCH_DATE_SLASH, dob, sizeof(dob));
	bench_date_fmt(&p->dob, BENCH_DATE_ISO, iso, sizeof(iso));
	bench_date_random(r, 2024, 2024, &today);
	bench_date_fmt(&today, BENCH_DATE_WORDS, date, sizeof(date));
	bench_fmt(date_line, sizeof(date_line), "%s, %s", pl.commune, date);

	const bench_kv rows[] = {
	    {"Họ, chữ đệm và tên:", p->name},         {"Ngày, tháng, năm sinh:", dob},
	    {"Giới tính:", p->female ? "Nữ" : "Nam"}, {"Số định danh cá nhân:", p->id},
	    {"Số điện thoại liên hệ:", phone},        {"Nơi cư trú:", home},
	};
	const bench_kv fields[] = {
	    {"full_name", p->name}, {"date_of_birth", iso}, {"personal_id", p->id},
	    {"addressee", to},      {"request", req},
	};

	x->layout = numbered ? "to_khai_muc_so" : "don_de_nghi";
	rc = bench_national_header(x);
	rc = rc ? rc : bench_canvas_text(x->c, &x->title, 0, 0, bench_form_titles[form], x->err);
	bench_canvas_skip(x->c, 12);
	rc = rc ? rc : bench_labelled(x, "Kính gửi:", to);
	bench_canvas_skip(x->c, 8);
	if (numbered) {
		/* Numbered items, birth date and sex sharing a line as on the
		 * printed forms (a column of lone item numbers also makes
		 * Tesseract drop every number). */
		for (size_t i = 0; rc == 0 && i < N_(rows); i++) {
			if (i == 1)
				bench_fmt(line, sizeof(line), "2. %s %s 3. %s %s", rows[1].key,
				          rows[1].value, rows[2].key, rows[2].value);
			else if (i == 2)
				continue;
			else
				bench_fmt(line, sizeof(line), "%zu. %s %s", i + 1, rows[i].key,
				          rows[i].value);
			rc = bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
		}
		bench_fmt(line, sizeof(line), "%u. Nội dung đề nghị:", N_(rows) + 1);
		rc = rc ? rc : bench_canvas_draw(x->c, &x->body, 0, line, x->err);
	} else {
		rc = rc ? rc : bench_labelled(x, "Tôi tên là:", p->name);
		rc = rc ? rc : bench_rows(x, rows + 1, N_(rows) - 1);
		rc = rc ? rc : bench_canvas_draw(x->c, &x->body, 0, "Nội dung đề nghị:", x->err);
	}
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, x->hang, x->hang, req, x->err);
	bench_canvas_skip(x->c, 6);
	rc = rc ? rc
	        : bench_canvas_text(x->c, &x->body, x->hang, 0,
	                            "Tôi xin cam đoan những nội dung khai trên đây là đúng sự "
	                            "thật và chịu trách nhiệm trước pháp luật về lời khai của "
	                            "mình.",
	                            x->err);
	rc = rc ? rc
	        : bench_signature(x, date_line, numbered ? "NGƯỜI KÊ KHAI" : "NGƯỜI LÀM ĐƠN",
	                          "(Ký, ghi rõ họ tên)", p->name);
	return rc ? rc : bench_fields(x, fields, N_(fields));
}
