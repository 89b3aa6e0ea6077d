/*
 * test_store.c - the store against a real PostgreSQL: the private
 * cluster of $SOHOA_TEST_STATE_DIR, or one started here in a temporary
 * directory, with a fresh database per run.
 */
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* After the headers it needs. */
#include <cmocka.h>

#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OCR_CONFIG  "vie psm3 test"
#define HASH_A      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define TRICKY_TEXT "Nguyễn Văn Đức\t\\x"
#define PAGE_TEXT   "\n  Nguyễn Văn Đức\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nđộc lập \\ tự do\r\n"

/* Shared by the tests, which run in order and build on each other. */
static struct {
	char state[256];
	bool own_cluster;
	char admin[1024];
	char db[64];
	char conninfo[1200];
	store *a, *b;
	int64_t run_id;
	int64_t d1;        /* HS-001: pages 1, 2 pending, 3 failed at planning */
	store_job ja, jb;  /* the two concurrent claims in HS-001 */
	int64_t done_page; /* done, with HASH_A */
	char done_text[256];
} fx;

static void show_err(const char *what, const core_err *err)
{
	if (core_err_isset(err))
		fprintf(stderr, "%s: [%s] %s (%s)\n", what, core_code_name(err->code), err->msg,
		        err->detail);
}

#define OK(call)                                                                                   \
	do {                                                                                       \
		core_err err_;                                                                     \
		int rc_;                                                                           \
		core_err_clear(&err_);                                                             \
		rc_ = (call);                                                                      \
		show_err(#call, &err_);                                                            \
		assert_int_equal(rc_, 0);                                                          \
		assert_false(core_err_isset(&err_));                                               \
	} while (0)

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int group_setup(void **state)
{
	const char *dir = getenv("SOHOA_TEST_STATE_DIR");
	core_err err;

	(void)state;
	core_err_clear(&err);
	if (dir && dir[0]) {
		snprintf(fx.state, sizeof(fx.state), "%s", dir);
	} else {
		/* Under /tmp and 0755: the unprivileged server user must reach it. */
		snprintf(fx.state, sizeof(fx.state), "/tmp/sohoa-test-store-XXXXXX");
		if (!mkdtemp(fx.state) || chmod(fx.state, 0755) != 0) {
			perror("mkdtemp");
			return -1;
		}
		fx.own_cluster = true;
		setenv("SOHOA_PG_FAST", "1", 0);
	}
	if (store_cluster_start(fx.state, fx.admin, sizeof(fx.admin), &err)) {
		show_err("store_cluster_start", &err);
		return -1;
	}
	snprintf(fx.db, sizeof(fx.db), "test_store_%ld", (long)getpid());
	if (store_drop_database(fx.admin, fx.db, &err) ||
	    store_create_database(fx.admin, fx.db, &err)) {
		show_err("create database", &err);
		return -1;
	}
	/* A later dbname overrides the earlier one in a conninfo string. */
	snprintf(fx.conninfo, sizeof(fx.conninfo), "%s dbname=%s", fx.admin, fx.db);
	return 0;
}

static int group_teardown(void **state)
{
	core_err err;

	(void)state;
	core_err_clear(&err);
	store_job_clear(&fx.ja);
	store_job_clear(&fx.jb);
	store_close(&fx.a);
	store_close(&fx.b);
	/* TEST_STORE_KEEP=1 leaves the database for a look with psql. */
	if (fx.db[0] && !getenv("TEST_STORE_KEEP") && store_drop_database(fx.admin, fx.db, &err))
		show_err("drop database", &err);
	if (fx.own_cluster) {
		core_err_clear(&err);
		if (store_cluster_stop(fx.state, &err))
			show_err("store_cluster_stop", &err);
		nftw(fx.state, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	return 0;
}

static void test_migrate(void **state)
{
	int v = -1;

	(void)state;
	OK(store_open(fx.conninfo, &fx.a, &err_));
	OK(store_open(fx.conninfo, &fx.b, &err_));
	OK(store_schema_version(fx.a, &v, &err_));
	assert_int_equal(v, 0);
	OK(store_migrate(fx.a, &v, &err_));
	assert_int_equal(v, store_schema_latest());
	OK(store_migrate(fx.b, &v, &err_));
	assert_int_equal(v, store_schema_latest());
	OK(store_migrate(fx.b, NULL, &err_));
	OK(store_schema_version(fx.b, &v, &err_));
	assert_int_equal(v, store_schema_latest());
}

static void test_plan(void **state)
{
	store_page_src pages[3] = {
	    {1, "/data/HS-001.tif", 0, CORE_OK, NULL},
	    {2, "/data/HS-001.tif", 1, CORE_OK, NULL},
	    {3, "/data/HS-001.tif", 2, CORE_EFORMAT, "truncated tiff directory"},
	};
	store_dossier_in d = {"HS-001", "/data/HS-001.tif", HASH_A, "file", "tiff", 12345, NULL};
	store_counts c;
	int64_t id = 0;
	int added = -1;

	(void)state;
	OK(store_run_begin(fx.a, "{\"jobs\": 2, \"lang\": \"vie\"}", &fx.run_id, &err_));
	assert_true(fx.run_id > 0);
	OK(store_dossier_plan(fx.a, fx.run_id, &d, pages, 3, &fx.d1, &added, NULL, &err_));
	assert_true(fx.d1 > 0);
	assert_int_equal(added, 3);
	OK(store_dossier_plan(fx.b, fx.run_id, &d, pages, 3, &id, &added, NULL, &err_));
	assert_int_equal(added, 0);
	assert_int_equal(id, fx.d1);
	OK(store_count_pages(fx.a, &fx.d1, 1, fx.run_id, &c, &err_));
	assert_int_equal(c.total, 3);
	assert_int_equal(c.pending, 2);
	assert_int_equal(c.failed, 1);
	assert_int_equal(c.done + c.blank + c.earlier, 0);
}

typedef struct claimer {
	store *s;
	const char *owner;
	pthread_barrier_t *start;
	store_job job;
	bool got;
	int rc;
} claimer;

static void *claim_thread(void *arg)
{
	claimer *c = arg;
	core_err err;

	core_err_clear(&err);
	pthread_barrier_wait(c->start);
	c->rc = store_page_claim(c->s, &fx.d1, 1, c->owner, 600, &c->job, &c->got, &err);
	show_err("claim", &err);
	return NULL;
}

static void test_claim_concurrent(void **state)
{
	pthread_barrier_t start;
	claimer ca = {fx.a, "owner-a", &start, {0}, false, -1};
	claimer cb = {fx.b, "owner-b", &start, {0}, false, -1};
	pthread_t ta, tb;
	store_job j = {0};
	bool got = true;

	(void)state;
	pthread_barrier_init(&start, NULL, 2);
	pthread_create(&ta, NULL, claim_thread, &ca);
	pthread_create(&tb, NULL, claim_thread, &cb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&start);
	assert_int_equal(ca.rc, 0);
	assert_int_equal(cb.rc, 0);
	assert_true(ca.got && cb.got);
	assert_true(ca.job.page_id != cb.job.page_id);
	assert_true(ca.job.number + cb.job.number == 3); /* pages 1 and 2 */
	assert_int_equal(ca.job.dossier_id, fx.d1);
	assert_string_equal(ca.job.dossier_code, "HS-001");
	assert_string_equal(cb.job.source_path, "/data/HS-001.tif");
	assert_int_equal(ca.job.source_index, ca.job.number - 1);
	fx.ja = ca.job;
	fx.jb = cb.job;
	/* Both leases are live and page 3 failed at planning: nothing left. */
	OK(store_page_claim(fx.a, &fx.d1, 1, "owner-c", 600, &j, &got, &err_));
	assert_false(got);
	assert_null(j.source_path);
}

static void test_finish(void **state)
{
	store_word words[] = {
	    {"Nguyễn", 96.5f, 10, 20, 80, 40, 0, 0, true, 12.5f},
	    {TRICKY_TEXT, 91.25f, 90, 20, 160, 40, 0, 0, false, 0.0f},
	    {"line\nbreak\rand\\N", 50.0f, 1, 2, 3, 4, 1, 2, false, 0.0f},
	    {"", 0.0f, 0, 0, 0, 0, 1, 2, false, 0.0f},
	};
	store_page_result r;
	store_page_status st;
	store_counts c;
	char *text = NULL;
	core_err err;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.status = STORE_PAGE_DONE;
	r.run_id = fx.run_id;
	r.text = PAGE_TEXT;
	r.confidence = 87.5f;
	r.pixel_sha256 = HASH_A;
	r.width = 2480;
	r.height = 3508;
	r.dpi = 300;
	r.ink_ratio = 0.07;
	r.ocr_config = OCR_CONFIG;
	r.load_s = 0.01;
	r.preprocess_s = 0.02;
	r.ocr_s = 1.5;
	r.words = words;
	r.n_words = 4;

	/* Not the owner: refused, nothing changes. */
	core_err_clear(&err);
	assert_int_not_equal(store_page_finish(fx.b, &fx.ja, "owner-b", &r, &err), 0);
	assert_int_equal(err.code, CORE_ELEASE);
	assert_string_equal(err.msg, "page lease lost");
	OK(store_page_text(fx.a, fx.d1, fx.ja.number, &text, &st, &err_));
	assert_int_equal(st, STORE_PAGE_PENDING);
	assert_null(text);

	OK(store_page_finish(fx.a, &fx.ja, "owner-a", &r, &err_));
	OK(store_page_text(fx.b, fx.d1, fx.ja.number, &text, &st, &err_));
	assert_int_equal(st, STORE_PAGE_DONE);
	assert_non_null(text);
	assert_string_equal(text, PAGE_TEXT);
	free(text);
	fx.done_page = fx.ja.page_id;

	/* Twice: the lease went with the first commit. */
	core_err_clear(&err);
	assert_int_not_equal(store_page_finish(fx.a, &fx.ja, "owner-a", &r, &err), 0);
	assert_int_equal(err.code, CORE_ELEASE);

	/* The other page: blank, by its owner. */
	memset(&r, 0, sizeof(r));
	r.status = STORE_PAGE_BLANK;
	r.run_id = fx.run_id;
	r.pixel_sha256 = "bbbb";
	r.width = 100;
	r.height = 100;
	r.ink_ratio = 0.0001;
	OK(store_page_finish(fx.b, &fx.jb, "owner-b", &r, &err_));
	OK(store_count_pages(fx.a, &fx.d1, 1, fx.run_id, &c, &err_));
	assert_int_equal(c.total, 3);
	assert_int_equal(c.pending, 0);
	assert_int_equal(c.done, 1);
	assert_int_equal(c.failed, 1);
	assert_int_equal(c.blank, 1);
	assert_int_equal(c.earlier, 0);
}

static void test_killed_owner(void **state)
{
	/* Characters that need quoting inside an array literal. */
	const char *path = "/data/odd \"name\", {x} \\ y.tif";
	store_page_src pages[1] = {{1, path, 0, CORE_OK, NULL}};
	store_dossier_in d = {"HS-002", path, "cccc", "file", "tiff", 1, NULL};
	store *c = NULL;
	store_job jc = {0}, j = {0};
	int64_t id = 0;
	bool got = false;
	int added = 0;

	(void)state;
	OK(store_dossier_plan(fx.a, fx.run_id, &d, pages, 1, &id, &added, NULL, &err_));
	assert_int_equal(added, 1);
	OK(store_open(fx.conninfo, &c, &err_));
	OK(store_page_claim(c, &id, 1, "doomed", 600, &jc, &got, &err_));
	assert_true(got);
	assert_string_equal(jc.source_path, path);
	OK(store_page_claim(fx.a, &id, 1, "owner-a", 600, &j, &got, &err_));
	assert_false(got);

	/* kill -9 as far as the server can tell: the connection is gone. */
	store_close(&c);
	assert_null(c);
	for (int i = 0; i < 200 && !got; i++) {
		OK(store_page_claim(fx.a, &id, 1, "owner-a", 600, &j, &got, &err_));
		if (!got)
			usleep(25 * 1000);
	}
	assert_true(got);
	assert_int_equal(j.page_id, jc.page_id);
	store_job_clear(&jc);
	store_job_clear(&j);
	assert_null(j.source_path);
}

static void test_reuse(void **state)
{
	store_page_src pages[1] = {{1, "/data/HS-003/p1.png", 0, CORE_OK, NULL}};
	store_dossier_in d = {"HS-003", "/data/HS-003", "dddd", "folder", "png", 2, NULL};
	store_dossier_pages p;
	store_page_status st;
	store_job j = {0};
	char *text = NULL, *orig = NULL;
	int64_t id = 0;
	bool got = false, reused = true;
	int added = 0;

	(void)state;
	OK(store_dossier_plan(fx.a, fx.run_id, &d, pages, 1, &id, &added, NULL, &err_));
	OK(store_page_claim(fx.b, &id, 1, "owner-b", 600, &j, &got, &err_));
	assert_true(got);
	OK(store_page_reuse(fx.b, &j, "owner-b", fx.run_id, "ffff", OCR_CONFIG, 10, 10, 300, false,
	                    0.001, &reused, &err_));
	assert_false(reused);
	OK(store_page_reuse(fx.b, &j, "owner-b", fx.run_id, HASH_A, "eng psm6", 10, 10, 300, false,
	                    0.001, &reused, &err_));
	assert_false(reused);
	OK(store_page_text(fx.a, id, 1, &text, &st, &err_));
	assert_int_equal(st, STORE_PAGE_PENDING);

	OK(store_page_reuse(fx.b, &j, "owner-b", fx.run_id, HASH_A, OCR_CONFIG, 2480, 3508, 300,
	                    true, 0.002, &reused, &err_));
	assert_true(reused);
	OK(store_page_text(fx.a, id, 1, &text, &st, &err_));
	OK(store_page_text(fx.a, fx.d1, fx.ja.number, &orig, &st, &err_));
	assert_int_equal(st, STORE_PAGE_DONE);
	assert_string_equal(text, orig);
	free(text);
	free(orig);
	store_job_clear(&j);
	/* The copied words keep their tone gaps (test_finish's words). */
	OK(store_dossier_pages_load(fx.a, id, &p, &err_));
	assert_int_equal(p.n, 1);
	assert_int_equal(p.pages[0].n_words, 4);
	assert_true(p.pages[0].words[0].tone_rival);
	assert_true(p.pages[0].words[0].tone_gap == 12.5f);
	assert_false(p.pages[0].words[1].tone_rival);
	store_dossier_pages_clear(&p);
}

/* store_failed_cb: "CODE:N:code" of each page, comma-separated. */
static void failed_seen(void *ctx, const char *code, int number, const char *fcode,
                        const char *reason)
{
	char *out = ctx;
	size_t n = strlen(out);

	assert_non_null(reason);
	snprintf(out + n, 256 - n, "%s%s:%d:%s", n ? "," : "", code, number, fcode);
}

static void test_counts_and_retry(void **state)
{
	store_page_src pages[1] = {{1, "/data/HS-004.tif", 0, CORE_OK, NULL}};
	store_dossier_in d = {"HS-004", "/data/HS-004.tif", "eeee", "file", "tiff", 1, NULL};
	int64_t ids[2] = {fx.d1, 0};
	int64_t run2 = 0, reset = -1;
	store_page_result r;
	store_counts c;
	store_job j = {0};
	bool got = false;
	int added = 0;
	core_err err;

	(void)state;
	OK(store_run_begin(fx.a, NULL, &run2, &err_));
	assert_true(run2 > fx.run_id);
	OK(store_count_pages(fx.a, ids, 1, run2, &c, &err_));
	assert_int_equal(c.total, 3);
	assert_int_equal(c.done + c.failed + c.blank, 0);
	assert_int_equal(c.earlier, 3);

	/* Page 3 failed at planning: planning looks at it again, not a retry. */
	OK(store_pages_retry_failed(fx.a, ids, 1, &reset, &err_));
	assert_int_equal(reset, 0);
	OK(store_count_pages(fx.a, ids, 1, run2, &c, &err_));
	assert_int_equal(c.pending, 0);
	assert_int_equal(c.earlier, 3);

	/* A page that failed in a worker is retried. */
	OK(store_dossier_plan(fx.a, run2, &d, pages, 1, &ids[1], &added, NULL, &err_));
	assert_int_equal(added, 1);
	for (int round = 0; round < 2; round++) {
		OK(store_page_claim(fx.a, ids, 2, "owner-a", 600, &j, &got, &err_));
		assert_true(got);
		assert_int_equal(j.dossier_id, ids[1]);
		assert_int_equal(j.number, 1);
		memset(&r, 0, sizeof(r));
		r.status = STORE_PAGE_FAILED;
		r.run_id = run2;
		r.fail_code = CORE_EFORMAT;
		r.fail_reason = "truncated tiff directory\nat offset 8";
		OK(store_page_finish(fx.a, &j, "owner-a", &r, &err_));
		store_job_clear(&j);
		OK(store_count_pages(fx.a, ids, 2, run2, &c, &err_));
		assert_int_equal(c.failed, 1);
		assert_int_equal(c.pending, 0);
		if (round == 0) {
			OK(store_pages_retry_failed(fx.a, ids, 2, &reset, &err_));
			assert_int_equal(reset, 1);
		}
	}

	/* Failures left by other runs than run2, by code; all, in any run but 0. */
	{
		char seen[256] = "";
		int64_t total = -1;

		OK(store_pages_failed_before(fx.a, ids, 2, run2, 10, failed_seen, seen, &total,
		                             &err_));
		assert_string_equal(seen, "HS-001:3:format");
		assert_int_equal(total, 1);
		seen[0] = '\0';
		OK(store_pages_failed_before(fx.a, ids, 2, 0, 10, failed_seen, seen, &total,
		                             &err_));
		assert_string_equal(seen, "HS-001:3:format,HS-004:1:format");
		assert_int_equal(total, 2);
		seen[0] = '\0';
		OK(store_pages_failed_before(fx.a, ids, 2, 0, 1, failed_seen, seen, &total, &err_));
		assert_string_equal(seen, "HS-001:3:format");
		assert_int_equal(total, 2);
		OK(store_pages_failed_before(fx.a, ids, 2, 0, 0, failed_seen, seen, &total, &err_));
		assert_int_equal(total, 0);
	}

	c.total = 3;
	OK(store_run_finish(fx.a, run2, &c, "{\"pages_per_s\": 1.5}", &err_));
	core_err_clear(&err);
	assert_int_not_equal(store_run_finish(fx.a, 999999, &c, NULL, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	/* No dossiers: nothing to claim or count. */
	OK(store_page_claim(fx.a, ids, 0, "owner-a", 600, &j, &got, &err_));
	assert_false(got);
	OK(store_count_pages(fx.a, ids, 0, run2, &c, &err_));
	assert_int_equal(c.total, 0);
}

/* A dossier whose every page planning refused is planned anew when the
 * plan differs; one holding other pages is never renumbered. */
static void test_plan_again(void **state)
{
	store_page_src refused[1] = {{1, "/data/HS-005.pdf", 0, CORE_ELIMIT, "too many pages"}};
	store_page_src whole[3] = {{1, "/data/HS-005.pdf", 0, CORE_OK, NULL},
	                           {2, "/data/HS-005.pdf", 1, CORE_OK, NULL},
	                           {3, "/data/HS-005.pdf", 2, CORE_OK, NULL}};
	store_page_src mixed[3] = {{1, "/data/HS-006/a.tif", 0, CORE_OK, NULL},
	                           {2, "/data/HS-006/b.pdf", 0, CORE_ELIMIT, "too many pages"},
	                           {3, "/data/HS-006/c.tif", 0, CORE_OK, NULL}};
	store_page_src grown[4] = {{1, "/data/HS-006/a.tif", 0, CORE_OK, NULL},
	                           {2, "/data/HS-006/b.pdf", 0, CORE_OK, NULL},
	                           {3, "/data/HS-006/b.pdf", 1, CORE_OK, NULL},
	                           {4, "/data/HS-006/c.tif", 0, CORE_OK, NULL}};
	store_dossier_in d5 = {"HS-005", "/data/HS-005.pdf", "5555", "file", "unknown", 9, NULL};
	store_dossier_in d6 = {"HS-006", "/data/HS-006", "6666", "folder", "tiff", 9, NULL};
	store_counts c;
	int64_t id = 0, id2 = 0;
	bool reshaped = true;
	int added = 0;

	(void)state;
	OK(store_dossier_plan(fx.a, fx.run_id, &d5, refused, 1, &id, &added, &reshaped, &err_));
	assert_int_equal(added, 1);
	assert_false(reshaped);
	/* Refused again, for another reason: nothing changes. */
	refused[0].fail_reason = "too many pages (another limit)";
	OK(store_dossier_plan(fx.a, fx.run_id, &d5, refused, 1, &id2, &added, &reshaped, &err_));
	assert_int_equal(id2, id);
	assert_int_equal(added, 0);
	/* Passes now: its three pages replace the refused one. */
	d5.format = "pdf";
	OK(store_dossier_plan(fx.a, fx.run_id, &d5, whole, 3, &id2, &added, &reshaped, &err_));
	assert_int_equal(id2, id);
	assert_int_equal(added, 3);
	assert_false(reshaped);
	OK(store_count_pages(fx.a, &id, 1, fx.run_id, &c, &err_));
	assert_int_equal(c.total, 3);
	assert_int_equal(c.pending, 3);
	assert_int_equal(c.failed_all, 0);
	/* Refused once more (a narrower limit): the pending pages stay. */
	OK(store_dossier_plan(fx.a, fx.run_id, &d5, refused, 1, &id2, &added, &reshaped, &err_));
	assert_int_equal(added, 0);
	OK(store_count_pages(fx.a, &id, 1, fx.run_id, &c, &err_));
	assert_int_equal(c.pending, 3);

	/* A folder with a refused member among planned ones: not renumbered. */
	OK(store_dossier_plan(fx.a, fx.run_id, &d6, mixed, 3, &id, &added, &reshaped, &err_));
	assert_int_equal(added, 3);
	OK(store_dossier_plan(fx.a, fx.run_id, &d6, grown, 4, &id2, &added, &reshaped, &err_));
	assert_int_equal(id2, id);
	assert_int_equal(added, 0);
	assert_true(reshaped);
	OK(store_count_pages(fx.a, &id, 1, fx.run_id, &c, &err_));
	assert_int_equal(c.total, 3);
	assert_int_equal(c.failed_all, 1);
}

static void test_print(void **state)
{
	store_page_src pages[1] = {{1, "/data/HS-001.tif", 0, CORE_OK, NULL}};
	store_dossier_in d = {"HS-001", "/data/HS-001.tif", "9999abcd", "file", "tiff", 1, NULL};
	char buf[4096];
	int64_t id = 0;
	int added = 0;
	size_t n;
	FILE *f;
	core_err err;

	(void)state;
	f = tmpfile();
	assert_non_null(f);
	OK(store_dossier_print(fx.a, "HS-001", f, &err_));
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	if (getenv("TEST_STORE_VERBOSE"))
		fputs(buf, stderr);
	assert_non_null(strstr(buf, "dossier HS-001"));
	assert_non_null(strstr(buf, "aaaaaaaaaaaa"));
	/* The first non-empty line, the tab flattened. */
	assert_non_null(strstr(buf, "Nguyễn Văn Đức CỘNG HÒA"));
	assert_non_null(strstr(buf, "[format] truncated tiff directory"));
	assert_non_null(strstr(buf, "blank"));

	/* A new version of the same input: the newest is shown. */
	OK(store_dossier_plan(fx.a, fx.run_id, &d, pages, 1, &id, &added, NULL, &err_));
	assert_true(id != fx.d1);
	f = tmpfile();
	assert_non_null(f);
	OK(store_dossier_print(fx.a, "HS-001", f, &err_));
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	if (getenv("TEST_STORE_VERBOSE"))
		fputs(buf, stderr);
	assert_non_null(strstr(buf, "sha256 9999abcd"));
	assert_non_null(strstr(buf, "newest of 2 versions"));
	assert_non_null(strstr(buf, "pending"));

	core_err_clear(&err);
	assert_int_not_equal(store_dossier_print(fx.a, "NO-SUCH", stdout, &err), 0);
	assert_int_equal(err.code, CORE_EARG);
}

static void test_resolve_db(void **state)
{
	static const char *const vars[] = {"DATABASE_URL", "PGHOST", "PGHOSTADDR", "PGPORT",
	                                   "PGDATABASE",   "PGUSER", "PGSERVICE"};
	char *saved[7];
	char ci[256], dir[512];
	bool emb = true;

	(void)state;
	for (int i = 0; i < 7; i++) {
		const char *v = getenv(vars[i]);
		saved[i] = v ? strdup(v) : NULL;
		unsetenv(vars[i]);
	}
	OK(store_resolve_db(NULL, ci, sizeof(ci), &emb, &err_));
	assert_true(emb);
	assert_string_equal(ci, "");
	for (int i = 1; i < 7; i++) {
		setenv(vars[i], "x", 1);
		OK(store_resolve_db("", ci, sizeof(ci), &emb, &err_));
		assert_false(emb);
		assert_string_equal(ci, "");
		setenv(vars[i], "", 1); /* empty counts as unset */
		OK(store_resolve_db(NULL, ci, sizeof(ci), &emb, &err_));
		assert_true(emb);
		unsetenv(vars[i]);
	}
	setenv("PGHOST", "/tmp", 1);
	setenv("DATABASE_URL", "postgresql://u@h/db", 1);
	OK(store_resolve_db(NULL, ci, sizeof(ci), &emb, &err_));
	assert_false(emb);
	assert_string_equal(ci, "postgresql://u@h/db");
	OK(store_resolve_db("host=/x dbname=y", ci, sizeof(ci), &emb, &err_));
	assert_false(emb);
	assert_string_equal(ci, "host=/x dbname=y");
	for (int i = 0; i < 7; i++) {
		if (saved[i])
			setenv(vars[i], saved[i], 1);
		else
			unsetenv(vars[i]);
		free(saved[i]);
	}

	setenv("SOHOA_STATE_DIR", "/srv/sohoa-state", 1);
	OK(store_state_dir(dir, sizeof(dir), &err_));
	assert_string_equal(dir, "/srv/sohoa-state");
	unsetenv("SOHOA_STATE_DIR");
	OK(store_state_dir(dir, sizeof(dir), &err_));
	if (geteuid() == 0)
		assert_string_equal(dir, "/var/lib/sohoa");
	else
		assert_non_null(strstr(dir, "sohoa"));
}

static void test_errors(void **state)
{
	char ci[1024], longdir[200];
	bool running = false;
	store *s = NULL;
	core_err err;

	(void)state;
	core_err_clear(&err);
	assert_int_not_equal(
	    store_open("host=/nonexistent-sohoa-dir dbname=x user=y connect_timeout=2", &s, &err),
	    0);
	assert_null(s);
	assert_int_equal(err.code, CORE_EDB);
	assert_string_equal(err.msg, "cannot connect to the database");
	assert_true(err.detail[0] != '\0');

	core_err_clear(&err);
	assert_int_not_equal(store_create_database(fx.admin, "Bad-Name", &err), 0);
	assert_int_equal(err.code, CORE_EARG);

	/* Too long for a socket path: refused before anything is created. */
	memset(longdir, 'x', sizeof(longdir) - 1);
	longdir[0] = '/';
	longdir[sizeof(longdir) - 1] = '\0';
	core_err_clear(&err);
	assert_int_not_equal(store_cluster_start(longdir, ci, sizeof(ci), &err), 0);
	assert_int_equal(err.code, CORE_EARG);
	assert_int_not_equal(access(longdir, F_OK), 0);

	OK(store_cluster_status(fx.state, &running, ci, sizeof(ci), &err_));
	assert_true(running);
	assert_string_equal(ci, fx.admin);
	/* Starting a running cluster is a no-op that gives the same answer. */
	OK(store_cluster_start(fx.state, ci, sizeof(ci), &err_));
	assert_string_equal(ci, fx.admin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_migrate),
	    cmocka_unit_test(test_plan),
	    cmocka_unit_test(test_claim_concurrent),
	    cmocka_unit_test(test_finish),
	    cmocka_unit_test(test_killed_owner),
	    cmocka_unit_test(test_reuse),
	    cmocka_unit_test(test_counts_and_retry),
	    cmocka_unit_test(test_plan_again),
	    cmocka_unit_test(test_print),
	    cmocka_unit_test(test_resolve_db),
	    cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
