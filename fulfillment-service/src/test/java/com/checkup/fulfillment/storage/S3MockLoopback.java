package com.checkup.fulfillment.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Runs inside the S3Mock process, not in the tests ({@link EmbeddedS3Mock} adds it with {@code spring.main.sources}):
 * S3Mock's plain-HTTP connector is an extra Tomcat connector that {@code server.address} does not reach, so it would
 * listen on every interface. This binds it to 127.0.0.1 like the HTTPS one.
 */
public class S3MockLoopback implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    /** Printed once done; EmbeddedS3Mock does not use an S3Mock without it. */
    static final String BOUND = "S3MockLoopback: HTTP connector bound to 127.0.0.1";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        InetAddress loopback;
        try {
            loopback = InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        for (Connector c : factory.getAdditionalTomcatConnectors()) {
            if (c.getProtocolHandler() instanceof AbstractProtocol<?> p) {
                p.setAddress(loopback);
            } else {
                throw new IllegalStateException("Cannot bind " + c + " to loopback");
            }
        }
        System.out.println(BOUND);
    }
}
