package dev.neurona.spark;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.neurona.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Library code reaches tensor values only through the host API ({@code toArray}, {@code copyTo},
 * {@code assign}, {@code onHost}), never through the live array of the deprecated
 * {@link Tensor#data()}: the seam a device backend syncs at. Checked on the bytecode of every
 * module on this module's class path (core, native, onnx, viz, cli, spark), tests excluded.
 */
class HostAccessRuleTest {

    @Test
    @SuppressWarnings("deprecation")
    void noLibraryCodeCallsTensorData() {
        // jars included: in a reactor build the other modules arrive as their packaged jars
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.neurona");
        // the rule sees every module it is meant to cover, not an empty or partial class path
        for (String pkg : new String[] {"dev.neurona.train", "dev.neurona.openblas", "dev.neurona.onnx", "dev.neurona.viz",
            "dev.neurona.cli", "dev.neurona.spark"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().equals(pkg))).as("classes of " + pkg).isTrue();
        }
        noClasses().that().resideOutsideOfPackage("dev.neurona.tensor")
                .should().callMethodWhere(describe("Tensor.data() (or a subclass's)", (JavaMethodCall call) ->
                        call.getTarget().getName().equals("data") && call.getTarget().getRawParameterTypes().isEmpty()
                                && call.getTarget().getOwner().isAssignableTo(Tensor.class)))
                .because("values are reached through toArray, copyTo, assign and onHost, which a device backend syncs at")
                .check(classes);
    }
}
