/*
 * bench_values.c - the seeded generator and the values drawn on the
 * documents: names, dates, addresses and identifiers that follow the
 * real rules (DOMAIN.md), so validators can be tested on them.
 */
#include "bench_priv.h"

#include <ctype.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- formatting ---------------------------------------------------- */

void bench_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

void bench_cat(char *dst, size_t size, const char *s)
{
	size_t n = strlen(dst);

	if (n < size)
		core_strlcpy(dst + n, s, size - n);
}

/* Capitalises a leading ASCII letter: every table entry starts with
 * one where this is used ("xã", "phường", "số", "thôn" do not). */
void bench_cap(char *s)
{
	if (*s && !(*s & 0x80))
		*s = (char)toupper((unsigned char)*s);
}

/* ---- seeded generator --------------------------------------------- */

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
	uint64_t lim, x;

	if (n <= 1)
		return 0;
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = bench_rng_next(r);
	while (x >= lim);
	return (uint32_t)(x % n);
}

double bench_rng_unit(bench_rng *r)
{
	/* 53 random bits: every double in [0, 1) on the 2^-53 grid. */
	return (double)(bench_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t bench_seed_mix(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t x = seed;

	x = bench_splitmix(&x) ^ a;
	x = bench_splitmix(&x) ^ b;
	return bench_splitmix(&x);
}

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

uint32_t bench_n_provinces(void)
{
	return N_(bench_provinces);
}

const char *bench_province_code(uint32_t p)
{
	return bench_provinces[p % N_(bench_provinces)].code;
}

bool bench_province_city(uint32_t p)
{
	return bench_provinces[p % N_(bench_provinces)].city;
}

const char *bench_province_short(uint32_t p)
{
	return bench_provinces[p % N_(bench_provinces)].name;
}

void bench_province_name(uint32_t p, bool capital, char *out, size_t size)
{
	bench_fmt(out, size, "%s %s",
	          bench_province_city(p) ? (capital ? "Thành phố" : "thành phố")
	                                 : (capital ? "Tỉnh" : "tỉnh"),
	          bench_province_short(p));
}

/* ---- dates and numbers ---------------------------------------------- */

int bench_days_in(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

void bench_date_random(bench_rng *r, int y0, int y1, bench_date *d)
{
	d->y = y0 + (int)bench_rng_below(r, (uint32_t)(y1 - y0 + 1));
	d->m = 1 + (int)bench_rng_below(r, 12);
	d->d = 1 + (int)bench_rng_below(r, (uint32_t)bench_days_in(d->y, d->m));
}

void bench_date_add(bench_date *d, int days)
{
	d->d += days;
	while (d->d > bench_days_in(d->y, d->m)) {
		d->d -= bench_days_in(d->y, d->m);
		if (++d->m > 12) {
			d->m = 1;
			++d->y;
		}
	}
}

int bench_date_cmp(const bench_date *a, const bench_date *b)
{
	return (a->y - b->y) * 400 + (a->m - b->m) * 32 + (a->d - b->d);
}

void bench_number_words(uint64_t n, char *out, size_t size)
{
	static const char *const digit[] = {"không", "một", "hai", "ba",  "bốn",
	                                    "năm",   "sáu", "bảy", "tám", "chín"};
	static const char *const group[] = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ"};
	unsigned parts[5] = {0};
	int top = 0;

	*out = '\0';
	if (n == 0) {
		core_strlcpy(out, digit[0], size);
		return;
	}
	for (top = 0; n && top < 5; top++, n /= 1000)
		parts[top] = (unsigned)(n % 1000);
	for (int g = top - 1; g >= 0; g--) {
		unsigned v = parts[g], h = v / 100, t = v / 10 % 10, u = v % 10;
		/* After a higher group, "không trăm" and "linh" are read out. */
		bool full = g < top - 1;

		if (v == 0)
			continue;
		if (*out)
			bench_cat(out, size, " ");
		if (full || h) {
			bench_cat(out, size, digit[h]);
			bench_cat(out, size, " trăm");
			if (t == 0 && u)
				bench_cat(out, size, " linh");
		}
		if (t == 1)
			bench_cat(out, size, (full || h) ? " mười" : "mười");
		else if (t > 1) {
			if (full || h)
				bench_cat(out, size, " ");
			bench_cat(out, size, digit[t]);
			bench_cat(out, size, " mươi");
		}
		if (u) {
			const char *w = digit[u];

			if (t >= 1 && u == 5)
				w = "lăm";
			else if (t > 1 && u == 1)
				w = "mốt";
			else if (t > 1 && u == 4)
				w = "tư";
			if (full || h || t)
				bench_cat(out, size, " ");
			bench_cat(out, size, w);
		}
		if (*group[g]) {
			bench_cat(out, size, " ");
			bench_cat(out, size, group[g]);
		}
	}
}

void bench_group_digits(uint64_t n, char *out, size_t size)
{
	char digits[24], buf[32];
	size_t len, j = 0;

	bench_fmt(digits, sizeof(digits), "%llu", (unsigned long long)n);
	len = strlen(digits);
	for (size_t i = 0; i < len && j + 2 < sizeof(buf); i++) {
		if (i && (len - i) % 3 == 0)
			buf[j++] = '.';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	core_strlcpy(out, buf, size);
}

void bench_date_fmt(const bench_date *d, bench_date_style st, char *out, size_t size)
{
	char day[48], month[48], year[96];

	switch (st) {
	case BENCH_DATE_SLASH:
		bench_fmt(out, size, "%02d/%02d/%04d", d->d, d->m, d->y);
		break;
	case BENCH_DATE_DASH:
		bench_fmt(out, size, "%02d-%02d-%04d", d->d, d->m, d->y);
		break;
	case BENCH_DATE_WORDS:
		/* Zero-padded day; months 1 and 2 only (DOMAIN.md). */
		bench_fmt(out, size,
		          d->m <= 2 ? "ngày %02d tháng %02d năm %d" : "ngày %02d tháng %d năm %d",
		          d->d, d->m, d->y);
		break;
	case BENCH_DATE_SPELLED:
		bench_number_words((uint64_t)d->d, day, sizeof(day));
		bench_number_words((uint64_t)d->m, month, sizeof(month));
		bench_number_words((uint64_t)d->y, year, sizeof(year));
		bench_fmt(out, size, "Ngày %s, tháng %s, năm %s", day, d->m == 4 ? "tư" : month,
		          year);
		break;
	case BENCH_DATE_YYMMDD:
		bench_fmt(out, size, "%02d%02d%02d", d->y % 100, d->m, d->d);
		break;
	default:
		bench_fmt(out, size, "%04d-%02d-%02d", d->y, d->m, d->d);
		break;
	}
}

/* ---- places --------------------------------------------------------- */

void bench_make_addr(bench_rng *r, uint32_t prov, bool with_head, bench_addr *a)
{
	bool city = bench_province_city(prov);

	memset(a, 0, sizeof(*a));
	a->prov = prov % N_(bench_provinces);
	a->commune = PICK(r, bench_communes);
	a->district = city ? PICK(r, bench_urban) : PICK(r, bench_districts);
	if (!with_head)
		return;
	if (city)
		bench_fmt(a->head, sizeof(a->head), "Số %u đường %s", 1 + bench_rng_below(r, 250),
		          PICK(r, bench_streets));
	else if (bench_rng_below(r, 2))
		core_strlcpy(a->head, PICK(r, bench_villages), sizeof(a->head));
}

void bench_addr_commune(const bench_addr *a, char *out, size_t size)
{
	bench_fmt(out, size, "%s %s", bench_province_city(a->prov) ? "phường" : "xã", a->commune);
}

void bench_addr_fmt(const bench_addr *a, bench_addr_style st, char *out, size_t size)
{
	bool city = bench_province_city(a->prov);
	char commune[96], prov[96];

	if (st == BENCH_ADDR_CARD) {
		bench_fmt(out, size, "%s%s%s, %s, %s", a->head, *a->head ? ", " : "", a->commune,
		          a->district, bench_province_short(a->prov));
		return;
	}
	bench_addr_commune(a, commune, sizeof(commune));
	bench_province_name(a->prov, false, prov, sizeof(prov));
	if (st == BENCH_ADDR_UNIT || !*a->head)
		bench_fmt(out, size, "%s, %s %s, %s", commune, city ? "quận" : "huyện", a->district,
		          prov);
	else
		bench_fmt(out, size, "%s, %s, %s %s, %s", a->head, commune, city ? "quận" : "huyện",
		          a->district, prov);
	if (st == BENCH_ADDR_FULL)
		bench_cap(out);
}

/* ---- people --------------------------------------------------------- */

void bench_make_name(bench_rng *r, bool female, const char *family, char *out, size_t size)
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

void bench_family_of(const char *name, char *out, size_t size)
{
	core_strlcpy(out, name, size);
	out[strcspn(out, " ")] = '\0';
}

/* G is 0/1 for 1900-1999, 2/3 for 2000-2099 and so on; odd for women. */
void bench_make_id(bench_rng *r, uint32_t prov, bool female, int year, char out[13])
{
	int g = (year - 1900) / 100 * 2 + (female ? 1 : 0);

	bench_fmt(out, 13, "%s%d%02d%06u", bench_province_code(prov), g, year % 100,
	          bench_rng_below(r, 1000000));
}

void bench_make_cmnd(bench_rng *r, uint32_t prov, char out[10])
{
	bench_fmt(out, 10, "%s%07u", bench_province_code(prov) + 1, bench_rng_below(r, 10000000));
}

void bench_make_person(bench_rng *r, bool female, const char *family, int y0, int y1, uint32_t prov,
                       bench_person *p)
{
	uint32_t origin = bench_rng_below(r, 3) ? prov : bench_rng_below(r, N_(bench_provinces));

	memset(p, 0, sizeof(*p));
	p->female = female;
	p->prov = prov % N_(bench_provinces);
	bench_make_name(r, female, family, p->name, sizeof(p->name));
	bench_date_random(r, y0, y1, &p->dob);
	bench_make_id(r, p->prov, female, p->dob.y, p->id);
	p->ethnic = PICK(r, bench_ethnic);
	bench_make_addr(r, origin, false, &p->origin);
	bench_make_addr(r, p->prov, true, &p->home);
}

/* ---- enterprise codes ----------------------------------------------- */

int bench_enterprise_check_digit(const char *d9)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0;

	for (int i = 0; i < 9; i++) {
		if (d9[i] < '0' || d9[i] > '9')
			return -1;
		sum += w[i] * (d9[i] - '0');
	}
	/* Remainder 0 would need the digit 10: no code has these nine. */
	return sum % 11 == 0 ? -1 : 10 - sum % 11;
}

bool bench_enterprise_valid(const char *code)
{
	int c;

	if (!code || strlen(code) != 10 || strspn(code, "0123456789") != 10)
		return false;
	c = bench_enterprise_check_digit(code);
	return c >= 0 && code[9] == '0' + c;
}

void bench_make_enterprise_code(bench_rng *r, char out[11])
{
	/* Tax office prefixes: Hà Nội 01, Hải Phòng 02, Hồ Chí Minh 03,
	 * Đà Nẵng 04, then provinces; the third digit is 0 to 4. */
	static const char *const prefix[] = {"01", "01", "03", "03", "02", "04", "11", "23",
	                                     "28", "29", "36", "37", "38", "40", "41", "50"};
	int c;

	do {
		bench_fmt(out, 11, "%s%u%06u", PICK(r, prefix), bench_rng_below(r, 5),
		          bench_rng_below(r, 1000000));
		c = bench_enterprise_check_digit(out);
	} while (c < 0);
	out[9] = (char)('0' + c);
	out[10] = '\0';
}

/* ---- case and transliteration --------------------------------------- */

void bench_upper(const char *s, char *out, size_t size)
{
	gchar *u = g_utf8_strup(s, -1);
	gchar *n = u ? g_utf8_normalize(u, -1, G_NORMALIZE_NFC) : NULL;

	core_strlcpy(out, n ? n : s, size);
	g_free(n);
	g_free(u);
}

void bench_ascii_upper(const char *s, char *out, size_t size)
{
	gchar *d = g_utf8_normalize(s, -1, G_NORMALIZE_NFD);
	size_t j = 0;

	if (size == 0)
		goto out;
	/* Decomposed, a Vietnamese letter is its base letter followed by
	 * combining marks (U+0300..U+036F); đ/Đ is the one that is not. */
	for (const gchar *p = d ? d : ""; *p && j + 1 < size; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c >= 0x300 && c <= 0x36f)
			continue;
		if (c == 0x111 || c == 0x110)
			c = 'D';
		out[j++] = c < 0x80 ? (char)toupper((int)c) : '?';
	}
out:
	if (size)
		out[j] = '\0';
	g_free(d);
}
