package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.NameLookup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** DNS queries sent to one server (the source DC) with dnsjava, without caching. */
public final class DnsNameLookup implements NameLookup {

    private final String server;
    private final SimpleResolver resolver;

    public DnsNameLookup(String serverAddress, Duration timeout) throws Exception {
        this.server = serverAddress;
        this.resolver = new SimpleResolver(InetAddress.getByName(serverAddress));
        this.resolver.setTimeout(timeout);
    }

    /**
     * One query, answered from the response's answer section. Not through {@code Lookup}: with
     * dnsjava 3.6 it keeps one record of a multi-record answer (and a null search path throws).
     */
    private Record[] query(String name, int type) throws TextParseException {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
        } catch (IOException e) {
            throw new IllegalStateException("DNS query for " + name + " at " + server + " failed: " + e.getMessage(),
                    e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Record[0];
        }
        if (rcode != Rcode.NOERROR) {
            throw new IllegalStateException("DNS query for " + name + " at " + server + " failed: "
                    + Rcode.string(rcode));
        }
        return response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toArray(Record[]::new);
    }

    @Override
    public List<String> addresses(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (Record r : query(absolute(name), Type.A)) {
            if (r instanceof ARecord a) {
                out.add(a.getAddress().getHostAddress());
            }
        }
        return out;
    }

    @Override
    public List<String> services(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (Record r : query(absolute(name), Type.SRV)) {
            if (r instanceof SRVRecord s) {
                out.add(s.getPriority() + " " + s.getWeight() + " " + s.getPort() + " " + s.getTarget());
            }
        }
        return out;
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    @Override
    public String server() {
        return server;
    }
}
