/** Built-in sources (rate, memory); the io helper's sources live in sibling packages. */
package dev.eddy.streaming.internal.source;
