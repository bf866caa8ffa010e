package dev.eddy.sql.internal.parser;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** One column declaration of CREATE STREAM/TABLE: name and type (nullability in the type). */
public final class SqlColumn extends SqlDeclaration {
    private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

    public final SqlIdentifier name;
    public final SqlDataTypeSpec type;

    public SqlColumn(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type) {
        super(pos, OPERATOR, name, type);
        this.name = name;
        this.type = type;
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (Boolean.FALSE.equals(type.getNullable())) {
            writer.keyword("NOT NULL");
        }
    }
}
