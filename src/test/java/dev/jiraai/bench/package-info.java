/**
 * The load benchmark ({@code ./mvnw -Pbench verify}, see docs/benchmarks.md): the
 * packaged app as a child process against lean, fixed-latency stand-ins for Jira and the
 * model. No class here is named like a test, so the default build compiles it and never
 * runs it.
 */
package dev.jiraai.bench;
