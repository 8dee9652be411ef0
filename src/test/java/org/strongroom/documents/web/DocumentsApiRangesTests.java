package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.strongroom.documents.ByteRange;
import org.strongroom.documents.web.DocumentsApiRanges.Part;
import org.strongroom.documents.web.DocumentsApiRanges.Unsatisfiable;
import org.strongroom.documents.web.DocumentsApiRanges.Whole;

/** The {@code Range} header of downloads, resolved against a version's size (RFC 9110 §14). */
class DocumentsApiRangesTests {

    static final long SIZE = 2_000_000;

    @Test
    void servesOneRangeOfEachForm() {
        assertThat(DocumentsApiRanges.resolve("bytes=0-0", SIZE)).isEqualTo(new Part(new ByteRange(0, 0)));
        assertThat(DocumentsApiRanges.resolve("bytes=1048000-1049000", SIZE)).isEqualTo(new Part(new ByteRange(1048000, 1049000)));
        assertThat(DocumentsApiRanges.resolve("bytes=1999999-", SIZE)).isEqualTo(new Part(new ByteRange(1999999, 1999999)));
        assertThat(DocumentsApiRanges.resolve("bytes=-10", SIZE)).isEqualTo(new Part(new ByteRange(1999990, 1999999)));
        assertThat(DocumentsApiRanges.resolve("Bytes = 5-9 ", SIZE)).isEqualTo(new Part(new ByteRange(5, 9)));
        assertThat(DocumentsApiRanges.resolve("bytes=5-9,", SIZE)).as("empty list elements are allowed").isEqualTo(new Part(new ByteRange(5, 9)));
    }

    @Test
    void cutsAnEndPastTheLastByteAndALongSuffixToTheWholeFile() {
        assertThat(DocumentsApiRanges.resolve("bytes=10-99999999", SIZE)).isEqualTo(new Part(new ByteRange(10, SIZE - 1)));
        assertThat(DocumentsApiRanges.resolve("bytes=10-99999999999999999999999", SIZE)).isEqualTo(new Part(new ByteRange(10, SIZE - 1)));
        assertThat(DocumentsApiRanges.resolve("bytes=-5000000", SIZE)).isEqualTo(new Part(new ByteRange(0, SIZE - 1)));
    }

    @Test
    void rangesPastTheEndCannotBeSatisfied() {
        assertThat(DocumentsApiRanges.resolve("bytes=2000000-", SIZE)).isInstanceOf(Unsatisfiable.class);
        assertThat(DocumentsApiRanges.resolve("bytes=2000000-2000010", SIZE)).isInstanceOf(Unsatisfiable.class);
        assertThat(DocumentsApiRanges.resolve("bytes=99999999999999999999-", SIZE)).isInstanceOf(Unsatisfiable.class);
        assertThat(DocumentsApiRanges.resolve("bytes=-0", SIZE)).isInstanceOf(Unsatisfiable.class);
        assertThat(DocumentsApiRanges.resolve("bytes=0-", 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void severalRangesOtherUnitsAndNonsenseGetTheWholeFile() {
        for (String header : new String[] {"bytes=0-1,5-9", "bytes=0-1, -5", "items=0-5", "bytes=5-1", "bytes=a-b", "bytes=-", "bytes=",
                "bytes=1-2-3", "bytes=+1-2", "bytes=0x10-20", "bytes 0-5", "", "bytes=" + "1".repeat(300) + "-"}) {
            assertThat(DocumentsApiRanges.resolve(header, SIZE)).as(header).isInstanceOf(Whole.class);
        }
        assertThat(DocumentsApiRanges.resolve(null, SIZE)).isInstanceOf(Whole.class);
    }
}
