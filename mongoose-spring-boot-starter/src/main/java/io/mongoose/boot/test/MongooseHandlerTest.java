package io.mongoose.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of an application's handlers without a port: starts the application context as
 * {@link SpringBootTest @SpringBootTest} does, with {@code mongoose.listen=false} (the IO
 * threads run, no socket is bound), and provides an {@link io.mongoose.DirectClient} bean
 * that sends requests to the first server in memory, through the same parser, routing,
 * handlers, error pages and reply writer as a request from the network.
 *
 * <pre>{@code
 * &#64;MongooseHandlerTest
 * class HelloTests {

 *     &#64;Autowired DirectClient client;
 *
&#64;Test void hello() { assertThat(client.get("/hello").status()).isEqualTo(200); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
@TestPropertySource(properties = "mongoose.listen=false")
@Import(DirectClientConfiguration.class)
public @interface MongooseHandlerTest {

	/**
	 * Properties in {@code key=value} form added to the environment.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

	/**
	 * The component classes that make the context, as {@link SpringBootTest#classes()}.
	 * @return the classes
	 */
	@AliasFor(annotation = SpringBootTest.class)
	Class<?>[] classes() default {};

}
