package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditRecord;
import org.strongroom.audit.AuditSearch;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/** Searching the trail: each filter, their combination, keyset paging and streaming in order. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"strongroom.data-dir=target/test-data/audit-search", "strongroom.audit.checkpoint-poll=1h"})
class TrailSearchIntegrationTests {

    static {
        TestFolders.fresh("audit-search");
    }

    static final String ALICE = "0b8e7c1d-0000-4000-8000-00000000000a";
    static final String BORIS = "0b8e7c1d-0000-4000-8000-00000000000b";
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditSearch search;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    PlatformTransactionManager transactions;

    Instant base;

    @BeforeEach
    void trailOfTwoPeople() {
        EmptyTrail.in(jdbc);
        base = clock.instant();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < 30; i++) {
            String actor = i % 3 == 0 ? BORIS : ALICE;
            String action = i % 2 == 0 ? "client.profile.read" : "client.profile.update";
            Outcome outcome = i % 5 == 0 ? Outcome.DENIED : Outcome.ALLOWED;
            AuditEvent event = AuditEvent.of(ActorType.STAFF, actor, action, outcome).withClient("client-" + (i % 4));
            tx.executeWithoutResult(s -> trail.record(event));
            clock.advance(java.time.Duration.ofHours(1));
        }
        tx.executeWithoutResult(s -> trail.record(AuditEvent.of(ActorType.ANONYMOUS, null, "identity.sign-in", Outcome.FAILED)
                .withReason("wrong_password")));
    }

    @Test
    void newestComeFirst() {
        List<AuditRecord> page = search.page(AuditQuery.all(), null, 5);
        assertThat(page).extracting(AuditRecord::seq).containsExactly(31L, 30L, 29L, 28L, 27L);
        assertThat(page.get(0).actorType()).isEqualTo(ActorType.ANONYMOUS);
        assertThat(page.get(0).reason()).isEqualTo("wrong_password");
    }

    @Test
    void pagesFollowOnWithoutOverlapOrGap() {
        List<Long> seen = new ArrayList<>();
        Long before = null;
        while (true) {
            List<AuditRecord> page = search.page(AuditQuery.all(), before, 7);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(r -> seen.add(r.seq()));
            before = page.get(page.size() - 1).seq();
        }
        assertThat(seen).hasSize(31).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void filtersCombine() {
        AuditQuery query = AuditQuery.all().byActor(BORIS).aboutClient("client-0").withOutcome(Outcome.DENIED);
        // Boris: i % 3 == 0; client-0: i % 4 == 0; denied: i % 5 == 0 → i = 0 only (seq 1).
        assertThat(search.page(query, null, 100)).extracting(AuditRecord::seq).containsExactly(1L);
    }

    @Test
    void actionPrefixMatchesWholeSegmentsOnly() {
        assertThat(search.page(AuditQuery.all().withAction("client.profile.update"), null, 100)).hasSize(15);
        assertThat(search.page(AuditQuery.all().withAction("client"), null, 100)).hasSize(30);
        assertThat(search.page(AuditQuery.all().withAction("client.prof"), null, 100)).isEmpty();
        assertThat(search.page(AuditQuery.all().withAction("identity"), null, 100)).hasSize(1);
    }

    @Test
    void periodIncludesItsStartAndExcludesItsEnd() {
        AuditQuery query = AuditQuery.all().between(base.plusSeconds(3600 * 2), base.plusSeconds(3600 * 5));
        assertThat(search.page(query, null, 100)).extracting(AuditRecord::seq).containsExactly(5L, 4L, 3L);
    }

    @Test
    void forEachStreamsOldestFirstAcrossBatches() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 2500; i++) {
                trail.record(AuditEvent.of(ActorType.SYSTEM, null, "test.bulk", Outcome.SUCCEEDED));
            }
        });
        List<Long> seqs = new ArrayList<>();
        long handed = search.forEach(AuditQuery.all().withAction("test"), r -> seqs.add(r.seq()));
        assertThat(handed).isEqualTo(2500);
        assertThat(seqs).hasSize(2500).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isEqualTo(32L);
    }

    /** Attack: LIKE wildcards and SQL in a filter are data, never pattern or syntax. */
    @Test
    void hostileFiltersAreRefusedOrTakenLiterally() {
        assertThatThrownBy(() -> AuditQuery.all().withAction("client%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditQuery.all().withAction("x' OR '1'='1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(search.page(AuditQuery.all().byActor("' OR 1=1 --"), null, 100)).isEmpty();
        assertThat(search.page(AuditQuery.all().withAction("client_profile"), null, 100)).isEmpty();
        assertThat(AuditQuery.all().byActor("a b\nc").actorId()).isEqualTo("a%20b%0Ac");
    }

    @Test
    void pageSizeIsBounded() {
        assertThatThrownBy(() -> search.page(AuditQuery.all(), null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search.page(AuditQuery.all(), null, AuditSearch.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditQuery.all().between(START, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
