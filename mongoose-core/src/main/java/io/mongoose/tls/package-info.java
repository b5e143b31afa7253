/**
 * TLS for {@code s} ports: the {@code SSLContext} and cipher policy, one
 * {@code SSLEngine} per connection as the event loop's {@code Transport}, and PEM key
 * material read with the JDK only.
 */
package io.mongoose.tls;
