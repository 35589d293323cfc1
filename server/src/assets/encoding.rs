//! `Accept-Encoding` negotiation (RFC 9110 §12.5.3), limited to what we store.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

/// The best encoding the client accepts among those `offered`, preferring
/// brotli, then gzip. A `q=0` refuses a coding; `*` stands for the others.
pub fn negotiate(accept: Option<&str>, offered: impl Fn(Encoding) -> bool) -> Encoding {
    let Some(accept) = accept else {
        return Encoding::Identity;
    };
    let mut q_br = None;
    let mut q_gzip = None;
    let mut q_star = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim().eq_ignore_ascii_case("q")).then(|| v.trim().parse::<f32>().ok())?
            })
            .next()
            .unwrap_or(1.0);
        match coding.as_str() {
            "br" => q_br = Some(q),
            "gzip" | "x-gzip" => q_gzip = Some(q),
            "*" => q_star = Some(q),
            _ => {}
        }
    }
    let accepts = |q: Option<f32>| q.or(q_star).is_some_and(|q| q > 0.0);
    if accepts(q_br) && offered(Encoding::Brotli) {
        Encoding::Brotli
    } else if accepts(q_gzip) && offered(Encoding::Gzip) {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}
