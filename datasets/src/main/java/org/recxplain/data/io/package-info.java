/**
 * Reading interaction data from files: a small delimited-text layer ({@link org.recxplain.data.io.TextSource},
 * {@link org.recxplain.data.io.DelimitedReader}) with line- and column-precise errors, loaders for MovieLens
 * (ml-latest-small and 100K layouts), the UCI restaurant-consumer data and generic delimited files, and
 * {@link org.recxplain.data.io.DataSources}, the entry point that also serves the data sets bundled in the jar.
 *
 * <p>Every loader returns an immutable {@link org.recxplain.data.Dataset}. Malformed input raises a
 * {@link org.recxplain.data.DataFormatException} naming the file, line and column; in lenient mode (see
 * {@link org.recxplain.data.io.LoadOptions}) malformed rows are skipped instead and counted in the data set's
 * {@link org.recxplain.data.LoadReport}. Loaders are stateless and thread-safe; readers are not.
 */
package org.recxplain.data.io;
