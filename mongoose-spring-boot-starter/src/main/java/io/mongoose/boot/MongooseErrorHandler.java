package io.mongoose.boot;

import io.mongoose.Handler;

/**
 * A {@link Handler} bean that is wired as the HTTP error handler of every server
 * ({@link io.mongoose.Server#setHttpErrorHandler}):
 * {@link io.mongoose.Connection#statusCode()} holds the error; return
 * {@link Handler.Result#DONE} after writing a reply, or
 * {@link Handler.Result#NOT_HANDLED} for the default page.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MongooseErrorHandler extends Handler {

}
