package dev.neurona.examples;

import dev.neurona.viz.Figure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the examples write their pictures: the folder named by the system property
 * {@value #PROPERTY}, by default {@code figures} in the working directory (the repository root
 * under {@code exec:java}; git ignores it). Drawing happens off-screen, so the examples run
 * without a display.
 *
 * <pre>{@code
 * Figures figures = Figures.folder();
 * figures.save(Plots.history(history), "history.png");   // prints "Wrote figures/history.png"
 * }</pre>
 */
final class Figures {

    /** The system property that names the output folder. */
    static final String PROPERTY = "neurona.figures";

    private final Path folder;

    private Figures(Path folder) {
        this.folder = folder;
    }

    /**
     * The output folder, {@code -Dneurona.figures=...} or {@code figures}; also turns on
     * {@code java.awt.headless} unless it was set, so call it before drawing anything.
     */
    static Figures folder() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new Figures(Path.of(System.getProperty(PROPERTY, "figures")));
    }

    /** Writes {@code figure} as PNG to {@code name} in the folder (created if missing) and says so. */
    void save(Figure figure, String name) {
        Path file = folder.resolve(name);
        try {
            Files.createDirectories(folder);
            figure.savePng(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("Wrote " + file);
    }
}
