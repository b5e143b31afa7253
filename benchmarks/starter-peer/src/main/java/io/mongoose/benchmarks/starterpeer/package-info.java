/**
 * The start-up benchmark's Spring Boot application on the Mongoose starter.
 */
package io.mongoose.benchmarks.starterpeer;
