package com.checkup.platform.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(EmbeddedInfraExtension.class)}: starts the JVM's shared {@link TestInfrastructure} before the
 * class runs (once for all classes) and injects it into constructors, lifecycle and test methods.
 */
public final class EmbeddedInfraExtension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return TestInfrastructure.get();
    }
}
