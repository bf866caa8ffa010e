package dev.eddy.sql.internal.translate;

import dev.eddy.sql.internal.spark.SparkCastFunctions;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ScalarFunctions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;

/**
 * EXTRACT (and {@code year(x)}, {@code hour(x)}, {@code date_part('dow', x)}, which Calcite writes as EXTRACT) in a
 * streaming query: the engine function {@code sql.extract.<unit>} of a DATE or TIMESTAMP (UTC), with the values batch
 * SQL gives (Calcite's EXTRACT, which answers as Spark's for these units: DOW 1 = Sunday, WEEK the ISO week).
 */
final class DateParts {
    private DateParts() {}

    private static final Set<TimeUnitRange> UNITS = EnumSet.of(
            TimeUnitRange.YEAR,
            TimeUnitRange.ISOYEAR,
            TimeUnitRange.QUARTER,
            TimeUnitRange.MONTH,
            TimeUnitRange.WEEK,
            TimeUnitRange.DAY,
            TimeUnitRange.DOW,
            TimeUnitRange.ISODOW,
            TimeUnitRange.DOY,
            TimeUnitRange.HOUR,
            TimeUnitRange.MINUTE,
            TimeUnitRange.SECOND);

    /** The fields Spark reads of a DATE as a timestamp (its midnight: a day past the TIMESTAMP's range fails). */
    private static final Set<TimeUnitRange> TIME_OF_DAY =
            EnumSet.of(TimeUnitRange.HOUR, TimeUnitRange.MINUTE, TimeUnitRange.SECOND);

    static Expr call(TimeUnitRange unit, Expr source) {
        if (!UNITS.contains(unit)) {
            throw new Unsupported("EXTRACT(" + unit + " FROM ...) is not supported by the streaming engine yet");
        }
        String name = "sql.extract." + unit.name().toLowerCase(Locale.ROOT);
        ScalarFunctions.register(name, new ScalarFunctions.ScalarFunction() {
            @Override
            public DataType type() {
                return DataType.INT;
            }

            @Override
            public Object apply(Object[] args) {
                Object v = args[0];
                if (v == null) {
                    return null;
                }
                LocalDate date =
                        v instanceof LocalDate d ? d : v instanceof Integer days ? LocalDate.ofEpochDay(days) : null;
                if (date != null && TIME_OF_DAY.contains(unit)) {
                    SparkCastFunctions.dateToTimestamp(Math.toIntExact(date.toEpochDay())); // Spark's long overflow
                }
                LocalDateTime t = date != null
                        ? date.atStartOfDay()
                        : LocalDateTime.ofEpochSecond(
                                Math.floorDiv((Long) v, 1_000_000L),
                                (int) Math.floorMod((Long) v, 1_000_000L) * 1000,
                                ZoneOffset.UTC);
                return part(unit, t);
            }
        });
        return new Expr.Call(name, List.of(source));
    }

    private static int part(TimeUnitRange unit, LocalDateTime t) {
        return switch (unit) {
            case YEAR -> t.getYear();
            case ISOYEAR -> t.get(IsoFields.WEEK_BASED_YEAR);
            case QUARTER -> t.get(IsoFields.QUARTER_OF_YEAR);
            case MONTH -> t.getMonthValue();
            case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case DAY -> t.getDayOfMonth();
            case DOW -> t.getDayOfWeek().getValue() % 7 + 1;
            case ISODOW -> t.getDayOfWeek().getValue();
            case DOY -> t.getDayOfYear();
            case HOUR -> t.getHour();
            case MINUTE -> t.getMinute();
            case SECOND -> t.getSecond();
            default -> throw new IllegalStateException(unit + " is checked in call()");
        };
    }
}
