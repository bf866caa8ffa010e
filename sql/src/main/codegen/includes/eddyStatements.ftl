<#--
  Eddy's statements. Included into Calcite's Parser.jj template by config.fmpp.
  CREATE STREAM|TABLE, DROP STREAM|TABLE, SHOW STREAMS|TABLES|QUERIES, EXPLAIN <query>,
  and Spark's window(...) / window.start / window.end in expressions.
-->

boolean EddyIfNotExists() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean EddyIfExists() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

RelationKind EddyRelationKind() :
{
}
{
    <STREAM> { return RelationKind.STREAM; }
|
    <TABLE> { return RelationKind.TABLE; }
}

/** CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [(columns [, WATERMARK ...])] [WITH (options)] */
SqlCreate EddyCreateRelation(Span s, boolean replace) :
{
    final RelationKind kind;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> watermarks = new ArrayList<SqlNode>();
    SqlNodeList withOptions = SqlNodeList.EMPTY;
}
{
    kind = EddyRelationKind()
    ifNotExists = EddyIfNotExists()
    name = CompoundIdentifier()
    [
        <LPAREN>
        EddyTableElement(columns, watermarks)
        ( <COMMA> EddyTableElement(columns, watermarks) )*
        <RPAREN>
    ]
    [ withOptions = EddyOptions() ]
    {
        return new SqlCreateRelation(s.end(this), replace, ifNotExists, kind, name,
            new SqlNodeList(columns, s.end(this)), new SqlNodeList(watermarks, s.end(this)), withOptions);
    }
}

void EddyTableElement(List<SqlNode> columns, List<SqlNode> watermarks) :
{
    final SqlIdentifier column;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    final SqlNode delay;
    final Span s;
}
{
    LOOKAHEAD(2) <WATERMARK> { s = span(); } <FOR> column = SimpleIdentifier() <AS> delay = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        watermarks.add(new SqlWatermark(s.end(this), column, delay));
    }
|
    column = SimpleIdentifier() { s = span(); }
    type = DataType()
    [ <NOT> <NULL> { nullable = false; } ]
    {
        columns.add(new SqlColumn(s.end(this), column, type.withNullable(nullable)));
    }
}

/** WITH ('key' = value, ...): keys are strings, values are string, numeric or boolean literals. */
SqlNodeList EddyOptions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <WITH> { s = span(); } <LPAREN>
    [
        EddyOption(list)
        ( <COMMA> EddyOption(list) )*
    ]
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

void EddyOption(List<SqlNode> list) :
{
    final SqlNode key;
    final SqlNode value;
}
{
    key = StringLiteral() <EQ> value = Literal()
    {
        list.add(key);
        list.add(value);
    }
}

/** DROP STREAM|TABLE [IF EXISTS] name */
SqlDrop EddyDropRelation(Span s, boolean replace) :
{
    final RelationKind kind;
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    kind = EddyRelationKind()
    ifExists = EddyIfExists()
    name = CompoundIdentifier()
    {
        return new SqlDropRelation(s.end(this), ifExists, kind, name);
    }
}

/** SHOW STREAMS | TABLES | QUERIES */
SqlNode EddyShow() :
{
    final Span s;
    final SqlShow.What what;
}
{
    <SHOW> { s = span(); }
    (
        <STREAMS> { what = SqlShow.What.STREAMS; }
    |
        <TABLES> { what = SqlShow.What.TABLES; }
    |
        <QUERIES> { what = SqlShow.What.QUERIES; }
    )
    {
        return new SqlShow(s.end(this), what);
    }
}

/** EXPLAIN <query>: the short form; Calcite's EXPLAIN PLAN FOR keeps working. */
SqlNode EddyExplain() :
{
    final Span s;
    final SqlNode query;
}
{
    <EXPLAIN> { s = span(); }
    query = SqlQueryOrDml()
    {
        return new SqlExplain(s.end(query), query,
            SqlExplainLevel.EXPPLAN_ATTRIBUTES.symbol(SqlParserPos.ZERO),
            SqlExplain.Depth.PHYSICAL.symbol(SqlParserPos.ZERO),
            SqlExplainFormat.TEXT.symbol(SqlParserPos.ZERO),
            nDynamicParams);
    }
}

/**
 * Spark's window(ts, size [, slide]) call and the window.start / window.end fields of its result (kept as the
 * compound identifier window.start until WindowFields knows which window the query groups by).
 * WINDOW, START and END are reserved words, so a plain function call or compound identifier cannot
 * express them; the rewrite before validation turns them into a windowing table function.
 */
SqlNode EddySparkWindow() :
{
    final Span s;
    final List<SqlNode> args = new ArrayList<SqlNode>();
    SqlNode e;
}
{
    <WINDOW> { s = span(); }
    (
        <LPAREN>
        e = Expression(ExprContext.ACCEPT_NON_QUERY) { args.add(e); }
        ( <COMMA> e = Expression(ExprContext.ACCEPT_NON_QUERY) { args.add(e); } )*
        <RPAREN>
        {
            return SparkWindowOperator.WINDOW.createCall(s.end(this), args);
        }
    |
        <DOT>
        (
            <START> { return new SqlIdentifier(Arrays.asList("window", "start"), s.end(this)); }
        |
            <END> { return new SqlIdentifier(Arrays.asList("window", "end"), s.end(this)); }
        )
    |
        // a bare window column: validation explains that window.start and window.end are needed
        { return new SqlIdentifier("window", s.end(this)); }
    )
}

/**
 * Spark's session_window.start / session_window.end (the fields of the session_window struct). START and END are
 * reserved, so Calcite's compound identifier cannot hold them; both become the window table function's columns,
 * as window.start / window.end do. The semantic lookahead keeps every other identifier on Calcite's paths.
 */
SqlNode EddySessionWindowField() :
{
    final Span s;
}
{
    (
        LOOKAHEAD({ getToken(1).kind == IDENTIFIER && "session_window".equalsIgnoreCase(getToken(1).image)
            && getToken(2).kind == DOT && (getToken(3).kind == START || getToken(3).kind == END) })
        <IDENTIFIER> { s = span(); }
        <DOT>
        (
            <START> { return new SqlIdentifier(Arrays.asList("session_window", "start"), s.end(this)); }
        |
            <END> { return new SqlIdentifier(Arrays.asList("session_window", "end"), s.end(this)); }
        )
    |
        // never taken: makes the lookahead above a choice, so that it is evaluated
        LOOKAHEAD({ false }) <IDENTIFIER> { return null; }
    )
}

/** Spark's {@code a div b}: integral division, with the precedence of {@code /}. */
void EddyIntegerDivideExpression(List<Object> list, ExprContext exprContext, Span s) :
{
}
{
    <DIV> {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(EddyIntegerDivide.INSTANCE, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** Spark's LEFT SEMI JOIN; Eddy's SQL layer rewrites it before validation (Calcite validates no semi join). */
JoinType EddyLeftSemiJoin() :
{
}
{
    <LEFT> <SEMI> <JOIN> { return JoinType.LEFT_SEMI_JOIN; }
}
