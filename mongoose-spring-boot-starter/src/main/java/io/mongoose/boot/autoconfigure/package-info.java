/**
 * Auto-configuration for the Mongoose server: properties, server beans and lifecycles.
 */
@NullMarked
package io.mongoose.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
