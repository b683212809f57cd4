package dev.jiraai.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue and project keys: one shape each, checked when a value becomes a key, and plain
 * strings on the wire.
 */
class KeysTests {

	private static final ObjectMapper json = new ObjectMapper();

	record Carrier(IssueKey issue, ProjectKey project) {
	}

	@Test
	void keysAreStringsOnTheWire() throws Exception {
		Carrier carrier = new Carrier(IssueKey.of("PAY-42"), ProjectKey.of("PAY"));

		String written = json.writeValueAsString(carrier);

		assertThat(written).isEqualTo("{\"issue\":\"PAY-42\",\"project\":\"PAY\"}");
		assertThat(json.readValue(written, Carrier.class)).isEqualTo(carrier);
	}

	@Test
	void aMalformedKeyIsRefusedNamingWhatAKeyLooksLike() {
		assertThatExceptionOfType(InvalidKey.class).isThrownBy(() -> IssueKey.of("pay-42"))
			.withMessage("'pay-42' is not an issue key (like PAY-42)");
		assertThatExceptionOfType(InvalidKey.class).isThrownBy(() -> IssueKey.of("PAY-0"));
		assertThatExceptionOfType(InvalidKey.class).isThrownBy(() -> IssueKey.of(null));
		assertThatExceptionOfType(InvalidKey.class).isThrownBy(() -> ProjectKey.of("lower"))
			.satisfies(ex -> assertThat(ex.expected()).isEqualTo("a project key (like PAY)"));
		assertThatExceptionOfType(ValueInstantiationException.class)
			.isThrownBy(() -> json.readValue("{\"issue\":\"PAY 42\"}", Carrier.class))
			.withRootCauseInstanceOf(InvalidKey.class);
	}

}
