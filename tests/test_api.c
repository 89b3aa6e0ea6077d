/* test_api.c - the OpenAPI description matches the route table both
 * ways, and subject identifiers are checked as documented. */
#include "api.h"

#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static json_t *load_openapi(void)
{
	size_t len = 0;
	const char *text = api_openapi_text(&len);
	json_error_t e;
	json_t *doc;

	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	doc = json_loadb(text, len, 0, &e);
	if (!doc)
		fail_msg("openapi.json does not parse: %s (line %d)", e.text, e.line);
	return doc;
}

static void test_routes_documented(void **state)
{
	json_t *doc = load_openapi(), *paths = json_object_get(doc, "paths");
	char method[16];

	(void)state;
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	for (int i = 0; i < api_route_count(); i++) {
		const api_route_info *r = api_route_get(i);
		json_t *item = json_object_get(paths, r->path), *op, *scope;
		size_t k;

		if (!item)
			fail_msg("route %s %s is not in openapi.json", r->method, r->path);
		for (k = 0; r->method[k] && k + 1 < sizeof(method); k++)
			method[k] = (char)(r->method[k] | 0x20);
		method[k] = '\0';
		op = json_object_get(item, method);
		if (!op)
			fail_msg("openapi.json lacks %s %s", r->method, r->path);
		scope = json_object_get(op, "x-sohoa-scope");
		if (r->scope) {
			if (!scope || strcmp(json_string_value(scope), r->scope) != 0)
				fail_msg("%s %s: scope %s in the server, %s documented", r->method,
				         r->path, r->scope,
				         scope ? json_string_value(scope) : "none");
		} else {
			assert_null(scope);
			assert_int_equal(json_array_size(json_object_get(op, "security")), 0);
		}
	}
	json_decref(doc);
}

static void test_documented_routes_exist(void **state)
{
	json_t *doc = load_openapi(), *paths = json_object_get(doc, "paths"), *item, *op;
	const char *path, *method;
	int n = 0;

	(void)state;
	json_object_foreach(paths, path, item)
	{
		json_object_foreach(item, method, op)
		{
			bool found = false;
			for (int i = 0; i < api_route_count(); i++) {
				const api_route_info *r = api_route_get(i);
				if (strcmp(r->path, path) == 0 &&
				    strcasecmp(r->method, method) == 0)
					found = true;
			}
			if (!found)
				fail_msg("openapi.json documents %s %s, which the server lacks",
				         method, path);
			n++;
		}
	}
	assert_int_equal(n, api_route_count());
	json_decref(doc);
}

static void test_subject_ids(void **state)
{
	static const struct {
		const char *id;
		const char *kind;
	} cases[] = {
	    {"079158135405", "person"},
	    {"001090001234", "person"},
	    {"0100233488", "enterprise"},
	    {"0314409058", "enterprise"},
	    {"0100233488-001", "enterprise"},
	    {"0100233480", NULL},
	    {"999090001234", NULL},
	    {"034090001234x", NULL},
	    {"123456789", NULL},
	    {"", NULL},
	    {"0100233488-000", NULL},
	    {"01002334881", NULL},
	};
	char reason[128];
	const char *kind;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool ok = api_subject_parse(cases[i].id, &kind, reason, sizeof(reason));
		if (ok != (cases[i].kind != NULL))
			fail_msg("%s: %s", cases[i].id, ok ? "accepted" : reason);
		if (ok)
			assert_string_equal(kind, cases[i].kind);
		else
			assert_true(reason[0] != '\0');
	}
	assert_true(api_doc_type_known("land_use_certificate"));
	assert_false(api_doc_type_known("passport"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_routes_documented),
	    cmocka_unit_test(test_documented_routes_exist),
	    cmocka_unit_test(test_subject_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
