package org.recxplain.model.io;

import java.io.IOException;

/**
 * A model file, or a payload inside one, is not what it should be: truncated, not a model file at all
 * (bad magic bytes), of an unsupported container or format version, of another model family, corrupted
 * (checksum mismatch), or holding a value that cannot be right (a negative or absurd length, an index out
 * of range). The message names the file (or stream) and the problem, for example
 * {@code model.rxm: truncated: the header declares a payload of 4096 bytes, but only 1000 follow}.
 *
 * <p>It is an {@link IOException} (checked) on purpose: a damaged or foreign file is a problem of the
 * input, met in the same place as a missing or unreadable one, and callers handle both together.
 */
public class ModelFormatException extends IOException {
    private final String source;
    private final String problem;

    /**
     * @param source  the file or stream name
     * @param problem what is wrong, for a person
     */
    public ModelFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** What is wrong, without the source name. */
    public String problem() {
        return problem;
    }
}
