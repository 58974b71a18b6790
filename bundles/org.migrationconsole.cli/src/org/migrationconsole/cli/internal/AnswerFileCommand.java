package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec.Encoding;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.KeySpec;
import org.migrationconsole.step.install.internal.answerfile.MigrationKeys;
import org.migrationconsole.step.install.internal.answerfile.Violation;

/**
 * {@code answer-file validate|write|wipe}: the cfg.ini of the migration-mode install (step 2,
 * path A). Kept apart from {@link Cli} because it needs the install step's answer-file package,
 * which is only there when step 2 is installed. The password is never printed or journalled.
 */
final class AnswerFileCommand {

    static final String SUBJECT = "answer-file";
    static final String I = AnswerFileValidator.INITIAL;
    static final String P = AnswerFileValidator.POST;

    private final MigrationStateService state;
    private final PrintStream out;
    private final PrintStream err;

    AnswerFileCommand(MigrationStateService state, PrintStream out, PrintStream err) {
        this.state = state;
        this.out = out;
        this.err = err;
    }

    /** The secure-storage key of the answer file's password for a destination. */
    static String secretKey(String destination) {
        return SecretStore.accountKey(SUBJECT, destination);
    }

    int run(List<String> args, Map<String, String> options, boolean json, boolean acceptEula,
            boolean unverifiedKeys) {
        String action = args.size() >= 2 ? args.get(1) : "";
        return switch (action) {
            case "validate" -> args.size() == 3 ? validate(Path.of(args.get(2)), json)
                    : usage("answer-file validate needs one FILE");
            case "write" -> args.size() == 2 ? write(options, acceptEula, unverifiedKeys)
                    : usage("answer-file write takes only options (--out DIR is required)");
            case "wipe" -> args.size() == 3 ? wipe(Path.of(args.get(2))) : usage("answer-file wipe needs one DIR");
            default -> usage("answer-file takes validate FILE, write --out DIR or wipe DIR");
        };
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.print(Cli.USAGE_TEXT);
        return Cli.USAGE;
    }

    // ------------------------------------------------------------------ validate

    private int validate(Path file, boolean json) {
        if (!Files.isRegularFile(file)) {
            err.println("error: " + file + " does not exist or is not a file");
            return Cli.USAGE;
        }
        AnswerFileCodec.Decoded d;
        try {
            d = AnswerFileCodec.read(file);
        } catch (AnswerFileException e) {
            err.println("error: " + file + ": " + e.getMessage());
            return Cli.USAGE;
        }
        KeyCatalog catalog = KeyCatalog.load();
        List<Violation> violations = new AnswerFileValidator(catalog).validate(d.file());
        boolean rightName = file.getFileName().toString().equals(AnswerFileCodec.FILE_NAME);
        List<String> unknown = d.file().lines().stream().filter(l -> l.kind() == AnswerFile.Kind.ENTRY)
                .filter(l -> catalog.key(l.section(), l.key()).isEmpty()).map(l -> l.section() + "/" + l.key())
                .toList();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("file", file.toString());
            o.addProperty("encoding", d.encoding().id());
            o.addProperty("nameOk", rightName);
            o.addProperty("valid", violations.isEmpty());
            JsonArray va = new JsonArray();
            for (Violation v : violations) {
                JsonObject x = new JsonObject();
                x.addProperty("section", v.section());
                x.addProperty("key", v.key());
                x.addProperty("rule", v.rule().id());
                x.addProperty("message", v.message());
                va.add(x);
            }
            o.add("violations", va);
            JsonArray ua = new JsonArray();
            unknown.forEach(ua::add);
            o.add("unknownKeys", ua);
            out.println(Cli.pretty(o));
        } else {
            out.println(file + " (" + d.encoding().id() + "): " + (violations.isEmpty() ? "valid"
                    : violations.size() + " rule violation(s)"));
            for (Violation v : violations) {
                out.printf("  %-28s %-20s %s%n", v.section() + "/" + v.key(), v.rule().id(), v.message());
            }
            for (String u : unknown) {
                out.println("  note: " + u + " is not a key this console knows; it is kept as it is");
            }
        }
        if (!rightName) {
            err.println("warning: Setup looks only for a file named exactly " + AnswerFileCodec.FILE_NAME + ", not "
                    + file.getFileName());
        }
        return violations.isEmpty() ? Cli.OK : Cli.REFUSED;
    }

    // ------------------------------------------------------------------ write

    private int write(Map<String, String> options, boolean acceptEula, boolean unverifiedKeys) {
        if (!options.containsKey("--out")) {
            return usage("answer-file write needs --out DIR (e.g. the root of the USB drive)");
        }
        Encoding encoding;
        try {
            encoding = Encoding.byId(options.getOrDefault("--encoding", "unicode"));
        } catch (AnswerFileException e) {
            return usage(e.getMessage());
        }
        Path dir = Path.of(options.get("--out"));
        if (!Files.isDirectory(dir)) {
            err.println("error: --out " + dir + " is not a folder");
            return Cli.USAGE;
        }
        if (state.workspace().readOnly()) {
            err.println("refused: " + state.workspace().readOnlyReason());
            return Cli.REFUSED;
        }
        Path profileFile = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (!Files.exists(profileFile)) {
            err.println("error: this workspace has no profile yet (" + profileFile + "); use 'profile import FILE'");
            return Cli.USAGE;
        }
        ConnectionProfile profile;
        try {
            profile = ProfileFile.read(profileFile);
        } catch (ConnectionException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        }
        Map<String, String> inputs = state.steps().stream().filter(s -> s.id().equals("install"))
                .map(StepStatus::inputs).findFirst().orElse(Map.of());
        String destination = firstNonEmpty(inputs.get("destination-name"), label(profile.destinationHost()));
        if (destination == null) {
            err.println("error: the destination server has no name yet: fill in step 2's 'Destination server name'"
                    + " or the profile's destination host");
            return Cli.USAGE;
        }
        Path target = dir.resolve(AnswerFileCodec.FILE_NAME);
        AnswerFile file;
        try {
            file = Files.exists(target) ? AnswerFileCodec.read(target).file() : new AnswerFile();
        } catch (AnswerFileException e) {
            err.println("error: the existing " + target + " cannot be read: " + e.getMessage());
            return Cli.USAGE;
        }
        if (file.lines().isEmpty()) {
            file = AnswerFile.parse("; cfg.ini for the Windows Server Essentials migration-mode install, written by"
                    + " Migration Console.\n; It holds an administrator password in plain text: wipe it after"
                    + " Setup has finished.\n");
        }
        if (acceptEula) {
            file.set(I, "AcceptEula", "true");
        }
        file.set(I, "ServerName", destination);
        file.set(I, "NetbiosName", profile.netbiosDomain());
        file.set(I, "DNSName", profile.domain());
        file.set(I, "UserName", options.getOrDefault("--user", profile.adminAccount()));
        String address = firstNonEmpty(inputs.get("destination-address"), profile.destinationAddress());
        if (address != null) {
            file.set(P, "StaticIPv4Address", address);
        }
        MigrationKeys.Outcome migration = MigrationKeys.apply(file, KeyCatalog.load(), unverifiedKeys,
                MigrationKeys.values(label(profile.sourceHost()), profile.sourceAddress(), profile.adminAccount()));

        char[] password = null;
        byte[] bytes = null;
        try {
            if (options.containsKey("--password-file")) {
                password = PasswordFile.read(Path.of(options.get("--password-file")));
            } else {
                Optional<char[]> stored = SecretStore.open(SecretStore.defaultFolder()).get(secretKey(destination));
                if (stored.isEmpty()) {
                    err.println("error: no password for the answer file: secure storage has none under '"
                            + secretKey(destination) + "'; give --password-file FILE");
                    return Cli.USAGE;
                }
                password = stored.get();
            }
            file.set(I, "PlainTextPassword", new String(password));
            List<Violation> violations = new AnswerFileValidator(KeyCatalog.load()).validate(file);
            if (!violations.isEmpty()) {
                err.println("refused: the answer file would break " + violations.size() + " rule(s); nothing was"
                        + " written:");
                for (Violation v : violations) {
                    err.printf("  %-28s %-20s %s%n", v.section() + "/" + v.key(), v.rule().id(), v.message());
                }
                if (violations.stream().anyMatch(v -> v.key().equals("AcceptEula"))) {
                    err.println("  (give --accept-eula to accept the Windows Server Essentials licence terms)");
                }
                return Cli.REFUSED;
            }
            Path written = AnswerFileCodec.write(file, encoding, dir);
            long keys = file.lines().stream().filter(l -> l.kind() == AnswerFile.Kind.ENTRY).count();
            state.recordEvent(SUBJECT, "cfg.ini written to " + written.toAbsolutePath() + " (" + encoding.id() + ", " + keys
                    + " keys, server " + destination + "); it holds a plain-text password until it is wiped");
            out.println("Wrote " + written + " (" + encoding.id() + ", CRLF, " + keys + " keys).");
            err.println("WARNING: " + written + " holds the administrator password in PLAIN TEXT. Keep the drive"
                    + " locked away, and once Setup has finished run: answer-file wipe " + dir);
            if (!migration.leftOut().isEmpty()) {
                err.println("note: not written: " + String.join(", ", migration.leftOut()) + ". No published"
                        + " document names these keys and Setup may reject or misread them; give --unverified-keys"
                        + " to write them");
            }
            for (KeySpec k : KeyCatalog.load().keys()) {
                if (k.unverified() && file.get(k.section(), k.key()).isPresent()) {
                    err.println("note: " + k.key() + " is unverified: no published document names it; check it"
                            + " against your Setup media");
                }
            }
            return Cli.OK;
        } catch (ConnectionException | IOException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (AnswerFileException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (MigrationRuleException e) {
            err.println("refused: " + e.getMessage());
            return Cli.REFUSED;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            file.remove(I, "PlainTextPassword");
        }
    }

    // ------------------------------------------------------------------ path B script

    int fsmoScript(Map<String, String> options) {
        if (!options.containsKey("--out")) {
            return usage("fsmo-script needs --out DIR");
        }
        Path dir = Path.of(options.get("--out"));
        if (!Files.isDirectory(dir)) {
            err.println("error: --out " + dir + " is not a folder");
            return Cli.USAGE;
        }
        Path profileFile = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        try {
            if (!Files.exists(profileFile)) {
                err.println("error: this workspace has no profile yet (" + profileFile + "); use 'profile import FILE'");
                return Cli.USAGE;
            }
            ConnectionProfile p = ProfileFile.read(profileFile);
            Map<String, String> inputs = state.steps().stream().filter(s -> s.id().equals("install"))
                    .map(StepStatus::inputs).findFirst().orElse(Map.of());
            String dest = firstNonEmpty(inputs.get("destination-name"), p.destinationHost());
            if (dest == null) {
                err.println("error: the destination server has no name yet: fill in step 2's 'Destination server"
                        + " name' or the profile's destination.host");
                return Cli.USAGE;
            }
            String script = org.migrationconsole.step.install.internal.replica.ReplicaScript.generate(p.domain(),
                    p.sourceHost(), dest, p.netbiosDomain(), p.adminAccount());
            Path target = dir.resolve(org.migrationconsole.step.install.internal.replica.ReplicaScript.FILE_NAME);
            Files.writeString(target, script, java.nio.charset.StandardCharsets.UTF_8);
            if (!state.workspace().readOnly()) {
                state.recordEvent("fsmo-script", "path B script written to " + target.toAbsolutePath()
                        + " (destination " + dest + ")");
            }
            out.println("Wrote " + target + ". Read it, then run it part by part on " + dest + ".");
            if (!"b".equals(state.path())) {
                err.println("note: this workspace follows install path " + state.path().toUpperCase(java.util.Locale.ROOT)
                        + "; the script is for path B ('path b --note REASON')");
            }
            return Cli.OK;
        } catch (ConnectionException | IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (MigrationRuleException e) {
            err.println("refused: " + e.getMessage());
            return Cli.REFUSED;
        }
    }

    // ------------------------------------------------------------------ wipe

    private int wipe(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(AnswerFileCodec.FILE_NAME) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            err.println("error: there is no answer file at " + file);
            return Cli.USAGE;
        }
        if (state.workspace().readOnly()) {
            err.println("refused: " + state.workspace().readOnlyReason());
            return Cli.REFUSED;
        }
        try {
            long size = Files.size(file);
            AnswerFileCodec.wipe(file);
            state.recordEvent(SUBJECT, "cfg.ini at " + file.toAbsolutePath() + " overwritten (" + size + " bytes) and deleted");
            out.println("Overwrote and deleted " + file + ".");
            err.println("note: flash drives and SSDs may keep old copies of blocks; for certainty also format the"
                    + " drive.");
            return Cli.OK;
        } catch (IOException e) {
            err.println("error: cannot wipe " + file + ": " + e.getMessage());
            return Cli.USAGE;
        } catch (MigrationRuleException e) {
            err.println("refused: " + e.getMessage());
            return Cli.REFUSED;
        }
    }

    private static String label(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
