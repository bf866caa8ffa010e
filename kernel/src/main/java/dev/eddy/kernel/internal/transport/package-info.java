/**
 * ZMQ transport: ROUTER channels served by one thread each with blocking receives, the heartbeat echo, and the
 * single IOPub writer thread that every publisher goes through.
 */
package dev.eddy.kernel.internal.transport;
