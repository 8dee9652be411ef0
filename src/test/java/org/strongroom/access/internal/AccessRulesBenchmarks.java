package org.strongroom.access.internal;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * One access decision by the rules alone (issue 6, "Measure": aim under 5 µs), with the facts
 * already in memory: no database, no Spring. Each call builds its question as
 * {@link RuleBasedAccessPolicy} does and runs {@link Rules#CHAIN}; the relation to the client is a
 * constant, so what is measured is the rule chain itself. The database-backed decision (role
 * lookup, the one relation query) is {@link AccessPolicyBenchmarks}. Run with
 * {@code bench/jmh.sh AccessRulesBenchmarks}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessRulesBenchmarks {

    static final Relation ON_TEAM = new Relation(true, false, false, false, false);
    static final Relation EXPIRED_GRANT = new Relation(false, false, false, true, false);

    final Actor owner = new Actor.Staff(StaffId.random(), StaffRole.OWNER);
    final Actor practitioner = new Actor.Staff(StaffId.random(), StaffRole.PRACTITIONER);
    final UUID client = UUID.randomUUID();
    final Actor portalClient = new Actor.Client(client);

    /** Owner, an organisation-level permission (audit.read): decided by the fourth rule, no relation. */
    @Benchmark
    public AccessDecision ownerOrganisationLevel() {
        return Rules.decide(new AccessQuestion(owner, Permission.AUDIT_READ, null, BuiltInRoles.OWNER, () -> Relation.NONE));
    }

    /** Practitioner reading a client on their care team: nine rules, the relation asked once. */
    @Benchmark
    public AccessDecision practitionerOnCareTeam() {
        return Rules.decide(new AccessQuestion(practitioner, Permission.CLIENT_READ, client, BuiltInRoles.PRACTITIONER,
                () -> ON_TEAM));
    }

    /** Practitioner out of reach with a lapsed grant: every rule of the chain runs, denial names the lapse. */
    @Benchmark
    public AccessDecision practitionerOutOfReach() {
        return Rules.decide(new AccessQuestion(practitioner, Permission.CLIENT_READ, client, BuiltInRoles.PRACTITIONER,
                () -> EXPIRED_GRANT));
    }

    /** A client in the portal reading their own record. */
    @Benchmark
    public AccessDecision clientPortalOwnRecord() {
        return Rules.decide(new AccessQuestion(portalClient, Permission.CLIENT_READ, client, BuiltInRoles.CLIENT,
                () -> Relation.NONE));
    }

    /** The built-in role lookup the policy makes first (a linear search of six roles). */
    @Benchmark
    public Object builtInRoleLookup() {
        return BuiltInRoles.find(practitioner.roleKey());
    }
}
