package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.Actor;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.TestFolders;

/**
 * After the blind-index key is rotated, rebuilding the clients' indexes lets the old key version
 * be retired without losing a single search match; retiring it without the rebuild would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/clients-index-rebuild", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-"})
class SearchIndexRebuildIntegrationTests {

    static {
        TestFolders.fresh("clients-index-rebuild");
    }

    @Autowired
    Clients clients;
    @Autowired
    SearchIndexRebuild rebuild;
    @Autowired
    KeyManagement keys;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rebuiltIndexesKeepFindingEveryClientAfterTheOldKeyIsRetired() {
        StaffId staff = StaffId.random();
        accounts.insert(staff, "a.admin@example.org", "A Admin", null, StaffRole.ADMINISTRATOR, StaffStatus.ACTIVE, Instant.now());
        Actor admin = new Actor.Staff(staff, StaffRole.ADMINISTRATOR);
        for (int i = 0; i < 7; i++) {
            clients.create(admin, new NewClient(ClientStatus.ACTIVE, Map.of("given_name", "Hanna", "family_name", "Rudenko" + i,
                    "email", "hanna" + i + "@example.org"), true));
        }
        List<String> before = tokens();

        keys.rotateBlindIndexKey();
        assertThat(duplicateOf("hanna3@example.org")).as("old and new versions both match during the rebuild").hasSize(1);
        Optional<UUID> last = Optional.empty();
        int batches = 0;
        while ((last = rebuild.rebuildAfter(last.orElse(null), 3)).isPresent()) {
            batches++;
        }
        rebuild.recordFinished();
        keys.retireOldBlindIndexKeys();

        assertThat(batches).isEqualTo(3);
        assertThat(tokens()).hasSameSizeAs(before).doesNotContainAnyElementsOf(before);
        for (int i = 0; i < 7; i++) {
            assertThat(duplicateOf("hanna" + i + "@example.org")).hasSize(1);
        }
        assertThat(jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list())
                .containsSubsequence("keys.index_key_rotated", "clients.index_rebuilt", "keys.old_index_keys_retired");
    }

    private List<DuplicateCandidate> duplicateOf(String email) {
        StaffId staff = StaffId.random();
        accounts.insert(staff, staff + "@example.org", "Checker", null, StaffRole.ADMINISTRATOR, StaffStatus.ACTIVE, Instant.now());
        var result = clients.create(new Actor.Staff(staff, StaffRole.ADMINISTRATOR), new NewClient(ClientStatus.PROSPECT,
                Map.of("given_name", "X", "family_name", "Y", "email", email), false));
        return result instanceof ClientResult.PossibleDuplicates<ClientProfile> d ? d.candidates() : List.of();
    }

    private List<String> tokens() {
        return jdbc.sql("SELECT token FROM client_search_index WHERE index_name = 'f:email' ORDER BY token").query(String.class).list();
    }
}
