package org.strongroom.documents.internal.checks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Media type by content. Tika's magic patterns decide from the first bytes alone; the offered
 * name may then only <em>refine</em> that type to one of its specialisations (a ZIP whose first
 * entry is {@code [Content_Types].xml} named {@code x.docx} is a Word document, text named
 * {@code x.csv} is CSV) — never create one (text named {@code x.pdf} stays text, a program named
 * {@code x.pdf} stays a program). Text that a browser would sniff as HTML is reported as HTML.
 */
final class ContentTypes {

    /** How much of the upload is read to decide its type (Tika's longest magic pattern). */
    static final int PREFIX = 64 * 1024;

    static final MediaType OOXML = MediaType.application("x-tika-ooxml");
    static final MediaType HTML = MediaType.text("html");

    /** Types that run code where they are opened (browsers); never accepted, whatever the settings say. */
    static final List<MediaType> ACTIVE = List.of(HTML, MediaType.application("xhtml+xml"), MediaType.image("svg+xml"),
            MediaType.text("javascript"), MediaType.application("javascript"), MediaType.application("x-shockwave-flash"),
            MediaType.application("xslt+xml"));

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();

    /**
     * How browsers recognise HTML in a response without a trusted type (WHATWG MIME Sniffing,
     * "identifying a resource with an unknown MIME type"), plus XML and SVG roots.
     */
    private static final List<String> MARKUP = List.of("<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div",
            "<font", "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml", "<svg");

    private ContentTypes() {
    }

    /** The canonical form of a type (aliases resolved, parameters dropped). */
    static MediaType canonical(MediaType type) {
        return REGISTRY.normalize(type.getBaseType()).getBaseType();
    }

    static boolean known(MediaType type) {
        return REGISTRY.getTypes().contains(canonical(type));
    }

    static boolean active(MediaType type) {
        return ACTIVE.stream().anyMatch(a -> REGISTRY.isInstanceOf(canonical(type), a));
    }

    static MediaType detect(byte[] prefix, int length, String offeredName) {
        MediaType content;
        try {
            content = canonical(TYPES.detect(new ByteArrayInputStream(prefix, 0, length), new Metadata()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: an array in memory
        }
        if (content.equals(MediaType.OCTET_STREAM) && looksLikeLegacyText(prefix, length)) {
            content = MediaType.TEXT_PLAIN;
        }
        if (content.equals(MediaType.TEXT_PLAIN) && sniffsAsMarkup(prefix, length)) {
            return HTML;
        }
        if (content.equals(OOXML)) {
            Optional<MediaType> declared = ooxmlDeclared(prefix, length);
            if (declared.isPresent()) {
                return declared.get();
            }
        }
        if (content.equals(MediaType.OCTET_STREAM) || content.equals(MediaType.APPLICATION_ZIP)) {
            // Everything specialises "some bytes", and a plain ZIP named x.docx is still an archive:
            // Office and OpenDocument packages are recognised by their content (first entry) instead.
            return content;
        }
        MediaType named = byName(offeredName);
        return REGISTRY.isSpecializationOf(named, content) ? named : content;
    }

    private static MediaType byName(String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return canonical(TYPES.detect(null, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: no stream
        }
    }

    /** 8-bit text in a legacy code page (Windows-1251, Latin-1): no control characters but tab, CR, LF and FF. */
    private static boolean looksLikeLegacyText(byte[] prefix, int length) {
        for (int i = 0; i < length; i++) {
            int b = prefix[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean sniffsAsMarkup(byte[] prefix, int length) {
        int i = 0;
        if (length >= 3 && (prefix[0] & 0xFF) == 0xEF && (prefix[1] & 0xFF) == 0xBB && (prefix[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < length && (prefix[i] == ' ' || prefix[i] == '\t' || prefix[i] == '\n' || prefix[i] == '\r' || prefix[i] == '\f')) {
            i++;
        }
        String start = new String(prefix, i, Math.min(length - i, 32), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String tag : MARKUP) {
            if (start.startsWith(tag)) {
                if (tag.equals("<!--") || tag.equals("<?xml")) {
                    return true;
                }
                // The tag name must end here: "<a " or "<a>" is markup, "<apples are red>" is not.
                int after = tag.length();
                if (after < start.length() && (start.charAt(after) == ' ' || start.charAt(after) == '>'
                        || start.charAt(after) == '\t' || start.charAt(after) == '\n' || start.charAt(after) == '\r'
                        || start.charAt(after) == '/')) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The kind of Office Open XML package its first entry, {@code [Content_Types].xml}, declares
     * (Tika's magic saw that entry name). Macro-enabled packages get their own (not allowed) type.
     */
    private static Optional<MediaType> ooxmlDeclared(byte[] prefix, int length) {
        if (length < 30 || le32(prefix, 0) != 0x04034b50) {
            return Optional.empty();
        }
        int method = le16(prefix, 8);
        int compressed = le32(prefix, 18);
        int nameLength = le16(prefix, 26);
        int extraLength = le16(prefix, 28);
        int start = 30 + nameLength + extraLength;
        if (start >= length) {
            return Optional.empty();
        }
        int available = length - start;
        byte[] xml;
        if (method == 0) {
            int size = compressed > 0 ? Math.min(compressed, available) : available;
            xml = java.util.Arrays.copyOfRange(prefix, start, start + size);
        } else if (method == 8) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(prefix, start, available);
                byte[] out = new byte[PREFIX];
                int n = 0;
                while (n < out.length && !inflater.finished() && !inflater.needsInput()) {
                    n += inflater.inflate(out, n, out.length - n);
                }
                xml = java.util.Arrays.copyOf(out, n);
            } catch (DataFormatException e) {
                return Optional.empty();
            } finally {
                inflater.end();
            }
        } else {
            return Optional.empty();
        }
        String types = new String(xml, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        if (types.contains("macroenabled") || types.contains("vbaproject")) {
            if (types.contains("ms-word")) {
                return Optional.of(MediaType.application("vnd.ms-word.document.macroenabled.12"));
            }
            if (types.contains("ms-excel")) {
                return Optional.of(MediaType.application("vnd.ms-excel.sheet.macroenabled.12"));
            }
            return Optional.of(MediaType.application("vnd.ms-powerpoint.presentation.macroenabled.12"));
        }
        String office = "application/vnd.openxmlformats-officedocument.";
        for (String kind : List.of("wordprocessingml.document", "wordprocessingml.template", "spreadsheetml.sheet",
                "spreadsheetml.template", "presentationml.presentation", "presentationml.template", "presentationml.slideshow")) {
            if (types.contains(office + kind + ".main+xml")) {
                return Optional.of(canonical(MediaType.parse(office + kind)));
            }
        }
        return Optional.empty();
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }
}
