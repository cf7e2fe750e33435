package com.checkup.sync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.connector.HttpJsonConnector;
import com.checkup.sync.domain.ConnectorSpec;
import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.domain.SyncJob;
import com.checkup.sync.persistence.SyncJobRepository;
import com.checkup.sync.persistence.TrackedBookingRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A claimed sync job of a MANUAL hospital, as HospitalSync runs it with its ports mocked: never dropped. */
class HospitalSyncTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final SyncJobRepository jobs = mock(SyncJobRepository.class);
    private final FeatureFlags flags = mock(FeatureFlags.class);
    private final Bookings bookings = mock(Bookings.class);
    private final FulfillmentTasks tasks = mock(FulfillmentTasks.class);
    private final CredentialVault credentials = mock(CredentialVault.class);
    private final HospitalSync sync = new HospitalSync(jobs, flags, mock(HospitalCircuits.class), mock(HttpJsonConnector.class),
            bookings, tasks, new RetryPolicy(5, Duration.ofSeconds(30), 2, Duration.ofMinutes(10)),
            mock(TrackedBookingRepository.class), credentials, Clock.fixed(NOW, ZoneOffset.UTC));

    private Lease<SyncJob> claimed(SyncAction action) {
        when(flags.get(eq(HospitalSync.CONNECTOR), any())).thenReturn(ConnectorSpec.MANUAL);
        when(flags.get(eq(HospitalSync.CONNECTOR_TIMEOUT), any())).thenReturn(Duration.ofSeconds(5));
        when(credentials.forCall(anyString(), any())).thenReturn(Optional.empty());
        return new Lease<>(new SyncJob("J-1", "B1", "H001", action, SyncJob.Status.PENDING, 0, NOW, null, null), "token-1");
    }

    @Test
    void aManualHospitalsBookingBecomesATaskForPeopleOnceKeyedByTheJob() {
        Lease<SyncJob> c = claimed(SyncAction.PUSH);
        when(tasks.openTask(eq("sync:J-1"), eq("H001"), eq("B1"), eq("MANUAL_HOSPITAL"), contains("register booking B1")))
                .thenReturn("T-9");

        sync.run(c);

        assertThat(c.item().status()).isEqualTo(SyncJob.Status.GAVE_UP);
        assertThat(c.item().taskId()).isEqualTo("T-9");
        verify(jobs).finish(c, NOW);
        verifyNoInteractions(bookings); // nothing to ask booking-service for a hospital without a system
    }

    @Test
    void whenFulfillmentCannotBeReachedTheJobWaitsAndIsNotDropped() {
        Lease<SyncJob> c = claimed(SyncAction.CANCEL);
        when(tasks.openTask(anyString(), anyString(), anyString(), anyString(), anyString()))
                .thenThrow(new IllegalStateException("fulfillment-service unreachable"));

        sync.run(c);

        assertThat(c.item().status()).isEqualTo(SyncJob.Status.PENDING);
        assertThat(c.item().nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(c.item().taskId()).isNull();
        verify(jobs).finish(c, NOW);
    }
}
