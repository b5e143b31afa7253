package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The status of a reply. On a route method: the status of its successful replies
 * ({@code 200} without it), for example {@code @Status(201)} on a method that creates. On
 * an exception class: the status of the error reply when a route method throws it (or its
 * {@code CompletionStage} completes with it); the reply's detail is {@link #reason()},
 * else the exception's message below {@code 500}.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Status {

	/**
	 * The status code, for example {@code 404}.
	 * @return the status code
	 */
	int value();

	/**
	 * For an exception: the detail of the error reply; its message when empty.
	 * @return the detail
	 */
	String reason() default "";

}
