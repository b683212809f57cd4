package dev.jiraai.ai;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (per-site API keys) with AES-256-GCM.
 * <p>
 * A ciphertext reads {@code v1:<key id>:<base64 of nonce and ciphertext>}; the key id is
 * derived from the key, so a rotated configuration (a new active key, the old ones kept
 * as previous keys) still decrypts what the old keys wrote until
 * {@link #needsReEncryption} rows are rewritten. The site's client key is bound in as
 * associated data: a ciphertext copied to another site's row does not decrypt.
 */
public final class SecretCipher {

	private static final String VERSION = "v1";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String activeKeyId;

	private final Map<String, SecretKeySpec> keys;

	/**
	 * @param activeKey the base64 key new secrets are encrypted with (32 bytes), or
	 * {@code null} when none is configured (then nothing can be encrypted)
	 * @param previousKeys base64 keys that only decrypt, kept while rows are rotated
	 */
	public SecretCipher(String activeKey, List<String> previousKeys) {
		Map<String, SecretKeySpec> all = new LinkedHashMap<>();
		String active = null;
		if (activeKey != null && !activeKey.isBlank()) {
			SecretKeySpec key = key(activeKey);
			active = keyId(key);
			all.put(active, key);
		}
		for (String previous : previousKeys) {
			if (previous != null && !previous.isBlank()) {
				SecretKeySpec key = key(previous);
				all.putIfAbsent(keyId(key), key);
			}
		}
		this.activeKeyId = active;
		this.keys = Map.copyOf(all);
	}

	/** Whether secrets can be encrypted (an active key is configured). */
	public boolean canEncrypt() {
		return this.activeKeyId != null;
	}

	/**
	 * Encrypts a secret for a site.
	 * @throws IllegalStateException when no encryption key is configured
	 */
	public String encrypt(String plaintext, String clientKey) {
		if (!canEncrypt()) {
			throw new IllegalStateException("No encryption key: set JIRA_AI_ENCRYPTION_KEY (32 random bytes, base64)");
		}
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(clientKey.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return VERSION + ":" + this.activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	/**
	 * Decrypts a secret of a site.
	 * @throws IllegalStateException when the key it was written with is not configured,
	 * or it was tampered with or belongs to another site
	 */
	public String decrypt(String ciphertext, String clientKey) {
		String[] parts = ciphertext.split(":", 3);
		if (parts.length != 3 || !VERSION.equals(parts[0])) {
			throw new IllegalStateException("Not a secret this app encrypted");
		}
		SecretKeySpec key = this.keys.get(parts[1]);
		if (key == null) {
			throw new IllegalStateException(
					("The secret was encrypted with key '%s', which is not configured: add it to "
							+ "JIRA_AI_ENCRYPTION_PREVIOUS_KEYS")
						.formatted(parts[1]));
		}
		try {
			byte[] in = Base64.getDecoder().decode(parts[2]);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			cipher.updateAAD(clientKey.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored secret does not decrypt (tampered, or not this site's)", ex);
		}
	}

	/** Whether a ciphertext was written with a key other than the active one. */
	public boolean needsReEncryption(String ciphertext) {
		String[] parts = ciphertext.split(":", 3);
		return canEncrypt() && (parts.length != 3 || !this.activeKeyId.equals(parts[1]));
	}

	private static SecretKeySpec key(String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("An encryption key must be base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException(
					"An encryption key must be 32 bytes (AES-256), base64; got %d bytes".formatted(bytes.length));
		}
		return new SecretKeySpec(bytes, "AES");
	}

	private static String keyId(SecretKeySpec key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
