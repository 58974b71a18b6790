package org.migrationconsole.connect.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.Directory;

/**
 * The checks' view of the source directory: a pool of connections, one per concurrent caller, so
 * that a slow or stalled answer holds only the check that asked for it (a server such as Samba or
 * Windows answers the requests of one connection one after the other). A call that gets no answer
 * within the call timeout is retried once on a fresh connection; the stuck connection is dropped.
 * A call that stalls twice fails naming the call, the server and how long it waited.
 */
public final class DirectoryPool implements Directory, AutoCloseable {

    /** Opens one more bound connection (the same address and credentials as the first). */
    @FunctionalInterface
    public interface Opener {
        LdapDirectory open() throws ConnectionException;
    }

    @FunctionalInterface
    private interface Op<T> {
        T run(LdapDirectory d) throws Exception;
    }

    private final Opener opener;
    private final long callTimeoutMillis;
    private final Deque<LdapDirectory> idle = new ArrayDeque<>();
    private final List<LdapDirectory> all = new ArrayList<>();
    private final String endpoint;
    private volatile Entry rootDse;
    private boolean closed;
    private int opened;

    public DirectoryPool(LdapDirectory first, Opener opener, long callTimeoutMillis) {
        this.opener = opener;
        this.callTimeoutMillis = callTimeoutMillis;
        this.endpoint = first.endpoint();
        idle.add(first);
        all.add(first);
        opened = 1;
    }

    /** How many connections were opened in all (the first included). */
    public synchronized int opened() {
        return opened;
    }

    private synchronized LdapDirectory idleOne() {
        if (closed) {
            throw new IllegalStateException("the check run is over; its connections are closed");
        }
        while (!idle.isEmpty()) {
            LdapDirectory d = idle.pop();
            if (d.isConnected()) {
                return d;
            }
            all.remove(d);
        }
        return null;
    }

    /**
     * A refusal (wrong password, unknown name) comes back at once; a connection that took at least
     * this long to fail ran into the connect-and-bind bound of a server that stalls, and is tried
     * once more, like a stalled call.
     */
    static final long STALLED_CONNECT_MS = 3_000;

    private LdapDirectory borrow() throws ConnectionException {
        LdapDirectory d = idleOne();
        if (d != null) {
            return d;
        }
        long t0 = System.nanoTime();
        try {
            return fresh();
        } catch (ConnectionException e) {
            long waited = System.nanoTime() - t0;
            if (Thread.currentThread().isInterrupted()
                    || waited < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(STALLED_CONNECT_MS)) {
                throw e;
            }
            long t1 = System.nanoTime();
            LdapDirectory again = fresh();
            ServerCalls.stalled("LDAP connection to " + endpoint + ": no answer for " + ServerCalls.seconds(waited)
                    + " while connecting and signing in; a fresh connection answered after "
                    + ServerCalls.seconds(System.nanoTime() - t1));
            return again;
        }
    }

    private LdapDirectory fresh() throws ConnectionException {
        LdapDirectory d = opener.open();
        synchronized (this) {
            opened++;
            if (closed) {
                d.close();
                throw new IllegalStateException("the check run is over; its connections are closed");
            }
            all.add(d);
        }
        return d;
    }

    private synchronized void release(LdapDirectory d) {
        if (closed || !d.isConnected()) {
            all.remove(d);
            d.close();
        } else {
            idle.push(d);
        }
    }

    private synchronized void drop(LdapDirectory d) {
        all.remove(d);
        idle.remove(d);
        d.close();
    }

    private static boolean stalled(LDAPException e) {
        ResultCode rc = e.getResultCode();
        return rc == ResultCode.TIMEOUT || rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR;
    }

    private <T> T call(String what, Op<T> op) throws Exception {
        String label = "LDAP " + what + " at " + endpoint;
        return ServerCalls.track(label, () -> {
            LdapDirectory d = borrow();
            long t0 = System.nanoTime();
            try {
                T r = op.run(d);
                release(d);
                return r;
            } catch (LDAPException e) {
                if (Thread.currentThread().isInterrupted() || !stalled(e)) {
                    if (d.isConnected() && !Thread.currentThread().isInterrupted()) {
                        release(d);
                    } else {
                        drop(d);
                    }
                    throw e;
                }
                drop(d);
                long waited = System.nanoTime() - t0;
                String first = label + ": no answer for " + ServerCalls.seconds(waited) + " ("
                        + e.getResultCode().getName() + ")";
                LdapDirectory again;
                long t1 = System.nanoTime();
                try {
                    again = fresh();
                } catch (ConnectionException ce) {
                    throw new java.io.IOException(first + "; a fresh connection failed too: " + ce.getMessage(), ce);
                }
                try {
                    T r = op.run(again);
                    release(again);
                    ServerCalls.stalled(first + "; retried on a fresh connection, answered after "
                            + ServerCalls.seconds(System.nanoTime() - t1));
                    return r;
                } catch (LDAPException e2) {
                    drop(again);
                    if (!stalled(e2)) {
                        throw e2;
                    }
                    throw new java.io.IOException(label + " stalled: no answer within "
                            + ServerCalls.seconds(waited) + ", and again within "
                            + ServerCalls.seconds(System.nanoTime() - t1) + " on a fresh connection", e2);
                }
            }
        });
    }

    @Override
    public Entry rootDse() throws Exception {
        Entry e = rootDse;
        if (e == null) {
            e = call("read of the root DSE", d -> {
                List<Entry> r = d.search("", Scope.BASE, "(objectClass=*)", callTimeoutMillis, "*", "+");
                if (r.isEmpty()) {
                    throw new IllegalStateException("the server returned no root DSE");
                }
                return r.get(0);
            });
            rootDse = e;
        }
        return e;
    }

    @Override
    public String defaultNamingContext() throws Exception {
        return rootDse().first("defaultNamingContext");
    }

    @Override
    public String configurationNamingContext() throws Exception {
        return rootDse().first("configurationNamingContext");
    }

    @Override
    public List<Entry> search(String base, Scope scope, String filter, String... attributes) throws Exception {
        String what = "search of " + (base.isEmpty() ? "the root DSE" : base) + " (" + scope.name().toLowerCase(
                java.util.Locale.ROOT) + ", " + filter + ")";
        return call(what, d -> d.search(base, scope, filter, callTimeoutMillis, attributes));
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (LdapDirectory d : all) {
            d.close();
        }
        all.clear();
        idle.clear();
    }
}
