package org.strongroom.crypto;

import java.util.Optional;

/**
 * Unseals a vault whose root key is protected by a passphrase ({@code strongroom.keys.provider=passphrase}),
 * either with the passphrase or with any k of the n Shamir shares made by {@code strongroom keys split}.
 *
 * <p>Guarantees: wrong secrets are refused and counted; after {@value #FREE_FAILURES} wrong
 * attempts every further one must wait an exponentially growing delay (5 s, 10 s, 20 s, … up to
 * one hour), counted across passphrases and shares alike and across all callers, since the secret
 * guessed is the same. Attempts during the delay are refused without being checked. Attempts are
 * handled one at a time. Shares given so far are kept only in memory and are dropped after a wrong
 * combination, after 30 minutes without completion, and on success.
 */
public interface Unsealing {

    /** Wrong attempts allowed before the delay starts. */
    int FREE_FAILURES = 5;

    /** Tries the passphrase. The caller should wipe the array afterwards. */
    UnsealResult unseal(char[] passphrase);

    /** Adds one share (text as printed by {@code strongroom keys split}); unseals when k are in. */
    UnsealResult submitShare(String share);

    /** How many shares are in so far, when a share unseal is under way. */
    Optional<UnsealResult.SharesAccepted> shareProgress();

    boolean isSealed();
}
