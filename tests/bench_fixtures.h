/*
 * bench_fixtures.h - helpers shared by the synthetic corpus tests
 * (test_bench, test_bench_truth): scratch directories, generating a
 * corpus, listing its files and reading its pages back.  Compiled into
 * each of those executables; the functions use cmocka assertions.
 */
#ifndef SOHOA_TEST_BENCH_FIXTURES_H
#define SOHOA_TEST_BENCH_FIXTURES_H

#include "bench.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEST_DPI  100
#define MAX_FILES 1024

typedef struct file_list {
	char *paths[MAX_FILES]; /* relative to the root */
	int n;
	size_t root_len;
} file_list;

/* A page read back as 8-bit gray. */
typedef struct image {
	int w, h, dpi;
	uint8_t *px;
} image;

/* Removes dir and everything under it. */
void benchfx_rm_tree(const char *dir);
/* A fresh directory under /tmp, its name in buf. */
void benchfx_make_tmp(char *buf, size_t size);
/* qsort comparison of two char * by strcmp. */
int benchfx_cmp_str(const void *a, const void *b);
/* The files under root, sorted, relative to it; free with benchfx_free_files. */
void benchfx_list_files(const char *root, file_list *fl);
void benchfx_free_files(file_list *fl);
/* bench_gen_corpus at TEST_DPI or fail the test; written gets the pages. */
void benchfx_gen_full(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                      const char *degrade, bool images, int *written);
/* benchfx_gen_full, clean and without single images. */
void benchfx_gen(const char *dir, uint64_t seed, int dossiers, int pages, const char *format,
                 int *written);
/* Number of directories (pages) of a TIFF. */
int benchfx_tiff_pages(const char *path);
/* An 8-bit gray PNG with its pHYs resolution. */
void benchfx_read_png(const char *path, image *im);
/* Page `dir` (0-based) of a TIFF as 8-bit gray, bilevel as 0 / 255. */
void benchfx_read_tiff(const char *path, int dir, image *im);
/* A PNG by its name, else the first page of a TIFF. */
void benchfx_read_image(const char *path, image *im);
/* Same size and same pixels. */
bool benchfx_same_image(const image *a, const image *b);
/* truth/<code>.json of the corpus in dir, or fail the test. */
json_t *benchfx_load_truth(const char *dir, const char *code);

#endif
