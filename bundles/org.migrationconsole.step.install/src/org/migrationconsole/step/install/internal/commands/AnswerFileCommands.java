package org.migrationconsole.step.install.internal.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.KeySpec;
import org.migrationconsole.step.install.internal.answerfile.Violation;
import org.migrationconsole.step.install.internal.artifacts.AnswerFileArtifact;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code answer-file validate|write|wipe}: step 2's own commands for its answer file, kept from
 * before the generic {@code artifact} commands (which serve the same file as
 * {@code install.answer-file}). Writing and wiping go through the shell's artifact service.
 */
@Component(service = CommandContribution.class)
public class AnswerFileCommands implements CommandContribution {

    @Override
    public String name() {
        return "answer-file";
    }

    @Override
    public String stepId() {
        return "install";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Root(env);
    }

    static Artifact artifact(CommandEnvironment env) {
        return env.artifacts().artifact(AnswerFileArtifact.ID).orElseThrow(() -> new IllegalStateException(
                "the answer-file artifact of step 2 is not registered"));
    }

    @Command(name = "answer-file", description = "The cfg.ini of the migration-mode install (step 2, path A).",
            subcommands = { Validate.class, Write.class, Wipe.class })
    static final class Root implements Callable<Integer> {
        final CommandEnvironment env;
        @Spec
        CommandSpec spec;

        Root(CommandEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "answer-file takes validate FILE, write --out DIR or"
                    + " wipe DIR");
        }
    }

    @Command(name = "validate", description = "Check a cfg.ini: encoding (Unicode or ANSI, never UTF-8) and every"
            + " key's rule; exit 1 lists key, rule id and reason (never the value).")
    static final class Validate implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        Root root;
        @Parameters(paramLabel = "FILE", description = "the cfg.ini")
        Path file;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() {
            PrintStream out = root.env.out();
            PrintStream err = root.env.err();
            if (!Files.isRegularFile(file)) {
                err.println("error: FILE '" + file + "' does not exist or is not a file");
                return ExitCodes.USAGE;
            }
            AnswerFileCodec.Decoded d;
            try {
                d = AnswerFileCodec.read(file);
            } catch (AnswerFileException e) {
                err.println("error: " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
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
                out.println(root.env.prettyJson(o));
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
                err.println("warning: Setup looks only for a file named exactly " + AnswerFileCodec.FILE_NAME
                        + ", not " + file.getFileName());
            }
            return violations.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }

    @Command(name = "write", description = "Write DIR/cfg.ini for the migration-mode install from the profile and"
            + " step 2's inputs, keeping the unknown keys and comments of a cfg.ini already there. The password comes"
            + " from the file or from secure storage (answer-file@DESTINATION).")
    static final class Write implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        Root root;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "the folder, e.g. the root of the USB drive")
        Path out;
        @Option(names = "--encoding", paramLabel = "unicode|ansi", defaultValue = "unicode",
                description = "Unicode (UTF-16LE with BOM, the default) or ANSI (windows-1252)")
        String encoding;
        @Option(names = "--accept-eula", description = "accept the Windows Server Essentials licence terms")
        boolean acceptEula;
        @Option(names = "--user", paramLabel = "NAME", description = "the administrator account (default: the"
                + " profile's)")
        String user;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the password (first line; only its"
                + " owner may read the file)")
        Path passwordFile;
        @Option(names = "--unverified-keys", description = "also write the migration-only keys no published"
                + " document names (SourceServerName, SourceServerIPv4Address, SourceDomainAdminName, MigrationMode);"
                + " Setup may reject or misread them")
        boolean unverifiedKeys;

        @Override
        public Integer call() {
            CommandEnvironment env = root.env;
            PrintStream err = env.err();
            if (out == null) {
                throw new ParameterException(spec.commandLine(), "answer-file write needs --out DIR (e.g. the root"
                        + " of the USB drive)");
            }
            try {
                org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec.Encoding.byId(encoding);
            } catch (AnswerFileException e) {
                throw new ParameterException(spec.commandLine(), "--encoding: " + e.getMessage());
            }
            if (!Files.isDirectory(out)) {
                err.println("error: --out " + out + " is not a folder");
                return ExitCodes.USAGE;
            }
            if (env.state().workspace().readOnly()) {
                err.println("refused: " + env.state().workspace().readOnlyReason());
                return ExitCodes.REFUSED;
            }
            try {
                if (env.workspaceProfile().isEmpty()) {
                    err.println("error: this workspace has no profile yet ("
                            + env.state().workspace().directory().resolve("profile.properties")
                            + "); use 'profile import FILE'");
                    return ExitCodes.USAGE;
                }
            } catch (ConnectionException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Artifact a = artifact(env);
            ArtifactService artifacts = env.artifacts();
            FieldValues values = new FieldValues();
            char[] password = null;
            try {
                Path target = out.resolve(a.fileName());
                if (Files.isRegularFile(target)) {
                    try {
                        values.putAll(artifacts.read(a, target).values());
                    } catch (ArtifactException e) {
                        err.println("error: the existing " + target + " cannot be read: " + e.getMessage());
                        return ExitCodes.USAGE;
                    }
                }
                FieldValues prefilled = artifacts.prefill(a);
                String server = prefilled.get("InitialConfiguration/ServerName");
                if (server.isEmpty()) {
                    err.println("error: the destination server has no name yet: fill in step 2's 'Destination server"
                            + " name' or the profile's destination host");
                    return ExitCodes.USAGE;
                }
                values.putAll(prefilled);
                AnswerFileArtifact answerFile = a instanceof AnswerFileArtifact x ? x : new AnswerFileArtifact();
                // the opt-in migration keys: written on request; a value already in the file stays
                List<String> leftOut = answerFile.putMigrationKeys(values, env.workspaceProfile(), unverifiedKeys)
                        .leftOut().stream().filter(k -> !values.has(AnswerFileValidator.INITIAL + "/" + k)).toList();
                values.put(AnswerFileArtifact.ENCODING, encoding);
                if (acceptEula) {
                    values.put("InitialConfiguration/AcceptEula", "true");
                }
                if (user != null && user.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                    err.println("error: --user: UserName cannot hold a line break or another control character;"
                            + " nothing was written");
                    return ExitCodes.USAGE;
                }
                if (user != null) {
                    values.put("InitialConfiguration/UserName", user);
                }
                if (passwordFile != null) {
                    password = env.readPasswordFile(passwordFile);
                    values.put("InitialConfiguration/PlainTextPassword", new String(password));
                } else if (!prefilled.has("InitialConfiguration/PlainTextPassword")) {
                    err.println("error: no password for the answer file: secure storage has none under '"
                            + a.secretKey(values).orElse("answer-file@" + server) + "'; give --password-file FILE");
                    return ExitCodes.USAGE;
                }
                ArtifactService.Written w = artifacts.write(a, values, out, Optional.empty());
                Path written = w.files().get(0);
                long keys = KeyCatalog.load().keys().stream().filter(k -> values.has(k.section() + "/" + k.key()))
                        .count();
                env.out().println("Wrote " + out.resolve(a.fileName()) + " (" + encoding + ", CRLF, " + keys
                        + " keys).");
                err.println("WARNING: " + written + " holds the administrator password in PLAIN TEXT. Keep the drive"
                        + " locked away, and once Setup has finished run: answer-file wipe " + out);
                if (!leftOut.isEmpty()) {
                    err.println("note: not written: " + String.join(", ", leftOut) + ". No published document names"
                            + " these keys and Setup may reject or misread them; give --unverified-keys to write them");
                }
                for (KeySpec k : KeyCatalog.load().keys()) {
                    if (k.unverified() && values.has(k.section() + "/" + k.key())) {
                        err.println("note: " + k.key() + " is unverified: no published document names it; check it"
                                + " against your Setup media");
                    }
                }
                return ExitCodes.OK;
            } catch (ArtifactException e) {
                if (e.problems().isEmpty()) {
                    err.println("error: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
                err.println("refused: the answer file would break " + e.problems().size() + " rule(s); nothing was"
                        + " written:");
                for (FieldProblem p : e.problems()) {
                    err.printf("  %-28s %-20s %s%n", p.fieldId(), p.ruleId(), p.message());
                }
                if (e.problems().stream().anyMatch(p -> p.fieldId().endsWith("/AcceptEula"))) {
                    err.println("  (give --accept-eula to accept the Windows Server Essentials licence terms)");
                }
                return ExitCodes.REFUSED;
            } catch (ConnectionException | IOException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (MigrationRuleException e) {
                err.println("refused: " + e.getMessage());
                return ExitCodes.REFUSED;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
                values.clearSecrets(a.fields());
            }
        }
    }

    @Command(name = "wipe", description = "Overwrite DIR/cfg.ini (it holds a plain-text password) with random bytes"
            + " and delete it.")
    static final class Wipe implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        Root root;
        @Parameters(paramLabel = "DIR", description = "the folder holding cfg.ini, or the file")
        Path dir;

        @Override
        public Integer call() {
            CommandEnvironment env = root.env;
            Artifact a = artifact(env);
            Path file = Files.isDirectory(dir) ? dir.resolve(a.fileName()) : dir;
            if (!Files.isRegularFile(file)) {
                env.err().println("error: DIR: there is no answer file at '" + file + "'");
                return ExitCodes.USAGE;
            }
            try {
                env.artifacts().wipe(a, file);
                env.out().println("Overwrote and deleted " + file + ".");
                env.err().println("note: flash drives and SSDs may keep old copies of blocks; for certainty also"
                        + " format the drive.");
                return ExitCodes.OK;
            } catch (IOException e) {
                env.err().println("error: cannot wipe " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }
}
