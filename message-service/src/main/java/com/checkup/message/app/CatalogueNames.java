package com.checkup.message.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names of hospitals and packages for notices, cached per hospital ({@code ttl}). Best effort: a notice is never held
 * back for a name. When the catalogue cannot be asked, the notice goes without the names (clients word it with what
 * is there) and the catalogue is not asked again about that hospital for {@code retryAfter}, so an event handler waits
 * at most one short call per hospital and period.
 */
public final class CatalogueNames {
    private static final Logger log = LoggerFactory.getLogger(CatalogueNames.class);

    private final Catalogue catalogue;
    private final Clock clock;
    private final Duration ttl;
    private final Duration retryAfter;
    private final Map<String, Names> byHospital = new ConcurrentHashMap<>();

    private record Names(String hospital, Map<String, String> packages, Instant until) {
    }

    public CatalogueNames(Catalogue catalogue, Clock clock, Duration ttl, Duration retryAfter) {
        this.catalogue = catalogue;
        this.clock = clock;
        this.ttl = ttl;
        this.retryAfter = retryAfter;
    }

    public Optional<String> hospital(String hospitalId) {
        return hospitalId == null ? Optional.empty() : Optional.ofNullable(names(hospitalId).hospital());
    }

    public Optional<String> packageName(String hospitalId, String packageId) {
        return hospitalId == null || packageId == null ? Optional.empty()
                : Optional.ofNullable(names(hospitalId).packages().get(packageId));
    }

    private Names names(String hospitalId) {
        Instant now = clock.instant();
        Names n = byHospital.get(hospitalId);
        if (n != null && now.isBefore(n.until())) {
            return n;
        }
        Names fresh;
        try {
            fresh = new Names(catalogue.hospitals().get(hospitalId), Map.copyOf(catalogue.packages(hospitalId)), now.plus(ttl));
        } catch (RuntimeException e) {
            log.info("Catalogue names of {} not available ({}): notices go without them for {}", hospitalId, e.toString(), retryAfter);
            // keep what we had, if anything, for a while longer
            fresh = n != null ? new Names(n.hospital(), n.packages(), now.plus(retryAfter))
                    : new Names(null, Map.of(), now.plus(retryAfter));
        }
        byHospital.put(hospitalId, fresh);
        return fresh;
    }
}
