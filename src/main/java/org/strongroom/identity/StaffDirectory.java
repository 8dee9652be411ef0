package org.strongroom.identity;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
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

    /** Stores the language the person chose, so it follows them to every device. */
    public void setPreferredLocale(StaffId id, Locale locale) {
        accounts.updateLocale(id, locale.toLanguageTag());
    }
}
