/*
 * test_classify_defs.c - the shipped document definitions load, and a
 * broken definition is refused with a message naming the file, the key
 * and the problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"

static void shipped_definitions_load(void **state)
{
	static const char *const types[] = {"cccd",
	                                    "cmnd",
	                                    "birth_certificate",
	                                    "marriage_certificate",
	                                    "marital_status_certificate",
	                                    "business_registration",
	                                    "land_use_certificate",
	                                    "decision",
	                                    "application_form",
	                                    "other"};
	classify_defs *d = NULL;
	core_err e;

	core_err_clear(&e);
	assert_int_equal(classify_defs_load(NULL, &d, &e), 0);
	assert_int_equal(classify_defs_n_types(d), 10);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		assert_true(classify_defs_has_type(d, types[i]));
	assert_false(classify_defs_has_type(d, "passport"));
	assert_int_equal(strlen(classify_defs_version(d)), 64);
	classify_defs_destroy(&d);
	assert_null(d);
	classify_defs_destroy(&d);
	classify_defs_destroy(NULL);
}

/* A private folder holding one definition file with the given text. */
static void write_def(char *dir, size_t size, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(dir, size, "/tmp/sohoa-defs-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void remove_def(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	rmdir(dir);
}

/* Loads a one-file folder; expects refusal with the detail containing
 * every one of the given fragments. */
static void expect_refused(const char *name, const char *text, const char *frag1, const char *frag2)
{
	char dir[64];
	classify_defs *d = (classify_defs *)1;
	core_err e;

	write_def(dir, sizeof(dir), name, text);
	core_err_clear(&e);
	assert_int_not_equal(classify_defs_load(dir, &d, &e), 0);
	assert_null(d);
	assert_int_equal(e.code, CORE_EFORMAT);
	assert_string_equal(e.msg, "bad document definition");
	printf("# refused: %s\n", e.detail);
	assert_non_null(strstr(e.detail, name));
	assert_non_null(strstr(e.detail, frag1));
	if (frag2)
		assert_non_null(strstr(e.detail, frag2));
	remove_def(dir, name);
}

#define HEAD "{\"version\": 1, \"type\": \"cccd\", "

static void broken_definitions_refused(void **state)
{
	expect_refused("cccd.json", "{\"version\": 1, \"type\": \"cccd\",", "(json)", "line 1");
	expect_refused("cccd.json", "{\"type\": \"cccd\"}", "version: missing", NULL);
	expect_refused("cccd.json", "{\"version\": 2, \"type\": \"cccd\"}", "version",
	               "only version 1");
	expect_refused("cccd.json", "{\"version\": 1}", "type: missing", NULL);
	expect_refused("cccd.json", "{\"version\": 1, \"type\": \"cmnd\"}", "type",
	               "differs from the file name");
	expect_refused("cccd.json", HEAD "\"titel\": []}", "titel: unknown key", NULL);
	expect_refused("cccd.json", HEAD "\"titles\": [\"^can cuoc (cong dan\"]}", "titles[0]",
	               "missing closing parenthesis at offset 19");
	expect_refused("cccd.json",
	               HEAD
	               "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"]}, {\"name\": \"b\", "
	               "\"labels\": [\"B:\"]}, {\"name\": \"c\", \"labels\": [\"C:\"], "
	               "\"value\": {\"pattern\": \"(ab\"}}]}",
	               "fields[2].value.pattern: missing closing parenthesis at offset 3", NULL);
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"], \"normalizer\": "
	                    "\"upper\"}]}",
	               "fields[0].normalizer", "unknown normalizer 'upper'");
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"], \"validators\": "
	                    "[\"luhn\"]}]}",
	               "fields[0].validators[0]", "unknown validator 'luhn'");
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"], \"validators\": "
	                    "[\"date_order:b\"]}]}",
	               "fields[0].validators[0]", "no field 'b'");
	expect_refused("cccd.json", HEAD "\"fields\": [{\"name\": \"a\"}]}", "fields[0].labels",
	               "missing or empty");
	expect_refused("cccd.json", HEAD "\"fields\": [{\"labels\": [\"A:\"]}]}",
	               "fields[0].name: missing", NULL);
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"], \"value\": "
	                    "{\"where\": \"above\"}}]}",
	               "fields[0].value.where", "'above'");
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"]}], \"subjects\": "
	                    "[{\"role\": \"cousin\", \"kind\": \"person\", \"key\": \"a\"}]}",
	               "subjects[0]", "unknown role 'cousin'");
	expect_refused("cccd.json",
	               HEAD "\"fields\": [{\"name\": \"a\", \"labels\": [\"A:\"]}], \"subjects\": "
	                    "[{\"role\": \"holder\", \"kind\": \"person\", \"key\": \"id\"}]}",
	               "subjects[0]", "no field 'id'");
	expect_refused("cccd.json", HEAD "\"review_threshold\": 1.5}", "review_threshold",
	               "out of range");
	expect_refused("cccd.json", HEAD "\"keywords\": [{\"text\": \"a\", \"weight\": \"x\"}]}",
	               "keywords[0].weight", "not a number");
}

static void missing_folder_refused(void **state)
{
	classify_defs *d = NULL;
	core_err e;
	char dir[64];

	core_err_clear(&e);
	assert_int_not_equal(classify_defs_load("/nonexistent/defs", &d, &e), 0);
	assert_int_equal(e.code, CORE_EIO);
	assert_non_null(strstr(e.detail, "/nonexistent/defs"));

	/* A folder without definitions is an error too. */
	write_def(dir, sizeof(dir), "README.md", "nothing here");
	core_err_clear(&e);
	assert_int_not_equal(classify_defs_load(dir, &d, &e), 0);
	assert_string_equal(e.msg, "no document definitions");
	remove_def(dir, "README.md");
}

static void env_overrides_folder(void **state)
{
	char dir[64];
	classify_defs *d = NULL;
	core_err e;

	write_def(dir, sizeof(dir), "other.json", "{\"version\": 1, \"type\": \"other\"}");
	setenv("SOHOA_DEFS_DIR", dir, 1);
	assert_string_equal(classify_defs_dir_default(), dir);
	core_err_clear(&e);
	assert_int_equal(classify_defs_load(NULL, &d, &e), 0);
	assert_int_equal(classify_defs_n_types(d), 1);
	assert_string_equal(classify_defs_type(d, 0), "other");
	assert_null(classify_defs_type(d, 1));
	classify_defs_destroy(&d);
	unsetenv("SOHOA_DEFS_DIR");
	remove_def(dir, "other.json");
}

static void version_follows_content(void **state)
{
	char dir[64], v1[65];
	classify_defs *d = NULL;
	core_err e;
	FILE *f;
	char path[512];

	write_def(dir, sizeof(dir), "other.json", "{\"version\": 1, \"type\": \"other\"}");
	core_err_clear(&e);
	assert_int_equal(classify_defs_load(dir, &d, &e), 0);
	snprintf(v1, sizeof(v1), "%s", classify_defs_version(d));
	classify_defs_destroy(&d);
	snprintf(path, sizeof(path), "%s/other.json", dir);
	f = fopen(path, "w");
	fputs("{\"version\": 1, \"type\": \"other\", \"description\": \"x\"}", f);
	fclose(f);
	assert_int_equal(classify_defs_load(dir, &d, &e), 0);
	assert_string_not_equal(v1, classify_defs_version(d));
	classify_defs_destroy(&d);
	remove_def(dir, "other.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(shipped_definitions_load),
	    cmocka_unit_test(broken_definitions_refused),
	    cmocka_unit_test(missing_folder_refused),
	    cmocka_unit_test(env_overrides_folder),
	    cmocka_unit_test(version_follows_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
