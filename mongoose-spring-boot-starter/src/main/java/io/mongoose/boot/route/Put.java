package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * A method of a {@link io.mongoose.boot.UriHandler @UriHandler} bean that serves
 * {@code PUT} requests on a path template below the bean's prefix; see {@link Route}.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Route(method = "PUT")
public @interface Put {

	/**
	 * Path template below the bean's prefix, for example {@code "/{id}"}; empty for the
	 * prefix itself.
	 * @return the template
	 */
	@AliasFor(annotation = Route.class, attribute = "path")
	String value() default "";

	/**
	 * Whether the method blocks, so that it runs on the worker executor.
	 * @return whether the method blocks
	 */
	@AliasFor(annotation = Route.class)
	boolean blocking() default false;

}
