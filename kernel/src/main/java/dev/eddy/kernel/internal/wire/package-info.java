/**
 * The Jupyter wire format: connection files, message records, HMAC signing, frame encoding and decoding.
 * No sockets here; everything is testable without ZMQ.
 */
package dev.eddy.kernel.internal.wire;
