package org.migrationconsole.step.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.FileShares;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.check.TargetVersion;
import org.migrationconsole.step.install.internal.replica.DestinationFsmoCheck;
import org.migrationconsole.step.install.internal.replica.DestinationGlobalCatalogCheck;
import org.migrationconsole.step.install.internal.replica.DestinationIsDcCheck;
import org.migrationconsole.step.install.internal.replica.FsmoRoles;
import org.migrationconsole.step.install.internal.replica.ReplicaScript;
import org.migrationconsole.step.install.internal.replica.ReplicationHealthyCheck;

/** The path-B script and the destination checks against an in-memory directory shaped like the lab's. */
class ReplicaTest {

    static final String DOMAIN = "DC=contoso,DC=local";
    static final String CONFIG = "CN=Configuration," + DOMAIN;
    static final String SITE = "CN=Servers,CN=Default-First-Site-Name,CN=Sites," + CONFIG;
    static final String SRC_NTDS = "CN=NTDS Settings,CN=SBS2003," + SITE;
    static final String DST_NTDS = "CN=NTDS Settings,CN=NEWDC," + SITE;

    /** A directory of DN -> attributes; search supports BASE, ONE and SUBTREE with objectClass filters. */
    static final class FakeDirectory implements Directory {
        final Map<String, Map<String, List<String>>> entries = new HashMap<>();

        void put(String dn, String... kv) {
            Map<String, List<String>> a = entries.computeIfAbsent(dn, k -> new HashMap<>());
            for (int i = 0; i < kv.length; i += 2) {
                a.put(kv[i].toLowerCase(), List.of(kv[i + 1]));
            }
        }

        Entry entry(String dn) {
            Map<String, List<String>> a = entries.get(dn);
            return new Entry() {
                @Override
                public String dn() {
                    return dn;
                }

                @Override
                public List<String> values(String attribute) {
                    return a.getOrDefault(attribute.toLowerCase(), List.of());
                }
            };
        }

        @Override
        public Entry rootDse() {
            put("", "schemaNamingContext", "CN=Schema," + CONFIG);
            return entry("");
        }

        @Override
        public String defaultNamingContext() {
            return DOMAIN;
        }

        @Override
        public String configurationNamingContext() {
            return CONFIG;
        }

        @Override
        public List<Entry> search(String base, Scope scope, String filter, String... attributes) {
            List<Entry> out = new ArrayList<>();
            String cls = filter.startsWith("(objectClass=") && !filter.equals("(objectClass=*)")
                    ? filter.substring(13, filter.length() - 1).toLowerCase() : null;
            for (String dn : entries.keySet()) {
                boolean in = switch (scope) {
                    case BASE -> dn.equalsIgnoreCase(base);
                    case ONE -> dn.toLowerCase().endsWith("," + base.toLowerCase())
                            && !dn.substring(0, dn.length() - base.length() - 1).contains(",");
                    case SUBTREE -> dn.equalsIgnoreCase(base) || dn.toLowerCase().endsWith("," + base.toLowerCase());
                };
                if (in && (cls == null || entry(dn).values("objectClass").stream()
                        .anyMatch(v -> v.equalsIgnoreCase(cls)))) {
                    out.add(entry(dn));
                }
            }
            return out;
        }
    }

    static FakeDirectory lab(boolean joined, String fsmoOwner) {
        FakeDirectory d = new FakeDirectory();
        d.put("CN=SBS2003," + SITE, "objectClass", "server", "dNSHostName", "SBS2003.contoso.local", "cn", "SBS2003");
        d.put(SRC_NTDS, "objectClass", "nTDSDSA", "options", "1");
        if (joined) {
            d.put("CN=NEWDC," + SITE, "objectClass", "server", "dNSHostName", "NEWDC.contoso.local", "cn", "NEWDC");
            d.put(DST_NTDS, "objectClass", "nTDSDSA", "options", "1");
            d.put("CN=from-src," + DST_NTDS, "objectClass", "nTDSConnection", "fromServer", SRC_NTDS);
            d.put("CN=from-dst," + SRC_NTDS, "objectClass", "nTDSConnection", "fromServer", DST_NTDS);
        }
        for (String dn : List.of(DOMAIN, "CN=RID Manager$,CN=System," + DOMAIN, "CN=Infrastructure," + DOMAIN,
                "CN=Partitions," + CONFIG, "CN=Schema," + CONFIG)) {
            d.put(dn, "fSMORoleOwner", fsmoOwner);
        }
        return d;
    }

    static CheckContext context(Directory d) {
        ConnectionProfile p = new ConnectionProfile("lab", "sbs2003.contoso.local", "10.99.0.10", "contoso.local",
                "CONTOSO", "Administrator", ConnectionProfile.LdapSecurity.LDAPS, "newdc.contoso.local", "10.99.0.11",
                TargetVersion.byId("essentials-2016"), null);
        return new CheckContext() {
            @Override
            public ConnectionProfile profile() {
                return p;
            }

            @Override
            public Directory directory() {
                return d;
            }

            @Override
            public NameLookup dns() {
                throw new UnsupportedOperationException();
            }

            @Override
            public FileShares shares() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant now() {
                return Instant.parse("2026-11-24T12:00:00Z");
            }

            @Override
            public String taskState(String taskId) {
                return "not-started";
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
    }

    @Test
    void fiveRoleHoldersAreReadAndResolvedToServerNames() throws Exception {
        List<FsmoRoles.Role> roles = FsmoRoles.read(lab(true, SRC_NTDS));
        assertEquals(List.of("schema master", "domain naming master", "PDC emulator", "RID master",
                "infrastructure master"), roles.stream().map(FsmoRoles.Role::name).toList());
        roles.forEach(r -> assertEquals("SBS2003.contoso.local", r.holder(), r.name()));
    }

    @Test
    void checksBeforeJoinAfterJoinAndAfterTheTransfer() throws Exception {
        CheckContext before = context(lab(false, SRC_NTDS));
        // nothing to judge before the destination is promoted: skipped, which does not satisfy a gate
        assertEquals(CheckStatus.SKIPPED, new DestinationIsDcCheck().run(before).status());
        assertEquals(CheckStatus.SKIPPED, new DestinationGlobalCatalogCheck().run(before).status());
        assertEquals(CheckStatus.SKIPPED, new DestinationFsmoCheck().run(before).status());
        assertEquals(CheckStatus.SKIPPED, new ReplicationHealthyCheck().run(before).status());
        CheckContext joined = context(lab(true, SRC_NTDS));
        assertEquals(CheckStatus.PASS, new DestinationIsDcCheck().run(joined).status());
        assertEquals(CheckStatus.PASS, new DestinationGlobalCatalogCheck().run(joined).status());
        assertEquals(CheckStatus.PASS, new ReplicationHealthyCheck().run(joined).status());
        CheckResult fsmo = new DestinationFsmoCheck().run(joined);
        assertEquals(CheckStatus.FAIL, fsmo.status());
        assertTrue(fsmo.message().startsWith("5 of 5 roles are not on"), fsmo.message());
        assertEquals(5, fsmo.evidence().size());
        CheckResult moved = new DestinationFsmoCheck().run(context(lab(true, DST_NTDS)));
        assertEquals(CheckStatus.PASS, moved.status(), moved.message());
        assertTrue(moved.evidence().subList(0, 5).stream().allMatch(e -> e.endsWith("NEWDC.contoso.local")),
                moved.evidence().toString());
        // this directory gives no replication metadata: the evidence says the transfer time is the run's
        assertTrue(moved.evidence().get(5).contains("no replication metadata for every role (0 of 5)"),
                moved.evidence().toString());
        assertEquals("install.replica-transfer-fsmo", new DestinationFsmoCheck().taskId().orElseThrow());
    }

    @Test
    void theScriptHoldsPromotionTransfersAndChecksWithExplanations() {
        String s = ReplicaScript.generate("contoso.local", "sbs2003.contoso.local", "newdc.contoso.local", "CONTOSO",
                "Administrator");
        assertTrue(s.contains("Install-ADDSDomainController -DomainName 'contoso.local'"));
        assertTrue(s.contains("-ReplicationSourceDC 'sbs2003.contoso.local'"));
        assertTrue(s.contains("'CONTOSO\\Administrator'"));
        assertTrue(s.contains("\"connect to server newdc\""));
        for (String role : ReplicaScript.NTDSUTIL_ROLES) {
            assertTrue(s.contains("\"transfer " + role + "\""), role);
        }
        assertEquals(2, s.split("netdom query fsmo\r\n", -1).length - 1);
        assertTrue(s.lines().filter(l -> l.startsWith("#")).count() > 15, "explained");
        assertTrue(s.replace("\r\n", "").indexOf('\n') < 0, "CRLF only");
        assertThrows(IllegalArgumentException.class, () -> ReplicaScript.generate("contoso.local", "x'; rm", "d",
                "C", "a"));
    }

    @Test
    void theTransferTimeIsReadFromTheReplicationMetadataOfFsmoRoleOwner() {
        // two fragments as Windows and Samba return them, one value each, whitespace as they indent it
        String owner = "<DS_REPL_ATTR_META_DATA>\n\t<pszAttributeName>fSMORoleOwner</pszAttributeName>\n"
                + "\t<dwVersion>2</dwVersion>\n\t<ftimeLastOriginatingChange>2026-11-20T09:15:02Z"
                + "</ftimeLastOriginatingChange>\n\t<uuidLastOriginatingDsaInvocationID>"
                + "5c2b8c4e-8d7a-4d38-9d1a-1f0e6a5b2c11</uuidLastOriginatingDsaInvocationID>\n"
                + "\t<usnOriginatingChange>4101</usnOriginatingChange>\n</DS_REPL_ATTR_META_DATA>\n";
        String other = owner.replace("fSMORoleOwner", "whenChanged").replace("2026-11-20T09:15:02Z",
                "2026-11-30T10:00:00Z");
        assertEquals(Instant.parse("2026-11-20T09:15:02Z"), FsmoRoles.lastChange(List.of(other, owner),
                "fSMORoleOwner"));
        assertEquals(Instant.parse("2026-11-20T09:15:02Z"), FsmoRoles.lastChange(List.of(other + owner),
                "fsmoroleowner"), "several fragments in one value, any case");
        assertEquals(null, FsmoRoles.lastChange(List.of(other), "fSMORoleOwner"), "absent");
        assertEquals(null, FsmoRoles.lastChange(List.of(owner.replace("2026-11-20T09:15:02Z",
                "1601-01-01T00:00:00Z")), "fSMORoleOwner"), "never (FILETIME 0)");
        assertEquals(null, FsmoRoles.lastChange(List.of(owner.replace("2026-11-20T09:15:02Z", "yesterday")),
                "fSMORoleOwner"), "does not parse");
        assertEquals(null, FsmoRoles.lastChange(List.of(), "fSMORoleOwner"), "the server does not answer it");
    }

    @Test
    void theTransferTimeIsReadFromReplPropertyMetaDataAsSambaAndWindowsGiveIt() {
        // the start of a real value from the lab's Samba: version 1, 36 entries; objectClass first
        byte[] lab = java.util.Base64.getDecoder().decode("AQAAAAAAAAAkAAAAAAAAAAAAAAABAAAACOUeIQMAAAAhg/apHp/0TrTBhK49nLwNCgAAAAAAAAAKAAAAAAAAAA==");
        assertEquals(null, FsmoRoles.lastChange(lab, FsmoRoles.FSMO_ROLE_OWNER_ATTID),
                "the count says 36 entries but the blob holds 1: refused, not read past its end");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + 2 * 48).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(0).putInt(2).putInt(0);
        Instant objectClass = Instant.parse("2026-11-01T08:00:00Z");
        Instant transfer = Instant.parse("2026-11-20T09:15:02Z");
        b.putInt(0).putInt(1).putLong(objectClass.getEpochSecond() + 11_644_473_600L).put(new byte[32]);
        b.putInt(FsmoRoles.FSMO_ROLE_OWNER_ATTID).putInt(3).putLong(transfer.getEpochSecond() + 11_644_473_600L)
                .put(new byte[32]);
        assertEquals(transfer, FsmoRoles.lastChange(b.array(), FsmoRoles.FSMO_ROLE_OWNER_ATTID));
        assertEquals(objectClass, FsmoRoles.lastChange(b.array(), 0));
        assertEquals(null, FsmoRoles.lastChange(b.array(), 0x00090172), "an attribute it does not hold");
        b.putInt(0, 2);
        assertEquals(null, FsmoRoles.lastChange(b.array(), FsmoRoles.FSMO_ROLE_OWNER_ATTID), "another version");
        assertEquals(null, FsmoRoles.lastChange(new byte[3], FsmoRoles.FSMO_ROLE_OWNER_ATTID), "too short");
    }
}
