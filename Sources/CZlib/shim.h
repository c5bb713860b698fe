#ifndef FEEDSIFT_CZLIB_SHIM_H
#define FEEDSIFT_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_ that passes the library
// version and stream size; Swift cannot call macros.
static inline int feedsift_deflate_init_gzip(z_streamp stream, int level) {
    // windowBits 15 + 16 selects the gzip wrapper (RFC 1952).
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif
