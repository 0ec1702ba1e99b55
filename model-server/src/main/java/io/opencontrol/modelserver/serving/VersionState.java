package io.opencontrol.modelserver.serving;

/**
 * A model version as the repository index reports it.
 *
 * @param model the model's name
 * @param version the version number, or null for a model without a servable config
 * @param state {@code LOADING}, {@code READY}, {@code UNLOADING}, {@code UNAVAILABLE}
 * @param reason why it is unavailable, or null
 */
public record VersionState(String model, Long version, String state, String reason) {

}
