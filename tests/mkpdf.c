/*
 * mkpdf.c - writes the PDF inputs of it_pdf.sh, into DIR:
 *   scan/scan.pdf     two text pages, each one embedded 300 dpi image
 *   tif/scan.tif      the same two pages as a gray LZW TIFF
 *   typed/typed.pdf   one page of typed text (a real text layer)
 *   huge/huge.pdf     a 200 x 200 inch page of text: 3,600 megapixels
 *                     at 300 dpi, a few KB on disk
 *   truth/scan.json, truth/typed.json   the lines, as sohoa-gen writes them
 * Usage: mkpdf DIR
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"

static const char *const page1[] = {
    "Trung tâm Phục vụ hành chính công", "Bộ phận một cửa tiếp nhận hồ sơ",
    "Nguyễn Văn An, sinh ngày 05/03/1990", "Địa chỉ thường trú: số 12 đường Lê Lợi"};
static const char *const page2[] = {"Giấy xác nhận tình trạng hôn nhân",
                                    "Ủy ban nhân dân phường Bến Nghé",
                                    "Trần Thị Bích Ngọc, sinh năm 1985"};
static const char *const typed[] = {"Quyết định về việc cấp giấy phép xây dựng",
                                    "Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014",
                                    "Điều 1. Cấp giấy phép cho ông Lê Minh Tuấn"};

#define N_(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int truth(const char *dir, const char *code, const char *const *const *pages, const int *n,
                 int n_pages)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/truth/%s.json", dir, code);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "{\"code\": \"%s\", \"pages\": [", code);
	for (int p = 0; p < n_pages; p++) {
		fprintf(f,
		        "%s{\"number\": %d, \"kind\": \"prose\", \"degradation\": \"clean\", "
		        "\"dpi\": 300, \"lines\": [",
		        p ? ", " : "", p + 1);
		/* The lines hold no quote or backslash: written as they are. */
		for (int i = 0; i < n[p]; i++)
			fprintf(f, "%s\"%s\"", i ? ", " : "", pages[p][i]);
		fprintf(f, "]}");
	}
	fprintf(f, "]}\n");
	return fclose(f);
}

int main(int argc, char **argv)
{
	static const char *const sub[] = {"scan", "tif", "typed", "huge", "truth"};
	const char *const *scan_pages[] = {page1, page2};
	const int scan_n[] = {N_(page1), N_(page2)};
	const char *const *typed_pages[] = {typed};
	const int typed_n[] = {N_(typed)};
	bench_raster pages[2];
	char path[4096];
	core_err err;
	const char *dir;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: mkpdf DIR\n");
		return 2;
	}
	dir = argv[1];
	core_err_clear(&err);
	memset(pages, 0, sizeof(pages));
	mkdir(dir, 0755);
	for (int i = 0; i < N_(sub); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sub[i]);
		mkdir(path, 0755);
	}
	if (bench_render_lines(page1, N_(page1), "Liberation Serif", 14, 300, &pages[0], &err) ||
	    bench_render_lines(page2, N_(page2), "Liberation Serif", 14, 300, &pages[1], &err))
		goto out;
	snprintf(path, sizeof(path), "%s/scan/scan.pdf", dir);
	if (bench_write_pdf(path, pages, 2, &err))
		goto out;
	snprintf(path, sizeof(path), "%s/tif/scan.tif", dir);
	if (bench_write_tiff(path, pages, 2, "lzw", 8, true, &err))
		goto out;
	snprintf(path, sizeof(path), "%s/typed/typed.pdf", dir);
	if (bench_write_text_pdf(path, typed, N_(typed), "Liberation Serif", 14, 595.28, 841.89,
	                         &err))
		goto out;
	snprintf(path, sizeof(path), "%s/huge/huge.pdf", dir);
	if (bench_write_text_pdf(path, typed, 1, "Liberation Serif", 14, 14400, 14400, &err))
		goto out;
	if (truth(dir, "scan", scan_pages, scan_n, 2) ||
	    truth(dir, "typed", typed_pages, typed_n, 1)) {
		fprintf(stderr, "mkpdf: cannot write truth: %s\n", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc && core_err_isset(&err))
		fprintf(stderr, "mkpdf: %s: %s\n", err.msg, err.detail);
	for (int i = 0; i < 2; i++)
		bench_raster_free(&pages[i]);
	bench_shutdown();
	return rc;
}
