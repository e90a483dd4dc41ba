// SHA-256 of image blobs and layers: nettle, the library libarchive already links on
// Debian (nettle_sha256_*; the header's sha256_* names are macros and do not import).
#include <nettle/sha2.h>
