/**
 * The public API of the server: {@link io.mongoose.Server}, the
 * {@link io.mongoose.Connection} a handler sees, {@link io.mongoose.Handler},
 * {@link io.mongoose.BodyHandler} (bodies as they arrive, {@link io.mongoose.FileUpload}
 * to disk) and {@link io.mongoose.WebSocketHandler}, the {@link io.mongoose.Router} (its
 * matching in the package-private {@code RouteTemplate} and {@code MountedRouter}), and
 * the helpers users call ({@code Glob}, {@code MimeTypes}, {@code Multipart},
 * {@code PasswordsFile}). The option names, defaults and their validation
 * ({@code Options}, {@code ServerOptions}) are package-private.
 */
package io.mongoose;
