package org.migrationconsole.api.check;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Read-only access to a directory server. */
@ProviderType
public interface Directory {

    /** Search scopes. */
    enum Scope {
        BASE, ONE, SUBTREE
    }

    /** One entry with its requested attributes. */
    interface Entry {
        String dn();

        List<String> values(String attribute);

        default String first(String attribute) {
            List<String> v = values(attribute);
            return v.isEmpty() ? null : v.get(0);
        }

        /**
         * The raw bytes of each value, for binary attributes such as {@code replPropertyMetaData};
         * empty when the directory cannot give them (the default).
         *
         * @since 1.3
         */
        default List<byte[]> binaryValues(String attribute) {
            return List.of();
        }
    }

    /** The root DSE with all its operational attributes. */
    Entry rootDse() throws Exception;

    /** The domain's naming context, e.g. {@code DC=contoso,DC=local}. */
    String defaultNamingContext() throws Exception;

    /** The configuration naming context. */
    String configurationNamingContext() throws Exception;

    /** Searches; a base that does not exist gives an empty list. */
    List<Entry> search(String base, Scope scope, String filter, String... attributes) throws Exception;
}
