#ifndef FEEDSIFT_CMALLOC_SHIM_H
#define FEEDSIFT_CMALLOC_SHIM_H

// glibc's allocator controls (mallopt, mallinfo2, malloc_trim), which the
// Glibc module does not import. Part of the C library: nothing to link.
#include <malloc.h>

#endif
