/**
 * Test support for applications that run a Mongoose server: {@code @MongooseHandlerTest}
 * (a test slice of the handlers, in memory, no port, a {@code DirectClient} bean),
 * {@code @AutoConfigureMongoose} (its auto-configuration, for other slices),
 * {@code @LocalMongoosePort}.
 */
@NullMarked
package io.mongoose.boot.test;

import org.jspecify.annotations.NullMarked;
