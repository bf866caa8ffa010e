package dev.eddy.streaming.api.topic;

import java.util.Collection;

/** Thrown when a topic name is not in the registry. */
public class UnknownTopicException extends RuntimeException {
    public UnknownTopicException(String topic, Collection<String> known) {
        super("no topic named '" + topic + "'"
                + (known.isEmpty() ? " (no topics exist yet)" : "; topics are " + known));
    }
}
