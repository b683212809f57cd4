package dev.jiraai.ai;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * API keys at rest: AES-GCM, bound to their site, rotatable.
 */
class SecretCipherTests {

	private static final String KEY_ONE = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private static final String KEY_TWO = Base64.getEncoder()
		.encodeToString("fedcba9876543210fedcba9876543210".getBytes());

	@Test
	void encryptsSoOnlyTheSameSiteDecrypts() {
		SecretCipher cipher = new SecretCipher(KEY_ONE, List.of());

		String stored = cipher.encrypt("sk-secret", "site-a");

		assertThat(stored).startsWith("v1:").doesNotContain("sk-secret");
		assertThat(cipher.encrypt("sk-secret", "site-a")).as("a fresh nonce each time").isNotEqualTo(stored);
		assertThat(cipher.decrypt(stored, "site-a")).isEqualTo("sk-secret");
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(stored, "site-b"));
	}

	@Test
	void detectsTampering() {
		SecretCipher cipher = new SecretCipher(KEY_ONE, List.of());
		String stored = cipher.encrypt("sk-secret", "site-a");
		char last = stored.charAt(stored.length() - 2);
		String tampered = stored.substring(0, stored.length() - 2) + (last == 'A' ? 'B' : 'A')
				+ stored.charAt(stored.length() - 1);

		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(tampered, "site-a"));
	}

	@Test
	void rotatesKeys() {
		String underOldKey = new SecretCipher(KEY_ONE, List.of()).encrypt("sk-secret", "site-a");
		SecretCipher rotated = new SecretCipher(KEY_TWO, List.of(KEY_ONE));

		assertThat(rotated.decrypt(underOldKey, "site-a")).isEqualTo("sk-secret");
		assertThat(rotated.needsReEncryption(underOldKey)).isTrue();
		String underNewKey = rotated.encrypt(rotated.decrypt(underOldKey, "site-a"), "site-a");
		assertThat(rotated.needsReEncryption(underNewKey)).isFalse();
		assertThat(new SecretCipher(KEY_TWO, List.of()).decrypt(underNewKey, "site-a")).isEqualTo("sk-secret");
		assertThatIllegalStateException()
			.isThrownBy(() -> new SecretCipher(KEY_TWO, List.of()).decrypt(underOldKey, "site-a"))
			.withMessageContaining("JIRA_AI_ENCRYPTION_PREVIOUS_KEYS");
	}

	@Test
	void saysWhatToConfigureWithoutAKey() {
		SecretCipher none = new SecretCipher(null, List.of());

		assertThat(none.canEncrypt()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> none.encrypt("sk", "site-a"))
			.withMessageContaining("JIRA_AI_ENCRYPTION_KEY");
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher("c2hvcnQ=", List.of()))
			.withMessageContaining("32 bytes");
	}

}
