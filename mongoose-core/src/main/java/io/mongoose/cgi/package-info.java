/**
 * CGI scripts: the command line and environment of a script, and the process whose output
 * is pumped back to the client through the IO thread.
 */
package io.mongoose.cgi;
