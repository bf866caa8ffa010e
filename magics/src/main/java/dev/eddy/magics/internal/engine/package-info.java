/**
 * {@code %engine} and the remote engines (Spark through Spark Connect) that {@code %%sql} can run streaming
 * queries on, loaded in their own class loader on first connect.
 */
package dev.eddy.magics.internal.engine;
