#include "imageshim.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

int img_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = flags;
    how.mode = mode;
    how.resolve = resolve;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

int img_o_path(void) { return O_PATH; }

int img_mknodat(int dirfd, const char *name, uint32_t mode, uint32_t major, uint32_t minor) {
    return mknodat(dirfd, name, (mode_t)mode, makedev(major, minor));
}

int img_lchownat(int dirfd, const char *name, uint32_t uid, uint32_t gid) {
    return fchownat(dirfd, name, (uid_t)uid, (gid_t)gid, AT_SYMLINK_NOFOLLOW);
}

int img_lutimensat(int dirfd, const char *name, int64_t sec, int64_t nsec) {
    struct timespec ts[2];
    ts[0].tv_sec = sec; ts[0].tv_nsec = nsec;
    ts[1] = ts[0];
    return utimensat(dirfd, name, ts, AT_SYMLINK_NOFOLLOW);
}

int img_futimens(int fd, int64_t sec, int64_t nsec) {
    struct timespec ts[2];
    ts[0].tv_sec = sec; ts[0].tv_nsec = nsec;
    ts[1] = ts[0];
    return futimens(fd, ts);
}

int img_fsetxattr(int fd, const char *name, const void *value, size_t size) {
    return fsetxattr(fd, name, value, size, 0);
}

static int proc_path(char *buf, size_t len, int dirfd, const char *name) {
    int n = snprintf(buf, len, "/proc/self/fd/%d/%s", dirfd, name);
    if (n < 0 || (size_t)n >= len) { errno = ENAMETOOLONG; return -1; }
    return 0;
}

int img_lsetxattrat(int dirfd, const char *name, const char *attr, const void *value, size_t size) {
    char path[4096 + 64];
    if (proc_path(path, sizeof path, dirfd, name) < 0) return -1;
    return lsetxattr(path, attr, value, size, 0);
}

ssize_t img_llistxattr(const char *path, char *list, size_t size) {
    return llistxattr(path, list, size);
}

ssize_t img_lgetxattr(const char *path, const char *attr, void *value, size_t size) {
    return lgetxattr(path, attr, value, size);
}

int img_list_dir(int dirfd, void *ctx, void (*fn)(void *ctx, const char *name, unsigned char type)) {
    // A private fd: fdopendir takes ownership, and the caller's fd keeps its offset.
    int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *d = fdopendir(fd);
    if (!d) { int e = errno; close(fd); errno = e; return -1; }
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        fn(ctx, de->d_name, de->d_type);
        errno = 0;
    }
    int e = errno;
    closedir(d);
    if (e) { errno = e; return -1; }
    return 0;
}
