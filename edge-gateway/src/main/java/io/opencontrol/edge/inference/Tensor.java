package io.opencontrol.edge.inference;

import java.util.Arrays;

/** A named FP32 tensor: its shape (batch first) and its values in row-major order. */
record Tensor(String name, long[] shape, float[] values) {

	int rows() {
		return (int) this.shape[0];
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Tensor tensor && tensor.name.equals(this.name)
				&& Arrays.equals(tensor.shape, this.shape) && Arrays.equals(tensor.values, this.values);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode() * 31 + Arrays.hashCode(this.shape);
	}

	@Override
	public String toString() {
		return this.name + Arrays.toString(this.shape);
	}

}
