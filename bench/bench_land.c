/*
 * bench_land.c - property papers: the enterprise registration
 * certificate (two section layouts, limited and joint-stock companies)
 * and the land-use certificate over two pages in its three title eras.
 */
#include "bench_priv.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *vi, *en;
} bench_trades[] = {
    {"THƯƠNG MẠI DỊCH VỤ", "TRADING SERVICE"},         {"XÂY DỰNG", "CONSTRUCTION"},
    {"ĐẦU TƯ PHÁT TRIỂN", "INVESTMENT DEVELOPMENT"},   {"VẬN TẢI", "TRANSPORT"},
    {"CÔNG NGHỆ THÔNG TIN", "INFORMATION TECHNOLOGY"}, {"NÔNG SẢN", "AGRICULTURAL PRODUCTS"},
    {"SẢN XUẤT BAO BÌ", "PACKAGING PRODUCTION"},
};
static const char *const bench_brands[] = {"AN PHÚ",    "HƯNG THỊNH", "MINH KHANG", "PHÚC LỘC",
                                           "ĐẠI THÀNH", "SAO VIỆT",   "HOÀNG GIA",  "TÂN TIẾN",
                                           "THÀNH ĐẠT", "KIM NGÂN"};
static const char *const bench_titles_rep[] = {"Giám đốc", "Tổng giám đốc",
                                               "Chủ tịch Hội đồng quản trị"};

/* ---- business registration ----------------------------------------- */

int bench_business_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	const bench_person *p = &x->doc->subject;
	static const char *const kinds[] = {"CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN",
	                                    "CÔNG TY TRÁCH NHIỆM HỮU HẠN HAI THÀNH VIÊN TRỞ LÊN",
	                                    "CÔNG TY CỔ PHẦN"};
	uint32_t trade = bench_rng_below(r, N_(bench_trades)), kind = bench_rng_below(r, 3);
	const char *brand = PICK(r, bench_brands);
	bool numbered = bench_rng_below(r, 2), stock = kind == 2;
	char code[11], name[256], foreign[256], abbr[128], ascii[64], office[256], prov[96];
	char capital_s[32], capital_d[24], words[160], first[64], first_iso[16], change[96];
	char rep_up[96], dob[16], issue[16], home[256], now[256], body[128], date_line[160];
	char phone[32], signer[96], shares[32], headline[160], line[320];
	uint64_t capital = 100000000ULL * (1 + bench_rng_below(r, 100));
	bench_date d1, d2, issued;
	bench_addr office_a;
	int rc;

	bench_make_enterprise_code(r, code);
	bench_fmt(name, sizeof(name), "CÔNG TY %s %s %s", stock ? "CỔ PHẦN" : "TNHH",
	          bench_trades[trade].vi, brand);
	bench_ascii_upper(brand, ascii, sizeof(ascii));
	bench_fmt(foreign, sizeof(foreign), "%s %s %s", ascii, bench_trades[trade].en,
	          stock ? "JOINT STOCK COMPANY" : "COMPANY LIMITED");
	bench_fmt(abbr, sizeof(abbr), "%s %s", ascii, stock ? "JSC" : "CO., LTD");
	bench_make_addr(r, p->home.prov, true, &office_a);
	if (!*office_a.head)
		bench_fmt(office_a.head, sizeof(office_a.head), "Số %u, %s",
		          1 + bench_rng_below(r, 300), "Quốc lộ 1A");
	bench_addr_fmt(&office_a, BENCH_ADDR_FULL, office, sizeof(office));
	bench_fmt(capital_s, sizeof(capital_s), "%llu", (unsigned long long)capital);
	bench_group_digits(capital, capital_d, sizeof(capital_d));
	bench_number_words(capital, words, sizeof(words));
	bench_cap(words);
	bench_cat(words, sizeof(words), " đồng");
	/* Founded once the representative was an adult; the certificate
	 * in the file is the latest change, after the card it cites. */
	bench_date_random(r, p->dob.y + 20 > 2020 ? 2020 : p->dob.y + 20, 2020, &d1);
	bench_date_random(r, 2021, 2024, &d2);
	bench_date_random(r, 2016, 2020, &issued);
	bench_date_fmt(&d1, BENCH_DATE_WORDS, first, sizeof(first));
	bench_date_fmt(&d1, BENCH_DATE_ISO, first_iso, sizeof(first_iso));
	bench_date_fmt(&d2, BENCH_DATE_WORDS, line, sizeof(line));
	bench_fmt(change, sizeof(change), "%u, %s", 1 + bench_rng_below(r, 9), line);
	bench_upper(p->name, rep_up, sizeof(rep_up));
	bench_date_fmt(&p->dob, BENCH_DATE_SLASH, dob, sizeof(dob));
	bench_date_fmt(&issued, BENCH_DATE_SLASH, issue, sizeof(issue));
	bench_addr_fmt(&p->home, BENCH_ADDR_FULL, home, sizeof(home));
	core_strlcpy(now, home, sizeof(now));
	bench_province_name(office_a.prov, false, prov, sizeof(prov));
	bench_upper(prov, body, sizeof(body));
	bench_fmt(date_line, sizeof(date_line), "%s, %s", bench_province_short(office_a.prov),
	          line);
	bench_fmt(phone, sizeof(phone), "0%u%07u", 20 + bench_rng_below(r, 80),
	          bench_rng_below(r, 10000000));
	bench_make_name(r, bench_rng_below(r, 2), NULL, signer, sizeof(signer));
	bench_group_digits(capital / 10000, shares, sizeof(shares));

	const char *left[] = {"SỞ KẾ HOẠCH VÀ ĐẦU TƯ", body, "PHÒNG ĐĂNG KÝ KINH DOANH"};
	const char *right[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"};
	const bench_kv fields[] = {
	    {"enterprise_code", code},         {"company_name", name},
	    {"head_office_address", office},   {"charter_capital", capital_s},
	    {"legal_representative", p->name}, {"first_registration_date", first_iso},
	};

	x->layout = numbered ? "dkdn_muc_so" : "dkdn_khong_so";
	rc = bench_two_column_header(x, left, 3, 0x6, right, 2, NULL);
	rc = rc ? rc
	        : bench_canvas_text(x->c, &x->title, 0, 0, "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP",
	                            x->err);
	rc = rc ? rc : bench_canvas_text(x->c, &x->header, 0, 0, kinds[kind], x->err);
	bench_canvas_skip(x->c, 8);
	rc = rc ? rc : bench_labelled(x, "Mã số doanh nghiệp:", code);
	rc = rc ? rc : bench_labelled(x, "Đăng ký lần đầu:", first);
	rc = rc ? rc : bench_labelled(x, "Đăng ký thay đổi lần thứ:", change);
	bench_canvas_skip(x->c, 6);
	if (numbered)
		rc = rc ? rc : bench_canvas_draw(x->c, &x->bold, 0, "1. Tên công ty", x->err);
	rc = rc ? rc : bench_labelled(x, "Tên công ty viết bằng tiếng Việt:", name);
	rc = rc ? rc : bench_labelled(x, "Tên công ty viết bằng tiếng nước ngoài:", foreign);
	rc = rc ? rc : bench_labelled(x, "Tên công ty viết tắt:", abbr);
	if (numbered) {
		rc = rc ? rc
		        : bench_canvas_draw(x->c, &x->bold, 0, "2. Địa chỉ trụ sở chính", x->err);
		rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, office, x->err);
	} else {
		bench_fmt(line, sizeof(line), "Địa chỉ trụ sở chính: %s", office);
		rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	}
	bench_fmt(line, sizeof(line), "Điện thoại: %s Fax: %s", phone, phone);
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	if (numbered)
		rc = rc ? rc : bench_canvas_draw(x->c, &x->bold, 0, "3. Vốn điều lệ", x->err);
	bench_fmt(headline, sizeof(headline), "%s đồng", capital_d);
	rc = rc ? rc : bench_labelled(x, "Vốn điều lệ:", headline);
	rc = rc ? rc : bench_labelled(x, "Bằng chữ:", words);
	if (stock) {
		rc = rc ? rc : bench_labelled(x, "Mệnh giá cổ phần:", "10.000 đồng");
		rc = rc ? rc : bench_labelled(x, "Tổng số cổ phần:", shares);
	}
	bench_canvas_skip(x->c, 4);
	rc = rc ? rc
	        : bench_canvas_draw(x->c, &x->bold, 0,
	                            numbered ? "4. Người đại diện theo pháp luật của công ty"
	                                     : "Người đại diện theo pháp luật của công ty",
	                            x->err);
	bench_fmt(line, sizeof(line), "Họ và tên: %s Giới tính: %s", rep_up,
	          p->female ? "Nữ" : "Nam");
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	rc = rc ? rc
	        : bench_labelled(
	              x, "Chức danh:", bench_titles_rep[(stock ? 1 : 0) + bench_rng_below(r, 2)]);
	bench_fmt(line, sizeof(line), "Sinh ngày: %s Dân tộc: %s Quốc tịch: Việt Nam", dob,
	          p->ethnic);
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	rc = rc ? rc : bench_labelled(x, "Loại giấy tờ chứng thực cá nhân:", "Căn cước công dân");
	rc = rc ? rc : bench_labelled(x, "Số giấy chứng thực cá nhân:", p->id);
	bench_fmt(line, sizeof(line),
	          "Ngày cấp: %s Nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội", issue);
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	rc = rc ? rc : bench_labelled(x, "Nơi đăng ký hộ khẩu thường trú:", home);
	rc = rc ? rc : bench_labelled(x, "Chỗ ở hiện tại:", now);
	rc = rc ? rc : bench_signature(x, date_line, "TRƯỞNG PHÒNG", NULL, signer);
	return rc ? rc : bench_fields(x, fields, N_(fields));
}

/* ---- land-use certificate ------------------------------------------- */

static const char *const bench_land_titles[] = {
    "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
    "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT",
    "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT",
};
static const char *const bench_land_layouts[] = {"gcn_truoc_2009", "gcn_2009_2024", "gcn_tu_2024"};
static const char *const bench_origins[] = {
    "Nhà nước công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
    "Nhận chuyển nhượng đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
    "Nhận thừa kế đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
    "Nhà nước giao đất có thu tiền sử dụng đất",
};

typedef struct bench_land {
	int era; /* 0 before 2009, 1 from 2009, 2 from August 2024 */
	char owner_up[96], owner_line[320], paper[96], home[256], addr[256];
	char parcel[8], sheet[8], area[16], area_vi[16], area_words[160], purpose[64];
	char register_no[16], register_canon[16], serial[16], date_line[160], issuer[160];
	char signer[96];
	bench_date issued;
} bench_land;

static void bench_land_make(bench_ctx *x, bench_land *l)
{
	static const char *const series[] = {"AB", "BĐ", "CS", "DA", "CH", "BX"};
	bench_rng *r = x->rng;
	const bench_person *p = &x->doc->subject;
	uint32_t tenths = 400 + bench_rng_below(r, 4600), roll = bench_rng_below(r, 10);
	bool city = bench_province_city(p->home.prov);
	char unit[96], words[96], frac[32], date[64], up[160];
	bench_addr parcel;

	memset(l, 0, sizeof(*l));
	l->era = roll < 3 ? 0 : roll < 8 ? 1 : 2;
	if (l->era == 0)
		bench_date_random(r, 1995, 2008, &l->issued);
	else if (l->era == 1)
		bench_date_random(r, 2009, 2023, &l->issued);
	else {
		/* The third form from August 2024 to mid-2025. */
		bench_date_random(r, 2024, 2024, &l->issued);
		if (l->issued.m < 8) {
			l->issued.y = 2025;
			l->issued.m = l->issued.m < 6 ? l->issued.m : 6;
			if (l->issued.d > bench_days_in(2025, l->issued.m))
				l->issued.d = bench_days_in(2025, l->issued.m);
		}
	}
	bench_upper(p->name, l->owner_up, sizeof(l->owner_up));
	if (l->era == 0)
		bench_fmt(l->paper, sizeof(l->paper), "CMND số: %s%07u",
		          bench_province_code(p->prov) + 1, bench_rng_below(r, 10000000));
	else
		bench_fmt(l->paper, sizeof(l->paper), "CCCD số: %s", p->id);
	bench_fmt(l->owner_line, sizeof(l->owner_line), "%s %s, năm sinh: %d, %s",
	          p->female ? "Bà:" : "Ông:", l->owner_up, p->dob.y, l->paper);
	bench_addr_fmt(&p->home, BENCH_ADDR_FULL, l->home, sizeof(l->home));
	bench_make_addr(r, p->home.prov, !city, &parcel);
	bench_addr_fmt(&parcel, BENCH_ADDR_FULL, l->addr, sizeof(l->addr));
	bench_fmt(l->parcel, sizeof(l->parcel), "%u", 1 + bench_rng_below(r, 900));
	bench_fmt(l->sheet, sizeof(l->sheet), "%u", 1 + bench_rng_below(r, 60));
	/* The decimal comma is printed; the truth has a decimal point. */
	if (tenths % 10) {
		bench_fmt(l->area, sizeof(l->area), "%u.%u", tenths / 10, tenths % 10);
		bench_fmt(l->area_vi, sizeof(l->area_vi), "%u,%u", tenths / 10, tenths % 10);
		bench_number_words(tenths % 10, frac, sizeof(frac));
	} else {
		bench_fmt(l->area, sizeof(l->area), "%u", tenths / 10);
		core_strlcpy(l->area_vi, l->area, sizeof(l->area_vi));
	}
	bench_number_words(tenths / 10, words, sizeof(words));
	bench_fmt(l->area_words, sizeof(l->area_words), "%s%s%s mét vuông", words,
	          tenths % 10 ? " phẩy " : "", tenths % 10 ? frac : "");
	bench_cap(l->area_words);
	core_strlcpy(l->purpose,
	             bench_rng_below(r, 4) == 0 ? "Đất trồng cây lâu năm"
	             : city                     ? "Đất ở tại đô thị"
	                                        : "Đất ở tại nông thôn",
	             sizeof(l->purpose));
	bench_fmt(l->register_canon, sizeof(l->register_canon), "%s%05u", l->era ? "CS" : "H",
	          bench_rng_below(r, 100000));
	bench_fmt(l->register_no, sizeof(l->register_no), "%s %s", l->era ? "CS" : "H",
	          l->register_canon + (l->era ? 2 : 1));
	bench_fmt(l->serial, sizeof(l->serial), "%s %06u", PICK(r, series),
	          bench_rng_below(r, 1000000));
	bench_date_fmt(&l->issued, BENCH_DATE_WORDS, date, sizeof(date));
	bench_fmt(l->date_line, sizeof(l->date_line), "%s, %s", parcel.district, date);
	bench_fmt(unit, sizeof(unit), "%s %s", city ? "quận" : "huyện", parcel.district);
	bench_upper(unit, up, sizeof(up));
	bench_fmt(l->issuer, sizeof(l->issuer), "ỦY BAN NHÂN DÂN %s", up);
	bench_make_name(r, bench_rng_below(r, 3) == 0, NULL, l->signer, sizeof(l->signer));
}

static int bench_land_first(bench_ctx *x, const bench_land *l)
{
	const bench_person *p = &x->doc->subject;
	char line[BENCH_TEXT_MAX];
	int rc;

	rc = bench_national_header(x);
	rc = rc ? rc : bench_canvas_text(x->c, &x->title, 0, 0, bench_land_titles[l->era], x->err);
	bench_canvas_skip(x->c, 10);
	if (l->era == 0) {
		rc = rc ? rc : bench_canvas_text(x->c, &x->center, 0, 0, l->issuer, x->err);
		rc = rc ? rc
		        : bench_canvas_draw(x->c, &x->center, 0,
		                            "Chứng nhận quyền sử dụng đất cho:", x->err);
		bench_canvas_skip(x->c, 6);
		rc = rc ? rc
		        : bench_canvas_draw(x->c, &x->bold, 0, "I. Tên người sử dụng đất", x->err);
	} else {
		rc = rc ? rc
		        : bench_canvas_text(
		              x->c, &x->bold, 0, 0,
		              l->era == 1
		                  ? "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác "
		                    "gắn liền với đất"
		                  : "1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất:",
		              x->err);
	}
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, l->owner_line, x->err);
	rc = rc ? rc : bench_labelled(x, "Địa chỉ thường trú:", l->home);
	bench_canvas_skip(x->c, 8);
	if (l->era == 0)
		rc = rc ? rc
		        : bench_canvas_draw(x->c, &x->bold, 0, "II. Thửa đất được quyền sử dụng",
		                            x->err);
	else
		rc = rc ? rc
		        : bench_canvas_text(
		              x->c, &x->bold, 0, 0,
		              l->era == 1 ? "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất"
		                          : "2. Thông tin thửa đất:",
		              x->err);
	bench_fmt(line, sizeof(line), "Thửa đất số: %s, tờ bản đồ số: %s", l->parcel, l->sheet);
	rc = rc ? rc : bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
	rc = rc ? rc : bench_labelled(x, "Địa chỉ:", l->addr);
	bench_fmt(line, sizeof(line), "%s m² (bằng chữ: %s)", l->area_vi, l->area_words);
	rc = rc ? rc : bench_labelled(x, "Diện tích:", line);
	rc = rc ? rc : bench_labelled(x, "Hình thức sử dụng:", "Sử dụng riêng");
	rc = rc ? rc : bench_labelled(x, "Mục đích sử dụng:", l->purpose);
	rc = rc ? rc
	        : bench_labelled(x, "Thời hạn sử dụng:",
	                         strcmp(l->purpose, "Đất trồng cây lâu năm") == 0 ? "Đến năm 2063"
	                                                                          : "Lâu dài");
	rc = rc ? rc
	        : bench_labelled(x, "Nguồn gốc sử dụng:",
	                         bench_origins[(p->dob.d + l->era) % N_(bench_origins)]);
	if (l->era == 1) {
		bench_canvas_skip(x->c, 6);
		rc = rc ? rc : bench_labelled(x, "Nhà ở:", "-/-");
		rc = rc ? rc : bench_labelled(x, "Ghi chú:", "Không");
	}
	bench_canvas_skip(x->c, 24);
	return rc ? rc : bench_canvas_draw(x->c, &x->center, 0, l->serial, x->err);
}

/* The parcel: a quadrilateral with a north arrow, no text. */
static void bench_land_sketch(bench_ctx *x, int top, int height)
{
	cairo_t *cr = bench_canvas_cr(x->c);
	int x0 = bench_canvas_x(x->c), w = bench_canvas_text_width(x->c);
	double cx = x0 + w / 2.0, cy = top + height / 2.0, s = height * 0.35;

	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.9);
	cairo_set_line_width(cr, bench_canvas_px(x->c, 1.2));
	cairo_move_to(cr, cx - s * (0.8 + 0.3 * bench_rng_unit(x->rng)), cy - s * 0.7);
	cairo_line_to(cr, cx + s * (0.7 + 0.4 * bench_rng_unit(x->rng)), cy - s * 0.8);
	cairo_line_to(cr, cx + s * (0.8 + 0.3 * bench_rng_unit(x->rng)), cy + s * 0.75);
	cairo_line_to(cr, cx - s * (0.6 + 0.4 * bench_rng_unit(x->rng)), cy + s * 0.8);
	cairo_close_path(cr);
	cairo_stroke(cr);
	cairo_rectangle(cr, x0, top, w, height);
	cairo_set_line_width(cr, bench_canvas_px(x->c, 0.6));
	cairo_stroke(cr);
	cairo_move_to(cr, x0 + w - s * 0.3, top + s * 0.15);
	cairo_line_to(cr, x0 + w - s * 0.4, top + s * 0.5);
	cairo_line_to(cr, x0 + w - s * 0.2, top + s * 0.5);
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

static int bench_land_second(bench_ctx *x, const bench_land *l)
{
	bench_canvas *c = x->c;
	int height = bench_canvas_px(c, 150), top, col = bench_canvas_text_width(c), rc;
	cairo_t *cr = bench_canvas_cr(c);
	bench_style cell;

	rc = bench_canvas_text(c, &x->bold, 0, 0,
	                       l->era == 0 ? "III. Sơ đồ thửa đất"
	                       : l->era == 1
	                           ? "III. Sơ đồ thửa đất, nhà ở và tài sản khác gắn liền với đất"
	                           : "3. Sơ đồ thửa đất:",
	                       x->err);
	bench_canvas_skip(c, 6);
	top = bench_canvas_y(c);
	bench_land_sketch(x, top, height);
	bench_canvas_set_y(c, top + height);
	bench_canvas_skip(c, 8);
	rc =
	    rc ? rc
	       : bench_signature(x, l->date_line, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
	                         NULL, l->signer);
	bench_canvas_skip(c, 8);
	rc = rc ? rc : bench_labelled(x, "Số vào sổ cấp Giấy chứng nhận:", l->register_no);
	bench_canvas_skip(c, 14);
	rc = rc ? rc
	        : bench_canvas_text(c, &x->bold, 0, 0,
	                            l->era == 2 ? "4. Những thay đổi sau khi cấp Giấy chứng nhận"
	                                        : "IV. Những thay đổi sau khi cấp Giấy chứng nhận",
	                            x->err);
	bench_canvas_skip(c, 4);
	/* The changes table: two header cells side by side, empty rows. */
	top = bench_canvas_y(c);
	cell = x->italic;
	cell.size_pt = x->body_pt - 1.5;
	bench_canvas_skip(c, 4);
	rc = rc ? rc
	        : bench_canvas_draw_pair(c, &cell, "Nội dung thay đổi và cơ sở pháp lý", &cell,
	                                 "Xác nhận của cơ quan có thẩm quyền", col * 55 / 100,
	                                 x->err);
	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.9);
	cairo_set_line_width(cr, bench_canvas_px(c, 0.7));
	cairo_rectangle(cr, bench_canvas_x(c) - 4, top, col + 8, bench_canvas_px(c, 120));
	cairo_move_to(cr, bench_canvas_x(c) + col * 55 / 100 - bench_canvas_px(c, 4), top);
	cairo_rel_line_to(cr, 0, bench_canvas_px(c, 120));
	cairo_move_to(cr, bench_canvas_x(c) - 4, bench_canvas_y(c));
	cairo_rel_line_to(cr, col + 8, 0);
	cairo_stroke(cr);
	cairo_restore(cr);
	return rc;
}

int bench_land_page(bench_ctx *x)
{
	bench_land l;
	char iso[16];
	int rc;

	bench_land_make(x, &l);
	x->layout = bench_land_layouts[l.era];
	rc = x->page == 0 ? bench_land_first(x, &l) : bench_land_second(x, &l);
	bench_date_fmt(&l.issued, BENCH_DATE_ISO, iso, sizeof(iso));

	const bench_kv fields[] = {
	    {"certificate_number", l.register_canon},
	    {"parcel_number", l.parcel},
	    {"map_sheet_number", l.sheet},
	    {"area_m2", l.area},
	    {"land_use_purpose", l.purpose},
	    {"land_address", l.addr},
	    {"owner_name", x->doc->subject.name},
	    {"date_of_issue", iso},
	};

	return rc ? rc : bench_fields(x, fields, N_(fields));
}
