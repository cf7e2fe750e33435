package com.checkup.platform.dubbo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.ServiceConfigBase;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.RegistryManager;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ModuleModel;

/**
 * Whether this process is usable by its callers: every Dubbo service it provides is exported and its address is in
 * the registry, as a caller would look it up (not merely "we asked to register": the registry's client retries failed
 * registrations in the background and says nothing). A service is ready only when this says so, and stops being
 * ready as soon as it starts shutting down, so a rolling update never waits on an instance nobody can call.
 */
public final class ProviderRegistration {
    private final ApplicationModel application;
    private final int minimumServices;

    /**
     * {@code minimumServices}: how many Dubbo services the process must provide to be usable at all. A service started
     * without its providers (class-path scanning that found nothing) would otherwise count as ready with none.
     */
    public ProviderRegistration(ApplicationModel application, int minimumServices) {
        this.application = application;
        this.minimumServices = minimumServices;
    }

    /** Empty when usable; otherwise why not, one line per service. */
    public List<String> notUsable() {
        List<String> reasons = new ArrayList<>();
        if (application.isDestroyed() || application.getDeployer() == null || application.getDeployer().isStopping()
                || application.getDeployer().isStopped()) {
            return List.of("shutting down");
        }
        Collection<Registry> registries = interfaceRegistries();
        int provided = 0;
        for (ModuleModel module : application.getPubModuleModels()) {
            if (module.isDestroyed() || module.getDeployer() == null || module.getDeployer().isStopping()
                    || module.getDeployer().isStopped()) {
                return List.of("shutting down");
            }
            for (ServiceConfigBase<?> service : module.getConfigManager().getServices()) {
                provided++;
                String name = service.getUniqueServiceName();
                if (!service.isExported() || (service instanceof ServiceConfig<?> s && s.isUnexported())) {
                    reasons.add(name + ": not exported");
                    continue;
                }
                if (service instanceof ServiceConfig<?> s) {
                    for (URL exported : s.getExportedUrls()) {
                        for (Registry registry : registries) {
                            if (!listed(registry, service, exported)) {
                                reasons.add(name + ": " + exported.getAddress() + " not in " + registry.getUrl().getAddress());
                            }
                        }
                    }
                }
            }
        }
        if (provided < minimumServices) {
            reasons.add(provided + " Dubbo service(s) provided, at least " + minimumServices + " expected");
        }
        return reasons;
    }

    private Collection<Registry> interfaceRegistries() {
        // Application-level discovery registries (off here: register-mode=interface) have no per-interface lookup.
        return RegistryManager.getInstance(application).getRegistries().stream()
                .filter(r -> !"service-discovery-registry".equals(r.getUrl().getProtocol()))
                .toList();
    }

    private static boolean listed(Registry registry, ServiceConfigBase<?> service, URL exported) {
        String iface = service.getInterface();
        StringBuilder query = new StringBuilder("consumer://").append(exported.getHost()).append('/').append(iface)
                .append("?interface=").append(iface).append("&category=providers&check=false");
        if (service.getGroup() != null && !service.getGroup().isEmpty()) {
            query.append('&').append(CommonConstants.GROUP_KEY).append('=').append(service.getGroup());
        }
        if (service.getVersion() != null && !service.getVersion().isEmpty()) {
            query.append('&').append(CommonConstants.VERSION_KEY).append('=').append(service.getVersion());
        }
        try {
            for (URL provider : registry.lookup(URL.valueOf(query.toString()))) {
                if (!"empty".equals(provider.getProtocol()) && provider.getAddress().equals(exported.getAddress())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException registryUnreachable) {
            return false;
        }
    }
}
