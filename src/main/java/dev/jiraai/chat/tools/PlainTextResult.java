package dev.jiraai.chat.tools;

import java.lang.reflect.Type;

import org.springframework.ai.tool.execution.ToolCallResultConverter;

/**
 * Gives the model a tool's text answer as it is. Spring AI's default writes a string as a
 * JSON string literal, so every line break and quote of a listing would reach the model
 * escaped: more tokens, and fenced Jira text that is harder to read as one block.
 * <p>
 * Public with a public constructor only because Spring AI instantiates it reflectively.
 */
public final class PlainTextResult implements ToolCallResultConverter {

	public PlainTextResult() {
	}

	@Override
	public String convert(Object result, Type returnType) {
		return (result == null) ? "" : result.toString();
	}

}
