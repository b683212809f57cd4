package dev.jiraai.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Proves the ADF validator in {@link ContractSchemas} accepts valid documents and rejects
 * invalid ones, so that the tests relying on
 * {@link ContractSchemas#assertValidAdf(JsonNode)} can trust it.
 */
class AdfSchemaTests {

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void minimalDocumentIsValid() throws JsonProcessingException {
		JsonNode document = this.json.readTree("""
				{"type": "doc", "version": 1, "content": [
					{"type": "paragraph", "content": [{"type": "text", "text": "Hello"}]}
				]}
				""");

		assertThat(ContractSchemas.adfErrors(document)).isEmpty();
		assertThatNoException().isThrownBy(() -> ContractSchemas.assertValidAdf(document));
	}

	@Test
	void documentWithStringContentIsInvalid() throws JsonProcessingException {
		JsonNode document = this.json.readTree("""
				{"type": "doc", "version": 1, "content": "Hello"}
				""");

		assertThat(ContractSchemas.adfErrors(document)).isNotEmpty()
			.anySatisfy((error) -> assertThat(error).startsWith("$.content"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> ContractSchemas.assertValidAdf(document))
			.withMessageContaining("Expected valid ADF")
			.withMessageContaining("$.content");
	}

	@Test
	void paragraphWithMentionIsValid() throws JsonProcessingException {
		JsonNode document = this.json.readTree("""
				{"type": "doc", "version": 1, "content": [
					{"type": "paragraph", "content": [
						{"type": "text", "text": "Over to you, "},
						{"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Alana"}}
					]}
				]}
				""");

		assertThat(ContractSchemas.adfErrors(document)).isEmpty();
	}

	@Test
	void mentionWithoutIdIsInvalid() throws JsonProcessingException {
		JsonNode document = this.json.readTree("""
				{"type": "doc", "version": 1, "content": [
					{"type": "paragraph", "content": [{"type": "mention", "attrs": {"text": "@Alana"}}]}
				]}
				""");

		assertThat(ContractSchemas.adfErrors(document)).isNotEmpty();
	}

	@Test
	void documentWithoutVersionIsInvalid() throws JsonProcessingException {
		JsonNode document = this.json.readTree("""
				{"type": "doc", "content": []}
				""");

		assertThat(ContractSchemas.adfErrors(document)).anySatisfy((error) -> assertThat(error).contains("version"));
	}

}
