package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.spi.Secrets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one-line message of a failed batch: which row (when the database tells: COPY's line, the JDBC batch's update
 * counts, PostgreSQL's key detail), which constraint, that nothing of the batch was committed and where the query
 * resumes. Credentials are scrubbed from whatever the driver said.
 */
final class BatchErrors {
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private BatchErrors() {}

    static String describe(SQLException e, long batchId, Batch batch, SinkColumns cols, JdbcOptions o) {
        SQLException root = e;
        while (root.getNextException() != null && root.getNextException() != root) {
            root = root.getNextException();
        }
        if (root == e && e.getCause() instanceof SQLException cause) {
            root = cause;
        }
        StringBuilder sb = new StringBuilder("batch ")
                .append(batchId)
                .append(" was not written to ")
                .append(o.table())
                .append(": ");
        int row = -1;
        String constraint = null;
        String detail = null;
        String message = root.getMessage();
        PSQLException pg = root instanceof PSQLException p ? p : e instanceof PSQLException p2 ? p2 : null;
        if (pg != null && pg.getServerErrorMessage() != null) {
            ServerErrorMessage m = pg.getServerErrorMessage();
            constraint = m.getConstraint();
            detail = m.getDetail();
            message = m.getMessage();
            if (m.getWhere() != null) {
                Matcher line = COPY_LINE.matcher(m.getWhere());
                if (line.find()) {
                    row = Integer.parseInt(line.group(1)) - 1;
                }
            }
            if (constraint == null && "23502".equals(m.getSQLState()) && m.getColumn() != null) {
                constraint = "NOT NULL on column " + m.getColumn();
            }
        }
        if (e instanceof BatchedInserts.RowFailure f) {
            row = f.row;
        }
        boolean violation = root.getSQLState() != null && root.getSQLState().startsWith("23");
        if (row >= 0 && row < batch.numRows()) {
            sb.append("row ")
                    .append(row)
                    .append(" of the batch ")
                    .append(describeRow(batch, cols, row))
                    .append(' ');
        } else if (detail != null && detail.startsWith("Key ")) {
            sb.append("the row with ").append(detail.replaceAll("\\.$", "")).append(' ');
        } else if (detail != null && detail.startsWith("Failing row contains")) {
            sb.append("the row ")
                    .append(detail.substring("Failing row contains ".length()).replaceAll("\\.$", ""))
                    .append(' ');
        }
        if (violation) {
            sb.append("violates ")
                    .append(constraint != null ? "constraint " + constraint : "a constraint")
                    .append(" (")
                    .append(message)
                    .append(")");
        } else {
            sb.append(message);
        }
        sb.append(". Nothing of batch ")
                .append(batchId)
                .append(" was committed; fix the row or the table and restart"
                        + " the query from its checkpoint: it resumes at batch ")
                .append(batchId)
                .append('.');
        return Secrets.scrub(sb.toString(), o.secrets());
    }

    private static String describeRow(Batch b, SinkColumns cols, int r) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (SinkColumns.Col c : cols.cols()) {
            var col = c.of(b);
            Object v = c.isNull(b, col, r) ? null : col.get(r);
            if (v instanceof Long micros && c.type() == DataType.TIMESTAMP) {
                v = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            }
            j.add(c.name() + "=" + v);
        }
        return j.toString();
    }
}
