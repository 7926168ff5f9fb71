package org.recxplain.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * What one suite of {@code recxplain bench} measured: a record written into the JSON document (its
 * components), a readable table, and the project targets it checks.
 */
interface BenchSuiteResult {

    /** The project's performance targets this suite measured, each with its outcome. */
    List<BenchTarget> targets();

    /** Prints the suite's table. */
    void print(PrintWriter out);
}
