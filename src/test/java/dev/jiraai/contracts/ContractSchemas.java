package dev.jiraai.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.Specification;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.PathType;

/**
 * Validates documents against the Atlassian contract schemas vendored as test resources
 * in {@code src/test/resources/contracts} (the ADF, Connect descriptor and Forge manifest
 * schemas), loading each schema once, on first use, from the classpath only.
 */
public final class ContractSchemas {

	/** Where the contract files sit on the test classpath. */
	private static final String CONTRACTS = "/contracts/";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<Contract, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private ContractSchemas() {
	}

	/**
	 * The directory holding the contract files and their README.
	 * @return the directory on the test classpath ({@code target/test-classes/contracts})
	 * @throws IllegalStateException when it is not on the classpath
	 */
	public static Path contractsDir() {
		return onClasspath("");
	}

	/**
	 * A file in the contracts directory.
	 * @param name the file name, for example {@code adf-full-schema.json}
	 * @return the path of the file
	 * @throws IllegalStateException when the file is not on the classpath
	 */
	public static Path file(String name) {
		return onClasspath(name);
	}

	private static Path onClasspath(String name) {
		URL url = ContractSchemas.class.getResource(CONTRACTS + name);
		if (url == null) {
			throw new IllegalStateException(
					"Contract file '%s' not on the test classpath: it belongs in src/test/resources/contracts"
						.formatted(CONTRACTS + name));
		}
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Contract file '%s' has no usable location".formatted(url), ex);
		}
	}

	/**
	 * Validates an Atlassian Document Format document (a {@code doc} node).
	 * @param document the document
	 * @return the validation errors, each starting with the JSON path of the offending
	 * node (for example {@code $.content: string found, array expected}); empty when the
	 * document is valid
	 */
	public static List<String> adfErrors(JsonNode document) {
		return errors(Contract.ADF, document);
	}

	/**
	 * Validates a Connect descriptor as the app serves it (placeholders resolved), with
	 * format assertions off.
	 * @param descriptor the descriptor
	 * @return the validation errors; empty when the descriptor is valid
	 */
	public static List<String> connectDescriptorErrors(JsonNode descriptor) {
		return errors(Contract.CONNECT_DESCRIPTOR, descriptor);
	}

	/**
	 * Validates a Forge manifest ({@code manifest.yml} parsed into a tree).
	 * @param manifest the manifest
	 * @return the validation errors; empty when the manifest is valid
	 */
	public static List<String> forgeManifestErrors(JsonNode manifest) {
		return errors(Contract.FORGE_MANIFEST, manifest);
	}

	/**
	 * Asserts that a document is valid ADF.
	 * @param document the document
	 * @throws AssertionError listing the validation errors and the document when it is
	 * not valid
	 */
	public static void assertValidAdf(JsonNode document) {
		List<String> errors = adfErrors(document);
		if (!errors.isEmpty()) {
			throw new AssertionError("Expected valid ADF, but found %d schema error(s):%n - %s%nin document:%n%s"
				.formatted(errors.size(), String.join("%n - ".formatted(), errors), document.toPrettyString()));
		}
	}

	private static List<String> errors(Contract contract, JsonNode document) {
		return SCHEMAS.computeIfAbsent(contract, ContractSchemas::load)
			.validate(document)
			.stream()
			.map(Object::toString)
			.toList();
	}

	private static Schema load(Contract contract) {
		Path file = file(contract.fileName);
		JsonNode schemaNode;
		try {
			schemaNode = JSON.readTree(file.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read contract schema '%s'".formatted(file), ex);
		}
		SchemaRegistryConfig config = SchemaRegistryConfig.builder()
			.formatAssertionsEnabled(contract.formatAssertions)
			.locale(Locale.ENGLISH)
			.pathType(PathType.JSON_PATH)
			.build();
		// Only the draft the schema declares: a schema declaring another one fails to
		// load instead of being read
		// differently. Atlassian's documentation keywords (fieldDescription,
		// shortClassName, ...) are annotations.
		Dialect dialect = Dialect.builder(Specification.getDialect(contract.specification))
			.unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
			.build();
		// The schemas only declare well-known meta-schemas (built into the library) and
		// only use local "#/..." refs,
		// so nothing needs loading: refuse every load, so that a schema change can never
		// cause a network fetch.
		SchemaRegistry registry = SchemaRegistry.withDialect(dialect, builder -> builder.schemaRegistryConfig(config)
			.schemaLoader(loader -> loader.fetchRemoteResources(false).allow(iri -> false)));
		Schema schema = registry.getSchema(SchemaLocation.of(file.toUri().toString()), schemaNode);
		// Resolve all refs now, so a broken schema fails here rather than half-way
		// through a validation.
		schema.initializeValidators();
		return schema;
	}

	/**
	 * The contract schemas, with the draft each declares and whether {@code format} is
	 * asserted (as drafts 4 to 7 intend, unless the schema's formats are known to be
	 * wrong).
	 */
	private enum Contract {

		/** The ADF schema's root is a {@code $ref} to {@code #/definitions/doc_node}. */
		ADF("adf-full-schema.json", SpecificationVersion.DRAFT_4, true),

		/**
		 * Format assertions off: the schema marks relative URLs such as
		 * {@code /installed} as {@code uri}.
		 */
		CONNECT_DESCRIPTOR("connect-jira-descriptor-schema.json", SpecificationVersion.DRAFT_4, false),

		FORGE_MANIFEST("forge-manifest-schema.json", SpecificationVersion.DRAFT_7, true);

		private final String fileName;

		private final SpecificationVersion specification;

		private final boolean formatAssertions;

		Contract(String fileName, SpecificationVersion specification, boolean formatAssertions) {
			this.fileName = fileName;
			this.specification = specification;
			this.formatAssertions = formatAssertions;
		}

	}

}
