/**
 * Public API of the embedded topic log: create, describe and delete topics, produce records from Java and
 * read them back by offset. {@link dev.eddy.streaming.api.topic.Topics} is the registry a session holds.
 */
package dev.eddy.streaming.api.topic;
