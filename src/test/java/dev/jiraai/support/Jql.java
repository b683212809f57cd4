package dev.jiraai.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The subset of JQL the simulated site evaluates: clauses joined by {@code AND}, each a
 * field, an operator and a value ({@code =}, {@code !=}, {@code in}, {@code not in},
 * {@code is [not] EMPTY}, {@code ~}, {@code !~}, {@code >=}, {@code >}, {@code <=},
 * {@code <}), then an optional {@code ORDER BY}. Queries Jira would reject fail as Jira
 * does ({@link JqlError}); valid JQL beyond the subset ({@code OR}, {@code NOT},
 * parentheses, other functions and fields) fails as {@link JqlError#unsupported()} so
 * that a test notices the simulator, not Jira, refused it.
 */
final class Jql {

	/** A query Jira would answer with a 400, or one the simulator cannot evaluate. */
	static final class JqlError extends RuntimeException {

		private final boolean unsupported;

		private JqlError(String message, boolean unsupported) {
			super(message);
			this.unsupported = unsupported;
		}

		static JqlError syntax(String message) {
			return new JqlError("Error in the JQL Query: " + message, false);
		}

		static JqlError invalid(String message) {
			return new JqlError(message, false);
		}

		static JqlError unsupported(String message) {
			return new JqlError("Error in the JQL Query: " + message, true);
		}

		/**
		 * Valid JQL the simulator does not evaluate: a gap in the simulator, not an error
		 * of the caller.
		 */
		boolean unsupported() {
			return this.unsupported;
		}

	}

	/**
	 * One value of a clause: a word or quoted string, a function call, or {@code EMPTY}.
	 */
	record Value(String text, boolean quoted, boolean function, boolean empty, List<Value> arguments) {

		Value(String text, boolean quoted, boolean function, boolean empty) {
			this(text, quoted, function, empty, List.of());
		}

		@Override
		public String toString() {
			return this.function ? this.text + "()" : this.text;
		}

	}

	/**
	 * One clause: {@code field operator value(s)}; {@code property} is set for
	 * {@code issue.property[key].path}.
	 */
	record Clause(String field, String propertyKey, String propertyPath, String operator, List<Value> values) {
	}

	record Order(String field, boolean descending) {
	}

	/** A parsed query. */
	record Query(List<Clause> clauses, List<Order> order) {
	}

	/** What clauses need from the site to evaluate. */
	record Context(SiteData data, String caller, ZoneId zone, Instant now) {
	}

	private static final Set<String> SUPPORTED_FIELDS = Set.of("project", "key", "issuekey", "issue", "id", "assignee",
			"reporter", "status", "statuscategory", "issuetype", "type", "parent", "labels", "text", "summary",
			"description", "comment", "priority", "component", "resolution", "created", "createddate", "updated",
			"updateddate");

	/**
	 * Jira Cloud's {@code updatedBy(user[, dateFrom[, dateTo]])}: the issues the user
	 * updated, commented on or transitioned in the range, which is read in the caller's
	 * time zone; a {@code dateTo} without a time includes that whole day.
	 */
	private static final String UPDATED_BY = "updatedBy";

	private static final Set<String> KEY_FIELDS = Set.of("key", "issuekey", "issue", "id");

	private static final Set<String> DATE_FIELDS = Set.of("created", "createddate", "updated", "updateddate");

	private static final Set<String> TEXT_FIELDS = Set.of("text", "summary", "description", "comment");

	private static final Set<String> ORDERABLE = Set.of("key", "issuekey", "created", "updated", "priority", "status",
			"summary", "assignee", "issuetype", "project", "id");

	/** Fields that exist in Jira Cloud but that the simulator does not evaluate. */
	private static final Set<String> KNOWN_TO_JIRA = Set.of("sprint", "fixversion", "affectedversion", "epic link",
			"duedate", "due", "resolved", "resolutiondate", "watcher", "creator", "team", "rank", "environment",
			"votes", "level", "filter", "category", "statuscategorychangeddate", "lastviewed", "worklogdate",
			"attachments", "issuelinktype", "subtasks", "originalestimate", "timespent", "remainingestimate",
			"development", "approvals", "request-channel-type", "organizations");

	private Jql() {
	}

	// ---- parsing
	// ----------------------------------------------------------------------------------------------

	private record Token(String text, boolean quoted, int position) {

		boolean is(String word) {
			return !this.quoted && this.text.equalsIgnoreCase(word);
		}

	}

	private static final String OPERATOR_CHARS = "=!~<>";

	private static List<Token> tokenize(String jql) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		while (i < jql.length()) {
			char c = jql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '"' || c == '\'') {
				int end = i + 1;
				StringBuilder text = new StringBuilder();
				while (end < jql.length() && jql.charAt(end) != c) {
					if (jql.charAt(end) == '\\' && end + 1 < jql.length()) {
						end++;
					}
					text.append(jql.charAt(end));
					end++;
				}
				if (end >= jql.length()) {
					throw JqlError.syntax("The quoted string '%s' has not been completed. (line 1, character %d)"
						.formatted(text, i + 1));
				}
				tokens.add(new Token(text.toString(), true, i + 1));
				i = end + 1;
			}
			else if (c == '(' || c == ')' || c == ',') {
				tokens.add(new Token(String.valueOf(c), false, i + 1));
				i++;
			}
			else if (OPERATOR_CHARS.indexOf(c) >= 0) {
				int end = i;
				while (end < jql.length() && OPERATOR_CHARS.indexOf(jql.charAt(end)) >= 0) {
					end++;
				}
				tokens.add(new Token(jql.substring(i, end), false, i + 1));
				i = end;
			}
			else {
				int end = i;
				int brackets = 0;
				while (end < jql.length()) {
					char d = jql.charAt(end);
					if (d == '[') {
						brackets++;
					}
					else if (d == ']') {
						brackets--;
					}
					else if (brackets == 0 && (Character.isWhitespace(d) || "()\",'".indexOf(d) >= 0
							|| OPERATOR_CHARS.indexOf(d) >= 0)) {
						break;
					}
					end++;
				}
				tokens.add(new Token(jql.substring(i, end), false, i + 1));
				i = end;
			}
		}
		return tokens;
	}

	/** A cursor over the tokens of one query. */
	private static final class Parser {

		private final List<Token> tokens;

		private int next;

		Parser(List<Token> tokens) {
			this.tokens = tokens;
		}

		boolean atEnd() {
			return this.next >= this.tokens.size();
		}

		Token peek() {
			return atEnd() ? null : this.tokens.get(this.next);
		}

		Token take(String expected) {
			if (atEnd()) {
				throw JqlError.syntax("Expecting %s but reached the end of the query.".formatted(expected));
			}
			return this.tokens.get(this.next++);
		}

		/**
		 * Whether the next tokens are a function call: a word, then an opening
		 * parenthesis.
		 */
		boolean atFunction() {
			if (this.next + 1 >= this.tokens.size()) {
				return false;
			}
			Token name = this.tokens.get(this.next);
			Token open = this.tokens.get(this.next + 1);
			return !name.quoted() && !name.text().equals("(") && open.text().equals("(") && !open.quoted();
		}

		boolean peekIs(String word) {
			return !atEnd() && peek().is(word);
		}

	}

	private static final Pattern PROPERTY = Pattern.compile("(?i)issue\\.property\\[([^\\]]+)\\]\\.?(.*)");

	/**
	 * Parses a query.
	 * @throws JqlError when Jira would reject it, or the simulator does not support it
	 */
	static Query parse(String jql) {
		Parser parser = new Parser(tokenize(jql == null ? "" : jql));
		List<Clause> clauses = new ArrayList<>();
		List<Order> order = new ArrayList<>();
		while (!parser.atEnd()) {
			if (parser.peekIs("order")) {
				parser.take("ORDER");
				if (!parser.peekIs("by")) {
					throw JqlError.syntax("Expecting 'BY' after 'ORDER'.");
				}
				parser.take("BY");
				order.addAll(orderBy(parser));
				break;
			}
			if (!clauses.isEmpty()) {
				Token joiner = parser.take("'AND'");
				if (joiner.is("or")) {
					throw JqlError.unsupported("the Jira simulator only evaluates clauses joined by AND, not OR "
							+ "(line 1, character %d).".formatted(joiner.position()));
				}
				if (!joiner.is("and")) {
					throw JqlError.syntax("Expecting either 'OR' or 'AND' but got '%s'. (line 1, character %d)"
						.formatted(joiner.text(), joiner.position()));
				}
				if (parser.peekIs("order")) {
					throw JqlError.syntax("Expecting a field name but got 'ORDER'.");
				}
			}
			clauses.add(clause(parser));
		}
		return new Query(clauses, order);
	}

	private static Clause clause(Parser parser) {
		Token fieldToken = parser.take("a field name");
		if (fieldToken.text().equals("(") || fieldToken.is("not")) {
			throw JqlError.unsupported("the Jira simulator does not evaluate '%s' (line 1, character %d)."
				.formatted(fieldToken.text(), fieldToken.position()));
		}
		if (!fieldToken.quoted() && (fieldToken.text().length() == 1 && "(),".contains(fieldToken.text())
				|| OPERATOR_CHARS.indexOf(fieldToken.text().charAt(0)) >= 0)) {
			throw JqlError.syntax("Expecting a field name but got '%s'. (line 1, character %d)"
				.formatted(fieldToken.text(), fieldToken.position()));
		}
		String field = fieldToken.text();
		String propertyKey = null;
		String propertyPath = null;
		Matcher property = PROPERTY.matcher(field);
		if (property.matches()) {
			propertyKey = property.group(1);
			propertyPath = property.group(2);
			field = "issue.property";
		}
		else {
			field = field.toLowerCase(Locale.ROOT);
			if (!SUPPORTED_FIELDS.contains(field)) {
				if (KNOWN_TO_JIRA.contains(field) || field.startsWith("cf[")) {
					throw JqlError.unsupported(
							"the Jira simulator does not evaluate the field '%s'.".formatted(fieldToken.text()));
				}
				throw new JqlError("Field '%s' does not exist or you do not have permission to view it."
					.formatted(fieldToken.text()), true);
			}
		}
		String operator = operator(parser);
		List<Value> values = new ArrayList<>();
		boolean functionList = parser.atFunction();
		if ((operator.equals("in") || operator.equals("not in")) && functionList) {
			// A function that returns a list, e.g. "issuekey in
			// updatedBy(currentUser())".
			values.add(value(parser));
		}
		else if (operator.equals("in") || operator.equals("not in")) {
			Token open = parser.take("'('");
			if (!open.text().equals("(") || open.quoted()) {
				throw JqlError.syntax(
						"Expecting '(' but got '%s'. (line 1, character %d)".formatted(open.text(), open.position()));
			}
			values.addAll(valuesUntilClose(parser));
		}
		else {
			values.add(value(parser));
		}
		return new Clause(field, propertyKey, propertyPath, operator, values);
	}

	/** Values separated by commas up to a closing parenthesis, which is consumed. */
	private static List<Value> valuesUntilClose(Parser parser) {
		List<Value> values = new ArrayList<>();
		while (true) {
			values.add(value(parser));
			Token separator = parser.take("')'");
			if (separator.text().equals(")") && !separator.quoted()) {
				return values;
			}
			if (!separator.text().equals(",") || separator.quoted()) {
				throw JqlError.syntax("Expecting ')' but got '%s'. (line 1, character %d)".formatted(separator.text(),
						separator.position()));
			}
		}
	}

	private static String operator(Parser parser) {
		Token token = parser.take("an operator");
		String text = token.text().toLowerCase(Locale.ROOT);
		if (token.quoted()) {
			throw JqlError.syntax("Expecting operator but got '%s'. (line 1, character %d)".formatted(token.text(),
					token.position()));
		}
		switch (text) {
			case "=", "!=", "~", "!~", ">", ">=", "<", "<=", "in" -> {
				return text;
			}
			case "is" -> {
				if (parser.peekIs("not")) {
					parser.take("NOT");
					return "is not";
				}
				return "is";
			}
			case "not" -> {
				Token in = parser.take("'IN'");
				if (!in.is("in")) {
					throw JqlError.syntax(
							"Expecting 'IN' but got '%s'. (line 1, character %d)".formatted(in.text(), in.position()));
				}
				return "not in";
			}
			case "was", "changed" -> throw JqlError
				.unsupported("the Jira simulator does not evaluate the history operator '%s'.".formatted(text));
			default -> throw JqlError.syntax("Expecting operator but got '%s'. (line 1, character %d)"
				.formatted(token.text(), token.position()));
		}
	}

	private static Value value(Parser parser) {
		Token token = parser.take("a value");
		if (!token.quoted() && (token.text().equals("(") || token.text().equals(")") || token.text().equals(",")
				|| OPERATOR_CHARS.indexOf(token.text().charAt(0)) >= 0)) {
			throw JqlError.syntax("Expecting either a value, list or function but got '%s'. (line 1, character %d)"
				.formatted(token.text(), token.position()));
		}
		if (!token.quoted() && (token.is("empty") || token.is("null"))) {
			return new Value(token.text(), false, false, true);
		}
		if (!token.quoted() && parser.peek() != null && parser.peek().text().equals("(") && !parser.peek().quoted()) {
			parser.take("'('");
			List<Value> arguments = new ArrayList<>();
			if (parser.peek() != null && parser.peek().text().equals(")") && !parser.peek().quoted()) {
				parser.take("')'");
			}
			else {
				arguments.addAll(valuesUntilClose(parser));
			}
			if (!arguments.isEmpty() && !token.text().equalsIgnoreCase(UPDATED_BY)) {
				throw JqlError.unsupported("the Jira simulator does not evaluate functions with arguments ('%s')."
					.formatted(token.text()));
			}
			return new Value(token.text(), false, true, false, List.copyOf(arguments));
		}
		if (!token.quoted() && (token.is("and") || token.is("or") || token.is("order"))) {
			throw JqlError.syntax("Expecting either a value, list or function but got '%s'. (line 1, character %d)"
				.formatted(token.text(), token.position()));
		}
		return new Value(token.text(), token.quoted(), false, false);
	}

	private static List<Order> orderBy(Parser parser) {
		List<Order> order = new ArrayList<>();
		while (true) {
			Token field = parser.take("a field name");
			String name = field.text().toLowerCase(Locale.ROOT);
			if (!ORDERABLE.contains(name)) {
				if (SUPPORTED_FIELDS.contains(name) || KNOWN_TO_JIRA.contains(name)) {
					throw JqlError.unsupported("the Jira simulator does not order by '%s'.".formatted(field.text()));
				}
				throw JqlError.invalid("Not able to sort using field '%s'.".formatted(field.text()));
			}
			boolean descending = false;
			if (parser.peekIs("asc") || parser.peekIs("desc")) {
				descending = parser.take("ASC").is("desc");
			}
			order.add(new Order(name, descending));
			if (parser.atEnd()) {
				return order;
			}
			Token separator = parser.take("','");
			if (!separator.text().equals(",")) {
				throw JqlError.syntax("Expecting ',' but got '%s'. (line 1, character %d)".formatted(separator.text(),
						separator.position()));
			}
		}
	}

	// ---- evaluation
	// -------------------------------------------------------------------------------------------

	/**
	 * Checks the values of a query against the site, as Jira does before searching
	 * (unknown statuses, projects, users and issue keys are errors, not empty results).
	 * @throws JqlError when a value does not exist
	 */
	static void validate(Query query, Context context) {
		for (Clause clause : query.clauses()) {
			for (Value value : clause.values()) {
				validateValue(clause, value, context);
			}
		}
	}

	private static void validateValue(Clause clause, Value value, Context context) {
		SiteData data = context.data();
		if (value.function()) {
			boolean userField = clause.field().equals("assignee") || clause.field().equals("reporter");
			boolean dateField = DATE_FIELDS.contains(clause.field());
			String name = value.text().toLowerCase(Locale.ROOT);
			if (userField && name.equals("currentuser")
					|| dateField && (name.equals("now") || name.equals("startofday"))) {
				return;
			}
			if (KEY_FIELDS.contains(clause.field()) && value.text().equalsIgnoreCase(UPDATED_BY)) {
				validateUpdatedBy(clause, value, context);
				return;
			}
			throw JqlError.unsupported("the Jira simulator does not evaluate the function '%s()' for field '%s'."
				.formatted(value.text(), clause.field()));
		}
		if (value.empty()) {
			if (!(clause.operator().equals("is") || clause.operator().equals("is not") || clause.operator().equals("=")
					|| clause.operator().equals("!="))) {
				throw JqlError
					.syntax("The operator '%s' does not support the use of 'EMPTY'.".formatted(clause.operator()));
			}
			return;
		}
		if ((clause.operator().equals("is") || clause.operator().equals("is not"))) {
			throw JqlError.syntax("The operator '%s' only supports 'EMPTY' or 'NULL'.".formatted(clause.operator()));
		}
		String text = value.text();
		boolean known = switch (clause.field()) {
			// As in Jira, a project the caller may not browse does not exist for them.
			case "project" -> data.projects()
				.stream()
				.filter(p -> p.path("key").asText().equalsIgnoreCase(text) || p.path("id").asText().equals(text)
						|| p.path("name").asText().equalsIgnoreCase(text))
				.anyMatch(p -> data.allowed(context.caller(), "BROWSE_PROJECTS", p.path("key").asText()));
			case "status" -> data.status(text).isPresent();
			case "statuscategory" -> data.statusCategory(text).isPresent();
			case "issuetype", "type" -> data.issueTypes()
				.stream()
				.anyMatch(t -> t.path("name").asText().equalsIgnoreCase(text) || t.path("id").asText().equals(text));
			case "priority" -> data.priority(text).isPresent();
			case "resolution" -> text.equalsIgnoreCase("unresolved") || data.resolution(text).isPresent();
			case "assignee", "reporter" -> data.user(text).isPresent() || SiteData.APP_ACCOUNT_ID.equals(text);
			case "component" -> data.projects()
				.stream()
				.flatMap(p -> p.path("components").findValuesAsText("name").stream())
				.anyMatch(name -> name.equalsIgnoreCase(text));
			default -> true;
		};
		if (!known) {
			throw JqlError.invalid("The value '%s' does not exist for the field '%s'.".formatted(text, clause.field()));
		}
		if (clause.field().equals("key") || clause.field().equals("issuekey") || clause.field().equals("issue")
				|| clause.field().equals("parent") || clause.field().equals("id")) {
			if (data.issue(text.toUpperCase(Locale.ROOT)).filter(i -> data.canBrowse(context.caller(), i)).isEmpty()) {
				throw JqlError
					.invalid("An issue with key '%s' does not exist for field '%s'.".formatted(text, clause.field()));
			}
		}
		if (DATE_FIELDS.contains(clause.field())) {
			if (clause.operator().equals("in") || clause.operator().equals("not in")) {
				throw JqlError.unsupported("the Jira simulator does not evaluate '%s' for the date field '%s'."
					.formatted(clause.operator(), clause.field()));
			}
			instant(value, context, clause.field());
		}
		if (TEXT_FIELDS.contains(clause.field()) && !(clause.operator().equals("~")
				|| clause.operator().equals("!~") && !clause.field().equals("text"))) {
			throw JqlError.syntax("The operator '%s' is not supported by the '%s' field.".formatted(clause.operator(),
					clause.field()));
		}
		if (!TEXT_FIELDS.contains(clause.field())
				&& (clause.operator().equals("~") || clause.operator().equals("!~"))) {
			throw JqlError.syntax("The operator '%s' is not supported by the '%s' field.".formatted(clause.operator(),
					clause.field()));
		}
		boolean ordering = clause.operator().startsWith(">") || clause.operator().startsWith("<");
		if (ordering && !DATE_FIELDS.contains(clause.field())) {
			throw JqlError.unsupported("the Jira simulator only compares dates with '%s', not '%s'."
				.formatted(clause.operator(), clause.field()));
		}
	}

	private static void validateUpdatedBy(Clause clause, Value value, Context context) {
		if (!(clause.operator().equals("in") || clause.operator().equals("not in"))) {
			throw JqlError.syntax("The operator '%s' is not supported by the function 'updatedBy'; use IN or NOT IN."
				.formatted(clause.operator()));
		}
		List<Value> arguments = value.arguments();
		if (arguments.isEmpty() || arguments.size() > 3) {
			throw JqlError.invalid(
					"Function 'updatedBy' expects between 1 and 3 arguments, but got %d.".formatted(arguments.size()));
		}
		Value user = arguments.get(0);
		boolean known = user.function() ? user.text().equalsIgnoreCase("currentUser")
				: context.data().user(user.text()).isPresent();
		if (!known) {
			throw JqlError.invalid("The user '%s' does not exist for the function 'updatedBy'.".formatted(user));
		}
		for (Value date : arguments.subList(1, arguments.size())) {
			instant(date, context, UPDATED_BY);
		}
	}

	/** Whether the user of an {@code updatedBy} value changed the issue in its range. */
	private static boolean updatedBy(Value value, ObjectNode issue, Context context) {
		List<Value> arguments = value.arguments();
		Value user = arguments.get(0);
		String caller = "app".equals(context.caller()) ? SiteData.APP_ACCOUNT_ID : context.caller();
		String accountId = user.function() ? caller : user.text();
		Instant from = (arguments.size() > 1) ? instant(arguments.get(1), context, UPDATED_BY) : Instant.MIN;
		Instant to = (arguments.size() > 2) ? endOf(arguments.get(2), context) : Instant.MAX;
		return context.data()
			.activity(issue.path("key").asText())
			.stream()
			.anyMatch(change -> change.accountId().equals(accountId) && !change.at().isBefore(from)
					&& change.at().isBefore(to));
	}

	/** The end of a range's last date: a date alone includes its whole day. */
	private static Instant endOf(Value value, Context context) {
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(value.text().trim(), format)
					.plusDays(1)
					.atStartOfDay(context.zone())
					.toInstant();
			}
			catch (DateTimeParseException ex) {
				// a date-time or a period
			}
		}
		return instant(value, context, UPDATED_BY);
	}

	private static boolean isUpdatedBy(Value value) {
		return value.function() && value.text().equalsIgnoreCase(UPDATED_BY);
	}

	/** Whether an issue matches every clause of a query. */
	static boolean matches(Query query, ObjectNode issue, Context context) {
		return query.clauses().stream().allMatch(clause -> matches(clause, issue, context));
	}

	private static boolean matches(Clause clause, ObjectNode issue, Context context) {
		boolean dateOrText = DATE_FIELDS.contains(clause.field()) || TEXT_FIELDS.contains(clause.field());
		if (dateOrText && clause.values().get(0).empty()) {
			// Issues always have dates; text is empty when there is none.
			boolean empty = !DATE_FIELDS.contains(clause.field()) && searchText(clause.field(), issue).isBlank();
			boolean negated = clause.operator().equals("is not") || clause.operator().equals("!=");
			return negated != empty;
		}
		if (DATE_FIELDS.contains(clause.field())) {
			return compareDate(clause, issue, context);
		}
		if (TEXT_FIELDS.contains(clause.field())) {
			boolean contains = containsWords(searchText(clause.field(), issue), clause.values().get(0).text());
			return clause.operator().equals("~") == contains;
		}
		Set<String> actual = values(clause, issue, context);
		if (clause.values().stream().anyMatch(Jql::isUpdatedBy)) {
			boolean any = clause.values()
				.stream()
				.anyMatch(value -> isUpdatedBy(value) ? updatedBy(value, issue, context)
						: actual.contains(value.text().toLowerCase(Locale.ROOT)));
			return clause.operator().equals("in") == any;
		}
		return switch (clause.operator()) {
			case "is" -> actual.isEmpty();
			case "is not" -> !actual.isEmpty();
			case "=", "in" -> clause.values().stream().anyMatch(value -> valueMatches(actual, clause, value, context));
			// As in Jira, a negative clause never matches an empty field: "assignee != x"
			// leaves out unassigned issues.
			case "!=", "not in" -> !actual.isEmpty()
					&& clause.values().stream().noneMatch(value -> valueMatches(actual, clause, value, context));
			default -> false;
		};
	}

	private static boolean valueMatches(Set<String> actual, Clause clause, Value value, Context context) {
		if (value.empty() || clause.field().equals("resolution") && value.text().equalsIgnoreCase("unresolved")) {
			return actual.isEmpty();
		}
		if (value.function()) {
			// currentUser(): the app is a user of its own, which is assigned and reports
			// nothing in the seed.
			String me = "app".equals(context.caller()) ? SiteData.APP_ACCOUNT_ID : context.caller();
			return actual.contains(me.toLowerCase(Locale.ROOT));
		}
		return actual.contains(value.text().toLowerCase(Locale.ROOT));
	}

	/**
	 * The comparable forms of an issue's value for a field (lower case; empty when the
	 * field is empty).
	 */
	private static Set<String> values(Clause clause, ObjectNode issue, Context context) {
		SiteData data = context.data();
		Set<String> values = new HashSet<>();
		Function<Optional<JsonNode>, Set<String>> nameAndId = node -> {
			node.ifPresent(n -> {
				values.add(n.path("name").asText().toLowerCase(Locale.ROOT));
				values.add(n.path("id").asText().toLowerCase(Locale.ROOT));
			});
			return values;
		};
		switch (clause.field()) {
			case "project" -> data.project(issue.path("project").asText()).ifPresent(project -> {
				values.add(project.path("key").asText().toLowerCase(Locale.ROOT));
				values.add(project.path("id").asText());
				values.add(project.path("name").asText().toLowerCase(Locale.ROOT));
			});
			case "key", "issuekey", "issue", "id" -> {
				values.add(issue.path("key").asText().toLowerCase(Locale.ROOT));
				values.add(issue.path("id").asText());
			}
			case "assignee", "reporter" -> {
				String accountId = issue.path(clause.field()).asText(null);
				if (accountId != null) {
					values.add(accountId.toLowerCase(Locale.ROOT));
				}
			}
			case "status" -> nameAndId.apply(data.status(issue.path("status").asText()));
			case "statuscategory" -> data.status(issue.path("status").asText())
				.flatMap(status -> data.statusCategory(status.path("statusCategory").asText()))
				.ifPresent(category -> {
					values.add(category.path("key").asText().toLowerCase(Locale.ROOT));
					values.add(category.path("name").asText().toLowerCase(Locale.ROOT));
					values.add(category.path("id").asText());
				});
			case "issuetype", "type" -> nameAndId.apply(data.issueType(issue.path("type").asText()));
			case "priority" -> nameAndId.apply(data.priority(issue.path("priority").asText("")));
			case "resolution" -> nameAndId.apply(data.resolution(issue.path("resolution").asText("")));
			case "parent" -> data.issue(issue.path("parent").asText("")).ifPresent(parent -> {
				values.add(parent.path("key").asText().toLowerCase(Locale.ROOT));
				values.add(parent.path("id").asText());
			});
			case "labels" -> issue.path("labels").forEach(label -> values.add(label.asText().toLowerCase(Locale.ROOT)));
			case "component" -> data.project(issue.path("project").asText()).ifPresent(project -> {
				for (JsonNode name : issue.path("components")) {
					values.add(name.asText().toLowerCase(Locale.ROOT));
					project.path("components").forEach(c -> {
						if (c.path("name").asText().equals(name.asText())) {
							values.add(c.path("id").asText());
						}
					});
				}
			});
			case "issue.property" -> {
				JsonNode node = issue.path("properties").path(clause.propertyKey());
				if (!clause.propertyPath().isEmpty()) {
					for (String part : clause.propertyPath().split("\\.")) {
						node = node.path(part);
					}
				}
				if (node.isArray()) {
					node.forEach(item -> values.add(item.asText().toLowerCase(Locale.ROOT)));
				}
				else if (node.isValueNode() && !node.isNull()) {
					values.add(node.asText().toLowerCase(Locale.ROOT));
				}
			}
			default -> {
			}
		}
		return values;
	}

	private static String searchText(String field, ObjectNode issue) {
		StringBuilder text = new StringBuilder();
		if (field.equals("summary") || field.equals("text")) {
			text.append(issue.path("summary").asText()).append(' ');
		}
		if (field.equals("description") || field.equals("text")) {
			adfText(issue.path("description"), text);
		}
		if (field.equals("comment") || field.equals("text")) {
			issue.path("comments").forEach(comment -> adfText(comment.path("body"), text));
		}
		return text.toString();
	}

	private static void adfText(JsonNode node, StringBuilder text) {
		if (node.path("type").asText().equals("text")) {
			text.append(node.path("text").asText()).append(' ');
		}
		node.path("content").forEach(child -> adfText(child, text));
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}*]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

	/**
	 * Jira's {@code ~}: every word of the query occurs in the text, case-insensitively,
	 * as a whole word, a word with a plural or verb ending, or a prefix when the query
	 * word ends with {@code *}.
	 */
	static boolean containsWords(String text, String query) {
		List<String> haystack = words(text.replace("*", " "));
		List<String> needles = words(query);
		if (needles.isEmpty()) {
			return false;
		}
		return needles.stream().allMatch(needle -> haystack.stream().anyMatch(word -> wordMatches(word, needle)));
	}

	private static boolean wordMatches(String word, String needle) {
		if (needle.endsWith("*")) {
			return word.startsWith(needle.substring(0, needle.length() - 1));
		}
		if (word.equals(needle)) {
			return true;
		}
		String stem = stem(needle);
		return stem(word).equals(stem);
	}

	private static String stem(String word) {
		for (String suffix : List.of("ing", "ed", "es", "s")) {
			if (word.length() > suffix.length() + 2 && word.endsWith(suffix)) {
				return word.substring(0, word.length() - suffix.length());
			}
		}
		return word;
	}

	private static final Pattern RELATIVE = Pattern.compile("([-+]?)((?:\\d+[wdhm]\\s*)+)");

	private static final Pattern PERIOD_PART = Pattern.compile("(\\d+)([wdhm])");

	private static final List<DateTimeFormatter> DATE_TIMES = List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
			DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm"));

	private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("yyyy-MM-dd"),
			DateTimeFormatter.ofPattern("yyyy/MM/dd"));

	/**
	 * The instant a date value stands for, in the caller's time zone as Jira reads it.
	 */
	static Instant instant(Value value, Context context, String field) {
		String text = value.text().trim();
		if (value.function()) {
			return text.equalsIgnoreCase("now") ? context.now()
					: context.now().atZone(context.zone()).toLocalDate().atStartOfDay(context.zone()).toInstant();
		}
		Matcher relative = RELATIVE.matcher(text);
		if (relative.matches()) {
			Duration period = Duration.ZERO;
			Matcher part = PERIOD_PART.matcher(relative.group(2));
			while (part.find()) {
				long amount = Long.parseLong(part.group(1));
				period = period.plus(switch (part.group(2)) {
					case "w" -> Duration.ofDays(7 * amount);
					case "d" -> Duration.ofDays(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofMinutes(amount);
				});
			}
			return relative.group(1).equals("-") ? context.now().minus(period) : context.now().plus(period);
		}
		for (DateTimeFormatter format : DATE_TIMES) {
			try {
				return LocalDateTime.parse(text, format).atZone(context.zone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(text, format).atStartOfDay(context.zone()).toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		throw JqlError.invalid(("Date value '%s' for field '%s' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', "
				+ "'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.")
			.formatted(text, field));
	}

	private static boolean compareDate(Clause clause, ObjectNode issue, Context context) {
		String field = clause.field().startsWith("created") ? "created" : "updated";
		Instant actual = SiteData.parseDateTime(issue.path(field).asText()).toInstant();
		Instant bound = instant(clause.values().get(0), context, clause.field());
		return switch (clause.operator()) {
			case ">=" -> !actual.isBefore(bound);
			case ">" -> actual.isAfter(bound);
			case "<=" -> !actual.isAfter(bound);
			case "<" -> actual.isBefore(bound);
			case "=" -> actual.equals(bound);
			case "!=" -> !actual.equals(bound);
			default -> throw JqlError.syntax("The operator '%s' is not supported by the '%s' field."
				.formatted(clause.operator(), clause.field()));
		};
	}

	/**
	 * The order of the results: the query's {@code ORDER BY}, or by issue id when it has
	 * none.
	 */
	static Comparator<ObjectNode> order(Query query, SiteData data) {
		Comparator<ObjectNode> comparator = null;
		for (Order order : query.order()) {
			Comparator<ObjectNode> next = comparator(order.field(), data);
			if (order.descending()) {
				next = next.reversed();
			}
			comparator = (comparator == null) ? next : comparator.thenComparing(next);
		}
		Comparator<ObjectNode> byId = Comparator.comparingLong(issue -> Long.parseLong(issue.path("id").asText()));
		return (comparator == null) ? byId : comparator.thenComparing(byId);
	}

	private static Comparator<ObjectNode> comparator(String field, SiteData data) {
		Map<String, Integer> priorityRank = new HashMap<>();
		List<JsonNode> priorities = data.priorities();
		for (int i = 0; i < priorities.size(); i++) {
			// Jira sorts priorities by their rank: ascending means the lowest priority
			// first.
			priorityRank.put(priorities.get(i).path("name").asText(), priorities.size() - i);
		}
		return switch (field) {
			case "key", "issuekey", "id" ->
				Comparator.comparing(issue -> issue.path("key").asText(), SiteData.KEY_ORDER);
			case "created", "updated" ->
				Comparator.comparing(issue -> SiteData.parseDateTime(issue.path(field).asText()).toInstant());
			case "priority" ->
				Comparator.comparingInt(issue -> priorityRank.getOrDefault(issue.path("priority").asText(""), 0));
			case "summary" -> Comparator.comparing(issue -> issue.path("summary").asText().toLowerCase(Locale.ROOT));
			case "status", "assignee", "project" -> Comparator.comparing(issue -> issue.path(field).asText(""));
			case "issuetype" -> Comparator.comparing(issue -> issue.path("type").asText());
			default -> (a, b) -> 0;
		};
	}

}
