package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.edgeloop.local.integration.Site;
import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.RunningIntegration;
import io.edgeloop.local.testing.S3TestClient;
import io.edgeloop.local.testing.TestImages;
import io.edgeloop.local.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The photos page in headless Chromium against a real shopper (with an admin token), price engine and edge S3: the
 * grid shows the photos of the review queue with their thumbnails, the bar chart counts the training data per class,
 * and a photo labelled from the grid lands in data/images/<item>/.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class PhotosPageTest {

    private static final String TOKEN = "photos-page-9d2b";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DATA = "page-data";
    private static final String UNCLASSIFIED = "page-unclassified";
    private static final List<String> QUEUED = List.of("images/unknown/2026-12-06_08-00-01-000-a0001.jpg",
            "images/unknown/2026-12-06_08-00-02-000-a0002.jpg", "images/other/2026-12-06_08-00-03-000-a0003.jpg");

    private static TestPlatform platform;
    private static RunningIntegration priceEngine;
    private static RunningIntegration shopper;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open(TestPlatform testPlatform) throws Exception {
        platform = testPlatform;
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, WAIT);
        S3TestClient s3 = platform.edgeS3();
        s3.createBucket(DATA);
        s3.createBucket(UNCLASSIFIED);
        for (int i = 0; i < QUEUED.size(); i++) {
            s3.put(UNCLASSIFIED, QUEUED.get(i), TestImages.jpeg(i, 480, 360));
        }
        s3.put(DATA, "images/tea-green/1.jpg", TestImages.jpeg(11, 320, 240));
        s3.put(DATA, "images/tea-green/2.jpg", TestImages.jpeg(12, 320, 240));
        s3.put(DATA, "images/tea-lemon/1.jpg", TestImages.jpeg(13, 320, 240));
        priceEngine = platform.startAnotherIntegration(Site.EDGE, "price-engine", Map.of());
        shopper = platform.startAnotherIntegration(Site.EDGE, "shopper", Map.of("shopper.admin-token", TOKEN,
                "shopper.data-bucket", DATA, "shopper.unclassified-bucket", UNCLASSIFIED,
                "shopper.price-engine-url", priceEngine.url("").toString().replaceAll("/$", ""),
                "shopper.detection-topic", "detection-photos-page/+"));
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (RunningIntegration integration : new RunningIntegration[] {shopper, priceEngine}) {
            if (integration != null) {
                integration.close();
            }
        }
    }

    private static WebElement visible(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** The count the bar chart shows for a class (read in the page: the chart is redrawn after each label). */
    private static Object count(String item) {
        return browser.executeScript("const bar = document.querySelector(\"#classes li[data-item='\" + arguments[0]"
                + " + \"'] .count\"); return bar && bar.textContent;", item);
    }

    /** The page in a tab that holds no token yet: it asks for it once. */
    private static void openPhotosPage() {
        browser.get(shopper.url("/ui/").toString());
        browser.executeScript("sessionStorage.clear();");
        browser.get(shopper.url("/ui/photos.html").toString());
        AdminTokenDialog.enter(wait, TOKEN);
    }

    @Test
    void aPhotoLabelledFromTheGridLandsInTheTrainingData() throws Exception {
        openPhotosPage();

        // The review queue, newest first, each with its thumbnail drawn.
        wait.until(driver -> driver.findElements(By.cssSelector("#grid li")).size() >= QUEUED.size());
        assertThat(browser.findElements(By.cssSelector("#grid li")).stream().map(li -> li.getAttribute("data-key")))
                .containsAll(QUEUED);
        wait.until(driver -> Boolean.TRUE.equals(((ChromeDriver) driver).executeScript(
                "return [...document.querySelectorAll('#grid img')].every(img => img.complete && img.naturalWidth > 0);")));
        assertThat(browser.executeScript("return document.querySelector('#grid img').naturalWidth;"))
                .as("a thumbnail, not the photo").isEqualTo(160L);
        assertThat(count("tea-green")).isEqualTo("2");
        assertThat(count("tea-lemon")).isEqualTo("1");
        Screenshots.keep(browser, "photos-grid");

        String key = QUEUED.get(0);
        browser.findElement(By.cssSelector("#grid li[data-key='" + key + "'] button")).click();
        visible(By.id("photo-dialog"));
        wait.until(driver -> Boolean.TRUE.equals(((ChromeDriver) driver).executeScript(
                "const img = document.getElementById('photo-full'); return img.complete && img.naturalWidth === 480;")));
        new Select(browser.findElement(By.id("product"))).selectByValue("Green Tea");
        Screenshots.keep(browser, "photos-label");
        browser.findElement(By.id("label")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#grid li[data-key='" + key + "']"), 0));
        wait.until(driver -> "3".equals(count("tea-green")));
        assertThat(browser.findElement(By.id("status")).getText()).contains("Labelled as tea-green");
        String file = key.substring(key.lastIndexOf('/') + 1);
        assertThat(platform.edgeS3().get(DATA, "images/tea-green/" + file)).isEqualTo(TestImages.jpeg(0, 480, 360));
        assertThat(platform.edgeS3().keys(UNCLASSIFIED, key)).isEmpty();
        Screenshots.keep(browser, "photos-labelled");
    }

    @Test
    void aPhotoDeletedFromTheGridIsGoneFromItsBucket() {
        String key = "images/unknown/2026-12-06_08-00-09-000-d0001.jpg";
        platform.edgeS3().put(UNCLASSIFIED, key, TestImages.jpeg(21, 200, 150));
        openPhotosPage();

        visible(By.cssSelector("#grid li[data-key='" + key + "'] button")).click();
        visible(By.id("photo-dialog"));
        browser.findElement(By.id("delete")).click();
        assertThat(platform.edgeS3().keys(UNCLASSIFIED, key)).as("the first click only asks").hasSize(1);
        browser.findElement(By.id("delete")).click();

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#grid li[data-key='" + key + "']"), 0));
        assertThat(platform.edgeS3().keys(UNCLASSIFIED, key)).isEmpty();
    }

    @Test
    void theTrainingDataFilteredByClass() {
        openPhotosPage();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#bucket option[data-role='data']")));

        new Select(browser.findElement(By.id("bucket"))).selectByValue(DATA);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#class option[value='tea-lemon']")));
        new Select(browser.findElement(By.id("class"))).selectByValue("tea-lemon");

        wait.until(driver -> driver.findElements(By.cssSelector("#grid li")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#grid li")).getAttribute("data-key")).isEqualTo("images/tea-lemon/1.jpg");
    }
}
