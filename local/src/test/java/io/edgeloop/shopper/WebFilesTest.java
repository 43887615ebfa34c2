package io.edgeloop.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebFilesTest {

    @TempDir
    Path dir;
    private WebFiles files;

    @BeforeEach
    void webRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("web"));
        Files.writeString(root.resolve("index.html"), "<h1>shop</h1>");
        Files.createDirectories(root.resolve("js"));
        Files.writeString(root.resolve("js/monitor.js"), "let x;");
        Files.writeString(root.resolve("js/a+b.js"), "plus");
        Files.writeString(root.resolve(".env"), "SECRET=1");
        Files.writeString(root.resolve("notes.properties"), "secret=1");
        Files.writeString(dir.resolve("outside.html"), "outside");
        Files.createSymbolicLink(root.resolve("link.html"), dir.resolve("outside.html"));
        files = new WebFiles(root.toString(), "/ui");
    }

    @Test
    void filesOfTheRootAreServedWithTheirContentType() {
        WebFiles.WebFile script = files.find("/ui/js/monitor.js");

        assertThat(new String(script.content(), StandardCharsets.UTF_8)).isEqualTo("let x;");
        assertThat(script.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(files.find("/ui/js/a+b.js").content()).asString().isEqualTo("plus");
    }

    @Test
    void theMountPointAndFoldersServeTheirIndex() {
        assertThat(files.find("/ui/").contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(files.find("/ui/").content()).asString().isEqualTo("<h1>shop</h1>");
    }

    @Test
    void webjarsComeFromTheClasspath() {
        assertThat(files.find("/ui/webjars/paho-mqtt/1.1.0/paho-mqtt.js").content()).isNotEmpty();
        assertThat(files.find("/ui/webjars/paho-mqtt/1.1.0/nothing.js")).isNull();
    }

    @Test
    void nothingOutsideTheRootHiddenOrOfAnUnknownTypeIsServed() {
        for (String path : new String[] {"/ui/../outside.html", "/ui/%2e%2e/outside.html", "/ui/js/..%2F..%2Foutside.html",
            "/ui/link.html", "/ui/.env", "/ui/notes.properties", "/ui/js", "/ui/missing.html", "/other/index.html",
            "/ui/%zz.html", "/ui/c:%5Cx.html", "/ui//index.html", null}) {
            assertThat(files.find(path)).as(path).isNull();
        }
    }
}
