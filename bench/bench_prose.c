/*
 * bench_prose.c - paragraph-style administrative prose (notices,
 * reports, guidance about one-stop-shop procedures) built from phrase
 * tables, so pages of running text exercise OCR beyond labelled forms.
 */
#include "bench_priv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_PARA_MAX 8192

static const char *const bench_heads[] = {"THÔNG BÁO", "BÁO CÁO", "HƯỚNG DẪN", "KẾ HOẠCH"};
static const char *const bench_topics[] = {
    "tiếp nhận và giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "đăng ký khai sinh, đăng ký kết hôn trên địa bàn",
    "cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    "đăng ký doanh nghiệp qua mạng thông tin điện tử",
};
static const char *const bench_bases[] = {
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ "
    "chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;",
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ "
    "tục hành chính trên môi trường điện tử;",
    "Căn cứ Thông tư số 01/2023/TT-VPCP ngày 05 tháng 4 năm 2023 của Văn phòng Chính phủ;",
};
/* Subjects are written capitalised; `proper` ones keep the capital
 * after an opening phrase, the others start with an ASCII letter. */
static const struct {
	const char *text;
	bool proper;
} bench_subjects[] = {
    {"Bộ phận tiếp nhận và trả kết quả", false},
    {"Cán bộ một cửa", false},
    {"Công chức tư pháp - hộ tịch", false},
    {"Cơ quan có thẩm quyền", false},
    {"Người nộp hồ sơ", false},
    {"Tổ chức, cá nhân", false},
    {"Ủy ban nhân dân cấp xã", true},
    {"Văn phòng đăng ký đất đai", true},
    {"Phòng Đăng ký kinh doanh", true},
};
static const char *const bench_verbs[] = {
    "có trách nhiệm tiếp nhận", "thực hiện kiểm tra", "tiến hành số hóa", "hướng dẫn hoàn thiện",
    "xem xét, giải quyết",      "cập nhật",           "chuyển",           "lưu trữ",
    "trả kết quả giải quyết",
};
static const char *const bench_objects[] = {
    "hồ sơ đăng ký khai sinh",
    "hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất",
    "hồ sơ đăng ký doanh nghiệp",
    "hồ sơ đăng ký thường trú",
    "các giấy tờ, tài liệu kèm theo",
    "thông tin của công dân",
    "kết quả giải quyết thủ tục hành chính",
    "bản sao điện tử của giấy tờ",
};
static const char *const bench_complements[] = {
    "theo quy định của pháp luật",
    "trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    "tại Bộ phận một cửa cấp xã",
    "qua Cổng Dịch vụ công quốc gia",
    "vào Kho quản lý dữ liệu điện tử của tổ chức, cá nhân",
    "bảo đảm công khai, minh bạch",
    "và không yêu cầu công dân nộp lại giấy tờ đã được số hóa",
    "đúng quy trình đã được phê duyệt",
};
static const char *const bench_openers[] = {"Trường hợp hồ sơ chưa đầy đủ, ", "Đồng thời, ",
                                            "Bên cạnh đó, ", "Theo quy định, ", "Trong năm 2024, "};
static const char *const bench_periods[] = {"quý I năm 2024", "tháng 3 năm 2024",
                                            "6 tháng đầu năm 2024", "năm 2023"};

/* One sentence appended to b; *prev_subject keeps two sentences in a
 * row from sharing a subject. */
static int bench_sentence(bench_rng *r, uint32_t *prev_subject, core_buf *b, core_err *err)
{
	uint32_t kind = bench_rng_below(r, 8), s;
	const char *opener;
	char first;

	if (kind == 0) {
		uint32_t total = 120 + bench_rng_below(r, 900);
		uint32_t ok = total - bench_rng_below(r, total / 10 + 1);
		uint32_t pct = (uint32_t)((uint64_t)ok * 10000 / total);

		/* Vietnamese writes the decimal comma. */
		return core_buf_printf(
		    b, err,
		    "Trong %s, Bộ phận một cửa %s đã tiếp nhận %u hồ sơ, trong đó "
		    "%u hồ sơ được giải quyết đúng hạn, đạt tỷ lệ %u,%02u%%.",
		    PICK(r, bench_periods), bench_rng_below(r, 2) ? "cấp xã" : "cấp huyện", total,
		    ok, pct / 100, pct % 100);
	}
	s = bench_rng_below(r, N_(bench_subjects) - 1);
	if (s >= *prev_subject)
		s++;
	*prev_subject = s;
	opener = kind <= 2 ? PICK(r, bench_openers) : "";
	first = bench_subjects[s].text[0];
	if (*opener && !bench_subjects[s].proper)
		first = (char)tolower((unsigned char)first);
	return core_buf_printf(b, err, "%s%c%s %s %s %s.", opener, first,
	                       bench_subjects[s].text + 1, PICK(r, bench_verbs),
	                       PICK(r, bench_objects), PICK(r, bench_complements));
}

int bench_prose_draw(bench_canvas *c, bench_rng *r, const bench_style *body,
                     const bench_style *title, const bench_style *subtitle, const char **layout,
                     core_err *err)
{
	int target = 20 + (int)bench_rng_below(r, 16), indent = bench_canvas_px(c, 28);
	uint32_t prev_subject = N_(bench_subjects);
	char **lines = NULL;
	int n = 0, rc = 0;
	core_buf b;

	core_buf_init(&b, BENCH_PARA_MAX);
	*layout = "prose_plain";
	if (bench_rng_below(r, 2)) {
		*layout = "prose_headed";
		const char *head = PICK(r, bench_heads);

		rc = core_buf_printf(&b, err, "Về việc %s", PICK(r, bench_topics));
		if (rc == 0)
			rc = bench_canvas_draw(c, title, 0, head, err);
		if (rc == 0)
			rc = bench_canvas_text(c, subtitle, 0, 0, b.data, err);
		bench_canvas_skip(c, 14);
	}
	if (rc == 0 && bench_rng_below(r, 2)) {
		uint32_t first = bench_rng_below(r, N_(bench_bases) - 1);

		for (uint32_t i = first; rc == 0 && i < first + 2; i++)
			rc = bench_canvas_text(c, body, indent, 0, bench_bases[i], err);
		bench_canvas_skip(c, 6);
	}
	/* Paragraphs until the target; a paragraph cut at the target reads
	 * like a page break in a longer letter. */
	while (rc == 0 && bench_canvas_n_lines(c) < target) {
		int sentences = 2 + (int)bench_rng_below(r, 4), room;

		core_buf_reset(&b);
		for (int i = 0; rc == 0 && i < sentences; i++) {
			if (i)
				rc = core_buf_puts(&b, " ", err);
			if (rc == 0)
				rc = bench_sentence(r, &prev_subject, &b, err);
		}
		if (rc == 0)
			rc = bench_canvas_wrap(c, body, b.data, indent, 0, &lines, &n, err);
		room = bench_canvas_room(c, body);
		if (room > target - bench_canvas_n_lines(c))
			room = target - bench_canvas_n_lines(c);
		for (int i = 0; rc == 0 && i < n && i < room; i++)
			rc = bench_canvas_draw(c, body, i == 0 ? indent : 0, lines[i], err);
		for (int i = 0; i < n; i++)
			free(lines[i]);
		free(lines);
		lines = NULL;
		n = 0;
		if (room <= 0)
			break;
		bench_canvas_skip(c, 4);
	}
	core_buf_free(&b);
	return rc;
}
