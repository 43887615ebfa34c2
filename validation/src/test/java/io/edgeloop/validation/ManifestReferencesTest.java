package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgeloop.manifests.PropertiesFile;
import io.edgeloop.manifests.RouteIntegration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a site refers to exists in it: ConfigMaps and their keys, Secrets and their keys, PersistentVolumeClaims,
 * ServiceAccounts, the Services behind Ingresses and connection URLs (with the port), the pods behind Services
 * (with the container port); across sites, the central addresses the edges reach through Skupper and the buckets
 * and topics of every edge.
 */
@ExtendWith(FileNameInFailures.class)
class ManifestReferencesTest {

    private static final String INTEGRATION_LABEL = "camel.apache.org/integration";
    /** Camel K's integration container listens on 8080 (container trait default). */
    private static final String INTEGRATION_PORT = "8080";
    private static final Pattern RESOURCE_REF = Pattern.compile("(configmap|secret):([\\w.-]+)(?:/([\\w.-]+))?(?:@.*)?");

    static Stream<Named<Manifests.Site>> sites() {
        return Manifests.sites().stream().map(site -> Named.of(site.path(), site));
    }

    /** A pod template: the workload it belongs to, its labels, containers and volumes. */
    record Pod(String workload, Map<String, String> labels, List<JsonNode> containers, List<JsonNode> volumes,
            Set<String> ports) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void configMapsAndSecretsReferencedByPodsExistWithTheirKeys(Manifests.Site site) {
        List<String> missing = new ArrayList<>();
        for (Pod pod : pods(site)) {
            for (JsonNode volume : pod.volumes()) {
                checkVolume(site, pod, volume, missing);
            }
            for (JsonNode container : pod.containers()) {
                for (JsonNode env : container.path("env")) {
                    JsonNode from = env.path("valueFrom");
                    check(site, "ConfigMap", from.path("configMapKeyRef"), pod.workload(), missing);
                    check(site, "Secret", from.path("secretKeyRef"), pod.workload(), missing);
                }
                for (JsonNode from : container.path("envFrom")) {
                    check(site, "ConfigMap", from.path("configMapRef"), pod.workload(), missing);
                    check(site, "Secret", from.path("secretRef"), pod.workload(), missing);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void integrationsMountWhatExists(Manifests.Site site) {
        List<String> missing = new ArrayList<>();
        for (ObjectNode integration : site.ofKind("Integration")) {
            JsonNode mount = integration.path("spec").path("traits").path("mount");
            for (String field : List.of("configs", "resources")) {
                for (JsonNode reference : mount.path(field)) {
                    Matcher parsed = RESOURCE_REF.matcher(reference.asText());
                    assertThat(parsed.matches()).as("%s mount %s", Manifests.name(integration), reference).isTrue();
                    String kind = parsed.group(1).equals("configmap") ? "ConfigMap" : "Secret";
                    if (!keys(site, kind, parsed.group(2)).containsAll(parsed.group(3) == null ? Set.of()
                            : Set.of(parsed.group(3)))) {
                        missing.add(Manifests.name(integration) + " mounts " + reference.asText());
                    }
                }
            }
            for (JsonNode volume : mount.path("volumes")) {
                String claim = volume.asText().split(":")[0];
                if (site.named("PersistentVolumeClaim", claim).isEmpty()) {
                    missing.add(Manifests.name(integration) + " mounts the volume " + volume.asText());
                }
            }
            String account = integration.path("spec").path("serviceAccountName").asText(null);
            if (account != null && site.named("ServiceAccount", account).isEmpty()) {
                missing.add(Manifests.name(integration) + " runs as " + account);
            }
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void everyServiceSelectsAWorkloadOnAPortItListensOn(Manifests.Site site) {
        for (JsonNode service : site.ofKind("Service")) {
            Map<String, String> selector = strings(service.path("spec").path("selector"));
            List<Pod> selected = pods(site).stream()
                    .filter(pod -> pod.labels().entrySet().containsAll(selector.entrySet())).toList();

            assertThat(selector).as("Service %s selector", Manifests.name(service)).isNotEmpty();
            assertThat(selected).as("pods of Service %s", Manifests.name(service)).isNotEmpty();
            for (JsonNode port : service.path("spec").path("ports")) {
                String target = port.path("targetPort").asText(port.path("port").asText());
                assertThat(selected).as("Service %s targetPort %s", Manifests.name(service), target)
                        .allSatisfy(pod -> assertThat(pod.ports()).contains(target));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void ingressBackendsAreServicesWithThatPort(Manifests.Site site) {
        Map<String, ClusterServices.Ports> services = ClusterServices.of(site);
        for (JsonNode ingress : site.ofKind("Ingress")) {
            for (JsonNode backend : ingress.findValues("service")) {
                String name = backend.path("name").asText();
                JsonNode port = backend.path("port");
                String number = port.has("number") ? port.get("number").asText() : port.path("name").asText();

                assertThat(services).as("Ingress %s backend", Manifests.name(ingress)).containsKey(name);
                assertThat(services.get(name).has(number)).as("Service %s port %s", name, number).isTrue();
            }
        }
    }

    // http://host:port, tcp://host:port, host:port lists (kafka.brokers): the host is a Service of the site with that
    // port, or (at an edge) a central address exposed through Skupper.
    @ParameterizedTest(name = "{0}")
    @MethodSource("sites")
    void connectionSettingsNameServicesWithTheirPorts(Manifests.Site site) {
        Map<String, ClusterServices.Ports> reachable = new java.util.LinkedHashMap<>(ClusterServices.of(site));
        if (!site.central()) {
            reachable.putAll(ClusterServices.skupperAddresses(Manifests.central()));
        }
        List<String> unreachable = new ArrayList<>();
        SiteProperties.of(site).forEach((key, value) -> {
            for (String address : addresses(value)) {
                String host = address.substring(0, address.lastIndexOf(':'));
                String port = address.substring(address.lastIndexOf(':') + 1);
                // The browser's MQTT WebSocket: the monitor page puts its own host in place of localhost.
                boolean browser = key.equals("mqtt.webSocketUrl") && host.equals("localhost");
                if (!browser && !(reachable.containsKey(host) && reachable.get(host).has(port))) {
                    unreachable.add(key + "=" + value);
                }
            }
        });
        assertThat(unreachable).as("settings naming no Service of %s (nor a Skupper address)", site).isEmpty();
    }

    @Test
    void theEdgesReachTheCentralServicesTheyNeedThroughSkupper() {
        Map<String, ClusterServices.Ports> exposed = ClusterServices.skupperAddresses(Manifests.central());

        // edge manager -> central S3 (<edge>-ready), edge shopper -> feeder, edge monitor -> Kafka.
        assertThat(exposed).containsKeys("central-s3", "feeder", "central-kafka");
        assertThat(exposed.get("central-s3").service().path("metadata").path("name").asText()).isEqualTo("minio");
        assertThat(exposed.get("feeder").service().path("metadata").path("name").asText()).isEqualTo("feeder");
        // Through the bootstrap address the broker must advertise the same address on the edge listener.
        JsonNode edgeListener = Manifests.central().ofKind("Kafka").get(0).path("spec").path("kafka")
                .path("listeners").findParent("advertisedHost");
        assertThat(edgeListener.path("advertisedHost").asText()).isEqualTo("central-kafka");
        assertThat(exposed.get("central-kafka").has(edgeListener.path("advertisedPort").asText())).isTrue();
        for (Manifests.Site edge : Manifests.edges()) {
            assertThat(SiteProperties.of(edge).get("kafka.brokers")).isEqualTo(
                    "central-kafka:" + edgeListener.path("advertisedPort").asText());
        }
    }

    // The buckets the feeder refuses uploads without (404) and the topic the edge's monitor reads.
    @Test
    void everyEdgeIsRegisteredAtTheCentralSiteAndNoOtherIs() {
        Set<String> buckets = buckets(Manifests.central());
        Set<String> topics = new TreeSet<>();
        Manifests.central().ofKind("KafkaTopic").forEach(topic -> topics.add(Manifests.name(topic)));
        Set<String> edgeIds = new TreeSet<>();
        for (Manifests.Site edge : Manifests.edges()) {
            String id = Manifests.edgeId(edge);
            edgeIds.add(id);
            assertThat(edge.namespace()).isEqualTo("edgeloop-" + id);
            assertThat(buckets).as("central buckets of %s", id).contains(id + "-data", id + "-models", id + "-ready");
            assertThat(topics).as("central topic of %s", id).contains(id);
        }
        Set<String> registered = new TreeSet<>();
        buckets.forEach(bucket -> registered.add(bucket.replaceAll("-(data|models|ready)$", "")));
        topics.stream().filter(topic -> !topic.startsWith("trigger")).forEach(registered::add);
        assertThat(registered).as("edges registered at the central site").isEqualTo(edgeIds);
        assertThat(edgeIds).as("edge ids").hasSize(Manifests.edges().size());
    }

    @Test
    void centralTopicsIncludeTheTriggerAndDeadLetterTopicsOfTheRoutes() {
        Map<String, String> delivery = PropertiesFile.read(integration("central", "delivery").propertiesFile());
        Map<String, String> feeder = PropertiesFile.read(integration("central", "feeder").propertiesFile());

        assertThat(Manifests.central().ofKind("KafkaTopic")).extracting(Manifests::name).contains(
                delivery.get("delivery.trigger-topic"), delivery.get("delivery.dlq-topic"),
                feeder.get("feeder.trigger-topic"));
    }

    @Test
    void edgeBucketsIncludeEveryBucketTheEdgeRoutesUse() {
        Map<String, String> shopper = PropertiesFile.read(integration("edge", "shopper").propertiesFile());
        Map<String, String> manager = PropertiesFile.read(integration("edge", "manager").propertiesFile());
        Set<String> used = new TreeSet<>();
        shopper.forEach((key, value) -> {
            if (key.endsWith("-bucket")) {
                used.add(value);
            }
        });
        used.add(manager.get("manager.archive-bucket"));

        for (Manifests.Site edge : Manifests.edges()) {
            assertThat(buckets(edge)).as(edge.path()).containsAll(used);
        }
    }

    @Test
    void deliveryStartsTheCentralPipelineInTheCentralNamespace() {
        Map<String, String> delivery = PropertiesFile.read(integration("central", "delivery").propertiesFile());
        Manifests.Site central = Manifests.central();

        assertThat(delivery.get("delivery.namespace")).isEqualTo(central.namespace());
        assertThat(central.named("Pipeline", delivery.get("delivery.pipeline"))).isPresent();
        assertThat(SiteProperties.of(central).get("delivery.eventlistener-url"))
                .isEqualTo("http://el-" + Manifests.name(central.ofKind("EventListener").get(0)) + ":8080");
    }

    // The Task's defaults are cluster settings: its S3 secret and endpoint, and (patched) the brokers.
    @Test
    void pipelineDefaultsNameTheCentralSecretS3AndKafka() {
        Manifests.Site central = Manifests.central();
        JsonNode task = central.named("Task", "train-model").orElseThrow();
        JsonNode pipeline = central.named("Pipeline", "train-model").orElseThrow();
        JsonNode template = central.named("TriggerTemplate", "train-model-template").orElseThrow();

        assertThat(keys(central, "Secret", paramDefault(task, "s3Secret"))).contains("accessKey", "secretKey");
        for (JsonNode params : List.of(task, pipeline, template)) {
            URI s3 = URI.create(paramDefault(params, "s3Endpoint"));
            assertThat(s3.getHost()).isEqualTo("minio." + central.namespace() + ".svc");
            assertThat(ClusterServices.of(central).get("minio").has(Integer.toString(s3.getPort()))).isTrue();
        }
        for (JsonNode params : List.of(pipeline, template)) {
            assertThat(paramDefault(params, "kafkaBrokers")).isEqualTo(SiteProperties.of(central).get("kafka.brokers"));
        }
    }

    // ReadWriteOnce: the model server must run where the manager runs, on the same volume and model directory.
    @Test
    void managerAndModelServerShareTheModelRepository() {
        RouteIntegration shopper = integration("edge", "shopper");
        String model = PropertiesFile.read(shopper.propertiesFile()).get("shopper.model-name");
        for (Manifests.Site edge : Manifests.edges()) {
            JsonNode manager = edge.named("Integration", "manager").orElseThrow();
            String[] volume = manager.path("spec").path("traits").path("mount").path("volumes").get(0).asText().split(":");
            JsonNode server = edge.named("Deployment", "model-server").orElseThrow().path("spec").path("template");
            JsonNode container = server.path("spec").path("containers").get(0);
            JsonNode mount = container.path("volumeMounts").get(0);
            JsonNode claim = server.path("spec").path("volumes").findValue("persistentVolumeClaim");
            JsonNode pvc = edge.named("PersistentVolumeClaim", volume[0]).orElseThrow();

            assertThat(SiteProperties.of(edge).get("edge.model-repository")).isEqualTo(volume[1]);
            assertThat(claim.path("claimName").asText()).isEqualTo(volume[0]);
            // The manager writes the model config file with base_path <its repository>/<model>: the same path here.
            assertThat(mount.path("mountPath").asText()).isEqualTo(volume[1]);
            assertThat(container.path("args").toString()).contains("--model_config_file=" + volume[1] + "/models.config",
                    "--model_config_file_poll_wait_seconds=");
            assertThat(server.path("spec").path("initContainers").get(0).path("command").toString())
                    .contains("name: \\\"" + model + "\\\"", volume[1] + "/" + model);
            assertThat(PropertiesFile.read(integration("edge", "manager").propertiesFile()).get("manager.model-name"))
                    .isEqualTo(model);
            if (pvc.path("spec").path("accessModes").toString().contains("ReadWriteOnce")) {
                JsonNode affinity = server.path("spec").path("affinity").path("podAffinity")
                        .path("requiredDuringSchedulingIgnoredDuringExecution").get(0);
                assertThat(affinity.path("labelSelector").path("matchLabels").path(INTEGRATION_LABEL).asText())
                        .isEqualTo("manager");
                assertThat(affinity.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            }
        }
    }

    private static Set<String> buckets(Manifests.Site site) {
        String buckets = site.named("ConfigMap", "minio-buckets").orElseThrow().path("data").path("BUCKETS").asText();
        return new TreeSet<>(List.of(buckets.trim().split("\\s+")));
    }

    private static String paramDefault(JsonNode resource, String name) {
        for (JsonNode param : resource.path("spec").path("params")) {
            if (param.path("name").asText().equals(name)) {
                return param.path("default").asText();
            }
        }
        throw new AssertionError(Manifests.name(resource) + " has no param " + name);
    }

    private static RouteIntegration integration(String site, String name) {
        return new RouteIntegration(RepositoryFiles.ROOT, site, name);
    }

    /** host:port of every URL or host:port list in a value. */
    private static List<String> addresses(String value) {
        List<String> addresses = new ArrayList<>();
        Matcher url = Pattern.compile("^[a-z]+://([^/:]+:\\d+)").matcher(value);
        if (url.find()) {
            addresses.add(url.group(1));
        } else if (value.matches("[a-z0-9.-]+:\\d+(,[a-z0-9.-]+:\\d+)*")) {
            addresses.addAll(List.of(value.split(",")));
        }
        return addresses;
    }

    private static void checkVolume(Manifests.Site site, Pod pod, JsonNode volume, List<String> missing) {
        JsonNode configMap = volume.path("configMap");
        JsonNode secret = volume.path("secret");
        JsonNode claim = volume.path("persistentVolumeClaim");
        for (JsonNode source : List.of(configMap, secret)) {
            if (!source.isMissingNode()) {
                String kind = source == configMap ? "ConfigMap" : "Secret";
                String name = source.path(source == configMap ? "name" : "secretName").asText();
                Set<String> wanted = new HashSet<>();
                source.path("items").forEach(item -> wanted.add(item.path("key").asText()));
                if (!keys(site, kind, name).containsAll(wanted)) {
                    missing.add(pod.workload() + " volume " + kind + " " + name + " keys " + wanted);
                }
            }
        }
        if (!claim.isMissingNode() && site.named("PersistentVolumeClaim", claim.path("claimName").asText()).isEmpty()) {
            missing.add(pod.workload() + " claim " + claim.path("claimName").asText());
        }
    }

    private static void check(Manifests.Site site, String kind, JsonNode reference, String workload, List<String> missing) {
        if (reference.isMissingNode()) {
            return;
        }
        String name = reference.path("name").asText();
        if (site.named(kind, name).isEmpty()
                || (reference.has("key") && !keys(site, kind, name).contains(reference.get("key").asText()))) {
            missing.add(workload + ": " + kind + " " + reference);
        }
    }

    /** The keys of the ConfigMap or Secret, or an empty set with a marker name when it does not exist. */
    private static Set<String> keys(Manifests.Site site, String kind, String name) {
        return site.named(kind, name).map(resource -> {
            Set<String> keys = new TreeSet<>();
            resource.path("data").fieldNames().forEachRemaining(keys::add);
            resource.path("binaryData").fieldNames().forEachRemaining(keys::add);
            return keys;
        }).orElse(Set.of("<no " + kind + " " + name + ">"));
    }

    private static List<Pod> pods(Manifests.Site site) {
        List<Pod> pods = new ArrayList<>();
        for (String kind : List.of("Deployment", "Job")) {
            for (JsonNode workload : site.ofKind(kind)) {
                JsonNode template = workload.path("spec").path("template");
                List<JsonNode> containers = list(template.path("spec").path("containers"));
                Set<String> ports = new TreeSet<>();
                containers.forEach(container -> container.path("ports").forEach(port -> {
                    ports.add(port.path("containerPort").asText());
                    if (port.has("name")) {
                        ports.add(port.get("name").asText());
                    }
                }));
                pods.add(new Pod(kind + " " + Manifests.name(workload), strings(template.path("metadata")
                        .path("labels")), containers, list(template.path("spec").path("volumes")), ports));
            }
        }
        for (JsonNode integration : site.ofKind("Integration")) {
            JsonNode template = integration.path("spec").path("template").path("spec");
            pods.add(new Pod("Integration " + Manifests.name(integration),
                    Map.of(INTEGRATION_LABEL, Manifests.name(integration)), list(template.path("containers")),
                    list(template.path("volumes")), Set.of(INTEGRATION_PORT)));
        }
        return pods;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new java.util.TreeMap<>();
        object.properties().forEach(field -> strings.put(field.getKey(), field.getValue().asText()));
        return strings;
    }

}
