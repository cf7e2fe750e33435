package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.ByteArrayOutputStream;

/**
 * Reads a request body whole, up to a limit: a declared Content-Length over it is refused before reading, a chunked
 * body as soon as it passes it. (ShenYu 2.4.1's own param plugin runs the chain once per body chunk, and has no limit.)
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static Mono<byte[]> read(ServerWebExchange exchange, int maxBytes) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge(maxBytes));
        }
        return exchange.getRequest().getBody()
                .reduce(new ByteArrayOutputStream(), (out, buffer) -> {
                    try {
                        if (out.size() + buffer.readableByteCount() > maxBytes) {
                            throw tooLarge(maxBytes);
                        }
                        byte[] chunk = new byte[buffer.readableByteCount()];
                        buffer.read(chunk);
                        out.write(chunk, 0, chunk.length);
                        return out;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
    }
}
