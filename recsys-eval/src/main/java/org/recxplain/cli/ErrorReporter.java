package org.recxplain.cli;

import org.recxplain.data.DataFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Turns every failure into one line on the command's error writer, {@code error: ...}, and an exit code:
 * {@link RecxplainCli#EXIT_USAGE} for an invalid command line, {@link RecxplainCli#EXIT_ERROR} for a failure
 * while running. With {@code --verbose} the stack trace follows the line. Stateless.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String msg = oneLine(ex.getMessage());
        StringBuilder line = new StringBuilder(msg.endsWith(".") ? msg.substring(0, msg.length() - 1) : msg);
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            List<String> s = u.getSuggestions();
            line.append(" (did you mean ").append(String.join(" or ", s.subList(0, Math.min(3, s.size()))))
                    .append("?)");
        }
        line.append("; see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help'");
        err.println("error: " + line);
        if (Arrays.asList(args).contains(RecxplainCli.VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return RecxplainCli.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("error: " + describe(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof ParameterException ? RecxplainCli.EXIT_USAGE : RecxplainCli.EXIT_ERROR;
    }

    /** The one-line description of a failure. */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String msg;
        if (t instanceof CliException || t instanceof DataFormatException || t instanceof NoSuchElementException
                || t instanceof IllegalArgumentException || t instanceof ParameterException) {
            msg = t.getMessage();
        } else if (t instanceof NoSuchFileException f) {
            msg = "no such file: " + f.getFile();
        } else if (t instanceof AccessDeniedException f) {
            msg = "permission denied: " + f.getFile();
        } else if (t instanceof FileSystemException f) {
            msg = f.getFile() + ": " + (f.getReason() == null ? t.getClass().getSimpleName() : f.getReason());
        } else if (t instanceof java.io.IOException) {
            msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        } else {
            msg = "unexpected " + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    + " (run with --verbose for the stack trace)";
        }
        return oneLine(msg == null ? t.getClass().getSimpleName() : msg);
    }

    /** Folds a multi-line message onto one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(RecxplainCli.VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
