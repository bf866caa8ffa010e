package dev.eddy.sparkdiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system (with its checksum files) whose permission changes go through java.nio instead of a
 * forked {@code chmod}. Without Hadoop's native library, every checkpoint file Spark writes (offsets, commits,
 * state deltas, their temp files and directories) forks a {@code chmod} process from this 1 GB JVM; on a busy
 * 2-core machine those forks were most of the differential test's Spark time. Installed by the driver as
 * {@code fs.file.impl} (test support only; Spark's checkpoint files and their layout stay as they are).
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }

    /** RawLocalFileSystem with {@link #setPermission} by java.nio. */
    static final class NioRawLocalFileSystem extends RawLocalFileSystem {
        private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            short mode = permission.toShort();
            for (int bit = 0; bit < BITS.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    set.add(BITS[bit]);
                }
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
        }
    }
}
