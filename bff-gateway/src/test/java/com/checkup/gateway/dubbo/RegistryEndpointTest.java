package com.checkup.gateway.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.checkup.gateway.routes.ShenyuRouteFeed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {
    @Test
    void locallyTheAddressIsUsedAsItIs() {
        RegistryEndpoint zk = RegistryEndpoint.of("zookeeper://127.0.0.1:2181", "", "");
        assertThat(zk.protocol()).isEqualTo("zookeeper");
        assertThat(zk.shenyuRegister()).isEqualTo("zookeeper://127.0.0.1:2181");
        assertThat(zk.url(ApplicationModel.defaultModel()).getUsername()).isNull();
    }

    @Test
    void credentialsTravelAsUserInfoAndSurviveShenyusParse() {
        RegistryEndpoint nacos = RegistryEndpoint.of("nacos://nacos.checkup-infra.svc:8848?namespace=checkup", "gw", "p:a@ss\"word");
        URL url = nacos.url(ApplicationModel.defaultModel());
        assertThat(url.getUsername()).isEqualTo("gw");
        assertThat(url.getPassword()).isEqualTo("p:a@ss\"word");
        // what ShenYu's apache-dubbo plugin does with its "register" string
        RegistryConfig config = new RegistryConfig();
        config.setAddress(nacos.shenyuRegister());
        assertThat(config.getUsername()).isEqualTo("gw");
        assertThat(config.getPassword()).isEqualTo("p:a@ss\"word");
        assertThat(URL.valueOf(config.getAddress()).getParameter("namespace")).isEqualTo("checkup");
        assertThat(nacos.toString()).doesNotContain("word").contains("nacos.checkup-infra.svc:8848").contains("namespace=checkup");
    }

    @Test
    void thePluginConfigIsJsonWhateverThePasswordHolds() throws Exception {
        RegistryEndpoint nacos = RegistryEndpoint.of("nacos://nacos:8848?namespace=checkup", "gw", "a\"b\\c},{");
        JsonNode json = new ObjectMapper().readTree(ShenyuRouteFeed.dubboPluginConfig(nacos));
        assertThat(json.get("protocol").asText()).isEqualTo("nacos");
        assertThat(URL.valueOf(json.get("register").asText()).getPassword()).isEqualTo("a\"b\\c},{");
    }

    @Test
    void aPasswordShenyuCannotCarryOrAMissingOneIsRefusedAtStart() {
        for (String bad : new String[] {"a/b", "a?b", "a#b"}) {
            RegistryEndpoint e = RegistryEndpoint.of("nacos://nacos:8848?namespace=checkup", "gw", bad);
            assertThatThrownBy(e::shenyuRegister).as(bad).hasMessageContaining("choose a Nacos password without them");
        }
        assertThatThrownBy(() -> RegistryEndpoint.of("nacos://nacos:8848", "gw", "")).hasMessageContaining("no password");
        assertThatThrownBy(() -> RegistryEndpoint.of("nacos:8848", null, null)).hasMessageContaining("<protocol>://");
    }
}
