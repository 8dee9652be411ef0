package org.strongroom.audit;

import java.util.Locale;

/** What a keyed hash in an audit entry stands for; part of the hash input, so hashes of different kinds never match. */
public enum HashedValue {
    SESSION_ID, SHARE_TOKEN, USER_AGENT, OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
