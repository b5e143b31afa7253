package io.mongoose.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice of an application's handlers, without a port: only the Mongoose
 * auto-configuration ({@link AutoConfigureMongoose}: the server, the registration of
 * handlers, the worker executor, CORS, error pages, the broadcaster, with Jackson and
 * Bean Validation), and of the application's components only the
 * {@link io.mongoose.boot.UriHandler @UriHandler} beans (or the {@link #handlers()}
 * named) and the starter's callbacks ({@code MongooseServerCustomizer},
 * {@code MongooseErrorHandler}, {@code RequestListener}, {@code RequestObserver}), as
 * {@code @WebMvcTest} does for controllers. Services, repositories, a {@code DataSource}
 * or Redis are not there: provide what the handlers need with {@code @Import} (a real
 * bean), {@code @TestConfiguration} or {@code @MockitoBean}, and more auto-configuration
 * with {@code @ImportAutoConfiguration}.
 * <p>
 * {@code mongoose.listen=false}: the IO threads run, no socket is bound. The
 * {@link io.mongoose.DirectClient} bean sends requests (and opens WebSockets) to the
 * first server in memory, through the same parser, routing, handlers, error pages and
 * reply writer as a request from the network.
 *
 * <pre>
 * &#64;MongooseHandlerTest(HelloHandler.class)
 * &#64;Import(GreetingService.class)
 * class HelloTests {
 *
 *     &#64;Autowired DirectClient client;
 *
 *     &#64;Test void hello() { assertThat(client.get("/hello").status()).isEqualTo(200); }
 *
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(MongooseHandlerTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(MongooseHandlerTypeExcludeFilter.class)
@AutoConfigureMongoose
@ImportAutoConfiguration
@TestPropertySource(properties = "mongoose.listen=false")
@Import(DirectClientConfiguration.class)
public @interface MongooseHandlerTest {

	/**
	 * Properties in {@code key=value} form added to the environment.
	 * @return the properties
	 */
	String[] properties() default {};

	/**
	 * The handler classes to test; alias for {@link #handlers()}.
	 * @return the handlers
	 */
	@AliasFor("handlers")
	Class<?>[] value() default {};

	/**
	 * The handler classes to test: only these of the application's {@code @UriHandler}
	 * beans are in the context. Empty: all of them.
	 * @return the handlers
	 */
	@AliasFor("value")
	Class<?>[] handlers() default {};

	/**
	 * The configuration classes to start from, as {@code @SpringBootTest(classes = ...)};
	 * empty: the {@code @SpringBootConfiguration} found above the test's package. Their
	 * component scanning is filtered as described above.
	 * @return the classes
	 */
	Class<?>[] classes() default {};

	/**
	 * Whether the slice's filter applies to component scanning: {@code false} scans only
	 * what {@link #includeFilters()} admit.
	 * @return whether the default filters apply
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Include filters: components added to the slice.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Exclude filters: components the slice would otherwise scan.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configuration not to apply in this test.
	 * @return the auto-configuration classes
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
