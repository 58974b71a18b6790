package org.migrationconsole.step.move.internal.artifacts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactContext;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactFile;
import org.migrationconsole.api.artifact.ArtifactReading;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldKind;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldRule;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.step.move.internal.data.DataCommands;
import org.migrationconsole.step.move.internal.data.DataStore;
import org.migrationconsole.step.move.internal.data.RobocopyScripts;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Step 4's robocopy scripts ({@code move.robocopy-scripts}): {@code robocopy-all.cmd} and one
 * {@code robocopy-<share>.cmd} per share of the data plan ({@code data plan --map}), to be run on the
 * destination, which keeps the NTFS permissions.
 */
@Component(service = Artifact.class)
public class RobocopyScriptsArtifact implements Artifact {

    public static final String ID = "move.robocopy-scripts";
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?)*";
    private static final FieldRule HOST_NAME = FieldRule.matching("host-name",
            "must be a host or domain name: dot-separated labels of letters, digits and hyphens", HOST);

    private static final List<Field> FIELDS = List.of(
            Field.builder("source").label("Source server").group("Servers").required().rule(HOST_NAME)
                    .help("The SBS 2003 server (the profile's source.host).").build(),
            Field.builder("destination").label("Destination server").group("Servers").required().rule(HOST_NAME)
                    .help("The new server (the profile's destination.host); the scripts run there.").build(),
            Field.builder("mappings").label("Shares").group("Copy").kind(FieldKind.LINES).required()
                    .rule(FieldRule.of("mapping", "each line must be SOURCE-SHARE=DESTINATION-SHARE or"
                            + " SOURCE-SHARE=DESTINATION-SHARE\\folder (see data plan --map)",
                            RobocopyScriptsArtifact::mappingsOk))
                    .help("One line per share: SOURCE=DESTINATION, from the data plan (data plan --map).").build(),
            Field.builder("threads").label("Files copied at once (/MT)").group("Copy").required().defaultValue("8")
                    .rule(FieldRule.matching("threads", "must be a whole number from 1 to 128",
                            "([1-9]|[1-9][0-9]|1[01][0-9]|12[0-8])"))
                    .help("robocopy /MT:n; 8 is robocopy's own default.").build());

    @Reference
    private MigrationStateService state;

    static boolean mappingsOk(String v) {
        try {
            return !parse(v).isEmpty();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Map<String, String> parse(String v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : v.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + line + "' is not SOURCE=DESTINATION");
            }
            String src = line.substring(0, eq).trim();
            String dest = line.substring(eq + 1).trim();
            Optional<String> bad = DataCommands.badDestination(dest);
            if (bad.isPresent() || src.isEmpty() || src.contains("\\") || src.contains("/")) {
                throw new IllegalArgumentException("'" + line + "' : " + bad.orElse("bad source share"));
            }
            out.put(src, dest.replace('/', '\\'));
        }
        return out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String stepId() {
        return "move";
    }

    @Override
    public String title() {
        return "robocopy scripts";
    }

    @Override
    public String description() {
        return "One .cmd per share of the data plan and robocopy-all.cmd, every switch explained. Run them on the"
                + " destination as a domain administrator: robocopy there keeps the NTFS permissions.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("move.copy-data");
    }

    @Override
    public String fileName() {
        return RobocopyScripts.RUN_ALL;
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    public FieldValues prefill(ArtifactContext context) throws ArtifactException {
        FieldValues v = new FieldValues();
        v.put("threads", "8");
        Optional<ConnectionProfile> p = context.profile();
        p.ifPresent(x -> {
            v.put("source", x.sourceHost());
            v.put("destination", x.destinationHost());
        });
        try {
            Map<String, String> plan = new DataStore(state.workspace().directory()).plan();
            List<String> lines = new ArrayList<>();
            plan.forEach((s, d) -> lines.add(s + "=" + d));
            v.put("mappings", String.join("\n", lines));
        } catch (IOException e) {
            throw new ArtifactException("cannot read the data plan: " + e.getMessage(), e);
        }
        return v;
    }

    @Override
    public List<FieldProblem> validate(FieldValues values) {
        return Field.checkAll(FIELDS, values);
    }

    @Override
    public ArtifactReading read(byte[] content) {
        return new ArtifactReading(new FieldValues(), "utf-8", List.of("a generated script: its values are not read"
                + " back; write it again from the data plan instead"));
    }

    @Override
    public List<ArtifactFile> produce(FieldValues v, Optional<byte[]> existing, ArtifactContext context)
            throws ArtifactException {
        try {
            Map<String, byte[]> files = RobocopyScripts.produce(v.get("source"), v.get("destination"),
                    parse(v.get("mappings")), Integer.parseInt(v.get("threads")));
            List<ArtifactFile> out = new ArrayList<>();
            files.forEach((name, bytes) -> out.add(new ArtifactFile(name, bytes, "UTF-8 (chcp 65001), CRLF", false)));
            return out;
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    @Override
    public String summary(FieldValues values) {
        return "shares " + String.join(", ", parse(values.get("mappings")).keySet()) + " to " + values.get(
                "destination");
    }
}
