/** Magic argument splitting and picocli parsing with usage on errors. */
package dev.eddy.magics.internal.args;
