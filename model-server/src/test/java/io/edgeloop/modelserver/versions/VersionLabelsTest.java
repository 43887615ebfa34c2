package io.edgeloop.modelserver.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionLabelsTest {

    @Test
    void labelsNameVersions() {
        VersionLabels labels = VersionLabels.parse("stable=2, canary=3");

        assertThat(labels.versions()).isEqualTo(Map.of("stable", 2L, "canary", 3L));
        assertThat(labels.versionOf("canary")).hasValue(3);
        assertThat(labels.versionOf("beta")).isEmpty();
        assertThat(labels).hasToString("canary=3,stable=2");
    }

    @Test
    void noTextIsNoLabels() {
        assertThat(VersionLabels.parse(null).versions()).isEmpty();
        assertThat(VersionLabels.parse(" ").versions()).isEmpty();
        assertThat(VersionLabels.NONE).hasToString("none");
    }

    @Test
    void malformedLabelsAreRefused() {
        assertThatThrownBy(() -> VersionLabels.parse("stable")).hasMessageContaining("label=version");
        assertThatThrownBy(() -> VersionLabels.parse("stable=two")).hasMessageContaining("needs a version number");
        assertThatThrownBy(() -> VersionLabels.parse("stable=1,stable=2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> VersionLabels.parse("a/b=1")).hasMessageContaining("no '/'");
        assertThatThrownBy(() -> VersionLabels.parse("old=-1")).hasMessageContaining("negative");
    }
}
