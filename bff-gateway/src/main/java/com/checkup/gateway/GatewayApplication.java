package com.checkup.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The public HTTP edge: Apache ShenYu turns each route of the public API into a Dubbo generic call, after our own
 * plugins have authenticated the caller, chosen the lane, applied the limits; every failure answers the one envelope.
 */
@SpringBootApplication
public class GatewayApplication {
    public static void main(String[] args) {
        // Before Dubbo initialises: no QoS port, and references may be built before their providers are up
        // (a call then answers UNAVAILABLE instead of the reference failing for good).
        System.setProperty("dubbo.application.qos-enable", "false");
        System.setProperty("dubbo.consumer.check", "false");
        SpringApplication.run(GatewayApplication.class, args);
    }
}
