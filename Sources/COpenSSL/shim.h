#ifndef C8_COPENSSL_SHIM_H
#define C8_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

// Function-like macros of OpenSSL 3 that Swift cannot import. Only C8Net
// (and the crypto helpers beside it) import this module.
static inline long c8_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long c8_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static inline int c8_TLS1_2_VERSION(void) { return TLS1_2_VERSION; }
static inline const char *c8_OpenSSL_version_text(void) { return OpenSSL_version(OPENSSL_VERSION); }

#endif
