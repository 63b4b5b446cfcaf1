"""Twelve more clients of real public APIs, in the style and interface of bench/clients6.py.

Written from the public shapes of the Hugging Face Hub (its API and file downloads), Box's
Content API 2.0, the X (Twitter) API v2, the Google Cloud Storage JSON API, RubyGems.org (its
API v1/v2, compact index and gem files), Nextcloud (OCS, WebDAV and the web UI's images), The
Movie Database's API v3, PokéAPI v2, Mapbox's web services, Square's API v2, Ghost (the Content
and Admin APIs and a site's public pages and images) and Sonarr's API v3 (GET only). Each has a
few tenants, namespaces, buckets, users, locations or series seen often beside open sets of ids,
Zipf over the endpoints and about one request in ten a 404 (both from `clients.requests`), the
client's own error body, a member of its own in each endpoint's JSON answer, collections
wrapped the way the real API wraps them, and query strings where the real client sends them.
Where the real API does not answer a miss with 404 the draw becomes what it does answer: X
answers unknown ids with 200 and an `errors` list, RubyGems `latest.json` with 200
`{"version":"unknown"}`, Nextcloud's OCS v1 with 200 and status 998 inside `ocs.meta`, Mapbox's
geocoder with an empty FeatureCollection and its directions with `NoRoute`, a missing gem file
with S3's 403 XML, Ghost's feeds with 304 and its member endpoint with 204; on endpoints with no
id to miss the draw is the client's own auth or rate-limit failure (401 with the API's body on
Hugging Face, Nextcloud OCS, TMDB, Mapbox, Square, Ghost and Sonarr; 429 on X and RubyGems;
Sonarr's `/ping` a 502 from its proxy).

Shapes covered: `{namespace}/{repo}` under `/api/models`, `/api/datasets` and `/api/spaces`
and right at the root beside `/api` and `/datasets` for `resolve/{revision}/{filename}`,
revisions `main`, SHAs and `refs%2Fpr%2F{n}`, repo names with dots (`FLUX.1-dev`,
`bge-large-en-v1.5`), sharded file names `model-00001-of-00004.safetensors`, GGUF quant names,
dataset configs with dots, collection slugs ending in an ObjectId, arXiv ids with a dot, 302
`Found. Redirecting to` for LFS files (Hugging Face); folder `0` beside numeric ids,
`folders/trash/items` beside `folders/{id}/items`, `thumbnail.{extension}`, metadata scopes
`global`/`enterprise`/`enterprise_{id}` and camelCase template keys, `metadata_templates/enterprise`
and `/global` beside template UUIDs, 302 with no body for content (Box); 19-digit snowflakes
beside 4- to 10-digit legacy user ids, `users/me`, `users/by`, `users/by/username/{username}`,
`tweets/search/recent` and `tweets/counts/recent` beside `tweets/{id}/…`, 13-char space ids,
DM conversation ids `{id}-{id}`, field lists with `%2C` (X); bucket names with dots, object
names in one segment with `%2F`, `%3A` and `%3D`, `/download/storage/v1/…?alt=media`, ACL
entities `user-…%40…`/`allUsers`/`project-owners-{number}`, 61-char HMAC access ids, managed
folders ending `%2F`, zones as cache ids, `prettyPrint=false` (GCS); `{gem}.json`,
`{full_name}.json` and `{full_name}.gem` with prerelease versions and platforms
(`nokogiri-1.16.7-x86_64-linux`), `Marshal.4.8` and `specs.4.8.gz` literals with dots, a
compact index in text answered 206 to ranges, web hooks keyed by gem name and `all gems`
(RubyGems); `.php` path segments, the OCS envelope (v1 status 100, v2 200), `activity/filters`
beside `activity/{filter}`, Talk room tokens, user ids as names, e-mail addresses and LDAP
UUIDs, group names with `%20`, avatar sizes, `theme/{themeId}.css`, WebDAV downloads at one
folder depth, trash entries `{filename}.d{deletedAt}`, version timestamps, `.ics` and `.vcf`
by UID, shared calendars `{name}_shared_by_{owner}`, 304 for long-polled chat (Nextcloud);
`movie/popular`, `now_playing`, `latest` beside movie ids, seasons `0` (specials) and episodes,
`trending/{media_type}/{time_window}` over closed sets, IMDb ids `tt…`/`nm…`, 24-hex review and
credit ids, an `api_key` in every query (TMDB); resources by id or by name with hyphens
(`mr-mime`, `charizard-mega-x`), ids 10001+ for forms, a trailing slash on every path but
`encounters` (PokéAPI); usernames `mapbox` beside an account, cuid style ids, the four sprite
files, `{fontstack}/{range}.pbf` with `%20` and raw commas, tileset ids with dots and commas
(`mapbox.mapbox-streets-v8,mapbox.mapbox-terrain-v2.json`), tiles `{y}.vector.pbf`,
`{y}@2x.pngraw`, `{y}@2x.webp`, static images `{lon},{lat},{zoom}/{width}x{height}@2x`,
geocoding text `{search_text}.json`, coordinate lists with raw `;`, base64url Search Box ids, the
bare `secure` query flag and `sku` tokens (Mapbox); `main` as a location and program id,
`merchants/me`, `customers/groups` and `/segments` beside customer ids, `inventory/{id}/changes`
beside `inventory/changes/{id}`, prefixed ids with `:` as the SDK sends them (`inv%3A0-…`,
`ccof%3A…`, `gftc%3A…`, `gv2%3A…`, `device%3A…`), refund ids `{payment_id}_{suffix}`, `po_` UUIDs
(Square); ObjectIds beside `slug/{slug}`, `users/me`, a single resource answered as a list of
one, `/{slug}/` at the root beside `/rss/`, `/tag/`, `/author/`, images under
`{year}/{month}` with `size/w600` and `size/w600/format/webp` (Ghost); `series/lookup`,
`tag/detail` and `queue/details` beside ids, paged envelopes, `MediaCover/{seriesId}/poster-500.jpg`
with `lastWrite` ticks, log files `sonarr.0.txt`, `Sonarr.ics` (Sonarr).
Non-JSON answers: Hugging Face's files and redirects; Box's thumbnails; GCS's object media and
its text miss; RubyGems' text index, gems, gemspecs, specs and plain-text misses;
Nextcloud's avatars, previews, CSS, files, calendars and cards and its WebDAV XML errors;
Mapbox's sprites, glyphs, tiles, raster and static images and WMTS XML; Ghost's HTML pages,
images, RSS and sitemap; Sonarr's logs, covers and iCalendar feed.

Left out as not learnable at a fixed depth: Hugging Face files in subfolders (`onnx/model.onnx`)
and the parquet conversion paths, WebDAV paths at other folder depths, Mapbox static images
with overlays, GCS's XML API paths with raw slashes. Left out as other hosts or not plain GETs:
PokéAPI's sprites, TMDB's images, X's streams. Kept as the real API has them: Mapbox's optional
`@2x` gives `{y}.{format}` beside `{y}@2x.{format}` (a `@2x` path fits both patterns), Square's
deprecated `inventory/{catalog_object_id}/changes` crosses `inventory/changes/{change_id}`, and
RubyGems' file names are one `{full_name}` (name, version and platform joined by hyphens, as
RubyGems names them) because gem names and platforms hold hyphens too.

Session 34, seventh batch: written by a helper that knew nothing of the learner's rules, held
out from session 34's first rule (a file named by an id: written and measured before the batch
existed; the prompt named no path shape) and run on both builds at 600 and 2,000 requests in
three views: 21 of 72 runs at 0.95 or more on session 33's build, 21 with the rule (Ghost and
Nextcloud a little up). After it was measured, its failures gave a second rule (four or more
files' names in one place are values: Sonarr's covers, Ghost's images) and a third (ids in
capitals of one length join a literal of their form: Square's): 28 of 72.

`traffic(client, n, seed, path)` writes `n` exchanges as JSON Lines and returns the templates
requested, each with the tuples of values its parameters took.
"""
import base64
import math
import os
import re
import sys
from urllib.parse import quote, unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
from clients2 import B62, B64URL, WORDS, _s, _uuid  # noqa: E402
from clients3 import UPPER, _hex  # noqa: E402
from clients4 import JPEG, LOWER, _hot  # noqa: E402
from clients5 import _email  # noqa: E402
from clients6 import PDF, PNG, _member, _weighted  # noqa: E402

WEBP = "RIFF\u0000\u0010\u0000\u0000WEBPVP8 \u0000\u0008\u0000\u0000"
GZIP = "\u001f\u008b\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u0003"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _values(t, path):
    """The values `path` gives the parameters of template `t` (for error bodies)."""
    rx = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]*?)", re.escape(t))
    m = re.fullmatch(rx, path)
    return m.groupdict() if m else {}


def _oid(rng, lo=1_672_531_200, hi=1_763_650_000):
    """A 24-hex ObjectId (MongoDB, Ghost, Hugging Face): a timestamp then 16 hex digits."""
    return "%08x" % rng.randrange(lo, hi) + _hex(rng, 16)


# -- Hugging Face Hub ------------------------------------------------------------------------------

# (namespace, repo, kind, shards)
HF_MODELS = [("meta-llama", "Llama-3.1-8B-Instruct", "llm", 4), ("Qwen", "Qwen2.5-7B-Instruct", "llm", 4),
             ("sentence-transformers", "all-MiniLM-L6-v2", "st", 1),
             ("mistralai", "Mistral-7B-Instruct-v0.3", "llm", 3),
             ("BAAI", "bge-large-en-v1.5", "st", 1), ("google-bert", "bert-base-uncased", "bert", 1),
             ("openai", "whisper-large-v3", "whisper", 1), ("black-forest-labs", "FLUX.1-dev", "diffusers", 1),
             ("meta-llama", "Llama-3.2-1B", "llm", 1), ("TheBloke", "Llama-2-7B-Chat-GGUF", "gguf", 0),
             ("deepseek-ai", "DeepSeek-R1-Distill-Qwen-7B", "llm", 2), ("openai-community", "gpt2", "bert", 1),
             ("Qwen", "Qwen2.5-Coder-32B-Instruct", "llm", 14), ("intfloat", "multilingual-e5-large", "st", 1),
             ("stabilityai", "stable-diffusion-xl-base-1.0", "diffusers", 1), ("microsoft", "Phi-3.5-mini-instruct",
                                                                                "llm", 2),
             ("bartowski", "Meta-Llama-3.1-8B-Instruct-GGUF", "gguf", 0), ("google", "gemma-2-9b-it", "llm", 4),
             ("FacebookAI", "xlm-roberta-base", "bert", 1), ("acme", "ticket-router-v3", "bert", 1)]
# (namespace, name, configs, splits, root files)
HF_DATASETS = [("HuggingFaceFW", "fineweb-edu", ["default", "sample-10BT", "CC-MAIN-2024-10"], ["train"]),
               ("openai", "gsm8k", ["main", "socratic"], ["train", "test"]),
               ("cais", "mmlu", ["all", "abstract_algebra", "high_school_physics", "college_medicine"],
                ["test", "validation", "dev", "auxiliary_train"]),
               ("acme", "support-tickets-2026", ["default"], ["train", "test"]),
               ("HuggingFaceH4", "ultrachat_200k", ["default"], ["train_sft", "test_sft", "train_gen", "test_gen"]),
               ("allenai", "c4", ["en", "en.noblocklist", "realnewslike"], ["train", "validation"]),
               ("rajpurkar", "squad", ["plain_text"], ["train", "validation"]),
               ("mozilla-foundation", "common_voice_17_0", ["en", "de", "fr", "ja", "zh-CN"],
                ["train", "test", "validation", "other", "invalidated"]),
               ("nyu-mll", "glue", ["cola", "sst2", "mrpc", "qqp", "mnli"], ["train", "validation", "test"]),
               ("tatsu-lab", "alpaca", ["default"], ["train"])]
HF_SPACES = [("acme", "ticket-router-demo"), ("open-llm-leaderboard", "open_llm_leaderboard"),
             ("gradio", "hello_world"),
             ("black-forest-labs", "FLUX.1-dev"), ("mteb", "leaderboard"), ("jdoe", "whisper-webui"),
             ("stabilityai", "stable-diffusion-3.5-large")]


def _hf_files(m):
    ns, repo, kind, shards = m
    if kind == "gguf":
        base = repo[:-5]
        quants = ["Q4_K_M", "Q5_K_M", "Q8_0", "Q2_K", "IQ4_XS"]
        if ns == "TheBloke":
            return ["README.md", "config.json", ".gitattributes"] + ["%s.%s.gguf" % (base.lower(), q) for q in quants]
        return ["README.md", ".gitattributes"] + ["%s-%s.gguf" % (base, q) for q in quants]
    files = ["config.json", "README.md", ".gitattributes"]
    if kind == "llm":
        files += ["generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]
        files += ["model.safetensors"] if shards == 1 else ["model.safetensors.index.json"] + [
            "model-%05d-of-%05d.safetensors" % (k, shards) for k in range(1, shards + 1)]
    elif kind == "st":
        files += ["modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "model.safetensors",
                  "tokenizer.json", "vocab.txt", "pytorch_model.bin"]
    elif kind == "bert":
        files += ["model.safetensors", "pytorch_model.bin", "tokenizer.json", "tokenizer_config.json", "vocab.txt"]
    elif kind == "whisper":
        files += ["model.safetensors", "preprocessor_config.json", "tokenizer.json", "added_tokens.json",
                  "generation_config.json", "normalizer.json"]
    else:
        files = ["model_index.json", "README.md", ".gitattributes"] + (
            ["flux1-dev.safetensors", "ae.safetensors"] if "FLUX" in repo else ["sd_xl_base_1.0.safetensors",
                                                                                "sd_xl_offset_example-lora_1.0"
                                                                                ".safetensors"])
    return files


def _hf_dirs(m):
    ns, repo, kind, _ = m
    if kind == "diffusers":
        return ["transformer", "text_encoder_2", "vae", "scheduler", "tokenizer"] if "FLUX" in repo else [
            "unet", "vae", "text_encoder", "tokenizer", "scheduler"]
    if kind == "st":
        return ["1_Pooling", "onnx", "openvino"]
    if ns == "meta-llama":
        return ["original"]
    if kind == "bert" and ns != "acme":
        return ["onnx"]
    return []


def huggingface(rng):
    A = "/api"
    M = A + "/models/{namespace}/{repo}"
    D = A + "/datasets/{namespace}/{dataset}"
    S = A + "/spaces/{namespace}/{space}"
    T = [(A + "/models", "list"), (M, "info"), (M + "/revision/{revision}", "info"), (M + "/tree/{revision}", "tree"),
         (M + "/tree/{revision}/{path}", "tree"), (M + "/refs", "refs"), (M + "/commits/{revision}", "commits"),
         (M + "/discussions", "discussions"), (M + "/discussions/{num}", "discussion"), (A + "/datasets", "list"),
         (D, "info"), (D + "/revision/{revision}", "info"), (D + "/tree/{revision}", "tree"), (D + "/refs", "refs"),
         (D + "/parquet", "parquet"), (D + "/parquet/{config}/{split}", "urls"), (D + "/croissant", "croissant"),
         (A + "/spaces", "list"), (S, "info"), (S + "/runtime", "runtime"), (A + "/whoami-v2", "whoami"),
         (A + "/models-tags-by-type", "tags"), (A + "/users/{username}/overview", "o"),
         (A + "/organizations/{organization}/overview", "o"), (A + "/collections/{namespace}/{slug}", "o"),
         (A + "/papers/{paperId}", "o"), (A + "/daily_papers", "p"),
         ("/{namespace}/{repo}/resolve/{revision}/{filename}", "file"),
         ("/datasets/{namespace}/{dataset}/resolve/{revision}/{filename}", "file")]
    shas = {m[1]: _hex(rng, 40) for m in HF_MODELS}
    shas.update({d[1]: _hex(rng, 40) for d in HF_DATASETS})
    collections = [("meta-llama", "llama-32-" + _oid(rng)), ("Qwen", "qwen25-" + _oid(rng)),
                   ("acme", "eval-candidates-" + _oid(rng)), ("HuggingFaceTB", "smollm2-" + _oid(rng)),
                   ("jdoe", "embedding-models-" + _oid(rng))]
    papers = ["2310.06825", "2407.21783", "2501.12948", "1706.03762", "2412.19437", "2305.18290", "2402.03300"]
    state = {}

    def namespace():
        t = state["tpl"]
        if "/datasets/" in t:
            state["ds"] = _weighted(rng, HF_DATASETS)
            return state["ds"][0]
        if "/spaces/" in t:
            state["sp"] = _weighted(rng, HF_SPACES)
            return state["sp"][0]
        if "/collections/" in t:
            state["coll"] = rng.choice(collections)
            return state["coll"][0]
        pool = [m for m in HF_MODELS if _hf_dirs(m)] if "{path}" in t else HF_MODELS
        state["m"] = _weighted(rng, pool)
        return state["m"][0]

    def revision():
        name = state["ds"][1] if "/datasets/" in state["tpl"] else state["m"][1]
        r = rng.random()
        if r < .72:
            return "main"
        if r < .9:
            return shas[name]
        if r < .96 and "/datasets/" not in state["tpl"]:
            return "refs%2Fpr%2F" + str(rng.randrange(1, 60))
        return _hex(rng, 40)

    def filename():
        if "/datasets/" in state["tpl"]:
            d = state["ds"]
            return rng.choice(["README.md", ".gitattributes", "tickets.jsonl", "labels.csv"] if d[0] == "acme"
                              else ["README.md", ".gitattributes", "dataset_infos.json"])
        return _weighted(rng, _hf_files(state["m"]))

    def paper():
        return _hot(rng, papers, .6, lambda: "2%d%02d.%05d" % (rng.randrange(3, 6), rng.randrange(1, 13),
                                                               rng.randrange(1, 21000)))
    V = {"namespace": namespace, "repo": lambda: state["m"][1], "dataset": lambda: state["ds"][1],
         "space": lambda: state["sp"][1], "revision": revision, "path": lambda: rng.choice(_hf_dirs(state["m"])),
         "num": lambda: str(rng.randrange(1, 140)), "config": lambda: _weighted(rng, state["ds"][2]),
         "split": lambda: _weighted(rng, state["ds"][3]), "slug": lambda: state["coll"][1], "filename": filename,
         "username": lambda: rng.choice(["jdoe", "julien-c", "osanseviero", "clem", "TheBloke", "bartowski", "merve"]),
         "organization": lambda: rng.choice(["acme", "meta-llama", "huggingface", "google", "mistralai"]),
         "paperId": paper}
    Q = {A + "/models": lambda: rng.choice(["?search=" + rng.choice(["llama", "qwen", "bert", "whisper", "embedding"])
                                            + "&sort=downloads&direction=-1&limit=20",
                                            "?author=" + rng.choice(["acme", "meta-llama", "Qwen"])
                                            + "&expand=downloads&expand=likes&expand=lastModified",
                                            "?filter=" + rng.choice(["text-generation", "sentence-similarity",
                                                                     "gguf", "text-to-image"])
                                            + "&sort=trending&limit=50&full=true"]),
         M: lambda: rng.choice(["", "?blobs=true", "?expand=safetensors&expand=cardData"]) or "?",
         M + "/tree/{revision}": lambda: rng.choice(["", "?recursive=true&expand=false", "?expand=true"]) or "?",
         M + "/tree/{revision}/{path}": lambda: rng.choice(["", "?recursive=true&expand=false"]) or "?",
         D + "/tree/{revision}": lambda: rng.choice(["", "?recursive=true&expand=false", "?cursor=" + base64.b64encode(
             b'{"file_name":"data/train-00007-of-00016.parquet"}').decode().rstrip("=") + "&recursive=true"]) or "?",
         M + "/discussions": lambda: "?p=0&type=" + rng.choice(["all", "pull_request", "discussion"]) + "&status=open",
         A + "/datasets": lambda: rng.choice(["?search=" + rng.choice(WORDS) + "&limit=100", "?author=acme&full=true",
                                              "?filter=task_categories%3Atext-classification&sort=downloads&limit=50"]),
         A + "/spaces": lambda: "?author=" + rng.choice(["acme", "jdoe", "gradio"]) + "&sort=likes&limit=50",
         A + "/daily_papers": lambda: rng.choice(["?date=2026-11-%02d" % rng.randrange(1, 21), "?limit=50&p=0"])}
    return T, V, Q, "huggingface", state


def _hf_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    repo_id = (v.get("namespace", "") + "/" + (v.get("repo") or v.get("dataset") or v.get("space") or "")).strip("/")
    if kind == "file":
        name = v["filename"]
        if name.endswith((".safetensors", ".bin", ".gguf")):
            return 302, "text/plain; charset=utf-8", ("Found. Redirecting to https://cas-bridge.xethub.hf.co/xet-bridge"
                                                      "-us/" + _hex(rng, 24) + "/" + _hex(rng, 64)
                                                      + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600"
                                                      "&X-Amz-Signature=" + _hex(rng, 64))
        if name.endswith(".json"):
            body = {"model_index.json": {"_class_name": "FluxPipeline", "_diffusers_version": "0.30.0"},
                    "config.json": {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
                                    "torch_dtype": "bfloat16", "transformers_version": "4.46.2"},
                    "model.safetensors.index.json": {"metadata": {"total_size": 16060522496},
                                                     "weight_map": {"lm_head.weight":
                                                                    "model-00004-of-00004.safetensors"}}}.get(
                name, {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "model_max_length": 131072})
            return js, body
        if name.endswith(".csv"):
            return "text/csv; charset=utf-8", "text,label\n\"Cannot log in after reset\",account\n"
        if name.endswith(".jsonl"):
            return "text/plain; charset=utf-8", '{"text": "Refund not received", "label": "billing"}\n'
        if name == ".gitattributes":
            return "text/plain; charset=utf-8", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"
        if name == "vocab.txt":
            return "text/plain; charset=utf-8", "[PAD]\n[unused0]\n[unused1]\n"
        return "text/plain; charset=utf-8", "---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n\n# " \
            + repo_id + "\n"
    if kind == "list":
        return js, [dict(item, id=repo_id or "acme/x"), dict(item)]
    if kind == "info":
        return js, dict(item, _id=_oid(rng), id=repo_id, author=v["namespace"], sha=_hex(rng, 40), private=False,
                        gated=False, downloads=rng.randrange(10 ** 6), likes=rng.randrange(5000),
                        lastModified="2026-11-18T09:12:44.000Z", tags=["transformers", "safetensors"],
                        siblings=[{"rfilename": "config.json"}, {"rfilename": "model.safetensors"}])
    if kind == "tree":
        return js, [dict(item, type="file", oid=_hex(rng, 40), size=rng.randrange(10 ** 3, 10 ** 10),
                         path="config.json"), {"type": "directory", "oid": _hex(rng, 40), "size": 0, "path": "onnx"}]
    if kind == "refs":
        return js, {"branches": [{"name": "main", "ref": "refs/heads/main", "targetCommit": _hex(rng, 40)}],
                    "converts": [], "tags": [], _member(t): True}
    if kind == "commits":
        return js, [dict(item, id=_hex(rng, 40), title="Upload folder using huggingface_hub",
                         authors=[{"user": "jdoe"}], date="2026-11-18T09:12:44.000Z")]
    if kind == "discussions":
        return js, {"discussions": [item, dict(item)], "count": 2, "start": 0, "numClosedDiscussions": 3}
    if kind == "discussion":
        return js, dict(item, num=int(v["num"]), title="Add chat template", status="open", isPullRequest=True,
                        events=[{"type": "comment", "author": {"name": "jdoe"}}])
    if kind == "parquet":
        return js, {"default": {"train": ["https://huggingface.co/api/datasets/" + repo_id + "/parquet/default/train"
                                          "/0.parquet"]}, _member(t): True}
    if kind == "urls":
        return js, ["https://huggingface.co/api/datasets/%s/parquet/%s/%s/%d.parquet" % (repo_id, v["config"],
                                                                                          v["split"], k)
                    for k in range(2)]
    if kind == "croissant":
        return "application/ld+json; charset=utf-8", {"@context": {"@language": "en", "@vocab": "https://schema.org/"},
                                                      "@type": "sc:Dataset", "name": repo_id, "distribution": [item]}
    if kind == "runtime":
        return js, {"stage": rng.choice(["RUNNING", "SLEEPING", "BUILDING"]), "hardware": {"current": "cpu-basic",
                                                                                      "requested": "cpu-basic"},
                    "storage": None, "gcTimeout": 172800, "replicas": {"current": 1, "requested": 1},
                    "sdk": "gradio", _member(t): True}
    if kind == "whoami":
        return js, dict(item, type="user", name="jdoe", fullname="Jane Doe", orgs=[{"name": "acme"}],
                        auth={"type": "access_token", "accessToken": {"displayName": "ci", "role": "read"}})
    if kind == "tags":
        return js, {"library": [{"id": "transformers", "label": "Transformers"}], "pipeline_tag": [item]}
    if kind == "p":
        return js, [item, dict(item)]
    return js, item


# -- Box Content API 2.0 ---------------------------------------------------------------------------

BOX_TEMPLATES = ["contractDetails", "invoiceData", "marketingAsset", "hrOnboarding", "customerNda"]


def box(rng):
    A = "/2.0"
    D = A + "/folders/{folder_id}"
    F = A + "/files/{file_id}"
    MT = A + "/metadata_templates"
    T = [(A + "/users/me", "user"), (A + "/users/{user_id}", "user"), (A + "/users/{user_id}/memberships", "entries"),
         (D, "folder"), (D + "/items", "items"), (D + "/collaborations", "entries"), (D + "/metadata", "entries"),
         (D + "/metadata/{scope}/{template_key}", "metadata"), (A + "/folders/trash/items", "items"), (F, "file"),
         (F + "/content", "content"), (F + "/versions", "entries"), (F + "/versions/{file_version_id}", "file_version"),
         (F + "/thumbnail.{extension}", "thumb"), (F + "/comments", "entries"), (F + "/collaborations", "entries"),
         (F + "/metadata", "entries"), (F + "/metadata/{scope}/{template_key}", "metadata"), (F + "/trash", "file"),
         (A + "/comments/{comment_id}", "comment"), (A + "/collaborations/{collaboration_id}", "collaboration"),
         (A + "/collaborations", "entries"), (A + "/collections", "entries"),
         (A + "/collections/{collection_id}/items", "items"), (A + "/search", "items"), (A + "/events", "events"),
         (A + "/recent_items", "recent"), (A + "/shared_items", "file"), (MT + "/enterprise", "entries"),
         (MT + "/global", "entries"), (MT + "/{template_id}", "metadata_template"),
         (MT + "/{scope}/{template_key}/schema", "metadata_template"), (A + "/groups/{group_id}", "group"),
         (A + "/groups/{group_id}/memberships", "entries"), (A + "/webhooks/{webhook_id}", "webhook")]
    folders = [str(rng.randrange(100_000_000_000, 299_999_999_999)) for _ in range(10)]
    files = [str(rng.randrange(1_000_000_000_000, 1_750_000_000_000)) for _ in range(14)]
    users = [str(rng.randrange(10_000_000, 40_000_000_000)) for _ in range(8)]
    enterprise = "enterprise_" + str(rng.randrange(20_000, 1_500_000))
    template_ids = [_uuid(rng) for _ in range(5)]
    favorites = [str(rng.randrange(900_000_000, 999_999_999)) for _ in range(2)]
    groups = [str(rng.randrange(100_000_000, 30_000_000_000)) for _ in range(4)]
    state = {}

    def scope():
        r = rng.random()
        state["scope"] = "global" if r < .25 else enterprise if r < .8 else "enterprise"
        return state["scope"]

    def template_key():
        return "properties" if state["scope"] == "global" else _weighted(rng, BOX_TEMPLATES)
    V = {"user_id": lambda: _hot(rng, users, .7, lambda: str(rng.randrange(10_000_000, 40_000_000_000))),
         "folder_id": lambda: "0" if rng.random() < .35 else _hot(rng, folders, .7, lambda: str(
             rng.randrange(100_000_000_000, 299_999_999_999))),
         "file_id": lambda: _hot(rng, files, .45, lambda: str(rng.randrange(1_000_000_000_000, 1_750_000_000_000))),
         "file_version_id": lambda: str(rng.randrange(1_100_000_000_000, 1_900_000_000_000)),
         "extension": lambda: rng.choices(["png", "jpg"], [7, 3])[0], "scope": scope, "template_key": template_key,
         "comment_id": lambda: str(rng.randrange(400_000_000, 5_999_999_999)),
         "collaboration_id": lambda: str(rng.randrange(40_000_000_000, 59_999_999_999)),
         "collection_id": lambda: rng.choice(favorites), "template_id": lambda: rng.choice(template_ids),
         "group_id": lambda: rng.choice(groups), "webhook_id": lambda: str(rng.choice([1234567, 2719384, 4412093]))}
    fields = "fields=id,type,name,size,modified_at,sha1,etag,path_collection"
    Q = {D: lambda: rng.choice(["", "?" + fields + ",item_collection"]) or "?",
         D + "/items": lambda: rng.choice(["?limit=1000&offset=0&" + fields, "?usemarker=true&limit=1000&marker="
                                           + _s(rng, B62, 32) + "&" + fields,
                                           "?sort=name&direction=ASC&limit=100&offset=" + str(100 * rng.randrange(4))]),
         F: lambda: rng.choice(["", "?" + fields + ",file_version,shared_link,lock", "?fields=representations"]) or "?",
         F + "/content": lambda: rng.choice(["", "?version=" + str(rng.randrange(1_100_000_000_000,
                                                                                  1_900_000_000_000))]) or "?",
         F + "/thumbnail.{extension}": lambda: "?min_height=%d&min_width=%d" % ((rng.choice([64, 128, 256, 320]),) * 2),
         F + "/versions": lambda: "?limit=1000&offset=0",
         A + "/search": lambda: rng.choice(["?query=" + quote(rng.choice(["Q4 report", "invoice", "NDA",
                                                                           "onboarding checklist"]))
                                            + "&type=file&file_extensions=pdf,docx&limit=100&offset=0",
                                            "?query=" + rng.choice(WORDS) + "&ancestor_folder_ids="
                                            + rng.choice(folders) + "&limit=100&offset=0"]),
         A + "/events": lambda: rng.choice(["?stream_position=now", "?stream_position=" + str(rng.randrange(
             10 ** 15, 10 ** 16)) + "&stream_type=all&limit=500", "?stream_type=admin_logs_streaming&limit=500"]),
         A + "/collaborations": lambda: "?status=pending", A + "/recent_items": lambda: "?limit=100&" + fields,
         A + "/folders/trash/items": lambda: "?limit=1000&offset=0", MT + "/enterprise": lambda: "?limit=100",
         A + "/groups/{group_id}/memberships": lambda: "?limit=1000&offset=0"}
    return T, V, Q, "box", state


def _box_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    order = [{"by": "type", "direction": "ASC"}, {"by": "name", "direction": "ASC"}]
    if kind == "content":
        return 302, None, ""
    if kind == "thumb":
        return (200, "image/png", PNG) if path.endswith(".png") else (200, "image/jpeg", JPEG)
    if kind in ("entries", "items"):
        if query and "usemarker=true" in query:
            return js, {"entries": [item, dict(item)], "limit": 1000, "next_marker": _s(rng, B62, 32)}
        return js, {"total_count": 2, "entries": [item, dict(item)], "offset": 0, "limit": 100, "order": order}
    if kind == "events":
        return js, {"chunk_size": 2, "next_stream_position": str(rng.randrange(10 ** 15, 10 ** 16)),
                    "entries": [{"type": "event", "event_id": _uuid(rng), "event_type": "ITEM_UPLOAD",
                                 "source": item}, {"type": "event", "event_id": _uuid(rng),
                                                   "event_type": "ITEM_PREVIEW", "source": dict(item)}]}
    if kind == "recent":
        return js, {"entries": [{"type": "recent_item", "interaction_type": "item_preview", "item": item}],
                    "limit": 100, "next_marker": ""}
    if kind == "metadata":
        key = v.get("template_key", "properties")
        return js, dict(item, **{"$id": _uuid(rng), "$version": 3, "$type": key + "-" + _uuid(rng),
                                 "$parent": "file_" + v.get("file_id", v.get("folder_id", "0")),
                                 "$typeVersion": 2, "$template": key, "$scope": v.get("scope", "global"),
                                 "$canEdit": True})
    ident = next((x for x in v.values()), str(i))
    return js, dict(item, type=kind, id=ident if ident != "me" else str(rng.randrange(10 ** 8, 10 ** 10)),
                    etag="1", name=kind + "-" + ident)


# -- X (Twitter) API v2 ----------------------------------------------------------------------------

def _snowflake(rng, lo=1_704_067_200_000, hi=1_763_650_000_000):
    return str(((rng.randrange(lo, hi) - 1_288_834_974_657) << 22) | rng.getrandbits(22))


def twitter(rng):
    A = "/2"
    Tw = A + "/tweets/{id}"
    U = A + "/users/{id}"
    T = [(A + "/tweets", "many"), (Tw, "one"), (Tw + "/liking_users", "page"), (Tw + "/retweeted_by", "page"),
         (Tw + "/quote_tweets", "page"), (A + "/tweets/search/recent", "search"),
         (A + "/tweets/counts/recent", "counts"),
         (A + "/tweets/search/stream/rules", "rules"), (A + "/users/me", "one"), (A + "/users", "many"), (U, "one"),
         (A + "/users/by", "many"), (A + "/users/by/username/{username}", "one"), (U + "/tweets", "page"),
         (U + "/mentions", "page"), (U + "/followers", "page"), (U + "/following", "page"),
         (U + "/liked_tweets", "page"),
         (U + "/timelines/reverse_chronological", "page"), (U + "/bookmarks", "page"), (U + "/owned_lists", "page"),
         (U + "/list_memberships", "page"), (A + "/lists/{id}", "one"), (A + "/lists/{id}/tweets", "page"),
         (A + "/lists/{id}/members", "page"), (A + "/spaces/{id}", "one"), (A + "/spaces/search", "many"),
         (A + "/spaces/by/creator_ids", "many"), (A + "/dm_conversations/with/{participant_id}/dm_events", "page"),
         (A + "/dm_conversations/{dm_conversation_id}/dm_events", "page"), (A + "/dm_events", "page"),
         (A + "/compliance/jobs", "many"), (A + "/compliance/jobs/{id}", "one"), (A + "/usage/tweets", "one")]
    own = [str(rng.randrange(10_000_000, 99_999_999)), str(rng.randrange(1_000_000_000, 1_999_999_999)),
           _snowflake(rng, 1_500_000_000_000, 1_600_000_000_000)]
    famous = ["783214", "44196397", "12", "2244994945", "6253282", "11348282", "50393960", "813286", "17919972"]
    followed = [rng.choice([str(rng.randrange(10_000, 3_000_000_000)), _snowflake(rng, 1_400_000_000_000)])
                for _ in range(20)]
    hot_tweets = [_snowflake(rng, 1_760_000_000_000) for _ in range(8)]
    lists = [_snowflake(rng, 1_450_000_000_000) for _ in range(4)]
    spaces = ["1" + _s(rng, B62, 12) for _ in range(5)]
    names = ["XDevelopers", "elonmusk", "nasa", "github", "rustlang", "BBCBreaking", "acme", "acmesupport", "jack",
             "the_real_maria", "jdoe_42", "NYTimes"]
    state = {}

    def user():
        r = rng.random()
        return rng.choices(own, [8, 2, 1])[0] if r < .35 else rng.choice(famous) if r < .55 else rng.choice(
            followed) if r < .85 else rng.choice([str(rng.randrange(10_000, 3_000_000_000)), _snowflake(
                rng, 1_300_000_000_000)])

    def ident():
        t = state["tpl"]
        if t.startswith(A + "/tweets/"):
            return _hot(rng, hot_tweets, .3, lambda: _snowflake(rng))
        if t.startswith(A + "/users/"):
            if t.endswith(("/reverse_chronological", "/bookmarks")):
                return rng.choices(own, [8, 2, 1])[0]
            return user()
        if t.startswith(A + "/lists/"):
            return _hot(rng, lists, .8, lambda: _snowflake(rng, 1_400_000_000_000))
        if t.startswith(A + "/spaces/"):
            return _hot(rng, spaces, .5, lambda: "1" + _s(rng, B62, 12))
        return _snowflake(rng, 1_760_000_000_000)

    def conversation():
        if rng.random() < .2:
            return _snowflake(rng, 1_600_000_000_000)
        a, b = sorted([rng.choices(own, [8, 2, 1])[0], user()], key=int)
        return a + "-" + b
    V = {"id": ident, "username": lambda: _hot(rng, names, .7, lambda: rng.choice(WORDS) + "_" + str(
        rng.randrange(1, 999))), "participant_id": user, "dm_conversation_id": conversation}
    tf = "tweet.fields=" + quote("created_at,public_metrics,conversation_id,entities,referenced_tweets", safe="")
    uf = "user.fields=" + quote("created_at,description,public_metrics,verified,profile_image_url", safe="")
    exp = "expansions=" + quote("author_id,attachments.media_keys,referenced_tweets.id", safe="")

    def page():
        q = "?max_results=100"
        if rng.random() < .3:
            q += "&pagination_token=" + _s(rng, UPPER, 16)
        return q + "&" + rng.choice([tf, uf, exp + "&" + tf])

    def search():
        q = rng.choice(["from:XDevelopers -is:retweet", "#rustlang lang:en", "acme (outage OR down) -is:retweet",
                        "to:acmesupport", "url:\"acme.com\" has:links"])
        return "?query=" + quote(q, safe="") + "&max_results=100&" + tf + rng.choice(
            ["", "&next_token=" + _s(rng, LOWER, 45), "&since_id=" + _snowflake(rng, 1_763_000_000_000)])
    Q = {A + "/tweets": lambda: "?ids=" + "%2C".join(_snowflake(rng) for _ in range(rng.randrange(2, 8))) + "&" + tf,
         Tw: lambda: "?" + exp + "&" + tf + "&" + uf, A + "/users/me": lambda: "?" + uf,
         A + "/users": lambda: "?ids=" + "%2C".join(user() for _ in range(rng.randrange(2, 6))) + "&" + uf,
         U: lambda: "?" + uf, A + "/users/by": lambda: "?usernames=" + "%2C".join(rng.sample(names, 3)) + "&" + uf,
         A + "/users/by/username/{username}": lambda: "?" + uf, A + "/tweets/search/recent": search,
         A + "/tweets/counts/recent": lambda: "?query=" + quote(rng.choice(["acme", "#rustlang", "from:acme"]),
                                                                safe="") + "&granularity=" + rng.choice(
             ["hour", "day", "minute"]),
         A + "/spaces/search": lambda: "?query=" + rng.choice(WORDS) + "&state=" + rng.choice(["live", "scheduled",
                                                                                                 "all"]),
         A + "/spaces/by/creator_ids": lambda: "?user_ids=" + "%2C".join(rng.sample(famous, 2)),
         A + "/spaces/{id}": lambda: "?space.fields=" + quote("host_ids,created_at,participant_count,title", safe=""),
         A + "/compliance/jobs": lambda: "?type=" + rng.choice(["tweets", "users"]),
         A + "/usage/tweets": lambda: "?days=" + rng.choice(["7", "30", "90"]),
         A + "/dm_events": lambda: "?dm_event.fields=" + quote("id,text,event_type,created_at,sender_id", safe="")}
    for t, k in T:
        if k == "page" and t not in Q:
            Q[t] = page
    return T, V, Q, "twitter", state


def _twitter_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    if "/users" in t or "_users" in t or "/followers" in t or "/following" in t or "/members" in t:
        extra = {"username": "acme", "name": "Acme"}
    elif "/lists" in t or "_lists" in t or "list_memberships" in t:
        extra = {"name": "Rust people", "private": False}
    else:
        extra = {"text": "Shipping the new API today", "edit_history_tweet_ids": []}
    data = dict(item, id=v.get("id") or _snowflake(rng), **extra)
    if kind != "one":
        data = dict(data, id=_snowflake(rng))
    if kind == "one":
        body = {"data": data}
        if query and "expansions=" in query:
            body["includes"] = {"users": [{"id": "783214", "name": "X", "username": "X"}]}
        return js, body
    if kind == "many":
        return js, {"data": [data, dict(data)]}
    if kind in ("page", "search"):
        if rng.random() < .08:
            return js, {"meta": {"result_count": 0}}
        meta = {"result_count": 2, "next_token": _s(rng, UPPER, 16)}
        if kind == "search":
            meta = {"newest_id": _snowflake(rng), "oldest_id": _snowflake(rng), "result_count": 2,
                    "next_token": _s(rng, LOWER, 45)}
        return js, {"data": [data, dict(data)], "meta": meta}
    if kind == "counts":
        return js, {"data": [{"end": "2026-11-20T10:00:00.000Z", "start": "2026-11-20T09:00:00.000Z",
                              "tweet_count": rng.randrange(500)}], "meta": {"total_tweet_count": 1234},
                    _member(t): True}
    return js, {"data": [dict(item, id=_snowflake(rng), value="acme -is:retweet", tag="brand")],
                "meta": {"sent": "2026-11-20T10:00:00.000Z", "result_count": 1}}


def _twitter_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if "{" not in t:
        return 429, js, {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank",
                         "status": 429}
    v = _values(t, path)
    param, value = next(iter(v.items()))
    res = {"tweets": "tweet", "users": "user", "lists": "list", "spaces": "space", "compliance": "job",
           "dm_conversations": "user" if param == "participant_id" else "dm_conversation"}[t.split("/")[2]]
    detail = "Could not find %s with %s: [%s]." % (res, param if param != "participant_id" else "id", value)
    return 200, js, {"errors": [{"value": value, "detail": detail, "title": "Not Found Error", "resource_type": res,
                                 "parameter": param, "resource_id": value,
                                 "type": "https://api.twitter.com/2/problems/resource-not-found"}]}


# -- Google Cloud Storage JSON API -----------------------------------------------------------------

def _gcs_objects(rng, bucket):
    d = "2026-11-%02d" % rng.randrange(1, 21)
    h = "%02d" % rng.randrange(24)
    if bucket.startswith("www."):
        return rng.choice(["index.html", "about/index.html", "404.html", "assets/app.4f3a9c1e.css",
                           "assets/main.8b7e6d5c.js", "favicon.ico"])
    if "assets" in bucket:
        return rng.choice(["images/2026/11/" + _hex(rng, 8) + "-hero.jpg", "images/avatars/" + _uuid(rng) + ".png",
                           "fonts/Inter-Var.woff2", "docs/My Document (final).pdf", "images/caf\u00e9-menu.webp"])
    if "datasets" in bucket:
        return rng.choice(["exports/daily/%s/part-%05d-of-00016.parquet" % (d, rng.randrange(16)),
                           "raw/events/dt=%s/hour=%s/events-%06d.json.gz" % (d, h, rng.randrange(1000)),
                           "models/resnet50/v3/saved_model.pb", "labels.csv"])
    if "logs" in bucket:
        return rng.choice(["cloudaudit.googleapis.com/activity/2026/11/%s/%s:00:00_%s:59:59_S0.json" % (d[-2:], h, h),
                           "requests/2026/11/%s/%s:00:00_%s:59:59_S%d.json" % (d[-2:], h, h, rng.randrange(3))])
    if "tf-state" in bucket:
        return rng.choice(["env/prod/default.tfstate", "env/staging/default.tfstate", "env/prod/default.tflock"])
    if "gcf" in bucket:
        return rng.choice(["ingest-events-" + _hex(rng, 6) + "/function-source.zip",
                           "resize-image-" + _hex(rng, 6) + "/function-source.zip"])
    return rng.choice(["ahBzfmFjbWUtcHJvZHIUCxIH/" + _s(rng, B62, 22), "backups/" + d + "/datastore.overall_export"
                       "_metadata"])


def gcs(rng):
    S = "/storage/v1"
    B = S + "/b/{bucket}"
    O = B + "/o/{object}"
    P = S + "/projects/{project}"
    T = [(S + "/b", "buckets"), (B, "bucket"), (B + "/o", "objects"), (O, "object"), ("/download" + O, "media"),
         (B + "/iam", "policy"), (B + "/iam/testPermissions", "permissions"), (B + "/acl", "acls"),
         (B + "/acl/{entity}", "acl"), (B + "/defaultObjectAcl", "acls"), (O + "/acl", "acls"),
         (O + "/acl/{entity}", "acl"), (B + "/notificationConfigs", "notifications"),
         (B + "/notificationConfigs/{notification}", "notification"), (P + "/serviceAccount", "sa"),
         (P + "/hmacKeys", "hmacs"), (P + "/hmacKeys/{accessId}", "hmac"), (B + "/managedFolders", "folders"),
         (B + "/managedFolders/{managedFolder}", "folder"), (B + "/anywhereCaches", "caches"),
         (B + "/anywhereCaches/{anywhereCacheId}", "cache"), (B + "/operations", "operations"),
         (B + "/operations/{operationId}", "operation"), (B + "/storageLayout", "layout")]
    number = str(rng.randrange(100_000_000_000, 999_999_999_999))
    buckets = ["acme-prod-assets", "acme-ml-datasets", "www.acme.com", "acme-prod-logs", "acme-tf-state",
               "gcf-v2-sources-%s-us-central1" % number, "acme-prod.appspot.com", "staging.acme-prod.appspot.com"]
    hmacs = ["GOOG1E" + _s(rng, UPPER, 55) for _ in range(3)]
    state = {}

    def bucket():
        state["bucket"] = _weighted(rng, buckets)
        return state["bucket"]

    def obj():
        state["object"] = _gcs_objects(rng, state["bucket"])
        return quote(state["object"], safe="~")

    def entity():
        return rng.choice(["allUsers", "allAuthenticatedUsers", "user-" + quote(_email(rng), safe=""),
                           "group-data-eng%40acme.com", "domain-acme.com", "project-owners-" + number,
                           "project-editors-" + number, "project-viewers-" + number])
    V = {"bucket": bucket, "object": obj, "entity": entity, "notification": lambda: rng.choice(["1", "2", "7", "12"]),
         "project": lambda: rng.choices(["acme-prod", "acme-staging", number], [6, 2, 1])[0],
         "accessId": lambda: rng.choice(hmacs),
         "managedFolder": lambda: rng.choice(["reports%2F", "team-a%2Finbox%2F", "exports%2Fdaily%2F", "shared%2F"]),
         "anywhereCacheId": lambda: rng.choice(["us-central1-a", "us-central1-b", "europe-west1-c"]),
         "operationId": lambda: _s(rng, B64URL, 43)}
    pp = "prettyPrint=false"

    def listing():
        o = _gcs_objects(rng, state["bucket"])
        prefix = o.rsplit("/", 1)[0] + "/" if "/" in o else ""
        q = "?projection=noAcl&" + pp
        if rng.random() < .7:
            q = "?prefix=" + quote(prefix, safe="") + "&delimiter=%2F&" + q[1:] if prefix else q
        if rng.random() < .25:
            q += "&pageToken=" + base64.b64encode(("\n" + chr(len(o)) + o).encode()).decode().rstrip("=")
        return q + "&maxResults=1000"

    def generation():
        return str(rng.randrange(1_700_000_000_000_000, 1_763_650_000_000_000))
    Q = {t: (lambda: "?" + pp) for t, _ in T}
    Q.update({S + "/b": lambda: "?project=" + rng.choice(["acme-prod", "acme-staging"]) + "&projection=noAcl&" + pp,
              B: lambda: "?projection=noAcl&" + pp, B + "/o": listing,
              O: lambda: "?" + rng.choice(["", "generation=" + generation() + "&"]) + "projection=noAcl&" + pp,
              "/download" + O: lambda: "?" + rng.choice(["", "generation=" + generation() + "&"]) + "alt=media",
              B + "/iam": lambda: "?optionsRequestedPolicyVersion=3&" + pp,
              B + "/iam/testPermissions": lambda: "?" + "&".join("permissions=" + p for p in rng.sample(
                  ["storage.buckets.get", "storage.objects.list", "storage.objects.get", "storage.objects.create",
                   "storage.buckets.getIamPolicy"], 3)) + "&" + pp,
              P + "/hmacKeys": lambda: "?serviceAccountEmail=" + quote("ci-deployer@acme-prod.iam.gserviceaccount.com",
                                                                       safe="") + "&showDeletedKeys=false&" + pp})
    return T, V, Q, "gcs", state


GCS_KINDS = {"buckets": "storage#buckets", "bucket": "storage#bucket", "objects": "storage#objects",
             "object": "storage#object", "policy": "storage#policy",
             "permissions": "storage#testIamPermissionsResponse",
             "acls": "storage#objectAccessControls", "acl": "storage#bucketAccessControl",
             "notifications": "storage#notifications", "notification": "storage#notification",
             "sa": "storage#serviceAccount", "hmacs": "storage#hmacKeysMetadata", "hmac": "storage#hmacKeyMetadata",
             "folders": "storage#managedFolders", "folder": "storage#managedFolder", "caches": "storage#anywhereCaches",
             "cache": "storage#anywhereCache", "operations": "storage#operations", "operation": "storage#operation",
             "layout": "storage#storageLayout"}


def _gcs_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=UTF-8"
    v = _values(t, path)
    if kind == "media":
        name = unquote(v["object"])
        ext = name.rsplit(".", 1)[-1]
        ctype = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "pdf": "application/pdf",
                 "html": "text/html", "css": "text/css", "js": "text/javascript", "json": "application/json",
                 "csv": "text/csv", "gz": "application/gzip", "tfstate": "application/json",
                 "parquet": "application/octet-stream"}.get(ext, "application/octet-stream")
        body = {"image/jpeg": JPEG, "image/png": PNG, "image/webp": WEBP, "application/pdf": PDF,
                "application/gzip": GZIP, "text/html": "<!doctype html><html><head><title>Acme</title></head></html>\n",
                "text/csv": "id,label\n1,cat\n", "application/json": '{"version": 4, "serial": 112}'}.get(
            ctype, "PAR1\u0015\u0004\u0015\u0010")
        return ctype, body
    if kind in ("buckets", "objects", "acls", "notifications", "hmacs", "folders", "caches", "operations"):
        body = {"kind": GCS_KINDS[kind], "items": [item, dict(item)]}
        if kind == "objects":
            body["prefixes"] = ["images/2026/"]
            if rng.random() < .3:
                body["nextPageToken"] = _s(rng, B64URL, 40)
        return js, body
    if kind == "object":
        name = unquote(v["object"])
        gen = str(rng.randrange(1_700_000_000_000_000, 1_763_650_000_000_000))
        return js, dict(item, kind="storage#object", id="%s/%s/%s" % (v["bucket"], name, gen), name=name,
                        bucket=v["bucket"], generation=gen, metageneration="1", size=str(rng.randrange(10 ** 7)),
                        md5Hash=base64.b64encode(bytes(rng.getrandbits(8) for _ in range(16))).decode(),
                        crc32c=base64.b64encode(bytes(rng.getrandbits(8) for _ in range(4))).decode(),
                        mediaLink="https://storage.googleapis.com/download/storage/v1/b/" + v["bucket"] + "/o/"
                        + v["object"] + "?generation=" + gen + "&alt=media", storageClass="STANDARD")
    if kind == "permissions":
        return js, {"kind": GCS_KINDS[kind], "permissions": ["storage.buckets.get", "storage.objects.list"],
                    _member(t): True}
    if kind == "policy":
        return js, {"kind": GCS_KINDS[kind], "resourceId": "projects/_/buckets/" + v["bucket"], "version": 3,
                    "etag": "CAE=", "bindings": [{"role": "roles/storage.legacyBucketOwner",
                                                  "members": ["projectOwner:acme-prod"]}], _member(t): True}
    return js, dict(item, kind=GCS_KINDS[kind])


def _gcs_error(rng, t, kind, path):
    v = _values(t, path)
    if "object" in v:
        msg = "No such object: %s/%s" % (v["bucket"], unquote(v["object"]))
    elif "bucket" in v:
        msg = "The specified bucket does not exist."
    else:
        msg = "Not Found"
    if kind == "media":
        return 404, "text/html; charset=UTF-8", msg
    return 404, "application/json; charset=UTF-8", {"error": {"code": 404, "message": msg, "errors": [
        {"message": msg, "domain": "global", "reason": "notFound"}]}}


# -- RubyGems.org ---------------------------------------------------------------------------------

# (gem, versions, platforms)
GEMS = [("rails", ["8.0.0", "7.2.2", "7.1.5", "8.0.0.rc2"], []), ("nokogiri", ["1.16.7", "1.17.0.rc1", "1.16.6"],
                                                                  ["x86_64-linux", "arm64-darwin", "aarch64-linux",
                                                                   "java", "x64-mingw-ucrt"]),
        ("rack", ["3.1.8", "2.2.10"], []), ("aws-sdk-s3", ["1.170.0", "1.169.0"], []),
        ("activesupport", ["8.0.0", "7.2.2", "7.1.5"], []), ("google-protobuf", ["4.28.3", "3.25.5"],
                                                             ["x86_64-linux", "arm64-darwin", "aarch64-linux"]),
        ("puma", ["6.4.3", "6.5.0"], ["java"]), ("pg", ["1.5.9"], ["x64-mingw-ucrt"]),
        ("sidekiq", ["7.3.5", "7.3.4"], []),
        ("ffi", ["1.17.0"], ["x86_64-linux-gnu", "arm64-darwin", "x86_64-linux-musl"]),
        ("concurrent-ruby", ["1.3.4"], []),
        ("grpc", ["1.67.0", "1.66.0"], ["x86_64-linux", "arm64-darwin"]), ("devise", ["4.9.4"], []),
        ("rspec-core", ["3.13.2"], []), ("sqlite3", ["2.2.0", "1.7.3"], ["x86_64-linux-gnu", "arm64-darwin"]),
        ("json", ["2.8.2", "2.7.2"], ["java"]), ("mini_portile2", ["2.8.8"], []), ("zeitwerk", ["2.7.1"], []),
        ("bundler", ["2.5.23", "2.6.0.dev"], []), ("rake", ["13.2.1"], []), ("sorbet-runtime", ["0.5.11670"], []),
        ("opentelemetry-sdk", ["1.5.0"], []), ("faraday", ["2.12.1"], []), ("i18n", ["1.14.6"], []),
        ("net-http", ["0.5.0"], []), ("rubocop", ["1.68.0", "1.69.0"], [])]
RUBYGEMS_HANDLES = ["tenderlove", "rafaelfranca", "flavorjones", "dhh", "mperham", "byroot", "jdoe", "acme-bot"]


def rubygems(rng):
    A = "/api/v1"
    T = [(A + "/gems/{gem}.json", "gem"), (A + "/versions/{gem}.json", "versions"),
         (A + "/versions/{gem}/latest.json", "latest"), ("/api/v2/rubygems/{gem}/versions/{version}.json", "version"),
         (A + "/gems/{gem}/reverse_dependencies.json", "names"), (A + "/gems/{gem}/owners.json", "owners"),
         (A + "/owners/{handle}/gems.json", "gems"), (A + "/search.json", "gems"),
         (A + "/search/autocomplete", "names"),
         (A + "/downloads.json", "total"), (A + "/downloads/{full_name}.json", "downloads"),
         (A + "/activity/latest.json", "gems"), (A + "/activity/just_updated.json", "gems"),
         (A + "/timeframe_versions.json", "gems"), (A + "/profiles/{handle}.json", "profile"),
         (A + "/profile/me.json", "profile"), (A + "/gems.json", "gems"), (A + "/web_hooks.json", "hooks"),
         ("/info/{gem}", "info"), ("/versions", "compact"), ("/names", "names_txt"),
         ("/gems/{full_name}.gem", "gemfile"),
         ("/quick/Marshal.4.8/{full_name}.gemspec.rz", "rz"), ("/specs.4.8.gz", "gz"), ("/latest_specs.4.8.gz", "gz"),
         ("/prerelease_specs.4.8.gz", "gz")]
    state = {}
    machine = rng.choices(["x86_64-linux", "arm64-darwin", "aarch64-linux"], [6, 3, 1])[0]

    def gem():
        state["gem"] = _weighted(rng, GEMS)
        return state["gem"][0]

    def version():
        return _weighted(rng, state["gem"][1])

    def full_name():
        g = _weighted(rng, GEMS) if "{gem}" not in state["tpl"] else state["gem"]
        name, vers, plats = g
        ver = _weighted(rng, vers)
        if plats and "/downloads/" not in state["tpl"] and rng.random() < .7:
            p = [x for x in plats if x.startswith(machine.split("-")[0])]
            plat = p[0] if p and rng.random() < .8 else rng.choice(plats)
            return "%s-%s-%s" % (name, ver, plat)
        return "%s-%s" % (name, ver)
    V = {"gem": gem, "version": version, "full_name": full_name,
         "handle": lambda: _weighted(rng, RUBYGEMS_HANDLES)}
    Q = {A + "/search.json": lambda: "?query=" + rng.choice(["rails", "aws-sdk", "redis", "jwt", "pdf", "rubocop-"])
         + rng.choice(["", "&page=2"]),
         A + "/search/autocomplete": lambda: "?query=" + rng.choice(GEMS)[0][:rng.randrange(2, 6)],
         A + "/timeframe_versions.json": lambda: "?from=2026-11-%02dT00%%3A00%%3A00Z&to=2026-11-20T00%%3A00%%3A00Z"
         % rng.randrange(13, 20)}
    return T, V, Q, "rubygems", state


def _rubygems_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    g = v.get("gem", "rails")
    info = dict(item, name=g, downloads=rng.randrange(10 ** 6, 10 ** 9), version="8.0.0", platform="ruby",
                authors="David Heinemeier Hansson", info="Ruby on Rails is a full-stack web framework.",
                licenses=["MIT"], metadata={"source_code_uri": "https://github.com/rails/rails/tree/v8.0.0"},
                yanked=False, sha=_hex(rng, 64), project_uri="https://rubygems.org/gems/" + g,
                gem_uri="https://rubygems.org/gems/%s-8.0.0.gem" % g,
                dependencies={"development": [], "runtime": [{"name": "rack", "requirements": ">= 2.2.4"}]})
    if kind == "gem":
        return js, info
    if kind in ("versions", "gems"):
        return js, [info, dict(info, version="7.2.2")]
    if kind == "latest":
        return js, {"version": _weighted(rng, dict((x[0], x[1]) for x in GEMS).get(g, ["1.0.0"]))}
    if kind == "version":
        return js, dict(item, number=v["version"], platform="ruby", prerelease=bool(re.search(r"[a-z]", v["version"])),
                        built_at="2026-11-07T00:00:00.000Z", sha=_hex(rng, 64), spec_sha=_hex(rng, 64),
                        ruby_version=">= 3.2.0", rubygems_version=">= 1.8.11", licenses=["MIT"])
    if kind == "names":
        return js, [x[0] for x in rng.sample(GEMS, 4)]
    if kind == "owners":
        return js, [dict(item, handle=h) for h in rng.sample(RUBYGEMS_HANDLES, 2)]
    if kind == "total":
        return js, {"total": 195_000_000_000 + i, _member(t): True}
    if kind == "downloads":
        return js, {"version_downloads": rng.randrange(10 ** 6), "total_downloads": rng.randrange(10 ** 6, 10 ** 9),
                    _member(t): True}
    if kind == "profile":
        return js, dict(item, handle=v.get("handle", "jdoe"), url="https://rubygems.org/profiles/jdoe")
    if kind == "hooks":
        return js, {"all gems": [dict(item, url="https://ci.acme.com/hooks/rubygems", failure_count=0)],
                    "rails": [{"url": "https://ci.acme.com/hooks/rails", "failure_count": 2}]}
    if kind == "info":
        return "text/plain; charset=utf-8", "---\n1.0.0 |checksum:%s\n1.0.1 rack:>= 2.2|checksum:%s,ruby:>= 3.1\n" % (
            _hex(rng, 64), _hex(rng, 64))
    if kind == "compact":
        if rng.random() < .7:
            return 206, "text/plain; charset=utf-8", "rails 8.0.0 %s\nnokogiri 1.16.7-x86_64-linux %s\n" % (
                _hex(rng, 32), _hex(rng, 32))
        return "text/plain; charset=utf-8", "created_at: 2026-11-20T10:00:05Z\n---\n- 1 " + _hex(rng, 32) + "\n"
    if kind == "names_txt":
        return "text/plain; charset=utf-8", "---\n-\n0mq\n0xffffff\n10to1-crack\n"
    if kind == "gemfile":
        return "application/octet-stream", "metadata.gz\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000000444 "
    if kind == "rz":
        return "application/octet-stream", "x\u009c\u00ed\u00bd\u0007`\u001cI\u0096%&/m\u00ca{\u007fJ"
    return "application/octet-stream", GZIP


def _rubygems_error(rng, t, kind, path):
    txt = "text/plain; charset=utf-8"
    if kind == "latest":
        return 200, "application/json; charset=utf-8", {"version": "unknown"}
    if kind in ("gemfile", "rz"):
        return 403, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                                        "<Message>Access Denied</Message><RequestId>" + _hex(rng, 16).upper()
                                        + "</RequestId><HostId>" + _s(rng, B62, 56) + "=</HostId></Error>")
    if "{" not in t:
        return 429, txt, "Retry later\n"
    if "{handle}" in t:
        return 404, txt, "Owner could not be found."
    if kind == "info":
        return 404, txt, "This gem could not be found\n"
    if kind == "downloads":
        return 404, txt, "This rubygem could not be found."
    return 404, txt, "This rubygem could not be found."


# -- Nextcloud (OCS, WebDAV, web UI) ---------------------------------------------------------------

NC_FOLDERS = {"Documents": ["Q3%20report.pdf", "budget-2027.xlsx", "meeting-notes.md", "Readme.md", "contract_v2.docx"],
              "Photos": ["IMG_20261120_101533.jpg", "IMG_20261118_183002.jpg",
                         "Screenshot%20from%202026-11-20%2010-02-11"
                                                                                    ".png", "Coast.jpg"],
              "InstantUpload": ["PXL_20261119_081244123.jpg", "VID_20261119_120011.mp4",
                                "PXL_20261120_093001844.MP.jpg"],
              "Notes": ["Shopping.md", "Ideas.md", "Todo.txt"], "Talk": ["whiteboard.png", "diagram.drawio"],
              "Projects": ["acme-rebrand.pdf", "timeline.ods", "logo.svg"]}


def nextcloud(rng):
    O2 = "/ocs/v2.php"
    SH = O2 + "/apps/files_sharing/api/v1"
    ACT = O2 + "/apps/activity/api/v2/activity"
    ST = O2 + "/apps/user_status/api/v1"
    TK = O2 + "/apps/spreed/api"
    DAV = "/remote.php/dav"
    T = [("/status.php", "status"), ("/ocs/v1.php/cloud/capabilities", "ocs1"), (O2 + "/cloud/capabilities", "ocs"),
         (O2 + "/cloud/user", "ocs"), (O2 + "/cloud/users", "ocs_users"), (O2 + "/cloud/users/{userId}", "ocs"),
         (O2 + "/cloud/users/{userId}/groups", "ocs_groups"), (O2 + "/cloud/groups/{groupId}/users", "ocs_users"),
         (SH + "/shares", "ocs_list"), (SH + "/shares/{shareId}", "ocs_list"), (SH + "/sharees", "ocs"),
         (O2 + "/apps/notifications/api/v2/notifications", "ocs_list"),
         (O2 + "/apps/notifications/api/v2/notifications/{notificationId}", "ocs"), (ACT, "ocs_list"),
         (ACT + "/filters", "ocs_list"), (ACT + "/{filter}", "ocs_list"), (ST + "/user_status", "ocs"),
         (ST + "/statuses/{userId}", "ocs"), (ST + "/predefined_statuses", "ocs_list"), (TK + "/v4/room", "ocs_list"),
         (TK + "/v4/room/{token}", "ocs"), (TK + "/v4/room/{token}/participants", "ocs_list"),
         (TK + "/v1/chat/{token}", "chat"), (O2 + "/apps/dashboard/api/v2/widget-items", "ocs"),
         (O2 + "/core/autocomplete/get", "ocs_list"), ("/index.php/avatar/{userId}/{size}", "avatar"),
         ("/index.php/avatar/{userId}/{size}/dark", "avatar"), ("/index.php/core/preview", "preview"),
         ("/index.php/apps/theming/theme/{themeId}.css", "css"), (DAV + "/files/{userId}/{folder}/{filename}", "file"),
         (DAV + "/versions/{userId}/versions/{fileId}/{version}", "file"),
         (DAV + "/trashbin/{userId}/trash/{filename}.d{deletedAt}", "file"),
         (DAV + "/calendars/{userId}/{calendar}/{uid}.ics", "ics"),
         (DAV + "/addressbooks/users/{userId}/{addressbook}/{uid}.vcf", "vcf")]
    users = ["jdoe", "alice", "bob.smith", "admin", "jane.doe@acme.com", "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
             "maria", "wei.zhang", "6B29FC40-CA47-1067-B31D-00DD010662DA", "guest-7f3a"]
    rooms = [_s(rng, "abcdefghijkmnpqrstuvwxyz23456789", 8) for _ in range(6)]
    shares = [str(rng.randrange(1, 5000)) for _ in range(6)]
    files = [str(rng.randrange(10_000, 900_000)) for _ in range(15)]
    ver = _hex(rng, 8)
    state = {}

    def user():
        state["user"] = rng.choices(users, [12, 6, 4, 3, 3, 2, 2, 2, 1, 1])[0]
        return state["user"]

    def folder():
        state["folder"] = rng.choices(list(NC_FOLDERS), [6, 5, 4, 2, 1, 1])[0]
        return state["folder"]

    def filename():
        if "/trashbin/" in state["tpl"]:
            return rng.choice(sum(NC_FOLDERS.values(), []))
        return _weighted(rng, NC_FOLDERS[state["folder"]])

    def calendar():
        return rng.choices(["personal", "work", "contact_birthdays", "team-offsite_shared_by_alice",
                            "on-call_shared_by_admin"], [8, 4, 2, 1, 1])[0]

    def uid():
        return _uuid(rng).upper() if rng.random() < .6 else _uuid(rng)
    V = {"userId": user, "groupId": lambda: rng.choice(["admin", "Finance%20Team", "engineering", "Marketing",
                                                        "Support%20%26%20Success"]),
         "shareId": lambda: _hot(rng, shares, .5, lambda: str(rng.randrange(1, 5000))),
         "notificationId": lambda: str(rng.randrange(1000, 90000)),
         "filter": lambda: rng.choices(["all", "self", "by", "files", "files_favorites", "calendar", "calendar_todo",
                                        "contacts"], [8, 3, 3, 4, 2, 1, 1, 1])[0],
         "token": lambda: _weighted(rng, rooms),
         "size": lambda: rng.choices(["32", "64", "128", "512"], [6, 4, 2, 1])[0],
         "themeId": lambda: rng.choices(["light", "dark", "default", "light-highcontrast", "dark-highcontrast",
                                         "opendyslexic"], [6, 4, 3, 1, 1, 1])[0],
         "folder": folder, "filename": filename, "fileId": lambda: _hot(rng, files, .6, lambda: str(
             rng.randrange(10_000, 900_000))), "version": lambda: str(rng.randrange(1_730_000_000, 1_763_650_000)),
         "deletedAt": lambda: str(rng.randrange(1_760_000_000, 1_763_650_000)), "calendar": calendar, "uid": uid,
         "addressbook": lambda: rng.choices(["contacts", "z-server-generated--system", "work"], [6, 2, 1])[0]}
    fj = "format=json"
    Q = {t: (lambda: "?" + fj) for t, _ in T if t.startswith("/ocs/")}
    Q.update({O2 + "/cloud/users": lambda: "?search=" + rng.choice(["al", "bo", "ma", ""]) + "&limit=25&offset=0&" + fj,
              SH + "/shares": lambda: rng.choice(["?path=" + quote("/" + folder() + "/" + unquote(filename()), safe="")
                                                  + "&reshares=true&" + fj, "?shared_with_me=true&include_tags=true&"
                                                  + fj, "?" + fj]),
              SH + "/sharees": lambda: "?search=" + rng.choice(["ali", "bob", "fin", "wei"]) + "&itemType=file&lookup"
              "=false&perPage=25&" + fj,
              ACT: lambda: "?since=0&limit=50&object_type=files&object_id=" + rng.choice(files) + "&sort=desc&" + fj,
              ACT + "/{filter}": lambda: "?since=" + rng.choice(["0", str(rng.randrange(10 ** 5, 10 ** 6))])
              + "&limit=50&" + fj,
              TK + "/v1/chat/{token}": lambda: rng.choice(["?lookIntoFuture=1&limit=100&lastKnownMessageId="
                                                           + str(rng.randrange(10 ** 4, 10 ** 6))
                                                           + "&timeout=30&includeLastKnown=0&" + fj,
                                                           "?lookIntoFuture=0&limit=100&setReadMarker=1&" + fj]),
              O2 + "/apps/dashboard/api/v2/widget-items": lambda: "?widgets%5B%5D=activity&widgets%5B%5D=spreed"
              "&widgets%5B%5D=calendar&limit=7&" + fj,
              O2 + "/core/autocomplete/get": lambda: "?search=" + rng.choice(["a", "bo", "wei"]) + "&itemType=call&"
              "itemId=new&shareTypes%5B%5D=0&shareTypes%5B%5D=1&limit=10&" + fj,
              "/index.php/avatar/{userId}/{size}": lambda: rng.choice(["", "?v=" + str(rng.randrange(1, 6))]) or "?",
              "/index.php/core/preview": lambda: "?fileId=" + _hot(rng, files, .6, lambda: str(rng.randrange(
                  10_000, 900_000))) + "&x=%d&y=%d" % ((rng.choice([32, 64, 250, 256, 1024]),) * 2) + "&a=true&v="
              + _hex(rng, 13),
              "/index.php/apps/theming/theme/{themeId}.css": lambda: "?plain=" + rng.choice(["0", "1"]) + "&v=" + ver})
    return T, V, Q, "nextcloud", state


def _nc_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    meta = {"status": "ok", "statuscode": 200, "message": "OK"}
    if kind == "status":
        return js, {"installed": True, "maintenance": False, "needsDbUpgrade": False, "version": "30.0.2.2",
                    "versionstring": "30.0.2", "edition": "", "productname": "Nextcloud", "extendedSupport": False}
    if kind == "ocs1":
        return js, {"ocs": {"meta": dict(meta, statuscode=100, totalitems="", itemsperpage=""), "data": item}}
    if kind == "chat":
        if query and "lookIntoFuture=1" in query and rng.random() < .4:
            return 304, None, ""
        kind = "ocs_list"
    if kind == "ocs_list":
        return js, {"ocs": {"meta": meta, "data": [item, dict(item)]}}
    if kind == "ocs_users":
        return js, {"ocs": {"meta": meta, "data": {"users": ["jdoe", "alice", _member(t)]}}}
    if kind == "ocs_groups":
        return js, {"ocs": {"meta": meta, "data": {"groups": ["admin", "engineering", _member(t)]}}}
    if kind == "ocs":
        return js, {"ocs": {"meta": meta, "data": item}}
    if kind in ("avatar", "preview"):
        return rng.choice([("image/png", PNG), ("image/jpeg", JPEG)])
    if kind == "css":
        return "text/css; charset=utf-8", ":root{--color-main-background:#ffffff;--color-primary-element:#00679e;}\n"
    if kind == "ics":
        return "text/calendar; charset=utf-8", ("BEGIN:VCALENDAR\r\nPRODID:-//IDN nextcloud.com//Calendar app 5.0.3//EN"
                                                "\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:" + v["uid"]
                                                + "\r\nDTSTART:20261121T090000Z\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n"
                                                "END:VCALENDAR\r\n")
    if kind == "vcf":
        return "text/vcard; charset=utf-8", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + v["uid"] + "\r\nFN:Jane Doe\r\n" \
                                            "EMAIL;TYPE=WORK:jane.doe@acme.com\r\nEND:VCARD\r\n"
    name = unquote(v.get("filename", "x.bin")).lower()
    for ext, ctype, body in [(".pdf", "application/pdf", PDF), (".png", "image/png", PNG), (".jpg", "image/jpeg", JPEG),
                             (".md", "text/markdown; charset=utf-8", "# Notes\n\n- item\n"),
                             (".txt", "text/plain; charset=utf-8", "milk\neggs\n"),
                             (".svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
                             (".mp4", "video/mp4", "\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000")]:
        if name.endswith(ext):
            return ctype, body
    return "application/octet-stream", "PK\u0003\u0004\u0014\u0000\u0006\u0000\u0008\u0000"


def _nc_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if kind == "status":
        return 503, js, {"installed": True, "maintenance": True, "needsDbUpgrade": False, "version": "30.0.2.2",
                         "versionstring": "30.0.2", "edition": "", "productname": "Nextcloud", "extendedSupport": False}
    if t.startswith("/ocs/v1.php"):
        return 200, js, {"ocs": {"meta": {"status": "failure", "statuscode": 998, "message": "Invalid query, please "
                                          "check the syntax. API specifications are here: http://www.freedesktop.org"
                                          "/wiki/Specifications/open-collaboration-services.", "totalitems": "",
                                          "itemsperpage": ""}, "data": []}}
    if t.startswith("/ocs/"):
        if t.endswith("/user_status"):
            msg = "No status for the current user"
        elif "{" not in t:
            return 401, js, {"ocs": {"meta": {"status": "failure", "statuscode": 997, "message": "Current user is not "
                                              "logged in", "totalitems": "", "itemsperpage": ""}, "data": []}}
        else:
            msg = "Wrong share ID, share does not exist" if "/files_sharing/" in t else ""
        return 404, js, {"ocs": {"meta": {"status": "failure", "statuscode": 404, "message": msg}, "data": []}}
    if t.startswith("/remote.php/"):
        v = _values(t, path)
        return 404, "application/xml; charset=utf-8", (
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
            "\n  <s:exception>Sabre\\DAV\\Exception\\NotFound</s:exception>\n  <s:message>File with name "
            + unquote(v.get("filename") or v.get("uid") or v.get("version", "")) + " could not be located</s:message>"
            "\n</d:error>\n")
    if kind == "css":
        return 404, "text/html; charset=UTF-8", "<!DOCTYPE html>\n<html class=\"ng-csp\"><head><title>Nextcloud" \
                                                "</title></head><body id=\"body-login\"><h2>Page not found</h2>" \
                                                "</body></html>\n"
    return 404, js, []


# -- The Movie Database API v3 ---------------------------------------------------------------------

def tmdb(rng):
    M = "/3/movie/{movie_id}"
    TV = "/3/tv/{series_id}"
    SE = TV + "/season/{season_number}"
    P = "/3/person/{person_id}"
    T = [(M, "movie"), (M + "/credits", "credits"), (M + "/images", "images"), (M + "/videos", "results"),
         (M + "/recommendations", "page"), (M + "/similar", "page"), (M + "/reviews", "page"),
         (M + "/release_dates", "results"), (M + "/keywords", "keywords"), (M + "/watch/providers", "providers"),
         ("/3/movie/popular", "page"), ("/3/movie/now_playing", "dated"), ("/3/movie/top_rated", "page"),
         ("/3/movie/upcoming", "dated"), ("/3/movie/latest", "movie"), (TV, "o"),
         (TV + "/aggregate_credits", "credits"),
         (TV + "/content_ratings", "results"), (SE, "o"), (SE + "/episode/{episode_number}", "o"),
         ("/3/tv/popular", "page"), (P, "o"), (P + "/combined_credits", "credits"),
         ("/3/person/popular", "page"), ("/3/search/movie", "page"), ("/3/search/multi", "page"),
         ("/3/trending/{media_type}/{time_window}", "page"), ("/3/discover/movie", "page"),
         ("/3/genre/movie/list", "genres"), ("/3/genre/tv/list", "genres"), ("/3/configuration", "config"),
         ("/3/find/{external_id}", "find"), ("/3/collection/{collection_id}", "o"), ("/3/review/{review_id}", "o"),
         ("/3/credit/{credit_id}", "o")]
    movies = ["550", "603", "27205", "155", "299534", "872585", "693134", "157336", "238", "680", "13", "1022789",
              "533535", "912649", "1184918", "424", "769", "129"]
    series = {"1399": 8, "1396": 5, "66732": 4, "94997": 2, "100088": 2, "76479": 4, "60625": 7, "1668": 10, "456": 36,
              "2316": 9, "84958": 2, "119051": 2}
    people = ["287", "819", "6193", "1136406", "500", "31", "1245", "976", "224513", "1190668", "17419", "3223"]
    imdb = ["tt0137523", "tt0133093", "tt1375666", "tt0903747", "tt0944947", "tt4574334", "nm0000093", "nm0000138"]
    key = "api_key=" + _hex(rng, 32) + "&" if rng.random() < .7 else ""
    state = {}

    def series_id():
        if rng.random() < .75:
            state["series"] = _weighted(rng, list(series))
            state["seasons"] = series[state["series"]]
        else:
            state["series"], state["seasons"] = str(rng.randrange(1, 280_000)), 3
        return state["series"]

    def external():
        state["ext"] = _hot(rng, imdb, .6, lambda: rng.choice(["tt%07d" % rng.randrange(10 ** 7),
                                                               "tt%08d" % rng.randrange(10 ** 7, 4 * 10 ** 7),
                                                               str(rng.randrange(70_000, 450_000))]))
        return state["ext"]
    V = {"movie_id": lambda: _hot(rng, movies, .65, lambda: str(rng.randrange(2, 1_400_000))), "series_id": series_id,
         "season_number": lambda: str(rng.choices([0, 1, rng.randrange(1, state["seasons"] + 1)], [1, 4, 6])[0]),
         "episode_number": lambda: str(rng.randrange(1, 13)),
         "person_id": lambda: _hot(rng, people, .6, lambda: str(rng.randrange(1, 5_000_000))),
         "media_type": lambda: rng.choices(["all", "movie", "tv", "person"], [5, 4, 3, 1])[0],
         "time_window": lambda: rng.choices(["day", "week"], [3, 2])[0], "external_id": external,
         "collection_id": lambda: rng.choice(["10", "86311", "1241", "119", "263", "87359", str(rng.randrange(
             10, 1_300_000))]),
         "review_id": lambda: _oid(rng, 1_230_000_000), "credit_id": lambda: _oid(rng, 1_230_000_000)}
    lang = lambda: "language=" + rng.choices(["en-US", "de-DE", "fr-FR", "pt-BR", "ja-JP"], [8, 2, 1, 1, 1])[0]  # noqa
    pg = lambda: "&page=" + str(rng.choices([1, 2, 3, rng.randrange(4, 500)], [8, 3, 2, 1])[0])  # noqa: E731
    Q = {t: (lambda: "?" + key + lang()) for t, _ in T}
    Q.update({M: lambda: "?" + key + lang() + rng.choice(["", "&append_to_response=credits,videos,images,release_dates",
                                                          "&append_to_response=watch/providers,external_ids"]),
              M + "/images": lambda: "?" + key + "include_image_language=en,null",
              ("/3/movie/now_playing"): lambda: "?" + key + lang() + pg() + "&region=US",
              ("/3/movie/upcoming"): lambda: "?" + key + lang() + pg() + "&region=US",
              "/3/search/movie": lambda: "?" + key + "query=" + quote(rng.choice(["the matrix", "dune", "inception",
                                                                                    "am\u00e9lie", "oppenheimer"]))
              + "&include_adult=false&" + lang() + "&page=1",
              "/3/search/multi": lambda: "?" + key + "query=" + rng.choice(WORDS) + "&include_adult=false&" + lang()
              + "&page=1",
              "/3/discover/movie": lambda: "?" + key + "include_adult=false&include_video=false&" + lang() + pg()
              + "&sort_by=" + rng.choice(["popularity.desc", "vote_average.desc", "primary_release_date.desc"])
              + "&with_genres=" + rng.choice(["28", "18", "35,10749", "878"]) + "&vote_count.gte=100",
              "/3/find/{external_id}": lambda: "?" + key + "external_source=" + (
                  "imdb_id" if state["ext"][:2] in ("tt", "nm") else "tvdb_id"),
              M + "/watch/providers": lambda: "?" + key[:-1], "/3/configuration": lambda: "?" + key[:-1]})
    for t in ["/3/movie/popular", "/3/movie/top_rated", "/3/tv/popular", "/3/person/popular",
              "/3/trending/{media_type}/{time_window}", M + "/recommendations", M + "/similar", M + "/reviews"]:
        Q[t] = lambda: "?" + key + lang() + pg()
    return T, V, Q, "tmdb", state


def _tmdb_answer(rng, i, t, kind, path, query, item):
    js = "application/json;charset=utf-8"
    v = _values(t, path)
    ident = int(next((x for x in v.values() if x.isdigit()), str(i)))
    if kind == "movie":
        return js, dict(item, id=ident, adult=False, backdrop_path="/" + _s(rng, B62, 27) + ".jpg", budget=63000000,
                        genres=[{"id": 18, "name": "Drama"}], imdb_id="tt0137523", original_language="en",
                        title="Fight Club", poster_path="/" + _s(rng, B62, 27) + ".jpg", release_date="1999-10-15",
                        runtime=139, vote_average=8.438, vote_count=30412)
    if kind == "credits":
        return js, {"id": ident, "cast": [item], "crew": [dict(item, job="Director")]}
    if kind == "images":
        return js, {"id": ident, "backdrops": [], "logos": [], "posters": [dict(item, file_path="/" + _s(rng, B62, 27)
                                                                                + ".jpg", aspect_ratio=0.667)]}
    if kind == "results":
        return js, {"id": ident, "results": [item, dict(item)]}
    if kind == "keywords":
        return js, {"id": ident, "keywords": [item]}
    if kind == "providers":
        return js, {"id": ident, "results": {"US": {"link": "https://www.themoviedb.org/movie/%d/watch?locale=US"
                                                    % ident, "flatrate": [item], "rent": [], "buy": []}}}
    if kind in ("page", "dated"):
        body = {"page": 1, "results": [item, dict(item)], "total_pages": 500, "total_results": 10000}
        if kind == "dated":
            body = {"dates": {"maximum": "2026-12-10", "minimum": "2026-11-20"}} | body
        return js, body
    if kind == "genres":
        return js, {"genres": [{"id": 28, "name": "Action"}, {"id": 18, "name": "Drama"}], _member(t): True}
    if kind == "config":
        return js, {"images": {"base_url": "http://image.tmdb.org/t/p/", "secure_base_url": "https://image.tmdb.org/"
                               "t/p/", "poster_sizes": ["w92", "w154", "w185", "w342", "w500", "w780", "original"]},
                    "change_keys": ["adult", "air_date", "also_known_as"], _member(t): True}
    if kind == "find":
        return js, {"movie_results": [item], "person_results": [], "tv_results": [], "tv_episode_results": [],
                    "tv_season_results": []}
    return js, dict(item, id=ident)


# -- PokéAPI v2 -----------------------------------------------------------------------------------

PK_NAMES = {
    "pokemon": ["pikachu", "charizard", "bulbasaur", "eevee", "gengar", "mewtwo", "snorlax", "lucario", "garchomp",
                "greninja", "mr-mime", "nidoran-f", "farfetchd", "ho-oh", "porygon-z", "tapu-koko", "type-null",
                "charizard-mega-x", "pikachu-gmax", "urshifu-single-strike", "deoxys-normal", "giratina-altered",
                "iron-valiant", "roaring-moon", "sprigatito", "koraidon", "ogerpon", "tinkaton", "sylveon", "umbreon"],
    "pokemon-species": ["pikachu", "charizard", "bulbasaur", "eevee", "gengar", "mewtwo", "mr-mime", "nidoran-f",
                        "ho-oh", "porygon-z", "deoxys", "giratina", "urshifu", "iron-valiant", "sprigatito"],
    "pokemon-form": ["pikachu", "unown-a", "unown-question", "castform-sunny", "rotom-wash", "charizard-mega-x",
                     "pikachu-rock-star", "alcremie-vanilla-cream", "vivillon-polar"],
    "move": ["thunderbolt", "tackle", "u-turn", "double-edge", "will-o-wisp", "x-scissor", "earthquake", "flamethrower",
             "swords-dance", "10-000-000-volt-thunderbolt", "king-s-shield", "tera-blast"],
    "ability": ["overgrow", "blaze", "torrent", "static", "levitate", "intimidate", "as-one-glastrier", "protean",
                "multiscale", "good-as-gold"],
    "type": ["normal", "fire", "water", "grass", "electric", "ice", "fighting", "poison", "ground", "flying", "psychic",
             "bug", "rock", "ghost", "dragon", "dark", "steel", "fairy", "stellar", "unknown", "shadow"],
    "item": ["master-ball", "poke-ball", "potion", "rare-candy", "leftovers", "choice-scarf", "focus-sash",
             "life-orb", "tm01", "booster-energy"],
    "berry": ["cheri", "chesto", "pecha", "rawst", "aspear", "leppa", "oran", "persim", "lum", "sitrus"],
    "generation": ["generation-" + r for r in "i ii iii iv v vi vii viii ix".split()],
    "version-group": ["red-blue", "yellow", "gold-silver", "ruby-sapphire", "diamond-pearl", "black-2-white-2", "x-y",
                      "sun-moon", "sword-shield", "the-isle-of-armor", "brilliant-diamond-and-shining-pearl",
                      "legends-arceus", "scarlet-violet", "the-indigo-disk"],
    "location-area": ["canalave-city-area", "eterna-forest-area", "mt-coronet-1f-route-207", "oreburgh-mine-b1f",
                      "viridian-forest-area", "kanto-route-1-area", "sinnoh-pokemon-league-area"],
    "nature": ["hardy", "bold", "modest", "calm", "timid", "jolly", "adamant", "naive", "quiet", "brave"],
    "stat": ["hp", "attack", "defense", "special-attack", "special-defense", "speed", "accuracy", "evasion"],
    "pokedex": ["national", "kanto", "original-johto", "hoenn", "original-sinnoh", "updated-johto", "paldea",
                "kitakami", "blueberry"],
    "egg-group": ["monster", "water1", "bug", "flying", "ground", "fairy", "plant", "humanshape", "no-eggs", "ditto"],
    "growth-rate": ["slow", "medium", "fast", "medium-slow", "slow-then-very-fast", "fast-then-very-slow"]}
PK_IDS = {"pokemon": [(1, 1025), (10001, 10277)], "pokemon-species": [(1, 1025)],
          "pokemon-form": [(1, 1025), (10001, 10441)], "evolution-chain": [(1, 549)],
          "move": [(1, 919), (10001, 10018)],
          "ability": [(1, 307)], "type": [(1, 19), (10001, 10002)], "item": [(1, 2180)], "berry": [(1, 64)],
          "generation": [(1, 9)], "version-group": [(1, 27)], "location-area": [(1, 1200)], "nature": [(1, 25)],
          "stat": [(1, 8)], "machine": [(1, 2102)], "characteristic": [(1, 30)], "pokedex": [(1, 33)],
          "egg-group": [(1, 15)], "growth-rate": [(1, 6)]}
PK_LISTS = ["pokemon", "pokemon-species", "move", "ability", "type", "item", "berry", "generation", "location-area"]


def pokeapi(rng):
    A = "/api/v2"
    T = [(A + "/", "index")]
    for r in PK_IDS:
        T.append((A + "/" + r + ("/{idOrName}/" if r in PK_NAMES else "/{id}/"), "detail"))
    T.append((A + "/pokemon/{idOrName}/encounters", "encounters"))
    T += [(A + "/" + r + "/", "list") for r in PK_LISTS]
    state = {}

    def ident(named):
        r = state["tpl"].split("/")[3]
        if named and rng.random() < .45:
            return _weighted(rng, PK_NAMES[r])
        lo, hi = rng.choices(PK_IDS[r], [9] + [1] * (len(PK_IDS[r]) - 1))[0]
        if r in ("pokemon", "pokemon-species", "pokemon-form") and lo == 1 and rng.random() < .5:
            return str(rng.randrange(1, 152))
        return str(rng.randrange(lo, hi + 1))
    V = {"idOrName": lambda: ident(True), "id": lambda: ident(False)}
    Q = {A + "/" + r + "/": (lambda: rng.choice(["?offset=%d&limit=20" % (20 * rng.randrange(50)),
                                                 "?limit=100000&offset=0", "?limit=151"]) if rng.random() < .8 else "?")
         for r in PK_LISTS}
    return T, V, Q, "pokeapi", state


def _pokeapi_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    base = "https://pokeapi.co"
    if kind == "index":
        return js, {r: base + "/api/v2/" + r + "/" for r in PK_IDS} | {_member(t): True}
    r = t.split("/")[3]
    if kind == "list":
        return js, {"count": 1302, "next": base + "/api/v2/%s/?offset=40&limit=20" % r,
                    "previous": base + "/api/v2/%s/?offset=0&limit=20" % r,
                    "results": [{"name": n, "url": base + "/api/v2/%s/%d/" % (r, k + 1)}
                                for k, n in enumerate(PK_NAMES.get(r, ["x"])[:2])], _member(t): True}
    if kind == "encounters":
        return js, [{"location_area": {"name": "viridian-forest-area", "url": base + "/api/v2/location-area/321/"},
                     "version_details": [{"max_chance": 5, "version": {"name": "red", "url": base
                                                                       + "/api/v2/version/1/"}}], _member(t): True}]
    seg = path.rstrip("/").rsplit("/", 1)[1]
    ident = int(seg) if seg.isdigit() else rng.randrange(1, 1025)
    body = dict(item, id=ident, name=seg if not seg.isdigit() else rng.choice(PK_NAMES.get(r, ["x"])))
    if r == "pokemon":
        body.update(base_experience=112, height=4, weight=60, location_area_encounters=base
                    + "/api/v2/pokemon/%d/encounters" % ident,
                    species={"name": body["name"], "url": base + "/api/v2/pokemon-species/%d/" % ident},
                    sprites={"front_default": "https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/"
                                              "pokemon/%d.png" % ident})
    elif r == "evolution-chain":
        body = dict(item, id=ident, baby_trigger_item=None, chain={"evolves_to": [], "is_baby": False})
    return js, body


# -- Mapbox web services --------------------------------------------------------------------------

CITIES = [(-122.4194, 37.7749), (-73.9857, 40.7484), (-0.1276, 51.5072), (13.405, 52.52), (139.6917, 35.6895),
          (2.3522, 48.8566)]
MAPBOX_STYLES = ["streets-v12", "standard", "light-v11", "dark-v11", "satellite-streets-v12", "outdoors-v12",
                 "navigation-day-v1", "navigation-night-v1", "satellite-v9", "standard-satellite"]
FONTSTACKS = ["DIN%20Pro%20Medium,Arial%20Unicode%20MS%20Medium", "DIN%20Pro%20Regular,Arial%20Unicode%20MS%20Regular",
              "DIN%20Pro%20Bold,Arial%20Unicode%20MS%20Bold", "DIN%20Pro%20Italic,Arial%20Unicode%20MS%20Regular",
              "Open%20Sans%20Semibold,Arial%20Unicode%20MS%20Bold", "Roboto%20Regular,Noto%20Sans%20Regular"]


def _cuid(rng):
    return "c" + rng.choice("klm") + _s(rng, LOWER, 23)


def mapbox(rng):
    ST = "/styles/v1/{username}"
    SS = ST + "/{style_id}"
    T = [(ST, "styles"), (SS, "style"), (SS + "/sprite.json", "sprite"), (SS + "/sprite@2x.json", "sprite"),
         (SS + "/sprite.png", "png"), (SS + "/sprite@2x.png", "png"),
         (SS + "/tiles/{tilesize}/{z}/{x}/{y}@2x", "raster"),
         (SS + "/static/{lon},{lat},{zoom}/{width}x{height}@2x", "png"), (SS + "/wmts", "wmts"),
         ("/fonts/v1/{username}", "fonts"), ("/fonts/v1/{username}/{fontstack}/{range}.pbf", "pbf"),
         ("/v4/{tileset_id}.json", "tilejson"), ("/v4/{tileset_id}/{z}/{x}/{y}.{format}", "tile"),
         ("/v4/{tileset_id}/{z}/{x}/{y}@2x.{format}", "tile"),
         ("/geocoding/v5/mapbox.places/{search_text}.json", "geocode"), ("/search/geocode/v6/forward", "geocode6"),
         ("/search/geocode/v6/reverse", "geocode6"), ("/search/searchbox/v1/suggest", "suggest"),
         ("/search/searchbox/v1/retrieve/{mapbox_id}", "geocode6"), ("/search/searchbox/v1/category/{category}",
                                                                     "geocode6"),
         ("/directions/v5/mapbox/{profile}/{coordinates}", "directions"),
         ("/directions-matrix/v1/mapbox/{profile}/{coordinates}", "matrix"),
         ("/isochrone/v1/mapbox/{profile}/{coordinates}", "isochrone"),
         ("/matching/v5/mapbox/{profile}/{coordinates}", "matching"), ("/tokens/v2", "token"),
         ("/tokens/v2/{username}", "p"), ("/datasets/v1/{username}", "p"),
         ("/datasets/v1/{username}/{dataset_id}/features", "fc"), ("/tilesets/v1/{username}", "p"),
         ("/uploads/v1/{username}/{upload_id}", "o")]
    account = rng.choice(["acme", "acme-maps", "acmelogistics"])
    own_styles = [_cuid(rng) for _ in range(4)]
    own_tilesets = [account + "." + _s(rng, LOWER, 8), account + ".parcels-2026-11", account + ".drone-ortho-q4"]
    datasets = [_cuid(rng) for _ in range(3)]
    cities = rng.sample(CITIES, 2)
    pk = "pk.eyJ1IjoiYWNtZSIsImEiOiJj" + _s(rng, B62, 20) + "In0." + _s(rng, B64URL, 22)
    sk = "sk.eyJ1IjoiYWNtZSIsImEiOiJj" + _s(rng, B62, 20) + "In0." + _s(rng, B64URL, 22)
    skus = ["101" + _s(rng, B62, 10) for _ in range(5)]
    state = {}

    def username():
        t = state["tpl"]
        if t.startswith("/styles/") and t != ST or t.startswith("/fonts/v1/{username}/"):
            state["user"] = rng.choices(["mapbox", account], [7, 3])[0]
        else:
            state["user"] = rng.choices([account, account + "-staging"], [9, 1])[0]
        return state["user"]

    def style_id():
        if state["user"] == "mapbox":
            return _weighted(rng, MAPBOX_STYLES)
        return rng.choice(own_styles)

    def tileset():
        t = state["tpl"]
        if t.endswith("@2x.{format}"):
            state["ts"] = rng.choices(["mapbox.satellite", "mapbox.mapbox-terrain-dem-v1", own_tilesets[2]],
                                      [5, 4, 1])[0]
            state["fmt"] = {"mapbox.satellite": rng.choice(["webp", "jpg90"]), "mapbox.mapbox-terrain-dem-v1":
                            "pngraw"}.get(state["ts"], "png")
        else:
            state["ts"] = rng.choices(["mapbox.mapbox-streets-v8,mapbox.mapbox-terrain-v2",
                                       "mapbox.mapbox-streets-v8,mapbox.mapbox-terrain-v2,mapbox.mapbox-bathymetry-v2",
                                       "mapbox.mapbox-streets-v8", own_tilesets[0], own_tilesets[1],
                                       "mapbox.satellite"], [8, 4, 2, 2, 2, 1])[0]
            state["fmt"] = "mvt" if state["ts"].startswith(account) and rng.random() < .5 else (
                "png" if state["ts"] == "mapbox.satellite" else "vector.pbf")
        return state["ts"]

    def z():
        t = state["tpl"]
        zoom = rng.choices([rng.randrange(0, 6), rng.randrange(6, 12), rng.randrange(12, 17)], [1, 3, 6])[0]
        if "dem" in state.get("ts", "") and t.startswith("/v4/"):
            zoom = min(zoom, 14)
        lon, lat = rng.choices(cities, [4, 1])[0]
        n = 2 ** zoom
        x = int((lon + 180) / 360 * n)
        y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        r = min(n // 2, 4)
        state["x"] = min(n - 1, max(0, x + rng.randrange(-r, r + 1)))
        state["y"] = min(n - 1, max(0, y + rng.randrange(-r, r + 1)))
        return str(zoom)

    def point(spread=.05, city=None):
        lon, lat = city or rng.choices(cities, [4, 1])[0]
        return "%.6f,%.6f" % (lon + rng.uniform(-spread, spread), lat + rng.uniform(-spread, spread))

    def coordinates():
        t = state["tpl"]
        k = {"/directions/": rng.choice([2, 2, 2, 3, 4]), "/directions-matrix/": rng.randrange(3, 9),
             "/isochrone/": 1, "/matching/": rng.randrange(6, 16)}[t[:t.index("/", 1) + 1]]
        state["n"] = k
        city = rng.choices(cities, [4, 1])[0]
        return ";".join(point(.08 if k < 6 else .01, city) for _ in range(k))

    def profile():
        return rng.choices(["driving-traffic", "driving", "walking", "cycling"], [5, 3, 2, 1] if "/matching/" not in
                           state["tpl"] else [0, 5, 2, 1])[0]

    def search_text():
        if rng.random() < .3:
            lon, lat = rng.choice(cities)
            return "%.4f,%.4f" % (lon + rng.uniform(-.05, .05), lat + rng.uniform(-.05, .05))
        return rng.choice(["1600%20Pennsylvania%20Ave%20NW%2C%20Washington%20DC", "Caf%C3%A9%20de%20Flore",
                           "10115%20Berlin", "starbucks", "Mission%20Dolores%20Park", "221B%20Baker%20St",
                           "Shibuya%20Station", "JFK", "1%20Infinite%20Loop"])

    def mapbox_id():
        kind = rng.choice([b"urn:mbxpoi:", b"urn:mbxadr:", b"urn:mbxplc:"])
        raw = kind + (_uuid(rng).encode() if kind != b"urn:mbxplc:" else _s(rng, B62, 12).encode())
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def lon():
        state["city"] = rng.choices(cities, [4, 1])[0]
        return "%.4f" % (state["city"][0] + rng.uniform(-.02, .02))

    def range_():
        k = rng.choices([0, 1, rng.choice([32, 48, 78, 255]), rng.randrange(2, 255)], [10, 3, 1, 2])[0]
        return "%d-%d" % (256 * k, 256 * k + 255)
    V = {"username": username, "style_id": style_id, "tilesize": lambda: rng.choices(["512", "256"], [3, 1])[0],
         "z": z, "x": lambda: str(state["x"]), "y": lambda: str(state["y"]),
         "lon": lon, "lat": lambda: "%.4f" % (state["city"][1] + rng.uniform(-.02, .02)),
         "zoom": lambda: rng.choice(["11", "12", "13", "14", "12.5", "15.25"]),
         "width": lambda: rng.choice(["600", "400", "1280", "300"]),
         "height": lambda: rng.choice(["400", "300", "600"]),
         "fontstack": lambda: _weighted(rng, FONTSTACKS), "range": range_, "tileset_id": tileset,
         "format": lambda: state["fmt"], "search_text": search_text, "mapbox_id": mapbox_id,
         "category": lambda: rng.choice(["coffee", "restaurant", "gas_station", "hotel", "parking_lot",
                                         "ev_charging_station", "grocery"]),
         "profile": profile, "coordinates": coordinates, "dataset_id": lambda: rng.choice(datasets),
         "upload_id": lambda: _cuid(rng)}
    tok = "access_token=" + pk
    sec = "access_token=" + sk
    near = lambda: "proximity=" + point(.01)  # noqa: E731
    Q = {t: (lambda: "?" + tok) for t, _ in T}
    Q.update({ST: lambda: "?" + sec, "/fonts/v1/{username}": lambda: "?" + sec, "/tokens/v2/{username}": lambda: "?"
              + sec + rng.choice(["", "&usage=pk", "&default=true"]), "/datasets/v1/{username}": lambda: "?" + sec,
              "/datasets/v1/{username}/{dataset_id}/features": lambda: "?" + sec + "&limit=100",
              "/tilesets/v1/{username}": lambda: "?" + sec + "&type=vector&limit=100",
              "/uploads/v1/{username}/{upload_id}": lambda: "?" + sec,
              "/v4/{tileset_id}.json": lambda: "?secure&" + tok,
              "/v4/{tileset_id}/{z}/{x}/{y}.{format}": lambda: "?sku=" + rng.choice(skus) + "&" + tok,
              "/v4/{tileset_id}/{z}/{x}/{y}@2x.{format}": lambda: "?sku=" + rng.choice(skus) + "&" + tok,
              SS + "/static/{lon},{lat},{zoom}/{width}x{height}@2x": lambda: "?" + tok + rng.choice(
                  ["", "&attribution=false&logo=false"]),
              "/geocoding/v5/mapbox.places/{search_text}.json": lambda: "?" + tok + "&autocomplete=true&limit=5&"
              "language=en&" + near() + rng.choice(["", "&types=address,poi", "&country=us"]),
              "/search/geocode/v6/forward": lambda: "?q=" + rng.choice(["1600 Pennsylvania Ave", "Caf\u00e9 de Flore",
                                                                        "Alexanderplatz", "Shibuya"]).replace(
                  " ", "%20").replace("\u00e9", "%C3%A9") + "&" + near() + "&limit=5&" + tok,
              "/search/geocode/v6/reverse": lambda: "?longitude=%s&latitude=%s&" % tuple(point().split(",")) + tok,
              "/search/searchbox/v1/suggest": lambda: "?q=" + rng.choice(["caf", "star", "alexan", "blue bottle",
                                                                         "shib"]).replace(" ", "%20")
              + "&language=en&limit=10&session_token=" + _uuid(rng) + "&" + near() + "&" + tok,
              "/search/searchbox/v1/retrieve/{mapbox_id}": lambda: "?session_token=" + _uuid(rng) + "&" + tok,
              "/search/searchbox/v1/category/{category}": lambda: "?language=en&limit=25&" + near() + "&" + tok,
              "/directions/v5/mapbox/{profile}/{coordinates}": lambda: rng.choice(
                  ["?alternatives=true&geometries=geojson&language=en&overview=full&steps=true&",
                   "?alternatives=true&geometries=polyline6&overview=full&steps=true&continue_straight=true&annotations"
                   "=congestion_numeric,maxspeed&roundabout_exits=true&voice_instructions=true&banner_instructions="
                   "true&voice_units=imperial&enable_refresh=true&"]) + tok,
              "/directions-matrix/v1/mapbox/{profile}/{coordinates}": lambda: "?annotations=duration,distance&" + tok,
              "/isochrone/v1/mapbox/{profile}/{coordinates}": lambda: "?contours_minutes=" + rng.choice(
                  ["5,10,15", "10,20,30", "15"]) + "&polygons=true&denoise=1&" + tok,
              "/matching/v5/mapbox/{profile}/{coordinates}": lambda: "?geometries=geojson&radiuses=" + ";".join(
                  ["25"] * state["n"]) + "&steps=false&tidy=true&" + tok})
    return T, V, Q, "mapbox", state


def _mapbox_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    attribution = "NOTICE: \u00a9 2026 Mapbox and its suppliers. All rights reserved. Use of this data is subject to " \
                  "the Mapbox Terms of Service (https://www.mapbox.com/about/maps/)."
    if kind == "style":
        return js, {"version": 8, "name": "Mapbox Streets", "metadata": {"mapbox:autocomposite": True},
                    "center": [-122.42, 37.77], "zoom": 11, "sources": {"composite": {
                        "url": "mapbox://mapbox.mapbox-streets-v8,mapbox.mapbox-terrain-v2", "type": "vector"}},
                    "sprite": "mapbox://sprites/%s/%s" % (v["username"], v["style_id"]),
                    "glyphs": "mapbox://fonts/mapbox/{fontstack}/{range}.pbf", "layers": [item],
                    "created": "2024-03-01T10:00:00.000Z", "modified": "2026-11-01T10:00:00.000Z",
                    "id": v["style_id"], "owner": v["username"], "visibility": "public", "draft": False}
    if kind == "sprite":
        return js, {"airport": {"width": 42, "height": 42, "x": 0, "y": 0, "pixelRatio": 2, "visible": True},
                    "bus": {"width": 34, "height": 34, "x": 42, "y": 0, "pixelRatio": 2, "visible": True},
                    _member(t): {"width": 1, "height": 1, "x": 0, "y": 0, "pixelRatio": 1}}
    if kind == "png":
        return "image/png", PNG
    if kind == "raster":
        return ("image/jpeg", JPEG) if "satellite" in v["style_id"] else ("image/png", PNG)
    if kind == "wmts":
        return "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Capabilities xmlns=\"http://www.open"
                                   "gis.net/wmts/1.0\" version=\"1.0.0\">\n  <Contents><Layer><ows:Title>"
                                   + v["style_id"] + "</ows:Title></Layer></Contents>\n</Capabilities>\n")
    if kind == "fonts":
        return js, ["DIN Pro Medium", "Arial Unicode MS Regular", "Open Sans Semibold", _member(t)]
    if kind == "pbf":
        return "application/x-protobuf", "\n\u0015\n\u000fDIN Pro Medium\u0012\u0002" + v["range"]
    if kind == "tilejson":
        return js, dict(item, tilejson="2.2.0", name=v["tileset_id"], minzoom=0, maxzoom=16,
                        bounds=[-180, -85, 180, 85], center=[0, 0, 0], scheme="xyz", format="pbf",
                        tiles=["https://a.tiles.mapbox.com/v4/%s/{z}/{x}/{y}.vector.pbf" % v["tileset_id"]],
                        vector_layers=[{"id": "road", "minzoom": 5, "maxzoom": 16}])
    if kind == "tile":
        fmt = v["format"]
        if fmt in ("vector.pbf", "mvt"):
            return "application/vnd.mapbox-vector-tile", GZIP + "\u001a\u00c4\u0001\n\u0004road"
        return {"webp": ("image/webp", WEBP), "jpg90": ("image/jpeg", JPEG)}.get(fmt, ("image/png", PNG))
    if kind == "geocode":
        return js, {"type": "FeatureCollection", "query": unquote(v["search_text"]).split(" "),
                    "features": [dict(item, type="Feature", place_type=["poi"], center=[-122.42, 37.77])],
                    "attribution": attribution}
    if kind == "geocode6":
        return js, {"type": "FeatureCollection", "features": [dict(item, type="Feature")], "attribution": attribution}
    if kind == "suggest":
        return js, {"suggestions": [item, dict(item)], "attribution": "\u00a9 2026 Mapbox and its suppliers. All "
                                                                      "rights reserved.", "url": ""}
    if kind == "directions":
        return js, {"routes": [dict(item, distance=4521.3, duration=712.9, weight_name="auto", legs=[])],
                    "waypoints": [{"name": "Market Street", "location": [-122.42, 37.77]}], "code": "Ok",
                    "uuid": _s(rng, B64URL, 56)}
    if kind == "matrix":
        return js, {"code": "Ok", "durations": [[0, 573.1], [601.2, 0]], "distances": [[0, 4521.3], [4602.8, 0]],
                    "destinations": [{"name": "", "location": [-122.42, 37.77]}], "sources": [], _member(t): True}
    if kind == "isochrone":
        return js, {"features": [dict(item, type="Feature", properties={"contour": 10, "color": "#6706ce"})],
                    "type": "FeatureCollection"}
    if kind == "matching":
        return js, {"code": "Ok", "matchings": [dict(item, confidence=0.93)], "tracepoints": [None]}
    if kind == "token":
        return js, {"code": "TokenValid", "token": {"usage": "pk", "user": "acme", "authorization": _s(rng, B62, 12)},
                    _member(t): True}
    if kind == "fc":
        return js, {"type": "FeatureCollection", "features": [dict(item, type="Feature")]}
    if kind == "p":
        return js, [item, dict(item)]
    return js, item


def _mapbox_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if kind == "tile":
        return 404, js, {"message": "Tile not found"}
    if kind == "geocode":
        return 200, js, {"type": "FeatureCollection", "query": [], "features": [], "attribution": "NOTICE: \u00a9 "
                         "2026 Mapbox and its suppliers. All rights reserved."}
    if kind in ("directions", "matching"):
        return 200, js, {"code": "NoRoute" if kind == "directions" else "NoMatch",
                         "message": "No route found" if kind == "directions" else "Could not match the trace.",
                         "routes": []}
    if kind == "matrix":
        return 422, js, {"code": "InvalidInput", "message": "Coordinate is invalid"}
    if "{" not in t:
        return 401, js, {"message": "Not Authorized - Invalid Token"}
    return 404, js, {"message": "Not Found"}


# -- Square API v2 --------------------------------------------------------------------------------

def square(rng):
    A = "/v2"
    T = [(A + "/locations", "locations"), (A + "/locations/{location_id}", "location"),
         (A + "/merchants/me", "merchant"), (A + "/merchants/{merchant_id}", "merchant"), (A + "/payments", "payments"),
         (A + "/payments/{payment_id}", "payment"), (A + "/refunds/{refund_id}", "refund"),
         (A + "/orders/{order_id}", "order"), (A + "/customers", "customers"),
         (A + "/customers/{customer_id}", "customer"), (A + "/customers/groups", "groups"),
         (A + "/customers/groups/{group_id}", "group"), (A + "/customers/segments", "segments"),
         (A + "/customers/segments/{segment_id}", "segment"), (A + "/catalog/list", "objects"),
         (A + "/catalog/object/{object_id}", "object"), (A + "/inventory/{catalog_object_id}", "counts"),
         (A + "/inventory/{catalog_object_id}/changes", "changes"), (A + "/inventory/changes/{change_id}", "changes"),
         (A + "/inventory/adjustments/{adjustment_id}", "adjustment"),
         (A + "/inventory/physical-counts/{physical_count_id}", "count"), (A + "/invoices", "invoices"),
         (A + "/invoices/{invoice_id}", "invoice"), (A + "/cards/{card_id}", "card"),
         (A + "/gift-cards/{id}", "gift_card"), (A + "/disputes/{dispute_id}", "dispute"),
         (A + "/disputes/{dispute_id}/evidence", "evidence"), (A + "/team-members/{team_member_id}", "team_member"),
         (A + "/bookings/{booking_id}", "booking"),
         (A + "/bookings/business-booking-profile", "business_booking_profile"),
         (A + "/loyalty/programs/{program_id}", "program"), (A + "/payouts", "payouts"),
         (A + "/payouts/{payout_id}", "payout"), (A + "/payouts/{payout_id}/payout-entries", "payout_entries"),
         (A + "/devices/{device_id}", "device")]
    locations = ["L" + _s(rng, UPPER, 12) for _ in range(3)]
    merchant = "ML" + _s(rng, UPPER, 11)
    items = [_s(rng, B32, 24) for _ in range(14)]
    customers = [_s(rng, CROCKFORD, 26) for _ in range(10)]
    groups = [_s(rng, CROCKFORD, 26) for _ in range(4)]
    segments = ["gv2:" + _s(rng, CROCKFORD, 26) for _ in range(4)]
    programs = [_uuid(rng)]
    devices = ["device:" + _s(rng, UPPER, 16) for _ in range(3)]
    team = ["TM" + _s(rng, B64URL, 14) for _ in range(6)]
    disputes = [_s(rng, B62, 21) for _ in range(5)]
    state = {}

    def enc(x):
        return quote(x, safe="")

    def payment():
        state["payment"] = _s(rng, B62, 29)
        return state["payment"]
    V = {"location_id": lambda: "main" if rng.random() < .3 else rng.choices(locations, [6, 2, 1])[0],
         "merchant_id": lambda: merchant if rng.random() < .9 else "ML" + _s(rng, UPPER, 11),
         "payment_id": payment, "refund_id": lambda: _s(rng, B62, 29) + "_" + _s(rng, B62, 43),
         "order_id": lambda: _s(rng, B62, rng.choice([27, 28, 29])),
         "customer_id": lambda: _hot(rng, customers, .4, lambda: _s(rng, CROCKFORD, 26)),
         "group_id": lambda: rng.choice(groups), "segment_id": lambda: enc(rng.choice(segments)),
         "object_id": lambda: _hot(rng, items, .7, lambda: _s(rng, B32, 24)),
         "catalog_object_id": lambda: _hot(rng, items, .8, lambda: _s(rng, B32, 24)),
         "change_id": lambda: _s(rng, CROCKFORD, 26), "adjustment_id": lambda: _s(rng, CROCKFORD, 26),
         "physical_count_id": lambda: _s(rng, CROCKFORD, 26),
         "invoice_id": lambda: enc("inv:0-ChC" + _s(rng, B62 + "-_", 22) + rng.choice(["ECY", "EAE", "ECI"])),
         "card_id": lambda: enc("ccof:" + _s(rng, B62, rng.choice([20, 23]))),
         "id": lambda: enc("gftc:" + _hex(rng, 32)),
         "dispute_id": lambda: _hot(rng, disputes, .85, lambda: _s(rng, B62, 21)),
         "team_member_id": lambda: rng.choice(team), "booking_id": lambda: _s(rng, LOWER, 14),
         "program_id": lambda: "main" if rng.random() < .85 else programs[0],
         "payout_id": lambda: "po_" + _uuid(rng), "device_id": lambda: enc(rng.choice(devices))}
    day = lambda: "2026-11-%02d" % rng.randrange(1, 20)  # noqa: E731
    cursor = lambda: rng.choice(["", "&cursor=" + _s(rng, B62, 40)])  # noqa: E731
    Q = {A + "/payments": lambda: "?begin_time=" + day() + "T00%3A00%3A00Z&end_time=2026-11-20T23%3A59%3A59Z&sort_order"
         "=DESC&location_id=" + locations[0] + "&limit=100" + cursor(),
         A + "/customers": lambda: "?limit=100&sort_field=" + rng.choice(["CREATED_AT", "DEFAULT"]) + "&sort_order=DESC"
         + cursor(),
         A + "/customers/groups": lambda: "?limit=50", A + "/customers/segments": lambda: "?limit=50",
         A + "/catalog/list": lambda: "?types=" + rng.choice(["ITEM%2CCATEGORY%2CTAX%2CDISCOUNT%2CMODIFIER_LIST",
                                                              "ITEM", "CATEGORY"]) + cursor(),
         A + "/catalog/object/{object_id}": lambda: rng.choice(["", "?include_related_objects=true"]) or "?",
         A + "/inventory/{catalog_object_id}": lambda: "?location_ids=" + rng.choice(locations),
         A + "/inventory/{catalog_object_id}/changes": lambda: "?location_ids=" + rng.choice(locations) + cursor(),
         A + "/invoices": lambda: "?location_id=" + rng.choice(locations) + "&limit=100" + cursor(),
         A + "/payouts": lambda: "?location_id=" + locations[0] + "&begin_time=" + day() + "T00%3A00%3A00Z&sort_order"
         "=DESC&limit=100",
         A + "/payouts/{payout_id}/payout-entries": lambda: "?sort_order=DESC&limit=100" + cursor()}
    return T, V, Q, "square", state


SQUARE_LISTS = {"locations": "locations", "payments": "payments", "customers": "customers", "groups": "groups",
                "segments": "segments", "objects": "objects", "invoices": "invoices", "disputes": "disputes",
                "payouts": "payouts", "payout_entries": "payout_entries", "evidence": "evidence", "changes": "changes",
                "counts": "counts"}


def _square_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    if kind in SQUARE_LISTS:
        if kind not in ("locations", "counts") and rng.random() < .06:
            return js, {}
        body = {SQUARE_LISTS[kind]: [item, dict(item)]}
        if query and "cursor=" in query or rng.random() < .3:
            body["cursor"] = _s(rng, B62, 40)
        return js, body
    if kind == "object":
        body = {"object": dict(item, type="ITEM", version=1731000000000 + i, is_deleted=False)}
        if query and "include_related_objects=true" in query:
            body["related_objects"] = [dict(item, type="CATEGORY")]
        return js, body
    if kind == "merchant":
        return js, {"merchant": dict(item, business_name="Acme Coffee", country="US", currency="USD",
                                     status="ACTIVE")}
    return js, {kind: item}


SQUARE_WORDS = {"location_id": "location", "merchant_id": "merchant", "payment_id": "payment", "refund_id": "refund",
                "order_id": "order", "customer_id": "customer", "group_id": "customer group",
                "segment_id": "customer segment", "object_id": "catalog object", "catalog_object_id": "catalog object",
                "change_id": "inventory change", "adjustment_id": "inventory adjustment",
                "physical_count_id": "physical count", "invoice_id": "invoice", "card_id": "card", "id": "gift card",
                "dispute_id": "dispute", "team_member_id": "team member", "booking_id": "booking",
                "program_id": "loyalty program", "payout_id": "payout",
                "device_id": "device"}


def _square_error(rng, t, kind, path):
    if "{" not in t:
        return 401, "application/json", {"errors": [{"category": "AUTHENTICATION_ERROR", "code": "UNAUTHORIZED",
                                                     "detail": "This request could not be authorized."}]}
    v = _values(t, path)
    name, value = list(v.items())[-1]
    return 404, "application/json", {"errors": [{"code": "NOT_FOUND", "detail": "Could not find %s with id: %s"
                                                 % (SQUARE_WORDS[name], unquote(value)),
                                                 "category": "INVALID_REQUEST_ERROR"}]}


# -- Ghost (Content and Admin APIs, a site's pages and images) -------------------------------------

GHOST_POSTS = ["how-we-cut-our-cloud-bill-in-half", "announcing-acme-3-0", "welcome", "black-friday-2026",
               "the-state-of-rust-in-2026", "coming-soon", "a-field-guide-to-on-call", "why-we-moved-off-kubernetes",
               "november-product-update", "postgres-17-upgrade-notes", "hiring-senior-sre", "untitled-2"]
GHOST_PAGES = ["about", "contact", "privacy", "pricing", "careers", "newsletter"]
GHOST_TAGS = ["news", "engineering", "product", "getting-started", "hash-newsletter", "tutorials", "release-notes"]
GHOST_AUTHORS = ["jdoe", "jane", "ghost", "maria-garcia", "wei"]
GHOST_IMAGES = ["hero.jpg", "hero-1.jpg", "photo-1506744038136-46273834b3fb.jpeg",
                "Screenshot-2026-11-20-at-10.02.11.png",
                "IMG_4821.jpeg", "cover.png", "acme-logo.png", "image.png", "image-3.png", "diagram-v2.webp"]


def ghost(rng):
    C = "/ghost/api/content"
    AD = "/ghost/api/admin"
    I = "/content/images"  # noqa: E741
    T = [(C + "/posts/", "posts"), (C + "/posts/{id}/", "posts1"), (C + "/posts/slug/{slug}/", "posts1"),
         (C + "/pages/", "pages"), (C + "/pages/slug/{slug}/", "pages1"), (C + "/authors/", "authors"),
         (C + "/authors/slug/{slug}/", "authors1"), (C + "/tags/", "tags"), (C + "/tags/{id}/", "tags1"),
         (C + "/tags/slug/{slug}/", "tags1"), (C + "/settings/", "settings"), (C + "/tiers/", "tiers"),
         (C + "/newsletters/", "newsletters"), (AD + "/site/", "site"), (AD + "/posts/", "posts"),
         (AD + "/posts/{id}/", "posts1"), (AD + "/pages/{id}/", "pages1"), (AD + "/members/", "members"),
         (AD + "/members/{id}/", "members1"), (AD + "/users/", "users"), (AD + "/users/me/", "users1"),
         (AD + "/users/{id}/", "users1"), (AD + "/tiers/", "tiers"), (AD + "/newsletters/{id}/", "newsletters1"),
         (AD + "/settings/", "settings"), (I + "/{year}/{month}/{filename}", "img"),
         (I + "/size/{size}/{year}/{month}/{filename}", "img"),
         (I + "/size/{size}/format/{format}/{year}/{month}/{filename}", "img"), ("/{slug}/", "html"),
         ("/tag/{slug}/", "html"), ("/author/{slug}/", "html"), ("/rss/", "rss"), ("/sitemap-posts.xml", "xml"),
         ("/members/api/member/", "member")]
    ids = {k: [_oid(rng) for _ in range(n)] for k, n in [("posts", 12), ("pages", 6), ("tags", 7), ("users", 5),
                                                          ("newsletters", 2), ("members", 30)]}
    key = _hex(rng, 26)
    state = {}

    def ident():
        kind = state["tpl"].split("/")[4]
        if kind == "members":
            return _hot(rng, ids["members"], .3, lambda: _oid(rng))
        return _weighted(rng, ids[kind]) if rng.random() < .9 else _oid(rng)

    def slug():
        t = state["tpl"]
        if "/pages/" in t:
            return _weighted(rng, GHOST_PAGES)
        if "/tags/" in t or t.startswith("/tag/"):
            return _weighted(rng, GHOST_TAGS)
        if "/authors/" in t or t.startswith("/author/"):
            return _weighted(rng, GHOST_AUTHORS)
        if t == "/{slug}/" and rng.random() < .25:
            return _weighted(rng, GHOST_PAGES)
        return _weighted(rng, GHOST_POSTS)

    def year():
        state["year"] = rng.choices([2026, 2025, 2024, 2023], [6, 3, 2, 1])[0]
        return str(state["year"])

    def month():
        return "%02d" % (rng.randrange(1, 12) if state["year"] == 2026 else rng.randrange(1, 13))
    V = {"id": ident, "slug": slug, "year": year, "month": month, "filename": lambda: _weighted(rng, GHOST_IMAGES),
         "size": lambda: rng.choices(["w600", "w1200", "w2000", "w300", "w960", "w100h100", "w256h256"],
                                     [6, 5, 3, 2, 2, 1, 1])[0],
         "format": lambda: rng.choices(["webp", "avif"], [5, 1])[0]}
    k = "?key=" + key

    def content():
        return k + rng.choice(["&limit=15&page=" + str(rng.randrange(1, 5)) + "&include=tags,authors",
                               "&limit=all&fields=title,slug,url", "&filter=tag:" + rng.choice(GHOST_TAGS[:3])
                               + "&limit=5&include=tags", "&formats=html,plaintext&limit=10"])
    Q = {C + "/posts/": content, C + "/pages/": lambda: k + "&limit=all",
         C + "/posts/{id}/": lambda: k + rng.choice(["", "&include=tags,authors"]),
         C + "/posts/slug/{slug}/": lambda: k + rng.choice(["&include=tags,authors", "&formats=html"]),
         C + "/pages/slug/{slug}/": lambda: k, C + "/authors/": lambda: k + "&limit=all&include=count.posts",
         C + "/authors/slug/{slug}/": lambda: k + "&include=count.posts", C + "/tags/": lambda: k + rng.choice(
             ["&limit=all", "&limit=all&filter=visibility:public&include=count.posts"]),
         C + "/tags/{id}/": lambda: k, C + "/tags/slug/{slug}/": lambda: k + "&include=count.posts",
         C + "/settings/": lambda: k, C + "/tiers/": lambda: k + "&include=monthly_price,yearly_price,benefits",
         C + "/newsletters/": lambda: k + "&limit=all",
         AD + "/posts/": lambda: "?formats=lexical,mobiledoc&limit=15&order=updated_at+desc&filter=status:"
         + rng.choice(["draft", "published", "scheduled"]),
         AD + "/posts/{id}/": lambda: "?formats=lexical,mobiledoc&include=tags,authors,authors.roles,email,tiers,"
         "newsletter,count.clicks",
         AD + "/pages/{id}/": lambda: "?formats=lexical,mobiledoc&include=tags,authors",
         AD + "/members/": lambda: rng.choice(["?limit=50&filter=status:paid&include=labels,newsletters",
                                               "?search=" + rng.choice(["jane", "acme.com", "gmail"]) + "&limit=50",
                                               "?limit=50&page=" + str(rng.randrange(1, 9))
                                               + "&order=created_at+desc"]),
         AD + "/members/{id}/": lambda: "?include=email_recipients,products",
         AD + "/users/": lambda: "?limit=all&include=roles,count.posts", AD + "/users/me/": lambda: "?include=roles",
         AD + "/settings/": lambda: "?group=site,theme,private,members,portal,newsletter,email,labs,slack,unsplash,"
         "views,firstpromoter,editor,comments,analytics,announcement,pintura",
         "/{slug}/": lambda: rng.choice(["", "", "?ref=" + rng.choice(["news.ycombinator.com", "acme-newsletter",
                                                                       "twitter.com"])]) or "?"}
    return T, V, Q, "ghost", state


GHOST_HTML = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <meta charset=\"utf-8\">\n    <title>%s</title>\n"
              "    <meta name=\"generator\" content=\"Ghost 5.101\">\n</head>\n<body class=\"%s\">\n</body>\n</html>\n")


def _ghost_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    if kind == "img":
        name = v["format"] if "format" in v else v["filename"].rsplit(".", 1)[1]
        return {"png": ("image/png", PNG), "webp": ("image/webp", WEBP), "avif": ("image/avif", "\u0000\u0000\u0000"
                                                                                  "\u001cftypavif")}.get(
            name, ("image/jpeg", JPEG))
    if kind == "html":
        return "text/html; charset=utf-8", GHOST_HTML % (v["slug"].replace("-", " ").title() + " - Acme Blog",
                                                         "post-template" if t == "/{slug}/" else "tag-template")
    if kind == "rss":
        return "application/rss+xml; charset=utf-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                                                      "<channel><title>Acme Blog</title><generator>Ghost 5.101"
                                                      "</generator></channel></rss>")
    if kind == "xml":
        return "text/xml; charset=utf-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitem"
                                           "aps.org/schemas/sitemap/0.9\"><url><loc>https://blog.acme.com/welcome/"
                                           "</loc></url></urlset>")
    if kind == "member":
        if rng.random() < .6:
            return 204, None, ""
        return js, dict(item, uuid=_uuid(rng), email=_email(rng, "gmail.com"), name="Jane Doe", status="free",
                        newsletters=[{"id": _oid(rng), "name": "Acme Weekly"}], paid=False)
    if kind in ("settings", "site"):
        return js, {kind: dict(item, title="Acme Blog", url="https://blog.acme.com/", version="5.101"),
                    "meta": {}}
    key = kind.rstrip("1")
    if kind.endswith("1"):
        return js, {key: [dict(item, id=v.get("id") or _oid(rng), slug=v.get("slug", "x"))]}
    return js, {key: [item, dict(item)], "meta": {"pagination": {"page": 1, "limit": 15, "pages": 4, "total": 52,
                                                                 "next": 2, "prev": None}}}


def _ghost_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if kind in ("html", "img"):
        return 404, "text/html; charset=utf-8", GHOST_HTML % ("404 \u2014 Page not found", "error-template")
    if kind in ("rss", "xml"):
        return 304, None, ""
    if kind == "member":
        return 204, None, ""
    err = {"context": None, "type": "NotFoundError", "details": None, "property": None, "help": None, "code": None,
           "id": _uuid(rng), "ghostErrorCode": None}
    if "{" not in t:
        return 401, js, {"errors": [dict(err, message="Unknown Content API Key" if "/content/" in t else
                                         "Authorization failed", type="UnauthorizedError",
                                         context=None if "/content/" in t else "jwt expired")]}
    word = {"posts": "post", "pages": "page", "authors": "author", "tags": "tag", "members": "member",
            "users": "user", "newsletters": "newsletter"}[kind.rstrip("1")]
    return 404, js, {"errors": [dict(err, message="Resource not found error, cannot read %s." % word)]}


# -- Sonarr API v3 --------------------------------------------------------------------------------

SONARR_LOGS = ["sonarr.txt", "sonarr.0.txt", "sonarr.1.txt", "sonarr.2.txt", "sonarr.debug.txt", "sonarr.debug.0.txt",
               "sonarr.trace.txt", "sonarr.trace.3.txt"]
SONARR_COVERS = ["poster-250.jpg", "poster-500.jpg", "fanart-360.jpg", "poster.jpg", "fanart.jpg", "banner-70.jpg",
                 "fanart-180.jpg", "banner.jpg", "banner-35.jpg", "clearlogo.png"]
SONARR_TITLES = ["The Last of Us", "Severance", "Slow Horses", "The Bear", "Shogun", "Andor", "Fallout", "Arcane",
                 "The Penguin", "Silo", "Only Murders in the Building", "Abbott Elementary"]


def sonarr(rng):
    A = "/api/v3"
    T = [(A + "/system/status", "o"), (A + "/health", "l"), (A + "/series", "l"),
         (A + "/series/{id}", "o"), (A + "/series/lookup", "l"), (A + "/episode", "l"), (A + "/episode/{id}", "o"),
         (A + "/episodefile", "l"), (A + "/episodefile/{id}", "o"), (A + "/calendar", "l"), (A + "/queue", "paged"),
         (A + "/queue/details", "l"), (A + "/queue/status", "o"), (A + "/history", "paged"),
         (A + "/history/series", "l"),
         (A + "/wanted/missing", "paged"), (A + "/command", "l"),
         (A + "/command/{id}", "o"), (A + "/qualityprofile", "l"), (A + "/qualityprofile/{id}", "o"),
         (A + "/rootfolder", "l"), (A + "/tag", "l"), (A + "/tag/{id}", "o"), (A + "/tag/detail", "l"),
         (A + "/tag/detail/{id}", "o"), (A + "/indexer/{id}", "o"), (A + "/downloadclient/{id}", "o"),
         (A + "/system/task", "l"), (A + "/log/file", "l"), (A + "/log/file/{filename}", "txt"), (A + "/parse", "o"),
         (A + "/release", "l"), ("/MediaCover/{seriesId}/{filename}", "cover"), ("/feed/v3/calendar/Sonarr.ics", "ics"),
         ("/ping", "ping")]
    n_series = rng.randrange(60, 400)
    airing = [str(rng.randrange(1, n_series)) for _ in range(12)]
    command = [rng.randrange(2000, 40000)]
    state = {}

    def series_id():
        return _hot(rng, airing, .6, lambda: str(rng.randrange(1, n_series)))

    def ident():
        t = state["tpl"]
        if t.startswith(A + "/series/"):
            return series_id()
        if t.startswith(A + "/episode/"):
            return str(rng.randrange(1, 60 * n_series))
        if t.startswith(A + "/episodefile/"):
            return str(rng.randrange(1, 40 * n_series))
        if t.startswith(A + "/command/"):
            command[0] += rng.choice([0, 0, 1, 2])
            return str(command[0])
        if t.startswith(A + "/qualityprofile/"):
            return str(rng.choices(range(1, 8), [2, 1, 3, 6, 2, 4, 1])[0])
        if t.startswith(A + "/tag/"):
            return str(rng.randrange(1, 13))
        if t.startswith(A + "/indexer/"):
            return str(rng.randrange(1, 9))
        return str(rng.randrange(1, 4))
    V = {"id": ident, "seriesId": series_id,
         "filename": lambda: _weighted(rng, SONARR_LOGS if "/log/" in state["tpl"] else SONARR_COVERS)}
    week = lambda: "start=2026-11-%02dT05%%3A00%%3A00.000Z&end=2026-11-%02dT05%%3A00%%3A00.000Z" % (  # noqa: E731
        (lambda d: (d, d + 7))(rng.randrange(1, 20)))
    paged = lambda key: "?page=%d&pageSize=%d&sortDirection=descending&sortKey=%s" % (  # noqa: E731
        rng.choice([1, 1, 1, 2, 3]), rng.choice([20, 50, 250]), key)
    apikey = _hex(rng, 32)
    Q = {A + "/series": lambda: rng.choice(["", "?tvdbId=" + str(rng.randrange(70_000, 450_000)),
                                            "?includeSeasonImages=false"]) or "?",
         A + "/series/lookup": lambda: "?term=" + rng.choice([quote(rng.choice(SONARR_TITLES)), "tvdb%3A"
                                                              + str(rng.randrange(70_000, 450_000))]),
         A + "/episode": lambda: rng.choice(["?seriesId=" + series_id() + "&includeImages=false",
                                             "?seriesId=" + series_id() + "&seasonNumber=" + str(rng.randrange(1, 6)),
                                             "?episodeIds=%d&episodeIds=%d" % (rng.randrange(1, 9000),
                                                                               rng.randrange(1, 9000))]),
         A + "/episodefile": lambda: "?seriesId=" + series_id(),
         A + "/calendar": lambda: "?" + week() + "&unmonitored=false&includeSeries=true&includeEpisodeFile=false"
         "&includeEpisodeImages=false",
         A + "/queue": lambda: paged("timeleft") + "&includeUnknownSeriesItems=false&includeSeries=true"
         "&includeEpisode=true",
         A + "/queue/details": lambda: rng.choice(["?includeSeries=true&includeEpisode=true",
                                                   "?seriesId=" + series_id() + "&includeEpisode=true"]),
         A + "/history": lambda: paged("date") + rng.choice(["", "&eventType=1", "&includeSeries=true"]),
         A + "/history/series": lambda: "?seriesId=" + series_id() + "&includeSeries=false&includeEpisode=true",
         A + "/wanted/missing": lambda: paged("episodes.airDateUtc") + "&monitored=true&includeSeries=true",
         A + "/parse": lambda: "?title=" + quote(rng.choice(["The.Last.of.Us.S02E03.1080p.WEB.h264-ETHEL",
                                                             "Severance.S02E01.2160p.ATVP.WEB-DL.DDP5.1.DV.H.265-NTb",
                                                             "Slow.Horses.S04E02.720p.WEB.x264-TGx"])),
         A + "/release": lambda: rng.choice(["?episodeId=" + str(rng.randrange(1, 9000)),
                                             "?seriesId=" + series_id() + "&seasonNumber=" + str(rng.randrange(1, 5))]),
         "/MediaCover/{seriesId}/{filename}": lambda: "?lastWrite=6386%014d" % rng.randrange(10 ** 14),
         "/feed/v3/calendar/Sonarr.ics": lambda: "?apikey=" + apikey + "&unmonitored=false&premieresOnly=false"
         "&asAllDay=" + rng.choice(["false", "true"])}
    return T, V, Q, "sonarr", state


def _sonarr_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    if kind == "paged":
        key = query.split("sortKey=")[1].split("&")[0] if query and "sortKey=" in query else "date"
        return js, {"page": 1, "pageSize": 20, "sortKey": key, "sortDirection": "descending",
                    "totalRecords": rng.randrange(2, 4000), "records": [item, dict(item)]}
    if kind == "txt":
        return "text/plain; charset=utf-8", ("2026-11-20 10:00:01.4|Info|RssSyncService|RSS Sync Completed. Reports "
                                             "found: 250, Reports grabbed: 1\n2026-11-20 10:00:02.1|Info|"
                                             "DownloadService|Report sent to qBittorrent.\n")
    if kind == "cover":
        return ("image/png", PNG) if path.endswith(".png") else ("image/jpeg", JPEG)
    if kind == "ics":
        return "text/calendar; charset=utf-8", ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sonarr.tv//Sonarr//EN\r\n"
                                                "BEGIN:VEVENT\r\nUID:NzbDrone_episode_" + str(i)
                                                + "\r\nSUMMARY:Severance"
                                                " - 2x01 - Hello, Ms. Cobel\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    if kind == "ping":
        return js, {"status": "OK"}
    if kind == "l":
        return js, [item, dict(item)]
    return js, item


def _sonarr_error(rng, t, kind, path):
    if kind == "ping":
        return 502, "text/html", ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
                                  "Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
    if "{" not in t:
        return 401, None, ""
    if kind in ("cover", "txt"):
        return 404, None, ""
    v = _values(t, path)
    return 404, "application/json; charset=utf-8", {"message": "NotFound", "description": "%s with ID %s does not "
                                                    "exist" % (t.split("/")[3].title(), next(iter(v.values())))}


CLIENTS = {f.__name__: f for f in (huggingface, box, twitter, gcs, rubygems, nextcloud, tmdb, pokeapi, mapbox, square,
                                   ghost, sonarr)}
ANSWER = {"huggingface": _hf_answer, "box": _box_answer, "twitter": _twitter_answer, "gcs": _gcs_answer,
          "rubygems": _rubygems_answer, "nextcloud": _nc_answer, "tmdb": _tmdb_answer, "pokeapi": _pokeapi_answer,
          "mapbox": _mapbox_answer, "square": _square_answer, "ghost": _ghost_answer, "sonarr": _sonarr_answer}
ERRORS = {"huggingface": {"error": "Repository not found"},
          "box": {"type": "error", "status": 404, "code": "not_found", "help_url": "http://developers.box.com/docs/"
                  "#errors", "message": "Not Found", "request_id": "d8f0bbcb5e7f4a39"},
          "twitter": {"errors": [{"message": "Sorry, that page does not exist", "code": 34}]},
          "gcs": {"error": {"code": 404, "message": "Not Found",
                            "errors": [{"message": "Not Found", "domain": "global", "reason": "notFound"}]}},
          "rubygems": "This rubygem could not be found.",
          "nextcloud": {"ocs": {"meta": {"status": "failure", "statuscode": 404, "message": ""}, "data": []}},
          "tmdb": {"success": False, "status_code": 34, "status_message": "The resource you requested could not be "
                                                                          "found."},
          "pokeapi": "Not Found",
          "mapbox": {"message": "Not Found"},
          "square": {"errors": [{"code": "NOT_FOUND", "detail": "Resource not found.",
                                 "category": "INVALID_REQUEST_ERROR"}]},
          "ghost": {"errors": [{"message": "Resource not found", "context": None, "type": "NotFoundError",
                                "details": None, "property": None, "help": None, "code": None,
                                "id": "5f0c1b2a-3d4e-4f60-8a9b-0c1d2e3f4a5b", "ghostErrorCode": None}]},
          "sonarr": {"message": "NotFound"}}
ERROR_TYPE = {"huggingface": "application/json; charset=utf-8", "rubygems": "text/plain; charset=utf-8",
              "nextcloud": "application/json; charset=utf-8", "tmdb": "application/json;charset=utf-8",
              "pokeapi": "text/plain; charset=utf-8", "mapbox": "application/json; charset=utf-8",
              "ghost": "application/json; charset=utf-8", "sonarr": "application/json; charset=utf-8"}
ERROR_STATUS = {}


def _hf_error(rng, t, kind, path):
    if kind == "file":
        return 404, "text/plain; charset=utf-8", "Entry not found"
    if t.startswith("/api/papers/"):
        return 404, "application/json; charset=utf-8", {"error": "Paper not found"}
    if "{" not in t:
        return 401, "application/json; charset=utf-8", {"error": "Invalid credentials in Authorization header"}
    return None


def _tmdb_error(rng, t, kind, path):
    if "{" not in t:
        return 401, "application/json;charset=utf-8", {"status_code": 7, "status_message": "Invalid API key: You must "
                                                       "be granted a valid key.", "success": False}
    return None


def _box_error(rng, t, kind, path):
    body = dict(ERRORS["box"], request_id=_hex(rng, 16))
    if kind == "metadata":
        body.update(code="instance_not_found", message="Instance not found for '%s'" % _values(t, path).get(
            "template_key", ""))
    return 404, "application/json", body


# Errors that differ by endpoint: (rng, template, kind, path) -> (status, content type, body), or None for the
# client's one error body above.
ERROR_FOR = {"huggingface": _hf_error, "box": _box_error, "twitter": _twitter_error, "gcs": _gcs_error,
             "rubygems": _rubygems_error, "nextcloud": _nc_error, "tmdb": _tmdb_error, "mapbox": _mapbox_error,
             "square": _square_error, "ghost": _ghost_error, "sonarr": _sonarr_error}


def traffic(client, n, seed, out):
    """Write n exchanges; return {template: set of parameter-value tuples} for the templates requested."""

    def answer(rng, i, t, kind, name, path, query, status):
        if status == 200:
            got = ANSWER[name](rng, i, t, kind, path, query, clients.item(rng, i, t))
            return got if len(got) == 3 else (200,) + got
        got = ERROR_FOR[name](rng, t, kind, path) if name in ERROR_FOR else None
        if got:
            return got
        return ERROR_STATUS.get(name, status), ERROR_TYPE.get(name, "application/json"), ERRORS[name]

    return clients.write(CLIENTS, client, n, seed, out, answer)
