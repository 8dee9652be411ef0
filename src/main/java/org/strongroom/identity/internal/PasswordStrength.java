package org.strongroom.identity.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * The shared nbvcxz (zxcvbn-style) estimator with the dictionaries shipped inside nbvcxz 1.5.1:
 * 100 000 common and leaked passwords, English words, first names, surnames and the EFF word
 * list. Loading them takes about half a second, so it happens once per JVM (on first use or at
 * start-up through {@link #warmUp()}); every estimate then builds only a small configuration
 * that adds the person's own name and email words as an exclusion dictionary (they count as
 * zero entropy wherever they appear).
 * <p>
 * Estimating is CPU-heavy for long, patterned input (up to about a second for 256 repeated
 * characters on this hardware), and the strength meter is reachable without signing in. So at
 * most {@link #PERMITS} estimates run at once; the meter gives up when none is free within a
 * moment, while the authoritative check at submit waits its turn.
 */
public final class PasswordStrength {

    /** Name of the exclusion dictionary made of the person's name parts. */
    static final String NAME_DICTIONARY = "strongroom-name";
    /** Name of the exclusion dictionary made of the person's email address and its parts. */
    static final String EMAIL_DICTIONARY = "strongroom-email";
    /** Name of nbvcxz's common/leaked password dictionary. */
    static final String PASSWORDS_DICTIONARY = "passwords";

    static final int PERMITS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private static final Semaphore RUNNING = new Semaphore(PERMITS, true);

    /** What the estimator found. Holds no part of the password. */
    public record Estimate(double log10Guesses, boolean commonPassword, boolean nameUsed, boolean emailUsed,
                           Optional<String> warningKey, List<String> suggestionKeys) {
    }

    private PasswordStrength() {
    }

    /** Loads the dictionaries now rather than on the first request. */
    public static void warmUp() {
        Holder.BASE.size();
    }

    /** Estimates, waiting for a free permit. */
    public static Estimate estimate(String password, Collection<String> nameWords, Collection<String> emailWords) {
        RUNNING.acquireUninterruptibly();
        try {
            return run(password, nameWords, emailWords);
        } finally {
            RUNNING.release();
        }
    }

    /** Estimates if a permit frees up within the wait; empty when the server is busy estimating. */
    public static Optional<Estimate> tryEstimate(String password, Collection<String> nameWords, Collection<String> emailWords,
                                                 long waitMillis) {
        try {
            if (!RUNNING.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(run(password, nameWords, emailWords));
        } finally {
            RUNNING.release();
        }
    }

    /** Whether the password, as typed or in lower case, is itself in the common/leaked list. */
    public static boolean isListedPassword(String password) {
        var words = Holder.PASSWORDS.getDictonary();
        return words.containsKey(password) || words.containsKey(password.toLowerCase(Locale.ROOT));
    }

    private static Estimate run(String password, Collection<String> nameWords, Collection<String> emailWords) {
        List<Dictionary> dictionaries = new ArrayList<>(Holder.BASE);
        addExclusions(dictionaries, NAME_DICTIONARY, nameWords);
        addExclusions(dictionaries, EMAIL_DICTIONARY, emailWords);
        Configuration configuration = new ConfigurationBuilder()
                .setDictionaries(dictionaries)
                .setMaxLength(org.strongroom.identity.PasswordRules.MAX_LENGTH * 2)
                .setLocale(Locale.ENGLISH)
                .createConfiguration();
        Result result = new Nbvcxz(configuration).estimate(password);
        List<Match> matches = result.getMatches();
        boolean common = matches.size() == 1 && matches.get(0) instanceof DictionaryMatch only
                && PASSWORDS_DICTIONARY.equals(only.getDictionaryName());
        boolean name = usesDictionary(matches, NAME_DICTIONARY);
        boolean email = usesDictionary(matches, EMAIL_DICTIONARY);
        Feedback feedback = result.getFeedback();
        BigDecimal guesses = result.getGuesses();
        double log10 = guesses.signum() <= 0 ? 0 : Math.log10(guesses.doubleValue());
        if (Double.isInfinite(log10) || Double.isNaN(log10)) {
            log10 = 308;
        }
        return new Estimate(log10, common, name, email, Optional.ofNullable(feedback.getWarningKey()),
                List.copyOf(feedback.getSuggestionKeys()));
    }

    private static void addExclusions(List<Dictionary> dictionaries, String name, Collection<String> words) {
        DictionaryBuilder builder = new DictionaryBuilder().setDictionaryName(name).setExclusion(true);
        boolean any = false;
        for (String word : words) {
            if (word.length() >= 3) {
                builder.addWord(word.toLowerCase(Locale.ROOT), 0);
                any = true;
            }
        }
        if (any) {
            dictionaries.add(builder.createDictionary());
        }
    }

    private static boolean usesDictionary(List<Match> matches, String dictionary) {
        return matches.stream().anyMatch(m -> m instanceof DictionaryMatch d && dictionary.equals(d.getDictionaryName())
                && d.getToken().length() >= 4);
    }

    /** Lazy holder: the dictionaries load on first use, once, thread-safely. */
    private static final class Holder {
        static final List<Dictionary> BASE = List.copyOf(ConfigurationBuilder.getDefaultDictionaries());
        static final Dictionary PASSWORDS = BASE.stream()
                .filter(d -> PASSWORDS_DICTIONARY.equals(d.getDictionaryName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("nbvcxz ships no '" + PASSWORDS_DICTIONARY + "' dictionary"));
    }
}
