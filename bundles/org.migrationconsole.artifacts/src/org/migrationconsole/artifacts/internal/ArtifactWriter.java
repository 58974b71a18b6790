package org.migrationconsole.artifacts.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The one place where the console writes and wipes the files of artifacts. Every generated file
 * goes through {@link #write}; a safer primitive (temporary file, no following of links, fsync,
 * atomic rename) replaces its body without touching the callers.
 */
public final class ArtifactWriter {

    private ArtifactWriter() {
    }

    /**
     * Writes {@code content} to {@code target} (replacing it), readable by the owner only when it
     * holds a secret. Refuses a target that is a symbolic link.
     */
    public static void write(Path target, byte[] content, boolean secret) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link; refusing to write through it");
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (secret) {
                    restrict(tmp);
                }
                ByteBuffer bb = ByteBuffer.wrap(content);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                ch.force(true);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // a FAT-formatted USB drive has no permissions; the plain-text warning says what to do
        }
    }

    /** Overwrites the file's bytes with random data, syncs, then deletes it. */
    public static long wipe(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("there is no file to wipe at " + file);
        }
        long size = Files.size(file);
        byte[] buf = new byte[8192];
        SecureRandom random = new SecureRandom();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                random.nextBytes(buf);
                int n = (int) Math.min(buf.length, size - done);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    done += ch.write(bb, done);
                }
            }
            ch.force(true);
        }
        Files.delete(file);
        return size;
    }
}
