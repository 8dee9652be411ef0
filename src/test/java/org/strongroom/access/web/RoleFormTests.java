package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;

class RoleFormTests {

    static MultiValueMap<String, String> body(String... pairs) {
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.add(pairs[i], pairs[i + 1]);
        }
        return body;
    }

    static MultiValueMap<String, String> complete() {
        return body("label", "Billing clerk", "reach", "ORGANISATION", "permission", "client.read", "permission", "appointment.read",
                "view.NORMAL", "FULL", "view.RESTRICTED", "MASKED", "view.HIGHLY_RESTRICTED", "HIDDEN", "version", "3");
    }

    @Test
    void readsACompleteFormIntoADraft() {
        RoleForm form = RoleForm.read(complete());
        assertThat(form.problems).isEmpty();
        Roles.RoleDraft draft = form.draft();
        assertThat(draft.label()).isEqualTo("Billing clerk");
        assertThat(draft.reach()).isEqualTo(Reach.ORGANISATION);
        assertThat(draft.permissions()).containsExactlyInAnyOrder(Permission.CLIENT_READ, Permission.APPOINTMENT_READ);
        assertThat(draft.visibility()).containsExactlyInAnyOrderEntriesOf(Map.of(Sensitivity.NORMAL, Visibility.FULL,
                Sensitivity.RESTRICTED, Visibility.MASKED, Sensitivity.HIGHLY_RESTRICTED, Visibility.HIDDEN));
        assertThat(form.version).isEqualTo(3);
    }

    /** Attack: values a browser never sends, aimed at an exception (500) or at the portal's own-record reach. */
    @Test
    void unknownCodesAndEnumValuesBecomeProblemsAtTheirFields() {
        MultiValueMap<String, String> body = complete();
        body.add("permission", "client.read_all");
        body.set("reach", "OWN_RECORD");
        body.set("view.RESTRICTED", "transparent");
        RoleForm form = RoleForm.read(body);
        assertThat(form.problems).containsExactlyInAnyOrderEntriesOf(Map.of(
                "permissions", "accesspages.role.permission.unknown",
                "reach", "access.reach.invalid",
                "view.RESTRICTED", "accesspages.role.visibility.invalid"));
        assertThat(form.permissions).containsExactly("client.read", "appointment.read");
        assertThatThrownBy(form::draft).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("Billing");
    }

    @Test
    void missingFieldsAreProblemsAndAMissingVersionCanOnlyConflict() {
        RoleForm form = RoleForm.read(body("label", "Night cover"));
        assertThat(form.problems).containsKeys("reach", "view.NORMAL", "view.RESTRICTED", "view.HIGHLY_RESTRICTED");
        assertThat(form.version).isEqualTo(-1);
        assertThat(RoleForm.read(body("version", "1e9")).version).isEqualTo(-1);
    }

    @Test
    void floodsOfPermissionFieldsAreRefusedWithoutLookingAtEach() {
        MultiValueMap<String, String> body = complete();
        for (int i = 0; i < 1000; i++) {
            body.add("permission", "client.read");
        }
        assertThat(RoleForm.read(body).problems).containsEntry("permissions", "accesspages.role.permission.unknown");
    }

    @Test
    void anAbsurdlyLongLabelIsNotShownBack() {
        MultiValueMap<String, String> body = complete();
        body.set("label", "x".repeat(10_000));
        RoleForm form = RoleForm.read(body);
        assertThat(form.getLabel()).isEmpty();
        assertThat(form.label).hasSize(10_000);
    }
}
