package org.migrationconsole.api.action;

import java.util.Objects;

/**
 * Something the plan needs that the console cannot do (e.g. DNS forwarders pointing at the source
 * cannot be changed over LDAP): shown in the preview with how to do it by hand, never applied.
 *
 * @param id the item's id within its plan
 * @param text what to do, and where
 */
public record ManualItem(String id, String text) implements Change {

    public ManualItem {
        Objects.requireNonNull(id);
        Objects.requireNonNull(text);
    }

    @Override
    public String describe() {
        return "by hand: " + text;
    }

    @Override
    public boolean automatic() {
        return false;
    }
}
