/** The {@code %kafka} line magic: a real broker's topics and records through kafka-clients. */
package dev.eddy.magics.internal.kafka;
