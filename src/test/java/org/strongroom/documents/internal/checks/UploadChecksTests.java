package org.strongroom.documents.internal.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.strongroom.documents.internal.checks.Samples.ascii;
import static org.strongroom.documents.internal.checks.Samples.concat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.strongroom.documents.DocumentsConfigurationProblem;
import org.strongroom.documents.FileNames;
import org.strongroom.documents.internal.checks.CheckedUpload.Passed;

class UploadChecksTests {

    static final String DEFAULT_TYPES = defaultAllowedTypes();

    static String defaultAllowedTypes() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        return properties.getProperty("strongroom.documents.allowed-types");
    }

    static ContentUploadChecks checks(String maxSize, boolean stripAlways) {
        return new ContentUploadChecks(ContentUploadChecks.Settings.parse(maxSize, DEFAULT_TYPES, stripAlways, "", true, "60s"));
    }

    private final ContentUploadChecks checks = checks("10MB", false);

    record Stored(String mediaType, String fileName, byte[] bytes, Passed passed) {
    }

    static Stored upload(UploadChecks checks, byte[] body, String name, boolean strip) throws IOException {
        try (CheckedUpload upload = checks.begin(new ByteArrayInputStream(body), name, strip)) {
            byte[] bytes = upload.content().readAllBytes();
            return new Stored(upload.mediaType(), upload.fileName(), bytes, upload.finish());
        }
    }

    Stored upload(byte[] body, String name) throws IOException {
        return upload(checks, body, name, false);
    }

    static String refusal(UploadChecks checks, byte[] body, String name, boolean strip) {
        try {
            upload(checks, body, name, strip);
        } catch (UploadRefused refused) {
            return refused.code();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted");
    }

    String refusal(byte[] body, String name) {
        return refusal(checks, body, name, false);
    }

    @ParameterizedTest(name = "{0} named {1} is {2}")
    @CsvSource({
            "pdf, report.pdf, application/pdf",
            "pdf, scan.png, application/pdf",
            "pdf, noname, application/pdf",
            "png, photo.png, image/png",
            "jpeg, photo.jpg, image/jpeg",
            "gif, anim.gif, image/gif",
            "tiff, fax.tif, image/tiff",
            "webp, photo.webp, image/webp",
            "heic, IMG_0001.HEIC, image/heic",
            "docx, contract.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx, contract.bin, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx, budget.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx, budget.docx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt, letter.odt, application/vnd.oasis.opendocument.text",
            "text, notes.txt, text/plain",
            "text, notes.pdf, text/plain",
            "text, notes.png, text/plain",
            "cyrillic, нотатки.txt, text/plain",
            "csv, clients.csv, text/csv",
            "csv, clients, text/plain",
            "cp1251, old.txt, text/plain",
            "rtf, letter.rtf, application/rtf",
            "eml, message.eml, message/rfc822",
    })
    void acceptsAllowedTypesByContent(String sample, String name, String expected) throws IOException {
        Stored stored = upload(sample(sample), name);

        assertThat(stored.mediaType()).isEqualTo(expected);
        assertThat(stored.bytes()).isEqualTo(sample(sample));
        assertThat(stored.passed()).isEqualTo(new Passed(sample(sample).length, false, false));
    }

    static byte[] sample(String name) {
        return switch (name) {
            case "pdf" -> Samples.pdf();
            case "png" -> Samples.image("png");
            case "jpeg" -> Samples.image("jpg");
            case "gif" -> Samples.image("gif");
            case "tiff" -> Samples.image("tiff");
            case "webp" -> Samples.webp();
            case "heic" -> Samples.heic();
            case "docx" -> Samples.docx();
            case "xlsx" -> Samples.xlsx();
            case "odt" -> Samples.odt();
            case "text" -> ascii("Appointment moved to Tuesday.\nBring the signed form.\n");
            case "cyrillic" -> "Зустріч перенесено на вівторок.\n".getBytes(StandardCharsets.UTF_8);
            case "csv" -> ascii("name,date\nFictitious Person,2024-01-02\n");
            case "cp1251" -> new byte[] {(byte) 0xC4, (byte) 0xEE, (byte) 0xE3, (byte) 0xEE, (byte) 0xE2, (byte) 0xB3, (byte) 0xF0, ' ', '5', '\n'};
            case "rtf" -> ascii("{\\rtf1\\ansi Fictitious letter}");
            case "eml" -> ascii("From: desk@example.org\nTo: someone@example.org\nSubject: Visit\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n"
                    + "Message-ID: <1@example.org>\n\nSee you then.\n");
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Zero-byte uploads are refused before anything is stored. */
    @Test
    void refusesAnEmptyUpload() {
        assertThat(refusal(new byte[0], "empty.pdf")).isEqualTo("documents.upload.empty");
    }

    /** Disguised executable: a Windows program renamed to .pdf is recognised by its content. */
    @Test
    void refusesAProgramNamedAsPdf() {
        assertThat(refusal(Samples.windowsProgram(), "invoice.pdf")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("\u007fELF\u0002\u0001\u0001\0\0\0\0\0\0\0\0\0"), "scan.jpg")).isEqualTo("documents.upload.typeNotAllowed");
    }

    /** Stored cross-site scripting: HTML and SVG are active content and are refused, whatever their name. */
    @Test
    void refusesHtmlAndSvg() {
        assertThat(refusal(ascii("<html><body><script>alert(1)</script></body></html>"), "page.html")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("<!DOCTYPE html><p>hi"), "notes.txt")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("\n  <script>alert(document.cookie)</script>"), "notes.txt")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "logo.png"))
                .isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "logo.svg"))
                .isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("just words"), "page.html")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("just words"), "page.svg")).isEqualTo("documents.upload.typeNotAllowed");
    }

    @Test
    void textThatOnlyMentionsTagsIsText() throws IOException {
        assertThat(upload(ascii("<apples are red> and a < b"), "notes.txt").mediaType()).isEqualTo("text/plain");
    }

    /** Archives are refused (never unpacked), including a small file that would inflate to 64 MiB, and a ZIP named .docx. */
    @Test
    void refusesArchivesWithoutUnpackingThem() {
        assertThat(Samples.zipBomb().length).isLessThan(200_000);
        assertThat(refusal(Samples.zipBomb(), "holiday.zip")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(Samples.zip(new String[] {"a.txt", "hello"}), "contract.docx")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2}, "a.pdf")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("7z\u00bc\u00af\u0027\u001c\0\u0004\0\0"), "a.docx")).isEqualTo("documents.upload.typeNotAllowed");
        assertThat(refusal(ascii("Rar!\u001a\u0007\0\0\0"), "a.rar")).isEqualTo("documents.upload.typeNotAllowed");
        byte[] tar = new byte[1024];
        System.arraycopy(ascii("notes.txt"), 0, tar, 0, 9);
        System.arraycopy(ascii("ustar\u000000"), 0, tar, 257, 8);
        assertThat(refusal(tar, "a.txt")).isEqualTo("documents.upload.typeNotAllowed");
    }

    /** Macro-enabled Office files look like Word documents by name but declare macros inside: refused. */
    @Test
    void refusesMacroEnabledOfficeFiles() {
        assertThat(refusal(Samples.docm(), "contract.docx")).isEqualTo("documents.upload.typeNotAllowed");
    }

    /**
     * Polyglots: a file that is a valid PDF and a ZIP is taken for what its start says (PDF) and
     * never unpacked; a GIF whose bytes are also a script is a GIF (it is served as image/gif with
     * nosniff, so browsers never run it).
     */
    @Test
    void takesAPolyglotForWhatItsContentStartsWith() throws IOException {
        byte[] pdfZip = concat(Samples.pdf(), Samples.zip(new String[] {"payload.txt", "hidden"}));
        assertThat(upload(pdfZip, "report.zip").mediaType()).isEqualTo("application/pdf");
        byte[] gifScript = ascii("GIF89a/*\u0001\u0001\u0000\u0000\u0000\u0000*/=alert(1);//");
        assertThat(upload(gifScript, "x.js").mediaType()).isEqualTo("image/gif");
    }

    /** Header and path injection through the file name: the kept name is the sanitised one. */
    @Test
    void keepsOnlyTheSanitisedName() throws IOException {
        String name = "../../etc/\"; filename=evil.exe\r\ninvoice\u202Etxt.pdf";
        Stored stored = upload(Samples.pdf(), name);
        assertThat(stored.fileName()).isEqualTo(FileNames.display(name)).doesNotContain("/", "\"", "\r", "\n", "\u202E");
    }

    /** Denial of service by size: reading stops one byte past the limit, never buffering the rest. */
    @Test
    void refusesTooLargeUploadsAsSoonAsTheLimitIsPassed() throws IOException {
        ContentUploadChecks small = checks("100KB", false);
        CountingEndlessText body = new CountingEndlessText();
        try (CheckedUpload upload = small.begin(body, "big.txt", false)) {
            InputStream content = upload.content();
            assertThatThrownBy(() -> content.transferTo(OutputStreamNull.INSTANCE)).isInstanceOfSatisfying(UploadRefused.class, r -> {
                assertThat(r.code()).isEqualTo("documents.upload.tooLarge");
                assertThat(r.arguments()).containsExactly(new java.math.BigDecimal("0.1"));
            });
        }
        assertThat(body.served).isEqualTo(100 * 1024 + 1);
        assertThat(refusal(checks("1KB", false), new byte[2000], "zeros.txt", false)).isEqualTo("documents.upload.tooLarge");
    }

    @Test
    void acceptsAnUploadOfExactlyTheLimit() throws IOException {
        byte[] text = new byte[100 * 1024];
        Arrays.fill(text, (byte) 'a');
        assertThat(upload(checks("100KB", false), text, "a.txt", false).passed().size()).isEqualTo(text.length);
    }

    /** Location leak: Exif GPS, XMP, IPTC and comments leave a JPEG; the picture still decodes. */
    @Test
    void stripsJpegMetadata() throws IOException {
        byte[] original = Samples.jpegWithMetadata();
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif", Samples.GPS_MARK, "XMPCREATOR", "IPTCBYLINE", "COMMENT-");
        assertThat(ImageIO.read(new ByteArrayInputStream(original))).isNotNull();

        Stored stored = upload(checks, original, "photo.jpg", true);

        String text = new String(stored.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif", "GPS", Samples.GPS_MARK, "XMPCREATOR", "xap/1.0", "Photoshop", "IPTCBYLINE", "COMMENT-");
        assertThat(stored.passed()).isEqualTo(new Passed(stored.bytes().length, true, false));
        var decoded = ImageIO.read(new ByteArrayInputStream(stored.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(32);
        assertThat(decoded.getHeight()).isEqualTo(24);
        assertThat(text).contains("JFIF");
    }

    @Test
    void stripsMetadataWhenTheSettingSaysAlways() throws IOException {
        Stored stored = upload(checks("10MB", true), Samples.jpegWithMetadata(), "photo.jpg", false);
        assertThat(new String(stored.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        assertThat(stored.passed().metadataStripped()).isTrue();
    }

    @Test
    void leavesMetadataWhenNotAsked() throws IOException {
        Stored stored = upload(Samples.jpegWithMetadata(), "photo.jpg");
        assertThat(stored.bytes()).isEqualTo(Samples.jpegWithMetadata());
        assertThat(stored.passed().metadataStripped()).isFalse();
    }

    @Test
    void stripsPngTextTimeAndExifChunks() throws IOException {
        byte[] original = Samples.pngWithMetadata();
        assertThat(ImageIO.read(new ByteArrayInputStream(original))).isNotNull();

        Stored stored = upload(checks, concat(original, ascii("TRAILING-DATA")), "scan.png", true);

        String text = new String(stored.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("tEXt", "iTXt", "zTXt", "tIME", "eXIf", "TEXTAUTHOR", "ITXTCOMMENT", Samples.GPS_MARK, "TRAILING");
        assertThat(text).contains("IHDR", "IDAT", "IEND", "gAMA");
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.bytes())).getWidth()).isEqualTo(32);
        assertThat(stored.bytes()).isEqualTo(concat(Arrays.copyOf(original, 33),
                Arrays.copyOfRange(original, original.length - (Samples.image("png").length - 33) - 16, original.length)));
    }

    /** Malformed images while stripping: a truncated PNG, a corrupted chunk, a JPEG without structure. */
    @Test
    void refusesBrokenImagesWhenStripping() {
        byte[] png = Samples.pngWithMetadata();
        assertThat(refusal(checks, Arrays.copyOf(png, png.length - 20), "cut.png", true)).isEqualTo("documents.upload.badImage");
        byte[] corrupted = png.clone();
        corrupted[40] ^= 1;
        assertThat(refusal(checks, corrupted, "bad.png", true)).isEqualTo("documents.upload.badImage");
        byte[] jpeg = Samples.jpegWithMetadata();
        assertThat(refusal(checks, Arrays.copyOf(jpeg, 300), "cut.jpg", true)).isEqualTo("documents.upload.badImage");
        byte[] noMarker = jpeg.clone();
        noMarker[2 + Samples.exifWithGps().length] = 0x12; // where the next segment's marker should be
        assertThat(refusal(checks, noMarker, "bad.jpg", true)).isEqualTo("documents.upload.badImage");
    }

    /** Images whose metadata cannot be removed as a stream are refused rather than kept with it. */
    @Test
    void refusesOtherImagesWhenStrippingIsAsked() throws IOException {
        assertThat(refusal(checks, Samples.image("gif"), "a.gif", true)).isEqualTo("documents.upload.cannotStrip");
        assertThat(refusal(checks, Samples.image("tiff"), "a.tif", true)).isEqualTo("documents.upload.cannotStrip");
        assertThat(refusal(checks, Samples.webp(), "a.webp", true)).isEqualTo("documents.upload.cannotStrip");
        assertThat(upload(checks, Samples.pdf(), "a.pdf", true).passed().metadataStripped()).isFalse();
    }

    @Test
    void finishBeforeTheEndIsAProgrammingError() throws IOException {
        try (CheckedUpload upload = checks.begin(new ByteArrayInputStream(Samples.pdf()), "a.pdf", false)) {
            assertThatThrownBy(upload::finish).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("lots", DEFAULT_TYPES, false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("strongroom.documents.max-size");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("0MB", DEFAULT_TYPES, false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("max-size");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "image/*", false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("'image/*'");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "application/pdf,imgae/png", false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("'imgae/png'");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "application/pdf,image/svg+xml", false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("active content");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "text/html", false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("active content");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", " , ", false, "", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "application/pdf", false, "clamd.sock", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("malware-scan.clamd");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "application/pdf", false, "host:99999", true, "60s"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("malware-scan.clamd");
        assertThatThrownBy(() -> ContentUploadChecks.Settings.parse("1MB", "application/pdf", false, "", true, "soon"))
                .isInstanceOf(DocumentsConfigurationProblem.class).hasMessageContaining("malware-scan.timeout");
    }

    @Test
    void acceptsTheDefaultSettingsAndAliases() {
        var settings = ContentUploadChecks.Settings.parse("100MB", DEFAULT_TYPES + ",image/x-ms-bmp", false, "127.0.0.1:3310", true, "60s");
        assertThat(settings.maxSize()).isEqualTo(100L * 1024 * 1024);
        assertThat(settings.allowed()).extracting(Object::toString).contains("image/bmp", "application/pdf");
        assertThat(ContentUploadChecks.Settings.parse("1MB", "application/pdf", false, "/run/clamav/clamd.ctl", true, "5s").clamd())
                .hasValueSatisfying(a -> assertThat(a.socket()).hasToString("/run/clamav/clamd.ctl"));
    }

    /** An endless text body that counts what was taken from it. */
    static final class CountingEndlessText extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
        }
    }

    static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static InputStream unused(InputStream in) {
        return new FilterInputStream(in) {
        };
    }
}
