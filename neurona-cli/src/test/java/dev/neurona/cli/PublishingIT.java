package dev.neurona.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What publishing needs of the built jars and POMs: every jar names its module for the module
 * path (Automatic-Module-Name), neurona.jar keeps its Main-Class beside it, and neurona-bom
 * lists every module that is deployed. After {@code package} (Failsafe), on the jars themselves.
 */
class PublishingIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern NEURONA_JAR = Pattern.compile("(neurona-[a-z]+)-\\d[^/]*\\.jar");

    @Test
    void theExecutableJarKeepsItsEntriesAndNamesItsModule() throws Exception {
        try (JarFile jar = new JarFile(Path.of("target/neurona.jar").toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.neurona.cli.Neurona");
            assertThat(main.getValue("Implementation-Version")).isNotBlank();
            assertThat(main.getValue("Automatic-Module-Name")).isEqualTo("dev.neurona.cli");
        }
    }

    @Test
    void everyNeuronaJarOnTheClassPathNamesItsModule() throws Exception {
        Map<String, String> expected = Map.of("neurona-core", "dev.neurona.core", "neurona-native", "dev.neurona.openblas",
                "neurona-onnx", "dev.neurona.onnx", "neurona-viz", "dev.neurona.viz");
        Map<String, String> found = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = NEURONA_JAR.matcher(entry.replace(File.separatorChar, '/'));
            if (m.find() && expected.containsKey(m.group(1))) {
                try (JarFile jar = new JarFile(entry)) {
                    found.put(m.group(1), jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
                }
            }
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void theBomListsEveryDeployedModule() throws Exception {
        List<String> deployed = new ArrayList<>();
        NodeList modules = read(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String name = modules.item(i).getTextContent().trim();
            Document pom = read(ROOT.resolve(name).resolve("pom.xml"));
            boolean isPom = "pom".equals(text(pom.getDocumentElement(), "packaging"));
            boolean skipped = "true".equals(text(pom.getDocumentElement(), "maven.deploy.skip"));
            if (!isPom && !skipped) {
                deployed.add(name);
            }
        }
        assertThat(deployed).contains("neurona-core", "neurona-cli", "neurona-spark");
        List<String> inBom = new ArrayList<>();
        NodeList artifacts = read(ROOT.resolve("neurona-bom/pom.xml")).getElementsByTagName("artifactId");
        for (int i = 0; i < artifacts.getLength(); i++) {
            if (artifacts.item(i).getParentNode().getNodeName().equals("dependency")) {
                inBom.add(artifacts.item(i).getTextContent().trim());
            }
        }
        assertThat(inBom).containsExactlyInAnyOrderElementsOf(deployed);
        Document bom = read(ROOT.resolve("neurona-bom/pom.xml"));
        assertThat(text(bom.getDocumentElement(), "version")).as("the BOM's version, kept with the parent's by hand")
                .isEqualTo(text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
        assertThat(Files.readString(ROOT.resolve("neurona-bom/pom.xml"))).contains("<version>${project.version}</version>");
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the first element named {@code tag} anywhere below {@code root}, or null. */
    private static String text(Element root, String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }
}
