package io.opencontrol.modelserver.tensor;

/**
 * A tensor in a model's signature: its name, type and shape, where the first dimension is
 * the batch ({@code -1}) and others may be {@code -1} for any size.
 */
public record TensorSpec(String name, DataType datatype, Shape shape) {

	/**
	 * The most elements one request may carry for this tensor: a bound a parser holds a
	 * request to before it allocates, whatever shape the request declares.
	 * {@link Long#MAX_VALUE} when a dimension other than the batch may have any size (the
	 * request size limit bounds those).
	 */
	public long maxElements(int maxBatchSize) {
		long product = maxBatchSize;
		for (int i = 1; i < this.shape.rank(); i++) {
			long dim = this.shape.dim(i);
			if (dim < 0) {
				return Long.MAX_VALUE;
			}
			product = Math.multiplyExact(product, dim);
		}
		return product;
	}

}
