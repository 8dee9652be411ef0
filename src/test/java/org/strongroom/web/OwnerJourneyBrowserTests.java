package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * A person's first minutes with Strongroom in a real browser (headless Chromium): the setup link,
 * the owner account, signing in, the home page, the language menu and signing out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/browser-journey", "strongroom.organisation.time-zone=Europe/Kyiv"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OwnerJourneyBrowserTests {

    static {
        TestFolders.fresh("browser-journey");
    }

    static WebDriver browser;
    /** The owner's authenticator app: each code once, waiting for a new time step if needed. */
    static StaffSignIn.Authenticator ownerApp;

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
    @Order(1)
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
        byte[] seed = StaffSignIn.base32(browser.findElement(By.id("totp-secret")).getText());
        ownerApp = new StaffSignIn.Authenticator(seed);
        Chromium.screenshot(browser, "03b-enrol-app");
        browser.findElement(By.id("code")).sendKeys("123456");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("code"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.cssSelector(".notice-error")).getText()).contains("does not match");
        browser.findElement(By.id("code")).sendKeys(ownerApp.codeWaitingIfNeeded());
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

    /**
     * The owner invites a colleague; the colleague opens the link, sets a password, enrols an
     * authenticator app by typing the shown key (the code is computed from it, as an app would),
     * saves recovery codes, signs out, and signs in again with password and code.
     */
    @Test
    @Order(2)
    void invitedColleagueSetsAPasswordEnrolsAnAppAndSignsIn() throws IOException {
        String base = "https://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.manage().deleteAllCookies();
        browser.get(base + "/login?lang=en");
        browser.findElement(By.id("email")).sendKeys("iryna@example.org");
        browser.findElement(By.id("password")).sendKeys("maple-ferry-copper-19");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        // The owner chose Ukrainian in the first journey; the account keeps it.
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Двоетапна перевірка");
        Chromium.screenshot(browser, "07-challenge-ukrainian");
        browser.findElement(By.id("code")).sendKeys(ownerApp.codeWaitingIfNeeded());
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleContains("Strongroom"));
        if (!browser.findElement(By.tagName("html")).getAttribute("lang").equals("en")) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("en");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        }

        browser.findElement(By.linkText("Staff")).click();
        wait.until(ExpectedConditions.titleIs("Staff · Strongroom"));
        browser.findElement(By.id("invite-name")).sendKeys("Taras Hnatenko");
        browser.findElement(By.id("invite-email")).sendKeys("taras.hnatenko@example.org");
        browser.findElement(By.cssSelector("form[action$='/admin/users/invite'] button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-link")));
        String link = browser.findElement(By.id("invitation-link")).getText();
        assertThat(link).startsWith("https://localhost:" + port + "/invitation?token=");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Taras Hnatenko", "Invited");
        Chromium.screenshot(browser, "08-staff-invited");
        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?signedOut"));

        browser.get(link);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Taras Hnatenko");
        browser.findElement(By.id("password")).sendKeys("password1234");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#password-strength meter")));
        assertThat(browser.findElement(By.id("password-strength")).getText()).contains("list of common or leaked passwords");
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys("orchard-violin-pepper-36");
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("password-strength"), "common or leaked")));
        browser.findElement(By.id("passwordConfirm")).sendKeys("orchard-violin-pepper-36");
        Chromium.screenshot(browser, "09-invitation");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?welcome"));
        browser.findElement(By.id("email")).sendKeys("taras.hnatenko@example.org");
        browser.findElement(By.id("password")).sendKeys("orchard-violin-pepper-36");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
        StaffSignIn.Authenticator colleagueApp = new StaffSignIn.Authenticator(
                StaffSignIn.base32(browser.findElement(By.id("totp-secret")).getText()));
        browser.findElement(By.id("code")).sendKeys(colleagueApp.codeWaitingIfNeeded());
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Recovery codes · Strongroom"));
        browser.findElement(By.linkText("I have saved them — continue")).click();
        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Welcome, Taras Hnatenko");
        assertThat(browser.findElements(By.linkText("Staff"))).as("staff do not manage accounts").isEmpty();
        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?signedOut"));

        browser.findElement(By.id("email")).sendKeys("taras.hnatenko@example.org");
        browser.findElement(By.id("password")).sendKeys("orchard-violin-pepper-36");
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/challenge"));
        browser.findElement(By.id("code")).sendKeys(colleagueApp.codeWaitingIfNeeded());
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));
        Chromium.screenshot(browser, "10-colleague-home");
        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login?signedOut"));
    }
}
