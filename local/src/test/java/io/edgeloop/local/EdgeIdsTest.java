package io.edgeloop.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EdgeIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"edge1", "a", "shop-42", "abcdefghijklmnopqrstuvwxyz012345"})
    void bucketAndTopicSafeIdsAreValid(String id) {
        assertThat(EdgeIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Edge1", "-edge", "edge-", "edge_1", "edge.1", "abcdefghijklmnopqrstuvwxyz0123456"})
    void idsThatCannotNameABucketAreRefused(String id) {
        assertThat(EdgeIds.isValid(id)).isFalse();
    }

    @Test
    void theClusterSettingsGiveTheRoutesTheSamePattern() throws Exception {
        Path home = Path.of(System.getProperty("edgeloop.home", "..")).toAbsolutePath().normalize();
        Properties central = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve("manifests/central/central.properties"))) {
            central.load(in);
        }
        assertThat(central.getProperty("edge.id-pattern")).isEqualTo(EdgeIds.PATTERN);
    }
}
