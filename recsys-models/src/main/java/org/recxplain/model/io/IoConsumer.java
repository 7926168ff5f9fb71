package org.recxplain.model.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: the body that writes a model's payload.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IoConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
