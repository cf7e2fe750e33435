package com.checkup.gateway.lanes;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.RegistryFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which service runs in which lane right now, from the Dubbo registry (through Dubbo's registry abstraction, so the
 * same code reads ZooKeeper locally and Nacos in k8s): each provider's {@code application} and {@code tag}.
 */
public final class LiveLanes {
    private final RegistryEndpoint endpoint;
    private volatile Registry registry;

    public LiveLanes(RegistryEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** service → lane → instances ({@code host:port}); the baseline is "baseline". */
    public Map<String, Map<String, List<String>>> snapshot(Collection<String> interfaces) {
        Map<String, Map<String, TreeSet<String>>> found = new TreeMap<>();
        for (String iface : interfaces) {
            URL query = URL.valueOf("consumer://127.0.0.1/" + iface + "?interface=" + iface + "&category=providers&check=false");
            for (URL provider : registry().lookup(query)) {
                if ("empty".equals(provider.getProtocol())) {
                    continue;
                }
                String app = provider.getParameter("application", "unknown");
                String tag = provider.getParameter(org.apache.dubbo.common.constants.CommonConstants.TAG_KEY);
                found.computeIfAbsent(app, a -> new TreeMap<>())
                        .computeIfAbsent(tag == null || tag.isBlank() ? "baseline" : tag, t -> new TreeSet<>())
                        .add(provider.getAddress());
            }
        }
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        found.forEach((app, lanes) -> {
            Map<String, List<String>> l = new LinkedHashMap<>();
            lanes.forEach((lane, addresses) -> l.put(lane, new ArrayList<>(addresses)));
            out.put(app, l);
        });
        return out;
    }

    /**
     * The interfaces among {@code interfaces} that no instance provides, in any lane: a route calling one of them
     * could only answer 503. Empty when the gateway can reach every route's service.
     */
    public java.util.List<String> withoutProvider(Collection<String> interfaces) {
        java.util.List<String> missing = new ArrayList<>();
        for (String iface : interfaces) {
            URL query = URL.valueOf("consumer://127.0.0.1/" + iface + "?interface=" + iface + "&category=providers&check=false");
            if (registry().lookup(query).stream().allMatch(u -> "empty".equals(u.getProtocol()))) {
                missing.add(iface);
            }
        }
        return missing;
    }

    private Registry registry() {
        Registry r = registry;
        if (r == null) {
            synchronized (this) {
                if (registry == null) {
                    ApplicationModel app = ApplicationModel.defaultModel();
                    URL url = endpoint.url(app);
                    registry = app.getExtensionLoader(RegistryFactory.class).getAdaptiveExtension().getRegistry(url);
                }
                r = registry;
            }
        }
        return r;
    }
}
