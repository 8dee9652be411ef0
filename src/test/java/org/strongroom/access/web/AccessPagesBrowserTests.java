package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * An owner in a real browser (headless Chromium): signs in with password and authenticator app,
 * reads the permission matrix, sends the custom role form empty (focus lands on the name field,
 * which says what is wrong), creates a role, works the review queue and opens the break-the-glass
 * page. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/access-pages-browser", "strongroom.organisation.time-zone=Europe/Kyiv",
                "strongroom.audit.checkpoint-poll=1h"})
class AccessPagesBrowserTests {

    static {
        TestFolders.fresh("access-pages-browser");
    }

    static final String EMAIL = "sofiia.marchenko@example.org";
    static final String PASSWORD = "harbour-violet-compass-84";
    static final UUID CLIENT = UUID.fromString("7d2f4b10-0000-4000-8000-000000000071");

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Clock clock;
    @Autowired
    BreakGlass breakGlass;
    @Autowired
    ClientKeys clientKeys;

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
    void ownerReadsTheMatrixMakesARoleAndWorksTheQueue() throws IOException {
        accounts.insert(StaffId.random(), EMAIL, "Sofiia Marchenko", passwords.encode(PASSWORD), StaffRole.OWNER,
                StaffStatus.ACTIVE, clock.instant());
        StaffId practitioner = StaffId.random();
        accounts.insert(practitioner, "andrii.bondarenko@example.org", "Andrii Bondarenko", passwords.encode(PASSWORD),
                StaffRole.PRACTITIONER, StaffStatus.ACTIVE, clock.instant());
        clientKeys.create(CLIENT);
        AccessResult<?> opened = breakGlass.open(new Actor.Staff(practitioner, StaffRole.PRACTITIONER), CLIENT,
                "Client phoned in crisis out of hours; their practitioner is on leave.", true);
        assertThat(opened).isInstanceOf(AccessResult.Done.class);

        String base = "https://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
        StaffSignIn.Authenticator app = new StaffSignIn.Authenticator(
                StaffSignIn.base32(browser.findElement(By.id("totp-secret")).getText()));
        browser.findElement(By.id("code")).sendKeys(app.codeWaitingIfNeeded());
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Recovery codes · Strongroom"));
        browser.findElement(By.linkText("I have saved them — continue")).click();
        wait.until(ExpectedConditions.titleIs("Home · Strongroom"));

        browser.manage().window().setSize(new Dimension(1280, 1400));
        browser.get(base + "/admin/roles");
        assertThat(browser.getTitle()).isEqualTo("Roles and permissions · Strongroom");
        assertThat(browser.findElements(By.cssSelector("table.matrix thead th[scope=col]"))).hasSize(7);
        Chromium.screenshot(browser, "access-01-matrix");
        // A mark for the eye, words for a screen reader (Selenium reads the visually hidden text too).
        assertThat(browser.findElement(By.cssSelector("tr[data-permission='client.read'] td")).getText()).startsWith("✓").contains("allowed");

        browser.findElement(By.linkText("New role")).click();
        wait.until(ExpectedConditions.titleIs("New role · Strongroom"));
        Chromium.screenshot(browser, "access-02-role-form");
        browser.findElement(By.cssSelector(".role-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("role-label-error")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the first field in error")
                .isEqualTo("role-label");
        assertThat(browser.findElement(By.id("role-label-error")).getText()).isEqualTo("Give the role a name.");
        Chromium.screenshot(browser, "access-03-role-form-errors");

        browser.findElement(By.id("role-label")).sendKeys("Billing clerk");
        browser.findElement(By.cssSelector("label[for='reach-ORGANISATION']")).click();
        browser.findElement(By.cssSelector("label[for='perm-client.read']")).click();
        browser.findElement(By.cssSelector("label[for='perm-appointment.read']")).click();
        browser.findElement(By.cssSelector(".role-form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Roles and permissions · Strongroom"));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("The role “Billing clerk” was created.");
        assertThat(browser.findElements(By.cssSelector("table.matrix thead th[scope=col]"))).hasSize(8);
        Chromium.screenshot(browser, "access-04-matrix-with-custom-role");
        // The header row stays in view while the matrix scrolls to its reach and visibility rows.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "var m = document.querySelector('.matrix-scroll'); m.scrollTop = m.scrollHeight;");
        assertThat(browser.findElement(By.cssSelector("th[data-role='OWNER']")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "access-04b-matrix-reach-and-visibility");

        browser.get(base + "/admin/access/reviews");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Break-the-glass reviews (waiting: 1)");
        Chromium.screenshot(browser, "access-05-review-queue");
        browser.findElement(By.cssSelector(".review-form label[for^='unjustified-']")).click();
        browser.findElement(By.cssSelector(".review-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".review-form .field-message")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).startsWith("note-");
        Chromium.screenshot(browser, "access-06-review-error");
        browser.switchTo().activeElement().sendKeys("Another practitioner on the team was available by phone.");
        browser.findElement(By.cssSelector(".review-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "(waiting: 0)"));
        Chromium.screenshot(browser, "access-07-review-done");

        browser.get(base + "/access/break-glass?client=" + CLIENT);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Emergency access (break the glass)");
        browser.findElement(By.cssSelector(".break-glass-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reason-error")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("reason");
        Chromium.screenshot(browser, "access-08-break-glass-error");
        browser.findElement(By.id("reason")).sendKeys("Covering the crisis line tonight; need the safety plan.");
        browser.findElement(By.cssSelector(".break-glass-form button[type=submit]")).click();
        // The owner reaches every client already: no emergency access for her, nothing recorded or mailed.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice-info[role=status]"),
                "You can already open this record"));
        assertThat(browser.findElements(By.cssSelector(".break-glass-form"))).as("no form to submit again").isEmpty();
        Chromium.screenshot(browser, "access-09-break-glass-not-needed");

        // The person's own view: why they may open the client now.
        browser.get(base + "/access/clients/" + CLIENT);
        assertThat(browser.findElement(By.cssSelector("p[role=status]")).getText()).isEqualTo("Role reaches every client");
        assertThat(browser.findElements(By.cssSelector("main li"))).extracting(e -> e.getText()).contains("Read progress notes");
        Chromium.screenshot(browser, "access-10-my-access-client");
        browser.get(base + "/access/mine");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My clients and access");
        assertThat(browser.findElement(By.id("grants-heading")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "access-11-my-access");
    }
}
