package org.migrationconsole.connect.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.migrationconsole.api.check.ServerClock;

/**
 * Reads a Windows (or Samba) server's clock from the SMB negotiation, before any sign-in: an
 * SMB1 NEGOTIATE offering NT LM 0.12 (then SMB 2 if SMB1 is refused); an SMB1 answer carries SystemTime and
 * ServerTimeZone ([MS-CIFS] 2.2.4.52.2), an SMB2 answer SystemTime ([MS-SMB2] 2.2.4). jcifs-ng
 * keeps both values internal, so this reads the two fields itself; nothing else is sent and the
 * connection is closed at once. Connect and read are bounded.
 */
public final class SmbClock {

    private static final long FILETIME_EPOCH_DIFF_100NS = 116_444_736_000_000_000L;
    private static final int MAX_ANSWER = 64 * 1024;

    private SmbClock() {
    }

    /**
     * Asks with NT LM 0.12 alone first (SBS 2003 and any server that still speaks SMB1 then state
     * their time zone); a server that refuses SMB1 (it closes the connection) is asked again
     * offering SMB 2, which gives the time only. A connect failure or a silent server is not asked
     * again.
     */
    public static ServerClock read(String host, int port, int timeoutMillis) throws IOException {
        try {
            return ask(host, port, timeoutMillis, false);
        } catch (java.net.SocketTimeoutException | UnconnectedException e) {
            throw e; // nothing there, or a server that does not answer at all: asking again costs as much
        } catch (IOException smb1Refused) {
            return ask(host, port, timeoutMillis, true);
        }
    }

    /** The server could not be connected to at all (nothing to retry). */
    static final class UnconnectedException extends IOException {
        private static final long serialVersionUID = 1L;

        UnconnectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static ServerClock ask(String host, int port, int timeoutMillis, boolean smb2) throws IOException {
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(host, port), timeoutMillis);
            } catch (IOException e) {
                throw new UnconnectedException(host + ":" + port + ": " + e.getMessage(), e);
            }
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(negotiateRequest(smb2));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] answer = readFrame(in);
            Instant readAt = Instant.now();
            return parse(answer, readAt, s.getInetAddress().getHostAddress() + ":" + port);
        }
    }

    public static byte[] negotiateRequest() {
        return negotiateRequest(false);
    }

    /** An SMB1 NEGOTIATE offering NT LM 0.12, and with {@code smb2} also SMB 2.002 and SMB 2.???. */
    public static byte[] negotiateRequest(boolean smb2) {
        byte[] dialects = ("\u0002NT LM 0.12\u0000" + (smb2 ? "\u0002SMB 2.002\u0000\u0002SMB 2.???\u0000" : ""))
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + 32 + 3 + dialects.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Integer.reverseBytes(32 + 3 + dialects.length)); // NetBIOS session message, big-endian length
        b.put(new byte[] { (byte) 0xFF, 'S', 'M', 'B', 0x72 }); // SMB_COM_NEGOTIATE
        b.putInt(0); // status
        b.put((byte) 0x18); // flags: case-insensitive, canonicalized paths
        b.putShort((short) 0xC801); // flags2: unicode, NT status, long names
        b.put(new byte[12]); // PID high, security features, reserved
        b.putShort((short) 0); // TID
        b.putShort((short) 0x4D43); // PID low
        b.putShort((short) 0); // UID
        b.putShort((short) 0); // MID
        b.put((byte) 0); // word count
        b.putShort((short) dialects.length);
        b.put(dialects);
        return b.array();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int header = in.readInt();
        int length = header & 0x00FF_FFFF;
        if ((header >>> 24) != 0 || length < 4 || length > MAX_ANSWER) {
            throw new IOException("not an SMB session message (header " + Integer.toHexString(header) + ")");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    public static ServerClock parse(byte[] m, Instant readAt, String from) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        if (m.length >= 4 && (m[0] & 0xFF) == 0xFF && m[1] == 'S' && m[2] == 'M' && m[3] == 'B') {
            // SMB1: 32-byte header, word count, then the NT LM 0.12 parameters
            if (m.length < 32 + 1 + 34 || (m[32] & 0xFF) != 17) {
                throw new IOException("the SMB1 answer is not an NT LM 0.12 negotiation (word count " + (m.length > 32
                        ? m[32] & 0xFF : -1) + ")");
            }
            long filetime = b.getLong(33 + 23);
            short bias = b.getShort(33 + 31); // minutes to add to local time to get UTC
            return new ServerClock(fromFiletime(filetime), readAt, -bias, "SMB1 negotiate from " + from);
        }
        if (m.length >= 4 && (m[0] & 0xFF) == 0xFE && m[1] == 'S' && m[2] == 'M' && m[3] == 'B') {
            if (m.length < 64 + 48) {
                throw new IOException("the SMB2 negotiate answer is too short (" + m.length + " bytes)");
            }
            long filetime = b.getLong(64 + 40);
            return new ServerClock(fromFiletime(filetime), readAt, null, "SMB2 negotiate from " + from);
        }
        throw new IOException("not an SMB answer");
    }

    static Instant fromFiletime(long filetime) throws IOException {
        if (filetime <= FILETIME_EPOCH_DIFF_100NS) {
            throw new IOException("the server gave no time in its SMB negotiation");
        }
        long since1970 = filetime - FILETIME_EPOCH_DIFF_100NS;
        return Instant.ofEpochSecond(since1970 / 10_000_000L, (since1970 % 10_000_000L) * 100);
    }
}
