package com.checkup.platform.sentinel;

import com.alibaba.csp.sentinel.adapter.dubbo3.config.DubboAdapterGlobalConfig;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.dubbo.common.config.configcenter.ConfigurationListener;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.rpc.AsyncRpcResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentinel flow rules for a service's Dubbo methods, kept in the config center (group {@value #GROUP}, key =
 * application name, a JSON array of {@code {resource, count, grade}}) and applied live. A blocked call answers
 * the caller with {@code TOO_MANY_REQUESTS}, a BusinessException, instead of Sentinel's generic RuntimeException.
 */
public final class FlowRules {
    public static final String GROUP = "sentinel-flow-rules";
    private static final Logger log = LoggerFactory.getLogger(FlowRules.class);
    private static final TypeReference<List<RuleSpec>> RULES = new TypeReference<>() {
    };

    private FlowRules() {
    }

    /** One rule as stored: resource name, limit, grade ({@code QPS} or {@code THREADS}). */
    public record RuleSpec(String resource, double count, String grade) {
        FlowRule toRule() {
            FlowRule r = new FlowRule(resource);
            r.setCount(count);
            r.setGrade("THREADS".equalsIgnoreCase(grade) ? RuleConstant.FLOW_GRADE_THREAD : RuleConstant.FLOW_GRADE_QPS);
            return r;
        }
    }

    /**
     * Whether this process has any flow rule: Dubbo calls go through Sentinel only then. Any rule switches every
     * method back to Sentinel's path, so a rule takes effect (and counts) from its load, as before. Only flow rules
     * are looked at: these are the only rules on Dubbo resources (hospital-sync's circuits enter resources of their
     * own); a degrade, system or authority rule on a Dubbo method would need a check here too. With no rule the check
     * is an empty copy; with rules the copy is small beside Sentinel's own work on the same call.
     */
    public static boolean inForce() {
        return !FlowRuleManager.getRules().isEmpty();
    }

    /** Blocked calls become TOO_MANY_REQUESTS, on the provider and on the consumer side. Idempotent. */
    public static void installBlockedCallErrors() {
        DubboAdapterGlobalConfig.setProviderFallback((invoker, invocation, ex) -> AsyncRpcResult.newDefaultAsyncResult(
                new BusinessException(ErrorCode.TOO_MANY_REQUESTS,
                        "Too many requests for " + invocation.getMethodName() + ", try again shortly"), invocation));
        DubboAdapterGlobalConfig.setConsumerFallback((invoker, invocation, ex) -> AsyncRpcResult.newDefaultAsyncResult(
                new BusinessException(ErrorCode.TOO_MANY_REQUESTS,
                        "Too many requests for " + invocation.getMethodName() + ", try again shortly"), invocation));
    }

    /** Loads the application's rules now and on every change. */
    public static void watch(DynamicConfiguration config, String application) {
        installBlockedCallErrors();
        ConfigurationListener listener = event -> apply(application, event.getContent());
        config.addListener(application, GROUP, listener);
        apply(application, config.getConfig(application, GROUP));
    }

    /** Writes the application's rules to the config center (validated first). */
    public static void publish(DynamicConfiguration config, String application, List<RuleSpec> rules) {
        try {
            config.publishConfig(application, GROUP, Json.MAPPER.writeValueAsString(rules));
        } catch (Exception e) {
            throw new IllegalArgumentException("Rules cannot be written: " + e.getMessage(), e);
        }
    }

    static void apply(String application, String json) {
        List<FlowRule> rules = new ArrayList<>();
        if (json != null && !json.isBlank()) {
            try {
                for (RuleSpec s : Json.MAPPER.readValue(json, RULES)) {
                    rules.add(s.toRule());
                }
            } catch (Exception e) {
                log.warn("Flow rules of {} are not valid JSON, keeping the current ones: {}", application, e.getMessage());
                return;
            }
        }
        FlowRuleManager.loadRules(rules);
        log.info("Flow rules of {}: {}", application, rules.stream()
                .map(r -> r.getResource() + "<=" + r.getCount()).collect(Collectors.joining(", ")));
    }

    /** Sentinel's resource name for a Dubbo method: {@code iface:method(paramType,...)}. */
    public static String resourceOf(Class<?> iface, String method) {
        Method m = Stream.of(iface.getMethods()).filter(x -> x.getName().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(iface.getName() + " has no method " + method));
        return iface.getName() + ":" + method + "(" + Stream.of(m.getParameterTypes()).map(Class::getName)
                .collect(Collectors.joining(",")) + ")";
    }
}
