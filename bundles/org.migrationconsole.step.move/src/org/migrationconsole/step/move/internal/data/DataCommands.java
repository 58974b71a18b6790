package org.migrationconsole.step.move.internal.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.shares.ShareBrowser;
import org.migrationconsole.connect.shares.ShareSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code data inventory|plan}: step 4's commands for the shared data. The inventory walks every
 * share of the source that holds user data over SMB and keeps the result in the workspace
 * ({@code data/inventory.json}); the plan maps each source share to a destination share or folder
 * ({@code data/plan.json}) and refuses, with the numbers, a destination that lacks the space.
 */
@Component(service = CommandContribution.class)
public class DataCommands implements CommandContribution {

    @Reference
    private ShareBrowser browser;

    @Override
    public String name() {
        return "data";
    }

    @Override
    public String stepId() {
        return "move";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Root(env, browser);
    }

    /** "7.9 MiB" (binary units, one decimal). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Command(name = "data", description = "Step 4's shared data: inventory of the source's shares and the plan"
            + " of where each goes.", subcommands = { Inventory.class, Plan.class, Verify.class })
    static final class Root implements Callable<Integer> {
        final CommandEnvironment env;
        final ShareBrowser browser;
        @Spec
        CommandSpec spec;

        Root(CommandEnvironment env, ShareBrowser browser) {
            this.env = env;
            this.browser = browser;
        }

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "data takes inventory, plan or verify");
        }

        DataStore store() {
            return new DataStore(env.state().workspace().directory());
        }
    }

    /** Options every subcommand that connects shares. */
    static class Connection {
        @Option(names = "--profile", paramLabel = "FILE", description = "the connection profile (default: the"
                + " workspace's)")
        Path profile;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the administrator's password (a file"
                + " only its owner can read); otherwise the first line of standard input")
        Path passwordFile;

        ConnectionProfile profile(CommandEnvironment env) throws ConnectionException {
            if (profile != null) {
                return ProfileFile.read(profile);
            }
            return env.workspaceProfile().orElseThrow(() -> new ConnectionException(
                    ConnectionException.Kind.BAD_PROFILE, "no profile: give --profile FILE or import one into the"
                            + " workspace (profile import FILE)"));
        }

        char[] password(CommandEnvironment env) throws Exception {
            return passwordFile != null ? env.readPasswordFile(passwordFile) : PasswordFile.readStdin(env.in());
        }
    }

    @Command(name = "inventory", description = "Walk every share of the source that holds user data (not ADMIN$, C$,"
            + " IPC$, NETLOGON, SYSVOL, print$, printers): size, files, folders, longest path, largest files, share"
            + " and top-folder permissions. Kept in the workspace (data/inventory.json).")
    static final class Inventory extends Connection implements Callable<Integer> {
        @ParentCommand
        Root root;
        @Option(names = "--share", paramLabel = "NAME", description = "only this share (repeatable)")
        List<String> only = new ArrayList<>();
        @Option(names = "--top", paramLabel = "N", description = "how many of the largest files to list per share"
                + " (default 10)")
        int top = 10;
        @Option(names = "--json", description = "print the inventory as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            PrintStream err = env.err();
            if (top < 1 || top > 1000) {
                err.println("error: --top must be between 1 and 1000, not " + top);
                return ExitCodes.USAGE;
            }
            ConnectionProfile profile;
            char[] password;
            try {
                profile = profile(env);
                password = password(env);
            } catch (ConnectionException | java.io.IOException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            JsonObject doc = new JsonObject();
            try (ShareSession s = root.browser.open(profile, password, ShareBrowser.Server.SOURCE)) {
                doc.addProperty("server", s.server());
                doc.addProperty("takenAt", Instant.now().toString());
                JsonArray shares = new JsonArray();
                JsonArray excluded = new JsonArray();
                JsonArray unreadable = new JsonArray();
                List<String> seen = new ArrayList<>();
                for (ShareSession.Share share : s.shares()) {
                    Optional<String> why = ShareSelection.excludedBecause(share);
                    seen.add(share.name());
                    if (why.isPresent()) {
                        JsonObject x = new JsonObject();
                        x.addProperty("name", share.name());
                        x.addProperty("kind", share.kind().name().toLowerCase(Locale.ROOT));
                        x.addProperty("reason", why.get());
                        excluded.add(x);
                        continue;
                    }
                    if (!only.isEmpty() && only.stream().noneMatch(n -> n.equalsIgnoreCase(share.name()))) {
                        continue;
                    }
                    err.println("inventory of \\\\" + s.server() + "\\" + share.name() + " ...");
                    JsonObject inv;
                    try {
                        inv = ShareInventory.take(s, share.name(), top, () -> Thread.currentThread().isInterrupted());
                    } catch (Exception e) {
                        // a share that cannot be read at all is reported, the others are still inventoried
                        err.println("  NOT READ: " + e.getMessage());
                        JsonObject x = new JsonObject();
                        x.addProperty("name", share.name());
                        x.addProperty("unc", "\\\\" + s.server() + "\\" + share.name());
                        x.addProperty("error", String.valueOf(e.getMessage()));
                        unreadable.add(x);
                        continue;
                    }
                    err.println("  " + inv.get("files").getAsLong() + " files, " + inv.get("folders").getAsLong()
                            + " folders, " + size(inv.get("bytes").getAsLong()) + " (" + inv.get("millis").getAsLong()
                            + " ms)");
                    shares.add(inv);
                }
                for (String n : only) {
                    if (seen.stream().noneMatch(n::equalsIgnoreCase)) {
                        err.println("error: --share " + n + ": \\\\" + s.server() + " has no share of that name");
                        return ExitCodes.USAGE;
                    }
                }
                doc.add("shares", shares);
                doc.add("excluded", excluded);
                doc.add("unreadableShares", unreadable);
            } catch (ConnectionException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } finally {
                Arrays.fill(password, '\0');
            }
            root.store().writeInventory(doc);
            long files = 0;
            long bytes = 0;
            for (JsonElement e : doc.getAsJsonArray("shares")) {
                files += e.getAsJsonObject().get("files").getAsLong();
                bytes += e.getAsJsonObject().get("bytes").getAsLong();
            }
            try {
                env.state().recordEvent("data", "inventory of " + doc.get("server").getAsString() + ": "
                        + doc.getAsJsonArray("shares").size() + " shares, " + files + " files, " + bytes + " bytes");
            } catch (Exception e) {
                err.println("warning: the inventory was kept, but not journalled: " + e.getMessage());
            }
            if (json) {
                env.out().println(env.prettyJson(doc));
            } else {
                print(env.out(), doc);
            }
            return ExitCodes.OK;
        }

        static void print(PrintStream out, JsonObject doc) {
            out.println("Shares of \\\\" + doc.get("server").getAsString() + " holding user data:");
            for (JsonElement e : doc.getAsJsonArray("shares")) {
                JsonObject s = e.getAsJsonObject();
                out.printf(Locale.ROOT, "%n%s  %s in %d files, %d folders%n", s.get("unc").getAsString(),
                        size(s.get("bytes").getAsLong()), s.get("files").getAsLong(), s.get("folders").getAsLong());
                JsonObject lp = s.getAsJsonObject("longestPath");
                out.printf(Locale.ROOT, "  longest path: %d characters%s%n", lp.get("length").getAsInt(),
                        s.get("pathsOver260").getAsLong() > 0 ? " (" + s.get("pathsOver260").getAsLong()
                                + " longer than 260: copy with robocopy, which handles them)" : "");
                out.printf(Locale.ROOT, "  empty files %d, read-only %d, hidden %d, non-ASCII names %d%n",
                        s.get("zeroByteFiles").getAsLong(), s.get("readOnlyFiles").getAsLong(),
                        s.get("hidden").getAsLong(), s.get("nonAsciiNames").getAsLong());
                JsonArray big = s.getAsJsonArray("largest");
                for (int i = 0; i < Math.min(3, big.size()); i++) {
                    JsonObject b = big.get(i).getAsJsonObject();
                    out.println("  large: " + b.get("path").getAsString() + " (" + size(b.get("bytes").getAsLong())
                            + ")");
                }
                if (s.has("shareAcl")) {
                    for (JsonElement a : s.getAsJsonArray("shareAcl")) {
                        JsonObject x = a.getAsJsonObject();
                        out.println("  share: " + x.get("account").getAsString() + " " + x.get("type").getAsString()
                                + " " + x.get("rights").getAsString());
                    }
                }
                if (s.has("topFolderAcl")) {
                    JsonObject t = s.getAsJsonObject("topFolderAcl");
                    out.println("  folder owner: " + t.get("owner").getAsString());
                    for (JsonElement a : t.getAsJsonArray("aces")) {
                        JsonObject x = a.getAsJsonObject();
                        out.println("  folder: " + x.get("account").getAsString() + " " + x.get("type").getAsString()
                                + " " + x.get("rights").getAsString() + " (" + x.get("appliesTo").getAsString() + ")");
                    }
                }
                for (JsonElement u : s.getAsJsonArray("unreadable")) {
                    out.println("  NOT READ: " + u.getAsJsonObject().get("path").getAsString() + ": "
                            + u.getAsJsonObject().get("reason").getAsString());
                }
            }
            for (JsonElement e : doc.getAsJsonArray("unreadableShares")) {
                out.println();
                out.println(e.getAsJsonObject().get("unc").getAsString() + "  NOT READ: " + e.getAsJsonObject().get(
                        "error").getAsString());
            }
            out.println();
            out.print("Left out:");
            for (JsonElement e : doc.getAsJsonArray("excluded")) {
                out.print(" " + e.getAsJsonObject().get("name").getAsString());
            }
            out.println();
        }
    }

    /** The characters Windows refuses in a file or folder name. */
    public static Optional<String> badDestination(String dest) {
        if (dest.isBlank()) {
            return Optional.of("is empty; give SHARE or SHARE\\folder");
        }
        String d = dest.replace('/', '\\');
        if (d.startsWith("\\")) {
            return Optional.of("must start with the destination share's name, not a path (e.g. Company or"
                    + " Company\\Old data)");
        }
        for (String part : d.split("\\\\", -1)) {
            if (part.isEmpty()) {
                return Optional.of("has an empty folder name (two backslashes or one at the end)");
            }
            if (part.equals(".") || part.equals("..")) {
                return Optional.of("may not name '.' or '..'");
            }
            for (char c : part.toCharArray()) {
                if (c < 0x20 || "<>:\"|?*".indexOf(c) >= 0) {
                    return Optional.of("holds a character Windows refuses in a name: " + (c < 0x20 ? String.format(
                            "U+%04X", (int) c) : "'" + c + "'"));
                }
            }
            if (part.endsWith(" ") || part.endsWith(".")) {
                return Optional.of("has a name ending in a space or dot, which Windows drops: '" + part + "'");
            }
        }
        return Optional.empty();
    }

    @Command(name = "plan", description = "Where each source share goes: --map SRC=DEST (DEST is a destination share"
            + " or SHARE\\folder), kept in the workspace (data/plan.json). With --password-file the destination's free"
            + " space is read and a plan that does not fit is refused (exit 1) with the numbers.")
    static final class Plan extends Connection implements Callable<Integer> {
        @ParentCommand
        Root root;
        @Option(names = "--map", paramLabel = "SRC=DEST", description = "map a source share (repeatable)")
        List<String> maps = new ArrayList<>();
        @Option(names = "--unmap", paramLabel = "SRC", description = "drop a source share's mapping (repeatable)")
        List<String> unmaps = new ArrayList<>();
        @Option(names = "--json", description = "print the plan as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            PrintStream err = env.err();
            DataStore store = root.store();
            Optional<JsonObject> inventory = store.inventory();
            if (inventory.isEmpty()) {
                err.println("refused: no inventory of the source's shares yet; run 'data inventory' first");
                return ExitCodes.REFUSED;
            }
            Map<String, JsonObject> shares = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (JsonElement e : inventory.get().getAsJsonArray("shares")) {
                shares.put(e.getAsJsonObject().get("name").getAsString(), e.getAsJsonObject());
            }
            Map<String, String> plan = new LinkedHashMap<>(store.plan());
            boolean changed = false;
            for (String m : maps) {
                int eq = m.indexOf('=');
                if (eq <= 0) {
                    err.println("error: --map '" + m + "': give SRC=DEST, e.g. Company=Company");
                    return ExitCodes.USAGE;
                }
                String src = m.substring(0, eq).trim();
                String dest = m.substring(eq + 1).trim();
                JsonObject s = shares.get(src);
                if (s == null) {
                    err.println("error: --map " + src + ": not a share of the inventory (" + String.join(", ",
                            shares.keySet()) + ")");
                    return ExitCodes.USAGE;
                }
                Optional<String> bad = badDestination(dest);
                if (bad.isPresent()) {
                    err.println("error: --map " + src + "=" + dest + ": the destination " + bad.get());
                    return ExitCodes.USAGE;
                }
                plan.keySet().removeIf(k -> k.equalsIgnoreCase(src));
                plan.put(s.get("name").getAsString(), dest.replace('/', '\\'));
                changed = true;
            }
            for (String u : unmaps) {
                if (!plan.keySet().removeIf(k -> k.equalsIgnoreCase(u))) {
                    err.println("error: --unmap " + u + ": that share is not mapped");
                    return ExitCodes.USAGE;
                }
                changed = true;
            }
            if (changed) {
                if (env.state().workspace().readOnly()) {
                    err.println("refused: the workspace is read-only: " + env.state().workspace().readOnlyReason());
                    return ExitCodes.REFUSED;
                }
                store.writePlan(plan);
                env.state().recordEvent("data", "plan: " + plan.entrySet().stream().map(e -> e.getKey() + " -> "
                        + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("(nothing mapped)"));
            }
            // what each destination share receives
            Map<String, Long> need = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, List<String>> who = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> e : plan.entrySet()) {
                String destShare = e.getValue().split("\\\\")[0];
                JsonObject s = shares.get(e.getKey());
                long b = s == null ? 0 : s.get("bytes").getAsLong();
                need.merge(destShare, b, Long::sum);
                who.computeIfAbsent(destShare, k -> new ArrayList<>()).add(e.getKey() + " " + size(b));
            }
            Map<String, ShareSession.Space> space = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            List<String> missing = new ArrayList<>();
            String destServer = null;
            String spaceNote;
            if (passwordFile == null) {
                spaceNote = "free space not checked: give --password-file to read it on the destination";
            } else {
                ConnectionProfile profile;
                char[] password;
                try {
                    profile = profile(env);
                    password = password(env);
                } catch (ConnectionException | java.io.IOException e) {
                    err.println("error: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                try (ShareSession d = root.browser.open(profile, password, ShareBrowser.Server.DESTINATION)) {
                    destServer = d.server();
                    List<String> names = d.shares().stream().map(ShareSession.Share::name).toList();
                    for (String ds : need.keySet()) {
                        if (names.stream().noneMatch(ds::equalsIgnoreCase)) {
                            missing.add(ds);
                            continue;
                        }
                        d.space(ds).ifPresent(sp -> space.put(ds, sp));
                    }
                    spaceNote = "free space read on \\\\" + destServer;
                } catch (ConnectionException e) {
                    err.println("error: " + e.getMessage());
                    return ExitCodes.USAGE;
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            List<String> refusals = new ArrayList<>();
            for (Map.Entry<String, Long> e : need.entrySet()) {
                ShareSession.Space sp = space.get(e.getKey());
                if (sp != null && sp.free() < e.getValue()) {
                    refusals.add("\\\\" + destServer + "\\" + e.getKey() + " has " + size(sp.free()) + " free ("
                            + sp.free() + " bytes); the shares mapped to it need " + size(e.getValue()) + " ("
                            + e.getValue() + " bytes): " + String.join(", ", who.get(e.getKey())) + "; "
                            + (e.getValue() - sp.free()) + " bytes short");
                }
            }
            for (String m : missing) {
                refusals.add("\\\\" + destServer + " has no share " + m + " (create it, e.g. in the Dashboard's"
                        + " Storage, Server Folders, then plan again)");
            }
            if (json) {
                JsonObject o = new JsonObject();
                JsonArray a = new JsonArray();
                for (String src : shares.keySet()) {
                    JsonObject x = new JsonObject();
                    x.addProperty("source", shares.get(src).get("unc").getAsString());
                    x.addProperty("share", src);
                    x.addProperty("bytes", shares.get(src).get("bytes").getAsLong());
                    String dest = plan.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(src)).map(
                            Map.Entry::getValue).findFirst().orElse(null);
                    x.addProperty("destination", dest);
                    a.add(x);
                }
                o.add("mappings", a);
                JsonArray d = new JsonArray();
                for (Map.Entry<String, Long> e : need.entrySet()) {
                    JsonObject x = new JsonObject();
                    x.addProperty("share", e.getKey());
                    x.addProperty("needBytes", e.getValue());
                    ShareSession.Space sp = space.get(e.getKey());
                    x.addProperty("freeBytes", sp == null ? null : sp.free());
                    x.addProperty("totalBytes", sp == null ? null : sp.total());
                    x.addProperty("exists", destServer == null ? null : !missing.contains(e.getKey()));
                    x.addProperty("fits", sp == null ? null : sp.free() >= e.getValue());
                    d.add(x);
                }
                o.add("destinations", d);
                o.addProperty("destinationServer", destServer);
                JsonArray r = new JsonArray();
                refusals.forEach(r::add);
                o.add("refusals", r);
                env.out().println(env.prettyJson(o));
            } else {
                PrintStream out = env.out();
                for (String src : shares.keySet()) {
                    String dest = plan.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(src)).map(
                            Map.Entry::getValue).findFirst().orElse(null);
                    out.println(shares.get(src).get("unc").getAsString() + " (" + size(shares.get(src).get("bytes")
                            .getAsLong()) + ") -> " + (dest == null ? "(not mapped: data plan --map " + src + "=DEST)"
                                    : "\\\\" + (destServer != null ? destServer : "destination") + "\\" + dest));
                }
                for (Map.Entry<String, Long> e : need.entrySet()) {
                    ShareSession.Space sp = space.get(e.getKey());
                    if (sp != null) {
                        out.println("  " + e.getKey() + ": needs " + size(e.getValue()) + ", " + size(sp.free())
                                + " free of " + size(sp.total()));
                    }
                }
                out.println(spaceNote);
                out.println("Permissions: robocopy run on the destination with /COPY:DATSOU keeps the NTFS"
                        + " permissions; a copy through this machine does not.");
            }
            if (!refusals.isEmpty()) {
                refusals.forEach(r -> err.println("refused: " + r));
                return ExitCodes.REFUSED;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "After the copy (robocopy or another): compare each mapped share with its"
            + " destination, folder by folder: names, sizes, modification times (2 s tolerance) and the SHA-256 of a"
            + " sample (or all, or none) of the files. Lists missing, different and extra files; exit 1 when any file"
            + " is missing or different. Kept in the workspace (data/verify.json) and journalled.")
    static final class Verify extends Connection implements Callable<Integer> {
        @ParentCommand
        Root root;
        @Option(names = "--share", paramLabel = "SRC", description = "only this mapped share (repeatable)")
        List<String> only = new ArrayList<>();
        @Option(names = "--hash", paramLabel = "none|sample|all", description = "which files get their SHA-256"
                + " compared (default sample)")
        String hash = "sample";
        @Option(names = "--sample", paramLabel = "N", description = "files per share in the sample (default 20)")
        int sample = 20;
        @Option(names = "--seed", paramLabel = "S", description = "the sample's seed (default: random, printed)")
        Long seed;
        @Option(names = "--json", description = "print the result as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            CommandEnvironment env = root.env;
            PrintStream err = env.err();
            TreeComparison.Hash mode;
            try {
                mode = TreeComparison.Hash.valueOf(hash.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("error: --hash must be none, sample or all, not '" + hash + "'");
                return ExitCodes.USAGE;
            }
            if (sample < 1 || sample > 1_000_000) {
                err.println("error: --sample must be between 1 and 1000000, not " + sample);
                return ExitCodes.USAGE;
            }
            Map<String, String> plan = root.store().plan();
            if (plan.isEmpty()) {
                err.println("refused: no share is mapped yet; run 'data plan --map SRC=DEST' first");
                return ExitCodes.REFUSED;
            }
            Map<String, String> chosen = new LinkedHashMap<>();
            for (String n : only) {
                String key = plan.keySet().stream().filter(n::equalsIgnoreCase).findFirst().orElse(null);
                if (key == null) {
                    err.println("error: --share " + n + ": not mapped in the data plan (" + String.join(", ", plan
                            .keySet()) + ")");
                    return ExitCodes.USAGE;
                }
                chosen.put(key, plan.get(key));
            }
            if (chosen.isEmpty()) {
                chosen.putAll(plan);
            }
            long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
            if (mode == TreeComparison.Hash.SAMPLE) {
                err.println("sample seed " + s + " (repeat with --seed " + s + ")");
            }
            ConnectionProfile profile;
            char[] password;
            try {
                profile = profile(env);
                password = password(env);
            } catch (ConnectionException | java.io.IOException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            JsonObject doc = new JsonObject();
            JsonArray results = new JsonArray();
            boolean passed = true;
            try (ShareSession src = root.browser.open(profile, password, ShareBrowser.Server.SOURCE);
                    ShareSession dst = root.browser.open(profile, password, ShareBrowser.Server.DESTINATION)) {
                doc.addProperty("source", src.server());
                doc.addProperty("destination", dst.server());
                doc.addProperty("verifiedAt", Instant.now().toString());
                doc.addProperty("seed", s);
                for (Map.Entry<String, String> m : chosen.entrySet()) {
                    String[] parts = m.getValue().split("\\\\", 2);
                    String folder = parts.length > 1 ? parts[1].replace('\\', '/') : "";
                    err.println("verifying \\\\" + src.server() + "\\" + m.getKey() + " against \\\\" + dst.server()
                            + "\\" + m.getValue() + " ...");
                    JsonObject r = new TreeComparison(src, dst, mode, sample, s).compare(m.getKey(), parts[0], folder,
                            () -> Thread.currentThread().isInterrupted());
                    passed &= r.get("passed").getAsBoolean();
                    results.add(r);
                }
            } catch (ConnectionException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } finally {
                Arrays.fill(password, '\0');
            }
            doc.add("shares", results);
            doc.addProperty("passed", passed);
            root.store().writeVerification(doc);
            StringBuilder summary = new StringBuilder();
            for (JsonElement e : results) {
                JsonObject r = e.getAsJsonObject();
                summary.append(summary.length() == 0 ? "" : "; ").append(r.get("source").getAsString()).append(": ")
                        .append(r.get("filesCompared").getAsLong()).append(" compared, ").append(r.get("missing")
                                .getAsLong()).append(" missing, ").append(r.get("different").getAsLong()).append(
                                        " different, ").append(r.get("extra").getAsLong()).append(" extra");
            }
            try {
                env.state().recordEvent("data", "verification " + (passed ? "passed" : "FAILED") + ": " + summary);
            } catch (Exception e) {
                err.println("warning: the result was kept, but not journalled: " + e.getMessage());
            }
            if (json) {
                env.out().println(env.prettyJson(doc));
            } else {
                PrintStream out = env.out();
                for (JsonElement e : results) {
                    JsonObject r = e.getAsJsonObject();
                    out.println(r.get("source").getAsString() + " -> " + r.get("destination").getAsString() + ": "
                            + (r.get("passed").getAsBoolean() ? "same" : "DIFFERENT") + " (" + r.get("filesCompared")
                                    .getAsLong() + " files compared, " + r.get("hashed").getAsLong()
                            + " by SHA-256; " + r.get("missing").getAsLong() + " missing, " + r.get("different")
                                    .getAsLong() + " different, " + r.get("extra").getAsLong() + " extra)");
                    if (!r.get("destinationExists").getAsBoolean()) {
                        out.println("  the destination folder does not exist");
                    }
                    r.getAsJsonArray("missingPaths").forEach(p -> out.println("  missing:   " + p.getAsString()));
                    r.getAsJsonArray("differentPaths").forEach(p -> out.println("  different: " + p
                            .getAsJsonObject().get("path").getAsString() + ": " + p.getAsJsonObject().get("reason")
                                    .getAsString()));
                    r.getAsJsonArray("extraPaths").forEach(p -> out.println("  extra:     " + p.getAsString()));
                }
            }
            return passed ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }
}
