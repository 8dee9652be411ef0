package org.strongroom.identity;

/**
 * How far a sign-in has got, carried as authorities on the {@code Authentication}. A password
 * alone never reaches anything but the second-factor and enrolment pages: only
 * {@link #COMPLETE} (password and a second factor, or a passkey with user verification) carries
 * the account's role. API tokens carry {@link #API_TOKEN} and their scopes instead.
 */
public final class SignInStage {

    /** Password accepted; the account has a factor and must use it now. */
    public static final String SECOND_FACTOR_DUE = "SIGNIN_SECOND_FACTOR_DUE";
    /** Password accepted; the account has no factor yet and must enrol one before anything else. */
    public static final String ENROLMENT_DUE = "SIGNIN_ENROLMENT_DUE";
    /** Signed in with two factors; the role authority is present only in this stage. */
    public static final String COMPLETE = "SIGNIN_COMPLETE";
    /** A request authenticated by a personal access token ({@code Authorization: Bearer}). */
    public static final String API_TOKEN = "SIGNIN_API_TOKEN";

    /** Prefix of the authorities naming a token's scopes, e.g. {@code SCOPE_clients.read}. */
    public static final String SCOPE_PREFIX = "SCOPE_";

    private SignInStage() {
    }
}
