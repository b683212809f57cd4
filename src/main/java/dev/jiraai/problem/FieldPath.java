package dev.jiraai.problem;

import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Where in a JSON body a value could not be read, in the body's own terms
 * ({@code drafts[0].labels}), never a Java type: what a problem's detail names.
 */
public final class FieldPath {

	private FieldPath() {
	}

	/** The path of the value Jackson could not read; empty for the body itself. */
	public static String of(JsonMappingException ex) {
		return ex.getPath()
			.stream()
			.map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

}
