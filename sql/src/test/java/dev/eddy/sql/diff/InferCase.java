package dev.eddy.sql.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * One generated CSV file for the schema-inference half of {@link SparkFormatsDifferentialIT}: columns each drawn
 * from a family of texts (whole numbers within INT, past INT, past LONG; decimals, exponents, {@code NaN}/{@code
 * Inf}, padded numbers; booleans in any case; dates in the {@code dateFormat} or Spark's default; timestamps in the
 * {@code timestampFormat} or Spark's default forms; dates and timestamps mixed; NULL only; anything mixed with text),
 * empty and NULL values now and then, with or without a header (duplicate and empty names too), {@code preferDate}
 * on, off or unset, and now and then a {@code dateFormat} or {@code timestampFormat}.
 */
record InferCase(int index, Map<String, String> options, String text) {
    private static final String[] DATE_FORMATS = {"dd/MM/yyyy", "yyyy/M/d", "yyyy-MM-dd", "yyyy-MM"};
    private static final String[] TIMESTAMP_FORMATS = {"yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm", "yyyyMMddHHmmss"};

    static InferCase generate(Random rnd, int index) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean header = rnd.nextBoolean();
        options.put("header", Boolean.toString(header));
        int p = rnd.nextInt(3);
        if (p > 0) {
            options.put("preferDate", Boolean.toString(p == 1));
        }
        String dateFormat = rnd.nextInt(3) == 0 ? DATE_FORMATS[rnd.nextInt(DATE_FORMATS.length)] : null;
        String tsFormat = rnd.nextInt(3) == 0 ? TIMESTAMP_FORMATS[rnd.nextInt(TIMESTAMP_FORMATS.length)] : null;
        if (dateFormat != null) {
            options.put("dateFormat", dateFormat);
        }
        if (tsFormat != null) {
            options.put("timestampFormat", tsFormat);
        }
        int width = 1 + rnd.nextInt(6);
        int[] family = new int[width];
        for (int c = 0; c < width; c++) {
            family[c] = rnd.nextInt(14);
        }
        StringBuilder text = new StringBuilder();
        if (header) {
            List<String> names = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                int k = rnd.nextInt(12);
                names.add(k == 0 ? "" : k == 1 && c > 0 ? names.get(0).toUpperCase() : "c" + c);
            }
            text.append(String.join(",", names)).append('\n');
        }
        int rows = 1 + rnd.nextInt(8);
        for (int r = 0; r < rows; r++) {
            List<String> fields = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                fields.add(rnd.nextInt(8) == 0 ? "" : value(rnd, family[c], dateFormat, tsFormat));
            }
            text.append(String.join(",", fields)).append('\n');
        }
        return new InferCase(index, options, text.toString());
    }

    private static String value(Random rnd, int family, String dateFormat, String tsFormat) {
        return switch (family) {
            case 0 -> Integer.toString(rnd.nextInt(2000) - 1000);
            case 1 -> Long.toString(3_000_000_000L + rnd.nextInt(1000)) + (rnd.nextBoolean() ? "" : "0");
            case 2 ->
                switch (rnd.nextInt(6)) {
                    // past LONG (Spark: DECIMAL(p, 0)), 38 digits (the widest DECIMAL), 39 (a DOUBLE in Spark)
                    case 0 -> "9".repeat(38);
                    case 1 -> "-1" + "0".repeat(38);
                    // commas: text to Spark's inference (its reader of a declared DECIMAL drops them)
                    case 2 -> "\"" + (1 + rnd.nextInt(999)) + "," + String.format("%03d", rnd.nextInt(1000)) + "\"";
                    default -> "9" + "1234567890".repeat(1 + rnd.nextInt(3));
                };
            case 3 -> pick(rnd, "1.5", "-0.25", "3", "1e5", "2E-3", "NaN", "Inf", "-Inf", "Infinity", " 7", "+5", "1d");
            case 4 -> pick(rnd, "true", "FALSE", "True", "false");
            case 5 -> date(rnd, dateFormat);
            case 6 -> timestamp(rnd, tsFormat);
            case 7 -> rnd.nextBoolean() ? date(rnd, dateFormat) : timestamp(rnd, tsFormat);
            case 8 -> "";
            case 9 -> pick(rnd, "1", "x", "true", "2024-01-05", "2.5");
            case 10 -> rnd.nextBoolean() ? date(rnd, null) : Integer.toString(rnd.nextInt(3000));
            case 11 -> pick(rnd, "2024-01-05", "2024-1-5", "2024-01", "2024", "2024-01-05T10:00", "20240105");
            case 12 -> Integer.toString(rnd.nextInt(100)) + (rnd.nextInt(4) == 0 ? ".0" : "");
            default -> pick(rnd, "2024-01-05 10:00:00", "2024-01-05T10:00:00Z", "2024-01-05 10:00:00.123+02:00");
        };
    }

    private static String date(Random rnd, String format) {
        int y = 1990 + rnd.nextInt(40);
        int m = 1 + rnd.nextInt(12);
        int d = 1 + rnd.nextInt(28);
        if (format == null) {
            return String.format("%04d-%02d-%02d", y, m, d);
        }
        return switch (format) {
            case "dd/MM/yyyy" -> String.format("%02d/%02d/%04d", d, m, y);
            case "yyyy/M/d" -> y + "/" + m + "/" + d;
            case "yyyy-MM" -> String.format("%04d-%02d", y, m);
            default -> String.format("%04d-%02d-%02d", y, m, d);
        };
    }

    private static String timestamp(Random rnd, String format) {
        String date = date(rnd, null);
        int h = rnd.nextInt(24);
        int mi = rnd.nextInt(60);
        int s = rnd.nextInt(60);
        if (format == null) {
            return rnd.nextBoolean()
                    ? String.format("%sT%02d:%02d:%02dZ", date, h, mi, s)
                    : String.format("%s %02d:%02d:%02d", date, h, mi, s);
        }
        return switch (format) {
            case "dd/MM/yyyy HH:mm" ->
                String.format(
                        "%s/%s/%s %02d:%02d", date.substring(8), date.substring(5, 7), date.substring(0, 4), h, mi);
            case "yyyyMMddHHmmss" -> String.format("%s%02d%02d%02d", date.replace("-", ""), h, mi, s);
            default -> String.format("%s %02d:%02d:%02d", date, h, mi, s);
        };
    }

    private static String pick(Random rnd, String... from) {
        return from[rnd.nextInt(from.length)];
    }

    /** Spark's reader over {@code dir} with {@code inferSchema} as the temporary view {@code infer_case}. */
    String sparkView(Path dir) {
        String opts = options.entrySet().stream()
                .map(e -> e.getKey() + " \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        return "CREATE OR REPLACE TEMPORARY VIEW infer_case USING csv OPTIONS (path \"" + dir
                + "\", inferSchema \"true\", " + opts + ")";
    }

    String describe() {
        return "csv " + options + " file:\n      " + text.strip().replace("\n", "\n      ");
    }
}
