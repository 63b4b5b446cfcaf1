//! The merge rules: bottom-up, which literal children of a node become one parameter
//! (structure, response shapes, an open set) and which stay literal beside it; see the
//! [module documentation](super) for the evidence each rule weighs.

use super::*;

/// Whether a literal child may join a parameter: not an API's version (`v1`), nor names
/// beside fixed text joined as one (`binary-⟨⟩`, see `Node::join_affixed`).
fn may_join(k: &str) -> bool {
    !looks_like_version(k) && !k.contains(AFFIX)
}

impl Node {
    /// Learns this subtree, children first; judges open sets only at nodes with at least
    /// `min_count` paths through them (structure and response shapes at every node). `echoes` are this node's place in each ancestor's [`Echo`]; on a
    /// [`View::Whole`] they are empty.
    pub(super) fn learn(&mut self, min_count: usize, echoes: &[&Echo], cx: &Cx, at: &str) {
        // Whether this node is a parameter of ids on a partial view, and whether it is the
        // top of the API (each set by the caller for this call only).
        let below_ids = cx.below_ids.replace(false);
        let top = cx.top.replace(false);
        // A literal of the form of the prefixed ids beside it (`acc_` and as long) is one of
        // them, whatever its random part holds; so is one of mixed case as long as the long
        // ids of mixed case beside it (Spotify's, a digit or none).
        if let Some(param) = self.param.as_deref_mut()
            && !param.prefixes.is_empty()
        {
            let forms = &param.prefixes;
            let ids: Vec<String> = self
                .lits
                .keys()
                .filter(|k| node::prefix_form(k).is_some_and(|f| forms.contains(&f)))
                .cloned()
                .collect();
            if cx.show() && !ids.is_empty() {
                eprintln!("learn: {at}/{{}} <- {ids:?} (of the form of the ids there)");
            }
            for k in ids {
                if let Some(n) = self.lits.remove(&k) {
                    param.take_value(&k, n);
                }
            }
        }
        // Names of one word and a value (`binary-amd64`, `binary-arm64`, ...) are one literal
        // before the children are learned: the union's subtree is learned once.
        self.join_affixed(top, cx, at);
        let mut echo = Echo::default();
        if cx.view == View::Partial {
            for child in self.lits.values().chain(self.param.as_deref()) {
                echo.add(child);
            }
        }
        for (k, child) in &mut self.lits {
            let inner: Vec<&Echo> = echoes.iter().filter_map(|e| e.lits.get(k)).chain([&echo]).collect();
            let below = if cx.show() { format!("{at}/{}", k.replace(AFFIX, "{}")) } else { String::new() };
            child.learn(min_count, &inner, cx, &below);
        }
        if let Some(p) = &mut self.param {
            let inner: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).chain([&echo]).collect();
            let below = if cx.show() { format!("{at}/{{}}") } else { String::new() };
            cx.below_ids.set(cx.view == View::Partial && !p.slug);
            p.learn(min_count, &inner, cx, &below);
        }
        // Below the pass's evidence, only structure and response shapes merge: an open set
        // judged on a few paths is what the passes wait for (see `PathLearner::learn`).
        // Nor is there a small open set right below a parameter of ids on a partial view: a
        // thin sidecar sees each endpoint below an id once (`/pulls/{}/files`,
        // `/pulls/{}/merge`), and names seen once each are what an open set looks like. An
        // API has a few endpoints below an id, while values there come by the dozen
        // (`/authorizations/clients/{client_id}/{fingerprint}`): with fewer than
        // [`OPEN_BELOW_IDS`] children they wait for more traffic. Learning from every path
        // (`contracts infer`) sees endpoints often enough to tell.
        let merged_values = self.param.as_ref().map_or(0, |p| p.values);
        let open = self.count >= min_count && !(below_ids && self.lits.len() + merged_values < OPEN_BELOW_IDS);
        // Children that a sibling of this node, or of one of its ancestors, also has at the
        // same place: endpoint names, not values (`protection/enforce_admins` under the
        // branches `main` and `feature-login`, `status` under `commits/{sha}` and
        // `commits/main`). The price: a small set of values shared by sibling endpoints stays
        // literal on thin evidence (`/tarball/main` and `/zipball/main`).
        // On a partial view, so are children that several values merged above had, and, in
        // a small set of children, names used under other parents too (`members` under
        // `/orgs/{}` and `/orgs/{}/teams/{}`: a sidecar's first relearn sees each endpoint
        // once). In a large set, values of an open set meet other places by chance.
        let few = self.lits.len() <= ELSEWHERE_CHILDREN;
        // (Not a name coded as ids are, `1sg6ir`: Reddit's articles are at `/comments/{id}`
        // and at `/r/{subreddit}/comments/{id}`, and a sidecar sees each a few times.)
        let recurs = |k: &String, n: &Node| {
            echoes.iter().any(|e| e.lits.get(k).is_some_and(|x| x.count >= 2))
                || (cx.view == View::Partial && !node::coded(k) && (n.spread >= 2 || few && cx.elsewhere.contains(k)))
        };
        let recurring = self.lits.iter().filter(|(k, n)| recurs(k, n)).count();
        let (mut merge, mut why) = self.to_merge(recurring, open, cx);
        // Values below values: a client's few repositories, each seen with one or two of its
        // few environments (`/repositories/{id}/environments/{name}/secrets`). Judged alone,
        // neither level has the evidence: each repository's subtree names other environments,
        // and each environment is under one or two repositories. So when too few children
        // merge, they are learned as one on trial (what merging them would learn below them),
        // each child's subtree is read through what the trial learned (its environments as
        // one parameter), and the children are compared again.
        // On the last pass; on an earlier one too where half or more of the children have
        // merged values of their own already: a client's dozen owners, each with its
        // repositories merged but seen on under half of the endpoints below them, are too
        // unlike to merge, and each owner's subtree is too thin to judge (its repositories'
        // endpoint names, seen once each, look like an open set on the next pass). Where the
        // children's own values are not merged yet, the union would take a name met under
        // each of them for an endpoint of its own (a fork's name under every owner).
        let values_below = self.lits.values().filter(|c| c.param.as_ref().is_some_and(|p| p.values >= 2)).count();
        if merge.len() < 2 && (min_count == 0 || values_below * 2 >= self.lits.len()) && self.worth_a_trial(cx) {
            let (more, more_why) = self.on_trial(recurring, open, min_count, echoes, cx);
            if more.len() > merge.len().max(1) {
                merge = more;
                why = more_why;
            }
        }
        // On a relearn's evidence, children that many recorded endpoints hold as values of
        // their parameters (see `learn_templates_of`; [`KNOWN_VALUE_TEMPLATES`] templates or
        // more) are values here too, two or more of them or one beside the parameter: a
        // thin sidecar kept a client's two owners literal under `/user/starred`, where every
        // other endpoint holds them as `{owner}`. (A name a few templates hold as values may
        // be a sidecar's bad join: `blobs`, `commits`, `trees` in `/repos/{}/{}/git/{}/{}`.)
        // Not one answering with a shape of its own, which no sibling gives (`/users/me`
        // beside `{user}`), nor where this pass has too little evidence (`open`).
        if cx.view == View::Partial && open && !cx.values.is_empty() {
            let sig_count = self.specific_sigs(cx);
            let merging: std::collections::HashSet<&String> = merge.iter().collect();
            let known: Vec<String> = self
                .lits
                .iter()
                .filter(|(k, n)| {
                    cx.values.get(*k).is_some_and(|&t| t >= KNOWN_VALUE_TEMPLATES)
                        && !merging.contains(k)
                        && !n.answers_alone(&sig_count, cx)
                })
                .map(|(k, _)| k.clone())
                .collect();
            if known.len() >= 2 || !known.is_empty() && self.param.is_some() {
                // (Beside children a rule above merged, that rule is the reason given.)
                if merge.is_empty() {
                    why = "values the recorded endpoints hold as a parameter's";
                }
                merge.extend(known);
            }
        }
        // An API's versions are its routes, not values: `/api/v1/...` and `/api/v2/...` have
        // the same endpoints below them, and stay apart.
        // (Nor are names beside fixed text joined: see `Node::join_affixed`.)
        merge.retain(|k| may_join(k));
        // (On every pass: children first, so that values below values are one parameter
        // before their parents are compared, `download` and `thumbnail` each with the
        // servers below them.)
        if merge.is_empty() {
            let dotted = self.dotted_values(cx);
            if !dotted.is_empty() {
                merge = dotted;
                why = "names dotted as values are (hosts, entity ids), alike below";
            }
        }
        // (Judged where this pass has the evidence, and below ids on a sidecar's view too:
        // files' names are no open set, so the thin sidecar's guard against endpoint names
        // seen once each does not apply; a sidecar learns what `contracts infer` does.)
        if merge.is_empty() && self.count >= min_count && !top {
            let files = self.file_values(cx);
            if !files.is_empty() {
                merge = files;
                why = "files' names: leaves named with a file's extension, four or more";
            }
        }
        // (Names beside fixed text joined are no values: see `Node::join_affixed`.)
        merge.retain(|k| !k.contains(AFFIX));
        if merge.len() < 2 && self.param.is_none() {
            merge.clear();
        }
        // The top of an API is its collections: values there (a tenant, a database) are most
        // of its names, with those whose paths the values' hold (seen less, they join them).
        // A few of them alike (`/repos`, `/orgs`, `/networks`, `/enterprises` each with an
        // owner's name below, the same owners under each) are not values. Nor are half of
        // them or fewer with the one same name below each: a client of one tenant
        // (`/repos/acme`, `/orgs/acme` beside `/user` and `/users`, in a quarter of its
        // traffic). Tenants at the top have several endpoints below each.
        let same_below = || {
            let mut below = merge.iter().filter_map(|k| self.lits.get(k)).map(|n| n.lits.keys().collect::<Vec<_>>());
            below.next().is_some_and(|first| first.len() == 1 && below.all(|b| b == first))
        };
        if top && self.param.is_none() && merge.len() * 2 <= self.lits.len() && same_below() {
            if cx.show() {
                eprintln!("learn: /{{}} <- {merge:?} refused: top-level names with the same names below each ({why})");
            }
            merge.clear();
        }
        if top && self.param.is_none() && merge.len() * 2 < self.lits.len() && {
            let mut theirs = Vec::new();
            for k in &merge {
                if let Some(n) = self.lits.get(k) {
                    n.skeletons("", &mut theirs);
                }
            }
            let theirs = SkelTrie::new(&theirs);
            let like = self
                .lits
                .iter()
                .filter(|(k, _)| !merge.contains(k))
                .filter(|(_, n)| {
                    let mut mine = Vec::new();
                    n.skeletons("", &mut mine);
                    !mine.is_empty() && mine.iter().all(|m| theirs.holds(m, false))
                })
                .count();
            (merge.len() + like) * 2 < self.lits.len()
        } {
            if cx.show() && !merge.is_empty() {
                eprintln!("learn: /{{}} <- {merge:?} refused: a few of the API's top-level names ({why})");
            }
            merge.clear();
        }
        if merge.is_empty() {
            // Values merged in an earlier pass: literals left beside them are judged again
            // (a rare value whose subtree the parameter's has come to hold since).
            if let Some(mut param) = self.param.take() {
                if param.values > 0 && self.lits.len() > 0 {
                    let typical = (4 * param.ends / param.values).max(MIN_VARIETY);
                    let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
                    self.join_leftovers(&mut param, typical, min_count, &above, cx, at);
                } else if self.lits.len() > 0 && param.varied && min_count == 0 {
                    let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
                    self.join_beside_ids(&mut param, min_count, &above, cx, at);
                }
                self.param = Some(param);
            }
            return;
        }
        if cx.show() {
            eprintln!("learn: {at}/{{}} <- {merge:?}: {why} (min {min_count}, open {open}, recurring {recurring})");
        }
        let recurred = merge.iter().filter(|k| self.lits.get(k.as_str()).is_some_and(|n| recurs(k, n))).count();
        let mut param = self.param.take().map_or_else(Node::default, |p| *p);
        param.slug = true;
        param.recurred |= recurred * 2 >= merge.len();
        let mut value_ends: Vec<usize> = Vec::new();
        for k in merge {
            if let Some(n) = self.lits.remove(&k) {
                if n.ends > 0 {
                    value_ends.push(n.ends);
                }
                param.values += 1;
                param.take_value(&k, n);
            }
        }
        // Counts only: the values are raw path segments, and this text is stored with the
        // contract (redacted samples are the contract's `paths`).
        param.why = Some(format!("{why}: {} values merged, {} requests", param.values, param.count));
        // The union may hold a parameter the parts did not show. Its values' subtrees are one
        // now, so only the ancestors' echoes are passed down. On a partial view, a name under
        // two or more of the merged values still counts as recurring (`spread`): that keeps a
        // sidecar's `protection/{enforce_admins,restrictions}` under two branches apart, at
        // the price of a repository name forked under two owners (`/repos/a/linux`,
        // `/repos/b/linux`) counting as an endpoint's name there.
        let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
        param.learn(min_count, &above, cx, &format!("{at}/{{}}"));
        // A literal left beside the parameter stays one only with evidence of an endpoint of
        // its own: a subtree of its own, a response shape of its own, or far more requests
        // than a value gets (`/customers/search`, `/users/me`). Without any (a rare value
        // seen at the parameter's own paths only: `/repos/acme/spark-9`), it is one more
        // value; so is one whose subtree is the parameter's, however often it is seen.
        value_ends.sort_unstable();
        let typical = value_ends.get(value_ends.len() / 2).map_or(MIN_VARIETY, |m| (m * 4).max(MIN_VARIETY));
        self.join_leftovers(&mut param, typical, min_count, &above, cx, at);
        self.param = Some(Box::new(param));
    }

    /// The literal children dotted as values are ([`node::dotted_name`]: Matrix's servers,
    /// `/media/v3/download/{matrix.org,kde.org,...}/{media_id}`) that are values of one
    /// parameter however few: two or more, each with a parameter below it and nothing else
    /// (values below values), none answering with a response shape of its own, no version;
    /// beside a parameter with only a parameter below it, one is enough. Dotted endpoint
    /// names exist, and have none: Slack's methods (`/api/chat.postMessage`, leaves
    /// answering `{"ok": true}`), Kubernetes' API groups (`/apis/networking.k8s.io/v1`),
    /// Azure's providers (`/providers/Microsoft.Compute/virtualMachines`). So a small set
    /// of dotted leaves stays literal (Home Assistant's three cameras: what tells them from
    /// Slack's methods is their JPEG answers, which the trie does not hold).
    fn dotted_values(&self, cx: &Cx) -> Vec<String> {
        let below_only_values = |n: &Node| n.param.is_some() && n.lits.len() == 0;
        if !self.lits.iter().any(|(k, n)| below_only_values(n) && node::dotted_name(k)) {
            return Vec::new();
        }
        let sig_count = self.specific_sigs(cx);
        let names: Vec<String> = self
            .lits
            .iter()
            .filter(|(k, n)| {
                below_only_values(n)
                    && node::dotted_name(k)
                    && !looks_like_version(k)
                    && !n.answers_alone(&sig_count, cx)
            })
            .map(|(k, _)| k.clone())
            .collect();
        let beside = self.param.as_deref().is_some_and(below_only_values);
        if names.len() >= 2 && (self.param.is_none() || beside) || !names.is_empty() && beside {
            names
        } else {
            Vec::new()
        }
    }

    /// The literal children that are files' names, values however often each is seen:
    /// [`FILE_VALUES`] or more leaves (nothing below them) named with a known file extension
    /// ([`FILE_EXTENSIONS`]: `poster-500.jpg`, `sonarr.debug.txt`, `dark.css`,
    /// `IMG_4821.jpeg`), none answering with a response shape no sibling gives, half of the
    /// children or more, where every child is a leaf, the parameter too (a directory beside
    /// them is an archive's layout: Debian's `Contents-amd64.gz` beside `binary-amd64/`,
    /// `i18n/`; so are ids with endpoints below them), not a server's script
    /// ([`SCRIPT_EXTENSIONS`]: `/cgi-bin/status.cgi`, `/admin/users.php` are endpoints). A media server's covers (Sonarr's `/MediaCover/{id}/{file}`), a
    /// blog's images (Ghost's `/content/images/{y}/{m}/{file}`), a log directory, a user's
    /// files over WebDAV: hot or not, seen hundreds of times each, they are no open set, and
    /// their answers (images, text) have no shape to compare. An API's own files are few in
    /// one place, and at its top (`/robots.txt`, `/openapi.yaml`, `/favicon.ico`), where the
    /// caller does not ask. Not a file name made of the values before it (its references:
    /// Maven's `{a}-{v}.jar`, `.pom`, `-sources.jar` are the endpoints of each version).
    fn file_values(&self, cx: &Cx) -> Vec<String> {
        let leaf = |n: &Node| n.lits.len() == 0 && n.param.is_none();
        let leaf_file = |k: &str, n: &Node| {
            leaf(n)
                && !k.contains([super::REF_OPEN, AFFIX])
                && k.rsplit_once('.').is_some_and(|(stem, ext)| {
                    !stem.is_empty()
                        && FILE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
                        && !SCRIPT_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
                })
        };
        if self.lits.iter().filter(|(k, n)| leaf_file(k, n)).take(FILE_VALUES).count() < FILE_VALUES
            || !self.lits.values().chain(self.param.as_deref()).all(leaf)
        {
            return Vec::new();
        }
        let sig_count = self.specific_sigs(cx);
        let files: Vec<String> = self
            .lits
            .iter()
            .filter(|(k, n)| leaf_file(k, n) && !n.answers_alone(&sig_count, cx))
            .map(|(k, _)| k.clone())
            .collect();
        if files.len() >= FILE_VALUES && files.len() * 2 >= self.lits.len() { files } else { Vec::new() }
    }

    /// How many of this node's children (its parameter among them) answer each specific
    /// (not generic) response shape.
    pub(super) fn specific_sigs(&self, cx: &Cx) -> std::collections::HashMap<u64, usize> {
        let mut count: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for n in self.lits.values().chain(self.param.as_deref()) {
            for s in n.sigs.iter().filter(|s| !cx.generic.contains(s)) {
                *count.entry(*s).or_default() += 1;
            }
        }
        count
    }

    /// Whether this child answers with a specific shape, and only with shapes no sibling
    /// gives (`count`: its parent's [`Node::specific_sigs`]).
    pub(super) fn answers_alone(&self, count: &std::collections::HashMap<u64, usize>, cx: &Cx) -> bool {
        let mut specific = self.sigs.iter().filter(|s| !cx.generic.contains(s)).peekable();
        specific.peek().is_some() && specific.all(|s| count.get(s) == Some(&1))
    }

    /// Whether this node's children are worth learning as one on trial (see `learn`): not
    /// inside a trial, three or more literal children but not many (an open set is judged
    /// without), two or more with values below their own children, and a subtree small
    /// enough that copying it costs little ([`TRIAL_NODES`]) and that the learning's budget
    /// for trials still holds (a few times the trie: each trial learns its subtree again, so
    /// a deep trie where nothing merges would otherwise pay once per ancestor).
    fn worth_a_trial(&self, cx: &Cx) -> bool {
        !cx.trial.get()
            && (3..=TRIAL_CHILDREN).contains(&self.lits.len())
            && self.lits.values().filter(|c| !c.shallow()).count() >= 2
            && self.size_within(TRIAL_NODES.min(cx.trial_budget.get())).is_some()
    }

    /// The children that merge once each one's subtree is read through what learning them
    /// as one learns (see `learn`).
    fn on_trial(
        &self,
        recurring: usize,
        open: bool,
        min_count: usize,
        echoes: &[&Echo],
        cx: &Cx,
    ) -> (Vec<String>, &'static str) {
        let mut union = Node::default();
        for c in self.lits.values().chain(self.param.as_deref()) {
            union.absorb(c.clone());
        }
        let above: Vec<&Echo> = echoes.iter().filter_map(|e| e.param.as_deref()).collect();
        cx.trial_budget.set(cx.trial_budget.get().saturating_sub(union.size()));
        let was = cx.trial.replace(true);
        union.learn(min_count, &above, cx, "");
        cx.trial.set(was);
        let mut read = self.clone();
        for (_, c) in &mut read.lits {
            c.read_as(&union);
        }
        if let Some(p) = &mut read.param {
            p.read_as(&union);
        }
        let (merge, why) = read.to_merge(recurring, open, cx);
        (merge, if why == "alike subtrees" { "alike subtrees, the values below them read as one" } else { why })
    }

    /// Reads this subtree as `like` was learned: a literal child that `like` holds as a value
    /// of its parameter is moved into this node's parameter.
    fn read_as(&mut self, like: &Node) {
        if let Some(lp) = &like.param {
            let values: Vec<String> = self.lits.keys().filter(|k| !like.lits.contains_key(k)).cloned().collect();
            for k in values {
                if let Some(n) = self.lits.remove(&k) {
                    let p = self.param.get_or_insert_with(Box::default);
                    p.values += 1;
                    p.take_value(&k, n);
                }
            }
            if let Some(p) = &mut self.param {
                p.read_as(lp);
            }
        }
        for (k, c) in &mut self.lits {
            if let Some(l) = like.lits.get(k) {
                c.read_as(l);
            }
        }
    }

    /// Moves into `param` the literal children without evidence of an endpoint of their own
    /// (ends at most `typical`, paths and response shapes the parameter's), or whose subtree
    /// is the parameter's, and learns the parameter again if any joined.
    pub(super) fn join_leftovers(
        &mut self,
        param: &mut Node,
        typical: usize,
        min_count: usize,
        above: &[&Echo],
        cx: &Cx,
        at: &str,
    ) {
        let mut param_skeletons = Vec::new();
        param.skeletons("", &mut param_skeletons);
        let param_skeletons = SkelTrie::new(&param_skeletons);
        let param_shape = param.shape();
        let mut values: Vec<String> = self
            .lits
            .iter()
            .filter(|(k, _)| may_join(k))
            .filter(|(k, n)| {
                param_shape.as_ref().is_some_and(|s| n.shape().is_some_and(|ns| alike_shapes(&ns, s)))
                    || ((n.ends <= typical || node::value_form(k))
                        && n.has_no_own_evidence(param, &param_skeletons, cx))
            })
            .map(|(k, _)| k.clone())
            .collect();
        // On the last pass only: on an earlier one, a node deep in one value's subtree (a
        // repository's, below an owner not merged yet) would take in literals its siblings
        // then no longer share with their own. Learning from every path only: a sidecar's
        // relearn sees each endpoint's few sampled paths, and four sidecars merged so took
        // endpoint names for values (`/user/{}/{}/{}` for `/user/memberships/orgs/{}`, in
        // `tests/templating.rs`), at the top of the API too (`/{}/{}` for
        // `/codes_of_conduct/{}`).
        if values.is_empty() && min_count == 0 && cx.view == View::Whole {
            values = self.join_on_trial(param, typical, above, cx);
        }
        if !values.is_empty() {
            if cx.show() {
                eprintln!("learn: {at}/{{}} <- {values:?} (left without evidence of their own)");
            }
            let joined = values.len();
            for k in values {
                if let Some(n) = self.lits.remove(&k) {
                    param.values += 1;
                    param.take_value(&k, n);
                }
            }
            if let Some(w) = &mut param.why {
                w.push_str(&format!("; {joined} more without evidence of an endpoint of their own"));
            }
            param.learn(min_count, above, cx, &format!("{at}/{{}}"));
        }
    }

    /// Moves into a parameter of ids (numbers, hashes, ids the path patterns read as such,
    /// no literal merged into it) the literal children beside it with endpoints below them,
    /// all of which the ids have too, answering there as the ids do (one specific shape in
    /// common at least: [`Node::answers_below_as`]), and no response shape of their own: a
    /// hot name taking an id's place, however often it is seen (HubSpot's pipeline
    /// `default` and its `stages` beside numbered pipelines, Okta's authorization server
    /// `default`, Trello's `members/me/boards`). A literal with nothing below it stays one
    /// (`/users/me`, `/releases/latest`): the counts cannot tell an endpoint of its own from
    /// a hot value there, and an endpoint is what the rule keeps. (A `me` with the
    /// ids' endpoints below it, answering as theirs, joins: Trello documents it as an id.)
    /// Nor does a collection's name (a plural word) or a version join. On the last pass
    /// only, and beside a parameter of ids that is no API version (`varied`): on an earlier
    /// pass, names of an open set not judged yet would join one id-like name among them,
    /// and not count as the values merged that the open set's judgement weighs
    /// (`/user/starred/{owner}` in `bench/templating.py`'s GitHub cells).
    fn join_beside_ids(&mut self, param: &mut Node, min_count: usize, above: &[&Echo], cx: &Cx, at: &str) {
        let mut param_skeletons = Vec::new();
        param.skeletons("", &mut param_skeletons);
        let param_skeletons = SkelTrie::new(&param_skeletons);
        let values: Vec<String> = self
            .lits
            .iter()
            .filter(|(k, n)| {
                may_join(k)
                    && !node::plural(k)
                    && (n.lits.len() > 0 || n.param.is_some())
                    && n.has_no_own_evidence(param, &param_skeletons, cx)
                    && n.answers_below_as(param, cx)
            })
            .map(|(k, _)| k.clone())
            .collect();
        if values.is_empty() {
            return;
        }
        if cx.show() {
            eprintln!("learn: {at}/{{}} <- {values:?} (beside ids, with the ids' endpoints below)");
        }
        // (Not counted as merged values: the ids' parameter keeps its rules, and a leaf
        // beside it, `me`, is not judged as a value on the next pass.)
        let joined = values.len();
        for k in values {
            if let Some(n) = self.lits.remove(&k) {
                param.take_value(&k, n);
            }
        }
        let why = format!(
            "{joined} name(s) beside the ids, with only endpoints the ids have below them and no response shape of \
             their own"
        );
        match &mut param.why {
            Some(w) => w.push_str(&format!("; {why}")),
            None => param.why = Some(format!("ids; {why}")),
        }
        // (A parameter of ids on a partial view, as when it was first learned: see `learn`.)
        cx.below_ids.set(cx.view == View::Partial && !param.slug);
        param.learn(min_count, above, cx, &format!("{at}/{{}}"));
    }

    /// Whether every endpoint below this node answers with response shapes that the same
    /// place below `like` answers with (or generic ones), and one of them at least with a
    /// specific shape `like` answers there too (`matched`, positive evidence: with none,
    /// nothing was compared). Stripe's `/v1/credit_notes/preview/lines` answers otherwise
    /// than `/v1/credit_notes/{}/lines`, and is an endpoint of its own however its path
    /// reads.
    fn answers_as(&self, like: &Node, cx: &Cx, matched: &mut bool) -> bool {
        for s in self.sigs.iter().filter(|s| !cx.generic.contains(s)) {
            if !like.sigs.contains(s) {
                return false;
            }
            *matched = true;
        }
        self.lits.iter().all(|(k, c)| match like.lits.get(k).or(like.param.as_deref()) {
            Some(l) => c.answers_as(l, cx, matched),
            None => true,
        }) && match (&self.param, &like.param) {
            (Some(c), Some(l)) => c.answers_as(l, cx, matched),
            _ => true,
        }
    }

    /// Whether the endpoints below this node (not the node itself) answer as the same
    /// places below `like` do, one of them at least with a specific shape of theirs
    /// ([`Node::answers_as`]).
    fn answers_below_as(&self, like: &Node, cx: &Cx) -> bool {
        let mut matched = false;
        let alike = self.lits.iter().all(|(k, c)| match like.lits.get(k).or(like.param.as_deref()) {
            Some(l) => c.answers_as(l, cx, &mut matched),
            None => true,
        }) && match (&self.param, &like.param) {
            (Some(c), Some(l)) => c.answers_as(l, cx, &mut matched),
            _ => true,
        };
        alike && matched
    }

    /// The literal children left beside `param` with values below them (a hot dataset's
    /// versions, `/spark-docs/{mobile-linux,react-gamma}/fields`, beside a parameter of three
    /// rare datasets each seen with one version) that are values once the parameter learns
    /// with them: each is learned into a copy of the parameter (its versions and theirs are
    /// then enough to merge), and joins when, read through what the copy learned, nothing
    /// tells it from the copy's values. On trial, within a budget of its own (`Cx::join_budget`).
    fn join_on_trial(&self, param: &Node, typical: usize, above: &[&Echo], cx: &Cx) -> Vec<String> {
        if cx.trial.get() {
            return Vec::new();
        }
        let mut joined = Vec::new();
        // Not a collection's name (a plural word: `/orgs/{org}/issues` has the structure of
        // `/{owner}/{repo}/issues`, but `orgs` names what is below it, a value does not).
        for (k, n) in
            self.lits.iter().filter(|(k, n)| may_join(k) && !node::plural(k) && n.ends <= typical && !n.shallow())
        {
            let Some(size) = param.size_within(TRIAL_NODES.min(cx.join_budget.get())) else { break };
            if n.size_within(TRIAL_NODES.min(cx.join_budget.get())).is_none() {
                continue;
            }
            cx.join_budget.set(cx.join_budget.get().saturating_sub(size + n.size()));
            let mut with = param.clone();
            with.absorb(n.clone());
            let was = cx.trial.replace(true);
            with.learn(0, above, cx, "");
            cx.trial.set(was);
            let mut read = n.clone();
            read.read_as(&with);
            let mut mine = Vec::new();
            read.skeletons("", &mut mine);
            let mut theirs = Vec::new();
            param.clone_read(&with).skeletons("", &mut theirs);
            let theirs = SkelTrie::new(&theirs);
            if !mine.is_empty()
                && mine.iter().all(|m| theirs.holds(m, false))
                && read.sigs.iter().all(|s| cx.generic.contains(s) || param.sigs.contains(s))
            {
                joined.push(k.clone());
            }
        }
        joined
    }

    /// A copy of this node read as `like` was learned ([`Node::read_as`]).
    fn clone_read(&self, like: &Node) -> Node {
        let mut n = self.clone();
        n.read_as(like);
        n
    }

    /// Whether nothing tells this literal child from the values of the `param` beside it:
    /// its paths are among the parameter's (`skeletons`) and its response shapes are the
    /// parameter's or generic.
    pub(super) fn has_no_own_evidence(&self, param: &Node, skeletons: &SkelTrie, cx: &Cx) -> bool {
        let mut mine = Vec::new();
        self.skeletons("", &mut mine);
        mine.iter().all(|k| skeletons.holds(k, false))
            && self.sigs.iter().all(|s| cx.generic.contains(s) || param.sigs.contains(s))
    }

    /// The literal children that are an API's namespaces among many values (its tenants'
    /// names), not values: Elasticsearch's `_cluster/health`, `_tasks/{}` and `_cat/indices`
    /// beside a hundred indices, each with some of `_search`, `_doc/{}`, `_mapping` below it.
    /// The names below the children (a parameter counts as one name) fall into groups, two
    /// names in one group when one child has both; the values' group is the one of the name
    /// below the most children. A namespace has no name of the values' group below it (a few
    /// namespaces may share theirs: `_tasks/{}`, `_alias/{}`), and was seen three times or
    /// more: more than a `typical` value, or with each name below it seen twice or more (a
    /// value seen twice, with two endpoints no other value was seen with, is chance: a
    /// GitHub repository with `dependabot` and `dependency-graph`).
    /// Only among [`NAMESPACE_SIBLINGS`] children with names below them or more: among fewer,
    /// a value seen with endpoints no other value was seen with is chance (`/gists/{}/commits`).
    fn namespaces(&self, typical: usize) -> std::collections::HashSet<&String> {
        fn keys(n: &Node) -> impl Iterator<Item = Option<&str>> {
            n.lits.keys().map(|k| Some(k.as_str())).chain(n.param.as_ref().map(|_| None))
        }
        fn root(of: &mut [usize], mut i: usize) -> usize {
            while of[i] != i {
                of[i] = of[of[i]];
                i = of[i];
            }
            i
        }
        let children = || self.lits.values().map(|n| (n, 1)).chain(self.param.as_deref().map(|p| (p, p.values.max(1))));
        if children().filter(|(n, _)| keys(n).next().is_some()).map(|(_, w)| w).sum::<usize>() < NAMESPACE_SIBLINGS {
            return Default::default();
        }
        // Each name's place, how many children have it below, and its group (union-find).
        let mut at: std::collections::HashMap<Option<&str>, usize> = std::collections::HashMap::new();
        let mut below: Vec<usize> = Vec::new();
        let mut of: Vec<usize> = Vec::new();
        for (n, weight) in children() {
            let mut first = None;
            for k in keys(n) {
                let next = at.len();
                let i = *at.entry(k).or_insert(next);
                if i == next {
                    below.push(0);
                    of.push(i);
                }
                below[i] += weight;
                match first {
                    None => first = Some(i),
                    Some(f) => {
                        let (a, b) = (root(&mut of, f), root(&mut of, i));
                        of[a] = b;
                    }
                }
            }
        }
        let Some(most) = (0..below.len()).max_by_key(|&i| below[i]) else { return Default::default() };
        let values = root(&mut of, most);
        // The values' names are an API's below each value: three in four children with
        // names below them or more have one. Names that are values themselves (an owner's
        // repositories, each under one owner) make no such group.
        let with_names: usize = children().filter(|(n, _)| keys(n).next().is_some()).map(|(_, w)| w).sum();
        let covered: usize =
            children().filter(|(n, _)| keys(n).any(|k| root(&mut of, at[&k]) == values)).map(|(_, w)| w).sum();
        if covered * 4 < with_names * 3 {
            return Default::default();
        }
        self.lits
            .iter()
            .filter(|(_, n)| {
                n.count >= 3
                    && (n.count > typical || n.lits.values().chain(n.param.as_deref()).all(|c| c.count >= 2))
                    && keys(n).next().is_some()
            })
            .filter(|(_, n)| keys(n).all(|k| root(&mut of, at[&k]) != values))
            .map(|(k, _)| k)
            .collect()
    }

    /// The literal children that are values of one parameter, if they are. `recurring` of
    /// them recur under siblings (see [`Echo`]); an open set is judged only when `open`.
    pub(super) fn to_merge(&self, recurring: usize, open: bool, cx: &Cx) -> (Vec<String>, &'static str) {
        let d = self.lits.len() + usize::from(self.param.is_some());
        if d < 2 {
            return (Vec::new(), "");
        }
        let once = self.lits.values().filter(|n| n.count == 1).count();
        // An open set: many values, most seen once. A value seen far more often than the
        // others, and often overall, stays literal (`/users/me`), unless its subtree is like
        // the others' (see `learn`).
        // Values merged already (by structure) count toward the variety.
        let merged = self.param.as_ref().map_or(0, |p| p.values);
        // A child answering with a response shape that no sibling gives is an endpoint of its
        // own (`/user/login` beside user names, however few times it was seen).
        let sig_count = self.specific_sigs(cx);
        let own_shape = |n: &Node| n.answers_alone(&sig_count, cx);
        // (Values merged already stand for several children.)
        let shared = sig_count.values().any(|&c| c >= 2)
            || self.param.as_ref().is_some_and(|p| p.values >= 2 && p.sigs.iter().any(|s| !cx.generic.contains(s)));
        // On a partial view, siblings two or more of which answer, each with a shape of its
        // own and none with a sibling's, are a collection's endpoints seen once each by a
        // sidecar's first relearns (`/v1/issuing/{cards,disputes,...}`), not values yet:
        // merging is one-way, and values of one parameter come to share a shape as more of
        // them are seen, while a merge made now is never undone.
        let apart = cx.view == View::Partial && !shared && self.lits.values().filter(|n| own_shape(n)).count() >= 2;
        if open
            && !apart
            && self.lits.len() + merged >= MIN_VARIETY
            && once as f64 >= OPEN_SHARE * self.lits.len() as f64
            && (recurring as f64) < RECUR_SHARE * self.lits.len() as f64
        {
            let typical = typical_count(self);
            let namespaces = self.namespaces(typical);
            let open_set = self
                .lits
                .iter()
                .filter(|(k, _)| !namespaces.contains(k))
                .filter(|(k, n)| {
                    (n.count <= typical || n.count * 20 < self.count || node::value_form(k))
                        && !(shared && own_shape(n))
                })
                .map(|(k, _)| k.clone())
                .collect();
            return (open_set, "an open set: many values, most seen once");
        }
        // Structure: children whose subtrees are the same endpoints are values of one
        // parameter (`pulls`, `issues/{}`, `branches/{}/protection` under every repository).
        // A value seen less has seen fewer of them: its subtree is compared by how much of it
        // the other's holds (see `alike_subtrees`), so a hot value and a rare one are alike.
        // Siblings are compared by their distinct shapes, so that many values of one shape
        // (the common case: a slug's subtree) cost one comparison each, not one per pair.
        let mut kinds: Vec<Option<Vec<String>>> = Vec::new();
        let mut of_kind: std::collections::HashMap<Option<Vec<String>>, usize> = std::collections::HashMap::new();
        // The parameter child (no name) is compared too: a literal alike with it is a value.
        let children: Vec<(Option<&String>, &Node, usize)> = self
            .lits
            .iter()
            .map(|(k, n)| (Some(k), n))
            .chain(self.param.as_deref().map(|p| (None, p)))
            .map(|(k, n)| {
                let shape = n.shape();
                let next = kinds.len();
                let kind = *of_kind.entry(shape.clone()).or_insert(next);
                if kind == next {
                    kinds.push(shape);
                }
                (k, n, kind)
            })
            .collect();
        let mut members = vec![0usize; kinds.len()];
        for (_, _, kind) in &children {
            members[*kind] += 1;
        }
        // Children that each answer, themselves or as their items (`/{}` below them), with a
        // response shape no sibling answers with are endpoints of their own, however alike
        // their subtrees (`/v1/customers/{}` and `/v1/charges/{}`, a shop's
        // `/api/v1/products/{}` and `/api/v1/orders/{}`): a kind whose answering members all
        // do is never joined by structure, with any kind. Values of a parameter share their shapes (every owner's
        // repositories answer as repositories); literal names below a child are left out, as
        // they are what differs between values. So are the names below its items, but where
        // a sibling's items have the same name below them: then the two answer at one place
        // and can be compared (`/categories/{}/notes` and `/customers/{}/notes`, each seen
        // once by a sidecar's first relearn, answer apart; every repository's
        // `/{}/pulls` answers alike).
        fn below_items<'a>(n: &'a Node, generic: &std::collections::HashSet<u64>) -> Vec<(&'a String, u64)> {
            let Some(p) = n.param.as_deref() else { return Vec::new() };
            p.lits
                .iter()
                .flat_map(|(k, c)| c.sigs.iter().filter(|s| !generic.contains(s)).map(move |s| (k, *s)))
                .collect()
        }
        let mut item_names: std::collections::HashMap<&String, usize> = std::collections::HashMap::new();
        for (_, n, _) in &children {
            let mut names: Vec<&String> = below_items(n, &cx.generic).into_iter().map(|(k, _)| k).collect();
            names.dedup();
            for k in names {
                *item_names.entry(k).or_default() += 1;
            }
        }
        let answers: Vec<std::collections::BTreeSet<u64>> = children
            .iter()
            .map(|(_, n, _)| {
                use std::hash::{Hash, Hasher};
                let marked =
                    below_items(n, &cx.generic).into_iter().filter(|(k, _)| item_names[k] >= 2).map(|(k, s)| {
                        let mut h = std::collections::hash_map::DefaultHasher::new();
                        ("{}", k, s).hash(&mut h);
                        h.finish()
                    });
                n.sigs
                    .iter()
                    .chain(n.param.iter().flat_map(|p| p.sigs.iter()))
                    .copied()
                    .filter(|s| !cx.generic.contains(s))
                    .chain(marked)
                    .collect()
            })
            .collect();
        let mut answered: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for a in &answers {
            for s in a {
                *answered.entry(*s).or_default() += 1;
            }
        }
        let own: Vec<bool> = answers.iter().map(|a| a.iter().any(|s| answered[s] == 1)).collect();
        // A member that answers nothing of its own (seen once, or with errors only) does not
        // make its kind alike: a sidecar's first relearn sees most resources with a response
        // shape of their own and one without (`/shipments/{}/tags` seen once, as a 404).
        // A kind is apart when every member that answers at all answers with a shape of its
        // own: two or more of them, or all members when other kinds hold the second.
        let many_own = own.iter().filter(|&&o| o).count() >= 2;
        let mut own_in = vec![0usize; kinds.len()];
        let mut all_own = vec![true; kinds.len()];
        let mut kind_own = vec![true; kinds.len()];
        for (((_, _, kind), o), a) in children.iter().zip(&own).zip(&answers) {
            own_in[*kind] += usize::from(*o);
            all_own[*kind] &= *o;
            kind_own[*kind] &= *o || a.is_empty();
        }
        for k in 0..kinds.len() {
            kind_own[k] &= own_in[k] >= 2 || all_own[k] && many_own;
        }
        let tries: Vec<Option<SkelTrie>> = kinds.iter().map(|k| k.as_ref().map(SkelTrie::new)).collect();
        // Whether the members of a shape each answer with a specific response shape of their
        // own (two or more members, no shape shared).
        let mut shapes_of: Vec<(std::collections::BTreeSet<u64>, usize)> = vec![Default::default(); kinds.len()];
        for (_, n, kind) in &children {
            let specific: Vec<u64> = n.sigs.iter().copied().filter(|s| !cx.generic.contains(s)).collect();
            if !specific.is_empty() {
                shapes_of[*kind].0.extend(specific);
                shapes_of[*kind].1 += 1;
            }
        }
        let own_shapes: Vec<bool> = shapes_of.iter().map(|(s, n)| *n >= 2 && s.len() >= *n).collect();
        // Each shape is compared with itself and with the largest ones (a rare value's with a
        // hot value's): bounded work however many values a node has.
        let mut largest: Vec<usize> = (0..kinds.len()).filter(|&i| kinds[i].is_some()).collect();
        largest.sort_by_key(|&i| (std::cmp::Reverse(kinds[i].as_ref().map_or(0, Vec::len)), i));
        largest.truncate(COMPARED);
        // Shapes linked when alike; the largest group of linked members is the parameter's.
        // One more group member stands for the union of all subtrees: a value seen less than
        // there are endpoints below it sees a few of them, but all of them are seen under
        // other values (a client's fourteen organizations, fifty requests each).
        let union = kinds.len();
        let mut group: Vec<usize> = (0..=union).collect();
        fn root(group: &mut [usize], mut i: usize) -> usize {
            while group[i] != i {
                group[i] = group[group[i]];
                i = group[i];
            }
            i
        }
        let mut linked = vec![false; kinds.len()];
        let mut leaf_alike = vec![false; kinds.len()];
        for (i, a) in kinds.iter().enumerate() {
            let (Some(a), Some(ta)) = (a, &tries[i]) else { continue };
            for &j in largest.iter().chain([&i]) {
                let (Some(b), Some(tb)) = (&kinds[j], &tries[j]) else { continue };
                if i == j && members[i] < 2 {
                    continue;
                }
                // The same subtree under many siblings is one parameter's however shallow
                // (`/{dataset}/{version}/fields` for four versions), unless they answer with
                // shapes of their own (`/prices/search`, `/products/search`, ...). One kind
                // that does is enough: linked to a kind without answers, its members would
                // join the group through it (a resource seen once, as a 404, beside the
                // others).
                let apart = kind_own[i] || kind_own[j];
                if !apart && (alike_subtrees(a, ta, b, tb) || i == j && members[i] >= MIN_VARIETY && !own_shapes[i]) {
                    linked[i] = true;
                    linked[j] = true;
                    let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                    group[ri] = rj;
                }
                if alike_leaves(a, b) {
                    leaf_alike[i] = true;
                    leaf_alike[j] = true;
                }
            }
        }
        if kinds.len() > 2 {
            let all = SkelTrie::weighted(
                kinds
                    .iter()
                    .zip(&members)
                    .filter_map(|(k, &m)| k.as_ref().map(|k| (k, m)))
                    .flat_map(|(k, m)| k.iter().map(move |s| (s, m))),
            );
            // Held with a path two segments deep or more; or only with leaves, which counts
            // when [`MIN_VARIETY`] children or more are held so (a gist's `star`, `forks`,
            // `commits`, each rare gist seen with two or three of them: literals can share an
            // enumeration's values as leaves, but not four of them).
            let mut shallow: Vec<usize> = Vec::new();
            let mut held_members = 0;
            for (i, a) in kinds.iter().enumerate() {
                let Some(a) = a else { continue };
                if kind_own[i] {
                    continue;
                }
                let held: Vec<&String> = a.iter().filter(|k| all.holds_other(k, members[i])).collect();
                if held.len() >= 2 && held.len() as f64 >= UNION_CONTAINED * a.len() as f64 {
                    held_members += members[i];
                    if held.iter().any(|k| k.matches('/').count() >= 2) {
                        linked[i] = true;
                        let (ri, ru) = (root(&mut group, i), root(&mut group, union));
                        group[ri] = ru;
                    } else {
                        shallow.push(i);
                    }
                } else if a.len() == 1
                    && held.len() == 1
                    && held[0].starts_with("/{}/")
                    && held[0].matches("{}").count() >= 2
                {
                    // One path below, values below values, held by the others: a value seen
                    // at one endpoint below it (a package type's `{}/versions/{}`), which
                    // counts as the leaves do. Not a path of names, nor one value deep:
                    // endpoint names share those, with their shapes (`secrets/public-key`
                    // under `actions` and `codespaces`, `{}/reactions` under `comments` and
                    // `releases`; test `endpoint_names_seen_each_with_one_shared_path_stay_literal`).
                    held_members += members[i];
                    shallow.push(i);
                }
            }
            if held_members >= MIN_VARIETY {
                for i in shallow {
                    linked[i] = true;
                    let (ri, ru) = (root(&mut group, i), root(&mut group, union));
                    group[ri] = ru;
                }
            }
        }
        // The same children beneath each, seen whole only across them: three or more names
        // below a child, most of them below other children too (`hooks`, `members`, `teams`
        // under each organization, whatever values lie deeper).
        let mut below: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (_, n, _) in &children {
            for k in n.lits.keys() {
                *below.entry(k.as_str()).or_default() += 1;
            }
        }
        for (k, n, kind) in &children {
            if k.is_none() || n.lits.len() < 3 || children.len() < 3 || kind_own[*kind] {
                continue;
            }
            let held: Vec<&Node> =
                n.lits.iter().filter(|(k, _)| below.get(k.as_str()).is_some_and(|&c| c >= 2)).map(|(_, c)| c).collect();
            // Endpoint names with endpoints below them, not an enumeration's values shared as
            // leaves (`main`, `develop` under `/git/ref`, `/git/refs`, `/git/matching-refs`).
            let inner = held.iter().filter(|c| c.lits.len() > 0 || c.param.is_some()).count();
            if inner >= 2 && held.len() as f64 >= UNION_CONTAINED * n.lits.len() as f64 {
                linked[*kind] = true;
                let (ri, ru) = (root(&mut group, *kind), root(&mut group, union));
                group[ri] = ru;
            }
        }
        let mut size: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (i, &m) in members.iter().enumerate() {
            if linked[i] {
                *size.entry(root(&mut group, i)).or_default() += m;
            }
        }
        // The paths through each group's members.
        let mut weight: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (_, n, k) in &children {
            if linked[*k] {
                *weight.entry(root(&mut group, *k)).or_default() += n.count;
            }
        }
        // Values are most of a node's children, or carry most of its paths (a hot value and
        // rare ones), and all alike; endpoint names alike in pairs (an API's mirrored parts:
        // `/orgs/{}/audit-log`, `/enterprises/{}/audit-log`) are a few among many different
        // ones. So the group must be half or more of the children with enough below them to
        // compare (two paths or more), or be three or more carrying half or more of the paths.
        let comparable = children.iter().filter(|(_, _, k)| kinds[*k].as_ref().is_some_and(|s| s.len() >= 2)).count();
        let best = size
            .into_iter()
            .filter(|&(r, n)| {
                n >= 2 && n * 2 >= comparable || n >= 3 && weight.get(&r).is_some_and(|&w| w * 2 >= self.count)
            })
            .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
            .map(|(r, _)| r);
        let mut in_best: Vec<usize> = match best {
            Some(r) => {
                (0..children.len()).filter(|&i| linked[children[i].2] && root(&mut group, children[i].2) == r).collect()
            }
            None => Vec::new(),
        };
        // A child answering at its own path only with shapes no sibling gives, where two or
        // more siblings answer alike, is an endpoint of its own beside the values, however
        // alike its subtree (`/invoices/upcoming`, with `lines` below it as every invoice
        // has; `/customers/search`, a leaf as customers seen at their own path only are).
        // (`sig_count` and `own_shape` above, over the same children.)
        let alone: std::collections::HashSet<&String> = if sig_count.values().any(|&c| c >= 2) {
            children.iter().filter(|(_, n, _)| own_shape(n)).filter_map(|(k, _, _)| *k).collect()
        } else {
            Default::default()
        };
        in_best.retain(|&i| children[i].0.is_none_or(|k| !alone.contains(k)));
        let in_best: Vec<Option<&String>> = in_best.into_iter().map(|i| children[i].0).collect();
        // With the parameter in the group, one literal alike with it is enough.
        let with_param = usize::from(in_best.contains(&None));
        let mut alike: Vec<&String> = in_best.into_iter().flatten().collect();
        // A few alike names of which one heads a collection elsewhere too are an API's
        // mirrored parts, not values.
        // So are a few among many children that are all names used under other parents too
        // (a partial view's `actions`, `codespaces`, `dependabot`, each with `secrets/{}`
        // below, under `/repos/{}/{}` and `/orgs/{}`; a client's three owners, also seen under
        // `/users`, are all the children of `/repos`).
        let mirrored = alike.len() * 2 < self.lits.len() && alike.iter().all(|k| cx.elsewhere.contains(*k));
        if with_param == 0
            && alike.len() < MIN_VARIETY
            && (alike.iter().any(|k| cx.collections.contains(*k)) || mirrored)
        {
            alike.clear();
        }
        // Bodies: children answering with one shape are values of one parameter (`/pet/{id}`
        // beside `/pet/findByStatus`), unless the shape is generic: seen at several depths,
        // it is an envelope or an error shape, and says nothing about the endpoint.
        let structural = !alike.is_empty() || with_param == 1;
        // The shapes of the endpoints one segment below count too (`/tickets/{id}/qr`).
        let mut by_sig: std::collections::BTreeMap<u64, Vec<&String>> = std::collections::BTreeMap::new();
        for (k, n, _) in &children {
            let Some(k) = k else { continue };
            for s in n.answers(cx) {
                by_sig.entry(s).or_default().push(k);
            }
        }
        // Without structure, a few collections of many records each, answering one page
        // shape, are a database's tables (Datasette's `/shop/products.json` and
        // `/shop/orders.json`), not values of one parameter: values are many, each with few
        // items below it. Named as collections are (plural words): a client's few owners,
        // each with many repositories below it, answer one shape as values do.
        if alike.is_empty() && with_param == 0 {
            let records = |k: &String| {
                self.lits.get(k.as_str()).filter(|_| node::plural(k)).and_then(|n| n.param.as_deref()).map(|p| p.count)
            };
            by_sig.retain(|_, ks| !ks.iter().all(|k| records(k).is_some_and(|c| c > ks.len())));
        }
        // Children whose items (`/{}` below them, their only endpoints) answer with one
        // specific shape are values too, when three or more do: a client's owners, each with
        // a few of its repositories starred (`/user/starred/{owner}/{repo}`), answer as
        // repositories under every owner, where collections' items answer each as their own
        // resource (`/orders/{}` and `/customers/{}`). Only for children with nothing but
        // items below them, and items that are names (learned from their variety), not ids:
        // a database's tables each hold rows by number, and may all answer one generic row
        // shape (Datasette's `/shop/orders/{pk}`, `/shop/customers/{pk}`). Keyed apart from
        // what children answer themselves, and on a
        // relearn's evidence only when three or more recorded endpoints answered so (see
        // `Node::origins`): paths read from one endpoint that had joined the children
        // already (`/git/{}/{}` holding blobs, commits and trees) all answer as it does.
        // And only where the children are not a few collections of many records each (a
        // database's tables, each with hundreds of rows answering one generic row shape):
        // values of a parameter are many, each with a few items (an owner's starred
        // repositories), so a class holds at least as many children as the typical child
        // has items.
        let mut by_item: std::collections::BTreeMap<u64, (Vec<&String>, std::collections::BTreeSet<u64>)> =
            std::collections::BTreeMap::new();
        let mut items_of: std::collections::HashMap<&String, usize> = std::collections::HashMap::new();
        // The children whose items are ids (not names learned from their variety).
        let mut ids: std::collections::HashSet<&String> = std::collections::HashSet::new();
        // And those whose items are names met under their siblings too (endpoint names that
        // answer alike, merged for their shape: see `Node::recurred`).
        let mut recurred: std::collections::HashSet<&String> = std::collections::HashSet::new();
        for (k, n, _) in &children {
            let (Some(k), Some(p)) = (k, n.param.as_deref()) else { continue };
            if n.lits.len() > 0 || p.lits.len() > 0 || p.param.is_some() {
                continue;
            }
            if !p.slug {
                ids.insert(k);
            }
            if p.recurred {
                recurred.insert(k);
            }
            use std::hash::{Hash, Hasher};
            let mut own = std::collections::hash_map::DefaultHasher::new();
            k.hash(&mut own);
            let own = own.finish();
            // On a relearn's evidence a child's items are its contract's sample of paths: a
            // full sample (the default `max_paths`) stands for more than it shows.
            let items = if cx.view == View::Partial && p.values >= SAMPLE_PATHS { usize::MAX } else { p.values.max(1) };
            items_of.insert(k, items);
            for s in p.sigs.iter().filter(|s| !cx.generic.contains(s)) {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                ("{item}", s).hash(&mut h);
                let (ks, from) = by_item.entry(h.finish()).or_default();
                ks.push(k);
                // (A path's own answer, on a relearn or from the traffic, is its own origin.)
                let mut recorded = p.origins.iter().filter(|(x, _)| x == s).map(|&(_, o)| o).peekable();
                if recorded.peek().is_none() {
                    from.insert(own);
                }
                from.extend(recorded);
            }
        }
        let few_items = |ks: &Vec<&String>| {
            let mut items: Vec<usize> = ks.iter().map(|k| items_of.get(k).copied().unwrap_or(1)).collect();
            items.sort_unstable();
            items[items.len() / 2] <= ks.len()
        };
        // Children most of which are no collection's name (no plural word: a block
        // registry's namespaces `core`, `jetpack` over their block names) are values however
        // many items each has: a database's tables are named as collections (`products`,
        // `orders`). Not over ids: how many ids each has is not counted, and tables hold
        // rows by number whatever they are named (`Album`, `order_items`). Items that are names met under the siblings too are no
        // evidence of this kind: endpoint names below each of a few users, all answering one
        // list shape.
        // (Plural by the last word, in small letters: `order_items`, `line-items`, `Albums`.)
        let collection = |k: &str| {
            let last = k.rsplit(['-', '_']).next().unwrap_or(k).to_ascii_lowercase();
            node::plural(&last)
        };
        let named_as_values = |ks: &Vec<&String>| {
            ks.iter().filter(|k| collection(k)).count() * 2 < ks.len() && ks.iter().all(|k| !recurred.contains(k))
        };
        by_sig.extend(
            by_item
                .into_iter()
                .filter(|(_, (ks, from))| {
                    ks.len() >= 3
                        && from.len() >= 3
                        && ks.iter().all(|k| !ids.contains(k))
                        && (named_as_values(ks) || few_items(ks))
                })
                .map(|(s, (ks, _))| (s, ks)),
        );
        let informative = |ks: &Vec<&String>| ks.len() >= 2;
        if !alike.is_empty() {
            // Children answering as the structure's values do join them (a rare value seen
            // at the parameter's own path only).
            let sigs: std::collections::BTreeSet<u64> =
                alike.iter().filter_map(|k| self.lits.get(k)).flat_map(|n| n.answers(cx)).collect();
            for (sig, ks) in &by_sig {
                if sigs.contains(sig) && informative(ks) {
                    alike.extend(ks.iter().copied().filter(|k| !alone.contains(k)));
                }
            }
        } else {
            // The largest class, when no other is as large (`findByStatus` and `findByTags`
            // answer with one list shape, as two values do with an item).
            fn largest<'a>(classes: &mut Vec<Vec<&'a String>>) -> Option<Vec<&'a String>> {
                classes.sort_unstable();
                classes.dedup();
                classes.sort_by_key(|ks| std::cmp::Reverse(ks.len()));
                match (classes.first(), classes.get(1)) {
                    (Some(first), second) if second.is_none_or(|s| s.len() < first.len()) => Some(first.clone()),
                    _ => None,
                }
            }
            let mut classes: Vec<Vec<&String>> = by_sig.values().filter(|ks| informative(ks)).cloned().collect();
            if let Some(first) = largest(&mut classes) {
                alike.extend(first);
            } else if classes.len() >= 2 && {
                // Each child once: a child may be in many classes.
                let mut seen: Vec<&String> = classes.iter().flatten().copied().collect();
                seen.sort_unstable();
                seen.dedup();
                seen.iter().all(|k| self.lits.get(k.as_str()).is_some_and(Node::shallow))
            } {
                // On a tie, classes sharing a child are one: values answer as the parameter's
                // item, and some of them as its sub-resources too (`/user/migrations/{id}`
                // and `/{id}/archive`, each value seen with some of them). Only for children
                // with nothing deeper than that: deeper, the structure below decides. Linked
                // by a union-find over the children: linear in the classes' members.
                let index: std::collections::HashMap<&String, usize> =
                    self.lits.keys().enumerate().map(|(i, k)| (k, i)).collect();
                let mut links: Vec<usize> = (0..self.lits.len()).collect();
                let mut in_class = vec![false; self.lits.len()];
                for ks in &classes {
                    let first = index[ks[0]];
                    for k in ks {
                        in_class[index[k]] = true;
                        let (a, b) = (root(&mut links, first), root(&mut links, index[k]));
                        links[a] = b;
                    }
                }
                let mut by_root: std::collections::BTreeMap<usize, Vec<&String>> = std::collections::BTreeMap::new();
                for (i, k) in self.lits.keys().enumerate() {
                    if in_class[i] {
                        let r = root(&mut links, i);
                        by_root.entry(r).or_default().push(k);
                    }
                }
                let mut joined: Vec<Vec<&String>> = by_root.into_values().collect();
                if let Some(first) = largest(&mut joined) {
                    alike.extend(first);
                }
            }
        }
        alike.sort_unstable();
        alike.dedup();
        if alike.len() + with_param >= 2 {
            let why = if structural { "alike subtrees" } else { "one response shape" };
            return (alike.into_iter().cloned().collect(), why);
        }
        let leaves_alike: Vec<String> =
            children.iter().filter(|(_, _, k)| leaf_alike[*k]).filter_map(|(k, _, _)| k.cloned()).collect();
        if leaves_alike.len() >= MIN_VARIETY { (leaves_alike, "the same endpoints below") } else { (Vec::new(), "") }
    }
}
