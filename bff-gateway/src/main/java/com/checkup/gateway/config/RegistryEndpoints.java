package com.checkup.gateway.config;

import com.checkup.gateway.dubbo.RegistryEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry and the config center, with their credentials (k8s: Nacos auth from a Secret, see application-k8s.yml;
 * locally ZooKeeper without). Every piece of the gateway that reaches them takes one of these.
 */
@Configuration
public class RegistryEndpoints {
    @Bean
    RegistryEndpoint registryEndpoint(@Value("${dubbo.registry.address}") String address,
                                      @Value("${dubbo.registry.username:}") String username,
                                      @Value("${dubbo.registry.password:}") String password) {
        return RegistryEndpoint.of(address, username, password);
    }

    @Bean
    RegistryEndpoint configCenterEndpoint(@Value("${dubbo.config-center.address:${dubbo.registry.address}}") String address,
                                          @Value("${dubbo.config-center.username:${dubbo.registry.username:}}") String username,
                                          @Value("${dubbo.config-center.password:${dubbo.registry.password:}}") String password) {
        return RegistryEndpoint.of(address, username, password);
    }
}
