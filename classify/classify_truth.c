/*
 * classify_truth.c - labelled pages for training from a sohoa-gen truth
 * folder: each non-blank page's printed lines and the type of the
 * document covering it.
 */
#include "classify_int.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- training pages from the generator's truth ----------------------------- */

void classify_samples_free(classify_sample *samples, int n)
{
	if (!samples)
		return;
	for (int i = 0; i < n; i++) {
		free((char *)samples[i].text);
		free((char *)samples[i].type);
	}
	free(samples);
}

static int truth_file(const char *path, classify_sample **v, int *n, int *cap, core_err *err)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *pages, *docs, *pg, *doc;
	size_t i, j;
	int rc = -1;

	if (!root) {
		core_err_set(err, CORE_EFORMAT, "bad truth file");
		core_err_detail(err, "%s: line %d: %s", path, je.line, je.text);
		return -1;
	}
	pages = json_object_get(root, "pages");
	docs = json_object_get(root, "documents");
	if (!json_is_array(pages) || !json_is_array(docs)) {
		core_err_set(err, CORE_EFORMAT, "bad truth file");
		core_err_detail(err, "%s: no pages or documents array", path);
		goto out;
	}
	json_array_foreach(pages, i, pg)
	{
		json_int_t num = json_integer_value(json_object_get(pg, "number"));
		json_t *lines = json_object_get(pg, "lines"), *ln;
		const char *type = NULL;
		core_buf b;
		size_t k;

		if (json_is_true(json_object_get(pg, "blank")) || !json_is_array(lines))
			continue;
		json_array_foreach(docs, j, doc)
		{
			if (json_integer_value(json_object_get(doc, "first_page")) <= num &&
			    json_integer_value(json_object_get(doc, "last_page")) >= num)
				type = json_string_value(json_object_get(doc, "type"));
		}
		if (!type)
			continue;
		if (*n == *cap) {
			int nc = *cap ? *cap * 2 : 256;
			classify_sample *nv = realloc(*v, (size_t)nc * sizeof(*nv));

			if (!nv) {
				core_err_set(err, CORE_ENOMEM, "out of memory");
				goto out;
			}
			*v = nv;
			*cap = nc;
		}
		core_buf_init(&b, CLASSIFY_MAX_PAGE_TEXT);
		json_array_foreach(lines, k, ln)
		{
			if (json_is_string(ln) && (core_buf_puts(&b, json_string_value(ln), err) ||
			                           core_buf_puts(&b, "\n", err))) {
				core_buf_free(&b);
				goto out;
			}
		}
		if (core_buf_puts(&b, "", err)) {
			core_buf_free(&b);
			goto out;
		}
		(*v)[*n].text = core_buf_steal(&b);
		(*v)[*n].type = core_strdup(type);
		(*n)++;
		if (!(*v)[*n - 1].type) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int classify_truth_samples(const char *truth_dir, classify_sample **samples, int *n, core_err *err)
{
	DIR *dh = NULL;
	struct dirent *de;
	char **names = NULL;
	int nn = 0, cap = 0, rc = -1;

	*samples = NULL;
	*n = 0;
	dh = opendir(truth_dir);
	if (!dh) {
		core_err_set(err, CORE_EIO, "cannot open the truth folder");
		core_err_detail(err, "%s: %s", truth_dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dh)) != NULL) {
		char **v;

		if (de->d_name[0] == '.' || !core_str_endswith_ci(de->d_name, ".json"))
			continue;
		v = realloc(names, (size_t)(nn + 1) * sizeof(*v));
		if (!v) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		names = v;
		names[nn] = core_strdup(de->d_name);
		if (!names[nn]) {
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		nn++;
	}
	if (nn)
		qsort(names, (size_t)nn, sizeof(*names), cmp_str);
	for (int i = 0; i < nn; i++) {
		char path[4096];

		if (core_snprintf(path, sizeof(path), err, "%s/%s", truth_dir, names[i]) ||
		    truth_file(path, samples, n, &cap, err))
			goto out;
	}
	rc = 0;
out:
	if (rc) {
		classify_samples_free(*samples, *n);
		*samples = NULL;
		*n = 0;
	}
	for (int i = 0; i < nn; i++)
		free(names[i]);
	free(names);
	closedir(dh);
	return rc;
}
