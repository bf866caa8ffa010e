/** Small helpers for looking at Kafka topics from notebooks and tests. */
package dev.eddy.streaming.api.kafka;
