package io.edgeloop.local.integration;

/** Where an integration runs: the central site (one) or an edge (a shop). */
public enum Site {
    CENTRAL("central"),
    EDGE("edge");

    private final String folder;

    Site(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
