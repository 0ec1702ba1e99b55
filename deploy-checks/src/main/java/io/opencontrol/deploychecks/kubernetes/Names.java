package io.opencontrol.deploychecks.kubernetes;

import java.util.regex.Pattern;

/** The name formats the API server enforces (k8s.io/apimachinery/pkg/util/validation). */
final class Names {

	private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern DNS1123_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern IANA_SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

	private Names() {
	}

	static boolean isDns1123Label(String name) {
		return name != null && name.length() <= 63 && DNS1123_LABEL.matcher(name).matches();
	}

	static boolean isDns1123Subdomain(String name) {
		return name != null && name.length() <= 253 && DNS1123_SUBDOMAIN.matcher(name).matches();
	}

	static boolean isDns1035Label(String name) {
		return name != null && name.length() <= 63 && DNS1035_LABEL.matcher(name).matches();
	}

	/** A port name: at most 15 characters, a letter among them, no double hyphen. */
	static boolean isPortName(String name) {
		return name != null && name.length() <= 15 && IANA_SERVICE_NAME.matcher(name).matches() && !name.contains("--")
				&& name.chars().anyMatch(Character::isLetter);
	}

	/**
	 * A label or annotation key: an optional DNS subdomain prefix and a name of 63
	 * characters.
	 */
	static boolean isQualifiedName(String key) {
		int slash = key.indexOf('/');
		String name = (slash >= 0) ? key.substring(slash + 1) : key;
		if (slash >= 0 && !isDns1123Subdomain(key.substring(0, slash))) {
			return false;
		}
		return name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
	}

	static boolean isLabelValue(String value) {
		return value.isEmpty() || (value.length() <= 63 && QUALIFIED_NAME.matcher(value).matches());
	}

}
