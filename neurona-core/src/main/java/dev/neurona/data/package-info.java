/**
 * Data for training, and how to get it.
 *
 * <ul>
 *   <li>{@link dev.neurona.data.Dataset} (x/y tensors in memory) and {@link dev.neurona.data.BatchSource}
 *       (anything that yields {@link dev.neurona.data.Batch}es, for data larger than memory), with
 *       seeded shuffling; {@link dev.neurona.data.Split} (train/test).</li>
 *   <li>{@link dev.neurona.data.Datasets}: the lecture's generated sets (XOR, AND, OR, linearly
 *       separable points, blobs, moons, circles, spirals, a noisy 1-D regression curve), the
 *       small real sets shipped with the library (digits 8×8, iris, breast cancer, wine), MNIST and
 *       Fashion-MNIST from local IDX files or a verified download, CIFAR-10 from its binary archive
 *       or extracted batches, and {@link dev.neurona.data.Datasets#trainTestSplit};
 *       {@link dev.neurona.data.Split#channelsLast()} gives images the channel axis that
 *       convolution layers take.</li>
 *   <li>Preprocessing: {@link dev.neurona.data.StandardScaler}, {@link dev.neurona.data.MinMaxScaler},
 *       {@link dev.neurona.data.OneHot}, {@link dev.neurona.data.LabelEncoder}.</li>
 *   <li>{@link dev.neurona.data.TableSchema}: how a CSV's columns became model inputs (types,
 *       categories, target and labels, fill values, a scaler), to read new files the same way and
 *       to save with a model.</li>
 *   <li>File formats: {@link dev.neurona.data.Csv} (Apache commons-csv) and {@link dev.neurona.data.Idx}
 *       (the MNIST format); malformed files raise {@link dev.neurona.data.DataFormatException}, which names
 *       the file, row and column.</li>
 * </ul>
 *
 * <p>Depends on {@code dev.neurona.tensor}, commons-csv and the JDK (its HTTP client for
 * downloads). Every random choice takes an explicit seed.
 */
package dev.neurona.data;
