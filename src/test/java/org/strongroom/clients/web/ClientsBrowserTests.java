package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * A practitioner's day in a real browser (headless Chromium): creates a client with a Cyrillic
 * name (first sending the form with mistakes: the error summary takes focus), finds her from the
 * index's search box by part of the Cyrillic name and by its Latin spelling, opens her with the
 * keyboard alone (arrow, Enter), edits a field, meets a stale edit, and sees the change in the
 * history. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/clients-browser", "strongroom.organisation.time-zone=Europe/Kyiv",
                "strongroom.audit.checkpoint-poll=1h"})
class ClientsBrowserTests {

    static {
        TestFolders.fresh("clients-browser");
    }

    static final String EMAIL = "yevhen.moroz@example.org";
    static final String PASSWORD = "linden-quartz-harbour-19";
    static final String ADMIN_EMAIL = "iryna.pavlenko@example.org";

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Clock clock;

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
    void practitionerCreatesFindsOpensEditsAndSeesTheHistory() throws IOException {
        accounts.insert(StaffId.random(), EMAIL, "Yevhen Moroz", passwords.encode(PASSWORD), StaffRole.PRACTITIONER,
                StaffStatus.ACTIVE, clock.instant());
        String base = "https://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        signIn(base, wait);
        browser.manage().window().setSize(new Dimension(1280, 1100));

        // The navigation leads to the index.
        browser.findElement(By.cssSelector("nav.mainnav a[href='/clients']")).click();
        wait.until(ExpectedConditions.titleIs("Clients · Strongroom"));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the search box has focus").isEqualTo("client-search");

        // A new client, first with mistakes.
        browser.findElement(By.linkText("New client")).click();
        wait.until(ExpectedConditions.titleIs("New client · Strongroom"));
        browser.findElement(By.id("f-family_name")).sendKeys("Коваленко");
        browser.findElement(By.id("f-email")).sendKeys("olena at example");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
        assertThat(browser.switchTo().activeElement().getAttribute("class")).as("the error summary takes focus").contains("error-summary");
        assertThat(browser.findElement(By.id("f-given_name-error")).getText()).isEqualTo("This field is required.");
        assertThat(browser.findElement(By.id("f-family_name")).getAttribute("value")).isEqualTo("Коваленко");
        Chromium.screenshot(browser, "clients-01-new-with-errors");

        browser.findElement(By.cssSelector(".error-summary a[href='#f-given_name']")).click();
        browser.findElement(By.id("f-given_name")).sendKeys("Олена");
        WebElement email = browser.findElement(By.id("f-email"));
        email.clear();
        email.sendKeys("olena.kovalenko@example.org");
        browser.findElement(By.id("f-alerts")).sendKeys("Prefers afternoon sessions; step-free access needed.");
        browser.findElement(By.id("f-tags")).sendKeys("evening, couples");
        browser.findElement(By.id("f-emergency_contact")).sendKeys("Andrii Kovalenko, brother, +380501112299");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleContains("Олена Коваленко"));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("The client was created.");
        assertThat(browser.findElement(By.cssSelector(".client-alerts")).getText()).contains("step-free access");
        assertThat(browser.findElement(By.cssSelector(".client-team")).getText()).contains("Yevhen Moroz");
        Chromium.screenshot(browser, "clients-02-workspace");

        // Found from the index by part of the Cyrillic name …
        browser.get(base + "/clients");
        WebElement search = browser.findElement(By.id("client-search"));
        search.sendKeys("Ковал");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("client-search-results"), "Олена Коваленко"));
        assertThat(browser.findElement(By.id("client-search-status")).getAttribute("textContent")).startsWith("1 client found");
        Chromium.screenshot(browser, "clients-03-index-search-cyrillic");
        // … Escape clears …
        search.sendKeys(Keys.ESCAPE);
        assertThat(search.getAttribute("value")).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#client-search-results [role=option]"))).isEmpty();
        // … and by its Latin spelling; opened with the keyboard alone.
        search.sendKeys("olena kovalenko");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("client-search-results"), "Олена Коваленко"));
        search.sendKeys(Keys.ARROW_DOWN);
        assertThat(search.getAttribute("aria-activedescendant")).isEqualTo("client-option-0");
        assertThat(browser.findElement(By.id("client-option-0")).getAttribute("aria-selected")).isEqualTo("true");
        Chromium.screenshot(browser, "clients-04-index-search-latin-selected");
        search.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.titleContains("Олена Коваленко"));

        // Edit a field.
        browser.findElement(By.linkText("Edit profile")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-phone")));
        String editUrl = browser.getCurrentUrl();
        browser.findElement(By.id("f-phone")).sendKeys("050 123 45 67");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice-ok")));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("The changes were saved.");
        assertThat(browser.findElement(By.cssSelector("dd[data-field=phone]")).getText()).isEqualTo("+380501234567");

        // A stale edit: the form opened before someone else's save.
        browser.get(editUrl);
        String staleVersion = browser.findElement(By.name("version")).getAttribute("value");
        browser.get(editUrl);
        WebElement referral = browser.findElement(By.id("f-referral_source"));
        referral.sendKeys("Family doctor");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice-ok")));
        browser.get(editUrl);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('input[name=version]').value = arguments[0];", staleVersion);
        WebElement phone = browser.findElement(By.id("f-phone"));
        phone.clear();
        phone.sendKeys("+380671112233");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".conflict")));
        assertThat(browser.findElement(By.cssSelector("tr[data-conflict=referral_source]")).getText()).contains("Family doctor");
        assertThat(browser.switchTo().activeElement().getAttribute("class")).contains("conflict");
        Chromium.screenshot(browser, "clients-05-conflict");
        browser.findElement(By.cssSelector(".client-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice-ok")));
        assertThat(browser.findElement(By.cssSelector("dd[data-field=phone]")).getText()).isEqualTo("+380671112233");
        assertThat(browser.findElement(By.cssSelector("dd[data-field=referral_source]")).getText()).isEqualTo("Family doctor");

        // The history shows each change: when, who, field, old → new.
        browser.findElement(By.cssSelector("a[data-tab=history]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".history-table")));
        String history = browser.findElement(By.cssSelector(".history-table")).getText();
        assertThat(history).contains("Phone", "+380501234567", "+380671112233", "Yevhen Moroz", "Edited", "Created", "Олена");
        Chromium.screenshot(browser, "clients-06-history");

        browser.get(base + "/clients");
        Chromium.screenshot(browser, "clients-07-index");
        String client = browser.findElement(By.cssSelector("tr[data-client]")).getAttribute("data-client");

        // An administrator sees the emergency contact masked and reveals it on purpose, with a reason.
        browser.findElement(By.cssSelector(".account button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        accounts.insert(StaffId.random(), ADMIN_EMAIL, "Iryna Pavlenko", passwords.encode(PASSWORD), StaffRole.ADMINISTRATOR,
                StaffStatus.ACTIVE, clock.instant());
        signIn(base, wait, ADMIN_EMAIL);
        browser.get(base + "/clients/" + client);
        WebElement contact = browser.findElement(By.cssSelector("dd[data-field=emergency_contact]"));
        assertThat(contact.getText()).doesNotContain("+380501112299").contains("Reveal");
        assertThat(browser.findElement(By.cssSelector(".client-alerts")).getText()).doesNotContain("step-free");
        contact.findElement(By.tagName("summary")).click();
        Chromium.screenshot(browser, "clients-08-masked-reveal-form");
        contact.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dd[data-field=emergency_contact] .field-message")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus on the field in error").isEqualTo("reason-emergency_contact");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason-emergency_contact"))).selectByValue("verify_identity");
        browser.findElement(By.cssSelector("dd[data-field=emergency_contact] button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".revealed-value")));
        assertThat(browser.findElement(By.cssSelector(".revealed-value")).getText()).isEqualTo("Andrii Kovalenko, brother, +380501112299");
        assertThat(browser.switchTo().activeElement().getAttribute("class")).as("focus on the revealed value").contains("revealed-value");
        Chromium.screenshot(browser, "clients-09-revealed");
        browser.get(base + "/clients/" + client);
        assertThat(browser.findElement(By.cssSelector("dd[data-field=emergency_contact]")).getText()).doesNotContain("+380501112299");
    }

    private void signIn(String base, WebDriverWait wait) {
        signIn(base, wait, EMAIL);
    }

    private void signIn(String base, WebDriverWait wait, String email) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
        // On a loaded machine a code can go stale on its way: one more, fresh code then.
        for (int attempt = 1; attempt <= 2; attempt++) {
            StaffSignIn.Authenticator app = new StaffSignIn.Authenticator(
                    StaffSignIn.base32(browser.findElement(By.id("totp-secret")).getText()));
            WebElement code = browser.findElement(By.id("code"));
            code.clear();
            code.sendKeys(app.codeWaitingIfNeeded());
            browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
            wait.until(ExpectedConditions.or(ExpectedConditions.titleIs("Recovery codes · Strongroom"),
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[aria-invalid='true']"))));
            if ("Recovery codes · Strongroom".equals(browser.getTitle())) {
                break;
            }
        }
        assertThat(browser.getTitle()).isEqualTo("Recovery codes · Strongroom");
        browser.findElement(By.linkText("I have saved them — continue")).click();
        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));
    }
}
