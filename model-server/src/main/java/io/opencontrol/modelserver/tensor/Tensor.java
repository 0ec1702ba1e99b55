package io.opencontrol.modelserver.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A named tensor with its elements in the binary extension's layout: row-major,
 * little-endian, one byte per BOOL. Requests arrive in this form (JSON is converted while
 * it is parsed, binary data is taken as it is), batches are stacked from it and answers
 * are split back into it.
 */
public record Tensor(String name, DataType datatype, Shape shape, ByteBuffer data) {

	public Tensor {
		data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		long expected = shape.elements() * datatype.bytes();
		if (data.remaining() != expected) {
			throw new IllegalArgumentException(
					"tensor " + name + " holds " + data.remaining() + " bytes, its shape needs " + expected);
		}
	}

	/** Rows along the first (batch) dimension. */
	public int rows() {
		return (int) this.shape.dim(0);
	}

	public float[] toFloats() {
		float[] values = new float[(int) this.shape.elements()];
		this.data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
		return values;
	}

}
