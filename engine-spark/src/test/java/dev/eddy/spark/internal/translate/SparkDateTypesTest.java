package dev.eddy.spark.internal.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Eddy's DATE on Spark: Spark's DateType, and its values back as the LocalDate an Eddy row holds. */
class SparkDateTypesTest {
    @Test
    void when_aColumnIsADate_then_sparkGetsItsDateTypeAndItsValuesComeBackAsLocalDates() {
        Field day = Field.of("day", DataType.DATE);
        assertThat(SparkTypes.of(day)).isEqualTo(DataTypes.DateType);
        LocalDate d = LocalDate.of(2024, 1, 5);
        assertThat(MemorySinkReader.eddyValue(day, Date.valueOf(d))).isEqualTo(d);
        assertThat(MemorySinkReader.eddyValue(day, d)).isEqualTo(d);
    }
}
