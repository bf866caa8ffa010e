package dev.eddy.sql.internal.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name (columns, [WATERMARK ...]) [WITH (options)].
 * Options are a flat list of key, value literal pairs in the order written.
 */
public final class SqlCreateRelation extends SqlCreate {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE RELATION", SqlKind.CREATE_TABLE);

    public final RelationKind kind;
    public final SqlIdentifier name;
    public final SqlNodeList columns;
    public final SqlNodeList watermarks;
    public final SqlNodeList options;

    public SqlCreateRelation(
            SqlParserPos pos,
            boolean replace,
            boolean ifNotExists,
            RelationKind kind,
            SqlIdentifier name,
            SqlNodeList columns,
            SqlNodeList watermarks,
            SqlNodeList options) {
        super(OPERATOR, pos, replace, ifNotExists);
        this.kind = kind;
        this.name = name;
        this.columns = columns;
        this.watermarks = watermarks;
        this.options = options;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name, columns, watermarks, options);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE" : "CREATE");
        writer.keyword(kind.name());
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        for (SqlNode watermark : watermarks) {
            writer.sep(",");
            watermark.unparse(writer, 0, 0);
        }
        writer.endList(frame);
        if (!options.isEmpty()) {
            writer.keyword("WITH");
            SqlWriter.Frame with = writer.startList("(", ")");
            for (int i = 0; i + 1 < options.size(); i += 2) {
                writer.sep(",");
                options.get(i).unparse(writer, 0, 0);
                writer.keyword("=");
                options.get(i + 1).unparse(writer, 0, 0);
            }
            writer.endList(with);
        }
    }
}
