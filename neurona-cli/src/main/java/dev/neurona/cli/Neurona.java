package dev.neurona.cli;

import dev.neurona.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code neurona} command: train, evaluate and use networks without writing Java.
 * Exit codes: 0 success, 1 failure, 2 usage error. Errors are one readable line; the stack
 * trace only with {@code --verbose}.
 */
@Command(name = "neurona", mixinStandardHelpOptions = true, versionProvider = Neurona.Version.class,
        description = "Train, evaluate and use neural networks on the JVM.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                ExportCommand.class, PlotCommand.class, PerceptronCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  neurona train                     # an MLP on the built-in digits, in seconds",
                "  neurona train --data fashion-mnist --layers 256,128 --epochs 10",
                "  neurona train --data csv:examples/iris.csv --target species",
                "  neurona evaluate runs/<id>/model.nrn --data digits",
                "  neurona predict runs/<id>/model.nrn --input examples/iris.csv --output p.csv",
                "  neurona export runs/<id>/model.nrn --format onnx --out model.onnx"})
public final class Neurona implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command, e.g. 'neurona train'");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in-process (for tests), returning the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // figures are drawn off-screen; never try to open a display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // log records (such as the kernel backend chosen) as one short line each
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "neurona: %5$s%n");
        }
        Neurona root = new Neurona();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean usage = e instanceof UsageException;
            err.println("neurona: error: " + message(e));
            if (root.verbose || parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(err);
            } else if (!usage) {
                err.println("(run again with --verbose for details)");
            }
            err.flush();
            return usage ? 2 : 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("neurona: " + usageMessage(e));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return 2;
        });
        int code = cli.execute(args);
        out.flush();
        return code;
    }

    /** picocli's message, with "did you mean" for a mistyped command or option. */
    static String usageMessage(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        String given = u.getUnmatched().get(0);
        if (given.startsWith("-")) {
            String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
            List<String> options = spec.options().stream().flatMap(o -> Arrays.stream(o.names())).toList();
            return "unknown option '" + name + "' for '" + spec.qualifiedName() + "'" + Suggestions.didYouMean(name, options);
        }
        if (!spec.subcommands().isEmpty()) {
            return "unknown command '" + given + "'" + Suggestions.didYouMean(given, spec.subcommands().keySet())
                    + "; the commands are " + String.join(", ", spec.subcommands().keySet());
        }
        return "unexpected argument '" + given + "' for '" + spec.qualifiedName() + "'";
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException fs) {
            // Java's message is the bare file name ("/proc/nope"); say what failed as well
            return "cannot use " + fs.getFile() + (fs.getOtherFile() == null ? "" : " or " + fs.getOtherFile())
                    + ": " + reason(fs);
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** What went wrong with a file, in words ("no such file or directory", "permission denied"). */
    static String reason(FileSystemException e) {
        return AtomicFiles.reason(e);
    }

    /** The library version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Neurona.class.getPackage().getImplementationVersion();
            return new String[] {"neurona " + (v == null ? "development build" : v)};
        }
    }
}
