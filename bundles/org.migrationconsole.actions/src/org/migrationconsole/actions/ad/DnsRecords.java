package org.migrationconsole.actions.ad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The MS-DNSP {@code dnsRecord} attribute value (DNS_RPC_RECORD, MS-DNSP 2.3.2.2): DataLength and
 * Type little-endian, Version, Rank, Flags, Serial, TtlSeconds big-endian, Reserved, TimeStamp,
 * then the type's data (A: 4 bytes; NS, CNAME, PTR: DNS_COUNT_NAME; SRV: priority, weight, port
 * big-endian then DNS_COUNT_NAME; AAAA: 16 bytes).
 */
public final class DnsRecords {

    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int SOA = 6;
    public static final int PTR = 12;
    public static final int AAAA = 28;
    public static final int SRV = 33;

    private DnsRecords() {
    }

    /**
     * One decoded record.
     *
     * @param type the record type number
     * @param ttl seconds
     * @param target for NS/CNAME/PTR/SRV the name it points at (lower case, no trailing dot); for
     *            A/AAAA the address; for SOA the primary server
     * @param data the data in zone-file form, e.g. "0 100 389 sbs2003.contoso.local"
     */
    public record Record(int type, long ttl, String target, String data) {

        public String typeName() {
            return switch (type) {
                case A -> "A";
                case NS -> "NS";
                case CNAME -> "CNAME";
                case SOA -> "SOA";
                case PTR -> "PTR";
                case AAAA -> "AAAA";
                case SRV -> "SRV";
                default -> "TYPE" + type;
            };
        }
    }

    /** Decodes a dnsRecord value; unknown types keep their number and an empty target. */
    public static Record decode(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(0) & 0xffff;
        int type = b.getShort(2) & 0xffff;
        long ttl = ByteBuffer.wrap(value, 12, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xffffffffL;
        int off = 24;
        if (value.length < off + length) {
            throw new IllegalArgumentException("dnsRecord value shorter than its DataLength (" + value.length
                    + " bytes, DataLength " + length + ")");
        }
        switch (type) {
            case A -> {
                String ip = (value[off] & 0xff) + "." + (value[off + 1] & 0xff) + "." + (value[off + 2] & 0xff) + "."
                        + (value[off + 3] & 0xff);
                return new Record(type, ttl, ip, ip);
            }
            case AAAA -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 16; i += 2) {
                    if (i > 0) {
                        s.append(':');
                    }
                    s.append(Integer.toHexString(((value[off + i] & 0xff) << 8) | (value[off + i + 1] & 0xff)));
                }
                return new Record(type, ttl, s.toString(), s.toString());
            }
            case NS, CNAME, PTR -> {
                String n = countName(value, off);
                return new Record(type, ttl, n, n);
            }
            case SOA -> {
                // serial, refresh, retry, expire, minimum (5 x 4 bytes) then the primary server
                String primary = countName(value, off + 20);
                return new Record(type, ttl, primary, primary);
            }
            case SRV -> {
                ByteBuffer be = ByteBuffer.wrap(value, off, 6).order(ByteOrder.BIG_ENDIAN);
                int prio = be.getShort() & 0xffff;
                int weight = be.getShort() & 0xffff;
                int port = be.getShort() & 0xffff;
                String n = countName(value, off + 6);
                return new Record(type, ttl, n, prio + " " + weight + " " + port + " " + n);
            }
            default -> {
                return new Record(type, ttl, "", "(" + length + " bytes)");
            }
        }
    }

    /** DNS_COUNT_NAME: total length, label count, then length-prefixed labels and a 0. */
    static String countName(byte[] v, int off) {
        int labels = v[off + 1] & 0xff;
        int p = off + 2;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels; i++) {
            int len = v[p] & 0xff;
            parts.add(new String(v, p + 1, len, StandardCharsets.UTF_8));
            p += 1 + len;
        }
        return String.join(".", parts).toLowerCase(java.util.Locale.ROOT);
    }
}
