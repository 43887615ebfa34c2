package io.edgeloop.modelserver.json;

import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.inference.TensorSpec;

/** One input of a request, read from JSON and checked against its signature input: values, dims and dtype. */
public record RequestTensor(TensorSpec spec, long[] dims, TensorValues values) {

    /**
     * @throws ApiError 400 when the dims do not fit the signature's shape (TF Serving leaves that to the model, which
     *                  may then answer nonsense or fail obscurely)
     */
    public RequestTensor {
        if (!spec.accepts(dims)) {
            throw ApiError.invalidArgument("Tensor name: " + spec.alias() + " has shape " + TensorSpec.dimsText(dims)
                    + " but the signature expects " + spec.shapeText());
        }
    }
}
