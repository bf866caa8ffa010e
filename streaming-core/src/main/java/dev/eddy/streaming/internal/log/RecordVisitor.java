package dev.eddy.streaming.internal.log;

import dev.eddy.streaming.api.topic.Header;
import java.util.List;

/** Receives records of one partition in offset order without a record object per row (the source's hot path). */
@FunctionalInterface
public interface RecordVisitor {
    void visit(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers);
}
