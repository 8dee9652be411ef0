package org.strongroom.identity;

/**
 * A sign-in completed (second factor or passkey done). Identifiers only.
 *
 * @param sessionId the new session's id, so listeners can keep this one and end others
 */
public record StaffSignedIn(StaffId staff, String sessionId) {

    @Override
    public String toString() {
        return "StaffSignedIn[" + staff + "]";
    }
}
