package org.migrationconsole.api.check;

/** The destination the migration goes to, with its user and device limits. */
public enum TargetVersion {
    ESSENTIALS_2012("essentials-2012", "Windows Server 2012 Essentials", 25, 50),
    ESSENTIALS_2012_R2("essentials-2012-r2", "Windows Server 2012 R2 Essentials", 25, 50),
    ESSENTIALS_2016("essentials-2016", "Windows Server 2016 Essentials", 25, 50),
    /** Standard or Datacenter with the Windows Server Essentials Experience role. */
    STANDARD_ESSENTIALS_ROLE("standard-essentials-role",
            "Windows Server Standard/Datacenter with the Essentials Experience role", 100, 200);

    private final String id;
    private final String label;
    private final int maxUsers;
    private final int maxDevices;

    TargetVersion(String id, String label, int maxUsers, int maxDevices) {
        this.id = id;
        this.label = label;
        this.maxUsers = maxUsers;
        this.maxDevices = maxDevices;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public int maxUsers() {
        return maxUsers;
    }

    public int maxDevices() {
        return maxDevices;
    }

    /** Looks a target up by id; the message lists the valid ids. */
    public static TargetVersion byId(String id) {
        for (TargetVersion t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        StringBuilder ids = new StringBuilder();
        for (TargetVersion t : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(t.id);
        }
        throw new IllegalArgumentException("must be one of " + ids);
    }
}
