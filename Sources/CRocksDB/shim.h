#ifndef C8_CROCKSDB_SHIM_H
#define C8_CROCKSDB_SHIM_H

// The RocksDB C API is plain functions; nothing to wrap yet. Only C8Storage
// imports this module.
#include <rocksdb/c.h>

#endif
