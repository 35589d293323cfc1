//! The `host` field: a hostname, IPv4 or [IPv6], optionally with a scheme
//! and a port, as people paste it from a browser. Anything that would make
//! the URL ambiguous or carry secrets (user:pass@, paths, queries,
//! fragments) is refused.

use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedHost {
    /// Lowercase hostname, dotted IPv4, or bracketed IPv6.
    pub host: String,
    /// `Some(true)` for https://, `Some(false)` for http://.
    pub https: Option<bool>,
    pub port: Option<u16>,
}

pub fn parse_host(raw: &str) -> Result<ParsedHost, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("host is required".to_owned());
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("host must not contain spaces or control characters".to_owned());
    }
    let (https, rest) = match raw.split_once("://") {
        Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
            "https" => (Some(true), rest),
            "http" => (Some(false), rest),
            other => {
                return Err(format!(
                    "scheme '{other}' is not supported; use https:// or http://"
                ));
            }
        },
        None => (None, raw),
    };
    if rest.contains('@') {
        return Err("host must not contain credentials (user@ or user:password@); put the API key in its own field".to_owned());
    }
    if rest.contains('?') {
        return Err("host must not contain a query (?…)".to_owned());
    }
    if rest.contains('#') {
        return Err("host must not contain a fragment (#…)".to_owned());
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains('/') {
        return Err("host must not contain a path; give only the address, e.g. nas.local or 192.0.2.10:8443".to_owned());
    }
    let (host, port) = split_port(authority)?;
    Ok(ParsedHost { host, https, port })
}

fn split_port(authority: &str) -> Result<(String, Option<u16>), String> {
    if let Some(inner) = authority.strip_prefix('[') {
        let (addr, after) = inner
            .split_once(']')
            .ok_or_else(|| "IPv6 address is missing its closing ]".to_owned())?;
        let ip: Ipv6Addr = addr
            .parse()
            .map_err(|_| format!("'{addr}' is not a valid IPv6 address"))?;
        let port = match after {
            "" => None,
            p => Some(parse_port(
                p.strip_prefix(':')
                    .ok_or("unexpected text after the IPv6 address")?,
            )?),
        };
        return Ok((format!("[{ip}]"), port));
    }
    if authority.matches(':').count() > 1 {
        let ip: Ipv6Addr = authority.parse().map_err(|_| {
            format!("'{authority}' is not a valid address (IPv6 goes in brackets: [fd00::1]:443)")
        })?;
        return Ok((format!("[{ip}]"), None));
    }
    let (name, port) = match authority.split_once(':') {
        Some((name, port)) => (name, Some(parse_port(port)?)),
        None => (authority, None),
    };
    if let Ok(ip) = name.parse::<Ipv4Addr>() {
        return Ok((ip.to_string(), port));
    }
    validate_hostname(name)?;
    Ok((name.to_ascii_lowercase(), port))
}

fn parse_port(raw: &str) -> Result<u16, String> {
    match raw.parse::<u32>() {
        Ok(p) if (1..=65535).contains(&p) => Ok(p as u16),
        Ok(p) => Err(format!("port {p} is out of range (1-65535)")),
        Err(_) => Err(format!("port '{raw}' is not a number")),
    }
}

/// RFC 1123 host names: dot-separated labels of letters, digits and
/// hyphens, 1–63 characters each, not starting or ending with a hyphen.
fn validate_hostname(name: &str) -> Result<(), String> {
    let bad = || format!("'{name}' is not a valid host name or IP address");
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    if trimmed.is_empty() || trimmed.len() > 253 {
        return Err(bad());
    }
    let all_numeric = trimmed
        .split('.')
        .all(|l| l.chars().all(|c| c.is_ascii_digit()));
    if all_numeric {
        return Err(bad());
    }
    for label in trimmed.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(bad());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> (String, Option<bool>, Option<u16>) {
        let p = parse_host(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        (p.host, p.https, p.port)
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(ok("nas.local"), ("nas.local".into(), None, None));
        assert_eq!(
            ok("NAS.Example.com."),
            ("nas.example.com.".into(), None, None)
        );
        assert_eq!(
            ok("192.0.2.10:8443"),
            ("192.0.2.10".into(), None, Some(8443))
        );
        assert_eq!(
            ok("https://nas:444/"),
            ("nas".into(), Some(true), Some(444))
        );
        assert_eq!(ok("http://nas"), ("nas".into(), Some(false), None));
        assert_eq!(ok("[fd00::1]:443"), ("[fd00::1]".into(), None, Some(443)));
        assert_eq!(ok("fd00::1"), ("[fd00::1]".into(), None, None));
        assert_eq!(ok("  truenas-01  "), ("truenas-01".into(), None, None));
    }

    #[test]
    fn refused_forms_say_why() {
        let err = |raw: &str| parse_host(raw).unwrap_err();
        assert!(err("").contains("required"));
        assert!(err("root:pw@nas").contains("credentials"));
        assert!(err("https://nas/ui/").contains("path"));
        assert!(err("nas?x=1").contains("query"));
        assert!(err("nas#top").contains("fragment"));
        assert!(err("ftp://nas").contains("scheme"));
        assert!(err("nas:0").contains("out of range"));
        assert!(err("nas:99999").contains("out of range"));
        assert!(err("nas:https").contains("not a number"));
        assert!(err("-bad-.local").contains("not a valid host"));
        assert!(err("under_score").contains("not a valid host"));
        assert!(err("999.1.1.1").contains("not a valid host"));
        assert!(err("[fd00::1").contains("closing"));
        assert!(err("[zz::1]").contains("IPv6"));
        assert!(err("fd00::1:443:x").contains("brackets"));
        assert!(err("nas local").contains("spaces"));
    }
}
