package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;

/** Issue 9, "Files: never destroy or leak through a path": the file-safety primitive itself. */
class SafeFilesTest {

    @TempDir
    Path dir;

    private static final byte[] SECRET = "Password=S3cret!\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void writesA0600FileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("cfg.ini");
        SafeFiles.writeAtomically(f, SECRET, SafeFiles.PRIVATE_FILE);
        assertArrayEquals(SECRET, Files.readAllBytes(f));
        assertEquals("rw-------", SafeFiles.permissions(f));
        SafeFiles.writeAtomically(f, "second".getBytes(StandardCharsets.US_ASCII), SafeFiles.PRIVATE_FILE);
        assertEquals("second", Files.readString(f));
        assertEquals("rw-------", SafeFiles.permissions(f));
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        SafeFiles.writeAtomically(f, SECRET, SafeFiles.PRIVATE_FILE);
        assertEquals("rw-------", SafeFiles.permissions(f), "a replaced 0666 file comes back 0600");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aSymlinkTargetIsRefusedAndItsVictimUntouched() throws Exception {
        Path victim = Files.writeString(dir.resolve("important.docx"), "the victim's data");
        Path out = Files.createDirectory(dir.resolve("out"));
        Path link = Files.createSymbolicLink(out.resolve("cfg.ini"), victim);
        UnsafeFileException e = assertThrows(UnsafeFileException.class,
                () -> SafeFiles.writeAtomically(link, SECRET, SafeFiles.PRIVATE_FILE));
        assertEquals("symlink", e.rule());
        assertTrue(e.getMessage().contains(link.toString()) && e.getMessage().contains("symbolic link"),
                e.getMessage());
        assertEquals("the victim's data", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(link));
        Path dangling = Files.createSymbolicLink(out.resolve("x.ps1"), dir.resolve("created-by-link"));
        assertThrows(UnsafeFileException.class, () -> SafeFiles.writeAtomically(dangling, SECRET,
                SafeFiles.SHARED_FILE));
        assertFalse(Files.exists(dir.resolve("created-by-link")), "a dangling link does not create its target");
    }

    @Test
    void aFileOfAnotherUserIsRefusedKeepingItsContentOwnerAndMode() throws Exception {
        assumeTrue(Hostile.isRoot(), "needs root to make a file of another user");
        Path f = Files.writeString(dir.resolve("cfg.ini"), "pre-created by another user");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Hostile.ownedByNobody(f);
        UnsafeFileException e = assertThrows(UnsafeFileException.class,
                () -> SafeFiles.writeAtomically(f, SECRET, SafeFiles.PRIVATE_FILE));
        assertEquals("other-owner", e.rule());
        assertTrue(e.getMessage().contains("another user"), e.getMessage());
        assertEquals("pre-created by another user", Files.readString(f));
        assertEquals(Hostile.NOBODY, ((Number) Files.getAttribute(f, "unix:uid")).intValue());
        assertEquals("rw-rw-rw-", SafeFiles.permissions(f));
    }

    @Test
    void directoriesAndFifosAreNotRegularFiles() throws Exception {
        Path d = Files.createDirectory(dir.resolve("cfg.ini"));
        assertEquals("not-regular", assertThrows(UnsafeFileException.class,
                () -> SafeFiles.writeAtomically(d, SECRET, SafeFiles.PRIVATE_FILE)).rule());
        Path fifo = Hostile.fifo(dir.resolve("pipe"));
        UnsafeFileException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                UnsafeFileException.class, () -> SafeFiles.readBounded(fifo, 1024, "profile")));
        assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(UnsafeFileException.class,
                () -> SafeFiles.writeAtomically(fifo, SECRET, SafeFiles.PRIVATE_FILE)));
    }

    @Test
    void hugeFilesAreRefusedAtOnceWithTheLimitInTheMessage() throws Exception {
        for (long size : new long[] { 3L << 30, 1L << 30 }) {
            Path big = Hostile.sparse(dir.resolve("big-" + size), size);
            long start = System.nanoTime();
            UnsafeFileException e = assertThrows(UnsafeFileException.class,
                    () -> SafeFiles.readBounded(big, 64 * 1024, "profile"));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused quickly");
            assertEquals("too-large", e.rule());
            assertTrue(e.getMessage().contains("64 KiB") && e.getMessage().contains(String.valueOf(size)),
                    e.getMessage());
        }
        Path ok = Files.write(dir.resolve("ok"), new byte[64 * 1024]);
        assertEquals(64 * 1024, SafeFiles.readBounded(ok, 64 * 1024, "profile").length);
    }

    @Test
    void wipeOnlyDestroysAFileWhoseHashTheJournalRecorded() throws Exception {
        Path victim = Files.writeString(dir.resolve("important.docx"), "not written by the console");
        byte[] before = Files.readAllBytes(victim);
        UnsafeFileException e = assertThrows(UnsafeFileException.class, () -> SafeFiles.wipe(victim, h -> false));
        assertEquals("not-written-by-console", e.rule());
        assertTrue(e.getMessage().contains("not wiped"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(victim));

        Path cfg = dir.resolve("cfg.ini");
        SafeFiles.writeAtomically(cfg, SECRET, SafeFiles.PRIVATE_FILE);
        String hash = SafeFiles.sha256(SECRET);
        assertEquals(hash, SafeFiles.sha256(cfg));
        Path link = Files.createSymbolicLink(dir.resolve("link.ini"), cfg);
        assertEquals("symlink", assertThrows(UnsafeFileException.class, () -> SafeFiles.wipe(link, hash::equals))
                .rule());
        assertEquals(hash, SafeFiles.wipe(cfg, hash::equals));
        assertFalse(Files.exists(cfg));
    }

    @Test
    void privateDirectoriesAre0700AndUtf8ErrorsSayWhere() throws Exception {
        Path ws = dir.resolve("a/b/workspace");
        SafeFiles.ensurePrivateDirectory(ws);
        assertEquals("rwx------", SafeFiles.permissions(ws));
        assertEquals("key=value", SafeFiles.utf8(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'k', 'e', 'y',
                '=', 'v', 'a', 'l', 'u', 'e' }, "profile"));
        SafeFiles.NotUtf8Exception e = assertThrows(SafeFiles.NotUtf8Exception.class,
                () -> SafeFiles.utf8("a=1\nname=Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), "profile p"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("column 9")
                && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
