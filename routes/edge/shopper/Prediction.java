package io.edgeloop.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the model said: TF Serving's {@code {"predictions": ["tea-green", "0.838234"]}} for the demo's
 * signature, and whether that is a known product (not {@code other}, probability at the threshold).
 */
public record Prediction(String label, double probability, boolean known) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same prediction, taken as unknown (its item is not in the catalogue). */
    public static Prediction unknown(Prediction prediction) {
        return new Prediction(prediction.label(), prediction.probability(), false);
    }

    /** The label to file a photo under: the model's, or {@code unknown} when there was no prediction. */
    public static String labelOf(Prediction prediction) {
        return prediction == null ? "unknown" : prediction.label();
    }

    /** The catalogue item to price: the label of a known product, {@code other} for the rest. */
    public String catalogueItem() {
        return known ? label : "other";
    }

    public static Prediction of(String response, double threshold) {
        try {
            JsonNode predictions = JSON.readTree(response).path("predictions");
            String label = predictions.path(0).asText();
            double probability = Double.parseDouble(predictions.path(1).asText());
            if (label.isEmpty()) {
                throw new IllegalArgumentException("no label");
            }
            return new Prediction(label, probability, !label.equals("other") && probability >= threshold);
        } catch (Exception e) {
            throw new UnavailableException("the model server answered something else than [label, probability]: "
                    + response);
        }
    }
}
