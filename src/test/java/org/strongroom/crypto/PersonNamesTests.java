package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonNamesTests {

    @Test
    void cyrillicAndLatinSpellingsGiveTheSameTokens() {
        assertThat(PersonNames.tokens("Олена Коваленко")).containsExactly("olena", "kovalenko");
        assertThat(PersonNames.tokens("Olena Kovalenko")).containsExactly("olena", "kovalenko");
        assertThat(PersonNames.tokens("  OLENA \t\n KOVALENKO  ")).containsExactly("olena", "kovalenko");
    }

    /** The examples of the 2010 Ukrainian standard (KMU resolution 55), as passports spell them. */
    @ParameterizedTest
    @CsvSource({
            "Згурський, zghurskyi", "Розгон, rozghon", "Їжакевич, yizhakevych", "Кадиївка, kadyivka",
            "Йосипівка, yosypivka", "Стрий, stryi", "Олексій, oleksii", "Юрій, yurii", "Корюківка, koriukivka",
            "Яготин, yahotyn", "Костянтин, kostiantyn", "Єнакієве, yenakiieve", "Гайсин, haisyn",
            "Короп'є, koropie", "Знам’янка, znamianka", "Харків, kharkiv", "Щербухи, shcherbukhy",
            "Гоща, hoshcha", "Русь, rus", "Ґалаґан, galagan", "Юлія, yuliia", "Євген, yevhen", "Ганна, hanna",
            "Жмеринка, zhmerynka", "Біла Церква, bila tserkva"})
    void transliteratesUkrainianByTheNationalStandard(String cyrillic, String latin) {
        assertThat(String.join(" ", PersonNames.tokens(cyrillic))).isEqualTo(latin);
    }

    @ParameterizedTest
    @CsvSource({"Фёдоров, fedorov", "Васильевы, vasilevy", "Подъячев, podieiachev", "Эдуард, eduard"})
    void transliteratesWordsWithRussianOnlyLettersAsRussianPassportsDo(String cyrillic, String latin) {
        assertThat(String.join(" ", PersonNames.tokens(cyrillic))).isEqualTo(latin);
    }

    @Test
    void removesAccentsAndFoldsLatinLetters() {
        assertThat(PersonNames.tokens("José Müller-Łukasz Øster Straße")).containsExactly("jose", "muller", "lukasz", "oster", "strasse");
        assertThat(PersonNames.tokens("Zoë Ångström")).containsExactly("zoe", "angstrom");
        assertThat(PersonNames.tokens("Ｏｌｅｎａ")).containsExactly("olena");
    }

    @Test
    void splitsOnHyphensAndPunctuationAndKeepsApostrophesInsideTheName() {
        assertThat(PersonNames.tokens("Kovalenko-Shevchenko, O'Brien")).containsExactly("kovalenko", "shevchenko", "obrien");
    }

    @Test
    void dropsInitialsAndDuplicates() {
        assertThat(PersonNames.tokens("O. K. Kovalenko Kovalenko")).containsExactly("kovalenko");
        assertThat(PersonNames.tokens("Й. Я. Щ Ю")).as("initials, even those with a long Latin form").isEmpty();
    }

    /** Attack on search: invisible characters hidden in a name to split it or make it unfindable. */
    @Test
    void ignoresInvisibleFormatCharacters() {
        assertThat(PersonNames.tokens("Ol\u200Bena Ko\u00ADvalen\u200Dko\u200E")).containsExactly("olena", "kovalenko");
    }

    @Test
    void controlCharactersSeparateNameParts() {
        assertThat(PersonNames.tokens("Olena\u0000Kovalenko\u0007\u001B[31m")).containsExactly("olena", "kovalenko", "31m");
    }

    /** Attack on search: a name written with Cyrillic letters that look Latin (homoglyphs) still matches. */
    @Test
    void mixedScriptsInOneWordMeetInLatin() {
        assertThat(PersonNames.tokens("Оlеnа Коvalenko")).containsExactly("olena", "kovalenko");
    }

    @Test
    void keepsOtherScriptsInLowerCase() {
        assertThat(PersonNames.tokens("ΣΩΚΡΑΤΗΣ Σωκράτης")).containsExactly("σωκρατησ");
        assertThat(PersonNames.tokens("山田 太郎")).containsExactly("山田", "太郎");
        assertThat(PersonNames.tokens("山田太郎")).containsExactly("山田太郎");
    }

    @Test
    void emptyAndBlankNamesHaveNoTokens() {
        assertThat(PersonNames.tokens(null)).isEmpty();
        assertThat(PersonNames.tokens("")).isEmpty();
        assertThat(PersonNames.tokens(" \t\r\n\u00A0\u3000 ")).isEmpty();
        assertThat(PersonNames.tokens("-'.,;")).isEmpty();
    }

    @Test
    void refusesOverlongNamesWithoutEchoingThem() {
        assertThat(PersonNames.tokens("Olena ".repeat(80).strip())).containsExactly("olena");
        String hostile = "Коваленко".repeat(100_000);
        assertThatIllegalArgumentException().isThrownBy(() -> PersonNames.tokens(hostile))
                .withMessage("name must be at most 512 characters");
    }

    @Test
    void tokensAreLowerCaseLettersOrDigitsOnly() {
        String mess = "Ｄｒ. JOSÉ-MARÍA d'Artagnan III, Ёжиков Євгенія \u0301";
        assertThat(PersonNames.tokens(mess)).allSatisfy(t ->
                assertThat(t).hasSizeGreaterThanOrEqualTo(2).matches("[a-z0-9]+"));
    }
}
