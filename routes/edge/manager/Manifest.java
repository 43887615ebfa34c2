package io.edgeloop.manager;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A model version's {@code models/<model>/<N>/manifest.json}, which the trainer writes last into
 * {@code <edge>-ready}: the route unmarshals it with Jackson. Fields are boxed so a missing one is null
 * and refused rather than read as 0.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String model, Integer version, List<Entry> files) {

    public static final String NAME = "manifest.json";

    /** One file of the version: its path inside the version directory, its size and sha256. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String path, Long size, String sha256) {
    }

    public Manifest {
        files = files == null ? List.of() : files;
    }

    /** The version's key prefix in {@code <edge>-ready} and {@code production}, {@code models/<model>/<N>/}. */
    public String prefix() {
        return "models/" + model + "/" + version + "/";
    }

    public String key() {
        return prefix() + NAME;
    }

    /** Every key of the version in {@code <edge>-ready}, the manifest last: until it goes, a restart finds the version. */
    public List<String> keys() {
        return Stream.concat(files.stream().map(file -> prefix() + file.path()), Stream.of(key())).toList();
    }

    @Override
    public String toString() {
        return model + " version " + version;
    }
}
