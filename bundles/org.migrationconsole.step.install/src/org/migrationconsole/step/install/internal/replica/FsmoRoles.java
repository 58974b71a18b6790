package org.migrationconsole.step.install.internal.replica;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/**
 * Reads the five operations-master roles from the directory itself: the fSMORoleOwner attribute
 * of the domain head (PDC emulator), CN=RID Manager$,CN=System (RID master), CN=Infrastructure
 * (infrastructure master), CN=Partitions of the configuration (domain naming master) and the
 * schema head (schema master). Each value names an NTDS Settings object; its parent is the
 * server object, whose dNSHostName is the holder.
 */
public final class FsmoRoles {

    /**
     * One role, where its owner is kept, the holder found there, and when fSMORoleOwner last
     * changed (its replication metadata; null when the server does not say).
     */
    public record Role(String name, String objectDn, String ownerDn, String holder, java.time.Instant changedAt) {
    }

    private FsmoRoles() {
    }

    public static List<Role> read(Directory d) throws Exception {
        String domain = d.defaultNamingContext();
        String config = d.configurationNamingContext();
        String schema = d.rootDse().first("schemaNamingContext");
        if (schema == null) {
            schema = "CN=Schema," + config;
        }
        Map<String, String> where = new LinkedHashMap<>();
        where.put("schema master", schema);
        where.put("domain naming master", "CN=Partitions," + config);
        where.put("PDC emulator", domain);
        where.put("RID master", "CN=RID Manager$,CN=System," + domain);
        where.put("infrastructure master", "CN=Infrastructure," + domain);
        List<Role> out = new ArrayList<>();
        for (Map.Entry<String, String> e : where.entrySet()) {
            List<Entry> found = d.search(e.getValue(), Scope.BASE, "(objectClass=*)", "fSMORoleOwner",
                    "msDS-ReplAttributeMetaData", "replPropertyMetaData");
            String owner = found.isEmpty() ? null : found.get(0).first("fSMORoleOwner");
            java.time.Instant changed = null;
            if (!found.isEmpty()) {
                changed = lastChange(found.get(0).values("msDS-ReplAttributeMetaData"), "fSMORoleOwner");
                for (byte[] blob : found.get(0).binaryValues("replPropertyMetaData")) {
                    changed = changed != null ? changed : lastChange(blob, FSMO_ROLE_OWNER_ATTID);
                }
            }
            out.add(new Role(e.getKey(), e.getValue(), owner, owner == null ? null : serverOf(d, owner), changed));
        }
        return out;
    }

    private static final java.util.regex.Pattern META = java.util.regex.Pattern.compile(
            "<pszAttributeName>\\s*([^<\\s]+)\\s*</pszAttributeName>.*?"
                    + "<ftimeLastOriginatingChange>\\s*([^<\\s]+)\\s*</ftimeLastOriginatingChange>",
            java.util.regex.Pattern.DOTALL);

    /**
     * When an attribute last changed at its origin, from the values of the constructed attribute
     * msDS-ReplAttributeMetaData (one DS_REPL_ATTR_META_DATA XML fragment per replicated
     * attribute; Windows Server 2003 and later answer it, Samba does not); null when it is absent
     * or does not parse.
     */
    public static java.time.Instant lastChange(List<String> metadata, String attribute) {
        for (String v : metadata) {
            java.util.regex.Matcher m = META.matcher(v);
            while (m.find()) {
                if (m.group(1).equalsIgnoreCase(attribute)) {
                    try {
                        java.time.Instant t = java.time.OffsetDateTime.parse(m.group(2)).toInstant();
                        // 1601-01-01 is "never" in FILETIME terms
                        return t.isBefore(java.time.Instant.parse("1980-01-01T00:00:00Z")) ? null : t;
                    } catch (java.time.format.DateTimeParseException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The attributeID of fSMORoleOwner (1.2.840.113556.1.4.369) as the replication metadata names it. */
    public static final int FSMO_ROLE_OWNER_ATTID = 0x00090171;

    /** Seconds from 1601-01-01 (the DSTIME epoch) to 1970-01-01. */
    private static final long DSTIME_TO_UNIX = 11_644_473_600L;

    /**
     * When an attribute last changed at its origin, from a {@code replPropertyMetaData} value
     * (MS-DRSR replPropertyMetaDataBlob, version 1: version, reserved, count, reserved, then 48
     * bytes per attribute: attid, version, change time in seconds since 1601, originating DSA
     * invocation id, originating and local USN; little-endian). Null when the blob is not of
     * that form or does not hold the attribute.
     */
    public static java.time.Instant lastChange(byte[] blob, int attid) {
        if (blob == null || blob.length < 16) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(blob).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 1) {
            return null;
        }
        long count = Integer.toUnsignedLong(b.getInt(8));
        if (count > (blob.length - 16) / 48) {
            return null;
        }
        for (int i = 0; i < count; i++) {
            int at = 16 + 48 * i;
            if (b.getInt(at) == attid) {
                long seconds = b.getLong(at + 8);
                if (seconds <= DSTIME_TO_UNIX) {
                    return null; // "never", or before 1970: not a real change time
                }
                return java.time.Instant.ofEpochSecond(seconds - DSTIME_TO_UNIX);
            }
        }
        return null;
    }

    /** The host name of the server an NTDS Settings DN belongs to. */
    static String serverOf(Directory d, String ntdsSettingsDn) throws Exception {
        String serverDn = parent(ntdsSettingsDn);
        List<Entry> s = d.search(serverDn, Scope.BASE, "(objectClass=*)", "dNSHostName", "cn");
        if (!s.isEmpty() && s.get(0).first("dNSHostName") != null) {
            return s.get(0).first("dNSHostName");
        }
        String rdn = serverDn.split(",", 2)[0];
        return rdn.substring(rdn.indexOf('=') + 1);
    }

    static String parent(String dn) {
        int i = 0;
        while (i < dn.length()) {
            char c = dn.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ',') {
                return dn.substring(i + 1);
            }
            i++;
        }
        return "";
    }

    /** Whether a holder is the given host (full or short name, any case). */
    public static boolean isHost(String holder, String host) {
        if (holder == null || host == null) {
            return false;
        }
        String a = holder.toLowerCase(Locale.ROOT);
        String b = host.toLowerCase(Locale.ROOT);
        return a.equals(b) || a.startsWith(b + ".") || b.startsWith(a + ".");
    }

    /** The server object of a DC by host name, with its NTDS Settings, or null. */
    public static Entry ntdsSettings(Directory d, String host) throws Exception {
        String config = d.configurationNamingContext();
        String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        for (Entry server : d.search("CN=Sites," + config, Scope.SUBTREE, "(objectClass=server)", "dNSHostName",
                "cn")) {
            if (isHost(server.first("dNSHostName"), host) || shortName.equalsIgnoreCase(server.first("cn"))) {
                List<Entry> ntds = d.search("CN=NTDS Settings," + server.dn(), Scope.BASE, "(objectClass=*)",
                        "options", "whenCreated", "invocationId");
                return ntds.isEmpty() ? null : ntds.get(0);
            }
        }
        return null;
    }
}
