/**
 * The sample application: a chat room, a WebSocket echo, a JSON messages API, uploads and
 * downloads, and an admin page behind digest authentication, built on the Mongoose
 * starter.
 */
package io.mongoose.sample;
