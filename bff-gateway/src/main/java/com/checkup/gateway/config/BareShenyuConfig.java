package com.checkup.gateway.config;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import com.checkup.gateway.routes.ShenyuRouteFeed;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark baseline only ({@code checkup.gateway.bare=true}, started by bench/gateway.sh, never by local-platform):
 * ShenYu exactly as it comes, with none of our beans, serving one Dubbo route ({@code GET /bench/cities} →
 * {@code BookingService.cities}) through its own context builder, param-transform, apache-dubbo and response
 * plugins. No auth at all: this mode exists to measure what our plugins cost.
 */
@Configuration
@ConditionalOnProperty(name = "checkup.gateway.bare", havingValue = "true")
public class BareShenyuConfig {
    @Bean
    ApplicationListener<ApplicationReadyEvent> bareRoute(PluginDataSubscriber plugins, List<MetaDataSubscriber> metaSubscribers,
                                                         RegistryEndpoint registryEndpoint) {
        return event -> {
            String dubbo = PluginEnum.DUBBO.getName();
            plugins.onSubscribe(new PluginData(dubbo, dubbo, ShenyuRouteFeed.dubboPluginConfig(registryEndpoint), "Bench", true));
            plugins.onSelectorSubscribe(SelectorData.builder().id("bench").pluginId(dubbo).pluginName(dubbo).name("bench")
                    .matchMode(MatchModeEnum.AND.getCode()).type(SelectorTypeEnum.FULL_FLOW.getCode()).sort(1).enabled(true)
                    .logged(false).continued(true).handle("[]").conditionList(Collections.emptyList()).build());
            plugins.onRuleSubscribe(RuleData.builder().id("bench-rule").name("bench-rule").pluginName(dubbo).selectorId("bench")
                    .matchMode(MatchModeEnum.AND.getCode()).sort(1).enabled(true).loged(false).handle("{}")
                    .conditionDataList(new ArrayList<>()).build());
            MetaData m = new MetaData();
            m.setId("bench-cities");
            m.setAppName("BookingService");
            m.setContextPath("/bench");
            m.setPath("/bench/cities");
            m.setRpcType(RpcTypeEnum.DUBBO.getName());
            m.setServiceName("com.checkup.contracts.booking.BookingService");
            m.setMethodName("cities");
            m.setParameterTypes("");
            m.setRpcExt("{\"timeout\":5000,\"retries\":0}");
            m.setEnabled(true);
            metaSubscribers.forEach(s -> s.onSubscribe(m));
        };
    }
}
