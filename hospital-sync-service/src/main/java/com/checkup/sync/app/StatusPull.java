package com.checkup.sync.app;

import com.checkup.contracts.booking.BookingStatus;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import com.checkup.sync.connector.HospitalCircuits;
import com.checkup.sync.connector.HttpJsonConnector;
import com.checkup.sync.domain.ConnectorSpec;
import com.checkup.sync.domain.TrackedBooking;
import com.checkup.sync.domain.TrackedBooking.Effect;
import com.checkup.sync.persistence.TrackedBookingRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls check-in and report status back from HTTP_JSON hospitals, for the bookings their systems accepted, from the
 * day before the exam until the report is ready (at most {@link TrackedBooking#FOLLOW_FOR} after the exam; the
 * {@code WorkLoop} in SyncConfig claims them from {@link TrackedBookingRepository}). The examinee arriving
 * there checks the booking in here; a report ready there opens a {@code REPORT_AT_HOSPITAL} task for the desk to
 * upload the PDF (none when a report was uploaded already). Calls go through the hospital's own circuit, like pushes.
 * A pull that fails is simply tried at the next interval; an effect that fails leaves the state unrecorded, so it
 * is done on the next pull — every effect is idempotent.
 */
public class StatusPull {
    private static final Logger log = LoggerFactory.getLogger(StatusPull.class);

    private final TrackedBookingRepository tracked;
    private final FeatureFlags flags;
    private final HospitalCircuits circuits;
    private final HttpJsonConnector http;
    private final Bookings bookings;
    private final FulfillmentTasks fulfillment;
    private final Duration every;
    private final CredentialVault credentials;
    private final Clock clock;

    public StatusPull(TrackedBookingRepository tracked, FeatureFlags flags, HospitalCircuits circuits, HttpJsonConnector http,
                      Bookings bookings, FulfillmentTasks fulfillment, Duration every,
                      CredentialVault credentials, Clock clock) {
        this.credentials = credentials;
        this.tracked = tracked;
        this.flags = flags;
        this.circuits = circuits;
        this.http = http;
        this.bookings = bookings;
        this.fulfillment = fulfillment;
        this.every = every;
        this.clock = clock;
    }

    /** Pulls one claimed booking's status, acts on a change, and records it under the claim. */
    public void pull(Lease<TrackedBooking> claim) {
        TrackedBooking b = claim.item();
        ConnectorSpec configured = flags.get(HospitalSync.CONNECTOR, b.hospitalId())
                .withTimeout(flags.get(HospitalSync.CONNECTOR_TIMEOUT, b.hospitalId()));
        ConnectorSpec spec = configured.withCredentials(credentials.forCall(b.hospitalId(), configured.baseUrl()).orElse(null));
        Instant next = clock.instant().plus(every);
        if (spec.kind() != ConnectorSpec.Kind.HTTP_JSON) {
            // The hospital went manual meanwhile: its desk records what happens; look again later in case it changes back.
            tracked.save(claim, next, "connector is " + spec.kind(), clock.instant());
            return;
        }
        String state;
        try {
            AtomicReference<String> answer = new AtomicReference<>();
            circuits.call(b.hospitalId(), () -> answer.set(http.status(spec, b.bookingId())));
            state = answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracked.save(claim, next, "interrupted", clock.instant());
            return;
        } catch (Exception e) {
            log.debug("Status pull of {} failed: {}", b, e.getMessage());
            tracked.save(claim, next, RetryPolicy.describe(e), clock.instant());
            return;
        }
        try {
            for (Effect effect : b.observe(state)) {
                apply(effect, b);
            }
            b.settle(state);
            tracked.save(claim, next, null, clock.instant());
            log.debug("Pulled {}", b);
        } catch (RuntimeException e) {
            // Not recorded: the same change is seen, and its effects done, on the next pull.
            log.warn("Could not act on {} answering {}: {}", b, state, e.getMessage());
            tracked.save(claim, next, RetryPolicy.describe(e), clock.instant());
        }
    }

    private void apply(Effect effect, TrackedBooking b) {
        switch (effect) {
            case CHECK_IN -> {
                try {
                    bookings.checkedIn(b.bookingId());
                    log.info("Hospital {} checked in booking {}", b.hospitalId(), b.bookingId());
                } catch (BusinessException e) {
                    if (e.errorCode() != ErrorCode.CONFLICT) {
                        throw e;
                    }
                    // E.g. cancelled here but the examinee came anyway, or a day mix-up: a person sorts it out.
                    fulfillment.openTask("pull:check-in:" + b.bookingId(), b.hospitalId(), b.bookingId(), "ON_SITE_CHANGE",
                            "The hospital's system checked in booking " + b.bookingId() + ", but here: " + e.getMessage());
                }
            }
            case REPORT_TASK -> {
                if (bookings.get(b.bookingId()).getStatus() == BookingStatus.COMPLETED) {
                    return; // the desk uploaded the report already
                }
                fulfillment.openTask("pull:report:" + b.bookingId(), b.hospitalId(), b.bookingId(), "REPORT_AT_HOSPITAL",
                        "The hospital's system has the report of booking " + b.bookingId()
                                + ": fetch the PDF there and upload it for the examinee.");
            }
        }
    }
}
