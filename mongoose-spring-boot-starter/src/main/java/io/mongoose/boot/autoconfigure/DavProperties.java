package io.mongoose.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * WebDAV, bound to {@code mongoose.dav.*}.
 *
 * @since 0.1.0
 */
public class DavProperties {

	/**
	 * Passwords file protecting the WebDAV methods (PUT, DELETE, MKCOL, PROPFIND); a
	 * .htpasswd over the target applies as well. Unset: WebDAV is off.
	 */
	private @Nullable String authFile;

	/**
	 * Whether WebDAV may create, overwrite or delete files matching the CGI pattern and
	 * .htpasswd files (by default such requests get 403).
	 */
	private boolean allowScriptUpload = false;

	/**
	 * Largest body a WebDAV PUT stores (413 above); it streams to disk, so
	 * limits.max-body-size does not apply.
	 */
	private DataSize maxPutSize = DataSize.ofGigabytes(16);

	public @Nullable String getAuthFile() {
		return this.authFile;
	}

	public void setAuthFile(@Nullable String authFile) {
		this.authFile = authFile;
	}

	public boolean isAllowScriptUpload() {
		return this.allowScriptUpload;
	}

	public void setAllowScriptUpload(boolean allowScriptUpload) {
		this.allowScriptUpload = allowScriptUpload;
	}

	public DataSize getMaxPutSize() {
		return this.maxPutSize;
	}

	public void setMaxPutSize(DataSize maxPutSize) {
		this.maxPutSize = maxPutSize;
	}

}
