/**
 * Test support for applications that run a Mongoose server: {@code @MongooseHandlerTest}
 * (handlers in memory, no port, a {@code DirectClient} bean), {@code @LocalMongoosePort}.
 */
@NullMarked
package io.mongoose.boot.test;

import org.jspecify.annotations.NullMarked;
