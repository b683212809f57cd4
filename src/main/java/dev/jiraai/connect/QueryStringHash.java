package dev.jiraai.connect;

import java.security.NoSuchAlgorithmException;

import com.atlassian.connect.spring.internal.jwt.CanonicalHttpServletRequest;
import com.atlassian.connect.spring.internal.jwt.HttpRequestCanonicalizer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Connect query string hash ({@code qsh}) of an incoming request, computed as the
 * library does, for the checks this app adds.
 */
final class QueryStringHash {

	private QueryStringHash() {
	}

	static String of(HttpServletRequest request) {
		try {
			return HttpRequestCanonicalizer.computeCanonicalRequestHash(new CanonicalHttpServletRequest(request));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
