package io.mongoose;

/**
 * One request header as received: the name keeps its case, the value has no surrounding
 * white space.
 *
 * @param name the header name
 * @param value the header value
 */
public record Header(String name, String value) {
}
