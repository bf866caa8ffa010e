package dev.eddy.sql.internal.validate;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decimals up to 38 digits, as Spark's: with Calcite's default of 19, CASE WHEN ... THEN bigint_col ELSE 0.5
 * is DECIMAL(19, 0) and 0.5 becomes 0. CASE or UNION of strings of different lengths is a VARCHAR ('big',
 * not 'big  ' padded to CHAR(5)), as Spark's STRING is never padded.
 */
public final class SparkTypeSystem extends RelDataTypeSystemImpl {
    public static final SparkTypeSystem INSTANCE = new SparkTypeSystem();

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    /** Spark's AVG of an integral or floating column is a DOUBLE (1.5, not Calcite's integral 1). */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
            // Spark's AVG of DECIMAL(p, s) is DECIMAL(p + 4, s + 4)
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(
                            SqlTypeName.DECIMAL,
                            Math.min(38, argumentType.getPrecision() + 4),
                            Math.min(38, argumentType.getScale() + 4)),
                    argumentType.isNullable());
        }
        return typeFactory.createTypeWithNullability(
                typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }

    /** Spark's SUM: BIGINT for integral input, DECIMAL(p + 10, s) for DECIMAL(p, s), DOUBLE for floating. */
    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        SqlTypeName t = argumentType.getSqlTypeName();
        if (t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
        }
        if (t == SqlTypeName.DECIMAL) {
            return typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(
                            SqlTypeName.DECIMAL,
                            Math.min(38, argumentType.getPrecision() + 10),
                            argumentType.getScale()),
                    argumentType.isNullable());
        }
        return super.deriveSumType(typeFactory, argumentType);
    }

    /**
     * A TIMESTAMP without a precision ({@code CAST(s AS TIMESTAMP)}, a DDL column) has Spark's, the microsecond:
     * Calcite's default of 0 dropped the fraction of a cast literal ({@code CAST('... 00:00:00.5' AS TIMESTAMP)}).
     * Batch SQL holds its values as microseconds (see SparkMicros).
     */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        if (typeName == SqlTypeName.BIGINT) {
            // Spark's decimal of a BIGINT is DECIMAL(20, 0) (Calcite's 19 digits): coalesce(b, 1.5) is
            // decimal(21,1) and b + 1.5 decimal(22,1), as Spark types them
            return 20;
        }
        return typeName == SqlTypeName.TIMESTAMP ? 6 : super.getDefaultPrecision(typeName);
    }

    /**
     * Spark's DECIMAL {@code +} and {@code -} (DecimalPrecision): scale max(s1, s2), precision max(p1 - s1, p2 - s2) +
     * scale + 1, adjusted past 38 digits as Spark adjusts it. An integral operand counts as its DECIMAL (INT (10, 0),
     * BIGINT (20, 0)); an integer literal next to a DECIMAL is first cast to its digits by SparkTypeCoercion.
     */
    @Override
    public @Nullable RelDataType deriveDecimalPlusType(
            RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        int[] a = decimalOf(type1);
        int[] b = decimalOf(type2);
        if (a == null || b == null || !isDecimal(type1) && !isDecimal(type2)) {
            return null;
        }
        int scale = Math.max(a[1], b[1]);
        return adjusted(typeFactory, Math.max(a[0] - a[1], b[0] - b[1]) + scale + 1, scale);
    }

    /** Spark's DECIMAL {@code *}: precision p1 + p2 + 1, scale s1 + s2, adjusted past 38 digits. */
    @Override
    public @Nullable RelDataType deriveDecimalMultiplyType(
            RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        int[] a = decimalOf(type1);
        int[] b = decimalOf(type2);
        if (a == null || b == null || !isDecimal(type1) && !isDecimal(type2)) {
            return null;
        }
        return adjusted(typeFactory, a[0] + b[0] + 1, a[1] + b[1]);
    }

    /**
     * Spark's DecimalType.adjustPrecisionScale (precision loss allowed): past 38 digits the integral digits are kept
     * and the scale cut, but not below min(scale, 6).
     */
    public static RelDataType adjusted(RelDataTypeFactory typeFactory, int precision, int scale) {
        if (precision > 38) {
            int intDigits = precision - scale;
            scale = Math.max(38 - intDigits, Math.min(scale, 6));
            precision = 38;
        }
        return typeFactory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
    }

    private static boolean isDecimal(RelDataType t) {
        return t.getSqlTypeName() == SqlTypeName.DECIMAL;
    }

    /** Precision and scale of an exact type as Spark's decimal rules see it, else null. */
    private static int @Nullable [] decimalOf(RelDataType t) {
        switch (t.getSqlTypeName()) {
            case DECIMAL:
                return new int[] {t.getPrecision(), t.getScale()};
            case TINYINT:
                return new int[] {3, 0};
            case SMALLINT:
                return new int[] {5, 0};
            case INTEGER:
                return new int[] {10, 0};
            case BIGINT:
                return new int[] {20, 0};
            default:
                return null;
        }
    }

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL
                ? 38
                : typeName == SqlTypeName.TIMESTAMP ? 6 : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxScale(typeName);
    }

    @SuppressWarnings("deprecation")
    @Override
    public int getMaxNumericPrecision() {
        return 38;
    }

    @SuppressWarnings("deprecation")
    @Override
    public int getMaxNumericScale() {
        return 38;
    }
}
