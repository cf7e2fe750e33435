package com.checkup.payment.channel;

import com.checkup.payment.domain.CallbackSignature;
import com.checkup.payment.domain.ChannelNotification;
import com.checkup.payment.domain.Payment;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel for local use that behaves like a real one: it confirms after a delay with a body signed by the
 * channel secret, delivered to the platform's callback entry point (so signature checks and replay handling run for
 * real), and can resend each callback (duplicates).
 */
public final class SimulatedChannel implements PaymentChannel, AutoCloseable {
    public static final String NAME = "SIMULATED";
    private static final Logger log = LoggerFactory.getLogger(SimulatedChannel.class);

    /** Where callbacks go: (body, signature). */
    public interface CallbackTarget {
        void deliver(String body, String signature);
    }

    private final String secret;
    private final ChannelSettings.Simulated behaviour;
    private final CallbackTarget target;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-channel");
        t.setDaemon(true);
        return t;
    });

    public SimulatedChannel(String secret, ChannelSettings.Simulated behaviour, CallbackTarget target) {
        this.secret = secret;
        this.behaviour = behaviour;
        this.target = target;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String requestPayment(Payment p, String payerAddress) {
        schedule(new ChannelNotification(p.id(), p.orderId(), p.amountCents(), ChannelNotification.SUCCESS,
                "SIM-" + UUID.randomUUID()));
        return null;
    }

    @Override
    public void requestRefund(Payment p) {
        schedule(new ChannelNotification(p.id(), p.orderId(), p.amountCents(), ChannelNotification.REFUNDED,
                "SIMR-" + UUID.randomUUID()));
    }

    private void schedule(ChannelNotification n) {
        String body = body(n);
        String signature = CallbackSignature.sign(secret, body);
        for (int copy = 0; copy <= behaviour.getDuplicates(); copy++) {
            timer.schedule(() -> send(body, signature), behaviour.getDelay().toMillis() + copy * 50L, TimeUnit.MILLISECONDS);
        }
    }

    private void send(String body, String signature) {
        // A callback is a request of the channel's own, with a trace id of its own, as a real channel's through the
        // gateway is (the timer thread has no context); applying it moves to the payment's trace (PaymentCommands).
        try (CallContextHolder.Scope ignored = CallContextHolder.bind(CallContext.newRoot())) {
            try {
                target.deliver(body, signature);
            } catch (RuntimeException e) {
                // A real channel would retry later; the simulated one logs, and reconciliation is the safety net.
                log.warn("Simulated callback was not accepted: {}", e.toString());
            }
        }
    }

    /** The channel's JSON body. */
    public static String body(ChannelNotification n) {
        try {
            return Json.MAPPER.writeValueAsString(Map.of("paymentId", n.paymentId(), "orderId", n.orderId(),
                    "amountCents", n.amountCents(), "kind", n.kind(), "channelTxnId", n.channelTxnId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

}
