package io.edgeloop.shopper;

import java.util.LinkedHashMap;
import java.util.Map;


/** The JSON of an ingestion: the price engine request, the answer, and the monitor event of the original demo. */
public final class Ingestion {

    private Ingestion() {
    }

    /** {@code POST /item} of the price engine: the catalogue item of a product label. */
    public static String itemRequest(String product) {
        return JsonWriter.write(Map.of("product", product));
    }

    public static String response(String item, String key) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", "done");
        response.put("item", item);
        response.put("key", key);
        return JsonWriter.write(response);
    }

    public static String event(String item) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("origin", "http");
        event.put("valid", true);
        event.put("item", item);
        event.put("price", "n/a");
        event.put("name", "ingestion");
        return JsonWriter.write(event);
    }
}
