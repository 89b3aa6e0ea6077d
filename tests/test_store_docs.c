/*
 * test_store_docs.c - classification results in a real PostgreSQL:
 * the classify transaction is exactly once, words come back as stored,
 * documents replace their predecessors, subjects are shared.
 */
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	char conninfo[1200];
	store *a, *b;
	int64_t run, dossier;
} fx;

#define OK(call)                                                                                   \
	do {                                                                                       \
		core_err err_;                                                                     \
		core_err_clear(&err_);                                                             \
		int rc_ = (call);                                                                  \
		if (rc_)                                                                           \
			fprintf(stderr, "%s: %s (%s)\n", #call, err_.msg, err_.detail);            \
		assert_int_equal(rc_, 0);                                                          \
	} while (0)

static int setup(void **state)
{
	const char *dir = getenv("SOHOA_TEST_STATE_DIR");
	char admin[1024], db[64];
	core_err err;

	core_err_clear(&err);
	if (!dir || !dir[0]) {
		fprintf(stderr, "SOHOA_TEST_STATE_DIR is not set (run through ctest)\n");
		return -1;
	}
	snprintf(db, sizeof(db), "test_docs_%d", (int)getpid());
	if (store_cluster_start(dir, admin, sizeof(admin), &err) ||
	    store_drop_database(admin, db, &err) || store_create_database(admin, db, &err)) {
		fprintf(stderr, "%s: %s\n", err.msg, err.detail);
		return -1;
	}
	snprintf(fx.conninfo, sizeof(fx.conninfo), "%s dbname=%s", admin, db);
	if (store_open(fx.conninfo, &fx.a, &err) || store_open(fx.conninfo, &fx.b, &err) ||
	    store_migrate(fx.a, NULL, &err) || store_run_begin(fx.a, "{}", &fx.run, &err))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	store_close(&fx.a);
	store_close(&fx.b);
	return 0;
}

static void finish_page(store *s, int64_t dossier, const store_word *w, int nw)
{
	store_job job;
	store_page_result r;
	bool got = false;

	OK(store_page_claim(s, &dossier, 1, "t-owner", 60, &job, &got, &err_));
	assert_true(got);
	memset(&r, 0, sizeof(r));
	r.status = STORE_PAGE_DONE;
	r.run_id = fx.run;
	r.text = "GIẤY KHAI SINH";
	r.pixel_sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	r.width = 2480;
	r.height = 3508;
	r.dpi = 300;
	r.ocr_config = "test";
	r.words = w;
	r.n_words = nw;
	OK(store_page_finish(s, &job, "t-owner", &r, &err_));
	store_job_clear(&job);
}

static void plan_and_ocr(void **state)
{
	store_page_src pages[2] = {{1, "/x/a.tif", 0, CORE_OK, NULL},
	                           {2, "/x/a.tif", 1, CORE_OK, NULL}};
	store_dossier_in in = {"HS-DOC-1", "/x/a.tif", "ab12", "file", "tiff", 10, NULL};
	/* GIẤY: a letter nearly read with another tone; SINH: none. */
	store_word w1[2] = {{"GIẤY", 96, 10, 10, 60, 30, 1, 1, true, 2.75f},
	                    {"SINH", 91, 70, 10, 120, 30, 1, 1, false, 0.0f}};
	store_word w2[1] = {{"Điều\t1.", 88, 5, 5, 50, 20, 1, 1, true, -0.5f}};
	bool got = true;
	int added = 0;

	OK(store_dossier_plan(fx.a, fx.run, &in, pages, 2, &fx.dossier, &added, NULL, &err_));
	assert_int_equal(added, 2);
	/* Not every page terminal yet: nothing to classify. */
	OK(store_classify_begin(fx.a, fx.dossier, false, &got, &err_));
	assert_false(got);
	finish_page(fx.a, fx.dossier, w1, 2);
	finish_page(fx.a, fx.dossier, w2, 1);
}

static void classify_once(void **state)
{
	store_dossier_pages p;
	store_field f[2] = {{"full_name", "NGUYỄN VĂN AN", "Nguyễn Văn An", 0.93f, 1, 1, 2, 3, 4,
	                     "{}", "auto_accepted"},
	                    {"personal_id", "034090001234", "034090001234", 0.97f, 1, 5, 6, 7, 8,
	                     "{\"personal_id\":\"ok\"}", "auto_accepted"}};
	store_subject_link sub = {"person", "034090001234", "Nguyễn Văn An", "holder"};
	store_document d = {"birth_certificate", 1, 2, 0.99f, f, 2, &sub, 1};
	bool got = false, got_b = true;
	int64_t *ids = NULL;
	int n = 0;

	OK(store_classify_begin(fx.a, fx.dossier, false, &got, &err_));
	assert_true(got);
	/* A second worker skips the locked dossier instead of waiting. */
	OK(store_classify_begin(fx.b, fx.dossier, false, &got_b, &err_));
	assert_false(got_b);
	OK(store_dossier_pages_load(fx.a, fx.dossier, &p, &err_));
	assert_string_equal(p.code, "HS-DOC-1");
	assert_int_equal(p.n, 2);
	assert_int_equal(p.pages[0].n_words, 2);
	assert_string_equal(p.pages[0].words[0].text, "GIẤY");
	assert_int_equal(p.pages[0].words[1].x1, 120);
	assert_string_equal(p.pages[1].words[0].text, "Điều\t1.");
	/* The tone gap comes back; a word without a rival reads none. */
	assert_true(p.pages[0].words[0].tone_rival);
	assert_true(p.pages[0].words[0].tone_gap == 2.75f);
	assert_false(p.pages[0].words[1].tone_rival);
	assert_true(p.pages[1].words[0].tone_rival);
	assert_true(p.pages[1].words[0].tone_gap == -0.5f);
	assert_int_equal(p.pages[0].status, STORE_PAGE_DONE);
	store_dossier_pages_clear(&p);
	OK(store_classify_save(fx.a, fx.dossier, fx.run, "nb-1", "defs-1", &d, 1, &err_));
	/* Done: not again, unless forced. */
	OK(store_classify_begin(fx.b, fx.dossier, false, &got_b, &err_));
	assert_false(got_b);
	OK(store_classify_begin(fx.b, fx.dossier, true, &got_b, &err_));
	assert_true(got_b);
	/* Saving twice replaces, and the subject stays one row. */
	OK(store_classify_save(fx.b, fx.dossier, fx.run, "nb-1", "defs-1", &d, 1, &err_));
	OK(store_dossier_ids(fx.a, "HS-DOC-1", &ids, &n, &err_));
	assert_int_equal(n, 1);
	assert_true(ids[0] == fx.dossier);
	free(ids);
	OK(store_dossier_ids(fx.a, "HS-NONE", &ids, &n, &err_));
	assert_int_equal(n, 0);
	free(ids);
}

static void abort_leaves_nothing(void **state)
{
	bool got = false;

	OK(store_classify_begin(fx.a, fx.dossier, true, &got, &err_));
	assert_true(got);
	store_classify_abort(fx.a);
	/* The lock is gone with the transaction. */
	OK(store_classify_begin(fx.b, fx.dossier, true, &got, &err_));
	assert_true(got);
	store_classify_abort(fx.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plan_and_ocr),
	    cmocka_unit_test(classify_once),
	    cmocka_unit_test(abort_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
