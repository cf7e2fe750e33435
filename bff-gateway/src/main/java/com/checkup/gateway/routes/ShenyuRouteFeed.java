package com.checkup.gateway.routes;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.shenyu.common.dto.MetaData;
import org.apache.shenyu.common.dto.PluginData;
import org.apache.shenyu.common.dto.RuleData;
import org.apache.shenyu.common.dto.SelectorData;
import org.apache.shenyu.common.enums.MatchModeEnum;
import org.apache.shenyu.common.enums.PluginEnum;
import org.apache.shenyu.common.enums.RpcTypeEnum;
import org.apache.shenyu.common.enums.SelectorTypeEnum;
import org.apache.shenyu.sync.data.api.MetaDataSubscriber;
import org.apache.shenyu.sync.data.api.PluginDataSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds ShenYu what shenyu-admin would have synced: plugin data (the Dubbo registry, our plugins on or off), one
 * full-flow selector and rule per plugin (our plugins read per-route settings from the route table, so ShenYu does
 * no per-request condition matching), and one metadata record per Dubbo route, which makes the apache-dubbo plugin
 * build its generic reference. Called again on every accepted route document.
 */
public final class ShenyuRouteFeed {
    /** Our plugins on ShenYu's chain; auth cannot be switched off. */
    public static final List<String> OUR_PLUGINS = List.of("checkupAuth", "checkupLane", "checkupLimits");
    private static final Logger log = LoggerFactory.getLogger(ShenyuRouteFeed.class);

    private final PluginDataSubscriber plugins;
    private final List<MetaDataSubscriber> metaSubscribers;
    private final String dubboPluginConfig;
    private final Map<String, MetaData> fed = new ConcurrentHashMap<>();
    private volatile boolean ready;

    public ShenyuRouteFeed(PluginDataSubscriber plugins, List<MetaDataSubscriber> metaSubscribers, RegistryEndpoint registry) {
        this.plugins = plugins;
        this.metaSubscribers = metaSubscribers;
        this.dubboPluginConfig = dubboPluginConfig(registry);
    }

    /**
     * The apache-dubbo plugin's settings: where its references find providers. Written as JSON by Jackson (an address or
     * a password is data, never pasted into JSON). It holds the registry credentials: ShenYu keeps plugin data in this
     * process only (its local admin endpoints are off: shenyu.switchConfig.local=false).
     */
    public static String dubboPluginConfig(RegistryEndpoint registry) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("register", registry.shenyuRegister());
        config.put("protocol", registry.protocol());
        try {
            return new ObjectMapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metadata the apache-dubbo plugin uses for a route (keyed by a synthetic path: HTTP paths are not unique per method). */
    public MetaData metaData(Route route) {
        return fed.get(route.getId());
    }

    public boolean isReady() {
        return ready;
    }

    public synchronized void apply(RouteTable table) {
        plugin(PluginEnum.DUBBO.getName(), dubboPluginConfig, true);
        for (String p : OUR_PLUGINS) {
            plugin(p, null, table.pluginEnabled(p));
        }
        Map<String, MetaData> next = new ConcurrentHashMap<>();
        for (Route r : table.routes()) {
            if (!r.isDubbo()) {
                continue;
            }
            MetaData m = new MetaData();
            m.setId(r.getId());
            m.setAppName(serviceName(r.getService()));
            m.setContextPath("/");
            m.setPath("/_route/" + r.getId());
            m.setRpcType(RpcTypeEnum.DUBBO.getName());
            m.setServiceName(r.getService());
            m.setMethodName(r.getCall());
            m.setParameterTypes(r.parameterTypes());
            m.setRpcExt("{\"timeout\":" + r.getTimeoutMs() + ",\"retries\":" + r.getRetries() + "}");
            m.setEnabled(true);
            next.put(r.getId(), m);
        }
        for (MetaData gone : fed.values()) {
            MetaData now = next.get(gone.getId());
            if (now == null || !same(gone, now)) {
                metaSubscribers.forEach(s -> s.unSubscribe(gone));
            }
        }
        for (MetaData m : next.values()) {
            MetaData before = fed.get(m.getId());
            if (before == null || !same(before, m)) {
                // ShenYu's subscriber builds the generic reference now, so the first request does not pay for it.
                metaSubscribers.forEach(s -> s.onSubscribe(m));
            }
        }
        fed.keySet().retainAll(next.keySet());
        fed.putAll(next);
        ready = true;
        log.info("Route table applied: {} routes, {} Dubbo methods", table.routes().size(), next.size());
    }

    private void plugin(String name, String config, boolean enabled) {
        plugins.onSubscribe(new PluginData(name, name, config, "Checkup", enabled));
        if (!enabled) {
            return;
        }
        String selectorId = name + "-all";
        SelectorData selector = SelectorData.builder().id(selectorId).pluginId(name).pluginName(name).name(selectorId)
                .matchMode(MatchModeEnum.AND.getCode()).type(SelectorTypeEnum.FULL_FLOW.getCode()).sort(1)
                .enabled(true).logged(false).continued(true).handle("[]").conditionList(Collections.emptyList()).build();
        plugins.onSelectorSubscribe(selector);
        RuleData rule = RuleData.builder().id(name + "-rule").name(name + "-rule").pluginName(name).selectorId(selectorId)
                .matchMode(MatchModeEnum.AND.getCode()).sort(1).enabled(true).loged(false).handle("{}")
                .conditionDataList(new ArrayList<>()).build();
        plugins.onRuleSubscribe(rule);
    }

    private static boolean same(MetaData a, MetaData b) {
        return Objects.equals(a.getServiceName(), b.getServiceName()) && Objects.equals(a.getMethodName(), b.getMethodName())
                && Objects.equals(a.getParameterTypes(), b.getParameterTypes()) && Objects.equals(a.getRpcExt(), b.getRpcExt());
    }

    private static String serviceName(String iface) {
        return iface.substring(iface.lastIndexOf('.') + 1);
    }
}
