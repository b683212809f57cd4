package dev.jiraai.jira;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An issue was not sent to Jira because its create screen would refuse it: the problems
 * name each field, what is wrong and the values it accepts, so a user (or the model) can
 * fix them instead of reading a Jira 400.
 */
public class IssueNotCreatable extends RuntimeException {

	private final String projectKey;

	private final List<Problem> problems;

	/**
	 * @param projectKey the project the issue was for
	 * @param problems what is wrong, field by field
	 */
	public IssueNotCreatable(String projectKey, List<Problem> problems) {
		super("The issue cannot be created in '%s': %s".formatted(projectKey,
				problems.stream().map(Problem::describe).collect(Collectors.joining("; "))));
		this.projectKey = projectKey;
		this.problems = List.copyOf(problems);
	}

	public String projectKey() {
		return this.projectKey;
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * What is wrong with one field.
	 *
	 * @param fieldId the field id, e.g. {@code customfield_10050}
	 * @param name the field name, e.g. {@code Environment}
	 * @param problem what is wrong
	 * @param allowedValues the values the field accepts, empty when any value goes
	 * @param index the position of the issue in a batch of several, or {@code null}
	 */
	public record Problem(String fieldId, String name, String problem, List<String> allowedValues, Integer index) {

		public Problem(String fieldId, String name, String problem, List<String> allowedValues) {
			this(fieldId, name, problem, allowedValues, null);
		}

		/** The same problem, for the issue at {@code position} of a batch. */
		public Problem at(int position) {
			return new Problem(this.fieldId, this.name, this.problem, this.allowedValues, position);
		}

		String describe() {
			return "%s (%s) %s%s".formatted(this.name, this.fieldId, this.problem,
					this.allowedValues.isEmpty() ? "" : "; allowed: " + String.join(", ", this.allowedValues));
		}

	}

}
