package com.checkup.platform.dubbo;

/** Provider settings every service uses; applied by the Spring wiring and by tests that build Dubbo by hand. */
public final class DubboDefaults {
    /** {@link ErrorBoundaryFilter} replaces Dubbo's exception filter. */
    public static final String PROVIDER_FILTER = "-exception";

    private DubboDefaults() {
    }
}
