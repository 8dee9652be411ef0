package org.strongroom.crypto;

import java.util.regex.Pattern;

/**
 * A field that is searchable through a blind index, and how large its index may be.
 *
 * <p>An index is a keyed hash of the normalised value, truncated to {@link #bits()} bits so that
 * it is deliberately ambiguous. With {@code R} the planned number of indexed records, the number
 * of bits is the largest {@code b} that keeps the CipherSweet leakage band
 * <pre>   2 ≤ R / 2^b &lt; √R</pre>
 * The left side means every index value is shared, on average, by at least two records at the
 * planned size, so an index value alone never singles out one record; the right side keeps the
 * false positives of a search (about {@code R / 2^b} candidates, which are decrypted and filtered)
 * below √R. The largest such {@code b} is {@code floor(log2 R) - 1}: then {@code 2^(b+1) ≤ R}
 * gives the left side, and {@code 2^(b+2) > R} gives {@code 2^b > R/4 ≥ √R} for {@code R ≥ 16}
 * (and {@code 2^b = 4 > √R} for {@code 8 ≤ R < 16}). Choosing the largest {@code b} gives the
 * fewest candidates to decrypt within the budget.
 *
 * <p>Below {@value #MIN_PLANNED_RECORDS} records no power of two lies in {@code (√R, R/2]}, so no
 * truncation meets the band and such a plan is refused; plan for the size the installation is
 * expected to reach, not the size it has today. With fewer records than planned, the index is
 * more selective than the budget assumes, which is why the plan should not be too generous
 * either. For {@link Kind#NAME_TOKENS} the count is of records, not tokens: a name's tokens are
 * one record's parts and are searched together.
 *
 * @param name           stable identifier of the field, e.g. {@code client.email}; part of the key
 *                       derivation, so renaming a field means re-indexing it
 * @param kind           whether the whole value or each name part is indexed
 * @param plannedRecords the number of records the index is sized for ({@code R} above)
 */
public record IndexedField(String name, Kind kind, long plannedRecords) {

    /** The smallest planned record count for which the leakage band can hold. */
    public static final long MIN_PLANNED_RECORDS = 8;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** How a value becomes index entries. */
    public enum Kind {
        /** One index entry for the whole normalised value (email, phone, national id). */
        EXACT,
        /** One index entry per name part, after {@link PersonNames#tokens(String)}. */
        NAME_TOKENS
    }

    public IndexedField {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 characters of a-z, 0-9, '_', '.', '-', starting with a letter");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (plannedRecords < MIN_PLANNED_RECORDS) {
            throw new IllegalArgumentException("plannedRecords must be at least " + MIN_PLANNED_RECORDS
                    + ": below that no index size keeps 2 <= R / 2^bits < sqrt(R)");
        }
    }

    /** An exact-match field (the value is normalised by the caller). */
    public static IndexedField exact(String name, long plannedRecords) {
        return new IndexedField(name, Kind.EXACT, plannedRecords);
    }

    /** A person-name field, indexed one token per name part. */
    public static IndexedField nameTokens(String name, long plannedRecords) {
        return new IndexedField(name, Kind.NAME_TOKENS, plannedRecords);
    }

    /** The number of index bits for this field: {@code floor(log2 plannedRecords) - 1}. */
    public int bits() {
        return bitsFor(plannedRecords);
    }

    /** The largest number of bits {@code b} with {@code 2 ≤ R / 2^b < √R}; see the class comment. */
    public static int bitsFor(long plannedRecords) {
        if (plannedRecords < MIN_PLANNED_RECORDS) {
            throw new IllegalArgumentException("plannedRecords must be at least " + MIN_PLANNED_RECORDS);
        }
        int floorLog2 = 63 - Long.numberOfLeadingZeros(plannedRecords);
        return floorLog2 - 1;
    }

    /** The average number of records sharing one index value at the planned size, {@code R / 2^bits}. */
    public double recordsPerIndexValue() {
        return plannedRecords / Math.pow(2, bits());
    }
}
