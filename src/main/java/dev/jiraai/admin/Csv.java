package dev.jiraai.admin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Comma-separated values (RFC 4180) that a spreadsheet opens without running anything: a
 * cell that starts with {@code = + - @} (or a tab or carriage return) is prefixed with an
 * apostrophe, so it is text rather than a formula (OWASP, "CSV Injection").
 */
final class Csv {

	private final StringBuilder text = new StringBuilder();

	Csv row(List<?> cells) {
		this.text.append(cells.stream().map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
		return this;
	}

	Csv row(Object... cells) {
		return row(java.util.Arrays.asList(cells));
	}

	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
				|| text.startsWith("'")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
