package io.mongoose.boot.sliceapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application laid out as applications are, one class per component, for the tests of
 * what a {@code @MongooseHandlerTest} slice holds (they live in this package and find it
 * as their {@code @SpringBootConfiguration}): handlers, a service one of them needs, a
 * service none needs, and the starter's callbacks. (Components nested in the application
 * class would be registered with it, whatever the slice's filter says.)
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SliceApplication {

}
