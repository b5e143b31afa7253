package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route parameter to the request body: a {@code byte[]} as received, a
 * {@code String} decoded as UTF-8, any other type read as JSON with Boot's
 * {@code JsonMapper} (then the request must be {@code application/json} or {@code +json},
 * else {@code 415}; a body that does not read is a {@code 400}). With
 * {@code jakarta.validation.Valid} the value is validated: violations are a {@code 400}
 * listing the fields.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Body {

	/**
	 * Whether an empty body is a {@code 400}; when not required the parameter is
	 * {@code null}.
	 * @return whether a body is required
	 */
	boolean required() default true;

}
