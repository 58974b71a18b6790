package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.provisioning.Plugins;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The commands that look at or change the installation through p2 (org.migrationconsole.provisioning). */
final class P2Commands {

    private P2Commands() {
    }

    /** A p2 command; its I/O failures (a hung director included) become exit code 2. */
    abstract static class P2Command extends BaseCommand {
        P2Command(Env env) {
            super(env);
        }

        abstract int run(Plugins plugins) throws IOException, InterruptedException;

        @Override
        public Integer call() {
            Plugins plugins = env.plugins();
            if (plugins == null) {
                err().println("error: the installation is unknown (osgi.install.area is not set)");
                return Cli.USAGE;
            }
            try {
                return run(plugins);
            } catch (Plugins.DirectorTimeoutException e) {
                err().println("error: " + e.getMessage().replace("Its output is in the log.", "Its output is in the"
                        + " log: " + env.logFile()));
                return Cli.USAGE;
            } catch (IOException e) {
                err().println("error: " + summary(String.valueOf(e.getMessage()), "p2 failed"));
                return Cli.USAGE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err().println("error: interrupted");
                return Cli.USAGE;
            }
        }

        /**
         * What the p2 director said, for the terminal: its messages without Java stack traces, at
         * most a few lines, and where the full output is (the log gets all of it).
         */
        String summary(String output, String what) {
            org.slf4j.LoggerFactory.getLogger(P2Commands.class).warn("{}:\n{}", what, output);
            List<String> lines = new java.util.ArrayList<>();
            int dropped = 0;
            for (String line : output.strip().split("\\R")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("at ") || t.startsWith("... ") || t.startsWith("Caused by:")
                        || t.matches("(?:[a-z][a-z0-9_]*\\.)+[A-Za-z0-9_$]*(?:Exception|Error)(?::.*)?")
                        || lines.size() >= 6) {
                    dropped++;
                    continue;
                }
                lines.add(line.stripTrailing());
            }
            return String.join(System.lineSeparator(), lines) + (dropped == 0 ? "" : System.lineSeparator()
                    + "(" + dropped + " more line(s), stack traces included, are in the log: " + env.logFile() + ")");
        }

        /** A repository given as a directory becomes a file: URI. */
        static String repositoryUri(String repository) {
            return repository.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? repository
                    : Path.of(repository).toAbsolutePath().toUri().toString();
        }
    }

    @Command(name = "steps", description = "installed steps: id, order, title, bundle, version, feature")
    static final class Steps extends P2Command {
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        Steps(Env env) {
            super(env);
        }

        @Override
        int run(Plugins plugins) {
            List<StepStatus> steps = state().steps();
            if (json) {
                JsonArray a = new JsonArray();
                for (StepStatus s : steps) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", s.id());
                    o.addProperty("order", s.step().order());
                    o.addProperty("title", s.step().title());
                    o.addProperty("bundle", s.bundleId());
                    o.addProperty("bundleVersion", plugins.bundleVersion(s.bundleId()));
                    Optional<Plugins.Feature> f = plugins.featureOf(s.bundleId());
                    o.addProperty("feature", f.map(Plugins.Feature::id).orElse(null));
                    o.addProperty("featureVersion", f.map(Plugins.Feature::version).orElse(null));
                    a.add(o);
                }
                out().println(Json.pretty(a));
                return Cli.OK;
            }
            for (StepStatus s : steps) {
                out().printf("%4d  %-12s %-45s %s %s  (feature %s)%n", s.step().order(), s.id(), s.step().title(),
                        s.bundleId(), plugins.bundleVersion(s.bundleId()),
                        plugins.featureOf(s.bundleId()).map(f -> f.id() + " " + f.version()).orElse("none"));
            }
            return Cli.OK;
        }
    }

    @Command(name = "install", description = "install a step's feature from a p2 repository into this installation"
            + " (takes effect after a restart)")
    static final class Install extends P2Command {
        @Option(names = "--repository", paramLabel = "URL", required = true,
                description = "a p2 repository: file:/http(s): URL or a directory")
        String repository;
        @Option(names = "--step", paramLabel = "ID", required = true, description = "the step to install")
        String stepId;
        @Option(names = "--feature", paramLabel = "FEATURE", description = "the feature (default: the one whose id"
                + " ends in step.ID.feature)")
        String feature;

        Install(Env env) {
            super(env);
        }

        @Override
        int run(Plugins plugins) throws IOException, InterruptedException {
            String repo = repositoryUri(repository);
            for (StepStatus s : state().steps()) {
                if (s.id().equals(stepId)) {
                    err().println("refused: step '" + stepId + "' is already installed (bundle " + s.bundleId()
                            + ")");
                    return Cli.REFUSED;
                }
            }
            String f = feature;
            if (f == null) {
                StringBuilder listing = new StringBuilder();
                List<String> offered = plugins.repositoryFeatures(repo, listing);
                Optional<String> found = Plugins.featureForStep(offered, stepId);
                if (found.isEmpty()) {
                    err().println("error: the repository " + repo + " has no single feature for step '" + stepId
                            + "' (a feature id ending in 'step." + stepId + ".feature'); it offers: "
                            + (offered.isEmpty() ? "no features" : String.join(", ", offered))
                            + ". Name it with --feature.");
                    return Cli.USAGE;
                }
                f = found.get();
            }
            err().println("Installing " + f + " from " + repo + " into " + plugins.installArea() + " (profile "
                    + plugins.profile() + ")...");
            Plugins.Result r = plugins.install(repo, f);
            if (r.exitCode() != 0) {
                err().println("error: p2 could not install " + f + ":");
                err().println(summary(r.output(), "the p2 director's output"));
                return Cli.REFUSED;
            }
            env.audit("plug-ins", "installed feature " + f + " (step " + stepId + ") from " + repo);
            out().println("Installed " + f + " (step " + stepId + "). Restart the console for the change to take"
                    + " effect.");
            return Cli.OK;
        }
    }

    @Command(name = "update", description = "install the repository's higher versions of the installed step"
            + " features (after a restart)")
    static final class Update extends P2Command {
        @Option(names = "--repository", paramLabel = "URL", required = true, description = "a p2 repository")
        String repository;

        Update(Env env) {
            super(env);
        }

        @Override
        int run(Plugins plugins) throws IOException, InterruptedException {
            String repo = repositoryUri(repository);
            List<Plugins.Update> updates = plugins.updates(repo);
            if (updates.isEmpty()) {
                out().println("No updates: " + repo + " has no higher version of an installed step feature.");
                return Cli.OK;
            }
            for (Plugins.Update u : updates) {
                err().println("Updating " + u.featureId() + " " + u.installedVersion() + " -> " + u.newVersion()
                        + "...");
                Plugins.Result r = plugins.update(repo, u);
                if (r.exitCode() != 0) {
                    err().println("error: p2 could not update " + u.featureId() + ":");
                    err().println(summary(r.output(), "the p2 director's output"));
                    return Cli.REFUSED;
                }
                env.audit("plug-ins", "updated feature " + u.featureId() + " " + u.installedVersion() + " -> "
                        + u.newVersion() + " from " + repo);
                out().println("Updated " + u.featureId() + " to " + u.newVersion() + ".");
            }
            out().println("Restart the console for the change to take effect.");
            return Cli.OK;
        }
    }

    @Command(name = "uninstall", description = "remove the feature that provides the step (after a restart); the"
            + " workspace keeps the step's records")
    static final class Uninstall extends P2Command {
        @Option(names = "--step", paramLabel = "ID", required = true, description = "the step to remove")
        String stepId;

        Uninstall(Env env) {
            super(env);
        }

        @Override
        int run(Plugins plugins) throws IOException, InterruptedException {
            Optional<StepStatus> step = state().steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
            if (step.isEmpty()) {
                err().println("error: no installed step '" + stepId + "'; installed: "
                        + String.join(", ", state().steps().stream().map(StepStatus::id).toList()));
                return Cli.USAGE;
            }
            Optional<Plugins.Feature> feature = plugins.featureOf(step.get().bundleId());
            if (feature.isEmpty() || feature.get().id().equals(Plugins.PLATFORM_FEATURE)) {
                err().println("refused: step '" + stepId + "' (bundle " + step.get().bundleId() + ") is not in a"
                        + " feature of its own that can be uninstalled");
                return Cli.REFUSED;
            }
            err().println("Uninstalling " + feature.get().id() + " from " + plugins.installArea() + " (profile "
                    + plugins.profile() + ")...");
            Plugins.Result r = plugins.uninstall(feature.get().id());
            if (r.exitCode() != 0) {
                err().println("error: p2 could not uninstall " + feature.get().id() + ":");
                err().println(summary(r.output(), "the p2 director's output"));
                return Cli.REFUSED;
            }
            env.audit("plug-ins", "uninstalled feature " + feature.get().id() + " (step " + stepId + ")");
            out().println("Uninstalled " + feature.get().id() + " (step " + stepId + "). Restart the console for the"
                    + " change to take effect. The workspace keeps the step's journal records.");
            return Cli.OK;
        }
    }
}
