//! Login throttling: failures are counted per source IP and per user name in
//! a sliding window; reaching the limit locks that IP or name out for a
//! while, and a locked-out attempt is refused before the password is even
//! checked, so guessing cannot continue during the lockout.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct ThrottleConfig {
    pub window: Duration,
    pub lockout: Duration,
    pub max_per_user: u32,
    pub max_per_ip: u32,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            lockout: Duration::from_secs(15 * 60),
            max_per_user: 5,
            max_per_ip: 20,
        }
    }
}

#[derive(Debug, Default)]
struct Counter {
    failures: Vec<Instant>,
    locked_until: Option<Instant>,
}

impl Counter {
    fn locked(&self, now: Instant) -> Option<Duration> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    fn fail(&mut self, now: Instant, config: &ThrottleConfig, max: u32) {
        self.failures
            .retain(|at| now.saturating_duration_since(*at) < config.window);
        self.failures.push(now);
        if self.failures.len() >= max as usize {
            self.locked_until = Some(now + config.lockout);
            self.failures.clear();
        }
    }
}

/// Counters live in memory: a restart forgets them, which only helps an
/// attacker who can also restart the server.
#[derive(Debug, Default)]
pub struct Throttle {
    config: ThrottleConfig,
    users: HashMap<String, Counter>,
    ips: HashMap<IpAddr, Counter>,
}

/// Keys beyond this are pruned of idle entries, so a flood of distinct
/// names or addresses cannot grow memory without bound.
const PRUNE_AT: usize = 10_000;

impl Throttle {
    pub fn new(config: ThrottleConfig) -> Self {
        Self {
            config,
            ..Self::default()
        }
    }

    /// `Err(retry_after)` while the IP or the user name is locked out.
    pub fn check(&self, user: &str, ip: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let by_user = self.users.get(&key(user)).and_then(|c| c.locked(now));
        let by_ip = ip
            .and_then(|ip| self.ips.get(&ip))
            .and_then(|c| c.locked(now));
        match by_user.max(by_ip) {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    pub fn failed(&mut self, user: &str, ip: Option<IpAddr>, now: Instant) {
        let config = self.config;
        self.prune(now);
        self.users
            .entry(key(user))
            .or_default()
            .fail(now, &config, config.max_per_user);
        if let Some(ip) = ip {
            self.ips
                .entry(ip)
                .or_default()
                .fail(now, &config, config.max_per_ip);
        }
    }

    /// A good password clears the name's failures, not the IP's: one right
    /// guess must not reset the count of a spraying address.
    pub fn succeeded(&mut self, user: &str) {
        self.users.remove(&key(user));
    }

    fn prune(&mut self, now: Instant) {
        let window = self.config.window;
        let idle = |c: &Counter| {
            c.locked(now).is_none()
                && c.failures
                    .iter()
                    .all(|at| now.saturating_duration_since(*at) >= window)
        };
        if self.users.len() > PRUNE_AT {
            self.users.retain(|_, c| !idle(c));
        }
        if self.ips.len() > PRUNE_AT {
            self.ips.retain(|_, c| !idle(c));
        }
    }
}

fn key(user: &str) -> String {
    user.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ThrottleConfig {
        ThrottleConfig {
            window: Duration::from_secs(60),
            lockout: Duration::from_secs(300),
            max_per_user: 3,
            max_per_ip: 5,
        }
    }

    #[test]
    fn user_locked_after_max_failures_then_released() {
        let mut t = Throttle::new(config());
        let start = Instant::now();
        let ip: Option<IpAddr> = Some([10, 0, 0, 1].into());
        for n in 0..2 {
            t.failed("Admin", ip, start + Duration::from_secs(n));
            assert!(t.check("admin", ip, start).is_ok());
        }
        t.failed("admin ", ip, start + Duration::from_secs(2));
        let wait = t
            .check("ADMIN", None, start + Duration::from_secs(3))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(299));
        assert!(t.check("other", Some([10, 0, 0, 2].into()), start).is_ok());
        assert!(
            t.check("admin", None, start + Duration::from_secs(303))
                .is_ok()
        );
    }

    #[test]
    fn ip_locked_across_names_and_not_reset_by_success() {
        let mut t = Throttle::new(config());
        let now = Instant::now();
        let ip: Option<IpAddr> = Some([10, 0, 0, 9].into());
        for n in 0..4 {
            t.failed(&format!("user{n}"), ip, now);
        }
        t.succeeded("user0");
        t.failed("user9", ip, now);
        assert!(t.check("fresh", ip, now).is_err());
        assert!(t.check("fresh", Some([10, 0, 0, 8].into()), now).is_ok());
    }

    #[test]
    fn failures_outside_the_window_do_not_count() {
        let mut t = Throttle::new(config());
        let now = Instant::now();
        t.failed("a", None, now);
        t.failed("a", None, now + Duration::from_secs(30));
        t.failed("a", None, now + Duration::from_secs(100));
        assert!(t.check("a", None, now + Duration::from_secs(100)).is_ok());
    }
}
