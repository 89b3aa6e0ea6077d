/*
 * bench_load_data.c - sohoa-load's building blocks: random numbers,
 * dates, Vietnamese text helpers, places, citizens and enterprises.
 *
 * The PRNG is a copy of the generator's (splitmix64 seeding
 * xoshiro256**), kept here so the loader does not follow every change
 * of the generator's private header.
 */
#include "bench_load.h"

#include <stdio.h>
#include <string.h>

/* ---- random numbers ---------------------------------------------------- */

uint64_t bench_load_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void bench_load_rng_init(bench_load_rng *r, uint64_t seed, bench_load_stream stream, uint64_t index)
{
	uint64_t x = bench_load_mix(bench_load_mix(seed ^ ((uint64_t)stream << 56)) ^ index);

	for (int i = 0; i < 4; i++) {
		x = bench_load_mix(x);
		r->s[i] = x;
	}
}

static uint64_t bench_load_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t bench_load_next(bench_load_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = bench_load_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = bench_load_rotl(s[3], 45);
	return out;
}

uint32_t bench_load_below(bench_load_rng *r, uint32_t n)
{
	/* Lemire's multiply-shift; the bias is below 2^-32 per draw. */
	return (uint32_t)(((bench_load_next(r) >> 32) * (uint64_t)n) >> 32);
}

int bench_load_range(bench_load_rng *r, int lo, int hi)
{
	return lo + (int)bench_load_below(r, (uint32_t)(hi - lo + 1));
}

double bench_load_unit(bench_load_rng *r)
{
	return (double)(bench_load_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

bool bench_load_chance(bench_load_rng *r, double p)
{
	return bench_load_unit(r) < p;
}

/* ---- dates ---------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t bench_load_days(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void bench_load_civil(int32_t days, int *y, int *m, int *d)
{
	int32_t z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int bench_load_year(int32_t days)
{
	int y, m, d;

	bench_load_civil(days, &y, &m, &d);
	return y;
}

void bench_load_time_text(int64_t t, char out[32])
{
	int64_t local = t + BENCH_LOAD_TZ;
	int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	int sec = (int)(local - day * 86400);
	int y, m, d;

	bench_load_civil((int32_t)day, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02d %02d:%02d:%02d+07", y, m, d, sec / 3600, sec / 60 % 60,
	         sec % 60);
}

/* ---- text ------------------------------------------------------------------ */

void bench_load_fmt(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

/* One code point of well-formed UTF-8 (our own literals); *n its length. */
static uint32_t bench_load_utf8_get(const char *s, int *n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0 && p[1]) {
		*n = 2;
		return ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
	}
	if ((p[0] & 0xf0) == 0xe0 && p[1] && p[2]) {
		*n = 3;
		return ((uint32_t)(p[0] & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) |
		       (p[2] & 0x3f);
	}
	*n = 1;
	return 0xfffd;
}

static int bench_load_utf8_put(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | (c >> 12));
	out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* The Vietnamese letters only: Latin-1, a few of Latin Extended-A/B,
 * and Latin Extended Additional where capitals are the even points. */
static uint32_t bench_load_upper_cp(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 32;
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return c - 0x20;
	if (c >= 0x1ea0 && c <= 0x1ef9 && (c & 1))
		return c - 1;
	switch (c) {
	case 0x103:
	case 0x111:
	case 0x129:
	case 0x169:
	case 0x1a1:
		return c - 1;
	case 0x1b0:
		return 0x1af;
	}
	return c;
}

static void bench_load_map(const char *in, char *out, size_t size, uint32_t (*f)(uint32_t))
{
	size_t o = 0;
	char enc[4];
	int n, k;

	if (!size)
		return;
	while (*in) {
		uint32_t c = f(bench_load_utf8_get(in, &n));
		in += n;
		k = bench_load_utf8_put(c, enc);
		if (o + (size_t)k >= size)
			break;
		memcpy(out + o, enc, (size_t)k);
		o += (size_t)k;
	}
	out[o] = '\0';
}

void bench_load_upper(const char *in, char *out, size_t size)
{
	bench_load_map(in, out, size, bench_load_upper_cp);
}

/* Precomposed letters of each base letter, lower then upper case. */
static const struct {
	char base;
	const char *forms;
} bench_load_bases[] = {
    {'a', "àáảãạăằắẳẵặâầấẩẫậ"},
    {'A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
    {'e', "èéẻẽẹêềếểễệ"},
    {'E', "ÈÉẺẼẸÊỀẾỂỄỆ"},
    {'i', "ìíỉĩị"},
    {'I', "ÌÍỈĨỊ"},
    {'o', "òóỏõọôồốổỗộơờớởỡợ"},
    {'O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
    {'u', "ùúủũụưừứửữự"},
    {'U', "ÙÚỦŨỤƯỪỨỬỮỰ"},
    {'y', "ỳýỷỹỵ"},
    {'Y', "ỲÝỶỸỴ"},
    {'d', "đ"},
    {'D', "Đ"},
};

static uint32_t bench_load_ascii_cp(uint32_t c)
{
	int n;

	if (c < 0x80)
		return c;
	for (int i = 0; i < BENCH_LOAD_N(bench_load_bases); i++)
		for (const char *p = bench_load_bases[i].forms; *p; p += n)
			if (bench_load_utf8_get(p, &n) == c)
				return (uint32_t)bench_load_bases[i].base;
	return c;
}

void bench_load_ascii(const char *in, char *out, size_t size)
{
	bench_load_map(in, out, size, bench_load_ascii_cp);
}

void bench_load_cap_first(char *s, size_t size)
{
	char enc[4], rest[512];
	int n, k;
	uint32_t c;

	if (!s[0])
		return;
	c = bench_load_utf8_get(s, &n);
	k = bench_load_utf8_put(bench_load_upper_cp(c), enc);
	if (k != n) /* never for the Vietnamese letters; keep the text whole */
		return;
	core_strlcpy(rest, s + n, sizeof(rest));
	memcpy(s, enc, (size_t)k);
	core_strlcpy(s + k, rest, size - (size_t)k);
}

static const char *const bench_load_digits[] = {"không", "một", "hai", "ba",  "bốn",
                                                "năm",   "sáu", "bảy", "tám", "chín"};

static void bench_load_cat(char *dst, size_t size, const char *s)
{
	size_t n = strlen(dst);

	if (n < size)
		core_strlcpy(dst + n, s, size - n);
}

void bench_load_words(int n, char *out, size_t size)
{
	int th = n / 1000, hu = n / 100 % 10, te = n / 10 % 10, un = n % 10;
	bool lead = false;

	out[0] = '\0';
	if (n <= 0 || n >= 10000) {
		core_strlcpy(out, "không", size);
		return;
	}
	if (th) {
		bench_load_cat(out, size, bench_load_digits[th]);
		bench_load_cat(out, size, " nghìn");
		lead = true;
		if (n % 1000 == 0)
			return;
	}
	if (hu || lead) {
		if (lead)
			bench_load_cat(out, size, " ");
		bench_load_cat(out, size, bench_load_digits[hu]);
		bench_load_cat(out, size, " trăm");
		lead = true;
	}
	if (te == 0 && un == 0)
		return;
	if (lead)
		bench_load_cat(out, size, " ");
	if (te == 0) {
		/* 105: "một trăm lẻ năm" */
		if (lead)
			bench_load_cat(out, size, "lẻ ");
		bench_load_cat(out, size, bench_load_digits[un]);
		return;
	}
	if (te == 1) {
		bench_load_cat(out, size, "mười");
	} else {
		bench_load_cat(out, size, bench_load_digits[te]);
		bench_load_cat(out, size, " mươi");
	}
	if (un == 0)
		return;
	bench_load_cat(out, size, " ");
	if (un == 5)
		bench_load_cat(out, size, "lăm");
	else if (un == 1 && te > 1)
		bench_load_cat(out, size, "mốt");
	else if (un == 4 && te > 1)
		bench_load_cat(out, size, "tư");
	else
		bench_load_cat(out, size, bench_load_digits[un]);
}

/* ---- places ---------------------------------------------------------------- */

/* DOMAIN.md: the 63 provinces and their personal ID prefixes. */
const bench_load_province bench_load_provinces[] = {
    {"001", "Hà Nội", true},
    {"002", "Hà Giang", false},
    {"004", "Cao Bằng", false},
    {"006", "Bắc Kạn", false},
    {"008", "Tuyên Quang", false},
    {"010", "Lào Cai", false},
    {"011", "Điện Biên", false},
    {"012", "Lai Châu", false},
    {"014", "Sơn La", false},
    {"015", "Yên Bái", false},
    {"017", "Hòa Bình", false},
    {"019", "Thái Nguyên", false},
    {"020", "Lạng Sơn", false},
    {"022", "Quảng Ninh", false},
    {"024", "Bắc Giang", false},
    {"025", "Phú Thọ", false},
    {"026", "Vĩnh Phúc", false},
    {"027", "Bắc Ninh", false},
    {"030", "Hải Dương", false},
    {"031", "Hải Phòng", true},
    {"033", "Hưng Yên", false},
    {"034", "Thái Bình", false},
    {"035", "Hà Nam", false},
    {"036", "Nam Định", false},
    {"037", "Ninh Bình", false},
    {"038", "Thanh Hóa", false},
    {"040", "Nghệ An", false},
    {"042", "Hà Tĩnh", false},
    {"044", "Quảng Bình", false},
    {"045", "Quảng Trị", false},
    {"046", "Thừa Thiên Huế", false},
    {"048", "Đà Nẵng", true},
    {"049", "Quảng Nam", false},
    {"051", "Quảng Ngãi", false},
    {"052", "Bình Định", false},
    {"054", "Phú Yên", false},
    {"056", "Khánh Hòa", false},
    {"058", "Ninh Thuận", false},
    {"060", "Bình Thuận", false},
    {"062", "Kon Tum", false},
    {"064", "Gia Lai", false},
    {"066", "Đắk Lắk", false},
    {"067", "Đắk Nông", false},
    {"068", "Lâm Đồng", false},
    {"070", "Bình Phước", false},
    {"072", "Tây Ninh", false},
    {"074", "Bình Dương", false},
    {"075", "Đồng Nai", false},
    {"077", "Bà Rịa - Vũng Tàu", false},
    {"079", "Hồ Chí Minh", true},
    {"080", "Long An", false},
    {"082", "Tiền Giang", false},
    {"083", "Bến Tre", false},
    {"084", "Trà Vinh", false},
    {"086", "Vĩnh Long", false},
    {"087", "Đồng Tháp", false},
    {"089", "An Giang", false},
    {"091", "Kiên Giang", false},
    {"092", "Cần Thơ", true},
    {"093", "Hậu Giang", false},
    {"094", "Sóc Trăng", false},
    {"095", "Bạc Liêu", false},
    {"096", "Cà Mau", false},
};
const int bench_load_n_provinces = BENCH_LOAD_N(bench_load_provinces);

/* Names that recur across provinces, so any pairing is plausible. */
static const char *const bench_load_rural[] = {
    "Châu Thành", "Phú Tân",   "Tân Phú",    "Bình Sơn",  "Yên Định",   "Tiên Du",
    "Hoài Nhơn",  "Krông Pắc", "Cẩm Xuyên",  "Quỳnh Lưu", "Gia Lâm",    "Đông Anh",
    "Cái Bè",     "Tam Nông",  "Lục Ngạn",   "Hải Hậu",   "Kim Sơn",    "Diễn Châu",
    "Đức Hòa",    "Thạch Hà",  "Mỏ Cày Nam", "Phú Hòa",   "Vĩnh Thạnh", "Long Thành",
};
static const char *const bench_load_urban[] = {
    "Ba Đình",   "Hoàn Kiếm", "Cầu Giấy",   "Đống Đa", "Hải Châu",  "Thanh Khê",
    "Ninh Kiều", "Cái Răng",  "Bình Thạnh", "Gò Vấp",  "Tân Bình",  "Phú Nhuận",
    "Lê Chân",   "Ngô Quyền", "Hồng Bàng",  "Sơn Trà", "Bình Thủy", "Hai Bà Trưng",
};
static const char *const bench_load_communes[] = {
    "Tân Phú",   "An Bình",     "Phước Lộc", "Hòa Thành", "Thanh Xuân",  "Đông Hưng",
    "Xuân Lâm",  "Quỳnh Lâm",   "Hưng Đạo",  "Tân Lập",   "Mỹ Hòa",      "Vĩnh Thạnh",
    "Bình Minh", "Nghĩa Trung", "Phú Lợi",   "Long Hậu",  "Đại Đồng",    "Yên Sở",
    "An Phú",    "Tân Hiệp",    "Hòa Bình",  "Phú Mỹ",    "Quang Trung", "Tân Thành",
    "Hiệp Hòa",  "Thạnh Lộc",   "Đông Sơn",  "Trung Hòa", "Cẩm Lệ",      "Lạc Long",
};
static const char *const bench_load_streets[] = {
    "Lê Lợi",        "Trần Hưng Đạo",   "Nguyễn Huệ",          "Hai Bà Trưng",  "Lý Thường Kiệt",
    "Điện Biên Phủ", "Phan Đình Phùng", "Quang Trung",         "Nguyễn Trãi",   "Hùng Vương",
    "Lê Duẩn",       "Võ Thị Sáu",      "Cách Mạng Tháng Tám", "Nguyễn Văn Cừ", "Trường Chinh",
    "Lê Thánh Tông", "Bà Triệu",        "Phạm Văn Đồng",       "Nguyễn Du",     "Tôn Đức Thắng",
};
static const char *const bench_load_villages[] = {
    "Thôn Đông", "Thôn 3",  "Ấp Bình Thạnh", "Xóm 5",   "Thôn Trung", "Ấp 2",
    "Tổ 7",      "Thôn Hạ", "Ấp Tân Hòa",    "Xóm Mới", "Khu phố 4",  "Tổ dân phố 9",
};

void bench_load_province_name(int province, char *out, size_t size)
{
	const bench_load_province *p = &bench_load_provinces[province];

	bench_load_fmt(out, size, "%s %s", p->city ? "thành phố" : "tỉnh", p->name);
}

/* One in seven addresses already has the two-level shape of 07/2025
 * (no district). */
static void bench_load_place_in(bench_load_rng *r, int province, bool urban_ok,
                                bench_load_place *pl)
{
	const bench_load_province *p = &bench_load_provinces[province];
	const char *commune = BENCH_LOAD_PICK(r, bench_load_communes);
	bool urban =
	    urban_ok && (p->city ? !bench_load_chance(r, 0.25) : bench_load_chance(r, 0.2));
	char prov[96], district[96];

	bench_load_province_name(province, prov, sizeof(prov));
	if (urban)
		bench_load_fmt(district, sizeof(district), "%s %s", p->city ? "quận" : "thành phố",
		               p->city ? BENCH_LOAD_PICK(r, bench_load_urban)
		                       : BENCH_LOAD_PICK(r, bench_load_rural));
	else
		bench_load_fmt(district, sizeof(district), "huyện %s",
		               BENCH_LOAD_PICK(r, bench_load_rural));
	bench_load_fmt(pl->commune, sizeof(pl->commune), "%s %s", urban ? "phường" : "xã", commune);
	core_strlcpy(pl->local, commune, sizeof(pl->local));
	if (bench_load_chance(r, 1.0 / 7))
		bench_load_fmt(pl->full, sizeof(pl->full), "%s, %s", pl->commune, prov);
	else
		bench_load_fmt(pl->full, sizeof(pl->full), "%s, %s, %s", pl->commune, district,
		               prov);
}

void bench_load_place_make(bench_load_rng *r, int province, bench_load_place *pl)
{
	bench_load_place_in(r, province, true, pl);
}

void bench_load_address(bench_load_rng *r, int province, char *out, size_t size)
{
	bench_load_place pl;

	bench_load_place_in(r, province, true, &pl);
	if (strncmp(pl.commune, "phường", strlen("phường")) == 0)
		bench_load_fmt(out, size, "Số %d, đường %s, %s", bench_load_range(r, 1, 250),
		               BENCH_LOAD_PICK(r, bench_load_streets), pl.full);
	else
		bench_load_fmt(out, size, "%s, %s", BENCH_LOAD_PICK(r, bench_load_villages),
		               pl.full);
}

/* ---- persons ---------------------------------------------------------------- */

/* Weighted by the frequency of Vietnamese family names (Nguyễn ~38%). */
static const char *const bench_load_family[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn",
    "Trần",   "Trần",   "Trần",   "Lê",     "Lê",     "Lê",     "Phạm",   "Phạm",
    "Hoàng",  "Huỳnh",  "Phan",   "Vũ",     "Võ",     "Đặng",   "Bùi",    "Đỗ",
    "Hồ",     "Ngô",    "Dương",  "Lý",     "Đinh",   "Trương", "Lâm",    "Mai",
    "Tô",     "Hà",     "Đoàn",   "Cao",    "Lương",  "Tạ",     "Châu",   "Phùng",
};
static const char *const bench_load_mid_m[] = {"Văn",  "Văn",   "Văn",   "Hữu",   "Đức",
                                               "Minh", "Thanh", "Quang", "Công",  "Xuân",
                                               "Ngọc", "Đình",  "Quốc",  "Trọng", "Gia"};
static const char *const bench_load_mid_f[] = {"Thị",    "Thị",   "Thị", "Thị",  "Ngọc",
                                               "Thanh",  "Minh",  "Thu", "Kim",  "Hồng",
                                               "Phương", "Khánh", "Bảo", "Diệu", "Thùy"};
static const char *const bench_load_mid2[] = {"Thanh", "Thu", "Ngọc", "Kim",  "Minh",
                                              "Hồng",  "Anh", "Bảo",  "Hoài", "Như"};
static const char *const bench_load_given_m[] = {
    "An",    "Bình",  "Cường", "Dũng",  "Duy",  "Đạt",  "Hải",   "Hiếu",  "Hùng",
    "Huy",   "Khánh", "Khoa",  "Kiên",  "Long", "Lâm",  "Minh",  "Nam",   "Nghĩa",
    "Phong", "Phúc",  "Quân",  "Quang", "Sơn",  "Tài",  "Thắng", "Thành", "Thịnh",
    "Toàn",  "Trung", "Tuấn",  "Tùng",  "Việt", "Vinh", "Hưng",  "Hoàng", "Đức",
    "Trí",   "Lộc",   "Hậu",   "Bảo",   "Tiến", "Hòa",  "Tâm",   "Thái",  "Vũ",
};
static const char *const bench_load_given_f[] = {
    "Anh",   "Bích",  "Châu", "Chi",  "Dung",  "Duyên", "Giang", "Hà",    "Hạnh",
    "Hằng",  "Hiền",  "Hoa",  "Hồng", "Hương", "Huyền", "Lan",   "Liên",  "Linh",
    "Loan",  "Mai",   "My",   "Nga",  "Ngân",  "Ngọc",  "Nhung", "Oanh",  "Phương",
    "Quyên", "Quỳnh", "Tâm",  "Thảo", "Thủy",  "Trang", "Trinh", "Tuyết", "Uyên",
    "Vân",   "Vy",    "Yến",  "Thư",  "Nhi",   "Hân",   "Diệp",  "Thơ",   "Xuân",
};
static const char *const bench_load_ethnic[] = {
    "Kinh", "Kinh", "Kinh",  "Kinh",  "Kinh", "Kinh", "Kinh",   "Kinh", "Kinh",
    "Kinh", "Kinh", "Kinh",  "Kinh",  "Kinh", "Kinh", "Kinh",   "Kinh", "Kinh",
    "Tày",  "Thái", "Mường", "Khmer", "Hoa",  "Nùng", "H'Mông", "Dao",  "Ê Đê",
};

void bench_load_name(bench_load_rng *r, bool female, char *out, size_t size)
{
	const char *given = female ? BENCH_LOAD_PICK(r, bench_load_given_f)
	                           : BENCH_LOAD_PICK(r, bench_load_given_m);

	if (female && bench_load_chance(r, 0.3))
		bench_load_fmt(out, size, "%s %s %s %s", BENCH_LOAD_PICK(r, bench_load_family),
		               BENCH_LOAD_PICK(r, bench_load_mid_f),
		               BENCH_LOAD_PICK(r, bench_load_mid2), given);
	else
		bench_load_fmt(out, size, "%s %s %s", BENCH_LOAD_PICK(r, bench_load_family),
		               female ? BENCH_LOAD_PICK(r, bench_load_mid_f)
		                      : BENCH_LOAD_PICK(r, bench_load_mid_m),
		               given);
}

/* The personal ID's last six digits: a bijection of [0, 10^6), so two
 * ids that differ below a million never share them. */
#define BENCH_LOAD_SERIAL_MUL 738493 /* odd, not a multiple of 5 */
#define BENCH_LOAD_SERIAL_ADD 271828

static int64_t bench_load_serial6(int64_t id)
{
	return (BENCH_LOAD_SERIAL_MUL * (id % 1000000) + BENCH_LOAD_SERIAL_ADD) % 1000000;
}

void bench_load_person_basic(uint64_t seed, int64_t index, bool *female, int32_t *birth)
{
	bench_load_rng r;
	double u;
	int year;

	bench_load_rng_init(&r, seed, BENCH_LOAD_S_PERSON, (uint64_t)index);
	*female = bench_load_chance(&r, 0.5);
	/* Mostly working-age adults; the dossiers run 2020-2025. */
	u = bench_load_unit(&r);
	if (u < 0.05)
		year = bench_load_range(&r, 1938, 1954);
	else if (u < 0.88)
		year = bench_load_range(&r, 1955, 2003);
	else
		year = bench_load_range(&r, 2004, 2019);
	*birth = bench_load_days(year, 1, 1) + (int32_t)bench_load_below(&r, 365);
}

void bench_load_person_make(uint64_t seed, int64_t index, int64_t id, bench_load_person *p)
{
	bench_load_rng r;
	bench_load_place pl;
	uint64_t h = bench_load_mix(seed ^ bench_load_mix((uint64_t)(id % 1000000)));
	int year, cprov;

	memset(p, 0, sizeof(*p));
	bench_load_person_basic(seed, index, &p->female, &p->birth);
	year = bench_load_year(p->birth);
	/* The province shifts with id / 10^6: together with the six-digit
	 * serial the key is injective in id. */
	p->province = (int)((h % (uint64_t)bench_load_n_provinces + (uint64_t)(id / 1000000)) %
	                    (uint64_t)bench_load_n_provinces);
	snprintf(p->key, sizeof(p->key), "%s%d%02d%06lld", bench_load_provinces[p->province].code,
	         (year >= 2000 ? 2 : 0) + (p->female ? 1 : 0), year % 100,
	         (long long)bench_load_serial6(id));

	bench_load_rng_init(&r, seed, BENCH_LOAD_S_PERSON_KEY, (uint64_t)index);
	bench_load_name(&r, p->female, p->name, sizeof(p->name));
	p->ethnicity = BENCH_LOAD_PICK(&r, bench_load_ethnic);
	/* CMND: two digits of the issuing police, then seven. */
	snprintf(p->cmnd, sizeof(p->cmnd), "%.2s%07u", bench_load_provinces[p->province].code + 1,
	         bench_load_below(&r, 10000000));
	bench_load_place_in(&r, p->province, false, &pl);
	core_strlcpy(p->origin, pl.full, sizeof(p->origin));
	bench_load_cap_first(p->origin, sizeof(p->origin));
	bench_load_place_in(&r, p->province, true, &pl);
	core_strlcpy(p->birth_place, pl.full, sizeof(p->birth_place));
	bench_load_cap_first(p->birth_place, sizeof(p->birth_place));
	/* Most live where they were born; a quarter moved. */
	cprov = bench_load_chance(&r, 0.75)
	            ? p->province
	            : (int)bench_load_below(&r, (uint32_t)bench_load_n_provinces);
	bench_load_address(&r, cprov, p->residence, sizeof(p->residence));
	bench_load_cap_first(p->residence, sizeof(p->residence));
}

bool bench_load_person_key_ok(const char *key, bool female, int birth_year)
{
	int g;

	if (strlen(key) != 12 || strspn(key, "0123456789") != 12)
		return false;
	g = key[3] - '0';
	if ((g & 1) != (female ? 1 : 0) || 1900 + 100 * (g / 2) != birth_year / 100 * 100)
		return false;
	if ((key[4] - '0') * 10 + (key[5] - '0') != birth_year % 100)
		return false;
	for (int i = 0; i < bench_load_n_provinces; i++)
		if (strncmp(key, bench_load_provinces[i].code, 3) == 0)
			return true;
	return false;
}

/* ---- enterprises --------------------------------------------------------------- */

/* First two digits of an enterprise code: the tax department, with the
 * province (its personal ID prefix) of the head office.  01-04 are the
 * published ones; the others were not checked against the tax
 * authority's list.  Prefixes are distinct: the code's injectivity
 * rests on it. */
static const struct {
	const char *prefix;
	const char *province;
} bench_load_tax[] = {
    {"01", "001"}, {"03", "079"}, {"02", "031"}, {"04", "048"}, {"18", "092"}, {"23", "027"},
    {"28", "038"}, {"29", "040"}, {"36", "075"}, {"37", "074"}, {"57", "022"},
};

static int bench_load_province_of(const char *code)
{
	for (int i = 0; i < bench_load_n_provinces; i++)
		if (strcmp(bench_load_provinces[i].code, code) == 0)
			return i;
	return 0;
}

static const char *const bench_load_company_kind[] = {"Công ty TNHH", "Công ty TNHH",
                                                      "Công ty Cổ phần", "Doanh nghiệp tư nhân"};
static const char *const bench_load_sector[] = {
    "Thương mại", "Dịch vụ",        "Xây dựng", "Thương mại và Dịch vụ",
    "Sản xuất",   "Vận tải",        "Đầu tư",   "Công nghệ",
    "Nông sản",   "Thực phẩm",      "Du lịch",  "Bất động sản",
    "Kỹ thuật",   "Xuất nhập khẩu", "Nội thất",
};
static const char *const bench_load_brand1[] = {
    "Minh",   "Hoàng", "An",     "Phú",  "Thành", "Đại",   "Tân",   "Hưng", "Sao",  "Bình",
    "Phương", "Kim",   "Trường", "Việt", "Hải",   "Thiên", "Quang", "Nam",  "Đông", "Ngọc",
    "Thái",   "Hồng",  "Gia",    "Lộc",  "Trung", "Bảo",   "Phúc",  "Long", "Tiến", "Vạn",
};
static const char *const bench_load_brand2[] = {
    "Phát", "Long", "Khang", "Thịnh", "Công", "Việt", "Tiến", "Mai", "Minh",  "Nam",
    "Ngân", "Sơn",  "Úc",    "Âu",    "Phú",  "Á",    "Lan",  "Hà",  "Anh",   "Đạt",
    "Hưng", "Lợi",  "Thành", "Vinh",  "Hòa",  "Tín",  "Quý",  "Bảo", "Phong", "Dương",
};

bool bench_load_enterprise_code_ok(const char *code)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	int sum = 0, rem;

	if (strlen(code) != 10 || strspn(code, "0123456789") != 10)
		return false;
	for (int i = 0; i < 9; i++)
		sum += w[i] * (code[i] - '0');
	rem = sum % 11;
	return rem != 0 && code[9] - '0' == 10 - rem;
}

void bench_load_enterprise_make(uint64_t seed, int64_t index, int64_t id, bench_load_enterprise *e)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	uint64_t h = bench_load_mix(seed ^ 0x656e74ULL ^ bench_load_mix((uint64_t)(id % 1000000)));
	/* Hà Nội and Hồ Chí Minh City register most enterprises. */
	uint64_t base = h % 100 < 35   ? 0
	                : h % 100 < 70 ? 1
	                               : (h >> 8) % BENCH_LOAD_N(bench_load_tax);
	int tax = (int)((base + (uint64_t)(id / 1000000)) % BENCH_LOAD_N(bench_load_tax));
	bench_load_rng r;
	char d[10];
	int sum = 0, d9;
	int y;

	memset(e, 0, sizeof(*e));
	bench_load_rng_init(&r, seed, BENCH_LOAD_S_ENTERPRISE, (uint64_t)index);
	/* d1 d2 the department, d3-d8 a bijection of id mod 10^6, d9 free
	 * but for the one value whose check digit would be 10 (invalid). */
	snprintf(d, sizeof(d), "%s%06lld", bench_load_tax[tax].prefix,
	         (long long)bench_load_serial6(id));
	for (int i = 0; i < 8; i++)
		sum += w[i] * (d[i] - '0');
	d9 = (int)bench_load_below(&r, 10);
	if ((sum + 3 * d9) % 11 == 0)
		d9 = (d9 + 1) % 10;
	sum += 3 * d9;
	memcpy(e->code, d, 8);
	e->code[8] = (char)('0' + d9);
	e->code[9] = (char)('0' + 10 - sum % 11);
	e->code[10] = '\0';
	e->province = bench_load_province_of(bench_load_tax[tax].province);
	bench_load_fmt(
	    e->name, sizeof(e->name), "%s %s %s %s", BENCH_LOAD_PICK(&r, bench_load_company_kind),
	    BENCH_LOAD_PICK(&r, bench_load_sector), BENCH_LOAD_PICK(&r, bench_load_brand1),
	    BENCH_LOAD_PICK(&r, bench_load_brand2));
	bench_load_upper(e->name, e->name_upper, sizeof(e->name_upper));
	bench_load_address(&r, e->province, e->address, sizeof(e->address));
	bench_load_cap_first(e->address, sizeof(e->address));
	e->capital = (int64_t)bench_load_range(&r, 5, 500) * 100000000;
	y = bench_load_range(&r, 2000, 2019);
	e->founded = bench_load_days(y, 1, 1) + (int32_t)bench_load_below(&r, 365);
}
