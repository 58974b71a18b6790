package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.connect.SecretStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code secret list|forget}: the passwords kept in secure storage ({@code ~/.migration-console}),
 * by account, never their values; {@code forget} removes one.
 */
@Command(name = "secret", description = "the passwords in secure storage: list shows the accounts (never a password),"
        + " forget ACCOUNT removes one", subcommands = { SecretCommand.ListSecrets.class,
                SecretCommand.Forget.class })
final class SecretCommand extends BaseCommand {

    SecretCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        throw usage("secret takes list or forget ACCOUNT");
    }

    SecretStore store() throws IOException {
        return SecretStore.open(SecretStore.defaultFolder());
    }

    @Command(name = "list", description = "the accounts a password is stored for (ADMIN@HOST, answer-file@SERVER)")
    static final class ListSecrets implements Callable<Integer> {
        @ParentCommand
        SecretCommand parent;
        @Option(names = "--json", description = "print a JSON document")
        boolean json;

        @Override
        public Integer call() {
            List<String> accounts;
            try {
                accounts = parent.store().accounts();
            } catch (IOException e) {
                parent.err().println("error: secure storage at " + SecretStore.defaultFolder() + " cannot be read: "
                        + e.getMessage());
                return Cli.USAGE;
            }
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("store", SecretStore.defaultFolder().toString());
                JsonArray a = new JsonArray();
                accounts.forEach(a::add);
                o.add("accounts", a);
                parent.out().println(Json.pretty(o));
            } else if (accounts.isEmpty()) {
                parent.out().println("Secure storage (" + SecretStore.defaultFolder() + ") holds no password.");
            } else {
                parent.out().println("Secure storage (" + SecretStore.defaultFolder() + ") holds a password for:");
                accounts.forEach(a -> parent.out().println("  " + a));
            }
            return Cli.OK;
        }
    }

    @Command(name = "forget", description = "remove the stored password of ACCOUNT (as 'secret list' shows it)")
    static final class Forget implements Callable<Integer> {
        @ParentCommand
        SecretCommand parent;
        @Parameters(paramLabel = "ACCOUNT", description = "the account, e.g. Administrator@sbs.example.local")
        String account;

        @Override
        public Integer call() {
            try {
                SecretStore store = parent.store();
                if (!store.forget(account)) {
                    parent.err().println("error: ACCOUNT: secure storage holds no password for '" + account
                            + "'; 'secret list' shows the accounts it holds");
                    return Cli.USAGE;
                }
            } catch (IOException e) {
                parent.err().println("error: secure storage at " + SecretStore.defaultFolder() + " cannot be changed: "
                        + e.getMessage());
                return Cli.USAGE;
            }
            parent.out().println("Removed the stored password of " + account + ".");
            parent.env.audit("secret", "the stored password of " + account + " was removed from secure storage");
            return Cli.OK;
        }
    }
}
