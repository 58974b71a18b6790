package org.migrationconsole.step.install.internal.artifacts;

import java.util.ArrayList;
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
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileCodec.Encoding;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileException;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.KeySpec;
import org.migrationconsole.step.install.internal.answerfile.MigrationKeys;
import org.migrationconsole.step.install.internal.answerfile.Rule;
import org.migrationconsole.step.install.internal.answerfile.Rules;
import org.migrationconsole.step.install.internal.answerfile.Violation;
import org.osgi.service.component.annotations.Component;

/**
 * The answer file (cfg.ini) of the migration-mode install (step 2, path A) as an artifact: one
 * field per key of the key catalog (field id {@code Section/Key}) plus the file's encoding. The
 * one place where the profile and step 2's inputs become cfg.ini values ({@link #prefill}).
 */
@Component(service = Artifact.class)
public class AnswerFileArtifact implements Artifact {

    public static final String ID = "install.answer-file";
    /** The field holding the encoding: unicode (UTF-16LE with BOM) or ansi (windows-1252). */
    public static final String ENCODING = "encoding";
    static final String I = AnswerFileValidator.INITIAL;
    static final String P = AnswerFileValidator.POST;
    static final String HEADER = "; cfg.ini for the Windows Server Essentials migration-mode install, written by"
            + " Migration Console.\n; It holds an administrator password in plain text: wipe it after Setup has"
            + " finished.\n";

    private final KeyCatalog catalog;
    private final List<Field> fields;

    public AnswerFileArtifact() {
        this(KeyCatalog.load());
    }

    public AnswerFileArtifact(KeyCatalog catalog) {
        this.catalog = catalog;
        List<Field> f = new ArrayList<>();
        f.add(Field.builder(ENCODING).label("Encoding").group("File").choices("unicode", "ansi")
                .defaultValue("unicode").required()
                .help("Unicode (UTF-16LE with a byte-order mark) or ANSI (windows-1252); Setup does not read UTF-8."
                        + " Lines end in CRLF.")
                .build());
        for (KeySpec k : catalog.keys()) {
            Field.Builder b = Field.builder(fieldId(k)).label(k.key()).group(k.group())
                    .help("[" + k.section() + "] " + k.explanation())
                    .kind(k.secret() ? FieldKind.SECRET : FieldKind.TEXT);
            if (k.required()) {
                b.required();
            }
            if (k.unverified()) {
                b.unverified();
            }
            for (Rule r : k.rules()) {
                b.rule(FieldRule.of(r.id(), r.sentence(), v -> Rules.accepts(r, v)));
            }
            f.add(b.build());
        }
        this.fields = List.copyOf(f);
    }

    static String fieldId(KeySpec k) {
        return k.section() + "/" + k.key();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String stepId() {
        return "install";
    }

    @Override
    public String title() {
        return "Answer file cfg.ini";
    }

    @Override
    public String description() {
        return "The answer file of the migration-mode install (path A). Setup reads it from the root of a USB drive"
                + " or of a disk in the new server. It holds the administrator password in plain text: wipe it once"
                + " Setup has finished. Keys marked (unverified) are not in any published document.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("install.answer-file");
    }

    @Override
    public String fileName() {
        return AnswerFileCodec.FILE_NAME;
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    @Override
    public boolean holdsSecret() {
        return true;
    }

    @Override
    public String secretWarning() {
        return "cfg.ini will hold the administrator password in PLAIN TEXT. Anyone with the drive can read it. Keep"
                + " the drive locked away and wipe the file once Setup has finished.";
    }

    /** {@code answer-file@<ServerName>}: the password is kept per destination server. */
    @Override
    public Optional<String> secretKey(FieldValues values) {
        String server = values.get(I + "/ServerName");
        return server.isEmpty() ? Optional.empty() : Optional.of("answer-file@" + server);
    }

    /**
     * The profile and step 2's inputs as cfg.ini values; the one place this mapping is made. The
     * migration-only keys the key set flags opt-in (no published document names them) are left
     * empty: the administrator fills them in, or asks for them ({@link #putMigrationKeys}).
     */
    @Override
    public FieldValues prefill(ArtifactContext context) {
        FieldValues v = new FieldValues();
        v.put(ENCODING, "unicode");
        Map<String, String> inputs = context.stepInputs("install");
        Optional<ConnectionProfile> profile = context.profile();
        String server = firstNonEmpty(inputs.get("destination-name"),
                label(profile.map(ConnectionProfile::destinationHost).orElse(null)));
        v.put(I + "/ServerName", server);
        v.put(P + "/StaticIPv4Address", firstNonEmpty(inputs.get("destination-address"),
                profile.map(ConnectionProfile::destinationAddress).orElse(null)));
        profile.ifPresent(p -> {
            v.put(I + "/NetbiosName", p.netbiosDomain());
            v.put(I + "/DNSName", p.domain());
            v.put(I + "/UserName", p.adminAccount());
        });
        putMigrationKeys(v, profile, false);
        return v;
    }

    /**
     * Puts the migration-only keys (source server name and address, the domain administrator,
     * migration mode) from the profile: those the key set flags opt-in only when {@code optIn}
     * (answer-file write --unverified-keys); a key the key set does not list is never put.
     *
     * @return the keys put and the opt-in keys left out
     */
    public MigrationKeys.Outcome putMigrationKeys(FieldValues v, Optional<ConnectionProfile> profile, boolean optIn) {
        if (profile.isEmpty()) {
            return new MigrationKeys.Outcome(List.of(), List.of());
        }
        ConnectionProfile p = profile.get();
        return MigrationKeys.select(catalog, optIn,
                MigrationKeys.values(label(p.sourceHost()), p.sourceAddress(), p.adminAccount()),
                (k, value) -> v.put(fieldId(k), value));
    }

    @Override
    public List<FieldProblem> validate(FieldValues values) {
        List<FieldProblem> out = new ArrayList<>();
        fields.get(0).check(values.get(ENCODING)).ifPresent(out::add);
        for (Violation x : new AnswerFileValidator(catalog).validate(toFile(values, new AnswerFile()))) {
            out.add(new FieldProblem(x.section() + "/" + x.key(), x.rule().id(), x.message()));
        }
        return out;
    }

    @Override
    public ArtifactReading read(byte[] content) throws ArtifactException {
        AnswerFileCodec.Decoded d;
        try {
            d = AnswerFileCodec.decode(content);
        } catch (AnswerFileException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
        FieldValues v = new FieldValues();
        v.put(ENCODING, d.encoding().id());
        List<String> notes = new ArrayList<>();
        for (AnswerFile.Line l : d.file().lines()) {
            if (l.kind() != AnswerFile.Kind.ENTRY) {
                continue;
            }
            Optional<KeySpec> k = catalog.key(l.section(), l.key());
            if (k.isPresent()) {
                v.put(fieldId(k.get()), d.file().value(l.section(), l.key()));
            } else {
                notes.add(l.section() + "/" + l.key() + " is not a key this console knows; it is kept as it is");
            }
        }
        return new ArtifactReading(v, d.encoding().id(), notes);
    }

    /** The decoded file of existing bytes, or a new one with the header comment. */
    static AnswerFile base(Optional<byte[]> existing) throws ArtifactException {
        if (existing.isPresent()) {
            try {
                AnswerFile f = AnswerFileCodec.decode(existing.get()).file();
                if (!f.lines().isEmpty()) {
                    return f;
                }
            } catch (AnswerFileException e) {
                throw new ArtifactException("the existing cfg.ini cannot be read: " + e.getMessage(), e);
            }
        }
        return AnswerFile.parse(HEADER);
    }

    /** Sets every known key from the values (an empty value removes the key); other lines stay. */
    AnswerFile toFile(FieldValues values, AnswerFile file) {
        for (KeySpec k : catalog.keys()) {
            String v = values.get(fieldId(k)).strip();
            if (v.isEmpty()) {
                file.remove(k.section(), k.key());
            } else if (!v.equals(file.value(k.section(), k.key()))) {
                file.set(k.section(), k.key(), v);
            }
        }
        return file;
    }

    @Override
    public List<ArtifactFile> produce(FieldValues values, Optional<byte[]> existing, ArtifactContext context)
            throws ArtifactException {
        try {
            Encoding encoding = Encoding.byId(values.get(ENCODING).isEmpty() ? "unicode" : values.get(ENCODING));
            AnswerFile file = toFile(values, base(existing));
            byte[] bytes = AnswerFileCodec.encode(file, encoding);
            file.remove(I, "PlainTextPassword");
            file.remove(I, "StdUserPlainTextPassword");
            file.remove(I, "TrustedCertPassword");
            return List.of(new ArtifactFile(fileName(), bytes, encoding == Encoding.UNICODE
                    ? "unicode: UTF-16LE with BOM, CRLF" : "ansi: windows-1252, CRLF", true));
        } catch (AnswerFileException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    @Override
    public String summary(FieldValues values) {
        long keys = catalog.keys().stream().filter(k -> values.has(fieldId(k))).count();
        return keys + " keys, server " + values.get(I + "/ServerName");
    }

    static String label(String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
