package org.recxplain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * The {@code recxplain} command: trains recommenders, recommends, and explains recommendations from the command
 * line. Run {@code recxplain --help} or {@code recxplain COMMAND --help} for the options.
 *
 * <p>Exit codes: 0 on success, {@link #EXIT_ERROR} (1) when a command fails while running (unknown ID, unreadable
 * file, malformed data), {@link #EXIT_USAGE} (2) for an invalid command line. A failure prints exactly one line,
 * {@code error: ...}, on standard error; {@code --verbose} adds the stack trace.
 *
 * <p>Thread-safety: a command line is parsed and run by one thread; create one per invocation.
 */
@Command(name = "recxplain",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = RecxplainCli.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Explain recommender-system recommendations, and check that the explanations are true.",
        description = {"", "Start with `recxplain demo`. Item and user IDs are the data set's own IDs "
                + "(for MovieLens, movieId and userId)."},
        subcommands = {DemoCommand.class, TrainCommand.class, RecommendCommand.class, ExplainCommand.class,
                EvaluateCommand.class, AutomlCommand.class, BenchCommand.class, BenchmarkCommand.class,
                ImportanceCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure while running, 2 invalid command line."})
public final class RecxplainCli implements Runnable {

    /** Exit code of a command that failed while running. */
    public static final int EXIT_ERROR = CommandLine.ExitCode.SOFTWARE;
    /** Exit code of an invalid command line (unknown option, bad value, missing argument). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    /** The option that turns on stack traces and info-level logging; accepted before or after the command. */
    static final String VERBOSE = "--verbose";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "Print stack traces with errors, and log progress at info level.")
    private boolean verbose;

    /** Runs the tool and exits the JVM with its exit code. */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts are drawn off-screen
        }
        if (Arrays.asList(args).contains(VERBOSE)
                && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // must happen before the first logger is created
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * A command line for this tool with its error handling installed: one {@code error: ...} line on its error
     * writer, exit codes as documented on this class. Set its output and error writers to capture what it prints.
     */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new RecxplainCli());
        ErrorReporter reporter = new ErrorReporter();
        cmd.setExecutionExceptionHandler(reporter);
        cmd.setParameterExceptionHandler(reporter);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    /** Without a command, print the usage help. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the project version, read from a resource filled in by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = RecxplainCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"recxplain " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
