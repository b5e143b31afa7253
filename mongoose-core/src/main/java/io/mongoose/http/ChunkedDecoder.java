package io.mongoose.http;

/**
 * De-chunks a request body in place in the receive buffer: each chunk's data is moved
 * down to follow the previous one, so the handler sees one contiguous body. The outbound
 * client de-chunks response bodies with it too. Chunk extensions are checked against
 * their grammar, then dropped with the trailers. A chunk's data is passed on as it
 * arrives (a streamed body never needs a whole chunk in the buffer); {@link #restart}
 * lets the caller consume what was decoded so far.
 */
public final class ChunkedDecoder {

	private static final int MAX_LINE = 4096;

	private int rawPos;

	private int decodedEnd;

	private boolean done;

	/** Data bytes of the current chunk still to come, then its CRLF. */
	private long chunkLeft;

	private boolean crlfDue;

	/** Bytes decoded before the last {@link #restart}. */
	private long consumed;

	public void start(int bodyStart) {
		this.rawPos = bodyStart;
		this.decodedEnd = bodyStart;
		this.done = false;
		this.chunkLeft = 0;
		this.crlfDue = false;
		this.consumed = 0;
	}

	/**
	 * The caller took the decoded bytes and removed everything before {@link #rawEnd}
	 * from the buffer: decoding goes on at {@code bodyStart}, the body's size so far
	 * still counted against the limit.
	 */
	void restart(int bodyStart) {
		this.consumed += this.decodedEnd - bodyStart;
		this.rawPos = bodyStart;
		this.decodedEnd = bodyStart;
	}

	/** Decoded body ends here (exclusive). */
	public int decodedEnd() {
		return this.decodedEnd;
	}

	/**
	 * Raw input consumed up to here; bytes in {@code [decodedEnd, rawEnd)} are garbage.
	 */
	public int rawEnd() {
		return this.rawPos;
	}

	/**
	 * Decodes what has arrived.
	 * @return true once the last chunk and the trailers are in
	 * @throws HttpError 400 on bad chunk syntax, 413 when the body outgrows
	 * {@code maxBody}
	 */
	public boolean decode(byte[] buf, int length, int bodyStart, long maxBody) throws HttpError {
		while (!this.done) {
			if (this.chunkLeft > 0) {
				int n = (int) Math.min(this.chunkLeft, length - this.rawPos);
				System.arraycopy(buf, this.rawPos, buf, this.decodedEnd, n);
				this.decodedEnd += n;
				this.rawPos += n;
				this.chunkLeft -= n;
				if (this.chunkLeft > 0) {
					return false;
				}
			}
			if (this.crlfDue) {
				if (length - this.rawPos < 2) {
					return false;
				}
				if (buf[this.rawPos] != '\r' || buf[this.rawPos + 1] != '\n') {
					throw new HttpError(400, "chunk data not followed by CRLF");
				}
				this.rawPos += 2;
				this.crlfDue = false;
			}
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
			if (this.consumed + this.decodedEnd - bodyStart + size > maxBody) {
				throw new HttpError(413, "chunked body larger than " + maxBody + " bytes");
			}
			this.rawPos = lf + 1;
			this.chunkLeft = size;
			this.crlfDue = true;
		}
		return true;
	}

	/**
	 * {@code chunk-size [ chunk-ext ] CRLF} exactly as RFC 9112 §7.1.1 writes it: leading
	 * zeros are fine while the value fits, white space only around an extension's
	 * {@code ;} and {@code =}. Lenient readings of this line are how front ends and
	 * servers come to disagree on a body.
	 */
	private static long chunkSize(byte[] buf, int start, int lf) throws HttpError {
		if (lf == start || buf[lf - 1] != '\r') {
			throw new HttpError(400, "chunk size line not ended by CRLF");
		}
		int end = lf - 1;
		int i = start;
		while (i < end && buf[i] == '0') {
			i++;
		}
		long size = 0;
		for (; i < end; i++) {
			int digit = hexDigit(buf[i]);
			if (digit < 0) {
				break;
			}
			if (size >>> 56 != 0) {
				throw new HttpError(400, "chunk size too large");
			}
			size = (size << 4) | digit;
		}
		if (i == start) {
			throw new HttpError(400, "missing chunk size");
		}
		if (i < end) {
			extensions(buf, i, end);
		}
		return size;
	}

	/**
	 * {@code *( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )} filling
	 * {@code [i, end)}.
	 */
	private static void extensions(byte[] buf, int i, int end) throws HttpError {
		while (i < end) {
			i = skipBws(buf, i, end);
			if (i == end || buf[i] != ';') {
				throw new HttpError(400, "invalid chunk size or extension");
			}
			i = skipBws(buf, i + 1, end);
			int name = i;
			i = skipToken(buf, i, end);
			if (i == name) {
				throw new HttpError(400, "chunk extension without a name");
			}
			int afterName = i;
			i = skipBws(buf, i, end);
			if (i == end || buf[i] != '=') {
				if (i != afterName && i == end) {
					throw new HttpError(400, "white space at the end of a chunk extension");
				}
				continue;
			}
			i = skipBws(buf, i + 1, end);
			if (i < end && buf[i] == '"') {
				i = skipQuoted(buf, i + 1, end);
			}
			else {
				int value = i;
				i = skipToken(buf, i, end);
				if (i == value) {
					throw new HttpError(400, "chunk extension without a value after '='");
				}
			}
		}
	}

	private static int skipBws(byte[] buf, int i, int end) {
		while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
			i++;
		}
		return i;
	}

	private static int skipToken(byte[] buf, int i, int end) {
		while (i < end && RequestParser.isTchar(buf[i])) {
			i++;
		}
		return i;
	}

	/**
	 * Index after the closing quote of a quoted-string whose opening quote is before
	 * {@code i}.
	 */
	private static int skipQuoted(byte[] buf, int i, int end) throws HttpError {
		while (i < end) {
			int b = buf[i] & 0xff;
			if (b == '"') {
				return i + 1;
			}
			if (b == '\\') {
				i++;
				if (i == end) {
					break;
				}
				b = buf[i] & 0xff;
				if ((b < 0x20 && b != '\t') || b == 0x7f) {
					throw new HttpError(400, "invalid escape in a chunk extension");
				}
			}
			else if ((b < 0x20 && b != '\t') || b == 0x7f) {
				throw new HttpError(400, "control character in chunk extension");
			}
			i++;
		}
		throw new HttpError(400, "unterminated quoted string in chunk extension");
	}

	private static int hexDigit(byte b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		int lower = b | 0x20;
		return (lower >= 'a' && lower <= 'f') ? lower - 'a' + 10 : -1;
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
