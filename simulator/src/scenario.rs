//! The situations the simulator can play, chosen at start and switchable at
//! run time through `POST /_sim/scenario`.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scenario {
    /// Two ONLINE pools, a finished clean scrub, one INFO alert.
    #[default]
    Healthy,
    /// A raidz1 vdev with a FAULTED disk and checksum errors; the last scrub
    /// finished with errors.
    Degraded,
    /// DEGRADED while a replacement resilvers: `healthy` stays true and
    /// `warning` is true, as py-libzfs reports it.
    Resilvering,
    /// A pool with too many FAULTED disks to function.
    Faulted,
    /// An encrypted dataset whose key is not loaded.
    Locked,
    /// Every API key is refused.
    AuthFailure,
    /// Every answer is delayed (see `SimConfig::slow_delay`).
    Slow,
    /// The port goes down and up (see `SimConfig::flap_period`).
    Flapping,
    /// Answers that are not valid JSON.
    Malformed,
    /// Many pools, datasets and disks (see `SimConfig::large`).
    Large,
}

impl Scenario {
    pub const ALL: [Self; 10] = [
        Self::Healthy,
        Self::Degraded,
        Self::Resilvering,
        Self::Faulted,
        Self::Locked,
        Self::AuthFailure,
        Self::Slow,
        Self::Flapping,
        Self::Malformed,
        Self::Large,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Degraded => "degraded",
            Self::Resilvering => "resilvering",
            Self::Faulted => "faulted",
            Self::Locked => "locked",
            Self::AuthFailure => "auth-failure",
            Self::Slow => "slow",
            Self::Flapping => "flapping",
            Self::Malformed => "malformed",
            Self::Large => "large",
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown scenario {0:?}; expected one of healthy, degraded, resilvering, faulted, locked, auth-failure, slow, flapping, malformed, large"
)]
pub struct UnknownScenario(pub String);

impl FromStr for Scenario {
    type Err = UnknownScenario;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == wanted)
            .ok_or_else(|| UnknownScenario(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for scenario in Scenario::ALL {
            assert_eq!(scenario.as_str().parse::<Scenario>().unwrap(), scenario);
        }
        assert_eq!(
            "AUTH_FAILURE".parse::<Scenario>().unwrap(),
            Scenario::AuthFailure
        );
        assert!("nope".parse::<Scenario>().is_err());
    }
}
