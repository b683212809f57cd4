package dev.jiraai.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose (small) body was read up front, so a filter can look at a lifecycle
 * payload and the library's controller can still read it afterwards.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private BufferedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	/**
	 * Reads at most {@code limit} bytes of the body.
	 * @return the wrapped request, or {@code null} when the body is larger than the limit
	 */
	static BufferedBodyRequest read(HttpServletRequest request, int limit) throws IOException {
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit + 1);
			return (body.length > limit) ? null : new BufferedBodyRequest(request, body);
		}
	}

	byte[] body() {
		return this.body.clone();
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {
			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return in.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("Lifecycle bodies are read synchronously");
			}
		};
	}

	@Override
	public java.io.BufferedReader getReader() {
		return new java.io.BufferedReader(
				new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
	}

}
