package io.opencontrol.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link SecuredGateway} for the whole test run and stops it when the run
 * ends, so the security test classes share it instead of each starting their own.
 */
final class SecuredGatewayExtension implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(SecuredGatewayExtension.class);

	private static volatile SecuredGateway stack;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent("stack", (key) -> new Running(startStack()), Running.class);
	}

	static SecuredGateway stack() {
		return stack;
	}

	private static SecuredGateway startStack() {
		try {
			stack = SecuredGateway.start();
			return stack;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start auth-service and gateway", ex);
		}
	}

	private record Running(SecuredGateway gateway) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.gateway.close();
		}

	}

}
