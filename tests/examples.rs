//! The deployment examples in `examples/deploy/` stay true: their YAML parses, and every
//! `mockdrift` command they run names a real subcommand and real flags.

use mockdrift_differ::tree::{Node, NodeKind};

use crate::support::{mockdrift, repo};

fn yaml(name: &str) -> Node {
    let text = std::fs::read_to_string(repo().join("examples/deploy").join(name)).expect("read");
    Node::parse_yaml(&text).unwrap_or_else(|(line, e)| panic!("{name}:{line}: {e}"))
}

fn strings(n: &Node) -> Vec<String> {
    match &n.kind {
        NodeKind::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// Checks one invocation (`args` after `mockdrift`): the subcommand exists and its help names
/// every flag given.
fn check(origin: &str, args: &[String]) {
    let words: Vec<&str> = args.iter().map(String::as_str).take_while(|a| !a.starts_with('-')).take(2).collect();
    // `contracts export` is two words; `proxy --store` one (a second bare word is a value).
    let (sub, help) = (1..=words.len())
        .rev()
        .map(|n| (&words[..n], mockdrift(&repo(), &[&words[..n], &["--help"]].concat())))
        .find(|(_, run)| run.code == 0)
        .unwrap_or_else(|| panic!("{origin}: `mockdrift {}` is not a command", words.join(" ")));
    for flag in args.iter().filter(|a| a.starts_with("--")) {
        let flag = flag.split('=').next().unwrap_or(flag);
        assert!(help.stdout.contains(flag), "{origin}: `mockdrift {}` has no flag {flag}", sub.join(" "));
    }
}

/// A Deployment's containers, and the mockdrift sidecar's args.
fn sidecar_args(pod: &Node) -> (Vec<Node>, Vec<String>) {
    let containers = pod
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("spec"))
        .and_then(|s| s.get("containers"))
        .expect("containers");
    let NodeKind::Array(containers) = &containers.kind else { panic!("containers is a list") };
    let sidecar =
        containers.iter().find(|c| c.get("name").and_then(Node::as_str) == Some("mockdrift")).expect("the sidecar");
    let args = strings(sidecar.get("args").expect("args"));
    assert_eq!(args[0], "proxy");
    (containers.clone(), args)
}

#[test]
fn the_fleet_manifest_publishes_each_pod_s_snapshot_under_its_name() {
    let pod = yaml("kubernetes-fleet.yaml");
    let (_, args) = sidecar_args(&pod);
    check("kubernetes-fleet.yaml", &args);
    settle("kubernetes-fleet.yaml", &args);
    let after = |flag: &str| args.iter().position(|a| a == flag).map(|i| args[i + 1].as_str());
    assert!(after("--publish").is_some_and(|u| u.starts_with("s3://")), "{args:?}");
    assert_eq!(after("--source"), Some("$(POD_NAME)"), "{args:?}");
    let text = std::fs::read_to_string(repo().join("examples/deploy/kubernetes-fleet.yaml")).expect("read");
    assert!(text.contains("fieldPath: metadata.name") && text.contains("emptyDir"), "{text}");
}

#[test]
fn kubernetes_sidecar_and_compose_run_real_flags() {
    let pod = yaml("kubernetes-sidecar.yaml");
    let (containers, args) = sidecar_args(&pod);
    check("kubernetes-sidecar.yaml", &args);
    settle("kubernetes-sidecar.yaml", &args);
    let strategy = pod.get("spec").and_then(|s| s.get("strategy")).and_then(|s| s.get("type")).and_then(Node::as_str);
    assert_eq!(strategy, Some("Recreate"), "one store volume: the old pod lets go of it before the new one starts");
    // The app is pointed at the sidecar's listener.
    let route = args.iter().find(|a| a.contains('@')).expect("a route");
    let listen = route.split('@').nth(1).and_then(|r| r.split('=').next()).expect("listen");
    let app = containers.iter().find(|c| c.get("name").and_then(Node::as_str) == Some("shop")).expect("the app");
    let env = format!("{:?}", app.get("env").expect("env").to_value());
    assert!(env.contains(&format!("http://{listen}")), "{env}");

    let compose = yaml("docker-compose.yml");
    let cmd = strings(
        compose.get("services").and_then(|s| s.get("mockdrift")).and_then(|m| m.get("command")).expect("command"),
    );
    check("docker-compose.yml", &cmd);
    settle("docker-compose.yml", &cmd);
}

/// Runs the proxy's own settings check (`proxy --check`) on `args`, with the paths they name
/// in a container made real in a temporary directory (the token file, the store).
fn settle(origin: &str, args: &[String]) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let token = tmp.path().join("admin-token");
    std::fs::write(&token, "a-token\n").expect("write");
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.as_str() {
            "/etc/mockdrift/admin-token" => token.display().to_string(),
            a if a.starts_with("/var/lib/mockdrift") => tmp.path().join("store").display().to_string(),
            a => a.to_owned(),
        })
        .collect();
    let argv: Vec<&str> = args.iter().map(String::as_str).chain(["--check"]).collect();
    let run = mockdrift(tmp.path(), &argv);
    assert_eq!(run.code, 0, "{origin}: the proxy refuses these settings: {}", run.stderr);
    assert!(run.stdout.starts_with("proxy settings: ok"), "{origin}: {}", run.stdout);
}

#[test]
fn the_github_workflow_runs_real_commands() {
    let wf = yaml("github-workflow.yml");
    let steps = wf.get("jobs").and_then(|j| j.get("mocks")).and_then(|m| m.get("steps")).expect("steps");
    let NodeKind::Array(steps) = &steps.kind else { panic!("steps is a list") };
    let mut checked = Vec::new();
    for step in steps {
        let Some(run) = step.get("run").and_then(Node::as_str) else { continue };
        for line in run.lines() {
            let Some(rest) = line.trim().strip_prefix("mockdrift ") else { continue };
            let args: Vec<String> = rest
                .split_whitespace()
                .take_while(|w| *w != "||" && *w != "|")
                .map(|w| w.trim_matches('"').to_owned())
                .collect();
            check("github-workflow.yml", &args);
            checked.push(args[0].clone());
        }
    }
    for needed in ["contracts", "diff", "regen"] {
        assert!(checked.iter().any(|c| c == needed), "the workflow runs `mockdrift {needed}`: {checked:?}");
    }
    let text = std::fs::read_to_string(repo().join("examples/deploy/github-workflow.yml")).expect("read");
    assert!(text.contains("--format sarif") && text.contains("upload-sarif") && text.contains("--format markdown"));
    assert!(text.contains("--from s3://"), "the workflow reads the prefix the fleet publishes to");
}

#[test]
fn the_dockerfile_builds_the_binary_on_a_supported_toolchain_and_runs_as_non_root() {
    let text = std::fs::read_to_string(repo().join("examples/deploy/Dockerfile")).expect("read");
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).expect("read");
    let msrv =
        manifest.lines().find_map(|l| l.strip_prefix("rust-version = ")).expect("rust-version").trim_matches('"');
    assert!(text.contains(&format!("FROM rust:{msrv}")), "the builder uses rust {msrv}");
    assert!(text.contains("--bin mockdrift") && text.contains("USER 65532:65532"), "a numeric USER for runAsNonRoot");
    assert!(text.contains("ENTRYPOINT [\"/usr/local/bin/mockdrift\"]"));
}

#[test]
fn version_has_the_git_revision_and_completions_are_printed() {
    let run = mockdrift(&repo(), &["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with(&format!("mockdrift {} (", env!("CARGO_PKG_VERSION"))), "{}", run.stdout);
    for shell in ["bash", "zsh", "fish"] {
        let run = mockdrift(&repo(), &["completions", shell]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("regen") && run.stdout.contains("min-samples"), "{shell}");
    }
    // Every subcommand's help carries an example.
    for sub in [
        &["demo"][..],
        &["diff"],
        &["regen"],
        &["proxy"],
        &["contracts", "infer"],
        &["contracts", "export"],
        &["contracts", "list"],
        &["contracts", "show"],
        &["contracts", "import"],
        &["contracts", "merge"],
        &["config", "check"],
        &["completions"],
    ] {
        let run = mockdrift(&repo(), &[sub, &["--help"]].concat());
        assert!(run.stdout.contains("Example: mockdrift"), "`mockdrift {} --help` has no example", sub.join(" "));
    }
}

#[test]
fn log_format_json_writes_one_json_object_per_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = r#"{"service":"s","method":"GET","path":"/x","status":200,"time":"2026-11-05T10:00:00Z","response":{"headers":[["content-type","application/json"]],"body":"{bad"}}"#;
    std::fs::write(tmp.path().join("t.jsonl"), format!("{bad}\n")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mockdrift"))
        .args(["--log-format", "json", "contracts", "infer", "--store", "st", "t.jsonl"])
        .current_dir(tmp.path())
        .env("MOCKDRIFT_LOG", "debug")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let logs: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("a JSON log line"))
        .collect();
    let event = logs.iter().find(|l| l["level"] == "DEBUG").unwrap_or_else(|| panic!("no debug event in {stderr}"));
    assert!(event["fields"]["message"].as_str().is_some_and(|m| m.contains("Body not parsed")), "{event}");
    assert_eq!(event["fields"]["path"], "/x");
}

#[test]
fn the_sidecar_config_passes_config_check() {
    let run = mockdrift(&repo(), &["config", "check", "--config", "examples/deploy/mockdrift-sidecar.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "route payments: http://127.0.0.1:15001 -> http://payments.payments.svc.cluster.local:8080",
        "route search: http://127.0.0.1:15002 -> h2c://search.search.svc.cluster.local:50051",
        "forward proxy: http://127.0.0.1:3128 (1 host names mapped)",
        "admin: http://127.0.0.1:9477",
        "clients: at most 2000 connections; header timeout 10s, idle timeout 60s",
        "recording: every exchange; once an endpoint's contract stops changing, 1 in 16, or about one exchange per 250ms if busier\n",
    ] {
        assert!(run.stdout.contains(line), "{line:?} in {}", run.stdout);
    }
}
