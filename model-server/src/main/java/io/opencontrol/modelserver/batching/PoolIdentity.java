package io.opencontrol.modelserver.batching;

/** Which model version a pool serves, for thread names, logs and errors. */
record PoolIdentity(String model, long version) {

	DeadlineExpired expired() {
		return new DeadlineExpired(this.model, this.version);
	}

	PoolClosed closed() {
		return new PoolClosed(this.model, this.version);
	}

	@Override
	public String toString() {
		return this.model + " v" + this.version;
	}

}
