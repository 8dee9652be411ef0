package org.strongroom.clients.internal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.Emails;
import org.strongroom.crypto.PersonNames;
import org.strongroom.crypto.Phones;

/**
 * What the one search box was asked, read from its text. Pure: no I/O.
 *
 * <ul>
 * <li>text with an {@code @}: an email address ({@link Emails#normalise}), or nothing;</li>
 * <li>a date as {@code 1990-05-21}, {@code 21.05.1990} or {@code 21/05/1990}: a date of birth (an
 * impossible date asks for nothing);</li>
 * <li>digits with phone punctuation ({@code + ( ) - . /} and spaces), at least 6 digits: a phone
 * number in E.164 ({@link Phones#toE164}, national numbers read in the configured region);</li>
 * <li>one word of reference characters (letters, digits, {@code - / . _}) with a digit in it: a
 * reference number, compared in upper case (references are stored in upper case). A date or a
 * phone number is looked up as a reference as well, since a reference format may look like
 * either;</li>
 * <li>anything else: a person's name, as {@link PersonNames#tokens} (Cyrillic read as Latin,
 * accents and case dropped, parts of fewer than two letters dropped).</li>
 * </ul>
 * Text longer than {@value #MAX_TEXT} characters, with more than {@value #MAX_TOKENS} name parts, or
 * with no part of two letters asks for nothing. Control characters separate words.
 *
 * @param reference   the reference to look up, or {@code null}
 * @param email       the normalised email, or {@code null}
 * @param phone       the E.164 phone number, or {@code null}
 * @param dateOfBirth the ISO-8601 date, or {@code null}
 * @param nameTokens  the name parts, empty when the text is not a name
 */
public record SearchQuery(@Nullable String reference, @Nullable String email, @Nullable String phone,
                          @Nullable String dateOfBirth, List<String> nameTokens) {

    /** The longest text searched; longer text finds nothing (no client's name or identifier is that long). */
    public static final int MAX_TEXT = 200;

    /** The most name parts searched at once; more find nothing. */
    public static final int MAX_TOKENS = 8;

    private static final SearchQuery NOTHING = new SearchQuery(null, null, null, null, List.of());
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9\\-/._]{0,39}");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DAY_FIRST_DATE = Pattern.compile("(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9()\\-. /]+");

    public SearchQuery {
        nameTokens = List.copyOf(nameTokens);
    }

    /** Reads the text; {@code phoneRegion} is the ISO 3166-1 region for national phone numbers. */
    public static SearchQuery parse(@Nullable String text, String phoneRegion) {
        if (text == null || text.length() > MAX_TEXT) {
            return NOTHING;
        }
        String clean = clean(text);
        if (clean.isEmpty()) {
            return NOTHING;
        }
        String reference = REFERENCE.matcher(clean).matches() && clean.chars().anyMatch(Character::isDigit)
                ? clean.toUpperCase(Locale.ROOT) : null;
        if (clean.indexOf('@') >= 0) {
            return new SearchQuery(null, Emails.normalise(clean).orElse(null), null, null, List.of());
        }
        Matcher iso = ISO_DATE.matcher(clean);
        Matcher dayFirst = DAY_FIRST_DATE.matcher(clean);
        if (iso.matches() || dayFirst.matches()) {
            String date = iso.matches() ? date(iso.group(1), iso.group(2), iso.group(3))
                    : date(dayFirst.group(4), dayFirst.group(3), dayFirst.group(1));
            return new SearchQuery(reference, null, null, date, List.of());
        }
        if (PHONE.matcher(clean).matches() && clean.chars().filter(Character::isDigit).count() >= 6) {
            return new SearchQuery(reference, null, Phones.toE164(clean, phoneRegion).orElse(null), null, List.of());
        }
        if (reference != null) {
            return new SearchQuery(reference, null, null, null, List.of());
        }
        List<String> tokens = PersonNames.tokens(clean);
        if (tokens.size() > MAX_TOKENS) {
            return NOTHING;
        }
        return new SearchQuery(null, null, null, null, tokens);
    }

    /** Whether there is nothing to look up. */
    public boolean isEmpty() {
        return reference == null && email == null && phone == null && dateOfBirth == null && nameTokens.isEmpty();
    }

    /** What kind of search this is, for the audit trail (never the text): name, email, phone, date_of_birth, reference, none. */
    public String kind() {
        if (email != null) {
            return "email";
        }
        if (phone != null) {
            return "phone";
        }
        if (dateOfBirth != null) {
            return "date_of_birth";
        }
        if (!nameTokens.isEmpty()) {
            return "name";
        }
        return reference != null ? "reference" : "none";
    }

    /** NFC, control and line-separator characters as spaces, runs of spaces as one, stripped. */
    private static String clean(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normal.length());
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            boolean space = Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (space) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static @Nullable String date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException notADate) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "SearchQuery[" + kind() + "]";
    }
}
