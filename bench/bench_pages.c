/*
 * bench_pages.c - page templates and the Vietnamese content drawn on
 * them: names, identifiers, dates, addresses and administrative prose,
 * all from a seeded generator so a page is a pure function of its seed.
 */
#include "bench_priv.h"

#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_(a)          ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define BENCH_TEXT_MAX 512

/*
 * snprintf for values built from the tables below.  Buffers are sized
 * for the longest combination; were one ever cut, truth and drawing
 * would still agree, since both use the same string.
 */
static void bench_fmt(char *dst, size_t size, const char *fmt, ...) CORE_PRINTF(3, 4);

static void bench_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

#define PICK(r, a) ((a)[bench_rng_below((r), N_(a))])

/* ---- tables --------------------------------------------------------- */

/* Official province codes (DOMAIN.md); `city` selects the urban
 * address shape (phường, quận, thành phố). */
static const struct {
	const char *code, *name;
	bool city;
} bench_provinces[] = {
    {"001", "Hà Nội", 1},
    {"002", "Hà Giang", 0},
    {"004", "Cao Bằng", 0},
    {"006", "Bắc Kạn", 0},
    {"008", "Tuyên Quang", 0},
    {"010", "Lào Cai", 0},
    {"011", "Điện Biên", 0},
    {"012", "Lai Châu", 0},
    {"014", "Sơn La", 0},
    {"015", "Yên Bái", 0},
    {"017", "Hòa Bình", 0},
    {"019", "Thái Nguyên", 0},
    {"020", "Lạng Sơn", 0},
    {"022", "Quảng Ninh", 0},
    {"024", "Bắc Giang", 0},
    {"025", "Phú Thọ", 0},
    {"026", "Vĩnh Phúc", 0},
    {"027", "Bắc Ninh", 0},
    {"030", "Hải Dương", 0},
    {"031", "Hải Phòng", 1},
    {"033", "Hưng Yên", 0},
    {"034", "Thái Bình", 0},
    {"035", "Hà Nam", 0},
    {"036", "Nam Định", 0},
    {"037", "Ninh Bình", 0},
    {"038", "Thanh Hóa", 0},
    {"040", "Nghệ An", 0},
    {"042", "Hà Tĩnh", 0},
    {"044", "Quảng Bình", 0},
    {"045", "Quảng Trị", 0},
    {"046", "Thừa Thiên Huế", 0},
    {"048", "Đà Nẵng", 1},
    {"049", "Quảng Nam", 0},
    {"051", "Quảng Ngãi", 0},
    {"052", "Bình Định", 0},
    {"054", "Phú Yên", 0},
    {"056", "Khánh Hòa", 0},
    {"058", "Ninh Thuận", 0},
    {"060", "Bình Thuận", 0},
    {"062", "Kon Tum", 0},
    {"064", "Gia Lai", 0},
    {"066", "Đắk Lắk", 0},
    {"067", "Đắk Nông", 0},
    {"068", "Lâm Đồng", 0},
    {"070", "Bình Phước", 0},
    {"072", "Tây Ninh", 0},
    {"074", "Bình Dương", 0},
    {"075", "Đồng Nai", 0},
    {"077", "Bà Rịa - Vũng Tàu", 0},
    {"079", "Hồ Chí Minh", 1},
    {"080", "Long An", 0},
    {"082", "Tiền Giang", 0},
    {"083", "Bến Tre", 0},
    {"084", "Trà Vinh", 0},
    {"086", "Vĩnh Long", 0},
    {"087", "Đồng Tháp", 0},
    {"089", "An Giang", 0},
    {"091", "Kiên Giang", 0},
    {"092", "Cần Thơ", 1},
    {"093", "Hậu Giang", 0},
    {"094", "Sóc Trăng", 0},
    {"095", "Bạc Liêu", 0},
    {"096", "Cà Mau", 0},
};

static const char *const bench_family[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
    "Phan",   "Vũ",     "Võ",     "Đặng", "Bùi",  "Đỗ", "Hồ", "Ngô",  "Dương", "Lý",
};
static const char *const bench_mid_m[] = {"Văn",   "Văn",   "Hữu",  "Đức",  "Minh",
                                          "Thanh", "Quang", "Công", "Xuân", "Ngọc"};
static const char *const bench_mid_f[] = {"Thị",  "Thị", "Thị", "Ngọc", "Thanh",
                                          "Minh", "Thu", "Kim", "Hồng"};
static const char *const bench_mid_f2[] = {"Thanh", "Thu", "Ngọc", "Kim", "Minh", "Hồng"};
static const char *const bench_given_m[] = {"An",    "Bình", "Cường", "Dũng", "Long",  "Nam",
                                            "Phúc",  "Quân", "Tuấn",  "Hùng", "Khánh", "Sơn",
                                            "Thắng", "Hải",  "Đạt",   "Huy",  "Việt",  "Lộc"};
static const char *const bench_given_f[] = {"An",   "Hà",    "Hạnh", "Hương", "Lan",   "Mai",
                                            "Thảo", "Trang", "Yến",  "Linh",  "Nhung", "Phương",
                                            "Thủy", "Hằng",  "Vy",   "Ngân",  "Diệp",  "Oanh"};
static const char *const bench_ethnic[] = {"Kinh",  "Kinh", "Kinh", "Kinh",  "Kinh",
                                           "Kinh",  "Kinh", "Tày",  "Thái",  "Mường",
                                           "Khmer", "Hoa",  "Nùng", "H'Mông"};
static const char *const bench_districts[] = {
    "Đức Hòa",   "Châu Thành", "Phú Tân",   "Thạch Hà", "Yên Định",  "Tiên Du",  "Hoài Nhơn",
    "Krông Pắc", "Cẩm Xuyên",  "Quỳnh Lưu", "Gia Lâm",  "Đông Anh",  "Cái Bè",   "Mỏ Cày Nam",
    "Tam Nông",  "Lục Ngạn",   "Hải Hậu",   "Kim Sơn",  "Diễn Châu", "Bình Sơn",
};
static const char *const bench_urban[] = {"Ba Đình",   "Hoàn Kiếm",  "Cầu Giấy", "Hải Châu",
                                          "Ninh Kiều", "Bình Thạnh", "Gò Vấp",   "Lê Chân",
                                          "Ngô Quyền", "Thanh Khê",  "Cái Răng", "Tân Bình"};
static const char *const bench_communes[] = {
    "Tân Phú",   "An Bình",     "Phước Lộc", "Hòa Thành", "Thanh Xuân", "Đông Hưng",
    "Xuân Lâm",  "Quỳnh Lâm",   "Hưng Đạo",  "Tân Lập",   "Mỹ Hòa",     "Vĩnh Thạnh",
    "Bình Minh", "Nghĩa Trung", "Phú Lợi",   "Long Hậu",  "Đại Đồng",   "Yên Sở",
};
static const char *const bench_streets[] = {"Lê Lợi",          "Trần Hưng Đạo",  "Nguyễn Huệ",
                                            "Hai Bà Trưng",    "Lý Thường Kiệt", "Điện Biên Phủ",
                                            "Phan Đình Phùng", "Quang Trung"};
static const char *const bench_villages[] = {"Thôn Đông",  "Thôn 3", "Ấp Bình Thạnh", "Xóm 5",
                                             "Thôn Trung", "Ấp 2",   "Tổ 7"};

/* ---- values --------------------------------------------------------- */

typedef struct bench_person {
	char name[128];
	bool female;
	int year, month, day;
	char id[13];
} bench_person;

static void bench_cat(char *dst, size_t size, const char *s)
{
	size_t n = strlen(dst);

	if (n < size)
		core_strlcpy(dst + n, s, size - n);
}

static void bench_make_name(bench_rng *r, bool female, const char *family, char *out, size_t size)
{
	const char *mid = female ? PICK(r, bench_mid_f) : PICK(r, bench_mid_m);

	core_strlcpy(out, family ? family : PICK(r, bench_family), size);
	bench_cat(out, size, " ");
	bench_cat(out, size, mid);
	/* Many women's names carry a second middle name after Thị
	 * ("Nguyễn Thị Thanh Hương"). */
	if (strcmp(mid, "Thị") == 0 && bench_rng_below(r, 3) == 0) {
		bench_cat(out, size, " ");
		bench_cat(out, size, PICK(r, bench_mid_f2));
	}
	bench_cat(out, size, " ");
	bench_cat(out, size, female ? PICK(r, bench_given_f) : PICK(r, bench_given_m));
}

static int bench_days_in(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static void bench_make_date(bench_rng *r, int year, int *month, int *day)
{
	*month = 1 + (int)bench_rng_below(r, 12);
	*day = 1 + (int)bench_rng_below(r, (uint32_t)bench_days_in(year, *month));
}

/* Adds days to a date; the corpus never spans more than a few months. */
static void bench_date_add(int *year, int *month, int *day, int days)
{
	*day += days;
	while (*day > bench_days_in(*year, *month)) {
		*day -= bench_days_in(*year, *month);
		if (++*month > 12) {
			*month = 1;
			++*year;
		}
	}
}

/* PPP G YY NNNNNN; G is 0/1 for 1900-1999 and 2/3 for 2000-2099, odd for women. */
static void bench_make_id(bench_rng *r, uint32_t province, const bench_person *p, char out[13])
{
	int g = (p->year >= 2000 ? 2 : 0) + (p->female ? 1 : 0);

	bench_fmt(out, 13, "%s%d%02d%06u", bench_provinces[province].code, g, p->year % 100,
	          bench_rng_below(r, 1000000));
}

static void bench_make_person(bench_rng *r, bool female, const char *family, int y0, int y1,
                              uint32_t province, bench_person *p)
{
	p->female = female;
	bench_make_name(r, female, family, p->name, sizeof(p->name));
	p->year = y0 + (int)bench_rng_below(r, (uint32_t)(y1 - y0 + 1));
	bench_make_date(r, p->year, &p->month, &p->day);
	bench_make_id(r, province, p, p->id);
}

/* "ngày 05 tháng 3 năm 1990": zero-padded day, and months 1 and 2 only. */
static void bench_date_words(int y, int m, int d, char *out, size_t size)
{
	bench_fmt(out, size, m <= 2 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d",
	          d, m, y);
}

static void bench_province_name(uint32_t p, bool capital, char *out, size_t size)
{
	bench_fmt(out, size, "%s %s",
	          bench_provinces[p].city ? (capital ? "Thành phố" : "thành phố")
	                                  : (capital ? "Tỉnh" : "tỉnh"),
	          bench_provinces[p].name);
}

typedef struct bench_place {
	char unit[96];  /* "xã Tân Phú" (lower-case unit word) */
	char local[96]; /* "Tân Phú": for the signature date line */
	char full[256]; /* "xã Tân Phú, huyện Đức Hòa, tỉnh Long An" */
} bench_place;

static void bench_make_place(bench_rng *r, uint32_t p, bench_place *pl)
{
	char prov[96];
	bool city = bench_provinces[p].city;

	core_strlcpy(pl->local, PICK(r, bench_communes), sizeof(pl->local));
	bench_fmt(pl->unit, sizeof(pl->unit), "%s %s", city ? "phường" : "xã", pl->local);
	bench_province_name(p, false, prov, sizeof(prov));
	bench_fmt(pl->full, sizeof(pl->full), "%s, %s %s, %s", pl->unit, city ? "quận" : "huyện",
	          city ? PICK(r, bench_urban) : PICK(r, bench_districts), prov);
}

/* Capitalises a leading ASCII letter: every table entry starts with
 * one where this is used ("xã", "phường", "số", "thôn" do not). */
static void bench_cap(char *s)
{
	if (*s && !(*s & 0x80))
		*s = (char)toupper((unsigned char)*s);
}

static void bench_make_address(bench_rng *r, uint32_t p, char *out, size_t size)
{
	bench_place pl;

	bench_make_place(r, p, &pl);
	if (bench_provinces[p].city)
		bench_fmt(out, size, "Số %u đường %s, %s", 1 + bench_rng_below(r, 250),
		          PICK(r, bench_streets), pl.full);
	else if (bench_rng_below(r, 2))
		bench_fmt(out, size, "%s, %s", PICK(r, bench_villages), pl.full);
	else {
		core_strlcpy(out, pl.full, size);
		bench_cap(out);
	}
}

/* ---- drawing -------------------------------------------------------- */

static const char *const bench_fonts[] = {"Liberation Serif", "DejaVu Sans", "Liberation Sans"};

typedef struct bench_ctx {
	bench_canvas *c;
	bench_rng *rng;
	bench_style body, center, title, header;
	bench_style sig_bold, sig_italic;
	int hang; /* continuation indent of wrapped field values */
	json_t *fields;
	core_err *err;
} bench_ctx;

static int bench_field(bench_ctx *x, const char *key, const char *value)
{
	json_t *v = json_string(value);

	if (!v || json_object_set_new(x->fields, key, v) != 0)
		return core_err_set(x->err, CORE_ENOMEM, "cannot build the truth fields");
	return 0;
}

/* "Label: value" as one truth line, wrapped with a hanging indent. */
static int bench_labelled(bench_ctx *x, const char *label, const char *value)
{
	char line[2 * BENCH_TEXT_MAX];

	bench_fmt(line, sizeof(line), "%s %s", label, value);
	return bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
}

static int bench_national_header(bench_ctx *x)
{
	int rc =
	    bench_canvas_draw(x->c, &x->header, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x->err);

	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->header, 0, "Độc lập - Tự do - Hạnh phúc", x->err);
	bench_canvas_skip(x->c, 14);
	return rc;
}

/* ---- page templates ------------------------------------------------- */

typedef struct bench_kv {
	const char *key, *value;
} bench_kv;

/* Labelled rows; a NULL key is a small gap between sections. */
static int bench_rows(bench_ctx *x, const bench_kv *rows, size_t n)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!rows[i].key)
			bench_canvas_skip(x->c, 8);
		else
			rc = bench_labelled(x, rows[i].key, rows[i].value);
	}
	return rc;
}

static int bench_fields(bench_ctx *x, const bench_kv *kv, size_t n)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = bench_field(x, kv[i].key, kv[i].value);
	return rc;
}

/* The right-hand block: date line, role, hint, room to sign, name. */
static int bench_signature(bench_ctx *x, const char *date_line, const char *role, const char *hint,
                           const char *name)
{
	int rc = 0;

	bench_canvas_skip(x->c, 12);
	if (date_line)
		rc = bench_canvas_draw(x->c, &x->sig_italic, 0, date_line, x->err);
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->sig_bold, 0, role, x->err);
	if (rc == 0 && hint)
		rc = bench_canvas_draw(x->c, &x->sig_italic, 0, hint, x->err);
	bench_canvas_skip(x->c, 40);
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->sig_bold, 0, name, x->err);
	return rc;
}

static int bench_birth_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	uint32_t prov = bench_rng_below(r, N_(bench_provinces));
	uint32_t origin = bench_rng_below(r, 3) ? prov : bench_rng_below(r, N_(bench_provinces));
	bench_person child, mother, father;
	bench_place reg;
	char dob[16], iso[16], pob[256], poo[256], regplace[320], regdate[64], regiso[16];
	char home[256], family[64], no[64], signer[128], prov_name[96], my[8], fy[8];
	const char *ethnic = PICK(r, bench_ethnic);
	const char *sex;
	int ry, rm, rd, rc;

	bench_make_person(r, bench_rng_below(r, 2), NULL, 1960, 2023, prov, &child);
	sex = child.female ? "Nữ" : "Nam";
	/* Children take the father's family name. */
	core_strlcpy(family, child.name, sizeof(family));
	family[strcspn(family, " ")] = '\0';
	bench_make_person(r, true, NULL, child.year - 40, child.year - 18, prov, &mother);
	bench_make_person(r, false, family, child.year - 45, child.year - 19, prov, &father);
	bench_fmt(my, sizeof(my), "%d", mother.year);
	bench_fmt(fy, sizeof(fy), "%d", father.year);
	bench_make_place(r, prov, &reg);
	bench_province_name(prov, false, prov_name, sizeof(prov_name));
	switch (bench_rng_below(r, 3)) {
	case 0:
		bench_fmt(pob, sizeof(pob), "Bệnh viện Đa khoa %s", prov_name);
		break;
	case 1:
		bench_fmt(pob, sizeof(pob), "Trạm y tế %s", reg.full);
		break;
	default:
		core_strlcpy(pob, reg.full, sizeof(pob));
		bench_cap(pob);
		break;
	}
	bench_make_address(r, origin, poo, sizeof(poo));
	bench_make_address(r, prov, home, sizeof(home));
	bench_fmt(regplace, sizeof(regplace), "Ủy ban nhân dân %s", reg.full);
	ry = child.year;
	rm = child.month;
	rd = child.day;
	bench_date_add(&ry, &rm, &rd, 1 + (int)bench_rng_below(r, 60));
	bench_date_words(ry, rm, rd, regdate, sizeof(regdate));
	bench_fmt(regiso, sizeof(regiso), "%04d-%02d-%02d", ry, rm, rd);
	bench_fmt(dob, sizeof(dob), "%02d/%02d/%04d", child.day, child.month, child.year);
	bench_fmt(iso, sizeof(iso), "%04d-%02d-%02d", child.year, child.month, child.day);
	bench_fmt(no, sizeof(no), "Số: %u, Quyển số: %02u/%d", 1 + bench_rng_below(r, 300),
	          1 + bench_rng_below(r, 3), ry);
	bench_make_name(r, bench_rng_below(r, 2), NULL, signer, sizeof(signer));

	const bench_kv rows[] = {
	    {"Họ, chữ đệm, tên:", child.name},
	    {"Ngày, tháng, năm sinh:", dob},
	    {"Giới tính:", sex},
	    {"Dân tộc:", ethnic},
	    {"Quốc tịch:", "Việt Nam"},
	    {"Nơi sinh:", pob},
	    {"Quê quán:", poo},
	    {"Số định danh cá nhân:", child.id},
	    {NULL, NULL},
	    {"Họ, chữ đệm, tên người mẹ:", mother.name},
	    {"Năm sinh:", my},
	    {"Nơi cư trú:", home},
	    {NULL, NULL},
	    {"Họ, chữ đệm, tên người cha:", father.name},
	    {"Năm sinh:", fy},
	    {"Nơi cư trú:", home},
	    {NULL, NULL},
	    {"Nơi đăng ký khai sinh:", regplace},
	    {"Ngày, tháng, năm đăng ký:", regdate},
	};
	const bench_kv fields[] = {
	    {"full_name", child.name},
	    {"date_of_birth", iso},
	    {"sex", sex},
	    {"ethnicity", ethnic},
	    {"nationality", "Việt Nam"},
	    {"place_of_birth", pob},
	    {"place_of_origin", poo},
	    {"personal_id", child.id},
	    {"mother_name", mother.name},
	    {"father_name", father.name},
	    {"registration_place", regplace},
	    {"registration_date", regiso},
	};

	rc = bench_national_header(x);
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->title, 0, "GIẤY KHAI SINH", x->err);
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->center, 0, no, x->err);
	bench_canvas_skip(x->c, 10);
	if (rc == 0)
		rc = bench_rows(x, rows, N_(rows));
	if (rc == 0)
		rc = bench_signature(x, NULL, "NGƯỜI KÝ GIẤY KHAI SINH", NULL, signer);
	if (rc == 0)
		rc = bench_fields(x, fields, N_(fields));
	return rc;
}

static const char *const bench_form_titles[] = {
    "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
    "ĐƠN ĐỀ NGHỊ CẤP BẢN SAO TRÍCH LỤC KHAI SINH",
    "ĐƠN ĐỀ NGHỊ CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN",
    "ĐƠN ĐỀ NGHỊ ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT",
};
static const char *const bench_purposes[] = {"xin việc", "nhập học", "đăng ký kết hôn",
                                             "hưởng chế độ bảo hiểm xã hội",
                                             "vay vốn tại ngân hàng"};
static const char *const bench_land_causes[] = {"chuyển nhượng", "thừa kế", "tặng cho"};

/* What the citizen asks, matched to the form's title and addressee. */
static void bench_make_request(bench_rng *r, uint32_t form, uint32_t prov, const bench_place *pl,
                               char *out, size_t size)
{
	char addr[256];

	switch (form) {
	case 0:
		bench_make_address(r, prov, addr, sizeof(addr));
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
	default:
		bench_fmt(
		    out, size,
		    "Đăng ký biến động do %s quyền sử dụng đất đối với thửa đất số %u, tờ bản "
		    "đồ số %u tại %s.",
		    PICK(r, bench_land_causes), 1 + bench_rng_below(r, 900),
		    1 + bench_rng_below(r, 60), pl->full);
		break;
	}
}

static int bench_form_page(bench_ctx *x)
{
	bench_rng *r = x->rng;
	uint32_t prov = bench_rng_below(r, N_(bench_provinces));
	uint32_t form = bench_rng_below(r, N_(bench_form_titles));
	bench_person p;
	bench_place pl;
	char dob[16], iso[16], phone[16], to[320], home[256], req[BENCH_TEXT_MAX];
	char date_line[160], date[64], prov_name[96];
	static const char *const prefixes[] = {"09", "03", "08", "07"};
	int dm, dd, rc;

	bench_make_person(r, bench_rng_below(r, 2), NULL, 1954, 2006, prov, &p);
	bench_make_place(r, prov, &pl);
	bench_province_name(prov, false, prov_name, sizeof(prov_name));
	if (form == 0)
		bench_fmt(to, sizeof(to), "Công an %s", pl.full);
	else if (form == 3)
		bench_fmt(to, sizeof(to), "Văn phòng đăng ký đất đai %s", prov_name);
	else
		bench_fmt(to, sizeof(to), "Ủy ban nhân dân %s", pl.full);
	bench_fmt(phone, sizeof(phone), "%s%08u", PICK(r, prefixes), bench_rng_below(r, 100000000));
	bench_make_address(r, prov, home, sizeof(home));
	bench_make_request(r, form, prov, &pl, req, sizeof(req));
	bench_fmt(dob, sizeof(dob), "%02d/%02d/%04d", p.day, p.month, p.year);
	bench_fmt(iso, sizeof(iso), "%04d-%02d-%02d", p.year, p.month, p.day);
	bench_make_date(r, 2024, &dm, &dd);
	bench_date_words(2024, dm, dd, date, sizeof(date));
	bench_fmt(date_line, sizeof(date_line), "%s, %s", pl.local, date);

	const bench_kv rows[] = {
	    {"Họ, chữ đệm và tên:", p.name},         {"Ngày, tháng, năm sinh:", dob},
	    {"Giới tính:", p.female ? "Nữ" : "Nam"}, {"Số định danh cá nhân:", p.id},
	    {"Số điện thoại liên hệ:", phone},       {"Nơi cư trú:", home},
	};
	const bench_kv fields[] = {
	    {"full_name", p.name}, {"date_of_birth", iso}, {"personal_id", p.id},
	    {"addressee", to},     {"request", req},
	};

	rc = bench_national_header(x);
	if (rc == 0)
		rc = bench_canvas_text(x->c, &x->title, 0, 0, bench_form_titles[form], x->err);
	bench_canvas_skip(x->c, 12);
	if (rc == 0)
		rc = bench_labelled(x, "Kính gửi:", to);
	bench_canvas_skip(x->c, 8);
	if (rc == 0)
		rc = bench_rows(x, rows, N_(rows));
	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->body, 0, "Nội dung đề nghị:", x->err);
	if (rc == 0)
		rc = bench_canvas_text(x->c, &x->body, x->hang, x->hang, req, x->err);
	bench_canvas_skip(x->c, 6);
	if (rc == 0)
		rc = bench_canvas_text(
		    x->c, &x->body, x->hang, 0,
		    "Tôi xin cam đoan những nội dung khai trên đây là đúng sự "
		    "thật và chịu trách nhiệm trước pháp luật về lời khai của mình.",
		    x->err);
	if (rc == 0)
		rc = bench_signature(x, date_line, "NGƯỜI LÀM ĐƠN", "(Ký, ghi rõ họ tên)", p.name);
	if (rc == 0)
		rc = bench_fields(x, fields, N_(fields));
	return rc;
}

/* ---- pages ---------------------------------------------------------- */

const char *bench_kind_name(bench_kind k)
{
	static const char *const names[] = {"prose", "birth_certificate", "application_form",
	                                    "blank"};

	return (unsigned)k < N_(names) ? names[k] : "unknown";
}

const char *bench_kind_doc_type(bench_kind k)
{
	return k == BENCH_PAGE_PROSE ? "other" : bench_kind_name(k);
}

void bench_page_out_free(bench_page_out *p)
{
	if (!p)
		return;
	bench_raster_free(&p->raster);
	json_decref(p->lines);
	json_decref(p->fields);
	p->lines = p->fields = NULL;
}

static bench_style bench_mk_style(const char *family, double pt, bool bold, bool italic,
                                  bench_align align)
{
	bench_style s = {
	    .family = family, .size_pt = pt, .bold = bold, .italic = italic, .align = align};

	return s;
}

int bench_page_make(bench_kind kind, uint64_t seed, int dpi, int font_index, bench_page_out *out,
                    core_err *err)
{
	bench_rng rng;
	bench_ctx x = {.rng = &rng, .err = err};
	const char *family = bench_fonts[(unsigned)font_index % N_(bench_fonts)];
	double body;
	int rc;

	memset(out, 0, sizeof(*out));
	bench_rng_seed(&rng, seed);
	/* DejaVu Sans is wide: 13 pt would wrap most field lines. */
	body = strcmp(family, "DejaVu Sans") == 0 ? 12 : 12 + bench_rng_below(&rng, 2);
	x.body = bench_mk_style(family, body, false, false, BENCH_ALIGN_LEFT);
	x.center = bench_mk_style(family, body, false, true, BENCH_ALIGN_CENTER);
	x.header = bench_mk_style(family, body, true, false, BENCH_ALIGN_CENTER);
	x.title =
	    bench_mk_style(family, 14 + bench_rng_below(&rng, 3), true, false, BENCH_ALIGN_CENTER);
	x.sig_bold = bench_mk_style(family, body, true, false, BENCH_ALIGN_RIGHT_HALF);
	x.sig_italic = bench_mk_style(family, body, false, true, BENCH_ALIGN_RIGHT_HALF);
	out->font = family;
	out->size_pt = body;
	out->lines = json_array();
	x.fields = out->fields = json_object();
	if (!out->lines || !out->fields) {
		rc = core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	rc = bench_canvas_new(dpi, &x.c, err);
	if (rc)
		goto out;
	x.hang = bench_canvas_px(x.c, 24);
	switch (kind) {
	case BENCH_PAGE_PROSE:
		rc = bench_prose_draw(x.c, &rng, &x.body, &x.title, &x.header, err);
		break;
	case BENCH_PAGE_BIRTH:
		rc = bench_birth_page(&x);
		break;
	case BENCH_PAGE_FORM:
		rc = bench_form_page(&x);
		break;
	case BENCH_PAGE_BLANK:
		break;
	default:
		rc = core_err_set(err, CORE_EINTERNAL, "unknown page kind %d", (int)kind);
		break;
	}
	if (rc)
		goto out;
	for (int i = 0; i < bench_canvas_n_lines(x.c); i++) {
		json_t *s = json_string(bench_canvas_line(x.c, i));

		if (!s || json_array_append_new(out->lines, s) != 0) {
			rc = core_err_set(err, CORE_ENOMEM, "cannot build the truth lines");
			goto out;
		}
	}
	rc = bench_canvas_finish(x.c, &out->raster, err);
out:
	bench_canvas_free(x.c);
	if (rc)
		bench_page_out_free(out);
	return rc;
}
