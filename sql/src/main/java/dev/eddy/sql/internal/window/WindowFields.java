package dev.eddy.sql.internal.window;

import dev.eddy.sql.internal.validate.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Spark's {@code window.start}/{@code window.end} and {@code session_window.start}/{@code .end}, which the parser
 * keeps as those compound identifiers, as the window table function's {@code window_start}/{@code window_end}
 * columns. As in Spark, the struct is named after the window the query groups by: {@code window.start} in a query
 * grouped by {@code session_window(...)} (or the other way round) is an unknown column.
 */
final class WindowFields {
    private WindowFields() {}

    /** Resolves the fields in {@code select} (not in its subqueries), grouped by a session window or not. */
    static void resolve(SqlSelect select, boolean session) {
        Resolver r = new Resolver(session);
        select.setSelectList(r.list(select.getSelectList()));
        select.setWhere(r.node(select.getWhere()));
        select.setHaving(r.node(select.getHaving()));
        select.setOrderBy(r.list(select.getOrderList()));
    }

    /** Every field left outside such a query (e.g. over TUMBLE(...)'s result) is its column, whatever its struct. */
    static void resolveLeftovers(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    Resolver r = new Resolver(null);
                    select.setSelectList(r.list(select.getSelectList()));
                    select.setWhere(r.node(select.getWhere()));
                    select.setHaving(r.node(select.getHaving()));
                    select.setOrderBy(r.list(select.getOrderList()));
                    select.setGroupBy(r.list(select.getGroup()));
                }
                return super.visit(call);
            }
        });
    }

    /**
     * Spark's {@code w.start} / {@code w.end} of a window column {@code w} (a projected window(...), a struct): Calcite
     * reads {@code w} as a table, so over a single FROM item {@code t} it becomes {@code t.w.start}.
     */
    static void qualifyStructFields(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select) {
                    List<String> aliases = new ArrayList<>();
                    aliases(select.getFrom(), aliases);
                    if (aliases.size() == 1) {
                        Qualifier q = new Qualifier(aliases.get(0));
                        select.setSelectList(q.list(select.getSelectList()));
                        select.setWhere(q.node(select.getWhere()));
                        select.setHaving(q.node(select.getHaving()));
                        select.setOrderBy(q.list(select.getOrderList()));
                        select.setGroupBy(q.list(select.getGroup()));
                    }
                }
                return super.visit(call);
            }
        });
    }

    /**
     * Spark reads a field of a grouped struct column ({@code w.start} under {@code GROUP BY w}, a join's window);
     * Calcite only a grouped expression. The fields a SELECT reads of a struct it groups by join its GROUP BY: they
     * depend on the struct alone, so the groups stay the same.
     */
    static void groupStructFields(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && select.getGroup() != null) {
                    List<SqlIdentifier> grouped = new ArrayList<>();
                    for (SqlNode g : select.getGroup()) {
                        if (g instanceof SqlIdentifier id) {
                            grouped.add(id);
                        }
                    }
                    if (!grouped.isEmpty()) {
                        List<SqlIdentifier> fields = new ArrayList<>();
                        FieldCollector c = new FieldCollector(grouped, fields);
                        c.list(select.getSelectList());
                        c.node(select.getHaving());
                        c.list(select.getOrderList());
                        List<String> have = new ArrayList<>();
                        select.getGroup().forEach(g -> have.add(g.toString()));
                        for (SqlIdentifier f : fields) {
                            if (!have.contains(f.toString())) {
                                have.add(f.toString());
                                select.getGroup().add(f);
                            }
                        }
                    }
                }
                return super.visit(call);
            }
        });
    }

    /** Collects the compound identifiers of one SELECT that name a field of a grouped identifier. */
    private static final class FieldCollector extends OneSelectShuttle {
        private final List<SqlIdentifier> grouped;
        private final List<SqlIdentifier> out;

        FieldCollector(List<SqlIdentifier> grouped, List<SqlIdentifier> out) {
            this.grouped = grouped;
            this.out = out;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            List<String> struct = id.names.subList(0, id.names.size() - 1);
            for (SqlIdentifier g : grouped) {
                int n = g.names.size();
                if (id.names.size() > n
                        && struct.subList(struct.size() - n, struct.size()).equals(g.names)
                        && !id.isStar()) {
                    out.add(id);
                    break;
                }
            }
            return id;
        }
    }

    private static void aliases(SqlNode from, List<String> out) {
        if (from instanceof SqlIdentifier id) {
            out.add(id.names.get(id.names.size() - 1));
        } else if (from instanceof SqlCall c && c.getKind() == SqlKind.AS) {
            out.add(((SqlIdentifier) c.operand(1)).getSimple());
        } else if (from instanceof SqlJoin j) {
            aliases(j.getLeft(), out);
            aliases(j.getRight(), out);
        }
    }

    /** Rewrites one SELECT's own expressions: a subquery keeps its own (it resolves its fields by its own GROUP BY). */
    private abstract static class OneSelectShuttle extends SqlShuttle {
        SqlNode node(SqlNode n) {
            return n == null ? null : n.accept(this);
        }

        SqlNodeList list(SqlNodeList n) {
            return n == null ? null : (SqlNodeList) n.accept(this);
        }

        @Override
        public SqlNode visit(SqlCall call) {
            return call instanceof SqlSelect ? call : super.visit(call);
        }
    }

    private static final class Qualifier extends OneSelectShuttle {
        private final String alias;

        Qualifier(String alias) {
            this.alias = alias;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (id.names.size() == 2
                    && !id.names.get(0).equalsIgnoreCase(alias)
                    && !id.names.get(0).equals("window")
                    && !id.names.get(0).equals("session_window")
                    && (id.names.get(1).equalsIgnoreCase("start")
                            || id.names.get(1).equalsIgnoreCase("end"))) {
                return new SqlIdentifier(List.of(alias, id.names.get(0), id.names.get(1)), id.getParserPosition());
            }
            return id;
        }
    }

    /** Whether {@code id} is one of the parser's window fields. */
    private static boolean isField(SqlIdentifier id) {
        return id.names.size() == 2
                && (id.names.get(0).equals("window") || id.names.get(0).equals("session_window"))
                && (id.names.get(1).equals("start") || id.names.get(1).equals("end"));
    }

    private static final class Resolver extends OneSelectShuttle {
        /** true: grouped by a session window; false: by window(...); null: either name is taken. */
        private final Boolean session;

        Resolver(Boolean session) {
            this.session = session;
        }

        @Override
        public SqlNode visit(SqlIdentifier id) {
            if (!isField(id)) {
                return id;
            }
            String struct = id.names.get(0);
            String field = id.names.get(1);
            if (session != null && session != struct.equals("session_window")) {
                String other = session ? "session_window" : "window";
                throw ErrorMessages.at(
                        id.getParserPosition(),
                        "Unknown column '" + struct + "." + field + "': this query groups by " + other + "(...), whose"
                                + " fields are " + other + ".start and " + other + ".end");
            }
            return new SqlIdentifier(List.of("window_" + field), id.getParserPosition());
        }
    }
}
