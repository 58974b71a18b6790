package org.migrationconsole.api.action;

import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.Directory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The directory with write access, for actions that apply or undo a change themselves (over the
 * connection the profile chose: never plain LDAP unless the profile chose it). Reads as in
 * {@link Directory}; binary values are base64 text.
 */
@ProviderType
public interface WritableDirectory extends Directory {

    /** The entry's {@code uSNChanged}, or null when it does not exist. */
    String usnChanged(String dn) throws Exception;

    /** Adds an entry with its attributes. */
    void add(String dn, Map<String, List<String>> attributes) throws Exception;

    /** Modifies an entry; each change is written with its operation, new values only. */
    void modify(String dn, List<AttributeChange> changes) throws Exception;

    /** Deletes an entry, with everything below it when {@code tree}. */
    void delete(String dn, boolean tree) throws Exception;
}
