package org.recxplain.cli;

/**
 * A failure the user can act on (an unknown ID, a missing file, an unsupported model for an explainer). Its
 * message is printed as the single {@code error: ...} line, without a stack trace unless {@code --verbose}.
 */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
