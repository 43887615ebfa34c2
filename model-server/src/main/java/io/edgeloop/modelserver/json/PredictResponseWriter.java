package io.edgeloop.modelserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.modelserver.inference.ApiError;
import java.util.List;

/**
 * Output tensors as TF Serving's predict answer: {@code "predictions"}, one entry per element of the first dimension
 * (row format), or {@code "outputs"}, each tensor whole (columnar format); by name when there are several.
 */
public final class PredictResponseWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** @param outputs the signature's outputs, in name order */
    public ObjectNode write(List<OutputValues> outputs, RestRequestParser.Format format) {
        if (outputs.isEmpty()) {
            throw ApiError.invalidArgument("Cannot convert empty tensor map to JSON");
        }
        ObjectNode answer = NODES.objectNode();
        if (format == RestRequestParser.Format.ROW) {
            answer.set("predictions", rows(outputs));
        } else if (outputs.size() == 1) {
            answer.set("outputs", nested(outputs.get(0), 0, new int[1]));
        } else {
            ObjectNode named = answer.putObject("outputs");
            outputs.forEach(output -> named.set(output.alias(), nested(output, 0, new int[1])));
        }
        return answer;
    }

    /**
     * TF Serving's MakeRowFormatJsonFromTensors: every output must have the same first dimension; a batch of none is
     * {@code []}.
     */
    private static ArrayNode rows(List<OutputValues> outputs) {
        long batch = -1;
        for (OutputValues output : outputs) {
            long[] dims = output.dims();
            if (dims.length == 0) {
                throw ApiError.invalidArgument("Tensor name: " + output.alias() + " has no shape information ");
            }
            if (batch >= 0 && batch != dims[0]) {
                throw ApiError.invalidArgument("Tensor name: " + output.alias() + " has inconsistent batch size: "
                        + dims[0] + " expecting: " + batch);
            }
            batch = dims[0];
        }
        ArrayNode predictions = NODES.arrayNode();
        int[][] offsets = new int[outputs.size()][1];
        for (long item = 0; item < batch; item++) {
            if (outputs.size() == 1) {
                predictions.add(nested(outputs.get(0), 1, offsets[0]));
            } else {
                ObjectNode row = predictions.addObject();
                for (int i = 0; i < outputs.size(); i++) {
                    row.set(outputs.get(i).alias(), nested(outputs.get(i), 1, offsets[i]));
                }
            }
        }
        return predictions;
    }

    /** The values from dimension {@code dim} on, as nested lists; {@code offset[0]} is the next flat element. */
    private static JsonNode nested(OutputValues output, int dim, int[] offset) {
        if (dim == output.rank()) {
            return output.json(offset[0]++);
        }
        ArrayNode list = NODES.arrayNode();
        for (long i = 0; i < output.dim(dim); i++) {
            list.add(nested(output, dim + 1, offset));
        }
        return list;
    }
}
