package org.migrationconsole.artifacts.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.migrationconsole.core.files.SafeFiles;

/**
 * The one place where the console writes and wipes the files of artifacts. Every generated file
 * goes through {@link #write} and every wipe through {@link #wipe}; both use {@link SafeFiles}
 * (new temporary file in the target folder, exclusive create without following links, fsync,
 * atomic rename; symbolic links, non-regular targets and other users' files are refused).
 */
public final class ArtifactWriter {

    /** The largest artifact input (cfg.ini, a script) the console reads: 1 MiB. */
    public static final long MAX_INPUT = 1L << 20;

    private ArtifactWriter() {
    }

    /**
     * Writes {@code content} to {@code target} (replacing it): 0600 when it holds a secret, else
     * 0644. Refuses a target that is a symbolic link, not a regular file, or another user's file.
     *
     * @return the SHA-256 (hex) of what was written
     */
    public static String write(Path target, byte[] content, boolean secret) throws IOException {
        SafeFiles.writeAtomically(target, content, secret ? SafeFiles.PRIVATE_FILE : SafeFiles.SHARED_FILE);
        return SafeFiles.sha256(content);
    }

    /** Reads an artifact input (at most {@link #MAX_INPUT} bytes, a regular file). */
    public static byte[] read(Path file, String what) throws IOException {
        return SafeFiles.readBounded(file, MAX_INPUT, what);
    }

    /**
     * Overwrites with random bytes, syncs and deletes a file the console wrote: {@code
     * writtenByConsole} must accept its SHA-256, else it is left as it is.
     *
     * @return the SHA-256 of the wiped content
     */
    public static String wipe(Path file, java.util.function.Predicate<String> writtenByConsole) throws IOException {
        return SafeFiles.wipe(file, writtenByConsole);
    }
}
