package com.checkup.gateway.web;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The gateway takes no multipart bodies, but Spring 5.2 looks for a multipart reader while it <em>creates</em> the
 * exchange of any request that says {@code Content-Type: multipart/form-data}, and without one (its only reader needs
 * the Synchronoss library) it throws before any filter runs: the connection closes without an answer. This reader
 * satisfies that look-up and never reads: it fails with a 415 if anything ever asks for the parts. The edge filter
 * answers such requests with the 415 envelope before anything reads the body.
 */
public final class MultipartRefusal implements HttpMessageReader<MultiValueMap<String, Part>> {
    static final String MESSAGE = "The gateway does not take multipart bodies: send JSON, or a file's bytes as the body with its own Content-Type";

    /** Installs the reader as the configurer's multipart reader. */
    public static void install(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().multipartReader(new MultipartRefusal());
    }

    @Override
    public List<MediaType> getReadableMediaTypes() {
        return Collections.singletonList(MediaType.MULTIPART_FORM_DATA);
    }

    @Override
    public boolean canRead(ResolvableType elementType, MediaType mediaType) {
        return MultiValueMap.class.isAssignableFrom(elementType.toClass())
                && mediaType != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(mediaType);
    }

    @Override
    public Flux<MultiValueMap<String, Part>> read(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
        return Flux.error(ApiError.unsupportedMediaType(MESSAGE));
    }

    @Override
    public Mono<MultiValueMap<String, Part>> readMono(ResolvableType elementType, ReactiveHttpInputMessage message, Map<String, Object> hints) {
        return Mono.error(ApiError.unsupportedMediaType(MESSAGE));
    }
}
