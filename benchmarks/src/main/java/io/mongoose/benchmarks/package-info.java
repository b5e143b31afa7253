/**
 * {@code HelloServer}: the core alone, answering the load scripts' requests beside other
 * servers. The JMH micro-benchmarks live in the packages of the code they measure
 * ({@code io.mongoose.http}, {@code io.mongoose.ws}), whose package documentation is the
 * core's.
 */
package io.mongoose.benchmarks;
