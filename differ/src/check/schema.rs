//! A mock body validated against production's JSON Schema without copying it whole: arrays
//! of many items are validated one item at a time against their `items` schema, so a body of
//! 200,000 items is held once, as its tree.

use std::collections::HashMap;
use std::fmt::Write;

use jsonschema::Validator;
use serde_json::{Map, Value};

use crate::tree::{Node, NodeKind};

/// Arrays with more items than this are validated item by item.
const ONE_AT_A_TIME: usize = 64;

/// A compiled schema and its document, to find the schema of a part of a body.
pub(super) struct Schema {
    validator: Validator,
    document: Value,
}

impl Schema {
    pub(super) fn new(document: Value) -> Option<Schema> {
        let validator = jsonschema::draft202012::new(&document).ok()?;
        Some(Schema { validator, document })
    }

    /// The first `limit` errors of `body`, as `pointer: message`.
    pub(super) fn errors(&self, body: &Node, limit: usize) -> Vec<String> {
        let mut run = Run { compiled: HashMap::new(), out: Vec::new(), limit };
        run.validate(&self.validator, &self.document, body, "");
        run.out
    }
}

/// One validation: the item schemas compiled so far (by address in the document, which
/// outlives the run) and the errors found.
struct Run {
    compiled: HashMap<usize, Option<Validator>>,
    out: Vec<String>,
    limit: usize,
}

impl Run {
    /// Validates `node` (at `at`, a JSON pointer) against `schema`: the node with its long
    /// arrays left empty first, then each item of each of those arrays against the arrays'
    /// `items` schema. Our schemas have no `minItems`, `maxItems` or `contains`, so an empty
    /// array stands for its items there.
    fn validate(&mut self, validator: &Validator, schema: &Value, node: &Node, at: &str) {
        let mut deferred = Vec::new();
        let value = hollow(node, Some(schema), &mut at.to_owned(), &mut deferred);
        if !validator.is_valid(&value) {
            for e in validator.iter_errors(&value) {
                if self.out.len() >= self.limit {
                    return;
                }
                let path = format!("{at}{}", e.instance_path.as_str());
                self.out.push(format!("{}: {e}", if path.is_empty() { "/" } else { &path }));
            }
        }
        drop(value);
        for (pointer, items, item_schema) in deferred {
            let address = item_schema as *const Value as usize;
            let compiled =
                self.compiled.remove(&address).unwrap_or_else(|| jsonschema::draft202012::new(item_schema).ok());
            if let Some(v) = &compiled {
                for (i, item) in items.iter().enumerate() {
                    if self.out.len() >= self.limit {
                        break;
                    }
                    self.validate(v, item_schema, item, &format!("{pointer}/{i}"));
                }
            }
            self.compiled.insert(address, compiled);
        }
    }
}

/// An array whose items are validated apart: its pointer, its items and their schema.
type Deferred<'a> = (String, &'a [Node], &'a Value);

/// `node` as a value, with each array of more than [`ONE_AT_A_TIME`] items whose schema is
/// known left empty and listed in `deferred`. `schema` is the node's schema, when known.
fn hollow<'a>(node: &'a Node, schema: Option<&'a Value>, at: &mut String, deferred: &mut Vec<Deferred<'a>>) -> Value {
    let Some(schema) = schema.filter(|s| s.is_object()) else { return node.to_value() };
    match &node.kind {
        NodeKind::Array(items) => {
            let item_schema = schema.get("items").filter(|s| s.is_object());
            if let (Some(is), true) = (item_schema, items.len() > ONE_AT_A_TIME) {
                deferred.push((at.clone(), items, is));
                return Value::Array(Vec::new());
            }
            let prefix = schema.get("prefixItems").and_then(Value::as_array);
            let of = |i: usize| prefix.map_or(item_schema, |p| p.get(i));
            let mut out = Vec::with_capacity(items.len());
            for (i, n) in items.iter().enumerate() {
                let len = at.len();
                write!(at, "/{i}").expect("strings grow");
                out.push(hollow(n, of(i), at, deferred));
                at.truncate(len);
            }
            Value::Array(out)
        }
        NodeKind::Object(fields) => {
            let props = schema.get("properties");
            let extra = schema.get("additionalProperties");
            let mut m = Map::new();
            for (k, v) in fields {
                let s = props.and_then(|p| p.get(&**k)).or(extra);
                let len = at.len();
                at.push('/');
                at.push_str(&k.replace('~', "~0").replace('/', "~1"));
                m.insert(k.to_string(), hollow(v, s, at, deferred));
                at.truncate(len);
            }
            Value::Object(m)
        }
        _ => node.to_value(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn errors(schema: Value, body: &str) -> Vec<String> {
        let node = Node::parse(body.as_bytes(), 1).expect("valid JSON");
        Schema::new(schema).expect("compiles").errors(&node, 5)
    }

    #[test]
    fn long_arrays_are_validated_item_by_item_with_the_same_findings() {
        let schema = json!({"type": "object", "required": ["data"], "properties": {
            "data": {"type": "array", "items": {"type": "object", "required": ["id"],
                "properties": {"id": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}});
        let items: Vec<String> = (0..200)
            .map(|i| match i {
                150 => r#"{"id": "x"}"#.to_owned(),
                170 => format!(
                    r#"{{"id": {i}, "tags": [{}]}}"#,
                    (0..100)
                        .map(|t| if t == 99 { "1".to_owned() } else { format!("\"t{t}\"") })
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                _ => format!(r#"{{"id": {i}}}"#),
            })
            .collect();
        let body = format!(r#"{{"data": [{}], "extra": 1}}"#, items.join(","));
        let found = errors(schema.clone(), &body);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("/data/150/id: "), "{found:?}");
        assert!(found[1].starts_with("/data/170/tags/99: "), "{found:?}");
        // The same as validating the whole value at once.
        let whole = jsonschema::draft202012::new(&schema).expect("compiles");
        let value: Value = serde_json::from_str(&body).expect("valid");
        let paths: Vec<String> = whole.iter_errors(&value).map(|e| e.instance_path.to_string()).collect();
        assert_eq!(paths, ["/data/150/id", "/data/170/tags/99"]);
        // The parent is still checked while its long array is validated apart.
        let missing = errors(schema, r#"{"other": []}"#);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].starts_with("/: "), "{missing:?}");
    }

    #[test]
    fn the_limit_holds_across_items() {
        let schema = json!({"type": "array", "items": {"type": "integer"}});
        let body = format!("[{}]", vec!["\"x\""; 500].join(","));
        assert_eq!(errors(schema, &body).len(), 5);
    }
}
