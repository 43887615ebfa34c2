package io.edgeloop.modelserver.versions;

/** Which version a request asks for, as TF Serving's ModelSpec: the latest, a number, or a label. */
public sealed interface VersionSpec {

    VersionSpec LATEST = new Latest();

    /** TF Serving's ServableRequest text, e.g. {@code Specific(tea_model_b64, 3)}, as its errors quote it. */
    String describe(String model);

    record Latest() implements VersionSpec {
        @Override
        public String describe(String model) {
            return "Latest(" + model + ")";
        }
    }

    record Specific(long version) implements VersionSpec {
        @Override
        public String describe(String model) {
            return "Specific(" + model + ", " + version + ")";
        }
    }

    record Label(String label) implements VersionSpec {
        @Override
        public String describe(String model) {
            return "Label(" + model + ", " + label + ")";
        }
    }
}
