package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.system.EdgeShop;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What happened before a page was opened, in a real browser (headless Chromium) against the real shopper, monitor
 * stage, model server, Kafka, S3 and MQTT: the monitor page's history and progress, the topics page and its replay.
 * Screenshots of each page go to target/screenshots/.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class HistoryPagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TestPlatform platform;
    private static EdgeShop shop;
    private static RunningIntegration monitor;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, WAIT);
        platform.edgeS3().deleteAll("events");
        shop = EdgeShop.open(platform, Map.of());
        monitor = platform.startIntegration(Site.EDGE, "monitor");
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable running : new AutoCloseable[] {monitor, shop}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void theMonitorOpenedAfterADetectionAndATrainingShowsThemWithTheirCountersAndProgress() throws Exception {
        String edge = platform.config().edgeId();
        try (MqttTestClient kept = platform.mqttOverTcp().subscribe("monitor/events")) {
            Path photo = Files.write(Files.createTempDirectory("history-photos").resolve("tea-green.jpg"),
                    shop.photoOf("tea-green"));
            openPage("detection.html");
            browser.findElement(By.id("photo-file")).sendKeys(photo.toString());
            assertThat(visible(By.id("pricetag")).getText()).isEqualTo("Green Tea: 2.99");
            assertThat(kept.nextContaining("\"detection\"", WAIT)).as("the detection kept").isNotNull();
            try (MqttTestClient mqtt = platform.mqttOverTcp()) {
                mqtt.publish("monitor", "{\"name\":\"training\",\"stage\":\"started\",\"edgeId\":\"" + edge
                        + "\",\"images\":72,\"classes\":[\"other\",\"tea-green\"]}");
                mqtt.publish("monitor", "{\"name\":\"training\",\"stage\":\"epoch\",\"edgeId\":\"" + edge
                        + "\",\"epoch\":12,\"epochs\":40,\"loss\":0.4,\"accuracy\":0.8}");
                mqtt.publish("monitor", "{\"name\":\"training\",\"stage\":\"evaluated\",\"edgeId\":\"" + edge
                        + "\",\"accuracy\":0.875,\"heldOut\":16}");
            }
            assertThat(kept.nextContaining("\"evaluated\"", WAIT)).as("the training kept").isNotNull();
        }

        openPage("monitor.html");

        WebElement detection = visible(By.cssSelector("#events li[data-name='detection']"));
        assertThat(detection.getText()).contains("Recognised Green Tea: 2.99");
        wait.until(ExpectedConditions.textToBe(By.id("summary-detections"), "1"));
        assertThat(browser.findElement(By.id("summary-accuracy")).getText()).isEqualTo("87.5 %");
        WebElement training = browser.findElement(By.cssSelector("#events li[data-group^='training:']"));
        assertThat(training.getText()).contains("epoch 12 of 40");
        assertThat(training.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("12");
        assertThat(training.findElement(By.tagName("progress")).getAttribute("max")).isEqualTo("40");
        wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-kind", "ok"));
        assertThat(browser.findElement(By.id("history")).getText()).contains("latest event");
        Screenshots.keep(browser, "monitor-history");

        try (MqttTestClient mqtt = platform.mqttOverTcp()) {
            mqtt.publish("monitor", "{\"origin\":\"http\",\"valid\":false,\"item\":\"other\",\"price\":\"n/a\",\"name\":\"detection\"}");
        }
        wait.until(ExpectedConditions.textToBe(By.id("summary-detections"), "2"));
        List<String> ids = browser.findElements(By.cssSelector("#events li")).stream()
                .map(entry -> entry.getAttribute("data-id")).toList();
        assertThat(ids).as("history then live, nothing twice").doesNotHaveDuplicates();
        assertThat(browser.findElements(By.cssSelector("#events li[data-name='detection']"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#events li:first-child")).getText()).contains("Not recognised");
    }

    @Test
    void theMonitorShowsAShipmentsProgressFromItsEvents() throws Exception {
        String shipment = UUID.randomUUID().toString();
        try (MqttTestClient mqtt = platform.mqttOverTcp()) {
            for (int stored = 1; stored <= 3; stored++) {
                mqtt.publish("monitor", "{\"name\":\"zipfile\",\"edgeId\":\"edge1\",\"batchId\":\"" + shipment
                        + "\",\"key\":\"images/tea-green/" + stored + ".jpg\"}");
            }
            mqtt.publish("monitor", "{\"name\":\"zipdata\",\"origin\":\"http\",\"shipmentId\":\"" + shipment
                    + "\",\"files\":4,\"bytes\":1000}");
        }
        openPage("monitor.html");

        WebElement entry = visible(By.cssSelector("#events li[data-group='shipment:" + shipment + "']"));
        WebElement bar = entry.findElement(By.tagName("progress"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(bar.getAttribute("value")).isEqualTo("3"));
        assertThat(bar.getAttribute("max")).isEqualTo("4");
        assertThat(browser.findElements(By.cssSelector("#events li[data-group='shipment:" + shipment + "']"))).hasSize(1);
        Screenshots.keep(browser, "monitor-shipment");
    }

    @Test
    void theTopicsPageShowsADeadLetterAndReplaysIt() throws Exception {
        String edge = platform.config().edgeId();
        String batch = UUID.randomUUID().toString();
        String trigger = "{\"edgeId\":\"" + edge + "\",\"batchId\":\"" + batch + "\",\"images\":5,\"classes\":[\"tea-green\"]}";
        platform.kafka().send("trigger-dlq", null, "{\"event\":" + trigger
                + ",\"error\":\"EventListener answered 503\",\"attempts\":4}");

        By deadLetter = By.xpath("//ol[@id='messages']/li[contains(., '" + batch + "')]");
        Awaitility.await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            openPage("topics.html?topic=trigger-dlq");
            wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-kind", "ok"));
            assertThat(browser.findElements(deadLetter)).hasSize(1);
        });
        WebElement entry = browser.findElement(deadLetter);
        assertThat(entry.getText()).contains("Not started: batch " + batch, "EventListener answered 503");
        Screenshots.keep(browser, "topics-dead-letter");

        entry.findElement(By.cssSelector("button.replay")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Sent again to trigger"));
        assertThat(browser.findElements(deadLetter)).isEmpty();
        assertThat(platform.kafka().readContaining("trigger", batch)).hasSize(1);
        Awaitility.await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            browser.findElement(By.id("topic-trigger")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-kind", "ok"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("Training triggered: batch " + batch);
        });
        Screenshots.keep(browser, "topics-replayed");
    }

    private static void openPage(String page) {
        browser.get(shop.url("/ui/" + page).toString());
    }

    private static WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }
}
