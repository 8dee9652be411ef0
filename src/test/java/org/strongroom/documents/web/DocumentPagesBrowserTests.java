package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
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
 * The documents tab in a real browser (headless Chromium): the drop zone is a button the keyboard
 * reaches and that opens the file picker; two files chosen at once (one of about 20 MB, so the
 * progress bar has something to show) go up each with its own bar that passes through intermediate
 * values to 100%; the list refreshes itself; one file downloads through the session with the very
 * bytes sent; a PDF and a PNG preview in the browser under their restrictive headers. Screenshots
 * go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/documents-browser", "strongroom.organisation.time-zone=Europe/Kyiv",
                "strongroom.audit.checkpoint-poll=1h"})
class DocumentPagesBrowserTests {

    static {
        TestFolders.fresh("documents-browser");
    }

    static final String EMAIL = "kateryna.marchenko@example.org";
    static final String PASSWORD = "willow-cobalt-lantern-28";

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
    void uploadsTwoFilesWithProgressDownloadsTheSameBytesAndPreviews() throws Exception {
        StaffId me = StaffId.random();
        accounts.insert(me, EMAIL, "Kateryna Marchenko", passwords.encode(PASSWORD), StaffRole.OWNER, StaffStatus.ACTIVE, clock.instant());
        ClientResult<ClientProfile> made = clients.create(new Actor.Staff(me, StaffRole.OWNER),
                new NewClient(ClientStatus.ACTIVE, Map.of("given_name", "Оксана", "family_name", "Литвин"), true));
        UUID client = ((ClientResult.Done<ClientProfile>) made).value().id();

        Path folder = Files.createTempDirectory("documents-browser");
        byte[] big = DocumentPagesSamples.pdf("Tenancy agreement", 20 * 1024 * 1024);
        byte[] picture = DocumentPagesSamples.png(640, 400);
        Path bigFile = Files.write(folder.resolve("tenancy-agreement.pdf"), big);
        Path pictureFile = Files.write(folder.resolve("front-door.png"), picture);

        String base = "https://localhost:" + port;
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        signIn(base, wait);
        browser.manage().window().setSize(new Dimension(1280, 1100));

        // The workspace leads to the documents tab.
        browser.get(base + "/clients/" + client);
        browser.findElement(By.cssSelector("a[data-tab=documents]")).click();
        wait.until(ExpectedConditions.titleContains("Documents · Оксана Литвин"));
        shot("documents-01-empty");

        // The keyboard: Tab reaches the drop zone, a button; Enter opens the file picker (seen as a click on the hidden input).
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.pickerOpened = 0; document.getElementById('upload-files').addEventListener('click',"
                + " function (e) { window.pickerOpened++; e.preventDefault(); });");
        WebElement zone = browser.findElement(By.id("upload-drop"));
        assertThat(zone.getTagName()).isEqualTo("button");
        browser.findElement(By.id("documents-q")).click();
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            reached = "upload-drop".equals(browser.switchTo().activeElement().getAttribute("id"));
        }
        assertThat(reached).as("Tab reaches the drop zone").isTrue();
        assertThat(browser.findElement(By.id("upload-files")).getAttribute("tabindex")).isEqualTo("-1");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(((Number) js.executeScript("return window.pickerOpened;")).intValue()).isEqualTo(1);
        shot("documents-02-drop-zone-focused");

        // Two files at once through the picker; folder and type chosen.
        browser.findElement(By.id("upload-files")).sendKeys(bigFile + "\n" + pictureFile);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#upload-list li"), 2));
        new Select(browser.findElement(By.id("upload-folder"))).selectByValue("consents");
        new Select(browser.findElement(By.id("upload-type"))).selectByValue("agreement");
        browser.findElement(By.cssSelector(".upload-more summary")).click();
        browser.findElement(By.id("upload-tags")).sendKeys("tenancy, 2026");
        shot("documents-03-chosen");
        browser.findElement(By.id("upload-start")).click();
        wait.until(d -> "1".equals(d.findElement(By.id("document-upload")).getAttribute("data-finished")));
        shot("documents-04-uploaded");

        List<WebElement> items = browser.findElements(By.cssSelector("#upload-list li"));
        assertThat(items).extracting(e -> e.getAttribute("data-state")).containsExactly("done", "done");
        List<Integer> seen = Arrays.stream(items.get(0).getAttribute("data-seen").split(",")).map(Integer::valueOf).toList();
        assertThat(seen).as("progress seen for the large file").contains(100).anyMatch(p -> p > 0 && p < 100);
        assertThat(items.get(0).findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(items.get(0).findElement(By.tagName("progress")).getAttribute("aria-label")).isEqualTo("Upload of tenancy-agreement.pdf");
        assertThat(browser.findElement(By.id("upload-status")).getText()).contains("Uploaded: 2. Not uploaded: 0.");

        // The list was fetched again: both documents are in it, counted in their folder.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".documents-table"), "front-door.png"));
        assertThat(browser.findElement(By.cssSelector(".documents-table")).getText()).contains("tenancy-agreement.pdf", "20 MB", "Agreement");
        assertThat(browser.findElement(By.cssSelector("a[data-folder=consents] .folder-count")).getText()).isEqualTo("2");

        // The large file downloads through the session with the same bytes (digest compared).
        WebElement row = browser.findElement(By.xpath("//tr[.//span[contains(@class,'document-file') and text()='tenancy-agreement.pdf']]"));
        String href = row.findElement(By.cssSelector(".documents-actions a")).getAttribute("href");
        Object digest = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.arrayBuffer(); })"
                + ".then(function (b) { return crypto.subtle.digest('SHA-256', b); })"
                + ".then(function (d) { done(Array.from(new Uint8Array(d)).map(function (x) { return x.toString(16).padStart(2, '0'); }).join('')); })"
                + ".catch(function (e) { done('failed: ' + e); });", href);
        assertThat(digest).isEqualTo(sha256(big));

        // The document page.
        row.findElement(By.cssSelector("a.document-title")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".versions-table")));
        shot("documents-05-document");
        String documentUrl = browser.getCurrentUrl();

        // Previews: the PDF opens in the browser's viewer and the picture shows, both under the preview's own policy.
        browser.get(documentUrl + "/content?inline");
        // The viewer draws in its own process: wait until it has a target showing the file (the screenshot may
        // come before the page is drawn; with a few seconds more it shows the page — checked by hand).
        assertThat(js.executeScript("return document.contentType;")).isEqualTo("application/pdf");
        wait.until(d -> ((List<?>) ((Map<?, ?>) ((org.openqa.selenium.chrome.ChromeDriver) d)
                .executeCdpCommand("Target.getTargets", Map.of())).get("targetInfos")).stream()
                .map(t -> String.valueOf(((Map<?, ?>) t).get("url"))).anyMatch(url -> url.startsWith(documentUrl + "/content")));
        Chromium.screenshot(browser, "documents-06-pdf-preview");

        browser.get(base + "/clients/" + client + "/documents");
        WebElement pictureRow = browser.findElement(By.xpath("//tr[.//span[contains(@class,'document-file') and text()='front-door.png']]"));
        String pictureUrl = pictureRow.findElement(By.cssSelector("a.document-title")).getAttribute("href");
        browser.get(pictureUrl + "/content?inline");
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.images.length ? document.images[0].naturalWidth : 0;")).intValue() == 640);
        Chromium.screenshot(browser, "documents-07-png-preview");

        // The trash, in Ukrainian.
        browser.get(base + "/clients/" + client + "/documents");
        new Select(browser.findElement(By.id("lang"))).selectByValue("uk");
        browser.findElement(By.cssSelector(".language-form button")).click();
        wait.until(ExpectedConditions.titleContains("Документи"));
        shot("documents-08-list-uk");

        // Moving a document to the trash asks first; the trash offers it back.
        browser.get(pictureUrl);
        WebElement confirm = browser.findElement(By.cssSelector(".confirm summary"));
        confirm.click();
        shot("documents-09-trash-confirm-uk");
        browser.findElement(By.cssSelector(".confirm button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notice-ok")));
        assertThat(browser.findElement(By.cssSelector(".notice-ok")).getText()).isEqualTo("Документ переміщено в кошик.");
        browser.findElement(By.cssSelector(".documents-trash-link a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".trash-table")));
        assertThat(browser.findElement(By.cssSelector(".trash-table")).getText()).contains("front-door.png", "Відновити");
        shot("documents-10-trash-uk");

        browser.get(base + "/admin/documents/folders");
        shot("documents-11-folders-uk");
    }

    /** A screenshot, after checking that nothing on the page makes it scroll sideways. */
    static void shot(String name) throws IOException {
        Object wide = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"
                        + " ? document.documentElement.scrollWidth + ' > ' + document.documentElement.clientWidth : null;");
        Chromium.screenshot(browser, name);
        assertThat(wide).as(name + ": the page scrolls sideways").isNull();
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void signIn(String base, WebDriverWait wait) {
        browser.get(base + "/login");
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/mfa/enrol"));
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
