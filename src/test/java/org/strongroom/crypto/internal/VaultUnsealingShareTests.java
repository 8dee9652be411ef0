package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.strongroom.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.SealedRootKeys;
import org.strongroom.crypto.UnsealResult;
import org.strongroom.crypto.UnsealResult.Reason;
import org.strongroom.crypto.UnsealResult.Refused;
import org.strongroom.crypto.UnsealResult.SharesAccepted;
import org.strongroom.crypto.UnsealResult.Unsealed;
import org.strongroom.crypto.WrongPassphrase;

/** Unsealing with k of n Shamir shares of the passphrase-derived key (5 shares, threshold 3). */
class VaultUnsealingShareTests {

    static final char[] PASSPHRASE = "seven quiet lanterns over the harbour".toCharArray();

    @TempDir
    static Path data;

    static List<String> shares;

    MutableClock clock;
    KeyVault vault;
    VaultUnsealing unsealing;
    List<CryptoFailure> reported;
    List<org.strongroom.crypto.KeyEvent> unsealEvents;

    @BeforeAll
    static void sealAndSplit() {
        SealedRootKeys.initialise(data, PASSPHRASE.clone());
        shares = SealedRootKeys.split(data, PASSPHRASE.clone(), 5, 3);
    }

    @BeforeEach
    void sealedVault() {
        clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
        PassphraseRootKeyProvider provider = new PassphraseRootKeyProvider(data.resolve("keys"));
        vault = new KeyVault(provider, new ClientKeyCache(10, Duration.ofMinutes(1)));
        reported = new ArrayList<>();
        unsealEvents = new ArrayList<>();
        unsealing = new VaultUnsealing(vault, provider, clock, new CryptoFailures(List.of(reported::add)), unsealEvents::add);
    }

    static Refused refused(Reason reason) {
        return new Refused(reason, Duration.ZERO);
    }

    @Test
    void splitPrintsNDistinctWellFormedShares() {
        assertThat(shares).hasSize(5).doesNotHaveDuplicates()
                .allSatisfy(s -> assertThat(s).matches("srs1\\.[0-9a-f]{8}\\.3\\.[1-5]\\.[A-Za-z0-9_-]{43}\\.[0-9a-f]{8}"));
    }

    @Test
    void exactlyThresholdSharesUnseal() {
        assertThat(unsealing.submitShare(shares.get(0))).isEqualTo(new SharesAccepted(1, 3));
        assertThat(unsealing.submitShare(shares.get(2))).isEqualTo(new SharesAccepted(2, 3));
        assertThat(unsealing.shareProgress()).contains(new SharesAccepted(2, 3));
        assertThat(unsealEvents).isEmpty();
        assertThat(unsealing.submitShare(shares.get(4))).isEqualTo(new Unsealed());
        assertThat(vault.isSealed()).isFalse();
        assertThat(unsealEvents).extracting(org.strongroom.crypto.KeyEvent::kind)
                .containsExactly(org.strongroom.crypto.KeyEvent.Kind.UNSEALED_WITH_SHARES);
        assertThat(unsealing.shareProgress()).isEmpty();
    }

    @Test
    void anyThresholdSubsetUnsealsTheSameRootKey() {
        assertThat(List.of(3, 1, 0).stream().map(i -> unsealing.submitShare(shares.get(i))).toList()).last().isEqualTo(new Unsealed());
        String keyId = vault.rootKeyId();
        vault.seal();
        assertThat(List.of(4, 3, 2).stream().map(i -> unsealing.submitShare(shares.get(i))).toList()).last().isEqualTo(new Unsealed());
        assertThat(vault.rootKeyId()).isEqualTo(keyId);
    }

    @Test
    void sharesBeyondTheThresholdAreNotNeededAndNotChecked() {
        for (int i = 0; i < 3; i++) {
            unsealing.submitShare(shares.get(i));
        }
        assertThat(vault.isSealed()).isFalse();
        assertThat(unsealing.submitShare(shares.get(3))).isEqualTo(refused(Reason.NOT_SEALED));
        assertThat(unsealing.submitShare(shares.get(4))).isEqualTo(refused(Reason.NOT_SEALED));
        assertThat(vault.isSealed()).isFalse();
    }

    @Test
    void tooFewSharesLeaveTheVaultSealed() {
        unsealing.submitShare(shares.get(1));
        assertThat(unsealing.submitShare(shares.get(3))).isEqualTo(new SharesAccepted(2, 3));
        assertThat(vault.isSealed()).isTrue();
    }

    /** Attack: a forged share — well-formed, right set and checksum, wrong bytes — poisoning the combination. */
    @Test
    void wrongShareIsRefusedCountedAndTheCollectedSharesAreDropped() {
        unsealing.submitShare(shares.get(0));
        unsealing.submitShare(shares.get(1));
        assertThat(unsealing.submitShare(forged(shares.get(0), 5))).isEqualTo(refused(Reason.WRONG_SECRET));
        assertThat(vault.isSealed()).isTrue();
        assertThat(unsealing.shareProgress()).isEmpty();
        assertThat(reported).containsExactly(new CryptoFailure("vault.unseal.shares", null, "wrong_secret"));
        for (int i : new int[] {2, 3, 4}) {
            unsealing.submitShare(shares.get(i));
        }
        assertThat(vault.isSealed()).isFalse();
    }

    @Test
    void mistypedShareIsToldApartAndNotCounted() {
        String share = shares.get(0);
        int at = share.length() - 15;
        String typo = share.substring(0, at) + (share.charAt(at) == 'A' ? 'B' : 'A') + share.substring(at + 1);
        for (String text : List.of(typo, share.substring(0, share.length() - 1), "", "hello", share.replace("srs1.", "srs2."))) {
            assertThat(unsealing.submitShare(text)).as(text).isEqualTo(refused(Reason.MISTYPED_SHARE));
        }
        assertThat(reported).isEmpty();
        assertThat(unsealing.shareProgress()).isEmpty();
    }

    @Test
    void shareWithSpacesAndLineBreaksIsAccepted() {
        String share = shares.get(0);
        String spaced = share.substring(0, 20) + " \n " + share.substring(20, 40) + "\t" + share.substring(40) + "\n";
        assertThat(unsealing.submitShare(spaced)).isEqualTo(new SharesAccepted(1, 3));
    }

    @Test
    void duplicatedShareIsRefusedAndNotCountedTwice() {
        unsealing.submitShare(shares.get(0));
        unsealing.submitShare(shares.get(1));
        assertThat(unsealing.submitShare(shares.get(1))).isEqualTo(refused(Reason.DUPLICATE_SHARE));
        assertThat(unsealing.submitShare(" " + shares.get(0))).isEqualTo(refused(Reason.DUPLICATE_SHARE));
        assertThat(unsealing.shareProgress()).contains(new SharesAccepted(2, 3));
        assertThat(vault.isSealed()).isTrue();
        assertThat(reported).isEmpty();
        assertThat(unsealing.submitShare(shares.get(2))).isEqualTo(new Unsealed());
    }

    @Test
    void shareOfAnotherSplitIsNotMixedIn() {
        List<String> other = SealedRootKeys.split(data, PASSPHRASE.clone(), 3, 2);
        unsealing.submitShare(shares.get(0));
        assertThat(unsealing.submitShare(other.get(0))).isEqualTo(refused(Reason.OTHER_SHARE_SET));
        assertThat(unsealing.shareProgress()).contains(new SharesAccepted(1, 3));
    }

    @Test
    void sharesOfAnEarlierSplitStillUnsealAsLongAsThePassphraseIsUnchanged() {
        List<String> other = SealedRootKeys.split(data, PASSPHRASE.clone(), 3, 2);
        unsealing.submitShare(other.get(2));
        assertThat(unsealing.submitShare(other.get(0))).isEqualTo(new Unsealed());
    }

    @Test
    void unfinishedSharesAreForgottenAfterThirtyMinutes() {
        unsealing.submitShare(shares.get(0));
        unsealing.submitShare(shares.get(1));
        clock.advance(VaultUnsealing.SHARE_WINDOW.plusSeconds(1));
        assertThat(unsealing.shareProgress()).isEmpty();
        assertThat(unsealing.submitShare(shares.get(2))).isEqualTo(new SharesAccepted(1, 3));
    }

    @Test
    void splitRefusesAWrongPassphraseAndBadCounts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SealedRootKeys.split(data, "not the passphrase at all".toCharArray(), 5, 3))
                .isInstanceOf(WrongPassphrase.class);
        for (int[] bad : new int[][] {{5, 1}, {2, 3}, {256, 3}}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SealedRootKeys.split(data, PASSPHRASE.clone(), bad[0], bad[1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Attack: online guessing with forged shares; the sixth wrong attempt waits, and waiting is enforced by the clock. */
    @Test
    void wrongAttemptsAreThrottledExponentiallyAfterFive() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(wrongCombination()).isEqualTo(refused(Reason.WRONG_SECRET));
        }
        assertThat(wrongCombination()).isEqualTo(new Refused(Reason.WRONG_SECRET, Duration.ofSeconds(5)));
        assertThat(unsealing.submitShare(shares.get(0))).isEqualTo(new Refused(Reason.THROTTLED, Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(4));
        assertThat(unsealing.submitShare(shares.get(0))).isEqualTo(new Refused(Reason.THROTTLED, Duration.ofSeconds(1)));
        assertThat(unsealing.unseal(PASSPHRASE.clone())).as("the passphrase waits too")
                .isEqualTo(new Refused(Reason.THROTTLED, Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(wrongCombination()).isEqualTo(new Refused(Reason.WRONG_SECRET, Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(wrongCombination()).isEqualTo(new Refused(Reason.WRONG_SECRET, Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(20));
        assertThat(reported).hasSize(7);

        for (int i = 0; i < 3; i++) {
            unsealing.submitShare(shares.get(i));
        }
        assertThat(vault.isSealed()).as("right shares after the wait").isFalse();
        vault.seal();
        assertThat(wrongCombination()).as("success resets the count").isEqualTo(refused(Reason.WRONG_SECRET));
    }

    @Test
    void delayGrowsExponentiallyAndIsCapped() {
        assertThat(UnsealThrottle.delayAfter(4)).isZero();
        assertThat(UnsealThrottle.delayAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(UnsealThrottle.delayAfter(6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(UnsealThrottle.delayAfter(14)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(UnsealThrottle.delayAfter(15)).isEqualTo(Duration.ofHours(1));
        assertThat(UnsealThrottle.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void unsealingUnderAnotherProviderIsNotSupported() {
        RootKeyProvider file = new FileRootKeyProvider(data.resolve("file-keys"));
        KeyVault open = new KeyVault(file, new ClientKeyCache(10, Duration.ofMinutes(1)));
        VaultUnsealing other = new VaultUnsealing(open, file, clock, new CryptoFailures(List.of()), e -> { });
        assertThat(other.submitShare(shares.get(0))).isEqualTo(refused(Reason.NOT_SUPPORTED));
        assertThat(other.unseal(PASSPHRASE.clone())).isEqualTo(refused(Reason.NOT_SUPPORTED));
    }

    @Test
    void shareToStringHoldsNoShareBytes() {
        UnsealShare share = UnsealShare.parse(shares.get(0)).orElseThrow(() -> new AssertionError("share did not parse"));
        String bytes = shares.get(0).split("\\.")[4];
        assertThat(share.toString()).doesNotContain(bytes).contains("set");
    }

    /** Two forged shares of the right set plus one real one: a complete but wrong combination. */
    private UnsealResult wrongCombination() {
        unsealing.submitShare(forged(shares.get(0), 4));
        unsealing.submitShare(forged(shares.get(0), 5));
        return unsealing.submitShare(shares.get(0));
    }

    private static String forged(String model, int index) {
        UnsealShare real = UnsealShare.parse(model).orElseThrow(() -> new AssertionError("model share did not parse"));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return new UnsealShare(real.setId(), real.threshold(), index, random).text();
    }
}
