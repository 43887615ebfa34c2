package io.edgeloop.local.testing;

import java.net.URI;

import io.edgeloop.local.integration.IntegrationRunner;
import org.apache.camel.CamelContext;

/** An integration started for a test, with its HTTP base URL. */
public final class RunningIntegration implements AutoCloseable {

    /** What stops the integration. */
    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }

    private final IntegrationRunner runner;
    private final Stopper stopper;

    RunningIntegration(IntegrationRunner runner, Stopper stopper) {
        this.runner = runner;
        this.stopper = stopper;
    }

    public URI url(String pathAndQuery) {
        return URI.create("http://localhost:" + runner.port() + pathAndQuery);
    }

    public CamelContext camelContext() {
        return runner.camelContext();
    }

    @Override
    public void close() throws Exception {
        stopper.stop();
    }
}
