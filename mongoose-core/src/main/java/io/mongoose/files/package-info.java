/**
 * The built-in pipeline for requests no handler took: mapping a path to a file confined
 * below the document root, index files, directory listings, {@code .htpasswd},
 * conditional and range replies, and the hooks the {@code cgi} and {@code dav} packages
 * plug into.
 */
package io.mongoose.files;
