package org.strongroom.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * An administrator in a real browser (headless Chromium): signs in with password and
 * authenticator app, searches the trail by person and client, mistypes an action (focus lands on
 * that field), and verifies the whole trail, watching the htmx-polled status turn into the verdict.
 * Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/audit-pages-browser", "strongroom.organisation.time-zone=Europe/Kyiv",
                "strongroom.audit.checkpoint-poll=1h"})
@Import(AuditPagesFullStackIntegrationTests.StandIns.class)
class AuditPagesBrowserTests {

    static {
        TestFolders.fresh("audit-pages-browser");
    }

    static final String EMAIL = "oksana.hrytsenko@example.org";
    static final String PASSWORD = "amber-lighthouse-pebble-73";

    static WebDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    AuditTrail trail;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    AuditPagesFullStackIntegrationTests.GatedVerification verification;

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
    void administratorSearchesTheTrailAndVerifiesIt() throws IOException {
        accounts.insert(StaffId.random(), EMAIL, "Oksana Hrytsenko", passwords.encode(PASSWORD), StaffRole.ADMINISTRATOR,
                StaffStatus.ACTIVE, clock.instant());
        StaffId borys = StaffId.random();
        accounts.insert(borys, "borys.tkachenko@example.org", "Borys Tkachenko", passwords.encode(PASSWORD), StaffRole.STAFF,
                StaffStatus.ACTIVE, clock.instant());
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                trail.record(AuditEvent.of(ActorType.STAFF, borys.toString(), "client.profile.read", Outcome.ALLOWED)
                        .withClient("3f0c1a2e-0000-4000-8000-000000000001").withRequest("192.0.2.10", null, null));
            }
            trail.record(AuditEvent.of(ActorType.TOKEN, "7c1e0000-0000-4000-8000-0000000000aa", "client.profile.read", Outcome.DENIED)
                    .withClient("3f0c1a2e-0000-4000-8000-000000000002").withReason("not_assigned"));
            trail.record(AuditEvent.of(ActorType.ANONYMOUS, null, "identity.sign_in", Outcome.FAILED)
                    .withReason("bad_credentials").withRequest("198.51.100.7", null, null));
        });
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

        // Tall enough to show a whole page of results in the screenshots.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
        browser.get(base + "/audit");
        assertThat(browser.getTitle()).isEqualTo("Audit trail · Strongroom");
        assertThat(browser.findElements(By.cssSelector("table.audit-table tbody tr"))).hasSizeGreaterThanOrEqualTo(5);
        Chromium.screenshot(browser, "audit-01-search");

        new Select(browser.findElement(By.id("f-actor"))).selectByVisibleText("Borys Tkachenko");
        browser.findElement(By.id("f-client")).sendKeys("3f0c1a2e-0000-4000-8000-000000000001");
        browser.findElement(By.cssSelector(".audit-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("actor=" + borys));
        assertThat(browser.findElements(By.cssSelector("table.audit-table tbody tr"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("table.audit-table caption")).getText())
                .isEqualTo("Entries, newest first. Times in Europe/Kyiv.");
        Chromium.screenshot(browser, "audit-02-search-person-client");

        browser.findElement(By.linkText("Clear filters")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/audit"));
        browser.findElement(By.id("f-action")).sendKeys("Client Read");
        browser.findElement(By.cssSelector(".audit-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-action-error")));
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus moves to the field in error").isEqualTo("f-action");
        Chromium.screenshot(browser, "audit-03-search-error");

        browser.get(base + "/audit/clients/3f0c1a2e-0000-4000-8000-000000000001");
        assertThat(browser.findElements(By.cssSelector("#client-history table tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
        Chromium.screenshot(browser, "audit-04-client-history");

        browser.get(base + "/audit/verify");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Verify the audit trail");
        Chromium.screenshot(browser, "audit-05-verify-before");
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        verification.gate = gate;
        try {
            browser.findElement(By.cssSelector(".verify-form button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-progress")));
            // htmx asks again every second: the next answer replaces the status without a page load.
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-status"), "Checked 1 of about"));
            Chromium.screenshot(browser, "audit-06-verify-running");
        } finally {
            verification.gate = null;
            gate.countDown();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-status"), "The trail is intact"));
        assertThat(browser.getCurrentUrl()).endsWith("/audit/verify");
        assertThat(browser.findElement(By.id("verify-status")).getAttribute("aria-live")).isEqualTo("polite");
        Chromium.screenshot(browser, "audit-07-verify-intact");

        jdbc.sql("UPDATE audit_entry SET client_id = 'somewhere-else' WHERE seq = 2").update();
        try {
            browser.findElement(By.cssSelector(".verify-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-status"), "The trail is broken at entry 2"));
            assertThat(browser.findElement(By.id("verify-status")).getText()).contains("an entry was changed after it was written")
                    .contains("What to do now");
            Chromium.screenshot(browser, "audit-08-verify-broken");
        } finally {
            jdbc.sql("UPDATE audit_entry SET client_id = '3f0c1a2e-0000-4000-8000-000000000001' WHERE seq = 2").update();
        }
    }
}
