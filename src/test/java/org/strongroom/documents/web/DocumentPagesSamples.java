package org.strongroom.documents.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

/** Small, real files of the kinds the documents pages show: a one-page PDF, a PNG, plain text. Fictitious content only. */
final class DocumentPagesSamples {

    private DocumentPagesSamples() {
    }

    /** A valid one-page PDF (with a cross-reference table) showing {@code line}; {@code padding} bytes of comment make it larger. */
    static byte[] pdf(String line, int padding) {
        String content = "BT /F1 28 Tf 40 90 Td (" + line.replace("(", "").replace(")", "") + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        if (padding > 0) {
            Random random = new Random(7);
            StringBuilder filler = new StringBuilder(padding + padding / 60);
            while (filler.length() < padding) {
                filler.append('%');
                for (int i = 0; i < 70; i++) {
                    filler.append((char) ('a' + random.nextInt(26)));
                }
                filler.append('\n');
            }
            pdf.append(filler);
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PNG picture: a coloured card with a few shapes. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xe8, 0xf1, 0xf2));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x1f, 0x4e, 0x5f));
        g.fillRoundRect(width / 10, height / 5, width * 8 / 10, height * 3 / 5, 24, 24);
        g.setColor(new Color(0xf2, 0xb0, 0x1e));
        g.fillOval(width / 2 - height / 6, height / 2 - height / 6, height / 3, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
