package org.strongroom.clients.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vCard reader on its own, with fictitious cards. */
class VCardImportTests {

    static String refusal(String text) {
        try {
            VCardReader.read(text);
        } catch (FileRefused e) {
            return e.messageKey() + "@" + e.line();
        }
        return "accepted";
    }

    @Test
    void readsVCard3WithFoldedLinesEscapesGroupsAndAPhotoToIgnore() {
        String card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kovalenko;Olena;;;\r\nFN:Olena Kovalenko\r\n"
                + "item1.EMAIL;TYPE=INTERNET:olena.test@exam\r\n ple.org\r\nTEL;TYPE=HOME:+380 44 000 0000\r\nTEL;TYPE=CELL:+380 50 000 0001\r\n"
                + "BDAY:19850512\r\nADR;TYPE=HOME:;;1 Test St\\, flat 2;Kyiv;;01001;Ukraine\r\nCATEGORIES:Friends,Group A\r\n"
                + "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD".repeat(50_000) + "\r\nEND:VCARD\r\n";
        Table t = VCardReader.read(card);
        String[] c = t.rows().get(0).cells();
        assertThat(c[VCardReader.GIVEN]).isEqualTo("Olena");
        assertThat(c[VCardReader.FAMILY]).isEqualTo("Kovalenko");
        assertThat(c[VCardReader.EMAIL]).isEqualTo("olena.test@example.org");
        assertThat(c[VCardReader.PHONE]).isEqualTo("+380 50 000 0001");
        assertThat(c[VCardReader.BIRTHDAY]).isEqualTo("1985-05-12");
        assertThat(c[VCardReader.ADDRESS]).isEqualTo("1 Test St, flat 2\n01001 Kyiv\nUkraine");
        assertThat(c[VCardReader.CATEGORIES]).isEqualTo("Friends,Group A");
    }

    @Test
    void readsVCard21QuotedPrintableWithCharsetAndVCard4() {
        String v21 = "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9A=D0=BE=D0=B2=D0=B0=D0=BB=D0=B5=D0=BD=D0=BA=D0=BE;=\n=D0=9E=D0=BB=D0=B5=D0=BD=D0=B0\nEND:VCARD\n";
        String[] c = VCardReader.read(v21).rows().get(0).cells();
        assertThat(c[VCardReader.FAMILY]).isEqualTo("Коваленко");
        assertThat(c[VCardReader.GIVEN]).isEqualTo("Олена");
        String v4 = "BEGIN:VCARD\nVERSION:4.0\nFN:Ivan Testenko\nTEL;VALUE=uri;PREF=1:tel:+380500000002\nBDAY:1990-01-02\nEND:VCARD\n";
        String[] d = VCardReader.read(v4).rows().get(0).cells();
        assertThat(d[VCardReader.GIVEN]).isEqualTo("Ivan");
        assertThat(d[VCardReader.FAMILY]).isEqualTo("Testenko");
        assertThat(d[VCardReader.PHONE]).isEqualTo("+380500000002");
    }

    /** Attack: broken structure, huge properties and bad encodings are refused with the line. */
    @Test
    void refusesBrokenCards() {
        assertThat(refusal("BEGIN:VCARD\nVERSION:3.0\nFN:A B\n")).isEqualTo("clientimport.error.vcardStructure@1");
        assertThat(refusal("BEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD\n")).isEqualTo("clientimport.error.vcardStructure@2");
        assertThat(refusal("BEGIN:VCARD\nVERSION:9.9\nEND:VCARD\n")).isEqualTo("clientimport.error.vcardVersion@2");
        assertThat(refusal("BEGIN:VCARD\nNOTE:" + "x".repeat(ImportLimits.MAX_LINE + 1) + "\nEND:VCARD\n"))
                .isEqualTo("clientimport.error.lineTooLong@2");
        assertThat(refusal("BEGIN:VCARD\nPHOTO:" + "x".repeat(ImportLimits.MAX_BINARY_PROPERTY + 1) + "\nEND:VCARD\n"))
                .isEqualTo("clientimport.error.lineTooLong@2");
        assertThat(refusal("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=ZZ\nEND:VCARD\n")).isEqualTo("clientimport.error.encoding@2");
        assertThat(refusal("BEGIN:VCARD\nN;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:=41\nEND:VCARD\n")).isEqualTo("clientimport.error.encoding@2");
        assertThat(refusal("BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=00\nEND:VCARD\n")).isEqualTo("clientimport.error.nul@2");
        assertThat(refusal("hello\n")).isEqualTo("clientimport.error.vcardStructure@1");
    }
}
