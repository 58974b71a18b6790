package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.google.gson.JsonObject;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.connect.InstallPaths;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.connect.SecretStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code profile import FILE [--password-file FILE]} and {@code profile show [--json]}. */
@Command(name = "profile", description = "import: check a profile, make it the workspace's profile and keep the"
        + " password (if given) in secure storage; show: the workspace's profile (never a password)",
        subcommands = { ProfileCommand.Import.class, ProfileCommand.Show.class })
final class ProfileCommand extends BaseCommand {

    ProfileCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        throw usage("profile takes 'import FILE' or 'show'");
    }

    @Command(name = "import", description = "check a profile, make it the workspace's and keep the password")
    static final class Import implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Parameters(paramLabel = "FILE", description = "the profile (Java properties, UTF-8)")
        Path file;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the administrator's password (first"
                + " line; only its owner may read the file)")
        Path passwordFile;

        @Override
        public Integer call() {
            Env env = parent.env;
            Path target = env.profileFile();
            if (env.state().workspace().readOnly()) {
                env.err().println("refused: " + env.state().workspace().readOnlyReason());
                return Cli.REFUSED;
            }
            char[] password = null;
            try {
                ConnectionProfile p = ProfileFile.read(file);
                if (passwordFile != null) {
                    password = PasswordFile.read(passwordFile);
                }
                ProfileFile.write(p, target);
                if (password != null) {
                    SecretStore.open(SecretStore.defaultFolder())
                            .put(SecretStore.accountKey(p.adminAccount(), p.sourceHost()), password);
                }
                env.state().recordEvent("profile", "connection profile '" + p.name() + "' imported (source "
                        + p.sourceHost() + ", target " + p.target().id() + ")" + (password == null ? ""
                                : "; password kept in secure storage"));
                String wanted = InstallPaths.forTarget(p.target());
                if (!wanted.equals(env.state().path())) {
                    env.state().setPath(wanted, "target version " + p.target().id() + " (profile '" + p.name()
                            + "')");
                    env.out().println("Install path set to " + InstallPaths.describe(wanted) + ".");
                }
                env.out().println("Profile '" + p.name() + "' saved to " + target + (password == null ? ""
                        : "; the password is in secure storage under " + SecretStore.defaultFolder()));
                return Cli.OK;
            } catch (ConnectionException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.USAGE;
            } catch (IOException | MigrationRuleException e) {
                env.err().println("error: cannot save the profile: " + e.getMessage());
                return Cli.USAGE;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
    }

    @Command(name = "show", description = "the workspace's profile (never a password)")
    static final class Show implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ProfileCommand parent;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() {
            Env env = parent.env;
            Path target = env.profileFile();
            if (!Files.exists(target)) {
                env.err().println("error: this workspace has no profile yet (" + target + "); use 'profile import"
                        + " FILE'");
                return Cli.USAGE;
            }
            try {
                ConnectionProfile p = ProfileFile.read(target);
                if (json) {
                    JsonObject o = new JsonObject();
                    o.addProperty("file", target.toString());
                    o.addProperty("name", p.name());
                    o.addProperty("sourceHost", p.sourceHost());
                    o.addProperty("sourceAddress", p.sourceAddress());
                    o.addProperty("domain", p.domain());
                    o.addProperty("netbios", p.netbiosDomain());
                    o.addProperty("admin", p.adminAccount());
                    o.addProperty("ldapSecurity", p.ldapSecurity().id());
                    o.addProperty("destinationHost", p.destinationHost());
                    o.addProperty("destinationAddress", p.destinationAddress());
                    o.addProperty("target", p.target().id());
                    env.out().println(Json.pretty(o));
                } else {
                    env.out().print(Files.readString(target));
                }
                return Cli.OK;
            } catch (ConnectionException | IOException e) {
                env.err().println("error: " + e.getMessage());
                return Cli.USAGE;
            }
        }
    }
}
