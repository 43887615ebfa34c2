package io.edgeloop.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomize reader on small trees: what it renders, and what it refuses instead of ignoring. */
class KustomizeTest {

    @TempDir
    Path dir;

    @Test
    void namespaceAndLabelsApplyToResourcesOfBasesAndGenerators() throws IOException {
        write("base/kustomization.yaml", "resources: [sa.yaml]\n");
        write("base/sa.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: runner}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: runner}
                subjects: [{kind: ServiceAccount, name: runner}]
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                """);
        write("site/kustomization.yaml", """
                namespace: shop
                labels: [{pairs: {team: edge}}]
                resources: [../base]
                configMapGenerator:
                  - {name: settings, literals: [a=1], options: {disableNameSuffixHash: true}}
                """);

        List<ObjectNode> resources = build("site");

        assertThat(resources).extracting(Kustomize::id).containsExactlyInAnyOrder("v1 ServiceAccount shop/runner",
                "rbac.authorization.k8s.io/v1 ClusterRoleBinding /runner", "v1 ConfigMap shop/settings");
        assertThat(resources).allSatisfy(resource ->
                assertThat(resource.path("metadata").path("labels").path("team").asText()).isEqualTo("edge"));
        assertThat(resources.get(1).path("subjects").get(0).path("namespace").asText()).isEqualTo("shop");
    }

    @Test
    void generatorsMergeIntoTheBaseAndSecretsAreEncoded() throws IOException {
        write("base/kustomization.yaml", """
                configMapGenerator:
                  - {name: settings, files: [a.properties], options: {disableNameSuffixHash: true}}
                """);
        write("base/a.properties", "a=1\n");
        write("site/kustomization.yaml", """
                resources: [../base]
                generatorOptions: {disableNameSuffixHash: true}
                configMapGenerator:
                  - {name: settings, behavior: merge, files: [b.properties]}
                secretGenerator:
                  - {name: credentials, envs: [s3.env]}
                """);
        write("site/b.properties", "b=2\n");
        write("site/s3.env.example", "key=value\n");

        List<ObjectNode> resources = build("site");

        assertThat(resources.get(0).path("data").toString()).isEqualTo("{\"a.properties\":\"a=1\\n\",\"b.properties\":\"b=2\\n\"}");
        assertThat(resources.get(1).path("data").path("key").asText()).isEqualTo("dmFsdWU=");
        assertThat(resources.get(1).path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void jsonPatchesApplyAndAFailedTestStopsTheBuild() throws IOException {
        write("kustomization.yaml", """
                resources: [service.yaml]
                patches:
                  - target: {kind: Service, name: web}
                    patch: |-
                      - {op: test, path: /spec/ports/0/name, value: http}
                      - {op: replace, path: /spec/ports/0/port, value: 8080}
                      - {op: add, path: /metadata/annotations, value: {a: b}}
                  - patch: |-
                      apiVersion: v1
                      kind: Service
                      metadata: {name: web, labels: {x: y}}
                """);
        write("service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{name: http, port: 80}]}\n");

        ObjectNode service = build(".").get(0);

        assertThat(service.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(service.path("metadata").path("annotations").path("a").asText()).isEqualTo("b");
        assertThat(service.path("metadata").path("labels").path("x").asText()).isEqualTo("y");

        write("kustomization.yaml", Files.readString(dir.resolve("kustomization.yaml")).replace("value: http", "value: grpc"));
        assertThatThrownBy(() -> build(".")).hasMessageContaining("test failed");
    }

    @Test
    void aFileOutsideTheKustomizationIsRefusedLikeKustomizesLoadRestrictor() throws IOException {
        write("data.json", "{}");
        write("site/kustomization.yaml", "configMapGenerator: [{name: c, files: [../data.json], options: {disableNameSuffixHash: true}}]\n");

        assertThatThrownBy(() -> build("site")).hasMessageContaining("is not in or below");
    }

    @Test
    void aGeneratedNameWithAHashIsRefused() throws IOException {
        write("kustomization.yaml", "configMapGenerator: [{name: c, literals: [a=1]}]\n");

        assertThatThrownBy(() -> build(".")).hasMessageContaining("disableNameSuffixHash");
    }

    @Test
    void unsupportedFieldsFailInsteadOfBeingIgnored() throws IOException {
        write("kustomization.yaml", "namePrefix: shop-\n");

        assertThatThrownBy(() -> build(".")).hasMessageContaining("'namePrefix' is not supported");
    }

    private List<ObjectNode> build(String path) throws IOException {
        return new Kustomize(true).build(dir.resolve(path));
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), content);
    }
}
