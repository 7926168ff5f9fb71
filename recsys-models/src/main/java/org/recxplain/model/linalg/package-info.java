/**
 * Small dense linear algebra for the factor models: Cholesky solves and row kernels over row-major arrays.
 */
package org.recxplain.model.linalg;
