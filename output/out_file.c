/*
 * out_file.c - outputs land whole or not at all, and an unchanged one
 * is never touched.
 *
 * Every file is written to a temporary name in its own folder, flushed
 * and renamed over the old one, so a reader (or a crash) never sees
 * half a file.  Before that its bytes are compared with what is there:
 * a re-run that produces the same bytes keeps the old file, inode and
 * times included.
 */
#include "out_int.h"
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int out_mkdir(const char *path, core_err *err)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	core_err_set(err, CORE_EIO, "cannot create the output folder");
	core_err_detail(err, "%s: %s", path, strerror(errno));
	return -1;
}

int out_file_check(const char *path, int64_t size, const char *sha256, bool *same, core_err *err)
{
	char have[CORE_SHA256_HEX];
	struct stat sb;
	core_err ferr;

	*same = false;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		core_err_set(err, CORE_EIO, "cannot read an output file");
		core_err_detail(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode) || (int64_t)sb.st_size != size)
		return 0;
	core_err_clear(&ferr);
	/* Unreadable now reads as different: it will be written again. */
	if (core_sha256_file(path, have, &ferr))
		return 0;
	*same = strcmp(have, sha256) == 0;
	return 0;
}

int out_tmp_create(const char *path, char *tmp, size_t size, FILE **f, core_err *err)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	int fd;

	*f = NULL;
	/* Hidden and beside the target: same file system, so rename is atomic.
	 * A fixed short name, so that a target name near the file system's
	 * limit still gets one. */
	if (core_snprintf(tmp, size, err, "%.*s.sohoa-XXXXXX", (int)dirlen, path))
		return -1;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto io;
	if (fchmod(fd, 0644) != 0 || !(*f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(tmp);
		goto io;
	}
	return 0;
io:
	core_err_set(err, CORE_EIO, "cannot create an output file");
	core_err_detail(err, "%s: %s", tmp, strerror(errno));
	tmp[0] = '\0';
	return -1;
}

int out_tmp_commit(FILE **f, char *tmp, const char *path, out_file_info *info, core_err *err)
{
	bool same = false;
	int rc = -1;

	info->written = false;
	if (fflush(*f) != 0 || fsync(fileno(*f)) != 0) {
		fclose(*f);
		*f = NULL;
		goto io;
	}
	if (fclose(*f) != 0) {
		*f = NULL;
		goto io;
	}
	*f = NULL;
	if (out_file_check(path, info->size, info->sha256, &same, err))
		goto out;
	if (same) {
		rc = 0;
		goto out;
	}
	if (rename(tmp, path) != 0)
		goto io;
	tmp[0] = '\0';
	info->written = true;
	rc = 0;
	goto out;
io:
	core_err_set(err, CORE_EIO, "cannot write an output file");
	core_err_detail(err, "%s: %s", path, strerror(errno));
out:
	if (tmp[0])
		unlink(tmp);
	tmp[0] = '\0';
	return rc;
}

int out_file_put(const char *path, const void *data, size_t len, out_file_info *info, core_err *err)
{
	char tmp[4096];
	core_sha256 *h;
	bool same = false;
	FILE *f = NULL;

	memset(info, 0, sizeof(*info));
	info->size = (int64_t)len;
	if (!(h = core_sha256_new()))
		return core_err_set(err, CORE_ENOMEM, "out of memory");
	core_sha256_update(h, data, len);
	core_sha256_final(&h, info->sha256);
	/* Compared before anything is written: the common re-run case. */
	if (out_file_check(path, info->size, info->sha256, &same, err))
		return -1;
	if (same)
		return 0;
	if (out_tmp_create(path, tmp, sizeof(tmp), &f, err))
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		core_err_set(err, CORE_EIO, "cannot write an output file");
		core_err_detail(err, "%s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	return out_tmp_commit(&f, tmp, path, info, err);
}
