/*
 * classify_valid.c - validators: what an identifier or a date must
 * satisfy to be trusted without a person looking at it.
 *
 * Sources: the team's domain notes (DOMAIN.md) (personal ID structure and
 * the 63 province codes, enterprise code check digit) and ICAO 9303
 * part 5 (TD1 check digits).
 */
#include "classify_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

static const char *const valid_names[CLASSIFY_V_COUNT] = {
    [CLASSIFY_V_PERSONAL_ID] = "personal_id",
    [CLASSIFY_V_CMND] = "cmnd",
    [CLASSIFY_V_ENTERPRISE_CODE] = "enterprise_code",
    [CLASSIFY_V_DATE] = "date",
    [CLASSIFY_V_DATE_ORDER] = "date_order",
    [CLASSIFY_V_NAME] = "name",
    [CLASSIFY_V_MATCH] = "match",
    [CLASSIFY_V_MRZ] = "mrz",
    [CLASSIFY_V_MRZ_AGREES] = "mrz_agrees",
    [CLASSIFY_V_ADDRESS] = "address",
    [CLASSIFY_V_ONE_OF] = "one_of",
};

const char *classify_vkind_name(classify_vkind k)
{
	return (unsigned)k < CLASSIFY_V_COUNT ? valid_names[k] : "unknown";
}

bool classify_vkind_parse(const char *name, classify_vkind *k)
{
	for (int i = 0; i < CLASSIFY_V_COUNT; i++) {
		if (strcmp(name, valid_names[i]) == 0) {
			*k = (classify_vkind)i;
			return true;
		}
	}
	return false;
}

static bool fail(char *reason, const char *fmt, ...) CORE_PRINTF(2, 3);

static bool fail(char *reason, const char *fmt, ...)
{
	va_list ap;

	if (reason) {
		va_start(ap, fmt);
		vsnprintf(reason, CLASSIFY_REASON_MAX, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool pass(char *reason)
{
	if (reason)
		reason[0] = '\0';
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The 63 province codes of birth registration (before the 2025 merger;
 * numbers issued then never change). */
static const int valid_provinces[] = {
    1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
    34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
    67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
};

static bool province_known(int code)
{
	for (size_t i = 0; i < sizeof(valid_provinces) / sizeof(valid_provinces[0]); i++)
		if (valid_provinces[i] == code)
			return true;
	return false;
}

/* This year in Vietnam's time (UTC+7), for birth years that cannot be yet. */
static int current_year(void)
{
	time_t now = time(NULL) + 7 * 3600;
	struct tm tm;

	return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2100;
}

bool classify_valid_personal_id(const char *id, const char *sex, int birth_year,
                                char reason[CLASSIFY_REASON_MAX])
{
	int prov, g, yy;
	bool female;

	if (!id || !all_digits(id, 12))
		return fail(reason, "not 12 digits");
	prov = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
	if (!province_known(prov))
		return fail(reason, "bad province prefix %.3s", id);
	g = id[3] - '0';
	yy = (id[4] - '0') * 10 + (id[5] - '0');
	female = g % 2 == 1;
	if (sex && *sex) {
		bool sex_female = strcmp(sex, "Nữ") == 0;

		if (!sex_female && strcmp(sex, "Nam") != 0)
			return fail(reason, "sex field unreadable");
		if (sex_female != female)
			return fail(reason, "sex digit %d says %s, sex field says %s", g,
			            female ? "Nữ" : "Nam", sex);
	}
	/* 4-9 are the centuries from 2100: no citizen is born there yet.  A
	 * misread digit ("079889..." for "079089...") is caught even when no
	 * birth date was read to check it against. */
	if (g > 3 || (g >= 2 && 2000 + yy > current_year()))
		return fail(reason, "century digit %d with year %02d is in the future", g, yy);
	if (birth_year > 0) {
		int century = 1900 + (g / 2) * 100;

		if (birth_year < century || birth_year > century + 99)
			return fail(reason, "century digit %d does not fit birth year %d", g,
			            birth_year);
		if (birth_year % 100 != yy)
			return fail(reason, "year digits %02d differ from birth year %d", yy,
			            birth_year);
	}
	return pass(reason);
}

bool classify_valid_cmnd(const char *id, char reason[CLASSIFY_REASON_MAX])
{
	if (!id || !all_digits(id, 9))
		return fail(reason, "not 9 digits");
	return pass(reason);
}

bool classify_valid_enterprise_code(const char *code, char reason[CLASSIFY_REASON_MAX])
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	char main_part[11], branch[4] = "";
	int sum = 0, r;
	size_t n = code ? strlen(code) : 0;

	if (n == 10 && all_digits(code, 10)) {
		memcpy(main_part, code, 11);
	} else if (n == 14 && code[10] == '-') {
		memcpy(main_part, code, 10);
		main_part[10] = '\0';
		memcpy(branch, code + 11, 4);
	} else if (n == 13 && all_digits(code, 13)) {
		memcpy(main_part, code, 10);
		main_part[10] = '\0';
		memcpy(branch, code + 10, 4);
	} else {
		return fail(reason, "not 10 digits nor NNNNNNNNNN-BBB");
	}
	if (!all_digits(main_part, 10) || (branch[0] && !all_digits(branch, 3)))
		return fail(reason, "not 10 digits nor NNNNNNNNNN-BBB");
	if (branch[0] && strcmp(branch, "000") == 0)
		return fail(reason, "branch number 000");
	for (int i = 0; i < 9; i++)
		sum += w[i] * (main_part[i] - '0');
	r = sum % 11;
	if (r == 0)
		return fail(reason, "check digit would be 10");
	if (10 - r != main_part[9] - '0')
		return fail(reason, "check digit %c, expected %d", main_part[9], 10 - r);
	return pass(reason);
}

static int days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* y, m, d from "yyyy-mm-dd" or "yyyy" (m = d = 0); false if neither. */
bool classify_date_parse(const char *iso, int *y, int *m, int *d)
{
	*y = *m = *d = 0;
	if (!iso)
		return false;
	if (all_digits(iso, 4)) {
		*y = atoi(iso);
		return true;
	}
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return false;
	*y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
	*m = (iso[5] - '0') * 10 + (iso[6] - '0');
	*d = (iso[8] - '0') * 10 + (iso[9] - '0');
	return true;
}

bool classify_valid_date(const char *iso, char reason[CLASSIFY_REASON_MAX])
{
	int y, m, d;

	if (!classify_date_parse(iso, &y, &m, &d))
		return fail(reason, "not a date");
	if (y < 1900 || y > 2100)
		return fail(reason, "year %d out of range", y);
	if (m == 0 && d == 0 && strlen(iso) == 4)
		return pass(reason);
	if (m < 1 || m > 12)
		return fail(reason, "no month %d", m);
	if (d < 1 || d > days_in(y, m))
		return fail(reason, "no day %d in %04d-%02d", d, y, m);
	return pass(reason);
}

bool classify_valid_date_order(const char *earlier, const char *later,
                               char reason[CLASSIFY_REASON_MAX])
{
	int y1, m1, d1, y2, m2, d2;
	long a, b;

	if (!classify_date_parse(earlier, &y1, &m1, &d1) ||
	    !classify_date_parse(later, &y2, &m2, &d2))
		return fail(reason, "not a date");
	/* A year alone compares at year precision. */
	if (m1 == 0 || m2 == 0) {
		a = y1;
		b = y2;
	} else {
		a = y1 * 10000L + m1 * 100 + d1;
		b = y2 * 10000L + m2 * 100 + d2;
	}
	if (a > b)
		return fail(reason, "%s is after %s", earlier, later);
	return pass(reason);
}

/*
 * Vietnamese rhymes (vần) as written, without tone marks, lower case.
 * OCR that drops a vowel's circumflex or horn ("Nguyen", "Truong")
 * leaves a rhyme no Vietnamese word is spelt with.
 */
static const char *const valid_rhymes[] = {
    "a",   "e",    "ê",    "i",    "o",    "ô",    "ơ",    "u",    "ư",    "y",    "ai",  "ao",
    "au",  "ay",   "âu",   "ây",   "eo",   "êu",   "ia",   "iu",   "oa",   "oe",   "oi",  "ôi",
    "ơi",  "ua",   "uê",   "ui",   "uơ",   "ưa",   "ưi",   "ưu",   "uy",   "iêu",  "yêu", "oai",
    "oao", "oay",  "oeo",  "uây",  "uôi",  "ươi",  "ươu",  "uya",  "uyu",  "ac",   "ăc",  "âc",
    "ec",  "oc",   "ôc",   "uc",   "ưc",   "iêc",  "uôc",  "ươc",  "oac",  "oăc",  "ooc", "ach",
    "êch", "ich",  "oach", "uêch", "uych", "am",   "ăm",   "âm",   "em",   "êm",   "im",  "om",
    "ôm",  "ơm",   "um",   "ưm",   "iêm",  "yêm",  "uôm",  "ươm",  "oam",  "oăm",  "an",  "ăn",
    "ân",  "en",   "ên",   "in",   "on",   "ôn",   "ơn",   "un",   "ưn",   "iên",  "yên", "uôn",
    "ươn", "oan",  "oăn",  "oen",  "uân",  "uyên", "uyn",  "ang",  "ăng",  "âng",  "eng", "ong",
    "ông", "ung",  "ưng",  "iêng", "uông", "ương", "oang", "oăng", "uâng", "oong", "anh", "ênh",
    "inh", "oanh", "uênh", "uynh", "ap",   "ăp",   "âp",   "ep",   "êp",   "ip",   "op",  "ôp",
    "ơp",  "up",   "iêp",  "ươp",  "oap",  "oăp",  "at",   "ăt",   "ât",   "et",   "êt",  "it",
    "ot",  "ôt",   "ơt",   "ut",   "ưt",   "iêt",  "yêt",  "uôt",  "ươt",  "oat",  "oăt", "oet",
    "uât", "uyêt", "uyt",
};

static const char *const valid_onsets[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
    "đ",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x", ""};

static bool rhyme_known(const char *r, size_t n)
{
	for (size_t i = 0; i < sizeof(valid_rhymes) / sizeof(valid_rhymes[0]); i++)
		if (strlen(valid_rhymes[i]) == n && memcmp(valid_rhymes[i], r, n) == 0)
			return true;
	return false;
}

/* A syllable without its tone, lower case: some onset + a known rhyme
 * ("gi" may lend its i: "giêng" = gi + iêng; "qu" its u: "quynh" =
 * qu + uynh, as in Quỳnh). */
static bool syllable_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(valid_onsets) / sizeof(valid_onsets[0]); i++) {
		size_t ol = strlen(valid_onsets[i]);
		char buf[32];

		if (ol > n || memcmp(s, valid_onsets[i], ol) != 0)
			continue;
		if (rhyme_known(s + ol, n - ol))
			return true;
		if (strcmp(valid_onsets[i], "gi") == 0 || strcmp(valid_onsets[i], "qu") == 0) {
			if (n == ol && valid_onsets[i][0] == 'g')
				return true;
			if (n > ol && n - ol + 2 < sizeof(buf)) {
				buf[0] = valid_onsets[i][1];
				memcpy(buf + 1, s + ol, n - ol);
				if (rhyme_known(buf, n - ol + 1))
					return true;
			}
		}
	}
	return false;
}

/* Tone of a word (0: none; else the combining mark) and the word
 * lower-cased with its tone removed, NFC, into out. */
static int untone(const char *word, size_t n, char *out, size_t size)
{
	utf8proc_uint8_t *d = NULL, *c = NULL;
	utf8proc_ssize_t len;
	int tone = 0, tones = 0;
	size_t k = 0;

	out[0] = '\0';
	len = utf8proc_map((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)n, &d,
	                   UTF8PROC_DECOMPOSE | UTF8PROC_STABLE | UTF8PROC_CASEFOLD);
	if (len < 0)
		return -1;
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t used = utf8proc_iterate(d + i, len - i, &cp);

		if (used <= 0)
			break;
		if (cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323) {
			tone = cp;
			tones++;
		} else if (k + (size_t)used < size) {
			memcpy(out + k, d + i, (size_t)used);
			k += (size_t)used;
		}
		i += used;
	}
	out[k] = '\0';
	free(d);
	if (utf8proc_map((const utf8proc_uint8_t *)out, 0, &c,
	                 UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_STABLE) >= 0) {
		core_strlcpy(out, (const char *)c, size);
		free(c);
	}
	return tones > 1 ? -2 : tone;
}

/* Family names, NFC title case: the ones of nearly every citizen. */
static const char *const valid_surnames[] = {
    "Nguyễn", "Trần",   "Lê",     "Phạm",  "Hoàng", "Huỳnh", "Phan",  "Vũ",    "Võ",    "Đặng",
    "Bùi",    "Đỗ",     "Hồ",     "Ngô",   "Dương", "Lý",    "Đào",   "Đoàn",  "Vương", "Trịnh",
    "Trương", "Đinh",   "Lâm",    "Phùng", "Mai",   "Tô",    "Hà",    "Tạ",    "Hứa",   "Lưu",
    "Quách",  "Cao",    "Chu",    "Châu",  "Thái",  "Tăng",  "Lương", "Lục",   "Mạc",   "Kiều",
    "Khúc",   "Khổng",  "Khương", "La",    "Lại",   "Lạc",   "Lò",    "Nông",  "Tôn",   "Tống",
    "Triệu",  "Văn",    "Viên",   "Diệp",  "Doãn",  "Giang", "Hàn",   "Hầu",   "Kim",   "Kha",
    "Âu",     "Bạch",   "Bế",     "Cù",    "Cung",  "Đàm",   "Đồng",  "Đường", "Giáp",  "Hạ",
    "Hoa",    "Hồng",   "Lã",     "Mã",    "Mạnh",  "Ninh",  "Ông",   "Phí",   "Phó",   "Quan",
    "Sầm",    "Thạch",  "Thân",   "Thiều", "Tiêu",  "Trà",   "Từ",    "Ung",   "Vi",    "Nghiêm",
    "Nhâm",   "Phương", "Quản",   "Bành",  "Cấn",   "Chử",   "Chung", "Cát",   "Danh",  "Diêm",
    "Lều",    "Mạch",   "Nhữ",    "Quang", "Tào",   "Trang", "Vòng",  "Y",
};

static bool surname_known(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(valid_surnames) / sizeof(valid_surnames[0]); i++)
		if (strlen(valid_surnames[i]) == n && memcmp(valid_surnames[i], w, n) == 0)
			return true;
	return false;
}

double classify_text_readability(const char *text)
{
	int words = 0, good = 0;

	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, " \t\n\r,.;:()/-\"'");
		bool letters = n >= 2;
		char bare[64];

		for (size_t i = 0; i < n && letters; i++)
			letters = (unsigned char)p[i] >= 0x80 ||
			          ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z');
		if (letters && n < 40) {
			int tone = untone(p, n, bare, sizeof(bare));

			words++;
			good += tone >= 0 && syllable_ok(bare, strlen(bare));
		}
		p += n;
		while (*p && strchr(" \t\n\r,.;:()/-\"'", *p))
			p++;
	}
	return words ? (double)good / words : 0;
}

bool classify_valid_name(const char *name, char reason[CLASSIFY_REASON_MAX])
{
	const char *w = name;
	int words = 0;

	if (!name || !*name)
		return fail(reason, "empty");
	for (;;) {
		size_t wl = strcspn(w, " ");
		char bare[64];
		int tone;
		size_t bl;

		if (wl == 0)
			return fail(reason, "empty word");
		tone = untone(w, wl, bare, sizeof(bare));
		if (tone == -2)
			return fail(reason, "'%.*s' has two tone marks", (int)wl, w);
		bl = strlen(bare);
		if (tone == -1 || !syllable_ok(bare, bl))
			return fail(reason, "'%.*s' is not a Vietnamese syllable", (int)wl, w);
		/* Syllables closed by c, ch, p, t take only the sắc or nặng tone. */
		if (bl && strchr("cpt", bare[bl - 1]) && tone != 0x301 && tone != 0x323)
			return fail(reason, "'%.*s' cannot carry that tone", (int)wl, w);
		if (words == 0 && !surname_known(w, wl))
			return fail(reason, "'%.*s' is not a known family name", (int)wl, w);
		words++;
		if (!w[wl])
			break;
		w += wl + 1;
	}
	if (words < 2 || words > 8)
		return fail(reason, "%d words", words);
	return pass(reason);
}

/* Province names as addresses end with them (before the 2025 merger;
 * the 34 later ones are among them). */
static const char *const valid_province_names[] = {
    "Hà Nội",         "Hà Giang",    "Cao Bằng",   "Bắc Kạn",    "Tuyên Quang",
    "Lào Cai",        "Điện Biên",   "Lai Châu",   "Sơn La",     "Yên Bái",
    "Hòa Bình",       "Thái Nguyên", "Lạng Sơn",   "Quảng Ninh", "Bắc Giang",
    "Phú Thọ",        "Vĩnh Phúc",   "Bắc Ninh",   "Hải Dương",  "Hải Phòng",
    "Hưng Yên",       "Thái Bình",   "Hà Nam",     "Nam Định",   "Ninh Bình",
    "Thanh Hóa",      "Nghệ An",     "Hà Tĩnh",    "Quảng Bình", "Quảng Trị",
    "Thừa Thiên Huế", "Huế",         "Đà Nẵng",    "Quảng Nam",  "Quảng Ngãi",
    "Bình Định",      "Phú Yên",     "Khánh Hòa",  "Ninh Thuận", "Bình Thuận",
    "Kon Tum",        "Gia Lai",     "Đắk Lắk",    "Đắk Nông",   "Lâm Đồng",
    "Bình Phước",     "Tây Ninh",    "Bình Dương", "Đồng Nai",   "Bà Rịa-Vũng Tàu",
    "Hồ Chí Minh",    "Long An",     "Tiền Giang", "Bến Tre",    "Trà Vinh",
    "Vĩnh Long",      "Đồng Tháp",   "An Giang",   "Kiên Giang", "Cần Thơ",
    "Hậu Giang",      "Sóc Trăng",   "Bạc Liêu",   "Cà Mau",
};

bool classify_valid_address(const char *addr, char reason[CLASSIFY_REASON_MAX])
{
	static const char *const markers[] = {"tỉnh ", "Tỉnh ", "thành phố ", "Thành phố ",
	                                      "TP. ",  "TP ",   "Tp. "};
	char last[160], flat[160], *canon;
	const char *p;
	size_t n, k = 0;

	if (!addr || !*addr)
		return fail(reason, "empty");
	/* A leading "<unit> <number>" (Tổ 7, Thôn 3) names a known unit:
	 * OCR's "Tố 7" is no place. */
	{
		static const char *const units[] = {
		    "Tổ",  "Thôn", "Xóm",  "Ấp",  "Số",    "Khóm",   "Bản",  "Buôn",  "Đội",
		    "Khu", "Làng", "Phố",  "Ngõ", "Hẻm",   "Phường", "Quận", "Đường", "Lô",
		    "Nhà", "Kiệt", "Tầng", "Lầu", "Phòng", "Ngách",  "Km",   "Căn"};
		const char *sp = strchr(addr, ' ');
		size_t ul = sp ? (size_t)(sp - addr) : 0;
		bool known = false;

		if (sp && sp[1] >= '0' && sp[1] <= '9') {
			for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
				known = known ||
				        (strlen(units[i]) == ul && memcmp(units[i], addr, ul) == 0);
			if (!known)
				return fail(reason, "'%.*s' is no address unit", (int)ul, addr);
		}
	}
	p = strrchr(addr, ',');
	p = p ? p + 1 : addr;
	while (*p == ' ')
		p++;
	core_strlcpy(last, p, sizeof(last));
	n = strlen(last);
	while (n && (last[n - 1] == '.' || last[n - 1] == ' '))
		last[--n] = '\0';
	p = last;
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		const char *q = last, *hit;

		while ((hit = strstr(q, markers[i])) != NULL) {
			if (hit + strlen(markers[i]) > p)
				p = hit + strlen(markers[i]);
			q = hit + 1;
		}
	}
	/* "Bà Rịa - Vũng Tàu" and "Bà Rịa-Vũng Tàu" are one name. */
	for (const char *q = p; *q && k + 1 < sizeof(flat); q++) {
		if (*q == ' ' && (q[1] == '-' || (k && flat[k - 1] == '-')))
			continue;
		flat[k++] = *q;
	}
	flat[k] = '\0';
	/* "Thanh Hoá" is "Thanh Hóa": the list is written with the tone on
	 * the o or u, so the name is brought to that placement once. */
	canon = classify_tone_old_style(flat);
	for (size_t i = 0; i < sizeof(valid_province_names) / sizeof(valid_province_names[0]); i++)
		if (strcmp(canon ? canon : flat, valid_province_names[i]) == 0) {
			free(canon);
			return pass(reason);
		}
	free(canon);
	return fail(reason, "does not end with a province: '%.60s'", p);
}

/* ---- ICAO 9303 machine readable zone ----------------------------------- */

int classify_mrz_char_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	if (c == '<')
		return 0;
	return -1;
}

int classify_mrz_digit(const char *s, size_t n)
{
	static const int w[3] = {7, 3, 1};
	int sum = 0;

	for (size_t i = 0; i < n; i++) {
		int v = classify_mrz_char_value(s[i]);

		if (v < 0)
			return -1;
		sum += v * w[i % 3];
	}
	return sum % 10;
}

/* One check: the digit at s[n] against s[0..n); a filler '<' stands for 0. */
static bool mrz_digit_ok(const char *s, size_t n)
{
	int want = classify_mrz_digit(s, n);

	if (want < 0)
		return false;
	if (s[n] == '<')
		return want == 0;
	return s[n] >= '0' && s[n] <= '9' && s[n] - '0' == want;
}

bool classify_mrz_check(const char *mrz, classify_mrz *out, char reason[CLASSIFY_REASON_MAX])
{
	char l[3][31], comp[62];
	const char *p = mrz;
	int k;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!mrz)
		return fail(reason, "no machine readable zone");
	for (int i = 0; i < 3; i++) {
		size_t n = strcspn(p, "\n");

		if (n != 30)
			return fail(reason, "line %d has %zu characters, not 30", i + 1, n);
		memcpy(l[i], p, 30);
		l[i][30] = '\0';
		for (int j = 0; j < 30; j++)
			if (classify_mrz_char_value(l[i][j]) < 0)
				return fail(reason, "line %d: bad character at %d", i + 1, j + 1);
		p += n;
		if (i < 2 && *p++ != '\n')
			return fail(reason, "fewer than 3 lines");
	}
	if (*p)
		return fail(reason, "more than 3 lines");
	/* Fields no check digit covers must at least have their alphabet:
	 * letters for codes, nationality and the name; M, F or < for sex. */
	for (int j = 0; j < 30; j++) {
		bool letter = l[2][j] == '<' || (l[2][j] >= 'A' && l[2][j] <= 'Z');

		if (!letter)
			return fail(reason, "line 3: not a letter at %d", j + 1);
		if (j < 5 && !(l[0][j] == '<' || (l[0][j] >= 'A' && l[0][j] <= 'Z')))
			return fail(reason, "line 1: not a letter at %d", j + 1);
		if (j >= 15 && j < 18 && !(l[1][j] >= 'A' && l[1][j] <= 'Z'))
			return fail(reason, "line 2: nationality not letters");
	}
	if (l[1][7] != 'M' && l[1][7] != 'F' && l[1][7] != '<')
		return fail(reason, "line 2: sex is not M, F or <");
	if (out) {
		memcpy(out->doc_number, l[0] + 5, 9);
		memcpy(out->optional1, l[0] + 15, 15);
		memcpy(out->birth, l[1], 6);
		out->sex = l[1][7];
		memcpy(out->expiry, l[1] + 8, 6);
		memcpy(out->nationality, l[1] + 15, 3);
		memcpy(out->name, l[2], 30);
	}
	if (!mrz_digit_ok(l[0] + 5, 9))
		return fail(reason, "document number check digit");
	if (!mrz_digit_ok(l[1], 6))
		return fail(reason, "birth date check digit");
	if (!mrz_digit_ok(l[1] + 8, 6))
		return fail(reason, "expiry date check digit");
	/* Composite: line 1 positions 6-30, line 2 positions 1-7, 9-15, 19-29. */
	k = 0;
	memcpy(comp + k, l[0] + 5, 25);
	k += 25;
	memcpy(comp + k, l[1], 7);
	k += 7;
	memcpy(comp + k, l[1] + 8, 7);
	k += 7;
	memcpy(comp + k, l[1] + 18, 11);
	k += 11;
	if (classify_mrz_digit(comp, (size_t)k) != classify_mrz_char_value(l[1][29]))
		return fail(reason, "composite check digit");
	return pass(reason);
}
