package com.checkup.fulfillment.storage;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(S3MockExtension.class)}: one {@link EmbeddedS3Mock} for the whole test run, launched before the
 * first class that asks (list this extension before slower ones: it starts in the background), injected as a
 * parameter, stopped when the run ends.
 */
public final class S3MockExtension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
        get(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == EmbeddedS3Mock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return get(e);
    }

    private static EmbeddedS3Mock get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(S3MockExtension.class))
                .getOrComputeIfAbsent(EmbeddedS3Mock.class, k -> EmbeddedS3Mock.launch(), EmbeddedS3Mock.class);
    }
}
