/*
 * api_cli.c - the reuse service's commands for staff: serve, token,
 * audit, query, search, report.  Reads of personal data from here are
 * audited like the HTTP ones, with agency "staff" and the operating-
 * system user as actor.
 */
#include "api_int.h"
#include "classify.h"

#include <getopt.h>
#include <jansson.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FATAL = 1, EXIT_USAGE = 2, EXIT_DB = 3 };

enum {
	OPT_DB = 256,
	OPT_LISTEN,
	OPT_THREADS,
	OPT_MAXCONN,
	OPT_TIMEOUT,
	OPT_MAXBODY,
	OPT_RATE,
	OPT_BURST,
	OPT_AGENCY,
	OPT_SCOPE,
	OPT_NOTE,
	OPT_JSON,
	OPT_SUBJECT,
	OPT_LIMIT,
	OPT_PURPOSE,
	OPT_TYPE,
	OPT_FROM,
	OPT_TO,
	OPT_OFFICE,
	OPT_QUIET
};

static int usage_error(const char *cmd, const char *what, const char *arg)
{
	fprintf(stderr, "sohoa %s: %s%s%s\nTry 'sohoa help'.\n", cmd, what, arg ? ": " : "",
	        arg ? arg : "");
	return EXIT_USAGE;
}

static int fail(const core_err *err)
{
	fprintf(stderr, "sohoa: error: %s\n", err->msg);
	if (err->detail[0])
		fprintf(stderr, "DETAIL: %s\n", err->detail);
	switch (err->code) {
	case CORE_EDB:
		return EXIT_DB;
	case CORE_EARG:
		return EXIT_USAGE;
	default:
		return EXIT_FATAL;
	}
}

static int parse_int_opt(const char *cmd, const char *name, const char *v, int lo, int hi, int *out)
{
	int64_t x;

	if (!api_parse_i64(v, lo, hi, &x))
		return usage_error(cmd, name, v);
	*out = (int)x;
	return 0;
}

static int connect_db(const char *db, store **st, core_err *err)
{
	char conninfo[1024];

	*st = NULL;
	if (store_conninfo(db, false, conninfo, sizeof(conninfo), err) ||
	    store_open(conninfo, st, err) || store_migrate(*st, NULL, err)) {
		store_close(st);
		return -1;
	}
	return 0;
}

static const char *os_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u = getenv("SUDO_USER");

	if (u && *u)
		return u;
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

/* ---- serve ----------------------------------------------------------- */

int api_cmd_serve(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"listen", required_argument, NULL, OPT_LISTEN},
	                                  {"threads", required_argument, NULL, OPT_THREADS},
	                                  {"max-connections", required_argument, NULL, OPT_MAXCONN},
	                                  {"timeout", required_argument, NULL, OPT_TIMEOUT},
	                                  {"max-body", required_argument, NULL, OPT_MAXBODY},
	                                  {"rate-limit", required_argument, NULL, OPT_RATE},
	                                  {"rate-burst", required_argument, NULL, OPT_BURST},
	                                  {"quiet", no_argument, NULL, OPT_QUIET},
	                                  {NULL, 0, NULL, 0}};
	api_options ao;
	bool quiet = false;
	int c;

	api_options_default(&ao);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			ao.db = optarg;
			break;
		case OPT_LISTEN:
			ao.listen = optarg;
			break;
		case OPT_THREADS:
			if (parse_int_opt("serve", "invalid --threads", optarg, 1, 256,
			                  &ao.threads))
				return EXIT_USAGE;
			break;
		case OPT_MAXCONN:
			if (parse_int_opt("serve", "invalid --max-connections", optarg, 1, 100000,
			                  &ao.max_connections))
				return EXIT_USAGE;
			break;
		case OPT_TIMEOUT:
			if (parse_int_opt("serve", "invalid --timeout", optarg, 1, 3600,
			                  &ao.timeout_s))
				return EXIT_USAGE;
			break;
		case OPT_MAXBODY:
			if (parse_int_opt("serve", "invalid --max-body", optarg, 256, 16 << 20,
			                  &ao.max_body))
				return EXIT_USAGE;
			break;
		case OPT_RATE:
			if (parse_int_opt("serve", "invalid --rate-limit", optarg, 0, 1000000,
			                  &ao.rate_limit))
				return EXIT_USAGE;
			break;
		case OPT_BURST:
			if (parse_int_opt("serve", "invalid --rate-burst", optarg, 0, 1000000,
			                  &ao.rate_burst))
				return EXIT_USAGE;
			break;
		case OPT_QUIET:
			quiet = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return usage_error("serve", "unexpected argument", argv[optind]);
	if (quiet)
		core_log_setup(core_log_get_format(), CORE_LOG_WARN);
	return api_serve(&ao);
}

/* ---- token ----------------------------------------------------------- */

static void print_tokens(const char *json)
{
	json_t *arr = json_loads(json, 0, NULL);
	size_t i;
	json_t *t;

	printf("%-5s %-24s %-6s %-14s %-6s %-20s %s\n", "id", "agency", "scope", "prefix", "rate",
	       "created", "revoked");
	json_array_foreach(arr, i, t)
	{
		json_t *rate = json_object_get(t, "rate_limit");
		const char *rev = json_string_value(json_object_get(t, "revoked_at"));
		char rbuf[16];

		if (json_is_integer(rate))
			snprintf(rbuf, sizeof(rbuf), "%lld", (long long)json_integer_value(rate));
		else
			core_strlcpy(rbuf, "-", sizeof(rbuf));
		printf("%-5lld %-24s %-6s %-14s %-6s %-20.19s %.19s\n",
		       (long long)json_integer_value(json_object_get(t, "id")),
		       json_string_value(json_object_get(t, "agency")),
		       json_string_value(json_object_get(t, "scope")),
		       json_string_value(json_object_get(t, "prefix")), rbuf,
		       json_string_value(json_object_get(t, "created_at")), rev ? rev : "-");
	}
	json_decref(arr);
}

int api_cmd_token(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"agency", required_argument, NULL, OPT_AGENCY},
	                                  {"scope", required_argument, NULL, OPT_SCOPE},
	                                  {"rate-limit", required_argument, NULL, OPT_RATE},
	                                  {"note", required_argument, NULL, OPT_NOTE},
	                                  {"json", no_argument, NULL, OPT_JSON},
	                                  {NULL, 0, NULL, 0}};
	store_token_spec spec = {NULL, STORE_SCOPE_NONE, -1, NULL, NULL};
	const char *db = NULL, *sub;
	char secret[STORE_TOKEN_LEN], *json = NULL;
	bool as_json = false, found = false;
	store *st = NULL;
	core_err err;
	int64_t id = 0;
	int c, rc = EXIT_OK;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_AGENCY:
			spec.agency = optarg;
			break;
		case OPT_SCOPE:
			if (store_scope_parse(optarg, &spec.scope))
				return usage_error("token", "--scope must be read, reuse or admin",
				                   optarg);
			break;
		case OPT_RATE:
			if (parse_int_opt("token", "invalid --rate-limit", optarg, 0, 1000000,
			                  &spec.rate_limit))
				return EXIT_USAGE;
			break;
		case OPT_NOTE:
			spec.note = optarg;
			break;
		case OPT_JSON:
			as_json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("token", "needs a subcommand: create, list or revoke", NULL);
	sub = argv[optind];
	if (strcmp(sub, "create") == 0) {
		if (!spec.agency || !*spec.agency || strlen(spec.agency) > 100)
			return usage_error("token", "create needs --agency NAME (up to 100 bytes)",
			                   NULL);
		if (spec.scope == STORE_SCOPE_NONE)
			return usage_error("token", "create needs --scope read|reuse|admin", NULL);
		spec.created_by = os_user();
		if (connect_db(db, &st, &err) || store_token_create(st, &spec, &id, secret, &err))
			goto out;
		if (as_json) {
			printf("{\"id\":%lld,\"agency\":", (long long)id);
			json_t *a = json_string(spec.agency);
			char *s = json_dumps(a, JSON_ENCODE_ANY);
			printf("%s,\"scope\":\"%s\",\"token\":\"%s\"}\n", s ? s : "null",
			       store_scope_name(spec.scope), secret);
			free(s);
			json_decref(a);
		} else {
			printf("token %lld for %s, scope %s\n", (long long)id, spec.agency,
			       store_scope_name(spec.scope));
			printf("shown once, keep it secret (only its hash is stored):\n%s\n",
			       secret);
		}
	} else if (strcmp(sub, "list") == 0) {
		if (connect_db(db, &st, &err) || store_token_list(st, &json, &err))
			goto out;
		if (as_json)
			printf("%s\n", json);
		else
			print_tokens(json);
	} else if (strcmp(sub, "revoke") == 0) {
		if (optind + 1 >= argc || !api_parse_i64(argv[optind + 1], 1, INT64_MAX, &id))
			return usage_error("token", "revoke needs a token id", NULL);
		if (connect_db(db, &st, &err) || store_token_revoke(st, id, &found, &err))
			goto out;
		if (!found) {
			fprintf(stderr, "sohoa: no token %lld\n", (long long)id);
			rc = API_EXIT_NOT_FOUND;
		} else {
			printf("token %lld revoked\n", (long long)id);
		}
	} else {
		return usage_error("token", "unknown subcommand", sub);
	}
out:
	free(json);
	store_close(&st);
	return core_err_isset(&err) ? fail(&err) : rc;
}

/* ---- audit ------------------------------------------------------------- */

int api_cmd_audit(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"subject", required_argument, NULL, OPT_SUBJECT},
	                                  {"limit", required_argument, NULL, OPT_LIMIT},
	                                  {"json", no_argument, NULL, OPT_JSON},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL, *subject = NULL, *kind;
	char reason[CLASSIFY_REASON_MAX], *json = NULL;
	bool as_json = false;
	store *st = NULL;
	core_err err;
	json_t *arr = NULL, *r;
	size_t i;
	int c, limit = 100;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_SUBJECT:
			subject = optarg;
			break;
		case OPT_LIMIT:
			if (parse_int_opt("audit", "invalid --limit", optarg, 1, 100000, &limit))
				return EXIT_USAGE;
			break;
		case OPT_JSON:
			as_json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (!subject)
		return usage_error("audit", "needs --subject ID", NULL);
	if (!api_subject_parse(subject, &kind, reason, sizeof(reason)))
		return usage_error("audit", reason, subject);
	if (connect_db(db, &st, &err) || store_audit_list(st, subject, limit, &json, &err))
		goto out;
	arr = json_loads(json, 0, NULL);
	if (as_json) {
		printf("%s\n", json);
		/* stdout stays the JSON array; the cap is said beside it. */
		if (json_array_size(arr) >= (size_t)limit)
			fprintf(stderr,
			        "sohoa: the newest %d rows; there may be more: --limit N, up to "
			        "100000\n",
			        limit);
		goto out;
	}
	printf("%-19s %-20s %-5s %-10s %-6s %-45s %s\n", "at", "agency", "token", "actor", "result",
	       "endpoint", "purpose");
	json_array_foreach(arr, i, r)
	{
		json_t *tok = json_object_get(r, "token_id");
		const char *actor = json_string_value(json_object_get(r, "actor"));
		const char *purpose = json_string_value(json_object_get(r, "purpose"));
		char tbuf[24];

		if (json_is_integer(tok))
			snprintf(tbuf, sizeof(tbuf), "%lld", (long long)json_integer_value(tok));
		else
			core_strlcpy(tbuf, "-", sizeof(tbuf));
		printf("%-19.19s %-20s %-5s %-10s %-6lld %-45s %s\n",
		       json_string_value(json_object_get(r, "at")),
		       json_string_value(json_object_get(r, "agency")), tbuf, actor ? actor : "-",
		       (long long)json_integer_value(json_object_get(r, "result")),
		       json_string_value(json_object_get(r, "endpoint")), purpose ? purpose : "-");
	}
	/* The audit log is the record of who read personal data: never cut
	 * it silently. */
	if (json_array_size(arr) >= (size_t)limit)
		printf("(%zu rows, the newest; there may be more: --limit N, up to 100000)\n",
		       json_array_size(arr));
	else
		printf("(%zu rows)\n", json_array_size(arr));
out:
	json_decref(arr);
	free(json);
	store_close(&st);
	return core_err_isset(&err) ? fail(&err) : EXIT_OK;
}

/* ---- query and search ---------------------------------------------------- */

static void print_pretty(const char *json)
{
	json_t *v = json_loads(json, 0, NULL);
	char *s = v ? json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	printf("%s\n", s ? s : json);
	free(s);
	json_decref(v);
}

int api_cmd_query(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"purpose", required_argument, NULL, OPT_PURPOSE},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL, *purpose = NULL, *kind;
	char reason[CLASSIFY_REASON_MAX], *json = NULL;
	store_reader rd = {0, "staff", NULL, NULL, NULL};
	store *st = NULL;
	core_err err;
	int c, rc = EXIT_OK;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		if (c == OPT_DB)
			db = optarg;
		else if (c == OPT_PURPOSE)
			purpose = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 2 != argc || strcmp(argv[optind], "subject") != 0)
		return usage_error("query", "usage: sohoa query subject ID --purpose TEXT", NULL);
	if (!purpose || !*purpose || strlen(purpose) > 200)
		return usage_error("query", "personal data is read only for a stated --purpose",
		                   NULL);
	if (!api_subject_parse(argv[optind + 1], &kind, reason, sizeof(reason)))
		return usage_error("query", reason, argv[optind + 1]);
	rd.actor = os_user();
	rd.purpose = purpose;
	if (connect_db(db, &st, &err) ||
	    store_subject_get(st, &rd, "CLI query subject", kind, argv[optind + 1], &json, &err))
		goto out;
	if (!json) {
		fprintf(stderr, "sohoa: no records for %s\n", argv[optind + 1]);
		rc = API_EXIT_NOT_FOUND;
		goto out;
	}
	print_pretty(json);
out:
	free(json);
	store_close(&st);
	return core_err_isset(&err) ? fail(&err) : rc;
}

int api_cmd_search(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"purpose", required_argument, NULL, OPT_PURPOSE},
	                                  {"type", required_argument, NULL, OPT_TYPE},
	                                  {"limit", required_argument, NULL, OPT_LIMIT},
	                                  {"json", no_argument, NULL, OPT_JSON},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL;
	store_search_q q = {NULL, NULL, 20, NULL, 0};
	store_reader rd = {0, "staff", NULL, NULL, NULL};
	bool as_json = false;
	char *json = NULL;
	json_t *v = NULL, *r;
	store *st = NULL;
	core_err err;
	size_t i;
	int c;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_PURPOSE:
			rd.purpose = optarg;
			break;
		case OPT_TYPE:
			if (!api_doc_type_known(optarg))
				return usage_error("search", "unknown document type", optarg);
			q.type = optarg;
			break;
		case OPT_LIMIT:
			if (parse_int_opt("search", "invalid --limit", optarg, 1, 100, &q.limit))
				return EXIT_USAGE;
			break;
		case OPT_JSON:
			as_json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc || !*argv[optind] || strlen(argv[optind]) > 400)
		return usage_error("search", "usage: sohoa search TEXT --purpose TEXT", NULL);
	if (!rd.purpose || !*rd.purpose || strlen(rd.purpose) > 200)
		return usage_error("search", "personal data is read only for a stated --purpose",
		                   NULL);
	q.text = argv[optind];
	rd.actor = os_user();
	if (connect_db(db, &st, &err) || store_search(st, &rd, "CLI search", &q, &json, &err))
		goto out;
	if (as_json) {
		printf("%s\n", json);
		goto out;
	}
	v = json_loads(json, 0, NULL);
	printf("%-8s %-16s %-5s %-22s %s\n", "rank", "dossier", "page", "type", "snippet");
	json_array_foreach(json_object_get(v, "results"), i, r)
	{
		const char *type = json_string_value(json_object_get(r, "type"));
		char snip[121];
		const char *src = json_string_value(json_object_get(r, "snippet"));
		size_t n = core_strlcpy(snip, src ? src : "", sizeof(snip));

		/* Cut on a character boundary, never inside a UTF-8 sequence:
		 * back off while the first byte left out continues one. */
		if (n >= sizeof(snip)) {
			n = sizeof(snip) - 1;
			while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
				n--;
			snip[n] = '\0';
		}
		for (char *p = snip; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		printf("%-8.4f %-16s %-5lld %-22s %s\n",
		       json_real_value(json_object_get(r, "rank")),
		       json_string_value(json_object_get(r, "dossier")),
		       (long long)json_integer_value(json_object_get(r, "page")), type ? type : "-",
		       snip);
	}
	if (json_array_size(json_object_get(v, "results")) >= (size_t)q.limit)
		printf("(the first %d matches; --limit N, up to 100, for more)\n", q.limit);
	json_array_foreach(json_object_get(v, "subjects"), i, r)
	{
		printf("similar name: %s (%s %s)\n", json_string_value(json_object_get(r, "name")),
		       json_string_value(json_object_get(r, "kind")),
		       json_string_value(json_object_get(r, "id")));
	}
out:
	json_decref(v);
	free(json);
	store_close(&st);
	return core_err_isset(&err) ? fail(&err) : EXIT_OK;
}

/* ---- report ----------------------------------------------------------------- */

/* yyyy-mm-dd into the start of that day (or the next) in Vietnam time. */
static bool day_bound(const char *date, bool next, char *out, size_t size)
{
	char reason[CLASSIFY_REASON_MAX];
	struct tm tm = {0};
	time_t t;

	if (strlen(date) != 10 || !classify_valid_date(date, reason))
		return false;
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	t = timegm(&tm) + (next ? 86400 : 0);
	gmtime_r(&t, &tm);
	snprintf(out, size, "%04d-%02d-%02d 00:00:00+07", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday);
	return true;
}

static void print_rate(json_t *v)
{
	if (json_is_number(v))
		printf("%.2f%%", 100.0 * json_number_value(v));
	else
		printf("n/a");
}

int api_cmd_report(int argc, char **argv)
{
	static const struct option o[] = {{"db", required_argument, NULL, OPT_DB},
	                                  {"from", required_argument, NULL, OPT_FROM},
	                                  {"to", required_argument, NULL, OPT_TO},
	                                  {"office", required_argument, NULL, OPT_OFFICE},
	                                  {"json", no_argument, NULL, OPT_JSON},
	                                  {NULL, 0, NULL, 0}};
	const char *db = NULL, *from = NULL, *to = NULL, *office = NULL;
	char lo[40], hi[40], *json = NULL;
	bool as_json = false;
	json_t *v = NULL, *r;
	store *st = NULL;
	core_err err;
	size_t i;
	int c;

	core_err_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", o, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db = optarg;
			break;
		case OPT_FROM:
			from = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		case OPT_OFFICE:
			office = optarg;
			break;
		case OPT_JSON:
			as_json = true;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (!from || !to)
		return usage_error("report", "needs --from YYYY-MM-DD --to YYYY-MM-DD", NULL);
	if (!day_bound(from, false, lo, sizeof(lo)))
		return usage_error("report", "invalid --from date", from);
	if (!day_bound(to, true, hi, sizeof(hi)))
		return usage_error("report", "invalid --to date", to);
	if (strcmp(lo, hi) >= 0)
		return usage_error("report", "--to is before --from", to);
	if (connect_db(db, &st, &err) || store_report(st, lo, hi, office, &json, &err))
		goto out;
	if (as_json) {
		print_pretty(json);
		goto out;
	}
	v = json_loads(json, 0, NULL);
	printf("digitization and reuse, %s to %s (Vietnam time), office %s\n", from, to,
	       office ? office : "all");
	printf("  dossiers received          %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "dossiers_received")));
	printf("  dossiers digitized         %8lld   digitization rate ",
	       (long long)json_integer_value(json_object_get(v, "dossiers_digitized")));
	print_rate(json_object_get(v, "digitization_rate"));
	printf("\n  documents extracted        %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "documents_extracted")));
	printf("  procedures reusing data    %8lld   reuse rate ",
	       (long long)json_integer_value(json_object_get(v, "procedures_reusing")));
	print_rate(json_object_get(v, "reuse_rate"));
	printf("\n  reuse events               %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "reuse_events")));
	printf("  documents reused           %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "documents_reused")));
	printf("  papers not re-requested    %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "papers_not_rerequested")));
	printf("  subjects served            %8lld\n",
	       (long long)json_integer_value(json_object_get(v, "subjects_served")));
	json_array_foreach(json_object_get(v, "by_procedure"), i, r)
	{
		printf("  procedure %-24s %6lld events %6lld papers\n",
		       json_string_value(json_object_get(r, "procedure_code")),
		       (long long)json_integer_value(json_object_get(r, "events")),
		       (long long)json_integer_value(json_object_get(r, "papers_not_rerequested")));
	}
out:
	json_decref(v);
	free(json);
	store_close(&st);
	return core_err_isset(&err) ? fail(&err) : EXIT_OK;
}
