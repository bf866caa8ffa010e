package dev.eddy.sql.internal.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An element of CREATE STREAM/TABLE's list that names something and says one thing about it: a column (name and
 * type) or a watermark (column and expression). Subclasses keep typed fields and write their own SQL.
 */
abstract class SqlDeclaration extends SqlCall {
    private final SqlOperator operator;
    private final SqlIdentifier subject;
    private final SqlNode detail;

    SqlDeclaration(SqlParserPos pos, SqlOperator operator, SqlIdentifier subject, SqlNode detail) {
        super(pos);
        this.operator = operator;
        this.subject = subject;
        this.detail = detail;
    }

    @Override
    public SqlOperator getOperator() {
        return operator;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(subject, detail);
    }
}
