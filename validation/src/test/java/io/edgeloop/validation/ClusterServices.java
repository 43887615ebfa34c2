package io.edgeloop.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Services of a site by name with their port numbers and names: those it declares, plus those its operators
 * create for its custom resources, named as their documentation says: Strimzi's bootstrap Service
 * {@code <kafka>-kafka-bootstrap} (a port per listener), the Artemis operator's
 * {@code <broker>-<acceptor>-<ordinal>-svc} per acceptor, Tekton Triggers' {@code el-<listener>} on 8080.
 */
final class ClusterServices {

    /** A Service's ports (numbers, as text, and names) and whether the site declares it itself. */
    record Ports(Set<String> ports, boolean declared, JsonNode service) {

        boolean has(String port) {
            return ports.contains(port);
        }
    }

    private ClusterServices() {
    }

    static Map<String, Ports> of(Manifests.Site site) {
        Map<String, Ports> services = new LinkedHashMap<>();
        for (JsonNode service : site.ofKind("Service")) {
            Set<String> ports = new TreeSet<>();
            service.path("spec").path("ports").forEach(port -> {
                ports.add(port.path("port").asText());
                if (port.has("name")) {
                    ports.add(port.path("name").asText());
                }
            });
            services.put(Manifests.name(service), new Ports(ports, true, service));
        }
        for (JsonNode kafka : site.ofKind("Kafka")) {
            Set<String> ports = new TreeSet<>();
            kafka.path("spec").path("kafka").path("listeners").forEach(listener -> ports.add(listener.path("port").asText()));
            services.put(Manifests.name(kafka) + "-kafka-bootstrap", new Ports(ports, false, kafka));
        }
        for (JsonNode broker : site.ofKind("ActiveMQArtemis")) {
            int size = broker.path("spec").path("deploymentPlan").path("size").asInt(1);
            for (JsonNode acceptor : broker.path("spec").path("acceptors")) {
                for (int ordinal = 0; ordinal < size; ordinal++) {
                    services.put(Manifests.name(broker) + "-" + acceptor.path("name").asText() + "-" + ordinal + "-svc",
                            new Ports(Set.of(acceptor.path("port").asText()), false, broker));
                }
            }
        }
        for (JsonNode listener : site.ofKind("EventListener")) {
            services.put("el-" + Manifests.name(listener), new Ports(Set.of("8080"), false, listener));
        }
        return services;
    }

    /**
     * The addresses the central site exposes to the edges through Skupper (1.x annotations skupper.io/address on
     * a Service, or on Strimzi's bootstrap Service through the Kafka template), with the ports behind them.
     */
    static Map<String, Ports> skupperAddresses(Manifests.Site central) {
        Map<String, Ports> addresses = new LinkedHashMap<>();
        of(central).forEach((name, ports) -> {
            JsonNode annotations = ports.declared() ? ports.service().path("metadata").path("annotations")
                    : ports.service().path("spec").path("kafka").path("template").path("bootstrapService")
                            .path("metadata").path("annotations");
            if (annotations.has("skupper.io/address") && annotations.has("skupper.io/proxy")) {
                addresses.put(annotations.get("skupper.io/address").asText(), ports);
            }
        });
        return addresses;
    }
}
