/*
 * classify_defs.c - document type definitions: the folder's JSON files
 * read in name order, parsed (classify_defs_parse.c), hashed into the
 * definitions version; freeing and lookups.
 *
 * A definition that loads is one the extractor can trust: every
 * pattern compiles, every normalizer and validator exists, every field
 * a validator or subject refers to is defined.  A bad file refuses the
 * whole set, with the file, the key and the problem in the detail.
 */
#include "classify_int.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SOHOA_DEFS_DIR
#define SOHOA_DEFS_DIR "classify/defs"
#endif

#define DEFS_MAX_FILE  (1u << 20)
#define DEFS_MAX_FILES 256

const char *classify_defs_dir_default(void)
{
	const char *e = getenv("SOHOA_DEFS_DIR");

	return e && *e ? e : SOHOA_DEFS_DIR;
}

/* ---- freeing ------------------------------------------------------------- */

static void free_codes(pcre2_code **v, int n)
{
	for (int i = 0; i < n; i++)
		pcre2_code_free(v[i]);
	free(v);
}

static void free_strs(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void tdef_free(classify_tdef *t)
{
	free(t->type);
	free(t->path);
	free_codes(t->titles, t->n_titles);
	free_codes(t->opens, t->n_opens);
	for (int i = 0; i < t->n_keywords; i++)
		free(t->keywords[i].text);
	free(t->keywords);
	free_strs(t->continuation, t->n_continuation);
	for (int i = 0; i < t->n_labels; i++) {
		free(t->labels[i].printed);
		free(t->labels[i].key);
	}
	free(t->labels);
	for (int i = 0; i < t->n_fields; i++) {
		classify_fdef *f = &t->fields[i];

		free(f->name);
		free_codes(f->re, f->n_re);
		free_strs(f->after, f->n_after);
		for (int j = 0; j < f->n_validators; j++) {
			free(f->validators[j].name);
			free(f->validators[j].field);
			free(f->validators[j].field2);
			free(f->validators[j].value);
			pcre2_code_free(f->validators[j].re);
			free_strs(f->validators[j].values, f->validators[j].n_values);
		}
		free(f->validators);
	}
	free(t->fields);
	for (int i = 0; i < t->n_subjects; i++) {
		free(t->subjects[i].role);
		free(t->subjects[i].kind);
		free(t->subjects[i].key);
		free(t->subjects[i].name);
		free(t->subjects[i].birth);
	}
	free(t->subjects);
}

void classify_defs_destroy(classify_defs **d)
{
	if (!d || !*d)
		return;
	for (int i = 0; i < (*d)->n_types; i++)
		tdef_free(&(*d)->types[i]);
	free((*d)->types);
	free(*d);
	*d = NULL;
}

/* ---- loading ------------------------------------------------------------- */

static int read_file(const char *path, char **data, size_t *len, core_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;
	int rc = -1;

	*data = NULL;
	*len = 0;
	if (!f) {
		core_err_set(err, CORE_EIO, "cannot open a document definition");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	buf = malloc(DEFS_MAX_FILE + 1);
	if (!buf) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	n = fread(buf, 1, DEFS_MAX_FILE + 1, f);
	if (ferror(f)) {
		core_err_set(err, CORE_EIO, "cannot read a document definition");
		core_err_detail(err, "%s", path);
		goto out;
	}
	if (n > DEFS_MAX_FILE) {
		core_err_set(err, CORE_ELIMIT, "document definition too large");
		core_err_detail(err, "%s: over %u bytes", path, DEFS_MAX_FILE);
		goto out;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_json(const char *dir, char ***names, int *n, core_err *err)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	int rc = -1;

	*names = NULL;
	*n = 0;
	if (!dh) {
		core_err_set(err, CORE_EIO, "cannot open the definitions folder");
		core_err_detail(err, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dh)) != NULL) {
		char **v;

		if (de->d_name[0] == '.' || !core_str_endswith_ci(de->d_name, ".json"))
			continue;
		if (*n >= DEFS_MAX_FILES) {
			core_err_set(err, CORE_ELIMIT, "too many document definitions");
			goto out;
		}
		v = realloc(*names, (size_t)(*n + 1) * sizeof(*v));
		if (!v || !(v[*n] = core_strdup(de->d_name))) {
			if (v)
				*names = v;
			core_err_set(err, CORE_ENOMEM, "out of memory");
			goto out;
		}
		*names = v;
		(*n)++;
	}
	if (*n)
		qsort(*names, (size_t)*n, sizeof(**names), cmp_names);
	rc = 0;
out:
	closedir(dh);
	return rc;
}

int classify_defs_load(const char *dir, classify_defs **out, core_err *err)
{
	classify_defs *d = NULL;
	char **names = NULL, *data = NULL;
	core_sha256 *h = NULL;
	int n = 0, rc = -1;

	*out = NULL;
	if (!dir)
		dir = classify_defs_dir_default();
	if (list_json(dir, &names, &n, err))
		goto out;
	if (n == 0) {
		core_err_set(err, CORE_EFORMAT, "no document definitions");
		core_err_detail(err, "%s: no *.json file", dir);
		goto out;
	}
	if (n > CLASSIFY_MAX_TYPES) {
		core_err_set(err, CORE_ELIMIT, "too many document types");
		core_err_detail(err, "%d, at most %d", n, CLASSIFY_MAX_TYPES);
		goto out;
	}
	d = calloc(1, sizeof(*d));
	h = core_sha256_new();
	if (!d || !h || !(d->types = calloc((size_t)n, sizeof(*d->types)))) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	d->other = -1;
	for (int i = 0; i < n; i++) {
		char path[4096], type[CLASSIFY_TYPE_MAX];
		json_error_t je;
		json_t *root;
		size_t len;
		int prc;

		if (core_snprintf(path, sizeof(path), err, "%s/%s", dir, names[i]))
			goto out;
		if (read_file(path, &data, &len, err))
			goto out;
		core_sha256_update(h, data, len);
		root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
		free(data);
		data = NULL;
		if (!root) {
			core_err_set(err, CORE_EFORMAT, "bad document definition");
			core_err_detail(err, "%s: (json): line %d column %d: %s", path, je.line,
			                je.column, je.text);
			goto out;
		}
		snprintf(type, sizeof(type), "%.*s", (int)(strlen(names[i]) - 5), names[i]);
		d->n_types++;
		d->types[i].path = core_strdup(path);
		prc = classify_defs_parse_type(path, root, type, &d->types[i], err);
		json_decref(root);
		if (prc)
			goto out;
		if (strcmp(d->types[i].type, "other") == 0)
			d->other = i;
	}
	core_sha256_final(&h, d->version);
	*out = d;
	d = NULL;
	rc = 0;
out:
	core_sha256_destroy(&h);
	classify_defs_destroy(&d);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(data);
	return rc;
}

/* ---- queries ------------------------------------------------------------- */

const char *classify_defs_version(const classify_defs *d)
{
	return d ? d->version : "";
}

int classify_defs_n_types(const classify_defs *d)
{
	return d ? d->n_types : 0;
}

const char *classify_defs_type(const classify_defs *d, int i)
{
	return d && i >= 0 && i < d->n_types ? d->types[i].type : NULL;
}

int classify_defs_index(const classify_defs *d, const char *type)
{
	for (int i = 0; d && type && i < d->n_types; i++)
		if (strcmp(d->types[i].type, type) == 0)
			return i;
	return -1;
}

const classify_tdef *classify_defs_find(const classify_defs *d, const char *type)
{
	int i = classify_defs_index(d, type);

	return i < 0 ? NULL : &d->types[i];
}

bool classify_defs_has_type(const classify_defs *d, const char *type)
{
	return classify_defs_index(d, type) >= 0;
}
