package dev.neurona.optim;

import java.util.List;
import java.util.function.Supplier;

/** One optimizer of each kind with most of its settings away from the defaults, for state and config tests. */
final class OptimizerCases {

    private OptimizerCases() {
    }

    static List<Supplier<Optimizer>> configured() {
        return List.of(
                () -> new SGD(0.05).momentum(0.9).nesterov(true).weightDecay(0.01).weightDecayMode(WeightDecayMode.COUPLED),
                () -> new SGD(0.1).clipValue(0.5),
                () -> new Adagrad(0.05).initialAccumulatorValue(0.2).epsilon(1e-6).epsilonMode(EpsilonMode.PYTORCH),
                () -> new RMSprop(0.01).rho(0.8).momentum(0.5).centered(true).epsilon(1e-6).clipNorm(2.0),
                () -> new Adadelta(1.0).rho(0.9).epsilon(1e-6).globalClipNorm(3.0),
                () -> new Adam(0.01).beta1(0.8).beta2(0.99).epsilon(1e-8).amsgrad(true).epsilonMode(EpsilonMode.PYTORCH)
                        .learningRate(new CosineDecay(0.0, 20).alpha(0.1).warmup(0.01, 2)),
                () -> new AdamW(0.01).weightDecay(0.05).learningRate(new ExponentialDecay(0.01, 2, 0.5).staircase(true)),
                () -> new Adamax(0.02).beta1(0.85).epsilonMode(EpsilonMode.PYTORCH)
                        .learningRate(new PiecewiseConstantDecay(new long[] {2, 4}, new double[] {0.02, 0.01, 0.005})),
                () -> new Nadam(0.01).beta2(0.99).momentumDecay(0.004).epsilon(1e-8).weightDecay(0.001));
    }
}
