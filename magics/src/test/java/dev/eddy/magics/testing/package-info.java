/** Test helpers shared by the magics' tests: a kernel stand-in that records displays. */
package dev.eddy.magics.testing;
