/**
 * Annotated routes on {@link io.mongoose.boot.UriHandler @UriHandler} beans:
 * {@link io.mongoose.boot.route.Get @Get}, {@link io.mongoose.boot.route.Post @Post} and
 * the other method annotations, the parameter bindings,
 * {@link io.mongoose.boot.route.Status @Status} and
 * {@link io.mongoose.boot.route.MongooseException}.
 */
@NullMarked
package io.mongoose.boot.route;

import org.jspecify.annotations.NullMarked;
