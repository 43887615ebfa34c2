package io.edgeloop.system.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.edgeloop.local.testing.EdgeLoopPlatformExtension;
import io.edgeloop.local.testing.TestPlatform;
import io.edgeloop.system.EdgeShop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web app against a shopper with an admin token, in headless Chromium: the admin page asks for the token when
 * the shopper answers 401, shows the status once it has the right one, and keeps it for the browser tab.
 */
@ExtendWith(EdgeLoopPlatformExtension.class)
class AdminTokenTest {

    private static final String TOKEN = "browser-admin-5e1d";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static EdgeShop shop;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void open(TestPlatform platform) throws Exception {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, WAIT);
        shop = EdgeShop.open(platform, Map.of("shopper.admin-token", TOKEN));
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

    /** Each test starts in a tab that holds no token. */
    @BeforeEach
    void forgetTheToken() {
        browser.get(shop.url("/ui/").toString());
        browser.executeScript("sessionStorage.clear();");
    }

    @Test
    void adminPageAsksForTheTokenThenShowsTheStatus() {
        browser.get(shop.url("/ui/admin.html").toString());

        assertThat(AdminTokenDialog.awaited(wait).findElement(By.id("admin-token")).getAttribute("type"))
                .isEqualTo("password");
        assertThat(browser.findElement(By.id("model-version")).getText()).as("nothing shown before the token").isEqualTo("–");
        AdminTokenDialog.enter(wait, "not-the-token");
        wait.until(ExpectedConditions.attributeToBe(By.id("admin-token-message"), "data-kind", "error"));
        AdminTokenDialog.enter(wait, TOKEN);

        wait.until(ExpectedConditions.attributeToBe(By.id("status-status"), "data-kind", "ok"));
        assertThat(browser.findElements(By.id("admin-token-dialog"))).isEmpty();
        assertThat(browser.findElement(By.id("model-version")).getText()).isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("#buckets tbody tr"))).hasSize(4);
    }

    @Test
    void theTokenIsAskedForOncePerTab() {
        browser.get(shop.url("/ui/admin.html").toString());
        AdminTokenDialog.enter(wait, TOKEN);
        wait.until(ExpectedConditions.attributeToBe(By.id("status-status"), "data-kind", "ok"));

        browser.navigate().refresh();
        browser.findElement(By.id("refresh")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("status-status"), "data-kind", "ok"));
        assertThat(browser.findElements(By.id("admin-token-dialog"))).as("no second question").isEmpty();
        assertThat(browser.executeScript("return sessionStorage.getItem('edgeloop.adminToken');")).isEqualTo(TOKEN);
        assertThat(browser.executeScript("return localStorage.length;")).isEqualTo(0L);
    }

    @Test
    void cancellingShowsWhyNothingIsShown() {
        browser.get(shop.url("/ui/admin.html").toString());
        AdminTokenDialog.awaited(wait);

        browser.findElement(By.id("admin-token-cancel")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("status-status"), "data-kind", "error"));
        assertThat(browser.findElement(By.id("status-status")).getText()).contains("admin token");
        assertThat(browser.findElement(By.id("model-version")).getText()).isEqualTo("–");
    }

    @Test
    void monitorPageAsksForTheTokenThenShowsTheHistory() {
        browser.get(shop.url("/ui/monitor.html").toString());

        AdminTokenDialog.enter(wait, TOKEN);

        wait.until(ExpectedConditions.attributeToBe(By.id("history"), "data-kind", "ok"));
        assertThat(browser.findElements(By.id("admin-token-dialog"))).as("one question for status and history").isEmpty();
    }

    @Test
    void topicsPageAsksForTheTokenThenListsTheTopic() {
        browser.get(shop.url("/ui/topics.html?topic=trigger-dlq").toString());

        AdminTokenDialog.enter(wait, TOKEN);

        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-kind", "ok"));
        assertThat(browser.findElement(By.id("status")).getText()).contains("trigger-dlq");
    }

    @Test
    void openPagesAskForNothing() {
        browser.get(shop.url("/ui/ingestion.html").toString());

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product option[value='Green Tea']")));
        assertThat(browser.findElements(By.id("admin-token-dialog"))).isEmpty();
    }
}
