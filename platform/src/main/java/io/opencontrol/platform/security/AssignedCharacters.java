package io.opencontrol.platform.security;

import java.util.function.Predicate;

/**
 * Spring Security's firewall rule for header names and values (every code point assigned,
 * none a control character), as a loop with a fast path for printable ASCII: the default
 * runs a Unicode-property regular expression over every header on every request,
 * including a kilobyte-long {@code Authorization}.
 */
final class AssignedCharacters implements Predicate<String> {

	@Override
	public boolean test(String value) {
		for (int i = 0; i < value.length();) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				i++;
				continue;
			}
			int codePoint = value.codePointAt(i);
			if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.UNASSIGNED) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
