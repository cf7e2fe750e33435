package com.checkup.gateway.config;

import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.checkup.contracts.context.IdentityAssertion;
import com.checkup.contracts.flags.ConnectorHosts;
import com.checkup.gateway.audit.AuditTrail;
import com.checkup.gateway.auth.AuthPlugin;
import com.checkup.gateway.auth.LoginThrottle;
import com.checkup.gateway.auth.TokenCodec;
import com.checkup.gateway.auth.UserDirectory;
import com.checkup.gateway.dubbo.CallParametersPlugin;
import com.checkup.gateway.dubbo.GatewayCallFilter;
import com.checkup.gateway.dubbo.JsonArgumentResolver;
import com.checkup.gateway.dubbo.ParameterBinder;
import com.checkup.gateway.dubbo.ResultPlugin;
import com.checkup.gateway.lanes.LanePlugin;
import com.checkup.gateway.lanes.LaneRules;
import com.checkup.gateway.lanes.LiveLanes;
import com.checkup.gateway.limits.LimitPlugin;
import com.checkup.gateway.limits.LimitRules;
import com.checkup.gateway.routes.RouteContextBuilder;
import com.checkup.gateway.routes.RouteTable;
import com.checkup.gateway.routes.RoutingPlugin;
import com.checkup.gateway.dubbo.RegistryEndpoint;
import com.checkup.gateway.routes.ShenyuRouteFeed;
import com.checkup.gateway.web.ClientAddress;
import com.checkup.gateway.web.EdgeWebFilter;
import com.checkup.gateway.web.EnvelopeExceptionHandler;
import com.checkup.gateway.web.ErrorClassifier;
import com.checkup.gateway.web.ErrorEnvelopePlugin;
import com.checkup.gateway.web.GatewayMetrics;
import com.checkup.gateway.web.JsonDepth;
import com.checkup.gateway.web.JsonResponses;
import com.checkup.gateway.web.LocalEndpointsPlugin;
import com.checkup.gateway.web.MultipartRefusal;
import com.checkup.gateway.web.WebClients;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.apache.dubbo.common.config.configcenter.DynamicConfigurationFactory;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.shenyu.common.enums.RpcTypeEnum;
import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.context.ShenyuContextBuilder;
import org.apache.shenyu.plugin.api.context.ShenyuContextDecorator;
import org.apache.shenyu.plugin.dubbo.common.param.DubboParamResolveService;
import org.apache.shenyu.sync.data.api.MetaDataSubscriber;
import org.apache.shenyu.sync.data.api.PluginDataSubscriber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Spring wiring of the gateway: our plugins on ShenYu's chain, and the live documents they read. */
@Configuration
@EnableConfigurationProperties(GatewayProperties.class)
@ConditionalOnProperty(name = "checkup.gateway.bare", havingValue = "false", matchIfMissing = true)
public class GatewayConfig {
    private static final String ROUTES = "routes";
    private static final String LIMITS = "limits";
    private static final String LANE_RULES = "lane-rules";

    /** ShenYu's param-transform plugin is replaced by {@link CallParametersPlugin} (see there why). */
    @Bean
    static BeanDefinitionRegistryPostProcessor replaceShenyuParamTransform() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (registry.containsBeanDefinition("paramTransformPlugin")) {
                    registry.removeBeanDefinition("paramTransformPlugin");
                }
            }

            @Override
            public void postProcessBeanFactory(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
            }
        };
    }

    /**
     * The mapper for client JSON. Bodies are depth-checked by {@link JsonDepth} before they get here; Jackson's own
     * limit (2.15+) is a second net, one level above (the argument array wraps the body).
     */
    @Bean
    ObjectMapper gatewayJson() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonDepth.MAX_DEPTH + 1).build())
                .build();
        return new ObjectMapper(factory).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    /** The config center, through Dubbo's abstraction (ZooKeeper here, Nacos in k8s). */
    @Bean
    DynamicConfiguration configCenter(RegistryEndpoint configCenterEndpoint) {
        URL url = configCenterEndpoint.url(ApplicationModel.defaultModel());
        return ApplicationModel.defaultModel().getExtensionLoader(DynamicConfigurationFactory.class)
                .getExtension(url.getProtocol()).getDynamicConfiguration(url);
    }

    @Bean
    LiveDocument<RouteTable> routeDocument(DynamicConfiguration config, GatewayProperties props) {
        return new LiveDocument<>(config, props.getConfigGroup(), ROUTES, "gateway/routes.json", RouteTable::parse);
    }

    @Bean
    LiveDocument<LaneRules> laneRules(DynamicConfiguration config, GatewayProperties props) {
        return new LiveDocument<>(config, props.getConfigGroup(), LANE_RULES, "gateway/lane-rules.json", LaneRules::parse);
    }

    @Bean
    LiveDocument<LimitRules> limitRules(DynamicConfiguration config, GatewayProperties props) {
        return new LiveDocument<>(config, props.getConfigGroup(), LIMITS, "gateway/limits.json", LimitRules::parse);
    }

    @Bean
    ShenyuRouteFeed routeFeed(PluginDataSubscriber plugins, List<MetaDataSubscriber> metaSubscribers,
                              RegistryEndpoint registryEndpoint) {
        return new ShenyuRouteFeed(plugins, metaSubscribers, registryEndpoint);
    }

    /** Route data and limits go live once the application is up; readiness follows the first route table fed. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> startLiveDocuments(LiveDocument<RouteTable> routes, LiveDocument<LaneRules> lanes,
                                                                  LiveDocument<LimitRules> limits, ShenyuRouteFeed feed) {
        return event -> {
            limits.start(l -> FlowRuleManager.loadRules(l.flowRules()));
            lanes.start(l -> { });
            routes.start(feed::apply);
        };
    }

    @Bean
    ShenyuContextBuilder routeContextBuilder(LiveDocument<RouteTable> routes, ShenyuRouteFeed feed, List<ShenyuContextDecorator> decorators) {
        ShenyuContextDecorator dubbo = decorators.stream().filter(d -> RpcTypeEnum.DUBBO.getName().equals(d.rpcType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("ShenYu's Dubbo context decorator is missing"));
        return new RouteContextBuilder(routes::get, feed, dubbo);
    }

    @Bean
    DubboParamResolveService jsonArgumentResolver(ObjectMapper gatewayJson) {
        return new JsonArgumentResolver(gatewayJson);
    }

    @Bean
    JsonResponses jsonResponses(ObjectMapper gatewayJson) {
        return new JsonResponses(gatewayJson);
    }

    /**
     * Spring 5.2 fails to create the exchange of a multipart request when it has no multipart reader (see
     * {@link MultipartRefusal}); with this one the edge filter gets to answer it (415).
     */
    @Bean
    CodecCustomizer multipartRefusal() {
        return configurer -> {
            if (configurer instanceof ServerCodecConfigurer) {
                MultipartRefusal.install((ServerCodecConfigurer) configurer);
            }
        };
    }

    @Bean
    ErrorClassifier errorClassifier() {
        return new ErrorClassifier();
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EnvelopeExceptionHandler envelopeExceptionHandler(ErrorClassifier classifier, JsonResponses responses) {
        return new EnvelopeExceptionHandler(classifier, responses);
    }

    @Bean
    GatewayMetrics gatewayMetrics() {
        return new GatewayMetrics();
    }

    /** Set when the application begins to close: readiness goes down first, while in-flight requests drain. */
    @Bean
    AtomicBoolean stopping() {
        return new AtomicBoolean();
    }

    @Bean
    ApplicationListener<ContextClosedEvent> readinessDownOnClose(AtomicBoolean stopping) {
        return event -> stopping.set(true);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    EdgeWebFilter edgeWebFilter(JsonResponses responses, ShenyuRouteFeed feed, GatewayMetrics metrics, AtomicBoolean stopping,
                                LiveDocument<RouteTable> routes, LiveLanes lanes, GatewayProperties props) {
        WebClients clients = WebClients.fromClasspath(java.util.Set.of("workbench", "app"), responses);
        return new EdgeWebFilter(responses, () -> feed.isReady() && !stopping.get(), metrics, clients)
                .routesCheck(() -> routes.get() == null ? List.of("(route table not loaded yet)")
                        : lanes.withoutProvider(routes.get().services()))
                .clientAddress(ClientAddress.trusting(props.getTrustedProxies()));
    }

    @Bean
    TokenCodec tokenCodec(GatewayProperties props) {
        String secret = props.getJwt().getSecret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("No token key: set checkup.gateway.jwt.secret (env CHECKUP_JWT_SECRET) to base64 of 32+ random bytes");
        }
        byte[] key = tokenKey(secret, "checkup.gateway.jwt.secret (env CHECKUP_JWT_SECRET)");
        // During a rotation only (docs/security.md): tokens of the other key are believed, never issued.
        List<byte[]> others = new java.util.ArrayList<>();
        for (String other : props.getJwt().getAlsoAccepted()) {
            if (other != null && !other.isBlank()) {
                others.add(tokenKey(other, "checkup.gateway.jwt.also-accepted (env CHECKUP_GATEWAY_JWT_ALSOACCEPTED)"));
            }
        }
        return new TokenCodec(key, others, props.getJwt().getTtl(), Clock.systemUTC());
    }

    /** A token key from its base64; the error names the setting, never the value. */
    private static byte[] tokenKey(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 32) {
            throw new IllegalStateException(setting + " must be base64 of 32+ random bytes");
        }
        return key;
    }

    /**
     * The internal identity key the gateway signs each call's caller with (never the token key). Without it no service
     * would believe any caller, so the gateway does not start.
     */
    @Bean
    IdentityAssertion internalIdentity(@Value("${checkup.identity.key:}") String key) {
        if (key.isBlank()) {
            throw new IllegalStateException("No internal identity key: set checkup.identity.key (env CHECKUP_IDENTITY_KEY) "
                    + "to base64 of 32+ random bytes, the same in the gateway and every service");
        }
        IdentityAssertion identity = IdentityAssertion.fromBase64(key);
        GatewayCallFilter.useIdentityKey(identity);
        return identity;
    }

    @Bean
    UserDirectory userDirectory(GatewayProperties props) {
        return new UserDirectory(props.getUsers());
    }

    @Bean
    LiveLanes liveLanes(RegistryEndpoint registryEndpoint) {
        return new LiveLanes(registryEndpoint);
    }

    @Bean
    ShenyuPlugin errorEnvelopePlugin(ErrorClassifier classifier, JsonResponses responses) {
        return new ErrorEnvelopePlugin(classifier, responses);
    }

    @Bean
    ShenyuPlugin routingPlugin(LiveDocument<RouteTable> routes) {
        return new RoutingPlugin(routes::get);
    }

    @Bean
    ShenyuPlugin authPlugin(TokenCodec tokens) {
        return new AuthPlugin(tokens);
    }

    @Bean
    ShenyuPlugin lanePlugin(LiveDocument<LaneRules> rules) {
        return new LanePlugin(rules::get);
    }

    @Bean
    ShenyuPlugin limitPlugin(LiveDocument<LimitRules> limits) {
        return new LimitPlugin(limits::get);
    }

    @Bean
    LoginThrottle loginThrottle(GatewayProperties props) {
        GatewayProperties.Login l = props.getLogin();
        return new LoginThrottle(l.getFailuresPerUser(), l.getFailuresPerAddress(), l.getWindow(), l.getMaxTracked(), Clock.systemUTC());
    }

    @Bean
    ShenyuPlugin localEndpointsPlugin(JsonResponses responses, UserDirectory users, TokenCodec tokens, LiveLanes lanes,
                                      LiveDocument<LaneRules> laneRules, LiveDocument<RouteTable> routes,
                                      DynamicConfiguration config, GatewayProperties props, LoginThrottle loginThrottle,
                                      AuditTrail auditTrail) {
        return new LocalEndpointsPlugin(responses, users, tokens, lanes, laneRules, routes::get, config, props.getMaxBodyBytes(),
                loginThrottle, auditTrail, ConnectorHosts.of(props.getConnectorHosts()));
    }

    @Bean
    AuditTrail auditTrail(DynamicConfiguration config, GatewayProperties props, JsonResponses responses) {
        return new AuditTrail(config, props.getConfigGroup(), responses.json(), Clock.systemUTC());
    }

    @Bean
    ShenyuPlugin callParametersPlugin(ObjectMapper gatewayJson, GatewayProperties props, IdentityAssertion internalIdentity) {
        return new CallParametersPlugin(new ParameterBinder(gatewayJson), props.getMaxBodyBytes());
    }

    @Bean
    ShenyuPlugin resultPlugin(JsonResponses responses) {
        return new ResultPlugin(responses);
    }
}
