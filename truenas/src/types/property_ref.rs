//! ZFS properties read without copying: [`PropertyRef`] borrows its text
//! from the answer (unless the JSON escapes it), so the half a million
//! dataset entries of a large fleet's poll cost no allocation each. The
//! owned [`Property`] answers through a view of the same type, so the rules
//! for reading a property exist once.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::property::Property;

/// A string from an answer: borrowed when the JSON holds it verbatim,
/// owned when it had to be unescaped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `parsed` changes JSON type with the property: a number, a bool, text,
/// null, or (for dates) an object, which no dataset field read here uses.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Parsed<'a> {
    #[default]
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Text(Cow<'a, str>),
    /// An object or a list.
    Other,
}

impl<'a> Parsed<'a> {
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::U64(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::U64(n) => Some(*n as f64),
            Self::I64(n) => Some(*n as f64),
            Self::F64(f) => Some(*f),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    fn of(value: &'a Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => n
                .as_u64()
                .map(Self::U64)
                .or_else(|| n.as_i64().map(Self::I64))
                .or_else(|| n.as_f64().map(Self::F64))
                .unwrap_or(Self::Other),
            Value::String(s) => Self::Text(Cow::Borrowed(s)),
            Value::Array(_) | Value::Object(_) => Self::Other,
        }
    }
}

/// Reads any JSON value into what [`Parsed`] or [`Text`] keep of it.
struct AnyVisitor<'a>(PhantomData<&'a ()>);

fn any<'a>() -> AnyVisitor<'a> {
    AnyVisitor(PhantomData)
}

impl<'de: 'a, 'a> Visitor<'de> for AnyVisitor<'a> {
    type Value = Parsed<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Parsed::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Parsed::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Parsed::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Parsed::U64(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).map_or(Parsed::I64(v), Parsed::U64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Parsed::F64(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Parsed::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Parsed::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Parsed::Text(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Parsed::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Parsed::Other)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Parsed<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(any())
    }
}

/// A string field: text only, like `Option<String>` (another JSON type
/// fails the entry, as it does for the owned shapes).
impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_str(any())? {
            Parsed::Text(text) => Ok(Text(text)),
            _ => Err(de::Error::custom("expected a string")),
        }
    }
}

/// `rawvalue`/`value` and other strings some versions send as a number or
/// a bool: those become their text; null, lists and objects are none.
pub(crate) fn text_or_number<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Text<'a>>, D::Error> {
    Ok(match d.deserialize_any(any())? {
        Parsed::Text(text) => Some(Text(text)),
        Parsed::U64(n) => Some(Text(Cow::Owned(n.to_string()))),
        Parsed::I64(n) => Some(Text(Cow::Owned(n.to_string()))),
        Parsed::F64(f) => serde_json::Number::from_f64(f).map(|n| Text(Cow::Owned(n.to_string()))),
        Parsed::Bool(b) => Some(Text(Cow::Owned(b.to_string()))),
        Parsed::Null | Parsed::Other => None,
    })
}

/// A property as `pool.dataset.query` sends it, borrowed from the answer.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PropertyRef<'a> {
    #[serde(borrow)]
    pub parsed: Parsed<'a>,
    #[serde(borrow, deserialize_with = "text_or_number")]
    pub rawvalue: Option<Text<'a>>,
    #[serde(borrow, deserialize_with = "text_or_number")]
    pub value: Option<Text<'a>>,
}

fn on_off(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Some(true),
        "off" | "no" | "false" => Some(false),
        _ => None,
    }
}

impl PropertyRef<'_> {
    fn rawvalue(&self) -> Option<&str> {
        self.rawvalue.as_ref().map(Text::as_str)
    }

    fn value(&self) -> Option<&str> {
        self.value.as_ref().map(Text::as_str)
    }

    /// A byte count or other integer: `parsed` when it is one (25.10),
    /// else `rawvalue` (24.10 and snapshots keep numbers there as text).
    pub fn as_u64(&self) -> Option<u64> {
        self.parsed
            .as_u64()
            .or_else(|| self.parsed.as_str().and_then(|s| s.parse().ok()))
            .or_else(|| self.rawvalue().and_then(|s| s.parse().ok()))
    }

    /// quota/refquota/reservation/refreservation: raw "0" means "none",
    /// so only a positive value is a limit.
    pub fn as_limit(&self) -> Option<u64> {
        self.as_u64().filter(|n| *n > 0)
    }

    /// On/off properties: `parsed` is a bool on 25.10; older releases have
    /// the "on"/"off" text, in `parsed` or only in `rawvalue`/`value`.
    pub fn as_bool(&self) -> Option<bool> {
        if let Some(b) = self.parsed.as_bool() {
            return Some(b);
        }
        self.parsed
            .as_str()
            .and_then(on_off)
            .or_else(|| self.rawvalue().and_then(on_off))
            .or_else(|| self.value().and_then(on_off))
    }

    /// A ratio such as `compressratio`: `parsed` may be a number or text;
    /// `value` is "1.52x", `rawvalue` "1.52".
    pub fn as_ratio(&self) -> Option<f64> {
        let from_text = |text: &str| text.trim().trim_end_matches(['x', 'X']).parse::<f64>().ok();
        self.parsed
            .as_f64()
            .or_else(|| self.parsed.as_str().and_then(from_text))
            .or_else(|| self.rawvalue().and_then(from_text))
            .or_else(|| self.value().and_then(from_text))
            .filter(|r| r.is_finite() && *r >= 0.0)
    }
}

impl Property {
    /// This property read through the same rules as a borrowed one.
    pub fn view(&self) -> PropertyRef<'_> {
        fn text(t: &Option<String>) -> Option<Text<'_>> {
            t.as_deref().map(|s| Text(Cow::Borrowed(s)))
        }
        PropertyRef {
            parsed: Parsed::of(&self.parsed),
            rawvalue: text(&self.rawvalue),
            value: text(&self.value),
        }
    }
}
