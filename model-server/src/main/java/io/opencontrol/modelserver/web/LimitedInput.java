package io.opencontrol.modelserver.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that refuses to be read past a limit. {@link RequestBody} already holds
 * a body to the limit as it arrives; this keeps a reader from going past it all the same.
 */
final class LimitedInput extends FilterInputStream {

	private final long limit;

	private long read;

	LimitedInput(InputStream body, long limit) {
		super(body);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int value = super.read();
		if (value >= 0) {
			count(1);
		}
		return value;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, (int) Math.min(length, this.limit - this.read + 1));
		if (n > 0) {
			count(n);
		}
		return n;
	}

	private void count(int n) {
		this.read += n;
		if (this.read > this.limit) {
			throw new RequestTooLarge(this.limit);
		}
	}

	/** Reads exactly {@code n} bytes; fewer means the body was cut short. */
	byte[] readExactly(int n, String what) throws IOException {
		byte[] bytes = this.readNBytes(n);
		if (bytes.length < n) {
			throw new io.opencontrol.modelserver.inference.InvalidInput(
					"the body is truncated: " + what + " needs " + n + " bytes, " + bytes.length + " came");
		}
		return bytes;
	}

}
