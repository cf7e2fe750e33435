package com.checkup.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * An asynchronous provider method ({@code CompletableFuture<T>}): the generic call answers the {@code T}, so the
 * published description is the {@code T} (the inbox).
 */
class AsyncResultTest {
    @Test
    void anAsynchronousMethodIsDescribedByWhatItCompletesWith() throws Exception {
        RouteTable routes = RouteTable.parse(RouteTableTest.bundled());
        Route inbox = routes.routes().stream().filter(r -> r.getId().equals("inbox")).findFirst().orElseThrow();
        Method poll = OpenApiDocument.serviceMethod(inbox);
        assertThat(poll.getReturnType()).isEqualTo(java.util.concurrent.CompletableFuture.class);
        assertThat(OpenApiDocument.resultType(poll).getTypeName()).isEqualTo("com.checkup.contracts.message.InboxPage");
        assertThat(inbox.getTimeoutMs()).as("the longest wait (25 s) and a margin").isGreaterThan(25_000);

        JsonNode ok = OpenApiDocument.of(routes).json().at("/paths/~1api~1app~1inbox/get/responses/200");
        assertThat(ok.get("description").asText()).isEqualTo("InboxPage");
        assertThat(ok.at("/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/InboxPage");
    }
}
