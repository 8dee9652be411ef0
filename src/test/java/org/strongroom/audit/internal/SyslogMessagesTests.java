package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Checkpoints as RFC 5424 messages: header syntax, structured data and its escaping, octet-counting frames. */
class SyslogMessagesTests {

    private static final String SD_NAME = "[\\x21\\x23-\\x3C\\x3E-\\x5C\\x5E-\\x7E]{1,32}";

    /** RFC 5424 section 6 ABNF, strictly: every field, one space between them. */
    static final Pattern RFC5424 = Pattern.compile("<(0|[1-9]\\d{0,2})>1 "
            + "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?:Z|[+-]\\d{2}:\\d{2})) "
            + "(-|[\\x21-\\x7E]{1,255}) (-|[\\x21-\\x7E]{1,48}) (-|[\\x21-\\x7E]{1,128}) (-|[\\x21-\\x7E]{1,32}) "
            + "(-|(?:\\[" + SD_NAME + "(?: " + SD_NAME + "=\"(?:[^\"\\\\\\]]|\\\\[\"\\\\\\]])*\")*\\])+)"
            + "(?: (.*))?", Pattern.DOTALL);

    static final Checkpoint CHECKPOINT = new Checkpoint(1000, filled(32, 0x5a), 1764470460123L, "ab".repeat(32), filled(64, 0xfe));

    final SyslogMessages messages = new SyslogMessages(SyslogMessages.facility("authpriv"), "records.example.org", "strongroom", "4242", 32473);

    @Test
    void checkpointMessageFollowsRfc5424() {
        String message = messages.message(CHECKPOINT);
        Matcher m = RFC5424.matcher(message);
        assertThat(m.matches()).as(message).isTrue();
        assertThat(m.group(1)).isEqualTo("86"); // authpriv (10) * 8 + informational (6)
        assertThat(m.group(2)).isEqualTo("2025-11-30T02:41:00.123Z");
        assertThat(m.group(3)).isEqualTo("records.example.org");
        assertThat(m.group(4)).isEqualTo("strongroom");
        assertThat(m.group(5)).isEqualTo("4242");
        assertThat(m.group(6)).isEqualTo("checkpoint");
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(CHECKPOINT.headMac());
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(CHECKPOINT.signature());
        assertThat(m.group(7)).isEqualTo("[checkpoint@32473 seq=\"1000\" createdAt=\"1764470460123\" headMac=\"" + mac
                + "\" keyId=\"" + "ab".repeat(32) + "\" signature=\"" + signature + "\"]");
        assertThat(m.group(8)).isEqualTo("audit checkpoint 1000");
    }

    @Test
    void facilityNamesAndNumbersGiveTheirCodes() {
        assertThat(SyslogMessages.facility("authpriv")).isEqualTo(10);
        assertThat(SyslogMessages.facility("AUTH")).isEqualTo(4);
        assertThat(SyslogMessages.facility("local7")).isEqualTo(23);
        assertThat(SyslogMessages.facility("13")).isEqualTo(13);
        assertThatThrownBy(() -> SyslogMessages.facility("24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyslogMessages.facility("kernel")).isInstanceOf(IllegalArgumentException.class);
        String auth = new SyslogMessages(4, "h", "a", "1", 32473).message(CHECKPOINT);
        assertThat(auth).startsWith("<38>1 ");
    }

    @Test
    void blankHostnameIsTheNilValue() {
        String message = new SyslogMessages(10, " ", "strongroom", "7", 32473).message(CHECKPOINT);
        assertThat(message).startsWith("<86>1 2025-11-30T02:41:00.123Z - strongroom 7 checkpoint [");
        assertThat(RFC5424.matcher(message).matches()).isTrue();
    }

    /** Log injection: a value with a quote, a backslash or a closing bracket cannot end its parameter or element. */
    @Test
    void paramValuesEscapeQuoteBackslashAndBracket() {
        assertThat(SyslogMessages.param("k", "a\"b\\c]d")).isEqualTo(" k=\"a\\\"b\\\\c\\]d\"");
        String element = "[x@32473" + SyslogMessages.param("k", "\"] [evil@1 k=\"1") + "]";
        Matcher m = RFC5424.matcher("<86>1 2025-11-30T02:41:00.123Z h a 1 m " + element + " msg");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(7)).isEqualTo(element);
        assertThat(m.group(8)).isEqualTo("msg");
    }

    /** Log injection through configuration: header fields take printable US-ASCII without spaces only. */
    @Test
    void headerFieldsRefuseSpacesControlCharactersAndOverlongValues() {
        assertThatThrownBy(() -> new SyslogMessages(10, "two words", "strongroom", "1", 32473))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname");
        assertThatThrownBy(() -> new SyslogMessages(10, "host\nname", "strongroom", "1", 32473))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyslogMessages(10, "host", "s".repeat(49), "1", 32473))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app-name");
        assertThatThrownBy(() -> new SyslogMessages(10, "høst", "strongroom", "1", 32473))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyslogMessages(24, "host", "strongroom", "1", 32473))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framesCountOctetsNotCharacters() {
        byte[] framed = SyslogMessages.frame("<86>1 - - - - - - é");
        String text = new String(framed, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("20 <86>1 - - - - - - é");
        assertThat(SyslogMessages.frame(messages.message(CHECKPOINT)))
                .startsWith((messages.message(CHECKPOINT).length() + " <86>1").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] filled(int n, int value) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
