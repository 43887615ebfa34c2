package io.edgeloop.modelserver.versions;

import java.nio.file.Path;

/**
 * One version folder of the model repository.
 *
 * @param fingerprint changes whenever the folder is replaced or a file in it changes, so a version that failed to
 *                    load is tried again only once it was fixed
 */
record VersionDirectory(long version, Path path, String fingerprint) {
}
