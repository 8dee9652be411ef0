package org.strongroom.crypto.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.KeyEvent;
import org.strongroom.crypto.UnsealResult;
import org.strongroom.crypto.UnsealResult.Reason;
import org.strongroom.crypto.UnsealResult.Refused;
import org.strongroom.crypto.UnsealResult.SharesAccepted;
import org.strongroom.crypto.UnsealResult.Unsealed;
import org.strongroom.crypto.Unsealing;

/**
 * Unseals the {@link KeyVault} with the passphrase or with Shamir shares of the passphrase-derived
 * key. Every method is synchronized: attempts run one at a time, which also bounds the memory the
 * Argon2id derivations take (64 MiB each) however many requests arrive.
 */
final class VaultUnsealing implements Unsealing {

    static final Duration SHARE_WINDOW = Duration.ofMinutes(30);

    private final KeyVault vault;
    private final RootKeyProvider provider;
    private final Clock clock;
    private final UnsealThrottle throttle;
    private final CryptoFailures failures;
    private final List<UnsealShare> shares = new ArrayList<>();
    private final Consumer<KeyEvent> events;
    private Instant firstShareAt = Instant.MIN;

    VaultUnsealing(KeyVault vault, RootKeyProvider provider, Clock clock, CryptoFailures failures,
                   Consumer<KeyEvent> events) {
        this.events = events;
        this.vault = vault;
        this.provider = provider;
        this.clock = clock;
        this.throttle = new UnsealThrottle(clock);
        this.failures = failures;
    }

    @Override
    public synchronized UnsealResult unseal(char[] passphrase) {
        if (passphrase == null) {
            throw new IllegalArgumentException("passphrase must not be null");
        }
        Optional<Refused> precondition = precondition();
        if (precondition.isPresent()) {
            return precondition.get();
        }
        if (passphrase.length == 0 || passphrase.length > SealedKeyFile.MAX_PASSPHRASE_LENGTH) {
            return new Refused(Reason.MALFORMED_PASSPHRASE, Duration.ZERO);
        }
        PassphraseRootKeyProvider passphraseProvider = (PassphraseRootKeyProvider) provider;
        SealedKeyFile sealed = passphraseProvider.sealedFile();
        byte[] kek = sealed.deriveKey(passphrase);
        try {
            return attempt(passphraseProvider, sealed, kek, "passphrase");
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    @Override
    public synchronized UnsealResult submitShare(String text) {
        if (text == null) {
            throw new IllegalArgumentException("share must not be null");
        }
        Optional<Refused> precondition = precondition();
        if (precondition.isPresent()) {
            return precondition.get();
        }
        dropStaleShares();
        Optional<UnsealShare> parsed = UnsealShare.parse(text);
        if (parsed.isEmpty()) {
            return new Refused(Reason.MISTYPED_SHARE, Duration.ZERO);
        }
        UnsealShare share = parsed.get();
        if (!shares.isEmpty() && !shares.get(0).sameSetAs(share)) {
            return new Refused(Reason.OTHER_SHARE_SET, Duration.ZERO);
        }
        if (shares.stream().anyMatch(s -> s.index() == share.index())) {
            share.wipe();
            return new Refused(Reason.DUPLICATE_SHARE, Duration.ZERO);
        }
        if (shares.isEmpty()) {
            firstShareAt = clock.instant();
        }
        shares.add(share);
        if (shares.size() < share.threshold()) {
            return new SharesAccepted(shares.size(), share.threshold());
        }
        PassphraseRootKeyProvider passphraseProvider = (PassphraseRootKeyProvider) provider;
        byte[] kek = UnsealShares.join(shares);
        try {
            return attempt(passphraseProvider, passphraseProvider.sealedFile(), kek, "shares");
        } finally {
            Arrays.fill(kek, (byte) 0);
            clearShares();
        }
    }

    @Override
    public synchronized Optional<SharesAccepted> shareProgress() {
        dropStaleShares();
        if (shares.isEmpty() || !vault.isSealed()) {
            return Optional.empty();
        }
        return Optional.of(new SharesAccepted(shares.size(), shares.get(0).threshold()));
    }

    @Override
    public boolean isSealed() {
        return vault.isSealed();
    }

    private Optional<Refused> precondition() {
        if (!(provider instanceof PassphraseRootKeyProvider)) {
            return Optional.of(new Refused(Reason.NOT_SUPPORTED, Duration.ZERO));
        }
        if (!vault.isSealed()) {
            return Optional.of(new Refused(Reason.NOT_SEALED, Duration.ZERO));
        }
        Duration wait = throttle.remaining();
        if (!wait.isZero()) {
            return Optional.of(new Refused(Reason.THROTTLED, wait));
        }
        return Optional.empty();
    }

    private UnsealResult attempt(PassphraseRootKeyProvider passphraseProvider, SealedKeyFile sealed, byte[] kek, String method) {
        Optional<RootKeyProvider.OpenedRootKey> opened = passphraseProvider.open(sealed, kek);
        if (opened.isPresent()) {
            throttle.succeeded();
            clearShares();
            vault.unseal(opened.get());
            events.accept(new KeyEvent("shares".equals(method) ? KeyEvent.Kind.UNSEALED_WITH_SHARES
                    : KeyEvent.Kind.UNSEALED_WITH_PASSPHRASE, vault.rootKeyId()));
            return new Unsealed();
        }
        throttle.failed();
        failures.report(new CryptoFailure("vault.unseal." + method, null, "wrong_secret"));
        return new Refused(Reason.WRONG_SECRET, throttle.remaining());
    }

    private void dropStaleShares() {
        if (!shares.isEmpty() && clock.instant().isAfter(firstShareAt.plus(SHARE_WINDOW))) {
            clearShares();
        }
    }

    private void clearShares() {
        shares.forEach(UnsealShare::wipe);
        shares.clear();
        firstShareAt = Instant.MIN;
    }
}
