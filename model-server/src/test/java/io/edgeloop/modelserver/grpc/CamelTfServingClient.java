package io.edgeloop.modelserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The client Camel users have: routes {@code direct:<api>} to {@code tensorflow-serving:<api>?target=...&modelName=...}
 * for predict, classify, regress, model-status and model-metadata; headers ({@code CamelTensorFlowServing*}) pick
 * version and signature.
 */
public final class CamelTfServingClient implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    public CamelTfServingClient(int grpcPort, String modelName) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String api : List.of("predict", "classify", "regress", "model-status", "model-metadata")) {
                    from("direct:" + api).to("tensorflow-serving:" + api + "?target=localhost:" + grpcPort
                            + "&modelName=" + modelName);
                }
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    /** The reply body of a call that must succeed. */
    public <T> T reply(String api, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = call(api, body, headers);
        assertThat(exchange.getException()).as("call %s", api).isNull();
        return exchange.getMessage().getBody(type);
    }

    /** The gRPC status of a call that must fail. */
    public Status failure(String api, Object body, Map<String, Object> headers) {
        Exchange exchange = call(api, body, headers);
        assertThat(exchange.getException()).as("call %s", api).isNotNull();
        return Status.fromThrowable(exchange.getException());
    }

    public static void assertStatus(Status status, Status.Code code, String description) {
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).isEqualTo(description);
    }

    private Exchange call(String api, Object body, Map<String, Object> headers) {
        return template.send("direct:" + api, exchange -> {
            exchange.getIn().setHeaders(headers);
            exchange.getIn().setBody(body);
        });
    }

    @Override
    public void close() {
        camel.stop();
    }
}
