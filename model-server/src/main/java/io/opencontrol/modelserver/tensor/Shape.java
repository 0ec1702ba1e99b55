package io.opencontrol.modelserver.tensor;

import java.util.Arrays;

/**
 * A tensor's dimensions. In a model's declared signature a dimension may be {@code -1}
 * (any size); in a request every dimension is concrete.
 */
public final class Shape {

	private final long[] dims;

	private Shape(long[] dims) {
		this.dims = dims;
	}

	public static Shape of(long... dims) {
		return new Shape(dims.clone());
	}

	public int rank() {
		return this.dims.length;
	}

	public long dim(int index) {
		return this.dims[index];
	}

	public long[] dims() {
		return this.dims.clone();
	}

	/** The product of the dimensions; callers only ask for concrete, validated shapes. */
	public long elements() {
		long product = 1;
		for (long dim : this.dims) {
			product = Math.multiplyExact(product, dim);
		}
		return product;
	}

	/** This shape with the first dimension replaced. */
	public Shape withRows(long rows) {
		long[] copy = this.dims.clone();
		copy[0] = rows;
		return new Shape(copy);
	}

	/** The dimensions after the first, which must agree for requests to be stacked. */
	public Shape sample() {
		return new Shape(Arrays.copyOfRange(this.dims, 1, this.dims.length));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Shape shape && Arrays.equals(this.dims, shape.dims);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.dims);
	}

	@Override
	public String toString() {
		return Arrays.toString(this.dims);
	}

}
