/** The {@code %topic} line magic over the embedded topic log. */
package dev.eddy.magics.internal.topic;
