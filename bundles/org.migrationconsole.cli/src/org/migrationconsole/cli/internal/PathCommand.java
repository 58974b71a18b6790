package org.migrationconsole.cli.internal;

import com.google.gson.JsonObject;

import org.migrationconsole.connect.InstallPaths;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code path [a|b --note REASON] [--json]}: the install path, or choose it. */
@Command(name = "path", customSynopsis = "path [a|b --note REASON] [--json]",
        description = "the install path (a: migration mode, b: replica domain controller), or choose it (journalled"
                + " with the reason); profile import sets it from target.version (mapping unverified: see the"
                + " README)")
final class PathCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "a|b", description = "the path to choose")
    String path;
    @Option(names = "--note", paramLabel = "REASON", description = "why (required when choosing)")
    String note;
    @Option(names = "--json", description = "print a JSON document")
    boolean json;

    PathCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (path != null) {
            int code = ruled(() -> {
                state().setPath(path, note);
                return Cli.OK;
            });
            if (code != Cli.OK) {
                return code;
            }
        }
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("path", state().path());
            o.addProperty("description", InstallPaths.describe(state().path()));
            out().println(Json.pretty(o));
        } else {
            out().println("Install path " + InstallPaths.describe(state().path()));
        }
        return Cli.OK;
    }
}
