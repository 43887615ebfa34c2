package io.edgeloop.manager;

/** One file of a model version as its manifest lists it: path inside the version, size and sha256. */
public record ModelFile(String path, long size, String sha256) {
}
