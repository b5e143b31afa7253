package io.mongoose.boot.route;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method of a {@link io.mongoose.boot.UriHandler @UriHandler} bean that serves one
 * method and path template below the bean's prefix, through the core's
 * {@link io.mongoose.Router}. {@link Get @Get}, {@link Post @Post}, {@link Put @Put},
 * {@link Patch @Patch} and {@link Delete @Delete} are the short forms.
 * <p>
 * Example: <pre>{@code
 * &#64;UriHandler("/users")
 * class Users {
 *     &#64;Get("/{id}")
 *     User get(@PathVar long id) { ... }                   // JSON
 *
 *     &#64;Post
 *     &#64;Status(201)
 *     User create(@Valid @Body NewUser user) { ... }
 * }
 * }</pre> Parameters are bound from {@link PathVar path variables}, {@link Query query
 * parameters}, {@link HeaderField header fields}, the {@link Body body}, or are the
 * {@link io.mongoose.Connection}; strings are converted through Spring's
 * {@code ConversionService}. The return value is the reply: nothing ({@code void} or
 * {@code null}: the method replied itself through the {@code Connection}, else
 * {@code 204}), a {@code String} (text), a {@code byte[]}, a
 * {@link io.mongoose.Handler.Result}, an {@code Optional} (empty: {@code 404}), any other
 * object (JSON), or a {@code CompletionStage} of those, which replies when it completes.
 * A template that does not build, a parameter that cannot be bound, or two methods on the
 * same route fail start-up naming the bean.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Route {

	/**
	 * The HTTP method, for example {@code "GET"}.
	 * @return the method
	 */
	String method();

	/**
	 * Path template below the bean's prefix: {@code {name}} captures one segment, a
	 * trailing {@code {*rest}} the rest; empty for the prefix itself.
	 * @return the template
	 */
	String path() default "";

	/**
	 * Whether the method blocks (JDBC, file IO, an HTTP client), so that it runs on the
	 * worker executor rather than on the IO thread; {@code @UriHandler(blocking = true)}
	 * makes every route of the bean blocking.
	 * @return whether the method blocks
	 */
	boolean blocking() default false;

}
