package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leakage budget of blind indexes: {@code 2 ≤ R / 2^bits < √R}, with the largest such bits. */
class IndexedFieldTests {

    static List<IndexedField> fieldsPlannedFor(long records) {
        return List.of(IndexedField.nameTokens("client.name", records), IndexedField.exact("client.email", records),
                IndexedField.exact("client.phone", records), IndexedField.exact("client.national-id", records));
    }

    @ParameterizedTest
    @ValueSource(longs = {100, 10_000, 1_000_000})
    void everyPlannedIndexLeaksWithinTheBand(long records) {
        for (IndexedField field : fieldsPlannedFor(records)) {
            double perValue = records / Math.pow(2, field.bits());
            assertThat(perValue).as(field.name() + " records per index value").isGreaterThanOrEqualTo(2.0)
                    .isLessThan(Math.sqrt(records));
            assertThat(field.recordsPerIndexValue()).isEqualTo(perValue);
            // one more bit would leave fewer than two records per index value
            assertThat(records / Math.pow(2, field.bits() + 1)).as(field.name() + " with one bit more").isLessThan(2.0);
        }
    }

    @Test
    void plannedSizesGiveTheseBits() {
        assertThat(IndexedField.bitsFor(100)).isEqualTo(5);        // 100 / 32 = 3.1 records per value, √100 = 10
        assertThat(IndexedField.bitsFor(10_000)).isEqualTo(12);    // 2.4 per value, √ = 100
        assertThat(IndexedField.bitsFor(1_000_000)).isEqualTo(18); // 3.8 per value, √ = 1000
        assertThat(IndexedField.bitsFor(8)).isEqualTo(2);
        assertThat(IndexedField.bitsFor(Long.MAX_VALUE)).isEqualTo(61);
    }

    @Test
    void theBandHoldsForEveryPlanFromTheSmallestUp() {
        for (long records = IndexedField.MIN_PLANNED_RECORDS; records < 70_000; records++) {
            double perValue = records / Math.pow(2, IndexedField.bitsFor(records));
            assertThat(perValue >= 2.0 && perValue < Math.sqrt(records)).as("R = %d", records).isTrue();
        }
        for (int power = 17; power < 63; power++) {
            for (long records : new long[] {(1L << power) - 1, 1L << power, (1L << power) + 1}) {
                double perValue = records / Math.pow(2, IndexedField.bitsFor(records));
                assertThat(perValue >= 2.0 && perValue < Math.sqrt(records)).as("R = %d", records).isTrue();
            }
        }
    }

    /** Below 8 records no power of two lies in (√R, R/2], so no index size can keep the budget. */
    @ParameterizedTest
    @ValueSource(longs = {-1, 0, 1, 2, 4, 5, 7})
    void refusesPlansTooSmallForAnyIndex(long records) {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexedField.exact("client.email", records))
                .withMessageContaining("plannedRecords");
        for (int bits = 1; bits < 8 && records > 0; bits++) {
            double perValue = records / Math.pow(2, bits);
            assertThat(perValue >= 2.0 && perValue < Math.sqrt(records)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Client.Email", "1email", "client email", "client/email", "клієнт"})
    void refusesFieldNamesThatAreNotStableIdentifiers(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> IndexedField.exact(name, 1000)).withMessageContaining("name");
    }

    @Test
    void refusesAMissingKind() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IndexedField("client.email", null, 1000))
                .withMessageContaining("kind");
    }
}
