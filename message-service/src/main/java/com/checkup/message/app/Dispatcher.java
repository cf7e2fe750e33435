package com.checkup.message.app;

import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.message.domain.QuietHours;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.message.provider.DeliveryFailed;
import com.checkup.message.provider.DeliveryRejected;
import com.checkup.message.provider.MessageProvider;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import com.checkup.platform.retry.RetryPolicy;
import com.checkup.platform.work.Lease;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a due message, claimed under a lease so two instances never send the same one at once (the
 * {@code WorkLoop} in MessageConfig claims them): holds it through the hospital's quiet hours, hands it to the provider,
 * retries a failure with backoff and turns a message whose tries are spent into a dead letter. A message the provider
 * rejected for good ({@link DeliveryRejected}) is a dead letter at once. The provider's report of each try (accepted,
 * rejected, failed; its code and reference) is recorded with the message.
 */
public class Dispatcher {
    public static final FeatureFlag<QuietHours> QUIET_HOURS = FeatureFlag.of(com.checkup.contracts.flags.FlagCatalogue.QUIET_HOURS.name(), QuietHours::parse, QuietHours.OFF);
    /** Who sends: messages go out as this service's own work. */
    public static final String SERVICE = "message-service";
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final MessageRepository messages;
    private final MessageProvider provider;
    private final FeatureFlags flags;
    private final RetryPolicy retry;
    private final Clock clock;
    private final ZoneId zone;

    public Dispatcher(MessageRepository messages, MessageProvider provider, FeatureFlags flags, RetryPolicy retry, Clock clock,
                      ZoneId zone) {
        this.messages = messages;
        this.provider = provider;
        this.flags = flags;
        this.retry = retry;
        this.clock = clock;
        this.zone = zone;
    }

    public void send(Lease<Message> c) {
        Message m = c.item();
        Instant now = clock.instant();
        Optional<Instant> quietUntil = flags.get(QUIET_HOURS, m.hospitalId()).endIfQuiet(now, zone);
        if (quietUntil.isPresent()) {
            m.holdUntil(quietUntil.get());
            messages.finish(c, now);
            log.info("{} held for quiet hours until {}", m, quietUntil.get());
            return;
        }
        try {
            Delivery d = provider.send(m);
            m.sent(clock.instant(), d);
            log.info("Sent {}{}", m, d == null ? "" : " (" + d.provider() + " " + d.code() + ", " + d.reference() + ")");
        } catch (DeliveryRejected e) {
            // Refused for good (bad number, template, key; no address): no retry can help.
            m.rejected(e.getMessage(), e.delivery());
            log.error("{} is a dead letter at once, rejected by the provider: {}", m, e.getMessage());
        } catch (Exception e) {
            String error = e instanceof DeliveryFailed ? e.getMessage() : RetryPolicy.describe(e);
            Delivery reported = e instanceof DeliveryFailed f ? f.delivery() : null;
            if (m.failed(error, retry, now, reported)) {
                log.warn("{} failed ({}), next try at {}", m, error, m.sendAt());
            } else {
                log.error("{} is a dead letter after {} tries: {}", m, m.attempts(), error);
            }
        }
        if (!messages.finish(c, clock.instant())) {
            log.warn("{} changed while being sent (claim lapsed); the next pass sees it again", m);
        }
    }
}
