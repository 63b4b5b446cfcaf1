//! How value sets are written in snapshots and the store: hashes as hex, "many" as a tag.

use super::*;

pub(crate) mod hex_hashes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|h| format!("{h:016x}")))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter().map(|h| u64::from_str_radix(h, 16).map_err(serde::de::Error::custom)).collect()
    }
}

#[derive(Serialize, Deserialize)]
struct ValueRepr {
    hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    exchanges: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum ValuesRepr {
    Many(ManyTag),
    Tracked(Vec<ValueRepr>),
}

#[derive(Serialize, Deserialize)]
enum ManyTag {
    #[serde(rename = "many")]
    Many,
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Values::Many => ValuesRepr::Many(ManyTag::Many).serialize(s),
            Values::Tracked(v) => s.collect_seq(v.iter().map(|(h, e)| ValueRepr {
                hash: format!("{h:016x}"),
                value: e.text.clone(),
                exchanges: e.exchanges,
            })),
        }
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match ValuesRepr::deserialize(d)? {
            ValuesRepr::Many(_) => Ok(Values::Many),
            ValuesRepr::Tracked(v) => v
                .into_iter()
                .map(|r| {
                    let h = u64::from_str_radix(&r.hash, 16).map_err(serde::de::Error::custom)?;
                    Ok((h, ValueEntry { text: r.value, exchanges: r.exchanges, stamp: 0, checked: false }))
                })
                .collect::<Result<_, _>>()
                .map(Values::Tracked),
        }
    }
}
