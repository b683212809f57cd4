package dev.jiraai.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request needed a site and user but carried neither a Connect JWT nor a Forge
 * Invocation Token.
 */
public class NotAuthenticatedException extends ResponseStatusException {

	NotAuthenticatedException() {
		super(HttpStatus.UNAUTHORIZED, "Sign the request with a Connect JWT or a Forge Invocation Token.");
	}

}
