package dev.jiraai.chat;

import java.lang.reflect.Type;

import org.springframework.ai.tool.execution.DefaultToolCallResultConverter;
import org.springframework.ai.tool.execution.ToolCallResultConverter;

/**
 * Tool results that are already text for the model (fenced untrusted data, a sentence) go
 * back as they are: Spring AI would otherwise send them as a JSON string, escaped, and
 * the fence the model is told about would arrive in quotes.
 */
public final class PlainTextResults implements ToolCallResultConverter {

	private final DefaultToolCallResultConverter json = new DefaultToolCallResultConverter();

	@Override
	public String convert(Object result, Type returnType) {
		return (result instanceof String text) ? text : this.json.convert(result, returnType);
	}

}
