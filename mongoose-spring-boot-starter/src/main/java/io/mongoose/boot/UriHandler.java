package io.mongoose.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean that serves the requests to a path and below it: {@code "/users"} serves
 * {@code /users}, {@code /users/} and {@code /users/...}, never {@code /usersXYZ}. The
 * bean must implement {@link io.mongoose.Handler} (or
 * {@link io.mongoose.WebSocketHandler}, or be a {@link io.mongoose.Router}); it is
 * registered on every server instance with {@link io.mongoose.Server#addPathHandler}, and
 * the longest matching prefix wins. A meta-annotated {@link Component}, so component
 * scanning finds it.
 * <p>
 * Example: <pre>{@code
 * &#64;UriHandler("/hello")
 * class HelloHandler implements Handler {
 *     public Result handle(Connection connection) {
 *         connection.sendReply(200, "text/plain", "Hello!");
 *         return Result.DONE;
 *     }
 * }
 * }</pre> Two beans on the same prefix, an annotated bean that is not a {@code Handler},
 * or a prefix holding a template ({@code "/users/{id}"}: put that in a {@code Router}'s
 * routes) fail start-up.
 * <p>
 * Handlers run on the IO thread, which serves every connection of its server: a handler
 * that blocks (JDBC, file IO, an HTTP client, {@code Thread.sleep}) sets
 * {@link #blocking()} and then runs on the worker executor instead: <pre>{@code
 * &#64;UriHandler(value = "/report", blocking = true)
 * class ReportHandler implements Handler { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface UriHandler {

	/**
	 * URI prefix served by the annotated handler, for example {@code "/api"}; alias for
	 * {@link #prefix()}.
	 * @return the prefix
	 */
	@AliasFor("prefix")
	String value() default "";

	/**
	 * URI prefix served by the annotated handler; alias for {@link #value()}.
	 * @return the prefix
	 */
	@AliasFor("value")
	String prefix() default "";

	/**
	 * Name of the bean; generated from the class name when empty. (The prefix is never
	 * used as the bean name.)
	 * @return the bean name
	 */
	@AliasFor(annotation = Component.class, attribute = "value")
	String name() default "";

	/**
	 * Whether the handler blocks, so that it runs on the worker executor rather than on
	 * the IO thread ({@link io.mongoose.Handler#blocking}).
	 * @return whether the handler blocks
	 */
	boolean blocking() default false;

}
