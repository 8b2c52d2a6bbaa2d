package dev.neurona.metrics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.losses.Losses;
import org.junit.jupiter.api.Test;

/** {@link Metrics#check}: what {@code compile} rejects before any training. */
class MetricCheckTest {

    @Test
    void accuracyUnderEveryRegressionLossIsAnError() {
        for (String loss : new String[] {"mse", "mae", "mape", "msle", "huber", "log_cosh", "poisson", "cosine_similarity"}) {
            assertThatThrownBy(() -> Metrics.check("accuracy", Losses.get(loss)))
                    .as(loss).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("metric 'accuracy' needs class labels, but loss '" + loss
                            + "' is a regression loss; use mae, mse, rmse or r2 for regression");
        }
        assertThatThrownBy(() -> Metrics.check("acc", Losses.mse())).hasMessageStartingWith("metric 'acc' needs class labels");
        assertThatThrownBy(() -> Metrics.check(Metrics.accuracy(), Losses.mae()))
                .as("the unresolved accuracy object too").hasMessageContaining("loss 'mae' is a regression loss");
    }

    @Test
    void regressionMetricsAndClassificationLossesPass() {
        for (String metric : new String[] {"mae", "mse", "rmse", "r2", "r2_score"}) {
            assertThatCode(() -> Metrics.check(metric, Losses.mse())).doesNotThrowAnyException();
        }
        for (String loss : new String[] {"binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
                "hinge", "kl_divergence"}) {
            assertThatCode(() -> Metrics.check("accuracy", Losses.get(loss))).doesNotThrowAnyException();
        }
        // naming the kind of accuracy is a deliberate choice, left to the user
        assertThatCode(() -> Metrics.check("binary_accuracy", Losses.mse())).doesNotThrowAnyException();
    }

    @Test
    void anUnknownNameListsTheKnownOnesAndSuggestsTheClosest() {
        assertThatThrownBy(() -> Metrics.check("acuracy", Losses.binaryCrossentropy()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown metric 'acuracy' (did you mean 'accuracy'?); known metrics: [")
                .hasMessageContaining("precision");
        assertThatThrownBy(() -> Metrics.check("presicion", Losses.binaryCrossentropy()))
                .hasMessageContaining("did you mean 'precision'?");
        assertThatThrownBy(() -> Metrics.check("loss_of_faith", Losses.binaryCrossentropy()))
                .hasMessageNotContaining("did you mean").hasMessageContaining("known metrics");
    }
}
