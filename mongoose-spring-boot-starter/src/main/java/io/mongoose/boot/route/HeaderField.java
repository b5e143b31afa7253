package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route parameter to a request header field (the first with that name,
 * case-insensitive), converted to the parameter's type. A missing required parameter or a
 * value that does not convert is a {@code 400}.
 *
 * @since 0.1.0
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HeaderField {

	/**
	 * The header's name, for example {@code "X-Request-Id"}; the parameter's name when
	 * empty.
	 * @return the name
	 */
	String value() default "";

	/**
	 * Whether a request without it is a {@code 400}; when not required the parameter is
	 * {@code null} (an empty {@code Optional} for {@code Optional}), or
	 * {@link #defaultValue()}.
	 * @return whether the parameter is required
	 */
	boolean required() default true;

	/**
	 * The value used when the parameter is absent; setting it makes it optional.
	 * @return the default, as text
	 */
	String defaultValue() default "";

}
