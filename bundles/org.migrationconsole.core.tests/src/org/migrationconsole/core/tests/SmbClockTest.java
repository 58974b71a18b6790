package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.migrationconsole.api.check.ServerClock;
import org.migrationconsole.connect.internal.SmbClock;

/**
 * The server clock read from the SMB negotiation: the two answer layouts built byte by byte from
 * [MS-CIFS] 2.2.4.52.2 and [MS-SMB2] 2.2.4 (the lab test reads a real Samba), and a server that
 * accepts and never answers is given up within the bound.
 */
class SmbClockTest {

    private static final Instant T = Instant.parse("2026-03-01T10:15:30.5Z");

    private static long filetime(Instant i) {
        return (i.getEpochSecond() * 10_000_000L + i.getNano() / 100) + 116_444_736_000_000_000L;
    }

    @Test
    void anSmb1AnswerGivesTimeAndTimeZone() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(32 + 1 + 34 + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { (byte) 0xFF, 'S', 'M', 'B', 0x72 });
        b.position(32);
        b.put((byte) 17);
        b.position(33 + 23);
        b.putLong(filetime(T));
        b.putShort((short) -60); // bias: UTC = local - 60 min, i.e. UTC+01:00
        ServerClock c = SmbClock.parse(b.array(), Instant.EPOCH, "10.0.0.2:445");
        assertEquals(T, c.time());
        assertEquals(60, c.utcOffsetMinutes());
        assertTrue(c.how().startsWith("SMB1 negotiate from 10.0.0.2:445"), c.how());
    }

    @Test
    void anSmb2AnswerGivesTimeButNoTimeZone() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64 + 65).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { (byte) 0xFE, 'S', 'M', 'B' });
        b.position(64 + 40);
        b.putLong(filetime(T));
        ServerClock c = SmbClock.parse(b.array(), Instant.EPOCH, "10.0.0.3:445");
        assertEquals(T, c.time());
        assertNull(c.utcOffsetMinutes());
    }

    @Test
    void garbageAndMissingTimesAreErrorsNotTimes() {
        assertThrows(IOException.class, () -> SmbClock.parse(new byte[] { 'H', 'T', 'T', 'P' }, T, "x"));
        byte[] noTime = new byte[64 + 65];
        noTime[0] = (byte) 0xFE;
        noTime[1] = 'S';
        noTime[2] = 'M';
        noTime[3] = 'B';
        assertThrows(IOException.class, () -> SmbClock.parse(noTime, T, "x"));
    }

    @Test
    void theRequestIsOneNetbiosFramedSmb1Negotiate() {
        byte[] r = SmbClock.negotiateRequest();
        int length = ((r[1] & 0xFF) << 16) | ((r[2] & 0xFF) << 8) | (r[3] & 0xFF);
        assertEquals(0, r[0]);
        assertEquals(r.length - 4, length);
        assertEquals((byte) 0xFF, r[4]);
        assertEquals(0x72, r[8]);
        String dialects = new String(r, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(dialects.contains("NT LM 0.12") && !dialects.contains("SMB 2"), "SMB1 first: it states the zone");
        assertTrue(new String(SmbClock.negotiateRequest(true), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("SMB 2.002"), "then SMB 2 for a server without SMB1");
    }

    @Test
    void aServerThatRefusesSmb1IsAskedAgainOfferingSmb2() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    try (Socket first = server.accept()) {
                        first.getInputStream().read(new byte[512]); // SMB1 only: hang up, as SMB1-less Windows does
                    }
                    try (Socket second = server.accept()) {
                        byte[] req = new byte[512];
                        int n = second.getInputStream().read(req);
                        if (!new String(req, 0, n, java.nio.charset.StandardCharsets.US_ASCII).contains("SMB 2.002")) {
                            return;
                        }
                        ByteBuffer b = ByteBuffer.allocate(4 + 64 + 65).order(ByteOrder.LITTLE_ENDIAN);
                        b.putInt(Integer.reverseBytes(64 + 65));
                        b.put(new byte[] { (byte) 0xFE, 'S', 'M', 'B' });
                        b.position(4 + 64 + 40);
                        b.putLong(filetime(T));
                        second.getOutputStream().write(b.array());
                        second.getOutputStream().flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the test fails on the client side
                }
            });
            ServerClock c = SmbClock.read("127.0.0.1", server.getLocalPort(), 2000);
            assertEquals(T, c.time());
            assertNull(c.utcOffsetMinutes());
            t.join(2000);
        }
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsGivenUpWithinTheBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException e) {
                    // done
                }
            });
            long t0 = System.nanoTime();
            assertThrows(IOException.class, () -> SmbClock.read("127.0.0.1", silent.getLocalPort(), 800));
            double s = (System.nanoTime() - t0) / 1e9;
            assertTrue(s < 3, "bounded: " + s + " s");
            acceptor.interrupt();
        }
    }
}
