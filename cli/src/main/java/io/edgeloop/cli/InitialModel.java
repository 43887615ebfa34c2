package io.edgeloop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgeloop.dataset.SyntheticDataset;
import io.edgeloop.local.LocalPlatform;

/**
 * The first model of an edge that has none, made by the loop itself: a ZIP of labelled photos shipped to the
 * feeder, which triggers delivery, the trainer, the manager and the model server, as any later data would.
 * The photos are a dataset folder ({@code images/<class>/*} or {@code <class>/*}) or generated ones.
 */
public final class InitialModel {

    /** Generated photos: the demo's products, enough for a first model in seconds. */
    private static final int SYNTHETIC_PER_CLASS = 40;
    private static final int SYNTHETIC_SIZE = 96;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final Path dataset;

    /** @param dataset a folder of labelled photos, or null for generated ones */
    public InitialModel(LocalPlatform platform, Path dataset) {
        this.platform = platform;
        this.dataset = dataset;
    }

    /** Whether the edge's model repository holds no version of the model yet. */
    public boolean missingFor(String edgeId) throws IOException {
        Path model = platform.modelRepository(edgeId).resolve(platform.config().get("model.name"));
        if (!Files.isDirectory(model)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(model)) {
            return entries.noneMatch(dir -> dir.getFileName().toString().matches("[0-9]+"));
        }
    }

    /** Ships the photos to the feeder for the edge; returns the feeder's batch summary. */
    public String ship(String edgeId) throws IOException, InterruptedException {
        Path zip = Files.createTempFile("edgeloop-initial-", ".zip");
        try {
            writeZip(zip);
            URI feeder = URI.create("http://localhost:" + platform.config().port("feeder.port") + "/zip?edgeId=" + edgeId);
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(feeder)
                    .header("Content-Type", "application/zip").PUT(HttpRequest.BodyPublishers.ofFile(zip)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the feeder refused the initial photos: " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    /**
     * Asks the training endpoint for a run on the edge's data: for photos the feeder already had (a stop cut the
     * training of an earlier start short), for which it sends no trigger again.
     */
    public void requestTraining(String edgeId) throws IOException, InterruptedException {
        URI pipeline = URI.create("http://localhost:" + platform.config().port("pipeline.port") + "/");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(pipeline)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id-edge\": \"" + edgeId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("the training endpoint refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** Whether a feeder summary says the batch held only photos it had already. */
    static boolean storedNothingNew(String summary) throws IOException {
        return JSON.readTree(summary).path("stored").asInt() == 0;
    }

    String describe() {
        return dataset == null ? "generated photos of " + SyntheticDataset.DEFAULT_CLASSES : "the photos in " + dataset;
    }

    private void writeZip(Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            if (dataset == null) {
                for (var image : new SyntheticDataset(SyntheticDataset.DEFAULT_CLASSES, SYNTHETIC_PER_CLASS,
                        SYNTHETIC_SIZE, 42).images().toList()) {
                    add(out, image.path(), image.jpeg());
                }
                return;
            }
            Path images = Files.isDirectory(dataset.resolve("images")) ? dataset.resolve("images") : dataset;
            for (Path photo : photos(images)) {
                add(out, "images/" + images.relativize(photo).toString().replace('\\', '/'), Files.readAllBytes(photo));
            }
        }
    }

    /** {@code <class>/<file>} of the folder, one level of classes. */
    private static List<Path> photos(Path images) throws IOException {
        try (Stream<Path> files = Files.walk(images, 2)) {
            List<Path> photos = files.filter(Files::isRegularFile).filter(f -> images.relativize(f).getNameCount() == 2)
                    .sorted().toList();
            if (photos.isEmpty()) {
                throw new IOException("no photos under " + images + ": expected images/<class>/<file>.jpg");
            }
            return photos;
        }
    }

    private static void add(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
