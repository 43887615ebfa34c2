package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.system.ModelHistoryShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The models page in headless Chromium against an edge whose versions 1 and 2 came the real way (trainer's publisher,
 * manager, model server over its model config file): it shows version 1's accuracy, per-class table and report, and
 * a roll-back from the page makes the model server answer with version 1, also after it restarts, until "back to the
 * latest". Screenshots under target/screenshots/.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelsPageTest {

    private static final String TOKEN = "models-page-admin-9b2c";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ModelHistoryShop shop;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open(TestPlatform platform) throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, WAIT);
        shop = ModelHistoryShop.open(platform, TOKEN);
        assertThat(shop.publishVersion(List.of("batch-first"))).isEqualTo(1);
        assertThat(shop.publishVersion(List.of("batch-first", "batch-second"))).isEqualTo(2);
        await().atMost(WAIT).until(() -> shop.archivedManifest(2) != null && shop.availableVersions().equals(List.of(2L)));
        openModelsPage();
    }

    /** The page of the shopper running now, with the admin token typed into its dialog (asked once per origin). */
    private static void openModelsPage() {
        browser.get(shop.url("/ui/models.html").toString());
        AdminTokenDialog.enter(wait, TOKEN);
        wait.until(ExpectedConditions.attributeToBe(By.id("models-status"), "data-kind", "ok"));
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

    @Test
    @Order(1)
    void showsVersionOnesAccuracyPerClassTableAndReport() throws Exception {
        JsonNode manifest = shop.archivedManifest(1);
        WebElement version1 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("version-1")));

        assertThat(version1.findElement(By.className("accuracy")).getText())
                .isEqualTo(String.format(Locale.ROOT, "%.1f %%", manifest.at("/metrics/accuracy").asDouble() * 100));
        assertThat(version1.findElements(By.cssSelector(".per-class tbody tr")))
                .extracting(row -> row.getAttribute("data-label"))
                .containsExactlyElementsOf(iterableOf(manifest.at("/metrics/labels")));
        assertThat(version1.findElement(By.className("batches")).getText()).isEqualTo("batch-first");
        assertThat(browser.findElement(By.id("served-version")).getText()).isEqualTo("version 2");

        version1.findElement(By.cssSelector(".report summary")).click();
        WebElement report = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#version-1 img.report-image")));
        wait.until(driver -> (Long) browser.executeScript("return arguments[0].naturalWidth;", report) > 0);
        Screenshots.keep(report, "models-page-version-1-report");
    }

    @Test
    @Order(2)
    void aRollBackFromThePageMakesTheModelServerAnswerWithVersionOneUntilBackToLatest() throws Exception {
        assertThat(shop.predictedVersion()).isEqualTo(2);

        browser.findElement(By.cssSelector("#version-1 button.serve")).click();

        wait.until(ExpectedConditions.textToBe(By.id("models-status"), "Version 1 serves now."));
        assertThat(shop.predictedVersion()).as("TF Serving gRPC Predict's model_spec.version").isEqualTo(1);
        assertThat(browser.findElement(By.id("served-version")).getText()).isEqualTo("version 1");
        assertThat(browser.findElement(By.id("serving-mode")).getText()).contains("version 1 is pinned");
        assertThat(browser.findElement(By.id("serve-latest")).isDisplayed()).isTrue();
        Screenshots.keep(browser, "models-page-rolled-back");
        JsonNode models = shop.models(TOKEN);
        assertThat(models.at("/versions/1/state").asText()).as("version 1, the model server's status").isEqualTo("AVAILABLE");
        assertThat(models.at("/versions/0/state").asText()).as("version 2 retired").isEqualTo("END");

        shop.restartModelServer();
        assertThat(shop.availableVersions()).as("the pin survives a model server restart").containsExactly(1L);
        assertThat(shop.predictedVersion()).isEqualTo(1);
        shop.restartShopper();
        assertThat(shop.models(TOKEN).get("pinned").asInt()).as("and a shopper restart").isEqualTo(1);
        assertThat(shop.models(TOKEN).get("served").asInt()).isEqualTo(1);

        openModelsPage();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("serve-latest"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("models-status"), "Version 2 serves now."));
        assertThat(shop.predictedVersion()).isEqualTo(2);
        assertThat(browser.findElement(By.id("serve-latest")).isDisplayed()).isFalse();
    }

    private static Iterable<String> iterableOf(JsonNode array) {
        return () -> java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).iterator();
    }
}
