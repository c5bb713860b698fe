#ifndef FEEDSIFT_CSQLITE_SHIM_H
#define FEEDSIFT_CSQLITE_SHIM_H

#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift does not import: it tells
// SQLite to copy bound text and blobs before the call returns.
static inline sqlite3_destructor_type feedsift_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
