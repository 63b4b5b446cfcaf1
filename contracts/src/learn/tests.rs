use super::*;
use crate::template::Templater;

/// The signature as first written, over a `serde_json::Value`.
fn value_signature(body: &[u8]) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let (obj, array) = match &v {
        serde_json::Value::Object(o) => (o, false),
        serde_json::Value::Array(items) => (items.first()?.as_object()?, true),
        _ => return None,
    };
    // Null members are left out; one member holding an object of two or more is a root element.
    let own: Vec<&serde_json::Value> = obj.values().filter(|v| !v.is_null()).collect();
    let wrapped = match (obj.len() <= ENVELOPE_MEMBERS, own.as_slice()) {
        (true, [serde_json::Value::Object(o)]) => o.iter().filter(|(k, v)| !v.is_null() && field_name(k)).count(),
        (_, [serde_json::Value::Array(items)]) => match items.first() {
            Some(serde_json::Value::Object(o)) => o.iter().filter(|(k, v)| !v.is_null() && field_name(k)).count(),
            _ => 0,
        },
        _ => 0,
    };
    let long = obj.iter().any(|(k, v)| (v.is_object() || v.is_array()) && k.len() > MAX_PARENT_KEY);
    if own.len() < 2 && !array && !(own.len() == 1 && wrapped >= 2 && !long) {
        return None;
    }
    let kind = |v: &serde_json::Value| match v {
        serde_json::Value::Null => 'n',
        serde_json::Value::Bool(_) => 'b',
        serde_json::Value::Number(_) => '0',
        serde_json::Value::String(_) => 's',
        serde_json::Value::Array(_) => 'a',
        serde_json::Value::Object(_) => 'o',
    };
    // A member holding a list of objects adds its first item's members (`data.id`).
    let mut members: Vec<(String, char)> = Vec::new();
    for (k, v) in obj {
        members.push((k.clone(), kind(v)));
        if k.len() > MAX_PARENT_KEY {
            continue;
        }
        if let (false, serde_json::Value::Array(items)) = (array, v)
            && let Some(serde_json::Value::Object(first)) = items.first()
        {
            members.extend(first.iter().map(|(ik, iv)| (format!("{k}.{ik}"), kind(iv))));
        }
        // An envelope's members holding objects add their members (`data.id`).
        if let (false, true, serde_json::Value::Object(inner)) = (array, obj.len() <= ENVELOPE_MEMBERS, v) {
            members.extend(inner.iter().map(|(ik, iv)| (format!("{k}.{ik}"), kind(iv))));
        }
    }
    members.retain(|(_, kind)| *kind != 'n');
    members.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    array.hash(&mut h);
    for (k, kind) in &members {
        k.hash(&mut h);
        kind.hash(&mut h);
    }
    Some(h.finish())
}

#[test]
fn the_streamed_body_signature_is_the_one_over_a_value() {
    let bodies = [
        r#"{"id": 1, "name": "a", "tags": ["x", {"y": 1}], "owner": {"id": 2, "login": "o"}, "n": null, "ok": true}"#,
        r#"[{"b": 1.5, "a": "x", "nested": {"deep": [1, 2]}}, {"c": 1}]"#,
        r#"{"a": 1, "a": "twice", "b": [] }"#,
        r#"{"only": 1}"#,
        r#"{"data": [{"id": 1, "product_ref": "p", "price": {"a": 1}}, {"other": 2}], "has_more": true}"#,
        r#"{"data": [{"id": 1, "order_ref": "o", "price": {"a": 1}}], "has_more": false}"#,
        r#"{"data": ["x", {"id": 1}], "items": [[1]], "n": 2}"#,
        r#"{"data": [{"id": 1, "x": 2}]}"#,
        r#"[]"#,
        r#"[1, 2]"#,
        r#"[{}]"#,
        r#""text""#,
        r#"{"a": 1, "b": 2"#,
        r#"{"a": 1, "b": 2} trailing"#,
        r#"{"a": {"b": {"c": 1}}, "d": [[{"e": 1}]]}"#,
        r#"{"data": {"id": 1, "kind": "x", "tags": [{"a": 1}], "o": {"deep": 1}}, "meta": {"v": 2}}"#,
        r#"{"data": {"id": 1, "kind": "x", "b": 1}, "meta": {"v": 2}, "c": 1, "d": 2, "e": 3, "f": {"g": 1}}"#,
        r#"{"data": {"id": 1, "data": 2}, "meta": {}, "data": {"z": 1}}"#,
        r#"{"a": {"b.c": 1}, "a.b": {"c": "x"}}"#,
        r#"{"a.b": "x", "a": {"b": 1}}"#,
        r#"{"data": {"a": 1, "a": "x"}, "meta": 1}"#,
        r#"{"data": [{"a": 1, "a": "x"}], "data": [{"b": 1}], "n": 1}"#,
        r#"{"data": [{"id": 1, "x": null}], "has_more": true}"#,
        r#"{"data": {"id": 1, "x": null}, "meta": {"v": null}}"#,
        r#"{"a": null, "b": null, "c": 1}"#,
        r#"{"a": null, "a": 1, "b": 2}"#,
        r#"[{"a": null, "b": 1}]"#,
        r#"{"user": {"id": 7, "login": "dtolnay"}}"#,
        r#"{"user": {"id": 7, "login": null}}"#,
        r#"{"user": {"id": 7, "login": "x"}, "meta": null}"#,
        r#"{"user": {"id": 7, "login": "x"}, "user": 1}"#,
        r#"{"user": 1, "user": {"id": 7, "login": "x"}}"#,
        r#"{"users": [{"id": 7, "login": "x"}]}"#,
        r#"{"users": [{"id": 7, "login": null}, {"id": 8, "login": "x"}]}"#,
        r#"{"users": [], "next": null}"#,
        r#"{"users": ["x", {"id": 7, "login": "x"}]}"#,
        r#"{"user": {"id": 7, "id": 8}}"#,
        r#"{"user": {"a": 1, "a": null, "b": 2}}"#,
        r#"{"user": {"a": null, "a": 1, "b": 2}}"#,
        r#"{"users": [{"id": 7, "id": 8}]}"#,
        r#"{"items": {"123": {"a": 1}, "456": {"a": 2}}}"#,
        r#"{"items": {"123": {"a": 1}, "name": "x", "kind": "y"}}"#,
        r#"{"user": {"id": 7, "login": "x"}, "a": null, "b": null, "c": null, "d": null, "e": null}"#,
        "not json",
    ];
    let long = "k".repeat(MAX_PARENT_KEY + 1);
    let hostile = [
        format!(r#"{{"{long}": {{"a": 1, "b": 2}}, "n": 1}}"#),
        format!(r#"{{"{long}": [{{"a": 1}}], "n": 1}}"#),
        r#"{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": {"x": 1}, "a": 2}"#.to_owned(),
        r#"{"f": {"x": 1}, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5}"#.to_owned(),
        format!(r#"{{"{long}": {{"a": 1, "b": 2}}}}"#),
        format!(r#"{{"{long}": [{{"a": 1, "b": 2}}]}}"#),
    ];
    for b in bodies.iter().copied().chain(hostile.iter().map(String::as_str)) {
        assert_eq!(body_signature(b.as_bytes()), value_signature(b.as_bytes()), "{b}");
    }
    assert!(body_signature(bodies[0].as_bytes()).is_some());
    assert!(body_signature(bodies[1].as_bytes()).is_some());
    // A root element tells endpoints apart by its object's members; a bare list does not.
    let user = body_signature(br#"{"user": {"id": 7, "login": "dtolnay"}}"#);
    assert!(user.is_some());
    assert_ne!(user, body_signature(br#"{"user": {"id": 7, "email": "x"}}"#));
    assert_eq!(body_signature(br#"{"user": {"id": 7}}"#), None);
    assert!(body_signature(br#"{"users": [{"id": 7, "login": "x"}]}"#).is_some());
    assert_eq!(body_signature(br#"{"users": []}"#), None);
    // A map by id is no root element: its names differ with every value.
    assert_eq!(body_signature(br#"{"items": {"123": {"a": 1}, "456": {"a": 2}}}"#), None);
    assert_eq!(body_signature(br#"{"users": [7, {"id": 7, "login": "x"}]}"#), None);
}

fn arb_body() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        (0i64..9).prop_map(serde_json::Value::from),
        prop::sample::select(vec!["x", "q\"}", "\\"]).prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(prop::sample::select(vec!["data", "id", "meta", "a", "b", "\"]"]), inner, 0..7)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest::proptest! {
    /// Over any body, compact or pretty: what is skipped never counted.
    #[test]
    fn the_streamed_body_signature_is_the_one_over_any_value(v in arb_body(), pretty in proptest::bool::ANY) {
        let b = if pretty { serde_json::to_vec_pretty(&v) } else { serde_json::to_vec(&v) }.expect("serializes");
        proptest::prop_assert_eq!(body_signature(&b), value_signature(&b));
    }
}

/// A distinct name of letters for each number (no digits: no value pattern takes it for
/// an id).
fn letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

#[test]
fn many_distinct_values_at_one_position_keep_the_trie_bounded() {
    let mut learner = PathLearner::default();
    for i in 0..20_000 {
        learner.add(&format!("/users/name-{}/repos", letters(i)), None, 1);
        learner.add("/users/me", None, 1);
    }
    let users = learner.root.lits.get("users").expect("users");
    assert!(users.lits.len() <= MAX_CHILDREN, "{}", users.lits.len());
    assert!(users.lits.contains_key("me"), "a heavy literal stays");
    let t = Templater::new(learner.learn(View::Whole));
    assert_eq!(t.template("/users/name-new/repos"), "/users/{user}/repos");
    assert_eq!(t.template("/users/me"), "/users/me");
}

#[test]
fn the_trie_stays_under_its_node_budget_whatever_is_added() {
    let mut learner = PathLearner::default();
    let mut most = 0;
    for i in 0..400_000 {
        // 2,000 parents, each with a couple of hundred distinct names below, each name with
        // an endpoint of its own below it: about three nodes a path, 1.2 million unbounded.
        learner.add(&format!("/org{}/members/{}/roles", i % 2_000, letters(i)), None, 1);
        if i % CHECK_EVERY == CHECK_EVERY - 1 {
            most = most.max(learner.nodes());
        }
    }
    assert!(most <= MAX_NODES, "{most} nodes after a check");
    assert!(learner.nodes() <= MAX_NODES + 3 * CHECK_EVERY, "{}", learner.nodes());
    let t = Templater::new(learner.learn(View::Whole));
    assert_eq!(t.template("/org7/members/zed/roles"), "/{name}/members/{member}/roles");
}

#[test]
fn slugs_become_parameters_and_literals_stay() {
    let mut paths = Vec::new();
    // Each owner's own repositories, and a fork of `linux` under every owner.
    for (i, owner) in ["rust-lang", "tokio-rs", "serde-rs", "hyperium", "octocat", "torvalds"].iter().enumerate() {
        for repo in ["cargo", "tokio", "serde", "hyper", "hello", "linux"] {
            let repo = if repo == "linux" { repo.to_owned() } else { format!("{repo}-{i}") };
            paths.push(format!("/repos/{owner}/{repo}"));
            if repo.starts_with("cargo") {
                paths.push(format!("/repos/{owner}/{repo}/pulls"));
            }
        }
    }
    for _ in 0..10 {
        paths.push("/users/me".to_owned());
    }
    for user in ["ana", "bo", "cy", "di", "ed", "flo"] {
        paths.push(format!("/users/{user}"));
    }
    let routes = learn(paths.iter().map(String::as_str));
    let t = Templater::new(routes);
    assert_eq!(t.template("/repos/rust-lang/cargo-0"), "/repos/{owner}/{repo}");
    assert_eq!(t.template("/repos/octocat/linux"), "/repos/{owner}/{repo}", "a fork is a value too");
    assert_eq!(t.template("/repos/new-owner/new-repo/pulls"), "/repos/{owner}/{repo}/pulls");
    assert_eq!(t.template("/users/zed"), "/users/{user}", "names, not ids");
    assert_eq!(t.template("/users/me"), "/users/me", "seen often: an endpoint of its own");
    assert_eq!(t.template("/health"), "/health");
}

#[test]
fn a_hot_name_beside_ids_with_only_the_ids_endpoints_below_is_one_of_them() {
    // HubSpot: half the requests name the pipeline `default`, the rest numbered pipelines,
    // each seen once; `default` has the numbered ones' `stages` below it, answering as
    // theirs do (shape 2; a pipeline is shape 1).
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for i in 0..40u64 {
        let id = 10_000_000 + i * 7_919;
        paths.push((format!("/crm/v3/pipelines/deals/{id}"), Some(1)));
        paths.push((format!("/crm/v3/pipelines/deals/{}/stages", id + 1), Some(2)));
        for _ in 0..2 {
            paths.push(("/crm/v3/pipelines/deals/default".to_owned(), Some(1)));
            paths.push(("/crm/v3/pipelines/deals/default/stages".to_owned(), Some(2)));
        }
        // Beside them, a hot endpoint with nothing below it (no JSON answer), and one with
        // an endpoint of its own below it: both stay.
        paths.push(("/crm/v3/pipelines/deals/me".to_owned(), None));
        paths.push(("/crm/v3/pipelines/deals/audit/log".to_owned(), Some(3)));
    }
    let learned = |paths: &[(String, Option<u64>)]| {
        Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))))
    };
    let t = learned(&paths);
    assert_eq!(t.template("/crm/v3/pipelines/deals/default/stages"), "/crm/v3/pipelines/deals/{deal_id}/stages");
    assert_eq!(t.template("/crm/v3/pipelines/deals/default"), "/crm/v3/pipelines/deals/{deal_id}");
    assert_eq!(t.template("/crm/v3/pipelines/deals/me"), "/crm/v3/pipelines/deals/me");
    assert_eq!(t.template("/crm/v3/pipelines/deals/audit/log"), "/crm/v3/pipelines/deals/audit/log");
    // Without answers to compare (no JSON, or errors only), nothing says `default` answers
    // as the ids do: it stays.
    let blind: Vec<(String, Option<u64>)> = paths.iter().map(|(p, _)| (p.clone(), None)).collect();
    assert_eq!(
        learned(&blind).template("/crm/v3/pipelines/deals/default/stages"),
        "/crm/v3/pipelines/deals/default/stages"
    );
}

#[test]
fn a_name_beside_ids_answering_otherwise_below_stays() {
    // Stripe: `/v1/credit_notes/preview/lines` beside `/v1/credit_notes/{id}/lines`, each
    // answering its own shape (a sidecar saw `preview/lines` but not `preview` itself).
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for i in 0..30u64 {
        paths.push((format!("/v1/credit_notes/{}", 1000 + i * 37), Some(1)));
        paths.push((format!("/v1/credit_notes/{}/lines", 2000 + i * 37), Some(2)));
        paths.push(("/v1/credit_notes/preview/lines".to_owned(), Some(3)));
        // The same with the ids' own answer below: one more value.
        paths.push(("/v1/credit_notes/latest/lines".to_owned(), Some(2)));
    }
    let t = Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))));
    assert_eq!(t.template("/v1/credit_notes/preview/lines"), "/v1/credit_notes/preview/lines");
    assert_eq!(t.template("/v1/credit_notes/latest/lines"), "/v1/credit_notes/{credit_note_id}/lines");
}

#[test]
fn a_few_dotted_names_with_values_below_are_values() {
    // Matrix: five media servers, each with media ids below, under `download` and
    // `thumbnail` (two endpoints, alike below: they stay literal once the servers are one
    // parameter).
    let mut paths = Vec::new();
    for (i, server) in ["matrix.org", "kde.org", "mozilla.org", "element.io", "acme.chat"].iter().enumerate() {
        for j in 0..6 {
            paths.push(format!("/_matrix/media/v3/download/{server}/{}", 100_000 + 31 * (6 * i + j)));
            paths.push(format!("/_matrix/media/v3/thumbnail/{server}/{}", 200_000 + 17 * (6 * i + j)));
        }
    }
    // Dotted endpoint names stay: Slack's methods (leaves), Kubernetes' API groups (a
    // version below each, then resources), a web app's files.
    for method in ["chat.postMessage", "reactions.add", "users.info", "conversations.list"] {
        for _ in 0..10 {
            paths.push(format!("/api/{method}"));
        }
    }
    for group in ["networking.k8s.io", "storage.k8s.io", "rbac.authorization.k8s.io"] {
        for _ in 0..10 {
            paths.push(format!("/apis/{group}/v1"));
        }
    }
    for file in ["app.js", "site.css"] {
        for _ in 0..10 {
            paths.push(format!("/static/{file}"));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let download = t.template("/_matrix/media/v3/download/kde.org/123");
    assert!(download.starts_with("/_matrix/media/v3/download/{"), "{download}");
    let thumbnail = t.template("/_matrix/media/v3/thumbnail/new.server/123");
    assert!(thumbnail.starts_with("/_matrix/media/v3/thumbnail/{"), "{thumbnail}");
    assert_eq!(t.template("/api/chat.postMessage"), "/api/chat.postMessage");
    assert_eq!(t.template("/apis/storage.k8s.io/v1"), "/apis/storage.k8s.io/v1");
    assert_eq!(t.template("/static/app.js"), "/static/app.js");
    assert!(node::dotted_name("ip-10-0-1-7.ec2.internal") && node::dotted_name("camera.front_door"));
    assert!(!node::dotted_name("v1.2") && !node::dotted_name("1.2.3") && !node::dotted_name("openapi.json"));
    assert!(!node::dotted_name("index.php") && !node::dotted_name(".well-known"));
}

#[test]
fn a_file_name_made_of_the_values_before_it_is_written_with_their_parameters() {
    // NuGet's flat container: `/{id}/{version}/{id}.{version}.nupkg` and `{id}.nuspec`, ids
    // with dots, versions with dots and dashes; every file name differs, the names made of
    // the values do not. One package with its own versions below a literal name (npm's
    // scoped tarballs kept apart), and a file whose name holds no earlier value.
    let mut paths = Vec::new();
    let ids = ["newtonsoft.json", "serilog", "humanizer.core", "xunit.runner.visualstudio", "dapper", "polly"];
    for (i, id) in ids.iter().enumerate() {
        for j in 0..8 {
            let version = format!("{}.{}.{}{}", 1 + i, j, 3 * j + i, if j == 5 { "-preview.7" } else { "" });
            paths.push(format!("/v3-flatcontainer/{id}/{version}/{id}.{version}.nupkg"));
            paths.push(format!("/v3-flatcontainer/{id}/{version}/{id}.nuspec"));
            paths.push(format!("/v3-flatcontainer/{id}/index.json"));
        }
    }
    // An endpoint's name holding the name before it is no file's (Stripe's
    // `/v1/accounts/{account}/external_accounts`, a leaf here, a collection below).
    for a in 0..12 {
        paths.push(format!("/v1/accounts/acct_{}/external_accounts", letters(a + 40)));
        paths.push(format!("/v1/accounts/acct_{}/external_accounts/ba_{}", letters(a + 40), letters(a + 9)));
        paths.push(format!("/v1/accounts/acct_{}/persons", letters(a + 40)));
    }
    for j in 0..8 {
        paths.push(format!("/pool/main/zlib/1.{j}.{}/zlib_1.{j}.{}_amd64.deb", 2 * j, 2 * j));
        paths.push(format!("/pool/main/zlib/1.{j}.{}/README.txt", 2 * j));
    }
    // Maven's: many files beside each other under each version, each a name made of the
    // artifact and the version; they stay names, however many (not one parameter's values).
    let files = [
        "{a}-{v}.jar",
        "{a}-{v}.pom",
        "{a}-{v}.jar.sha1",
        "{a}-{v}.jar.asc",
        "{a}-{v}-sources.jar",
        "{a}-{v}-javadoc.jar",
        "{a}-{v}.module",
    ];
    for (i, a) in ["guava", "commons-lang3", "jackson-core", "slf4j-api", "netty-handler"].iter().enumerate() {
        for j in 0..6 {
            let v = format!("{}.{j}.{}", 2 + i, 7 * j + i);
            for (k, f) in files.iter().enumerate() {
                if (i + j + k) % 5 != 0 {
                    paths.push(format!("/maven2/org/example/{a}/{v}/{}", f.replace("{a}", a).replace("{v}", &v)));
                }
            }
        }
    }
    let routes = learn(paths.iter().map(String::as_str));
    let texts: Vec<&str> = routes.iter().map(Route::as_str).collect();
    let t = Templater::new(routes.clone());
    for f in files {
        let m =
            t.template(&format!("/maven2/org/example/zstd/1.0.0/{}", f.replace("{a}", "zstd").replace("{v}", "1.0.0")));
        let m: Vec<&str> = m.split('/').collect();
        assert_eq!(m[6], f.replace("{a}", m[4]).replace("{v}", m[5]), "{texts:?}");
    }
    let nupkg = t.template("/v3-flatcontainer/moq/4.2.0/moq.4.2.0.nupkg");
    let nuspec = t.template("/v3-flatcontainer/moq/4.2.0/moq.nuspec");
    let parts = |t: &str| t.split('/').map(str::to_owned).collect::<Vec<_>>();
    let (p, s) = (parts(&nupkg), parts(&nuspec));
    assert!(p[2].starts_with('{') && p[3].starts_with('{'), "{texts:?}");
    // The file name is written with the parameters above it, by their names.
    assert_eq!(p[4], format!("{}.{}.nupkg", p[2], p[3]), "{texts:?}");
    assert_eq!(s[4], format!("{}.nuspec", s[2]), "{texts:?}");
    // A literal value is written back as itself; a file holding no value stays literal.
    let deb = t.template("/pool/main/zlib/1.9.18/zlib_1.9.18_amd64.deb");
    let d = parts(&deb);
    assert!(d[4].starts_with('{'), "{deb}");
    assert_eq!(d[5], format!("zlib_{}_amd64.deb", d[4]), "{texts:?}");
    assert!(texts.iter().any(|t| t.ends_with("/README.txt")), "{texts:?}");
    assert_eq!(t.template("/v1/accounts/acct_new/external_accounts"), "/v1/accounts/{account}/external_accounts");
    // (Read apart from the collection of the same name, the leaf joined its siblings as
    // values on a sidecar's view: one trie node for both.)
    let mut learner = PathLearner::default();
    learner.add("/v1/accounts/acct_a/external_accounts/ba_b", None, 1);
    let before = learner.nodes();
    learner.add("/v1/accounts/acct_a/external_accounts", None, 1);
    assert_eq!(learner.nodes(), before);
    assert!(texts.iter().all(|t| !t.contains(['\u{1}', '\u{2}'])), "{texts:?}");
    // The routes parse, match the paths they came from, and no other file name.
    let r = Route::parse(&nupkg).expect("a route");
    assert!(r.matches("/v3-flatcontainer/serilog/2.0.1/serilog.2.0.1.nupkg"));
    assert!(!r.matches("/v3-flatcontainer/serilog/2.0.1/serilog.nuspec"));
    assert_eq!(crate::template::param_names(&p[4]).len(), 2);
    // What is and is not a file name made of values: whole values between separators, of
    // two bytes or more, never the segment whole.
    assert_eq!(with_references(&["a", "pkg", "1.2"], "pkg-1.2.tgz").as_deref(), Some("\u{1}1\u{2}-\u{1}2\u{2}.tgz"));
    assert_eq!(with_references(&["a", "pkg"], "pkgs.tgz"), None);
    assert_eq!(with_references(&["a", "12"], "12"), None);
    assert_eq!(with_references(&["a", "7"], "7.json"), None);
    assert_eq!(with_references(&["git", "ref"], "ref_AAwdfVAqFSspQe"), None);
    // A version no segment holds: npm's tarballs, Debian's sources (the name is one of many).
    assert_eq!(with_references(&["lodash", "-"], "lodash-4.17.21.tgz"), None);
    assert_eq!(with_references(&["pool", "main", "z", "zlib"], "zlib_1.2.13.dsc"), None);
    // Only a file's name, not an endpoint's format, a host's name or a path no client sends.
    let mut learner = PathLearner::default();
    learner.add("/repos/octocat/octocat.github.io/pulls", None, 1);
    learner.add("/v1/accounts/acct_a/external_accounts.json", None, 1);
    let before = learner.nodes();
    learner.add("/repos/octocat/octocat.github.io", None, 1);
    learner.add("/v1/accounts/acct_a/external_accounts", None, 1);
    assert_eq!(learner.nodes(), before);
    learner.add("/flat/pkg/1.0/\u{1}0\u{2}.nupkg", None, 1);
    assert_eq!(learner.nodes(), before);
    let why = crate::template::explain("/flat/{id}/{version}/{id}.{version}.nupkg", &["/flat/a/1.0/a.1.0.nupkg"]);
    assert_eq!(why[2].0, "{id}.{version}.nupkg", "{why:?}");
    assert!(why[2].1.contains("{id} and {version}"), "{why:?}");
    assert_eq!(expand_references("/a/{x}/\u{1}1\u{2}.nuspec"), "/a/{x}/{x}.nuspec");
}

#[test]
fn an_apis_namespaces_stay_beside_an_open_set_of_its_tenants_names() {
    // Elasticsearch: a hundred indices at the top, each seen with a few of its endpoints,
    // beside the API's own namespaces (`_cluster/health`, `_tasks/{task}`, `_alias/{name}`),
    // whose names below are none of the indices'.
    let mut paths = Vec::new();
    let below = ["_search", "_count", "_mapping", "_settings"];
    for i in 0..100 {
        let index = format!("logs-{}-2026.11.{:02}", letters(i), i % 28 + 1);
        paths.push(format!("/{index}/{}", below[i % below.len()]));
        if i % 3 == 0 {
            paths.push(format!("/{index}/_doc/{}", 1000 + i));
        }
    }
    // Seen too little for the count alone to keep them apart (a twentieth of the paths).
    for i in 0..6 {
        paths.push("/_cluster/health".to_owned());
        paths.push(format!("/_tasks/node{}:{}", i % 3, 5000 + i));
    }
    for name in ["orders-read", "orders-write", "logs", "products-current"] {
        paths.push(format!("/_alias/{name}"));
        paths.push(format!("/_alias/{name}"));
    }
    // A value seen twice, with an endpoint no other value was seen with, is no namespace.
    paths.push("/logs-zz-2026.11.30/_rollover".to_owned());
    paths.push("/logs-zz-2026.11.30/_rollover".to_owned());
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/logs-x-2026.12.01/_search"), "/{name}/_search");
    assert_eq!(t.template("/logs-x-2026.12.01/_doc/7"), "/{name}/_doc/{_doc_id}");
    assert_eq!(t.template("/_cluster/health"), "/_cluster/health");
    assert!(t.template("/_tasks/node9:1").starts_with("/_tasks/{"), "{}", t.template("/_tasks/node9:1"));
    assert!(t.template("/_alias/logs").starts_with("/_alias/"), "{}", t.template("/_alias/logs"));
    assert_eq!(t.template("/logs-zz-2026.11.30/_rollover"), "/{name}/_rollover");
    // Among a few values, a name seen with endpoints no other value was seen with is chance:
    // the rule needs many (`NAMESPACE_SIBLINGS`).
    let mut paths = Vec::new();
    for (i, gist) in ["a1b2c3", "d4e5f6", "0a1b2c", "3d4e5f", "6a7b8c", "9c8b7a", "f6e5d4", "c3b2a1"].iter().enumerate()
    {
        paths.push(format!("/gists/{gist}/{}", ["star", "forks"][i % 2]));
    }
    paths.push("/gists/00aa11/star".to_owned());
    paths.push("/gists/00aa11/forks".to_owned());
    for _ in 0..3 {
        paths.push("/gists/9f8e7d/commits".to_owned());
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/gists/9f8e7d/commits"), "/gists/{gist}/commits");
}

#[test]
fn a_hot_value_written_as_values_are_joins_them_where_a_hot_name_stays() {
    // Wikipedia's pages: titles seen once each, a few seen far more often (the main page, a
    // famous one, one with punctuation), beside `random`, an endpoint, as often. No response
    // shape tells them apart (HTML).
    let mut paths = Vec::new();
    for i in 0..40 {
        paths.push(format!("/page/html/{}_{}", letters(i).to_uppercase(), letters(i + 7)));
    }
    for _ in 0..40 {
        for hot in ["Main_Page", "Albert_Einstein", "AC%2FDC", "Python_(programming_language)", "random"] {
            paths.push(format!("/page/html/{hot}"));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    for hot in ["Main_Page", "Albert_Einstein", "AC%2FDC", "Python_(programming_language)"] {
        assert_eq!(t.template(&format!("/page/html/{hot}")), "/page/html/{html}", "{hot}");
    }
    assert_eq!(t.template("/page/html/random"), "/page/html/random");
}

/// A body signature standing for a response shape.
fn sig(n: u64) -> Option<u64> {
    Some(n)
}

#[test]
fn one_envelope_for_every_endpoint_merges_nothing_a_resource_shape_does() {
    let endpoints = ["orders", "invoices", "refunds", "payouts"];
    let mut paths: Vec<(String, Option<u64>, usize)> = Vec::new();
    for (i, e) in endpoints.iter().enumerate() {
        // Every answer, list or item, one envelope (seen at two depths: generic).
        paths.push((format!("/{e}"), sig(7), 3));
        paths.push((format!("/{e}/{}", 100 + i), sig(7), 3));
    }
    let routes = learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole);
    let t = Templater::new(routes);
    assert_eq!(t.template("/orders"), "/orders", "endpoint names stay apart");
    assert_eq!(t.template("/refunds"), "/refunds");
    // Three pets answering one item shape, two finders one list shape each of their own:
    // the values merge, the finders stay.
    let mut paths: Vec<(String, Option<u64>, usize)> = Vec::new();
    for pet in ["rex-dog", "tom-cat", "kiki-bird"] {
        paths.push((format!("/pet/{pet}"), sig(1), 5));
    }
    paths.push(("/pet/findByStatus".to_owned(), sig(2), 5));
    paths.push(("/pet/findByTags".to_owned(), sig(3), 5));
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    assert_eq!(t.template("/pet/new-pet"), "/pet/{pet}");
    assert_eq!(t.template("/pet/findByStatus"), "/pet/findByStatus");
    assert_eq!(t.template("/pet/findByTags"), "/pet/findByTags");
}

#[test]
fn organizations_each_seen_on_a_few_endpoints_are_one_parameter() {
    // Fourteen organizations, each seen on a different third of twelve endpoints: no two
    // subtrees hold much of each other, the union of the others holds each.
    let subs = [
        "hooks",
        "members",
        "teams",
        "projects",
        "events",
        "repos",
        "blocks",
        "migrations",
        "installations",
        "invitations",
        "packages",
        "settings",
    ];
    let mut paths = Vec::new();
    for o in 0..14 {
        for k in 0..4 {
            let sub = subs[(o * 5 + k * 3) % subs.len()];
            paths.push(format!("/orgs/org-{}/{sub}/{}", letters(o), o * 10 + k));
            paths.push(format!("/orgs/org-{}/{sub}", letters(o)));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/orgs/org-new/hooks"), "/orgs/{org}/hooks");
    assert_eq!(t.template("/orgs/org-new/teams/7"), "/orgs/{org}/teams/{team_id}");
}

#[test]
fn an_apis_mirrored_collections_stay_apart() {
    let mut paths = Vec::new();
    for top in ["enterprises", "organizations"] {
        for i in 0..6 {
            for sub in ["Users", "Groups"] {
                paths.push(format!("/{top}/name-{}/{sub}", letters(i)));
                paths.push(format!("/scim/v2/{top}/name-{}/{sub}", letters(i)));
                paths.push(format!("/scim/v2/{top}/name-{}/{sub}/{}", letters(i), i * 7));
            }
        }
    }
    let routes = learn(paths.iter().map(String::as_str));
    assert!(routes.iter().all(|r| !r.as_str().starts_with("/scim/v2/{")), "{routes:?}");
    let t = Templater::new(routes);
    assert_eq!(t.template("/scim/v2/enterprises/acme/Users"), "/scim/v2/enterprises/{enterprise}/Users");
    assert_eq!(t.template("/scim/v2/organizations/acme/Groups"), "/scim/v2/organizations/{organization}/Groups");
}

#[test]
fn a_literal_seen_far_more_often_stays_beside_values_merged_before() {
    let mut paths = Vec::new();
    for user in ["ana", "bo", "cy", "di"] {
        for sub in ["repos", "followers", "gists/starred"] {
            paths.push(format!("/users/{user}/{sub}"));
        }
    }
    paths.push("/users/dave".to_owned());
    for _ in 0..1000 {
        paths.push("/users/me".to_owned());
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/users/zed/repos"), "/users/{user}/repos");
    assert_eq!(t.template("/users/me"), "/users/me");
}

#[test]
fn the_evidence_kept_with_a_template_holds_counts_not_values() {
    let mut learner = PathLearner::default();
    for owner in ["secret-tenant-a", "secret-tenant-b", "secret-tenant-c"] {
        for sub in ["pulls", "issues/1/labels", "branches/main/protection"] {
            learner.add(&format!("/repos/{owner}/{sub}"), None, 1);
        }
    }
    let learned = learner.learn_explained(View::Whole);
    let (_, why) = learned.iter().find(|(r, _)| r.as_str() == "/repos/{repo}/pulls").expect("learned");
    let text: String = why.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    assert!(text.contains("repo: alike subtrees: 3 values merged"), "{text}");
    assert!(!text.contains("secret"), "{text}");
}

#[test]
fn a_value_kept_literal_takes_no_parameter_s_evidence() {
    // A single tenant: its owner kept literal, its repositories a parameter with its rule.
    let mut learner = PathLearner::default();
    for i in 0..200 {
        learner.add(&format!("/repos/acme-corp/service-{}/pulls", i * 7919 % 1000), None, 1);
    }
    let learned = learner.learn_explained(View::Whole);
    let (_, why) = learned.iter().find(|(r, _)| r.as_str() == "/repos/acme-corp/{repo}/pulls").expect("learned");
    assert!(why.iter().any(|(k, v)| k == "repo" && v.contains("values merged")), "{why:?}");
}

#[test]
fn few_values_with_alike_subtrees_are_one_parameter_and_different_ones_stay_literal() {
    let mut paths = Vec::new();
    for branch in ["main", "dev", "release"] {
        for sub in ["protection", "rename", "protection/restrictions"] {
            for _ in 0..3 {
                paths.push(format!("/branches/{branch}/{sub}"));
            }
        }
    }
    for sub in ["pulls/1/files", "pulls/2/commits", "issues/3/labels", "issues/4/events"] {
        paths.push(format!("/r/{sub}"));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/branches/feature-x/rename"), "/branches/{branch}/rename");
    assert_eq!(t.template("/r/pulls/9/files"), "/r/pulls/{pull_id}/files");
    assert_eq!(t.template("/r/issues/9/labels"), "/r/issues/{issue_id}/labels");
}

#[test]
fn many_values_over_the_same_leaves_are_a_parameter_few_literals_over_values_are_not() {
    let refs = ["main", "master", "develop", "feature-login", "release-1.2"];
    let mut paths = Vec::new();
    for r in refs {
        for leaf in ["check-runs", "check-suites", "status", "statuses"] {
            paths.push(format!("/commits/{r}/{leaf}"));
        }
        for git in ["ref", "refs", "matching-refs"] {
            paths.push(format!("/git/{git}/{r}"));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    // Five refs, each with the same four endpoints below: one parameter.
    assert_eq!(t.template("/commits/v2.0/status"), "/commits/{commit}/status");
    // Three literals sharing the refs as leaves: the literals stay.
    assert_eq!(t.template("/git/refs/main"), "/git/refs/{ref}");
    assert_eq!(t.template("/git/matching-refs/main"), "/git/matching-refs/{matching_ref}");
    // From sketches, the refs recurring under the sibling endpoints are taken for endpoint
    // names until more evidence comes (the price of the rule in the next test).
    let sketched = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(sketched.template("/git/refs/main"), "/git/refs/main");
}

#[test]
fn names_that_recur_under_a_sibling_are_endpoints_not_an_open_set() {
    // A sidecar's partial view: under one branch, four endpoint names seen once each (an
    // open set, judged alone); another branch has two of them.
    let mut paths = Vec::new();
    for leaf in ["enforce_admins", "required_signatures", "restrictions", "required_status_checks"] {
        paths.push(format!("/branches/feature-login/protection/{leaf}"));
    }
    for leaf in ["enforce_admins", "restrictions"] {
        paths.push(format!("/branches/master/protection/{leaf}"));
    }
    let sketch = || paths.iter().map(|p| (p.as_str(), None, 1));
    let templates: Vec<String> = learn_view(sketch(), View::Partial).iter().map(|r| r.as_str().to_owned()).collect();
    assert!(templates.iter().all(|t| !t.contains("protection/{")), "{templates:?}");
    // Given as every path there is, the open set stands (a whole view has had its chance
    // to show the branches above as one parameter first).
    let whole: Vec<String> = learn_view(sketch(), View::Whole).iter().map(|r| r.as_str().to_owned()).collect();
    assert!(whole.iter().any(|t| t.contains("protection/{")), "{whole:?}");
    let t = Templater::new(learn_view(sketch(), View::Partial));
    assert!(
        t.template("/branches/feature-login/protection/required_signatures")
            .ends_with("/protection/required_signatures")
    );
    // Names seen under no sibling are still an open set.
    let owners: Vec<String> =
        ["ana-k", "bo-l", "cy-m", "di-n", "ed-o"].iter().map(|o| format!("/orgs/acme/members/{o}")).collect();
    let t = Templater::new(learn_view(owners.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(t.template("/orgs/acme/members/zed"), "/orgs/acme/members/{member}");
}

#[test]
fn resources_whose_lists_and_items_answer_apart_stay_literal() {
    // A shop: several resources, each a list (one envelope, items of the resource's own
    // shape) and items by id; every resource has the same endpoints below it.
    let resources = ["products", "orders", "customers", "invoices", "carts", "coupons"];
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (r, res) in resources.iter().enumerate() {
        let item = format!(r#"{{"id": 1, "name": "x", "{res}_ref": "y", "extra_{r}": true}}"#);
        let list = format!(r#"{{"data": [{item}], "has_more": true}}"#);
        for i in 0..40 {
            paths.push((format!("/api/v1/{res}"), body_signature(list.as_bytes())));
            paths.push((format!("/api/v1/{res}/{}", 1000 + i * 7), body_signature(item.as_bytes())));
            paths.push((format!("/api/v1/{res}/{}/notes", 1000 + i * 7), body_signature(list.as_bytes())));
        }
    }
    let learned: Vec<String> =
        learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))).iter().map(|r| r.as_str().to_owned()).collect();
    for res in resources {
        assert!(learned.iter().any(|t| t.starts_with(&format!("/api/v1/{res}/{{"))), "{res}: {learned:?}");
    }
    assert!(!learned.iter().any(|t| t.starts_with("/api/v1/{")), "{learned:?}");
}

#[test]
fn a_resource_seen_without_an_answer_does_not_join_resources_that_answer_apart() {
    // A sidecar's first relearn: four resources answer with shapes of their own (list, item,
    // tags); a fifth was seen twice below its ids only, with errors (no shape). Its subtree
    // is theirs, but it is no evidence that the four are values of one parameter.
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (r, res) in ["orders", "returns", "suppliers", "shipments"].iter().enumerate() {
        let item = format!(r#"{{"id": 1, "name": "x", "{res}_ref": "y", "extra_{r}": true}}"#);
        let list = format!(r#"{{"data": [{item}], "has_more": true}}"#);
        let tags = format!(r#"{{"tags": ["a"], "{res}_id": 1}}"#);
        paths.push((format!("/api/v1/{res}"), body_signature(list.as_bytes())));
        for i in 0..2 {
            paths.push((format!("/api/v1/{res}/{}", 1000 + 7 * i + r), body_signature(item.as_bytes())));
            paths.push((format!("/api/v1/{res}/{}/tags", 2000 + 7 * i + r), body_signature(tags.as_bytes())));
        }
    }
    let mut coupons = paths.clone();
    for i in 0..2 {
        coupons.push((format!("/api/v1/coupons/{}/tags", 3000 + i), None));
    }
    let apart = learned(&coupons);
    assert!(!apart.iter().any(|t| t.starts_with("/api/v1/{")), "{apart:?}");
    assert!(apart.iter().any(|t| t.starts_with("/api/v1/orders/{")), "{apart:?}");
    // The same with the fifth resource seen at every endpoint the others have, each answering
    // a 404 (no shape): one kind with the four, which still answer apart.
    let mut errors = paths;
    errors.push(("/api/v1/coupons".to_owned(), None));
    for i in 0..2 {
        errors.push((format!("/api/v1/coupons/{}", 3000 + i), None));
        errors.push((format!("/api/v1/coupons/{}/tags", 3000 + i), None));
    }
    let apart = learned(&errors);
    assert!(!apart.iter().any(|t| t.starts_with("/api/v1/{")), "{apart:?}");
}

#[test]
fn resources_seen_below_their_items_only_answer_apart_there() {
    // Each resource seen once or twice, only as `/{id}/notes`: the notes of each answer with
    // a shape of their own, where the notes of one resource's ids would answer alike.
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (r, res) in ["categories", "customers", "invoices", "warehouses"].iter().enumerate() {
        let notes = format!(r#"{{"notes": ["a"], "{res}_id": 1, "extra_{r}": true}}"#);
        for i in 0..2 {
            paths.push((format!("/api/v1/{res}/{}/notes", 1000 + 7 * i + r), body_signature(notes.as_bytes())));
        }
    }
    let apart = learned(&paths);
    assert!(!apart.iter().any(|t| t.starts_with("/api/v1/{")), "{apart:?}");
    // Tenants whose items' notes answer alike are values of one parameter.
    let notes = r#"{"notes": ["a"], "tenant_id": 1, "extra": true}"#;
    let tenants: Vec<(String, Option<u64>)> = ["acme", "globex", "initech", "umbrella"]
        .iter()
        .enumerate()
        .flat_map(|(r, t)| {
            (0..2).map(move |i| (format!("/api/v1/{t}/{}/notes", 1000 + 7 * i + r), body_signature(notes.as_bytes())))
        })
        .collect();
    let alike = learned(&tenants);
    assert!(alike.iter().any(|t| t.starts_with("/api/v1/{")), "{alike:?}");
}

#[test]
fn one_envelope_around_each_resource_still_tells_values_from_endpoint_names() {
    // `{"data": ..., "meta": ...}` around every answer, at several depths (so the envelope
    // alone is generic): a few pet names, each seen often, answer a pet; `findByStatus`
    // answers a list.
    let envelope = |data: &str| format!(r#"{{"data": {data}, "meta": {{"request_id": "r1", "version": 2}}}}"#);
    let pet = envelope(r#"{"id": 1, "name": "rex", "tag": "dog"}"#);
    let found = envelope(r#"{"total": 2, "status": "available"}"#);
    let health = envelope(r#"{"ok": true, "uptime": 7}"#);
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (name, times) in [("rex-a", 9), ("bo-b", 3), ("cy-c", 1)] {
        for _ in 0..times {
            paths.push((format!("/pet/{name}"), body_signature(pet.as_bytes())));
        }
    }
    for _ in 0..8 {
        paths.push(("/pet/findByStatus".to_owned(), body_signature(found.as_bytes())));
        paths.push(("/health".to_owned(), body_signature(health.as_bytes())));
    }
    let t = Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))));
    assert_eq!(t.template("/pet/zed-z"), "/pet/{pet}");
    assert_eq!(t.template("/pet/findByStatus"), "/pet/findByStatus");
    // Read only as an envelope: a resource of many members keeps its nested objects out of
    // its shape (a `metadata` map of the user's own keys).
    let a = r#"{"id": 1, "a": 1, "b": 2, "c": 3, "d": 4, "metadata": {"x": 1}}"#;
    let b = r#"{"id": 1, "a": 1, "b": 2, "c": 3, "d": 4, "metadata": {"y": 1}}"#;
    assert_eq!(body_signature(a.as_bytes()), body_signature(b.as_bytes()));
    assert_ne!(body_signature(pet.as_bytes()), body_signature(found.as_bytes()));
}

#[test]
fn values_answering_as_the_item_and_as_its_sub_resources_are_one_parameter() {
    // Each migration seen with some of its endpoints: itself, `/archive`, `/repositories`.
    // Two shapes are each answered by three values: neither alone is the largest class.
    let shape = |name: &str| format!(r#"{{"id": 1, "kind": "{name}", "{name}": true}}"#);
    // Distinct shapes: the member named after the endpoint differs.
    let sig = |name: &str| body_signature(shape(name).as_bytes());
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (value, below) in [
        ("cloud-infra", &["", "archive", "repositories"][..]),
        ("docs-rust", &["archive"]),
        ("gamma-world", &["", "repositories"]),
        ("hello-lab", &[""]),
        ("omega-mock", &["archive"]),
    ] {
        for b in below {
            let (path, name) = if b.is_empty() {
                (format!("/user/migrations/{value}"), "migration".to_owned())
            } else {
                (format!("/user/migrations/{value}/{b}"), b.to_string())
            };
            // Seen several times each: not an open set.
            for _ in 0..3 {
                paths.push((path.clone(), sig(&name)));
            }
        }
    }
    let t = Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))));
    assert_eq!(t.template("/user/migrations/new-one"), "/user/migrations/{migration}");
    assert_eq!(t.template("/user/migrations/new-one/archive"), "/user/migrations/{migration}/archive");
    assert_eq!(t.template("/user/migrations/new-one/repositories"), "/user/migrations/{migration}/repositories");
}

#[test]
fn a_sidecar_keeps_names_used_across_the_api_literal() {
    // A sidecar's first relearn: each endpoint seen once, under ids (a dozen or more, so
    // that it is the names' use elsewhere that keeps them apart, not their few number).
    let shared = [
        "members",
        "invitations",
        "projects",
        "repos",
        "hooks",
        "events",
        "blocks",
        "installations",
        "migrations",
        "packages",
        "secrets",
        "settings",
    ];
    let mut paths = Vec::new();
    for (i, leaf) in shared.iter().chain(&["teams"]).enumerate() {
        paths.push(format!("/orgs/{}/{leaf}", 100 + i));
    }
    for (i, leaf) in shared.iter().chain(&["discussions"]).enumerate() {
        paths.push(format!("/orgs/{}/teams/{}/{leaf}", 200 + i, 300 + i));
    }
    let t = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(t.template("/orgs/7/teams/8/members"), "/orgs/{org_id}/teams/{team_id}/members");
    assert_eq!(t.template("/orgs/7/invitations"), "/orgs/{org_id}/invitations");
    // A value of an open set met elsewhere among many values is still a value.
    for i in 0..60 {
        paths.push(format!("/users/user-{}", letters(i)));
    }
    for i in 0..6 {
        paths.push(format!("/orgs/5/members/user-{}", letters(i)));
    }
    let t = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(t.template("/orgs/5/members/user-zz"), "/orgs/{org_id}/members/{member}");
}

#[test]
fn versions_with_the_same_endpoints_below_stay_apart() {
    for (seg, version) in [
        ("v1", true),
        ("v2", true),
        ("v10", true),
        ("v1.2.3", false),
        ("v2.0", false),
        ("v1_1", false),
        ("v1beta1", true),
        ("v2alpha", true),
        ("V3", true),
        ("video", false),
        ("v", false),
        ("vx1", false),
        ("v1x", false),
        ("v1234", false),
    ] {
        assert_eq!(crate::template::looks_like_version(seg), version, "{seg}");
    }
    let mut paths = Vec::new();
    for v in ["v1", "v2", "v3"] {
        for res in ["products", "orders", "customers"] {
            for id in [11, 12, 13] {
                paths.push(format!("/api/{v}/{res}/{id}"));
                paths.push(format!("/api/{v}/{res}/{id}/notes"));
            }
            paths.push(format!("/api/{v}/{res}"));
        }
    }
    // (Without bodies the resources themselves are alike: which of them are values is not
    // what this test is about.)
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert!(t.template("/api/v2/orders/99/notes").starts_with("/api/v2/"), "{}", t.template("/api/v2/orders/99/notes"));
    assert!(t.template("/api/v3/products").starts_with("/api/v3/"));
    assert!(t.template("/api/v1/customers/5").starts_with("/api/v1/"));
}

#[test]
fn a_literal_of_the_form_of_the_prefixed_ids_beside_it_is_one_of_them() {
    // Two capitals only, and no run of capitals: the value patterns alone leave it literal.
    assert!(param_reason("acc_QdotgAowmgybub").is_none());
    let mut paths: Vec<String> = ["acc_1Nv0FGQ9RKHgCV", "acc_gZIAZvcPWEXmNt", "acc_wlJmovOgavEgfT"]
        .iter()
        .map(|id| format!("/v1/accounts/{id}/persons"))
        .collect();
    paths.push("/v1/accounts/acc_QdotgAowmgybub/persons".to_owned());
    // Not of the form: another prefix, another length. (No answers: nothing says they
    // answer as the ids do, so only their form could join them, `join_beside_ids`.)
    paths.push("/v1/accounts/per_QdotgAowmgybub/persons".to_owned());
    paths.push("/v1/accounts/acc_QdotgAowmgy/persons".to_owned());
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let templated = t.template("/v1/accounts/acc_QdotgAowmgybub/persons");
    assert!(templated.starts_with("/v1/accounts/{"), "{templated}");
    assert_eq!(t.template("/v1/accounts/per_QdotgAowmgybub/persons"), "/v1/accounts/per_QdotgAowmgybub/persons");
}

#[test]
fn a_literal_of_the_form_of_the_long_small_letter_ids_beside_it_is_one_of_them() {
    // Mattermost's ids: 26 small letters and digits; one in a few hundred has no digit and
    // is no value pattern's, but it has the ids' form (no word is 26 letters unbroken).
    let plain = "jsknatubdztdtojwwecgyadbym";
    assert!(param_reason(plain).is_none());
    assert!(param_reason("ymffobiisioigwtcckjdx7qfst").is_some());
    let ids = ["ymffobiisioigwtcckjdx7qfst", "9ue4kz1tg3ffmxyfq6cq3r8rsw", "q83pb5zhxtg8mjqkr7ag1b4pfe"];
    let mut paths: Vec<String> = Vec::new();
    for id in ids {
        paths.push(format!("/api/v4/files/{id}/preview"));
    }
    for _ in 0..20 {
        paths.push(format!("/api/v4/files/{plain}/preview"));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let templated = t.template(&format!("/api/v4/files/{plain}/preview"));
    assert!(templated.starts_with("/api/v4/files/{"), "{templated}");
}

#[test]
fn a_literal_of_the_form_of_the_long_ids_of_mixed_case_beside_it_is_one_of_them() {
    // Spotify's ids: 22 letters and digits. With one digit and few changes of case, the
    // value patterns leave one literal; seen often (a hot album) and with the endpoints below
    // it the others have, it stays apart unless its form says what it is.
    let hot = "XTQKuuHNWswR6odOVAqvrg";
    assert!(param_reason(hot).is_none());
    let ids = ["7X1cMBn4lhv0uM0Ac9uxZr", "a9588Jb46usaanzjleaTQY", "UbOnxvlKci5nS8Kltqodqv", "fh4rVTZ43Q059sdbrnrbSv"];
    let mut paths: Vec<String> = Vec::new();
    for id in ids {
        paths.push(format!("/v1/albums/{id}"));
        paths.push(format!("/v1/albums/{id}/tracks"));
    }
    // (And one with four capitals in 21 letters.)
    for _ in 0..40 {
        paths.push(format!("/v1/albums/{hot}"));
        paths.push(format!("/v1/albums/{hot}/tracks"));
        paths.push("/v1/albums/SJkvjQnvnonyqhKaq3hgzn".to_owned());
    }
    // Not of the form: a name in camel case as long, and an endpoint beside the ids.
    for _ in 0..40 {
        paths.push("/v1/albums/getRecommendationsList".to_owned());
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let templated = t.template(&format!("/v1/albums/{hot}/tracks"));
    assert!(templated.starts_with("/v1/albums/{") && templated.ends_with("}/tracks"), "{templated}");
    assert!(t.template("/v1/albums/SJkvjQnvnonyqhKaq3hgzn").starts_with("/v1/albums/{"));
    assert_eq!(t.template("/v1/albums/getRecommendationsList"), "/v1/albums/getRecommendationsList");
}

#[test]
fn a_format_extension_among_file_names_is_part_of_one() {
    // A repository's files by name: `package.json` is one more file, not a `{path}.json`
    // endpoint beside `{path}`.
    let mut paths = Vec::new();
    // (Every file answers the one shape of a file's contents.)
    let files =
        ["README.md", "go.mod", "Dockerfile", "package.json", "Cargo.toml", ".gitignore", "main.go", "index.ts"];
    for (i, repo) in ["api", "web", "docs", "infra", "billing"].iter().enumerate() {
        paths.push((format!("/repos/acme/{repo}"), Some(1)));
        for file in files.iter().cycle().skip(i).step_by(3).take(3) {
            paths.push((format!("/repos/acme/{repo}/contents/{file}"), Some(7)));
        }
    }
    let routes = learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s)));
    let templates: Vec<String> = routes.iter().map(|r| r.as_str().to_owned()).collect();
    let t = Templater::new(routes);
    assert_eq!(templates.len(), 2, "{templates:?}");
    assert!(templates[1].contains("/contents/{") && !templates[1].ends_with(".json"), "{templates:?}");
    assert_eq!(t.template("/repos/acme/web/contents/package.json"), templates[1]);
    // Without file names beside them, `.json` endings are the API's format (Twilio's).
    let calls: Vec<String> = (0..12).map(|i| format!("/Accounts/AC{i:032x}/Calls/CA{:032x}.json", i * 7)).collect();
    let t = Templater::new(learn(calls.iter().map(String::as_str)));
    assert!(
        t.template("/Accounts/AC1/Calls/CA2.json").ends_with("}.json"),
        "{}",
        t.template("/Accounts/AC1/Calls/CA2.json")
    );
}

#[test]
fn top_level_names_with_the_same_tenant_below_each_stay_apart() {
    // A quarter of a client of one organization: `/repos/acme/...` and `/orgs/acme/...`
    // alike below the one tenant, beside `/user` and `/users/...`. A sidecar's view.
    let mut paths: Vec<(String, Option<u64>, usize)> = Vec::new();
    for repo in ["api", "web", "docs", "infra", "billing", "terraform-modules", "design-system"] {
        paths.push((format!("/repos/acme/{repo}"), Some(1), 2));
        for leaf in ["pulls", "issues", "branches"] {
            paths.push((format!("/repos/acme/{repo}/{leaf}"), Some(2), 3));
        }
    }
    paths.push(("/orgs/acme".into(), Some(3), 3));
    paths.push(("/orgs/acme/members".into(), Some(4), 4));
    paths.push(("/orgs/acme/repos".into(), Some(2), 7));
    paths.push(("/users/asmith".into(), Some(5), 2));
    paths.push(("/users/bjones".into(), Some(5), 2));
    paths.push(("/user".into(), Some(5), 2));
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Partial));
    assert!(t.template("/repos/acme/web/pulls").starts_with("/repos/"), "{}", t.template("/repos/acme/web/pulls"));
    assert!(t.template("/orgs/acme/members").starts_with("/orgs/"), "{}", t.template("/orgs/acme/members"));
}

#[test]
fn ids_coded_as_reddit_s_are_values_under_two_parents_on_a_partial_view() {
    // Reddit's articles at `/comments/{id}` and at `/r/{subreddit}/comments/{id}`: a
    // sidecar's relearn sees the same few ids under both, as it sees an endpoint's name
    // under two parents (`members`). Names coded as ids are (`1sg6ir`) are no endpoint's.
    let ids = ["1sg6ir", "149rjr6", "1c4f9j", "1o5flu", "1ryk5lv", "1sba0p", "1vh085o", "1yef5m", "1z2gjk"];
    let subs = ["rust", "golang", "python", "webdev", "cooking"];
    let mut paths: Vec<(String, Option<u64>, usize)> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        paths.push((format!("/comments/{id}"), sig(1), 1));
        paths.push((format!("/r/{}/comments/{id}", subs[i % subs.len()]), sig(1), 1));
    }
    for s in subs {
        paths.push((format!("/r/{s}/hot"), sig(2), 3));
        paths.push((format!("/r/{s}/about"), sig(3), 2));
    }
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Partial));
    let article = t.template("/r/rust/comments/1sg6ir");
    assert!(article.starts_with("/r/{") && article.contains("/comments/{"), "{article}");
    assert!(t.template("/comments/1c4f9j").starts_with("/comments/{"), "{}", t.template("/comments/1c4f9j"));
    assert!(node::coded("1sg6ir") && node::coded("18pjgt1") && node::coded("12hydr"));
    assert!(!node::coded("oauth2") && !node::coded("sha256") && !node::coded("members") && !node::coded("ipv6"));
}

#[test]
fn a_trailing_slash_is_how_a_path_ends_not_structure() {
    // Sentry's paths all end in `/`. As an empty segment below every path's last, it was the
    // same child below every node: `projects`, `members` and `teams` under an organization
    // looked like values with alike subtrees (`/api/0/organizations/{}/{}/`).
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (i, org) in ["acme", "globex", "initech", "umbrella"].iter().enumerate() {
        for (j, leaf) in ["projects", "members", "teams", "issues"].iter().enumerate() {
            for _ in 0..3 {
                paths.push((format!("/api/0/organizations/{org}/{leaf}/"), sig(10 + j as u64)));
            }
        }
        for project in ["web", "api", "ios", "android", "backend"] {
            paths.push((format!("/api/0/projects/{org}/{project}/"), sig(20)));
            paths.push((format!("/api/0/projects/{org}/{project}/issues/"), sig(21)));
            paths.push((format!("/api/0/projects/{org}/{project}/events/{:032x}/", i * 97 + project.len()), sig(22)));
        }
        paths.push((format!("/api/0/organizations/{org}/"), sig(1)));
        paths.push((format!("/api/0/teams/{org}/backend/projects/"), sig(30)));
    }
    // (Sentry's other top-level names.)
    for leaf in ["", "organizations/", "projects/", "users/", "broadcasts/", "assistant/"] {
        paths.push((format!("/api/0/{leaf}"), sig(40 + leaf.len() as u64)));
    }
    let routes = learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s)));
    let t = Templater::new(routes);
    assert_eq!(t.template("/api/0/organizations/acme/members/"), "/api/0/organizations/{organization}/members/");
    assert_eq!(t.template("/api/0/organizations/hooli/teams/"), "/api/0/organizations/{organization}/teams/");
    let p = t.template("/api/0/projects/acme/web/issues/");
    assert!(p.starts_with("/api/0/projects/{") && p.ends_with("}/issues/"), "{p}");
}

#[test]
fn a_few_alike_top_level_collections_stay_apart() {
    // The same owners under four collections, with the same endpoints below each; the API's
    // other top-level names beside them.
    let mut paths = Vec::new();
    for top in ["repos", "orgs", "networks", "enterprises"] {
        for owner in ["acme-corp", "globex-inc", "initech-co"] {
            for leaf in ["events", "members", "hooks"] {
                for _ in 0..3 {
                    paths.push(format!("/{top}/{owner}/{leaf}"));
                }
            }
        }
    }
    for top in ["emojis", "meta", "rate_limit", "zen", "feeds", "octocat"] {
        for _ in 0..5 {
            paths.push(format!("/{top}"));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert!(t.template("/repos/acme-corp/events").starts_with("/repos/"), "{}", t.template("/repos/acme-corp/events"));
    assert!(t.template("/networks/acme-corp/hooks").starts_with("/networks/"));
    // A tenant at the top, most of the API's top-level names, is a parameter.
    let mut tenants = Vec::new();
    for tenant in ["acme-corp", "globex-inc", "initech-co", "umbrella-co", "hooli-xyz"] {
        for leaf in ["events", "members", "hooks"] {
            tenants.push(format!("/{tenant}/{leaf}"));
        }
    }
    tenants.push("/health".to_owned());
    let t = Templater::new(learn(tenants.iter().map(String::as_str)));
    assert!(t.template("/newco-ltd/events").starts_with("/{"), "{}", t.template("/newco-ltd/events"));
}

#[test]
fn values_below_values_are_judged_as_the_parameter_above_would_see_them() {
    // A client's eight repositories, each seen with one or two of its three environments:
    // alone, no repository's subtree is like another's (each names other environments), and
    // no environment is under more than two repositories. Read as one, both levels are values.
    let mut paths = Vec::new();
    let seen: [(&str, &[&str]); 8] = [
        ("acme-spark", &["cloud-lab", "linux-react"]),
        ("cloud-site", &["cloud-lab", "linux-react"]),
        ("hello-linux", &["cloud-lab", "linux-react"]),
        ("lab-acme", &["linux-react"]),
        ("lab-nova", &["cloud-lab", "linux-react"]),
        ("linux-core", &["tools-mobile", "linux-react"]),
        ("mock-rust", &["tools-mobile", "cloud-lab"]),
        ("world-site", &["tools-mobile"]),
    ];
    for (i, (repo, envs)) in seen.iter().enumerate() {
        for (j, env) in envs.iter().enumerate() {
            let tail = ["secrets", "secrets/public-key", "secrets/name-one"][(i + j) % 3];
            paths.push(format!("/repositories/{repo}/environments/{env}/{tail}"));
        }
    }
    paths.push("/repositories".to_owned());
    let learned = learn(paths.iter().map(String::as_str));
    let t = Templater::new(learned);
    assert_eq!(
        t.template("/repositories/new-repo/environments/staging/secrets"),
        "/repositories/{repository}/environments/{environment}/secrets"
    );
    // A node of endpoint names with different subtrees is not merged by the trial.
    let mut paths = Vec::new();
    for (name, below) in [("pulls", "files"), ("issues", "labels"), ("hooks", "config")] {
        for id in 1..=6 {
            paths.push(format!("/r/{name}/{id}/{below}"));
            paths.push(format!("/r/{name}/{id}"));
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/r/pulls/9/files"), "/r/pulls/{pull_id}/files");
    assert_eq!(t.template("/r/hooks/9/config"), "/r/hooks/{hook_id}/config");
}

#[test]
fn a_sidecar_keeps_endpoint_names_seen_once_below_ids_literal() {
    // A thin sidecar: each endpoint below a pull request's number seen once; none of the
    // names used elsewhere. On a partial view they are not an open set; learning from every
    // path (where they are seen often) is not changed.
    let mut paths = Vec::new();
    for (i, leaf) in ["files", "merge", "requested_reviewers", "reviews", "update-branch"].iter().enumerate() {
        paths.push(format!("/repos/acme/spark/pulls/{}/{leaf}", 40 + i));
    }
    for n in 50..60 {
        paths.push(format!("/repos/acme/spark/pulls/{n}"));
    }
    let partial = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(partial.template("/repos/acme/spark/pulls/7/merge"), "/repos/acme/spark/pulls/{pull_id}/merge");
    assert_eq!(partial.template("/repos/acme/spark/pulls/7/files"), "/repos/acme/spark/pulls/{pull_id}/files");
    // Values right below a parameter of names, merged from variety in the same step, still
    // form an open set on a partial view, however few.
    let mut paths = Vec::new();
    for i in 0..12 {
        paths.push(format!("/users/user-{}/gists", letters(i)));
    }
    for i in 0..6 {
        paths.push(format!("/users/user-{}/ref-{}", letters(i + 20), letters(i + 40)));
    }
    let t = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(t.template("/users/user-q/gists"), "/users/{user}/gists");
    let below = t.template("/users/user-q/ref-zz");
    assert!(below.starts_with("/users/{") && below.matches('{').count() == 2 && below.ends_with('}'), "{below}");
}

#[test]
fn names_under_a_large_resource_seen_under_several_values_count_as_used_elsewhere() {
    // A sidecar that saw two repositories, each with fifty endpoint names below it (more than
    // ELSEWHERE_CHILDREN), and two organizations' `actions` and `dependabot` with the same
    // `secrets` endpoints below each: those two are an API's mirrored parts, not values.
    let mut paths = Vec::new();
    for repo in ["acme/spark", "initech/tps"] {
        for i in 0..50 {
            paths.push(format!("/repos/{repo}/endpoint-{}", letters(i)));
        }
        paths.push(format!("/repos/{repo}/actions/secrets/public-key"));
        paths.push(format!("/repos/{repo}/dependabot/secrets/public-key"));
    }
    for org in [101, 102] {
        for part in ["actions", "dependabot"] {
            paths.push(format!("/orgs/{org}/{part}/secrets"));
            paths.push(format!("/orgs/{org}/{part}/secrets/public-key"));
        }
        for name in ["members", "hooks", "teams", "events", "repos"] {
            paths.push(format!("/orgs/{org}/{name}"));
        }
    }
    let t = Templater::new(learn_view(paths.iter().map(|p| (p.as_str(), None, 1)), View::Partial));
    assert_eq!(t.template("/orgs/7/actions/secrets"), "/orgs/{org_id}/actions/secrets");
    assert_eq!(t.template("/orgs/7/dependabot/secrets"), "/orgs/{org_id}/dependabot/secrets");
}

#[test]
fn a_recorded_shape_reads_as_each_of_its_bodies_with_or_without_its_optional_fields() {
    // One body of an endpoint, recorded alone, answers as the endpoint's contract does once
    // its other bodies are in: read whole when it had the optional field, read without the
    // optional fields when it had not (so a value recorded as a literal joins its parameter).
    let (limits, redactor) = (crate::config::Limits::default(), crate::redact::Redactor::default());
    let with = br#"{"id": 1, "name": "x", "discount": {"percent": 10}}"#;
    let without = br#"{"id": 2, "name": "y"}"#;
    let shape = |bodies: &[&[u8]]| {
        let mut s = Shape::default();
        for b in bodies {
            s.observe(b, Default::default(), &limits, &redactor).expect("valid JSON");
        }
        s
    };
    let both = shape(&[with, without]);
    let (alone_with, alone_without) = (shape(&[with]), shape(&[without]));
    assert_eq!(shape_signature(&both, false), shape_signature(&alone_with, false));
    assert_eq!(shape_signature(&both, true), shape_signature(&alone_without, false));
    assert_ne!(shape_signature(&both, true), shape_signature(&both, false));
}

#[test]
fn a_root_element_is_a_shape_recorded_as_read_from_its_bodies() {
    // crates.io's `/api/v1/users/{user}` answers `{"user": {...}}`: one member, holding the
    // resource. Recorded (a relearn) or read from a body (`contracts infer`), it is a shape
    // that tells endpoints apart, read with or without its optional members.
    let (limits, redactor) = (crate::config::Limits::default(), crate::redact::Redactor::default());
    let with: &[u8] = br#"{"user": {"id": 7, "login": "dtolnay", "bio": "x"}}"#;
    let without: &[u8] = br#"{"user": {"id": 8, "login": "epage"}}"#;
    let shape = |bodies: &[&[u8]]| {
        let mut s = Shape::default();
        for b in bodies {
            s.observe(b, Default::default(), &limits, &redactor).expect("valid JSON");
        }
        s
    };
    let sig = |s: &Shape, required| shape_signature(s, required).map(|(sig, _)| sig);
    let (alone_with, alone_without) = (sig(&shape(&[with]), false), sig(&shape(&[without]), false));
    assert!(alone_with.is_some() && alone_without.is_some() && alone_with != alone_without);
    assert_eq!(sig(&shape(&[with, without]), false), alone_with);
    assert_eq!(sig(&shape(&[with, without]), true), alone_without);
    assert_eq!(sig(&shape(&[br#"{"user": {"id": 7}}"#]), false), None);
    assert!(body_signature(with).is_some());
    assert_ne!(body_signature(with), body_signature(without));
    // Seven users answering so are values of one parameter, not seven endpoints.
    let users = ["dtolnay", "epage", "BurntSushi", "sfackler", "seanmonstar", "alexcrichton", "carllerche"];
    let paths: Vec<String> = users.iter().flat_map(|u| std::iter::repeat_n(format!("/api/v1/users/{u}"), 5)).collect();
    let sig = body_signature(without);
    let t = Templater::new(learn_with_bodies(paths.iter().map(|p| (p.as_str(), sig))));
    assert_eq!(t.template("/api/v1/users/dtolnay"), "/api/v1/users/{user}");
}

#[test]
fn a_null_member_is_no_part_of_a_shape_so_values_with_and_without_it_answer_as_one() {
    let with = br#"{"name": "v1.2.3", "commit": {"id": "a"}, "message": "x", "release": null}"#;
    let without = br#"{"name": "v1.3.0", "commit": {"id": "b"}, "message": "y"}"#;
    assert_eq!(body_signature(with), body_signature(without));
    assert_eq!(body_signature(with), value_signature(with));
    assert_ne!(body_signature(with), body_signature(br#"{"name": "v1", "commit": {"id": "a"}, "message": 1}"#));
    // A project's tags, each seen a few times, some answering with a null `release`: one
    // shape, so one parameter beside the list of tags.
    let list = r#"[{"name": "v1.2.3", "commit": {"id": "a"}}]"#;
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (i, tag) in ["v1.2.3", "v1.3.0", "v2.0.0-rc1"].iter().enumerate() {
        let body: &[u8] = if i % 2 == 0 { with } else { without };
        for _ in 0..3 {
            paths.push((format!("/projects/{}/repository/tags/{tag}", 1000 + i), body_signature(body)));
            paths.push((format!("/projects/{}/repository/tags", 1000 + i), body_signature(list.as_bytes())));
        }
    }
    let t = Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))));
    assert_eq!(t.template("/projects/7/repository/tags/v9.9.9"), "/projects/{project_id}/repository/tags/{tag}");
}

/// The templates a sidecar's partial view learns from paths with their answers' signatures.
fn learned(paths: &[(String, Option<u64>)]) -> Vec<String> {
    learn_view(paths.iter().map(|(p, s)| (p.as_str(), *s, 1)), View::Partial)
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect()
}

#[test]
fn a_body_answers_apart_only_when_it_both_lacks_a_constant_member_and_brings_a_new_one() {
    let (limits, redactor) = (crate::config::Limits::default(), crate::redact::Redactor::default());
    let earlier = [r#"{"id": 1, "name": "a", "note": "x"}"#, r#"{"id": 2, "name": "b"}"#];
    // Whether `body`, recorded after the earlier ones, answered apart.
    let apart = |history: &[&str], body: &str| {
        let mut shape = Shape::default();
        for b in history.iter().chain([&body]) {
            shape.observe(b.as_bytes(), crate::ts::Ts(0), &limits, &redactor).expect("json");
        }
        answered_apart(&shape, body.as_bytes()).is_some()
    };
    let search = r#"{"object": "search_result", "data": [], "has_more": false}"#;
    assert!(!apart(&earlier[..1], search), "one earlier body is no history");
    // Optional members left out or new ones added: one more value of the endpoint.
    assert!(!apart(&earlier, r#"{"id": 3, "name": "c"}"#));
    assert!(!apart(&earlier, r#"{"id": 3, "name": "c", "discount": 5}"#));
    assert!(!apart(&earlier, r#"{"id": 3}"#));
    // Another resource: `id` and `name`, in every body so far, missing, and members none had.
    assert!(apart(&earlier, search));
    assert!(!apart(&[earlier[0], search], r#"{"id": 3, "extra": 1}"#), "nothing constant left out");
    // A member name that looks like a secret is not kept (the names go to disk).
    let mut shape = Shape::default();
    let keyed = r#"{"object": "list", "sk_live_51Habcdefghij": {"id": 1}}"#;
    for b in earlier.iter().chain([&keyed]) {
        shape.observe(b.as_bytes(), crate::ts::Ts(0), &limits, &redactor).expect("json");
    }
    assert_eq!(answered_apart(&shape, keyed.as_bytes()).expect("apart"), ["object"]);
    // Keys that are data (dates) are no members to miss.
    let days = [r#"{"2026-11-01": 1, "2026-11-02": 2, "2026-11-03": 3, "2026-11-04": 4}"#; 2];
    assert!(!apart(&days, r#"{"2026-11-05": 1, "2026-11-06": 2, "2026-11-07": 3, "2026-11-08": 4}"#));
    // A field renamed for every value (drift): apart on the first body that has it, not
    // once most bodies do.
    let mut shape = Shape::default();
    let mut renamed = None;
    for i in 0..25 {
        let body = if i < 10 {
            format!(r#"{{"id": {i}, "name": "n"}}"#)
        } else {
            format!(r#"{{"id": {i}, "full_name": "n"}}"#)
        };
        shape.observe(body.as_bytes(), crate::ts::Ts(i), &limits, &redactor).expect("json");
        if i == 10 {
            renamed = answered_apart(&shape, body.as_bytes());
            assert!(still_apart(&shape, renamed.as_deref().expect("apart when it came")));
        }
    }
    assert!(!still_apart(&shape, &renamed.expect("kept")), "most bodies renamed: drift, not apart");
}

#[test]
fn a_literal_with_the_values_subtree_but_an_answer_of_its_own_stays_beside_them() {
    // Invoices, each with its lines below; `upcoming` has lines below too, but answers with
    // a shape no invoice gives (Stripe's `/v1/invoices/upcoming/lines`).
    let mut paths: Vec<(String, Option<u64>, usize)> = Vec::new();
    for inv in ["acme-drift", "alpha-delta", "drift-data", "hello-world", "mock-nova", "nova-site"] {
        paths.push((format!("/v1/invoices/{inv}"), sig(1), 9));
        paths.push((format!("/v1/invoices/{inv}/lines"), sig(2), 9));
    }
    paths.push(("/v1/invoices/upcoming".to_owned(), sig(3), 32));
    paths.push(("/v1/invoices/upcoming/lines".to_owned(), sig(2), 32));
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    assert_eq!(t.template("/v1/invoices/zed-zulu"), "/v1/invoices/{invoice}");
    assert_eq!(t.template("/v1/invoices/upcoming"), "/v1/invoices/upcoming");
}

#[test]
fn a_sidecars_first_sight_of_a_collections_endpoints_is_not_an_open_set() {
    // Six collections under `/v1/issuing`, each seen once by a sidecar's first relearn, each
    // answering with its own shape: names seen once each, but nothing says they are values.
    let names = ["authorizations", "cardholders", "cards", "disputes", "settlements", "transactions"];
    let paths: Vec<(String, Option<u64>)> =
        names.iter().enumerate().map(|(i, n)| (format!("/v1/issuing/{n}"), sig(10 + i as u64))).collect();
    assert_eq!(learned(&paths).len(), 6, "{:?}", learned(&paths));
    // Values of one parameter share a shape, or answer nothing to tell them apart: one.
    let mut values = paths.clone();
    values.iter_mut().for_each(|(_, s)| *s = sig(99));
    assert_eq!(learned(&values), ["/v1/issuing/{issuing}"]);
    values.iter_mut().for_each(|(_, s)| *s = None);
    assert_eq!(learned(&values), ["/v1/issuing/{issuing}"]);
}

#[test]
fn owners_whose_items_answer_alike_are_one_parameter_and_collections_answering_apart_stay() {
    // A client's seven owners, each with one to three of its repositories starred (some seen
    // once, one seen only as a 404): every repository answers as a repository (sig 1).
    let repos = ["spark", "web", "api", "docs", "infra", "cli", "site", "lab"];
    let mut paths: Vec<(String, Option<u64>, usize)> = vec![("/user/starred".to_owned(), sig(9), 30)];
    for (o, owner) in ["acme-corp", "globex", "initech", "umbrella", "hooli", "stark", "wayne"].iter().enumerate() {
        for r in 0..=(o % 3) {
            let repo = repos[(o * 3 + r) % repos.len()];
            paths.push((format!("/user/starred/{owner}/{repo}"), sig(1), 1 + r));
        }
        paths.push((format!("/user/starred/{owner}/gone-{o}"), None, 1));
    }
    // Collections whose items each answer as their own resource stay apart.
    for (i, c) in ["orders", "customers", "products"].iter().enumerate() {
        for id in 0..5 {
            paths.push((format!("/shop/{c}/{}", 1000 + id), sig(10 + i as u64), 2));
        }
    }
    // A database's tables, each with many rows by name, all answering one generic row shape
    // (Datasette's): a few collections of many records, not values.
    for c in ["invoices", "suppliers", "shipments"] {
        for row in 0..20 {
            paths.push((format!("/db/{c}/{}-{}", letters(row), letters(row * 7 + 3)), sig(20), 1));
        }
    }
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    assert_eq!(t.template("/db/invoices/new-row"), "/db/invoices/{invoice}");
    assert_eq!(t.template("/db/shipments/new-row"), "/db/shipments/{shipment}");
    assert_eq!(t.template("/user/starred/new-owner/new-repo"), "/user/starred/{owner}/{starred}");
    assert_eq!(t.template("/user/starred/globex/spark"), "/user/starred/{owner}/{starred}");
    assert_eq!(t.template("/user/starred"), "/user/starred");
    assert_eq!(t.template("/shop/orders/7"), "/shop/orders/{order_id}");
    assert_eq!(t.template("/shop/customers/7"), "/shop/customers/{customer_id}");
}

#[test]
fn names_that_are_no_collections_whose_items_answer_alike_are_values_however_many_items() {
    // A block registry's namespaces, each with many block names, every block answering as a
    // block (WordPress's `/block-types/{namespace}/{name}`): a few values with many items.
    let mut paths: Vec<(String, Option<u64>, usize)> = vec![("/wp/v2/block-types".to_owned(), sig(9), 20)];
    for (n, ns) in ["core", "jetpack", "woocommerce"].iter().enumerate() {
        for b in 0..(20 - 5 * n) {
            paths.push((format!("/wp/v2/block-types/{ns}/{}-{}", letters(b), letters(3 * b + n)), sig(1), 1));
        }
    }
    // A database's tables, rows by number, one generic row shape: named as collections, they
    // stay apart (however few rows each); so do tables of many rows, named as anything.
    for c in ["invoices", "suppliers", "shipments"] {
        for row in 1..=3 {
            paths.push((format!("/db/{c}/{row}"), sig(20), 1));
        }
    }
    for c in ["Album", "Artist", "order_items"] {
        for row in 1..=30 {
            paths.push((format!("/chinook/{c}/{row}"), sig(21), 1));
        }
    }
    // (Endpoint names under each of a few users, every one answering one list shape, are
    // kept from this rule on a sidecar's view, `Node::recurred`: the recorder's test
    // `a_name_held_as_a_value_below_stays_an_endpoint_where_it_answers_a_shape_of_its_own`.)
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    let block = t.template("/wp/v2/block-types/yoast/faq-block");
    assert!(block.starts_with("/wp/v2/block-types/{"), "{block}");
    assert_eq!(t.template("/db/invoices/7"), "/db/invoices/{invoice_id}");
    assert_eq!(t.template("/db/shipments/7"), "/db/shipments/{shipment_id}");
    assert!(t.template("/chinook/Album/7").starts_with("/chinook/Album/"));
    assert!(t.template("/chinook/order_items/7").starts_with("/chinook/order_items/"));
}

#[test]
fn parameters_are_named_from_the_collection_not_from_a_value_kept_literal() {
    // A single tenant: one owner, many repositories, each with its pulls.
    let mut paths = Vec::new();
    for r in 0..30 {
        paths.push(format!("/repos/acme-corp/{}-{}", letters(r), letters(r * 5 + 2)));
        paths.push(format!("/repos/acme-corp/{}-{}/pulls/{}", letters(r), letters(r * 5 + 2), r + 1));
    }
    let routes: Vec<String> = learn(paths.iter().map(String::as_str)).iter().map(|r| r.as_str().to_owned()).collect();
    assert!(routes.contains(&"/repos/acme-corp/{repo}".to_owned()), "{routes:?}");
    assert!(routes.contains(&"/repos/acme-corp/{repo}/pulls/{pull_id}".to_owned()), "{routes:?}");
    // A collection's own name still names its parameter, beside a sibling or alone.
    let paths: Vec<String> = (0..30).map(|i| format!("/users/{}-{}/repos", letters(i), letters(i + 3))).collect();
    let routes: Vec<String> = learn(paths.iter().map(String::as_str)).iter().map(|r| r.as_str().to_owned()).collect();
    assert_eq!(routes, ["/users/{user}/repos"]);
}

#[test]
fn rare_values_each_seen_with_a_few_of_the_leaves_below_are_one_parameter() {
    // Zipf-skewed gists: the hot one seen often with every endpoint below it, the rare ones
    // each with two or three of the leaves (`star`, `forks`, `commits`, `comments`), beside
    // the collection's own literals.
    // Each endpoint answers with its own shape; the collection's literals with their own.
    let answer = |sub: &str| match sub {
        "" => sig(1),
        "/comments" => sig(2),
        "/commits" => sig(3),
        "/forks" => sig(4),
        "/star" => None,
        _ => sig(5),
    };
    let mut paths: Vec<(String, Option<u64>, usize)> = vec![
        ("/gists".into(), sig(30), 8),
        ("/gists/public".into(), sig(31), 8),
        ("/gists/starred".into(), sig(32), 8),
    ];
    for sub in ["", "/comments", "/comments/8812", "/commits", "/forks", "/star"] {
        paths.push((format!("/gists/linux-cloud{sub}"), answer(sub), 4));
    }
    for (gist, subs) in [
        ("world-spark", &["/commits", "/forks", "/star"][..]),
        ("site-lab", &["", "/comments", "/star"][..]),
        ("mock-alpha", &["/forks", "/star"][..]),
        ("data-tools", &["", "/comments/9120", "/forks"][..]),
    ] {
        for sub in subs {
            paths.push((format!("/gists/{gist}{sub}"), answer(sub), 2));
        }
    }
    let routes = learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole);
    let t = Templater::new(routes);
    assert_eq!(t.template("/gists/new-gist/star"), "/gists/{gist}/star");
    assert_eq!(t.template("/gists/mock-alpha/commits"), "/gists/{gist}/commits");
    assert_eq!(t.template("/gists/public"), "/gists/public");
    assert_eq!(t.template("/gists/starred"), "/gists/starred");
    // Three siblings sharing leaves are not enough: an enumeration's values under literals.
    let paths: Vec<String> = ["ref", "refs", "matching-refs"]
        .iter()
        .flat_map(|l| ["main", "develop", "release"].map(move |b| format!("/git/{l}/{b}")))
        .collect();
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/git/ref/main"), "/git/ref/main");
}

#[test]
fn owners_each_seen_on_a_sparse_sample_of_their_endpoints_merge_before_their_endpoints_do() {
    // A client of a dozen owners, the same nine repository names under each, and 150
    // endpoints below a repository, 100 of them below one of 50 collections' items (a pull
    // request, a branch: each of five names). Each owner sees under half of the endpoints,
    // each repository a dozen: in one owner's subtree, endpoint names seen once look like an
    // open set, and the owners' subtrees are too unlike to merge. Learned as one on trial in
    // the first pass, the owners are alike, and their union shows the endpoints for what
    // they are. (Session 25's build: `/repos/{owner}/{repo_owner}/{repo_owner2}/{repo}`.)
    let words = ["acme", "cloud", "data", "delta", "docs", "drift", "gamma", "hello", "infra", "lab", "mock", "nova"];
    let pair = |i: usize, j: usize| format!("{}-{}", words[i % 12], words[j % 12]);
    let owners: Vec<String> = (0..12).map(|i| pair(i, i + 5)).collect();
    let repos: Vec<String> = (0..9).map(|i| pair(i + 3, i + 1)).collect();
    let values: Vec<String> = (0..5).map(|i| words[(i + 7) % 12].to_owned()).collect();
    let mut endpoints: Vec<String> = Vec::new();
    for e in 0..50 {
        let name = format!("{}s{e}", words[e % 12]);
        endpoints.push(name.clone());
        endpoints.push(format!("{name}/{{}}"));
        endpoints.push(format!("{name}/{{}}/{}{}", ["files", "status", "reviews"][e % 3], e / 3));
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let drawn: Vec<(usize, usize, usize, usize)> =
        (0..1_200).map(|_| (next(12), next(9), next(endpoints.len()), next(5))).collect();
    // A response shape per endpoint: what a resource answers, whichever its values. (With
    // one shape per collection, its list, items and the endpoint below them alike, seven of
    // the owners merge as alike subtrees on the first pass, which leaves the other five
    // untried and judged alone: not learned yet, see the templating page.)
    let paths: Vec<(String, Option<u64>, usize)> = drawn
        .iter()
        .map(|&(o, r, e, v)| {
            // Each collection's items have names of their own (a pull request's are not a
            // branch's).
            let item = format!("{}-{}", values[v], words[e / 3 % 12]);
            let path = format!("/repos/{}/{}/{}", owners[o], repos[r], endpoints[e].replace("{}", &item));
            (path, sig(1_000 + e as u64), 1)
        })
        .collect();
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    for (e, endpoint) in endpoints.iter().enumerate() {
        let concrete = format!("/repos/new-owner/new-repo/{}", endpoint.replace("{}", &values[e % 5]));
        let template = t.template(&concrete);
        let segs: Vec<&str> = template.split('/').collect();
        let want: Vec<bool> = format!("/repos/{{}}/{{}}/{endpoint}").split('/').map(|s| s == "{}").collect();
        assert_eq!(segs.iter().map(|s| s.starts_with('{')).collect::<Vec<_>>(), want, "{concrete} -> {template}");
    }
    // No parameter where the endpoint names are.
    let unknown = t.template("/repos/new-owner/new-repo/unknown");
    assert!(!unknown.ends_with('}'), "{unknown}");
}

#[test]
fn a_partial_view_of_values_below_values_each_seen_at_one_endpoint_merges_both_levels() {
    // A sidecar's first relearn over a client's packages (`bench/templating.py --salt s31`,
    // GitHub, `vocab` values, `errors` bodies, 8 requests a template, in arrival order):
    // organizations, users and the user's own, each with six package types, four package
    // names and three versions, 72 requests over 9 templates; a quarter answered with a
    // shared 404 or 403. Read through their union, some types' subtrees are one path two
    // segments deep (`{}/versions/{}`), so no two of them hold two of each other's paths,
    // but the others hold it. (Session 26's build kept most types literal and named
    // parameters after them: `/users/{user}/packages/nova-linux/{nova_linux}`.)
    const SEEN: &str = "\
        404 /users/gamma-site/packages/rust-site/lab-delta
        200 /users/linux-data/packages/react-gamma/omega-react/versions
        200 /users/gamma-site/packages/world-docs/hello-mock
        200 /user/packages/rust-site/lab-delta
        200 /users/react-drift/packages/react-gamma/lab-delta/versions
        200 /users/gamma-site/packages/nova-linux/omega-react/versions/mobile-mock
        200 /user/packages/nova-linux/cloud-alpha
        200 /users/linux-data/packages/rust-site/omega-react/versions
        200 /orgs/site-docs/packages/react-gamma/cloud-alpha/versions/mobile-mock
        200 /orgs/site-alpha/packages/world-docs/lab-delta
        404 /orgs/site-docs/packages/rust-site/lab-delta/versions
        404 /users/react-drift/packages/react-gamma/lab-delta
        200 /user/packages/acme-tools/lab-delta/versions/drift-delta
        200 /user/packages/world-docs/lab-delta/versions
        404 /users/react-drift/packages/react-gamma/omega-react
        200 /user/packages/nova-linux/cloud-alpha
        200 /user/packages/rust-site/lab-delta
        200 /user/packages/acme-tools/hello-mock/versions/drift-delta
        200 /user/packages/world-docs/omega-react/versions/mobile-mock
        200 /orgs/infra-mobile/packages/world-docs/cloud-alpha
        403 /orgs/site-alpha/packages/acme-tools/cloud-alpha/versions
        200 /orgs/drift-mock/packages/world-docs/lab-delta/versions/delta-lab
        200 /user/packages/react-gamma/lab-delta/versions/drift-delta
        200 /user/packages/react-gamma/cloud-alpha/versions
        200 /user/packages/acme-tools/omega-react/versions/delta-lab
        404 /users/react-drift/packages/nova-linux/omega-react/versions/mobile-mock
        200 /user/packages/acme-tools/lab-delta/versions/drift-delta
        200 /users/linux-data/packages/react-gamma/lab-delta/versions/mobile-mock
        200 /orgs/gamma-linux/packages/nova-linux/cloud-alpha
        200 /users/gamma-site/packages/site-delta/omega-react/versions
        404 /users/linux-data/packages/nova-linux/hello-mock/versions/delta-lab
        200 /orgs/drift-mock/packages/site-delta/cloud-alpha
        200 /user/packages/acme-tools/omega-react/versions/drift-delta
        200 /orgs/gamma-linux/packages/site-delta/cloud-alpha/versions
        200 /users/react-drift/packages/world-docs/hello-mock/versions/delta-lab
        404 /users/react-drift/packages/site-delta/omega-react/versions
        200 /user/packages/acme-tools/cloud-alpha/versions
        200 /users/react-drift/packages/nova-linux/omega-react
        404 /users/linux-data/packages/rust-site/omega-react/versions/delta-lab
        200 /orgs/gamma-linux/packages/site-delta/omega-react/versions
        404 /orgs/drift-mock/packages/nova-linux/cloud-alpha
        200 /user/packages/acme-tools/hello-mock
        200 /users/react-drift/packages/rust-site/hello-mock/versions
        404 /orgs/beta-gamma/packages/world-docs/lab-delta/versions/mobile-mock
        200 /user/packages/nova-linux/omega-react/versions
        200 /users/gamma-site/packages/nova-linux/lab-delta
        200 /orgs/site-docs/packages/react-gamma/cloud-alpha
        200 /orgs/docs-omega/packages/world-docs/lab-delta/versions
        404 /user/packages/react-gamma/hello-mock/versions/drift-delta
        200 /user/packages/acme-tools/lab-delta/versions
        200 /orgs/drift-mock/packages/site-delta/omega-react
        404 /user/packages/acme-tools/omega-react/versions
        200 /users/gamma-site/packages/react-gamma/cloud-alpha/versions
        403 /users/linux-data/packages/nova-linux/omega-react
        200 /orgs/gamma-linux/packages/nova-linux/hello-mock/versions
        200 /orgs/beta-gamma/packages/acme-tools/hello-mock/versions/drift-delta
        200 /users/gamma-site/packages/nova-linux/lab-delta/versions/delta-lab
        200 /orgs/drift-mock/packages/world-docs/omega-react/versions/drift-delta
        200 /orgs/acme-mock/packages/world-docs/hello-mock
        200 /users/gamma-site/packages/react-gamma/omega-react
        404 /orgs/acme-mock/packages/site-delta/omega-react/versions
        200 /user/packages/rust-site/cloud-alpha/versions
        200 /user/packages/react-gamma/cloud-alpha
        200 /orgs/gamma-linux/packages/react-gamma/omega-react/versions/delta-lab
        200 /users/linux-data/packages/acme-tools/cloud-alpha/versions
        200 /orgs/drift-mock/packages/nova-linux/hello-mock/versions/delta-lab
        200 /user/packages/site-delta/omega-react
        404 /orgs/gamma-linux/packages/nova-linux/lab-delta/versions
        200 /users/gamma-site/packages/rust-site/omega-react/versions/delta-lab
        200 /user/packages/acme-tools/cloud-alpha
        200 /user/packages/site-delta/hello-mock/versions
        200 /orgs/acme-mock/packages/react-gamma/omega-react/versions/drift-delta
    ";
    let kind = |path: &str| {
        let segs: Vec<&str> = path.split('/').collect();
        let top = if segs[1] == "user" {
            0
        } else if segs[1] == "users" {
            1
        } else {
            2
        };
        top * 10 + segs.len() as u64
    };
    // The rest of the API, as the sidecar saw it: a few endpoints of its own, and each owner
    // with its members or followers.
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for (i, p) in ["/emoji", "/meta", "/rate_limit", "/gitignore/templates", "/user"].iter().enumerate() {
        for _ in 0..5 {
            paths.push((p.to_string(), sig(100 + i as u64)));
        }
    }
    for line in SEEN.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let segs: Vec<&str> = line.split('/').collect();
        if segs[1] == "orgs" {
            paths.push((format!("/orgs/{}/members", segs[2]), sig(110)));
        } else if segs[1] == "users" {
            paths.push((format!("/users/{}/followers", segs[2]), sig(111)));
        }
    }
    let context = paths.len();
    for line in SEEN.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (status, path) = line.split_once(' ').expect("status and path");
        // Per endpoint its own shape; the errors one shape each, shared by every endpoint.
        let s = if status == "200" { kind(path) } else { status.parse().expect("status") };
        paths.push((path.to_owned(), sig(s)));
    }
    let t = Templater::new(learn_view(paths.iter().map(|(p, s)| (p.as_str(), *s, 1)), View::Partial));
    assert_eq!(t.template("/orgs/acme-mock/members"), "/orgs/{org}/members");
    for p in ["/emoji", "/meta", "/rate_limit", "/gitignore/templates", "/user"] {
        assert_eq!(t.template(p), p, "an endpoint of its own stays literal");
    }
    for (path, _) in &paths[context..] {
        let got = t.template(path);
        let params: &[usize] = if path.starts_with("/user/") { &[3, 4, 6] } else { &[2, 4, 5, 7] };
        let want: Vec<bool> = (0..path.split('/').count()).map(|i| params.contains(&i)).collect();
        assert_eq!(got.split('/').map(|s| s.starts_with('{')).collect::<Vec<_>>(), want, "{path} -> {got}");
    }
}

#[test]
fn endpoint_names_seen_each_with_one_shared_path_stay_literal() {
    // A sidecar's view of repositories (the review's case against the rule above): besides
    // endpoints seen whole, `actions` and `codespaces` are each seen only with
    // `secrets/public-key` (which `dependabot` has too), `comments` and `releases` only with
    // `{}/reactions` (which `issues` has too). Four children each with one path the others
    // hold: endpoint names, not values, and they stay apart.
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    let below: [(&str, &[&str]); 12] = [
        ("pulls", &["", "/1", "/2/files", "/3"]),
        ("issues", &["", "/4", "/5/comments", "/6/reactions"]),
        ("actions", &["/secrets/public-key"]),
        ("codespaces", &["/secrets/public-key"]),
        ("dependabot", &["/secrets/public-key", "/secrets/NPM_TOKEN", "/secrets/GH_TOKEN"]),
        ("comments", &["/7/reactions"]),
        ("releases", &["/8/reactions"]),
        ("branches", &["", "/main/protection", "/develop"]),
        ("commits", &["", "/a1b2c3d4e5/status", "/f6e5d4c3b2"]),
        ("hooks", &["", "/9", "/10"]),
        ("tags", &[""]),
        ("forks", &[""]),
    ];
    for (i, owner) in ["acme-corp", "octo-org", "data-lab"].iter().enumerate() {
        for (j, repo) in ["spark", "hello-world", "docs-site"].iter().enumerate() {
            for (k, (name, subs)) in below.iter().enumerate() {
                for (n, sub) in subs.iter().enumerate() {
                    // Each repository, each sub-path: a sample of what a sidecar sees.
                    if (i + j + k + n) % 3 != 2 || sub.contains("secrets") || sub.contains("reactions") {
                        // A shape per resource; the shared sub-resources answer alike
                        // wherever they are (a public key, a list of reactions).
                        let shape = match sub.rsplit('/').next() {
                            Some("public-key") => 1,
                            Some("reactions") => 2,
                            _ => 100 + k as u64 * 10 + n as u64,
                        };
                        paths.push((format!("/repos/{owner}/{repo}/{name}{sub}"), sig(shape)));
                    }
                }
            }
        }
    }
    let t = Templater::new(learn_view(paths.iter().map(|(p, s)| (p.as_str(), *s, 1)), View::Partial));
    for (path, want) in [
        ("/repos/new-owner/new-repo/actions/secrets/public-key", "/repos/{}/{}/actions/secrets/public-key"),
        ("/repos/new-owner/new-repo/codespaces/secrets/public-key", "/repos/{}/{}/codespaces/secrets/public-key"),
        ("/repos/new-owner/new-repo/comments/11/reactions", "/repos/{}/{}/comments/{}/reactions"),
        ("/repos/new-owner/new-repo/releases/12/reactions", "/repos/{}/{}/releases/{}/reactions"),
        ("/repos/new-owner/new-repo/pulls/13", "/repos/{}/{}/pulls/{}"),
    ] {
        let got = t.template(path);
        let shape: String =
            got.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/");
        assert_eq!(shape, want, "{path} -> {got}");
    }
}

#[test]
fn a_hot_value_with_values_below_joins_rare_ones_once_they_learn_together() {
    // `/{dataset}/{version}/fields`, Zipf-skewed: the hot dataset seen with three versions,
    // three rare ones with one each; answers are errors (no shape) but for two.
    let mut paths: Vec<(&str, Option<u64>, usize)> = vec![("/", sig(1), 8)];
    for (p, s) in [
        ("/spark-docs/mobile-linux/fields", None),
        ("/spark-docs/nova-docs/fields", None),
        ("/spark-docs/react-gamma/fields", sig(2)),
        ("/acme-acme/tools-react/fields", sig(2)),
        ("/nova-core/nova-docs/fields", None),
        ("/tools-core/beta-world/fields", None),
    ] {
        paths.push((p, s, if p.starts_with("/spark-docs") { 2 } else { 1 }));
    }
    let t = Templater::new(learn_view(paths.iter().copied(), View::Whole));
    let unnamed = |p: &str| {
        let t = t.template(p);
        t.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/")
    };
    assert_eq!(unnamed("/spark-docs/new-version/fields"), "/{}/{}/fields");
    assert_eq!(unnamed("/other/v9/fields"), "/{}/{}/fields");
    // Not one whose subtree, so read, is not theirs: `schema` below each of its names.
    let paths: Vec<(String, Option<u64>, usize)> = paths
        .iter()
        .map(|&(p, s, w)| {
            (if p.starts_with("/spark-docs") { p.replace("fields", "schema") } else { p.to_owned() }, s, w)
        })
        .collect();
    let t = Templater::new(learn_view(paths.iter().map(|(p, s, w)| (p.as_str(), *s, *w)), View::Whole));
    assert!(t.template("/spark-docs/nova-docs/schema").starts_with("/spark-docs/"));
}

#[test]
fn a_collection_s_name_with_values_below_stays_beside_a_parameter_of_values() {
    // `/{owner}/{repo}/issues` for rare owners, and `/orgs/{org}/issues`, seen more: the
    // same structure, but `orgs` names a collection (a plural word), not a value.
    let mut paths: Vec<(&str, Option<u64>, usize)> = vec![("/", sig(1), 8)];
    for p in ["/alice-dev/spark/issues", "/bob-ops/nova/issues", "/carol-qa/site/issues"] {
        paths.push((p, None, 1));
    }
    for p in ["/orgs/acme/issues", "/orgs/beta/issues", "/orgs/gamma/issues"] {
        paths.push((p, None, 2));
    }
    let t = Templater::new(learn_view(paths.iter().copied(), View::Whole));
    assert!(t.template("/orgs/delta/issues").starts_with("/orgs/"), "{}", t.template("/orgs/delta/issues"));
}

#[test]
fn a_version_the_value_patterns_read_as_an_id_stays_literal_while_it_takes_one_value() {
    let mut paths = Vec::new();
    for i in 0..40 {
        // Jira's `/rest/api/2/...` and Twilio's `/2010-04-01/...`: one value on every path.
        paths.push(format!("/rest/api/2/issue/PROJ-{i}"));
        paths.push("/rest/api/2/myself".to_owned());
        // One account, but an id by its form, after its collection's name: a parameter.
        paths.push(format!("/2010-04-01/Accounts/{:032x}/Calls", 1));
        paths.push("/2010-04-01/Accounts".to_owned());
        // Two versions are two values of a parameter.
        paths.push(format!("/api/{}/items", 2 + i % 2));
        paths.push(format!("/api/{}/status", 2 + i % 2));
        // One id after a collection's name is a single tenant's: a parameter still.
        paths.push("/orgs/42/members".to_owned());
        paths.push("/orgs/42/repos".to_owned());
    }
    // Seen on too few paths to tell.
    paths.push("/v/7/a".to_owned());
    paths.push("/v/7/b".to_owned());
    // One id with one endpoint below it, however often: a parameter (a client's one pet).
    for _ in 0..20 {
        paths.push("/pet/1/uploadImage".to_owned());
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/rest/api/2/issue/PROJ-99"), "/rest/api/2/issue/{issue}");
    assert_eq!(t.template("/rest/api/2/myself"), "/rest/api/2/myself");
    assert_eq!(t.template("/2010-04-01/Accounts"), "/2010-04-01/Accounts");
    assert_eq!(
        t.template(&format!("/2010-04-01/Accounts/{:032x}/Calls", 7)),
        "/2010-04-01/Accounts/{account_id}/Calls"
    );
    assert_eq!(t.template("/api/2/items"), "/api/{api_id}/items");
    assert_eq!(t.template("/orgs/42/members"), "/orgs/{org_id}/members");
    assert_eq!(t.template("/v/7/a"), "/v/{v_id}/a");
    assert_eq!(t.template("/pet/1/uploadImage"), "/pet/{pet_id}/uploadImage");
}

#[test]
fn a_format_extension_is_the_path_s_ending_not_part_of_its_value() {
    let shops = ["north", "south", "east", "west", "central"];
    let mut paths = Vec::new();
    for i in 0..30 {
        // Twilio: ids with `.json` after them, and collections with it.
        paths.push("/2010-04-01/Accounts.json".to_owned());
        paths.push(format!("/2010-04-01/Accounts/AC{:032x}.json", i % 3));
        paths.push(format!("/2010-04-01/Accounts/AC{:032x}/Calls.json", i % 3));
        paths.push(format!("/2010-04-01/Accounts/AC{:032x}/Calls/CA{:032x}.json", i % 3, 1000 + i));
        // Names no pattern reveals, alike by what is below them, `.json` included.
        paths.push(format!("/shops/{}.json", shops[i % 5]));
        paths.push(format!("/shops/{}/orders.json", shops[i % 5]));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let (ac, ca) = (format!("AC{:032x}", 9), format!("CA{:032x}", 9));
    assert_eq!(t.template("/2010-04-01/Accounts.json"), "/2010-04-01/Accounts.json");
    assert_eq!(t.template(&format!("/2010-04-01/Accounts/{ac}.json")), "/2010-04-01/Accounts/{account_id}.json");
    assert_eq!(
        t.template(&format!("/2010-04-01/Accounts/{ac}/Calls/{ca}.json")),
        "/2010-04-01/Accounts/{account_id}/Calls/{call_id}.json"
    );
    assert_eq!(t.template("/shops/harbour.json"), "/shops/{shop}.json");
    assert_eq!(t.template("/shops/harbour/orders.json"), "/shops/{shop}/orders.json");
}

#[test]
fn a_database_s_tables_answering_one_page_shape_stay_apart() {
    // Datasette: each table's page (`/shop/products.json`) and its rows, every table's page
    // in one generic shape and every row in another. A few collections of many records
    // each are not values of one parameter.
    let mut paths: Vec<(String, Option<u64>)> = Vec::new();
    for table in ["products", "orders", "customers"] {
        for i in 0..120 {
            paths.push((format!("/shop/{table}.json"), Some(1)));
            paths.push((format!("/shop/{table}/{}.json", 1000 + i), Some(2)));
        }
    }
    let t = Templater::new(learn_with_bodies(paths.iter().map(|(p, s)| (p.as_str(), *s))));
    assert_eq!(t.template("/shop/orders.json"), "/shop/orders.json");
    assert_eq!(t.template("/shop/orders/7.json"), "/shop/orders/{order_id}.json");
    assert_eq!(t.template("/shop/customers/7.json"), "/shop/customers/{customer_id}.json");
    // The extension is no structure: instance pages, each with `.json`, are not alike by it.
    let pages = ["threads", "metadata", "versions", "plugins", "settings"];
    let paths: Vec<String> = (0..100).map(|i| format!("/-/{}.json", pages[i % 5])).collect();
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/-/threads.json"), "/-/threads.json");
    assert_eq!(t.template("/-/other.json"), "/-/other.json");
}

#[test]
fn a_relearn_moves_an_endpoint_only_onto_a_template_that_takes_in_its_paths() {
    assert!(takes_in("/repos/{owner}/{repo}", "/repos/acme/{repo}"));
    assert!(!takes_in("/repos/acme/{repo}", "/repos/{owner}/{repo}"), "never split");
    // A version the value patterns made a parameter, learned literal once it took one value.
    assert!(takes_in("/rest/api/2/issue/{issue}", "/rest/api/{api_id}/issue/{issue}"));
    assert!(!takes_in("/items/48213/parts", "/items/{item_id}/parts"), "an id, not a version");
    assert!(!takes_in("/a/b/parts", "/a/{x}/parts"));
    // A store learned before extensions were: the old parameter took `CA12.json` whole.
    assert!(takes_in("/Calls/{call_id}.json", "/Calls/{call}"));
    assert!(takes_in("/Calls/{call_id}.json", "/Calls/CA12.json"));
    assert!(!takes_in("/Calls/{call_id}.json", "/Calls/CA12.xml"));
}

#[test]
fn a_file_named_by_an_id_is_a_value_whatever_its_extension() {
    // PeerTube's avatars, thumbnails and HLS files: twelve avatars seen hundreds of times
    // each in three formats are no open set and answer images, no shape; the file's name is
    // an id (or starts with one) and a known file extension.
    let uuid = "05fb8c61-1ec9-48a3-8999-be896cab6570";
    assert_eq!(param_reason(&format!("{uuid}.png")), Some("file named by an id"));
    assert_eq!(param_reason(&format!("{uuid}-1080-fragmented.mp4")), Some("file named by an id"));
    assert_eq!(param_reason(&format!("{}-segments-sha256.m3u8", "ab12".repeat(16))), Some("file named by an id"));
    assert_eq!(param_reason("12345.jpg"), Some("file named by an id"));
    assert!(param_reason("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.tar.gz").is_some());
    for name in [
        "README.md",
        "1.2.3.tar.gz",
        "logo.png",
        "Translation-en.xz",
        "nginx_1.22.1-9.dsc",
        "12345.v2",
        "android-chrome-192x192.png",
        "apple-touch-icon-180x180.png",
    ] {
        assert_eq!(param_reason(name), None, "{name}");
    }
    let avatars = ["05fb8c61-1ec9-48a3-8999-be896cab6570", "306d1a93-2d67-42dd-b8f1-f9b49ee1401c"];
    let mut paths: Vec<String> = Vec::new();
    for a in avatars {
        for ext in ["png", "webp", "jpg"] {
            for _ in 0..50 {
                paths.push(format!("/lazy-static/avatars/{a}.{ext}"));
            }
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template(&format!("/lazy-static/avatars/{}.webp", avatars[0])), "/lazy-static/avatars/{avatar_id}");
    // A file named by the id before it is still one name under every id (references).
    assert!(with_references(&["videos", avatars[0]], &format!("{}.mp4", avatars[0])).is_some());
}

#[test]
fn files_named_in_one_place_are_values_however_often_each_is_seen() {
    // Sonarr's covers and a log directory: eight names, each seen fifty times, answering
    // images or text (no shape), under a parameter and under a literal.
    let mut paths: Vec<String> = Vec::new();
    let covers = ["poster.jpg", "poster-500.jpg", "poster-250.jpg", "fanart.jpg", "fanart-360.jpg", "banner.jpg"];
    let logs = ["sonarr.txt", "sonarr.0.txt", "sonarr.debug.txt", "sonarr.trace.txt", "sonarr.1.txt"];
    for _ in 0..50 {
        for (i, c) in covers.iter().enumerate() {
            paths.push(format!("/MediaCover/{}/{c}", 10 + i));
        }
        for l in logs {
            paths.push(format!("/api/v3/log/file/{l}"));
        }
        // An API's own files at its top stay apart.
        for f in ["robots.txt", "favicon.ico", "sitemap.xml", "humans.txt"] {
            paths.push(format!("/{f}"));
        }
        // Beside a directory, files are an archive's layout: not judged by this rule.
        for f in ["Contents-amd64.gz", "Contents-arm64.gz", "Contents-i386.gz", "Contents-all.gz"] {
            paths.push(format!("/dists/bookworm/main/{f}"));
        }
        paths.push("/dists/bookworm/main/binary-amd64/Packages.xz".to_owned());
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let bare =
        |t: String| t.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/");
    assert_eq!(bare(t.template("/MediaCover/12/poster-500.jpg")), "/MediaCover/{}/{}");
    assert_eq!(bare(t.template("/api/v3/log/file/sonarr.debug.txt")), "/api/v3/log/file/{}");
    assert_eq!(t.template("/robots.txt"), "/robots.txt");
    assert_eq!(t.template("/dists/bookworm/main/Contents-i386.gz"), "/dists/bookworm/main/Contents-i386.gz");
    // At the API's top, nothing but files: its own. A server's scripts are endpoints.
    // Beside ids with endpoints below them: a resource's exports.
    let mut paths: Vec<String> = Vec::new();
    for _ in 0..50 {
        for f in ["robots.txt", "favicon.ico", "humans.txt", "ads.txt", "security.txt"] {
            paths.push(format!("/{f}"));
        }
        for f in ["login.cgi", "status.cgi", "config.cgi", "reboot.cgi"] {
            paths.push(format!("/cgi-bin/{f}"));
        }
        for f in ["summary.pdf", "summary.csv", "export.csv", "export.xlsx"] {
            paths.push(format!("/reports/{f}"));
        }
    }
    for id in 1..=30 {
        paths.push(format!("/reports/{id}/rows"));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template("/cgi-bin/status.cgi"), "/cgi-bin/status.cgi");
    let top: Vec<&str> = paths.iter().map(String::as_str).filter(|p| p.matches('/').count() == 1).collect();
    let t_top = Templater::new(learn(top));
    assert_eq!(t_top.template("/favicon.ico"), "/favicon.ico");
    assert_eq!(t.template("/reports/export.xlsx"), "/reports/export.xlsx");
}

#[test]
fn a_literal_of_the_form_of_the_capital_ids_beside_it_is_one_of_them() {
    // Square's catalog ids: 24 capitals and digits of base32; one in twenty has fewer than
    // two digits and is no value pattern's, but it has the ids' form, hot or not.
    let plain = "DECTKYJLQUDAQLQIODPZOJOV";
    assert!(param_reason(plain).is_none());
    let ids = ["7QKXGZ4HW3MRJ5TNB2VYLC6P", "M2Q7XK5RZ3WJH4NTB6YPLC2V", "Z4K7QM2XW5RJH3NTB6YPLVC2"];
    let mut paths: Vec<String> = Vec::new();
    for id in ids {
        paths.push(format!("/v2/catalog/object/{id}"));
    }
    for _ in 0..20 {
        paths.push(format!("/v2/catalog/object/{plain}"));
    }
    // A word in capitals of another length stays apart.
    paths.push("/v2/catalog/object/SEARCHCATALOGOBJECTSNOW".to_owned());
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert!(t.template(&format!("/v2/catalog/object/{plain}")).starts_with("/v2/catalog/object/{"));
    assert_eq!(t.template("/v2/catalog/object/SEARCHCATALOGOBJECTSNOW"), "/v2/catalog/object/SEARCHCATALOGOBJECTSNOW");
    // PayPal's authorizations: 17 capitals and digits, some with one digit.
    let plain = "JNDLEFH0BBSOZZFAE";
    assert!(param_reason(plain).is_none());
    let mut paths: Vec<String> = Vec::new();
    for id in ["7KX21973G5912345C", "0VF52814937998046", "4RR959492F879224U", "9MX11209JB3474526"] {
        paths.push(format!("/v2/payments/authorizations/{id}"));
    }
    for _ in 0..20 {
        paths.push(format!("/v2/payments/authorizations/{plain}"));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert!(t.template(&format!("/v2/payments/authorizations/{plain}")).starts_with("/v2/payments/authorizations/{"));
}

#[test]
fn a_word_glued_to_the_ids_is_fixed_text() {
    // Telegram's bot API: `/bot<token>/<method>`, a few bots; the token is a secret, the
    // word before it the API's.
    let tokens = [
        "6510451795:AA12OqZjoHt3CGZZSQjRBAvTfJcEYGdfNYJ",
        "587063779:AA2JRkARbXVHEa4J2bjd9YYiK9H8ZW2sGHu",
        "7833555525:AAcTL6w32kB8totkxeBjQMB2cqSXrqR5rTX",
    ];
    let mut paths: Vec<String> = Vec::new();
    for i in 0..300 {
        let method = ["getMe", "getUpdates", "sendMessage", "getChat"][i % 4];
        paths.push(format!("/bot{}/{method}", tokens[i % 3]));
        // Hex ids whose first letters spell a word, and a type prefix: the ids' own.
        paths.push(format!("/blobs/cafe{:012x}/raw", i * 7919));
        paths.push(format!("/customers/cus_{:08}Ab/orders", i * 31));
        // Names that begin alike, a letter after the word: no digit glued to it.
        paths.push(format!("/users/{}@example.org/profile", ["anna", "annie", "anneliese"][i % 3]));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(t.template(&format!("/bot{}/getMe", tokens[1])), "/bot{id}/getMe");
    assert_eq!(t.template("/blobs/cafe00000000abcd/raw"), "/blobs/{blob_id}/raw");
    assert_eq!(t.template("/customers/cus_00000031Ab/orders"), "/customers/{customer_id}/orders");
    assert!(t.template("/users/anna@example.org/profile").starts_with("/users/{"));
    // Relearned from kept paths, redacted: each bot's id stays, the secret part never.
    let redactor = crate::redact::Redactor::default();
    let kept: Vec<String> = paths.iter().filter(|p| p.starts_with("/bot")).map(|p| redactor.redact_path(p)).collect();
    assert!(kept.iter().all(|p| !p.contains("AA")), "{kept:?}");
    let t = Templater::new(learn(kept.iter().map(String::as_str)));
    assert_eq!(t.template(&format!("/bot{}/getMe", tokens[2])), "/bot{id}/getMe");
    // One bot: its token is a value whole (the word may be the token's).
    let one: Vec<String> = paths.iter().filter(|p| p.contains(tokens[0])).cloned().collect();
    let t = Templater::new(learn(one.iter().map(String::as_str)));
    assert_eq!(t.template(&format!("/bot{}/getMe", tokens[0])), "/{id}/getMe");
}

#[test]
fn values_beside_fixed_text_in_one_segment() {
    // An archive's index per architecture: the directory `binary-amd64/` and the file
    // `Contents-amd64.gz`, the same architectures in both, under every suite and component.
    let mut paths: Vec<String> = Vec::new();
    let arches = ["amd64", "arm64", "i386", "all"];
    for _ in 0..20 {
        for suite in ["bookworm", "trixie", "sid", "bookworm-updates"] {
            for comp in ["main", "contrib", "non-free", "non-free-firmware"] {
                for a in arches {
                    paths.push(format!("/debian/dists/{suite}/{comp}/binary-{a}/Packages.xz"));
                    paths.push(format!("/debian/dists/{suite}/{comp}/binary-{a}/Release"));
                    paths.push(format!("/debian/dists/{suite}/{comp}/Contents-{a}.gz"));
                    // Two words before the value: another name.
                    paths.push(format!("/debian/dists/{suite}/{comp}/Contents-udeb-{a}.gz"));
                    // The values met elsewhere, alone here.
                    paths.push(format!("/debian/dists/{suite}/{comp}/debian-installer/binary-{a}/Packages.gz"));
                }
                // Locales and sizes after one word: values whatever the word.
                for lang in ["en", "de", "fr", "pt_BR", "ja", "zh_CN", "es"] {
                    paths.push(format!("/debian/dists/{suite}/{comp}/i18n/Translation-{lang}.bz2"));
                }
                for size in ["48x48", "64x64", "128x128"] {
                    paths.push(format!("/debian/dists/{suite}/{comp}/dep11/icons-{size}.tar.gz"));
                }
                paths.push(format!("/debian/dists/{suite}/{comp}/i18n/Translation-en.xz"));
                paths.push(format!("/debian/dists/{suite}/{comp}/i18n/Release"));
            }
            paths.push(format!("/debian/dists/{suite}/InRelease"));
        }
    }
    // Tiles at twice the scale: `{y}@2x`, a number and the scale.
    for i in 0..400 {
        paths.push(format!("/styles/v1/acme/streets/tiles/512/{}/{}/{}@2x", i % 12, 600 + i * 7 % 90, 1300 + i));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let bare = |t: String| {
        let mut out = String::new();
        let mut inside = false;
        for c in t.chars() {
            match c {
                '{' => inside = true,
                '}' => {
                    inside = false;
                    out.push_str("{}");
                }
                _ if !inside => out.push(c),
                _ => {}
            }
        }
        out
    };
    assert_eq!(
        t.template("/debian/dists/trixie/main/binary-arm64/Packages.xz"),
        "/debian/dists/{owner}/{dist}/binary-{binary}/Packages.xz"
    );
    for (path, want) in [
        ("/debian/dists/sid/contrib/Contents-i386.gz", "/debian/dists/{}/{}/Contents-{}.gz"),
        ("/debian/dists/sid/contrib/i18n/Release", "/debian/dists/{}/{}/i18n/Release"),
        ("/debian/dists/sid/contrib/Contents-udeb-i386.gz", "/debian/dists/{}/{}/Contents-udeb-{}.gz"),
        (
            "/debian/dists/sid/main/debian-installer/binary-arm64/Packages.gz",
            "/debian/dists/{}/{}/debian-installer/binary-{}/Packages.gz",
        ),
        ("/debian/dists/sid/main/i18n/Translation-pt_BR.bz2", "/debian/dists/{}/{}/i18n/Translation-{}.bz2"),
        // One language in `.xz`: its value is one of `Translation-⟨⟩.bz2`'s.
        ("/debian/dists/sid/main/i18n/Translation-en.xz", "/debian/dists/{}/{}/i18n/Translation-{}.xz"),
        ("/debian/dists/sid/main/dep11/icons-64x64.tar.gz", "/debian/dists/{}/{}/dep11/icons-{}.tar.gz"),
        ("/styles/v1/acme/streets/tiles/512/3/601/9311@2x", "/styles/v1/acme/streets/tiles/{}/{}/{}/{}@2x"),
    ] {
        assert_eq!(bare(t.template(path)), want, "{path}");
    }
    let mut learner = PathLearner::default();
    for p in &paths {
        learner.add(p, None, 1);
    }
    let learned = learner.learn_explained(View::Whole);
    let (_, why) = learned
        .iter()
        .find(|(r, _)| r.as_str() == "/debian/dists/{owner}/{dist}/binary-{binary}/Packages.xz")
        .expect("learned");
    assert!(format!("{why:?}").contains("binary\", \"names beside fixed text"), "{why:?}");

    // One word before every value is a naming habit, not the API's text: resource groups
    // `rg-...` with their resources below, a user's secrets by service and environment
    // (`search-dev`, `orders-dev`: words before a few values each), numbered instances
    // (`web-1` and `web-1.log`), names ending as their siblings' do (`-config`), one name in
    // several formats (`sku_red.jpg`, `sku_red.png`).
    let mut paths: Vec<String> = Vec::new();
    for i in 0..600 {
        let rg = ["rg-payments", "rg-web", "rg-data", "rg-ml", "rg-edge"][i % 5];
        paths.push(format!("/subscriptions/42/resourceGroups/{rg}/providers/vms"));
        paths.push(format!("/subscriptions/42/resourceGroups/{rg}/providers/disks"));
        let svc = ["search", "orders", "billing", "ledger"][i % 4];
        let env = ["dev", "prod", "staging"][i % 3];
        paths.push(format!("/v1/secret/data/{svc}-{env}"));
        let n = i % 4 + 1;
        paths.push(format!("/nodes/web-{n}/status"));
        paths.push(format!("/nodes/web-{n}.log"));
        paths.push(format!("/maps/{}-config/data", ["api", "web", "redis", "worker", "gateway"][i % 5]));
        paths.push(format!("/maps/u{i}-config/data"));
        // A tag after every package's name is no scale: `{name}@latest` is not learned.
        paths.push(format!("/npm/{}@latest/package.json", ["react", "vue", "lodash", "express", "chalk"][i % 5]));
        for ext in ["jpg", "png", "webp"] {
            paths.push(format!("/images/sku_{}.{ext}", ["red", "blue", "green", "black"][i % 4]));
        }
        // Regions of two letters are no languages (`jp`, `us` are none), nor are European
        // countries' codes, languages' too, without a region among them; nor do the
        // languages joined elsewhere make values of them.
        paths.push(format!("/cdn/edge-{}/health", ["eu", "us", "jp", "de", "fr", "br", "in"][i % 7]));
        paths.push(format!("/clusters/zone-{}/status", ["de", "fr", "nl", "it", "es", "se"][i % 6]));
        paths.push(format!("/api/cdn/pop-{}/{}", ["de", "fr", "us"][i % 3], ["health", "status"][i % 2]));
        paths.push(format!(
            "/pkg/{}/i18n/Translation-{}.bz2",
            ["main", "extra"][i % 2],
            ["de", "en", "fr", "es", "it", "nl", "pt_BR"][i % 7]
        ));
        // A size joined somewhere makes no other name with its word a value; nor a handle.
        paths.push(format!("/api/images/{}/thumb-{}", 100 + i, ["64x64", "128x128", "256x256"][i % 3]));
        paths.push("/api/settings/thumb-mode".to_owned());
        paths.push(format!("/api/details/@{}", ["ada", "grace", "alan", "edsger"][i % 4]));
        paths.push(format!("/api/guilds/{}/members/@me", 7 + i % 3));
        // A user's namespaces by environment, directories beside files on three values.
        paths.push(format!("/kv/search-{}/{}", ["dev", "prod", "stage"][i % 3], ["config", "flags"][i % 2]));
        paths.push(format!("/kv/orders-{}", ["dev", "prod", "stage"][i % 3]));
        // Registers are no sizes.
        paths.push(format!("/board/reg-{}", ["0x10", "0x20", "0x40"][i % 3]));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    assert_eq!(
        bare(t.template("/subscriptions/42/resourceGroups/rg-web/providers/vms")),
        "/subscriptions/{}/resourceGroups/{}/providers/vms"
    );
    assert!(!t.template("/v1/secret/data/search-dev").contains("-{"), "{}", t.template("/v1/secret/data/search-dev"));
    assert!(!t.template("/nodes/web-2/status").contains("web-{"), "{}", t.template("/nodes/web-2/status"));
    assert_eq!(bare(t.template("/maps/api-config/data")), "/maps/{}/data");
    assert!(!t.template("/images/sku_red.png").contains("_{"), "{}", t.template("/images/sku_red.png"));
    for p in [
        "/cdn/edge-jp/health",
        "/clusters/zone-de/status",
        "/api/cdn/pop-de/health",
        "/api/settings/thumb-mode",
        "/api/guilds/8/members/@me",
        "/kv/search-dev/config",
        "/kv/orders-dev",
        "/board/reg-0x10",
    ] {
        let got = t.template(p);
        assert!(!got.contains("-{") && !got.contains("@{"), "{p}: {got}");
    }
    assert!(t.template("/pkg/main/i18n/Translation-pt_BR.bz2").contains("Translation-{"));
    assert!(
        !t.template("/npm/react@latest/package.json").contains("}@"),
        "{}",
        t.template("/npm/react@latest/package.json")
    );
}

#[test]
fn a_directory_and_a_file_named_by_the_same_values_are_partners() {
    // `binary-amd64/` and `Contents-amd64` (no extension on either): two words before the
    // same values, one naming directories, the other files. A user's secrets by service
    // and environment (`search-dev`, `orders-dev`) are files beside files.
    let mut paths: Vec<String> = Vec::new();
    for _ in 0..20 {
        for suite in ["jammy", "noble", "oracular"] {
            for comp in ["main", "universe", "restricted"] {
                for a in ["amd64", "arm64", "riscv64", "i386"] {
                    paths.push(format!("/ubuntu/dists/{suite}/{comp}/binary-{a}/Release"));
                    paths.push(format!("/ubuntu/dists/{suite}/{comp}/binary-{a}/Packages"));
                    paths.push(format!("/ubuntu/dists/{suite}/{comp}/Contents-{a}"));
                }
            }
        }
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let got = t.template("/ubuntu/dists/noble/universe/binary-riscv64/Packages");
    assert!(got.ends_with("/binary-{binary}/Packages"), "{got}");
    let got = t.template("/ubuntu/dists/noble/universe/Contents-riscv64");
    assert!(got.ends_with("/Contents-{content}"), "{got}");
}

#[test]
fn a_parameter_of_names_beside_fixed_text_joins_them_where_the_union_shows_the_partner() {
    // `Contents-*.gz` only under `main`; the other components have the architectures'
    // directories alone, alike below: merged as a parameter there on an early pass (under
    // `contrib`, learned before `main`), whose values join `binary-⟨⟩` once the components'
    // union shows it.
    let mut paths: Vec<String> = Vec::new();
    for _ in 0..10 {
        for suite in ["bookworm", "trixie", "sid"] {
            for comp in ["main", "contrib", "non-free", "non-free-firmware"] {
                for a in ["amd64", "arm64", "i386", "armhf", "s390x"] {
                    paths.push(format!("/debian/dists/{suite}/{comp}/binary-{a}/Packages.xz"));
                    paths.push(format!("/debian/dists/{suite}/{comp}/binary-{a}/Release"));
                    if comp == "main" {
                        paths.push(format!("/debian/dists/{suite}/{comp}/Contents-{a}.gz"));
                    }
                }
            }
        }
    }
    let routes = learn(paths.iter().map(String::as_str));
    let texts: Vec<&str> = routes.iter().map(Route::as_str).collect();
    assert!(
        texts.iter().filter(|t| t.ends_with("/Release")).all(|t| t.ends_with("/binary-{binary}/Release")),
        "{texts:?}"
    );
    let got = Templater::new(routes.clone()).template("/debian/dists/sid/contrib/binary-s390x/Release");
    assert!(got.ends_with("/binary-{binary}/Release"), "{got}");
    // A thin view: each architecture's directory seen with one file, another for each (no
    // name below in common); the values beside `Contents-` say what they are.
    let mut paths: Vec<String> = Vec::new();
    for (i, a) in ["amd64", "arm64", "i386", "armhf", "s390x", "ppc64el"].iter().enumerate() {
        let file = ["Packages.xz", "Release", "Packages.gz"][i % 3];
        paths.push(format!("/debian/dists/sid/main/binary-{a}/{file}"));
        paths.push(format!("/debian/dists/sid/main/Contents-{a}.gz"));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let got = t.template("/debian/dists/sid/main/binary-arm64/Release");
    assert!(got.ends_with("/binary-{binary}/Release"), "{got}");
}

#[test]
fn handles_after_their_sigil_and_versions_of_one_fixed_name_are_values_beside_fixed_text() {
    let mut paths: Vec<String> = Vec::new();
    for i in 0..40 {
        // Items by id beside users' pages by handle (the Internet Archive's `/details/`).
        paths.push(format!("/details/item_{}_{}", ["gutenberg", "prelinger", "nasa"][i % 3], 1000 + i * 37));
        paths.push(format!("/details/@{}", ["brewster", "mitra", "jason_scott", "textfiles", "tracey.j"][i % 5]));
        // One installer, versioned, under each release of the language; one release shows
        // too few of its versions to tell alone.
        let elixir = ["1.15.7", "1.16.3", "1.17.3", "1.18.0"][i % 4];
        let hex = if elixir == "1.18.0" { "2.1.1" } else { ["2.0.6", "2.1.0", "2.1.1"][i % 3] };
        paths.push(format!("/installs/{elixir}/hex-{hex}.ez"));
        // Several packages' files, each name and version: no fixed name of its own.
        let (pkg, v) = [("phoenix", "1.7"), ("ecto", "3.11"), ("plug", "1.15"), ("jason", "1.4")][i % 4];
        paths.push(format!("/docs/{pkg}-{v}.{}.tar.gz", i % 5));
    }
    let t = Templater::new(learn(paths.iter().map(String::as_str)));
    let got = t.template("/details/@newcomer");
    assert!(got.starts_with("/details/@{"), "{got}");
    let got = t.template("/installs/1.18.0/hex-2.1.1.ez");
    assert!(got.starts_with("/installs/{") && got.ends_with("}/hex-{hex}.ez"), "{got}");
    let got = t.template("/docs/phoenix-1.7.2.tar.gz");
    assert!(!got.contains("phoenix-{"), "{got}");
}
