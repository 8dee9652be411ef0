package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

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
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.Chromium;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * An owner in a real browser (headless Chromium): the catalogue, a field switched on without a
 * purpose (focus lands on the error summary, which links to the purpose), the data inventory with
 * its chart, and the export page. Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/catalogue-browser", "strongroom.organisation.time-zone=Europe/Kyiv",
                "strongroom.audit.checkpoint-poll=1h"})
class CatalogueBrowserTests {

    static {
        TestFolders.fresh("catalogue-browser");
    }

    static final String EMAIL = "vira.hnatiuk@example.org";
    static final String PASSWORD = "copper-lantern-meadow-61";

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
    Clients clients;

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
    void ownerWorksTheCatalogueReadsTheInventoryAndOpensTheExport() throws IOException {
        StaffId owner = StaffId.random();
        accounts.insert(owner, EMAIL, "Vira Hnatiuk", passwords.encode(PASSWORD), StaffRole.OWNER, StaffStatus.ACTIVE, clock.instant());
        Actor actor = new Actor.Staff(owner, StaffRole.OWNER);
        String[][] people = {{"Oksana", "Melnyk"}, {"Taras", "Bondar"}, {"Iryna", "Koval"}, {"Marko", "Savchuk"}, {"Daryna", "Lysenko"}};
        for (int i = 0; i < people.length; i++) {
            clients.create(actor, new NewClient(ClientStatus.ACTIVE, Map.of("given_name", people[i][0], "family_name", people[i][1],
                    "email", people[i][0].toLowerCase() + "@example.org", "phone", "+38050123450" + i,
                    "date_of_birth", "199" + i + "-0" + (i + 1) + "-1" + i), true));
        }

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

        browser.manage().window().setSize(new Dimension(1280, 1500));
        browser.get(base + "/admin/catalogue");
        assertThat(browser.getTitle()).isEqualTo("Field catalogue · Strongroom");
        Chromium.screenshot(browser, "clients-catalogue-01-list");

        browser.findElement(By.linkText("Pronouns")).click();
        wait.until(ExpectedConditions.titleIs("Field: Pronouns · Strongroom"));
        browser.findElement(By.cssSelector("label[for='field-enabled']")).click();
        browser.findElement(By.cssSelector(".catalogue-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-purpose-error")));
        assertThat(browser.switchTo().activeElement().getAttribute("data-error-summary")).as("focus on the error summary").isNotNull();
        assertThat(browser.findElement(By.cssSelector(".error-summary a[href='#field-purpose']")).getText())
                .isEqualTo("Say why this data is collected: a field without a purpose cannot be switched on.");
        Chromium.screenshot(browser, "clients-catalogue-02-purpose-needed");

        browser.findElement(By.id("field-purpose")).sendKeys("To address the client as they wish.");
        browser.findElement(By.cssSelector(".catalogue-form button[type=submit]")).click();
        wait.until(ExpectedConditions.titleIs("Field catalogue · Strongroom"));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("Saved: Pronouns.");

        browser.get(base + "/compliance/data-inventory");
        assertThat(browser.getTitle()).isEqualTo("Data inventory · Strongroom");
        assertThat(browser.findElements(By.cssSelector("svg.fill-chart-svg rect.chart-bar"))).isNotEmpty();
        Chromium.screenshot(browser, "clients-inventory-01-report");

        browser.get(base + "/clients/export");
        assertThat(browser.getTitle()).isEqualTo("Export clients · Strongroom");
        browser.findElement(By.cssSelector("label[for='mode-references']")).click();
        browser.findElement(By.id("export-references")).sendKeys("C-1999-00001");
        browser.findElement(By.cssSelector(".export-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
        Chromium.screenshot(browser, "clients-export-01-form-not-found");
    }
}
