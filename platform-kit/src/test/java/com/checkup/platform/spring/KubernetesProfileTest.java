package com.checkup.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.dubbo.config.ConfigCenterConfig;
import org.apache.dubbo.config.MetadataReportConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** What the k8s profile hands Dubbo, the broker and the datasource, from the environment a Deployment gives. */
class KubernetesProfileTest {
    static Map<String, Object> deploymentEnv() {
        Map<String, Object> env = new HashMap<>();
        env.put("NACOS_ADDRESS", "nacos-headless.checkup-infra.svc:8848");
        env.put("NACOS_NAMESPACE", "checkup");
        env.put("NACOS_USERNAME", "checkup-services");
        env.put("NACOS_PASSWORD", "s3cret:with@odd/chars");
        env.put("CHECKUP_ROCKETMQ_NAME_SERVER", "rocketmq-namesrv.checkup-infra.svc:9876");
        env.put("CHECKUP_DB_HOST", "mysql.checkup-infra.svc");
        env.put("CHECKUP_DB_NAME", "checkup_booking");
        env.put("CHECKUP_DB_USER", "booking_service");
        env.put("CHECKUP_DB_PASSWORD", "db-secret");
        return env;
    }

    /** An environment like Spring Boot's: the process environment, then the service's application.yml, profile k8s. */
    static StandardEnvironment environment(Map<String, Object> processEnv, String... profiles) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, processEnv));
        env.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yml'",
                Map.of("server.port", "8104", "dubbo.protocol.port", "20884", "spring.application.name", "booking-service")));
        env.setActiveProfiles(profiles);
        new KubernetesProfile().postProcessEnvironment(env, new SpringApplication());
        new PlatformDefaults().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void dubboGetsNacosWithNamespaceAndCredentialsForRegistryConfigCenterAndMetadata() {
        Binder binder = Binder.get(environment(deploymentEnv(), "k8s"));

        RegistryConfig registry = binder.bind("dubbo.registry", RegistryConfig.class).get();
        assertThat(registry.getAddress()).isEqualTo("nacos://nacos-headless.checkup-infra.svc:8848");
        assertThat(registry.getParameters()).containsEntry("namespace", "checkup");
        assertThat(registry.getUsername()).isEqualTo("checkup-services");
        assertThat(registry.getPassword()).isEqualTo("s3cret:with@odd/chars");

        ConfigCenterConfig configCenter = binder.bind("dubbo.config-center", ConfigCenterConfig.class).get();
        assertThat(configCenter.getAddress()).isEqualTo("nacos://nacos-headless.checkup-infra.svc:8848");
        assertThat(configCenter.getNamespace()).isEqualTo("checkup");
        assertThat(configCenter.getUsername()).isEqualTo("checkup-services");
        assertThat(configCenter.getPassword()).isEqualTo("s3cret:with@odd/chars");

        MetadataReportConfig metadata = binder.bind("dubbo.metadata-report", MetadataReportConfig.class).get();
        assertThat(metadata.getAddress()).isEqualTo("nacos://nacos-headless.checkup-infra.svc:8848?namespace=checkup");
        assertThat(metadata.getUsername()).isEqualTo("checkup-services");

        PlatformProperties platform = binder.bind("checkup", PlatformProperties.class).get();
        assertThat(platform.getConfigCenter().getAddress()).isEqualTo("nacos://nacos-headless.checkup-infra.svc:8848?namespace=checkup");
        assertThat(platform.getConfigCenter().getUsername()).isEqualTo("checkup-services");
        assertThat(platform.getConfigCenter().getPassword()).isEqualTo("s3cret:with@odd/chars");
        assertThat(platform.getRocketmq().getNameServer()).isEqualTo("rocketmq-namesrv.checkup-infra.svc:9876");
    }

    @Test
    void theRotationsOtherIdentityKeyComesFromItsSecretsEnvironmentVariable() {
        Map<String, Object> env = deploymentEnv();
        env.put("CHECKUP_IDENTITY_ALSOACCEPTED", "b2xkLWtleQ==");
        StandardEnvironment e = environment(env, "k8s");
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(e);
        // as the @Value of PlatformAutoConfiguration#checkupInternalIdentity reads it
        assertThat(e.resolvePlaceholders("${checkup.identity.also-accepted:}")).isEqualTo("b2xkLWtleQ==");
    }

    @Test
    void portsAreThePodsAndTheProfileOutranksApplicationYmlButNotTheEnvironment() {
        Map<String, Object> env = deploymentEnv();
        env.put("DUBBO_PROVIDER_TAG", "gray");
        env.put("SERVER_PORT", "8081");
        StandardEnvironment e = environment(env, "k8s");
        assertThat(e.getProperty("dubbo.protocol.port")).isEqualTo("20880");
        assertThat(e.getProperty("server.port")).isEqualTo("8081");
        assertThat(Binder.get(e).bind("dubbo.provider.tag", String.class).get()).isEqualTo("gray");
        // QoS on for the preStop's `offline`, loopback only; PlatformDefaults keeps it off everywhere else
        assertThat(e.getProperty("dubbo.application.qos-enable")).isEqualTo("true");
        assertThat(e.getProperty("dubbo.application.qos-accept-foreign-ip")).isEqualTo("false");
        assertThat(e.getProperty("dubbo.application.qos-host")).isEqualTo("127.0.0.1");
        assertThat(e.getProperty("dubbo.application.register-mode")).isEqualTo("interface");
        assertThat(environment(deploymentEnv()).getProperty("dubbo.application.qos-enable")).isEqualTo("false");
    }

    @Test
    void theOutboxNamesThisInstanceByServicePodAddressAndPortsAndNothingWhenAnyIsUnknown() {
        Map<String, Object> env = deploymentEnv();
        env.put("DUBBO_IP_TO_BIND", "10.42.0.17");
        // A restarted container keeps its pod's IP: its relay takes back the claims of the process that died.
        assertThat(PlatformAutoConfiguration.instance(environment(env, "k8s"))).isEqualTo("booking-service@10.42.0.17:20880/8080");
        // No pod address (not bound yet): no name, so no claim of another instance is ever taken back early.
        assertThat(PlatformAutoConfiguration.instance(environment(deploymentEnv(), "k8s"))).isNull();
    }

    @Test
    void theDatasourceIsTheServicesOwnSchemaAndUserOverTls() {
        StandardEnvironment e = environment(deploymentEnv(), "k8s");
        assertThat(e.getProperty("spring.datasource.url"))
                .startsWith("jdbc:mysql://mysql.checkup-infra.svc:3306/checkup_booking?sslMode=REQUIRED&");
        assertThat(e.getProperty("spring.datasource.username")).isEqualTo("booking_service");
        assertThat(e.getProperty("spring.datasource.password")).isEqualTo("db-secret");
    }

    @Test
    void everyMissingValueIsNamedAtOnceAndNoSecretHasADefault() {
        Map<String, Object> env = deploymentEnv();
        env.remove("NACOS_PASSWORD");
        env.remove("CHECKUP_DB_PASSWORD");
        env.put("NACOS_USERNAME", " ");
        assertThatThrownBy(() -> environment(env, "k8s"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHECKUP_DB_PASSWORD, NACOS_PASSWORD, NACOS_USERNAME")
                .hasMessageNotContaining("NACOS_ADDRESS");
    }

    @Test
    void withoutTheProfileNothingChanges() {
        StandardEnvironment e = environment(Map.of());
        assertThat(e.getPropertySources().contains(KubernetesProfile.SOURCE)).isFalse();
        assertThat(e.getProperty("dubbo.registry.address")).isNull();
        assertThat(e.getProperty("server.port")).isEqualTo("8104");
    }
}
