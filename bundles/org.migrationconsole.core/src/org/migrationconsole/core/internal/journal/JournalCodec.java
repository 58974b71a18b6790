package org.migrationconsole.core.internal.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Turns records into journal lines and back. A line is a flat JSON object, a space, '#', the
 * CRC-32C of the JSON bytes in 8 hex digits, and '\n'. The checksum is what tells a torn or
 * damaged record from a good one.
 */
public final class JournalCodec {

    /** Length of " #xxxxxxxx". */
    static final int SUFFIX = 10;

    private JournalCodec() {
    }

    /** Encodes a record as one line, terminator included. */
    public static byte[] encode(JournalRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"seq\":").append(r.seq());
        field(sb, "at", r.at() == null ? null : r.at().toString());
        field(sb, "who", r.who());
        field(sb, "type", r.type());
        field(sb, "task", r.task());
        field(sb, "from", r.from());
        field(sb, "to", r.to());
        field(sb, "note", r.note());
        field(sb, "key", r.key());
        field(sb, "value", r.value());
        field(sb, "prev", r.prev());
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(json);
        byte[] line = new byte[json.length + SUFFIX + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = ' ';
        line[json.length + 1] = '#';
        byte[] hex = HexFormat.of().toHexDigits((int) crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, json.length + 2, 8);
        line[line.length - 1] = '\n';
        return line;
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value == null) {
            return;
        }
        sb.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** SHA-256 (hex) of a line without its '\n': what the next record's {@code prev} holds. */
    public static String lineHash(byte[] buf, int off, int len) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(buf, off, len);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes one line without its '\n'.
     *
     * @throws IllegalArgumentException saying what is wrong when the checksum or syntax fails
     */
    public static JournalRecord decode(byte[] buf, int off, int len) {
        if (len < SUFFIX + 2 || buf[off + len - SUFFIX] != ' ' || buf[off + len - SUFFIX + 1] != '#') {
            throw new IllegalArgumentException("no checksum");
        }
        int jsonLen = len - SUFFIX;
        CRC32C crc = new CRC32C();
        crc.update(buf, off, jsonLen);
        int expected;
        try {
            expected = HexFormat.fromHexDigits(new String(buf, off + jsonLen + 2, 8, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed checksum");
        }
        if ((int) crc.getValue() != expected) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        return parse(new String(buf, off, jsonLen, StandardCharsets.UTF_8));
    }

    private static JournalRecord parse(String s) {
        Parser p = new Parser(s);
        long seq = -1;
        String at = null, who = null, type = null, task = null, from = null, to = null, note = null, key = null,
                value = null, prev = null;
        p.expect('{');
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean first = true;
        while (!p.peek('}')) {
            if (!first) {
                p.expect(',');
            }
            first = false;
            String name = p.string();
            if (!seen.add(name)) {
                throw new IllegalArgumentException("field '" + name + "' appears twice");
            }
            p.expect(':');
            if (name.equals("seq")) {
                seq = p.number();
                continue;
            }
            String v = p.string();
            switch (name) {
                case "at" -> at = v;
                case "who" -> who = v;
                case "type" -> type = v;
                case "task" -> task = v;
                case "from" -> from = v;
                case "to" -> to = v;
                case "note" -> note = v;
                case "key" -> key = v;
                case "value" -> value = v;
                case "prev" -> prev = v;
                default -> {
                    // fields added by later versions are ignored
                }
            }
        }
        p.expect('}');
        if (!p.atEnd()) {
            throw new IllegalArgumentException("text after the record");
        }
        if (seq < 0 || type == null) {
            throw new IllegalArgumentException("record lacks seq or type");
        }
        Instant when;
        try {
            when = at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + at + "'");
        }
        return new JournalRecord(seq, when, who, type, task, from, to, note, key, value, prev);
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i == s.length();
        }

        boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (i + 1));
            }
            i++;
        }

        long number() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i || i - start > 18) {
                throw new IllegalArgumentException("expected a number at column " + (start + 1));
            }
            return Long.parseLong(s, start, i, 10);
        }

        String string() {
            expect('"');
            StringBuilder sb = null;
            int start = i;
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    String out = sb == null ? s.substring(start, i) : sb.append(s, start, i).toString();
                    i++;
                    return out;
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, i);
                    if (i + 1 >= s.length()) {
                        throw new IllegalArgumentException("bad escape");
                    }
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (i + 6 > s.length()) {
                                throw new IllegalArgumentException("bad escape");
                            }
                            sb.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                            i += 4;
                        }
                        default -> throw new IllegalArgumentException("bad escape");
                    }
                    i += 2;
                    start = i;
                } else {
                    i++;
                }
            }
        }
    }
}
