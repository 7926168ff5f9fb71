/**
 * A versioned, checksummed binary container for trained models, and codecs for what models carry.
 *
 * <p>{@link org.recxplain.model.io.ModelFile} writes and reads the container: magic bytes, container
 * version, model family and its own format version, a length-prefixed payload and a CRC32C of everything
 * before it. A model family writes its payload through a {@link org.recxplain.model.io.ModelWriter} and
 * reads it back through a {@link org.recxplain.model.io.ModelReader}; {@link org.recxplain.model.io.DatasetCodec}
 * stores a whole {@link org.recxplain.data.Dataset} inside a payload, and {@link org.recxplain.model.io.ModelCodec}
 * is the layout every model family shares (configuration, training data, parameters). Java serialization is not used
 * anywhere. Every problem with a file (truncated, wrong magic, unknown version, corrupted, malformed
 * payload) is a {@link org.recxplain.model.io.ModelFormatException} naming the file and the problem.
 */
package org.recxplain.model.io;
