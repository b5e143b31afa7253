package io.mongoose.http;

/**
 * De-chunks a request body in place in the receive buffer: each chunk's data is moved down to
 * follow the previous one, so the handler sees one contiguous body. Chunk extensions and
 * trailers are read and dropped.
 */
final class ChunkedDecoder {

	private static final int MAX_LINE = 4096;

	private int rawPos;

	private int decodedEnd;

	private boolean done;

	void start(int bodyStart) {
		this.rawPos = bodyStart;
		this.decodedEnd = bodyStart;
		this.done = false;
	}

	/** Decoded body ends here (exclusive). */
	int decodedEnd() {
		return this.decodedEnd;
	}

	/** Raw input consumed up to here; bytes in {@code [decodedEnd, rawEnd)} are garbage. */
	int rawEnd() {
		return this.rawPos;
	}

	/**
	 * Decodes what has arrived.
	 * @return true once the last chunk and the trailers are in
	 * @throws HttpError 400 on bad chunk syntax, 413 when the body outgrows {@code maxBody}
	 */
	boolean decode(byte[] buf, int length, int bodyStart, long maxBody) throws HttpError {
		while (!this.done) {
			int lf = indexOfLf(buf, this.rawPos, length);
			if (lf < 0) {
				if (length - this.rawPos > MAX_LINE) {
					throw new HttpError(400, "chunk size line too long");
				}
				return false;
			}
			if (lf - this.rawPos > MAX_LINE) {
				throw new HttpError(400, "chunk size line too long");
			}
			long size = chunkSize(buf, this.rawPos, lf);
			if (size == 0) {
				int end = trailersEnd(buf, lf + 1, length);
				if (end < 0) {
					return false;
				}
				this.rawPos = end;
				this.done = true;
				break;
			}
			if (this.decodedEnd - bodyStart + size > maxBody) {
				throw new HttpError(413, "chunked body larger than " + maxBody + " bytes");
			}
			int dataStart = lf + 1;
			long dataEnd = dataStart + size;
			if (dataEnd + 2 > length) {
				return false;
			}
			int end = (int) dataEnd;
			if (buf[end] != '\r' || buf[end + 1] != '\n') {
				throw new HttpError(400, "chunk data not followed by CRLF");
			}
			System.arraycopy(buf, dataStart, buf, this.decodedEnd, (int) size);
			this.decodedEnd += (int) size;
			this.rawPos = end + 2;
		}
		return true;
	}

	private static long chunkSize(byte[] buf, int start, int lf) throws HttpError {
		if (lf == start || buf[lf - 1] != '\r') {
			throw new HttpError(400, "chunk size line not ended by CRLF");
		}
		int end = lf - 1;
		long size = 0;
		int i = start;
		for (; i < end; i++) {
			int digit = Character.digit(buf[i], 16);
			if (digit < 0) {
				break;
			}
			if (i - start == 15) {
				throw new HttpError(400, "chunk size too large");
			}
			size = (size << 4) | digit;
		}
		if (i == start) {
			throw new HttpError(400, "missing chunk size");
		}
		while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
			i++;
		}
		if (i < end && buf[i] != ';') {
			throw new HttpError(400, "invalid chunk size");
		}
		for (; i < end; i++) {
			if (buf[i] == '\r' || (buf[i] < 0x20 && buf[i] != '\t') || buf[i] == 0x7f) {
				throw new HttpError(400, "control character in chunk extension");
			}
		}
		return size;
	}

	/** End of the trailer section (after its blank line), or -1 if incomplete. */
	private static int trailersEnd(byte[] buf, int pos, int length) throws HttpError {
		while (true) {
			int lf = indexOfLf(buf, pos, length);
			if (lf < 0) {
				if (length - pos > MAX_LINE) {
					throw new HttpError(400, "trailer line too long");
				}
				return -1;
			}
			if (lf == pos || buf[lf - 1] != '\r') {
				throw new HttpError(400, "trailer line not ended by CRLF");
			}
			if (lf - pos > MAX_LINE) {
				throw new HttpError(400, "trailer line too long");
			}
			if (lf == pos + 1) {
				return lf + 1;
			}
			pos = lf + 1;
		}
	}

	private static int indexOfLf(byte[] buf, int from, int to) {
		for (int i = from; i < to; i++) {
			if (buf[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
