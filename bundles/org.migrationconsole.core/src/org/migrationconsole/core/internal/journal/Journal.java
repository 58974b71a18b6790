package org.migrationconsole.core.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The append-only audit journal of one workspace.
 *
 * <ul>
 * <li>Every {@link #append} is written and forced to disk (fdatasync) before it returns.</li>
 * <li>Opening reads and checks every record. A damaged last record (an interrupted write) is
 * dropped with a warning: a writer saves its bytes to {@code journal.torn-<time>.bin} and cuts
 * them off. A damaged record with good records after it throws {@link CorruptJournalException}
 * and the file is not touched.</li>
 * <li>One writer per workspace: the writer holds an OS lock on {@code .lock}; a second process
 * opens the journal read-only and is told who holds it.</li>
 * </ul>
 */
public final class Journal implements Closeable {

    public static final String FILE_NAME = "journal.jsonl";
    public static final String LOCK_NAME = ".lock";

    private final Path file;
    private final Clock clock;
    private final List<JournalRecord> records;
    private final List<String> warnings;
    private final String readOnlyReason;
    private FileChannel lockChannel;
    private FileLock lock;
    private FileChannel channel;
    private long nextSeq;

    private Journal(Path file, Clock clock, List<JournalRecord> records, List<String> warnings, String readOnlyReason) {
        this.file = file;
        this.clock = clock;
        this.records = records;
        this.warnings = warnings;
        this.readOnlyReason = readOnlyReason;
        this.nextSeq = records.isEmpty() ? 1 : records.get(records.size() - 1).seq() + 1;
    }

    /**
     * Opens the journal of {@code dir}, creating the directory and journal if needed. Tries to
     * become the writer; falls back to read-only when another process (or another Journal in
     * this process) holds the workspace.
     */
    public static Journal open(Path dir, Clock clock) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Path lockFile = dir.resolve(LOCK_NAME);
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String owner = readOwner(lockChannel);
            lockChannel.close();
            Journal j = read(file, clock, false, "The workspace " + dir + " is in use by another Migration Console ("
                    + owner + "); this one is read-only. Close the other console to make changes here.");
            return j;
        }
        try {
            Journal j = read(file, clock, true, null);
            j.lockChannel = lockChannel;
            j.lock = lock;
            writeOwner(lockChannel);
            j.openForAppend(dir);
            return j;
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Reads a journal without locking or changing anything (for inspection tools). */
    public static Journal readOnly(Path dir, Clock clock, String reason) throws IOException {
        return read(dir.resolve(FILE_NAME), clock, false, reason);
    }

    private static Journal read(Path file, Clock clock, boolean writer, String readOnlyReason) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<JournalRecord> records = new ArrayList<>();
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Journal(file, clock, records, warnings, readOnlyReason);
        }
        int pos = 0;
        long line = 0;
        long expectedSeq = 0;
        while (pos < data.length) {
            int nl = indexOf(data, (byte) '\n', pos);
            int end = nl < 0 ? data.length : nl;
            line++;
            String problem = null;
            JournalRecord r = null;
            if (nl < 0) {
                problem = "the record has no end of line";
            } else {
                try {
                    r = JournalCodec.decode(data, pos, end - pos);
                    if (r.seq() != expectedSeq) {
                        problem = "sequence number " + r.seq() + " where " + expectedSeq + " was expected";
                    } else if (expectedSeq == 0 && !(JournalRecord.HEADER.equals(r.type())
                            && JournalRecord.FORMAT.equals(r.note()))) {
                        problem = "the first record is not a Migration Console journal header";
                    }
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                boolean last = nl < 0 || nl == data.length - 1 || onlyZeros(data, nl + 1);
                if (!last) {
                    throw new CorruptJournalException(file, line, problem);
                }
                int tornBytes = data.length - pos;
                String saved = "";
                if (writer) {
                    saved = saveTorn(file, data, pos, clock);
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(pos);
                        ch.force(true);
                    }
                }
                warnings.add("The last journal record (record " + line + ", " + tornBytes
                        + " bytes) was incomplete, probably from an interrupted write, and was dropped (" + problem
                        + ")." + saved);
                break;
            }
            if (expectedSeq > 0) {
                records.add(r);
            }
            expectedSeq++;
            pos = nl + 1;
        }
        return new Journal(file, clock, records, warnings, readOnlyReason);
    }

    private static boolean onlyZeros(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] != 0 && data[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String saveTorn(Path file, byte[] data, int from, Clock clock) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(clock.instant().atZone(java.time.ZoneOffset.UTC));
        Path torn = file.resolveSibling("journal.torn-" + stamp + ".bin");
        for (int n = 1; Files.exists(torn); n++) {
            torn = file.resolveSibling("journal.torn-" + stamp + "-" + n + ".bin");
        }
        try (FileChannel ch = FileChannel.open(torn, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data, from, data.length - from));
            ch.force(true);
        }
        return " Its bytes were kept in " + torn.getFileName() + ".";
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void openForAppend(Path dir) throws IOException {
        boolean fresh = !Files.exists(file);
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.position(channel.size());
        if (fresh || channel.size() == 0) {
            JournalRecord header = new JournalRecord(0, now(), System.getProperty("user.name"), JournalRecord.HEADER,
                    null, null, null, JournalRecord.FORMAT, null, null);
            writeFully(JournalCodec.encode(header));
            channel.force(true);
            syncDirectory(dir);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not every file system allows syncing a directory; the file itself is synced
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Appends a record, stamping its sequence number and time, and forces it to disk.
     *
     * @return the stamped record, now durable
     * @throws IllegalStateException if this journal is read-only
     */
    public synchronized JournalRecord append(JournalRecord r) throws IOException {
        if (channel == null) {
            throw new IllegalStateException(readOnlyReason == null ? "journal is closed" : readOnlyReason);
        }
        JournalRecord stamped = r.stamped(nextSeq, now());
        writeFully(JournalCodec.encode(stamped));
        channel.force(false);
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

    public boolean isReadOnly() {
        return channel == null;
    }

    /** Why this journal is read-only, or null. */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static void writeOwner(FileChannel ch) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String owner = "process " + ProcessHandle.current().pid() + " of user " + System.getProperty("user.name")
                + " on " + host + ", since " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
    }

    private static String readOwner(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            int n = ch.read(buf, 0);
            String s = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? "owner unknown" : s;
        } catch (IOException e) {
            return "owner unknown";
        }
    }

    /** Releases the workspace lock; the journal stays readable from memory. */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (lock != null) {
            lock.release();
            lock = null;
        }
        if (lockChannel != null) {
            lockChannel.close();
            lockChannel = null;
        }
    }

}
