package org.example.step.companyweb.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactContext;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactFile;
import org.migrationconsole.api.artifact.ArtifactReading;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldKind;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldRule;
import org.migrationconsole.api.field.FieldValues;
import org.osgi.service.component.annotations.Component;

/**
 * The Companyweb inventory worksheet ({@code companyweb-inventory.csv}): the site's address and
 * one row per library or list with its size and where it goes. UTF-8 with a byte-order mark and
 * CRLF, so that Excel on the administrator's desk opens it as it is.
 */
@Component(service = Artifact.class)
public class CompanywebInventoryArtifact implements Artifact {

    static final String FILE = "companyweb-inventory.csv";
    private static final String HEADER = "site;library;size MB;destination";

    private static final List<Field> FIELDS = List.of(
            Field.builder("site").label("Site address").group("Site").required().defaultValue("http://companyweb")
                    .rule(FieldRule.matching("http-url", "must be an http:// or https:// address",
                            "https?://[A-Za-z0-9.-]+(:[0-9]+)?(/\\S*)?"))
                    .help("The Companyweb address as the clients use it.").build(),
            Field.builder("libraries").label("Libraries and lists").group("Content").kind(FieldKind.LINES)
                    .required()
                    .rule(FieldRule.of("library-lines", "each line must read NAME;SIZE-IN-MB;DESTINATION with a"
                            + " whole number as size and a destination of sharepoint-online, file-share or"
                            + " archive", CompanywebInventoryArtifact::linesOk))
                    .help("One line per library or list: NAME;SIZE-IN-MB;DESTINATION, e.g. Shared Documents;1200;"
                            + "file-share").build());

    static boolean linesOk(String text) {
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split(";", -1);
            if (p.length != 3 || p[0].isBlank() || !p[1].strip().matches("[0-9]{1,9}")
                    || !List.of("sharepoint-online", "file-share", "archive").contains(p[2].strip())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String id() {
        return "companyweb.inventory";
    }

    @Override
    public String stepId() {
        return CompanywebInventoryStep.ID;
    }

    @Override
    public String title() {
        return "Companyweb inventory worksheet";
    }

    @Override
    public String description() {
        return "The libraries and lists of the Companyweb site with their sizes and destinations, as a CSV file for"
                + " the migration record.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("companyweb.inventory");
    }

    @Override
    public String fileName() {
        return FILE;
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    public FieldValues prefill(ArtifactContext context) {
        FieldValues v = new FieldValues().put("site", "http://companyweb");
        context.profile().ifPresent(p -> v.put("site", "http://companyweb." + p.domain()));
        return v;
    }

    @Override
    public List<FieldProblem> validate(FieldValues values) {
        return Field.checkAll(FIELDS, values);
    }

    @Override
    public ArtifactReading read(byte[] content) throws ArtifactException {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\n")));
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new ArtifactException("not a Companyweb inventory: the first line must be '" + HEADER + "'");
        }
        String site = "";
        List<String> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            if (l.isBlank()) {
                continue;
            }
            String[] p = l.split(";", -1);
            if (p.length != 4) {
                throw new ArtifactException("line '" + l + "' does not have 4 columns");
            }
            site = p[0];
            rows.add(p[1] + ";" + p[2] + ";" + p[3]);
        }
        return new ArtifactReading(new FieldValues().put("site", site).put("libraries", String.join("\n", rows)),
                "utf-8", List.of());
    }

    @Override
    public List<ArtifactFile> produce(FieldValues values, Optional<byte[]> existing, ArtifactContext context) {
        StringBuilder b = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (String line : values.get("libraries").split("\\R")) {
            if (!line.isBlank()) {
                String[] p = line.split(";", -1);
                b.append(values.get("site")).append(';').append(p[0].strip()).append(';').append(p[1].strip())
                        .append(';').append(p[2].strip()).append("\r\n");
            }
        }
        return List.of(new ArtifactFile(FILE, b.toString().getBytes(StandardCharsets.UTF_8),
                "UTF-8 with BOM, CRLF", false));
    }

    @Override
    public String summary(FieldValues values) {
        return values.get("libraries").lines().filter(l -> !l.isBlank()).count() + " libraries";
    }
}
