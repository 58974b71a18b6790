package org.migrationconsole.connect;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.migrationconsole.core.files.SafeFiles;

/**
 * Passwords kept in Equinox secure storage, under {@code ~/.migration-console/} (never in a
 * workspace). The storage is encrypted with a random master key kept in a file only the user
 * can read, so the console needs no desktop keyring.
 */
public final class SecretStore {

    private final ISecurePreferences root;
    private final Path folder;

    private SecretStore(ISecurePreferences root, Path folder) {
        this.root = root;
        this.folder = folder;
    }

    /** Opens (creating if needed) the store in the given folder, default {@code ~/.migration-console}. */
    public static SecretStore open(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path keyFile = folder.resolve("secure-storage.key");
        if (!Files.exists(keyFile)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try (java.nio.channels.FileChannel ch = SafeFiles.createNew(keyFile, SafeFiles.PRIVATE_FILE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(HexFormat.of().formatHex(key)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        }
        SafeFiles.requireReplaceable(keyFile);
        String master = new String(SafeFiles.readBounded(keyFile, 4096, "secure storage key file"),
                java.nio.charset.StandardCharsets.US_ASCII).strip();
        Map<Object, Object> options = new HashMap<>();
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(master.toCharArray()));
        URL location = folder.resolve("secure_storage").toUri().toURL();
        ISecurePreferences prefs = SecurePreferencesFactory.open(location, options);
        if (prefs == null) {
            throw new IOException("Equinox secure storage could not be opened at " + location);
        }
        return new SecretStore(prefs, folder);
    }

    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".migration-console");
    }

    private ISecurePreferences node(String account) {
        return root.node("migrationconsole/passwords/" + EncodingUtils.encodeSlashes(account));
    }

    /** The key a profile's password is kept under: the account at the host. */
    public static String accountKey(String admin, String host) {
        return admin + "@" + host;
    }

    public void put(String account, char[] password) throws IOException {
        try {
            node(account).put("password", new String(password), true);
            root.flush();
            ownerOnly();
        } catch (StorageException e) {
            throw new IOException("Could not store the password in secure storage: " + e.getMessage(), e);
        }
    }

    public Optional<char[]> get(String account) throws IOException {
        try {
            String v = node(account).get("password", null);
            return Optional.ofNullable(v).map(String::toCharArray);
        } catch (StorageException e) {
            throw new IOException("Could not read secure storage: " + e.getMessage(), e);
        }
    }

    /** The accounts a password is stored for, sorted (never the passwords). */
    public java.util.List<String> accounts() {
        String base = "migrationconsole/passwords";
        if (!root.nodeExists(base)) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String child : root.node(base).childrenNames()) {
            out.add(EncodingUtils.decodeSlashes(child));
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Whether a password is stored for {@code account}. */
    public boolean contains(String account) {
        return root.nodeExists("migrationconsole/passwords/" + EncodingUtils.encodeSlashes(account));
    }

    /**
     * Removes the stored password of {@code account}, if any, and saves the store.
     *
     * @return whether there was one
     */
    public boolean forget(String account) throws IOException {
        if (!contains(account)) {
            return false;
        }
        remove(account);
        return true;
    }

    public void remove(String account) throws IOException {
        node(account).removeNode();
        root.flush();
        ownerOnly();
    }

    private void ownerOnly() throws IOException {
        Path store = folder.resolve("secure_storage");
        if (Files.exists(store)) {
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
