package com.checkup.message.provider;

import com.checkup.message.domain.Channel;
import com.checkup.message.domain.Delivery;
import com.checkup.message.domain.Message;
import com.checkup.platform.retry.RetryPolicy;
import java.util.EnumMap;
import java.util.Map;

/**
 * The provider of each channel, as configured ({@code checkup.message.providers.*}): the one {@link MessageProvider}
 * the dispatcher sees. A failure the provider did not explain is recorded as that provider's FAILED try.
 */
public final class ChannelProviders implements MessageProvider {
    /** A channel's provider and the name it is configured and recorded by. */
    public record Named(String name, MessageProvider provider) {
    }

    private final Map<Channel, Named> byChannel;

    public ChannelProviders(Map<Channel, Named> byChannel) {
        for (Channel c : Channel.values()) {
            if (!byChannel.containsKey(c)) {
                throw new IllegalArgumentException("No provider for channel " + c);
            }
        }
        this.byChannel = new EnumMap<>(byChannel);
    }

    public String nameOf(Channel c) {
        return byChannel.get(c).name();
    }

    @Override
    public Delivery send(Message m) throws Exception {
        Named p = byChannel.get(m.channel());
        try {
            return p.provider().send(m);
        } catch (DeliveryRejected | DeliveryFailed e) {
            throw e;
        } catch (Exception e) {
            throw new DeliveryFailed(RetryPolicy.describe(e), Delivery.failed(p.name(), null, null), e);
        }
    }
}
