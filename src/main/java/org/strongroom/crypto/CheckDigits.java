package org.strongroom.crypto;

/**
 * A check-digit rule for one kind of national identifier, applied to the normalised text
 * ({@link NationalIds#normalise(String, CheckDigits)}). Implementations are pure and total: they
 * answer {@code false} for anything they do not recognise rather than throwing.
 */
@FunctionalInterface
public interface CheckDigits {

    /** Accepts every identifier: for kinds of identifier without a known check digit. */
    CheckDigits NONE = normalised -> true;

    /**
     * Ukraine's РНОКПП (taxpayer registration number, formerly ІПН), 10 digits: the weighted sum
     * of the first nine digits with weights −1, 5, 7, 9, 4, 6, 10, 5, 7, taken modulo 11 and then
     * modulo 10, is the tenth digit. (People who refuse the number for religious reasons have a
     * passport number instead; index that as a different field.)
     */
    CheckDigits UA_RNOKPP = new CheckDigits() {
        private final int[] weights = {-1, 5, 7, 9, 4, 6, 10, 5, 7};

        @Override
        public boolean isValid(String normalised) {
            if (normalised == null || normalised.length() != 10) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                char c = normalised.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
                if (i < 9) {
                    sum += weights[i] * (c - '0');
                }
            }
            return Math.floorMod(sum, 11) % 10 == normalised.charAt(9) - '0';
        }

        @Override
        public String toString() {
            return "CheckDigits.UA_RNOKPP";
        }
    };

    /** Whether the normalised identifier's check digits are right. */
    boolean isValid(String normalised);
}
