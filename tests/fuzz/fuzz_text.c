/*
 * fuzz_text.c - any bytes through the text primitives the extraction
 * and the accuracy figures rest on: NFC and canonical forms, every
 * normalizer, every validator, the MRZ checks, and CER / WER between
 * the two halves of the input.  Invalid UTF-8 must be refused cleanly.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fuzz.h"

static const char *const fuzz_normalizers[] = {"text",      "name",    "date",   "expiry", "sex",
                                               "money",     "digits",  "area",   "code",   "mrz",
                                               "authority", "address", "no_such"};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static void fuzz_text_free(char **p)
{
	free(*p);
	*p = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char reason[CLASSIFY_REASON_MAX];
	classify_errcount c;
	classify_mrz mrz;
	core_err err = {0};
	char *s, *half, *out;
	size_t cut = size / 2;

	if (!(s = malloc(size + 1)) || !(half = malloc(cut + 1)))
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	memcpy(half, data, cut);
	half[cut] = '\0';

	out = classify_text_nfc(s, &err);
	fuzz_text_free(&out);
	for (int fold = 0; fold < 2; fold++) {
		core_err_clear(&err);
		out = classify_text_canon(s, fold, &err);
		fuzz_text_free(&out);
		core_err_clear(&err);
		if (classify_cer(half, s + cut, fold, &c, &err) == 0)
			(void)classify_rate(&c);
		core_err_clear(&err);
		if (classify_wer(half, s + cut, fold, &c, &err) == 0)
			(void)classify_rate(&c);
	}
	for (size_t i = 0; i < sizeof(fuzz_normalizers) / sizeof(*fuzz_normalizers); i++) {
		core_err_clear(&err);
		(void)classify_normalizer_known(fuzz_normalizers[i]);
		out = classify_normalize(fuzz_normalizers[i], s, &err);
		fuzz_text_free(&out);
	}
	(void)classify_valid_personal_id(s, half, size ? (int)data[0] * 10 : 0, reason);
	(void)classify_valid_cmnd(s, reason);
	(void)classify_valid_enterprise_code(s, reason);
	(void)classify_valid_date(s, reason);
	(void)classify_valid_date_order(half, s + cut, reason);
	(void)classify_valid_name(s, reason);
	(void)classify_valid_address(s, reason);
	(void)classify_mrz_digit(s, size);
	(void)classify_mrz_check(s, &mrz, reason);
	(void)classify_mrz_check(s, NULL, NULL);
	free(half);
	free(s);
	return 0;
}
