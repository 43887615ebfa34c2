package io.edgeloop.validation;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.v1.Kamelet;
import org.apache.camel.v1.kameletspec.Template;

/** Reads Kamelets strictly into the Camel K model: a misspelled field fails (see {@link StrictModelReader}). */
final class StrictKameletReader {

    // The template is a Camel route held as a map by design; KameletTemplate checks it against the schema.
    private static final StrictModelReader READER = new StrictModelReader(Template.class);

    private StrictKameletReader() {
    }

    static Kamelet read(Path file) throws IOException {
        return READER.read(file, Kamelet.class);
    }

    static Kamelet read(String yaml) throws IOException {
        return READER.read(yaml, Kamelet.class);
    }
}
