package com.checkup.gateway.routes;

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
    private final String registryAddress;
    private final Map<String, MetaData> fed = new ConcurrentHashMap<>();
    private volatile boolean ready;

    public ShenyuRouteFeed(PluginDataSubscriber plugins, List<MetaDataSubscriber> metaSubscribers, String registryAddress) {
        this.plugins = plugins;
        this.metaSubscribers = metaSubscribers;
        this.registryAddress = registryAddress;
    }

    /** The metadata the apache-dubbo plugin uses for a route (keyed by a synthetic path: HTTP paths are not unique per method). */
    public MetaData metaData(Route route) {
        return fed.get(route.getId());
    }

    public boolean isReady() {
        return ready;
    }

    public synchronized void apply(RouteTable table) {
        String protocol = registryAddress.substring(0, Math.max(0, registryAddress.indexOf("://")));
        plugin(PluginEnum.DUBBO.getName(), "{\"register\":\"" + registryAddress + "\",\"protocol\":\"" + protocol + "\"}", true);
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
