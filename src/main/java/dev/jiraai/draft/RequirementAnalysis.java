package dev.jiraai.draft;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A requirement analysis: functional and non-functional requirements, acceptance
 * criteria, dependencies, risks and open questions, in the one format asked for.
 *
 * @param markdown the analysis as a Markdown report, when asked for
 * @param json the analysis as JSON (the requirement analyser's schema), when asked for
 */
public record RequirementAnalysis(String markdown, JsonNode json) {
}
