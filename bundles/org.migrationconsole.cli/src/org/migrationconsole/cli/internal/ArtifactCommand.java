package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactReading;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldRule;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.connect.PasswordFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code artifact list|validate|write|wipe}: the files the installed steps generate, served
 * generically from their {@link Artifact} services.
 */
@Command(name = "artifact", description = "the files the installed steps generate (answer file, scripts, ...):"
        + " list them with their fields and rules, check a file, write one from the workspace's profile and inputs,"
        + " wipe one that holds a secret",
        subcommands = { ArtifactCommand.ListArtifacts.class, ArtifactCommand.Validate.class,
                ArtifactCommand.Write.class, ArtifactCommand.Wipe.class })
final class ArtifactCommand extends BaseCommand {

    ArtifactCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        throw usage("artifact takes list, validate ID FILE, write ID --out DIR or wipe ID DIR");
    }

    Artifact artifact(String id, picocli.CommandLine.Model.CommandSpec spec) {
        return env.artifacts().artifact(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                spec.commandLine(), "no installed artifact '" + id + "'; installed: " + String.join(", ",
                        env.artifacts().artifacts().stream().map(Artifact::id).toList())));
    }

    static void printProblems(java.io.PrintStream p, List<FieldProblem> problems) {
        for (FieldProblem x : problems) {
            p.printf("  %-36s %-20s %s%n", x.fieldId(), x.ruleId(), x.message());
        }
    }

    static JsonArray problemsJson(List<FieldProblem> problems) {
        JsonArray a = new JsonArray();
        for (FieldProblem x : problems) {
            JsonObject o = new JsonObject();
            o.addProperty("field", x.fieldId());
            o.addProperty("rule", x.ruleId());
            o.addProperty("message", x.message());
            a.add(o);
        }
        return a;
    }

    @Command(name = "list", description = "the installed artifacts with their fields and rules")
    static final class ListArtifacts implements Callable<Integer> {
        @ParentCommand
        ArtifactCommand parent;
        @Option(names = "--step", paramLabel = "ID", description = "only this step's artifacts")
        String step;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() {
            Env env = parent.env;
            List<Artifact> list = env.artifacts().artifacts().stream()
                    .filter(a -> step == null || a.stepId().equals(step)).toList();
            if (json) {
                JsonArray arr = new JsonArray();
                for (Artifact a : list) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", a.id());
                    o.addProperty("step", a.stepId());
                    o.addProperty("title", a.title());
                    o.addProperty("file", a.fileName());
                    o.addProperty("secret", a.holdsSecret());
                    o.addProperty("task", a.taskId().orElse(null));
                    JsonArray fa = new JsonArray();
                    for (Field f : a.fields()) {
                        JsonObject fo = new JsonObject();
                        fo.addProperty("id", f.id());
                        fo.addProperty("label", f.label());
                        fo.addProperty("kind", f.kind().id());
                        fo.addProperty("group", f.group());
                        fo.addProperty("required", f.required());
                        fo.addProperty("unverified", f.unverified());
                        JsonArray ra = new JsonArray();
                        for (FieldRule r : f.rules()) {
                            JsonObject ro = new JsonObject();
                            ro.addProperty("id", r.id());
                            ro.addProperty("description", r.description());
                            ra.add(ro);
                        }
                        fo.add("rules", ra);
                        if (!f.choices().isEmpty()) {
                            JsonArray ca = new JsonArray();
                            f.choices().forEach(ca::add);
                            fo.add("choices", ca);
                        }
                        fa.add(fo);
                    }
                    o.add("fields", fa);
                    arr.add(o);
                }
                env.out().println(Json.pretty(arr));
                return Cli.OK;
            }
            if (list.isEmpty()) {
                env.out().println("No installed step generates files" + (step == null ? "." : " in step " + step
                        + "."));
            }
            for (Artifact a : list) {
                env.out().printf("%-28s %-10s %-24s %s%s%n", a.id(), a.stepId(), a.fileName(), a.title(),
                        a.holdsSecret() ? "  [holds a secret]" : "");
            }
            return Cli.OK;
        }
    }

    @Command(name = "validate", description = "check a file (or the artifact's file in a folder) against the"
            + " artifact's rules; exit 1 lists each broken rule as field, rule id and sentence (never the value)")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        ArtifactCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the artifact, e.g. install.answer-file")
        String id;
        @Parameters(index = "1", paramLabel = "FILE", description = "the file, or a folder holding it")
        Path file;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() {
            Env env = parent.env;
            Artifact a = parent.artifact(id, spec);
            ArtifactReading r;
            try {
                r = env.artifacts().read(a, file);
            } catch (IOException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (ArtifactException e) {
                env.err().println("error: " + file + ": " + e.getMessage());
                return Cli.USAGE;
            }
            List<FieldProblem> problems = a.validate(r.values());
            r.values().clearSecrets(a.fields());
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("artifact", a.id());
                o.addProperty("file", file.toString());
                o.addProperty("encoding", r.encoding());
                o.addProperty("valid", problems.isEmpty());
                o.add("problems", problemsJson(problems));
                JsonArray na = new JsonArray();
                r.notes().forEach(na::add);
                o.add("notes", na);
                env.out().println(Json.pretty(o));
            } else {
                env.out().println(file + " (" + a.id() + ", " + r.encoding() + "): " + (problems.isEmpty() ? "valid"
                        : problems.size() + " rule violation(s)"));
                printProblems(env.out(), problems);
                r.notes().forEach(n -> env.out().println("  note: " + n));
            }
            return problems.isEmpty() ? Cli.OK : Cli.REFUSED;
        }
    }

    @Command(name = "write", description = "write the artifact's files into DIR from the workspace's profile and"
            + " the steps' inputs (and what a file already there holds), with --set overrides; a secret comes from"
            + " --secret-file or secure storage; refuses (exit 1) when a rule breaks")
    static final class Write implements Callable<Integer> {
        @ParentCommand
        ArtifactCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the artifact")
        String id;
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the folder to write to")
        Path out;
        @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "a field's value (not for secrets)")
        Map<String, String> set = new java.util.LinkedHashMap<>();
        @Option(names = "--secret-file", paramLabel = "FILE", description = "the secret field's value (first line;"
                + " only its owner may read the file)")
        Path secretFile;

        @Override
        public Integer call() {
            Env env = parent.env;
            Artifact a = parent.artifact(id, spec);
            for (String f : set.keySet()) {
                Optional<Field> field = a.fields().stream().filter(x -> x.id().equals(f)).findFirst();
                if (field.isEmpty()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--set: " + a.id()
                            + " has no field '" + f + "'");
                }
                if (field.get().secret()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--set: " + f + " is a"
                            + " secret; give it with --secret-file FILE, never on the command line");
                }
            }
            if (!Files.isDirectory(out)) {
                env.err().println("error: --out " + out + " is not a folder");
                return Cli.USAGE;
            }
            ArtifactService service = env.artifacts();
            FieldValues values = new FieldValues();
            char[] secret = null;
            try {
                Path existing = out.resolve(a.fileName());
                if (Files.isRegularFile(existing)) {
                    values.putAll(service.read(a, existing).values());
                }
                values.putAll(service.prefill(a));
                set.forEach(values::put);
                Optional<Field> secretField = a.fields().stream().filter(Field::secret).findFirst();
                if (secretFile != null) {
                    if (secretField.isEmpty()) {
                        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--secret-file: "
                                + a.id() + " has no secret field");
                    }
                    secret = PasswordFile.read(secretFile);
                    values.put(secretField.get().id(), new String(secret));
                }
                ArtifactService.Written w = service.write(a, values, out, Optional.empty());
                for (Path p : w.files()) {
                    env.out().println("Wrote " + p + ".");
                }
                if (w.secret()) {
                    env.err().println("WARNING: " + a.secretWarning() + " Wipe it with: artifact wipe " + a.id() + " "
                            + out);
                }
                return Cli.OK;
            } catch (ArtifactException e) {
                if (e.problems().isEmpty()) {
                    env.err().println("error: " + e.getMessage());
                    return Cli.USAGE;
                }
                env.err().println("refused: " + e.getMessage() + ":");
                printProblems(env.err(), e.problems());
                return Cli.REFUSED;
            } catch (ConnectionException | IOException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return Cli.REFUSED;
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
                values.clearSecrets(a.fields());
            }
        }
    }

    @Command(name = "wipe", description = "overwrite the artifact's file in DIR (or the FILE) with random bytes,"
            + " delete it and journal it")
    static final class Wipe implements Callable<Integer> {
        @ParentCommand
        ArtifactCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ID", description = "the artifact")
        String id;
        @Parameters(index = "1", paramLabel = "DIR|FILE", description = "the folder holding the file, or the file")
        Path where;

        @Override
        public Integer call() {
            Env env = parent.env;
            Artifact a = parent.artifact(id, spec);
            try {
                ArtifactService.Wiped w = env.artifacts().wipe(a, where);
                env.out().println("Overwrote and deleted " + w.file() + " (" + w.bytes() + " bytes).");
                env.err().println("note: flash drives and SSDs may keep old copies of blocks; for certainty also"
                        + " format the drive.");
                return Cli.OK;
            } catch (IOException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return Cli.REFUSED;
            }
        }
    }

    static List<String> ids(List<Artifact> list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.id()));
        return out;
    }
}
