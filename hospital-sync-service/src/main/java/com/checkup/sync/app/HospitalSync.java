package com.checkup.sync.app;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.booking.BookingView;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.connector.HttpJsonConnector;
import com.checkup.sync.domain.ConnectorSpec;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import com.checkup.sync.domain.SyncAction;
import com.checkup.sync.domain.SyncJob;
import com.checkup.sync.persistence.SyncJobRepository;
import com.checkup.sync.persistence.TrackedBookingRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells hospitals' systems about bookings. Events become durable jobs (one per event); workers claim due jobs (the
 * {@code WorkLoop} in SyncConfig, over {@link SyncJobRepository}) and {@link #run} each through the hospital's connector, chosen by its {@code connector} flag: a MANUAL hospital's job becomes a
 * fulfillment task at once; an HTTP_JSON hospital is called through its own circuit breaker and retried with
 * backoff, and when the tries are spent the job becomes a fulfillment task — never a silent drop. A booking the
 * hospital's system accepted is tracked so its check-in and report status can be pulled back ({@link StatusPull}).
 */
public class HospitalSync {
    public static final FeatureFlag<ConnectorSpec> CONNECTOR = FeatureFlag.of(com.checkup.contracts.flags.FlagCatalogue.CONNECTOR.name(), ConnectorSpec::parse, ConnectorSpec.MANUAL);
    public static final FeatureFlag<Duration> CONNECTOR_TIMEOUT = FeatureFlag.ofDuration(com.checkup.contracts.flags.FlagCatalogue.CONNECTOR_TIMEOUT.name(), ConnectorSpec.DEFAULT_TIMEOUT);
    public static final String SERVICE = "hospital-sync-service";
    private static final Logger log = LoggerFactory.getLogger(HospitalSync.class);

    private final SyncJobRepository jobs;
    private final FeatureFlags flags;
    private final HospitalCircuits circuits;
    private final HttpJsonConnector http;
    private final Bookings bookings;
    private final FulfillmentTasks fulfillment;
    private final RetryPolicy retry;
    private final TrackedBookingRepository tracked;
    private final CredentialVault credentials;
    private final Clock clock;

    public HospitalSync(SyncJobRepository jobs, FeatureFlags flags, HospitalCircuits circuits, HttpJsonConnector http,
                        Bookings bookings, FulfillmentTasks fulfillment, RetryPolicy retry,
                        TrackedBookingRepository tracked, CredentialVault credentials, Clock clock) {
        this.credentials = credentials;
        this.jobs = jobs;
        this.flags = flags;
        this.circuits = circuits;
        this.http = http;
        this.bookings = bookings;
        this.fulfillment = fulfillment;
        this.retry = retry;
        this.tracked = tracked;
        this.clock = clock;
    }

    /**
     * Records what a hospital must be told (called in the event's handling transaction; a repeat is ignored). Every copy
     * records every event, whichever copy serves the hospital: the job is keyed by the event, so it is one job however
     * many copies record it, and no event is lost while copies disagree about a hospital (a move being rolled out) or
     * while the responsible copy is down. Only the responsible copy claims it ({@link SyncJobRepository}).
     */
    public void enqueue(String eventId, String bookingId, String hospitalId, SyncAction action) {
        if (jobs.add(eventId + ":" + action, bookingId, hospitalId, action, clock.instant())) {
            log.info("Queued {} of booking {} to hospital {}", action, bookingId, hospitalId);
        }
    }

    /** Runs one claimed job through the hospital's connector and records its outcome under the claim. */
    public void run(Lease<SyncJob> c) {
        SyncJob job = c.item();
        ConnectorSpec spec = connector(job.hospitalId()).withTimeout(flags.get(CONNECTOR_TIMEOUT, job.hospitalId()));
        if (spec.kind() == ConnectorSpec.Kind.MANUAL) {
            handOver(c, "MANUAL_HOSPITAL", manualReason(job));
            return;
        }
        try {
            BookingView booking = job.action() == SyncAction.PUSH ? bookings.get(job.bookingId()) : null;
            if (booking != null && booking.getStatus() != BookingStatus.CONFIRMED) {
                // Cancelled or expired meanwhile: the cancel job after this one tells the hospital, if it ever heard.
                log.info("Not pushing {}: booking is {}", job, booking.getStatus());
                job.succeeded();
                jobs.finish(c, clock.instant());
                return;
            }
            String key = job.id();
            circuits.call(job.hospitalId(), () -> {
                if (job.action() == SyncAction.PUSH) {
                    http.push(spec, booking, key);
                } else {
                    http.cancel(spec, job.bookingId(), key);
                }
            });
            if (job.action() == SyncAction.PUSH) {
                tracked.track(job.bookingId(), job.hospitalId(), LocalDate.parse(booking.getDate()), clock.instant());
            } else {
                tracked.cancelled(job.bookingId(), clock.instant());
            }
            job.succeeded();
            jobs.finish(c, clock.instant());
            log.info("Told hospital {}: {} of booking {} (try {})", job.hospitalId(), job.action(), job.bookingId(), job.attempts());
        } catch (HospitalCircuits.NotCalled e) {
            if (e.circuitOpen()) {
                failed(c, e.getMessage());
            } else {
                job.postpone(clock.instant(), Duration.ofMillis(500));
                jobs.finish(c, clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(c, "interrupted");
        } catch (Exception e) {
            failed(c, RetryPolicy.describe(e));
        }
    }

    private void failed(Lease<SyncJob> c, String error) {
        SyncJob job = c.item();
        Instant now = clock.instant();
        if (job.failed(error, retry, now)) {
            log.warn("{} failed ({}); next try at {}", job, error, job.nextAttemptAt());
            jobs.finish(c, now);
            return;
        }
        handOver(c, "SYNC_FAILED", "Could not " + (job.action() == SyncAction.PUSH ? "send booking " : "cancel booking ")
                + job.bookingId() + " to the hospital's system after " + job.attempts() + " tries (last error: "
                + job.lastError() + "). Do it by hand.");
    }

    /** Opens the fulfillment task (idempotent on the job id), then marks the job handed over. */
    private void handOver(Lease<SyncJob> c, String kind, String reason) {
        SyncJob job = c.item();
        Instant now = clock.instant();
        String taskId;
        try {
            taskId = fulfillment.openTask("sync:" + job.id(), job.hospitalId(), job.bookingId(), kind, reason);
        } catch (RuntimeException e) {
            // fulfillment-service unreachable: keep the job and try again, a task is never skipped.
            log.warn("Could not open a fulfillment task for {} ({}); trying again shortly", job, e.getMessage());
            job.postpone(now, retry.first().isZero() ? Duration.ofSeconds(1) : retry.first());
            jobs.finish(c, now);
            return;
        }
        job.handedOver(taskId);
        jobs.finish(c, now);
        log.warn("{} handed to people as fulfillment task {} ({})", job, taskId, kind);
    }

    private static String manualReason(SyncJob job) {
        return job.action() == SyncAction.PUSH
                ? "The hospital has no system: register booking " + job.bookingId() + " with the hospital by hand."
                : "The hospital has no system: tell the hospital booking " + job.bookingId() + " is cancelled.";
    }

    public String circuit(String hospitalId) {
        return circuits.state(hospitalId);
    }

    /** The hospital's connector, with its credentials when it has some for that system. */
    public ConnectorSpec connector(String hospitalId) {
        ConnectorSpec spec = flags.get(CONNECTOR, hospitalId);
        return spec.withCredentials(credentials.forCall(hospitalId, spec.baseUrl()).orElse(null));
    }
}
