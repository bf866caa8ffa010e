/**
 * Test support for integration tests that run a real server as a child JVM (the Kafka broker, the Spark Connect
 * server): start it with its output in a log file, wait for it with a deadline, kill it, find a free port.
 */
package dev.eddy.streaming.testing.process;
