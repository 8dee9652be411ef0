package org.strongroom.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.strongroom.identity.internal.PasswordStrength;
import org.strongroom.identity.internal.PasswordStrength.Estimate;

/**
 * What a new password must satisfy. NIST SP 800-63B §5.1.1.2 and OWASP ASVS 5.0 (V6.2): length
 * and a blocklist rather than composition rules, no periodic change.
 * <ul>
 * <li>12 to 256 characters (Unicode code points) of anything, spaces and emoji included.</li>
 * <li>Not in, nor a trivial variant of, the 100 000 common and leaked passwords shipped inside
 * nbvcxz 1.5.1 ({@code password.common}).</li>
 * <li>Not built from the person's own name or email address, also when written with the usual
 * substitutions such as {@code 0} for {@code o} ({@code password.containsName},
 * {@code password.containsEmail}).</li>
 * <li>At least {@value #MIN_LOG10_GUESSES_TEXT} guesses by the zxcvbn-style estimate of nbvcxz,
 * with the person's name and email counted as known words ({@code password.weak}).</li>
 * </ul>
 * Why 10<sup>10</sup> guesses: it is the boundary zxcvbn calls "very unguessable: strong protection
 * from offline slow-hash scenario" (its score 4). Online guessing is throttled and needs a second
 * factor anyway; the threshold is for the day a database copy leaks. With Argon2id at the
 * configured cost (about 60 ms and 19 MiB per guess on one core of this hardware), 10<sup>10</sup>
 * guesses are about 18 core-years, and memory-hard hashing keeps GPUs from changing that by
 * orders of magnitude. A higher threshold starts to refuse three- and four-word passphrases that
 * NIST asks us to allow; a lower one (10<sup>8</sup>, zxcvbn's score 3) is about 70 core-days,
 * a few days on rented machines.
 * <p>
 * The password is checked exactly as typed: never truncated, normalised or case-folded before
 * hashing (Argon2id hashes its full UTF-8). Only the comparisons with name and email fold case,
 * so that "OLENA" counts as containing "Olena". Results are message codes so every caller can say
 * the same thing in the user's language.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    /** Minimum estimated guesses, as a power of ten. */
    public static final double MIN_LOG10_GUESSES = 10;
    static final String MIN_LOG10_GUESSES_TEXT = "10^10";

    /** How long the strength meter waits for a free estimator before it gives up for this keystroke. */
    private static final long METER_WAIT_MILLIS = 1500;

    /** nbvcxz feedback keys that the message bundle translates (as {@code password.} + key). */
    private static final Set<String> KNOWN_FEEDBACK = Set.of(
            "feedback.default.suggestions.useFewWords",
            "feedback.extra.suggestions.addAnotherWord",
            "feedback.dictionary.warning.passwords.top10",
            "feedback.dictionary.warning.passwords.top100",
            "feedback.dictionary.warning.passwords.veryCommon",
            "feedback.dictionary.suggestions.capitalization",
            "feedback.dictionary.suggestions.allUppercase",
            "feedback.dictionary.suggestions.reversed",
            "feedback.dictionary.suggestions.leet",
            "feedback.spatial.warning.straightRowsOfKeys",
            "feedback.spatial.warning.shortKeyboardPatterns",
            "feedback.spatial.suggestions.UseLongerKeyboardPattern",
            "feedback.repeat.warning.likeAAA",
            "feedback.repeat.warning.likeABCABCABC",
            "feedback.repeat.suggestions.avoidRepeated",
            "feedback.sequence.warning.sequenceWarning",
            "feedback.sequence.suggestions.avoidSequences",
            "feedback.year.warning.recentYears",
            "feedback.year.suggestions.avoidYears",
            "feedback.date.warning.dates",
            "feedback.date.suggestions.avoidDates");

    private PasswordRules() {
    }

    /**
     * The first rule the password breaks, as a message code, or empty when it is acceptable.
     * {@code name} and {@code email} are the person's own (may be empty when unknown).
     */
    public static Optional<String> check(String password, String name, String email) {
        return Optional.ofNullable(assess(password, name, email).problem());
    }

    /** The full assessment (score, problem, hint), for forms that show a strength meter. */
    public static PasswordAssessment assess(String password, String name, String email) {
        return assess(password, name, email, false).orElseThrow(() -> new IllegalStateException("assessment did not run"));
    }

    /**
     * As {@link #assess(String, String, String)}, but gives up (empty) when the server is already
     * busy estimating other passwords: for the strength meter, which anyone can call.
     */
    public static Optional<PasswordAssessment> tryAssess(String password, String name, String email) {
        return assess(password, name, email, true);
    }

    /** Loads the password dictionaries (about half a second) ahead of the first check. */
    public static void warmUp() {
        PasswordStrength.warmUp();
    }

    private static Optional<PasswordAssessment> assess(String password, String name, String email, boolean mayGiveUp) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(new PasswordAssessment(0, "password.tooShort", null));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new PasswordAssessment(0, "password.tooLong", null));
        }
        List<String> nameWords = nameWords(name);
        List<String> emailWords = emailWords(email);
        Optional<String> personal = containsPersonalWords(password, nameWords, emailWords);
        if (personal.isPresent()) {
            return Optional.of(new PasswordAssessment(0, personal.get(), null));
        }
        if (PasswordStrength.isListedPassword(password)) {
            return Optional.of(new PasswordAssessment(0, "password.common", null));
        }
        Optional<Estimate> found = mayGiveUp
                ? PasswordStrength.tryEstimate(password, nameWords, emailWords, METER_WAIT_MILLIS)
                : Optional.of(PasswordStrength.estimate(password, nameWords, emailWords));
        return found.map(PasswordRules::judge);
    }

    private static PasswordAssessment judge(Estimate estimate) {
        String hint = estimate.warningKey().filter(KNOWN_FEEDBACK::contains)
                .or(() -> estimate.suggestionKeys().stream().filter(KNOWN_FEEDBACK::contains).findFirst())
                .map(key -> "password." + key)
                .orElse(null);
        if (estimate.commonPassword()) {
            return new PasswordAssessment(0, "password.common", null);
        }
        if (estimate.nameUsed()) {
            return new PasswordAssessment(0, "password.containsName", null);
        }
        if (estimate.emailUsed()) {
            return new PasswordAssessment(0, "password.containsEmail", null);
        }
        double log10 = estimate.log10Guesses();
        if (log10 < MIN_LOG10_GUESSES) {
            int score = log10 < 3 ? 0 : log10 < 6 ? 1 : log10 < 8 ? 2 : 3;
            return new PasswordAssessment(score, "password.weak", hint == null ? "password.feedback.extra.suggestions.addAnotherWord" : hint);
        }
        return new PasswordAssessment(PasswordAssessment.MAX_SCORE, null, null);
    }

    /** The person's name parts of four or more characters, and the whole name without separators. */
    static List<String> nameWords(String name) {
        Set<String> words = new LinkedHashSet<>();
        String[] parts = fold(name).split("[\\s,.'’-]+");
        for (String part : parts) {
            if (part.length() >= 4) {
                words.add(part);
            }
        }
        if (parts.length > 1) {
            String joined = String.join("", parts);
            if (joined.length() >= 4) {
                words.add(joined);
            }
        }
        return new ArrayList<>(words);
    }

    /** The email's local part, its pieces of four or more characters, and the whole address. */
    static List<String> emailWords(String email) {
        String folded = fold(email.strip());
        Set<String> words = new LinkedHashSet<>();
        int at = folded.indexOf('@');
        String local = at >= 0 ? folded.substring(0, at) : folded;
        if (local.length() >= 4) {
            words.add(local);
        }
        for (String piece : local.split("[._+-]+")) {
            if (piece.length() >= 4) {
                words.add(piece);
            }
        }
        if (at >= 0 && folded.length() >= 4) {
            words.add(folded);
        }
        return new ArrayList<>(words);
    }

    private static Optional<String> containsPersonalWords(String password, List<String> nameWords, List<String> emailWords) {
        String folded = fold(password);
        List<String> variants = List.of(folded, unleet(folded, 'l'), unleet(folded, 'i'));
        // The address and a local part with separators first, then the name, then the pieces of the
        // address: "shevchuk", in both the name and "mariia.shevchuk@…", is reported as the name.
        List<String> address = emailWords.stream().filter(w -> !w.matches("[^@._+-]+")).toList();
        for (List<String> words : List.of(address, nameWords, emailWords)) {
            for (String variant : variants) {
                if (words.stream().anyMatch(variant::contains)) {
                    return Optional.of(words == nameWords ? "password.containsName" : "password.containsEmail");
                }
            }
        }
        return Optional.empty();
    }

    /** Undoes the usual look-alike substitutions (used only to compare with name and email). */
    private static String unleet(String text, char one) {
        StringBuilder plain = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            plain.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> one;
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                case '9' -> 'g';
                default -> c;
            });
        }
        return plain.toString();
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
