package com.checkup.platform.flags;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.apache.dubbo.common.config.configcenter.ConfigChangeType;
import org.apache.dubbo.common.config.configcenter.ConfigurationListener;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-hospital feature flags in the config center (group {@value #GROUP}, key {@code <hospitalId>.<flag>}), with a
 * platform-wide value under {@code default.<flag>} and the flag's own default when neither is set. Each key is
 * watched from its first read, so a change is seen live without restart and reads are served from memory.
 */
public final class FeatureFlags {
    public static final String GROUP = "checkup-flags";
    public static final String ALL_HOSPITALS = "default";
    private static final Logger log = LoggerFactory.getLogger(FeatureFlags.class);
    private static final Pattern HOSPITAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final DynamicConfiguration config;
    private final ConcurrentMap<String, Optional<String>> values = new ConcurrentHashMap<>();

    public FeatureFlags(DynamicConfiguration config) {
        this.config = config;
    }

    public <T> T get(FeatureFlag<T> flag, String hospitalId) {
        Optional<String> raw = raw(hospitalId, flag);
        if (raw.isEmpty()) {
            raw = raw(ALL_HOSPITALS, flag);
        }
        if (raw.isEmpty()) {
            return flag.defaultValue();
        }
        try {
            return flag.parse(raw.get());
        } catch (IllegalArgumentException e) {
            log.warn("Flag {} for {} has a bad value, using default {}: {}", flag.name(), hospitalId,
                    flag.defaultValue(), e.getMessage());
            return flag.defaultValue();
        }
    }

    /**
     * Sets a hospital's value (or {@link #ALL_HOSPITALS}); the text is validated first.
     *
     * @throws BusinessException VALIDATION_FAILED for a bad value or hospital id
     */
    public <T> void set(FeatureFlag<T> flag, String hospitalId, String value) {
        try {
            flag.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, e.getMessage());
        }
        if (!config.publishConfig(key(hospitalId, flag), GROUP, value.trim())) {
            throw new IllegalStateException("Config center did not accept flag " + flag.name());
        }
    }

    /** Removes a hospital's value, so the platform-wide value or the default applies again. */
    public void clear(FeatureFlag<?> flag, String hospitalId) {
        config.removeConfig(key(hospitalId, flag), GROUP);
    }

    /** Read on every request (a hold reads three flags): a key seen before costs one map look-up, no check. */
    private Optional<String> raw(String hospitalId, FeatureFlag<?> flag) {
        if (hospitalId != null) {
            Optional<String> known = values.get(hospitalId + "." + flag.name());
            if (known != null) {
                return known; // only checked keys are ever added
            }
        }
        return values.computeIfAbsent(key(hospitalId, flag), k -> {
            // Listen first, then read: a change between the two is not missed.
            ConfigurationListener listener = event -> values.put(k,
                    event.getChangeType() == ConfigChangeType.DELETED ? Optional.empty() : nonBlank(event.getContent()));
            config.addListener(k, GROUP, listener);
            return nonBlank(config.getConfig(k, GROUP));
        });
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    static String key(String hospitalId, FeatureFlag<?> flag) {
        if (hospitalId == null || !HOSPITAL_ID.matcher(hospitalId).matches()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "Bad hospital id for a flag: " + hospitalId);
        }
        return hospitalId + "." + flag.name();
    }
}
