"""Thirteen more clients of real public APIs, in the style and interface of bench/clients2.py.

Written from the public shapes of HashiCorp Vault, Keycloak's admin REST API, crates.io, Open
Library, the Hacker News Firebase API, Wikipedia's REST APIs (RESTBase and core REST), the
WordPress REST API, NuGet's v3 protocol, MusicBrainz' web service, Grafana's HTTP API, the
Docker Engine API, Twitch Helix and PagerDuty's REST API (GET only), by a helper that knew
nothing of the learner's rules. Each has a few tenants, realms, mounts or sites seen often
beside open sets of ids, Zipf over the endpoints and about one request in ten a 404 (both from
`clients.requests`), the client's own error body (Azure Blob XML for NuGet, XML or JSON for
MusicBrainz by `fmt`, `application/problem+json` for Wikipedia), a member of its own in each
endpoint's answer, collections wrapped the way the real API wraps them, and query strings
where the real client sends them.

Shapes covered: user-chosen mount names at the top of the path beside `sys`, `auth` and
`identity` (Vault's KV, PKI, transit and AppRole mounts); realms by name and a literal `count`
beside UUIDs (Keycloak); semver versions beside `versions`, `downloads`, `owners` and a
`download`/`downloads` pair (crates.io); `OL45804W.json`-style ids and ISBNs with `.json`,
subjects with colons (Open Library); eight literal `*.json` siblings beside `item/{id}.json`
(Hacker News); titles with underscores, parentheses, commas, colons and percent-encoding, and
`page/random/{format}` whose values are the names of its siblings (Wikipedia); small numeric
ids shared by every post type, `users/me`, `types/{type}` (WordPress); two parameters in one
segment, `{id}.{version}.nupkg`, with dotted ids, and a version beside `index.json` (NuGet);
thirteen entity types each over MBIDs, `genre/all`, ISRCs, ISWCs and disc ids (MusicBrainz);
UIDs that are sometimes all digits or user-chosen slugs, `uid/`, `name/`, `id/` sub-lookups
(Grafana); a fixed `/v1.43` prefix, containers by 64-hex id, short id or name (Docker); a
purely literal API whose parameters are all in the query (Twitch); `P`-prefixed upper-case ids
and ability names as ids (PagerDuty). Non-JSON answers: PEM (Vault), HTML and PDF (Wikipedia),
nupkg and nuspec (NuGet), XML and plain text (MusicBrainz), a raw stream, a tar and `OK`
(Docker), iCalendar (Twitch), bare numbers and arrays of numbers (Keycloak, Hacker News),
204 with no body (PagerDuty's abilities). Hacker News answers a missing item with 200 and
`null`, as Firebase does, so its 404s are 200s.

Left out as not learnable at a fixed depth: Vault secret paths and Docker image names with
slashes (Vault's `{path}` and Docker's `{name}` take one segment here), Vault's
`sys/internal/ui/mounts/{path}`, WordPress template ids (`theme//slug`). Kept though hard:
NuGet's `{LOWER_ID}.{LOWER_VERSION}.nupkg`, one segment holding two parameters, each also a
segment of its own (a learner writing `{file}` there is scored wrong). Keycloak's `{user-id}`
and the like are spelled with `_` (`clients.requests` substitutes word-character names).

Session 31, third batch: written after the rules of batches 1 and 2 (`bench/clients.py`,
`bench/clients2.py`), run on that build: Keycloak, Hacker News, MusicBrainz, Grafana and Twitch
scored 1.000 in every run; the others fell below 0.95 in some or all runs (closed sets of names
kept literal, hot values kept beside their parameter, crates.io's literals read as versions,
NuGet's constant `registration5-gz-semver2` read as a value).

`traffic(client, n, seed, path)` writes `n` exchanges as JSON Lines and returns the templates
requested, each with the tuples of values its parameters took.
"""
import os
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
from clients2 import B62, WORDS, _s, _uuid  # noqa: E402

HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase + string.digits


def _hex(rng, k):
    return "%0*x" % (k, rng.getrandbits(4 * k))


def _isbn(rng):
    if rng.random() < .6:
        d = [9, 7, rng.choice([8, 9])] + [rng.randrange(10) for _ in range(9)]
        return "".join(map(str, d)) + str((10 - sum(x * (1 if i % 2 == 0 else 3) for i, x in enumerate(d)) % 10) % 10)
    d = [rng.randrange(10) for _ in range(9)]
    c = (11 - sum((10 - i) * x for i, x in enumerate(d)) % 11) % 11
    return "".join(map(str, d)) + ("X" if c == 10 else str(c))


def _semver(rng, pre=.08):
    v = f"{rng.choice([0, 0, 1, 1, 1, 2, 4])}.{rng.randrange(0, 40)}.{rng.randrange(0, 200)}"
    r = rng.random()
    if r < pre:
        v += rng.choice(["-alpha.1", "-beta.2", "-rc.1", "-rc.3", "-pre"])
    elif r < pre + .02:
        v += "+wasi-snapshot-preview1"
    return v


def _repeat(state, name, draw):
    """A parameter that appears twice in one template takes the same value both times."""
    def f():
        pend = state.setdefault("pending", {})
        if name in pend:
            return pend.pop(name)
        v = draw()
        if state["tpl"].count("{" + name + "}") > 1:
            pend[name] = v
        return v
    return f


def vault(rng):
    K = "/v1/{kv_v2_mount_path}"
    A = "/v1/auth/{approle_mount_path}/role"
    P = "/v1/{pki_mount_path}"
    T = [("/v1/sys/health", "o"), ("/v1/sys/seal-status", "o"), ("/v1/sys/leader", "o"), ("/v1/sys/mounts", "o"),
         ("/v1/sys/mounts/{path}", "o"), ("/v1/sys/auth", "o"), ("/v1/sys/policies/acl", "l"),
         ("/v1/sys/policies/acl/{name}", "o"), ("/v1/auth/token/lookup-self", "o"), (A, "l"), (A + "/{role_name}", "o"),
         (A + "/{role_name}/role-id", "o"), (K + "/config", "o"), (K + "/data/{path}", "o"),
         (K + "/metadata/{path}", "o"), (K + "/subkeys/{path}", "o"), (P + "/ca/pem", "t"), (P + "/cert/{serial}", "o"),
         (P + "/certs", "l"), (P + "/roles/{name}", "o"), ("/v1/{transit_mount_path}/keys", "l"),
         ("/v1/{transit_mount_path}/keys/{name}", "o"), ("/v1/identity/entity/id/{id}", "o"),
         ("/v1/identity/entity/name/{name}", "o")]
    kv = ["secret", "kv", "team-payments", "apps_prod"]
    pki = ["pki", "pki_int", "pki-k8s"]
    secrets = {m: [rng.choice(["database", "stripe", "github-app", "web-config", "aws_creds", "smtp", "jwt.signing",
                               "redis-password", "sentry_dsn", "datadog"]) for _ in range(5)] for m in kv}
    apps = ["billing", "web", "api", "worker", "orders", "search", "auth", "ledger"]
    entities = [_uuid(rng) for _ in range(4)]
    state = {}

    def kv_mount():
        state["m"] = rng.choices(kv, [10, 4, 2, 1])[0]
        return state["m"]

    def path():
        if rng.random() < .6:
            return rng.choice(secrets[state["m"]])
        return rng.choice(apps) + rng.choice(["-", "_", "."]) + rng.choice(["prod", "staging", "dev", "eu", "config"])

    def name():
        t = state["tpl"]
        if "/policies/" in t:
            return rng.choices(["default", "root", "admin", "ci-read", "billing-app", "k8s_reader"],
                               [5, 1, 2, 2, 2, 1])[0]
        if "/roles/" in t:
            return rng.choice(["example-dot-com", "internal-services", "k8s-node", "server"])
        if "/keys/" in t:
            return rng.choice(["orders", "pii-email", "payments_v2", "jwt-signing"])
        return "entity_" + _hex(rng, 8) if rng.random() < .6 else rng.choice(["jdoe", "asmith", "k.tanaka", "ci-bot"])

    def serial():
        if rng.random() < .1:
            return rng.choice(["ca", "ca_chain", "crl"])
        return ":".join(_hex(rng, 2) for _ in range(20))
    V = {"kv_v2_mount_path": kv_mount, "path": lambda: rng.choice(kv + pki) if "/sys/" in state["tpl"] else path(),
         "name": name, "approle_mount_path": lambda: "approle" if rng.random() < .85 else "ci-approle",
         "role_name": lambda: rng.choice(["jenkins", "gitlab-ci", "web-app", "billing_worker", "terraform"]),
         "pki_mount_path": lambda: rng.choices(pki, [6, 3, 1])[0], "serial": serial,
         "transit_mount_path": lambda: "transit" if rng.random() < .85 else "transit-eu",
         "id": lambda: rng.choice(entities) if rng.random() < .5 else _uuid(rng)}
    lst = lambda: "?list=true"  # noqa: E731
    Q = {"/v1/sys/policies/acl": lst, A: lst, P + "/certs": lst, "/v1/{transit_mount_path}/keys": lst,
         K + "/data/{path}": lambda: rng.choice(["", "", "?version=" + str(rng.randrange(1, 9))]) or "?"}
    return T, V, Q, "vault", state


def keycloak(rng):
    R = "/admin/realms/{realm}"
    U = R + "/users/{user_id}"
    C = R + "/clients/{client_uuid}"
    O = "/realms/{realm}"  # noqa: E741
    T = [("/admin/realms", "l"), (R, "o"), (R + "/users", "l"), (R + "/users/count", "n"), (U, "o"),
         (U + "/groups", "l"), (U + "/role-mappings", "o"), (U + "/role-mappings/realm", "l"), (U + "/sessions", "l"),
         (U + "/credentials", "l"), (R + "/groups", "l"), (R + "/groups/count", "o"), (R + "/groups/{group_id}", "o"),
         (R + "/groups/{group_id}/members", "l"), (R + "/clients", "l"), (C, "o"), (C + "/roles", "l"),
         (C + "/roles/{role_name}", "o"), (C + "/client-secret", "o"), (C + "/service-account-user", "o"),
         (R + "/roles", "l"), (R + "/roles/{role_name}", "o"), (R + "/roles/{role_name}/users", "l"),
         (R + "/roles-by-id/{role_id}", "o"), (R + "/events", "l"), (R + "/identity-provider/instances", "l"),
         (R + "/identity-provider/instances/{alias}", "o"), (O + "/.well-known/openid-configuration", "o"),
         (O + "/protocol/openid-connect/certs", "o"), (O + "/protocol/openid-connect/userinfo", "o")]
    realms = ["acme", "master", "acme-staging", "partner_portal"]
    people = {r: [_uuid(rng) for _ in range(8)] for r in realms}
    groups = {r: [_uuid(rng) for _ in range(5)] for r in realms}
    apps = {r: [_uuid(rng) for _ in range(6)] for r in realms}
    state = {}

    def realm():
        state["r"] = rng.choices(realms, [10, 5, 3, 1])[0]
        return state["r"]

    def role():
        if "/clients/" in state["tpl"]:
            return rng.choice(["manage-users", "view-users", "query-groups", "view-realm", "manage-account",
                               "view-profile", "uma_protection"])
        return rng.choice(["offline_access", "uma_authorization", "default-roles-" + state["r"], "admin",
                           "billing.viewer", "app-user", "Support%20Agent"])
    V = {"realm": realm, "user_id": lambda: rng.choice(people[state["r"]]) if rng.random() < .45 else _uuid(rng),
         "group_id": lambda: rng.choice(groups[state["r"]]), "client_uuid": lambda: rng.choice(apps[state["r"]]),
         "role_name": role, "role_id": lambda: _uuid(rng),
         "alias": lambda: rng.choice(["google", "github", "azure-ad", "okta-saml"])}
    Q = {R + "/users": lambda: rng.choice(["?briefRepresentation=true&first=0&max=20",
                                           "?search=" + rng.choice(WORDS) + "&first=0&max=20",
                                           "?username=" + rng.choice(["jdoe", "asmith", "k.tanaka"]) + "&exact=true",
                                           "?email=" + rng.choice(WORDS) + "%40acme.io"]),
         R + "/clients": lambda: rng.choice(["?clientId=" + rng.choice(["account", "admin-cli", "web-app"]),
                                             "?first=0&max=100"]),
         R + "/events": lambda: "?type=LOGIN_ERROR&max=100&dateFrom=2026-11-19",
         R + "/groups": lambda: "?briefRepresentation=false&first=0&max=50",
         U + "/sessions": lambda: "?first=0&max=100"}
    return T, V, Q, "keycloak", state


CRATES = ("serde tokio rand serde_json syn proc-macro2 quote libc regex clap anyhow thiserror log once_cell bitflags "
          "itertools futures hyper reqwest chrono uuid base64 lazy_static parking_lot smallvec memchr cfg-if tracing "
          "tracing-subscriber async-trait bytes http url indexmap hashbrown num-traits getrandom sha2 aho-corasick "
          "tempfile walkdir toml semver pin-project-lite crossbeam-channel rayon time mio socket2 ryu itoa "
          "unicode-ident windows-sys wasi js-sys wasm-bindgen web-sys axum tower tonic prost sqlx diesel actix-web "
          "env_logger criterion nom ahash zerocopy rustix either r2d2 md-5 x509-parser sha1 h2 http-body").split()


def cratesio(rng):
    C = "/api/v1/crates/{name}"
    T = [("/api/v1/summary", "o"), ("/api/v1/crates", "l"), (C, "o"), (C + "/versions", "l"), (C + "/{version}", "o"),
         (C + "/{version}/dependencies", "l"), (C + "/{version}/downloads", "l"), (C + "/{version}/download", "o"),
         (C + "/{version}/readme", "o"), (C + "/downloads", "l"), (C + "/owners", "l"), (C + "/owner_user", "l"),
         (C + "/owner_team", "l"), (C + "/reverse_dependencies", "l"), ("/api/v1/categories", "l"),
         ("/api/v1/categories/{category}", "o"), ("/api/v1/keywords", "l"), ("/api/v1/keywords/{keyword}", "o"),
         ("/api/v1/users/{user}", "o"), ("/api/v1/teams/{team}", "o")]
    cw = [1 / (i + 1) ** .7 for i in range(len(CRATES))]
    versions = {}
    state = {}

    def name():
        state["c"] = rng.choices(CRATES, cw)[0]
        return state["c"]

    def version():
        vs = versions.setdefault(state["c"], [_semver(rng) for _ in range(rng.randrange(2, 9))])
        if rng.random() < .15:
            vs.append(_semver(rng))
        return rng.choice(vs)
    V = {"name": name, "version": version,
         "category": lambda: rng.choice(["command-line-utilities", "web-programming", "web-programming::http-client",
                                         "asynchronous", "cryptography", "no-std", "development-tools::testing",
                                         "encoding", "parser-implementations"]),
         "keyword": lambda: rng.choice(["async", "http", "serde", "cli", "parser", "wasm", "no_std", "gamedev",
                                        "json"]),
         "user": lambda: rng.choice(["dtolnay", "alexcrichton", "carllerche", "BurntSushi", "seanmonstar", "Darksonn",
                                     "KodrAus", "epage", "sfackler", "Manishearth"]),
         "team": lambda: rng.choice(["github:rust-lang:libs", "github:tokio-rs:core", "github:serde-rs:publish",
                                     "github:rust-random:maintainers"])}
    Q = {"/api/v1/crates": lambda: rng.choice(["?q=" + rng.choice(WORDS) + "&per_page=10",
                                               "?page=" + str(rng.randrange(1, 30)) + "&per_page=100&sort=downloads",
                                               "?category=" + rng.choice(["asynchronous", "cryptography"]),
                                               "?user_id=" + str(rng.randrange(1, 300000))]),
         C + "/versions": lambda: rng.choice(["", "?per_page=100&sort=semver", "?include=release_tracks"]) or "?",
         C + "/reverse_dependencies": lambda: "?page=1&per_page=100",
         "/api/v1/categories": lambda: "?page=1&per_page=100&sort=alpha", "/api/v1/keywords": lambda: "?sort=crates"}
    return T, V, Q, "cratesio", state


def openlibrary(rng):
    T = [("/works/{olid}.json", "o"), ("/works/{olid}/editions.json", "l"), ("/works/{olid}/ratings.json", "o"),
         ("/works/{olid}/bookshelves.json", "o"), ("/authors/{olid}.json", "o"), ("/authors/{olid}/works.json", "l"),
         ("/books/{olid}.json", "o"), ("/isbn/{isbn}.json", "o"), ("/subjects/{subject}.json", "o"),
         ("/search.json", "l"), ("/search/authors.json", "l"), ("/search/subjects.json", "l"),
         ("/people/{username}/books/want-to-read.json", "l"), ("/people/{username}/lists.json", "l"),
         ("/recentchanges.json", "l"), ("/api/books", "o"), ("/api/volumes/brief/isbn/{isbn}.json", "o")]
    hot = {"W": ["OL45804W", "OL27448W", "OL82563W", "OL1168083W", "OL362427W"],
           "A": ["OL23919A", "OL26320A", "OL2162284A", "OL34184A"], "M": ["OL7353617M", "OL26331930M", "OL9302887M"]}
    top = {"W": 38_000_000, "A": 12_000_000, "M": 58_000_000}
    isbns = [_isbn(rng) for _ in range(6)] + ["9780140328721", "0439064872", "080442957X"]

    def olid():
        k = "W" if "/works/" in state["tpl"] else "A" if "/authors/" in state["tpl"] else "M"
        return rng.choice(hot[k]) if rng.random() < .35 else f"OL{rng.randrange(1, top[k])}{k}"

    def subject():
        r = rng.random()
        if r < .6:
            return rng.choice(["love", "science_fiction", "fantasy", "history", "romance",
                               "mystery_and_detective_stories",
                               "juvenile_fiction", "cooking", rng.choice(WORDS)])
        return rng.choice(["place:london", "place:new_york_(n.y.)", "person:sherlock_holmes", "time:19th_century",
                           "person:napoleon_i,_emperor_of_the_french,_1769-1821", "time:20th_century"])
    users = ["mekBot", "seabelis", "george08", "ImportBot", "jdoe", "bookworm_42", "read-more", "AnnaReads"]
    state = {}
    V = {"olid": olid, "isbn": lambda: rng.choice(isbns) if rng.random() < .3 else _isbn(rng), "subject": subject,
         "username": lambda: rng.choice(users) if rng.random() < .6 else rng.choice(WORDS) + str(rng.randrange(1, 999))}
    Q = {"/search.json": lambda: rng.choice(["?q=" + rng.choice(WORDS) + "&limit=20",
                                             "?title=the+lord+of+the+rings&fields=key,title,author_name&page=2",
                                             "?author=tolkien&sort=new", "?isbn=" + _isbn(rng)]),
         "/search/authors.json": lambda: "?q=" + rng.choice(["twain", "rowling", "j%20k%20rowling", rng.choice(WORDS)]),
         "/search/subjects.json": lambda: "?q=" + rng.choice(WORDS),
         "/works/{olid}/editions.json": lambda: rng.choice(["", "?limit=50&offset=50"]) or "?",
         "/authors/{olid}/works.json": lambda: "?limit=50",
         "/subjects/{subject}.json": lambda: rng.choice(["", "?details=true", "?limit=12&offset=24"]) or "?",
         "/recentchanges.json": lambda: "?limit=100&bot=false",
         "/api/books": lambda: "?bibkeys=ISBN:" + _isbn(rng) + "&format=json&jscmd=data",
         "/people/{username}/books/want-to-read.json": lambda: "?page=1"}
    return T, V, Q, "openlibrary", state


def hackernews(rng):
    T = [("/v0/item/{id}.json", "o"), ("/v0/user/{id}.json", "o"), ("/v0/maxitem.json", "n"),
         ("/v0/topstories.json", "a"), ("/v0/newstories.json", "a"), ("/v0/beststories.json", "a"),
         ("/v0/askstories.json", "a"), ("/v0/showstories.json", "a"), ("/v0/jobstories.json", "a"),
         ("/v0/updates.json", "o")]
    hot = [str(rng.randrange(42_100_000, 42_200_000)) for _ in range(12)]
    users = ["pg", "dang", "tptacek", "patio11", "jacquesm", "rayiner", "pjmlp", "userbinator", "nostrademons",
             "tosh", "ingve", "todsacerdoti", "Tomte", "throwaway_2024", "simonw", "jgrahamc", "walterbell"]
    state = {}

    def ident():
        if "/user/" in state["tpl"]:
            if rng.random() < .5:
                return rng.choice(users)
            return rng.choice([rng.choice(WORDS) + str(rng.randrange(1, 9999)),
                               rng.choice(WORDS) + "_" + rng.choice(WORDS),
                               rng.choice(WORDS).capitalize() + rng.choice(WORDS) + "-" + _s(rng, "abcxyz", 2)])
        r = rng.random()
        return rng.choice(hot) if r < .3 else str(rng.randrange(42_000_000, 42_210_000)) if r < .85 \
            else str(rng.randrange(1, 42_000_000))
    pretty = lambda: rng.choice(["", "", "?print=pretty"]) or "?"  # noqa: E731
    return T, {"id": ident}, {t: pretty for t, _ in T}, "hackernews", state


WIKI = ["Albert_Einstein", "Python_(programming_language)", "Washington,_D.C.", "AC%2FDC", "Zo%C3%AB_Salda%C3%B1a",
        "C%2B%2B", "Rust_(programming_language)", "2001:_A_Space_Odyssey_(film)", "Nineteen_Eighty-Four", "1984",
        "List_of_sovereign_states", "Beyonc%C3%A9", "Earth", "COVID-19_pandemic", "The_Beatles", "Louvre",
        "Paris,_Texas", "AT%26T", "Don%27t_Stop_Me_Now", "Who%27s_Afraid_of_Virginia_Woolf%3F", "Boston_Tea_Party",
        "Pi", "E_(mathematical_constant)", "Mercury_(planet)", "Queen_(band)", "S%C3%A3o_Paulo", "%C3%89mile_Zola",
        "Talk:Earth", "Wikipedia:Manual_of_Style", "Hello,_World!", "U2", "X", "Kyiv", "Star_Wars_(film)",
        "M*A*S*H_(TV_series)", "Ren%C3%A9_Descartes", "%E6%9D%B1%E4%BA%AC"]


def wikipedia(rng):
    P = "/api/rest_v1/page"
    W = "/w/rest.php/v1"
    T = [(P + "/summary/{title}", "o"), (P + "/html/{title}", "h"), (P + "/html/{title}/{revision}", "h"),
         (P + "/mobile-html/{title}", "h"), (P + "/media-list/{title}", "o"), (P + "/related/{title}", "o"),
         (P + "/pdf/{title}", "p"), (P + "/title/{title}", "o"), (P + "/random/{format}", "o"),
         ("/api/rest_v1/feed/featured/{yyyy}/{mm}/{dd}", "o"), ("/api/rest_v1/feed/onthisday/{type}/{mm}/{dd}", "o"),
         (W + "/page/{title}", "o"), (W + "/page/{title}/bare", "o"), (W + "/page/{title}/html", "h"),
         (W + "/page/{title}/history", "l"), (W + "/page/{title}/links/language", "l"), (W + "/revision/{id}", "o"),
         (W + "/revision/{id}/bare", "o"), (W + "/search/page", "l"), (W + "/search/title", "l"), ("/w/api.php", "o")]
    ww = [1 / (i + 1) for i in range(len(WIKI))]
    disamb = ["film", "band", "album", "novel", "2019_film", "software", "TV_series", "river", "surname"]

    def title():
        r = rng.random()
        if r < .12:
            return "Main_Page"
        if r < .6:
            return rng.choices(WIKI, ww)[0]
        words = [rng.choice(WORDS) for _ in range(rng.randrange(1, 4))]
        t = "_".join([words[0].capitalize()] + words[1:])
        r = rng.random()
        return t + (f"_({rng.choice(disamb)})" if r < .25 else ",_" + rng.choice(WORDS).capitalize() if r < .32 else "")
    V = {"title": title, "revision": lambda: str(rng.randrange(1_150_000_000, 1_260_000_000)),
         "id": lambda: str(rng.randrange(1_150_000_000, 1_260_000_000)),
         "format": lambda: rng.choices(["summary", "title", "html", "related"], [6, 2, 1, 1])[0],
         "yyyy": lambda: "2026" if rng.random() < .75 else "2025", "mm": lambda: "%02d" % rng.randrange(1, 13),
         "dd": lambda: "%02d" % rng.randrange(1, 29),
         "type": lambda: rng.choices(["all", "selected", "births", "deaths", "events", "holidays"],
                                     [4, 3, 1, 1, 1, 1])[0]}
    Q = {W + "/search/page": lambda: "?q=" + rng.choice(WORDS) + "&limit=10",
         W + "/search/title": lambda: "?q=" + rng.choice(WORDS)[:3] + "&limit=5",
         W + "/page/{title}/history": lambda: rng.choice(["", "?filter=reverted", "?older_than=" + V["id"]()]) or "?",
         "/w/api.php": lambda: rng.choice(["?action=query&format=json&prop=extracts&exintro=1&titles=" + title(),
                                           "?action=query&format=json&list=search&srsearch=" + rng.choice(WORDS),
                                           "?action=parse&format=json&page=" + title() + "&prop=wikitext"])}
    return T, V, Q, "wikipedia"


def wordpress(rng):
    W = "/wp-json/wp/v2"
    T = [("/wp-json/", "o"), (W + "/posts", "l"), (W + "/posts/{id}", "o"), (W + "/posts/{parent}/revisions", "l"),
         (W + "/posts/{parent}/revisions/{id}", "o"), (W + "/pages", "l"), (W + "/pages/{id}", "o"),
         (W + "/media", "l"),
         (W + "/media/{id}", "o"), (W + "/categories", "l"), (W + "/categories/{id}", "o"), (W + "/tags", "l"),
         (W + "/tags/{id}", "o"), (W + "/users", "l"), (W + "/users/{id}", "o"), (W + "/users/me", "o"),
         (W + "/comments", "l"), (W + "/comments/{id}", "o"), (W + "/types", "o"), (W + "/types/{type}", "o"),
         (W + "/taxonomies", "o"), (W + "/taxonomies/{taxonomy}", "o"), (W + "/statuses", "o"), (W + "/settings", "o"),
         (W + "/search", "l"), (W + "/block-types/{namespace}/{name}", "o"), ("/wp-json/oembed/1.0/embed", "o")]
    hot_posts = [str(rng.randrange(900, 4200)) for _ in range(8)]
    pages = ["2", "12", "45", "178", "402", "1130"]
    state = {}

    def ident():
        t = state["tpl"]
        if "/posts/" in t:
            return rng.choice(hot_posts + ["1"]) if rng.random() < .4 else str(rng.randrange(1, 4200))
        if "/pages/" in t:
            return rng.choice(pages)
        if "/media/" in t:
            return str(rng.randrange(5, 4300))
        if "/categories/" in t:
            return "1" if rng.random() < .3 else str(rng.randrange(2, 40))
        if "/tags/" in t:
            return str(rng.randrange(3, 300))
        if "/users/" in t:
            return "1" if rng.random() < .5 else str(rng.randrange(2, 14))
        return str(rng.randrange(1, 9000))

    def namespace():
        state["ns"] = rng.choices(["core", "woocommerce", "jetpack", "yoast-seo"], [8, 3, 2, 1])[0]
        return state["ns"]
    blocks = {"core": ["paragraph", "image", "heading", "cover", "group", "columns", "navigation", "query-loop"],
              "woocommerce": ["product-grid", "all-products", "cart", "checkout"],
              "jetpack": ["contact-form", "slideshow", "tiled-gallery"], "yoast-seo": ["breadcrumbs", "faq-block"]}
    V = {"id": ident, "parent": lambda: rng.choice(hot_posts) if rng.random() < .5 else str(rng.randrange(1, 4200)),
         "type": lambda: rng.choice(["post", "page", "attachment", "nav_menu_item", "wp_block", "wp_template",
                                     "product"]),
         "taxonomy": lambda: rng.choice(["category", "post_tag", "product_cat", "nav_menu"]),
         "namespace": namespace, "name": lambda: rng.choice(blocks[state["ns"]])}
    Q = {W + "/posts": lambda: rng.choice(["?per_page=10&page=" + str(rng.randrange(1, 40)) + "&_embed=1",
                                           "?categories=" + str(rng.randrange(1, 40)) + "&per_page=20",
                                           "?slug=" + rng.choice(WORDS) + "-" + rng.choice(WORDS),
                                           "?search=" + rng.choice(WORDS), "?_fields=id,title,link&per_page=100"]),
         W + "/pages": lambda: "?per_page=100&orderby=menu_order&order=asc",
         W + "/media": lambda: "?media_type=image&per_page=50",
         W + "/comments": lambda: "?post=" + rng.choice(hot_posts),
         W + "/categories": lambda: "?per_page=100&hide_empty=true", W + "/tags": lambda: "?per_page=100&orderby=count",
         W + "/users": lambda: "?who=authors", W + "/search": lambda: "?search=" + rng.choice(WORDS) + "&type=post",
         W + "/posts/{id}": lambda: rng.choice(["", "", "?_embed=1", "?context=edit"]) or "?",
         "/wp-json/oembed/1.0/embed": lambda: "?url=https%3A%2F%2Fblog.acme.io%2F2026%2F11%2F" + rng.choice(WORDS)
         + "%2F"}
    return T, V, Q, "wordpress", state


NUGET = ("newtonsoft.json serilog microsoft.extensions.logging.abstractions xunit automapper polly dapper "
         "fluentvalidation moq nunit swashbuckle.aspnetcore microsoft.entityframeworkcore "
         "microsoft.entityframeworkcore.sqlserver system.text.json mediatr nlog castle.core bogus humanizer.core "
         "stackexchange.redis npgsql grpc.net.client awssdk.s3 azure.storage.blobs csvhelper restsharp hangfire.core "
         "fluentassertions coverlet.collector microsoft.net.test.sdk xunit.runner.visualstudio system.memory "
         "sixlabors.imagesharp yamldotnet protobuf-net log4net htmlagilitypack").split()


def nuget(rng):
    F = "/v3-flatcontainer/{LOWER_ID}"
    R = "/v3/registration5-gz-semver2/{LOWER_ID}"
    T = [("/v3/index.json", "o"), (F + "/index.json", "o"),
         (F + "/{LOWER_VERSION}/{LOWER_ID}.{LOWER_VERSION}.nupkg", "b"),
         (F + "/{LOWER_VERSION}/{LOWER_ID}.nuspec", "x"), (R + "/index.json", "o"), (R + "/{LOWER_VERSION}.json", "o"),
         (R + "/page/{LOWER}/{UPPER}.json", "o"), ("/query", "l"), ("/autocomplete", "l")]
    nw = [1 / (i + 1) ** .8 for i in range(len(NUGET))]
    versions = {}
    state = {}

    def ver():
        v = f"{rng.choice([1, 2, 3, 4, 5, 6, 8, 13])}.{rng.randrange(0, 12)}.{rng.randrange(0, 30)}"
        r = rng.random()
        return v + ("-preview.7.21377.19" if r < .05 else "-beta1" if r < .08 else "-rc.2" if r < .1 else "")

    def pkg():
        state["p"] = rng.choices(NUGET, nw)[0]
        versions.setdefault(state["p"], sorted({ver() for _ in range(rng.randrange(3, 10))}))
        return state["p"]

    def lower():
        vs = versions[state["p"]]
        state["lo"] = rng.randrange(len(vs))
        return vs[state["lo"]]
    V = {"LOWER_ID": _repeat(state, "LOWER_ID", pkg),
         "LOWER_VERSION": _repeat(state, "LOWER_VERSION", lambda: rng.choice(versions[state["p"]])),
         "LOWER": lower, "UPPER": lambda: rng.choice(versions[state["p"]][state["lo"]:])}
    Q = {"/query": lambda: "?q=" + rng.choice(["json", "logging", "redis", "test", rng.choice(WORDS)])
         + "&skip=0&take=20&prerelease=true&semVerLevel=2.0.0",
         "/autocomplete": lambda: "?q=" + rng.choice(["micro", "newt", "seri", "xun"]) + "&take=20&prerelease=false"}
    return T, V, Q, "nuget", state


def musicbrainz(rng):
    W = "/ws/2"
    ents = ["artist", "release", "release-group", "recording", "label", "work", "area", "genre"]
    T = [(f"{W}/{e}/{{mbid}}", "o") for e in ents] + [
        (W + "/genre/all", "l"), (W + "/artist", "l"), (W + "/release", "l"), (W + "/recording", "l"),
        (W + "/discid/{discid}", "o"), (W + "/isrc/{isrc}", "o"), (W + "/iswc/{iswc}", "o"), (W + "/url", "o")]
    hot = ["b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d", "a74b1b7f-71a5-4011-9441-d0b5e4122711",
           "5b11f4ce-a62d-471e-81fc-a69a8278c7da", "056e4f3e-d505-4dad-8ec1-d04f521cbb56"]
    disc_chars = string.ascii_letters + string.digits + "._"
    state = {}
    V = {"mbid": lambda: rng.choice(hot) if "/artist/" in state["tpl"] and rng.random() < .4 else _uuid(rng),
         "discid": lambda: _s(rng, disc_chars, 27) + "-",
         "isrc": lambda: rng.choice(["US", "GB", "DE", "FR", "SE"]) + _s(rng, UPPER, 3)
         + "%02d" % rng.randrange(60, 100)
         + "%05d" % rng.randrange(100000),
         "iswc": lambda: "T-%03d.%03d.%03d-%d" % (rng.randrange(1000), rng.randrange(1000), rng.randrange(1000),
                                                  rng.randrange(10))}

    def fmt():
        return "&fmt=json" if rng.random() < .7 else ""

    def inc(e):
        return {"artist": "aliases+tags+ratings+url-rels", "release": "recordings+artist-credits+labels",
                "release-group": "releases+artist-credits", "recording": "isrcs+artist-credits+releases",
                "label": "aliases", "work": "recording-rels", "area": "aliases", "genre": "aliases"}[e]
    Q = {f"{W}/{e}/{{mbid}}": (lambda e=e: "?inc=" + inc(e) + fmt()) for e in ents}
    Q.update({W + "/genre/all": lambda: rng.choice(["?limit=100&offset=" + str(rng.randrange(0, 20) * 100) + fmt(),
                                                    "?fmt=txt"]),
              W + "/artist": lambda: "?query=" + rng.choice(["artist:nirvana", "radiohead", "country:GB+AND+type:group",
                                                             rng.choice(WORDS)]) + "&limit=25" + fmt(),
              W + "/release": lambda: "?artist=" + rng.choice(hot) + "&inc=labels&limit=100&offset=0" + fmt(),
              W + "/recording": lambda: "?query=recording:%22" + rng.choice(WORDS) + "%22+AND+artist:"
              + rng.choice(WORDS)
              + fmt(),
              W + "/discid/{discid}": lambda: "?inc=recordings" + fmt(),
              W + "/isrc/{isrc}": lambda: "?inc=artists" + fmt(),
              W + "/iswc/{iswc}": lambda: "?" + fmt()[1:],
              W + "/url": lambda: "?resource=https%3A%2F%2Fwww.discogs.com%2Fartist%2F" + str(rng.randrange(1, 9999999))
              + "&inc=artist-rels" + fmt()})
    return T, V, Q, "musicbrainz", state


def grafana(rng):
    D = "/api/dashboards/uid/{uid}"
    S = "/api/datasources"
    T = [("/api/health", "o"), ("/api/frontend/settings", "o"), ("/api/user", "o"), ("/api/user/preferences", "o"),
         ("/api/org", "o"), ("/api/org/users", "l"), ("/api/search", "l"), ("/api/dashboards/home", "o"), (D, "o"),
         (D + "/versions", "l"), (D + "/versions/{id}", "o"), ("/api/folders", "l"), ("/api/folders/{folder_uid}", "o"),
         (S, "l"), (S + "/uid/{uid}", "o"), (S + "/uid/{uid}/health", "o"), (S + "/name/{name}", "o"),
         (S + "/id/{name}", "o"), ("/api/orgs", "l"), ("/api/orgs/{org_id}", "o"), ("/api/orgs/name/{org_name}", "o"),
         ("/api/orgs/{org_id}/users", "l"), ("/api/users/lookup", "o"), ("/api/users/{user_id}", "o"),
         ("/api/users/{user_id}/teams", "l"), ("/api/teams/search", "l"), ("/api/teams/{team_id}", "o"),
         ("/api/teams/{team_id}/members", "l"), ("/api/annotations", "l"), ("/api/v1/provisioning/alert-rules", "l"),
         ("/api/v1/provisioning/alert-rules/{UID}", "o"), ("/api/snapshots/{key}", "o"),
         ("/api/plugins/{plugin_id}/settings", "o"), ("/api/serviceaccounts/search", "l"),
         ("/api/serviceaccounts/{service_account_id}", "o")]
    gen = lambda k: _s(rng, B62, k)  # noqa: E731
    dashboards = ["rYdddlPWk", "000000012", "node-exporter-full", "k8s_views_global", gen(9), gen(9), gen(14)]
    folders = [gen(9) for _ in range(3)] + ["infra", "team-payments"]
    ds = ["P1809F7CD0C75ACF3", "P8E80F9AEF21F6940", "grafana", "loki-prod", gen(9)]
    state = {}

    def uid():
        if "/datasources/" in state["tpl"]:
            return rng.choices(ds, [6, 3, 1, 2, 1])[0]
        return rng.choices(dashboards, [6, 3, 3, 2, 2, 1, 1])[0] if rng.random() < .8 else gen(rng.choice([9, 14]))
    V = {"uid": uid, "id": lambda: str(rng.randrange(1, 60)), "folder_uid": lambda: rng.choice(folders),
         "name": lambda: rng.choice(["Prometheus", "Loki", "InfluxDB%20prod", "Tempo", "CloudWatch", "gdev-postgres"]),
         "org_id": lambda: rng.choices(["1", "2", "3", "7"], [8, 3, 2, 1])[0],
         "org_name": lambda: rng.choice(["Main%20Org.", "Acme", "acme-staging"]),
         "user_id": lambda: rng.choice(["1", "2", "5"]) if rng.random() < .4 else str(rng.randrange(1, 300)),
         "team_id": lambda: str(rng.randrange(1, 40)),
         "UID": lambda: _s(rng, string.ascii_lowercase + string.digits, 14),
         "key": lambda: gen(32),
         "plugin_id": lambda: rng.choice(["grafana-piechart-panel", "grafana-clock-panel", "prometheus",
                                          "grafana-oncall-app", "grafana-lokiexplore-app",
                                          "alexanderzobnin-zabbix-app"]),
         "service_account_id": lambda: str(rng.randrange(2, 60))}
    Q = {"/api/search": lambda: rng.choice(["?query=&type=dash-db&limit=5000", "?query=" + rng.choice(WORDS),
                                            "?folderUIDs=" + rng.choice(folders) + "&type=dash-db", "?starred=true"]),
         "/api/annotations": lambda: "?from=1763629200000&to=1763632800000&limit=100&dashboardUID="
         + rng.choice(dashboards),
         "/api/users/lookup": lambda: "?loginOrEmail=" + rng.choice(["admin", "jdoe%40acme.io", "k.tanaka%40acme.io"]),
         "/api/teams/search": lambda: "?perpage=50&page=1&query=" + rng.choice(["", "platform", "sre"]),
         "/api/serviceaccounts/search": lambda: "?perpage=10&page=1&query=",
         D + "/versions": lambda: "?limit=20", "/api/org/users": lambda: "?perpage=1000&page=1",
         "/api/folders": lambda: "?limit=1000&page=1"}
    return T, V, Q, "grafana", state


def docker(rng):
    D = "/v1.43"
    C = D + "/containers/{id}"
    T = [("/_ping", "t"), (D + "/version", "o"), (D + "/info", "o"), (D + "/system/df", "o"),
         (D + "/containers/json", "l"),
         (C + "/json", "o"), (C + "/top", "o"), (C + "/logs", "b"), (C + "/stats", "o"), (C + "/changes", "l"),
         (C + "/archive", "r"), (D + "/images/json", "l"), (D + "/images/{name}/json", "o"),
         (D + "/images/{name}/history", "l"), (D + "/networks", "l"), (D + "/networks/{id}", "o"),
         (D + "/volumes", "l"),
         (D + "/volumes/{name}", "o"), (D + "/exec/{id}/json", "o"), (D + "/plugins", "l")]
    names = ["acme-web-1", "acme-db-1", "acme_worker_1", "redis", "traefik", "buildx_buildkit_default", "portainer"]
    box = [(_hex(rng, 64), n) for n in names]
    images = ["nginx:latest", "redis:7-alpine", "postgres:16", "node:20-bookworm-slim", "python:3.12-slim", "alpine",
              "traefik:v3.0", "busybox:1.36"]
    nets = ["bridge", "host", "none", "acme_default", "traefik-public"]
    vols = ["pgdata", "acme_redis-data", "portainer_data"]
    state = {}

    def ident():
        t = state["tpl"]
        if "/networks/" in t:
            return rng.choice(nets) if rng.random() < .6 else _hex(rng, 64)
        if "/exec/" in t:
            return _hex(rng, 64)
        full, name = rng.choices(box, [6, 4, 3, 2, 2, 1, 1])[0] if rng.random() < .8 else (_hex(rng, 64), None)
        r = rng.random()
        return full if r < .4 or not name else full[:12] if r < .7 else name

    def image():
        r = rng.random()
        return rng.choice(images) if r < .6 else "sha256:" + _hex(rng, 64) if r < .85 else _hex(rng, 12)
    V = {"id": ident, "name": lambda: image() if "/images/" in state["tpl"] else rng.choice(vols) if rng.random() < .6
         else _hex(rng, 64)}
    Q = {D + "/containers/json": lambda: rng.choice(["?all=1", "", "?all=1&filters=%7B%22label%22%3A%5B%22com.docker."
                                                     "compose.project%3Dacme%22%5D%7D"]) or "?",
         C + "/logs": lambda: "?stdout=1&stderr=1&tail=" + rng.choice(["100", "all"]) + "&timestamps=1",
         C + "/stats": lambda: "?stream=false&one-shot=true", C + "/top": lambda: "?ps_args=aux",
         C + "/archive": lambda: "?path=" + rng.choice(["%2Fetc%2Fnginx%2Fnginx.conf", "%2Fapp%2Flogs", "%2Ftmp"]),
         D + "/images/json": lambda: "?all=0",
         D + "/networks": lambda: "?filters=%7B%22driver%22%3A%5B%22bridge%22%5D%7D",
         D + "/system/df": lambda: "?type=container&type=image"}
    return T, V, Q, "docker", state


def twitch(rng):
    H = "/helix"
    L = ["users", "channels", "channels/followers", "channels/followed", "streams", "streams/followed", "games",
         "games/top", "videos", "clips", "search/channels", "search/categories", "chat/emotes", "chat/emotes/global",
         "chat/emotes/set", "chat/badges", "chat/badges/global", "chat/chatters", "chat/settings", "chat/color",
         "subscriptions", "eventsub/subscriptions", "moderation/moderators", "moderation/banned", "schedule",
         "schedule/icalendar", "bits/leaderboard", "teams", "teams/channel", "goals", "polls", "predictions",
         "content_classification_labels"]
    T = [(f"{H}/{p}", "c" if p.endswith("icalendar") else "l") for p in L]
    hot = ["71092938", "37402112", "44445592", "19571641", "141981764"]
    logins = ["xqc", "shroud", "pokimane", "ninja", "twitchdev", "kaicenat", "summit1g", "lirik"]
    uid = lambda: rng.choice(hot) if rng.random() < .6 else str(rng.randrange(10_000_000, 999_999_999))  # noqa: E731
    b = lambda: "?broadcaster_id=" + uid()  # noqa: E731
    cursor = lambda: "eyJiIjpudWxsLCJhIjp7IkN1cnNvciI6I" + _s(rng, B62, 24) + "In19"  # noqa: E731
    Q = {
        "users": lambda: rng.choice(["", "?login=" + rng.choice(logins), "?id=" + uid(),
                                     "?login=" + rng.choice(logins) + "&login=" + rng.choice(logins)]) or "?",
        "channels": b, "channels/followers": lambda: b() + "&first=100",
        "channels/followed": lambda: "?user_id=" + uid() + "&first=100",
        "streams": lambda: rng.choice(["?user_login=" + rng.choice(logins), "?game_id=" + rng.choice(["509658", "32982",
                                       "21779", "33214"]) + "&first=100", "?first=20&after=" + cursor(),
                                       "?type=live&language=en"]),
        "streams/followed": lambda: "?user_id=" + uid(),
        "games": lambda: rng.choice(["?name=Just%20Chatting", "?id=509658", "?name=Grand%20Theft%20Auto%20V",
                                     "?igdb_id=" + str(rng.randrange(1, 300000))]),
        "games/top": lambda: rng.choice(["?first=100", "?first=100&after=" + cursor()]),
        "videos": lambda: rng.choice(["?user_id=" + uid() + "&type=archive&first=20",
                                      "?id=" + str(rng.randrange(2_000_000_000, 2_300_000_000))]),
        "clips": lambda: rng.choice([b() + "&started_at=2026-11-13T00%3A00%3A00Z&ended_at=2026-11-20T00%3A00%3A00Z",
                                     "?id=" + "".join(rng.choice(WORDS).capitalize() for _ in range(4)) + "-"
                                     + _s(rng, B62 + "_", 16)]),
        "search/channels": lambda: "?query=" + rng.choice(WORDS) + "&live_only=true",
        "search/categories": lambda: "?query=" + rng.choice(WORDS),
        "chat/emotes": b, "chat/emotes/set": lambda: "?emote_set_id=" + str(rng.randrange(0, 500_000_000)),
        "chat/badges": b, "chat/chatters": lambda: b() + "&moderator_id=" + uid(), "chat/settings": b,
        "chat/color": lambda: "?user_id=" + uid() + "&user_id=" + uid(), "subscriptions": lambda: b() + "&first=100",
        "eventsub/subscriptions": lambda: rng.choice(["", "?status=enabled", "?type=stream.online"]) or "?",
        "moderation/moderators": b, "moderation/banned": b, "schedule": b, "schedule/icalendar": b,
        "bits/leaderboard": lambda: "?count=10&period=" + rng.choice(["day", "week", "month", "all"]),
        "teams": lambda: "?name=" + rng.choice(["staff", "esl", "streamerhouse"]), "teams/channel": b, "goals": b,
        "polls": b, "predictions": b, "content_classification_labels": lambda: "?locale=en-US"}
    return T, {}, {f"{H}/{p}": q for p, q in Q.items()}, "twitch"


def pagerduty(rng):
    I = "/incidents/{id}"  # noqa: E741
    T = [("/incidents", "l"), (I, "o"), (I + "/log_entries", "l"), (I + "/notes", "l"), (I + "/alerts", "l"),
         (I + "/alerts/{alert_id}", "o"), ("/services", "l"), ("/services/{id}", "o"),
         ("/services/{id}/integrations/{integration_id}", "o"), ("/users", "l"), ("/users/me", "o"),
         ("/users/{id}", "o"),
         ("/users/{id}/contact_methods", "l"), ("/users/{id}/notification_rules", "l"), ("/schedules", "l"),
         ("/schedules/{id}", "o"), ("/schedules/{id}/users", "l"), ("/oncalls", "l"), ("/escalation_policies", "l"),
         ("/escalation_policies/{id}", "o"), ("/teams", "l"), ("/teams/{id}", "o"), ("/teams/{id}/members", "l"),
         ("/log_entries/{id}", "o"), ("/priorities", "l"), ("/abilities", "l"), ("/abilities/{id}", "e"),
         ("/maintenance_windows", "l")]
    pid = lambda: "P" + _s(rng, UPPER, 6)  # noqa: E731
    qid = lambda: "Q" + _s(rng, UPPER, 13)  # noqa: E731
    pools = {"services": [pid() for _ in range(5)], "users": [pid() for _ in range(8)],
             "schedules": [pid() for _ in range(4)], "teams": [pid() for _ in range(3)],
             "escalation_policies": [pid() for _ in range(3)]}
    hot_incidents = [qid() for _ in range(6)] + [pid() for _ in range(2)]
    state = {}

    def ident():
        top = state["tpl"].split("/")[1]
        if top == "incidents":
            return rng.choice(hot_incidents) if rng.random() < .4 else qid() if rng.random() < .8 else pid()
        if top == "log_entries":
            return "R" + _s(rng, UPPER, 25)
        if top == "abilities":
            return rng.choice(["teams", "read_only_users", "sso", "advanced_reports", "urgencies",
                               "response_operations",
                               "manage_api_keys", "coordinated_responding"])
        return rng.choice(pools[top]) if rng.random() < .85 else pid()
    arr = lambda k, xs: "&".join(f"{k}%5B%5D={x}" for x in xs)  # noqa: E731
    Q = {"/incidents": lambda: rng.choice(["?" + arr("statuses", ["triggered", "acknowledged"]) + "&limit=100&offset=0",
                                           "?since=2026-11-13T00%3A00%3A00Z&until=2026-11-20T00%3A00%3A00Z&"
                                           + arr("service_ids", rng.sample(pools["services"], 2)),
                                           "?date_range=all&" + arr("team_ids", pools["teams"][:1])]),
         I + "/log_entries": lambda: "?is_overview=true&" + arr("include", ["channels"]),
         "/oncalls": lambda: "?" + arr("escalation_policy_ids", pools["escalation_policies"][:2]) + "&"
         + arr("include", ["users"]),
         "/users": lambda: rng.choice(["?limit=100&offset=" + str(rng.randrange(0, 5) * 100),
                                       "?query=" + rng.choice(WORDS)]),
         "/users/{id}": lambda: rng.choice(["", "?" + arr("include", ["contact_methods", "notification_rules"])])
         or "?",
         "/schedules/{id}": lambda: "?since=2026-11-20T00%3A00%3A00Z&until=2026-11-27T00%3A00%3A00Z&time_zone=UTC",
         "/services": lambda: "?" + arr("include", ["integrations"]) + "&limit=100",
         "/maintenance_windows": lambda: "?filter=ongoing"}
    return T, {"id": ident, "alert_id": lambda: qid() if rng.random() < .8 else pid(), "integration_id": pid}, Q, \
        "pagerduty", state


CLIENTS = {f.__name__: f for f in (vault, keycloak, cratesio, openlibrary, hackernews, wikipedia, wordpress, nuget,
                                   musicbrainz, grafana, docker, twitch, pagerduty)}


def _last(t):
    return [s for s in t.split("/") if s and "{" not in s][-1]


VAULT_REQ = "5c2f0c54-0d6e-5a41-9f7e-2f1c0b8e7a11"


def _vault_wrap(t, xs):
    return {"request_id": VAULT_REQ, "lease_id": "", "renewable": False, "lease_duration": 0,
            "data": {"keys": [f"k{x['id']}" for x in xs], "key_info": {f"k{x['id']}": x for x in xs}},
            "wrap_info": None, "warnings": None, "auth": None}


def _vault_one(t, x):
    if t in ("/v1/sys/health", "/v1/sys/seal-status", "/v1/sys/leader"):
        return x
    data = {"data": x, "metadata": {"version": 3, "destroyed": False}} if "/data/" in t else x
    return {"request_id": VAULT_REQ, "lease_id": "", "renewable": False, "lease_duration": 0,
            "data": data, "wrap_info": None, "warnings": None, "auth": None}


def _crates_wrap(t, xs):
    last = _last(t)
    key = {"owner_user": "users", "owner_team": "teams", "downloads": "version_downloads",
           "reverse_dependencies": "dependencies"}.get(last, last)
    body = {key: xs}
    if last in ("crates", "versions", "categories", "keywords", "reverse_dependencies"):
        body["meta"] = {"total": len(xs), "next_page": None}
    return body


def _crates_one(t, x):
    if t.endswith(("/download", "/readme")):
        return dict(x, url="https://static.crates.io/crates/x/x-1.0.0.crate")
    if t == "/api/v1/summary":
        return x
    key = {"{name}": "crate", "{version}": "version", "{category}": "category", "{keyword}": "keyword",
           "{user}": "user", "{team}": "team"}[t.rsplit("/", 1)[1]]
    return {key: x, "versions": [], "keywords": [], "categories": []} if key == "crate" else {key: x}


def _ol_wrap(t, xs):
    if t.startswith("/search"):
        return {"numFound": len(xs), "start": 0, "numFoundExact": True, "docs": xs, "q": "x", "offset": None}
    if t == "/recentchanges.json":
        return xs
    if "want-to-read" in t:
        return {"page": 1, "numFound": len(xs), "reading_log_entries": xs}
    return {"links": {"self": t, "next": None}, "size": len(xs), "entries": xs}


def _wiki_wrap(t, xs):
    if t.endswith("/links/language"):
        return xs
    if t.endswith("/history"):
        return {"latest": "https://en.wikipedia.org/w/rest.php/v1/page/x/history", "revisions": xs}
    return {"pages": xs}


def _mb_wrap(t, xs):
    ent = t.split("/")[3]
    if t.endswith("/all"):
        return {"genre-count": len(xs), "genre-offset": 0, "genres": xs}
    if ent == "release":
        return {"release-count": len(xs), "release-offset": 0, "releases": xs}
    return {"created": "2026-11-20T10:00:00.000Z", "count": len(xs), "offset": 0, ent + "s": xs}


SINGULAR = {"incidents": "incident", "services": "service", "users": "user", "schedules": "schedule", "teams": "team",
            "escalation_policies": "escalation_policy", "log_entries": "log_entry", "alerts": "alert",
            "integrations": "integration", "me": "user"}

WRAP = {"vault": _vault_wrap, "keycloak": lambda t, xs: xs, "cratesio": _crates_wrap, "openlibrary": _ol_wrap,
        "wikipedia": _wiki_wrap, "wordpress": lambda t, xs: xs,
        "nuget": lambda t, xs: {"@context": {"@vocab": "http://schema.nuget.org/schema#"}, "totalHits": len(xs),
                                "data": xs},
        "musicbrainz": _mb_wrap,
        "grafana": lambda t, xs: {"totalCount": len(xs), ("teams" if "teams" in t else "serviceAccounts"): xs,
                                  "page": 1, "perPage": 50} if t.endswith("/search") and t != "/api/search" else xs,
        "docker": lambda t, xs: {"Volumes": xs, "Warnings": None} if t.endswith("/volumes") else xs,
        "twitch": lambda t, xs: {"data": xs, "pagination": {"cursor": "eyJiIjpudWxsLCJhIjp7Ik9mZnNldCI6MjB9fQ"}}
        | ({"total": len(xs)} if t.endswith(("/followers", "/followed", "/subscriptions")) else {}),
        "pagerduty": lambda t, xs: {"abilities": [f"a{x['id']}" for x in xs]} if t == "/abilities" else
        {_last(t): xs, "limit": 25, "offset": 0, "total": None, "more": False}}
OWRAP = {"vault": _vault_one, "cratesio": _crates_one,
         "grafana": lambda t, x: {"dashboard": x, "meta": {"slug": "x", "folderUid": "", "canEdit": True}}
         if t.startswith("/api/dashboards/") and "/versions" not in t else x,
         "pagerduty": lambda t, x: {SINGULAR[_last(t)]: x}}
ERRORS = {"vault": {"errors": []},
          "keycloak": {"error": "HTTP 404 Not Found",
                       "error_description": "For more on this error consult the server log."},
          "cratesio": {"errors": [{"detail": "crate `x` does not exist"}]},
          "openlibrary": {"error": "notfound", "key": "/works/OL0W"},
          "wikipedia": {"type": "https://mediawiki.org/wiki/HyperSwitch/errors/not_found", "title": "Not found.",
                        "method": "get", "detail": "Page or revision not found.", "uri": "/en.wikipedia.org/v1/page/x"},
          "wordpress": {"code": "rest_post_invalid_id", "message": "Invalid post ID.", "data": {"status": 404}},
          "nuget": '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob '
                   'does not exist.\nRequestId:0b3c\nTime:2026-11-20T10:00:00.0000000Z</Message></Error>',
          "musicbrainz": {"error": "Not Found",
                          "help": "For usage, please see: https://musicbrainz.org/development/mmd"},
          "grafana": {"message": "Not found", "traceID": ""},
          "docker": {"message": "No such container: x"},
          "twitch": {"error": "Not Found", "status": 404, "message": ""},
          "pagerduty": {"error": {"message": "Not Found", "code": 2100}}}
ERROR_TYPE = {"nuget": "application/xml", "wikipedia": "application/problem+json"}
MB_XML_ERROR = ('<?xml version="1.0" encoding="UTF-8"?><error><text>Not Found</text><text>For usage, please see: '
                'https://musicbrainz.org/development/mmd</text></error>')
# Non-JSON answers by kind: (content type, body); the per-client ones first.
RAW = {("vault", "t"): ("application/pem-certificate-chain", "-----BEGIN CERTIFICATE-----\nMIIDNTCCAh2gAwIBAgIUJqrw"
                        "\n-----END CERTIFICATE-----\n"),
       ("docker", "t"): ("text/plain; charset=utf-8", "OK"),
       ("docker", "b"): ("application/vnd.docker.multiplexed-stream", "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u001b"
                         "2026-11-20T10:00:00Z listening on :8080\n"),
       ("docker", "r"): ("application/x-tar", "nginx.conf\u0000\u0000\u0000\u0000000644 \u0000ustar  \u0000root"),
       ("nuget", "b"): ("application/octet-stream", "PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000"),
       ("nuget", "x"): ("text/xml", '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.'
                        'microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>X</id><version>1.0.0</version>'
                        '</metadata></package>'),
       ("wikipedia", "h"): ('text/html; charset=utf-8; profile="https://www.mediawiki.org/wiki/Specs/HTML/2.8.0"',
                            '<!DOCTYPE html><html prefix="dc: http://purl.org/dc/terms/"><head><meta charset="utf-8"/>'
                            '</head><body><section data-mw-section-id="0"><p>x</p></section></body></html>'),
       ("wikipedia", "p"): ("application/pdf", "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj"),
       ("twitch", "c"): ("text/calendar", "BEGIN:VCALENDAR\r\nPRODID:-//twitch.tv//StreamSchedule//1.0\r\nVERSION:2.0"
                         "\r\nEND:VCALENDAR\r\n")}


def traffic(client, n, seed, out):
    """Write n exchanges; return {template: set of parameter-value tuples} for the templates requested."""

    def answer(rng, i, t, kind, name, path, query, status):
        ctype = "application/json"
        xml = name == "musicbrainz" and "fmt=json" not in (query or "")
        missing = name == "hackernews" and status == 404
        if missing:
            status = 200  # Firebase has no 404: a missing item or user is null
        if missing and "{id}" in t:
            body = None
        elif status == 200:
            item = clients.item(rng, i, t)
            if (name, kind) in RAW:
                ctype, body = RAW[name, kind]
            elif kind == "e":
                status, ctype, body = 204, None, ""
            elif xml:
                if "fmt=txt" in (query or ""):
                    ctype, body = "text/plain; charset=utf-8", "acoustic\nalternative rock\nambient\n"
                else:
                    ctype = "application/xml; charset=UTF-8"
                    e = t.split("/")[3]
                    body = ('<?xml version="1.0" encoding="UTF-8"?><metadata xmlns="http://musicbrainz.org/ns/'
                            f'mmd-2.0#"><{e} id="{i}"><name>x</name></{e}></metadata>')
            elif kind == "n":
                body = rng.randrange(40_000_000, 42_300_000) if name == "hackernews" else rng.randrange(0, 5000)
            elif kind == "a":
                body = [rng.randrange(42_000_000, 42_210_000) for _ in range(rng.randrange(5, 30))]
            else:
                body = clients.wrap(name, t, kind, item, OWRAP, WRAP)
        else:
            body = MB_XML_ERROR if xml else ERRORS[name]
            ctype = "application/xml; charset=UTF-8" if xml else ERROR_TYPE.get(name, ctype)
        return status, ctype, body

    return clients.write(CLIENTS, client, n, seed, out, answer)
