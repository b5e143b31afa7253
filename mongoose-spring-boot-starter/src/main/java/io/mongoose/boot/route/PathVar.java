package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route parameter to a {@code {name}} capture of its template
 * ({@link io.mongoose.Connection#pathVariable}), converted to the parameter's type; a
 * value that does not convert is a {@code 400}. A name the template does not capture
 * fails start-up.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathVar {

	/**
	 * The capture's name; the parameter's name when empty (the starter's build compiles
	 * with {@code -parameters}; yours must too, or name it here).
	 * @return the name
	 */
	String value() default "";

}
