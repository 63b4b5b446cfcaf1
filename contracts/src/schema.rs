//! JSON Schema 2020-12 export of shapes, with `x-mockdrift-*` annotations for the evidence.

use serde_json::{Map, Value, json};

use crate::shape::{Kind, Shape};

/// The `$schema` URI of the exported schemas.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of a shape, as a standalone document (with `$schema`).
pub fn to_json_schema(shape: &Shape) -> Value {
    let mut s = schema_of(shape);
    if let Value::Object(m) = &mut s {
        m.insert("$schema".to_owned(), json!(DIALECT));
    }
    s
}

/// The schema of a shape, without `$schema` (for embedding, e.g. in OpenAPI 3.1).
pub fn schema_of(shape: &Shape) -> Value {
    let mut m = Map::new();
    let kinds = shape.kinds();
    let types: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    match types.len() {
        0 => {}
        1 => {
            m.insert("type".into(), json!(types[0]));
        }
        _ => {
            m.insert("type".into(), json!(types));
        }
    }
    m.insert("x-mockdrift-count".into(), json!(shape.count()));
    if shape.cut > 0 {
        m.insert("x-mockdrift-depth-cut".into(), json!(shape.cut));
    }
    if shape.null > 0 {
        m.insert("x-mockdrift-null-count".into(), json!(shape.null));
    }
    for (kind, n) in [(&shape.integer, "integer"), (&shape.number, "number")] {
        if let Some(num) = kind
            && (kinds.contains(&Kind::Integer) && n == "integer" || kinds.contains(&Kind::Number) && n == "number")
        {
            m.insert("x-mockdrift-range".into(), json!([num.min, num.max]));
        }
    }
    if let Some(s) = &shape.string {
        if let Some(f) = s.format() {
            match f.json_schema() {
                Some(js) => {
                    m.insert("format".into(), json!(js));
                }
                None => {
                    m.insert("x-mockdrift-format".into(), json!(f.name()));
                }
            }
        }
        if let Some(vals) = s.enum_values() {
            let mut e: Vec<Value> = vals.into_iter().map(Value::from).collect();
            if shape.kinds().len() > 1 {
                // Other kinds are allowed by `type`; `enum` must not forbid them.
                m.insert("x-mockdrift-string-values".into(), Value::Array(e));
            } else {
                e.dedup();
                m.insert("enum".into(), Value::Array(e));
            }
        }
        m.insert("x-mockdrift-length".into(), json!([s.min_len, s.max_len]));
    }
    if let Some(a) = &shape.array {
        if a.is_tuple() {
            let positions = a.positions.as_ref().expect("tuples have positions");
            m.insert("prefixItems".into(), Value::Array(positions.iter().map(schema_of).collect()));
            m.insert("items".into(), json!(false));
        } else if !a.items.is_empty() {
            m.insert("items".into(), schema_of(&a.items));
        }
        m.insert("x-mockdrift-array-length".into(), json!([a.min_len, a.max_len]));
    }
    if let Some(o) = &shape.object {
        if let Some(map) = &o.map {
            m.insert("additionalProperties".into(), schema_of(&map.values));
            m.insert("x-mockdrift-map-keys".into(), json!(map.distinct_keys()));
        } else if o.is_map() {
            let mut values = Shape::default();
            for f in o.fields.values() {
                values.merge(&f.shape, &crate::Limits::default());
            }
            m.insert("additionalProperties".into(), schema_of(&values));
            m.insert("x-mockdrift-map-keys".into(), json!(o.fields.len()));
        } else {
            let mut props = Map::new();
            let mut required = Vec::new();
            for (k, f) in &o.fields {
                let mut fs = schema_of(&f.shape);
                if let Value::Object(fm) = &mut fs {
                    fm.insert("x-mockdrift-present".into(), json!(f.present));
                    fm.insert("x-mockdrift-of".into(), json!(o.count));
                    fm.insert("x-mockdrift-ratio".into(), json!(f.present as f64 / o.count.max(1) as f64));
                    fm.insert("x-mockdrift-first-seen".into(), json!(f.first_seen.to_rfc3339()));
                    fm.insert("x-mockdrift-last-seen".into(), json!(f.last_seen.to_rfc3339()));
                    if f.present < o.count && f.present_since_first_seen() {
                        fm.insert("x-mockdrift-present-since-first-seen".into(), json!(true));
                    }
                }
                if o.is_required(f) {
                    required.push(Value::from(k.as_str()));
                }
                props.insert(k.clone(), fs);
            }
            m.insert("properties".into(), Value::Object(props));
            if !required.is_empty() {
                m.insert("required".into(), Value::Array(required));
            }
        }
    }
    Value::Object(m)
}
