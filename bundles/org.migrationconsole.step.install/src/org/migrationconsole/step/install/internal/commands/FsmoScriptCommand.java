package org.migrationconsole.step.install.internal.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

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
import org.migrationconsole.step.install.internal.artifacts.ReplicaScriptArtifact;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fsmo-script --out DIR}: step 2's path-B script, the artifact {@code install.fsmo-script}. */
@Component(service = CommandContribution.class)
public class FsmoScriptCommand implements CommandContribution {

    @Override
    public String name() {
        return "fsmo-script";
    }

    @Override
    public String stepId() {
        return "install";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Run(env);
    }

    @Command(name = "fsmo-script", description = "Write DIR/path-b-replica-dc.ps1: the commands of path B (promotion"
            + " as replica DC + global catalog, ntdsutil role transfers, netdom query fsmo) with explanations, from"
            + " the profile.")
    static final class Run implements Callable<Integer> {
        final CommandEnvironment env;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "the folder to write the script to")
        Path out;

        Run(CommandEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            if (out == null) {
                throw new ParameterException(spec.commandLine(), "fsmo-script needs --out DIR");
            }
            if (!Files.isDirectory(out)) {
                env.err().println("error: --out " + out + " is not a folder");
                return ExitCodes.USAGE;
            }
            ArtifactService artifacts = env.artifacts();
            Artifact a = artifacts.artifact(ReplicaScriptArtifact.ID).orElseThrow();
            try {
                if (env.workspaceProfile().isEmpty()) {
                    env.err().println("error: this workspace has no profile yet ("
                            + env.state().workspace().directory().resolve("profile.properties")
                            + "); use 'profile import FILE'");
                    return ExitCodes.USAGE;
                }
                FieldValues v = artifacts.prefill(a);
                if (!v.has("destination")) {
                    env.err().println("error: the destination server has no name yet: fill in step 2's 'Destination"
                            + " server name' or the profile's destination.host");
                    return ExitCodes.USAGE;
                }
                ArtifactService.Written w = artifacts.write(a, v, out, Optional.empty());
                String dest = v.get("destination");
                env.out().println("Wrote " + out.resolve(a.fileName()) + ". Read it, then run it part by part on "
                        + dest + ".");
                if (!"b".equals(env.state().path())) {
                    env.err().println("note: this workspace follows install path " + env.state().path().toUpperCase(
                            java.util.Locale.ROOT) + "; the script is for path B ('path b --note REASON')");
                }
                return w.files().isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
            } catch (ArtifactException e) {
                env.err().println("error: " + e.getMessage());
                for (FieldProblem p : e.problems()) {
                    env.err().println("  " + p);
                }
                return ExitCodes.USAGE;
            } catch (ConnectionException | IOException e) {
                env.err().println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (MigrationRuleException e) {
                env.err().println("refused: " + e.getMessage());
                return ExitCodes.REFUSED;
            }
        }
    }
}
