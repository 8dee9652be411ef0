package org.strongroom.crypto;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers in E.164 ({@code +380441234567}), the one form that is stored, compared and
 * blind-indexed, using Google's libphonenumber metadata: "044 123 4567" in Ukraine, "+38 (044)
 * 123-45-67" and "00380441234567" all become the same text. Numbers that are not valid for their
 * region (wrong length, unassigned prefix) are refused, so a typo is not indexed as a number.
 * Extensions are dropped: they do not identify a person.
 */
public final class Phones {

    /** The region assumed for numbers written without a country code. */
    public static final String DEFAULT_REGION = "UA";

    /** Longer input is refused before parsing (libphonenumber's own limit is 250). */
    public static final int MAX_INPUT_LENGTH = 64;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    /** The E.164 form, reading national numbers as Ukrainian; empty when not a valid number. */
    public static Optional<String> toE164(String text) {
        return toE164(text, DEFAULT_REGION);
    }

    /**
     * The E.164 form, or empty when the text is not a valid number.
     *
     * @param defaultRegion ISO 3166-1 alpha-2 code of the region assumed for national numbers
     */
    public static Optional<String> toE164(String text, String defaultRegion) {
        if (defaultRegion == null || !UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("defaultRegion must be a supported ISO 3166-1 alpha-2 region code");
        }
        if (text == null || text.isBlank() || text.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }
}
