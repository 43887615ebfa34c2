package io.edgeloop.modelserver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.edgeloop.modelserver.inference.ApiError;
import io.edgeloop.modelserver.metrics.ServerMetrics;
import io.edgeloop.modelserver.versions.ModelVersions;
import io.edgeloop.modelserver.versions.VersionSpec;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
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
    private static final Pattern HTTP_ORIGIN = Pattern.compile("https?://");
    private static final Set<String> VERBS = Set.of("classify", "regress", "predict");
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
            Route route = null;
            RestResponse response;
            try {
                byte[] body = body(exchange);
                route = route(method, path, exchange.getRequestHeaders().getFirst("Origin"));
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

    private Route route(String method, String path, String origin) {
        if (path.equals(METRICS_PATH)) {
            requireMethod(method, "GET", path);
            return new Route(null, null, body -> RestResponse.text(metrics.exposition(versions)));
        }
        if (path.equals(HEALTH_PATH)) {
            requireMethod(method, "GET", path);
            return new Route(null, null, body -> health.answer());
        }
        if (V1.matcher(path).matches()) {
            return v1(method, path, origin);
        }
        if (path.equals("/v2") || path.startsWith("/v2/")) {
            return v2(method, path);
        }
        throw ApiError.notFound("Not found: " + path);
    }

    /**
     * TF Serving's ParseModelInfo and ProcessRequest: POST takes the prediction pattern, GET the status and metadata
     * pattern, and everything else, a wrong method included, is 400 {@code Malformed request: <METHOD> <path>}. The
     * patterns ignore case, the verb and {@code metadata} do not (so {@code :PREDICT} is malformed and
     * {@code /METADATA} asks for the status), as in TF Serving.
     */
    private Route v1(String method, String path, String origin) {
        if (method.equals("OPTIONS")) {
            return new Route(null, null, body -> corsPreflight(origin));
        }
        if (method.equals("POST")) {
            Matcher prediction = PREDICTION.matcher(path);
            if (prediction.matches() && VERBS.contains(prediction.group(4))) {
                String model = decode(prediction.group(1));
                VersionSpec spec = spec(prediction.group(2), prediction.group(3));
                String verb = prediction.group(4);
                return new Route(verb, model, switch (verb) {
                    case "classify" -> body -> examples.classify(model, spec, body);
                    case "regress" -> body -> examples.regress(model, spec, body);
                    default -> body -> predict.answer(model, spec, body);
                });
            }
        } else if (method.equals("GET")) {
            Matcher modelStatus = MODEL_STATUS.matcher(path);
            if (modelStatus.matches()) {
                String model = modelStatus.group(1) == null ? "" : decode(modelStatus.group(1));
                if (model.isEmpty()) {
                    throw ApiError.invalidArgument("Missing model name in request.");
                }
                VersionSpec spec = spec(modelStatus.group(2), modelStatus.group(3));
                return "metadata".equals(modelStatus.group(4))
                        ? new Route("GetModelMetadata", model, body -> metadata.answer(model, spec))
                        : new Route("GetModelStatus", model, body -> status.answer(model, spec));
            }
        }
        throw ApiError.invalidArgument("Malformed request: " + method + " " + path);
    }

    /** TF Serving answers a CORS preflight that names an http(s) origin, and refuses one without, with no body. */
    private static RestResponse corsPreflight(String origin) {
        boolean fromWeb = origin != null && HTTP_ORIGIN.matcher(origin).find();
        return fromWeb ? RestResponse.empty(200, "OK") : RestResponse.empty(400, "FAILED_PRECONDITION");
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

    /**
     * Percent-decoding of a path segment as curl_easy_unescape does it: {@code %XX} is a byte, a {@code +} stays a
     * plus, and a {@code %} not followed by two hex digits stays as it is.
     */
    static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0
                    && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 3;
            } else {
                int codePoint = segment.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The request body, gunzipped when sent with {@code Content-Encoding: gzip} (as TF Serving's server does). */
    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            return gzip ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw ApiError.invalidArgument("The gzip request body cannot be read: " + e.getMessage());
        }
    }

    private void send(HttpExchange exchange, RestResponse response) throws IOException {
        byte[] body = response.json() != null ? json.writeValueAsBytes(response.json())
                : response.text() != null ? response.text().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (response.json() != null || response.text() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.json() != null ? "application/json"
                    : "text/plain; version=0.0.4; charset=utf-8");
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
