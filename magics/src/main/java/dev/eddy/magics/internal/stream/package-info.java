/** The {@code %stream} line magic: listing, inspecting, stopping and re-showing queries. */
package dev.eddy.magics.internal.stream;
