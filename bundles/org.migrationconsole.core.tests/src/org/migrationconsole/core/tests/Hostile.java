package org.migrationconsole.core.tests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes the hostile files the tests need: FIFOs, huge sparse files, other users' files. */
final class Hostile {

    /** The uid of "nobody" on Debian. */
    static final int NOBODY = 65534;

    private Hostile() {
    }

    static Path fifo(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            throw new IOException("mkfifo failed for " + p);
        }
        return p;
    }

    /** A sparse file of the given size (takes no disk space). */
    static Path sparse(Path p, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    /** Gives a file to the user "nobody" (needs root, which the test machine is). */
    static Path ownedByNobody(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return p;
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
