package com.checkup.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.checkup.contracts.error.ErrorCode;
import com.checkup.gateway.dubbo.DubboCallState;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.service.GenericException;
import org.apache.shenyu.common.exception.ShenyuException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ErrorClassifierTest {
    private final ErrorClassifier classifier = new ErrorClassifier();

    private static MockServerWebExchange exchange() {
        MockServerWebExchange e = MockServerWebExchange.from(MockServerHttpRequest.get("/api/app/hospitals"));
        e.getAttributes().put(GatewayExchange.REQUEST_ID, "rid-1");
        return e;
    }

    @Test
    void aServicesBusinessErrorKeepsItsCodeStatusAndMessage() {
        MockServerWebExchange e = exchange();
        DubboCallState call = new DubboCallState("rid-1", null, "CONSUMER", null, "consumer1", false);
        e.getAttributes().put(GatewayExchange.CALL, call);
        call.answered(null, "SOLD_OUT");
        ApiError a = classifier.classify(e, new ShenyuException("No CT place left for H001 on 2026-12-01 MORNING"));
        assertThat(a.code()).isEqualTo("SOLD_OUT");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.getMessage()).isEqualTo("No CT place left for H001 on 2026-12-01 MORNING");

        call.answered(null, "SOME_FUTURE_CODE");
        ApiError future = classifier.classify(e, new ShenyuException(new GenericException("X", "from a newer service")));
        assertThat(future.code()).isEqualTo("SOME_FUTURE_CODE");
        assertThat(future.getMessage()).isEqualTo("from a newer service");
    }

    @Test
    void dubboFailuresMapByKind() {
        assertThat(classifier.classify(exchange(), new ShenyuException(new RpcException(RpcException.TIMEOUT_EXCEPTION, "slow"))).status()).isEqualTo(504);
        assertThat(classifier.classify(exchange(), new ShenyuException(new RpcException(RpcException.FORBIDDEN_EXCEPTION, "No provider available"))).code())
                .isEqualTo(ErrorCode.UNAVAILABLE.name());
        assertThat(classifier.classify(exchange(), new RpcException(RpcException.LIMIT_EXCEEDED_EXCEPTION, "busy")).status()).isEqualTo(429);
        assertThat(classifier.classify(exchange(), new java.util.concurrent.CompletionException(
                new org.apache.dubbo.remoting.TimeoutException(true, null, "Waiting server-side response timeout"))).code()).isEqualTo("TIMEOUT");
    }

    @Test
    void aSpring415KeepsItsStatusWithItsOwnCodeAndDubboFlowControlSaysWhenToRetry() {
        ApiError a = classifier.classify(exchange(), new org.springframework.web.server.UnsupportedMediaTypeStatusException("Content type 'x/y' not supported"));
        assertThat(a.status()).isEqualTo(415);
        assertThat(a.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(classifier.classify(exchange(), new RpcException(RpcException.LIMIT_EXCEEDED_EXCEPTION, "busy")).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void anythingElseIsA500ThatLeaksNothing() {
        ApiError a = classifier.classify(exchange(), new NullPointerException("secret detail"));
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.getMessage()).isEqualTo("Internal error (trace rid-1)");
        assertThat(classifier.classify(exchange(), new ApiError(ErrorCode.NOT_FOUND, "x")).status()).isEqualTo(404);
    }
}
