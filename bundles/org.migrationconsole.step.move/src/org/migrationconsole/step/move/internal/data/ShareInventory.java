package org.migrationconsole.step.move.internal.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.connect.shares.ShareSession;
import org.migrationconsole.connect.shares.ShareSession.Ace;
import org.migrationconsole.connect.shares.ShareSession.Entry;

/**
 * The inventory of one share, counted while the tree streams past (a {@link ShareSession.Visitor}):
 * only counters, the longest path and the N largest files are kept, never the tree.
 */
public final class ShareInventory implements ShareSession.Visitor {

    /** Windows' classic path limit (MAX_PATH 260 with its terminating NUL: 259 characters). */
    public static final int MAX_PATH = 260;
    /** How many of a kind (long paths, folders that could not be read) are listed by name. */
    static final int LISTED = 20;

    private final String share;
    private final int top;
    /** The N largest so far; on equal sizes the path as Windows shows it decides (the smaller stays). */
    private final PriorityQueue<Entry> largest = new PriorityQueue<>(Comparator.comparingLong(Entry::size)
            .thenComparing(e -> windows(e.path()), Comparator.reverseOrder()));
    long files;
    long folders;
    long bytes;
    long zeroByte;
    long hidden;
    long readOnly;
    long system;
    long nonAscii;
    long over260;
    long newest = Long.MIN_VALUE;
    long oldest = Long.MAX_VALUE;
    String longestPath = "";
    final List<String> longPaths = new ArrayList<>();
    final List<String[]> failures = new ArrayList<>();

    public ShareInventory(String share, int top) {
        this.share = share;
        this.top = top;
    }

    /** The path as Windows shows it below the share (backslashes). */
    static String windows(String path) {
        return path.replace('/', '\\');
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e || s.charAt(i) < 0x20) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void entry(Entry e) {
        String name = e.path().substring(e.path().lastIndexOf('/') + 1);
        if (!isAscii(name)) {
            nonAscii++;
        }
        if ((e.attributes() & ShareSession.HIDDEN) != 0) {
            hidden++;
        }
        if ((e.attributes() & ShareSession.SYSTEM) != 0) {
            system++;
        }
        if (e.path().length() > longestPath.length()) {
            longestPath = e.path();
        }
        if (e.path().length() > MAX_PATH) {
            over260++;
            if (longPaths.size() < LISTED) {
                longPaths.add(windows(e.path()));
            }
        }
        if (e.folder()) {
            folders++;
            return;
        }
        files++;
        bytes += e.size();
        if (e.size() == 0) {
            zeroByte++;
        }
        if ((e.attributes() & ShareSession.READ_ONLY) != 0) {
            readOnly++;
        }
        if (e.modified() > 0) {
            newest = Math.max(newest, e.modified());
            oldest = Math.min(oldest, e.modified());
        }
        largest.add(e);
        if (largest.size() > top) {
            largest.poll();
        }
    }

    @Override
    public void failed(String path, String reason) {
        if (failures.size() < LISTED) {
            failures.add(new String[] { windows(path), reason });
        }
    }

    /** Walks the share and counts it; the permissions are read after the walk. */
    public static JsonObject take(ShareSession session, String share, int top, BooleanSupplier canceled)
            throws Exception {
        ShareInventory inv = new ShareInventory(share, top);
        long t0 = System.nanoTime();
        session.walk(share, "", inv, canceled);
        JsonObject o = inv.toJson(session.server());
        o.addProperty("complete", !canceled.getAsBoolean());
        o.addProperty("millis", (System.nanoTime() - t0) / 1_000_000);
        permissions(session, share, o);
        return o;
    }

    JsonObject toJson(String server) {
        JsonObject o = new JsonObject();
        o.addProperty("name", share);
        o.addProperty("unc", "\\\\" + server + "\\" + share);
        o.addProperty("files", files);
        o.addProperty("folders", folders);
        o.addProperty("bytes", bytes);
        o.addProperty("zeroByteFiles", zeroByte);
        o.addProperty("hidden", hidden);
        o.addProperty("system", system);
        o.addProperty("readOnlyFiles", readOnly);
        o.addProperty("nonAsciiNames", nonAscii);
        JsonObject lp = new JsonObject();
        lp.addProperty("length", longestPath.length());
        lp.addProperty("path", windows(longestPath));
        o.add("longestPath", lp);
        o.addProperty("pathsOver260", over260);
        JsonArray l = new JsonArray();
        longPaths.forEach(l::add);
        o.add("longPaths", l);
        if (files > 0) {
            o.addProperty("oldestModified", Instant.ofEpochMilli(oldest).toString());
            o.addProperty("newestModified", Instant.ofEpochMilli(newest).toString());
        }
        List<Entry> big = new ArrayList<>(largest);
        big.sort(Comparator.comparingLong(Entry::size).reversed().thenComparing(e -> windows(e.path())));
        JsonArray la = new JsonArray();
        for (Entry e : big) {
            JsonObject x = new JsonObject();
            x.addProperty("path", windows(e.path()));
            x.addProperty("bytes", e.size());
            la.add(x);
        }
        o.add("largest", la);
        JsonArray fa = new JsonArray();
        for (String[] f : failures) {
            JsonObject x = new JsonObject();
            x.addProperty("path", f[0]);
            x.addProperty("reason", f[1]);
            fa.add(x);
        }
        o.add("unreadable", fa);
        return o;
    }

    /** The share ACL and the top folder's NTFS ACL, SIDs named from the directory. */
    static void permissions(ShareSession session, String share, JsonObject o) {
        List<Ace> shareAcl = null;
        ShareSession.Security top = null;
        try {
            shareAcl = session.shareAcl(share);
        } catch (Exception e) {
            o.addProperty("shareAclError", String.valueOf(e.getMessage()));
        }
        try {
            top = session.security(share, "");
        } catch (Exception e) {
            o.addProperty("folderAclError", String.valueOf(e.getMessage()));
        }
        Set<String> sids = new LinkedHashSet<>();
        if (shareAcl != null) {
            shareAcl.forEach(a -> sids.add(a.sid()));
        }
        if (top != null) {
            sids.add(top.ownerSid());
            top.aces().forEach(a -> sids.add(a.sid()));
        }
        Map<String, String> names = session.accountNames(sids);
        if (shareAcl != null) {
            JsonArray a = new JsonArray();
            for (Ace ace : shareAcl) {
                JsonObject x = ace(ace, names);
                x.addProperty("rights", Rights.share(ace.mask()));
                a.add(x);
            }
            o.add("shareAcl", a);
        }
        if (top != null) {
            JsonObject t = new JsonObject();
            t.addProperty("ownerSid", top.ownerSid());
            t.addProperty("owner", names.getOrDefault(top.ownerSid(), top.ownerSid()));
            JsonArray a = new JsonArray();
            for (Ace ace : top.aces()) {
                JsonObject x = ace(ace, names);
                x.addProperty("rights", Rights.ntfs(ace.mask()));
                x.addProperty("appliesTo", Rights.appliesTo(ace.flags()));
                x.addProperty("inherited", (ace.flags() & 0x10) != 0);
                a.add(x);
            }
            t.add("aces", a);
            o.add("topFolderAcl", t);
        }
    }

    private static JsonObject ace(Ace ace, Map<String, String> names) {
        JsonObject x = new JsonObject();
        x.addProperty("account", names.getOrDefault(ace.sid(), ace.sid()));
        x.addProperty("sid", ace.sid());
        x.addProperty("type", ace.allow() ? "allow" : "deny");
        x.addProperty("mask", String.format("0x%08X", ace.mask()));
        return x;
    }
}
