/**
 * Problems: how a module's failure names the RFC 9457 problem it is answered with, and
 * how a module turns a failure into a problem body where there is no status to answer
 * with (a stream's {@code error} event, a failed task), without depending on the web
 * module that maps them; and how a problem names a field of a JSON body.
 */
@ApplicationModule(displayName = "Problems", allowedDependencies = {})
package dev.jiraai.problem;

import org.springframework.modulith.ApplicationModule;
