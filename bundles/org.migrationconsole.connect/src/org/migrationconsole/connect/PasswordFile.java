package org.migrationconsole.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;

/**
 * Passwords for headless runs: the first line of a file only its owner can read, or of standard
 * input. The file must be a regular file of at most {@link #MAX_BYTES} bytes in UTF-8 (a
 * byte-order mark is allowed); the line may end with LF or CR LF; a password holds no control
 * characters (a CR inside it is refused rather than sent to the server).
 */
public final class PasswordFile {

    /** Password files (and standard input) longer than this are refused. */
    public static final int MAX_BYTES = 4096;

    private PasswordFile() {
    }

    /**
     * Reads the first line of a password file.
     *
     * @throws ConnectionException when the file is missing, not a regular file, too large, not
     *             UTF-8, readable by group or others, or its first line is empty or holds a control
     *             character
     */
    public static char[] read(Path file) throws ConnectionException {
        byte[] bytes = null;
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
            bytes = SafeFiles.readBounded(file, MAX_BYTES, "password file");
            return firstLine(SafeFiles.utf8(bytes, "password file " + file), "the password file " + file);
        } catch (NoSuchFileException e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "The password file " + file
                    + " does not exist");
        } catch (UnsafeFileException | SafeFiles.NotUtf8Exception e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, e.getMessage());
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD,
                    "Cannot read the password file " + file + ": " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** Reads the password from the first line of standard input (at most {@link #MAX_BYTES} bytes). */
    public static char[] readStdin(InputStream in) throws ConnectionException {
        byte[] buf = new byte[MAX_BYTES + 1];
        int n = 0;
        try {
            while (n < buf.length) {
                int b = in.read();
                if (b < 0 || b == '\n') {
                    break;
                }
                buf[n++] = (byte) b;
            }
            if (n > MAX_BYTES) {
                throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "The first line of standard input"
                        + " is longer than " + MAX_BYTES + " bytes; it is not a password");
            }
            return firstLine(SafeFiles.utf8(Arrays.copyOf(buf, n), "password on standard input"), "standard input");
        } catch (SafeFiles.NotUtf8Exception e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, e.getMessage());
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD,
                    "Cannot read the password from standard input: " + e.getMessage());
        } finally {
            Arrays.fill(buf, (byte) 0);
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
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c)) {
                String name = c == '\r' ? "a carriage return (CR)" : c == '\t' ? "a tab" : "a control character (U+"
                        + String.format("%04X", (int) c) + ")";
                throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "The password in " + where
                        + " contains " + name + " at character " + (i + 1) + "; a password cannot hold control"
                        + " characters (save the file with one line, ending in LF or CR LF)");
            }
        }
        return line.toCharArray();
    }
}
