package io.mongoose.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the Mongoose auto-configuration into a test whose auto-configuration is
 * otherwise off (a test slice): the servers, the registration of
 * {@link io.mongoose.boot.UriHandler @UriHandler} beans, the worker executor, CORS, error
 * pages and the broadcaster, with Jackson, Bean Validation and SSL bundles for them. The
 * list is {@code META-INF/spring/io.mongoose.boot.test.AutoConfigureMongoose.imports}.
 * {@link MongooseHandlerTest @MongooseHandlerTest} includes it; add it to another slice
 * (with {@code mongoose.listen=false} for no port) to serve its handlers too.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureMongoose {

}
