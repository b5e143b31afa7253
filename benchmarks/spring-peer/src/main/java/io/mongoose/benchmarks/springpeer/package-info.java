/**
 * The Spring Boot peer of the benchmarks: Spring MVC on the embedded Tomcat with Boot's
 * defaults.
 */
package io.mongoose.benchmarks.springpeer;
