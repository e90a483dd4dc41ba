// libarchive (image tarballs and layers), loaded on first use. The functions nstrace and
// its tests call, each with archive.h's prototype.
#include <archive.h>
#include <archive_entry.h>
#include "stubs.h"

#define L NSL_ARCHIVE
typedef struct archive A;
typedef struct archive_entry E;

// Reading
NSL_FN(L, A *, archive_read_new, (void), ())
NSL_FN(L, int, archive_read_free, (A *a), (a))
NSL_FN(L, int, archive_read_support_filter_gzip, (A *a), (a))
NSL_FN(L, int, archive_read_support_filter_zstd, (A *a), (a))
NSL_FN(L, int, archive_read_support_format_raw, (A *a), (a))
NSL_FN(L, int, archive_read_support_format_tar, (A *a), (a))
NSL_FN(L, int, archive_read_open2, (A *a, void *data, archive_open_callback *open, archive_read_callback *read,
                                     archive_skip_callback *skip, archive_close_callback *close),
       (a, data, open, read, skip, close))
NSL_FN(L, int, archive_read_open_filename, (A *a, const char *name, size_t block), (a, name, block))
NSL_FN(L, int, archive_read_next_header, (A *a, E **e), (a, e))
NSL_FN(L, la_ssize_t, archive_read_data, (A *a, void *buf, size_t n), (a, buf, n))
NSL_FN(L, int, archive_read_data_block, (A *a, const void **buf, size_t *n, la_int64_t *offset), (a, buf, n, offset))
NSL_FN(L, int, archive_read_data_skip, (A *a), (a))
NSL_FN(L, const char *, archive_error_string, (A *a), (a))

// Writing (the tests build their image fixtures with it)
NSL_FN(L, A *, archive_write_new, (void), ())
NSL_FN(L, int, archive_write_free, (A *a), (a))
NSL_FN(L, int, archive_write_close, (A *a), (a))
NSL_FN(L, int, archive_write_add_filter_gzip, (A *a), (a))
NSL_FN(L, int, archive_write_add_filter_none, (A *a), (a))
NSL_FN(L, int, archive_write_add_filter_zstd, (A *a), (a))
NSL_FN(L, int, archive_write_set_format_pax_restricted, (A *a), (a))
NSL_FN(L, int, archive_write_set_bytes_in_last_block, (A *a, int n), (a, n))
NSL_FN(L, int, archive_write_open_filename, (A *a, const char *name), (a, name))
NSL_FN(L, int, archive_write_header, (A *a, E *e), (a, e))
NSL_FN(L, la_ssize_t, archive_write_data, (A *a, const void *buf, size_t n), (a, buf, n))
// The explorer's embedded data: one gzip stream in memory (raw format, gzip filter)
NSL_FN(L, int, archive_write_set_format_raw, (A *a), (a))
NSL_FN(L, int, archive_write_open_memory, (A *a, void *buf, size_t size, size_t *used), (a, buf, size, used))

// Entries
NSL_FN(L, E *, archive_entry_new, (void), ())
NSL_VOID(L, archive_entry_free, (E *e), (e))
NSL_FN(L, __LA_MODE_T, archive_entry_filetype, (E *e), (e))
NSL_FN(L, __LA_MODE_T, archive_entry_perm, (E *e), (e))
NSL_FN(L, la_int64_t, archive_entry_uid, (E *e), (e))
NSL_FN(L, la_int64_t, archive_entry_gid, (E *e), (e))
NSL_FN(L, la_int64_t, archive_entry_size, (E *e), (e))
NSL_FN(L, int, archive_entry_size_is_set, (E *e), (e))
NSL_FN(L, time_t, archive_entry_mtime, (E *e), (e))
NSL_FN(L, long, archive_entry_mtime_nsec, (E *e), (e))
NSL_FN(L, const char *, archive_entry_pathname, (E *e), (e))
NSL_FN(L, const char *, archive_entry_pathname_utf8, (E *e), (e))
NSL_FN(L, const char *, archive_entry_hardlink, (E *e), (e))
NSL_FN(L, const char *, archive_entry_hardlink_utf8, (E *e), (e))
NSL_FN(L, const char *, archive_entry_symlink, (E *e), (e))
NSL_FN(L, const char *, archive_entry_symlink_utf8, (E *e), (e))
NSL_FN(L, dev_t, archive_entry_rdevmajor, (E *e), (e))
NSL_FN(L, dev_t, archive_entry_rdevminor, (E *e), (e))
NSL_VOID(L, archive_entry_set_filetype, (E *e, unsigned int type), (e, type))
NSL_VOID(L, archive_entry_set_perm, (E *e, __LA_MODE_T mode), (e, mode))
NSL_VOID(L, archive_entry_set_uid, (E *e, la_int64_t id), (e, id))
NSL_VOID(L, archive_entry_set_gid, (E *e, la_int64_t id), (e, id))
NSL_VOID(L, archive_entry_set_size, (E *e, la_int64_t size), (e, size))
NSL_VOID(L, archive_entry_set_mtime, (E *e, time_t sec, long nsec), (e, sec, nsec))
NSL_VOID(L, archive_entry_set_pathname, (E *e, const char *name), (e, name))
NSL_VOID(L, archive_entry_set_hardlink, (E *e, const char *name), (e, name))
NSL_VOID(L, archive_entry_set_symlink, (E *e, const char *name), (e, name))
NSL_VOID(L, archive_entry_set_rdevmajor, (E *e, dev_t major), (e, major))
NSL_VOID(L, archive_entry_set_rdevminor, (E *e, dev_t minor), (e, minor))
NSL_FN(L, int, archive_entry_xattr_reset, (E *e), (e))
NSL_FN(L, int, archive_entry_xattr_next, (E *e, const char **name, const void **value, size_t *size),
       (e, name, value, size))
NSL_VOID(L, archive_entry_xattr_add_entry, (E *e, const char *name, const void *value, size_t size),
         (e, name, value, size))
