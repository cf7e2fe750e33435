package com.checkup.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitRulesTest {
    @Test
    void routeTenantAndEachTenantLimitsBecomeSentinelRules() {
        List<FlowRule> rules = LimitRules.parse("{\"limits\":[{\"route\":\"hold\",\"qps\":200},{\"route\":\"hold\",\"tenant\":\"ACME\",\"qps\":20},"
                + "{\"route\":\"hold\",\"tenant\":\"*\",\"qps\":5}]}").flowRules();
        assertThat(rules).extracting(FlowRule::getResource).containsOnly("route:hold");
        assertThat(rules).extracting(FlowRule::getLimitApp).containsExactly(RuleConstant.LIMIT_APP_DEFAULT, "ACME", RuleConstant.LIMIT_APP_OTHER);
        assertThat(rules).extracting(FlowRule::getCount).containsExactly(200.0, 20.0, 5.0);
        assertThat(rules).allMatch(r -> r.getGrade() == RuleConstant.FLOW_GRADE_QPS);
    }

    @Test
    void theBundledLoginLimitIsPerAddressOnlyNeverOneForEveryoneTogether() throws Exception {
        List<FlowRule> rules = LimitRules.parse(LimitPluginTest.bundledLimits()).flowRules();
        // A shared login limit lets a couple of clients lock every user out: failed logins are throttled per user name
        // and per address (LoginThrottle), and the flow limit is per address.
        assertThat(rules).filteredOn(r -> r.getResource().equals("route:login")).extracting(FlowRule::getLimitApp)
                .containsExactly(RuleConstant.LIMIT_APP_OTHER);
        assertThat(rules).filteredOn(r -> r.getResource().startsWith("route:entitlement")).extracting(FlowRule::getResource, FlowRule::getLimitApp)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("route:entitlement", RuleConstant.LIMIT_APP_OTHER),
                        org.assertj.core.groups.Tuple.tuple("route:entitlement-booking", RuleConstant.LIMIT_APP_OTHER));
    }

    @Test
    void aDocumentNestedTooDeepIsRefusedBeforeJacksonParsesIt() {
        assertThatThrownBy(() -> LimitRules.parse("{\"limits\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nests deeper than 64");
    }

    @Test
    void aLimitWithoutRouteOrWithNegativeQpsIsRefused() {
        assertThatThrownBy(() -> LimitRules.parse("{\"limits\":[{\"qps\":1}]}")).hasMessageContaining("route");
        assertThatThrownBy(() -> LimitRules.parse("{\"limits\":[{\"route\":\"x\",\"qps\":-1}]}")).hasMessageContaining("qps");
    }
}
