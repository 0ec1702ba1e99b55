package io.opencontrol.modelserver.tensor;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tensor element types the server accepts (OIP names). Others are refused with 400:
 * the engines here compute in these, and every conversion is defined.
 */
public enum DataType {

	FP32(4), FP64(8), INT32(4), INT64(8), BOOL(1);

	private final int bytes;

	DataType(int bytes) {
		this.bytes = bytes;
	}

	/** Size of one element in the raw (binary extension) layout. */
	public int bytes() {
		return this.bytes;
	}

	/** The type an OIP datatype name stands for, if the server supports it. */
	public static Optional<DataType> named(String name) {
		return Arrays.stream(values()).filter((type) -> type.name().equals(name)).findFirst();
	}

}
