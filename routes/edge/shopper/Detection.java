package io.edgeloop.shopper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One detection: the prediction, the model version that made it and the catalogue entry of its item, turned
 * into the answer ({@code known, pricetag, item, label, probability, modelVersion, products}) and the monitor
 * event ({@code origin, valid, item, price, name}) of the original demo.
 */
public final class Detection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Prediction prediction;
    private final Long modelVersion;
    private final JsonNode catalogueEntry;
    private final String origin;

    private Detection(Prediction prediction, Long modelVersion, JsonNode catalogueEntry, String origin) {
        this.prediction = prediction;
        this.modelVersion = modelVersion;
        this.catalogueEntry = catalogueEntry;
        this.origin = origin;
    }

    /**
     * @param price the price engine's answer for the item ({@code {"item", "label", "price"}}), or for
     *     {@code other} when the product is unknown (then with {@code "products"} to choose from)
     */
    public static Detection of(Prediction prediction, Long modelVersion, String price, String origin) {
        try {
            return new Detection(prediction, modelVersion, JSON.readTree(price), origin);
        } catch (JsonProcessingException e) {
            throw new UnavailableException("the price engine answered something else than JSON: " + price);
        }
    }

    public boolean isKnown() {
        return prediction.known();
    }

    /** The catalogue's name of a known product; the model's label otherwise. */
    public String getProductName() {
        return isKnown() ? catalogueEntry.path("label").asText(prediction.label()) : prediction.label();
    }

    public String response() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("known", isKnown());
        response.put("pricetag", isKnown() ? getProductName() + ": " + catalogueEntry.path("price").asText() : null);
        response.put("item", prediction.label());
        response.put("label", isKnown() ? getProductName() : null);
        response.put("probability", prediction.probability());
        response.put("modelVersion", modelVersion);
        List<String> products = new ArrayList<>();
        if (!isKnown()) {
            catalogueEntry.path("products").forEach(product -> products.add(product.asText()));
        }
        response.put("products", products);
        return JsonWriter.write(response);
    }

    public String event() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("origin", origin);
        event.put("valid", isKnown());
        event.put("item", getProductName());
        event.put("price", isKnown() ? catalogueEntry.path("price").asText() : "n/a");
        event.put("name", "detection");
        return JsonWriter.write(event);
    }
}
