package com.checkup.sync.config;

import com.checkup.sync.connector.HospitalCircuits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Hospital circuits on /actuator/prometheus: {@code checkup_sync_circuits_open} (how many are OPEN) and
 * {@code checkup_sync_circuit_open{hospital}} — 1 while OPEN, 0 while HALF_OPEN — for the hospitals whose circuit is
 * not CLOSED only. With 2,000 hospitals a series per hospital would be 2,000 series of zeros; a circuit that closes
 * drops its series (the alert resolves). The per-hospital rows are refreshed every few seconds.
 */
@Component
public class CircuitMetrics implements MeterBinder, DisposableBean {
    private final HospitalCircuits circuits;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "circuit-metrics");
        t.setDaemon(true);
        return t;
    });

    public CircuitMetrics(HospitalCircuits circuits) {
        this.circuits = circuits;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("checkup.sync.circuits.open", circuits,
                        c -> c.notClosed().values().stream().filter("OPEN"::equals).count())
                .description("Hospital circuits that are OPEN (calls to those hospitals fail fast)").register(registry);
        MultiGauge perHospital = MultiGauge.builder("checkup.sync.circuit.open")
                .description("1 while a hospital's circuit is OPEN, 0 while HALF_OPEN; absent while CLOSED")
                .register(registry);
        refresher.scheduleWithFixedDelay(() -> perHospital.register(circuits.notClosed().entrySet().stream()
                        .map(e -> MultiGauge.Row.of(Tags.of("hospital", e.getKey()), "OPEN".equals(e.getValue()) ? 1 : 0))
                        .toList(), true),
                0, 5, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
