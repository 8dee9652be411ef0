package org.strongroom.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.strongroom.crypto.PersonNames;

/** The close-spelling rule of duplicate detection, on names as people type them (all fictitious). */
class SimilarNamesTests {

    static List<String> tokens(String name) {
        return PersonNames.tokens(name);
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
            // one typo in each part
            "Olena Kovalenko | Olana Kovalenco",
            // one letter swapped with its neighbour
            "Iryna Shevchenko | Iryan Shevchneko",
            // Cyrillic against a Latin spelling with one typo (the scripts fold first)
            "Олена Коваленко | Olena Kovalenco",
            "Ірина Шевченко | Irina Shevchenko",
            // the Ukrainian passport transliteration against a common Latin spelling
            "Наталія Гончаренко | Natalia Honcharenko",
            // Polish-style spelling
            "Olena Kowalenko | Olena Kovalenko",
            // parts in another order, accents, case
            "KOVALENKO Olena | olena kovalénko",
            // a second family name on one record does not hide the match
            "Olena Kovalenko-Shevchenko | Olena Kovalenko",
            // a missing letter
            "Oleksandr Marchenko | Oleksander Marchenko",
            // identical names are similar too
            "Petro Moroz | Petro Moroz"})
    void closeSpellingsAreSimilar(String one, String other) {
        assertThat(SimilarNames.similar(tokens(one), tokens(other))).isTrue();
        assertThat(SimilarNames.similar(tokens(other), tokens(one))).isTrue();
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(delimiter = '|', value = {
            // two edits in one part
            "Olena Kovalenko | Olena Kavalenco",
            // short parts must be equal: one edit is another real name
            "Inna Moroz | Anna Moroz",
            "Ivan Lysenko | Ivana Lysenko",
            // a different family name
            "Olena Kovalenko | Olena Shevchenko",
            // a different given name
            "Olena Kovalenko | Oksana Kovalenko",
            // one part only: not enough to call two people the same
            "Kovalenko | Kovalenco",
            // the same part used twice cannot match two parts
            "Kovalenko Kovalenko | Kovalenko Shevchenko"})
    void otherNamesAreNot(String one, String other) {
        assertThat(SimilarNames.similar(tokens(one), tokens(other))).isFalse();
        assertThat(SimilarNames.similar(tokens(other), tokens(one))).isFalse();
    }

    @ParameterizedTest(name = "{0} → {1} = {2}")
    @CsvSource({"kovalenko,kovalenko,0", "kovalenko,kovalenco,1", "kovalenko,kovalneko,1", "kovalenko,kovalenk,1",
            "kovalenko,kovalenkoo,1", "kovalenko,kavalenco,2", "ab,ba,1", "abc,ca,3", "'',abc,3", "олена,олана,1"})
    void distanceCountsInsertionsDeletionsSubstitutionsAndNeighbourSwaps(String one, String other, int expected) {
        assertThat(SimilarNames.distance(one, other)).isEqualTo(expected);
        assertThat(SimilarNames.distance(other, one)).isEqualTo(expected);
    }

    @Test
    void tokensOfFewerThanFiveLettersMatchOnlyWhenEqual() {
        assertThat(SimilarNames.match("anna", "anna")).isTrue();
        assertThat(SimilarNames.match("anna", "inna")).isFalse();
        assertThat(SimilarNames.match("olena", "olana")).isTrue();
    }

    @Test
    void similarButNotEqualTellsASpellingVariantFromTheSameName() {
        assertThat(SimilarNames.similarButNotEqual(tokens("Olena Kovalenko"), tokens("Kovalenko Olena"))).isFalse();
        assertThat(SimilarNames.similarButNotEqual(tokens("Olena Kovalenko"), tokens("Olena Kovalenco"))).isTrue();
    }

    /**
     * Attack: a name made of many parts that all match one another makes a naive search for
     * partners try every arrangement; the check must stay quick (and names of more than
     * {@value SimilarNames#MAX_TOKENS} parts are not compared at all).
     */
    @Test
    void manyPartsThatAllMatchStayQuick() {
        List<String> many = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (char c = 'a'; c < 'a' + SimilarNames.MAX_TOKENS; c++) {
            many.add("kovalenko" + c);
            others.add("kovalenko" + (char) (c + 1));
        }
        others.set(SimilarNames.MAX_TOKENS - 1, "shevchenko");
        long started = System.nanoTime();
        assertThat(SimilarNames.similar(many, others)).isFalse();
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
        many.add("marchenko");
        others.add("marchenko");
        assertThat(SimilarNames.similar(many, others)).as("more than the most parts compared").isFalse();
    }
}
