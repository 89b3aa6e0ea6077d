/* core_hash.c - SHA-256 through OpenSSL libcrypto. */
#include "core.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct core_sha256 {
	EVP_MD_CTX *ctx;
};

core_sha256 *core_sha256_new(void)
{
	core_sha256 *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h->ctx);
		free(h);
		return NULL;
	}
	return h;
}

void core_sha256_update(core_sha256 *h, const void *p, size_t n)
{
	if (h && n)
		EVP_DigestUpdate(h->ctx, p, n);
}

static void to_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void core_sha256_final(core_sha256 **hp, char out[CORE_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	out[0] = '\0';
	if (!hp || !*hp)
		return;
	if (EVP_DigestFinal_ex((*hp)->ctx, md, &n) == 1)
		to_hex(md, n, out);
	core_sha256_destroy(hp);
}

void core_sha256_destroy(core_sha256 **hp)
{
	if (!hp || !*hp)
		return;
	EVP_MD_CTX_free((*hp)->ctx);
	free(*hp);
	*hp = NULL;
}

int core_sha256_file(const char *path, char out[CORE_SHA256_HEX], core_err *err)
{
	unsigned char buf[1 << 16];
	core_sha256 *h = NULL;
	int fd = -1, rc = -1;
	ssize_t n;

	out[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		core_err_set(err, CORE_EIO, "cannot open file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	h = core_sha256_new();
	if (!h) {
		core_err_set(err, CORE_ENOMEM, "out of memory");
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		core_sha256_update(h, buf, (size_t)n);
	if (n < 0) {
		core_err_set(err, CORE_EIO, "cannot read file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	core_sha256_final(&h, out);
	rc = 0;
out:
	core_sha256_destroy(&h);
	if (fd >= 0)
		close(fd);
	return rc;
}

int core_random_hex(char out[33], core_err *err)
{
	unsigned char r[16];

	if (RAND_bytes(r, sizeof(r)) != 1)
		return core_err_set(err, CORE_EINTERNAL, "no random bytes");
	to_hex(r, sizeof(r), out);
	return 0;
}
