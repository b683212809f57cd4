package dev.jiraai.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.SimulatedSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frontend's hashed assets are cached by browsers for good and sent compressed to
 * those that accept it; the pages that name them are never cached.
 */
class FrontendAssetsTests extends AppTestSupport {

	private static final String IMMUTABLE = "max-age=31536000, public, immutable";

	private static SimulatedSite site;

	@BeforeEach
	void install() {
		if (site == null) {
			site = installedSite("assets");
		}
	}

	@Test
	void sendsTheGzipCopyOfAHashedAssetToAClientThatAcceptsGzip() throws IOException {
		String asset = precompressedAsset();
		HttpResponse<byte[]> response = getAsset(asset, "gzip, deflate");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
		assertThat(response.headers().allValues("Vary")).contains("Accept-Encoding");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			assertThat(in.readAllBytes()).isEqualTo(getAsset(asset, null).body());
		}
	}

	@Test
	void prefersTheBrotliCopyWhenABrowserAcceptsBoth() {
		HttpResponse<byte[]> response = getAsset(precompressedAsset(), "gzip, deflate, br, zstd");

		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("br");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
	}

	@Test
	void sendsTheAssetAsItIsToAClientThatAcceptsNoEncoding() {
		HttpResponse<byte[]> response = getAsset(precompressedAsset(), null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(response.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
		assertThat(response.headers().allValues("Vary")).contains("Accept-Encoding");
	}

	@Test
	void answersNotFoundForAnUnknownAsset() {
		assertThat(getAsset("nope-00000000.js", "gzip").statusCode()).isEqualTo(404);
	}

	@Test
	void neverCachesThePageThatNamesTheAssets() {
		String path = "/connect/issue-panel?issueKey=SCRUM-1&projectKey=SCRUM";
		String jwt = ConnectJwts.hs256(site.sharedSecret(), site.clientKey(),
				claims -> claims.subject(site.user("Alice")).claim("qsh", ConnectJwts.qsh("GET", path)));
		HttpResponse<String> response = get(path + "&jwt=" + jwt, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	/**
	 * A JavaScript asset the frontend build wrote a {@code .gz} and a {@code .br} for.
	 */
	private static String precompressedAsset() {
		try {
			Resource[] gzipped = new PathMatchingResourcePatternResolver()
				.getResources("classpath:/static/ui/assets/*.js.gz");
			return Arrays.stream(gzipped)
				.map(Resource::getFilename)
				.map(name -> name.substring(0, name.length() - ".gz".length()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No precompressed asset: build the frontend first"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HttpResponse<byte[]> getAsset(String name, String acceptEncoding) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(appBaseUrl() + "/ui/assets/" + name)).GET();
		if (acceptEncoding != null) {
			request.header("Accept-Encoding", acceptEncoding);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
