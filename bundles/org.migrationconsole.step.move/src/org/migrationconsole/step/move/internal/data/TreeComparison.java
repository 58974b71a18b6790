package org.migrationconsole.step.move.internal.data;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.connect.shares.ShareSession;
import org.migrationconsole.connect.shares.ShareSession.Entry;

/**
 * Compares a source share with its destination folder, folder by folder (both listings of one folder
 * at a time, never the trees): names (case-insensitive, as Windows), sizes and modification times
 * (2 seconds of tolerance, as robocopy's /FFT), and the SHA-256 of every file or of a seeded sample.
 * Lists what is missing at the destination, what differs and what is extra there.
 */
public final class TreeComparison {

    /** Modification times closer than this are the same (FAT and SMB1 round to 2 seconds). */
    static final long TOLERANCE_MS = 2000;
    /** How many of each kind are listed by path (all are counted). */
    static final int LISTED = 200;

    /** Which files get their SHA-256 compared. */
    public enum Hash {
        NONE, SAMPLE, ALL
    }

    private final ShareSession source;
    private final ShareSession destination;
    private final Hash hash;
    private final int sampleSize;
    private final Random random;
    long compared;
    long missing;
    long different;
    long extra;
    long hashed;
    long bytes;
    final List<String> missingPaths = new ArrayList<>();
    final List<String[]> differentPaths = new ArrayList<>();
    final List<String> extraPaths = new ArrayList<>();
    /** Reservoir of files (relative paths) whose hashes are compared in SAMPLE mode. */
    private final List<String> sample = new ArrayList<>();
    private long seen;

    public TreeComparison(ShareSession source, ShareSession destination, Hash hash, int sampleSize, long seed) {
        this.source = source;
        this.destination = destination;
        this.hash = hash;
        this.sampleSize = sampleSize;
        this.random = new Random(seed);
    }

    private static Map<String, Entry> byName(List<Entry> entries) {
        Map<String, Entry> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Entry e : entries) {
            m.put(e.path().substring(e.path().lastIndexOf('/') + 1), e);
        }
        return m;
    }

    private static String win(String path) {
        return path.replace('/', '\\');
    }

    private void addMissing(String rel) {
        missing++;
        if (missingPaths.size() < LISTED) {
            missingPaths.add(win(rel));
        }
    }

    private void addExtra(String rel) {
        extra++;
        if (extraPaths.size() < LISTED) {
            extraPaths.add(win(rel));
        }
    }

    private void addDifferent(String rel, String why) {
        different++;
        if (differentPaths.size() < LISTED) {
            differentPaths.add(new String[] { win(rel), why });
        }
    }

    /**
     * Compares {@code srcShare} with {@code dstShare}/{@code dstFolder}.
     *
     * @param dstFolder "" or a folder path with '/' separators
     */
    public JsonObject compare(String srcShare, String dstShare, String dstFolder, BooleanSupplier canceled)
            throws Exception {
        String dstBase = dstFolder.isEmpty() ? "" : dstFolder + "/";
        Deque<String> todo = new ArrayDeque<>();
        todo.push("");
        boolean dstRootMissing = false;
        while (!todo.isEmpty() && !canceled.getAsBoolean()) {
            String rel = todo.pop();
            Map<String, Entry> src = byName(source.list(srcShare, rel));
            Map<String, Entry> dst;
            try {
                dst = byName(destination.list(dstShare, dstBase + rel));
            } catch (Exception e) {
                if (!rel.isEmpty()) {
                    throw e;
                }
                dst = Map.of();
                dstRootMissing = true;
            }
            String prefix = rel.isEmpty() ? "" : rel + "/";
            for (Map.Entry<String, Entry> se : src.entrySet()) {
                Entry s = se.getValue();
                Entry d = dst.get(se.getKey());
                String path = prefix + se.getKey();
                if (d == null) {
                    if (s.folder()) {
                        addMissing(path + "/");
                        source.walk(srcShare, path, new ShareSession.Visitor() {
                            @Override
                            public void entry(Entry e) {
                                if (!e.folder()) {
                                    addMissing(e.path());
                                }
                            }

                            @Override
                            public void failed(String p, String reason) {
                                addDifferent(p, "source folder not readable: " + reason);
                            }
                        }, canceled);
                    } else {
                        addMissing(path);
                    }
                    continue;
                }
                if (s.folder() != d.folder()) {
                    addDifferent(path, s.folder() ? "a folder at the source, a file at the destination"
                            : "a file at the source, a folder at the destination");
                    continue;
                }
                if (s.folder()) {
                    todo.push(path);
                    continue;
                }
                compared++;
                bytes += s.size();
                if (s.size() != d.size()) {
                    addDifferent(path, "size " + s.size() + " at the source, " + d.size() + " at the destination");
                } else if (Math.abs(s.modified() - d.modified()) > TOLERANCE_MS) {
                    addDifferent(path, "modified " + java.time.Instant.ofEpochMilli(s.modified()) + " at the source, "
                            + java.time.Instant.ofEpochMilli(d.modified()) + " at the destination");
                } else if (hash == Hash.ALL) {
                    compareHash(srcShare, dstShare, dstBase, path);
                } else if (hash == Hash.SAMPLE) {
                    // reservoir sampling: every matching file has the same chance, in one pass
                    seen++;
                    if (sample.size() < sampleSize) {
                        sample.add(path);
                    } else {
                        long j = (long) (random.nextDouble() * seen);
                        if (j < sampleSize) {
                            sample.set((int) j, path);
                        }
                    }
                }
            }
            for (Map.Entry<String, Entry> de : dst.entrySet()) {
                if (!src.containsKey(de.getKey())) {
                    String path = prefix + de.getKey();
                    addExtra(de.getValue().folder() ? path + "/" : path);
                }
            }
        }
        for (String path : sample) {
            compareHash(srcShare, dstShare, dstBase, path);
        }
        JsonObject o = new JsonObject();
        o.addProperty("source", srcShare);
        o.addProperty("destination", dstShare + (dstFolder.isEmpty() ? "" : "\\" + win(dstFolder)));
        o.addProperty("destinationExists", !dstRootMissing);
        o.addProperty("filesCompared", compared);
        o.addProperty("bytesCompared", bytes);
        o.addProperty("hash", hash.name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("hashed", hashed);
        o.addProperty("missing", missing);
        o.addProperty("different", different);
        o.addProperty("extra", extra);
        o.addProperty("complete", !canceled.getAsBoolean());
        o.addProperty("passed", missing == 0 && different == 0 && !canceled.getAsBoolean());
        JsonArray m = new JsonArray();
        missingPaths.forEach(m::add);
        o.add("missingPaths", m);
        JsonArray d = new JsonArray();
        for (String[] x : differentPaths) {
            JsonObject j = new JsonObject();
            j.addProperty("path", x[0]);
            j.addProperty("reason", x[1]);
            d.add(j);
        }
        o.add("differentPaths", d);
        JsonArray e = new JsonArray();
        extraPaths.forEach(e::add);
        o.add("extraPaths", e);
        return o;
    }

    private void compareHash(String srcShare, String dstShare, String dstBase, String path) throws Exception {
        String a = sha256(source, srcShare, path);
        String b = sha256(destination, dstShare, dstBase + path);
        hashed++;
        if (!a.equals(b)) {
            addDifferent(path, "same size and time, different content (SHA-256 " + a.substring(0, 16) + "… at the"
                    + " source, " + b.substring(0, 16) + "… at the destination)");
        }
    }

    private static String sha256(ShareSession s, String share, String path) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = s.open(share, path)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
