//! A faster reading of the one frame that dominates a poll: the JSON-RPC
//! answer to `pool.dataset.query` with `select` (a flat list of small,
//! fixed-shape objects; about 175 KB per NAS of 500 datasets). serde_json
//! spends its time here visiting fields one by one; this scanner reads that
//! exact shape straight into the same [`DatasetRef`] view, and so into the
//! same rows, in about three quarters of the time
//! (`cargo bench -p truenas --bench large_nas`).
//!
//! It is a shortcut, never an authority: anything it does not expect (an
//! escaped string, another key, a nested list, a duplicate key, a number
//! it does not read exactly as serde_json does, a syntax error) makes it
//! give up with `None`, and the caller parses the frame with serde as
//! before. So every answer it accepts reads exactly as the serde path reads
//! it (the tests compare the two on generated answers), and every answer it
//! refuses still gets serde's rows or serde's error.

use std::borrow::Cow;

use super::dataset_ref::{DatasetList, DatasetRef, FromDataset};
use super::property_ref::{Parsed, PropertyRef, Text};

/// The answer to JSON-RPC request `id` as rows, or `None` when the frame
/// is anything but the plain answer this scanner knows.
pub(crate) fn scan_answer<R: FromDataset>(frame: &str, id: u64) -> Option<DatasetList<R>> {
    let mut c = Cursor::new(frame);
    let mut list = None;
    let mut ours = false;
    let mut seen = 0;
    c.object(|c, key| {
        let member = match key {
            "jsonrpc" => 0,
            "id" => 1,
            "result" => 2,
            _ => return None,
        };
        first_time(&mut seen, member)?;
        match member {
            0 => {
                c.string()?;
            }
            1 => ours = c.plain_u64()? == id,
            _ => list = Some(c.datasets()?),
        }
        Some(())
    })?;
    c.end()?;
    if ours { list } else { None }
}

/// Marks member `index` of an object as read: `None` the second time, as
/// serde fails an object that repeats a key.
fn first_time(seen: &mut u32, index: u32) -> Option<()> {
    let bit = 1 << index;
    (*seen & bit == 0).then(|| *seen |= bit)
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.at) {
            self.at += 1;
        }
        self.bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn end(&mut self) -> Option<()> {
        self.peek().is_none().then_some(())
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self.bytes()[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// `{ "key": value, ... }`, each value read by `field`.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let key = self.string()?;
            self.eat(b':')?;
            field(self, key)?;
            if self.eat(b',').is_none() {
                return self.eat(b'}');
            }
        }
    }

    /// A string without escapes or control characters, borrowed.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = &self.bytes()[start..];
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[len] != b'"' || rest[..len].iter().any(|&b| b < 0x20) {
            return None;
        }
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    fn null(&mut self) -> Option<bool> {
        Some(self.peek()? == b'n' && self.literal("null"))
    }

    fn text(&mut self) -> Option<Option<Text<'a>>> {
        if self.null()? {
            return Some(None);
        }
        Some(Some(Text(Cow::Borrowed(self.string()?))))
    }

    fn bool(&mut self) -> Option<Option<bool>> {
        if self.null()? {
            Some(None)
        } else if self.literal("true") {
            Some(Some(true))
        } else if self.literal("false") {
            Some(Some(false))
        } else {
            None
        }
    }

    /// The characters of a JSON number (validated by whoever reads them).
    fn number_text(&mut self) -> Option<&'a str> {
        self.peek()?;
        let start = self.at;
        let len = self.bytes()[start..]
            .iter()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .unwrap_or(self.text.len() - start);
        self.at = start + len;
        (len > 0).then(|| &self.text[start..self.at])
    }

    /// A non-negative integer of at most 18 digits without a leading zero:
    /// the only numbers read here rather than by serde_json.
    fn plain_u64(&mut self) -> Option<u64> {
        let digits = self.number_text()?;
        let plain = digits.len() <= 18
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        if !plain {
            return None;
        }
        digits.parse().ok()
    }

    /// `parsed`: any scalar, read as serde_json reads it into [`Parsed`].
    fn parsed(&mut self) -> Option<Parsed<'a>> {
        match self.peek()? {
            b'"' => Some(Parsed::Text(Cow::Borrowed(self.string()?))),
            b'n' | b't' | b'f' => Some(match self.bool()? {
                None => Parsed::Null,
                Some(b) => Parsed::Bool(b),
            }),
            _ => {
                let start = self.at;
                if let Some(n) = self.plain_u64() {
                    return Some(Parsed::U64(n));
                }
                self.at = start;
                let number = self.number_text()?;
                serde_json::from_str(number).ok()
            }
        }
    }

    fn property(&mut self) -> Option<Option<PropertyRef<'a>>> {
        if self.null()? {
            return Some(None);
        }
        let mut property = PropertyRef::default();
        let mut seen = 0;
        self.object(|c, key| {
            let member = match key {
                "parsed" => 0,
                "rawvalue" => 1,
                "value" => 2,
                _ => return None,
            };
            first_time(&mut seen, member)?;
            match member {
                0 => property.parsed = c.parsed()?,
                1 => property.rawvalue = c.text()?,
                _ => property.value = c.text()?,
            }
            Some(())
        })?;
        Some(Some(property))
    }

    /// One entry into `d`, which starts out empty.
    fn dataset(&mut self, d: &mut DatasetRef<'a>) -> Option<()> {
        let mut seen = 0;
        self.object(|c, key| {
            let field = match key {
                "id" => 0,
                "type" => 1,
                "name" => 2,
                "encrypted" => 3,
                "encryption_root" => 4,
                "key_loaded" => 5,
                "locked" => 6,
                "mountpoint" => 7,
                "used" => 8,
                "available" => 9,
                "quota" => 10,
                "volsize" => 11,
                "compressratio" => 12,
                "readonly" => 13,
                "children" => 14,
                _ => return None,
            };
            first_time(&mut seen, field)?;
            match field {
                0 => d.id = Text(Cow::Borrowed(c.string()?)),
                1 => d.dataset_type = c.text()?,
                2 => d.name = c.text()?,
                3 => d.encrypted = c.bool()?,
                4 => d.encryption_root = c.text()?,
                5 => d.key_loaded = c.bool()?,
                6 => d.locked = c.bool()?,
                7 => d.mountpoint = c.text()?,
                8 => d.used = c.property()?,
                9 => d.available = c.property()?,
                10 => d.quota = c.property()?,
                11 => d.volsize = c.property()?,
                12 => d.compressratio = c.property()?,
                13 => d.readonly = c.property()?,
                // Only an empty list: a nested tree is REST's shape.
                _ => {
                    c.eat(b'[')?;
                    c.eat(b']')?;
                }
            }
            Some(())
        })
    }

    fn datasets<R: FromDataset>(&mut self) -> Option<DatasetList<R>> {
        let mut list = DatasetList {
            rows: Vec::new(),
            listed: 0,
        };
        self.eat(b'[')?;
        if self.eat(b']').is_some() {
            return Some(list);
        }
        loop {
            let mut dataset = DatasetRef::default();
            self.dataset(&mut dataset)?;
            list.rows.push(R::from_dataset(&dataset));
            list.listed += 1;
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                return Some(list);
            }
        }
    }
}

#[cfg(test)]
#[path = "dataset_scan_tests.rs"]
mod tests;
