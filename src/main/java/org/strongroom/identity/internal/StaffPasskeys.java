package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.identity.StaffId;

/** A staff member's own passkeys, as the passkeys page manages them. */
@Service
public class StaffPasskeys {

    /** What became of a request to remove a passkey. */
    public enum Removal {
        REMOVED,
        /** No such passkey among the person's own. */
        NOT_FOUND,
        /** It was the person's last second factor: removing it would lock them into enrolment. */
        LAST_FACTOR
    }

    private final Passkeys passkeys;
    private final EnrolledFactors factors;
    private final TransactionTemplate transaction;

    StaffPasskeys(Passkeys passkeys, EnrolledFactors factors, PlatformTransactionManager transactions) {
        this.passkeys = passkeys;
        this.factors = factors;
        this.transaction = new TransactionTemplate(transactions);
    }

    public List<Passkeys.Summary> list(StaffId staff) {
        return passkeys.listFor(staff);
    }

    /** Removes one of the person's passkeys, unless it is the last factor they have. */
    public Removal remove(StaffId staff, String credentialId) {
        return transaction.execute(status -> {
            if (!passkeys.removeOwn(staff, credentialId)) {
                return Removal.NOT_FOUND;
            }
            if (!factors.hasAny(staff)) {
                status.setRollbackOnly();
                return Removal.LAST_FACTOR;
            }
            return Removal.REMOVED;
        });
    }
}
