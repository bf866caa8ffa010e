package dev.eddy.sql.api;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** SHOW QUERIES: the session's active streaming queries. */
final class QueryListing {
    private QueryListing() {}

    static Table of(Eddy session) {
        StringColumn name = StringColumn.create("name");
        StringColumn id = StringColumn.create("id");
        StringColumn state = StringColumn.create("status");
        for (StreamingQuery q : session.streams().active()) {
            name.append(q.name());
            id.append(q.id().toString());
            state.append(q.state().name());
        }
        return Table.create("queries", name, id, state);
    }
}
