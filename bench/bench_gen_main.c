/*
 * sohoa-gen - writes a synthetic corpus of scanned dossiers with their
 * ground truth.  Exit 0 on success, 1 on a generation error, 2 on bad
 * arguments.
 */
#include "bench.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fputs("usage: sohoa-gen --out DIR [--dossiers N] [--pages N] [--seed N] [--dpi N]\n"
	      "                 [--format mixed|tiff|png] [--degrade LIST] [--images] [--quiet]\n"
	      "\n"
	      "Renders dossiers of Vietnamese administrative documents into DIR/dossiers\n"
	      "(multi-page TIFF or folders of page images) with ground truth in\n"
	      "DIR/truth/<code>.json.  Document types: cccd, cmnd, birth_certificate,\n"
	      "marriage_certificate, marital_status_certificate, business_registration,\n"
	      "land_use_certificate (2 pages), decision, application_form, other (prose),\n"
	      "and blank separator sheets; every type appears in any corpus of 60 pages\n"
	      "or more.  The same options always give byte-identical files.\n"
	      "\n"
	      "  -o, --out DIR       output directory (created if missing)\n"
	      "  -n, --dossiers N    number of dossiers (default 10, or pages/5 with --pages)\n"
	      "  -p, --pages N       total pages, split evenly (default 2 to 4 per dossier)\n"
	      "  -s, --seed N        random seed (default 1)\n"
	      "  -d, --dpi N         resolution (default 300)\n"
	      "  -f, --format F      mixed (default), tiff or png\n"
	      "  -D, --degrade LIST  defects given to the pages in turn (default clean):\n"
	      "                      comma-separated names from clean, skew (up to 3 degrees),\n"
	      "                      rot90, rot180, rot270, dpi200, dpi400, gauss, speckle,\n"
	      "                      blur, jpeg, g4 (bilevel, stored G4), lowcontrast, border,\n"
	      "                      stamp, signature; several on a page joined by '+'\n"
	      "                      (skew+jpeg); or mixed: each in turn, a third clean\n"
	      "  -i, --images        also write every page as DIR/images/<code>/page-<n>.png\n"
	      "                      (page-<n>.tif for bilevel pages), same pixels\n"
	      "  -q, --quiet         no progress lines (one every 1000 pages on stderr)\n"
	      "  -h, --help          show this help\n",
	      f);
}

static int bad_usage(const char *fmt, ...) CORE_PRINTF(1, 2);

static int bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("sohoa-gen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\ntry 'sohoa-gen --help'\n", stderr);
	return 2;
}

static bool parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	/* strtoull accepts "-1" as a huge value; a seed is written plainly. */
	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > INT64_MAX)
		return false;
	*out = (uint64_t)v;
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"out", required_argument, NULL, 'o'},
	    {"dossiers", required_argument, NULL, 'n'},
	    {"pages", required_argument, NULL, 'p'},
	    {"seed", required_argument, NULL, 's'},
	    {"dpi", required_argument, NULL, 'd'},
	    {"format", required_argument, NULL, 'f'},
	    {"degrade", required_argument, NULL, 'D'},
	    {"images", no_argument, NULL, 'i'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	bench_gen_options o;
	core_err err;
	bool dossiers_given = false;
	int c, rc, pages = 0;

	bench_gen_options_default(&o);
	o.progress = true;
	core_err_clear(&err);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:n:p:s:d:f:D:iqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o.out_dir = optarg;
			break;
		case 'n':
			if (!parse_int(optarg, 1, 99999, &o.dossiers))
				return bad_usage(
				    "--dossiers wants a number from 1 to 99999, not \"%s\"",
				    optarg);
			dossiers_given = true;
			break;
		case 'p':
			if (!parse_int(optarg, 0, INT_MAX, &o.pages))
				return bad_usage("--pages wants a number >= 0, not \"%s\"", optarg);
			break;
		case 's':
			if (!parse_seed(optarg, &o.seed))
				return bad_usage(
				    "--seed wants a number from 0 to 2^63-1, not \"%s\"", optarg);
			break;
		case 'd':
			if (!parse_int(optarg, 50, 1200, &o.dpi))
				return bad_usage("--dpi wants a number from 50 to 1200, not \"%s\"",
				                 optarg);
			break;
		case 'f':
			if (strcmp(optarg, "mixed") != 0 && strcmp(optarg, "tiff") != 0 &&
			    strcmp(optarg, "png") != 0)
				return bad_usage("--format wants mixed, tiff or png, not \"%s\"",
				                 optarg);
			o.format = optarg;
			break;
		case 'D':
			if (bench_degrade_check(optarg, &err) != 0)
				return bad_usage("--degrade: %s: %s", err.msg, err.detail);
			o.degrade = optarg;
			break;
		case 'i':
			o.images = true;
			break;
		case 'q':
			o.progress = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			return bad_usage("%s needs a value", argv[optind - 1]);
		default:
			if (optopt)
				return bad_usage("unknown option -%c", optopt);
			return bad_usage("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad_usage("unexpected argument \"%s\"", argv[optind]);
	if (!o.out_dir)
		return bad_usage("--out DIR is required");
	/* Realistic dossiers hold a handful of papers: a large --pages alone
	 * means more dossiers, not longer ones. */
	if (!dossiers_given && o.pages > 0)
		o.dossiers = o.pages / 5 < 1 ? 1 : o.pages / 5 > 99999 ? 99999 : o.pages / 5;
	if (o.pages > 0 && o.pages < o.dossiers)
		return bad_usage("--pages must be at least the number of dossiers");
	rc = bench_gen_corpus(&o, &pages, &err);
	bench_shutdown();
	if (rc != 0) {
		fprintf(stderr, "sohoa-gen: error: %s", err.msg);
		if (err.detail[0])
			fprintf(stderr, " (%s)", err.detail);
		fputc('\n', stderr);
		return err.code == CORE_EARG ? 2 : 1;
	}
	printf("generated %d dossiers, %d pages in %s\n", o.dossiers, pages, o.out_dir);
	return 0;
}
