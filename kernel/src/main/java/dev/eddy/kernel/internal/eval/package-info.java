/**
 * Cell evaluation: JShell in the kernel's JVM on one evaluator thread, interrupt and System.exit handling by
 * rewriting the classes of cells (stop checks, exit calls that throw), giving up cells that cannot be stopped,
 * error messages in the cell's own names and lines, and routing of System.out/err to the cell that started the
 * work (inherited by threads the cell starts).
 */
package dev.eddy.kernel.internal.eval;
