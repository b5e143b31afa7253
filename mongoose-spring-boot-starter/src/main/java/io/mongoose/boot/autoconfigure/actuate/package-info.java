/**
 * Every exposed Actuator web endpoint served by Mongoose itself, for applications without
 * Spring MVC or WebFlux.
 */
@NullMarked
package io.mongoose.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
