package io.edgeloop.modelserver.versions;

import io.edgeloop.modelserver.inference.ModelSignature;
import io.edgeloop.modelserver.inference.TensorSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;

/**
 * Runs a fresh version once per image signature before it takes traffic: TensorFlow builds its executors on the
 * first run, which would otherwise make the first client request after a swap the slow one.
 */
public final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private final byte[] jpeg;

    public Warmup() {
        this.jpeg = tinyJpeg();
    }

    /**
     * Runs every signature whose inputs are all strings of at most one dimension (encoded images, one per input);
     * a signature that fails on the image is skipped, as one that takes other inputs is.
     *
     * @return the signatures that ran
     */
    List<String> run(ServedVersion version) {
        List<String> ran = new ArrayList<>();
        for (ModelSignature signature : version.signatures().values()) {
            if (!takesImages(signature)) {
                continue;
            }
            Map<String, Tensor> inputs = new LinkedHashMap<>();
            try {
                signature.inputs().values().forEach(input -> inputs.put(input.alias(), image(input)));
                try (Result ignored = version.call(signature.key(), inputs)) {
                    ran.add(signature.key());
                }
            } catch (RuntimeException e) {
                LOG.debug("No warm-up of signature {} of version {}: {}", signature.key(), version.version(),
                        e.getMessage());
            } finally {
                inputs.values().forEach(Tensor::close);
            }
        }
        return ran;
    }

    private static boolean takesImages(ModelSignature signature) {
        return !signature.inputs().isEmpty() && signature.inputs().values().stream()
                .allMatch(input -> input.dtype() == DataType.DT_STRING && !input.shape().isUnknown()
                        && input.shape().numDimensions() <= 1);
    }

    private Tensor image(TensorSpec input) {
        Shape shape = input.shape().numDimensions() == 0 ? Shape.scalar() : Shape.of(1);
        return TString.tensorOfBytes(shape, DataBuffers.ofObjects(jpeg));
    }

    private static byte[] tinyJpeg() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(120, 160, 90));
        graphics.fillRect(0, 0, 32, 32);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the warm-up JPEG", e);
        }
        return bytes.toByteArray();
    }
}
