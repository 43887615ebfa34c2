package io.edgeloop.trainer.publish;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides whether a newly trained model may replace the served one: it must reach a minimum held-out
 * accuracy and must not be worse than the published version by more than a margin.
 */
public record PublishGate(double minAccuracy, double maxRegression) {

    /** Why the model must not be published, or empty when it may be. */
    public Optional<String> rejection(double accuracy, OptionalDouble publishedAccuracy) {
        if (accuracy < minAccuracy) {
            return Optional.of(String.format(Locale.ROOT,
                    "held-out accuracy %.4f is below the minimum %.4f", accuracy, minAccuracy));
        }
        if (publishedAccuracy.isPresent() && accuracy < publishedAccuracy.getAsDouble() - maxRegression) {
            return Optional.of(String.format(Locale.ROOT,
                    "held-out accuracy %.4f is worse than the published version's %.4f by more than %.4f",
                    accuracy, publishedAccuracy.getAsDouble(), maxRegression));
        }
        return Optional.empty();
    }
}
