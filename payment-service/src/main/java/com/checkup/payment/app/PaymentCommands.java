package com.checkup.payment.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.event.Topics;
import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentEvent;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.payment.channel.PaymentChannel;
import com.checkup.payment.channel.PaymentChannels;
import com.checkup.payment.domain.CallbackSignature;
import com.checkup.payment.domain.ChannelNotification;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.domain.SignedNotification;
import com.checkup.payment.persistence.PaymentRepository;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import com.checkup.platform.context.Callers;
import com.checkup.platform.events.EventPublisher;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment use cases. State moves only by conditional updates ({@code WHERE status = <expected>}), so any number of
 * concurrent or replayed callbacks apply once; each move and its event commit together.
 */
@Service
public class PaymentCommands {
    private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);

    /** Channel names as configured (and as they appear in callback URLs): also what payments.channel can hold. */
    private static final java.util.regex.Pattern CHANNEL_NAME = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final PaymentRepository payments;
    private final EventPublisher events;
    private final Orders orders;
    private final PaymentChannels channels;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PaymentCommands(PaymentRepository payments, EventPublisher events, Orders orders,
                           PaymentChannels channels, TransactionTemplate tx, Clock clock) {
        this.payments = payments;
        this.events = events;
        this.orders = orders;
        this.channels = channels;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A consumer (or a tester acting as one) may touch only their own orders; another's order answers NOT_FOUND, the
     * same as a missing one, so order ids cannot be probed. The platform (SYSTEM) and ops are not restricted; an
     * anonymous caller never gets here ({@link Callers#require} fails closed).
     */
    private static void requireOwner(CallContext c, OrderView order) {
        if (!Callers.is(c, Persona.CONSUMER) && !Callers.is(c, Persona.TESTER)) {
            return;
        }
        if (c.userId() == null || !c.userId().equals(order.getConsumerId())) {
            throw new BusinessException(ErrorCode.NOT_FOUND, "No order " + order.getOrderId());
        }
    }

    public Payment pay(String orderId, String channelName) {
        return pay(orderId, channelName, null);
    }

    /** @param payerAddress the payer's IP as the gateway saw it, for channels that want it; null when unknown */
    public Payment pay(String orderId, String channelName, String payerAddress) {
        CallContext caller = Callers.require(Persona.CONSUMER, Persona.TESTER, Persona.SYSTEM);
        require(orderId, "orderId");
        require(channelName, "channel");
        PaymentChannel channel = channels.find(channelName);
        if (channel == null) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Unknown payment channel " + channelName
                    + "; available: " + channels.names());
        }
        OrderView order = orders.get(orderId.trim());
        requireOwner(caller, order);
        if (order.getStatus() != OrderStatus.CREATED) {
            throw new BusinessException(ErrorCode.CONFLICT, "Order " + order.getOrderId() + " is " + order.getStatus()
                    + " and cannot be paid");
        }
        // The payer's trace (the booking's) is kept with the payment: the channel's answers are applied under it.
        Payment fresh = Payment.open(order.getOrderId(), channel.name(), order.getAmountCents(), clock.instant(),
                caller.traceId());
        Payment result;
        try {
            result = tx.execute(s -> payments.findLive(fresh.orderId()).orElseGet(() -> {
                payments.insert(fresh);
                return fresh;
            }));
        } catch (DuplicateKeyException raced) {
            result = payments.findLive(fresh.orderId()).orElseThrow(() -> raced);
        }
        if (result != fresh) {
            if (result.status() != PaymentStatus.PENDING || !result.channel().equals(channel.name())) {
                throw new BusinessException(ErrorCode.CONFLICT, "Order " + result.orderId() + " already has payment "
                        + result.id() + " (" + result.channel() + ", " + result.status() + ")");
            }
            if (result.payUrl() != null || !channel.payerPaysOnAPage()) {
                return result;
            }
            // The channel did not take it last time: ask again (it knows the payment by its id, so this is safe).
        }
        return requestPayment(channel, result, payerAddress);
    }

    private Payment requestPayment(PaymentChannel channel, Payment p, String payerAddress) {
        String url;
        try {
            url = channel.requestPayment(p, ipLiteral(payerAddress));
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("Payment {}: {}", p.id(), e.getMessage());
            throw new BusinessException(ErrorCode.UNAVAILABLE, "The payment channel " + channel.name()
                    + " did not answer; try again in a moment");
        }
        if (url != null) {
            payments.setPayUrl(p.id(), url);
            return p.withPayUrl(url);
        }
        return p;
    }

    /** A payment; a consumer sees only those of their own orders (another's answers NOT_FOUND, like a missing one). */
    public Payment get(String paymentId) {
        CallContext caller = Callers.require(Persona.CONSUMER, Persona.TESTER, Persona.SYSTEM, Persona.OPS);
        Payment p = find(paymentId);
        if (Callers.is(caller, Persona.CONSUMER) || Callers.is(caller, Persona.TESTER)) {
            OrderView order;
            try {
                order = orders.get(p.orderId());
            } catch (BusinessException e) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No payment " + paymentId);
            }
            try {
                requireOwner(caller, order);
            } catch (BusinessException notTheirs) {
                throw new BusinessException(ErrorCode.NOT_FOUND, "No payment " + paymentId);
            }
        }
        return p;
    }

    /**
     * Asks for a refund. Only the platform decides that (booking-service after a cancel, ops, jobs): a consumer, a desk
     * or HR asking directly is FORBIDDEN, whosever the payment is; an anonymous caller is UNAUTHENTICATED.
     */
    public Payment refund(String paymentId, String reason) {
        CallContext caller = Callers.require(Persona.SYSTEM, Persona.OPS, Persona.CONSUMER, Persona.TESTER,
                Persona.DESK, Persona.HR);
        if (!Callers.is(caller, Persona.SYSTEM) && !Callers.is(caller, Persona.OPS)) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "Refunds are asked by cancelling the booking");
        }
        Payment p = find(paymentId);
        if (p.status() == PaymentStatus.REFUND_PENDING || p.status() == PaymentStatus.REFUNDED) {
            return p;
        }
        if (p.status() != PaymentStatus.SUCCEEDED
                || !payments.transition(p.id(), PaymentStatus.SUCCEEDED, PaymentStatus.REFUND_PENDING, null)) {
            throw new BusinessException(ErrorCode.CONFLICT, "Payment " + p.id() + " is " + find(paymentId).status()
                    + "; only a succeeded payment can be refunded");
        }
        log.info("Refund of payment {} asked: {}", p.id(), reason);
        requestRefund(p);
        return find(paymentId);
    }

    private Payment find(String paymentId) {
        require(paymentId, "paymentId");
        return payments.find(paymentId.trim())
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No payment " + paymentId));
    }

    /**
     * Asks the payment's channel to give the money back (the payment is REFUND_PENDING). A channel that does not answer
     * is asked again by {@link PendingPayments}: the refund is not lost, and asking twice is safe.
     */
    void requestRefund(Payment p) {
        try {
            channels.find(p.channel()).requestRefund(p);
        } catch (PaymentChannel.ChannelUnavailable e) {
            log.warn("Refund of payment {} not yet taken by its channel (asked again later): {}", p.id(), e.getMessage());
        }
    }

    /**
     * Closes a pending payment's trade at its channel, so the payer can no longer pay it (its order closed unpaid),
     * then asks the channel once: unpaid → the payment is CLOSED; paid just before the close → applied as paid, and
     * reconciliation gives the money back (its order is closed). A channel without trades to close leaves the payment
     * PENDING (its own answer settles it). Called outside any transaction (two HTTP calls): {@link ClosedOrders}.
     *
     * @throws PaymentChannel.ChannelUnavailable when the channel could not be reached or refused for now
     */
    void closeTrade(Payment p) {
        PaymentChannel channel = channels.find(p.channel());
        if (p.status() != PaymentStatus.PENDING || channel == null || !channel.close(p)) {
            return;
        }
        // Closed first, then asked: a payment made before the close is seen, none can be made after it.
        ChannelNotification paid = channel.canBeAsked() ? channel.query(p).orElse(null) : null;
        if (paid != null) {
            answered(p, paid);
        } else if (payments.transition(p.id(), PaymentStatus.PENDING, PaymentStatus.CLOSED, null)) {
            log.info("Payment {} closed: its order {} closed unpaid", p.id(), p.orderId());
        }
    }

    /**
     * A callback of a channel that signs its body with an HMAC (the simulated one): verified, then applied once. Nothing
     * from the URL or body is logged raw: the channel name is checked first, the body only stored.
     */
    public String callback(String channelName, String body, String signature) {
        String channel = channelName(channelName);
        String secret = channels.secret(channel);
        PaymentChannel c = channels.find(channel);
        if (secret == null || c != null && !c.takesHmacCallbacks()) {
            throw new BusinessException(ErrorCode.NOT_FOUND, "No payment channel " + channel + " taking signed callbacks");
        }
        if (body == null || !CallbackSignature.verify(secret, body, signature)) {
            throw rejected(channel, body, "BAD_SIGNATURE", "Callback signature is not valid");
        }
        return accept(channel, parse(channel, body), body, null, "Notification");
    }

    /**
     * A notification of a channel that verifies its own (WeChat Pay: signature headers, replay window, encrypted
     * resource). Each nonce is taken once: a captured notification sent again is acknowledged and ignored.
     */
    public String notification(String channelName, SignedNotification n) {
        String channel = channelName(channelName);
        PaymentChannel c = channels.find(channel);
        if (c == null || c.takesHmacCallbacks()) {
            throw new BusinessException(ErrorCode.NOT_FOUND, "No payment channel " + channel + " taking notifications");
        }
        ChannelNotification verified;
        try {
            verified = c.verify(n);
        } catch (PaymentChannel.NotificationRejected e) {
            log.warn("Rejected a notification on channel {}: {}", channel, e.getMessage());
            throw rejected(channel, n.body(), "REJECTED", "Notification is not valid: " + e.getMessage());
        }
        if (ChannelNotification.OTHER.equals(verified.kind())) {
            // Genuine but nothing to apply (a refund the channel could not make, a closed trade...): kept for ops and
            // acknowledged, or the channel would send it for a day.
            payments.recordCallback(channel, verified.paymentId(), "NOT_APPLIED", audit(verified, null));
            log.error("Channel {} sent a notification the platform does not act on, for payment {}: {}", channel,
                    verified.paymentId(), verified.audit());
            return "OK";
        }
        return accept(channel, verified, audit(verified, n.body()), n.nonce(), "Notification");
    }

    /** What the channel told us when asked (a late notification): applied exactly as a notification would be. */
    String answered(Payment p, ChannelNotification n) {
        return accept(p.channel(), n, audit(n, null), null, "Channel's answer");
    }

    private static String audit(ChannelNotification n, String body) {
        return n.audit() != null ? n.audit() : body;
    }

    /** The address if it is an IPv4 or IPv6 literal (nothing is resolved), else null. */
    static String ipLiteral(String address) {
        if (address == null || address.isBlank() || address.length() > 45) {
            return null;
        }
        String a = address.trim();
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : a.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
            return a;
        }
        return a.matches("[0-9A-Fa-f:.]{2,45}") && a.contains(":") ? a : null;
    }

    private static String channelName(String name) {
        String channel = name == null ? "" : name.trim().toUpperCase(java.util.Locale.ROOT);
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED,
                    "A channel name is 1-32 letters, digits or '_', starting with a letter");
        }
        return channel;
    }

    /** Records a refused callback and gives the error to answer with. */
    private BusinessException rejected(String channel, String body, String outcome, String why) {
        // Anyone can send these: keep that it happened, not what an unauthenticated sender wrote.
        payments.recordCallback(channel, null, outcome, unsignedSummary(body));
        log.warn("Rejected a callback on channel {}: {}", channel, outcome);
        return new BusinessException(ErrorCode.UNAUTHENTICATED, why);
    }

    /**
     * A verified notification: matched against the payment (and its channel), applied at most once, audited. Its nonce
     * (when it has one) is taken in the same transaction, so a failed apply leaves it for the channel's resend, and a
     * captured notification sent again is acknowledged and ignored.
     * <p>
     * Once it matches the payment, it is applied under the payment's trace id (the call that created the payment: the
     * booking's), not the notification's own: its log lines and its event, and so order PAID, booking CONFIRMED and
     * what follows, stay in the booking's trace; one line links the two ids. What is refused (not verified, no such
     * payment, not matching it) stays in the notification's own trace: nothing of it is trusted.
     *
     * @param what how the line linking the traces names it
     */
    private String accept(String channel, ChannelNotification n, String auditBody, String nonce, String what) {
        Payment p = payments.find(n.paymentId()).orElse(null);
        if (p == null) {
            payments.recordCallback(channel, null, "UNKNOWN_PAYMENT", auditBody);
            throw new BusinessException(ErrorCode.NOT_FOUND, "No such payment");
        }
        try {
            if (!p.channel().equals(channel)) {
                // A channel speaks only for its own payments, whatever its signature says.
                throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Payment " + p.id() + " is not a " + channel
                        + " payment");
            }
            p.checkMatches(n);
        } catch (BusinessException mismatch) {
            payments.recordCallback(channel, p.id(), "MISMATCH", auditBody);
            log.warn("Rejected a {} callback for payment {}: it does not match the payment", channel, p.id());
            throw mismatch;
        }
        CallContext own = CallContextHolder.current().orElse(null);
        CallContext under = PaymentTraces.of(p, own);
        if (under != own) {
            log.info("{}{} for payment {} applied under the payment's trace {}", what,
                    own == null ? "" : " " + own.traceId(), p.id(), under.traceId());
        }
        try (CallContextHolder.Scope ignored = under == own ? () -> { } : CallContextHolder.bind(under)) {
            String outcome = tx.execute(s -> {
                if (!payments.firstUseOfNonce(channel, nonce)) {
                    payments.recordCallback(channel, p.id(), "NONCE_REPLAY", auditBody);
                    return "NONCE_REPLAY";
                }
                return apply(p, n, channel, auditBody);
            });
            log.info("Callback {} for payment {}: {}", n.kind(), p.id(), outcome);
        }
        return "OK";
    }

    private static String unsignedSummary(String body) {
        if (body == null) {
            return "(no body)";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "(unsigned body, " + body.length() + " chars, sha256 " + java.util.HexFormat.of().formatHex(digest) + ")";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String apply(Payment p, ChannelNotification n, String channel, String body) {
        String outcome;
        if (ChannelNotification.SUCCESS.equals(n.kind())) {
            // Also a payment closed with its order: the payer paid before the close took, the money is given back.
            if (payments.transition(p.id(), PaymentStatus.PENDING, PaymentStatus.SUCCEEDED, n.channelTxnId())
                    || payments.transition(p.id(), PaymentStatus.CLOSED, PaymentStatus.SUCCEEDED, n.channelTxnId())) {
                events.publish(Topics.PAYMENT, PaymentEvent.SUCCEEDED, p.orderId(),
                        new PaymentEvent(p.id(), p.orderId(), p.amountCents(), p.channel()));
                outcome = "APPLIED";
            } else {
                outcome = "REPLAY";
            }
        } else if (payments.transition(p.id(), PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED, n.channelTxnId())) {
            events.publish(Topics.PAYMENT, PaymentEvent.REFUNDED, p.orderId(),
                    new PaymentEvent(p.id(), p.orderId(), p.amountCents(), p.channel()));
            outcome = "APPLIED";
        } else if (payments.find(p.id()).map(x -> x.status() == PaymentStatus.REFUNDED).orElse(false)) {
            outcome = "REPLAY";
        } else {
            // A refund nobody asked for: record it loudly, do not move state.
            outcome = "UNEXPECTED_REFUND";
            log.error("Channel {} reports a refund of payment {} that was not asked for", channel, p.id());
        }
        payments.recordCallback(channel, p.id(), outcome, body);
        return outcome;
    }

    private ChannelNotification parse(String channel, String body) {
        try {
            JsonNode j = Json.MAPPER.readTree(body);
            String kind = j.path("kind").asText("");
            if (!ChannelNotification.SUCCESS.equals(kind) && !ChannelNotification.REFUNDED.equals(kind)
                    || !j.path("amountCents").canConvertToLong() || j.path("paymentId").asText("").isBlank()) {
                throw new IllegalArgumentException("missing or bad fields");
            }
            return new ChannelNotification(j.path("paymentId").asText(), j.path("orderId").asText(),
                    j.path("amountCents").asLong(), kind, j.path("channelTxnId").asText(null));
        } catch (Exception e) {
            payments.recordCallback(channel, null, "MALFORMED", body);
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Callback body is not a valid notification");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, field + " is required");
        }
    }
}
