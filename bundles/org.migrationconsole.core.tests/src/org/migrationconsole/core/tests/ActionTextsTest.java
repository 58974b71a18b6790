package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.migrationconsole.actions.ad.DnsRecords;
import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.actions.ad.GptTmplEdit;
import org.migrationconsole.actions.ad.GptTmplEdit.Text;
import org.migrationconsole.actions.internal.PlanCodec;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.ManualItem;

/** The pure parts of the actions: template edits in each encoding, gPLink, dnsRecord, the plan's JSON. */
class ActionTextsTest {

    private static final String TEMPLATE = "[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n"
            + "SeBatchLogonRight = *S-1-5-32-568,*S-1-5-32-551\r\nSeServiceLogonRight = *S-1-5-20\r\n"
            + "SeTcbPrivilege = \r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n";

    private static byte[] utf16(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @Test
    void utf16TemplateKeepsBomCrlfAndEveryOtherLine() {
        byte[] file = utf16(TEMPLATE);
        Text t = Text.decode(file);
        assertEquals(StandardCharsets.UTF_16LE, t.charset());
        assertEquals("\r\n", t.newline());
        String removed = GptTmplEdit.removeKey(t.text(), "Privilege Rights", "SeServiceLogonRight");
        assertEquals(TEMPLATE.replace("SeServiceLogonRight = *S-1-5-20\r\n", ""), removed);
        byte[] out = t.encode(removed);
        assertArrayEquals(utf16(removed), out, "BOM and UTF-16LE kept");
        String added = GptTmplEdit.addListValue(t.text(), "Privilege Rights", "SeBatchLogonRight", "*S-1-5-32-544",
                t.newline());
        assertEquals(TEMPLATE.replace("*S-1-5-32-551\r\n", "*S-1-5-32-551,*S-1-5-32-544\r\n"), added);
        assertEquals(added, GptTmplEdit.addListValue(added, "Privilege Rights", "SeBatchLogonRight", "*s-1-5-32-544",
                t.newline()), "no second copy (SIDs compare without case)");
        String missing = GptTmplEdit.removeKey(t.text(), "Privilege Rights", "SeBatchLogonRight");
        String created = GptTmplEdit.addListValue(missing, "Privilege Rights", "SeBatchLogonRight", "*S-1-5-32-544",
                "\r\n");
        assertTrue(created.contains("SeTcbPrivilege = \r\nSeBatchLogonRight = *S-1-5-32-544\r\n[Version]"),
                created);
        assertEquals(TEMPLATE, GptTmplEdit.removeKey(TEMPLATE, "Privilege Rights", "SeNoSuchRight"));
    }

    @Test
    void utf8AndAnsiTemplatesStayInTheirEncoding() {
        String lf = TEMPLATE.replace("\r\n", "\n") + "; caf\u00e9\n";
        Text u = Text.decode(lf.getBytes(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, u.charset());
        assertEquals("\n", u.newline());
        String edited = GptTmplEdit.removeKey(u.text(), "Privilege Rights", "SeServiceLogonRight");
        assertArrayEquals(edited.getBytes(StandardCharsets.UTF_8), u.encode(edited));
        assertFalse(edited.contains("\r"));
        Charset ansi = Charset.forName("windows-1252");
        Text a = Text.decode(TEMPLATE.concat("; caf\u00e9\r\n").getBytes(ansi));
        assertEquals(ansi, a.charset());
        assertEquals(0, a.bom().length);
        String e2 = GptTmplEdit.removeKey(a.text(), "Privilege Rights", "SeServiceLogonRight");
        assertArrayEquals(e2.getBytes(ansi), a.encode(e2));
    }

    @Test
    void machineVersionIsTheLowHalf() {
        assertEquals(65537, GptTmplEdit.nextMachineVersion(65536));
        assertEquals(1, GptTmplEdit.nextMachineVersion(0));
        assertEquals("[General]\r\nVersion=65538\r\ndisplayName=X\r\n", GptTmplEdit.raiseMachineVersion(
                "[General]\r\nVersion=65537\r\ndisplayName=X\r\n", 65538));
    }

    @Test
    void gpLinkKeepsOrderAndOptions() {
        List<GpoPlans.Link> l = GpoPlans.links("[LDAP://cn={A},cn=policies,cn=system,DC=x;0][LDAP://CN={B},CN=Policies,"
                + "CN=System,DC=x;2][LDAP://cn={C},cn=policies,cn=system,DC=x;1]");
        assertEquals(3, l.size());
        assertEquals("2", l.get(1).options());
        assertEquals("CN={B},CN=Policies,CN=System,DC=x", l.get(1).dn());
        String[] p = GpoPlans.sysvolPath("\\\\contoso.local\\SysVol\\contoso.local\\Policies\\{B}");
        assertEquals("SYSVOL", p[0]);
        assertEquals("contoso.local/Policies/{B}", p[1]);
    }

    private static byte[] record(int type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(24 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) data.length).putShort((short) type).put((byte) 5).put((byte) 240).putShort((short) 0)
                .putInt(1);
        b.order(ByteOrder.BIG_ENDIAN).putInt(900).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0);
        b.put(data);
        return b.array();
    }

    private static byte[] countName(String name) {
        String[] labels = name.split("\\.");
        ByteBuffer b = ByteBuffer.allocate(256);
        b.put((byte) 0).put((byte) labels.length);
        for (String l : labels) {
            b.put((byte) l.length()).put(l.getBytes(StandardCharsets.US_ASCII));
        }
        b.put((byte) 0);
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        out[0] = (byte) (out.length - 2);
        return out;
    }

    @Test
    void dnsRecordsDecodeAsMsDnspWritesThem() {
        DnsRecords.Record a = DnsRecords.decode(record(DnsRecords.A, new byte[] {10, 99, 0, 10}));
        assertEquals("A", a.typeName());
        assertEquals("10.99.0.10", a.target());
        assertEquals(900, a.ttl());
        DnsRecords.Record ns = DnsRecords.decode(record(DnsRecords.NS, countName("SBS2003.contoso.local")));
        assertEquals("sbs2003.contoso.local", ns.target());
        byte[] name = countName("sbs2003.contoso.local");
        byte[] srv = new byte[6 + name.length];
        srv[1] = 0;
        srv[3] = 100;
        srv[4] = 1;
        srv[5] = (byte) 133;
        System.arraycopy(name, 0, srv, 6, name.length);
        DnsRecords.Record s = DnsRecords.decode(record(DnsRecords.SRV, srv));
        assertEquals("0 100 389 sbs2003.contoso.local", s.data());
    }

    @Test
    void planJsonRoundTrip() {
        DirectoryChange via = new DirectoryChange("", DirectoryChange.Operation.MODIFY, "DC=sbs2003,DC=x", List.of(
                new AttributeChange("dnsRecord", AttributeChange.Operation.DELETE_VALUES, List.of("AAEC", "AwQF"), List
                        .of("AAEC"), true)), "77", "node");
        ActionPlan plan = new ActionPlan("x.y", Instant.parse("2026-12-01T10:00:00Z"), Map.of("a", "b"), List.of(
                new DirectoryChange("1", DirectoryChange.Operation.MODIFY, "CN=U,DC=x", List.of(AttributeChange
                        .replace("scriptPath", List.of("s.bat"), List.of())), "12", "u"),
                new FileChange("2", FileChange.Operation.REPLACE, "source", "SYSVOL", "a/b.inf", "ab", new byte[] {1,
                        2, 3}, ""),
                new DnsRecordChange("3", DnsRecordChange.Operation.DELETE, "x", "sbs2003", "A", "10.0.0.1", via),
                new ManualItem("4", "by hand")), List.of("n"));
        ActionPlan back = PlanCodec.fromJson(PlanCodec.toJson(plan));
        assertEquals(PlanCodec.toJson(plan), PlanCodec.toJson(back));
        assertEquals(4, back.changes().size());
        assertArrayEquals(new byte[] {1, 2, 3}, ((FileChange) back.changes().get(1)).newContent());
        assertEquals("77", ((DnsRecordChange) back.changes().get(2)).via().expectedUsnChanged());
    }
}
