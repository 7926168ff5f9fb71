/**
 * The {@code recxplain} command-line tool: {@code demo}, {@code train}, {@code recommend}, {@code explain} and
 * {@code bench}, built on picocli. {@link org.recxplain.cli.RecxplainCli} is the entry point (the main class of
 * the shaded {@code recsys-eval/target/recxplain.jar}) and {@link org.recxplain.cli.RecxplainCli#commandLine()}
 * gives a configured {@link picocli.CommandLine} for running the tool in-process.
 *
 * <p>Errors are reported as one line on standard error ({@code error: ...}) and a non-zero exit code
 * ({@link org.recxplain.cli.RecxplainCli#EXIT_ERROR} for failures while running, picocli's usage code 2 for bad
 * command lines); {@code --verbose} adds the stack trace.
 */
package org.recxplain.cli;
