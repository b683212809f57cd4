package dev.jiraai.confirm;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.problem.FieldPath;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Proposal payloads as their handlers' records: read from JSON (a feature's proposal, a
 * user's edit, a stored row), checked with Bean Validation and the handler's own check,
 * and written back as the JSON that is stored and shown. Reading is strict: a field the
 * record does not have is refused, so what the user sees is exactly what is carried out.
 */
@Component
class ProposalPayloads {

	private final ObjectMapper json;

	private final Validator validator;

	ProposalPayloads(ObjectMapper json, Validator validator) {
		this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.validator = validator;
	}

	/**
	 * The payload as the handler's record.
	 * @param payload the record itself, or its JSON
	 * @throws InvalidProposalPayload when it cannot be read as the record, naming where
	 */
	<P> P read(ProposalHandler<P> handler, Object payload) {
		Class<P> type = handler.payloadType();
		if (type.isInstance(payload)) {
			return type.cast(payload);
		}
		JsonNode tree = (payload instanceof JsonNode node) ? node : this.json.valueToTree(payload);
		try {
			return this.json.treeToValue(tree, type);
		}
		catch (JsonProcessingException ex) {
			throw unreadable(ex);
		}
	}

	/**
	 * Checks a payload: Bean Validation on its record, then the handler's check.
	 * @throws InvalidProposalPayload naming every field Bean Validation refuses
	 */
	<P> void check(SiteUser user, ProposalHandler<P> handler, P payload) {
		Set<ConstraintViolation<P>> violations = this.validator.validate(payload);
		if (!violations.isEmpty()) {
			throw new InvalidProposalPayload(violations.stream()
				.sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
				.map(violation -> "'%s' %s".formatted(violation.getPropertyPath(), violation.getMessage()))
				.collect(Collectors.joining("; ")));
		}
		handler.check(user, payload);
	}

	/** The JSON a payload is stored and shown as. */
	JsonNode write(Object payload) {
		return this.json.valueToTree(payload);
	}

	/**
	 * Jackson's own message names Java types: say where, in the payload's terms, and what
	 * is wrong.
	 */
	private static InvalidProposalPayload unreadable(JsonProcessingException ex) {
		String field = (ex instanceof JsonMappingException mapping) ? FieldPath.of(mapping) : "";
		if (field.isEmpty()) {
			return new InvalidProposalPayload("The payload is not readable: send one JSON object");
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidKey invalid) {
				return new InvalidProposalPayload("'%s' must be %s".formatted(field, invalid.expected()));
			}
		}
		if (ex instanceof UnrecognizedPropertyException) {
			return new InvalidProposalPayload("'%s' is not a field of this proposal".formatted(field));
		}
		return new InvalidProposalPayload(
				"The payload is not readable at '%s': check that field's type".formatted(field));
	}

}
