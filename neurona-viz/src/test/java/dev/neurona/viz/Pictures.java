package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Checks on rendered pictures shared by the tests. */
final class Pictures {

    private Pictures() {
    }

    /** The number of distinct RGB colours, sampling every 2nd pixel each way. */
    static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colors.size();
    }

    /** Decodes {@code figure}'s PNG and checks its size and that it is not blank; returns the image. */
    static BufferedImage renderedPng(Figure figure, int width, int height) throws IOException {
        Figure sized = figure.withSize(width, height);
        byte[] png = sized.toPngBytes();
        assertThat(png).hasSizeGreaterThan(1000);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(distinctColors(image)).as("distinct colours of " + figure).isGreaterThan(8);
        return image;
    }

    /** Parses {@code text} as XML (no external entities), failing the test if it is not well-formed. */
    static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    /** Whether the pixel reads as the first palette colour (blue: class 0) rather than the second (orange). */
    static boolean bluish(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        return b > r + 30;
    }

    /** Whether the pixel reads as the second palette colour (orange: class 1). */
    static boolean orangish(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        return r > b + 30;
    }
}
