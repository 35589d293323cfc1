//! A `pool.dataset.query` entry borrowed from the answer's text, and
//! [`DatasetList`], which turns a page of them into the caller's own rows
//! as it parses, so no owned [`Dataset`] is built or kept per entry. A large
//! fleet's poll reads half a million datasets; building and dropping an
//! owned `Dataset` for each was the larger part of parsing them.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::dataset::{Dataset, locked_state};
use super::property_ref::{PropertyRef, Text};

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct DatasetRef<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(rename = "type", borrow)]
    pub dataset_type: Option<Text<'a>>,
    #[serde(borrow)]
    pub name: Option<Text<'a>>,
    pub encrypted: Option<bool>,
    #[serde(borrow)]
    pub encryption_root: Option<Text<'a>>,
    pub key_loaded: Option<bool>,
    pub locked: Option<bool>,
    #[serde(borrow)]
    pub mountpoint: Option<Text<'a>>,
    #[serde(borrow)]
    pub used: Option<PropertyRef<'a>>,
    #[serde(borrow)]
    pub available: Option<PropertyRef<'a>>,
    #[serde(borrow)]
    pub quota: Option<PropertyRef<'a>>,
    #[serde(borrow)]
    pub volsize: Option<PropertyRef<'a>>,
    #[serde(borrow)]
    pub compressratio: Option<PropertyRef<'a>>,
    #[serde(borrow)]
    pub readonly: Option<PropertyRef<'a>>,
    /// Descendants, as REST's hierarchical answer nests them;
    /// [`DatasetList`] lifts them into its flat list.
    #[serde(borrow)]
    pub children: Vec<DatasetRef<'a>>,
}

fn text(value: &Option<String>) -> Option<Text<'_>> {
    value.as_deref().map(|s| Text(Cow::Borrowed(s)))
}

impl DatasetRef<'_> {
    /// See [`Dataset::is_locked`].
    pub fn is_locked(&self) -> Option<bool> {
        locked_state(self.locked, self.encrypted, self.key_loaded)
    }

    /// The dataset's full name: `name`, else `id` (they are the same).
    pub fn full_name(&self) -> &str {
        self.name.as_ref().unwrap_or(&self.id).as_str()
    }
}

impl Dataset {
    /// This dataset read like a borrowed one (without its children).
    pub fn view(&self) -> DatasetRef<'_> {
        fn property(p: &Option<super::Property>) -> Option<PropertyRef<'_>> {
            p.as_ref().map(super::Property::view)
        }
        DatasetRef {
            id: Text(Cow::Borrowed(&self.id)),
            dataset_type: text(&self.dataset_type),
            name: text(&self.name),
            encrypted: self.encrypted,
            encryption_root: text(&self.encryption_root),
            key_loaded: self.key_loaded,
            locked: self.locked,
            mountpoint: text(&self.mountpoint),
            used: property(&self.used),
            available: property(&self.available),
            quota: property(&self.quota),
            volsize: property(&self.volsize),
            compressratio: property(&self.compressratio),
            readonly: property(&self.readonly),
            children: Vec::new(),
        }
    }
}

/// What a caller keeps of each dataset of a [`DatasetList`].
pub trait FromDataset {
    fn from_dataset(dataset: &DatasetRef<'_>) -> Self;
}

/// A `pool.dataset.query` answer (a flat page, or REST's nested tree) as
/// the caller's rows, parents before their children.
#[derive(Debug)]
pub struct DatasetList<R> {
    pub rows: Vec<R>,
    /// Entries at the top level of the answer, which is what the query's
    /// `offset` and `limit` count.
    pub listed: usize,
}

fn push_flat<R: FromDataset>(dataset: &DatasetRef<'_>, rows: &mut Vec<R>) {
    rows.push(R::from_dataset(dataset));
    for child in &dataset.children {
        push_flat(child, rows);
    }
}

impl<'de, R: FromDataset> Deserialize<'de> for DatasetList<R> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<R>(PhantomData<R>);

        impl<'de, R: FromDataset> Visitor<'de> for Entries<R> {
            type Value = DatasetList<R>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of datasets")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = DatasetList {
                    rows: Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096)),
                    listed: 0,
                };
                while let Some(dataset) = seq.next_element::<DatasetRef<'de>>()? {
                    list.listed += 1;
                    push_flat(&dataset, &mut list.rows);
                }
                Ok(list)
            }
        }

        d.deserialize_seq(Entries(PhantomData))
    }
}

#[cfg(test)]
#[path = "dataset_ref_tests.rs"]
pub(crate) mod tests;
