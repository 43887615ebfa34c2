package io.edgeloop.modelserver.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    private static final SortedSet<Long> ON_DISK = new TreeSet<>(List.of(1L, 2L, 3L, 10L));

    @Test
    void latestKeepsTheHighestVersions() {
        assertThat(VersionPolicy.parse("latest").select(ON_DISK)).containsExactly(10L);
        assertThat(VersionPolicy.parse("latest:2").select(ON_DISK)).containsExactly(3L, 10L);
        assertThat(VersionPolicy.parse("latest:9").select(ON_DISK)).containsExactly(1L, 2L, 3L, 10L);
        assertThat(VersionPolicy.latest(1).select(new TreeSet<>())).isEmpty();
    }

    @Test
    void specificKeepsTheNamedVersionsThatExist() {
        assertThat(VersionPolicy.parse("specific:1,3,7").select(ON_DISK)).containsExactly(1L, 3L);
        assertThat(VersionPolicy.parse("specific: 2").select(ON_DISK)).containsExactly(2L);
    }

    @Test
    void allKeepsEveryVersion() {
        assertThat(VersionPolicy.parse("all").select(ON_DISK)).isEqualTo(ON_DISK);
    }

    @Test
    void policiesPrintAsTheyAreWritten() {
        assertThat(VersionPolicy.parse("latest:2")).hasToString("latest:2");
        assertThat(VersionPolicy.parse("specific:3,1")).hasToString("specific:1,3");
        assertThat(VersionPolicy.parse("all")).hasToString("all");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> VersionPolicy.parse("newest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown version policy 'newest'");
        assertThatThrownBy(() -> VersionPolicy.parse("latest:0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("N >= 1");
        assertThatThrownBy(() -> VersionPolicy.parse("latest:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad version policy 'latest:x'");
        assertThatThrownBy(() -> VersionPolicy.parse("specific:1,two")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad version policy");
    }
}
