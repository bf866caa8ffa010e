/**
 * Cell evaluation: JShell in the kernel's JVM on one evaluator thread, interrupt, System.exit interception,
 * and routing of System.out/err to the cell that started the work (inherited by threads the cell starts).
 */
package dev.eddy.kernel.internal.eval;
