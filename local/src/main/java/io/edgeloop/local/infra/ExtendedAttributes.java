package io.edgeloop.local.infra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/** The S3 store on disk keeps each object's ETag, content type and user metadata in extended attributes. */
final class ExtendedAttributes {

    private ExtendedAttributes() {
    }

    /** Fails, saying what to do, when the file system of {@code directory} has no user extended attributes. */
    static void require(Path directory) throws IOException {
        Path probe = Files.createTempFile(directory, "xattr-probe", "");
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) {
                throw unsupported(directory, "no extended attributes");
            }
            view.write("edgeloop-probe", ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException | UnsupportedOperationException e) {
            throw unsupported(directory, e.getMessage());
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static IOException unsupported(Path directory, String reason) {
        return new IOException("The file system of " + directory + " does not keep user extended attributes ("
                + reason + "), which the S3 store on disk needs: choose another data.dir, or run with --ephemeral"
                + " (S3 in memory)");
    }
}
