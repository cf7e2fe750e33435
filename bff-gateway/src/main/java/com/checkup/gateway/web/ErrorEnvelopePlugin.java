package com.checkup.gateway.web;

import org.apache.shenyu.plugin.api.ShenyuPlugin;
import org.apache.shenyu.plugin.api.ShenyuPluginChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * First on the chain after ShenYu's global plugin: any failure further down (ours, ShenYu's, Dubbo's) becomes the
 * envelope with its status, instead of Spring's default error page.
 */
public final class ErrorEnvelopePlugin implements ShenyuPlugin {
    public static final int ORDER = 11;
    private final ErrorClassifier classifier;
    private final JsonResponses responses;

    public ErrorEnvelopePlugin(ErrorClassifier classifier, JsonResponses responses) {
        this.classifier = classifier;
        this.responses = responses;
    }

    @Override
    public Mono<Void> execute(ServerWebExchange exchange, ShenyuPluginChain chain) {
        return chain.execute(exchange).onErrorResume(t -> responses.error(exchange, classifier.classify(exchange, t)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String named() {
        return "checkupErrors";
    }
}
