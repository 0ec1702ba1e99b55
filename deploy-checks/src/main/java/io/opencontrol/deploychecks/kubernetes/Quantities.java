package io.opencontrol.deploychecks.kubernetes;

import java.math.BigDecimal;
import java.util.Optional;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.custom.QuantityFormatException;

/** Kubernetes quantities (500m, 1.5, 256Mi) as the client library parses them. */
final class Quantities {

	private Quantities() {
	}

	static Optional<BigDecimal> parse(Object value) {
		if (value instanceof Number number) {
			return Optional.of(new BigDecimal(number.toString()));
		}
		if (!(value instanceof String text) || text.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Quantity(text).getNumber());
		}
		catch (QuantityFormatException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
