package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each HTTP request to its handler by TF Serving's URL patterns (and the v2, metrics and health paths), answers
 * every failure as {@code {"error": "..."}} and counts the model API requests.
 */
public final class RestRouter implements HttpHandler {

    public static final String METRICS_PATH = "/monitoring/prometheus/metrics";
    public static final String HEALTH_PATH = "/healthz";

    /** TF Serving's http_rest_api_util.cc patterns. */
    private static final Pattern PREDICTION = Pattern.compile(
            "(?i)/v1/models/([^/:]+)(?:(?:/versions/(\\d+))|(?:/labels/([^/:]+)))?:(classify|regress|predict)");
    private static final Pattern MODEL_STATUS = Pattern.compile(
            "(?i)/v1/models(?:/([^/:]+))?(?:(?:/versions/(\\d+))|(?:/labels/([^/:]+)))?(?:/(metadata))?");
    private static final Pattern V1 = Pattern.compile("(?i)/v1/.*");
    private static final Pattern V2_MODEL = Pattern.compile("/v2/models/([^/]+)(?:/versions/([^/]+))?(?:/(ready|infer))?");

    private static final Logger LOG = LoggerFactory.getLogger(RestRouter.class);

    /** Where a request goes: the API it counts under (null: not counted), the model it names, and its answer. */
    private record Route(String api, String model, Function<byte[], RestResponse> answer) {
    }

    private final ObjectMapper json;
    private final ModelVersions versions;
    private final PredictHandler predict;
    private final ExampleHandler examples;
    private final ModelStatusHandler status;
    private final MetadataHandler metadata;
    private final InferenceV2Handler v2;
    private final HealthHandler health;
    private final ServerMetrics metrics;

    public RestRouter(ObjectMapper json, ModelVersions versions, PredictHandler predict, ExampleHandler examples,
            ModelStatusHandler status, MetadataHandler metadata, InferenceV2Handler v2, HealthHandler health,
            ServerMetrics metrics) {
        this.json = json;
        this.versions = versions;
        this.predict = predict;
        this.examples = examples;
        this.status = status;
        this.metadata = metadata;
        this.v2 = v2;
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            long started = System.nanoTime();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Route route = null;
            RestResponse response;
            try {
                route = route(method, path);
                response = route.answer().apply(body);
            } catch (ApiError e) {
                response = RestResponse.error(e);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", method, path, e);
                response = RestResponse.error(ApiError.internal(e.toString()));
            }
            if (route != null && route.api() != null) {
                metrics.request(versions.name().equals(route.model()) ? route.model() : "unknown", route.api(),
                        response.code(), (System.nanoTime() - started) / 1_000);
            }
            send(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private Route route(String method, String path) {
        if (path.equals(METRICS_PATH)) {
            requireMethod(method, "GET", path);
            return new Route(null, null, body -> RestResponse.text(metrics.exposition(versions)));
        }
        if (path.equals(HEALTH_PATH)) {
            requireMethod(method, "GET", path);
            return new Route(null, null, body -> health.answer());
        }
        if (V1.matcher(path).matches()) {
            return v1(method, path);
        }
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            return v2(method, path);
        }
        throw ApiError.notFound("Not found: " + path);
    }

    /** TF Serving's ParseModelInfo, with 405 where it answers a wrong method with 400. */
    private Route v1(String method, String path) {
        Matcher prediction = PREDICTION.matcher(path);
        if (prediction.matches()) {
            requireMethod(method, "POST", path);
            String model = decode(prediction.group(1));
            VersionSpec spec = spec(prediction.group(2), prediction.group(3));
            String verb = prediction.group(4).toLowerCase(Locale.ROOT);
            return new Route(verb, model, switch (verb) {
                case "classify" -> body -> examples.classify(model, spec, body);
                case "regress" -> body -> examples.regress(model, spec, body);
                default -> body -> predict.answer(model, spec, body);
            });
        }
        Matcher modelStatus = MODEL_STATUS.matcher(path);
        if (modelStatus.matches()) {
            requireMethod(method, "GET", path);
            String model = modelStatus.group(1) == null ? "" : decode(modelStatus.group(1));
            if (model.isEmpty()) {
                throw ApiError.invalidArgument("Missing model name in request.");
            }
            VersionSpec spec = spec(modelStatus.group(2), modelStatus.group(3));
            return modelStatus.group(4) != null
                    ? new Route("GetModelMetadata", model, body -> metadata.answer(model, spec))
                    : new Route("GetModelStatus", model, body -> status.answer(model, spec));
        }
        throw ApiError.invalidArgument("Malformed request: " + method + " " + path);
    }

    private Route v2(String method, String path) {
        switch (path) {
            case "/v2" -> {
                requireMethod(method, "GET", path);
                return new Route(null, null, body -> v2.serverMetadata());
            }
            case "/v2/health/live" -> {
                requireMethod(method, "GET", path);
                return new Route(null, null, body -> v2.live());
            }
            case "/v2/health/ready" -> {
                requireMethod(method, "GET", path);
                return new Route(null, null, body -> v2.ready());
            }
            default -> {
                Matcher model = V2_MODEL.matcher(path);
                if (!model.matches()) {
                    throw ApiError.notFound("Not found: " + path);
                }
                String name = decode(model.group(1));
                String version = model.group(2) == null ? null : decode(model.group(2));
                String action = model.group(3);
                if ("infer".equals(action)) {
                    requireMethod(method, "POST", path);
                    return new Route("infer", name, body -> v2.infer(name, version, body));
                }
                requireMethod(method, "GET", path);
                return "ready".equals(action)
                        ? new Route("ModelReady", name, body -> v2.modelReady(name, version))
                        : new Route("ModelMetadata", name, body -> v2.modelMetadata(name, version));
            }
        }
    }

    private static VersionSpec spec(String version, String label) {
        if (version != null) {
            try {
                return new VersionSpec.Specific(Long.parseLong(version));
            } catch (NumberFormatException e) {
                throw ApiError.invalidArgument("Failed to convert version: " + version + " to numeric.");
            }
        }
        return label != null ? new VersionSpec.Label(decode(label)) : VersionSpec.LATEST;
    }

    private static void requireMethod(String method, String allowed, String path) {
        if (!method.equals(allowed)) {
            throw ApiError.methodNotAllowed("Malformed request: " + method + " " + path, allowed);
        }
    }

    /** Percent-decoding of a path segment ({@code +} stays a plus, as curl_easy_unescape keeps it). */
    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument("Failed to decode path segment: " + segment);
        }
    }

    private void send(HttpExchange exchange, RestResponse response) throws IOException {
        byte[] body = response.json() != null ? json.writeValueAsBytes(response.json())
                : response.text().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.json() != null ? "application/json"
                : "text/plain; version=0.0.4; charset=utf-8");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
