package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.strongroom.access.Sensitivity;
import org.strongroom.crypto.CheckDigits;

/** Validation and normalisation of one value per field type: the same for forms, the API and imports. */
class FieldValuesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    final FieldValues values = new FieldValues("UA", CheckDigits.UA_RNOKPP);

    static FieldDefinition field(String key, FieldType type, boolean required, List<String> choices) {
        return new FieldDefinition(key, null, type, Sensitivity.NORMAL, FieldCategory.OTHER, "purpose", required, SearchMode.NONE,
                null, true, true, 10, choices, 1, Instant.EPOCH, null);
    }

    static FieldDefinition field(String key, FieldType type) {
        return field(key, type, false, List.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EMAIL|  Olena.K@Example.ORG |olena.k@example.org",
            "PHONE|050 123 45 67|+380501234567",
            "PHONE|(050) 123-4567|+380501234567",
            "PHONE|+48 512 345 678|+48512345678",
            "DATE|1990-05-21|1990-05-21",
            "NUMBER|3,5|3.5",
            "NATIONAL_ID|3012345670|3012345670",
            "TAGS|group, Anxiety ,GROUP,,  new   client|Anxiety\\ngroup\\nnew client",
            "TEXT|  Коваленко  |Коваленко"})
    void aGoodValueIsStoredInItsOneNormalForm(FieldType type, String raw, String stored) {
        FieldValues.Checked checked = values.check(field("f", type), raw, TODAY);
        assertThat(checked.problem()).isNull();
        assertThat(checked.value()).isEqualTo(stored.replace("\\n", "\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "EMAIL|olena@|clients.value.email",
            "PHONE|12|clients.value.phone",
            "PHONE|call me maybe|clients.value.phone",
            "DATE|21/05/1990|clients.value.date",
            "DATE|1899-12-31|clients.value.dateTooEarly",
            "NUMBER|12e|clients.value.number",
            "NATIONAL_ID|3012345674|clients.value.nationalId",
            "TEXT|line\u0000break|clients.value.controlCharacters",
            "TEXT|be\u0007ll|clients.value.controlCharacters",
            "TEXT|split\u2028line|clients.value.controlCharacters"})
    void aBadValueGetsAMessageKeyAndNoValue(FieldType type, String raw, String problem) {
        FieldValues.Checked checked = values.check(field("f", type), raw, TODAY);
        assertThat(checked.problem()).isEqualTo(problem);
        assertThat(checked.value()).isNull();
    }

    @Test
    void aBirthDateCannotLieInTheFutureButOtherDatesMay() {
        assertThat(values.check(field("date_of_birth", FieldType.DATE), "2026-12-01", TODAY).problem()).isEqualTo("clients.value.dateInFuture");
        assertThat(values.check(field("next_review", FieldType.DATE), "2026-12-01", TODAY).value()).isEqualTo("2026-12-01");
    }

    @Test
    void blankClearsAnOptionalFieldAndIsRefusedForARequiredOne() {
        assertThat(values.check(field("f", FieldType.TEXT), "   ", TODAY)).isEqualTo(new FieldValues.Checked(null, null));
        assertThat(values.check(field("f", FieldType.TEXT, true, List.of()), "", TODAY).problem()).isEqualTo("clients.value.required");
    }

    @Test
    void longTextKeepsLinesAndTabsWhileOneLineTextRefusesThem() {
        assertThat(values.check(field("f", FieldType.LONG_TEXT), "first\r\nsecond\tindented", TODAY).value()).isEqualTo("first\nsecond\tindented");
        assertThat(values.check(field("f", FieldType.TEXT), "first\nsecond", TODAY).problem()).isEqualTo("clients.value.controlCharacters");
    }

    @Test
    void oversizedInputIsRefusedBeforeItIsWorkedOn() {
        assertThat(values.check(field("f", FieldType.TEXT), "x".repeat(201), TODAY).problem()).isEqualTo("clients.value.tooLong");
        assertThat(values.check(field("f", FieldType.LONG_TEXT), "x".repeat(1_000_000), TODAY).problem()).isEqualTo("clients.value.tooLong");
        assertThat(values.check(field("f", FieldType.TAGS), "t".repeat(41), TODAY).problem()).isEqualTo("clients.value.tagTooLong");
        assertThat(values.check(field("f", FieldType.TAGS), String.join(",", java.util.Collections.nCopies(21, "x"))
                .replaceAll("x", "t"), TODAY).value()).isEqualTo("t");
    }

    @Test
    void storedTagsOneLineEachCheckAsTheSameValue() {
        FieldDefinition tags = field("tags", FieldType.TAGS);
        String stored = values.check(tags, "group, Anxiety", TODAY).value();
        assertThat(values.check(tags, stored, TODAY).value()).isEqualTo(stored).isEqualTo("Anxiety\ngroup");
    }

    @Test
    void aChoiceMustBeOneOfItsOptionsExactly() {
        FieldDefinition time = field("time", FieldType.CHOICE, false, List.of("Morning", "Evening"));
        assertThat(values.check(time, "Evening", TODAY).value()).isEqualTo("Evening");
        assertThat(values.check(time, "evening", TODAY).problem()).isEqualTo("clients.value.choice");
    }

    @Test
    void theCheckDigitRuleIsChosenByName() {
        assertThat(FieldValues.checkDigits("none")).contains(CheckDigits.NONE);
        assertThat(FieldValues.checkDigits("UA-RNOKPP")).contains(CheckDigits.UA_RNOKPP);
        assertThat(FieldValues.checkDigits("luhn")).isEmpty();
    }
}
