package io.tidemark.meta;

import java.util.List;

/** A database and its retention policies, in creation order. */
public record DatabaseInfo(String name, String defaultRetentionPolicy, List<RetentionPolicyInfo> retentionPolicies) {
    public DatabaseInfo {
        retentionPolicies = List.copyOf(retentionPolicies);
    }

    public RetentionPolicyInfo retentionPolicy(String rpName) {
        for (RetentionPolicyInfo rp : retentionPolicies) {
            if (rp.name().equals(rpName)) {
                return rp;
            }
        }
        return null;
    }
}
