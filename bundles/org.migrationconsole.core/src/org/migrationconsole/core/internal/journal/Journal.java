package org.migrationconsole.core.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;

/**
 * The append-only audit journal of one workspace.
 *
 * <ul>
 * <li>Every {@link #append} is written and forced to disk (fdatasync) before it returns.</li>
 * <li>Every record after the header carries the SHA-256 of the line before it (a hash chain);
 * {@link #head()} is the hash of the last line, which an administrator can keep to prove later
 * that nothing was removed, changed or reordered. Journals of format 1 (before the chain) get a
 * {@code chain} record at their first change after the upgrade; the chain starts there.</li>
 * <li>Opening reads and checks every record and changes nothing. An unterminated last record
 * (an interrupted write) is ignored with a warning; only a writer, at its first change, saves
 * its bytes to {@code journal.torn-<time>.bin} and cuts them off. A complete record that fails
 * its checksum, its type's rules, the sequence or the chain throws
 * {@link CorruptJournalException} naming the file and record, and a file that is not a journal
 * is refused; neither is ever cut or replaced.</li>
 * <li>The journal and the lock file must be regular files of this user, never links; a FIFO is
 * refused without being opened.</li>
 * <li>One writer per workspace: the writer holds an OS lock on {@code .lock} and writes its
 * owner there; a second process opens the journal read-only and is told who holds it. A
 * workspace that cannot be written (read-only medium, another user's) opens read-only.</li>
 * </ul>
 */
public final class Journal implements Closeable {

    public static final String FILE_NAME = "journal.jsonl";
    public static final String LOCK_NAME = ".lock";
    /** Journals larger than this are refused (about a million records). */
    public static final long MAX_BYTES = 256L << 20;

    private static final byte[] HEADER_PREFIX = "{\"seq\":0,".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern OWNER_PID = Pattern.compile("^process (\\d+) of user .* on (\\S+), since");

    /** What a read found: records, the chain, and a torn tail to cut off later. */
    private record Contents(List<JournalRecord> records, List<String> warnings, String format, String head,
            long chainedFrom, Torn torn, boolean exists) {
    }

    /** An unterminated last record: where it starts and its bytes. */
    private record Torn(long position, byte[] bytes, long line, String problem) {
    }

    private final Path file;
    private final Clock clock;
    private final List<JournalRecord> records;
    private final List<String> warnings;
    private final String readOnlyReason;
    private String format;
    private String head;
    private long chainedFrom;
    private Torn torn;
    private FileChannel lockChannel;
    private FileLock lock;
    private FileChannel channel;
    private String broken;
    private long nextSeq;

    private Journal(Path file, Clock clock, Contents c, String readOnlyReason) {
        this.file = file;
        this.clock = clock;
        this.records = new ArrayList<>(c.records());
        this.warnings = new ArrayList<>(c.warnings());
        this.readOnlyReason = readOnlyReason;
        this.format = c.format();
        this.head = c.head();
        this.chainedFrom = c.chainedFrom();
        this.torn = c.torn();
        this.nextSeq = records.isEmpty() ? 1 : records.get(records.size() - 1).seq() + 1;
    }

    /**
     * Opens the journal of {@code dir}, creating the directory (0700) if needed. Tries to become
     * the writer; falls back to read-only when another process (or another Journal in this
     * process) holds the workspace or the workspace cannot be written. Nothing in the journal is
     * written until the first {@link #append}.
     */
    public static Journal open(Path dir, Clock clock) throws IOException {
        SafeFiles.ensurePrivateDirectory(dir);
        Path file = dir.resolve(FILE_NAME);
        PosixFileAttributes journalAttrs = requireJournalFile(file);
        if (journalAttrs != null && !SafeFiles.isOwnedByThisUser(file)) {
            return read(file, clock, "The journal " + file + " belongs to another user (" + journalAttrs.owner()
                    .getName() + "); the workspace is open read-only.");
        }
        Path lockFile = dir.resolve(LOCK_NAME);
        FileChannel lockChannel;
        try {
            lockChannel = SafeFiles.openOwnFile(lockFile);
        } catch (UnsafeFileException e) {
            if ("other-owner".equals(e.rule())) {
                return read(file, clock, "The lock file " + lockFile + " belongs to another user; the workspace is"
                        + " open read-only.");
            }
            throw e;
        } catch (FileSystemException e) {
            String why = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            return read(file, clock, "The workspace " + dir + " cannot be written (" + why + "); it is open"
                    + " read-only.");
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        String owner;
        while (true) {
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                try {
                    Journal j = new Journal(file, clock, contents(file), null);
                    j.lockChannel = lockChannel;
                    j.lock = lock;
                    writeOwner(lockChannel);
                    return j;
                } catch (IOException | RuntimeException e) {
                    lock.release();
                    lockChannel.close();
                    throw e;
                }
            }
            owner = readOwner(lockChannel);
            if (owner != null || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lockChannel.close();
        return read(file, clock, "The workspace " + dir + " is in use by another Migration Console ("
                + (owner == null ? "owner unknown" : owner) + "); this one is read-only. Close the other console to"
                + " make changes here.");
    }

    /** Reads a journal without locking or changing anything (for inspection tools). */
    public static Journal readOnly(Path dir, Clock clock, String reason) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        requireJournalFile(file);
        return read(file, clock, reason);
    }

    private static Journal read(Path file, Clock clock, String readOnlyReason) throws IOException {
        return new Journal(file, clock, contents(file), readOnlyReason);
    }

    /** The journal's attributes, or null if it does not exist; refuses a link or a non-regular file. */
    private static PosixFileAttributes requireJournalFile(Path file) throws IOException {
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isSymbolicLink()) {
            throw new UnsafeFileException(file, "symlink", "The journal " + file + " is a symbolic link"
                    + (Files.exists(file) ? "" : " to a missing file") + "; refused (a journal is a regular file in"
                    + " the workspace; nothing was created or changed)");
        }
        if (!a.isRegularFile()) {
            throw new UnsafeFileException(file, "not-regular", "The journal " + file + " is " + SafeFiles.kind(file)
                    + ", not a regular file; refused (nothing was read or changed)");
        }
        return a;
    }

    private static Contents contents(Path file) throws IOException {
        byte[] data;
        try {
            data = SafeFiles.readBounded(file, MAX_BYTES, "journal");
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of(), null, null, -1, null, false);
        }
        return parse(file, data);
    }

    private static Contents parse(Path file, byte[] data) throws CorruptJournalException {
        List<JournalRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String format = null;
        String prevHash = null;
        long chainedFrom = -1;
        Torn torn = null;
        int pos = 0;
        long line = 0;
        while (pos < data.length) {
            int nl = indexOf(data, (byte) '\n', pos);
            line++;
            long seq = line - 1;
            if (seq == 0) {
                if (nl < 0) {
                    if (startsWith(data, HEADER_PREFIX) && data.length < 512) {
                        torn = new Torn(0, data, 1, "the header has no end of line");
                        warnings.add("The journal's header (" + data.length + " bytes) is incomplete, probably from"
                                + " an interrupted first write; it is ignored, and the first change keeps its bytes"
                                + " in a journal.torn-*.bin file and writes a new header.");
                        break;
                    }
                    throw CorruptJournalException.notAJournal(file, "its first line is not a journal header"
                            + (onlyZeros(data, 0) ? "; it holds only zero bytes" : ""));
                }
                JournalRecord h;
                try {
                    h = JournalCodec.decode(data, 0, nl);
                } catch (IllegalArgumentException e) {
                    throw CorruptJournalException.notAJournal(file, "its first line is not a journal header: "
                            + e.getMessage());
                }
                if (h.seq() != 0 || !JournalRecord.HEADER.equals(h.type())
                        || !(JournalRecord.FORMAT.equals(h.note()) || JournalRecord.FORMAT_1.equals(h.note()))) {
                    throw CorruptJournalException.notAJournal(file, "its first record is not a header of format "
                            + JournalRecord.FORMAT + " or " + JournalRecord.FORMAT_1);
                }
                format = h.note();
            } else {
                if (nl < 0 && !onlyZeros(data, pos) && (decodes(data, pos, data.length - pos)
                        || decodes(data, pos, data.length - pos - 1))) {
                    throw new CorruptJournalException(file, line, "a complete record whose end of line is missing"
                            + " or damaged");
                }
                if (nl < 0 || onlyZeros(data, pos)) {
                    String problem = nl < 0 ? "the record has no end of line" : "the rest of the file is zero bytes";
                    torn = new Torn(pos, java.util.Arrays.copyOfRange(data, pos, data.length), line, problem);
                    warnings.add("The last journal record (record " + seq + ", line " + line + ", "
                            + (data.length - pos) + " bytes) is incomplete (" + problem + "), probably from an"
                            + " interrupted write; it is ignored. The next change keeps its bytes in a"
                            + " journal.torn-*.bin file and cuts it off.");
                    break;
                }
                JournalRecord r;
                try {
                    r = JournalCodec.decode(data, pos, nl - pos);
                } catch (IllegalArgumentException e) {
                    throw new CorruptJournalException(file, line, e.getMessage());
                }
                if (r.seq() != seq) {
                    throw new CorruptJournalException(file, line, "sequence number " + r.seq() + " where " + seq
                            + " was expected (a record was removed, added or moved)");
                }
                String problem = r.problem();
                if (problem != null) {
                    throw new CorruptJournalException(file, line, problem);
                }
                if (r.prev() != null) {
                    if (!r.prev().equals(prevHash)) {
                        throw new CorruptJournalException(file, line, "the hash chain is broken: this record does"
                                + " not follow record " + (seq - 1) + " as written (a record before it was removed,"
                                + " changed, reordered or forged)");
                    }
                    if (chainedFrom < 0) {
                        chainedFrom = seq;
                    }
                } else if (chainedFrom >= 0 || JournalRecord.FORMAT.equals(format)) {
                    throw new CorruptJournalException(file, line, "the record has no hash chain field 'prev',"
                            + " although the chain "
                            + (chainedFrom >= 0 ? "started at record " + chainedFrom : "starts at record 1 in this"
                                    + " format") + " (a forged or foreign record)");
                } else if (JournalRecord.CHAIN.equals(r.type())) {
                    throw new CorruptJournalException(file, line, "a chain record without field 'prev'");
                }
                records.add(r);
            }
            prevHash = JournalCodec.lineHash(data, pos, nl - pos);
            pos = nl + 1;
        }
        return new Contents(records, warnings, format, prevHash, chainedFrom, torn, true);
    }

    private static boolean decodes(byte[] data, int off, int len) {
        try {
            JournalCodec.decode(data, off, len);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        int n = Math.min(data.length, prefix.length);
        for (int i = 0; i < n; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Only NUL bytes (and line ends) from {@code from} on, and at least one NUL: a power-loss tail. */
    private static boolean onlyZeros(byte[] data, int from) {
        boolean zero = false;
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                zero = true;
            } else if (data[i] != '\n') {
                return false;
            }
        }
        return zero;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Before the first change: cut a torn tail, write the header, start the chain. */
    private void prepareAppend() throws IOException {
        if (channel != null) {
            return;
        }
        Path dir = file.getParent();
        if (torn != null) {
            String saved = saveTorn(torn.bytes());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ch.truncate(torn.position());
                ch.force(true);
            }
            warnings.add("The incomplete record at line " + torn.line() + " (" + torn.bytes().length + " bytes) was"
                    + " cut off; its bytes were kept in " + saved + ".");
            if (torn.position() == 0) {
                format = null;
                head = null;
            }
            torn = null;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            JournalRecord header = header();
            byte[] line = JournalCodec.encode(header);
            SafeFiles.writeAtomically(file, line, SafeFiles.PRIVATE_FILE);
            format = JournalRecord.FORMAT;
            head = JournalCodec.lineHash(line, 0, line.length - 1);
        }
        requireJournalFile(file);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        channel.position(channel.size());
        if (channel.size() == 0) {
            byte[] line = JournalCodec.encode(header());
            writeFully(line);
            channel.force(true);
            format = JournalRecord.FORMAT;
            head = JournalCodec.lineHash(line, 0, line.length - 1);
        }
        try {
            if (!SafeFiles.permissions(file).equals("rw-------")) {
                Files.setPosixFilePermissions(file, SafeFiles.PRIVATE_FILE);
            }
        } catch (IOException e) {
            // tightening an existing journal is best effort
        }
        SafeFiles.syncDirectory(dir);
        if (chainedFrom < 0 && JournalRecord.FORMAT_1.equals(format)) {
            write(new JournalRecord(0, null, System.getProperty("user.name", "unknown"), JournalRecord.CHAIN, null,
                    null, null, "The hash chain starts here; the " + records.size() + " records before it were"
                            + " written by an earlier version without one.", null, null));
        }
    }

    private JournalRecord header() {
        return new JournalRecord(0, now(), System.getProperty("user.name", "unknown"), JournalRecord.HEADER, null,
                null, null, JournalRecord.FORMAT, null, null);
    }

    private String saveTorn(byte[] bytes) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().atZone(java.time.ZoneOffset.UTC));
        for (int n = 0;; n++) {
            Path torn = file.resolveSibling("journal.torn-" + stamp + (n == 0 ? "" : "-" + n) + ".bin");
            try (FileChannel ch = SafeFiles.createNew(torn, SafeFiles.PRIVATE_FILE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
                return torn.getFileName().toString();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (n > 100) {
                    throw e;
                }
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Appends a record, stamping its sequence number, time and chain hash, and forces it to disk.
     *
     * @return the stamped record, now durable
     * @throws IllegalStateException if this journal is read-only or an earlier write failed
     * @throws IllegalArgumentException if the record breaks its type's rules (a bug)
     */
    public synchronized JournalRecord append(JournalRecord r) throws IOException {
        if (lock == null) {
            throw new IllegalStateException(readOnlyReason == null ? "journal is closed" : readOnlyReason);
        }
        if (broken != null) {
            throw new IllegalStateException(broken);
        }
        prepareAppend();
        return write(r);
    }

    private JournalRecord write(JournalRecord r) throws IOException {
        JournalRecord stamped = r.stamped(nextSeq, now()).chained(head);
        String problem = stamped.problem();
        if (problem != null) {
            throw new IllegalArgumentException("Refusing to journal a record that breaks its rules: " + problem);
        }
        byte[] line = JournalCodec.encode(stamped);
        long before = channel.position();
        try {
            writeFully(line);
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
                channel.force(false);
            } catch (IOException e2) {
                broken = "An earlier write to the journal " + file + " failed (" + e.getMessage() + ") and could not"
                        + " be undone; restart the console.";
            }
            throw e;
        }
        head = JournalCodec.lineHash(line, 0, line.length - 1);
        if (chainedFrom < 0) {
            chainedFrom = stamped.seq();
        }
        nextSeq++;
        records.add(stamped);
        return stamped;
    }

    private void writeFully(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    public synchronized List<JournalRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    public Path file() {
        return file;
    }

    public synchronized boolean isReadOnly() {
        return lock == null;
    }

    /** Why this journal is read-only, or null. */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** SHA-256 of the last line (the chain head), or null when the journal is empty. */
    public synchronized String head() {
        return head;
    }

    /** The first record that carries the hash chain, or -1 when none does yet. */
    public synchronized long chainedFrom() {
        return chainedFrom;
    }

    /** The header's format, or null when the journal has none yet. */
    public synchronized String format() {
        return format;
    }

    private static void writeOwner(FileChannel ch) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String owner = "process " + ProcessHandle.current().pid() + " of user " + System.getProperty("user.name")
                + " on " + host + ", since " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        byte[] bytes = owner.getBytes(StandardCharsets.UTF_8);
        // write first, then cut: a reader sees a whole line (old or new), never an empty file
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long pos = 0;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        ch.truncate(bytes.length);
        ch.force(false);
    }

    /**
     * The owner line of a held lock, or null while it is not (yet) readable: empty, half
     * written, or naming a process on this host that no longer runs (the new holder has not
     * written itself yet).
     */
    private static String readOwner(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            int n = ch.read(buf, 0);
            if (n <= 0) {
                return null;
            }
            String s = new String(buf.array(), 0, n, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            if (nl <= 0) {
                return null;
            }
            String line = s.substring(0, nl).strip();
            Matcher m = OWNER_PID.matcher(line);
            if (m.find()) {
                String host;
                try {
                    host = InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    host = "localhost";
                }
                if (host.equals(m.group(2))
                        && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)
                                == false) {
                    return null;
                }
            }
            return line;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Releases the workspace lock (clearing the owner); the journal stays readable from memory. */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (lock != null) {
            try {
                lockChannel.truncate(0);
            } catch (IOException e) {
                // the next holder overwrites it
            }
            lock.release();
            lock = null;
        }
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }

}
