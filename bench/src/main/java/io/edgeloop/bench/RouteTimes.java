package io.edgeloop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time spent per route, from the integration's Prometheus metrics ({@code camel_route_policy_seconds}). */
final class RouteTimes {

    private static final Pattern LINE = Pattern.compile(
            "camel_route_policy_seconds_(sum|count)\\{[^}]*routeId=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)");

    private final Map<String, double[]> sumAndCount;

    private RouteTimes(Map<String, double[]> sumAndCount) {
        this.sumAndCount = sumAndCount;
    }

    /** The route times now, or null when the metrics cannot be read. */
    static RouteTimes scrape(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/observe/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            Map<String, double[]> values = new HashMap<>();
            Matcher matcher = LINE.matcher(response.body());
            while (matcher.find()) {
                double[] value = values.computeIfAbsent(matcher.group(2), k -> new double[2]);
                value[matcher.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(matcher.group(3));
            }
            return new RouteTimes(values);
        } catch (Exception e) {
            return null;
        }
    }

    /** Mean milliseconds per exchange of {@code routeId} between {@code earlier} and now, or null. */
    String meanMillisSince(RouteTimes earlier, String routeId) {
        double[] now = sumAndCount.get(routeId);
        if (now == null) {
            return null;
        }
        double[] then = earlier.sumAndCount.getOrDefault(routeId, new double[2]);
        double count = now[1] - then[1];
        return count <= 0 ? null : String.format(Locale.ROOT, "%.1f", (now[0] - then[0]) * 1000 / count);
    }
}
