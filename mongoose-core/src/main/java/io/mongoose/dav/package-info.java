/**
 * WebDAV: PUT, DELETE, MKCOL and PROPFIND on the document root, behind
 * {@code dav_auth_file}.
 */
package io.mongoose.dav;
