/*
 * bench_cards.c - photocopies of identity cards: one A4 page with the
 * card's front and back as two 85.6 x 54 mm frames, one above the
 * other (so the truth's reading order is simply front, then back).
 * Căn cước công dân (2016 barcode, 2021 chip), Căn cước (2024) and the
 * old 9-digit Chứng minh nhân dân, with the ICAO TD1 MRZ where the
 * real card has one.
 */
#include "bench_priv.h"

#include <math.h>
#include <string.h>

#define BENCH_CARD_W_MM 85.6
#define BENCH_CARD_H_MM 54.0
/* Card type never goes below 8 pt: smaller, Tesseract misreads too
 * much of a clean 300 dpi copy to be a useful benchmark. */
#define BENCH_CARD_PT 8.0

typedef enum bench_era {
	BENCH_ERA_2016 = 0,
	BENCH_ERA_2021,
	BENCH_ERA_2024,
	BENCH_ERA_CMND
} bench_era;

typedef struct bench_card {
	int x, y, w, h, pad;
} bench_card;

typedef struct bench_card_st {
	bench_style label, value, head, title, center, mrz;
} bench_card_st;

/* What one card shows, drawn once from the rng for both sides. */
typedef struct bench_card_data {
	bench_era era;
	bool own_line; /* values under their labels (layout b) */
	char name_up[128], dob[16], dob_dash[16], issue[16], issue_words[64], expiry[32];
	char origin[160], home[192], birthplace[192], mark_text[96], signer[96], cmnd[10];
	char title_line[128], religion[32];
	char mrz[3][31];
	bool has_mrz;
	bench_date issued, expires;
	bool no_expiry;
} bench_card_data;

static const char *const bench_marks_id[] = {
    "Nốt ruồi C:1cm trên trước đầu lông mày trái", "Sẹo chấm C:2cm dưới sau đuôi mắt phải",
    "Nốt ruồi C:3cm dưới trước cánh mũi phải",     "Sẹo chấm C:1,5cm trên sau mép trái",
    "Nốt ruồi C:2cm dưới sau đuôi mắt trái",       "Sẹo chấm C:1cm dưới trước cằm",
};
static const char *const bench_religions[] = {"Không", "Không", "Không", "Phật giáo", "Công giáo"};

/* ---- MRZ ------------------------------------------------------------ */

int bench_mrz_check_digit(const char *s, size_t n)
{
	static const int w[3] = {7, 3, 1};
	int sum = 0;

	for (size_t i = 0; i < n && s[i]; i++) {
		char ch = s[i];
		int v = 0;

		if (ch >= '0' && ch <= '9')
			v = ch - '0';
		else if (ch >= 'A' && ch <= 'Z')
			v = ch - 'A' + 10;
		sum += v * w[i % 3];
	}
	return sum % 10;
}

static void bench_mrz_pad(char *line)
{
	size_t n = strlen(line);

	while (n < 30)
		line[n++] = '<';
	line[30] = '\0';
}

void bench_mrz_make(const char *id, const bench_date *dob, bool female, const bench_date *expiry,
                    const char *name, char lines[3][31])
{
	char birth[8], exp[8], ascii[128], tail[128], comp[64];
	const char *given;

	bench_date_fmt(dob, BENCH_DATE_YYMMDD, birth, sizeof(birth));
	if (expiry)
		bench_date_fmt(expiry, BENCH_DATE_YYMMDD, exp, sizeof(exp));
	else
		core_strlcpy(exp, "<<<<<<", sizeof(exp));
	/* Line 1: document number = last nine digits, then the full ID as
	 * optional data and its own check digit (DOMAIN.md). */
	bench_fmt(lines[0], 31, "IDVNM%s%d%s<<%d", id + 3, bench_mrz_check_digit(id + 3, 9), id,
	          bench_mrz_check_digit(id, 12));
	bench_mrz_pad(lines[0]);
	bench_fmt(lines[1], 31, "%s%d%c%s%dVNM", birth, bench_mrz_check_digit(birth, 6),
	          female ? 'F' : 'M', exp, bench_mrz_check_digit(exp, 6));
	bench_mrz_pad(lines[1]);
	/* Composite: line 1 from the document number, birth, expiry and
	 * line 2's optional data (ICAO 9303 part 5). */
	bench_fmt(comp, sizeof(comp), "%.25s%.7s%.7s%.11s", lines[0] + 5, lines[1], lines[1] + 8,
	          lines[1] + 18);
	lines[1][29] = (char)('0' + bench_mrz_check_digit(comp, strlen(comp)));
	bench_ascii_upper(name, ascii, sizeof(ascii));
	given = strchr(ascii, ' ');
	core_strlcpy(tail, given ? given + 1 : "", sizeof(tail));
	for (char *p = tail; *p; p++)
		if (*p == ' ')
			*p = '<';
	if (given)
		ascii[given - ascii] = '\0';
	bench_fmt(lines[2], 31, "%s<<%s", ascii, tail);
	bench_mrz_pad(lines[2]);
}

/* ---- pictures ------------------------------------------------------- */

static int bench_mm(const bench_canvas *c, double mm)
{
	return (int)lround(mm / 25.4 * bench_canvas_dpi(c));
}

static void bench_card_frame(bench_canvas *c, const bench_card *k)
{
	cairo_t *cr = bench_canvas_cr(c);
	double r = bench_mm(c, 3), lw = bench_mm(c, 0.35) + 1;

	cairo_save(cr);
	cairo_new_sub_path(cr);
	cairo_arc(cr, k->x + k->w - r, k->y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, k->x + k->w - r, k->y + k->h - r, r, 0, M_PI / 2);
	cairo_arc(cr, k->x + r, k->y + k->h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, k->x + r, k->y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
	/* A photocopied card reads as a faint gray plate with a dark rim. */
	cairo_set_source_rgba(cr, 0, 0, 0, 0.06);
	cairo_fill_preserve(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.85);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void bench_card_photo(bench_canvas *c, int x, int y, int w, int h)
{
	cairo_t *cr = bench_canvas_cr(c);

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.22);
	cairo_fill(cr);
	/* Head and shoulders, darker than the background. */
	cairo_set_source_rgba(cr, 0, 0, 0, 0.45);
	cairo_save(cr);
	cairo_translate(cr, x + w / 2.0, y + h * 0.38);
	cairo_scale(cr, w * 0.24, h * 0.2);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_fill(cr);
	cairo_save(cr);
	cairo_translate(cr, x + w / 2.0, y + h * 1.0);
	cairo_scale(cr, w * 0.45, h * 0.38);
	cairo_arc(cr, 0, 0, 1, M_PI, 2 * M_PI);
	cairo_restore(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

static void bench_card_emblem(bench_canvas *c, int cx, int cy, int r)
{
	cairo_t *cr = bench_canvas_cr(c);

	/* Light, as the red emblem copies: dark, OCR takes it for letters. */
	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.15);
	cairo_set_line_width(cr, r / 8.0 + 1);
	cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
	cairo_stroke(cr);
	for (int i = 0; i < 5; i++) {
		double a = -M_PI / 2 + i * 4 * M_PI / 5;

		if (i == 0)
			cairo_move_to(cr, cx + r * 0.6 * cos(a), cy + r * 0.6 * sin(a));
		else
			cairo_line_to(cr, cx + r * 0.6 * cos(a), cy + r * 0.6 * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* Concentric arcs, irregular enough to look like a print. */
static void bench_card_print(bench_canvas *c, bench_rng *r, int x, int y, int w, int h)
{
	cairo_t *cr = bench_canvas_cr(c);
	double cx = x + w / 2.0, cy = y + h / 2.0 + h * 0.08;

	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.8);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.35);
	cairo_set_line_width(cr, w / 60.0 + 1);
	for (int i = 1; i < 10; i++) {
		double rx = w * 0.045 * i, ry = h * 0.042 * i;
		double a0 = M_PI * (0.9 + 0.2 * bench_rng_unit(r)),
		       a1 = M_PI * (2.1 + 0.2 * bench_rng_unit(r));

		cairo_save(cr);
		cairo_translate(cr, cx, cy);
		cairo_scale(cr, rx, ry);
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0, 0, 1, a0, a1);
		cairo_restore(cr);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

static void bench_card_qr(bench_canvas *c, bench_rng *r, int x, int y, int size)
{
	cairo_t *cr = bench_canvas_cr(c);
	double m = size / 25.0;

	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.9);
	for (int i = 0; i < 25; i++)
		for (int j = 0; j < 25; j++) {
			bool finder = (i < 7 && j < 7) || (i < 7 && j > 17) || (i > 17 && j < 7);
			bool on = finder
			              ? (i % 6 == 0 || j % 6 == 0 || i % 18 == 0 || j % 18 == 0 ||
			                 ((i % 18) >= 2 && (i % 18) <= 4 && (j % 18) >= 2 &&
			                  (j % 18) <= 4))
			              : bench_rng_below(r, 2);

			if (on)
				cairo_rectangle(cr, x + j * m, y + i * m, m, m);
		}
	cairo_fill(cr);
	cairo_restore(cr);
}

static void bench_card_barcode(bench_canvas *c, bench_rng *r, int x, int y, int w, int h)
{
	cairo_t *cr = bench_canvas_cr(c);
	double px = x, unit = w / 160.0;

	cairo_save(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 0.9);
	while (px < x + w - 4 * unit) {
		double bar = unit * (1 + bench_rng_below(r, 3));

		cairo_rectangle(cr, px, y, bar, h);
		px += bar + unit * (1 + bench_rng_below(r, 3));
	}
	cairo_fill(cr);
	cairo_restore(cr);
}

/* ---- text helpers --------------------------------------------------- */

static bench_style bench_cst(const char *family, double pt, bool bold, bench_align al,
                             double leading)
{
	bench_style s = {
	    .family = family, .size_pt = pt, .bold = bold, .align = al, .leading = leading};

	return s;
}

/* Label and value on one line when they fit (and the layout wants it),
 * else the value on the line(s) below. */
static int bench_card_lv(bench_ctx *x, const bench_card_st *st, const char *label,
                         const char *value, bool own_line)
{
	bench_canvas *c = x->c;
	int wl, wv, rc;

	rc = bench_canvas_measure(c, &st->label, label, &wl, x->err);
	if (rc == 0)
		rc = bench_canvas_measure(c, &st->value, value, &wv, x->err);
	if (rc)
		return rc;
	if (!own_line && wl + wv + bench_canvas_px(c, 3) <= bench_canvas_text_width(c))
		return bench_canvas_draw_pair(c, &st->label, label, &st->value, value, -1, x->err);
	rc = bench_canvas_text(c, &st->label, 0, 0, label, x->err);
	return rc ? rc : bench_canvas_text(c, &st->value, 0, 0, value, x->err);
}

/* Two short fields on one row, as the card sets sex and nationality;
 * on two rows when they do not fit. */
static int bench_card_row(bench_ctx *x, const bench_card_st *st, const char *l1, const char *v1,
                          const char *l2, const char *v2)
{
	bench_canvas *c = x->c;
	char a[128], b[128];
	int wa, wb, col = bench_canvas_text_width(c), at = col * 45 / 100, rc;

	bench_fmt(a, sizeof(a), "%s %s", l1, v1);
	bench_fmt(b, sizeof(b), "%s %s", l2, v2);
	rc = bench_canvas_measure(c, &st->label, a, &wa, x->err);
	rc = rc ? rc : bench_canvas_measure(c, &st->label, b, &wb, x->err);
	if (rc)
		return rc;
	if (wa + bench_mm(c, 2) < at && at + wb <= col)
		return bench_canvas_draw_pair(c, &st->label, a, &st->label, b, at, x->err);
	if (wa + bench_mm(c, 2) + wb <= col)
		return bench_canvas_draw_pair(c, &st->label, a, &st->label, b, wa + bench_mm(c, 2),
		                              x->err);
	rc = bench_card_lv(x, st, l1, v1, false);
	return rc ? rc : bench_card_lv(x, st, l2, v2, false);
}

static int bench_card_mrz(bench_ctx *x, const bench_card *k, const bench_card_st *st,
                          const bench_card_data *v)
{
	bench_canvas *c = x->c;
	int pitch = bench_canvas_pitch(c, &st->mrz), rc = 0;

	bench_canvas_area(c, k->x + k->pad, k->y + k->h - k->pad / 2 - 3 * pitch, k->x + k->w,
	                  k->y + k->h);
	for (int i = 0; rc == 0 && i < 3; i++)
		rc = bench_canvas_draw(c, &st->mrz, 0, v->mrz[i], x->err);
	return rc;
}

/* Two prints with their labels under them; each label joins the truth
 * line of the text beside it, as Tesseract reads the row. */
static int bench_card_prints(bench_ctx *x, const bench_card_st *st, int x0, int y0, int x1,
                             const char *left, const char *right)
{
	bench_canvas *c = x->c;
	int gap = bench_mm(c, 2), w = (x1 - x0 - gap) / 2, h = bench_mm(c, 17);
	int wl, wr, y = y0 + h + bench_mm(c, 0.8), rc;

	bench_card_print(c, x->rng, x0, y0, w, h);
	bench_card_print(c, x->rng, x0 + w + gap, y0, w, h);
	rc = bench_canvas_measure(c, &st->label, left, &wl, x->err);
	rc = rc ? rc : bench_canvas_measure(c, &st->label, right, &wr, x->err);
	if (rc)
		return rc;
	/* Under their prints if they fit so, else one under the other. */
	if (wl + bench_mm(c, 1.5) <= w + gap) {
		rc = bench_canvas_place(c, &st->label, x0, y, left, x->err);
		return rc ? rc : bench_canvas_place(c, &st->label, x0 + w + gap, y, right, x->err);
	}
	rc = bench_canvas_place(c, &st->label, x0, y, left, x->err);
	return rc ? rc
	          : bench_canvas_place(c, &st->label, x0, y + bench_canvas_pitch(c, &st->label),
	                               right, x->err);
}

/* ---- sides ---------------------------------------------------------- */

static int bench_card_front(bench_ctx *x, const bench_card *k, const bench_card_st *st,
                            const bench_card_data *v)
{
	const bench_person *p = &x->doc->subject;
	bench_canvas *c = x->c;
	int em = bench_mm(c, 4.5), photo_w = bench_mm(c, 20);
	/* Text keeps clear of the rim: a stroke beside a letter reads as ")". */
	int top = k->y + k->pad, right = k->x + k->w - k->pad - bench_mm(c, 1), col, rc = 0;
	bool cmnd = v->era == BENCH_ERA_CMND, bi = v->era != BENCH_ERA_2016;
	const char *sex = p->female ? "Nữ" : "Nam";

	bench_card_frame(c, k);
	bench_card_emblem(c, k->x + k->pad + em, top + em, em);
	/* The old card sets its whole text right of the emblem and photo. */
	col = k->x + k->pad + photo_w + bench_mm(c, 2.5);
	bench_canvas_area(c, cmnd ? col : k->x + k->pad + 2 * em + bench_mm(c, 1), top, right,
	                  k->y + k->h);
	rc = bench_canvas_text(c, &st->head, 0, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x->err);
	if (rc == 0)
		rc = bench_canvas_draw(c, &st->head, 0, "Độc lập - Tự do - Hạnh phúc", x->err);
	if (rc == 0 && !cmnd) {
		top = bench_canvas_y(c) + bench_mm(c, 0.8);
		bench_canvas_area(c, col, top, right, k->y + k->h - k->pad / 2);
	}
	if (rc == 0)
		rc = bench_canvas_draw(c, &st->title, 0,
		                       cmnd                       ? "GIẤY CHỨNG MINH NHÂN DÂN"
		                       : v->era == BENCH_ERA_2024 ? "CĂN CƯỚC"
		                                                  : "CĂN CƯỚC CÔNG DÂN",
		                       x->err);
	if (rc == 0 && v->era == BENCH_ERA_2024)
		rc = bench_canvas_draw(c, &st->center, 0, "IDENTITY CARD", x->err);
	bench_card_photo(c, k->x + k->pad, cmnd ? top + 2 * em + bench_mm(c, 2) : top, photo_w,
	                 bench_mm(c, 25));
	switch (v->era) {
	case BENCH_ERA_CMND:
		rc = rc ? rc : bench_card_lv(x, st, "Số", v->cmnd, false);
		rc = rc ? rc : bench_card_lv(x, st, "Họ tên", v->name_up, v->own_line);
		rc = rc ? rc : bench_card_lv(x, st, "Sinh ngày", v->dob_dash, false);
		rc = rc ? rc : bench_card_lv(x, st, "Nguyên quán", v->origin, v->own_line);
		rc = rc ? rc : bench_card_lv(x, st, "Nơi ĐKHK thường trú", v->home, v->own_line);
		break;
	case BENCH_ERA_2024:
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        "Số định danh cá nhân / Personal identification number:",
		                        p->id, true);
		rc = rc ? rc
		        : bench_card_lv(
		              x, st, "Họ, chữ đệm và tên khai sinh / Full name:", v->name_up, true);
		rc = rc ? rc
		        : bench_card_lv(x, st, "Ngày, tháng, năm sinh / Date of birth:", v->dob,
		                        v->own_line);
		rc = rc ? rc
		        : bench_card_row(x, st, "Giới tính / Sex:", sex,
		                         "Quốc tịch / Nationality:", "Việt Nam");
		break;
	default:
		rc = rc ? rc : bench_card_lv(x, st, bi ? "Số / No.:" : "Số:", p->id, false);
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        bi ? "Họ và tên / Full name:" : "Họ và tên:", v->name_up,
		                        v->own_line || bi);
		rc = rc ? rc
		        : bench_card_lv(
		              x, st,
		              bi ? "Ngày sinh / Date of birth:" : "Ngày, tháng, năm sinh:", v->dob,
		              false);
		rc =
		    rc ? rc
		       : bench_card_row(x, st, bi ? "Giới tính / Sex:" : "Giới tính:", sex,
		                        bi ? "Quốc tịch / Nationality:" : "Quốc tịch:", "Việt Nam");
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        bi ? "Quê quán / Place of origin:" : "Quê quán:", v->origin,
		                        v->own_line);
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        bi ? "Nơi thường trú / Place of residence:"
		                           : "Nơi thường trú:",
		                        v->home, v->own_line);
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        bi ? "Có giá trị đến / Date of expiry:" : "Có giá trị đến:",
		                        v->expiry, false);
		break;
	}
	return rc;
}

static int bench_card_back(bench_ctx *x, const bench_card *k, const bench_card_st *st,
                           const bench_card_data *v)
{
	bench_canvas *c = x->c;
	int top = k->y + k->pad, left = k->x + k->pad,
	    right = k->x + k->w - k->pad - bench_mm(c, 1);
	int mrz_top = k->y + k->h - k->pad / 2 - 3 * bench_canvas_pitch(c, &st->mrz);
	int split = k->x + k->w * 58 / 100, rc = 0;
	bench_style role = st->label;
	bool cmnd = v->era == BENCH_ERA_CMND, prints_left = cmnd && v->own_line;

	role.bold = true;
	role.align = BENCH_ALIGN_CENTER;
	bench_card_frame(c, k);
	if (v->era == BENCH_ERA_2024) {
		int qr = bench_mm(c, 13);

		/* The QR code top right, the text beside it. */
		bench_card_qr(c, x->rng, right - qr, top, qr);
		bench_canvas_area(c, left, top, right - qr - bench_mm(c, 1.5), mrz_top);
		rc = bench_card_lv(x, st, "Nơi cư trú / Place of residence:", v->home, true);
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        "Nơi đăng ký khai sinh / Place of birth:", v->birthplace,
		                        true);
		rc = rc ? rc
		        : bench_card_lv(x, st, "Ngày, tháng, năm cấp / Date of issue:", v->issue,
		                        v->own_line);
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        "Ngày, tháng, năm hết hạn / Date of expiry:", v->expiry,
		                        v->own_line);
		/* The issuer spans the card once clear of the QR code. */
		if (bench_canvas_y(c) < top + qr + bench_mm(c, 1))
			bench_canvas_set_y(c, top + qr + bench_mm(c, 1));
		bench_canvas_area(c, left, bench_canvas_y(c), right, mrz_top);
		rc = rc ? rc
		        : bench_canvas_text(c, &role, 0, 0,
		                            "BỘ CÔNG AN / MINISTRY OF PUBLIC SECURITY", x->err);
		return rc ? rc : bench_card_mrz(x, k, st, v);
	}
	if (prints_left) {
		/* The old card's real order: prints left, text right. */
		bench_canvas_area(c, k->x + k->w * 49 / 100, top, right, k->y + k->h - k->pad / 2);
	} else {
		/* The 2016 card keeps its barcode strip free of text. */
		bench_canvas_area(c, left, top, split,
		                  v->has_mrz ? mrz_top : k->y + k->h - k->pad - bench_mm(c, 8));
	}
	if (cmnd) {
		rc = rc ? rc : bench_card_lv(x, st, "Dân tộc", x->doc->subject.ethnic, false);
		rc = rc ? rc : bench_card_lv(x, st, "Tôn giáo", v->religion, false);
		rc = rc ? rc : bench_card_lv(x, st, "DẤU VẾT RIÊNG VÀ DỊ HÌNH", v->mark_text, true);
		rc = rc ? rc : bench_canvas_text(c, &st->center, 0, 0, v->issue_words, x->err);
	} else {
		rc = rc ? rc
		        : bench_card_lv(x, st,
		                        v->era == BENCH_ERA_2021
		                            ? "Đặc điểm nhân dạng / Personal identification:"
		                            : "Đặc điểm nhân dạng:",
		                        v->mark_text, true);
		if (v->era == BENCH_ERA_2021)
			rc = rc ? rc
			        : bench_card_lv(x, st,
			                        "Ngày, tháng, năm / Date, month, year:", v->issue,
			                        v->own_line);
		else
			rc = rc ? rc
			        : bench_canvas_text(c, &st->center, 0, 0, v->issue_words, x->err);
	}
	rc = rc ? rc : bench_canvas_text(c, &role, 0, 0, v->title_line, x->err);
	bench_canvas_skip(c, 4);
	rc = rc ? rc : bench_canvas_text(c, &role, 0, 0, v->signer, x->err);
	if (rc == 0 && prints_left)
		rc = bench_card_prints(x, st, left, top + bench_mm(c, 4), k->x + k->w * 46 / 100,
		                       "NGÓN TRỎ TRÁI", "NGÓN TRỎ PHẢI");
	else if (rc == 0)
		rc = bench_card_prints(x, st, split + bench_mm(c, 2), top + bench_mm(c, 2), right,
		                       cmnd ? "NGÓN TRỎ TRÁI" : "Ngón trỏ trái",
		                       cmnd ? "NGÓN TRỎ PHẢI" : "Ngón trỏ phải");
	if (rc == 0 && v->era == BENCH_ERA_2016)
		bench_card_barcode(c, x->rng, left, k->y + k->h - k->pad - bench_mm(c, 7),
		                   k->w * 7 / 10, bench_mm(c, 6));
	if (rc == 0 && v->has_mrz)
		rc = bench_card_mrz(x, k, st, v);
	return rc;
}

/* ---- data and page -------------------------------------------------- */

/*
 * Expiry: the birthday at 25, 40 or 60 (also 14 for the 2024 card); a
 * card issued less than two years before a milestone runs to the next
 * one, and one issued after 58 never expires.
 */
static bool bench_card_expiry(const bench_date *dob, const bench_date *issued, bool y2024,
                              bench_date *exp)
{
	static const int ages[] = {14, 25, 40, 60};

	for (uint32_t i = y2024 ? 0 : 1; i < N_(ages); i++) {
		bench_date grace = {dob->y + ages[i] - 2, dob->m, dob->d};

		if (grace.d > bench_days_in(grace.y, grace.m))
			grace.d = bench_days_in(grace.y, grace.m);
		if (bench_date_cmp(issued, &grace) < 0) {
			*exp = grace;
			exp->y += 2;
			if (exp->d > bench_days_in(exp->y, exp->m))
				exp->d = bench_days_in(exp->y, exp->m);
			return true;
		}
	}
	return false;
}

/* An issue date between from and the end of year y1 (never before the
 * holder's 14th birthday); false if there is no such date. */
static bool bench_card_issue(bench_rng *r, const bench_date *dob, bench_date from, int y1,
                             bench_date *out)
{
	int y0 = from.y > dob->y + 14 ? from.y : dob->y + 14;

	if (y0 > y1)
		return false;
	bench_date_random(r, y0, y1, out);
	if (bench_date_cmp(out, &from) < 0)
		*out = from;
	return true;
}

static void bench_card_data_make(bench_ctx *x, bench_card_data *v)
{
	const bench_person *p = &x->doc->subject;
	bench_rng *r = x->rng;
	static const bench_date from16 = {2016, 1, 1}, from21 = {2021, 1, 1};
	static const bench_date from_cmnd = {1995, 1, 1};
	uint32_t roll = bench_rng_below(r, 20);
	char prov_up[96], prov[96];
	bench_addr birth;

	memset(v, 0, sizeof(*v));
	v->own_line = bench_rng_below(r, 2);
	if (x->doc->type == BENCH_DOC_CMND)
		v->era = BENCH_ERA_CMND;
	else
		v->era = roll < 4 ? BENCH_ERA_2016 : roll < 13 ? BENCH_ERA_2021 : BENCH_ERA_2024;
	if (v->era == BENCH_ERA_CMND) {
		if (!bench_card_issue(r, &p->dob, from_cmnd, 2020, &v->issued))
			v->issued = (bench_date){2020, 6, 15};
	} else if (v->era == BENCH_ERA_2016 &&
	           !bench_card_issue(r, &p->dob, from16, 2020, &v->issued))
		v->era = BENCH_ERA_2021;
	if (v->era == BENCH_ERA_2021 && !bench_card_issue(r, &p->dob, from21, 2023, &v->issued))
		v->era = BENCH_ERA_2024;
	if (v->era != BENCH_ERA_CMND) {
		/* Cards that never expire are only printed so since 2024. */
		v->no_expiry =
		    !bench_card_expiry(&p->dob, &v->issued, v->era == BENCH_ERA_2024, &v->expires);
		if (v->no_expiry && v->era != BENCH_ERA_2024)
			v->era = BENCH_ERA_2024;
		if (v->era == BENCH_ERA_2024) {
			/* Issued from 1 July 2024 to the end of June 2025. */
			bench_date_random(r, 2024, 2024, &v->issued);
			if (v->issued.m < 7) {
				v->issued.y = 2025;
				if (v->issued.d > bench_days_in(2025, v->issued.m))
					v->issued.d = bench_days_in(2025, v->issued.m);
			}
			v->no_expiry = !bench_card_expiry(&p->dob, &v->issued, true, &v->expires);
		}
	}
	bench_upper(p->name, v->name_up, sizeof(v->name_up));
	bench_date_fmt(&p->dob, BENCH_DATE_SLASH, v->dob, sizeof(v->dob));
	bench_date_fmt(&p->dob, BENCH_DATE_DASH, v->dob_dash, sizeof(v->dob_dash));
	bench_date_fmt(&v->issued, BENCH_DATE_SLASH, v->issue, sizeof(v->issue));
	bench_date_fmt(&v->issued, BENCH_DATE_WORDS, v->issue_words, sizeof(v->issue_words));
	bench_cap(v->issue_words);
	if (v->no_expiry)
		core_strlcpy(v->expiry, "Không thời hạn", sizeof(v->expiry));
	else
		bench_date_fmt(&v->expires, BENCH_DATE_SLASH, v->expiry, sizeof(v->expiry));
	bench_addr_fmt(&p->origin, BENCH_ADDR_CARD, v->origin, sizeof(v->origin));
	bench_addr_fmt(&p->home, BENCH_ADDR_CARD, v->home, sizeof(v->home));
	bench_make_addr(r, p->prov, false, &birth);
	bench_addr_fmt(&birth, BENCH_ADDR_CARD, v->birthplace, sizeof(v->birthplace));
	core_strlcpy(v->mark_text, PICK(r, bench_marks_id), sizeof(v->mark_text));
	core_strlcpy(v->religion, PICK(r, bench_religions), sizeof(v->religion));
	bench_make_name(r, bench_rng_below(r, 4) == 0, NULL, prov, sizeof(prov));
	bench_upper(prov, v->signer, sizeof(v->signer));
	bench_make_cmnd(r, p->prov, v->cmnd);
	switch (v->era) {
	case BENCH_ERA_CMND:
		bench_province_name(p->prov, false, prov, sizeof(prov));
		bench_upper(prov, prov_up, sizeof(prov_up));
		bench_fmt(v->title_line, sizeof(v->title_line), "GIÁM ĐỐC CA %s", prov_up);
		break;
	case BENCH_ERA_2016:
		core_strlcpy(v->title_line, "CỤC TRƯỞNG CỤC CẢNH SÁT ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ",
		             sizeof(v->title_line));
		break;
	default:
		core_strlcpy(v->title_line,
		             "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI",
		             sizeof(v->title_line));
		break;
	}
	v->has_mrz = v->era == BENCH_ERA_2021 || v->era == BENCH_ERA_2024;
	if (v->has_mrz)
		bench_mrz_make(p->id, &p->dob, p->female, v->no_expiry ? NULL : &v->expires,
		               p->name, v->mrz);
}

/* Certified copy: the commune's certification beside the cards. */
static int bench_card_certify(bench_ctx *x, const bench_date *issued, int y)
{
	bench_canvas *c = x->c;
	bench_style b = x->sig_bold, it = x->sig_italic, pl = x->body;
	int x0 = bench_canvas_x(c), col = bench_canvas_text_width(c), mid = x0 + col / 2, w, h;
	int top, rc;
	char no[96], date[64], line[160], name[96];
	bench_date d;
	bench_addr a;

	b.align = it.align = pl.align = BENCH_ALIGN_CENTER;
	static const bench_date last = {2025, 6, 30};

	bench_make_addr(x->rng, x->doc->subject.home.prov, false, &a);
	/* Certified some days after the card was issued, not after mid-2025. */
	d = *issued;
	bench_date_add(&d, 1 + (int)bench_rng_below(x->rng, 400));
	if (bench_date_cmp(&d, &last) > 0)
		d = last;
	bench_date_fmt(&d, BENCH_DATE_WORDS, date, sizeof(date));
	bench_fmt(line, sizeof(line), "%s, %s", a.commune, date);
	bench_fmt(no, sizeof(no), "Số chứng thực: %u, Quyển số: %02u/%d-SCT/BS",
	          1 + bench_rng_below(x->rng, 900), 1 + bench_rng_below(x->rng, 3), d.y);
	bench_make_name(x->rng, bench_rng_below(x->rng, 2), NULL, name, sizeof(name));
	bench_canvas_size(c, &w, &h);
	/* The right half only: the left stays empty, so reading order is plain. */
	bench_canvas_area(c, mid, y, x0 + col, h - bench_mm(c, 15));
	rc = bench_canvas_text(c, &b, 0, 0, "CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH", x->err);
	rc = rc ? rc : bench_canvas_text(c, &pl, 0, 0, no, x->err);
	rc = rc ? rc : bench_canvas_text(c, &it, 0, 0, line, x->err);
	top = bench_canvas_y(c);
	rc = rc ? rc : bench_canvas_draw(c, &b, 0, "KT. CHỦ TỊCH", x->err);
	rc = rc ? rc : bench_canvas_draw(c, &b, 0, "PHÓ CHỦ TỊCH", x->err);
	bench_canvas_skip(c, 36);
	rc = rc ? rc : bench_canvas_draw(c, &b, 0, name, x->err);
	bench_canvas_mark(c, (mid + x0 + col) / 2, (top + bench_canvas_y(c)) / 2);
	return rc;
}

static int bench_card_fields(bench_ctx *x, const bench_card_data *v)
{
	const bench_person *p = &x->doc->subject;
	char dob[16], issue[16], expiry[32], mrz[96];
	int rc;

	bench_date_fmt(&p->dob, BENCH_DATE_ISO, dob, sizeof(dob));
	bench_date_fmt(&v->issued, BENCH_DATE_ISO, issue, sizeof(issue));
	if (v->no_expiry)
		core_strlcpy(expiry, v->expiry, sizeof(expiry));
	else
		bench_date_fmt(&v->expires, BENCH_DATE_ISO, expiry, sizeof(expiry));
	bench_fmt(mrz, sizeof(mrz), "%s\n%s\n%s", v->mrz[0], v->mrz[1], v->mrz[2]);
	if (v->era == BENCH_ERA_CMND) {
		const bench_kv f[] = {
		    {"cmnd_number", v->cmnd},        {"full_name", p->name},
		    {"date_of_birth", dob},          {"place_of_origin", v->origin},
		    {"place_of_residence", v->home}, {"ethnicity", p->ethnic},
		    {"date_of_issue", issue},
		};

		return bench_fields(x, f, N_(f));
	}
	const bench_kv f[] = {
	    {"personal_id", p->id},      {"full_name", p->name},
	    {"date_of_birth", dob},      {"sex", p->female ? "Nữ" : "Nam"},
	    {"nationality", "Việt Nam"}, {"place_of_residence", v->home},
	    {"date_of_issue", issue},    {"date_of_expiry", expiry},
	};

	rc = bench_fields(x, f, N_(f));
	if (rc == 0 && v->era == BENCH_ERA_2024)
		rc = bench_field(x, "place_of_birth", v->birthplace);
	else if (rc == 0)
		rc = bench_field(x, "place_of_origin", v->origin);
	if (rc == 0 && v->has_mrz)
		rc = bench_field(x, "mrz", mrz);
	return rc;
}

int bench_card_page(bench_ctx *x)
{
	static const char *const names[2][4] = {
	    {"cccd_2016_a", "cccd_chip_2021_a", "can_cuoc_2024_a", "cmnd_a"},
	    {"cccd_2016_b", "cccd_chip_2021_b", "can_cuoc_2024_b", "cmnd_b"},
	};
	bench_canvas *c = x->c;
	bench_card_data v;
	bench_card_st st;
	bench_card front, back;
	const char *f;
	double lead;
	int w, h, dpi = bench_canvas_dpi(c), rc;
	bool centered, certify;

	/* Cards are set in narrow faces: DejaVu's width would push the
	 * last fields off the card. */
	if (strcmp(x->family, "DejaVu Sans") == 0)
		x->family = "Liberation Sans";
	else if (strcmp(x->family, "DejaVu Serif") == 0)
		x->family = "Liberation Serif";
	bench_card_data_make(x, &v);
	centered = bench_rng_below(x->rng, 2);
	certify = bench_rng_below(x->rng, 2);
	x->layout = names[v.own_line][v.era];
	x->font_size = BENCH_CARD_PT;
	f = x->family;
	/* A card that overflows is set tighter, never in smaller type. */
	lead = 1.22 - 0.06 * x->attempt;
	st.label = bench_cst(f, BENCH_CARD_PT, false, BENCH_ALIGN_LEFT, lead);
	st.value = bench_cst(f, BENCH_CARD_PT + (x->attempt ? 0 : 1), true, BENCH_ALIGN_LEFT, lead);
	st.head = bench_cst(f, BENCH_CARD_PT, true, BENCH_ALIGN_CENTER, lead);
	/* The CMND title is long: one point smaller keeps it on one line. */
	st.title = bench_cst(f, BENCH_CARD_PT + (x->attempt || v.era == BENCH_ERA_CMND ? 1 : 2),
	                     true, BENCH_ALIGN_CENTER, lead);
	st.center = bench_cst(f, BENCH_CARD_PT, false, BENCH_ALIGN_CENTER, lead);
	st.mrz = bench_cst(bench_rng_below(x->rng, 2) ? "DejaVu Sans Mono" : "Liberation Mono",
	                   BENCH_CARD_PT + 1.5 - 0.5 * x->attempt, false, BENCH_ALIGN_LEFT, 1.2);
	bench_canvas_size(c, &w, &h);
	front.w = back.w = (int)lround(BENCH_CARD_W_MM / 25.4 * dpi);
	front.h = back.h = (int)lround(BENCH_CARD_H_MM / 25.4 * dpi);
	front.pad = back.pad = bench_mm(c, 2.2);
	front.x = back.x = centered ? (w - front.w) / 2
	                            : bench_canvas_x(c) + bench_mm(c, bench_rng_below(x->rng, 15));
	front.y = bench_canvas_y(c) + bench_mm(c, 5 + bench_rng_below(x->rng, 15));
	back.y = front.y + front.h + bench_mm(c, 10 + bench_rng_below(x->rng, 12));
	rc = bench_card_front(x, &front, &st, &v);
	rc = rc ? rc : bench_card_back(x, &back, &st, &v);
	bench_canvas_area_reset(c);
	if (rc == 0 && certify)
		rc = bench_card_certify(x, &v.issued, back.y + back.h + bench_mm(c, 12));
	else
		bench_canvas_mark(c, back.x + back.w * 3 / 4, back.y + back.h / 2);
	return rc ? rc : bench_card_fields(x, &v);
}
