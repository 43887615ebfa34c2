package io.edgeloop.modelserver.versions;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which of the version folders on disk are served, TF Serving's model_version_policy: the latest N, specific
 * versions, or all of them.
 */
public sealed interface VersionPolicy {

    /** The versions to serve out of those that could be loaded. */
    SortedSet<Long> select(SortedSet<Long> candidates);

    /** The N highest versions (TF Serving's default is latest:1). */
    record Latest(int count) implements VersionPolicy {

        public Latest {
            if (count < 1) {
                throw new IllegalArgumentException("latest:N needs N >= 1, not " + count);
            }
        }

        @Override
        public SortedSet<Long> select(SortedSet<Long> candidates) {
            SortedSet<Long> chosen = new TreeSet<>();
            for (Iterator<Long> highest = new TreeSet<>(candidates).descendingIterator();
                    highest.hasNext() && chosen.size() < count; ) {
                chosen.add(highest.next());
            }
            return chosen;
        }

        @Override
        public String toString() {
            return "latest:" + count;
        }
    }

    /** Exactly these versions, those of them that exist. */
    record Specific(SortedSet<Long> versions) implements VersionPolicy {

        public Specific {
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("specific: needs at least one version");
            }
            versions = Collections.unmodifiableSortedSet(new TreeSet<>(versions));
        }

        @Override
        public SortedSet<Long> select(SortedSet<Long> candidates) {
            SortedSet<Long> chosen = new TreeSet<>(candidates);
            chosen.retainAll(versions);
            return chosen;
        }

        @Override
        public String toString() {
            return "specific:" + String.join(",", versions.stream().map(String::valueOf).toList());
        }
    }

    /** Every version on disk. */
    record All() implements VersionPolicy {

        @Override
        public SortedSet<Long> select(SortedSet<Long> candidates) {
            return new TreeSet<>(candidates);
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    static VersionPolicy latest(int count) {
        return new Latest(count);
    }

    /**
     * Parses {@code latest}, {@code latest:N}, {@code specific:1,3} or {@code all}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static VersionPolicy parse(String text) {
        String policy = text.trim();
        if (policy.equals("all")) {
            return new All();
        }
        if (policy.equals("latest")) {
            return new Latest(1);
        }
        try {
            if (policy.startsWith("latest:")) {
                return new Latest(Integer.parseInt(policy.substring("latest:".length()).trim()));
            }
            if (policy.startsWith("specific:")) {
                return new Specific(new TreeSet<>(Arrays.stream(policy.substring("specific:".length()).split(","))
                        .map(String::trim).map(Long::parseLong).toList()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad version policy '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Unknown version policy '" + text
                + "': use latest, latest:N, specific:V1,V2... or all");
    }
}
