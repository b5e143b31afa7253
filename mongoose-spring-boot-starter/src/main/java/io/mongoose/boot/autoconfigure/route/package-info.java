/**
 * Annotated routes: scanning {@link io.mongoose.boot.UriHandler @UriHandler} beans'
 * methods into a core {@link io.mongoose.Router}, binding their parameters, writing their
 * return values, and error replies ({@code ProblemDetail} JSON or plain text).
 */
@NullMarked
package io.mongoose.boot.autoconfigure.route;

import org.jspecify.annotations.NullMarked;
