package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditRecord;
import org.strongroom.audit.Outcome;

/** CSV cells and JSON values of exported entries: formula injection, quoting, escaping, stable fields. */
class ExportTextTests {

    /**
     * Attack: CSV formula injection (OWASP). A cell that begins with a formula trigger is read as text
     * by a spreadsheet once it starts with an apostrophe.
     */
    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1+1", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://attacker.example\",\"x\")",
            "\t=1+1", "\r=1+1", "\n=1+1", "=cmd|' /C calc'!A0"})
    void formulaTriggersAreNeutralised(String hostile) {
        String cell = ExportText.cell(hostile);
        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + hostile);
    }

    /** Attack: the same payloads after AuditEvent's percent-encoding — the ones that survive it still start with a trigger. */
    @Test
    void triggersThatSurvivePercentEncodingAreNeutralised() {
        for (String id : new String[] {"=1+1", "-2+3", "+44", "@SUM(A1)", "=HYPERLINK(\"http://attacker.example\")"}) {
            String stored = AuditEvent.of(ActorType.STAFF, id, "test.csv", Outcome.ALLOWED).actorId();
            assertThat(stored).as("what reaches the trail").startsWith(id.substring(0, 1));
            assertThat(ExportText.cell(stored)).as(stored).isEqualTo("'" + stored);
        }
    }

    @Test
    void quotesCommasSemicolonsAndLineBreaksAreQuoted() {
        assertThat(ExportText.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportText.cell("a;b")).isEqualTo("\"a;b\"");
        assertThat(ExportText.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportText.cell("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(ExportText.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(ExportText.cell("=a,\"b\"")).isEqualTo("\"'=a,\"\"b\"\"\"");
    }

    @Test
    void plainValuesStayAsTheyAre() {
        assertThat(ExportText.cell("0b8e7c1d-0000-4000-8000-00000000000a")).isEqualTo("0b8e7c1d-0000-4000-8000-00000000000a");
        assertThat(ExportText.cell("client.profile.read")).isEqualTo("client.profile.read");
        assertThat(ExportText.cell("a-b=c")).as("a trigger only matters first").isEqualTo("a-b=c");
        assertThat(ExportText.cell(null)).isEmpty();
        assertThat(ExportText.cell("")).isEmpty();
    }

    @Test
    void csvHasAHeaderRowAndCrLfRecordsWithUtcMillisecondTimes() {
        AuditRecord record = new AuditRecord(7, Instant.parse("2026-03-01T09:00:00Z"), ActorType.STAFF, "=1+1",
                "client.profile.read", "client", "c-1", "c-1", Outcome.DENIED, "not_assigned", "192.0.2.10", null, "r-1");
        assertThat(ExportText.csvHeader()).isEqualTo("seq,occurredAt,actorType,actorId,action,resourceType,resourceId,"
                + "clientId,outcome,reason,sourceAddress,userAgentHash,requestId\r\n");
        assertThat(ExportText.csvRow(record)).isEqualTo("7,2026-03-01T09:00:00.000Z,staff,'=1+1,client.profile.read,client,"
                + "c-1,c-1,denied,not_assigned,192.0.2.10,,r-1\r\n");
    }

    @Test
    void jsonLinesHaveStableFieldsAndNulls() {
        AuditRecord record = new AuditRecord(8, Instant.parse("2026-03-01T09:00:00.123Z"), ActorType.ANONYMOUS, null,
                "identity.sign_in", null, null, null, Outcome.FAILED, "bad_credentials", null, null, null);
        assertThat(ExportText.jsonRow(record)).isEqualTo("{\"seq\":8,\"occurredAt\":\"2026-03-01T09:00:00.123Z\","
                + "\"actorType\":\"anonymous\",\"actorId\":null,\"action\":\"identity.sign_in\",\"resourceType\":null,"
                + "\"resourceId\":null,\"clientId\":null,\"outcome\":\"failed\",\"reason\":\"bad_credentials\","
                + "\"sourceAddress\":null,\"userAgentHash\":null,\"requestId\":null}\n");
    }

    /** Attack: log or JSON injection through a value that reached the table some other way. */
    @Test
    void jsonEscapesQuotesBackslashesControlsAndNonAscii() {
        assertThat(ExportText.json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ExportText.json("line\nbreak\u0000\u001b[31m")).isEqualTo("\"line\\u000abreak\\u0000\\u001b[31m\"");
        assertThat(ExportText.json("Олена\u2028")).isEqualTo("\"\\u041e\\u043b\\u0435\\u043d\\u0430\\u2028\"");
        assertThat(ExportText.json(null)).isEqualTo("null");
    }
}
