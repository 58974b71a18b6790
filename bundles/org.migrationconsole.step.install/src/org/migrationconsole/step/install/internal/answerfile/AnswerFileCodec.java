package org.migrationconsole.step.install.internal.answerfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes cfg.ini the way Windows Setup accepts it: "Unicode" (UTF-16 little endian
 * with the byte-order mark FF FE) or "ANSI" (windows-1252), CRLF line endings, and the file
 * named exactly {@value #FILE_NAME}. UTF-8 is refused both ways: Setup does not read it.
 */
public final class AnswerFileCodec {

    public static final String FILE_NAME = "cfg.ini";

    /** windows-1252, the ANSI code page of English and Western European Windows. */
    public static final Charset ANSI = Charset.forName("windows-1252");

    /** How the file is encoded. */
    public enum Encoding {
        UNICODE("unicode"), ANSI("ansi");

        private final String id;

        Encoding(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Encoding byId(String id) throws AnswerFileException {
            for (Encoding e : values()) {
                if (e.id.equals(id)) {
                    return e;
                }
            }
            throw new AnswerFileException("encoding '" + id + "' is not supported: use unicode or ansi"
                    + (id.toLowerCase(java.util.Locale.ROOT).contains("utf") ? " (Setup does not read UTF-8)" : ""));
        }
    }

    /** A decoded file and the encoding it was found in. */
    public record Decoded(AnswerFile file, Encoding encoding) {
    }

    private AnswerFileCodec() {
    }

    /** The largest cfg.ini read: 1 MiB (Setup's own files are a few kilobytes). */
    public static final long MAX_SIZE = 1L << 20;

    /**
     * Reads a cfg.ini: a regular file (a link may lead to one) of at most {@link #MAX_SIZE}
     * bytes; a FIFO, a device or a folder is refused without being opened.
     */
    public static Decoded read(Path file) throws AnswerFileException {
        byte[] bytes;
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new AnswerFileException("cannot read " + file + ": it is not a regular file; refused");
            }
            if (a.size() > MAX_SIZE) {
                throw new AnswerFileException("cannot read " + file + ": it is " + a.size() + " bytes; an answer"
                        + " file may be at most 1 MiB; refused");
            }
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_SIZE + 1);
            }
            if (bytes.length > MAX_SIZE) {
                throw new AnswerFileException("cannot read " + file + ": it grew beyond 1 MiB while being read;"
                        + " refused");
            }
        } catch (IOException e) {
            throw new AnswerFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes);
    }

    /** Decodes the bytes of a cfg.ini; refuses UTF-8 and big-endian UTF-16. */
    public static Decoded decode(byte[] b) throws AnswerFileException {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            throw new AnswerFileException("the file is UTF-8 (it starts with a UTF-8 byte-order mark); Setup reads"
                    + " only ANSI or Unicode: save it again as Unicode or ANSI");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            throw new AnswerFileException("the file is big-endian UTF-16; save it as Unicode (little endian) or ANSI");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            if (b.length % 2 != 0) {
                throw new AnswerFileException("the file is cut off: a Unicode (UTF-16LE) file has an even number"
                        + " of bytes");
            }
            String text = strict(StandardCharsets.UTF_16LE, ByteBuffer.wrap(b, 2, b.length - 2), "Unicode");
            return new Decoded(AnswerFile.parse(text), Encoding.UNICODE);
        }
        boolean ascii = true;
        for (byte x : b) {
            if (x < 0) {
                ascii = false;
                break;
            }
            if (x == 0) {
                throw new AnswerFileException("the file holds NUL bytes but no Unicode byte-order mark (FF FE);"
                        + " save it again as Unicode or ANSI");
            }
        }
        if (!ascii && looksLikeUtf8(b)) {
            throw new AnswerFileException("the file is UTF-8 (its non-ASCII characters are UTF-8 sequences); Setup"
                    + " reads only ANSI or Unicode: save it again as Unicode or ANSI");
        }
        return new Decoded(AnswerFile.parse(strict(ANSI, ByteBuffer.wrap(b), "ANSI")), Encoding.ANSI);
    }

    private static boolean looksLikeUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String strict(Charset cs, ByteBuffer in, String name) throws AnswerFileException {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new AnswerFileException("the file is not valid " + name + " text: " + e.getMessage(), e);
        }
    }

    /** The bytes of the file: CRLF line endings; Unicode with the BOM FF FE. */
    public static byte[] encode(AnswerFile file, Encoding encoding) throws AnswerFileException {
        String text = file.text();
        if (encoding == Encoding.UNICODE) {
            byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
            byte[] all = new byte[body.length + 2];
            all[0] = (byte) 0xFF;
            all[1] = (byte) 0xFE;
            System.arraycopy(body, 0, all, 2, body.length);
            return all;
        }
        try {
            ByteBuffer bb = ANSI.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new AnswerFileException("the answer file holds characters that ANSI (windows-1252) cannot hold;"
                    + " save it as Unicode instead", e);
        }
    }
}
