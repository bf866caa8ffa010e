/**
 * The seam to remote engines: an SPI that {@code engine-spark} implements, so the kernel and magics run Eddy's
 * plans on a Spark cluster without a compile dependency on Spark.
 */
package dev.eddy.sql.api.engine;
