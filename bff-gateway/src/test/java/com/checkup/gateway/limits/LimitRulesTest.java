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
    void aLimitWithoutRouteOrWithNegativeQpsIsRefused() {
        assertThatThrownBy(() -> LimitRules.parse("{\"limits\":[{\"qps\":1}]}")).hasMessageContaining("route");
        assertThatThrownBy(() -> LimitRules.parse("{\"limits\":[{\"route\":\"x\",\"qps\":-1}]}")).hasMessageContaining("qps");
    }
}
