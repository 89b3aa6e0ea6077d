/*
 * bench_pages.c - page templates and the Vietnamese content drawn on
 * them: names, identifiers, dates, addresses and administrative prose,
 * all from a seeded generator so a page is a pure function of its seed.
 */
#include "bench_priv.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define BENCH_TEXT_MAX 512

/* ---- generator ------------------------------------------------------ */

static uint64_t bench_splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void bench_rng_seed(bench_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = bench_splitmix(&seed);
}

static uint64_t bench_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t bench_rng_next(bench_rng *r)
{
	uint64_t *s = r->s, res = bench_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = bench_rotl(s[3], 45);
	return res;
}

uint32_t bench_rng_below(bench_rng *r, uint32_t n)
{
	/* Rejection keeps small tables exactly uniform. */
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;

	do
		x = bench_rng_next(r);
	while (x >= lim);
	return (uint32_t)(x % n);
}

uint64_t bench_seed_mix(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed;

	x = bench_splitmix(&x) ^ a;
	x = bench_splitmix(&x) ^ b;
	return bench_splitmix(&x);
}

#define PICK(r, a) ((a)[bench_rng_below((r), N_(a))])

/* ---- tables --------------------------------------------------------- */

/* Official province codes (DOMAIN.md); `city` selects the urban
 * address shape (phường, quận, thành phố). */
static const struct {
	const char *code, *name;
	bool city;
} bench_provinces[] = {
    {"001", "Hà Nội", 1},         {"002", "Hà Giang", 0},       {"004", "Cao Bằng", 0},
    {"006", "Bắc Kạn", 0},        {"008", "Tuyên Quang", 0},    {"010", "Lào Cai", 0},
    {"011", "Điện Biên", 0},      {"012", "Lai Châu", 0},       {"014", "Sơn La", 0},
    {"015", "Yên Bái", 0},        {"017", "Hòa Bình", 0},       {"019", "Thái Nguyên", 0},
    {"020", "Lạng Sơn", 0},       {"022", "Quảng Ninh", 0},     {"024", "Bắc Giang", 0},
    {"025", "Phú Thọ", 0},        {"026", "Vĩnh Phúc", 0},      {"027", "Bắc Ninh", 0},
    {"030", "Hải Dương", 0},      {"031", "Hải Phòng", 1},      {"033", "Hưng Yên", 0},
    {"034", "Thái Bình", 0},      {"035", "Hà Nam", 0},         {"036", "Nam Định", 0},
    {"037", "Ninh Bình", 0},      {"038", "Thanh Hóa", 0},      {"040", "Nghệ An", 0},
    {"042", "Hà Tĩnh", 0},        {"044", "Quảng Bình", 0},     {"045", "Quảng Trị", 0},
    {"046", "Thừa Thiên Huế", 0}, {"048", "Đà Nẵng", 1},        {"049", "Quảng Nam", 0},
    {"051", "Quảng Ngãi", 0},     {"052", "Bình Định", 0},      {"054", "Phú Yên", 0},
    {"056", "Khánh Hòa", 0},      {"058", "Ninh Thuận", 0},     {"060", "Bình Thuận", 0},
    {"062", "Kon Tum", 0},        {"064", "Gia Lai", 0},        {"066", "Đắk Lắk", 0},
    {"067", "Đắk Nông", 0},       {"068", "Lâm Đồng", 0},       {"070", "Bình Phước", 0},
    {"072", "Tây Ninh", 0},       {"074", "Bình Dương", 0},     {"075", "Đồng Nai", 0},
    {"077", "Bà Rịa - Vũng Tàu", 0}, {"079", "Hồ Chí Minh", 1}, {"080", "Long An", 0},
    {"082", "Tiền Giang", 0},     {"083", "Bến Tre", 0},        {"084", "Trà Vinh", 0},
    {"086", "Vĩnh Long", 0},      {"087", "Đồng Tháp", 0},      {"089", "An Giang", 0},
    {"091", "Kiên Giang", 0},     {"092", "Cần Thơ", 1},        {"093", "Hậu Giang", 0},
    {"094", "Sóc Trăng", 0},      {"095", "Bạc Liêu", 0},       {"096", "Cà Mau", 0},
};

static const char *const bench_family[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
    "Phan",   "Vũ",     "Võ",     "Đặng", "Bùi",  "Đỗ", "Hồ", "Ngô",  "Dương", "Lý",
};
static const char *const bench_mid_m[] = {"Văn", "Văn", "Hữu", "Đức", "Minh", "Thanh", "Quang",
					  "Công", "Xuân", "Ngọc"};
static const char *const bench_mid_f[] = {"Thị", "Thị", "Thị", "Ngọc", "Thanh", "Minh",
					  "Thu",  "Kim", "Hồng"};
static const char *const bench_given_m[] = {"An",   "Bình", "Cường", "Dũng", "Long", "Nam",
					    "Phúc", "Quân", "Tuấn",  "Hùng", "Khánh", "Sơn",
					    "Thắng", "Hải", "Đạt",   "Huy",  "Việt", "Lộc"};
static const char *const bench_given_f[] = {"An",   "Hà",    "Hạnh", "Hương", "Lan",  "Mai",
					    "Thảo", "Trang", "Yến",  "Linh",  "Nhung", "Phương",
					    "Thủy", "Hằng",  "Vy",   "Ngân",  "Diệp", "Oanh"};
static const char *const bench_ethnic[] = {"Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh",
					   "Kinh", "Tày",  "Thái", "Mường", "Khmer", "Hoa",
					   "Nùng", "H'Mông"};
static const char *const bench_districts[] = {
    "Đức Hòa",  "Châu Thành", "Phú Tân",  "Thạch Hà", "Yên Định", "Tiên Du", "Hoài Nhơn",
    "Krông Pắc", "Cẩm Xuyên", "Quỳnh Lưu", "Gia Lâm", "Đông Anh", "Cái Bè",  "Mỏ Cày Nam",
    "Tam Nông", "Lục Ngạn",  "Hải Hậu",  "Kim Sơn",  "Diễn Châu", "Bình Sơn",
};
static const char *const bench_urban[] = {"Ba Đình",  "Hoàn Kiếm", "Cầu Giấy", "Hải Châu",
					  "Ninh Kiều", "Bình Thạnh", "Gò Vấp",  "Lê Chân",
					  "Ngô Quyền", "Thanh Khê", "Cái Răng", "Tân Bình"};
static const char *const bench_communes[] = {
    "Tân Phú",  "An Bình",  "Phước Lộc", "Hòa Thành", "Thanh Xuân", "Đông Hưng", "Xuân Lâm",
    "Quỳnh Lâm", "Hưng Đạo", "Tân Lập",   "Mỹ Hòa",   "Vĩnh Thạnh", "Bình Minh", "Nghĩa Trung",
    "Phú Lợi",  "Long Hậu", "Đại Đồng",  "Yên Sở",
};
static const char *const bench_streets[] = {"Lê Lợi",     "Trần Hưng Đạo", "Nguyễn Huệ",
					    "Hai Bà Trưng", "Lý Thường Kiệt", "Điện Biên Phủ",
					    "Phan Đình Phùng", "Quang Trung"};
static const char *const bench_villages[] = {"Thôn Đông", "Thôn 3", "Ấp Bình Thạnh", "Xóm 5",
					     "Thôn Trung", "Ấp 2", "Tổ 7"};

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
	/* Some names carry two middle names ("Nguyễn Thị Thanh Hương"). */
	if (bench_rng_below(r, 5) == 0 && strcmp(mid, "Thanh") != 0) {
		bench_cat(out, size, " Thanh");
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

	snprintf(out, 13, "%s%d%02d%06u", bench_provinces[province].code, g, p->year % 100,
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
	snprintf(out, size, m <= 2 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d", d,
		 m, y);
}

static void bench_province_name(uint32_t p, bool capital, char *out, size_t size)
{
	snprintf(out, size, "%s %s",
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
	snprintf(pl->unit, sizeof(pl->unit), "%s %s", city ? "phường" : "xã", pl->local);
	bench_province_name(p, false, prov, sizeof(prov));
	snprintf(pl->full, sizeof(pl->full), "%s, %s %s, %s", pl->unit, city ? "quận" : "huyện",
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
		snprintf(out, size, "Số %u đường %s, %s", 1 + bench_rng_below(r, 250),
			 PICK(r, bench_streets), pl.full);
	else if (bench_rng_below(r, 2))
		snprintf(out, size, "%s, %s", PICK(r, bench_villages), pl.full);
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
	bench_style body, bold, italic, title, header;
	bench_style sig, sig_bold, sig_italic;
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
	char line[BENCH_TEXT_MAX];

	snprintf(line, sizeof(line), "%s %s", label, value);
	return bench_canvas_text(x->c, &x->body, 0, x->hang, line, x->err);
}

static int bench_national_header(bench_ctx *x)
{
	int rc = bench_canvas_draw(x->c, &x->header, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x->err);

	if (rc == 0)
		rc = bench_canvas_draw(x->c, &x->header, 0, "Độc lập - Tự do - Hạnh phúc", x->err);
	bench_canvas_skip(x->c, 14);
	return rc;
}

/* ---- page templates ------------------------------------------------- */

