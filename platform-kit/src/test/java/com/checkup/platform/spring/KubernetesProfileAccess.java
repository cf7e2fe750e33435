package com.checkup.platform.spring;

import java.util.Properties;

/** The k8s profile's values, for tests outside this package. */
public final class KubernetesProfileAccess {
    private KubernetesProfileAccess() {
    }

    public static Properties properties() {
        return KubernetesProfile.load();
    }
}
