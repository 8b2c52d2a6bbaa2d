package dev.neurona.data;

import dev.neurona.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Ready-made data: the lecture's generated sets, the small real sets shipped with the library,
 * MNIST, Fashion-MNIST and CIFAR-10, and {@link #trainTestSplit}.
 *
 * <h2>Generated (seeded; the same seed gives the same samples)</h2>
 * All have 2-D inputs {@code x} {@code [n, 2]} except {@link #regression1d}. Binary sets give
 * targets {@code y} {@code [n, 1]} of 0/1; multi-class sets ({@link #blobs}, {@link #spirals}) give
 * one-hot {@code [n, k]} (use {@link OneHot#toSparse} for ids). Samples come in shuffled order.
 * <ul>
 *   <li>{@link #xor()}, {@link #and()}, {@link #or()}: the four corners {@code (±1, ±1)}, targets 0/1.</li>
 *   <li>{@link #linearlySeparable}: points in {@code [-1, 1]²} on both sides of a random line, none within
 *       0.1 of it, classes balanced.</li>
 *   <li>{@link #blobs}: Gaussian clusters around centers drawn in {@code [-10, 10]²}.</li>
 *   <li>{@link #moons}: two interleaving half circles (scikit-learn's {@code make_moons}).</li>
 *   <li>{@link #circles}: a circle of radius 1 (class 0) around one of radius {@code factor} (class 1).</li>
 *   <li>{@link #spirals}: {@code k} interleaved spiral arms (the CS231n spiral set).</li>
 *   <li>{@link #regression1d}: {@code y = sin(x) + 0.1·x + noise·N(0, 1)} for {@code x} uniform in [−3, 3];
 *       {@code x}, {@code y} {@code [n, 1]}.</li>
 * </ul>
 *
 * <h2>Shipped (offline; see the NOTICE file for their sources)</h2>
 * Each returns the same fixed stratified split: 80 % train, 20 % test, seed {@value #SPLIT_SEED}
 * (see {@link #trainTestSplit}); features are floats.
 * <ul>
 *   <li>{@link #digits()}: 1,797 handwritten digits, 8×8 pixel counts 0…16 divided by 16 into
 *       {@code [0, 1]}, {@code x} {@code [n, 64]}; {@code y} one-hot {@code [n, 10]}.</li>
 *   <li>{@link #iris()}: 150 flowers, {@code x} {@code [n, 4]} (sepal length/width, petal length/width,
 *       cm); {@code y} one-hot {@code [n, 3]} (setosa, versicolor, virginica).</li>
 *   <li>{@link #breastCancer()}: 569 tumours, {@code x} {@code [n, 30]} (unscaled); {@code y}
 *       {@code [n, 1]}: 0 = malignant, 1 = benign.</li>
 *   <li>{@link #wine()}: 178 wines, {@code x} {@code [n, 13]} (unscaled); {@code y} one-hot
 *       {@code [n, 3]} (cultivars 0, 1, 2).</li>
 * </ul>
 * The breast-cancer and wine features span very different ranges: scale them (for example with
 * {@link StandardScaler} fitted on the training part) before training a network.
 *
 * <h2>Downloadable</h2>
 * {@link #mnist()} and {@link #fashionMnist()}: 60,000 training and 10,000 test images
 * {@code [n, 28, 28]} scaled to {@code [0, 1]}, labels one-hot {@code [n, 10]}. The IDX files are
 * looked for in the directory passed (if any), {@code ~/.neurona/datasets/<mnist|fashion-mnist>} and,
 * for Fashion-MNIST, {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist});
 * where none has them they are downloaded from the official location into
 * {@code ~/.neurona/datasets/<name>} and their SHA-256 checked. Loading takes about a second and
 * some 220 MB of memory. For convolution layers, which take channels-last images, add the channel
 * axis with {@link Split#channelsLast()}: {@code Datasets.fashionMnist().channelsLast()} gives
 * {@code [n, 28, 28, 1]} without copying the images.
 *
 * <p>{@link #cifar10()}: 50,000 training and 10,000 test colour images {@code [n, 32, 32, 3]}
 * (channels last), scaled to {@code [0, 1]} by /255 like MNIST, labels one-hot {@code [n, 10]}
 * like every classification set here ({@link OneHot#classIds} gives the ids 0…9), classes in
 * {@link #cifar10Classes()}. Read from the official binary archive {@code cifar-10-binary.tar.gz}
 * (its SHA-256 checked whenever it is read) or from its extracted {@code cifar-10-batches-bin/}
 * directory, looked for in the directory passed (if any) and {@code ~/.neurona/datasets/cifar-10};
 * where neither has them the archive (170 MB) is downloaded from
 * {@code https://www.cs.toronto.edu/~kriz/} into {@code ~/.neurona/datasets/cifar-10}. Loading
 * takes a few seconds and about 1 GB of memory (the float images alone are 737 MB).
 */
public final class Datasets {

    /** The seed of the shipped sets' train/test split. */
    public static final long SPLIT_SEED = 42L;
    /** The fraction of the shipped sets held out for testing. */
    public static final double TEST_FRACTION = 0.2;

    private Datasets() {
    }

    // ------------------------------------------------------------------ generated

    /** XOR on {@code (±1, ±1)}: {@code y = 1} where the signs differ. x {@code [4, 2]}, y {@code [4, 1]}. */
    public static Dataset xor() {
        return Generators.truthTable(0, 1, 1, 0);
    }

    /** AND on {@code (±1, ±1)}: {@code y = 1} only for {@code (1, 1)}. x {@code [4, 2]}, y {@code [4, 1]}. */
    public static Dataset and() {
        return Generators.truthTable(0, 0, 0, 1);
    }

    /** OR on {@code (±1, ±1)}: {@code y = 0} only for {@code (−1, −1)}. x {@code [4, 2]}, y {@code [4, 1]}. */
    public static Dataset or() {
        return Generators.truthTable(0, 1, 1, 1);
    }

    /** {@code n} points that a line separates with margin 0.1; y {@code [n, 1]} 0/1, balanced. */
    public static Dataset linearlySeparable(int n, long seed) {
        return Generators.linearlySeparable(n, seed);
    }

    /** {@code n} points around {@code centers} Gaussian centers of standard deviation {@code std}; y one-hot {@code [n, centers]}. */
    public static Dataset blobs(int n, int centers, double std, long seed) {
        return Generators.blobs(n, centers, std, seed);
    }

    /** Two interleaving half moons with Gaussian {@code noise}; y {@code [n, 1]} 0 (upper) / 1 (lower). */
    public static Dataset moons(int n, double noise, long seed) {
        return Generators.moons(n, noise, seed);
    }

    /** Two concentric circles, the inner of radius {@code factor} in (0, 1); y {@code [n, 1]} 0 (outer) / 1 (inner). */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        return Generators.circles(n, noise, factor, seed);
    }

    /** {@code classes} interleaved spiral arms with angular {@code noise}; y one-hot {@code [n, classes]}. */
    public static Dataset spirals(int n, int classes, double noise, long seed) {
        return Generators.spirals(n, classes, noise, seed);
    }

    /** A noisy curve {@code y = sin(x) + 0.1·x + noise·N(0, 1)}, {@code x} uniform in [−3, 3]; x, y {@code [n, 1]}. */
    public static Dataset regression1d(int n, double noise, long seed) {
        return Generators.regression1d(n, noise, seed);
    }

    // ------------------------------------------------------------------ splitting

    /**
     * Holds out a random {@code testFraction} of {@code dataset} for testing.
     *
     * <p>With {@code stratified}, each class is split on its own (its test count is
     * {@code round(count · testFraction)}), so both parts keep the class ratios; classes come from
     * one-hot rows {@code [n, k]} (argmax) or integer ids {@code [n]} / {@code [n, 1]}. Both parts
     * are in shuffled order. The same seed gives the same split.
     *
     * @throws IllegalArgumentException unless {@code 0 < testFraction < 1} and both parts are
     *         non-empty, or, when stratified, if the targets are not class labels
     */
    public static Split trainTestSplit(Dataset dataset, double testFraction, long seed, boolean stratified) {
        return Splits.trainTest(dataset, testFraction, seed, stratified);
    }

    // ------------------------------------------------------------------ shipped

    /** The UCI handwritten digits 8×8 (1,797), pixels in [0, 1], one-hot labels; the fixed 80/20 split. */
    public static Split digits() {
        return builtin("digits", 16f, true);
    }

    /** Fisher's iris (150), 4 features, one-hot labels of 3 species; the fixed 80/20 split. */
    public static Split iris() {
        return builtin("iris", 1f, true);
    }

    /** Breast cancer Wisconsin (diagnostic) (569), 30 features, y {@code [n, 1]} 0 = malignant, 1 = benign; the fixed 80/20 split. */
    public static Split breastCancer() {
        return builtin("breast_cancer", 1f, false);
    }

    /** The UCI wine recognition set (178), 13 features, one-hot labels of 3 cultivars; the fixed 80/20 split. */
    public static Split wine() {
        return builtin("wine_data", 1f, true);
    }

    private static Split builtin(String name, float divisor, boolean oneHot) {
        return trainTestSplit(BuiltinSets.load(name, divisor, oneHot), TEST_FRACTION, SPLIT_SEED, true);
    }

    // ------------------------------------------------------------------ downloadable

    /** MNIST handwritten digits, found on disk or downloaded (see the class description). */
    public static Split mnist() {
        return mnist(null);
    }

    /** MNIST, searching {@code directory} first. */
    public static Split mnist(Path directory) {
        return idxSplit(DatasetStore.standard(), DatasetStore.MNIST, directory, DatasetStore.MNIST.baseUrl());
    }

    /** Fashion-MNIST, found on disk or downloaded (see the class description). */
    public static Split fashionMnist() {
        return fashionMnist(null);
    }

    /** Fashion-MNIST, searching {@code directory} first. */
    public static Split fashionMnist(Path directory) {
        return idxSplit(DatasetStore.standard(), DatasetStore.FASHION_MNIST, directory, DatasetStore.FASHION_MNIST.baseUrl());
    }

    /** The Fashion-MNIST class names, in label order. */
    public static List<String> fashionMnistClasses() {
        return List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    /**
     * CIFAR-10, found on disk or downloaded (see the class description).
     *
     * @throws DatasetUnavailableException when it is nowhere on disk and cannot be downloaded,
     *         naming every directory searched and what to put where
     * @throws DataFormatException for a damaged archive or batch file, naming it and the problem
     */
    public static Split cifar10() {
        return cifar10(null);
    }

    /** CIFAR-10, searching {@code directory} first (for the archive or the extracted batch files). */
    public static Split cifar10(Path directory) {
        return Cifar10.load(DatasetStore.standard(), DatasetStore.CIFAR10, directory, DatasetStore.CIFAR10.baseUrl());
    }

    /** The CIFAR-10 class names, in label order (those of the archive's {@code batches.meta.txt}). */
    public static List<String> cifar10Classes() {
        return List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    }

    static Split idxSplit(DatasetStore store, DatasetStore.Source source, Path directory, String baseUrl) {
        Map<String, Path> files = store.locate(source, directory, baseUrl);
        Dataset train = idxDataset(files.get("train-images-idx3-ubyte.gz"), files.get("train-labels-idx1-ubyte.gz"));
        Dataset test = idxDataset(files.get("t10k-images-idx3-ubyte.gz"), files.get("t10k-labels-idx1-ubyte.gz"));
        return new Split(train, test);
    }

    /** Images {@code [n, rows, cols]} in [0, 1] with one-hot labels {@code [n, 10]}. */
    static Dataset idxDataset(Path images, Path labels) {
        Tensor x = Idx.readImages(images);
        int[] ids = Idx.readLabels(labels);
        if (ids.length != x.dim(0)) {
            throw new DataFormatException(labels.toString(), ids.length + " labels for the " + x.dim(0) + " images of " + images);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] > 9) {
                throw new DataFormatException(labels.toString(), "label " + i + " is " + ids[i] + "; expected a class 0..9");
            }
        }
        return Dataset.of(x, OneHot.toCategorical(ids, 10));
    }
}
