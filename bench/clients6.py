"""Twelve more clients of real public APIs, in the style and interface of bench/clients5.py.

Written from the public shapes of the Maven Central repository layout, the Debian archive as
apt fetches it, Mattermost's API v4, the Proxmox VE API, Strava's API v3, PeerTube's REST API,
Algolia's search REST API, Mailgun's API v3, QuickBooks Online's accounting API v3, Redmine's
REST API, WooCommerce's REST API v3 and Argo CD's API v1 (GET only), by a helper that knew
nothing of the learner's rules. Each has a few tenants, realms, nodes, domains, indices, teams
or projects seen often beside open sets of ids, Zipf over the endpoints and about one request
in ten a 404 (both from `clients.requests`; Proxmox answers those with 500 and QuickBooks with
400, as they do), the client's own error body (an HTML page for Maven Central and the Debian
archive, an empty body for Redmine and PeerTube's static files), a member of its own in each
endpoint's answer, collections wrapped the way the real API wraps them, and query strings where
the real client sends them.

Shapes covered: a three-level group path, then the artifact and version twice in one file name
(`{artifactId}-{version}.jar`, `-sources.jar`, `.pom.sha1`), versions with hyphens beside
artifact names with hyphens (Maven); `binary-{arch}`, `Translation-{lang}.xz`,
`icons-{size}.tar.gz`, `by-hash/SHA256/{hash}`, pool paths `{prefix}/{source}` with the
`lib` + letter prefix, `{package}_{version}_{arch}.deb` and `{source}_{version}.dsc` with
versions quoted as apt quotes them (`%2b`, `%7e`), suites and components over closed sets
(Debian); 26-char z-base-32 ids, `me` beside ids, `username/`, `email/` and `name/` lookups,
`teams/name/{team}/channels/name/{channel}`, posts keyed by id in a map (Mattermost);
`/api2/json` with every answer under `data`, nodes seen often, VM ids per node, UPIDs with raw
colons and `@`, volume ids `storage:content%2Fname`, API-token user ids with `%21`, literal
guest-agent commands (Proxmox); `athlete` beside `athletes/{id}`, `starred` and `explore`
beside segment ids, prefixed gear ids `b…`/`g…`, 19-digit route ids beside 8-digit ones,
streams keyed by type (Strava); videos by short UUID, UUID or number beside `categories`,
`licences`, `languages`, `privacies`, handles `name@host`, static file names (PeerTube);
`{indexName}/{objectID}` beside `{indexName}/settings` and `/browse`, replica index names, the
literal `*` of `dictionaries/*/settings`, an agent string in every query (Algolia); a domain
right under `/v3` beside `domains`, `lists`, `routes` and `ips`, addresses encoded `%40` under
suppressions and raw under lists, event page tokens as a segment, webhook names over a closed
set (Mailgun); a realm in every path and twice in `companyinfo/{realmId}`, lower-case entity
names, literal report names, tax codes `TAX`/`NON` beside numbers (QuickBooks); `.json` after
ids and names, `users/current.json`, `wiki/index.json` beside page titles, project
identifiers beside numbers, attachment downloads by id and file name (Redmine); literals beside
ids (`products/categories`, `data/currencies/current`, `reports/orders/totals`), settings groups
and setting ids, zone `0` (WooCommerce); application names, Git SHAs beside chart versions,
clusters and repositories by URL-encoded URL, `can-i/{resource}/{action}/{subresource}` over
closed sets (Argo CD).
Non-JSON answers: Maven's POMs, metadata XML, checksums, signatures and jars; Debian's
InRelease, Release, xz and gzip indices, packages and `.dsc`; Mattermost's images and files;
Strava's GPX and TCX; PeerTube's images, HLS playlists and fragments (206); QuickBooks' PDFs and
download URLs; Redmine's attachments; Argo CD's newline-delimited logs and event streams.

Left out as not learnable at a fixed depth: Maven groups of other depths (only three-level
groups are requested), Argo CD's `can-i` subresources `project/app` with a raw slash, PeerTube
live playlists.

Session 33, sixth batch: written after the rules of batches 1 to 5 and after session 33's
first rule (a file name made of the values before it: NuGet's `{id}.{version}.nupkg`), held out
from it, and run on both builds at 600 and 2,000 requests in three views: 32 of 72 runs at 0.95
or more on session 32's build (/tmp/md-s32h), 36 with that rule (Maven 0 → 4 of 6). The prompt
that asked for the batch named Maven's and Debian's layouts among the APIs to choose from, so
those two are not blind to that rule's kind of path; the rule was written and measured before
the batch existed.

`traffic(client, n, seed, path)` writes `n` exchanges as JSON Lines and returns the templates
requested, each with the tuples of values its parameters took.
"""
import base64
import json
import os
import re
import sys
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
from clients2 import B62, WORDS, _s, _uuid  # noqa: E402
from clients3 import _hex, _last, _repeat  # noqa: E402
from clients4 import JPEG, _hot  # noqa: E402
from clients5 import _email  # noqa: E402

PNG = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0000@\u0000\u0000\u0000@\u0008\u0006"
PDF = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
HTML404 = ("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n"
           "</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n")
B58 = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"  # flickrBase58, as short-uuid
ZB32 = "ybndrfg8ejkmcpqxot1uwisza345h769"


def _member(t):
    """The member `clients.item` names after template `t`."""
    return re.sub(r"\W", "_", t).strip("_")


def _weighted(rng, xs):
    """One of `xs`, the first most often (weights 1, 1/2, 1/3, ...)."""
    return rng.choices(xs, [1 / (i + 1) for i in range(len(xs))])[0]


# -- Maven Central -------------------------------------------------------------------------------

MAVEN = [(("com", "google", "guava"), "guava", ["33.3.1-jre", "33.2.1-jre", "32.1.3-jre", "33.3.1-android",
                                                "31.1-jre"]),
         (("org", "apache", "commons"), "commons-lang3", ["3.17.0", "3.14.0", "3.12.0"]),
         (("org", "springframework", "boot"), "spring-boot-starter-web", ["3.3.5", "3.2.11", "2.7.18"]),
         (("com", "squareup", "okhttp3"), "okhttp", ["4.12.0", "5.0.0-alpha.14", "3.14.9"]),
         (("org", "jetbrains", "kotlin"), "kotlin-stdlib", ["2.0.21", "1.9.25", "1.8.22"]),
         (("org", "springframework", "boot"), "spring-boot-autoconfigure", ["3.3.5", "3.2.11"]),
         (("org", "junit", "jupiter"), "junit-jupiter-api", ["5.11.3", "5.10.5"]),
         (("com", "google", "guava"), "failureaccess", ["1.0.2", "1.0.1"]),
         (("org", "jetbrains", "kotlinx"), "kotlinx-coroutines-core-jvm", ["1.9.0", "1.8.1"]),
         (("org", "apache", "commons"), "commons-text", ["1.12.0", "1.10.0"]),
         (("com", "squareup", "okhttp3"), "logging-interceptor", ["4.12.0"]),
         (("org", "apache", "kafka"), "kafka-clients", ["3.8.1", "3.7.1"]),
         (("org", "apache", "httpcomponents"), "httpclient", ["4.5.14"]),
         (("org", "apache", "httpcomponents"), "httpcore", ["4.4.16"]),
         (("com", "squareup", "retrofit2"), "retrofit", ["2.11.0", "2.9.0"]),
         (("org", "springframework", "boot"), "spring-boot-dependencies", ["3.3.5", "3.2.11"]),
         (("org", "junit", "jupiter"), "junit-jupiter-engine", ["5.11.3", "5.10.5"]),
         (("org", "junit", "platform"), "junit-platform-commons", ["1.11.3", "1.10.5"]),
         (("com", "google", "protobuf"), "protobuf-java", ["4.28.3", "3.25.5"]),
         (("org", "xerial", "snappy"), "snappy-java", ["1.1.10.7", "1.1.10.5"]),
         (("io", "projectreactor", "netty"), "reactor-netty-http", ["1.1.23", "1.2.0"]),
         (("org", "apache", "commons"), "commons-collections4", ["4.4", "4.5.0-M2"]),
         (("org", "jetbrains", "kotlin"), "kotlin-reflect", ["2.0.21", "1.9.25"])]


def maven(rng):
    G = "/maven2/{group1}/{group2}/{group3}/{artifactId}"
    F = G + "/{version}/{artifactId}-{version}"
    T = [(G + "/maven-metadata.xml", "meta"), (G + "/maven-metadata.xml.sha1", "sha1"), (F + ".pom", "pom"),
         (F + ".pom.sha1", "sha1"), (F + ".pom.asc", "asc"), (F + ".jar", "jar"), (F + ".jar.sha1", "sha1"),
         (F + ".jar.asc", "asc"), (F + ".module", "module"), (F + ".module.sha1", "sha1"), (F + "-sources.jar", "jar"),
         (F + "-javadoc.jar", "jar")]
    state = {}

    def group1():
        state["c"] = _weighted(rng, MAVEN)
        state["v"] = _weighted(rng, state["c"][2])
        return state["c"][0][0]
    V = {"group1": group1, "group2": lambda: state["c"][0][1], "group3": lambda: state["c"][0][2],
         "artifactId": lambda: state["c"][1], "version": lambda: state["v"]}
    return T, V, {}, "maven", state


def _maven_answer(rng, i, t, kind, path, query, item):
    name = path.rsplit("/", 1)[1]
    if kind == "meta":
        return "text/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>x</groupId>\n"
                            "  <versioning>\n    <latest>1.0</latest>\n    <release>1.0</release>\n    <versions>\n"
                            "      <version>1.0</version>\n    </versions>\n    <lastUpdated>20261120100000"
                            "</lastUpdated>\n  </versioning>\n</metadata>\n")
    if kind == "pom":
        return "text/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/"
                            "POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>" + name[:-4]
                            + "</artifactId>\n  <packaging>jar</packaging>\n</project>\n")
    if kind == "sha1":
        return "text/plain", _hex(rng, 40)
    if kind == "asc":
        return "text/plain", ("-----BEGIN PGP SIGNATURE-----\n\niQIzBAABCAAdFiEE" + _s(rng, B62, 40)
                              + "\n=" + _s(rng, B62, 4) + "\n-----END PGP SIGNATURE-----\n")
    if kind == "jar":
        return "application/java-archive", "PK\u0003\u0004\u0014\u0000\u0008\u0008\u0008\u0000META-INF/MANIFEST.MF"
    return "application/json", {"formatVersion": "1.1", "component": item, "variants": [{"name": "apiElements"}]}


# -- The Debian archive, as apt fetches it ---------------------------------------------------------

# (component, source, source version, [(package, arch or "any", version if not the source's)])
DEBIAN = [("main", "openssl", "3.0.15-1~deb12u1", [("libssl3", "any"), ("openssl", "any"), ("libssl-dev", "any")]),
          ("main", "curl", "7.88.1-10+deb12u8", [("curl", "any"), ("libcurl4", "any"), ("libcurl3-gnutls", "any")]),
          ("main", "glibc", "2.36-9+deb12u9", [("libc6", "any"), ("libc-bin", "any"), ("locales", "all"),
                                               ("libc-l10n", "all")]),
          ("main", "systemd", "252.31-1~deb12u1", [("systemd", "any"), ("libsystemd0", "any"), ("udev", "any"),
                                                   ("systemd-timesyncd", "any")]),
          ("main", "linux-signed-amd64", "6.1.115+1", [("linux-image-6.1.0-27-amd64", "amd64", "6.1.115-1")]),
          ("main", "linux", "6.1.115-1", [("linux-headers-6.1.0-27-common", "all"), ("linux-kbuild-6.1", "any")]),
          ("main", "libxml2", "2.9.14+dfsg-1.3~deb12u1", [("libxml2", "any")]),
          ("main", "python3.11", "3.11.2-6+deb12u4", [("python3.11", "any"), ("python3.11-minimal", "any"),
                                                      ("libpython3.11-stdlib", "any")]),
          ("main", "tzdata", "2024b-0+deb12u1", [("tzdata", "all")]),
          ("main", "postgresql-15", "15.8-0+deb12u1", [("postgresql-15", "any"), ("postgresql-client-15", "any"),
                                                       ("libpq5", "any")]),
          ("main", "git", "2.39.5-0+deb12u1", [("git", "any"), ("git-man", "all")]),
          ("main", "openssh", "9.2p1-2+deb12u3", [("openssh-client", "any"), ("openssh-server", "any"),
                                                  ("openssh-sftp-server", "any")]),
          ("main", "nginx", "1.22.1-9", [("nginx", "any"), ("nginx-common", "all")]),
          ("main", "vim", "9.0.1378-2", [("vim", "any"), ("vim-common", "all"), ("vim-runtime", "all"),
                                         ("xxd", "any")]),
          ("main", "libzstd", "1.5.4+dfsg2-5", [("libzstd1", "any"), ("zstd", "any")]),
          ("main", "ca-certificates", "20230311", [("ca-certificates", "all")]),
          ("main", "apt", "2.6.1", [("apt", "any"), ("libapt-pkg6.0", "any")]),
          ("main", "unattended-upgrades", "2.9.1+nmu3", [("unattended-upgrades", "all")]),
          ("non-free-firmware", "firmware-nonfree", "20230210-5", [("firmware-misc-nonfree", "all"),
                                                                   ("firmware-realtek", "all")]),
          ("non-free-firmware", "intel-microcode", "3.20240910.1~deb12u1", [("intel-microcode", "amd64")]),
          ("contrib", "zfs-linux", "2.1.11-1+deb12u1", [("zfs-dkms", "all"), ("zfsutils-linux", "any")]),
          ("non-free", "unrar-nonfree", "6.2.6-1+deb12u1", [("unrar", "any")])]
DEBIAN_SECURITY = ["openssl", "curl", "glibc", "linux-signed-amd64", "linux", "libxml2", "python3.11",
                   "postgresql-15", "git", "openssh"]


def _apt_quote(v):
    """apt's QuoteString(path, "+~ "): those characters as lower-case %xx."""
    return v.replace("+", "%2b").replace("~", "%7e")


def debian(rng):
    D = "/debian/dists/{suite}"
    C = D + "/{component}"
    P = "/debian/pool/{component}/{prefix}/{source}"
    S = "/debian-security/dists/{suite}"
    T = [(D + "/InRelease", "release"), (D + "/Release", "release"), (D + "/Release.gpg", "gpg"),
         (C + "/binary-{arch}/Packages.xz", "xz"), (C + "/binary-{arch}/by-hash/SHA256/{hash}", "hash"),
         (C + "/i18n/Translation-{lang}.xz", "xz"), (C + "/i18n/by-hash/SHA256/{hash}", "hash"),
         (C + "/dep11/Components-{arch}.yml.gz", "gz"), (C + "/dep11/icons-{size}.tar.gz", "gz"),
         (C + "/Contents-{arch}.gz", "gz"), (C + "/source/Sources.xz", "xz"),
         (P + "/{package}_{version}_{arch}.deb", "deb"), (P + "/{source}_{version}.dsc", "dsc"),
         (P + "/{source}_{version}.debian.tar.xz", "xz"), (S + "/InRelease", "release"),
         (S + "/{component}/binary-{arch}/by-hash/SHA256/{hash}", "hash"),
         ("/debian-security/pool/updates/{component}/{prefix}/{source}/{package}_{version}_{arch}.deb", "deb")]
    machines = rng.choices(["amd64", "arm64"], [5, 1])[0]
    state = {}

    def component():
        t = state["tpl"]
        if "/pool/" in t:
            pool = [d for d in DEBIAN if d[1] in DEBIAN_SECURITY] if "security" in t else DEBIAN
            if t.endswith(".debian.tar.xz"):
                pool = [d for d in pool if "-" in d[2]]
            state["pkg"] = _weighted(rng, pool)
            comp, src, ver, bins = state["pkg"]
            b = rng.choice(bins)
            state["bin"] = b[0]
            state["ver"] = _apt_quote(b[2] if len(b) > 2 else ver) if t.endswith(".deb") else _apt_quote(ver)
            state["arch"] = b[1] if b[1] != "any" else (machines if rng.random() < .8 else rng.choice(["amd64",
                                                                                                     "arm64"]))
            return comp
        if "security" in t:
            return "main" if rng.random() < .9 else "non-free-firmware"
        return rng.choices(["main", "contrib", "non-free-firmware", "non-free"], [10, 2, 3, 1])[0]

    def arch():
        t = state["tpl"]
        if "/pool/" in t:
            return state["arch"]
        if "binary-" in t or "Contents-" in t:
            return rng.choices([machines, "all", "amd64", "arm64", "i386"], [6, 3, 1, 1, 1])[0]
        return rng.choices([machines, "amd64", "arm64"], [6, 1, 1])[0]

    def suite():
        if "security" in state["tpl"]:
            return rng.choices(["bookworm-security", "trixie-security"], [8, 1])[0]
        return rng.choices(["bookworm", "bookworm-updates", "bookworm-backports", "trixie", "sid"], [8, 4, 2, 1, 1])[0]

    def prefix():
        src = state["pkg"][1]
        return src[:4] if src.startswith("lib") else src[0]
    V = {"suite": suite, "component": component, "arch": arch, "hash": lambda: _hex(rng, 64),
         "lang": lambda: rng.choices(["en", "de", "fr", "es", "pt_BR", "ja", "zh_CN"], [10, 2, 2, 1, 1, 1, 1])[0],
         "size": lambda: rng.choice(["48x48", "64x64", "128x128", "64x64@2"]), "prefix": prefix,
         "source": lambda: state["pkg"][1], "package": lambda: state["bin"], "version": lambda: state["ver"]}
    return T, V, {}, "debian", state


def _debian_answer(rng, i, t, kind, path, query, item):
    if kind == "release":
        head = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" if path.endswith("InRelease") else ""
        return "text/plain", (head + "Origin: Debian\nLabel: Debian\nSuite: stable\nCodename: bookworm\n"
                              "Date: Sat, 09 Nov 2026 10:44:10 UTC\nAcquire-By-Hash: yes\nArchitectures: all amd64 "
                              "arm64 i386\nComponents: main contrib non-free-firmware non-free\nSHA256:\n "
                              + _hex(rng, 64) + "  1484722 main/binary-amd64/Packages.xz\n")
    if kind == "gpg":
        return "application/pgp-signature", "-----BEGIN PGP SIGNATURE-----\n\niQIzBAABCgAdFiEEpyNohvPMyq0Uiif4DphAT" \
                                            "\n-----END PGP SIGNATURE-----\n"
    if kind == "xz":
        return "application/x-xz", "\u00fd7zXZ\u0000\u0000\u0004\u00e6\u00d6\u00b4F\u0002\u0000!\u0001"
    if kind == "gz":
        return "application/gzip", "\u001f\u008b\u0008\u0000\u0000\u0000\u0000\u0000\u0002\u0003"
    if kind == "hash":
        return "application/octet-stream", "\u00fd7zXZ\u0000\u0000\u0004\u00e6\u00d6\u00b4F\u0002\u0000!\u0001"
    if kind == "deb":
        return "application/vnd.debian.binary-package", ("!<arch>\ndebian-binary   1731150000  0     0     100644  "
                                                         "4         `\n2.0\ncontrol.tar.xz  ")
    return "text/prs.lines.tag", ("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nFormat: 3.0 (quilt)\nSource: x\n"
                                  "Binary: x\nArchitecture: any all\nVersion: 1.0-1\n")


# -- Mattermost API v4 ----------------------------------------------------------------------------

def mattermost(rng):
    A = "/api/v4"
    U = A + "/users/{user_id}"
    T = [(A + "/users", "p"), (U, "o"), (U + "/image", "png"), (U + "/teams", "p"), (U + "/teams/members", "p"),
         (U + "/teams/unread", "p"), (U + "/teams/{team_id}/channels", "p"),
         (U + "/teams/{team_id}/channels/members", "p"), (U + "/teams/{team_id}/threads", "threads"),
         (U + "/channels/{channel_id}/unread", "o"), (U + "/status", "o"), (U + "/preferences", "p"),
         (A + "/users/username/{username}", "o"), (A + "/users/email/{email}", "o"),
         (A + "/users/autocomplete", "auto"), (A + "/users/stats", "o"), (A + "/teams", "p"), (A + "/teams/{team_id}", "o"),
         (A + "/teams/name/{name}", "o"), (A + "/teams/{team_id}/members", "p"), (A + "/teams/{team_id}/stats", "o"),
         (A + "/teams/{team_id}/channels", "p"), (A + "/teams/{team_id}/channels/name/{channel_name}", "o"),
         (A + "/teams/name/{team_name}/channels/name/{channel_name}", "o"), (A + "/channels/{channel_id}", "o"),
         (A + "/channels/{channel_id}/posts", "posts"), (A + "/channels/{channel_id}/members", "p"),
         (A + "/channels/{channel_id}/members/{user_id}", "o"), (A + "/channels/{channel_id}/stats", "o"),
         (A + "/channels/{channel_id}/pinned", "posts"), (A + "/posts/{post_id}", "o"),
         (A + "/posts/{post_id}/thread", "posts"), (A + "/posts/{post_id}/reactions", "p"),
         (A + "/files/{file_id}", "file"), (A + "/files/{file_id}/thumbnail", "jpg"),
         (A + "/files/{file_id}/preview", "jpg"), (A + "/files/{file_id}/info", "o"), (A + "/emoji", "p"),
         (A + "/emoji/{emoji_id}", "o"), (A + "/emoji/{emoji_id}/image", "png"), (A + "/emoji/name/{emoji_name}", "o"),
         (A + "/system/ping", "o"), (A + "/config/client", "o"), (A + "/license/client", "o"),
         (A + "/plugins/webapp", "p")]
    mid = lambda: _s(rng, ZB32, 26)  # noqa: E731
    people = [mid() for _ in range(12)]
    teams = [(mid(), n) for n in ["acme", "acme-eng"]]
    channels = [mid() for _ in range(16)]
    emoji = [(mid(), n) for n in ["partyparrot", "shipit", "thisisfine", "lgtm", "blobheart", "catjam",
                                  "facepalm_picard", "sadparrot"]]
    names = ["jdoe", "asmith", "wei.zhang", "priya_patel", "mkowalski", "olga.ivanova", "carlos", "surveybot",
             "playbooks", "calls"]
    chnames = ["town-square", "off-topic", "eng-backend", "eng-frontend", "incidents", "announcements", "random",
               "releases", "incident-2026-11-20-db-failover", "ops-alerts"]
    state = {}

    def user():
        r = rng.random()
        return "me" if r < .55 else rng.choice(people) if r < .9 else mid()

    def team():
        state["team"] = rng.choices(teams, [9, 2])[0]
        return state["team"][0]
    V = {"user_id": user, "team_id": team, "name": lambda: rng.choices(teams, [9, 2])[0][1],
         "team_name": lambda: rng.choices(teams, [9, 2])[0][1],
         "channel_id": lambda: _hot(rng, channels, .75, mid), "channel_name": lambda: _weighted(rng, chnames),
         "username": lambda: rng.choice(names), "email": lambda: _email(rng), "post_id": mid,
         "file_id": mid, "emoji_id": lambda: rng.choice(emoji)[0], "emoji_name": lambda: rng.choice(emoji)[1]}
    ms = lambda: str(rng.randrange(1_763_000_000_000, 1_763_650_000_000))  # noqa: E731
    crt = "skipFetchThreads=false&collapsedThreads=true&collapsedThreadsExtended=false"
    Q = {A + "/users": lambda: rng.choice(["?page=0&per_page=100&in_team=" + teams[0][0],
                                           "?in_channel=" + rng.choice(channels) + "&page=0&per_page=100&sort=status",
                                           "?not_in_channel=" + rng.choice(channels) + "&in_team=" + teams[0][0]
                                           + "&page=0&per_page=50"]),
         U + "/image": lambda: "?_=" + ms(),
         A + "/channels/{channel_id}/posts": lambda: rng.choice(["?page=0&per_page=30&" + crt,
                                                                 "?since=" + ms() + "&" + crt,
                                                                 "?before=" + mid() + "&page=0&per_page=30&" + crt]),
         A + "/posts/{post_id}/thread": lambda: "?" + crt + "&direction=down&perPage=60",
         A + "/users/autocomplete": lambda: "?in_team=" + teams[0][0] + "&in_channel=" + rng.choice(channels)
         + "&name=" + rng.choice(names)[:rng.randrange(1, 5)] + "&limit=25",
         A + "/config/client": lambda: "?format=old", A + "/license/client": lambda: "?format=old",
         U + "/teams/{team_id}/threads": lambda: "?since=" + ms() + "&deleted=true&unread=false&extended=false",
         A + "/teams/{team_id}/channels": lambda: "?page=0&per_page=200",
         A + "/emoji": lambda: "?page=0&per_page=200&sort=name",
         U + "/teams/{team_id}/channels": lambda: rng.choice(["", "?include_deleted=true&last_delete_at=0"]) or "?"}
    return T, V, Q, "mattermost", state


def _mattermost_answer(rng, i, t, kind, path, query, item):
    if kind == "posts":
        ids = [_s(rng, ZB32, 26) for _ in range(2)]
        return "application/json", {"order": ids, "posts": {k: dict(item, id=k) for k in ids}, "next_post_id": "",
                                    "prev_post_id": "", "has_next": False, "first_inaccessible_post_time": 0}
    if kind == "threads":
        return "application/json", {"total": 2, "total_unread_threads": 1, "total_unread_mentions": 0,
                                    "total_unread_urgent_mentions": 0, "threads": [item, dict(item)]}
    if kind == "auto":
        return "application/json", {"users": [item, dict(item)], "out_of_channel": [dict(item)]}
    if kind == "png":
        return "image/png", PNG
    if kind == "jpg":
        return "image/jpeg", JPEG
    if kind == "file":
        return rng.choice([("image/png", PNG), ("application/pdf", PDF), ("text/plain; charset=utf-8",
                                                                          "2026-11-20 10:00:00 ERROR db timeout\n")])
    return "application/json", [item, dict(item)] if kind == "p" else item


# -- Proxmox VE -----------------------------------------------------------------------------------

def proxmox(rng):
    A = "/api2/json"
    N = A + "/nodes/{node}"
    Qm = N + "/qemu/{vmid}"
    Lx = N + "/lxc/{vmid}"
    T = [(A + "/version", "o"), (A + "/cluster/status", "l"), (A + "/cluster/resources", "l"), (A + "/cluster/tasks", "l"),
         (A + "/cluster/nextid", "s"), (A + "/cluster/ha/resources", "l"), (A + "/cluster/backup", "l"),
         (A + "/cluster/backup/{id}", "o"), (A + "/nodes", "l"), (N + "/status", "o"), (N + "/qemu", "l"),
         (Qm + "/status/current", "o"), (Qm + "/config", "o"), (Qm + "/pending", "l"), (Qm + "/rrddata", "l"),
         (Qm + "/snapshot", "l"), (Qm + "/agent/network-get-interfaces", "o"), (Qm + "/agent/get-osinfo", "o"),
         (N + "/lxc", "l"), (Lx + "/status/current", "o"), (Lx + "/config", "o"), (Lx + "/interfaces", "l"),
         (N + "/storage", "l"), (N + "/storage/{storage}/status", "o"), (N + "/storage/{storage}/content", "l"),
         (N + "/storage/{storage}/content/{volume}", "o"), (N + "/tasks", "l"), (N + "/tasks/{upid}/status", "o"),
         (N + "/tasks/{upid}/log", "log"), (N + "/network", "l"), (N + "/network/{iface}", "o"),
         (N + "/disks/list", "l"), (N + "/services/{service}/state", "o"), (N + "/rrddata", "l"),
         (N + "/syslog", "log"), (A + "/pools", "l"), (A + "/pools/{poolid}", "o"), (A + "/storage", "l"),
         (A + "/access/users", "l"), (A + "/access/users/{userid}", "o"), (A + "/access/permissions", "o")]
    nodes = rng.choice([["pve1", "pve2", "pve3"], ["pve-01", "pve-02", "pve-03", "pve-04"], ["hv-a", "hv-b"]])
    vms = {n: sorted(rng.sample(range(100, 160), 8)) for n in nodes}
    cts = {n: sorted(rng.sample(range(200, 240), 5)) for n in nodes}
    isos = ["debian-12.8.0-amd64-netinst.iso", "ubuntu-24.04.1-live-server-amd64.iso", "virtio-win-0.1.262.iso",
            "talos-v1.8.3-amd64.iso"]
    tmpls = ["debian-12-standard_12.7-1_amd64.tar.zst", "alpine-3.20-default_20240908_amd64.tar.xz",
             "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"]
    backups = ["backup-" + _hex(rng, 8) + "-" + _hex(rng, 4) for _ in range(3)]
    users = ["root@pam", "jdoe@pve", "asmith@ldap-acme", "terraform@pve%21tf", "monitoring@pve%21exporter",
             "ansible@pve"]
    state = {}

    def node():
        state["node"] = rng.choices(nodes, [5, 3, 2, 1][:len(nodes)])[0]
        return state["node"]

    def vmid():
        pool = cts if "/lxc/" in state["tpl"] else vms
        state["vmid"] = rng.choice(pool[state["node"]])
        return str(state["vmid"])

    def storage():
        state["storage"] = rng.choices(["local", "local-lvm", "ceph-vm", "nfs-iso", "pbs-backup"], [5, 4, 3, 2, 2])[0]
        return state["storage"]

    def volume():
        s, v = state["storage"], rng.choice(vms[state["node"]])
        if s in ("local", "nfs-iso"):
            name = rng.choices(["iso/" + rng.choice(isos), "vztmpl/" + rng.choice(tmpls),
                                "backup/vzdump-qemu-%d-2026_11_%02d-01_00_%02d.vma.zst" % (v, rng.randrange(1, 21),
                                                                                       rng.randrange(60))],
                               [5, 2, 2] if s == "local" else [8, 1, 0])[0]
        elif s == "pbs-backup":
            name = "backup/vm/%d/2026-11-%02dT01:00:%02dZ" % (v, rng.randrange(1, 21), rng.randrange(60))
        else:
            name = "vm-%d-disk-%d" % (v, rng.choice([0, 0, 1]))
            return s + ":" + name
        return s + ":" + quote(name, safe=":")

    def upid():
        kind, ident = rng.choice([("qmstart", rng.choice(vms[state["node"]])), ("vzdump", ""), ("qmigrate", 101),
                                  ("vncproxy", rng.choice(vms[state["node"]])), ("aptupdate", ""),
                                  ("qmsnapshot", rng.choice(vms[state["node"]])), ("vzstart", rng.choice(
                                      cts[state["node"]]))])
        return "UPID:%s:%08X:%08X:%08X:%s:%s:%s:" % (state["node"], rng.randrange(1, 4_000_000), rng.randrange(2 ** 28),
                                                     rng.randrange(1_763_000_000, 1_763_650_000), kind, ident,
                                                     rng.choice(users[:5]))
    V = {"node": node, "vmid": vmid, "storage": storage, "volume": volume, "upid": upid,
         "id": lambda: rng.choice(backups),
         "iface": lambda: rng.choice(["vmbr0", "vmbr1", "eno1", "eno2", "bond0", "vmbr0.20", "enp65s0f0"]),
         "service": lambda: rng.choice(["pveproxy", "pvedaemon", "pvestatd", "pve-cluster", "corosync", "chrony",
                                        "sshd", "pve-firewall", "spiceproxy", "postfix"]),
         "poolid": lambda: rng.choice(["prod", "dev", "lab", "k8s"]), "userid": lambda: rng.choice(users)}
    tf = lambda: "?timeframe=" + rng.choice(["hour", "day", "week"]) + "&cf=AVERAGE"  # noqa: E731
    Q = {A + "/cluster/resources": lambda: rng.choice(["", "?type=vm", "?type=storage", "?type=node"]) or "?",
         Qm + "/rrddata": tf, N + "/rrddata": tf, N + "/qemu": lambda: rng.choice(["", "?full=1"]) or "?",
         N + "/tasks": lambda: rng.choice(["?start=0&limit=50", "?vmid=" + str(rng.choice(sum(vms.values(), [])))
                                           + "&start=0&limit=50", "?errors=1&limit=50"]),
         N + "/tasks/{upid}/log": lambda: "?start=0&limit=" + rng.choice(["50", "500", "50000"]),
         N + "/storage/{storage}/content": lambda: "?content=" + rng.choice(["iso", "backup", "images", "vztmpl"]),
         N + "/syslog": lambda: "?start=0&limit=500", N + "/storage": lambda: rng.choice(["", "?content=images",
                                                                                          "?enabled=1"]) or "?",
         A + "/access/permissions": lambda: "?path=" + quote(rng.choice(["/", "/vms/101", "/storage/local",
                                                                         "/pool/prod"]), safe="")}
    return T, V, Q, "proxmox", state


def _proxmox_answer(rng, i, t, kind, path, query, item):
    if kind == "s":
        return "application/json;charset=UTF-8", {"data": str(rng.randrange(160, 400))}
    if kind == "log":
        return "application/json;charset=UTF-8", {"data": [{"n": 1, "t": "starting task"}, {"n": 2, "t": "TASK OK"}],
                                                  "total": 2, _member(t): True}
    return "application/json;charset=UTF-8", {"data": [item, dict(item)] if kind == "l" else item}


# -- Strava API v3 --------------------------------------------------------------------------------

def strava(rng):
    A = "/api/v3"
    T = [(A + "/athlete", "o"), (A + "/athlete/activities", "p"), (A + "/athlete/clubs", "p"),
         (A + "/athlete/zones", "o"), (A + "/athletes/{id}/stats", "o"), (A + "/athletes/{id}/routes", "p"),
         (A + "/activities/{id}", "o"), (A + "/activities/{id}/streams", "streams"), (A + "/activities/{id}/laps", "p"),
         (A + "/activities/{id}/zones", "p"), (A + "/activities/{id}/comments", "p"), (A + "/activities/{id}/kudos", "p"),
         (A + "/segments/{id}", "o"), (A + "/segments/starred", "p"), (A + "/segments/explore", "explore"),
         (A + "/segments/{id}/streams", "streams"), (A + "/segment_efforts", "p"), (A + "/segment_efforts/{id}", "o"),
         (A + "/segment_efforts/{id}/streams", "streams"), (A + "/routes/{id}", "o"),
         (A + "/routes/{id}/export_gpx", "gpx"), (A + "/routes/{id}/export_tcx", "tcx"),
         (A + "/routes/{id}/streams", "streams"), (A + "/clubs/{id}", "o"), (A + "/clubs/{id}/activities", "p"),
         (A + "/clubs/{id}/members", "p"), (A + "/clubs/{id}/admins", "p"), (A + "/gear/{id}", "o"),
         (A + "/uploads/{uploadId}", "o")]
    athletes = [str(rng.randrange(10_000, 160_000_000)) for _ in range(25)]
    recent = [str(rng.randrange(12_100_000_000, 12_990_000_000)) for _ in range(30)]
    segments = [str(rng.randrange(600_000, 38_000_000)) for _ in range(20)]
    clubs = [str(rng.choice([231407, 1028574, 595, 471584, 15071, rng.randrange(1000, 1_400_000)])) for _ in range(5)]
    gear = [rng.choice("bg") + str(rng.randrange(1_000_000, 15_000_000)) for _ in range(10)]
    routes = [str(rng.randrange(3_100_000_000_000_000_000, 3_300_000_000_000_000_000)) for _ in range(8)] + [
        str(rng.randrange(20_000_000, 31_000_000)) for _ in range(4)]
    state = {}

    def ident():
        t = state["tpl"]
        if "/athletes/" in t:
            return _weighted(rng, athletes)
        if "/activities/" in t:
            return _hot(rng, recent, .5, lambda: str(rng.randrange(1_000_000_000, 12_990_000_000)))
        if "/segments/" in t:
            return _hot(rng, segments, .6, lambda: str(rng.randrange(600_000, 38_000_000)))
        if "/segment_efforts/" in t:
            return str(rng.randrange(3_100_000_000_000_000_000, 3_300_000_000_000_000_000))
        if "/routes/" in t:
            return rng.choice(routes)
        if "/clubs/" in t:
            return rng.choice(clubs)
        return rng.choice(gear)
    V = {"id": ident, "uploadId": lambda: str(rng.randrange(13_000_000_000, 14_000_000_000))}
    page = lambda: "?page=" + str(rng.randrange(1, 4)) + "&per_page=" + rng.choice(["30", "50", "200"])  # noqa: E731
    keys = lambda: "?keys=" + rng.choice(["time,distance,latlng,altitude,heartrate,cadence,watts,velocity_smooth",  # noqa
                                          "latlng,altitude", "distance,altitude,latlng"]) + "&key_by_type=true"
    Q = {A + "/athlete/activities": lambda: rng.choice([page(), "?after=" + str(rng.randrange(1_760_000_000,
                                                                                                1_763_650_000))
                                                        + "&per_page=200"]),
         A + "/activities/{id}": lambda: rng.choice(["", "?include_all_efforts=true"]) or "?",
         A + "/activities/{id}/streams": keys, A + "/segments/{id}/streams": keys,
         A + "/segment_efforts/{id}/streams": keys, A + "/routes/{id}/streams": keys,
         A + "/segments/explore": lambda: "?bounds=%.4f,%.4f,%.4f,%.4f&activity_type=%s" % (
             37.7 + rng.random() / 10, -122.5 + rng.random() / 10, 37.8 + rng.random() / 10, -122.4 + rng.random() / 10,
             rng.choice(["riding", "running"])),
         A + "/segment_efforts": lambda: "?segment_id=" + rng.choice(segments) + "&start_date_local=2026-01-01T00%3A00"
         "%3A00Z&end_date_local=2026-11-20T23%3A59%3A59Z&per_page=200",
         A + "/clubs/{id}/activities": page, A + "/clubs/{id}/members": page, A + "/activities/{id}/comments": page,
         A + "/activities/{id}/kudos": page, A + "/segments/starred": page, A + "/athletes/{id}/routes": page}
    return T, V, Q, "strava", state


def _strava_answer(rng, i, t, kind, path, query, item):
    if kind == "streams":
        types = query.split("keys=")[1].split("&")[0].split(",") if query and "keys=" in query else ["distance"]
        return "application/json; charset=utf-8", {k: {"data": [0, 1], "series_type": "distance", "original_size": 2,
                                                       "resolution": "high", _member(t): True} for k in types}
    if kind == "explore":
        return "application/json; charset=utf-8", {"segments": [item, dict(item)]}
    if kind == "gpx":
        return "application/gpx+xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx creator=\"StravaGPX\" "
                                       "version=\"1.1\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n <metadata>"
                                       "<name>Morning loop</name></metadata>\n <trk><trkseg><trkpt lat=\"37.77\" "
                                       "lon=\"-122.43\"><ele>12.0</ele></trkpt></trkseg></trk>\n</gpx>\n")
    if kind == "tcx":
        return "application/vnd.garmin.tcx+xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrainingCenterDatabase"
                                                  " xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
                                                  "\">\n <Courses><Course><Name>Morning loop</Name></Course></Courses>"
                                                  "\n</TrainingCenterDatabase>\n")
    return "application/json; charset=utf-8", [item, dict(item)] if kind == "p" else item


# -- PeerTube -------------------------------------------------------------------------------------

PT_MAPS = {"categories": {str(k): v for k, v in enumerate(["Music", "Films", "Vehicles", "Art", "Sports", "Travels",
                                                           "Gaming", "People", "Comedy", "Entertainment", "News &"
                                                           " Politics", "How To", "Education", "Activism",
                                                           "Science & Technology", "Animals", "Kids", "Food"], 1)},
           "licences": {str(k): v for k, v in enumerate(["Attribution", "Attribution - Share Alike",
                                                         "Attribution - No Derivatives", "Attribution - Non Commercial",
                                                         "Attribution - Non Commercial - Share Alike",
                                                         "Attribution - Non Commercial - No Derivatives",
                                                         "Public Domain Dedication"], 1)},
           "languages": {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "ja": "Japanese",
                         "it": "Italian", "pt": "Portuguese", "zh": "Chinese", "ru": "Russian", "eo": "Esperanto"},
           "privacies": {"1": "Public", "2": "Unlisted", "3": "Private", "4": "Internal", "5": "Password protected"}}


def peertube(rng):
    A = "/api/v1"
    Vd = A + "/videos/{id}"
    T = [(A + "/config", "o"), (A + "/config/about", "o"), (A + "/videos", "l"), (Vd, "o"),
         (Vd + "/description", "desc"), (Vd + "/captions", "l"), (Vd + "/comment-threads", "threads"),
         (Vd + "/comment-threads/{threadId}", "tree"), (Vd + "/chapters", "chapters"),
         (Vd + "/storyboards", "storyboards"), (A + "/videos/categories", "map"), (A + "/videos/licences", "map"),
         (A + "/videos/languages", "map"), (A + "/videos/privacies", "map"),
         (A + "/video-channels/{channelHandle}", "o"), (A + "/video-channels/{channelHandle}/videos", "l"),
         (A + "/video-channels/{channelHandle}/video-playlists", "l"), (A + "/accounts/{name}", "o"),
         (A + "/accounts/{name}/videos", "l"), (A + "/accounts/{name}/video-channels", "l"),
         (A + "/video-playlists/{playlistId}", "o"), (A + "/video-playlists/{playlistId}/videos", "l"),
         (A + "/users/me", "o"), (A + "/users/me/video-quota-used", "o"), (A + "/users/me/subscriptions/videos", "l"),
         (A + "/users/me/notifications", "l"), (A + "/users/me/videos/{videoId}/rating", "o"),
         (A + "/users/me/history/videos", "l"), (A + "/search/videos", "l"), (A + "/search/video-channels", "l"),
         (A + "/server/stats", "o"), ("/lazy-static/thumbnails/{filename}", "jpg"),
         ("/lazy-static/previews/{filename}", "jpg"), ("/lazy-static/avatars/{filename}", "img"),
         ("/static/streaming-playlists/hls/{videoUUID}/{filename}", "hls")]

    def short(u):
        n, s = int(u.replace("-", ""), 16), ""
        while n:
            n, r = divmod(n, 58)
            s = B58[r] + s
        return s.rjust(22, B58[0])
    videos = []
    for k in range(24):
        u = _uuid(rng)
        videos.append({"uuid": u, "short": short(u), "id": str(rng.randrange(1, 90000)), "master": _uuid(rng),
                       "sha": _uuid(rng), "files": {r: _uuid(rng) for r in rng.sample(["240", "360", "480", "720",
                                                                                         "1080"], 3)}})
    thumbs = [_uuid(rng) for _ in range(40)]
    avatars = [_uuid(rng) for _ in range(12)]
    accounts = ["framasoft", "chocobozzz", "root", "blender@video.blender.org", "thelinuxexperiment@tilvids.com",
                "kdenlive@tube.kockatoo.org", "jdoe", "gnome@peertube.linuxrocks.online"]
    channels = ["framasoft_channel", "joinpeertube", "root_channel", "blender_studio@video.blender.org",
                "thelinuxexperiment_channel@tilvids.com", "kdenlive_channel@tube.kockatoo.org", "jdoe_vlogs"]
    playlists = [_uuid(rng) for _ in range(5)]
    state = {}

    def video_ref():
        v = _weighted(rng, videos) if rng.random() < .6 else rng.choice(videos)
        return rng.choices([v["short"], v["uuid"], v["id"]], [6, 3, 1])[0]

    def video_uuid():
        state["v"] = _weighted(rng, videos)
        return state["v"]["uuid"]

    def hls_file():
        v = state["v"]
        r = rng.choice(list(v["files"]))
        return rng.choices([v["master"] + "-master.m3u8", v["sha"] + "-segments-sha256.json",
                            v["files"][r] + "-" + r + ".m3u8", v["files"][r] + "-" + r + "-fragmented.mp4"],
                           [2, 2, 3, 12])[0]

    def filename():
        t = state["tpl"]
        if t.startswith("/static/"):
            return hls_file()
        if "/avatars/" in t:
            return rng.choice(avatars) + rng.choice([".webp", ".png", ".jpg"])
        return _hot(rng, thumbs, .7, lambda: _uuid(rng)) + ".jpg"
    V = {"id": video_ref, "videoId": lambda: _weighted(rng, videos)["id"], "threadId": lambda: str(rng.randrange(1, 600_000)),
         "channelHandle": lambda: _weighted(rng, channels), "name": lambda: _weighted(rng, accounts),
         "playlistId": lambda: rng.choice([short(p) for p in playlists] + playlists[:2]),
         "videoUUID": video_uuid, "filename": filename}
    lst = lambda: "?start=" + str(25 * rng.randrange(4)) + "&count=25&sort=" + rng.choice(  # noqa: E731
        ["-publishedAt", "-views", "-trending", "-likes"]) + "&skipCount=true"
    Q = {A + "/videos": lambda: lst() + rng.choice(["", "&nsfw=false", "&isLocal=true", "&categoryOneOf=15"]),
         A + "/video-channels/{channelHandle}/videos": lst, A + "/accounts/{name}/videos": lst,
         A + "/users/me/subscriptions/videos": lst, A + "/users/me/history/videos": lambda: "?start=0&count=20",
         A + "/video-playlists/{playlistId}/videos": lambda: "?start=0&count=30",
         Vd + "/comment-threads": lambda: "?start=0&count=10&sort=" + rng.choice(["-createdAt", "-totalReplies"]),
         A + "/users/me/notifications": lambda: "?start=0&count=10&sort=-createdAt&unread=true",
         A + "/search/videos": lambda: "?search=" + rng.choice(WORDS) + "&start=0&count=10&sort=-match&searchTarget="
         + rng.choice(["local", "search-index"]),
         A + "/search/video-channels": lambda: "?search=" + rng.choice(WORDS) + "&start=0&count=10&searchTarget=local",
         A + "/accounts/{name}/video-channels": lambda: "?start=0&count=20&withStats=true"}
    return T, V, Q, "peertube", state


def _peertube_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    if kind == "hls":
        f = path.rsplit("/", 1)[1]
        if f.endswith(".mp4"):
            return 206, "video/mp4", "\u0000\u0000\u0000\u001cftypiso5\u0000\u0000\u0002\u0000moof"
        if f.endswith(".json"):
            return 200, "application/json; charset=utf-8", {_uuid(rng) + "-720-fragmented.mp4": {
                "0-1024": _hex(rng, 64), "1024-870512": _hex(rng, 64)}}
        return 200, "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
    if kind == "jpg":
        return 200, "image/jpeg", JPEG
    if kind == "img":
        return 200, "image/webp" if path.endswith(".webp") else "image/png" if path.endswith(".png") else "image/jpeg", \
            JPEG if path.endswith(".jpg") else PNG
    if kind == "map":
        return 200, js, PT_MAPS[_last(t)]
    if kind == "l":
        return 200, js, {"total": 2, "data": [item, dict(item)]}
    if kind == "threads":
        return 200, js, {"total": 2, "totalNotDeletedComments": 2, "data": [item, dict(item)]}
    if kind == "tree":
        return 200, js, {"comment": item, "children": [{"comment": dict(item), "children": []}]}
    if kind == "desc":
        return 200, js, {"description": "Recorded at the 2026 meetup.", "video_description": item["id"]}
    if kind in ("chapters", "storyboards"):
        return 200, js, {kind: [item]}
    return 200, js, item


# -- Algolia --------------------------------------------------------------------------------------

def algolia(rng):
    Ix = "/1/indexes/{indexName}"
    T = [("/1/indexes", "indexes"), (Ix + "/{objectID}", "o"), (Ix + "/settings", "o"), (Ix + "/browse", "browse"),
         (Ix + "/synonyms/{objectID}", "o"), (Ix + "/rules/{objectID}", "o"), (Ix + "/task/{taskID}", "task"),
         ("/1/task/{taskID}", "task"), ("/1/keys", "keys"), ("/1/keys/{key}", "o"), ("/1/logs", "logs"),
         ("/1/dictionaries/*/settings", "o"), ("/1/dictionaries/*/languages", "o"), ("/1/security/sources", "p")]
    indices = ["prod_products", "prod_products_price_asc", "prod_products_price_desc", "prod_articles",
               "prod_products_query_suggestions", "staging_products", "dev_jdoe_products"]
    skus = [str(rng.randrange(1_000_000, 99_999_999)) for _ in range(20)]
    slugs = ["nike-air-zoom-pegasus-41", "levis-501-original-fit", "sony-wh-1000xm5-black", "kindle-paperwhite-16gb",
             "patagonia-nano-puff-jacket", "how-to-choose-running-shoes", "black-friday-2026-guide",
             "size-chart-women", "returns-policy"]
    keys = [_hex(rng, 32) for _ in range(4)]
    state = {}

    def index():
        state["ix"] = _weighted(rng, indices)
        return state["ix"]

    def object_id():
        t = state["tpl"]
        ts = str(rng.randrange(1_700_000_000_000, 1_763_650_000_000))
        if "/synonyms/" in t:
            return rng.choice(["syn-" + ts + "-" + str(rng.randrange(40)), "tshirt-tee", "sneakers-trainers",
                               "hoodie-sweatshirt"])
        if "/rules/" in t:
            return rng.choice(["qr-" + ts + "-" + str(rng.randrange(5)), "boost-black-friday", "banner-free-shipping",
                               "redirect-gift-cards"])
        if "articles" in state["ix"]:
            return rng.choice(slugs[5:])
        return rng.choices([_hot(rng, skus, .6, lambda: str(rng.randrange(1_000_000, 99_999_999))),
                            rng.choice(slugs[:5]), "gid%3A%2F%2Fshopify%2FProduct%2F" + str(rng.randrange(
                                7_000_000_000_000, 9_999_999_999_999))], [6, 3, 1])[0]
    V = {"indexName": index, "objectID": object_id, "taskID": lambda: str(rng.randrange(100_000_000, 99_000_000_000)),
         "key": lambda: rng.choice(keys)}
    agent = "x-algolia-agent=Algolia%20for%20JavaScript%20(4.24.0)%3B%20Node.js%20(20.18.0)"
    Q = {t: (lambda: "?" + agent) for t, _ in T}
    Q.update({Ix + "/{objectID}": lambda: "?" + rng.choice(["", "attributesToRetrieve=name%2Cprice%2Cimage%2CobjectID&"])
              + agent,
              Ix + "/settings": lambda: "?getVersion=2&" + agent,
              Ix + "/browse": lambda: "?" + rng.choice(["hitsPerPage=1000", "cursor=" + _s(rng, B62, 60) + "%3D%3D"])
              + "&" + agent,
              "/1/logs": lambda: "?offset=0&length=" + rng.choice(["10", "100", "1000"]) + rng.choice(
                  ["", "&type=error", "&type=query"]) + "&" + agent})
    return T, V, Q, "algolia", state


def _algolia_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=UTF-8"
    if kind == "indexes":
        return js, {"items": [item, dict(item)], "nbPages": 1}
    if kind == "browse":
        return js, {"hits": [item, dict(item)], "nbHits": 2, "page": 0, "nbPages": 1, "hitsPerPage": 1000,
                    "processingTimeMS": 1, "cursor": "AkdtYXRjaGVkX2NvdW50PTEwMDA="}
    if kind == "task":
        return js, {"status": "published", "pendingTask": False, _member(t): True}
    if kind in ("keys", "logs"):
        return js, {kind: [item, dict(item)]}
    if kind == "p":
        return js, [item, dict(item)]
    return js, item


# -- Mailgun --------------------------------------------------------------------------------------

def mailgun(rng):
    D = "/v3/{domain}"
    DD = "/v3/domains/{domain}"
    L = "/v3/lists/{list_address}"
    T = [("/v3/domains", "total"), (DD, "domain"), (DD + "/tracking", "one"), (DD + "/credentials", "total"),
         (DD + "/connection", "one"), (DD + "/webhooks", "one"), (DD + "/webhooks/{webhookname}", "one"),
         (DD + "/ips", "total"), (D + "/events", "items"), (D + "/events/{page_token}", "items"),
         (D + "/bounces", "items"), (D + "/bounces/{address}", "o"), (D + "/unsubscribes", "items"),
         (D + "/unsubscribes/{address}", "o"), (D + "/complaints", "items"), (D + "/complaints/{address}", "o"),
         (D + "/tags", "items"), (D + "/tags/{tag}", "o"), (D + "/tags/{tag}/stats", "stats"),
         (D + "/stats/total", "stats"), (D + "/templates", "items"), (D + "/templates/{name}", "one"),
         (D + "/templates/{name}/versions", "one"), (D + "/templates/{name}/versions/{version_name}", "one"),
         ("/v3/lists/pages", "items"), (L, "one"), (L + "/members/pages", "items"),
         (L + "/members/{member_address}", "one"), ("/v3/routes", "total"), ("/v3/routes/{id}", "one"),
         ("/v3/ips", "total"), ("/v4/address/validate", "o")]
    domains = ["mg.acme.com", "mail.acme.io", "sandbox" + _hex(rng, 32) + ".mailgun.org"]
    lists = ["newsletter@mg.acme.com", "customers@mg.acme.com", "beta-testers@mg.acme.com", "staff@mail.acme.io"]
    routes = [_hex(rng, 24) for _ in range(4)]
    state = {}

    def addr(raw=False):
        a = _email(rng, rng.choice(["gmail.com", "yahoo.com", "outlook.com", "acme.com", "hotmail.co.uk"]))
        if rng.random() < .1:
            a = a.replace("@", "+shop@")
        return a if raw else quote(a, safe="")

    def token():
        raw = json.dumps(["tp", False, "2026-11-20T10:%02d:%02d.%03dZ" % (rng.randrange(60), rng.randrange(60),
                                                                           rng.randrange(1000)), _s(rng, B62, 22)])
        return base64.urlsafe_b64encode(raw.encode()).decode()
    V = {"domain": lambda: rng.choices(domains, [8, 3, 1])[0], "address": addr, "page_token": token,
         "webhookname": lambda: rng.choice(["clicked", "complained", "delivered", "opened", "permanent_fail",
                                            "temporary_fail", "unsubscribed"]),
         "tag": lambda: rng.choice(["newsletter", "transactional", "password-reset", "order-confirmation",
                                    "campaign-2026-11", "black-friday"]),
         "name": lambda: rng.choice(["welcome-email", "password-reset", "order-confirmation", "invoice",
                                     "weekly-digest", "abandoned-cart"]),
         "list_address": lambda: _weighted(rng, lists), "member_address": lambda: addr(raw=True),
         "version_name": lambda: rng.choice(["initial", "v2", "v3", "black-friday-2026"]),
         "id": lambda: rng.choice(routes)}
    Q = {D + "/events": lambda: rng.choice(["?begin=" + quote("Thu, 20 Nov 2026 09:00:00 -0000", safe="")
                                            + "&ascending=yes&limit=300",
                                            "?event=" + rng.choice(["failed", "delivered", "opened", "complained"])
                                            + "&limit=300", "?recipient=" + addr() + "&limit=100"]),
         D + "/bounces": lambda: "?limit=100", D + "/unsubscribes": lambda: "?limit=100",
         D + "/complaints": lambda: "?limit=100", "/v3/domains": lambda: "?limit=100&skip=0",
         D + "/stats/total": lambda: "?event=accepted&event=delivered&event=failed&duration=" + rng.choice(
             ["1m", "7d", "30d"]),
         D + "/tags/{tag}/stats": lambda: "?event=delivered&event=opened&event=clicked&duration=30d",
         "/v4/address/validate": lambda: "?address=" + addr(), "/v3/lists/pages": lambda: "?limit=100",
         L + "/members/pages": lambda: "?subscribed=yes&limit=100", D + "/templates": lambda: "?limit=100",
         D + "/templates/{name}": lambda: rng.choice(["", "?active=yes"]) or "?", D + "/tags": lambda: "?limit=100",
         "/v3/routes": lambda: "?skip=0&limit=100"}
    return T, V, Q, "mailgun", state


MAILGUN_ONE = {"tracking": "tracking", "connection": "connection", "webhooks": "webhooks", "lists": "list",
               "members": "member", "routes": "route", "templates": "template", "versions": "template"}


def _mailgun_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    pg = {k: "https://api.mailgun.net/v3/x/" + k for k in ("first", "last", "next", "previous")}
    if kind == "total":
        return js, {"total_count": 2, "items": [item, dict(item)]}
    if kind == "items":
        return js, {"items": [item, dict(item)], "paging": pg}
    if kind == "domain":
        return js, {"domain": item, "receiving_dns_records": [], "sending_dns_records": []}
    if kind == "stats":
        return js, {"start": "Thu, 20 Nov 2026 00:00:00 UTC", "end": "Thu, 20 Nov 2026 10:00:00 UTC",
                    "resolution": "day", "stats": [item]}
    if kind == "one":
        if t.endswith("/versions"):
            return js, {"template": dict(item, versions=[dict(item)])}
        segs = [s for s in t.split("/") if s]
        key = "webhook" if t.endswith("{webhookname}") else MAILGUN_ONE.get(
            segs[-1] if "{" not in segs[-1] else segs[-2], "item")
        return js, {key: item}
    return js, item


# -- QuickBooks Online ----------------------------------------------------------------------------

QBO = [("invoice", "Invoice", 3000), ("customer", "Customer", 400), ("item", "Item", 150), ("payment", "Payment", 2500),
       ("vendor", "Vendor", 120), ("bill", "Bill", 1800), ("account", "Account", 120), ("estimate", "Estimate", 600),
       ("salesreceipt", "SalesReceipt", 900), ("purchase", "Purchase", 2000), ("employee", "Employee", 40),
       ("journalentry", "JournalEntry", 300), ("creditmemo", "CreditMemo", 200), ("billpayment", "BillPayment", 1200),
       ("attachable", "Attachable", 5000000000)]
QBO_PDF = ["invoice", "estimate", "salesreceipt", "creditmemo"]
QBO_REPORTS = ["ProfitAndLoss", "BalanceSheet", "AgedReceivables", "AgedPayables", "CashFlow", "TrialBalance",
               "GeneralLedger"]


def quickbooks(rng):
    C = "/v3/company/{realmId}"
    T = [(C + "/companyinfo/{realmId}", "CompanyInfo"), (C + "/preferences", "Preferences"), (C + "/query", "query"),
         (C + "/cdc", "cdc"), (C + "/taxcode/{taxcodeId}", "TaxCode"), (C + "/download/{attachableId}", "url")]
    T += [(C + "/" + e + "/{" + e + "Id}", k) for e, k, _ in QBO]
    T += [(C + "/" + e + "/{" + e + "Id}/pdf", "pdf") for e in QBO_PDF]
    T += [(C + "/reports/" + r, "report") for r in QBO_REPORTS]
    realms = [str(rng.randrange(9130_3500_0000_0000, 9130_3599_9999_9999)), str(rng.randrange(10 ** 14, 10 ** 15)),
              str(rng.randrange(4_620_816_300_000_000_000, 4_620_816_399_999_999_999))]
    state = {}
    hot = {e: [str(rng.randrange(1, n)) for _ in range(10)] for e, _, n in QBO if n < 10 ** 6}
    V = {"realmId": _repeat(state, "realmId", lambda: rng.choices(realms, [8, 3, 1])[0]),
         "taxcodeId": lambda: rng.choice(["TAX", "NON", "2", "3", "4", "7"]),
         "attachableId": lambda: str(rng.randrange(5_000_000_000, 5_999_999_999))}
    for e, _, n in QBO:
        V[e + "Id"] = (lambda e=e, n=n: _hot(rng, hot[e], .4, lambda: str(rng.randrange(1, n)))) if n < 10 ** 6 else (
            lambda: str(rng.randrange(5_000_000_000, 5_999_999_999)))
    mv = "minorversion=75"
    Q = {t: (lambda: "?" + mv) for t, _ in T}

    def query():
        ent = rng.choice(["Invoice", "Customer", "Payment", "Item", "Bill", "Account", "Vendor"])
        where = rng.choice(["", " where Balance > '0'", " where MetaData.LastUpdatedTime > '2026-11-19T00:00:00-08:00'",
                            " where Active = true"]) if ent != "Account" else ""
        return "?query=" + quote("select * from " + ent + where + " startposition 1 maxresults 1000", safe="*") \
            + "&" + mv
    Q[C + "/query"] = query
    Q[C + "/cdc"] = lambda: "?entities=Invoice,Customer,Payment&changedSince=" + quote("2026-11-19T10:00:00-08:00",
                                                                                       safe="") + "&" + mv
    for r in QBO_REPORTS:
        Q[C + "/reports/" + r] = lambda: rng.choice(["?start_date=2026-01-01&end_date=2026-11-20&accounting_method="
                                                     "Accrual", "?date_macro=This%20Fiscal%20Year-to-date",
                                                     "?report_date=2026-11-20&aging_period=30"]) + "&" + mv
    return T, V, Q, "quickbooks", state


def _qbo_answer(rng, i, t, kind, path, query, item):
    js = "application/json;charset=UTF-8"
    time = {"time": "2026-11-20T02:00:00.000-08:00"}
    if kind == "pdf":
        return "application/pdf", PDF
    if kind == "url":
        return "text/plain;charset=UTF-8", "https://intuit-qbo-prod-32.s3.amazonaws.com/" + _hex(rng, 32) \
            + "/receipt.pdf?X-Amz-Expires=900&X-Amz-Signature=" + _hex(rng, 64)
    if kind == "query":
        ent = query.split("from%20")[1].split("%20")[0] if query and "from%20" in query else "Invoice"
        return js, {"QueryResponse": {ent: [item, dict(item)], "startPosition": 1, "maxResults": 2}} | time
    if kind == "cdc":
        return js, {"CDCResponse": [{"QueryResponse": [{"Invoice": [item]}, {"Customer": [dict(item)]}]}]} | time
    if kind == "report":
        return js, {"Header": {"ReportName": _last(t), "StartPeriod": "2026-01-01", "EndPeriod": "2026-11-20",
                               "Currency": "USD"}, "Columns": {"Column": [{"ColTitle": "", "ColType": "Account"}]},
                    "Rows": {"Row": [item]}}
    return js, {kind: item} | time


# -- Redmine --------------------------------------------------------------------------------------

def redmine(rng):
    P = "/projects/{project_id}"
    T = [("/issues.json", "l"), ("/issues/{id}.json", "o"), ("/issues/{issue_id}/relations.json", "u"),
         ("/relations/{id}.json", "o"), ("/projects.json", "l"), ("/projects/{id}.json", "o"),
         (P + "/memberships.json", "l"), (P + "/versions.json", "l"), (P + "/issue_categories.json", "l"),
         (P + "/wiki/index.json", "u"), (P + "/wiki/{wiki_page_title}.json", "o"),
         (P + "/wiki/{wiki_page_title}/{version}.json", "o"), (P + "/files.json", "u"), (P + "/news.json", "l"),
         ("/versions/{id}.json", "o"), ("/issue_categories/{id}.json", "o"), ("/users.json", "l"),
         ("/users/current.json", "o"), ("/users/{id}.json", "o"), ("/groups.json", "u"), ("/groups/{id}.json", "o"),
         ("/time_entries.json", "l"), ("/time_entries/{id}.json", "o"), ("/trackers.json", "u"),
         ("/issue_statuses.json", "u"), ("/enumerations/issue_priorities.json", "u"),
         ("/enumerations/time_entry_activities.json", "u"), ("/custom_fields.json", "u"), ("/roles.json", "u"),
         ("/queries.json", "l"), ("/news.json", "l"), ("/search.json", "l"), ("/my/account.json", "o"),
         ("/attachments/{id}.json", "o"), ("/attachments/download/{id}/{filename}", "file")]
    projects = [("acme-web", "3"), ("acme-mobile", "7"), ("infra", "12"), ("support", "2"), ("data-platform", "15"),
                ("website-2027", "21")]
    hot = [str(rng.randrange(18000, 24500)) for _ in range(15)]
    titles = ["Wiki", "Installation_Guide", "Release_Notes", "FAQ", "Deployment", "Onboarding", "Coding_Standards",
              "Meeting_Notes_2026-11-19", "%C3%9Cbersicht", "API", "Runbook_Database_Failover"]
    files = ["screenshot.png", "Screenshot%202026-11-20%20at%2010.02.11.png", "production.log", "error.txt",
             "Invoice_2026-11.pdf", "patch-3412.diff", "export.csv", "logo.svg"]
    state = {}

    def project():
        p = rng.choices(projects, [10, 5, 4, 3, 2, 1])[0]
        return p[0] if rng.random() < .85 else p[1]

    def ident():
        t = state["tpl"]
        if t.startswith("/issues/") or t.startswith("/relations/"):
            return _hot(rng, hot, .4, lambda: str(rng.randrange(1, 24500)))
        if t.startswith("/projects/"):
            return project()
        if t.startswith("/users/"):
            return str(rng.choice([1, 5, 9, 14, 27, rng.randrange(1, 400)]))
        if t.startswith("/versions/"):
            return str(rng.randrange(1, 90))
        if t.startswith("/issue_categories/"):
            return str(rng.randrange(1, 40))
        if t.startswith("/groups/"):
            return rng.choice(["402", "403", "417", "418"])
        if t.startswith("/time_entries/"):
            return str(rng.randrange(1, 60000))
        return str(rng.randrange(1, 90000))
    V = {"id": ident, "project_id": project, "issue_id": lambda: _hot(rng, hot, .4, lambda: str(rng.randrange(1,
                                                                                                               24500))),
         "wiki_page_title": lambda: _weighted(rng, titles), "version": lambda: str(rng.randrange(1, 30)),
         "filename": lambda: rng.choice(files)}
    Q = {"/issues.json": lambda: rng.choice(["?project_id=" + project() + "&status_id=open&sort=updated_on%3Adesc"
                                             "&limit=100&offset=" + str(100 * rng.randrange(5)),
                                             "?assigned_to_id=me&status_id=*&limit=25",
                                             "?updated_on=%3E%3D2026-11-19T00%3A00%3A00Z&limit=100&offset=0"]),
         "/issues/{id}.json": lambda: rng.choice(["", "?include=journals,attachments,relations,children,watchers",
                                                  "?include=attachments"]) or "?",
         "/projects.json": lambda: "?limit=100&offset=0",
         "/projects/{id}.json": lambda: rng.choice(["", "?include=trackers,issue_categories,enabled_modules,"
                                                    "time_entry_activities"]) or "?",
         "/users/current.json": lambda: "?include=memberships,groups",
         "/time_entries.json": lambda: "?user_id=me&from=2026-11-" + "%02d" % rng.randrange(1, 20)
         + "&to=2026-11-20&limit=100",
         "/search.json": lambda: "?q=" + rng.choice(WORDS) + "&scope=all&all_words=1&titles_only=0&limit=25&offset=0",
         "/groups/{id}.json": lambda: "?include=users", "/users.json": lambda: "?status=1&limit=100",
         P + "/memberships.json": lambda: "?limit=100"}
    return T, V, Q, "redmine", state


REDMINE_ONE = {"issues": "issue", "relations": "relation", "projects": "project", "versions": "version",
               "issue_categories": "issue_category", "wiki": "wiki_page", "users": "user", "groups": "group",
               "time_entries": "time_entry", "attachments": "attachment", "my": "user"}


def _redmine_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    segs = [s.replace(".json", "") for s in t.split("/") if s and "{" not in s]
    if kind == "file":
        f = path.rsplit("/", 1)[1]
        ext = f.rsplit(".", 1)[1]
        return {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml", "csv": "text/csv"}.get(
            ext, "text/plain"), {"png": PNG, "pdf": PDF}.get(ext, "line 1\nline 2\n")
    if kind == "o":
        key = REDMINE_ONE[segs[0] if segs[0] != "projects" or len(segs) == 1 else segs[1]]
        return js, {key: item}
    key = {"index": "wiki_pages", "search": "results", "issue_priorities": "issue_priorities"}.get(segs[-1], segs[-1])
    body = {key: [item, dict(item)]}
    if kind == "l":
        body.update(total_count=2, offset=0, limit=25)
    return js, body


# -- WooCommerce REST API v3 ----------------------------------------------------------------------

def woocommerce(rng):
    W = "/wp-json/wc/v3"
    T = [(W + "/products", "p"), (W + "/products/{id}", "o"), (W + "/products/{product_id}/variations", "p"),
         (W + "/products/{product_id}/variations/{id}", "o"), (W + "/products/categories", "p"),
         (W + "/products/categories/{id}", "o"), (W + "/products/tags", "p"), (W + "/products/attributes", "p"),
         (W + "/products/attributes/{attribute_id}/terms", "p"), (W + "/products/reviews", "p"),
         (W + "/products/reviews/{id}", "o"), (W + "/products/shipping_classes", "p"), (W + "/orders", "p"),
         (W + "/orders/{id}", "o"), (W + "/orders/{order_id}/notes", "p"), (W + "/orders/{order_id}/refunds", "p"),
         (W + "/orders/{order_id}/refunds/{refund_id}", "o"), (W + "/customers", "p"), (W + "/customers/{id}", "o"),
         (W + "/customers/{id}/downloads", "p"), (W + "/coupons", "p"), (W + "/coupons/{id}", "o"),
         (W + "/reports", "p"), (W + "/reports/sales", "p"), (W + "/reports/top_sellers", "p"),
         (W + "/reports/orders/totals", "p"), (W + "/reports/products/totals", "p"),
         (W + "/reports/customers/totals", "p"), (W + "/settings", "p"), (W + "/settings/{group_id}", "p"),
         (W + "/settings/{group_id}/{id}", "o"), (W + "/payment_gateways", "p"), (W + "/payment_gateways/{id}", "o"),
         (W + "/shipping/zones", "p"), (W + "/shipping/zones/{id}", "o"), (W + "/shipping/zones/{zone_id}/methods", "p"),
         (W + "/taxes", "p"), (W + "/taxes/classes", "p"), (W + "/system_status", "o"), (W + "/data/countries/{code}",
                                                                                         "o"),
         (W + "/data/currencies", "p"), (W + "/data/currencies/current", "o"), (W + "/data/currencies/{currency}", "o"),
         (W + "/webhooks", "p"), (W + "/webhooks/{id}", "o")]
    products = [str(rng.randrange(12, 4800)) for _ in range(30)]
    variable = products[:8]
    orders = [str(rng.randrange(9000, 14000)) for _ in range(10)]
    customers = [str(rng.randrange(2, 2500)) for _ in range(10)]
    settings = {"general": ["woocommerce_currency", "woocommerce_store_address", "woocommerce_default_country",
                            "woocommerce_calc_taxes"],
                "products": ["woocommerce_weight_unit", "woocommerce_dimension_unit", "woocommerce_manage_stock"],
                "tax": ["woocommerce_prices_include_tax", "woocommerce_tax_display_shop"],
                "shipping": ["woocommerce_ship_to_countries"], "account": ["woocommerce_enable_guest_checkout"],
                "email": ["woocommerce_email_from_address", "woocommerce_email_from_name"],
                "advanced": ["woocommerce_cart_page_id", "woocommerce_checkout_page_id"],
                "checkout": ["woocommerce_enable_coupons"]}
    state = {}

    def ident():
        t = state["tpl"]
        if t.endswith("/variations/{id}"):
            return str(int(state["product"]) + rng.randrange(1, 40))
        if "/products/categories/" in t:
            return str(rng.choice([15, 16, 17, 18, 19, 23, 31, 44, rng.randrange(15, 300)]))
        if "/products/reviews/" in t:
            return str(rng.randrange(100, 8000))
        if t.startswith(W + "/products/"):
            return _hot(rng, products, .7, lambda: str(rng.randrange(12, 9000)))
        if t.startswith(W + "/orders/"):
            return _hot(rng, orders, .3, lambda: str(rng.randrange(9000, 14000)))
        if t.startswith(W + "/customers/"):
            return _hot(rng, customers, .5, lambda: str(rng.randrange(2, 2500)))
        if t.startswith(W + "/coupons/"):
            return str(rng.choice([118, 2203, 5120, 7711, rng.randrange(100, 9000)]))
        if t.startswith(W + "/settings/"):
            return rng.choice(settings[state["group"]])
        if t.startswith(W + "/payment_gateways/"):
            return rng.choice(["bacs", "cheque", "cod", "paypal", "stripe", "woocommerce_payments"])
        if t.startswith(W + "/shipping/zones/"):
            return rng.choice(["0", "1", "2", "3", "4", "5"])
        return str(rng.randrange(1, 12))

    def product_id():
        state["product"] = rng.choice(variable) if t_has("variations") else _hot(rng, products, .7, lambda: str(
            rng.randrange(12, 9000)))
        return state["product"]

    def t_has(s):
        return s in state["tpl"]

    def group():
        state["group"] = rng.choices(list(settings), [6, 3, 2, 2, 1, 1, 1, 2])[0]
        return state["group"]
    V = {"id": ident, "product_id": product_id, "order_id": lambda: _hot(rng, orders, .3, lambda: str(
        rng.randrange(9000, 14000))), "refund_id": lambda: str(rng.randrange(9000, 14000)),
         "attribute_id": lambda: rng.choice(["1", "2", "3", "4", "6"]), "group_id": group,
         "zone_id": lambda: rng.choice(["0", "1", "2", "3", "4", "5"]),
         "code": lambda: rng.choice(["us", "gb", "de", "fr", "ca", "au", "br", "in"]),
         "currency": lambda: rng.choice(["usd", "eur", "gbp", "brl", "jpy", "cad", "aud"])}
    page = lambda: "?per_page=100&page=" + str(rng.randrange(1, 6))  # noqa: E731
    Q = {W + "/products": lambda: rng.choice([page() + "&status=publish", "?search=" + rng.choice(WORDS),
                                              "?sku=SKU-" + str(rng.randrange(1000, 9999)),
                                              "?category=" + str(rng.choice([16, 17, 23])) + "&per_page=50"]),
         W + "/orders": lambda: rng.choice(["?status=processing&per_page=50&orderby=date&order=desc",
                                            "?after=2026-11-19T00%3A00%3A00&per_page=100", page()]),
         W + "/customers": lambda: rng.choice(["?email=" + quote(_email(rng, "gmail.com"), safe=""),
                                               page() + "&role=all"]),
         W + "/coupons": lambda: "?code=" + rng.choice(["BLACKFRIDAY", "WELCOME10", "FREESHIP"]),
         W + "/products/{product_id}/variations": lambda: "?per_page=100",
         W + "/reports/sales": lambda: rng.choice(["?period=week", "?period=month", "?date_min=2026-11-01&date_max"
                                                   "=2026-11-20"]),
         W + "/reports/top_sellers": lambda: "?period=" + rng.choice(["week", "month", "year"]),
         W + "/products/reviews": lambda: "?product=" + rng.choice(products) + "&per_page=100",
         W + "/products/categories": lambda: "?per_page=100&hide_empty=true"}
    return T, V, Q, "woocommerce", state


def _woo_answer(rng, i, t, kind, path, query, item):
    item = dict(item, _links={"self": [{"href": "https://shop.acme.com/wp-json/x"}]})
    return "application/json; charset=UTF-8", [item, dict(item)] if kind == "p" else item


# -- Argo CD --------------------------------------------------------------------------------------

def argocd(rng):
    A = "/api/v1"
    Ap = A + "/applications/{name}"
    T = [(A + "/applications", "list"), (Ap, "o"), (Ap + "/resource-tree", "tree"), (Ap + "/managed-resources", "items"),
         (Ap + "/events", "list"), (Ap + "/manifests", "manifests"), (Ap + "/revisions/{revision}/metadata", "o"),
         (Ap + "/syncwindows", "o"), (Ap + "/links", "o"), (Ap + "/logs", "ndjson"), (Ap + "/resource", "manifest"),
         (Ap + "/resource/actions", "actions"), (Ap + "/pods/{podName}/logs", "ndjson"),
         (A + "/applicationsets", "list"), (A + "/applicationsets/{name}", "o"), (A + "/projects", "list"),
         (A + "/projects/{name}", "o"), (A + "/projects/{name}/detailed", "o"), (A + "/projects/{name}/syncwindows", "o"),
         (A + "/projects/{name}/events", "list"), (A + "/clusters", "list"), (A + "/clusters/{server}", "o"),
         (A + "/repositories", "list"), (A + "/repositories/{repo}", "o"), (A + "/repositories/{repo}/refs", "o"),
         (A + "/repositories/{repo}/apps", "items"), (A + "/repositories/{repo}/helmcharts", "items"),
         (A + "/certificates", "list"), (A + "/gpgkeys", "list"), (A + "/gpgkeys/{keyID}", "o"),
         (A + "/session/userinfo", "o"), (A + "/settings", "o"), (A + "/account", "items"), (A + "/account/{name}", "o"),
         (A + "/account/can-i/{resource}/{action}/{subresource}", "cani"), ("/api/version", "o"),
         (A + "/stream/applications", "sse"), (A + "/stream/applications/{applicationName}/resource-tree", "sse")]
    envs = ["prod", "staging"]
    apps = [f"{s}-{e}" for s in ["payments-api", "web-frontend", "orders", "search", "notifications"] for e in envs]
    apps += ["cert-manager", "ingress-nginx", "kube-prometheus-stack", "external-dns", "argocd", "guestbook",
             "loki", "sealed-secrets", "payments-api-us-east-1", "payments-api-eu-west-1"]
    helm = {"cert-manager": ["v1.16.1", "v1.15.3"], "ingress-nginx": ["4.11.3", "4.10.1"],
            "kube-prometheus-stack": ["65.1.1", "61.9.0"], "external-dns": ["1.15.0"], "loki": ["6.18.0"],
            "sealed-secrets": ["2.16.1"]}
    projects = ["default", "payments", "platform", "web", "data"]
    appsets = ["payments-api", "web-frontend", "cluster-addons", "preview-environments"]
    clusters = ["https%3A%2F%2Fkubernetes.default.svc", "https%3A%2F%2F10.20.0.15%3A6443",
                "https%3A%2F%2F" + _hex(rng, 32).upper() + ".gr7.us-east-1.eks.amazonaws.com",
                "https%3A%2F%2F" + _hex(rng, 32).upper() + ".yl4.eu-west-1.eks.amazonaws.com"]
    cluster_names = ["in-cluster", "prod-us-east-1", "prod-eu-west-1", "staging"]
    repos = ["https%3A%2F%2Fgithub.com%2Facme%2Fgitops.git", "https%3A%2F%2Fgithub.com%2Facme%2Fhelm-charts",
             "git%40github.com%3Aacme%2Finfra.git", "https%3A%2F%2Fcharts.jetstack.io",
             "https%3A%2F%2Fprometheus-community.github.io%2Fhelm-charts", "https%3A%2F%2Fkubernetes.github.io%2F"
             "ingress-nginx"]
    state = {}

    def app():
        state["app"] = _weighted(rng, apps)
        return state["app"]

    def name():
        t = state["tpl"]
        if t.startswith(A + "/applications/"):
            return app()
        if t.startswith(A + "/applicationsets/"):
            return rng.choice(appsets)
        if t.startswith(A + "/projects/"):
            return rng.choices(projects, [5, 4, 3, 2, 1])[0]
        return rng.choice(["admin", "ci-bot", "readonly", "jdoe", "image-updater"])

    def server():
        if rng.random() < .7:
            state["cluster_by"] = "url"
            return rng.choices(clusters, [6, 2, 3, 1])[0]
        state["cluster_by"] = "name"
        return rng.choice(cluster_names)

    def revision():
        a = state["app"]
        return rng.choice(helm[a]) if a in helm else _hex(rng, 40)

    def pod():
        return "%s-%s-%s" % (state["app"], _hex(rng, 10), _s(rng, "bcdfghjklmnpqrstvwxz2456789", 5))
    V = {"name": name, "revision": revision, "podName": pod, "server": server, "repo": lambda: _weighted(rng, repos),
         "keyID": lambda: rng.choice(["4AEE18F83AFDEB23", "B5690EEEBB952194", _hex(rng, 16).upper()]),
         "resource": lambda: rng.choice(["applications", "clusters", "repositories", "projects", "certificates",
                                         "gpgkeys", "accounts", "applicationsets", "logs", "exec"]),
         "action": lambda: rng.choice(["get", "create", "update", "delete", "sync", "override", "action"]),
         "subresource": lambda: "*" if rng.random() < .7 else rng.choice(projects), "applicationName": app}
    ns = lambda: rng.choice(["", "?appNamespace=argocd"]) or "?"  # noqa: E731
    Q = {A + "/applications": lambda: rng.choice(["", "?projects=" + rng.choice(projects),
                                                  "?selector=team%3D" + rng.choice(["payments", "web", "platform"]),
                                                  "?fields=items.metadata.name,items.spec.project,items.status.sync."
                                                  "status,items.status.health.status"]) or "?",
         Ap: lambda: rng.choice(["", "?appNamespace=argocd", "?refresh=normal"]) or "?", Ap + "/resource-tree": ns,
         Ap + "/managed-resources": ns, Ap + "/revisions/{revision}/metadata": ns, Ap + "/links": ns,
         Ap + "/manifests": lambda: rng.choice(["", "?revision=" + _hex(rng, 40)]) or "?",
         Ap + "/events": lambda: rng.choice(["", "?resourceNamespace=" + rng.choice(["payments", "web"])
                                             + "&resourceName=" + state["app"] + "&resourceUID=" + _uuid(rng)]) or "?",
         Ap + "/logs": lambda: "?container=" + rng.choice(["app", "istio-proxy", "migrate"]) + "&namespace="
         + state["app"].split("-")[0] + "&follow=false&tailLines=1000&sinceSeconds=0&podName=" + pod()
         + "&group=&kind=Pod",
         Ap + "/pods/{podName}/logs": lambda: "?container=app&namespace=" + state["app"].split("-")[0]
         + "&follow=false&tailLines=1000",
         Ap + "/resource": lambda: "?name=" + state["app"] + "&appNamespace=argocd&namespace=" + state["app"].split(
             "-")[0] + "&resourceName=" + state["app"] + "&version=v1&kind=Deployment&group=apps",
         Ap + "/resource/actions": lambda: "?namespace=" + state["app"].split("-")[0] + "&resourceName="
         + state["app"] + "&version=v1&kind=Deployment&group=apps",
         A + "/clusters/{server}": lambda: "?id.type=" + state["cluster_by"],
         A + "/repositories/{repo}/apps": lambda: "?revision=HEAD&appName=" + rng.choice(apps) + "&appProject="
         + rng.choice(projects),
         A + "/stream/applications": lambda: rng.choice(["", "?projects=" + rng.choice(projects),
                                                         "?name=" + rng.choice(apps)]) or "?",
         A + "/stream/applications/{applicationName}/resource-tree": lambda: "?appNamespace=argocd"}
    return T, V, Q, "argocd", state


def _argocd_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    if kind == "list":
        return js, {"metadata": {"resourceVersion": str(rng.randrange(10 ** 6, 10 ** 8))}, "items": [item, dict(item)]}
    if kind == "items":
        return js, {"items": [item, dict(item)]}
    if kind == "tree":
        return js, {"nodes": [item, dict(item)], "hosts": []}
    if kind == "manifests":
        return js, {"manifests": ["{\"apiVersion\":\"v1\",\"kind\":\"Service\"}"], "revision": _hex(rng, 40),
                    "namespace": "payments", "server": "https://kubernetes.default.svc", "sourceType": "Helm",
                    "manifests_of": item["id"]}
    if kind == "manifest":
        return js, {"manifest": "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"}", "resource_of": item["id"]}
    if kind == "actions":
        return js, {"actions": [{"name": "restart", "disabled": False}, {"name": "pause", "disabled": False}]}
    if kind == "cani":
        return js, {"value": rng.choice(["yes", "no"])}
    if kind == "ndjson":
        return js, "".join(json.dumps({"result": {"content": "GET /healthz 200 0.4ms", "timeStamp":
                                                  "2026-11-20T10:00:0%dZ" % k, "podName": "x", "last": k == 2}})
                           + "\n" for k in range(3))
    if kind == "sse":
        return "text/event-stream", "".join("data: " + json.dumps({"result": {"type": "MODIFIED", "application":
                                                                               item}}) + "\n\n" for _ in range(2))
    return js, item


CLIENTS = {f.__name__: f for f in (maven, debian, mattermost, proxmox, strava, peertube, algolia, mailgun, quickbooks,
                                   redmine, woocommerce, argocd)}
ANSWER = {"maven": _maven_answer, "debian": _debian_answer, "mattermost": _mattermost_answer,
          "proxmox": _proxmox_answer, "strava": _strava_answer, "peertube": _peertube_answer,
          "algolia": _algolia_answer, "mailgun": _mailgun_answer, "quickbooks": _qbo_answer,
          "redmine": _redmine_answer, "woocommerce": _woo_answer, "argocd": _argocd_answer}
ERRORS = {"maven": HTML404, "debian": HTML404,
          "mattermost": {"id": "app.user.missing_account.const", "message": "Unable to find the user.",
                         "detailed_error": "", "request_id": "kx3f8ph7u3ykbfw1e9nqa1pz3c", "status_code": 404},
          "proxmox": {"data": None},
          "strava": {"message": "Record Not Found", "errors": [{"resource": "Activity", "field": "id",
                                                                "code": "not found"}]},
          "peertube": {"type": "https://docs.joinpeertube.org/api-rest-reference.html#section/Errors/video_not_found",
                       "detail": "Video not found", "status": 404, "title": "Not Found",
                       "docs": "https://docs.joinpeertube.org/api-rest-reference.html#operation/getVideo",
                       "code": "video_not_found", "error": "Video not found"},
          "algolia": {"message": "ObjectID does not exist", "status": 404},
          "mailgun": {"message": "Address not found in bounces table"},
          "quickbooks": {"Fault": {"Error": [{"Message": "Object Not Found", "Detail": "Object Not Found : Something "
                                              "you're trying to use has been made inactive. Check the fields with "
                                              "accounts, customers, items, vendors or employees.", "code": "610",
                                              "element": ""}], "type": "ValidationFault"},
                         "time": "2026-11-20T02:00:00.000-08:00"},
          "redmine": "",
          "woocommerce": {"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.",
                          "data": {"status": 404}},
          "argocd": {"error": "applications.argoproj.io \"payments-api-prod\" not found", "code": 5,
                     "message": "applications.argoproj.io \"payments-api-prod\" not found"}}
ERROR_TYPE = {"maven": "text/html", "debian": "text/html; charset=iso-8859-1", "proxmox": "application/json;charset=UTF-8",
              "peertube": "application/problem+json; charset=utf-8", "quickbooks": "application/json;charset=UTF-8",
              "redmine": "application/json; charset=utf-8", "algolia": "application/json; charset=UTF-8",
              "woocommerce": "application/json; charset=UTF-8"}
ERROR_STATUS = {"proxmox": 500, "quickbooks": 400}


def traffic(client, n, seed, out):
    """Write n exchanges; return {template: set of parameter-value tuples} for the templates requested."""

    def answer(rng, i, t, kind, name, path, query, status):
        if status == 200:
            got = ANSWER[name](rng, i, t, kind, path, query, clients.item(rng, i, t))
            if len(got) == 3:
                return got
            return (200,) + got
        if name == "peertube" and t.startswith(("/static/", "/lazy-static/")):
            return 404, None, ""
        return ERROR_STATUS.get(name, status), ERROR_TYPE.get(name, "application/json"), ERRORS[name]

    return clients.write(CLIENTS, client, n, seed, out, answer)
