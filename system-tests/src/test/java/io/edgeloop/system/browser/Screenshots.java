package io.edgeloop.system.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/** What a page showed, kept as test output in {@code system-tests/target/screenshots/<name>.png}. */
final class Screenshots {

    static final Path DIRECTORY = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /** The whole page (the driver) or one element of it. */
    static void keep(TakesScreenshot source, String name) throws IOException {
        Files.createDirectories(DIRECTORY);
        Files.write(DIRECTORY.resolve(name + ".png"), source.getScreenshotAs(OutputType.BYTES));
    }
}
