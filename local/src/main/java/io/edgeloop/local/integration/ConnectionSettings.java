package io.edgeloop.local.integration;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edgeloop.local.EdgeIds;
import io.edgeloop.local.infra.S3Credentials;

/**
 * The properties routes use to reach the infrastructure and each other, for one site. Route files
 * only name the keys ({@code {{kafka.brokers}}}, {@code {{s3.endpoint}}} ...); locally these values fill
 * them in, in a cluster the ConfigMaps and Secrets do.
 */
public record ConnectionSettings(String edgeId, String kafkaBrokers, String centralS3, String edgeS3,
        S3Credentials credentials, String region, String mqttBroker, String mqttWebSocket, Path modelRepository, Map<String, String> serviceUrls) {

    public Map<String, String> forSite(Site site) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.brokers", kafkaBrokers);
        props.put("s3.endpoint", site == Site.CENTRAL ? centralS3 : edgeS3);
        props.put("s3.accessKey", credentials.accessKey());
        props.put("s3.secretKey", credentials.secretKey());
        props.put("s3.region", region);
        if (site == Site.CENTRAL) {
            props.put("edge.id-pattern", EdgeIds.PATTERN);
        }
        if (site == Site.EDGE) {
            props.put("edge.id", edgeId);
            props.put("mqtt.brokerUrl", mqttBroker);
            props.put("mqtt.webSocketUrl", mqttWebSocket);
            props.put("central.s3.endpoint", centralS3);
            props.put("central.s3.accessKey", credentials.accessKey());
            props.put("central.s3.secretKey", credentials.secretKey());
            props.put("edge.model-repository", modelRepository.toString());
        }
        props.putAll(serviceUrls);
        return props;
    }
}
