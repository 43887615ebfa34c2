package io.edgeloop.validation;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts a failure message with the test's display name, the file a parameterized check ran on:
 * Surefire's console names such a test by its index only.
 */
final class FileNameInFailures implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (!(failure instanceof AssertionError)) {
            throw failure;
        }
        AssertionError named = new AssertionError(context.getDisplayName() + ": " + failure.getMessage());
        named.setStackTrace(failure.getStackTrace());
        throw named;
    }
}
