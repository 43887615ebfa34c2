package io.edgeloop.modelserver;

/** One input of a request, read from JSON and checked against its signature input: values, dims and dtype. */
record RequestTensor(TensorSpec spec, long[] dims, TensorValues values) {

    /**
     * @throws ApiError 400 when the dims do not fit the signature's shape (TF Serving leaves that to the model, which
     *                  may then answer nonsense or fail obscurely)
     */
    RequestTensor {
        if (!spec.accepts(dims)) {
            throw ApiError.invalidArgument("Tensor name: " + spec.alias() + " has shape " + TensorSpec.dimsText(dims)
                    + " but the signature expects " + spec.shapeText());
        }
    }
}
