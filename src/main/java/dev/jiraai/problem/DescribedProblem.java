package dev.jiraai.problem;

/**
 * A failure of a module that names its own problem type, so the one problem mapper (in
 * the web module) answers it without knowing the module: the modules that raise such
 * failures are the web module's dependents, not its dependencies. The detail is the
 * exception's message and the type's next step.
 */
public interface DescribedProblem {

	/** The problem this failure is answered with. */
	ProblemType problemType();

}
