package dev.eddy.streaming.internal.ops.agg;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import dev.eddy.streaming.internal.expr.Vectors;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * approx_count_distinct: a HyperLogLog sketch of 256 one-byte registers per group, all groups in one
 * byte slab (relative error about 6.5%; small counts use linear counting and are nearly exact).
 */
final class DistinctCountAccumulator extends Accumulator {
    private static final int P = 8;
    private static final int M = 1 << P;
    private byte[] registers = new byte[0];

    @Override
    public DataType resultType() {
        return DataType.LONG;
    }

    @Override
    public void ensureCapacity(int groups) {
        if ((long) groups * M > registers.length) {
            registers = Arrays.copyOf(registers, grow(registers.length / M, groups) * M);
        }
    }

    @Override
    public void update(int[] groups, int[] rows, int n, Column arg) {
        for (int i = 0; i < n; i++) {
            int r = row(rows, i);
            if (arg.isNull(r)) {
                continue;
            }
            long h = hash(arg, r);
            int idx = (int) (h >>> (64 - P));
            int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
            int at = groups[i] * M + idx;
            if (registers[at] < rank) {
                registers[at] = (byte) rank;
            }
        }
    }

    private static long hash(Column c, int r) {
        long x;
        if (c instanceof StringColumn s) {
            x = s.getString(r).hashCode() * 0x9E3779B97F4A7C15L + s.getString(r).length();
        } else if (c.type() == DataType.DOUBLE) {
            x = Double.doubleToLongBits(Vectors.asDoubles(c)[r]);
        } else {
            x = Vectors.asLongs(c)[r];
        }
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    @Override
    public Column result(int[] groups, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = estimate(groups[i]);
        }
        return new LongColumn(DataType.LONG, out, n, null);
    }

    private long estimate(int g) {
        double sum = 0;
        int zeros = 0;
        for (int j = 0; j < M; j++) {
            byte v = registers[g * M + j];
            sum += 1.0 / (1L << v);
            if (v == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(registers, keep[i] * M, registers, i * M, M);
        }
        Arrays.fill(registers, n * M, oldSize * M, (byte) 0);
    }

    @Override
    public List<Field> rawFields(String prefix) {
        return List.of(Field.of(prefix + "registers", DataType.STRING));
    }

    /** Registers as Base64 text: compact and safe in any checkpoint format that stores strings. */
    @Override
    public Column[] exportRaw(int[] groups, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = Base64.getEncoder()
                    .encodeToString(Arrays.copyOfRange(registers, groups[i] * M, (groups[i] + 1) * M));
        }
        return new Column[] {new StringColumn(out, n)};
    }

    @Override
    public void importRaw(Column[] raw, int[] groups, int n) {
        String[] v = ((StringColumn) raw[0]).values();
        for (int i = 0; i < n; i++) {
            byte[] regs = Base64.getDecoder().decode(v[i]);
            System.arraycopy(regs, 0, registers, groups[i] * M, M);
        }
    }

    @Override
    public void merge(int into, int from) {
        for (int j = 0; j < M; j++) {
            registers[into * M + j] = (byte) Math.max(registers[into * M + j], registers[from * M + j]);
        }
    }

    /** Registers keep the maximum rank seen: merging partial registers is exact. */
    @Override
    public boolean mergesExactly() {
        return true;
    }

    @Override
    public void mergeFrom(Accumulator other, int[] from, int[] groups, int n) {
        byte[] o = ((DistinctCountAccumulator) other).registers;
        for (int i = 0; i < n; i++) {
            int f = from[i] * M;
            int g = groups[i] * M;
            for (int j = 0; j < M; j++) {
                if (registers[g + j] < o[f + j]) {
                    registers[g + j] = o[f + j];
                }
            }
        }
    }

    @Override
    public void reset(int g) {
        Arrays.fill(registers, g * M, (g + 1) * M, (byte) 0);
    }

    @Override
    public long bytesPerGroup() {
        return M;
    }
}
