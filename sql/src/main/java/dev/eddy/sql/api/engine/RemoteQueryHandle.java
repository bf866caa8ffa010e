package dev.eddy.sql.api.engine;

import dev.eddy.streaming.api.StreamingQuery;

/** A {@link StreamingQuery} that runs on a remote engine; status lines show where. */
public interface RemoteQueryHandle extends StreamingQuery {
    /** "on spark sc://host:15002 (4.2.0)". */
    String engineLabel();
}
