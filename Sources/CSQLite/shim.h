#ifndef FEEDSIFT_CSQLITE_SHIM_H
#define FEEDSIFT_CSQLITE_SHIM_H

#include <sqlite3.h>

#endif
