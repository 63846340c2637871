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
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/ec.h>

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

// TLS transport (C8Net/TLS): options and modes are bit macros built with
// SSL_OP_BIT, which Swift does not import.
static inline uint64_t c8_SSL_OP_server_hardening(void) {
    return SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE;
}
static inline uint64_t c8_SSL_OP_client_hardening(void) {
    return SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION;
}
static inline long c8_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
static inline long c8_SSL_MODE_RELEASE_BUFFERS(void) { return SSL_MODE_RELEASE_BUFFERS; }
static inline int c8_MBSTRING_ASC(void) { return MBSTRING_ASC; }

// Linux readiness APIs for C8Net's event loops. Swift's Glibc module does
// not export <sys/epoll.h> or <sys/eventfd.h>, and C8Net is this module's
// only Swift importer besides C8Crypto, so they ride here rather than in a
// module of their own.
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

#endif
