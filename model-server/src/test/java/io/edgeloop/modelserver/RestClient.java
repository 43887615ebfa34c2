package io.edgeloop.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** The tests' HTTP client: a request to the server under test, its status, headers and JSON (or text) body. */
final class RestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** The {@code "error"} of an error body. */
        String error() {
            return json().path("error").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    RestClient(int port) {
        this.port = port;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String body) {
        return send("POST", path, body);
    }

    Reply post(String path, JsonNode body) {
        return send("POST", path, body.toString());
    }

    Reply send(String method, String path, String body) {
        return send(method, path, body, "Content-Type", "application/json");
    }

    /** @param headers name, value, name, value... */
    Reply send(String method, String path, String body, String... headers) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .headers(headers)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An error answer in TF Serving's shape: the status and {@code {"error": message}} alone (any text if null). */
    static void assertError(Reply reply, int status, String message) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().size()).as(reply.body()).isEqualTo(1);
        assertThat(reply.error()).as(reply.body()).isNotBlank();
        if (message != null) {
            assertThat(reply.error()).isEqualTo(message);
        }
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** TF Serving's row format for one image: {@code {"instances": [{"b64": "..."}]}}. */
    static String oneImage(byte[] jpeg) {
        return "{\"instances\": [{\"b64\": \"" + b64(jpeg) + "\"}]}";
    }
}
