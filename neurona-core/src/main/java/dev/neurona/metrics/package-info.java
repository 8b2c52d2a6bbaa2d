/**
 * Evaluation metrics accumulated over batches: accuracy (binary, categorical, sparse, top-k),
 * precision, recall, F1, ROC AUC, MAE, MSE, RMSE, R² and the confusion matrix.
 *
 * <p>Every metric keeps its whole state in a {@code double[]} ({@link
 * dev.neurona.metrics.Metric#state()}), so that partial results from threads or Spark
 * partitions combine with {@link dev.neurona.metrics.Metric#merge(double[])}: merging the
 * states of two halves of a data set gives the state of the whole. Metrics read tensor values
 * and never record a graph.
 *
 * <p>{@link dev.neurona.metrics.Metrics#get(String, dev.neurona.losses.Loss, int[])} resolves
 * {@code "accuracy"} from the loss as Keras does. Depends on {@code dev.neurona.tensor} and
 * (for that resolution only) {@code dev.neurona.losses}.
 */
package dev.neurona.metrics;
