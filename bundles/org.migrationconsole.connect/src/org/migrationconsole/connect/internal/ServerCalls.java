package org.migrationconsole.connect.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each check thread is waiting for on a server right now, and the stalls it met: the runner
 * names the call that held a check that timed out, and adds the stalls (retried on a fresh
 * connection) to the check's evidence.
 */
public final class ServerCalls {

    private record InFlight(String what, long startNanos) {
    }

    private static final Map<Thread, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();
    private static final ThreadLocal<List<String>> STALLS = ThreadLocal.withInitial(ArrayList::new);

    private ServerCalls() {
    }

    /** A call to a server. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws Exception;
    }

    /** Runs a call and remembers it as this thread's call in flight while it runs. */
    public static <T> T track(String what, Call<T> call) throws Exception {
        Thread t = Thread.currentThread();
        InFlight outer = IN_FLIGHT.get(t);
        IN_FLIGHT.put(t, new InFlight(what, System.nanoTime()));
        try {
            return call.run();
        } finally {
            if (outer == null) {
                IN_FLIGHT.remove(t);
            } else {
                IN_FLIGHT.put(t, outer);
            }
        }
    }

    /** "LDAP search ... at host:389, waiting 7.2 s" for a thread's call in flight, or null. */
    public static String inFlight(Thread t) {
        InFlight f = IN_FLIGHT.get(t);
        return f == null ? null : f.what() + ", waiting " + seconds(System.nanoTime() - f.startNanos());
    }

    /** Notes a stall on this thread. */
    public static void stalled(String text) {
        STALLS.get().add(text);
    }

    /** Starts collecting this thread's stalls (for one check). */
    public static void begin() {
        STALLS.get().clear();
    }

    /** The stalls noted since {@link #begin()}. */
    public static List<String> end() {
        List<String> out = List.copyOf(STALLS.get());
        STALLS.get().clear();
        IN_FLIGHT.remove(Thread.currentThread());
        return out;
    }

    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
