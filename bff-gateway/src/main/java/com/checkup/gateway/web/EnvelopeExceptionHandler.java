package com.checkup.gateway.web;

import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The last net, ahead of ShenYu's and Spring's handlers: whatever escapes still answers the envelope. */
public final class EnvelopeExceptionHandler implements ErrorWebExceptionHandler {
    private final ErrorClassifier classifier;
    private final JsonResponses responses;

    public EnvelopeExceptionHandler(ErrorClassifier classifier, JsonResponses responses) {
        this.classifier = classifier;
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        return responses.error(exchange, classifier.classify(exchange, ex));
    }
}
