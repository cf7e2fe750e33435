package com.checkup.gateway.web;

import com.checkup.contracts.error.ErrorCode;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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

    /**
     * For an endpoint that reads its body as JSON: a body declared as anything else (a form, text, a file) is a 415,
     * instead of a JSON parse error about bytes that were never meant to be JSON. No Content-Type is taken as JSON.
     */
    public static void requireJson(HttpHeaders headers) {
        MediaType type;
        try {
            type = headers.getContentType();
        } catch (InvalidMediaTypeException e) {
            throw new ApiError(ErrorCode.BAD_REQUEST, "The Content-Type header is not a valid media type");
        }
        if (type != null && !isJson(type)) {
            throw ApiError.unsupportedMediaType("This endpoint takes a JSON body: send Content-Type: application/json (not "
                    + type.getType() + "/" + type.getSubtype() + ")");
        }
    }

    static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType()) && !type.isWildcardSubtype()
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
    }
}
