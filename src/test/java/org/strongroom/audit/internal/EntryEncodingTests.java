package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class EntryEncodingTests {

    static AuditRow row(String actorId, String resourceType, String resourceId) {
        return new AuditRow(7, 1_764_460_800_000L, "staff", actorId, "client.profile.read", resourceType, resourceId,
                null, "allowed", null, null, null, null, new byte[0]);
    }

    @Test
    void encodingIsVersionedAndLengthPrefixed() {
        byte[] input = EntryEncoding.chainInput(EntryEncoding.GENESIS, row("s-1", "client", "c-1"));
        String hex = HexFormat.of().formatHex(input);
        String expected = "00".repeat(32) + "01" + "0000000000000007" + "0000019ad20f2800"
                + "00000005" + HexFormat.of().formatHex("staff".getBytes())
                + "00000003" + HexFormat.of().formatHex("s-1".getBytes());
        assertThat(hex).startsWith(expected);
    }

    /** Moving bytes from one field to the next must change the encoding (no ambiguity at field boundaries). */
    @Test
    void fieldBoundariesAreUnambiguous() {
        assertThat(EntryEncoding.chainInput(EntryEncoding.GENESIS, row("s-1", "client", "c-1")))
                .isNotEqualTo(EntryEncoding.chainInput(EntryEncoding.GENESIS, row("s-1", "clientc", "-1")));
    }

    @Test
    void absentDiffersFromEmpty() {
        assertThat(EntryEncoding.chainInput(EntryEncoding.GENESIS, row("s-1", null, "c")))
                .isNotEqualTo(EntryEncoding.chainInput(EntryEncoding.GENESIS, row("s-1", "", "c")));
    }

    @Test
    void theSequenceNumberIsPartOfTheEntry() {
        AuditRow r = row("s-1", "client", "c-1");
        assertThat(EntryEncoding.chainInput(EntryEncoding.GENESIS, r))
                .isNotEqualTo(EntryEncoding.chainInput(EntryEncoding.GENESIS, r.withSeq(8)));
    }
}
