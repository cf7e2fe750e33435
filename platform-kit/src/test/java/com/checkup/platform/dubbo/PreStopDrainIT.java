package com.checkup.platform.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.LoopbackPorts;
import com.checkup.platform.embedded.TestInfrastructure;
import com.checkup.platform.spring.KubernetesProfileAccess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * The preStop hook every k8s Deployment runs (k8s/components/hardened/workload.yaml), run here as bash would run it in
 * the pod, against a provider set up with the k8s profile's QoS settings: it takes the instance out of the registry
 * (ZooKeeper here, Nacos there: QoS `offline` unregisters through the same Dubbo abstraction) while the process keeps
 * serving calls in flight.
 */
@ExtendWith(EmbeddedInfraExtension.class)
class PreStopDrainIT {
    private static final Path WORKLOAD = Path.of("../k8s/components/hardened/workload.yaml");

    @SuppressWarnings("unchecked")
    static String preStopCommand() throws Exception {
        Map<String, Object> doc = new Yaml().load(Files.readString(WORKLOAD));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) doc.get("spec")).get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        Map<String, Object> exec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) container.get("lifecycle")).get("preStop")).get("exec");
        List<String> command = (List<String>) exec.get("command");
        assertThat(command.subList(0, 2)).containsExactly("bash", "-c");
        return command.get(2);
    }

    private static List<URL> providers(Registry registry) {
        URL query = URL.valueOf("consumer://127.0.0.1/" + Hops.HopB.class.getName() + "?interface="
                + Hops.HopB.class.getName() + "&category=providers&check=false");
        return registry.lookup(query).stream().filter(u -> !"empty".equals(u.getProtocol())
                && "drain-probe".equals(u.getParameter("application"))).toList();
    }

    @Test
    void thePreStopHookTakesTheInstanceOutOfTheRegistry(TestInfrastructure infra) throws Exception {
        String hook = preStopCommand();
        assertThat(hook).contains("/dev/tcp/127.0.0.1/22222").contains("/offline").containsPattern("sleep \\d+");
        Properties k8s = KubernetesProfileAccess.properties();
        assertThat(k8s.getProperty("dubbo.application.qos-port")).isEqualTo("22222");
        int qosPort = LoopbackPorts.freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.net.preferIPv4Stack=true",
                // the loopback name DUBBO_IP_TO_BIND holds (inherited) resolves through the test's hosts file
                "-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file", "/etc/hosts"),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Duser.home=" + System.getProperty("user.home"),
                DrainProbeProvider.class.getName(), infra.zooKeeper().dubboUrl(), String.valueOf(LoopbackPorts.freePort()),
                String.valueOf(qosPort), k8s.getProperty("dubbo.application.qos-host"),
                k8s.getProperty("dubbo.application.qos-accept-foreign-ip")).redirectErrorStream(true);
        Process provider = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(provider.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                log.append(line).append('\n');
            }
            assertThat(line).as("the provider started:\n" + log).isEqualTo("READY");
            Registry registry = ApplicationModel.defaultModel().getExtensionLoader(RegistryFactory.class).getAdaptiveExtension()
                    .getRegistry(URL.valueOf(infra.zooKeeper().dubboUrl()).setScopeModel(ApplicationModel.defaultModel()));
            await().atMost(Duration.ofSeconds(20)).until(() -> providers(registry).size() == 1);

            // the hook as the pod runs it, on this provider's QoS port and without the wait for consumers
            Process hookRun = new ProcessBuilder("bash", "-c", hook.replace("22222", String.valueOf(qosPort))
                    .replaceAll("sleep \\d+", "sleep 0")).redirectErrorStream(true).start();
            assertThat(hookRun.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(hookRun.exitValue()).as(new String(hookRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

            await().atMost(Duration.ofSeconds(20)).until(() -> providers(registry).isEmpty());
            assertThat(provider.isAlive()).as("offline leaves the process running: SIGTERM comes after the wait").isTrue();
        } finally {
            provider.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
