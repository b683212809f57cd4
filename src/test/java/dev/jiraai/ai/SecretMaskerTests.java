package dev.jiraai.ai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of secret becomes a placeholder, personal data only when asked, the same
 * value keeps its placeholder, and ordinary ticket text is left exactly as it was.
 */
class SecretMaskerTests {

	private static String masked(String text) {
		return new SecretMasker(true).mask(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-proj-Ab3dE5fG7hI9jK1lM3nO5pQ7", "sk-Ab3dE5fG7hI9jK1lM3nO5pQ7rS9",
			"AKIAIOSFODNN7EXAMPLE", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "xoxb-1234567890-abcdefghijkl",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" })
	void hidesATokenOfAKnownShape(String token) {
		assertThat(masked("The key " + token + " leaked.")).isEqualTo("The key [secret-1] leaked.");
	}

	@Test
	void hidesABearerTokenButKeepsTheScheme() {
		assertThat(masked("Authorization: Bearer abc123DEF456ghi789JKL")).isEqualTo("Authorization: Bearer [secret-1]");
	}

	@Test
	void hidesPasswordValuesButKeepsTheirLabels() {
		assertThat(masked("password=hunter2 and pwd: changeme\nPASSWORD: \"S3cret!\""))
			.isEqualTo("password=[secret-1] and pwd: [secret-2]\nPASSWORD: \"[secret-3]\"");
	}

	@Test
	void aPasswordLabelInASentenceIsNotASecret() {
		String text = "Password: reset flow is broken for new users";

		assertThat(masked(text)).isEqualTo(text);
	}

	@Test
	void hidesAPrivateKeyAsOnePlaceholder() {
		assertThat(masked(
				"Key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nthanks"))
			.isEqualTo("Key:\n[secret-1]\nthanks");
	}

	@Test
	void hidesCredentialsInAConnectionStringButKeepsItsHost() {
		assertThat(masked("DB is postgres://app:s3cr3t@db.internal:5432/pay"))
			.isEqualTo("DB is postgres://[secret-1]@db.internal:5432/pay");
	}

	@Test
	void theSameSecretKeepsItsPlaceholderAcrossTexts() {
		SecretMasker masker = new SecretMasker(true);

		String first = masker.mask("AKIAIOSFODNN7EXAMPLE and ghp_16C7e42F292c6912E7710c838347Ae178B4a");
		String second = masker.mask("again AKIAIOSFODNN7EXAMPLE");

		assertThat(first).isEqualTo("[secret-1] and [secret-2]");
		assertThat(second).isEqualTo("again [secret-1]");
		assertThat(masker.counts()).isEqualTo(new Masked(2, 0, 0));
	}

	@Test
	void hidesEmailsAndPhoneNumbersOnlyWhenAsked() {
		String text = "Call +49 30 1234567 or (555) 123-4567, mail ana.lopez@example.com";

		SecretMasker masker = new SecretMasker(true);
		assertThat(masker.mask(text)).isEqualTo("Call [phone-1] or [phone-2], mail [email-1]");
		assertThat(masker.counts()).isEqualTo(new Masked(0, 1, 2));
		assertThat(new SecretMasker(false).mask(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PAY-42 is blocked by SCRUM-2 since 2026-11-21",
			"Upgrade from 1.2.3 to v2.10.0-rc1, build 20261121.4", "See https://example.com/pay?id=42&step=3#top",
			"https://wiki.example.com:8443/display/PAY/Checkout", "Retry after 500 ms, risk-assessment done, 10.0.0.12",
			"The api key rotation is monthly; secret santa is on Friday", "Run `sk-learn` on ticket 123-456" })
	void leavesOrdinaryTextAlone(String text) {
		SecretMasker masker = new SecretMasker(true);

		assertThat(masker.mask(text)).isEqualTo(text);
		assertThat(masker.counts()).isEqualTo(Masked.NONE);
	}

}
