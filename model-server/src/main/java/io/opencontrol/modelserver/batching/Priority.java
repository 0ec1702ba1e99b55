package io.opencontrol.modelserver.batching;

/**
 * Queue priority: every queued {@code HIGH} request is taken before any {@code NORMAL}
 * one.
 */
public enum Priority {

	HIGH, NORMAL

}
