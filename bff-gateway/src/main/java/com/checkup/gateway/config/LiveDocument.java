package com.checkup.gateway.config;

import org.apache.dubbo.common.config.configcenter.ConfigChangeType;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A JSON document of the gateway that lives in the config center (group/key) with a default bundled in the jar.
 * A change applies at once, without restart; a document that does not parse or validate is refused and the last
 * good one stays (a typo must never take the gateway down). Deleting the key brings the bundled default back.
 */
public final class LiveDocument<T> {
    private static final Logger log = LoggerFactory.getLogger(LiveDocument.class);

    private final String key;
    private final String group;
    private final Function<String, T> parser;
    private final T bundled;
    private final AtomicReference<T> current = new AtomicReference<>();
    private volatile Consumer<T> onChange = t -> { };
    private final DynamicConfiguration config;

    public LiveDocument(DynamicConfiguration config, String group, String key, String bundledResource, Function<String, T> parser) {
        this.config = config;
        this.key = key;
        this.group = group;
        this.parser = parser;
        this.bundled = parser.apply(resource(bundledResource));
        this.current.set(bundled);
    }

    /** Reads the config center's version (if any) and starts listening; {@code onChange} runs for each accepted version. */
    public LiveDocument<T> start(Consumer<T> listener) {
        this.onChange = Objects.requireNonNull(listener);
        if (config != null) {
            // Listen first, then read: a change between the two is not lost.
            config.addListener(key, group, event -> apply(event.getChangeType() == ConfigChangeType.DELETED ? null : event.getContent()));
            apply(config.getConfig(key, group));
        } else {
            listener.accept(bundled);
        }
        return this;
    }

    public T get() {
        return current.get();
    }

    /** Validates and publishes a new version to the config center (every gateway instance picks it up). */
    public T publish(String json) {
        T parsed = parser.apply(json);
        if (config == null || !config.publishConfig(key, group, json)) {
            throw new IllegalStateException("The config center did not accept " + group + "/" + key);
        }
        return parsed;
    }

    private synchronized void apply(String content) {
        if (content == null || content.isBlank()) {
            current.set(bundled);
            onChange.accept(bundled);
            log.info("{}/{}: using the bundled default", group, key);
            return;
        }
        try {
            T parsed = parser.apply(content);
            current.set(parsed);
            onChange.accept(parsed);
            log.info("{}/{}: applied a new version from the config center", group, key);
        } catch (RuntimeException e) {
            log.error("{}/{}: refused a new version, keeping the last good one: {}", group, key, e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = LiveDocument.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
