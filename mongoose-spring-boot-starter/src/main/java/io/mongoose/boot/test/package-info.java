/**
 * Test support for applications that run a Mongoose server.
 */
@NullMarked
package io.mongoose.boot.test;

import org.jspecify.annotations.NullMarked;
