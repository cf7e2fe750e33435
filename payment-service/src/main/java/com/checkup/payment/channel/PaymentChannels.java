package com.checkup.payment.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured channels by upper-case name, with the HMAC secret of each one's callbacks. */
public final class PaymentChannels {
    private final Map<String, PaymentChannel> channels = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    public PaymentChannels(List<PaymentChannel> all, Map<String, String> configuredSecrets) {
        configuredSecrets.forEach((k, v) -> secrets.put(k.toUpperCase(), v));
        all.forEach(c -> channels.put(c.name().toUpperCase(), c));
    }

    public PaymentChannel find(String name) {
        return name == null ? null : channels.get(name.trim().toUpperCase());
    }

    public String secret(String name) {
        return name == null ? null : secrets.get(name.trim().toUpperCase());
    }

    public Set<String> names() {
        return channels.keySet();
    }
}
