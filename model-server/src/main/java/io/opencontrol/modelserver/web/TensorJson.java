package io.opencontrol.modelserver.web;

import java.nio.ByteBuffer;

import io.opencontrol.modelserver.tensor.Tensor;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a tensor's elements as JSON: flat (OIP) or nested by its shape
 * ({@code /predict}).
 */
final class TensorJson {

	private TensorJson() {
	}

	static void flat(JsonGenerator json, Tensor tensor) {
		ByteBuffer data = tensor.data().duplicate().order(tensor.data().order());
		json.writeStartArray();
		long elements = tensor.shape().elements();
		for (long i = 0; i < elements; i++) {
			element(json, tensor, data);
		}
		json.writeEndArray();
	}

	static void nested(JsonGenerator json, Tensor tensor) {
		nested(json, tensor, tensor.data().duplicate().order(tensor.data().order()), 0);
	}

	private static void nested(JsonGenerator json, Tensor tensor, ByteBuffer data, int dim) {
		json.writeStartArray();
		for (long i = 0; i < tensor.shape().dim(dim); i++) {
			if (dim == tensor.shape().rank() - 1) {
				element(json, tensor, data);
			}
			else {
				nested(json, tensor, data, dim + 1);
			}
		}
		json.writeEndArray();
	}

	private static void element(JsonGenerator json, Tensor tensor, ByteBuffer data) {
		switch (tensor.datatype()) {
			case FP32 -> json.writeNumber(data.getFloat());
			case FP64 -> json.writeNumber(data.getDouble());
			case INT32 -> json.writeNumber(data.getInt());
			case INT64 -> json.writeNumber(data.getLong());
			case BOOL -> json.writeBoolean(data.get() != 0);
		}
	}

}
