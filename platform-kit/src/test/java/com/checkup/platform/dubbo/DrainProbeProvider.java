package com.checkup.platform.dubbo;

import com.checkup.platform.dubbo.Hops.HopB;
import com.checkup.platform.embedded.TestSecrets;
import java.util.List;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A provider in a JVM of its own (the QoS server and its {@code offline} command are per process), with QoS set up
 * as the k8s profile sets it; the port is the test's. Prints READY once registered.
 * Arguments: registry URL, Dubbo port, QoS port, the k8s profile's qos-host, qos-accept-foreign-ip.
 */
public final class DrainProbeProvider {
    private DrainProbeProvider() {
    }

    public static void main(String[] args) throws Exception {
        TestSecrets.ensureIdentityKey();
        ApplicationConfig app = new ApplicationConfig("drain-probe");
        app.setRegisterMode("interface");
        app.setEnableFileCache(false);
        app.setQosEnable(true);
        app.setQosPort(Integer.parseInt(args[2]));
        app.setQosHost(args[3]);
        app.setQosAcceptForeignIp(Boolean.parseBoolean(args[4]));
        ServiceConfig<HopB> service = new ServiceConfig<>();
        service.setInterface(HopB.class);
        service.setRef(() -> List.of("drain-probe"));
        ProtocolConfig protocol = new ProtocolConfig("dubbo", Integer.parseInt(args[1]));
        protocol.setHost("127.0.0.1");
        DubboBootstrap.getInstance().application(app).registry(new RegistryConfig(args[0]))
                .protocol(protocol).service(service).start();
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }

}
