package org.migrationconsole.core.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one way Migration Console writes and reads files it does not fully control.
 *
 * <ul>
 * <li>{@link #writeAtomically}: a new temporary file in the target's folder (exclusive create,
 * never through a link, the final permissions from the start), written, forced to disk, then
 * renamed over the target in one step. A target that is a symbolic link, not a regular file, or
 * owned by another user is refused before anything is written.</li>
 * <li>{@link #readBounded}: a regular file (never a FIFO, directory or device, so nothing hangs)
 * of at most a given size (checked before reading, so a huge file is refused at once).</li>
 * <li>{@link #wipe}: overwrites and deletes a file only when its SHA-256 is one the journal
 * recorded as written by the console.</li>
 * </ul>
 * Workspace folders are created 0700, files in them 0600 ({@link #PRIVATE_FILE}); a file meant to
 * be handed to someone else (a script) may use {@link #SHARED_FILE}.
 */
public final class SafeFiles {

    /** rw------- : every workspace file and every file that holds a secret. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ : workspace folders. */
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    /** rw-r--r-- : generated files without secrets meant to be read by others (scripts). */
    public static final Set<PosixFilePermission> SHARED_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile Integer ownUid;

    /** Writes a file's content to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private SafeFiles() {
    }

    // ------------------------------------------------------------------ writing

    /** {@link #writeAtomically(Path, Content, Set)} for bytes. */
    public static void writeAtomically(Path target, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        writeAtomically(target, out -> out.write(bytes), permissions);
    }

    /**
     * Replaces (or creates) {@code target} with new content in one step: readers see the old or
     * the new file, never a mix, and a crash leaves the old file.
     *
     * @throws UnsafeFileException when the target is a symbolic link, not a regular file or
     *             another user's file, or its folder is not a directory
     */
    public static void writeAtomically(Path target, Content content, Set<PosixFilePermission> permissions)
            throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UnsafeFileException(abs, "not-a-directory", "Cannot write " + abs + ": the folder " + dir
                    + " does not exist or is not a directory");
        }
        requireReplaceable(abs);
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            Path candidate = dir.resolve("." + abs.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextLong())
                    + ".tmp");
            try {
                ch = FileChannel.open(candidate, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                        PosixFilePermissions.asFileAttribute(permissions));
                tmp = candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel c = ch; OutputStream out = new BufferedOutputStream(Channels.newOutputStream(c))) {
                content.writeTo(out);
                out.flush();
                // the umask may have taken bits away from what was asked (never added any)
                Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions);
                c.force(true);
            }
            requireReplaceable(abs);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Creates a new file exclusively (it must not exist, not even as a link) with the given
     * permissions, open for writing.
     */
    public static FileChannel createNew(Path file, Set<PosixFilePermission> permissions) throws IOException {
        return FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(permissions));
    }

    /**
     * Opens (creating 0600 if needed) a file this user owns for reading and writing, never
     * through a link: lock files. Refuses a link, a non-regular file and another user's file.
     */
    public static FileChannel openOwnFile(Path file) throws IOException {
        requireReplaceable(file);
        FileChannel ch = FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            requireReplaceable(file);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Creates a folder (and its parents) if missing; the folder itself is created 0700. An
     * existing folder is left as it is.
     */
    public static void ensurePrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeFileException(dir, "not-a-directory", dir + " exists and is not a directory ("
                    + kind(dir) + ")");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new UnsafeFileException(dir, "not-a-directory", dir + " exists and is not a directory");
            }
        }
    }

    /**
     * Refuses a path that exists and is a symbolic link, not a regular file, or owned by another
     * user; a path that does not exist passes.
     */
    public static void requireReplaceable(Path file) throws UnsafeFileException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UnsafeFileException(file, "unreadable", "Cannot examine " + file + ": " + e.getMessage());
        }
        if (a.isSymbolicLink()) {
            throw new UnsafeFileException(file, "symlink", file + " is a symbolic link; Migration Console never writes"
                    + " through a link (remove the link or choose another folder)");
        }
        if (!a.isRegularFile()) {
            throw new UnsafeFileException(file, "not-regular", file + " is " + kind(file) + ", not a regular file;"
                    + " refused");
        }
        int uid = uid(file);
        if (uid != ownUid()) {
            throw new UnsafeFileException(file, "other-owner", file + " belongs to another user (" + a.owner().getName()
                    + ", uid " + uid + "), not to this one (uid " + ownUid() + "); Migration Console only replaces its"
                    + " own files (remove it or choose another folder)");
        }
    }

    /** Whether the path exists (not following a link) and is owned by this process's user. */
    public static boolean isOwnedByThisUser(Path file) throws IOException {
        return uid(file) == ownUid();
    }

    private static int uid(Path file) throws UnsafeFileException {
        try {
            return ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new UnsafeFileException(file, "unreadable", "Cannot read the owner of " + file + ": " + e.getMessage());
        }
    }

    /** The effective uid of this process. */
    public static int ownUid() {
        Integer u = ownUid;
        if (u == null) {
            try {
                u = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                try {
                    Path probe = Files.createTempFile("mc-uid", ".probe");
                    try {
                        u = ((Number) Files.getAttribute(probe, "unix:uid")).intValue();
                    } finally {
                        Files.deleteIfExists(probe);
                    }
                } catch (IOException e2) {
                    throw new IllegalStateException("cannot find this process's user id", e2);
                }
            }
            ownUid = u;
        }
        return u;
    }

    /** Forces a directory's entries to disk where the file system allows it. */
    public static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system allows syncing a directory; the files themselves are synced
        }
    }

    /** "a directory", "a FIFO (named pipe)", "a symbolic link", ... for messages. */
    public static String kind(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "a symbolic link";
            }
            if (a.isDirectory()) {
                return "a directory";
            }
            if (a.isRegularFile()) {
                return "a regular file";
            }
            int mode = ((Number) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | RuntimeException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a whole regular file of at most {@code limit} bytes. Links are followed (an input
     * may be reached through one), but what they lead to must be a regular file.
     *
     * @param what what the file is, for messages ("profile", "password file")
     * @throws UnsafeFileException naming the file and the rule (not a regular file, too large)
     * @throws java.nio.file.NoSuchFileException when it does not exist
     */
    public static byte[] readBounded(Path file, long limit, String what) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new UnsafeFileException(file, "not-regular", "The " + what + " " + file + " is "
                    + kind(file.toRealPath()) + ", not a regular file; refused");
        }
        if (a.size() > limit) {
            throw tooLarge(file, a.size(), limit, what);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit + 1, Math.max(a.size() + 1, 1)));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() > limit) {
                        throw tooLarge(file, ch.size(), limit, what);
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit + 1, (long) buf.capacity() * 2));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }

    private static UnsafeFileException tooLarge(Path file, long size, long limit, String what) {
        return new UnsafeFileException(file, "too-large", "The " + what + " " + file + " is " + size
                + " bytes; a " + what + " may be at most " + describe(limit) + "; refused");
    }

    /** "1 MiB (1048576 bytes)". */
    public static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    /**
     * Decodes UTF-8 strictly, dropping a leading byte-order mark.
     *
     * @throws java.nio.charset.CharacterCodingException subclass {@link NotUtf8Exception} saying
     *             where (byte offset, line, column) the text stops being UTF-8
     */
    public static String utf8(byte[] bytes, String what) throws NotUtf8Exception {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        java.nio.charset.CharsetDecoder dec = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = start;
            for (int i = start; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            boolean utf16 = start == 0 && bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                    || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF);
            throw new NotUtf8Exception("The " + what + " is not UTF-8: byte " + at + " (0x"
                    + HexFormat.of().toHexDigits(bytes[Math.min(at, bytes.length - 1)]) + ", line " + line + ", column "
                    + (at - lineStart + 1) + ") is not valid UTF-8"
                    + (utf16 ? " (the file looks like UTF-16; save it as UTF-8)" : "; save the file as UTF-8"));
        }
        out.flip();
        return out.toString();
    }

    /** Text that is not UTF-8; the message says where. */
    public static final class NotUtf8Exception extends java.nio.charset.CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final String message;

        NotUtf8Exception(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    // ------------------------------------------------------------------ hashes and wiping

    /** SHA-256 of bytes, lower-case hex. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** SHA-256 of a regular file's content (not through a link), lower-case hex. */
    public static String sha256(Path file) throws IOException {
        requireRegularNoLink(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(ch);
        }
    }

    private static String sha256(FileChannel ch) throws IOException {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        int n;
        while ((n = ch.read(buf, pos)) > 0) {
            buf.flip();
            md.update(buf);
            buf.clear();
            pos += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void requireRegularNoLink(Path file) throws IOException {
        PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink() || !a.isRegularFile()) {
            throw new UnsafeFileException(file, a.isSymbolicLink() ? "symlink" : "not-regular", file + " is "
                    + kind(file) + ", not a regular file; refused");
        }
    }

    /**
     * Overwrites a file the console wrote with random bytes, forces that to disk and deletes it.
     * The file must be a regular file of this user (not a link) whose SHA-256, read through the
     * same open file that is then overwritten, is accepted by {@code writtenByConsole} (the
     * journal's "file written" records).
     *
     * @return the SHA-256 of the wiped content
     * @throws UnsafeFileException when the file is not one the console wrote, or breaks a rule
     *             above; the file is then left as it is
     */
    public static String wipe(Path file, Predicate<String> writtenByConsole) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        requireRegularNoLink(abs);
        requireReplaceable(abs);
        String hash;
        try (FileChannel ch = FileChannel.open(abs, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            hash = sha256(ch);
            if (!writtenByConsole.test(hash)) {
                throw new UnsafeFileException(abs, "not-written-by-console", abs + " was not written by Migration"
                        + " Console (the journal has no record of a file with its SHA-256 " + hash + "); it was not"
                        + " wiped. Delete it yourself if it has to go.");
            }
            long size = ch.size();
            byte[] noise = new byte[1 << 16];
            for (long pos = 0; pos < size;) {
                RANDOM.nextBytes(noise);
                ByteBuffer buf = ByteBuffer.wrap(noise, 0, (int) Math.min(noise.length, size - pos));
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            }
            ch.force(true);
        }
        Files.delete(abs);
        syncDirectory(abs.getParent());
        return hash;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Permissions as "rw-------". */
    public static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }
}
