package dev.neurona.spark;

import dev.neurona.io.ModelFiles;
import dev.neurona.io.ModelSnapshot;
import dev.neurona.metrics.Metric;
import dev.neurona.metrics.Metrics;
import dev.neurona.models.Model;
import dev.neurona.tensor.Parameter;
import dev.neurona.train.TrainStep;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A model as it travels to the executors: the bytes of its {@code .nrn} file (architecture,
 * compile settings, weights, optimizer state), broadcast once per run. No Java serialization of
 * model objects: executors load the file as {@link Model#load} does (Sequential or functional). Each executor keeps a
 * small pool of {@link Worker}s (one per concurrently running task), built on first use and kept
 * with the broadcast value, so that a step costs no model rebuild.
 */
final class ModelShipment implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] modelFile;
    private transient volatile ConcurrentLinkedQueue<Worker> pool;

    private ModelShipment(byte[] modelFile) {
        this.modelFile = modelFile;
    }

    /**
     * The model with its optimizer state when it is compiled.
     *
     * @throws IllegalArgumentException naming {@code who} for a model that cannot be saved (a
     *         subclassed one), with the reason the file format gives
     */
    static ModelShipment of(Model model, String who) {
        try {
            Path tmp = Files.createTempFile("neurona-spark-", ".nrn");
            try {
                model.save(tmp, model.isCompiled());
                return new ModelShipment(Files.readAllBytes(tmp));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(who + ": the model travels to the executors as its model file, "
                        + "which it cannot be written as: " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model for the executors", e);
        }
    }

    /** The metrics as the model was compiled with (names or configs), resolved for targets of {@code targetShape}. */
    List<Metric> metrics(Model model, int[] targetShape) {
        List<Metric> out = new ArrayList<>();
        for (Object spec : snapshot().compile().metrics()) {
            out.add(resolve(spec, model, targetShape));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Metric resolve(Object spec, Model model, int[] targetShape) {
        if (spec instanceof String name) {
            return Metrics.get(name, model.loss(), targetShape);
        }
        return Metrics.resolve(Metrics.fromConfig((Map<String, Object>) spec), model.loss(), targetShape);
    }

    private ModelSnapshot snapshot() {
        try {
            Path tmp = write();
            try {
                return ModelFiles.read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shipped model", e);
        }
    }

    private Path write() throws IOException {
        Path tmp = Files.createTempFile("neurona-spark-", ".nrn");
        Files.write(tmp, modelFile);
        return tmp;
    }

    /** A fresh copy of the model, as saved. */
    Model load() {
        try {
            Path tmp = write();
            try {
                return Model.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the shipped model", e);
        }
    }

    /** A worker from this executor's pool, or a new one; give it back with {@link #release}. */
    Worker borrow(int[] targetShape) {
        ConcurrentLinkedQueue<Worker> p = pool();
        Worker w = p.poll();
        if (w == null || !java.util.Arrays.equals(w.targetShape, targetShape)) {
            Model model = load();
            w = new Worker(model, metrics(model, targetShape), targetShape);
        }
        return w;
    }

    /** Returns a worker after a task that succeeded (one that failed is dropped, its state unknown). */
    void release(Worker w) {
        pool().offer(w);
    }

    private ConcurrentLinkedQueue<Worker> pool() {
        ConcurrentLinkedQueue<Worker> p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = new ConcurrentLinkedQueue<>();
                }
                p = pool;
            }
        }
        return p;
    }

    /** One task's model, its step and metrics. */
    static final class Worker {
        final Model model;
        final List<Metric> metrics;
        final TrainStep step;
        final int[] targetShape;
        final float[] gradient;

        Worker(Model model, List<Metric> metrics, int[] targetShape) {
            this.model = model;
            this.metrics = metrics;
            this.targetShape = targetShape;
            this.step = new TrainStep(model, model.loss(), model.optimizer(), metrics);
            this.gradient = new float[step.gradientSize()];
        }

        /** Overwrites the weights (Keras order, flattened) with {@code weights}. */
        void setWeights(float[][] weights) {
            List<Parameter> params = model.parameters();
            for (int i = 0; i < params.size(); i++) {
                params.get(i).assign(weights[i]);
            }
        }

        void resetMetrics() {
            metrics.forEach(Metric::reset);
        }

        double[][] metricStates() {
            double[][] out = new double[metrics.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = metrics.get(i).state();
            }
            return out;
        }
    }

    /** The weights of {@code model} in Keras order, flattened copies. */
    static float[][] weightsOf(Model model) {
        List<Parameter> weights = model.parameters();   // getWeights() order; toArray() is the copy
        float[][] out = new float[weights.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights.get(i).toArray();
        }
        return out;
    }
}
