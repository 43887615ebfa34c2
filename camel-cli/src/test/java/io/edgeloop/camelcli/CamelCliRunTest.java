package io.edgeloop.camelcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code camel run} of the official Camel CLI through {@link CamelCli} in a child JVM (as bin/camel does),
 * on a route file that needs no external service but uses one of the repository's edgeloop-* kamelets.
 */
class CamelCliRunTest {

    private static final String ROUTE = """
            - route:
                id: hello
                from:
                  uri: "timer:once?repeatCount=1&delay=0"
                  steps:
                    - setVariable:
                        name: error
                        constant: "hello from camel-cli"
                    - to: "kamelet:edgeloop-json-error-action?status=418"
                    - log: "hello route: status ${header.CamelHttpResponseCode} body ${body}"
                    - to: "file:out?fileName=error.json"
            """;

    @TempDir
    Path work;

    @Test
    void runsARouteFileWithALocalKameletAndStopsAfterOneMessage() throws Exception {
        Path home = Path.of(System.getProperty("edgeloop.home", "..")).toAbsolutePath().normalize();
        Path kamelets = home.resolve("kamelets");
        assertThat(kamelets.resolve("edgeloop-json-error-action.kamelet.yaml")).exists();
        Files.writeString(work.resolve("hello.camel.yaml"), ROUTE);
        Path log = work.resolve("camel.log");

        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CamelCli.class.getName(),
                "run", "hello.camel.yaml",
                "--local-kamelet-dir=" + kamelets,
                "--max-messages=1",
                "--max-seconds=50",     // backstop: the child stops itself even if no message ever completes
                "--port=0",             // the observability endpoints on a free port, never a clash with 8080
                "--download=false",     // everything camel run needs must already be on the classpath
                "--logging-color=false");
        // The working directory receives .camel-jbang/ (camel run's state) and the route's out/ directory.
        Process camel = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!camel.waitFor(55, TimeUnit.SECONDS)) {
            camel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("camel run did not stop within 55 s; output:%n%s", read(log));
        }
        String output = read(log);

        assertThat(camel.exitValue()).as(output).isZero();
        assertThat(output).as(output)
                .contains("Duration max messages triggering shutdown")
                .contains("hello route: status 418 body");
        Path written = work.resolve("out/error.json");
        assertThat(written).as(output).exists();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(written.toFile())).isEqualTo(json.readTree("{\"error\":\"hello from camel-cli\"}"));
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
