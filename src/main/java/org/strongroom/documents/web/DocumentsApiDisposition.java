package org.strongroom.documents.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a download (RFC 6266): a quoted ASCII fallback name
 * ({@code filename}) and the exact name percent-encoded as UTF-8 ({@code filename*}, RFC 8187).
 * Controls (CR and LF among them), quotes, backslashes and percent signs never reach the
 * fallback, and the encoded name carries attr-chars only, so no name can end the header or add
 * one (header injection).
 */
final class DocumentsApiDisposition {

    private static final String ATTR_CHAR = "!#$&+-.^_`|~";

    private DocumentsApiDisposition() {
    }

    static String attachment(String name) {
        String clean = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            clean = "document";
        }
        StringBuilder fallback = new StringBuilder();
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : clean.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c < 0x80 && ATTR_CHAR.indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
