package org.strongroom.identity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.strongroom.crypto.Emails;
import org.strongroom.identity.internal.Accounts;

/** Read access to staff accounts for other modules, and the person's own preferences. */
@Service
public class StaffDirectory {

    private final Accounts accounts;

    StaffDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    public Optional<StaffProfile> find(StaffId id) {
        return accounts.findProfile(id);
    }

    /** The account (not offboarded) with this email address, compared exactly after normalising. */
    public Optional<StaffId> findByEmail(String email) {
        if (email.length() > Emails.MAX_LENGTH) {
            return Optional.empty();
        }
        return Emails.normalise(email).flatMap(accounts::findIdByEmail);
    }

    /**
     * The active owners, oldest account first: whom the server alerts about what only an owner can
     * act on (a broken audit trail). Look up their addresses with {@link #find}.
     */
    public List<StaffId> activeOwners() {
        return accounts.activeOwners();
    }

    /** How many accounts (invited, active or disabled — not offboarded) hold the role. */
    public long countHolding(StaffRole role) {
        return accounts.countHolding(role);
    }

    /** Stores the language the person chose, so it follows them to every device. */
    public void setPreferredLocale(StaffId id, Locale locale) {
        accounts.updateLocale(id, locale.toLanguageTag());
    }
}
