package dev.eddy.sql.internal.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * What the batch rewrites that hand an aggregate call to a Java aggregate of their own share: the one-argument
 * function over that class, and the aggregate rebuilt with the calls swapped.
 */
final class AggregateCalls {
    private AggregateCalls() {}

    /**
     * A one-argument aggregate named {@code name} that Calcite's enumerable engine runs with {@code runtime}'s {@code
     * init}/{@code add}/{@code merge}/{@code result}; its numeric argument is passed as a nullable {@code operand}.
     */
    static SqlUserDefinedAggFunction unary(
            String name, SqlReturnTypeInference returns, SqlTypeName operand, Class<?> runtime) {
        return new SqlUserDefinedAggFunction(
                new SqlIdentifier(name, SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION,
                returns,
                InferTypes.FIRST_KNOWN,
                OperandTypes.operandMetadata(
                        List.of(SqlTypeFamily.NUMERIC),
                        f -> List.of(f.createTypeWithNullability(f.createSqlType(operand), true)),
                        i -> "x",
                        i -> false),
                AggregateFunctionImpl.create(runtime),
                false,
                false,
                Optionality.FORBIDDEN);
    }

    /** The SQL type of {@code call}'s first argument, a field of {@code input}. */
    static SqlTypeName firstArgumentType(RelNode input, AggregateCall call) {
        return input.getRowType()
                .getFieldList()
                .get(call.getArgList().get(0))
                .getType()
                .getSqlTypeName();
    }

    /** {@code call} computed by {@code function} instead: the same arguments, filter, order, type and name. */
    static AggregateCall computedBy(AggregateCall call, SqlAggFunction function, boolean distinct) {
        return AggregateCall.create(
                function,
                distinct,
                call.isApproximate(),
                call.ignoreNulls(),
                call.rexList,
                call.getArgList(),
                call.filterArg,
                call.distinctKeys,
                call.collation,
                call.getType(),
                call.getName());
    }

    /**
     * {@code aggregate} over {@code input} (its already rewritten input) with each call replaced by what {@code
     * replace} answers for it; {@code aggregate} itself when neither a call nor the input changed.
     */
    static RelNode rebuild(LogicalAggregate aggregate, RelNode input, UnaryOperator<AggregateCall> replace) {
        List<AggregateCall> calls = new ArrayList<>();
        boolean changed = false;
        for (AggregateCall c : aggregate.getAggCallList()) {
            AggregateCall replaced = replace.apply(c);
            changed |= replaced != c;
            calls.add(replaced);
        }
        if (!changed && input == aggregate.getInput()) {
            return aggregate;
        }
        return aggregate.copy(aggregate.getTraitSet(), input, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
    }
}
