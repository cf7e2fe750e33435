package com.checkup.platform.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claim protocol over an in-memory table: what is due is taken once, under one token, until the lease ends. */
class LeaseTableTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    /** id → [due at, token]; the statements behave like the conditional SQL ones. */
    static final class Table extends LeaseTable<String, String, String> {
        final Map<String, Object[]> rows = new LinkedHashMap<>();
        int claimStatements;

        @Override
        protected List<String> dueIds(LocalDateTime now, int limit) {
            return rows.entrySet().stream().filter(e -> !((LocalDateTime) e.getValue()[0]).isAfter(now)).limit(limit)
                    .map(Map.Entry::getKey).toList();
        }

        @Override
        protected int claimIds(List<String> ids, String token, LocalDateTime now, LocalDateTime leaseEnd) {
            claimStatements++;
            int n = 0;
            for (String id : ids) {
                Object[] r = rows.get(id);
                if (!((LocalDateTime) r[0]).isAfter(now)) {
                    r[0] = leaseEnd;
                    r[1] = token;
                    n++;
                }
            }
            return n;
        }

        @Override
        protected List<String> claimedRows(List<String> ids, String token) {
            // Like SQL without ORDER BY: whatever order the database likes (here: reversed).
            List<String> out = new ArrayList<>();
            ids.stream().filter(id -> token.equals(rows.get(id)[1])).forEach(out::add);
            java.util.Collections.reverse(out);
            return out;
        }

        @Override
        protected String keyOf(String row) {
            return row;
        }

        @Override
        protected String item(String row) {
            return row.toUpperCase();
        }

        void add(String id, Instant due) {
            rows.put(id, new Object[] {LocalDateTime.ofInstant(due, java.time.ZoneOffset.UTC), null});
        }
    }

    @Test
    void dueRowsAreClaimedOnceUnderOneTokenUntilTheLeaseEnds() {
        Table t = new Table();
        t.add("a", NOW.minusSeconds(5));
        t.add("b", NOW);
        t.add("later", NOW.plusSeconds(60));

        List<Lease<String>> first = t.claim(NOW, 10, Duration.ofMinutes(1));
        assertThat(first).extracting(Lease::item).containsExactly("A", "B");
        assertThat(first).extracting(Lease::token).containsOnly(first.get(0).token());
        assertThat(t.claim(NOW, 10, Duration.ofMinutes(1))).isEmpty(); // taken until the lease ends

        List<Lease<String>> afterLease = t.claim(NOW.plusSeconds(61), 10, Duration.ofMinutes(1));
        assertThat(afterLease).extracting(Lease::item).containsExactlyInAnyOrder("A", "B", "LATER");
        assertThat(afterLease.get(0).token()).isNotEqualTo(first.get(0).token());
    }

    @Test
    void nothingDueOrNoRoomMeansNoClaimStatement() {
        Table t = new Table();
        t.add("later", NOW.plusSeconds(60));
        assertThat(t.claim(NOW, 10, Duration.ofMinutes(1))).isEmpty();
        t.add("a", NOW);
        assertThat(t.claim(NOW, 0, Duration.ofMinutes(1))).isEmpty();
        assertThat(t.claimStatements).isZero();
        assertThat(t.claim(NOW, 1, Duration.ofMinutes(1))).hasSize(1);
        assertThat(t.claimStatements).isEqualTo(1);
    }

    @Test
    void workAddedInATransactionWakesTheLoopAtItsCommitOnlyAndOutsideOneAtOnce() {
        Table table = new Table();
        java.util.concurrent.atomic.AtomicInteger wakeUps = new java.util.concurrent.atomic.AtomicInteger();
        table.whenWorkAdded(wakeUps::incrementAndGet);

        table.workAdded(); // no transaction: the row is visible now
        assertThat(wakeUps).hasValue(1);

        org.springframework.transaction.support.TransactionSynchronizationManager.initSynchronization();
        try {
            table.workAdded();
            assertThat(wakeUps).as("not before the commit: the row cannot be seen yet").hasValue(1);
            org.springframework.transaction.support.TransactionSynchronizationUtils.triggerAfterCommit();
            assertThat(wakeUps).hasValue(2);
        } finally {
            org.springframework.transaction.support.TransactionSynchronizationManager.clearSynchronization();
        }

        org.springframework.transaction.support.TransactionSynchronizationManager.initSynchronization();
        try {
            table.workAdded();
            org.springframework.transaction.support.TransactionSynchronizationUtils.triggerAfterCompletion(
                    org.springframework.transaction.support.TransactionSynchronization.STATUS_ROLLED_BACK);
            assertThat(wakeUps).as("a rolled-back write added nothing").hasValue(2);
        } finally {
            org.springframework.transaction.support.TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
