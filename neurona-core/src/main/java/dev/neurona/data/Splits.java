package dev.neurona.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** {@link Datasets#trainTestSplit}: random and stratified hold-out splits. */
final class Splits {

    private Splits() {
    }

    static Split trainTest(Dataset data, double testFraction, long seed, boolean stratified) {
        if (data == null) {
            throw new IllegalArgumentException("trainTestSplit: dataset must not be null");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("trainTestSplit: testFraction must be in (0, 1), got " + testFraction);
        }
        int n = data.size();
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        if (stratified) {
            // per class: shuffle its rows, hold out round(count · fraction) of them
            TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
            int[] ids = classIds(data);
            for (int i = 0; i < n; i++) {
                byClass.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> rows : byClass.values()) {
                int[] order = Dataset.permutation(rows.size(), random);
                int held = (int) Math.round(rows.size() * testFraction);
                for (int j = 0; j < order.length; j++) {
                    (j < held ? test : train).add(rows.get(order[j]));
                }
            }
        } else {
            int[] order = Dataset.permutation(n, random);
            int held = (int) Math.round(n * testFraction);
            for (int j = 0; j < n; j++) {
                (j < held ? test : train).add(order[j]);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("trainTestSplit: a test fraction of " + testFraction + " of " + n
                    + " samples leaves an empty " + (train.isEmpty() ? "training" : "test") + " set");
        }
        return new Split(data.take(shuffled(train, random)), data.take(shuffled(test, random)));
    }

    private static int[] shuffled(List<Integer> rows, Random random) {
        int[] order = Dataset.permutation(rows.size(), random);
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(order[i]);
        }
        return out;
    }

    private static int[] classIds(Dataset data) {
        try {
            return OneHot.classIds(data.y());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trainTestSplit: a stratified split needs class labels (ids [n] or [n, 1],"
                    + " or one-hot [n, k]); " + e.getMessage() + ". Use stratified=false for regression targets", e);
        }
    }
}
