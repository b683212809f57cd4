package dev.jiraai.ai;

/**
 * A prompt could not be loaded or rendered: a missing variable, an unknown prompt, a
 * malformed file.
 */
public class PromptException extends RuntimeException {

	PromptException(String message) {
		super(message);
	}

	PromptException(String message, Throwable cause) {
		super(message, cause);
	}

}
