package dev.neurona.cli;

import dev.neurona.models.Model;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurona summary}: the Keras summary table of a saved model, of any kind (Sequential or functional). */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Prints a saved model's layers, output shapes and parameter counts.",
        footer = {"", "Example:", "  neurona summary runs/<id>/model.nrn"})
final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A saved model (.nrn), Sequential or functional.")
    Path model;

    @Override
    public Integer call() throws Exception {
        Model loaded = SavedModels.load(model);
        spec.commandLine().getOut().print(loaded.summaryString());
        if (loaded.optimizer() != null) {
            spec.commandLine().getOut().println("Compiled with " + loaded.optimizer().name() + ", loss "
                    + loaded.loss().name());
        }
        return 0;
    }
}
