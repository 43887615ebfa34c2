package io.edgeloop.system.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web app's admin token dialog (web/js/edgeloop.js), as a user answers it. */
final class AdminTokenDialog {

    private AdminTokenDialog() {
    }

    /** The dialog, once the page shows it. */
    static WebElement awaited(WebDriverWait wait) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token-dialog")));
    }

    /** Types the token into the dialog the page shows and sends it. */
    static void enter(WebDriverWait wait, String token) {
        WebElement dialog = awaited(wait);
        WebElement input = dialog.findElement(By.id("admin-token"));
        input.clear();
        input.sendKeys(token);
        dialog.findElement(By.id("admin-token-submit")).click();
    }
}
