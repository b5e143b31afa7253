/**
 * Authentication and access: HTTP digest authentication (RFC 7616) with stateless signed
 * nonces, the access control list for client addresses, and the access log.
 */
package io.mongoose.auth;
