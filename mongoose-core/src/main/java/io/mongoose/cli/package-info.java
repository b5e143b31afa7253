/**
 * The stand-alone launcher:
 * {@code java -jar mongoose-core.jar [config] [-option value ...]}, its configuration
 * file and command line, and {@code -A} for editing a passwords file.
 */
package io.mongoose.cli;
