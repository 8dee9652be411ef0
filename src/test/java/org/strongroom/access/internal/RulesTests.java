package org.strongroom.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.Actor;
import org.strongroom.access.Basis;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/** Each named rule of the access policy on its own, then the chain, then the built-in roles as shipped. */
class RulesTests {

    static final UUID CLIENT = UUID.fromString("6f1c2a5e-0000-4000-8000-000000000001");
    static final UUID OTHER_CLIENT = UUID.fromString("6f1c2a5e-0000-4000-8000-000000000002");

    static Actor.Staff staff(StaffRole role) {
        return new Actor.Staff(StaffId.random(), role);
    }

    static AccessQuestion question(Actor actor, Permission permission, UUID client, RoleDefinition role, Relation relation) {
        return new AccessQuestion(actor, permission, client, role, () -> relation);
    }

    @Nested
    class EachRuleAlone {

        @Test
        void knownRoleDeniesAQuestionFromARoleThatNoLongerExists() {
            var q = new AccessQuestion(new Actor.Staff(StaffId.random(), StaffRole.valueOf("CUSTOM_GONE")), Permission.CLIENT_READ,
                    CLIENT, null, () -> Relation.NONE);
            assertThat(Rules.KNOWN_ROLE.evaluate(q)).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("unknown_role"));
        }

        @Test
        void roleFitsActorDeniesAStaffMemberHoldingTheClientPortalRole() {
            var q = question(staff(StaffRole.STAFF), Permission.CLIENT_READ, CLIENT, BuiltInRoles.CLIENT, Relation.NONE);
            assertThat(Rules.ROLE_FITS_ACTOR.evaluate(q)).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("role_mismatch"));
            var client = question(new Actor.Client(CLIENT), Permission.CLIENT_READ, CLIENT, BuiltInRoles.OWNER, Relation.NONE);
            assertThat(Rules.ROLE_FITS_ACTOR.evaluate(client)).hasValueSatisfying(d -> assertThat(d.allowed()).isFalse());
        }

        @Test
        void permissionDeniesWhatTheRoleDoesNotHoldAndPassesWhatItDoes() {
            var auditorReadsClient = question(staff(StaffRole.AUDITOR), Permission.CLIENT_READ, CLIENT, BuiltInRoles.AUDITOR, Relation.NONE);
            assertThat(Rules.PERMISSION.evaluate(auditorReadsClient))
                    .hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("no_permission"));
            var practitionerReadsNotes = question(staff(StaffRole.PRACTITIONER), Permission.NOTE_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, Relation.NONE);
            assertThat(Rules.PERMISSION.evaluate(practitionerReadsNotes)).isEmpty();
        }

        @Test
        void organisationLevelAllowsAPermissionThatConcernsNoClient() {
            var q = new AccessQuestion(staff(StaffRole.AUDITOR), Permission.AUDIT_READ, null, BuiltInRoles.AUDITOR, () -> {
                throw new AssertionError("an organisation-level question must not load a relation");
            });
            assertThat(Rules.ORGANISATION_LEVEL.evaluate(q)).hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.ROLE_WIDE));
            assertThat(Rules.ORGANISATION_LEVEL.evaluate(question(staff(StaffRole.OWNER), Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.OWNER, Relation.NONE))).isEmpty();
        }

        @Test
        void clientNamedDeniesAClientBoundQuestionWithoutAClient() {
            var q = new AccessQuestion(staff(StaffRole.OWNER), Permission.CLIENT_READ, null, BuiltInRoles.OWNER, () -> Relation.NONE);
            assertThat(Rules.CLIENT_NAMED.evaluate(q)).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("no_client"));
        }

        @Test
        void ownRecordAllowsAClientTheirOwnRecordAndNothingElse() {
            Actor.Client client = new Actor.Client(CLIENT);
            assertThat(Rules.OWN_RECORD.evaluate(question(client, Permission.CLIENT_READ, CLIENT, BuiltInRoles.CLIENT, Relation.NONE)))
                    .hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.OWN_RECORD));
            assertThat(Rules.OWN_RECORD.evaluate(question(client, Permission.CLIENT_READ, OTHER_CLIENT, BuiltInRoles.CLIENT, Relation.NONE)))
                    .hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("out_of_reach"));
        }

        @Test
        void roleWideAllowsOnlyARoleThatReachesEveryClient() {
            assertThat(Rules.ROLE_WIDE.evaluate(question(staff(StaffRole.STAFF), Permission.CLIENT_READ, CLIENT, BuiltInRoles.STAFF,
                    Relation.NONE))).hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.ROLE_WIDE));
            assertThat(Rules.ROLE_WIDE.evaluate(question(staff(StaffRole.PRACTITIONER), Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, Relation.NONE))).isEmpty();
        }

        @Test
        void noReachDeniesARoleThatReachesNoClientWithoutLookingAtRelations() {
            RoleDefinition noReach = new RoleDefinition("CUSTOM_X", "x", false, Reach.NONE, EnumSet.of(Permission.CLIENT_READ),
                    Map.of(), 1);
            var q = new AccessQuestion(staff(StaffRole.valueOf("CUSTOM_X")), Permission.CLIENT_READ, CLIENT, noReach, () -> {
                throw new AssertionError("no relation needed");
            });
            assertThat(Rules.NO_REACH.evaluate(q)).hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("out_of_reach"));
        }

        @Test
        void careTeamGrantAndBreakGlassEachAllowOnTheirOwnFact() {
            Actor practitioner = staff(StaffRole.PRACTITIONER);
            RoleDefinition role = BuiltInRoles.PRACTITIONER;
            Relation team = new Relation(true, false, false, false, false);
            Relation grant = new Relation(false, true, false, false, false);
            Relation glass = new Relation(false, false, true, false, false);
            assertThat(Rules.CARE_TEAM.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, team)))
                    .hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.CARE_TEAM));
            assertThat(Rules.CARE_TEAM.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, grant))).isEmpty();
            assertThat(Rules.GRANT.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, grant)))
                    .hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.GRANT));
            assertThat(Rules.GRANT.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, glass))).isEmpty();
            assertThat(Rules.BREAK_GLASS.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, glass)))
                    .hasValueSatisfying(d -> assertThat(d.basis()).isEqualTo(Basis.BREAK_GLASS));
            assertThat(Rules.BREAK_GLASS.evaluate(question(practitioner, Permission.NOTE_READ, CLIENT, role, team))).isEmpty();
        }

        @Test
        void outOfReachNamesALapsedGrantOrBreakGlassInTheReasonButStillLooksAbsent() {
            Actor practitioner = staff(StaffRole.PRACTITIONER);
            AccessDecision lapsedGlass = Rules.OUT_OF_REACH.evaluate(question(practitioner, Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, new Relation(false, false, false, false, true))).orElseThrow();
            AccessDecision lapsedGrant = Rules.OUT_OF_REACH.evaluate(question(practitioner, Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, new Relation(false, false, false, true, false))).orElseThrow();
            AccessDecision never = Rules.OUT_OF_REACH.evaluate(question(practitioner, Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, Relation.NONE)).orElseThrow();
            assertThat(List.of(lapsedGlass.reason(), lapsedGrant.reason(), never.reason()))
                    .containsExactly("break_glass_expired", "grant_expired", "out_of_reach");
            assertThat(List.of(lapsedGlass, lapsedGrant, never)).allSatisfy(d -> {
                assertThat(d.allowed()).isFalse();
                assertThat(d.looksAbsent()).isTrue();
            });
        }
    }

    @Nested
    class TheChain {

        @Test
        void aPermissionTheRoleLacksIsDeniedEvenOnTheCareTeam() {
            AccessDecision d = Rules.decide(question(staff(StaffRole.STAFF), Permission.NOTE_READ, CLIENT, BuiltInRoles.STAFF,
                    new Relation(true, true, true, false, false)));
            assertThat(d.allowed()).isFalse();
            assertThat(d.rule()).isEqualTo("permission");
            assertThat(d.looksAbsent()).isFalse();
        }

        @Test
        void aPractitionerWithNoRelationIsOutOfReach() {
            AccessDecision d = Rules.decide(question(staff(StaffRole.PRACTITIONER), Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, Relation.NONE));
            assertThat(d.allowed()).isFalse();
            assertThat(d.looksAbsent()).isTrue();
            assertThat(d.visibility(Sensitivity.NORMAL)).isEqualTo(Visibility.HIDDEN);
        }

        @Test
        void theCareTeamWinsOverAGrantWhenBothExist() {
            AccessDecision d = Rules.decide(question(staff(StaffRole.PRACTITIONER), Permission.CLIENT_READ, CLIENT,
                    BuiltInRoles.PRACTITIONER, new Relation(true, true, false, false, false)));
            assertThat(d.basis()).isEqualTo(Basis.CARE_TEAM);
        }

        @Test
        void theRelationIsLoadedOnlyWhenARuleNeedsIt() {
            AtomicInteger loads = new AtomicInteger();
            Rules.decide(new AccessQuestion(staff(StaffRole.OWNER), Permission.CLIENT_READ, CLIENT, BuiltInRoles.OWNER, () -> {
                loads.incrementAndGet();
                return Relation.NONE;
            }));
            Rules.decide(new AccessQuestion(staff(StaffRole.STAFF), Permission.NOTE_READ, CLIENT, BuiltInRoles.STAFF, () -> {
                loads.incrementAndGet();
                return Relation.NONE;
            }));
            assertThat(loads).hasValue(0);
        }
    }

    @Nested
    class BuiltInRolesAsShipped {

        @Test
        void theAuditorReadsTheTrailButNoClientContentAtAll() {
            RoleDefinition auditor = BuiltInRoles.AUDITOR;
            assertThat(auditor.permissions()).containsExactlyInAnyOrder(Permission.AUDIT_READ, Permission.AUDIT_EXPORT,
                    Permission.ACCESS_REVIEW, Permission.COMPLIANCE_READ);
            assertThat(auditor.reach()).isEqualTo(Reach.NONE);
            assertThat(auditor.visibility().values()).containsOnly(Visibility.HIDDEN);
            assertThat(Permission.values()).filteredOn(Permission::clientBound).noneMatch(auditor::holds);
        }

        @Test
        void theFrontDeskSeesRestrictedDetailsMaskedAndClinicalOnesNotAtAll() {
            assertThat(BuiltInRoles.STAFF.sees(Sensitivity.NORMAL)).isEqualTo(Visibility.FULL);
            assertThat(BuiltInRoles.STAFF.sees(Sensitivity.RESTRICTED)).isEqualTo(Visibility.MASKED);
            assertThat(BuiltInRoles.STAFF.sees(Sensitivity.HIGHLY_RESTRICTED)).isEqualTo(Visibility.HIDDEN);
            assertThat(BuiltInRoles.STAFF.holds(Permission.NOTE_READ)).isFalse();
        }

        @Test
        void administratorsRunTheOfficeWithoutReadingNotesOrMakingRoles() {
            assertThat(BuiltInRoles.ADMINISTRATOR.holds(Permission.USER_MANAGE)).isTrue();
            assertThat(BuiltInRoles.ADMINISTRATOR.holds(Permission.NOTE_READ)).isFalse();
            assertThat(BuiltInRoles.ADMINISTRATOR.holds(Permission.ROLE_MANAGE)).isFalse();
            assertThat(BuiltInRoles.ADMINISTRATOR.sees(Sensitivity.HIGHLY_RESTRICTED)).isEqualTo(Visibility.HIDDEN);
        }

        @Test
        void practitionersReachOnlyTheirCareTeamsAndMayBreakTheGlass() {
            assertThat(BuiltInRoles.PRACTITIONER.reach()).isEqualTo(Reach.CARE_TEAM);
            assertThat(BuiltInRoles.PRACTITIONER.holds(Permission.BREAK_GLASS_USE)).isTrue();
            assertThat(BuiltInRoles.PRACTITIONER.holds(Permission.CARE_TEAM_MANAGE)).isFalse();
        }

        @Test
        void everyBuiltInRoleIsWithinTheOwnersSoOnlyOwnersCanHandOutEverything() {
            assertThat(BuiltInRoles.ALL_ROLES).allSatisfy(role -> assertThat(role.within(BuiltInRoles.OWNER)).isTrue());
            assertThat(BuiltInRoles.OWNER.within(BuiltInRoles.ADMINISTRATOR)).isFalse();
            assertThat(BuiltInRoles.PRACTITIONER.within(BuiltInRoles.ADMINISTRATOR)).isFalse();
        }
    }

    @Test
    void permissionCodesAreTheDocumentedDottedNames() {
        assertThat(Permission.CLIENT_READ.code()).isEqualTo("client.read");
        assertThat(Permission.BREAK_GLASS_USE.code()).isEqualTo("break_glass.use");
        assertThat(Permission.CARE_TEAM_MANAGE.code()).isEqualTo("care_team.manage");
        assertThat(Permission.fromCode("note.sign")).contains(Permission.NOTE_SIGN);
        assertThat(Permission.fromCode("note.sign ")).isEmpty();
    }
}
