package io.edgeloop.manager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The manifest and event records as the route's Jackson unmarshal and marshal see them. */
class ManifestTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void manifestAsTheTrainerWritesItWithFieldsTheManagerDoesNotUse() throws Exception {
        Manifest manifest = JSON.readValue("{\"model\":\"tea\",\"version\":2,\"labels\":[\"tea-green\"],\"files\":["
                + "{\"path\":\"saved_model.pb\",\"size\":5,\"sha256\":\"ab\",\"mode\":\"0644\"}]}", Manifest.class);

        assertThat(manifest.model()).isEqualTo("tea");
        assertThat(manifest.version()).isEqualTo(2);
        assertThat(manifest.files()).containsExactly(new Manifest.Entry("saved_model.pb", 5L, "ab"));
        assertThat(manifest.key()).isEqualTo("models/tea/2/manifest.json");
        assertThat(manifest).hasToString("tea version 2");
    }

    @Test
    void keysListTheManifestLast() throws Exception {
        Manifest manifest = JSON.readValue("{\"model\":\"tea\",\"version\":2,\"files\":[{\"path\":\"b\"},{\"path\":\"a/c\"}]}",
                Manifest.class);

        assertThat(manifest.keys()).containsExactly("models/tea/2/b", "models/tea/2/a/c", "models/tea/2/manifest.json");
    }

    @Test
    void missingFieldsAreNullNotZero() throws Exception {
        Manifest manifest = JSON.readValue("{\"files\":[{\"path\":\"a\"}]}", Manifest.class);

        assertThat(manifest.version()).isNull();
        assertThat(manifest.files().get(0).size()).isNull();
        assertThat(JSON.readValue("{}", Manifest.class).files()).isEmpty();
    }
}
