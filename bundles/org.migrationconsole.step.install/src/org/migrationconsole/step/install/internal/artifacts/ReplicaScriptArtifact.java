package org.migrationconsole.step.install.internal.artifacts;

import java.nio.charset.StandardCharsets;
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
import org.migrationconsole.api.field.FieldRule;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.step.install.internal.replica.ReplicaScript;
import org.osgi.service.component.annotations.Component;

/**
 * The path-B script (promotion as a replica DC and global catalog, the five ntdsutil transfers,
 * the checks) as an artifact, made from the profile and step 2's inputs.
 */
@Component(service = Artifact.class)
public class ReplicaScriptArtifact implements Artifact {

    public static final String ID = "install.fsmo-script";
    private static final String HOST = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
            + "[A-Za-z0-9])?)*";
    private static final FieldRule HOST_NAME = FieldRule.matching("host-name",
            "must be a host or domain name: dot-separated labels of letters, digits and hyphens", HOST);

    private static final List<Field> FIELDS = List.of(
            Field.builder("domain").label("Domain").group("Domain").required().rule(HOST_NAME)
                    .help("The AD DNS domain, e.g. contoso.local (from the profile).").build(),
            Field.builder("netbios").label("NetBIOS domain").group("Domain").required()
                    .rule(FieldRule.matching("netbios-name", "must be 1 to 15 letters, digits or hyphens",
                            "[A-Za-z0-9-]{1,15}"))
                    .help("The domain's short name, e.g. CONTOSO.").build(),
            Field.builder("admin").label("Domain administrator").group("Domain").required()
                    .help("The account that runs the commands (NAME or DOMAIN\\NAME).").build(),
            Field.builder("source").label("Source server").group("Servers").required().rule(HOST_NAME)
                    .help("The SBS 2003 server's DNS name; the replica replicates from it.").build(),
            Field.builder("destination").label("Destination server").group("Servers").required().rule(HOST_NAME)
                    .help("The new server's name (step 2's 'Destination server name' or the profile's"
                            + " destination.host).").build());

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
        return "The path B script";
    }

    @Override
    public String description() {
        return "PowerShell commands for path B, each part explained: promotion as a replica domain controller and"
                + " global catalog, repadmin/dcdiag, netdom query fsmo and the five ntdsutil role transfers. Read it,"
                + " then run it part by part on the destination.";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("install.replica-transfer-fsmo");
    }

    @Override
    public String fileName() {
        return ReplicaScript.FILE_NAME;
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    public FieldValues prefill(ArtifactContext context) {
        FieldValues v = new FieldValues();
        Map<String, String> inputs = context.stepInputs("install");
        Optional<ConnectionProfile> p = context.profile();
        v.put("destination", AnswerFileArtifact.firstNonEmpty(inputs.get("destination-name"),
                p.map(ConnectionProfile::destinationHost).orElse(null)));
        p.ifPresent(x -> {
            v.put("domain", x.domain());
            v.put("netbios", x.netbiosDomain());
            v.put("admin", x.adminAccount());
            v.put("source", x.sourceHost());
        });
        return v;
    }

    @Override
    public ArtifactReading read(byte[] content) {
        return new ArtifactReading(new FieldValues(), "utf-8", List.of("a generated script: its values are not read"
                + " back; write it again from the profile instead"));
    }

    @Override
    public List<ArtifactFile> produce(FieldValues v, Optional<byte[]> existing, ArtifactContext context)
            throws ArtifactException {
        try {
            String script = ReplicaScript.generate(v.get("domain"), v.get("source"), v.get("destination"),
                    v.get("netbios"), v.get("admin"));
            return List.of(new ArtifactFile(fileName(), script.getBytes(StandardCharsets.UTF_8), "UTF-8, CRLF",
                    false));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    @Override
    public String summary(FieldValues values) {
        return "destination " + values.get("destination");
    }
}
