package dev.eddy.sql.internal.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** DROP STREAM|TABLE [IF EXISTS] name. */
public final class SqlDropRelation extends SqlDrop {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP RELATION", SqlKind.DROP_TABLE);

    public final RelationKind kind;
    public final SqlIdentifier name;

    public SqlDropRelation(SqlParserPos pos, boolean ifExists, RelationKind kind, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists);
        this.kind = kind;
        this.name = name;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP");
        writer.keyword(kind.name());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
    }
}
