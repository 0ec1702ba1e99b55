package io.opencontrol.platform.startup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports why a service did not start as one log line, so that a container's log (and a
 * JSON log pipeline) shows it whole; Boot's own block of a dozen lines is switched off in
 * the operational defaults.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

	private static final Log logger = LogFactory.getLog(OneLineFailureReporter.class);

	@Override
	public void report(FailureAnalysis analysis) {
		String action = (analysis.getAction() != null) ? " " + oneLine(analysis.getAction()) : "";
		logger.error("Not started: " + oneLine(analysis.getDescription()) + action);
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}
