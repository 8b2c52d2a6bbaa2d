package dev.neurona.cli;

import dev.neurona.models.Model;
import dev.neurona.onnx.OnnxExport;
import dev.neurona.onnx.OnnxExportException;
import dev.neurona.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurona export}: writes a saved model in another format (ONNX) for serving elsewhere: a
 * Sequential or functional model (branches, several inputs and outputs, nested models); a layer
 * without an ONNX mapping or a subclassed model is a usage error naming it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Exports a saved model to ONNX, with a dynamic batch dimension, for ONNX Runtime and other servers.",
        footer = {"", "Examples:", "  neurona export runs/<id>/model.nrn --format onnx --out model.onnx",
                "  neurona export model.nrn --format onnx --opset 17 --out model.onnx"})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A saved model (.nrn): Sequential or functional.")
    Path model;

    @Option(names = "--format", defaultValue = "onnx", description = "The format; only onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--opset", defaultValue = "" + OnnxOptions.DEFAULT_OPSET,
            description = "The ONNX opset, " + OnnxOptions.MIN_OPSET + " to " + OnnxOptions.MAX_OPSET + " (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the exported model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
            throw new UsageException("--format " + format + ": the only export format is onnx");
        }
        if (opset < OnnxOptions.MIN_OPSET || opset > OnnxOptions.MAX_OPSET) {
            throw new UsageException("--opset " + opset + ": choose " + OnnxOptions.MIN_OPSET + " to " + OnnxOptions.MAX_OPSET);
        }
        Model loaded = SavedModels.load(model);
        try {
            OnnxExport.write(loaded, out, OnnxOptions.defaults().withOpset(opset));
        } catch (OnnxExportException e) {
            throw new UsageException("export: " + model + ": " + e.getMessage());
        }
        spec.commandLine().getOut().println("Wrote " + out + " (ONNX opset " + opset + ")");
        return 0;
    }
}
