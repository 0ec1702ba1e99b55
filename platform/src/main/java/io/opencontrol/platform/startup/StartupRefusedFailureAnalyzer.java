package io.opencontrol.platform.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link StartupRefused} anywhere in a failed start into its description. */
class StartupRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartupRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupRefused cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
