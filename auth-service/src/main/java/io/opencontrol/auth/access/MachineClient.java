package io.opencontrol.auth.access;

/**
 * A robot or service that gets tokens with the client-credentials grant.
 *
 * @param clientId its id
 * @param name a human-readable name
 * @param rights what its tokens carry
 * @param enabled whether it still gets tokens
 */
public record MachineClient(String clientId, String name, ClientAccess rights, boolean enabled) {
}
