package dev.neurona.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FigureTest {

    private static final Figure SQUARE = new Figure("square", 100, 80, 1, (g, w, h) -> {
        g.setColor(Color.RED);
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.setColor(Color.BLACK);
        g.drawString("text", 5, 15);
    });

    @Test
    void savesPngAndSvgAtTheRequestedSize(@TempDir Path dir) throws Exception {
        Figure f = SQUARE.withSize(120, 90);
        f.savePng(dir.resolve("a.png"));
        f.saveSvg(dir.resolve("a.svg"));
        BufferedImage image = ImageIO.read(dir.resolve("a.png").toFile());
        assertThat(image.getWidth()).isEqualTo(120);
        assertThat(image.getHeight()).isEqualTo(90);
        assertThat(image.getRGB(60, 45) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(2, 88) & 0xffffff).isEqualTo(0xffffff);
        String svg = Files.readString(dir.resolve("a.svg"), StandardCharsets.UTF_8);
        Document doc = Pictures.parseXml(svg);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 120 90");
        assertThat(svg).contains("text");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.png", "a.svg");
        }
    }

    @Test
    void svgStringHasNoDeclarationSoItCanBeInlined() {
        assertThat(SQUARE.toSvgString()).startsWith("<svg");
    }

    @Test
    void svgTextInTheDefaultFontKeepsItsSizeInABrowser() throws Exception {
        Figure text = new Figure("text", 120, 40, 0, (g, w, h) -> {
            g.setColor(Color.BLACK);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
            g.drawString("twelve", 5, 15);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
            g.drawString("fourteen", 5, 35);
        });
        org.w3c.dom.Document svg = Pictures.parseXml(text.toSvgString());
        assertThat(svg.getDocumentElement().getAttribute("font-size")).isEqualTo("12px");
        var texts = svg.getElementsByTagName("text");
        assertThat(texts.getLength()).isEqualTo(2);
        for (int i = 0; i < texts.getLength(); i++) {
            var t = (org.w3c.dom.Element) texts.item(i);
            String style = t.getAttribute("style");
            // a text states its own size, or is in the 12 px the root now gives it
            assertThat(style.contains("font-size:") ? style : "12px from the root")
                    .contains(t.getTextContent().equals("twelve") ? "12px" : "font-size:14px");
        }
    }

    @Test
    void textRendersHeadless() throws Exception {
        // Fonts must be present (fontconfig and a font such as DejaVu) for any label to show.
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
        Figure text = new Figure("text", 80, 30, 0, (g, w, h) -> {
            g.setColor(Color.BLACK);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 20));
            g.drawString("Ag", 5, 22);
        });
        BufferedImage image = text.toImage();
        int dark = 0;
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 80; x++) {
                dark += (image.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(20);
    }

    @Test
    void rejectsSillySizes() {
        assertThatThrownBy(() -> SQUARE.withSize(0, 100)).hasMessageContaining("0x100");
        assertThat(SQUARE.toString()).contains("100x80", "1 series");
    }
}
