package org.migrationconsole.artifacts.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.migrationconsole.api.artifact.Artifact;
import org.migrationconsole.api.artifact.ArtifactContext;
import org.migrationconsole.api.artifact.ArtifactException;
import org.migrationconsole.api.artifact.ArtifactFile;
import org.migrationconsole.api.artifact.ArtifactReading;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell's {@link ArtifactService}: tracks the {@link Artifact} services of the installed steps
 * and writes, reads and wipes their files through {@link ArtifactWriter}. Delayed: it starts when
 * a command or a view first asks for it.
 */
@Component(service = ArtifactService.class)
public class ArtifactServiceComponent implements ArtifactService {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactServiceComponent.class);

    private final List<Artifact> artifacts = new CopyOnWriteArrayList<>();

    @Reference
    private MigrationStateService state;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addArtifact(Artifact a) {
        artifacts.add(a);
    }

    void removeArtifact(Artifact a) {
        artifacts.remove(a);
    }

    /** For tests and for use outside OSGi. */
    public ArtifactServiceComponent() {
    }

    public ArtifactServiceComponent(MigrationStateService state, List<Artifact> artifacts) {
        this.state = state;
        this.artifacts.addAll(artifacts);
    }

    @Override
    public List<Artifact> artifacts() {
        List<StepStatus> steps = state.steps();
        List<Artifact> out = new ArrayList<>(artifacts);
        out.sort(Comparator.<Artifact>comparingInt(a -> order(steps, a.stepId())).thenComparing(Artifact::id));
        return out;
    }

    private static int order(List<StepStatus> steps, String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).mapToInt(s -> s.step().order()).findFirst()
                .orElse(Integer.MAX_VALUE);
    }

    @Override
    public Optional<Artifact> artifact(String id) {
        return artifacts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The context artifacts read: the workspace's profile, the steps' inputs, the install path. */
    public ArtifactContext context() {
        Optional<ConnectionProfile> profile = Optional.empty();
        Path file = state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
        if (Files.exists(file)) {
            try {
                profile = Optional.of(ProfileFile.read(file));
            } catch (ConnectionException e) {
                LOG.warn("the workspace's profile cannot be read: {}", e.getMessage());
            }
        }
        Optional<ConnectionProfile> p = profile;
        return new ArtifactContext() {
            @Override
            public Optional<ConnectionProfile> profile() {
                return p;
            }

            @Override
            public Map<String, String> stepInputs(String stepId) {
                return state.steps().stream().filter(s -> s.id().equals(stepId)).map(StepStatus::inputs)
                        .findFirst().orElse(Map.of());
            }

            @Override
            public String installPath() {
                return state.path();
            }
        };
    }

    @Override
    public FieldValues prefill(Artifact artifact) throws ArtifactException {
        FieldValues v = artifact.prefill(context());
        Optional<String> key = artifact.secretKey(v);
        if (key.isPresent() && artifact.fields().stream().anyMatch(Field::secret)) {
            try {
                Optional<char[]> stored = SecretStore.open(SecretStore.defaultFolder()).get(key.get());
                if (stored.isPresent()) {
                    Field secret = artifact.fields().stream().filter(Field::secret).findFirst().orElseThrow();
                    v.put(secret.id(), new String(stored.get()));
                    Arrays.fill(stored.get(), '\0');
                }
            } catch (IOException e) {
                LOG.warn("secure storage cannot be read for {}: {}", artifact.id(), e.getMessage());
            }
        }
        return v;
    }

    /** Keeps the value of the artifact's (first) secret field in secure storage under its key. */
    @Override
    public void rememberSecret(Artifact artifact, FieldValues values) throws IOException {
        Optional<String> key = artifact.secretKey(values);
        Optional<Field> secret = artifact.fields().stream().filter(Field::secret).findFirst();
        if (key.isPresent() && secret.isPresent() && values.has(secret.get().id())) {
            char[] c = values.get(secret.get().id()).toCharArray();
            try {
                SecretStore.open(SecretStore.defaultFolder()).put(key.get(), c);
            } finally {
                Arrays.fill(c, '\0');
            }
        }
    }

    @Override
    public ArtifactReading read(Artifact artifact, Path fileOrFolder) throws IOException, ArtifactException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(artifact.fileName()) : fileOrFolder;
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("'" + file + "' does not exist");
        }
        return artifact.read(ArtifactWriter.read(file, artifact.fileName()));
    }

    @Override
    public Written write(Artifact artifact, FieldValues values, Path folder, Optional<byte[]> base)
            throws IOException, ArtifactException, MigrationRuleException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        if (state.workspace().readOnly()) {
            throw new MigrationRuleException(state.workspace().readOnlyReason());
        }
        List<FieldProblem> problems = artifact.validate(values);
        if (!problems.isEmpty()) {
            throw new ArtifactException("the " + artifact.title() + " would break " + problems.size()
                    + " rule(s); nothing was written", problems);
        }
        Optional<byte[]> existing = base;
        Path main = folder.resolve(artifact.fileName());
        if (existing.isEmpty() && Files.exists(main, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // refuse a link, a non-regular file or another user's file before producing anything
            org.migrationconsole.core.files.SafeFiles.requireReplaceable(main.toAbsolutePath().normalize());
            existing = Optional.of(ArtifactWriter.read(main, artifact.fileName()));
        }
        List<ArtifactFile> files = artifact.produce(values, existing, context());
        List<Path> written = new ArrayList<>();
        boolean secret = false;
        try {
            for (ArtifactFile f : files) {
                Path target = folder.resolve(f.name());
                String sha = ArtifactWriter.write(target, f.content(), f.secret());
                written.add(target.toAbsolutePath());
                state.recordFileWritten(artifact.id(), target.toAbsolutePath().normalize(), sha, f.name()
                        + (f.secret() ? " (holds a secret)" : ""));
                secret |= f.secret();
                LOG.info("{}: wrote {} ({} bytes, {})", artifact.id(), target.toAbsolutePath(), f.content().length,
                        f.encoding());
            }
        } finally {
            for (ArtifactFile f : files) {
                if (f.secret()) {
                    Arrays.fill(f.content(), (byte) 0);
                }
            }
        }
        String summary = artifact.summary(values);
        state.recordEvent(artifact.id(), artifact.title() + " written to " + String.join(", ", written.stream()
                .map(Path::toString).toList()) + " (" + files.get(0).encoding() + (summary.isEmpty() ? "" : ", "
                        + summary) + ")" + (secret ? "; it holds a plain-text secret until it is wiped" : ""));
        return new Written(written, files, secret);
    }

    @Override
    public Wiped wipe(Artifact artifact, Path fileOrFolder) throws IOException, MigrationRuleException {
        Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(artifact.fileName()) : fileOrFolder;
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("there is no " + artifact.fileName() + " at '" + file + "'");
        }
        if (state.workspace().readOnly()) {
            throw new MigrationRuleException(state.workspace().readOnlyReason());
        }
        Path abs = file.toAbsolutePath().normalize();
        long size = Files.size(abs);
        try {
            ArtifactWriter.wipe(abs, h -> state.writtenByConsole(abs, h));
        } catch (org.migrationconsole.core.files.UnsafeFileException e) {
            if ("not-written-by-console".equals(e.rule())) {
                // not an error of the file system: a rule of the console, said as such (exit 1)
                throw new MigrationRuleException(e.getMessage());
            }
            throw e;
        }
        LOG.info("{}: wiped {} ({} bytes)", artifact.id(), file.toAbsolutePath(), size);
        state.recordEvent(artifact.id(), file.getFileName() + " at " + file.toAbsolutePath() + " overwritten ("
                + size + " bytes) and deleted");
        return new Wiped(file.toAbsolutePath(), size);
    }
}
