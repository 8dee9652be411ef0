package org.strongroom.identity;

/**
 * A signed-in session reached its absolute lifetime and was ended when it was next used. (Sessions
 * that simply go idle are removed by the session store's clean-up, which tells no one.)
 *
 * @param sessionId the ended session's id, for a keyed hash in the audit trail; never log it
 */
public record StaffSessionExpired(StaffId staff, String sessionId) {

    @Override
    public String toString() {
        return "StaffSessionExpired[" + staff + "]";
    }
}
