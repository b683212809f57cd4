package dev.jiraai.privacy;

/**
 * The personal data reporting API could not be reached or answered something other than
 * 200, 204 or 429; the site's report is tried again later.
 */
class PersonalDataReportFailed extends RuntimeException {

	PersonalDataReportFailed(String clientKey, String reason, Throwable cause) {
		super("Reporting the personal data of site '%s' failed: %s".formatted(clientKey, reason), cause);
	}

}
