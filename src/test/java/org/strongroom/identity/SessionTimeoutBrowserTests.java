package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.TestFolders;

/**
 * The idle-logout warning in a real browser, with a 12-second idle timeout so that it shows
 * after six seconds: an alert dialog that takes focus, "Stay signed in" keeps the session on the
 * server, and when the time runs out the page goes to the sign-in page, which says why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/session-timeout-browser", "strongroom.sessions.idle-timeout=12s"})
@Import(SessionsIntegrationTests.CompleteSignIn.class)
class SessionTimeoutBrowserTests {

    static {
        TestFolders.fresh("session-timeout-browser");
    }

    static final String EMAIL = "yurii.tkachenko@example.org";
    static final String PASSWORD = "silver-harbour-compass-38";

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    OwnerSetup setup;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = Chromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void warnsBeforeTheIdleTimeoutKeepsTheSessionOnRequestAndSignsOutWhenItRunsOut() throws IOException {
        assertThat(setup.createOwner(new NewOwner("Yurii Tkachenko", EMAIL, PASSWORD))).isInstanceOf(SetupResult.Created.class);
        String base = "https://localhost:" + port;
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/mfa/"));
        browser.get(base + "/mfa/enrol/test-only-complete");
        browser.get(base + "/account/sessions");
        assertThat(browser.getTitle()).contains("Sessions and sign-ins");

        WebElement dialog = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[role=alertdialog]")));
        assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
        assertThat(dialog.getText()).contains("Your session is about to end", "Stay signed in", "Sign out");
        WebElement stay = dialog.findElement(By.cssSelector("[data-session-stay]"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(stay);
        Chromium.screenshot(browser, "session-timeout-warning");

        stay.click();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(browser.getCurrentUrl()).endsWith("/account/sessions");

        // Left alone, the warning comes back and then the page signs out by itself.
        new WebDriverWait(browser, Duration.ofSeconds(25)).until(ExpectedConditions.urlContains("/login?expired"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Your session has ended");
        browser.get(base + "/account/sessions");
        assertThat(browser.getCurrentUrl()).contains("/login");
    }
}
