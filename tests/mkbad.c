/*
 * mkbad.c - writes the bad inputs the batch must survive, into DIR:
 *   empty.tif        zero bytes
 *   notes.jpg        a text file named like an image
 *   corrupt.png      PNG magic followed by garbage
 *   truncated.tif    a real page cut short
 *   bomb.tif         a 40000 x 40000 bilevel G4 page: a few hundred KB
 *                    on disk, 1.6 gigapixels decoded
 *   broken-middle.tif  three text pages, page 2's compressed data ruined
 *   good.tif         one text page, which must come out done
 * Usage: mkbad DIR
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include "bench.h"

static int fail(const char *what)
{
	fprintf(stderr, "mkbad: %s: %s\n", what, strerror(errno));
	return 1;
}

static int write_bytes(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0)
		return fail(path);
	return 0;
}

static int write_bomb(const char *path)
{
	const uint32_t w = 40000, h = 40000;
	TIFF *t = TIFFOpen(path, "w");
	unsigned char *row;

	if (!t)
		return fail(path);
	row = calloc(w / 8, 1);
	TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
	TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
	TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
	TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
	TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
	TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
	TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, h);
	for (uint32_t y = 0; y < h; y++)
		TIFFWriteScanline(t, row, y, 0);
	TIFFClose(t);
	free(row);
	return 0;
}

/* Ruins page `page` (0-based) by overwriting its first strip. */
static int ruin_strip(const char *path, int page)
{
	TIFF *t = TIFFOpen(path, "r");
	uint64_t *off = NULL, *cnt = NULL, o, n;
	unsigned char junk[4096];
	FILE *f;

	if (!t || !TIFFSetDirectory(t, (tdir_t)page) ||
	    !TIFFGetField(t, TIFFTAG_STRIPOFFSETS, &off) ||
	    !TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &cnt))
		return fail("cannot read strip offsets");
	o = off[0];
	n = cnt[0] < sizeof(junk) ? cnt[0] : sizeof(junk);
	TIFFClose(t);
	memset(junk, 0xff, sizeof(junk));
	f = fopen(path, "r+b");
	if (!f || fseek(f, (long)o, SEEK_SET) != 0 || fwrite(junk, 1, (size_t)n, f) != n ||
	    fclose(f) != 0)
		return fail("cannot ruin strip");
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const lines[] = {"Trung tâm Phục vụ hành chính công",
	                                    "Bộ phận một cửa tiếp nhận hồ sơ",
	                                    "Nguyễn Văn An, sinh ngày 05/03/1990"};
	static const unsigned char png_magic[] = {0x89, 'P',  'N',  'G',  '\r', '\n', 0x1a, '\n',
	                                          0x00, 0x00, 0x00, 0x0d, 'I',  'H',  'D',  'R',
	                                          0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
	bench_raster pages[3];
	char path[4096];
	struct stat st;
	core_err err;
	const char *dir;

	if (argc != 2) {
		fprintf(stderr, "usage: mkbad DIR\n");
		return 2;
	}
	dir = argv[1];
	core_err_clear(&err);
	mkdir(dir, 0755);
	for (int i = 0; i < 3; i++)
		if (bench_render_lines(lines, 3, "Liberation Serif", 14, 150, &pages[i], &err)) {
			fprintf(stderr, "mkbad: %s\n", err.msg);
			return 1;
		}
	snprintf(path, sizeof(path), "%s/empty.tif", dir);
	if (write_bytes(path, "", 0))
		return 1;
	snprintf(path, sizeof(path), "%s/notes.jpg", dir);
	if (write_bytes(path, "meeting notes, not an image\n", 28))
		return 1;
	snprintf(path, sizeof(path), "%s/corrupt.png", dir);
	if (write_bytes(path, png_magic, sizeof(png_magic)))
		return 1;
	snprintf(path, sizeof(path), "%s/bomb.tif", dir);
	if (write_bomb(path))
		return 1;
	snprintf(path, sizeof(path), "%s/good.tif", dir);
	if (bench_write_tiff(path, pages, 1, "lzw", 8, true, &err))
		goto bench_fail;
	snprintf(path, sizeof(path), "%s/truncated.tif", dir);
	if (bench_write_tiff(path, pages, 1, "lzw", 8, true, &err))
		goto bench_fail;
	if (stat(path, &st) != 0 || truncate(path, st.st_size * 6 / 10) != 0)
		return fail(path);
	snprintf(path, sizeof(path), "%s/broken-middle.tif", dir);
	if (bench_write_tiff(path, pages, 3, "deflate", 8, true, &err))
		goto bench_fail;
	if (ruin_strip(path, 1))
		return 1;
	for (int i = 0; i < 3; i++)
		bench_raster_free(&pages[i]);
	bench_shutdown();
	return 0;
bench_fail:
	fprintf(stderr, "mkbad: %s: %s\n", err.msg, err.detail);
	return 1;
}
