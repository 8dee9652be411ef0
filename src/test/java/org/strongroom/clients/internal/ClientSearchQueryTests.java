package org.strongroom.clients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the one search box reads its text ({@link SearchQuery}). */
class ClientSearchQueryTests {

    static SearchQuery parse(String text) {
        return SearchQuery.parse(text, "UA");
    }

    @Test
    void readsANameInAnyScriptCaseAndOrderAsLatinParts() {
        assertThat(parse("Олена Коваленко").nameTokens()).containsExactly("olena", "kovalenko");
        assertThat(parse("  KOVALENKO\tolena ").nameTokens()).containsExactly("kovalenko", "olena");
        assertThat(parse("Olená Kovalénko").nameTokens()).containsExactly("olena", "kovalenko");
        assertThat(parse("Olena").kind()).isEqualTo("name");
        assertThat(parse("Olena").reference()).isNull();
    }

    @Test
    void readsEmailsInAnyCase() {
        SearchQuery query = parse(" Olena.Kovalenko@Example.ORG ");
        assertThat(query.email()).isEqualTo("olena.kovalenko@example.org");
        assertThat(query.kind()).isEqualTo("email");
        assertThat(parse("not an @ address").isEmpty()).isTrue();
    }

    @Test
    void readsPhonesInAnyFormattingAsE164AndAlsoAsAReference() {
        for (String typed : List.of("+380 50 123 45 67", "050-123-4567", "(050) 1234567", "0501234567", "+38 (050) 123-45-67",
                "00380501234567")) {
            assertThat(parse(typed).phone()).as(typed).isEqualTo("+380501234567");
        }
        assertThat(parse("0501234567").reference()).isEqualTo("0501234567");
        assertThat(parse("+380 12").phone()).isNull();
    }

    @Test
    void readsBirthDatesInThreeFormatsAndRefusesImpossibleOnes() {
        for (String typed : List.of("1990-05-21", "21.05.1990", "21/05/1990", "21.5.1990")) {
            assertThat(parse(typed).dateOfBirth()).as(typed).isEqualTo("1990-05-21");
        }
        assertThat(parse("31.02.1990").dateOfBirth()).isNull();
        assertThat(parse("31.02.1990").nameTokens()).isEmpty();
    }

    @Test
    void readsReferencesInAnyCase() {
        SearchQuery query = parse("c-2026-00042");
        assertThat(query.reference()).isEqualTo("C-2026-00042");
        assertThat(query.nameTokens()).isEmpty();
        assertThat(query.kind()).isEqualTo("reference");
    }

    /** Hostile input: nothing to search, never an exception, and the text never in toString. */
    @Test
    void hostileTextAsksForNothing() {
        for (String text : List.of("", "   ", "a", "!!!", "%_%", "x".repeat(201), "\u0000\u0001", "a b c d e f",
                "one two three four five six seven eight nine")) {
            assertThat(parse(text).isEmpty()).as(text).isTrue();
        }
        assertThat(SearchQuery.parse(null, "UA").isEmpty()).isTrue();
        assertThat(parse("' OR 1=1 --").nameTokens()).containsExactly("or");
        assertThat(parse("\u0000Olena\u0007Kovalenko").nameTokens()).containsExactly("olena", "kovalenko");
        assertThat(parse("Olena Kovalenko").toString()).doesNotContain("olena").isEqualTo("SearchQuery[name]");
    }
}
