package io.edgeloop.local.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link TestPlatform} parameter; the platform is started by the first test class that
 * asks for it and stopped when the whole run ends.
 */
public final class EdgeLoopPlatformExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestPlatform.class, key -> {
                    try {
                        return TestPlatform.start();
                    } catch (Exception e) {
                        throw new ParameterResolutionException("Cannot start the embedded platform", e);
                    }
                }, TestPlatform.class);
    }
}
