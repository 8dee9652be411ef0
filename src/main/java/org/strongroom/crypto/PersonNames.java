package org.strongroom.crypto;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Person names as search tokens: "Олена Коваленко", "OLENA  kovalenko" and "Olena Kovalenko"
 * give the same tokens {@code [olena, kovalenko]}. Pure functions, no I/O.
 *
 * <p>The steps: compatibility normalisation (NFKC) and lower case; invisible format characters
 * (zero-width space and joiner, soft hyphen, direction marks) removed, so they cannot split or
 * hide a name; apostrophes removed ("Знам'янка", "O'Brien"); every other character that is not a
 * letter, digit or combining mark separates name parts (spaces, hyphens, control characters,
 * punctuation); each part transliterated from Cyrillic to Latin as passports spell it
 * ({@link CyrillicLatin}: Ukrainian KMU-2010, or Russian ICAO 9303 when the part has a letter only
 * Russian has); accents removed (NFKD, combining marks dropped) and the Latin letters that do not
 * decompose folded (ß→ss, ø→o, ł→l, …); parts of fewer than two letters or digits dropped (initials carry
 * no search value and would be the most linkable entries); duplicates dropped, order kept.
 *
 * <p>Not handled: a Russian name without a Russian-only letter is read as Ukrainian ("Дмитрий"
 * gives "dmytrii", a Russian passport says "Dmitrii"), and names in other scripts keep their own
 * letters (lower-case, accents removed) rather than being transliterated.
 */
public final class PersonNames {

    /** The longest name accepted, in UTF-16 characters; longer input is refused, not truncated. */
    public static final int MAX_LENGTH = 512;

    /** The shortest name part kept, in letters and digits as written (before transliteration). */
    public static final int MIN_TOKEN_LENGTH = 2;

    private PersonNames() {
    }

    /**
     * The name's tokens, in order, without duplicates; empty for a blank name.
     *
     * @throws IllegalArgumentException if the name is longer than {@link #MAX_LENGTH}
     */
    public static List<String> tokens(String name) {
        if (name == null) {
            return List.of();
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_LENGTH + " characters");
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> tokens = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.FORMAT || isApostrophe(cp)) {
                continue;
            }
            if (Character.isLetterOrDigit(cp) || isMark(cp)) {
                word.appendCodePoint(cp);
            } else {
                addToken(word, tokens);
            }
        }
        addToken(word, tokens);
        return List.copyOf(tokens);
    }

    private static void addToken(StringBuilder word, Set<String> tokens) {
        if (word.isEmpty()) {
            return;
        }
        // counted before transliteration: the initial "Щ." is one letter, not the four of "shch"
        if (word.codePoints().filter(Character::isLetterOrDigit).count() < MIN_TOKEN_LENGTH) {
            word.setLength(0);
            return;
        }
        String latin = CyrillicLatin.word(word.toString());
        word.setLength(0);
        String decomposed = Normalizer.normalize(latin, Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (!isMark(cp)) {
                fold(cp, folded);
            }
        }
        // letters left Cyrillic only once their marks were gone (ў, ѓ) get their Latin form now
        String token = CyrillicLatin.word(folded.toString());
        if (!token.isEmpty()) {
            tokens.add(token);
        }
    }

    private static void fold(int cp, StringBuilder out) {
        switch (cp) {
            case 'ß' -> out.append("ss");
            case 'æ' -> out.append("ae");
            case 'œ' -> out.append("oe");
            case 'ø' -> out.append('o');
            case 'đ', 'ð' -> out.append('d');
            case 'ł' -> out.append('l');
            case 'þ' -> out.append("th");
            case 'ı' -> out.append('i');
            case 'ς' -> out.append('σ');
            default -> out.appendCodePoint(cp);
        }
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u02BC' || cp == '`' || cp == '\u00B4' || cp == '\u2018'
                || cp == '\u02B9';
    }
}
