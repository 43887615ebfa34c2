package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

class BucketWalkTest {

    private static List<S3Object> page(String... keys) {
        return java.util.Arrays.stream(keys).map(key -> S3Object.builder().key(key).build()).toList();
    }

    @Test
    void theFirstRequestStartsAtTheBucketsFirstKey() {
        BucketWalk walk = BucketWalk.of("data");

        assertThat(walk.nextRequest().bucket()).isEqualTo("data");
        assertThat(walk.nextRequest().marker()).isNull();
        assertThat(walk.isDone()).isFalse();
    }

    @Test
    void eachPageIsAskedForAfterTheLastKeySeenAndFolderMarkersAreNoObjects() {
        BucketWalk walk = BucketWalk.of("data");

        List<String> keys = BucketWalk.keysOf(walk, page("images/a/", "images/a/1.jpg", "images/b/2.jpg"));

        assertThat(keys).containsExactly("images/a/1.jpg", "images/b/2.jpg");
        assertThat(walk.nextRequest().marker()).isEqualTo("images/b/2.jpg");
        assertThat(walk.getObjects()).isEqualTo(2);
        assertThat(walk.isDone()).isFalse();
    }

    @Test
    void theFirstEmptyPageEndsTheWalkWithTheCountOfEveryPage() {
        BucketWalk walk = BucketWalk.of("data");
        BucketWalk.keysOf(walk, page("a/1.jpg", "a/2.jpg"));
        BucketWalk.keysOf(walk, page("b/", "b/3.jpg"));

        assertThat(BucketWalk.keysOf(walk, page())).isEmpty();

        assertThat(walk.isDone()).isTrue();
        assertThat(walk.getObjects()).isEqualTo(3);
        assertThat(walk.nextRequest().marker()).isEqualTo("b/3.jpg");
    }

    @Test
    void aBucketOfFolderMarkersOnlyHoldsNoObjects() {
        BucketWalk walk = BucketWalk.of("data");

        assertThat(BucketWalk.keysOf(walk, page("images/", "images/a/"))).isEmpty();
        assertThat(walk.isDone()).isFalse();
        BucketWalk.keysOf(walk, page());
        assertThat(walk.getObjects()).isZero();
    }

    @Test
    void objectsComeWithSizeAndTimeAndAdvanceTheWalkLikeKeys() {
        BucketWalk walk = BucketWalk.of("valid");
        Instant taken = Instant.parse("2026-12-06T08:00:01.250Z");

        List<Map<String, Object>> objects = BucketWalk.objectsOf(walk, List.of(S3Object.builder().key("images/a/").build(),
                S3Object.builder().key("images/a/1.jpg").size(1234L).lastModified(taken).build()));

        assertThat(objects).containsExactly(Map.of("key", "images/a/1.jpg", "size", 1234L,
                "lastModified", "2026-12-06T08:00:01.250Z", "millis", taken.toEpochMilli()));
        assertThat(walk.nextRequest().marker()).isEqualTo("images/a/1.jpg");
        assertThat(walk.getObjects()).isEqualTo(1);
    }
}
