package org.strongroom.clients.internal;

import java.util.List;

/**
 * Whether two people's names are close enough to be the same person spelt differently: one typo
 * ("Kovalenko" / "Kovalenco", "Olena" / "Olana"), two letters swapped ("Iryna" / "Iryan"), another
 * transliteration ("Dmytrii" / "Dmitrii", "Kovalenko" / "Kowalenko"), or the parts in another
 * order. Works on the tokens of {@link org.strongroom.crypto.PersonNames#tokens}, which have
 * already folded case, accents and the Cyrillic/Latin scripts ("Олена Коваленко" gives
 * {@code [olena, kovalenko]}). Pure functions, no I/O.
 *
 * <p>The rule, chosen to be easy to explain to a person looking at the result:
 * <ul>
 * <li>two tokens <em>match</em> when they are equal, or when both have at least
 * {@value #MIN_FUZZY_LENGTH} letters and their optimal-string-alignment distance (Damerau-Levenshtein
 * without repeated edits of one substring: insertions, deletions, substitutions and swaps of two
 * neighbouring letters, each counting 1) is at most {@value #MAX_DISTANCE};</li>
 * <li>two names are <em>similar</em> when each has at least two tokens and every token of the
 * name with fewer tokens matches a different token of the other (order free, so a swapped given
 * and family name still matches, and a second family name on one record does not hide the
 * match); names of more than {@value #MAX_TOKENS} parts are not compared.</li>
 * </ul>
 * Short tokens must be equal: among names of four letters or fewer a single edit reaches too many
 * other real names ("Inna" / "Anna", "Ivan" / "Ivana", "Yana" / "Yara"). The
 * Jaro-Winkler measure was considered and not used: its threshold has no plain meaning for a user
 * ("0.92 alike"), it rewards shared beginnings (so it misses a first-letter typo that the edit
 * distance finds) and it scores short names high.
 */
public final class SimilarNames {

    /** The shortest token compared with an edit distance; shorter tokens must be equal. */
    public static final int MIN_FUZZY_LENGTH = 5;
    /** The most edits between two matching tokens. */
    public static final int MAX_DISTANCE = 1;
    /** Names of more parts than this are not compared (no real name has them; it bounds the work). */
    public static final int MAX_TOKENS = 16;

    private SimilarNames() {
    }

    /** Whether two name token lists are close enough to be the same person (see the class comment). */
    public static boolean similar(List<String> one, List<String> other) {
        List<String> fewer = one.size() <= other.size() ? one : other;
        List<String> more = fewer == one ? other : one;
        if (fewer.size() < 2 || more.size() > MAX_TOKENS) {
            return false;
        }
        boolean[][] matches = new boolean[fewer.size()][more.size()];
        for (int i = 0; i < fewer.size(); i++) {
            for (int j = 0; j < more.size(); j++) {
                matches[i][j] = match(fewer.get(i), more.get(j));
            }
        }
        // a maximum bipartite matching (augmenting paths): every token of the shorter name needs its own partner
        int[] partnerOf = new int[more.size()];
        java.util.Arrays.fill(partnerOf, -1);
        for (int i = 0; i < fewer.size(); i++) {
            if (!augment(i, matches, partnerOf, new boolean[more.size()])) {
                return false;
            }
        }
        return true;
    }

    /** Whether two names are similar but not the same set of tokens. */
    public static boolean similarButNotEqual(List<String> one, List<String> other) {
        return similar(one, other) && !(one.containsAll(other) && other.containsAll(one));
    }

    private static boolean augment(int token, boolean[][] matches, int[] partnerOf, boolean[] seen) {
        for (int j = 0; j < partnerOf.length; j++) {
            if (matches[token][j] && !seen[j]) {
                seen[j] = true;
                if (partnerOf[j] < 0 || augment(partnerOf[j], matches, partnerOf, seen)) {
                    partnerOf[j] = token;
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether two tokens match: equal, or both long enough and at most {@value #MAX_DISTANCE} edit apart. */
    public static boolean match(String one, String other) {
        if (one.equals(other)) {
            return true;
        }
        int a = one.codePointCount(0, one.length());
        int b = other.codePointCount(0, other.length());
        if (a < MIN_FUZZY_LENGTH || b < MIN_FUZZY_LENGTH || Math.abs(a - b) > MAX_DISTANCE) {
            return false;
        }
        return distance(one, other) <= MAX_DISTANCE;
    }

    /**
     * The optimal-string-alignment distance between two strings, by code point: the fewest
     * insertions, deletions, substitutions and swaps of neighbouring letters that turn one into the
     * other, no substring edited twice.
     */
    public static int distance(String one, String other) {
        int[] a = one.codePoints().toArray();
        int[] b = other.codePoints().toArray();
        int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length][b.length];
    }
}
