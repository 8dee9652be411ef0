package org.strongroom.documents.internal.checks;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/** Small files of each kind, made here (no binary fixtures in the repository). All data is fictitious. */
final class Samples {

    /** Marks the GPS data written into the Exif sample, to look for in the output. */
    static final String GPS_MARK = "GPSMARK-50.4501N";

    private Samples() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static BufferedImage picture() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 32, 24);
        g.setColor(Color.BLUE);
        g.fillOval(4, 4, 16, 16);
        g.dispose();
        return image;
    }

    static byte[] image(String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(picture(), format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] segment(int marker, byte[] body) {
        int length = body.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, body);
    }

    /** An Exif APP1 segment: IFD0 with a GPSInfo pointer, a GPS IFD with latitude ref, latitude and a processing-method text. */
    static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
        // IFD0 at 8: one entry
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26); // GPSInfo -> 26
        tiff.putInt(0);
        // GPS IFD at 26: three entries
        tiff.putShort((short) 3);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(ascii("N\0\0\0")); // GPSLatitudeRef
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(68); // GPSLatitude -> 68
        tiff.putShort((short) 0x1B).putShort((short) 7).putInt(GPS_MARK.length()).putInt(92); // GPSProcessingMethod -> 92
        tiff.putInt(0);
        tiff.position(68);
        tiff.putInt(50).putInt(1).putInt(27).putInt(1).putInt(1234).putInt(100); // 50°27'12.34"
        tiff.position(92);
        tiff.put(ascii(GPS_MARK));
        byte[] body = concat(ascii("Exif\0\0"), Arrays.copyOf(tiff.array(), 92 + GPS_MARK.length()));
        return segment(0xE1, body);
    }

    /** A JPEG from ImageIO with Exif/GPS, XMP, IPTC and a comment added right after SOI. */
    static byte[] jpegWithMetadata() {
        byte[] plain = image("jpg");
        byte[] xmp = segment(0xE1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description creator=\"XMPCREATOR\"/></x:xmpmeta>"));
        byte[] iptc = segment(0xED, ascii("Photoshop 3.0\08BIM\u0004\u0004\0\0\0\0\0\u0010IPTCBYLINE-FICT"));
        byte[] comment = segment(0xFE, ascii("COMMENT-Fictitious Clinic"));
        return concat(Arrays.copyOf(plain, 2), exifWithGps(), xmp, iptc, comment, Arrays.copyOfRange(plain, 2, plain.length));
    }

    static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(ascii(type)).put(data).putInt((int) crc.getValue()).array();
    }

    /** A PNG from ImageIO with tEXt, iTXt, zTXt, tIME and eXIf chunks added after IHDR (and a kept gAMA). */
    static byte[] pngWithMetadata() {
        byte[] plain = image("png");
        int afterIhdr = 8 + 12 + 13;
        return concat(Arrays.copyOf(plain, afterIhdr), chunk("tEXt", ascii("Author\0TEXTAUTHOR-Fictitious")),
                chunk("iTXt", ascii("Comment\0\0\0\0\0ITXTCOMMENT")), chunk("zTXt", ascii("Note\0\0xx")),
                chunk("tIME", new byte[] {7, (byte) 0xE8, 1, 2, 3, 4, 5}), chunk("eXIf", Arrays.copyOfRange(exifWithGps(), 10, exifWithGps().length)),
                chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}),
                Arrays.copyOfRange(plain, afterIhdr, plain.length));
    }

    static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
                + "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    }

    static byte[] zip(String[]... entries) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (String[] entry : entries) {
                    zip.putNextEntry(new ZipEntry(entry[0]));
                    zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentTypes(String main) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/main.xml\" ContentType=\"" + main + "\"/></Types>";
    }

    static byte[] docx() {
        return zip(new String[] {"[Content_Types].xml", contentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")},
                new String[] {"_rels/.rels", "<Relationships/>"}, new String[] {"word/document.xml", "<w:document/>"});
    }

    static byte[] xlsx() {
        return zip(new String[] {"[Content_Types].xml", contentTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")},
                new String[] {"_rels/.rels", "<Relationships/>"}, new String[] {"xl/workbook.xml", "<workbook/>"});
    }

    static byte[] docm() {
        return zip(new String[] {"[Content_Types].xml", contentTypes("application/vnd.ms-word.document.macroEnabled.main+xml")},
                new String[] {"word/document.xml", "<w:document/>"}, new String[] {"word/vbaProject.bin", "Attribute VB_Name"});
    }

    /** An OpenDocument text: the uncompressed "mimetype" entry first, as the standard requires. */
    static byte[] odt() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                byte[] mime = ascii("application/vnd.oasis.opendocument.text");
                ZipEntry entry = new ZipEntry("mimetype");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(mime.length);
                CRC32 crc = new CRC32();
                crc.update(mime);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(mime);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("content.xml"));
                zip.write(ascii("<office:document-content/>"));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small file that inflates to 64 MiB of zeros. */
    static byte[] zipBomb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("zeros.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 64; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] windowsProgram() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3C] = (byte) 0x80;
        System.arraycopy(ascii("PE\0\0"), 0, exe, 0x80, 4);
        System.arraycopy(ascii("This program cannot be run in DOS mode."), 0, exe, 0x4E, 39);
        return exe;
    }

    static byte[] webp() {
        return concat(ascii("RIFF"), new byte[] {26, 0, 0, 0}, ascii("WEBPVP8L"), new byte[] {13, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    static byte[] heic() {
        return concat(new byte[] {0, 0, 0, 24}, ascii("ftypheic"), new byte[] {0, 0, 0, 0}, ascii("mif1heic"), new byte[64]);
    }
}
