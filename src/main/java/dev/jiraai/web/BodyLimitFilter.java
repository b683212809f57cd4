package dev.jiraai.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link WebProperties#maxBodySize()} with 413
 * {@code request-too-large}: at once when {@code Content-Length} says so, and while
 * reading when a chunked body grows past it. First of all filters, so no token check or
 * parser spends time on a body that will be refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final ObjectMapper objectMapper;

	BodyLimitFilter(WebProperties properties, ObjectMapper objectMapper) {
		this.limit = properties.maxBodySize().toBytes();
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			ResponseEntity<ProblemDetail> problem = RequestProblems.tooLarge();
			response.setStatus(problem.getStatusCode().value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			// The unread body is not worth keeping the connection for.
			response.setHeader("Connection", "close");
			this.objectMapper.writeValue(response.getOutputStream(), problem.getBody());
			return;
		}
		chain.doFilter(new Limited(request, this.limit), response);
	}

	/** A body that grew past the limit while it was read (no or a false length). */
	static final class BodyTooLarge extends IOException {

		BodyTooLarge(long limit) {
			super("The request body is over %d bytes".formatted(limit));
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		Counting(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLarge {
			this.read += n;
			if (this.read > this.limit) {
				throw new BodyTooLarge(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
