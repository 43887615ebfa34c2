package io.edgeloop.local.testing;

import java.util.Properties;

import io.edgeloop.local.integration.Site;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A bare Camel context that loads our kamelets from {@code kamelets/} on disk and knows a site's
 * connection properties, for exercising the kamelets on their own.
 */
public final class KameletContext implements AutoCloseable {

    private final DefaultCamelContext context;

    private KameletContext(DefaultCamelContext context) {
        this.context = context;
    }

    public static KameletContext start(TestPlatform platform, Site site) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(platform.platform().connections().forSite(site));
        context.getPropertiesComponent().setOverrideProperties(properties);
        context.getComponent("kamelet", KameletComponent.class)
                .setLocation("file:" + platform.config().home().resolve("kamelets"));
        context.start();
        return new KameletContext(context);
    }

    /** Adds a route {@code from -> to}, e.g. from a source kamelet to a seda queue the test reads. */
    public void route(String from, String to) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(to);
            }
        });
    }

    public ProducerTemplate producer() {
        return context.createProducerTemplate();
    }

    public ConsumerTemplate consumer() {
        return context.createConsumerTemplate();
    }

    @Override
    public void close() {
        context.stop();
    }
}
