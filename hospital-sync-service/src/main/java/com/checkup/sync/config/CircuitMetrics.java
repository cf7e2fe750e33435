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
 * {@code checkup_sync_circuit_open{hospital}} — 1 while OPEN, else 0 — for the hospitals this instance holds a circuit
 * for (those it has called since it started, only its tier's): bounded by the hospitals, one series each. The rows
 * are refreshed every few seconds (a hospital called for the first time appears then).
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
                .description("1 while a hospital's circuit is OPEN, else 0 (hospitals this instance has called)")
                .register(registry);
        refresher.scheduleWithFixedDelay(() -> perHospital.register(circuits.hospitals().stream()
                        .map(h -> MultiGauge.Row.of(Tags.of("hospital", h), "OPEN".equals(circuits.state(h)) ? 1 : 0))
                        .toList(), true),
                0, 5, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
