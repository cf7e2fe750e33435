package com.checkup.message.provider;

import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.message.persistence.MessageRepository;
import com.checkup.platform.flags.FeatureFlag;
import com.checkup.platform.flags.FeatureFlags;
import java.io.IOException;

/**
 * Local stand-in for a channel, only where configured ({@code checkup.message.providers.<channel>=simulated}):
 * records what it would send (table {@code simulated_delivery}, once per message id). Flag {@code sim-provider-down}
 * (per hospital or {@code default}) makes it fail, to see retries and dead letters.
 */
public final class SimulatedProvider implements MessageProvider {
    public static final String NAME = "simulated";
    public static final FeatureFlag<Boolean> DOWN = FeatureFlag.ofBoolean(com.checkup.contracts.flags.FlagCatalogue.SIM_PROVIDER_DOWN.name(), false);

    private final MessageRepository messages;
    private final FeatureFlags flags;

    public SimulatedProvider(MessageRepository messages, FeatureFlags flags) {
        this.messages = messages;
        this.flags = flags;
    }

    @Override
    public Delivery send(Message m) throws IOException {
        if (flags.get(DOWN, m.hospitalId())) {
            throw new IOException("simulated " + m.channel() + " provider is down");
        }
        messages.simulatedDelivery(m);
        return Delivery.accepted(NAME, "OK", m.id());
    }
}
