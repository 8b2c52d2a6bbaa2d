package dev.neurona.data;

/**
 * A data set divided into a part to train on and a part held out to test on.
 *
 * @param train the samples to fit on
 * @param test  the held-out samples to evaluate on
 */
public record Split(Dataset train, Dataset test) {

    /** @throws IllegalArgumentException when either part is missing */
    public Split {
        if (train == null || test == null) {
            throw new IllegalArgumentException("Split: train and test must not be null");
        }
    }

    /**
     * Both parts with their images channels-last, {@code [n, height, width, 1]} for grayscale
     * images {@code [n, height, width]} (no copy; see {@link Dataset#channelsLast()}), as
     * convolution layers take them: {@code Datasets.fashionMnist().channelsLast()}.
     *
     * @throws IllegalStateException when a part's input is not an image set
     */
    public Split channelsLast() {
        return new Split(train.channelsLast(), test.channelsLast());
    }
}
