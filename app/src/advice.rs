//! What to do about a failure class. The poller and the connection test
//! classify every failure (auth, tls, timeout, connection, api, malformed,
//! invalid_config); the wizard, the connections list and the overview's
//! banners all say the same thing about each.

/// A short name for the class, as a badge reads it.
pub fn label(category: &str) -> &'static str {
    match category {
        "auth" => "authentication",
        "tls" => "certificate",
        "timeout" => "timeout",
        "connection" => "unreachable",
        "api" => "API error",
        "malformed" => "unexpected answer",
        "invalid_config" => "settings",
        _ => "error",
    }
}

/// The next step for the user.
pub fn next_step(category: &str) -> &'static str {
    match category {
        "auth" => {
            "Check the API key and the user it belongs to: the key may be revoked or expired, \
             or its user lacks a role that may read the system (READONLY_ADMIN is enough)."
        }
        "tls" => {
            "The NAS presented a certificate poolwatch does not trust, or a different one than \
             the pinned one. If you expected this (a new certificate), test the connection and \
             pin the certificate again."
        }
        "timeout" => {
            "The NAS did not answer in time: it may be overloaded, or a firewall drops the \
             traffic. Check that the NAS is up and reachable from poolwatch."
        }
        "connection" => {
            "The host cannot be reached: check that the NAS is powered on, its address and port, \
             and the network between it and poolwatch."
        }
        "api" | "malformed" => {
            "The NAS answered, but not as poolwatch expects: check its TrueNAS version, and the \
             poolwatch log for the details."
        }
        "invalid_config" => "The connection's settings are incomplete: edit the connection.",
        _ => "See the poolwatch log for the details.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_the_poller_reports_has_its_own_advice() {
        let classes = [
            "auth",
            "tls",
            "timeout",
            "connection",
            "api",
            "malformed",
            "invalid_config",
        ];
        for class in classes {
            assert_ne!(label(class), label("something else"), "{class}");
            assert_ne!(next_step(class), next_step("something else"), "{class}");
        }
    }
}
