package com.checkup.gateway.limits;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Flow limits per route, and per tenant: {@code {"route":"hold","qps":200}} caps a route for everyone together,
 * {@code "tenant":"ACME"} caps one tenant, {@code "tenant":"*"} caps each tenant (or, for consumers, each user) on its
 * own. Kept in the config center (key {@code limits}) and applied live as Sentinel flow rules.
 */
public final class LimitRules {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private List<Limit> limits = new ArrayList<>();
    @com.fasterxml.jackson.annotation.JsonIgnore
    private volatile Set<String> limited;

    public static final class Limit {
        private String route;
        private String tenant;
        private double qps;

        public String getRoute() {
            return route;
        }

        public void setRoute(String route) {
            this.route = route;
        }

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }

        public double getQps() {
            return qps;
        }

        public void setQps(double qps) {
            this.qps = qps;
        }
    }

    public static LimitRules parse(String json) {
        if (json != null && JsonDepth.scan(json, JsonDepth.MAX_DEPTH) != JsonDepth.Verdict.OK) {
            throw new IllegalArgumentException("limits: " + JsonDepth.tooDeepMessage(JsonDepth.MAX_DEPTH));
        }
        try {
            LimitRules r = JSON.readValue(json, LimitRules.class);
            for (Limit l : r.limits) {
                if (l.route == null || l.route.isBlank() || !(l.qps >= 0)) {
                    throw new IllegalArgumentException("each limit needs a route and a qps >= 0");
                }
            }
            return r;
        } catch (IOException e) {
            throw new IllegalArgumentException("limits are not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Whether any limit applies to this route. */
    public boolean limits(String routeId) {
        Set<String> r = limited;
        if (r == null) {
            r = new HashSet<>();
            for (Limit l : limits) {
                r.add(l.route);
            }
            limited = r;
        }
        return r.contains(routeId);
    }

    /** Sentinel's resource name for a route. */
    public static String resource(String routeId) {
        return "route:" + routeId;
    }

    public List<FlowRule> flowRules() {
        List<FlowRule> rules = new ArrayList<>();
        for (Limit l : limits) {
            FlowRule r = new FlowRule(resource(l.route));
            r.setGrade(RuleConstant.FLOW_GRADE_QPS);
            r.setCount(l.qps);
            // "default": all callers together; "other": each caller not named in a rule of its own, separately.
            r.setLimitApp(l.tenant == null ? RuleConstant.LIMIT_APP_DEFAULT : "*".equals(l.tenant) ? RuleConstant.LIMIT_APP_OTHER : l.tenant);
            rules.add(r);
        }
        return rules;
    }

    public List<Limit> getLimits() {
        return limits;
    }

    public void setLimits(List<Limit> limits) {
        this.limits = limits == null ? new ArrayList<>() : limits;
        this.limited = null;
    }
}
