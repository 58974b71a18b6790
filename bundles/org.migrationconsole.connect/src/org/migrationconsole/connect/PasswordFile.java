package org.migrationconsole.connect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.migrationconsole.api.check.ConnectionException;

/** Passwords for headless runs: from a file only its owner can read, or from standard input. */
public final class PasswordFile {

    private PasswordFile() {
    }

    /**
     * Reads the first line of a password file.
     *
     * @throws ConnectionException when the file is missing, empty, or readable by group or others
     */
    public static char[] read(Path file) throws ConnectionException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE);
            open.retainAll(perms);
            if (!open.isEmpty()) {
                throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "The password file " + file
                        + " can be read or written by others (" + open + "); refused. Run: chmod 600 " + file);
            }
            byte[] bytes = Files.readAllBytes(file);
            return firstLine(new String(bytes, StandardCharsets.UTF_8), "the password file " + file);
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD,
                    "Cannot read the password file " + file + ": " + e.getMessage());
        }
    }

    /** Reads the password from the first line of standard input. */
    public static char[] readStdin(InputStream in) throws ConnectionException {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return firstLine(line == null ? "" : line, "standard input");
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD,
                    "Cannot read the password from standard input: " + e.getMessage());
        }
    }

    private static char[] firstLine(String text, String where) throws ConnectionException {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD,
                    "No password in " + where + " (the first line is empty)");
        }
        return line.toCharArray();
    }
}
