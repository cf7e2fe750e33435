package com.checkup.booking.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.checkup.booking.domain.Campaign;
import com.checkup.booking.domain.Hospital;
import com.checkup.booking.persistence.EntitlementRepository;
import com.checkup.booking.persistence.RosterImportRepository;
import com.checkup.contracts.error.BusinessException;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.privacy.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** Roster uploads wait in a bounded queue: beyond it an upload is refused (429) and its import marked FAILED. */
class RosterImportsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    @SuppressWarnings("unchecked")
    void aFullQueueRefusesTheUploadAndMarksItsImportFailed() throws Exception {
        Campaign c = new Campaign("CP1", "ACME", "Acme", "H001", List.of("H001-BASIC"), LocalDate.of(2026, 12, 10),
                LocalDate.of(2026, 12, 20), null, null, 0, 0, 0, 2, false, NOW);
        CampaignCommands commands = mock(CampaignCommands.class);
        when(commands.campaign("CP1")).thenReturn(c);
        CatalogueQueries catalogue = mock(CatalogueQueries.class);
        when(catalogue.hospital("H001")).thenReturn(new Hospital("H001", "H", "Beijing", ZoneId.of("Asia/Shanghai"), "MANUAL"));
        RosterImportRepository campaigns = mock(RosterImportRepository.class);
        when(campaigns.insertImportIfNoneRunning(anyString(), eq("CP1"), anyInt(), any(), any())).thenReturn(true);
        TransactionTemplate tx = mock(TransactionTemplate.class);
        when(tx.execute(any())).thenAnswer(i -> ((TransactionCallback<Object>) i.getArgument(0)).doInTransaction(null));

        // One import running (blocked), one waiting: the queue (1) is full.
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor threads = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
        threads.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        threads.execute(() -> { });
        RosterImports imports = new RosterImports(commands, mock(EntitlementRepository.class), campaigns, catalogue, mock(EventPublisher.class),
                new FieldCipher("k1", java.util.Map.of("k1", FieldCipher.newKey())), tx, threads,
                Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] csv = "employee_no,name,gender,birth_date,id_number,phone,package\n".getBytes(StandardCharsets.UTF_8);
        try (var ignored = CallContextHolder.bind(CallContext.newRoot().withCaller("HR", "ACME", "hr.acme"))) {
            assertThatThrownBy(() -> imports.start("CP1", csv)).isInstanceOf(BusinessException.class)
                    .satisfies(e -> assertThat(((BusinessException) e).getCode()).isEqualTo("TOO_MANY_REQUESTS"));
        } finally {
            release.countDown();
            threads.shutdown();
        }
        verify(campaigns).finishImport(anyString(), eq("FAILED"), org.mockito.ArgumentMatchers.contains("too many roster imports"),
                eq(NOW));
    }
}
