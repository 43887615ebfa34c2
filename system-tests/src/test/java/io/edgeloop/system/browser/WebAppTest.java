package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.edgeloop.system.EdgeShop;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.MqttTestClient;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop's web app in a real browser (headless Chromium, phone-sized) against the real shopper, price engine,
 * model server with a trained model, S3 and MQTT: what a shop assistant does on each page has its effect.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class WebAppTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static TestPlatform platform;
    private static EdgeShop shop;
    private static Path photos;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, WAIT);
        shop = EdgeShop.open(platform, Map.of());
        photos = Files.createTempDirectory("web-shop-photos");
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (shop != null) {
            shop.close();
        }
    }

    private static void openPage(String page) {
        browser.get(shop.url("/ui/" + page).toString());
    }

    private static WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    @Test
    void detectionPageShowsThePriceTagOfAPhotographedProduct() throws Exception {
        openPage("detection.html");

        browser.findElement(By.id("photo-file")).sendKeys(photoFile("tea-green").toString());

        assertThat(visible(By.id("pricetag")).getText()).isEqualTo("Green Tea: 2.99");
        assertThat(browser.findElement(By.id("result-label")).getText()).isEqualTo("Green Tea");
        assertThat(browser.findElement(By.id("result-model-version")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("result-probability")).getText()).endsWith("%");
    }

    @Test
    void detectionPageFilesAnUnrecognisedPhotoUnderTheProductChosen() throws Exception {
        openPage("detection.html");
        List<String> before = platform.edgeS3().keys("data", "images/tea-lemon/");

        browser.findElement(By.id("photo-file")).sendKeys(photoFile("other").toString());
        visible(By.xpath("//ul[@id='products']//button[text()='Lemon Tea']")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-kind", "ok"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("images/tea-lemon/");
        assertThat(platform.edgeS3().keys("data", "images/tea-lemon/")).hasSize(before.size() + 1);
    }

    @Test
    void ingestionPageStoresEachLabelledPhotoInTheDataBucket() throws Exception {
        openPage("ingestion.html");
        Path photo = photoFile("tea-green");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product option[value='Green Tea']")));
        new Select(browser.findElement(By.id("product"))).selectByVisibleText("Green Tea");

        for (int sent = 1; sent <= 2; sent++) {
            browser.findElement(By.id("photo-file")).sendKeys(photo.toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("send"))).click();
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#sent li"), sent));
        }

        List<String> keys = browser.findElements(By.cssSelector("#sent li")).stream()
                .map(item -> item.getAttribute("data-key")).toList();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(key -> assertThat(key).startsWith("images/tea-green/"));
        assertThat(platform.edgeS3().keys("data", "images/tea-green/")).containsAll(keys);
    }

    @Test
    void monitorPageShowsTheEventsPublishedOnTheMonitorTopic() throws Exception {
        platform.edgeS3().deleteAll("events");
        try (RunningIntegration monitor = platform.startIntegration(Site.EDGE, "monitor");
                MqttTestClient mqtt = platform.mqttOverTcp()) {
            openPage("monitor.html");
            wait.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-kind", "ok"));

            mqtt.publish("monitor", "{\"name\":\"training\",\"stage\":\"started\",\"edgeId\":\"edge1\",\"images\":72,"
                    + "\"classes\":[\"other\",\"tea-green\"]}");
            mqtt.publish("monitor", "{\"name\":\"training\",\"stage\":\"epoch\",\"edgeId\":\"edge1\",\"epoch\":30,"
                    + "\"epochs\":150,\"loss\":0.25,\"accuracy\":0.9}");
            mqtt.publish("monitor", "{\"name\":\"pushmodel\",\"model\":\"tea_model_b64\",\"version\":42}");
            mqtt.publish("monitor", "{\"name\":\"something-new\",\"answer\":42}");

            assertThat(visible(By.cssSelector("#events li[data-name='pushmodel']")).getText())
                    .contains("Model version 42 delivered to the edge", "tea_model_b64");
            wait.until(ExpectedConditions.textToBe(By.id("summary-model-version"), "42"));
            WebElement training = visible(By.cssSelector("#events li[data-name='training']"));
            assertThat(training.getText()).contains("epoch 30 of 150", "72");
            assertThat(training.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("30");
            assertThat(browser.findElements(By.cssSelector("#events li[data-name='training']")))
                    .as("the epoch updates the entry of its training").hasSize(1);
            assertThat(visible(By.cssSelector("#events li[data-name='raw']")).getText()).contains("\"answer\": 42");
            assertThat(browser.findElement(By.cssSelector("#events li:first-child")).getAttribute("data-name"))
                    .as("newest first").isEqualTo("raw");
        }
    }

    @Test
    void adminPageShowsTheServedModelVersionAndTheObjectsOfEachBucket() throws Exception {
        platform.edgeS3().put("unclassified", "images/other/admin-page-" + System.nanoTime() + ".jpg", shop.photoOf("other"));
        int unclassified = platform.edgeS3().keys("unclassified", "").size();

        openPage("admin.html");

        wait.until(ExpectedConditions.attributeToBe(By.id("status-status"), "data-kind", "ok"));
        assertThat(browser.findElement(By.id("model-version")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("model-pin")).getText()).startsWith("latest");
        assertThat(browser.findElement(By.id("edge-id")).getText()).isEqualTo(platform.config().edgeId());
        assertThat(browser.findElements(By.cssSelector("#buckets tbody tr")).stream().map(row -> row.getAttribute("data-bucket")))
                .containsExactly("data", "valid", "unclassified", "production");
        assertThat(browser.findElement(By.cssSelector("#buckets tr[data-bucket='unclassified'] td")).getText())
                .isEqualTo(Integer.toString(unclassified));
    }

    @Test
    void adminPageShipsTheTrainingDataToTheCentralFeeder() throws Exception {
        String key = "images/tea-lemon/admin-ship-" + System.nanoTime() + ".jpg";
        platform.edgeS3().put("data", key, shop.photoOf("tea-lemon"));
        openPage("admin.html");

        try (RunningIntegration feeder = platform.startIntegration(Site.CENTRAL, "feeder")) {
            visible(By.id("ship")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("ship-status"), "data-kind", "ok"));
        }

        assertThat(browser.findElement(By.id("ship-status")).getText()).startsWith("Shipped");
        assertThat(browser.findElement(By.id("ship-result")).getText()).contains("New photos stored");
        assertThat(platform.centralS3().keys(platform.config().edgeId() + "-data", "images/tea-lemon/")).contains(key);
    }

    @Test
    void adminPageShowsAShipmentWaitingForCentralUntilCentralTakesIt() throws Exception {
        String key = "images/tea-green/admin-outbox-" + System.nanoTime() + ".jpg";
        platform.edgeS3().put("data", key, shop.photoOf("tea-green"));
        openPage("admin.html");

        // No feeder runs: the shipment waits at the edge.
        visible(By.id("ship")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ship-status"), "waits at the edge"));
        wait.until(ExpectedConditions.textToBe(By.id("outbox-pending"), "1"));
        assertThat(browser.findElement(By.id("outbox-last-error")).getText()).startsWith("central feeder unreachable");
        assertThat(browser.findElement(By.id("outbox-next-attempt")).getText()).isNotEqualTo("–");
        assertThat(browser.findElement(By.id("ship-result")).getText()).contains("Shipment");

        try (RunningIntegration feeder = platform.startIntegration(Site.CENTRAL, "feeder")) {
            // Shipping again makes the waiting shipment due at once; the outbox's next round delivers it.
            visible(By.id("ship")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> {
                driver.findElement(By.id("refresh")).click();
                return driver.findElement(By.id("outbox-pending")).getText().equals("0");
            });
        }
        assertThat(platform.centralS3().keys(platform.config().edgeId() + "-data", "images/tea-green/")).contains(key);
    }

    /** A photo file of the item that the served model recognises, as a browser uploads it. */
    private static Path photoFile(String item) throws Exception {
        Path file = photos.resolve(item + ".jpg");
        return Files.exists(file) ? file : Files.write(file, shop.photoOf(item));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "detection.html", "ingestion.html", "monitor.html", "admin.html", "topics.html", "photos.html",
        "models.html"})
    void everyPageFitsAPhoneScreenWithoutSideScrolling(String page) {
        openPage(page);
        visible(By.tagName("h1"));

        Object overflow = browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");

        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        assertThat(browser.findElements(By.cssSelector("link[rel=stylesheet]"))).isNotEmpty();
    }

    @Test
    void indexLinksToEveryPage() {
        openPage("");

        visible(By.id("link-admin")).click();
        wait.until(ExpectedConditions.titleContains("Admin"));
        browser.navigate().back();
        for (String link : List.of("link-detection", "link-ingestion", "link-monitor", "link-admin", "link-topics", "link-photos",
                "link-models")) {
            assertThat(visible(By.id(link)).getAttribute("href")).endsWith(link.substring(5) + ".html");
        }
    }
}
