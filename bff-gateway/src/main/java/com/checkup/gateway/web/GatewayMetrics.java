package com.checkup.gateway.web;

import com.checkup.gateway.routes.RouteMatch;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Request metrics in Prometheus format at {@code /actuator/prometheus}: {@code checkup_gateway_requests_seconds}
 * by route id (not path: bounded), method, status and outcome, plus JVM metrics. Scraped from the pod; the public
 * ingress forwards only {@code /api/**} (see docs/gateway.md).
 */
public final class GatewayMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public GatewayMetrics() {
        registry.config().commonTags("application", "bff-gateway");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    void record(ServerWebExchange exchange, long nanos) {
        RouteMatch route = GatewayExchange.route(exchange);
        HttpStatus status = exchange.getResponse().getStatusCode();
        int code = status == null ? 200 : status.value();
        String routeId = route == null ? "none" : route.route().getId();
        String method = exchange.getRequest().getMethodValue();
        // One lookup of a plain string per request instead of building and sorting tags.
        timers.computeIfAbsent(routeId + ' ' + method + ' ' + code, k -> Timer.builder("checkup.gateway.requests")
                .tag("route", routeId)
                .tag("method", method)
                .tag("status", Integer.toString(code))
                .tag("outcome", code < 400 ? "SUCCESS" : code < 500 ? "CLIENT_ERROR" : "SERVER_ERROR")
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    String scrape() {
        return registry.scrape();
    }
}
