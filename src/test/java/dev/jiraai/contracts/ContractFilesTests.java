package dev.jiraai.contracts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the vendored contract documents are exactly the published files their README
 * names: every file's sha256 is the one noted there, and no file is added or removed
 * without the README saying so.
 */
class ContractFilesTests {

	/** A row of the README's table: {@code | `file` | source | `sha256` |}. */
	private static final Pattern ROW = Pattern
		.compile("^\\| `([\\w.-]+\\.json)` \\| (\\S+)[^|]* \\| `([0-9a-f]{64})` \\|$", Pattern.MULTILINE);

	@Test
	void eachContractFileHasTheChecksumAndSourceItsReadmeNotes() throws IOException {
		Map<String, String> noted = new TreeMap<>();
		Map<String, String> sources = new TreeMap<>();
		Matcher row = ROW.matcher(Files.readString(ContractSchemas.file("README.md"), StandardCharsets.UTF_8));
		while (row.find()) {
			noted.put(row.group(1), row.group(3));
			sources.put(row.group(1), row.group(2));
		}

		assertThat(noted).containsKeys("jira-platform-openapi.json", "connect-jira-descriptor-schema.json",
				"adf-full-schema.json", "forge-manifest-schema.json");
		assertThat(sources.values()).allSatisfy(source -> assertThat(source).startsWith("https://"));
		assertThat(actualChecksums()).as("sha256 of the files in src/test/resources/contracts").isEqualTo(noted);
	}

	private static Map<String, String> actualChecksums() throws IOException {
		Map<String, String> checksums = new TreeMap<>();
		try (Stream<Path> files = Files.list(ContractSchemas.contractsDir())) {
			for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
				checksums.put(file.getFileName().toString(), sha256(file));
			}
		}
		return checksums;
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
		return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
	}

}
