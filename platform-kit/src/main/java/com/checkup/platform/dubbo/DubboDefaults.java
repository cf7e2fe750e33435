package com.checkup.platform.dubbo;

/** Filter settings every service uses (provider and consumer side); applied by the Spring wiring and by tests that build Dubbo by hand. */
public final class DubboDefaults {
    /**
     * {@link ErrorBoundaryFilter} replaces Dubbo's exception filter; Sentinel's filter is replaced by one that enters
     * Sentinel only while there are flow rules ({@link com.checkup.platform.sentinel.RuledSentinelProviderFilter}).
     */
    public static final String PROVIDER_FILTER = "-exception,-sentinel.dubbo.provider.filter";

    /** Sentinel's consumer filter is replaced likewise ({@link com.checkup.platform.sentinel.RuledSentinelConsumerFilter}). */
    public static final String CONSUMER_FILTER = "-sentinel.dubbo.consumer.filter";

    private DubboDefaults() {
    }
}
