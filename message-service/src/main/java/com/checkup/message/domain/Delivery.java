package com.checkup.message.domain;

/**
 * A try's outcome as the provider reported it: ACCEPTED (it took the message: Aliyun's {@code BizId}, the SMTP
 * server's reply and our Message-ID), REJECTED (it never will: a bad number, template or key; a dead letter at once) or
 * FAILED (not now: quota, throttling, an outage; tried again). {@code code} is the provider's own (Aliyun's
 * {@code Code}, the SMTP reply code), {@code reference} what the provider knows the message by.
 */
public record Delivery(Outcome outcome, String provider, String code, String reference) {
    public enum Outcome { ACCEPTED, REJECTED, FAILED }

    public static Delivery accepted(String provider, String code, String reference) {
        return new Delivery(Outcome.ACCEPTED, provider, code, reference);
    }

    public static Delivery rejected(String provider, String code, String reference) {
        return new Delivery(Outcome.REJECTED, provider, code, reference);
    }

    public static Delivery failed(String provider, String code, String reference) {
        return new Delivery(Outcome.FAILED, provider, code, reference);
    }
}
