package dev.neurona.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neurona.models.Model;
import dev.neurona.train.History;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurona plot}: regenerates a run folder's report and figures from its files. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Regenerates report.html and the PNG figures of a run folder from its model, history and configuration.",
        footer = {"", "Example:", "  neurona plot runs/<id>"})
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A folder written by 'neurona train'.")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        for (String f : List.of("model.nrn", "history.csv", "config.json")) {
            if (!Files.isRegularFile(runDir.resolve(f))) {
                throw new UsageException(runDir + " is not a run folder: it has no " + f);
            }
        }
        Map<String, Object> config = new ObjectMapper().readValue(runDir.resolve("config.json").toFile(),
                new TypeReference<Map<String, Object>>() { });
        Model model = SavedModels.load(runDir.resolve("model.nrn"));
        SavedModels.requireSingle(model, runDir.resolve("model.nrn"), "plot", "the run's data set");
        History history = History.readCsv(runDir.resolve("history.csv"));
        Object target = config.get("target");
        Object missing = config.get("missing");
        DataSource source = DataSource.resolve(String.valueOf(config.get("data")), target == null ? null : target.toString(),
                TrainCommand.parseTask(String.valueOf(config.get("task"))), ((Number) config.get("seed")).longValue(),
                CsvSource.missing(missing == null ? null : missing.toString()), categorical(config.get("categorical")));
        Map<String, Double> scores = model.evaluate(source.split().test());
        List<Path> written = RunReport.write(runDir, config, model, history, scores, source.split().test(),
                source.classNames());
        for (Path p : written) {
            spec.commandLine().getOut().println("Wrote " + p);
        }
        return 0;
    }

    /** The {@code --categorical} columns recorded in config.json (none in runs from before the flag). */
    private static List<String> categorical(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
