package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffId;

/** Whether a staff member has any second factor, over every {@link FactorSource}. */
@Component
public class EnrolledFactors {

    private final List<FactorSource> sources;

    EnrolledFactors(List<FactorSource> sources) {
        this.sources = sources;
    }

    public boolean hasAny(StaffId staff) {
        return sources.stream().anyMatch(s -> s.isEnrolled(staff));
    }
}
