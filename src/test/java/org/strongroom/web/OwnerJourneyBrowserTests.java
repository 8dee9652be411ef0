package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.strongroom.identity.OwnerSetup;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.TestFolders;

/**
 * A person's first minutes with Strongroom in a real browser (headless Chromium): the setup link,
 * the owner account, signing in, the home page, the language menu and signing out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/browser-journey", "strongroom.organisation.time-zone=Europe/Kyiv"})
class OwnerJourneyBrowserTests {

    static {
        TestFolders.fresh("browser-journey");
    }

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
    void ownerSetsUpSignsInSwitchesLanguageAndSignsOut() throws IOException {
        String base = "https://localhost:" + port;
        String token = setup.issueSetupToken().orElseThrow();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get(base + "/setup?token=" + token);
        assertThat(browser.getTitle()).isEqualTo("Create the owner account · Strongroom");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).as("first Tab reaches the skip link").isEqualTo("Skip to content");

        browser.findElement(By.id("name")).sendKeys("Iryna Shevchenko");
        browser.findElement(By.id("email")).sendKeys("iryna@example.org");
        browser.findElement(By.id("password")).sendKeys("maple-ferry-copper-19");
        browser.findElement(By.id("passwordConfirm")).sendKeys("maple-ferry-copper-91");
        Chromium.screenshot(browser, "01-setup-form");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-error")));
        assertThat(browser.findElement(By.id("confirm-error")).getText()).isEqualTo("The two passwords are not the same.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the first invalid field")
                .isEqualTo("passwordConfirm");
        Chromium.screenshot(browser, "02-setup-mismatch");
        browser.findElement(By.id("password")).sendKeys("maple-ferry-copper-19");
        browser.findElement(By.id("passwordConfirm")).sendKeys("maple-ferry-copper-19");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("/login?created"));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).contains("Your owner account is ready");
        browser.findElement(By.id("email")).sendKeys("iryna@example.org");
        browser.findElement(By.id("password")).sendKeys("maple-ferry-copper-19");
        Chromium.screenshot(browser, "03-sign-in");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

        // No factor yet: the password leads to enrolment only. Type the shown key into "an app".
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set up two-step verification");
        assertThat(browser.findElement(By.cssSelector(".qr-box svg")).isDisplayed()).isTrue();
        byte[] seed = org.strongroom.testing.StaffSignIn.base32(browser.findElement(By.id("totp-secret")).getText());
        Chromium.screenshot(browser, "03b-enrol-app");
        browser.findElement(By.id("code")).sendKeys("123456");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("code"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.cssSelector(".notice-error")).getText()).contains("does not match");
        browser.findElement(By.id("code")).sendKeys(org.strongroom.crypto.OneTimeCodes.code(seed,
                org.strongroom.crypto.OneTimeCodes.stepAt(java.time.Instant.now())));
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Recovery codes · Strongroom"));
        assertThat(browser.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        Chromium.screenshot(browser, "03c-recovery-codes");
        browser.findElement(By.linkText("I have saved them — continue")).click();

        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Iryna Shevchenko");
        assertThat(browser.findElement(By.cssSelector("nav[aria-label] a[aria-current=page]")).getText()).isEqualTo("Home");
        Path home = Chromium.screenshot(browser, "04-home");
        assertThat(Files.size(home)).isGreaterThan(10_000);

        browser.findElement(By.linkText("Keys")).click();
        wait.until(ExpectedConditions.titleIs("Keys · Strongroom"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Encryption keys");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Key file on this server", "Nothing pending");
        Chromium.screenshot(browser, "04b-keys");
        browser.findElement(By.linkText("Home")).click();
        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));

        WebElement language = browser.findElement(By.id("lang"));
        new org.openqa.selenium.support.ui.Select(language).selectByValue("uk");
        wait.until(ExpectedConditions.titleIs("Головна · Strongroom"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Вітаємо, Iryna Shevchenko");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("uk");
        Chromium.screenshot(browser, "05-home-ukrainian");

        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?signedOut"));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("Ви вийшли. Сеанс завершено на сервері.");
        browser.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        Chromium.screenshot(browser, "06-signed-out");
    }
}
