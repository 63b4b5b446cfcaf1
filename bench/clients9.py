"""Twelve more clients of real public APIs, in the style and interface of bench/clients8.py.

Written from the public shapes of Stripe's API v1, the Riot Games API (Account, Summoner, Match,
League, Champion Mastery, Spectator, Clash, Challenges and TFT), Ensembl's REST API, the Internet
Archive (the Metadata API, downloads, item pages, advanced search, the Scrape API, Wayback
availability and tasks), the Heroku Platform API, the Coinbase Exchange REST API, the National
Weather Service API (api.weather.gov), the Deezer API, Hex (hex.pm's API and the repository at
repo.hex.pm), Transport for London's Unified API, HL7 FHIR R4 as a HAPI FHIR server answers it
(the public one's `/baseR4`) and the Canvas LMS REST API, GET only, by a helper that read only
the bench's other clients. Each has a few tenants, accounts, players, places, apps, profiles,
organizations, patients or courses seen often beside open sets of ids, Zipf over the endpoints and
about one request in ten a miss (both from `clients.requests`), each miss answered the way the
real API answers it, a member of its own in each endpoint's JSON answer, collections wrapped the
way the real API wraps them, and query strings where the real client sends them.

Misses as the real APIs answer them: Stripe's `resource_missing` (`No such customer: 'cus_…'`,
`param`, `request_log_url`), `invoice_upcoming_none`, 400 for a bad search query, 401 for a bad key
and 429 `rate_limit` on collections; Riot's `{"status": {"message": "Data not found - …",
"status_code": 404}}` (`match file not found`, `spectator game info isn't found`, `No results found
for player with riot id …`), 400 `Exception decrypting` for a bad PUUID, 403 `Forbidden` for an
expired key and 429; Ensembl's 400 `{"error": "ID '…' not found"}`, `No valid lookup found for
symbol`, `Can not find internal name for species`, 404 for ontology terms and 429 over 15 requests
a second; the Internet Archive's 200 `{}` for an unknown item's metadata, 404 and 403 pages for
downloads, `Item cannot be found` pages, empty search results, an empty `archived_snapshots` and
403 for another's tasks; Heroku's `{"id": "not_found", "message": "Couldn't find that app.",
"resource": "app"}`, `forbidden`, `unauthorized` and `rate_limit`; Coinbase's `{"message":
"NotFound"}`, `Unsupported granularity`, `Invalid order id`, `invalid signature` and `Public rate
limit exceeded`; the NWS's `application/problem+json` (`InvalidPoint` for a point it has no data
for, 500 `UnexpectedProblem` and 503 `ForecastGridExpired` for forecasts, `BadRequest` with
`parameterErrors`); Deezer's 200 with an error object (`DataException` `no data` code 800,
`OAuthException` code 200 for `me` without a token, `MissingParameterException`, `Quota limit
exceeded` code 4); Hex's `{"status": 404, "message": "Page not found"}`, 401 `missing
authentication information`, 429 and the repository's S3 403 `AccessDenied` XML; TfL's `ApiError`
(`EntityNotFoundException`, `The following stop point is not recognised: …`) and its API
gateway's 401 and 429; HAPI FHIR's `OperationOutcome` (404 `HAPI-2001: Resource Patient/… is not
known`, 410 for deleted resources and expired searches, 400 `HAPI-0524: Unknown search
parameter`); Canvas's `{"errors": [{"message": "The specified resource does not exist."}]}`, 401
`Invalid access token.`, 403 `unauthorized` and the plain-text `403 Forbidden (Rate Limit
Exceeded)`.

Shapes covered: prefixed ids in two lengths (`cus_` and `prod_` with 14 characters, `pi_`, `ch_`,
`py_`, `in_`, `sub_`, `txn_`, `evt_`, `pm_`, `card_`, `src_`, `seti_` with 24 sharing the account's
ten-character fragment), `cs_live_` session ids of 66 characters, merchant-set product ids and
coupon codes, `search` and `upcoming` beside ids, `expand[]` and `created[gte]` encoded (Stripe);
78-character PUUIDs, `by-puuid`, `by-riot-id/{gameName}/{tagLine}` with encoded spaces and Hangul,
`by-game/{game}/by-puuid/{puuid}`, match ids `EUW1_7…` with the platform inside, queues, tiers and
divisions as three segments, `featured-games` beside `active-games/by-summoner`, `top` after a
PUUID, answers that are a bare number (Riot); `ENSG…`, `ENST…`, `ENSP…`, `ENSE…` and `ENSMUSG…`
ids with and without versions, regions `7:140719327-140729327` and `X:1..100:-1`, HGVS with `:`
and `%3E`, `rs` ids, `GO:0005667` with a raw colon, species names and aliases (`human`,
`homo_sapiens`), the VEP region form `{region}/{allele}/` with a trailing slash, `;` between query
parameters, FASTA for `content-type=text/x-fasta` (Ensembl); identifiers with dots and hyphens
(`gd1977-05-08.sbd.hicks.4982.sbeok.shnf`), file names with `%20`, `_files.xml`, `_meta.xml`
and `__ia_thumb.jpg` in one place, metadata sub-elements as a segment, `/details/@{screenname}`
beside `/details/{identifier}`, `.php` endpoints, 302s for every download (the Internet Archive);
apps by name or UUID, review apps `acme-web-pr-1482`, dynos `web.1`, `run.7734`, process types,
release versions as numbers, hostnames with dots, add-on names `postgresql-curved-12345`, `~` for
the current user, e-mail addresses, no query strings (Heroku); product pairs `BTC-USD`, currency
codes, `/orders/client:{client_oid}` beside order UUIDs, `users/self`, `products/stats` beside
`products/{product_id}`, candles as arrays of arrays (Coinbase); two values in one segment
(`/points/{latitude},{longitude}`, `/gridpoints/{wfo}/{x},{y}`), `alerts/active`, `alerts/types`
beside alert ids `urn:oid:2.49.0.1.840.0.….001.1`, `zones/forecast/{zoneId}/…` beside
`zones/{type}/{zoneId}`, observation times in the path, GeoJSON and JSON-LD answers (NWS);
`/album/upc:{upc}` and `/track/isrc:{isrc}` beside numeric ids, `me` as a user id with an
`access_token` in the query, chart `0` and genre ids, misses answered 200 (Deezer);
`/tarballs/{name}-{version}.tar`, `/installs/{elixir_version}/hex-{hex_version}.ez`,
`/api/repos/{repository}/…` beside the public repository, `users/me` beside user names, release
candidates `1.8.0-rc.3`, Erlang term answers for Mix and gzipped registry files (Hex); PascalCase
segments, comma lists of line, stop, road and bike point ids, NaPTAN ids `940GZZLUOXC` and
`490008660N`, `HUBKGX`, `BikePoints_154`, `/Line/Meta/Modes` and `/Line/Mode/{modes}` beside
`/Line/{ids}`, `/Journey/JourneyResults/{from}/to/{to}` with postcodes, coordinates and ICS codes,
a 300 for an ambiguous place, `app_key` in every query (TfL); `$everything`, `$expand` and
`$lookup` operations, `_history/{vid}`, server-assigned numbers beside client-assigned `example`,
`pat-001` and UUIDs, `/baseR4?_getpages=…` paging on the base itself, `system|code` tokens
(FHIR); `self` and `sis_course_id:CS101-F26`, `sis_user_id:…` as ids, `users/self/todo` beside
`users/{id}`, page slugs beside page ids, `front_page`, `include[]` and `page=bookmark:…` (Canvas).
Non-JSON answers: Ensembl's FASTA; the Internet Archive's pages, images and redirects; Hex's Erlang
terms, registry files, tarballs, docs, public key, CSV and archives; Canvas's plain-text rate limit.

Left out as not learnable at a fixed depth: files in an item's subfolders and Wayback's
`/web/{timestamp}/{url}` with raw slashes (the Internet Archive), Canvas's `folders/by_path/*`.
Left out as other hosts or not plain GETs: Riot's Data Dragon, Stripe's files.stripe.com,
hexdocs.pm, Heroku's log sessions, Coinbase's WebSocket feed, Deezer's OAuth on
connect.deezer.com, Ensembl's POST endpoints, FHIR transactions and writes.

Ninth batch: written by a helper that read only the bench's other clients and harness
(`bench/`), not the learner's source, docs or history, and not tuned to the learner's scores.

`traffic(client, n, seed, path)` writes `n` exchanges as JSON Lines and returns the templates
requested, each with the tuples of values its parameters took.
"""
import os
import sys
from urllib.parse import quote, unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
from clients2 import B62, B64URL, _s, _uuid  # noqa: E402
from clients3 import UPPER, _hex  # noqa: E402
from clients4 import JPEG, _hot  # noqa: E402
from clients5 import _email  # noqa: E402
from clients6 import PNG, _member, _weighted  # noqa: E402
from clients7 import GZIP, _values  # noqa: E402
from clients8 import DIGITS, ZIP, _digits, _nginx  # noqa: E402

CAPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOW = 1_763_632_800  # 2026-11-20T10:00:00Z


def _when(rng, day=None, frac=False):
    """An ISO 8601 time in November 2026 (`2026-11-19T08:12:44Z`)."""
    stamp = "2026-11-%02dT%02d:%02d:%02d" % (day or rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                            rng.randrange(60))
    return stamp + (".%03dZ" % rng.randrange(1000) if frac else "Z")


# -- Stripe API v1 ---------------------------------------------------------------------------------

def _stripe(rng, prefix, frag):
    """A Stripe id of the 24-character form: a digit, five characters, the account's ten-character
    fragment and eight more (`pi_3MtwBwLkdIwHu7ix28a3tqPa`)."""
    return prefix + "_" + rng.choice("123") + _s(rng, B62, 5) + frag + _s(rng, B62, 8)


def _stripe14(rng, prefix):
    """The 14-character form customers, products and subscription items keep (`cus_NffrFeUfNV2Hib`)."""
    return prefix + "_" + _s(rng, B62, 14)


STRIPE_OBJECT = {"balance_transactions": "balance_transaction", "charges": "charge", "customers": "customer",
                 "payment_methods": "payment_method", "tax_ids": "tax_id", "payment_intents": "payment_intent",
                 "invoices": "invoice", "lines": "line_item", "subscriptions": "subscription",
                 "products": "product", "prices": "price", "promotion_codes": "promotion_code", "events": "event",
                 "payouts": "payout", "line_items": "item", "webhook_endpoints": "webhook_endpoint"}
STRIPE_PREFIX = {"balance_transaction": "txn", "charge": "ch", "customer": "cus", "payment_method": "pm",
                 "tax_id": "txi", "payment_intent": "pi", "invoice": "in", "line_item": "il", "subscription": "sub",
                 "product": "prod", "price": "price", "promotion_code": "promo", "event": "evt", "payout": "po",
                 "item": "li", "webhook_endpoint": "we"}
STRIPE_EVENTS = ["invoice.paid", "customer.subscription.updated", "payment_intent.succeeded", "charge.refunded",
                 "checkout.session.completed", "invoice.payment_failed", "customer.created"]


def stripe(rng):
    V1 = "/v1"
    C = V1 + "/customers/{customer}"
    T = [(V1 + "/balance", "balance"), (V1 + "/balance_transactions", "list"),
         (V1 + "/balance_transactions/{id}", "balance_transaction"), (V1 + "/charges", "list"),
         (V1 + "/charges/search", "search"), (V1 + "/charges/{charge}", "charge"), (V1 + "/customers", "list"),
         (V1 + "/customers/search", "search"), (C, "customer"), (C + "/payment_methods", "list"),
         (C + "/payment_methods/{payment_method}", "payment_method"), (C + "/balance_transactions", "list"),
         (C + "/tax_ids", "list"), (V1 + "/payment_intents", "list"), (V1 + "/payment_intents/search", "search"),
         (V1 + "/payment_intents/{intent}", "payment_intent"), (V1 + "/payment_methods/{payment_method}",
                                                                "payment_method"),
         (V1 + "/setup_intents/{intent}", "setup_intent"), (V1 + "/refunds/{refund}", "refund"),
         (V1 + "/invoices", "list"), (V1 + "/invoices/search", "search"), (V1 + "/invoices/upcoming", "upcoming"),
         (V1 + "/invoices/{invoice}", "invoice"), (V1 + "/invoices/{invoice}/lines", "list"),
         (V1 + "/subscriptions", "list"), (V1 + "/subscriptions/search", "search"),
         (V1 + "/subscriptions/{subscription_exposed_id}", "subscription"),
         (V1 + "/subscription_items/{item}", "subscription_item"), (V1 + "/products", "list"),
         (V1 + "/products/{id}", "product"), (V1 + "/prices", "list"), (V1 + "/prices/search", "search"),
         (V1 + "/prices/{price}", "price"), (V1 + "/coupons/{coupon}", "coupon"), (V1 + "/promotion_codes", "list"),
         (V1 + "/tax_rates/{tax_rate}", "tax_rate"), (V1 + "/events", "list"), (V1 + "/events/{id}", "event"),
         (V1 + "/payouts", "list"), (V1 + "/payouts/{payout}", "payout"), (V1 + "/disputes/{dispute}", "dispute"),
         (V1 + "/checkout/sessions/{session}", "checkout.session"),
         (V1 + "/checkout/sessions/{session}/line_items", "list"), (V1 + "/webhook_endpoints", "list"),
         (V1 + "/account", "account"), (V1 + "/accounts/{account}", "account"), (V1 + "/files/{file}", "file")]
    frag = _s(rng, B62, 10)
    new = lambda prefix: lambda: _stripe(rng, prefix, frag)  # noqa: E731
    customers = [_stripe14(rng, "cus") for _ in range(14)]
    products = [_stripe14(rng, "prod") for _ in range(4)] + ["acme-cloud-pro", "acme-cloud-team"]
    prices = [_stripe(rng, "price", frag) for _ in range(8)]
    subs = [_stripe(rng, "sub", frag) for _ in range(12)]
    coupons = ["BLACKFRIDAY26", "WELCOME10", "ANNUAL20"] + [_s(rng, UPPER, 8) for _ in range(3)]
    rates = [_stripe(rng, "txr", frag) for _ in range(3)]
    accounts = ["acct_1" + _s(rng, B62, 15) for _ in range(6)]
    recent = {"pi": [_stripe(rng, "pi", frag) for _ in range(6)], "in": [_stripe(rng, "in", frag) for _ in range(6)]}
    state = {}

    def ident():
        t = state["tpl"]
        if "/balance_transactions/" in t:
            return _stripe(rng, "txn", frag)
        if "/products/" in t:
            return _weighted(rng, products)
        return _stripe(rng, "evt", frag)

    def payment_method():
        return rng.choice([_stripe(rng, "pm", frag), _stripe(rng, "pm", frag), _stripe(rng, "card", frag),
                           _stripe(rng, "src", frag)])

    def intent():
        if "/setup_intents/" in state["tpl"]:
            return _stripe(rng, "seti", frag)
        return _hot(rng, recent["pi"], .35, new("pi"))
    V = {"id": ident, "charge": lambda: rng.choice([_stripe(rng, "ch", frag), _stripe(rng, "ch", frag),
                                                    _stripe(rng, "py", frag)]),
         "customer": lambda: _hot(rng, customers, .6, lambda: _stripe14(rng, "cus")),
         "payment_method": payment_method, "intent": intent, "refund": new("re"),
         "invoice": lambda: _hot(rng, recent["in"], .3, new("in")),
         "subscription_exposed_id": lambda: _hot(rng, subs, .7, new("sub")),
         "item": lambda: _stripe14(rng, "si"), "price": lambda: _weighted(rng, prices),
         "coupon": lambda: _weighted(rng, coupons), "tax_rate": lambda: rng.choice(rates), "payout": new("po"),
         "dispute": lambda: rng.choice([_stripe(rng, "du", frag), _stripe(rng, "dp", frag)]),
         "session": lambda: "cs_live_" + rng.choice(["a1", "b1"]) + _s(rng, B62, 56),
         "account": lambda: _weighted(rng, accounts), "file": new("file")}
    enc = lambda x: quote(x, safe="")  # noqa: E731

    def page(after=None):
        def q():
            s = "?limit=" + rng.choice(["10", "100", "100"])
            if after and rng.random() < .3:
                s += "&starting_after=" + after()
            if rng.random() < .2:
                s += "&created%5Bgte%5D=" + str(NOW - rng.choice([86400, 7 * 86400, 30 * 86400]))
            return s
        return q

    def search(terms):
        return lambda: "?query=" + enc(rng.choice(terms)) + rng.choice(["", "&limit=100", "&page=" + _s(rng, B62, 40)])
    Q = {V1 + "/balance_transactions": page(lambda: _stripe(rng, "txn", frag)),
         V1 + "/charges": lambda: page()() + rng.choice(["", "&customer=" + rng.choice(customers),
                                                         "&payment_intent=" + rng.choice(recent["pi"])]),
         V1 + "/charges/search": search(["status:'succeeded' AND amount>5000", "metadata['order_id']:'10234'",
                                         "customer:'%s'" % customers[0]]),
         V1 + "/customers": lambda: page(lambda: _hot(rng, customers, .8, lambda: _stripe14(rng, "cus")))()
         + rng.choice(["", "", "&email=" + enc(_email(rng))]),
         V1 + "/customers/search": search(["email:'%s'" % _email(rng), "name~'acme'",
                                           "metadata['account_id']:'%d'" % rng.randrange(1000, 9999)]),
         C: lambda: rng.choice(["", "", "?expand%5B%5D=invoice_settings.default_payment_method",
                                "?expand%5B%5D=subscriptions"]) or "?",
         C + "/payment_methods": lambda: rng.choice(["?type=card", "?limit=10", "?type=sepa_debit&limit=10"]),
         V1 + "/payment_intents": lambda: page()() + rng.choice(["", "&customer=" + rng.choice(customers)]),
         V1 + "/payment_intents/search": search(["status:'requires_payment_method'",
                                                 "metadata['cart_id']:'c_%d'" % rng.randrange(10 ** 5)]),
         V1 + "/payment_intents/{intent}": lambda: rng.choice(["", "", "?expand%5B%5D=latest_charge"]) or "?",
         V1 + "/invoices": lambda: page()() + rng.choice(["", "&status=open", "&subscription=" + rng.choice(subs),
                                                          "&customer=" + rng.choice(customers)]),
         V1 + "/invoices/search": search(["status:'open' AND total>0", "customer:'%s'" % rng.choice(customers)]),
         V1 + "/invoices/upcoming": lambda: "?customer=" + rng.choice(customers) + rng.choice(
             ["", "&subscription=" + rng.choice(subs)]),
         V1 + "/invoices/{invoice}/lines": lambda: "?limit=100",
         V1 + "/subscriptions": lambda: page()() + rng.choice(["&status=active", "&status=all", "&status=past_due",
                                                               "&customer=" + rng.choice(customers)]),
         V1 + "/subscriptions/search": search(["status:'active' AND metadata['plan']:'team'", "status:'canceled'"]),
         V1 + "/subscriptions/{subscription_exposed_id}": lambda: rng.choice(["", "?expand%5B%5D=latest_invoice"
                                                                              ".payment_intent"]) or "?",
         V1 + "/products": lambda: "?active=true&limit=100",
         V1 + "/prices": lambda: rng.choice(["?active=true&limit=100&expand%5B%5D=data.product",
                                             "?lookup_keys%5B%5D=pro_monthly&lookup_keys%5B%5D=pro_yearly",
                                             "?product=" + _weighted(rng, products)]),
         V1 + "/prices/search": search(["active:'true' AND metadata['tier']:'pro'", "lookup_key:'team_monthly'"]),
         V1 + "/promotion_codes": lambda: "?code=" + _weighted(rng, coupons) + "&active=true",
         V1 + "/events": lambda: page(new("evt"))() + rng.choice(["", "&type=" + rng.choice(STRIPE_EVENTS),
                                                                  "&delivery_success=false"]),
         V1 + "/payouts": page(), V1 + "/checkout/sessions/{session}": lambda: rng.choice(
             ["", "?expand%5B%5D=line_items", "?expand%5B%5D=payment_intent"]) or "?",
         V1 + "/checkout/sessions/{session}/line_items": lambda: "?limit=100"}
    return T, V, Q, "stripe", state


def _stripe_object(rng, kind, ident, item, path):
    when = NOW - rng.randrange(86400 * 60)
    amount = rng.choice([900, 2900, 4900, 9900, 19900, 12345, 150000])
    o = dict(item, id=ident, object=kind, livemode=True, created=when, metadata={})
    cus = _stripe14(rng, "cus")
    if kind == "customer":
        o.update(email=_email(rng), name="Jane Doe", balance=0, currency="usd", delinquent=False,
                 default_source=None, invoice_prefix=_s(rng, UPPER, 8),
                 invoice_settings={"default_payment_method": None, "footer": None}, tax_exempt="none")
    elif kind in ("charge", "payment_intent", "refund", "payout", "dispute"):
        o.update(amount=amount, currency=rng.choice(["usd", "eur"]), status=rng.choice(
            {"charge": ["succeeded", "failed"], "payment_intent": ["succeeded", "requires_payment_method",
                                                                   "processing"],
             "refund": ["succeeded", "pending"], "payout": ["paid", "in_transit"],
             "dispute": ["needs_response", "won", "lost"]}[kind]))
        if kind in ("charge", "payment_intent"):
            o.update(customer=cus, description=None, payment_method="pm_" + _s(rng, B62, 24),
                     statement_descriptor=None)
    elif kind == "invoice":
        o.update(customer=cus, status=rng.choice(["paid", "open", "draft"]), total=amount, amount_due=amount,
                 currency="usd", number=_s(rng, UPPER, 8) + "-%04d" % rng.randrange(1, 3000),
                 hosted_invoice_url="https://invoice.stripe.com/i/acct_" + _s(rng, B62, 16) + "/live_" +
                 _s(rng, B62, 40), lines={"object": "list", "data": [], "has_more": False,
                                          "url": "/v1/invoices/" + ident + "/lines"})
    elif kind == "subscription":
        o.update(customer=cus, status=rng.choice(["active", "trialing", "past_due", "canceled"]),
                 current_period_end=when + 30 * 86400, cancel_at_period_end=False,
                 items={"object": "list", "data": [{"id": _stripe14(rng, "si"), "object": "subscription_item"}],
                        "has_more": False, "url": "/v1/subscription_items?subscription=" + ident})
    elif kind in ("price", "product", "coupon", "tax_rate"):
        o.update(active=True, name="Acme Cloud Pro" if kind != "price" else None)
        if kind == "price":
            o.update(unit_amount=amount, currency="usd", type="recurring", lookup_key=None,
                     recurring={"interval": rng.choice(["month", "year"]), "interval_count": 1})
    elif kind == "event":
        o.update(type=rng.choice(STRIPE_EVENTS), api_version="2024-06-20", pending_webhooks=0,
                 data={"object": {"id": cus, "object": "customer"}}, request={"id": "req_" + _s(rng, B62, 14),
                                                                             "idempotency_key": _uuid(rng)})
    elif kind == "checkout.session":
        o.update(mode=rng.choice(["payment", "subscription"]), status="complete", payment_status="paid",
                 amount_total=amount, customer=cus, url=None, success_url="https://acme.com/thanks")
    elif kind == "file":
        o.update(purpose="dispute_evidence", filename="receipt.pdf", size=rng.randrange(10 ** 4, 10 ** 6),
                 type="pdf", url="https://files.stripe.com/v1/files/" + ident + "/contents")
    elif kind == "account":
        o.update(business_type="company", charges_enabled=True, payouts_enabled=True, country="US",
                 default_currency="usd", email=_email(rng), type=rng.choice(["standard", "express"]))
    return o


def _stripe_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    if kind in ("list", "search"):
        seg = t.rsplit("/", 2)[-2] if kind == "search" else t.rsplit("/", 1)[-1]
        obj = STRIPE_OBJECT.get(seg, seg)
        pre = STRIPE_PREFIX.get(obj, "obj")
        if "{customer}/balance_transactions" in t:
            obj, pre = "customer_balance_transaction", "cbtxn"
        data = [dict(item, id=_stripe14(rng, pre) if pre in ("cus", "prod") else _stripe(rng, pre, _s(rng, B62, 10)),
                     object=obj, livemode=True) for _ in range(2)]
        body = {"object": "list" if kind == "list" else "search_result", "data": data,
                "has_more": rng.random() < .3, "url": path}
        if kind == "search":
            body["next_page"] = _s(rng, B62, 40) if body["has_more"] else None
        return js, body
    if kind == "balance":
        money = [{"amount": rng.randrange(10 ** 7), "currency": "usd",
                  "source_types": {"card": rng.randrange(10 ** 7)}}]
        return js, dict(item, object="balance", available=money, pending=money, livemode=True,
                        connect_reserved=[{"amount": 0, "currency": "usd"}])
    if kind == "upcoming":
        return js, _stripe_object(rng, "invoice", "upcoming_in_" + _s(rng, B62, 24), item, path)
    ident = list(v.values())[-1] if v else "acct_1" + _s(rng, B62, 15)
    return js, _stripe_object(rng, kind, ident, item, path)


STRIPE_NOUN = {"balance_transaction": "balance_transaction", "checkout.session": "checkout.session",
               "subscription_item": "subscription_item", "tax_rate": "tax_rate", "setup_intent": "setupintent",
               "payment_intent": "payment_intent"}


def _stripe_error(rng, t, kind, path):
    js = "application/json"
    log = "https://dashboard.stripe.com/logs/req_" + _s(rng, B62, 14) + "?t=%d" % NOW
    v = _values(t, path)
    if kind == "search":
        return 400, js, {"error": {"message": "Search query is invalid: unexpected token at position %d."
                                   % rng.randrange(3, 30), "param": "query", "request_log_url": log,
                                   "type": "invalid_request_error"}}
    if kind == "upcoming":
        return 404, js, {"error": {"code": "invoice_upcoming_none", "doc_url": "https://stripe.com/docs/error-codes/"
                                   "invoice-upcoming-none", "message": "No upcoming invoices for customer: cus_"
                                   + _s(rng, B62, 14), "request_log_url": log, "type": "invalid_request_error"}}
    if not v:
        if rng.random() < .5:
            return 429, js, {"error": {"code": "rate_limit", "doc_url": "https://stripe.com/docs/error-codes/rate-"
                                       "limit", "message": "Too many requests hit the API too quickly. We recommend "
                                       "an exponential backoff of your requests.", "type": "invalid_request_error"}}
        return 401, js, {"error": {"message": "Invalid API Key provided: rk_live_*****************************"
                                   + _s(rng, B62, 4), "type": "invalid_request_error"}}
    name, value = list(v.items())[-1]
    if "{customer}/" in t:
        name, value = "customer", v["customer"]
    noun = "customer" if name == "customer" else STRIPE_NOUN.get(kind, kind)
    return 404, js, {"error": {"code": "resource_missing", "doc_url": "https://stripe.com/docs/error-codes/resource-"
                               "missing", "message": "No such %s: '%s'" % (noun, value),
                               "param": "id" if name != "customer" or kind == "customer" else "customer",
                               "request_log_url": log, "type": "invalid_request_error"}}


# -- Riot Games API (League of Legends, TFT, Account) ----------------------------------------------

# (gameName, tagLine): players the client follows; names go in the path percent-encoded.
RIOT_PLAYERS = [("Hide on bush", "KR1"), ("Caps", "EUW"), ("Agurin", "EUW"), ("Thebausffs", "COOL"),
                ("G2 Hans Sama", "1111"), ("Doublelift", "NA1"), ("\uB2E8\uB2E8\uD55C", "KR1"), ("Rekkles", "EUW"),
                ("Jankos", "EUW"), ("acme scrim", "ACME")]
RIOT_WORDS = ["shadow", "kitten", "mid", "diff", "void", "ezreal", "jungle", "gap", "tilted", "frog", "boba", "smurf",
              "noob", "god", "pentakill", "ward", "baron", "drake", "teemo", "yuumi"]
RIOT_QUEUES = ["RANKED_SOLO_5x5", "RANKED_FLEX_SR"]
RIOT_TIERS = ["DIAMOND", "EMERALD", "PLATINUM", "GOLD", "SILVER", "BRONZE", "IRON"]
RIOT_CHAMPIONS = [157, 103, 222, 238, 64, 145, 498, 412, 11, 77, 99, 111, 266, 875, 910, 950, 1, 24]


def _riot_match(rng, platform=None):
    platform = platform or rng.choice(["EUW1", "EUW1", "EUW1", "EUN1", "NA1", "KR"])
    lo = {"EUW1": 7_200_000_000, "EUN1": 3_600_000_000, "NA1": 5_100_000_000, "KR": 7_500_000_000}[platform]
    return "%s_%d" % (platform, rng.randrange(lo, lo + 300_000_000))


def riot(rng):
    LOL, ACC = "/lol", "/riot/account/v1"
    M = LOL + "/champion-mastery/v4"
    T = [(ACC + "/accounts/by-puuid/{puuid}", "account"),
         (ACC + "/accounts/by-riot-id/{gameName}/{tagLine}", "account"),
         (ACC + "/active-shards/by-game/{game}/by-puuid/{puuid}", "shard"),
         (LOL + "/summoner/v4/summoners/by-puuid/{encryptedPUUID}", "summoner"),
         (LOL + "/match/v5/matches/by-puuid/{puuid}/ids", "ids"), (LOL + "/match/v5/matches/{matchId}", "match"),
         (LOL + "/match/v5/matches/{matchId}/timeline", "timeline"),
         (LOL + "/league/v4/entries/by-puuid/{encryptedPUUID}", "entries"),
         (LOL + "/league/v4/entries/{queue}/{tier}/{division}", "entries"),
         (LOL + "/league/v4/challengerleagues/by-queue/{queue}", "league"),
         (LOL + "/league/v4/grandmasterleagues/by-queue/{queue}", "league"),
         (LOL + "/league/v4/masterleagues/by-queue/{queue}", "league"),
         (LOL + "/league/v4/leagues/{leagueId}", "league"),
         (LOL + "/league-exp/v4/entries/{queue}/{tier}/{division}", "entries"),
         (M + "/champion-masteries/by-puuid/{encryptedPUUID}", "masteries"),
         (M + "/champion-masteries/by-puuid/{encryptedPUUID}/by-champion/{championId}", "mastery"),
         (M + "/champion-masteries/by-puuid/{encryptedPUUID}/top", "masteries"),
         (M + "/scores/by-puuid/{encryptedPUUID}", "score"),
         (LOL + "/spectator/v5/active-games/by-summoner/{encryptedPUUID}", "game"),
         (LOL + "/spectator/v5/featured-games", "featured"), (LOL + "/platform/v3/champion-rotations", "rotation"),
         (LOL + "/status/v4/platform-data", "status"), (LOL + "/clash/v1/players/by-puuid/{puuid}", "clashplayers"),
         (LOL + "/clash/v1/teams/{teamId}", "team"), (LOL + "/clash/v1/tournaments", "tournaments"),
         (LOL + "/clash/v1/tournaments/{tournamentId}", "tournament"),
         (LOL + "/challenges/v1/player-data/{puuid}", "challenges"),
         (LOL + "/challenges/v1/challenges/config", "config"),
         (LOL + "/challenges/v1/challenges/{challengeId}/leaderboards/by-level/{level}", "leaderboard"),
         ("/tft/summoner/v1/summoners/by-puuid/{encryptedPUUID}", "summoner"),
         ("/tft/match/v1/matches/by-puuid/{puuid}/ids", "ids"), ("/tft/match/v1/matches/{matchId}", "tftmatch"),
         ("/tft/league/v1/by-puuid/{puuid}", "entries")]
    puuid = lambda: _s(rng, B64URL, 78)  # noqa: E731
    tracked = [puuid() for _ in range(len(RIOT_PLAYERS))]
    recent = [_riot_match(rng, "EUW1") for _ in range(8)]
    leagues = [_uuid(rng) for _ in range(5)]
    teams = [str(rng.randrange(2_000_000, 4_000_000)) for _ in range(3)]
    state = {}

    def player_puuid():
        return _hot(rng, tracked, .65, puuid)

    def game_name():
        if rng.random() < .6:
            state["riot_id"] = _weighted(rng, RIOT_PLAYERS)
        else:
            name = rng.choice([rng.choice(RIOT_WORDS) + " " + rng.choice(RIOT_WORDS),
                               rng.choice(RIOT_WORDS).capitalize() + str(rng.randrange(1, 9999)),
                               rng.choice(RIOT_WORDS) + rng.choice(RIOT_WORDS)])
            state["riot_id"] = (name, rng.choice(["EUW", "EUW", "NA1", "0000", str(rng.randrange(1000, 99999)),
                                                  _s(rng, CAPS, 4)]))
        return quote(state["riot_id"][0], safe="")
    V = {"puuid": player_puuid, "encryptedPUUID": player_puuid, "gameName": game_name,
         "tagLine": lambda: quote(state["riot_id"][1], safe=""), "game": lambda: rng.choice(["val", "lor", "val"]),
         "matchId": lambda: _hot(rng, recent, .3, lambda: _riot_match(rng)),
         "queue": lambda: _weighted(rng, RIOT_QUEUES), "tier": lambda: _weighted(rng, RIOT_TIERS),
         "division": lambda: rng.choice(["I", "II", "III", "IV"]),
         "leagueId": lambda: _hot(rng, leagues, .7, lambda: _uuid(rng)),
         "championId": lambda: str(_weighted(rng, RIOT_CHAMPIONS)),
         "teamId": lambda: _hot(rng, teams, .6, lambda: str(rng.randrange(2_000_000, 4_000_000))),
         "tournamentId": lambda: str(rng.randrange(5000, 5200)),
         "challengeId": lambda: rng.choice(["0", "1", "2", "101000", "101101", "202303", "301000", "402404",
                                            "2022000", "2023002"]),
         "level": lambda: rng.choice(["MASTER", "GRANDMASTER", "CHALLENGER"])}
    Q = {LOL + "/match/v5/matches/by-puuid/{puuid}/ids": lambda: "?start=%d&count=%d" % (
        rng.choice([0, 0, 20, 40]), rng.choice([20, 20, 100])) + rng.choice(
        ["", "&queue=420", "&type=ranked", "&startTime=%d" % (NOW - rng.choice([86400, 604800]))]),
         "/tft/match/v1/matches/by-puuid/{puuid}/ids": lambda: "?start=0&count=20",
         LOL + "/league/v4/entries/{queue}/{tier}/{division}": lambda: "?page=%d" % rng.randrange(1, 6),
         LOL + "/league-exp/v4/entries/{queue}/{tier}/{division}": lambda: "?page=%d" % rng.randrange(1, 4),
         M + "/champion-masteries/by-puuid/{encryptedPUUID}/top": lambda: rng.choice(["", "?count=3",
                                                                                    "?count=5"]) or "?",
         LOL + "/challenges/v1/challenges/{challengeId}/leaderboards/by-level/{level}": lambda: "?limit=%d" %
         rng.choice([10, 50, 200])}
    return T, V, Q, "riot", state


def _riot_entry(rng, item, queue=None, tier=None, division=None, puuid=None):
    return dict(item, leagueId=_uuid(rng), queueType=queue or "RANKED_SOLO_5x5", tier=tier or rng.choice(RIOT_TIERS),
                rank=division or rng.choice(["I", "II", "III", "IV"]), puuid=puuid or _s(rng, B64URL, 78),
                leaguePoints=rng.randrange(100), wins=rng.randrange(10, 400), losses=rng.randrange(10, 400),
                veteran=False, inactive=False, freshBlood=rng.random() < .2, hotStreak=rng.random() < .2)


def _riot_participant(rng, puuid=None):
    return {"puuid": puuid or _s(rng, B64URL, 78), "riotIdGameName": rng.choice(RIOT_WORDS),
            "riotIdTagline": "EUW", "championId": rng.choice(RIOT_CHAMPIONS), "teamId": rng.choice([100, 200]),
            "kills": rng.randrange(15), "deaths": rng.randrange(12), "assists": rng.randrange(20),
            "win": rng.random() < .5, "individualPosition": rng.choice(["TOP", "JUNGLE", "MIDDLE", "BOTTOM",
                                                                         "UTILITY"])}


def _riot_answer(rng, i, t, kind, path, query, item):
    js = "application/json;charset=utf-8"
    v = _values(t, path)
    pid = v.get("puuid") or v.get("encryptedPUUID") or _s(rng, B64URL, 78)
    when = (NOW - rng.randrange(86400 * 30)) * 1000
    if kind == "account":
        name, tag = (unquote(v["gameName"]), unquote(v["tagLine"])) if "gameName" in v else _weighted(rng,
                                                                                                       RIOT_PLAYERS)
        return js, dict(item, puuid=pid, gameName=name, tagLine=tag)
    if kind == "shard":
        return js, dict(item, puuid=pid, game=v["game"], activeShard=rng.choice(["eu", "na", "ap"]))
    if kind == "summoner":
        return js, dict(item, puuid=pid, profileIconId=rng.randrange(1, 6000), revisionDate=when,
                        summonerLevel=rng.randrange(30, 900))
    if kind == "ids":
        return js, [_riot_match(rng, "EUW1") for _ in range(rng.randrange(3, 8))]
    if kind in ("match", "tftmatch"):
        mid = v["matchId"]
        people = [_s(rng, B64URL, 78) for _ in range(3)]
        meta = {"dataVersion": "2" if kind == "match" else "6", "matchId": mid, "participants": people}
        if kind == "match":
            info = {"gameCreation": when, "gameDuration": rng.randrange(900, 2600),
                    "gameEndTimestamp": when + 2 * 10 ** 6,
                    "gameId": int(mid.split("_")[1]), "gameMode": rng.choice(["CLASSIC", "ARAM", "CHERRY"]),
                    "gameType": "MATCHED_GAME", "gameVersion": "15.23.%d.%d" % (rng.randrange(600, 800),
                                                                               rng.randrange(1000, 9999)),
                    "mapId": 11, "participants": [_riot_participant(rng, p) for p in people],
                    "platformId": mid.split("_")[0], "queueId": rng.choice([420, 440, 450, 400, 1700]),
                    "teams": [{"teamId": 100, "win": True, "bans": [], "objectives": {}},
                              {"teamId": 200, "win": False, "bans": [], "objectives": {}}],
                    "endOfGameResult": "GameComplete", "tournamentCode": ""}
        else:
            info = {"game_datetime": when, "game_length": 2103.4, "game_version": "Linux Version 15.23.712.1234",
                    "queue_id": 1100, "tft_game_type": "standard", "tft_set_core_name": "TFTSet15",
                    "tft_set_number": 15, "participants": [{"puuid": p, "placement": k + 1, "level": 9,
                                                            "traits": [], "units": []} for k, p in enumerate(people)]}
        return js, dict(item, metadata=meta, info=info)
    if kind == "timeline":
        return js, dict(item, metadata={"dataVersion": "2", "matchId": v["matchId"], "participants": [pid]},
                        info={"endOfGameResult": "GameComplete", "frameInterval": 60000, "gameId": int(
                            v["matchId"].split("_")[1]), "participants": [{"participantId": 1, "puuid": pid}],
                              "frames": [{"timestamp": 60000 * k, "events": [], "participantFrames": {}}
                                         for k in range(3)]})
    if kind == "entries":
        return js, [_riot_entry(rng, item, v.get("queue"), v.get("tier"), v.get("division"), pid),
                    _riot_entry(rng, dict(item), v.get("queue"), v.get("tier"), v.get("division"))]
    if kind == "league":
        tier = {"challengerleagues": "CHALLENGER", "grandmasterleagues": "GRANDMASTER",
                "masterleagues": "MASTER"}.get(t.split("/")[4], rng.choice(RIOT_TIERS))
        return js, dict(item, tier=tier, leagueId=v.get("leagueId") or _uuid(rng), queue=v.get("queue",
                                                                                               "RANKED_SOLO_5x5"),
                        name=rng.choice(["Sion's Spellblades", "Zed's Assassins", "Nunu's Tricksters"]),
                        entries=[{"puuid": _s(rng, B64URL, 78), "leaguePoints": rng.randrange(2000), "rank": "I",
                                  "wins": rng.randrange(100, 600), "losses": rng.randrange(100, 600),
                                  "veteran": True, "inactive": False, "freshBlood": False, "hotStreak": False}])
    if kind in ("masteries", "mastery"):
        def one(champ):
            return dict(item, puuid=pid, championId=champ, championLevel=rng.randrange(1, 60),
                        championPoints=rng.randrange(10 ** 6), lastPlayTime=when,
                        championPointsSinceLastLevel=rng.randrange(10 ** 4),
                        championPointsUntilNextLevel=rng.randrange(10 ** 4), markRequiredForNextLevel=2,
                        tokensEarned=0, championSeasonMilestone=rng.randrange(5), milestoneGrades=["A+", "S-"],
                        nextSeasonMilestone={"requireGradeCounts": {"A-": 1}, "rewardMarks": 1, "bonus": False,
                                             "totalGamesRequires": 1})
        if kind == "mastery":
            return js, one(int(v["championId"]))
        return js, [one(c) for c in rng.sample(RIOT_CHAMPIONS, 3)]
    if kind == "score":
        return js, rng.randrange(10, 2000)
    if kind in ("game", "featured"):
        game = dict(item, gameId=rng.randrange(7_200_000_000, 7_500_000_000), mapId=11, gameMode="CLASSIC",
                    gameType="MATCHED", gameQueueConfigId=420, platformId="EUW1",
                    participants=[{"puuid": pid, "championId": rng.choice(RIOT_CHAMPIONS), "teamId": 100,
                                   "spell1Id": 4, "spell2Id": 14, "bot": False, "riotId": "x#EUW"}],
                    observers={"encryptionKey": _s(rng, B64URL, 32)}, bannedChampions=[],
                    gameStartTime=when, gameLength=rng.randrange(0, 2000))
        return js, game if kind == "game" else {"gameList": [game], "clientRefreshInterval": 300}
    if kind == "rotation":
        return js, dict(item, freeChampionIds=sorted(rng.sample(range(1, 950), 20)),
                        freeChampionIdsForNewPlayers=[222, 254, 427, 82, 131, 147, 54, 17, 18, 37],
                        maxNewPlayerLevel=10)
    if kind == "status":
        return js, dict(item, id="EUW1", name="EUW", locales=["en_GB", "de_DE", "es_ES", "fr_FR", "it_IT"],
                        maintenances=[], incidents=[{"id": rng.randrange(10 ** 4), "maintenance_status": None,
                                                     "incident_severity": "warning", "titles": [{"locale": "en_US",
                                                                                                "content": "Ranked"
                                                                                                " queue delays"}],
                                                     "updates": [], "created_at": _when(rng), "archive_at": None,
                                                     "updated_at": None, "platforms": ["windows", "macos"]}])
    if kind == "clashplayers":
        return js, [dict(item, puuid=pid, teamId=str(rng.randrange(2_000_000, 4_000_000)), position="MIDDLE",
                         role="CAPTAIN")]
    if kind in ("team", "tournaments", "tournament"):
        if kind == "team":
            return js, dict(item, id=v["teamId"], tournamentId=rng.randrange(5000, 5200), name="Acme Scrims",
                            iconId=rng.randrange(1, 50), tier=rng.randrange(1, 5), captain=pid, abbreviation="ACM",
                            players=[{"puuid": pid, "position": "MIDDLE", "role": "CAPTAIN"}])
        tour = dict(item, id=int(v.get("tournamentId") or rng.randrange(5000, 5200)), themeId=rng.randrange(1, 60),
                    nameKey=rng.choice(["ionia", "demacia", "bilgewater"]), nameKeySecondary="day_%d" %
                    rng.randrange(1, 5), schedule=[{"id": rng.randrange(5000, 5200), "registrationTime": when,
                                                    "startTime": when + 3600000, "cancelled": False}])
        return js, [tour, dict(tour)] if kind == "tournaments" else tour
    if kind == "challenges":
        return js, dict(item, totalPoints={"level": "PLATINUM", "current": rng.randrange(10 ** 4),
                                           "max": 59690, "percentile": 0.12},
                        categoryPoints={"COLLECTION": {"level": "GOLD", "current": 1200, "max": 4400}},
                        challenges=[{"challengeId": 101101, "percentile": 0.4, "level": "GOLD", "value": 12,
                                     "achievedTime": when}], preferences={"bannerAccent": "2",
                                                                          "challengeIds": [101101]})
    if kind == "config":
        return js, [dict(item, id=101101, state="ENABLED", tracking="LIFETIME", leaderboard=True,
                         localizedNames={"en_US": {"name": "Double Decimation", "description": "Get Pentakills"}},
                         thresholds={"IRON": 1, "GOLD": 5, "MASTER": 25})]
    return js, [dict(item, puuid=_s(rng, B64URL, 78), value=rng.randrange(10 ** 5), position=k + 1) for k in range(2)]


def _riot_error(rng, t, kind, path):
    js = "application/json;charset=utf-8"
    v = _values(t, path)
    if "{" not in t:
        if rng.random() < .5:
            return 429, js, {"status": {"message": "Rate limit exceeded", "status_code": 429}}
        return 403, js, {"status": {"message": "Forbidden", "status_code": 403}}
    pid = v.get("puuid") or v.get("encryptedPUUID")
    if pid and rng.random() < .2:
        return 400, js, {"status": {"message": "Bad Request - Exception decrypting " + pid, "status_code": 400}}
    if kind == "account" and "gameName" in v:
        what = "No results found for player with riot id %s#%s" % (unquote(v["gameName"]), unquote(v["tagLine"]))
    elif kind == "game":
        what = "spectator game info isn't found"
    elif kind in ("match", "timeline", "tftmatch"):
        what = "match file not found"
    elif kind == "summoner":
        what = "summoner not found"
    else:
        what = "No results found"
    return 404, js, {"status": {"message": "Data not found - " + what, "status_code": 404}}


# -- Ensembl REST API ------------------------------------------------------------------------------

# (symbol, gene, canonical transcript, protein, chromosome, start, end, strand) on GRCh38
ENS_GENES = [("BRAF", "ENSG00000157764", "ENST00000646891", "ENSP00000493543", "7", 140719327, 140924929, -1),
             ("TP53", "ENSG00000141510", "ENST00000269305", "ENSP00000269305", "17", 7661779, 7687538, -1),
             ("BRCA2", "ENSG00000139618", "ENST00000380152", "ENSP00000369497", "13", 32315508, 32400268, 1),
             ("EGFR", "ENSG00000146648", "ENST00000275493", "ENSP00000275493", "7", 55019017, 55211628, 1),
             ("KRAS", "ENSG00000133703", "ENST00000311936", "ENSP00000308495", "12", 25205246, 25250929, -1),
             ("BRCA1", "ENSG00000012048", "ENST00000357654", "ENSP00000350283", "17", 43044295, 43170245, -1),
             ("CFTR", "ENSG00000001626", "ENST00000003084", "ENSP00000003084", "7", 117287120, 117715971, 1),
             ("APOE", "ENSG00000130203", "ENST00000252486", "ENSP00000252486", "19", 44905754, 44909393, 1),
             ("MYC", "ENSG00000136997", "ENST00000377970", "ENSP00000367207", "8", 127735434, 127742951, 1),
             ("PTEN", "ENSG00000171862", "ENST00000371953", "ENSP00000361021", "10", 87863625, 87971930, 1)]
ENS_OTHER = {"mus_musculus": [("Braf", "ENSMUSG00000002413"), ("Trp53", "ENSMUSG00000059552"),
                              ("Brca2", "ENSMUSG00000041147")],
             "danio_rerio": [("brca2", "ENSDARG00000079015"), ("tp53", "ENSDARG00000035559")],
             "rattus_norvegicus": [("Braf", "ENSRNOG00000010957")]}
ENS_SPECIES = ["homo_sapiens", "human", "mus_musculus", "danio_rerio", "rattus_norvegicus", "mouse"]
ENS_VARIANTS = ["rs56116432", "rs699", "rs7412", "rs429358", "rs1800562", "rs334", "rs6025", "rs4988235",
                "rs113488022", "rs80357906"]
ENS_HGVS = ["9:g.22125504G>C", "ENST00000366667:c.803T>C", "AGT:c.803T>C", "ENSP00000401091.1:p.Tyr124Cys",
            "BRAF:p.Val600Glu", "NM_000059.4:c.68-7T>A", "17:g.7675088C>T"]
ENS_TERMS = ["GO:0005667", "GO:0008150", "GO:0003674", "GO:0006915", "SO:0001583", "SO:0000704", "HP:0001250",
             "EFO:0000305"]
ENS_POPULATIONS = ["1000GENOMES:phase_3:CEU", "1000GENOMES:phase_3:KHV", "1000GENOMES:phase_3:YRI",
                   "1000GENOMES:phase_3:GBR"]
ENS_JSON = "content-type=application/json"


def _ens_id(rng, stable, version=.15):
    return stable + (".%d" % rng.randrange(1, 20) if rng.random() < version else "")


def ensembl(rng):
    T = [("/info/ping", "ping"), ("/info/rest", "info"), ("/info/software", "info"), ("/info/data", "info"),
         ("/info/species", "species"), ("/info/assembly/{species}", "assembly"),
         ("/info/assembly/{species}/{region_name}", "seqregion"), ("/info/biotypes/{species}", "list"),
         ("/info/variation/{species}", "list"), ("/info/genomes/{genome_name}", "info"),
         ("/lookup/id/{id}", "lookup"), ("/lookup/symbol/{species}/{symbol}", "lookup"),
         ("/sequence/id/{id}", "sequence"), ("/sequence/region/{species}/{region}", "sequence"),
         ("/overlap/id/{id}", "features"), ("/overlap/region/{species}/{region}", "features"),
         ("/overlap/translation/{id}", "features"), ("/xrefs/id/{id}", "xrefs"),
         ("/xrefs/symbol/{species}/{symbol}", "xrefs"), ("/xrefs/name/{species}/{name}", "xrefs"),
         ("/homology/id/{species}/{id}", "homology"), ("/homology/symbol/{species}/{symbol}", "homology"),
         ("/genetree/id/{id}", "tree"), ("/genetree/member/symbol/{species}/{symbol}", "tree"),
         ("/variation/{species}/{id}", "variation"), ("/vep/{species}/hgvs/{hgvs_notation}", "vep"),
         ("/vep/{species}/id/{id}", "vep"), ("/vep/{species}/region/{region}/{allele}/", "vep"),
         ("/map/{species}/{asm_one}/{region}/{asm_two}", "map"), ("/map/cdna/{id}/{region}", "map"),
         ("/map/translation/{id}/{region}", "map"), ("/ontology/id/{id}", "term"),
         ("/ontology/ancestors/{id}", "terms"), ("/ontology/descendants/{id}", "terms"),
         ("/taxonomy/id/{id}", "taxon"), ("/taxonomy/classification/{id}", "taxa"),
         ("/phenotype/gene/{species}/{gene}", "list"), ("/archive/id/{id}", "archive"),
         ("/ld/{species}/{id}/{population_name}", "list")]
    state = {}

    def species():
        t = state["tpl"]
        if t.startswith(("/variation/", "/vep/", "/ld/", "/phenotype/", "/map/{species}")):
            state["sp"] = rng.choice(["human", "homo_sapiens", "homo_sapiens"])
        else:
            state["sp"] = _weighted(rng, ENS_SPECIES)
        return state["sp"]

    def human():
        return state.get("sp", "human") in ("human", "homo_sapiens")

    def gene_pick():
        if human() or state["tpl"].startswith(("/lookup/id/", "/sequence/id/", "/xrefs/id/", "/overlap/",
                                               "/genetree/id/", "/archive/", "/map/")):
            if rng.random() < .75:
                state["gene"] = _weighted(rng, ENS_GENES)
                return state["gene"]
            state["gene"] = (None, "ENSG%011d" % rng.randrange(10 ** 5, 3 * 10 ** 5), "ENST%011d" % rng.randrange(
                10 ** 5, 8 * 10 ** 5), "ENSP%011d" % rng.randrange(10 ** 5, 5 * 10 ** 5), "1", 0, 0, 1)
            return state["gene"]
        sym, gid = rng.choice(ENS_OTHER.get(state["sp"], ENS_OTHER["mus_musculus"]))
        state["gene"] = (sym, gid, gid, gid, "1", 0, 0, 1)
        return state["gene"]

    def ident():
        t = state["tpl"]
        if t.startswith(("/variation/", "/vep/", "/ld/")):
            return _hot(rng, ENS_VARIANTS, .6, lambda: "rs%d" % rng.randrange(10 ** 3, 2 * 10 ** 9))
        if t.startswith("/ontology/"):
            return _hot(rng, ENS_TERMS, .6, lambda: "GO:%07d" % rng.randrange(10 ** 3, 2 * 10 ** 6))
        if t.startswith("/taxonomy/"):
            return rng.choice(["9606", "9606", "10090", "7955", "10116", "9598", "559292", "Homo%20sapiens",
                               str(rng.randrange(2, 3 * 10 ** 6))])
        if t.startswith("/genetree/"):
            return "ENSGT%011d" % rng.choice([390000003602, 940000154011, 530000063205, rng.randrange(10 ** 11)])
        g = gene_pick()
        if t.startswith(("/overlap/translation/", "/map/translation/")):
            return _ens_id(rng, g[3], .1)
        if t.startswith("/map/cdna/") or t.startswith("/sequence/id/") and rng.random() < .6:
            return _ens_id(rng, g[2])
        r = rng.random()
        if t.startswith(("/lookup/id/", "/xrefs/id/", "/archive/")) and r < .35:
            return _ens_id(rng, rng.choice([g[2], g[3], "ENSE%011d" % rng.randrange(10 ** 6, 4 * 10 ** 6)]))
        return _ens_id(rng, g[1], .08 if not t.startswith("/archive/") else .5)

    def symbol():
        g = gene_pick()
        return g[0] or rng.choice(["ACE2", "IL6", "HBB", "INS", "VEGFA", "ESR1"])

    def region():
        t = state["tpl"]
        if t.startswith(("/map/cdna/", "/map/translation/")):
            a = rng.randrange(1, 2000)
            return "%d..%d" % (a, a + rng.randrange(1, 400))
        g = _weighted(rng, ENS_GENES)
        chrom, a = (g[4], rng.randrange(g[5], g[6])) if rng.random() < .7 else (
            rng.choice([str(c) for c in range(1, 23)] + ["X", "Y"]), rng.randrange(10 ** 6, 10 ** 8))
        if t.startswith("/vep/"):
            state["ref"] = rng.choice("ACGT")
            return "%s:%d-%d:1" % (chrom, a, a)
        span = rng.choice([100, 1000, 10 ** 4, 10 ** 5, 10 ** 6])
        if rng.random() < .3:
            return "%s:%d..%d:%d" % (chrom, a, a + span, rng.choice([1, -1]))
        return "%s:%d-%d" % (chrom, a, a + span)
    V = {"species": species, "region_name": lambda: rng.choice(["X", "7", "17", "MT", "Y", "1", "KI270728.1"]),
         "genome_name": lambda: rng.choice(["homo_sapiens", "mus_musculus", "escherichia_coli_str_k_12_substr_"
                                            "mg1655_gca_000005845", "saccharomyces_cerevisiae"]),
         "id": ident, "symbol": symbol, "name": symbol, "gene": symbol, "region": region,
         "hgvs_notation": lambda: quote(_weighted(rng, ENS_HGVS), safe=":"),
         "allele": lambda: rng.choice([b for b in "ACGT" if b != state.get("ref")] + ["-", "DUP"]),
         "asm_one": lambda: rng.choice(["GRCh37", "GRCh37", "NCBI36"]), "asm_two": lambda: "GRCh38",
         "population_name": lambda: _weighted(rng, ENS_POPULATIONS)}

    def js(extra=()):
        return lambda: "?" + ";".join([ENS_JSON] * (rng.random() < .7) + [x for x in extra if rng.random() < .5]) \
            if rng.random() < .85 else "?"
    Q = {t: js() for t, _ in T}
    Q.update({"/lookup/id/{id}": js(["expand=1", "db_type=core"]),
              "/lookup/symbol/{species}/{symbol}": js(["expand=1"]),
              "/sequence/id/{id}": lambda: rng.choice(["?type=cdna;" + ENS_JSON, "?type=protein;" + ENS_JSON,
                                                       "?content-type=text/x-fasta;type=cds", "?" + ENS_JSON,
                                                       "?multiple_sequences=1;type=genomic;" + ENS_JSON]),
              "/sequence/region/{species}/{region}": lambda: rng.choice(["?coord_system_version=GRCh38;" + ENS_JSON,
                                                                         "?content-type=text/x-fasta",
                                                                         "?expand_5prime=60;expand_3prime=60"]),
              "/overlap/region/{species}/{region}": lambda: "?feature=" + ";feature=".join(
                  rng.sample(["gene", "transcript", "cds", "exon", "variation", "regulatory"], rng.randrange(1, 3)))
              + ";" + ENS_JSON,
              "/overlap/id/{id}": lambda: "?feature=" + rng.choice(["gene", "transcript", "exon", "variation"]),
              "/xrefs/id/{id}": js(["external_db=HGNC", "all_levels=1"]),
              "/homology/id/{species}/{id}": lambda: "?" + rng.choice(["target_species=mouse;type=orthologues",
                                                                       "type=paralogues", "sequence=cdna;"
                                                                       "aligned=0", "format=condensed"]) + ";"
              + ENS_JSON,
              "/homology/symbol/{species}/{symbol}": lambda: "?type=orthologues;format=condensed;" + ENS_JSON,
              "/variation/{species}/{id}": js(["pops=1", "genotypes=1", "phenotypes=1"]),
              "/vep/{species}/hgvs/{hgvs_notation}": js(["canonical=1", "hgvs=1", "CADD=1"]),
              "/vep/{species}/id/{id}": js(["AlphaMissense=1", "canonical=1"]),
              "/ontology/descendants/{id}": js(["zero_distance=1"]),
              "/ld/{species}/{id}/{population_name}": lambda: "?r2=0.8;window_size=500;" + ENS_JSON})
    return T, V, Q, "ensembl", state


def _ens_fasta(rng, ident):
    seq = "".join(rng.choice("ACGT") for _ in range(120))
    return ">%s chromosome:GRCh38\n%s\n%s\n" % (ident, seq[:60], seq[60:])


def _ensembl_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    g = next((x for x in ENS_GENES if x[0] == v.get("symbol") or x[1] == v.get("id", "").split(".")[0]),
             ENS_GENES[0])
    if kind == "ping":
        return js, {"ping": 1, _member(t): True}
    if kind == "info":
        return js, dict(item, release="15.10" if t.endswith("/rest") else 114, releases=[114],
                        organism=v.get("genome_name"), assembly_name="GRCh38.p14" if "genome" in t else None)
    if kind == "species":
        return js, {"species": [dict(item, name="homo_sapiens", display_name="Human", common_name="human",
                                     taxon_id="9606", assembly="GRCh38", release=114, division="EnsemblVertebrates",
                                     aliases=["hsapiens", "human", "homo sapiens"], groups=["core", "variation"])]}
    if kind == "assembly":
        return js, dict(item, assembly_name="GRCh38.p14", assembly_accession="GCA_000001405.29",
                        default_coord_system_version="GRCh38", genebuild_method="full_genebuild",
                        karyotype=[str(c) for c in range(1, 23)] + ["X", "Y", "MT"],
                        top_level_region=[{"coord_system": "chromosome", "name": "1", "length": 248956422}])
    if kind == "seqregion":
        return js, dict(item, assembly_exception_type="REF", coordinate_system="chromosome", is_chromosome=1,
                        is_circular=0, length=rng.randrange(10 ** 4, 2 * 10 ** 8), assembly_name="GRCh38")
    if kind == "lookup":
        ident = v.get("id") or g[1]
        return js, dict(item, id=ident.split(".")[0], display_name=v.get("symbol") or g[0], species=
                        "homo_sapiens" if v.get("species", "human") in ("human", "homo_sapiens") else v["species"],
                        object_type="Transcript" if ident.startswith("ENST") else "Gene", biotype="protein_coding",
                        start=g[5], end=g[6], strand=g[7], seq_region_name=g[4], assembly_name="GRCh38",
                        db_type="core", logic_name="ensembl_havana_gene_homo_sapiens", source="ensembl_havana",
                        version=rng.randrange(1, 20), canonical_transcript=g[2] + ".%d" % rng.randrange(1, 12),
                        description="%s proto-oncogene [Source:HGNC Symbol;Acc:HGNC:%d]" % (g[0], rng.randrange(
                            100, 50000)))
    if kind == "sequence":
        ident = v.get("id") or "chromosome:GRCh38:" + v["region"]
        if query and "text/x-fasta" in query:
            return "text/x-fasta", _ens_fasta(rng, ident)
        seq = "".join(rng.choice("ACGT") for _ in range(80))
        body = dict(item, id=ident, desc=None, query=ident, seq=seq, molecule="dna" if "protein" not in (
            query or "") else "protein", version=rng.randrange(1, 20))
        return js, [body, dict(body)] if query and "multiple_sequences=1" in query else body
    if kind == "features":
        def f(k):
            return dict(item, id=g[1] if k == 0 else g[2], feature_type="gene" if k == 0 else "transcript",
                        start=g[5], end=g[6], strand=g[7], seq_region_name=g[4], biotype="protein_coding",
                        source="ensembl_havana", assembly_name="GRCh38", external_name=g[0], version=14)
        return js, [f(0), f(1)]
    if kind == "xrefs":
        return js, [dict(item, primary_id="HGNC:%d" % rng.randrange(100, 50000), display_id=g[0], dbname="HGNC",
                         db_display_name="HGNC Symbol", info_type="DIRECT", synonyms=[], version="0",
                         description=None, info_text="")] if "/xrefs/id/" in t else [
            {"id": g[1], "type": "gene", _member(t): True}, {"id": g[2], "type": "transcript"}]
    if kind == "homology":
        return js, {"data": [dict(item, id=g[1], homologies=[{"type": "ortholog_one2one", "method_link_type":
                                                               "ENSEMBL_ORTHOLOGUES", "species": "homo_sapiens",
                                                               "id": g[1], "protein_id": g[3],
                                                               "target": {"species": "mus_musculus",
                                                                          "id": "ENSMUSG00000002413",
                                                                          "perc_id": 96.4},
                                                               "taxonomy_level": "Euarchontoglires"}])]}
    if kind == "tree":
        return js, dict(item, id="ENSGT00390000003602", rooted=1, type="gene tree", tree={
            "taxonomy": {"scientific_name": "Euteleostomi", "id": 117571}, "id": {"source": "EnsEMBL",
                                                                                 "accession": g[1]},
            "children": [], "branch_length": 0})
    if kind == "variation":
        return js, dict(item, name=v["id"], source="Variants (including SNPs and indels) imported from dbSNP",
                        var_class="SNP", most_severe_consequence="missense_variant", MAF=0.13, minor_allele="T",
                        ambiguity="Y", synonyms=[], evidence=["Frequency", "1000Genomes", "ESP", "gnomAD"],
                        mappings=[{"location": "19:44908684-44908684", "assembly_name": "GRCh38", "strand": 1,
                                   "allele_string": "T/C", "seq_region_name": "19", "start": 44908684,
                                   "end": 44908684, "coord_system": "chromosome"}])
    if kind == "vep":
        return js, [dict(item, input=unquote(v.get("hgvs_notation") or v.get("id") or v["region"]),
                         assembly_name="GRCh38", seq_region_name=g[4], start=g[5], end=g[5], strand=1,
                         allele_string="G/C", most_severe_consequence="missense_variant",
                         transcript_consequences=[{"gene_id": g[1], "transcript_id": g[2], "gene_symbol": g[0],
                                                   "consequence_terms": ["missense_variant"], "impact": "MODERATE",
                                                   "sift_prediction": "deleterious", "polyphen_score": 0.99}])]
    if kind == "map":
        return js, {"mappings": [dict(item, original={"coord_system": "chromosome", "assembly": v.get("asm_one"),
                                                      "start": 1000000, "end": 1000100, "strand": 1},
                                      mapped={"coord_system": "chromosome", "assembly": v.get("asm_two", "GRCh38"),
                                              "start": 1039265, "end": 1039365, "strand": 1})]}
    if kind in ("term", "terms"):
        term = dict(item, accession=v["id"], name="nucleus" if v["id"].startswith("GO") else "gene",
                    namespace="cellular_component", ontology=v["id"].split(":")[0], is_obsolete=0,
                    definition="A membrane-bounded organelle of eukaryotic cells.", synonyms=[], subsets=[],
                    children=[], parents=[])
        return js, [term, dict(term)] if kind == "terms" else term
    if kind in ("taxon", "taxa"):
        taxon = dict(item, id=v["id"] if v["id"].isdigit() else "9606", scientific_name="Homo sapiens",
                     name="Homo sapiens", leaf=0, tags={"common_name": ["human"], "authority": ["Homo sapiens "
                                                                                                "Linnaeus, 1758"]},
                     children=[], parent={"id": "9605", "scientific_name": "Homo"})
        return js, [taxon, dict(taxon)] if kind == "taxa" else taxon
    if kind == "archive":
        return js, dict(item, id=v["id"].split(".")[0], version=14, release="114", is_current="1", latest=v["id"],
                        assembly="GRCh38", type="Gene", peptide=None, possible_replacement=[])
    return js, [dict(item, description="Cardio-facio-cutaneous syndrome", source="ClinVar", location="7:140719327"
                     "-140924929", attributes={"external_reference": "MONDO:0015280"}), dict(item)]


def _ensembl_error(rng, t, kind, path):
    js = "application/json"
    v = _values(t, path)
    if "{" not in t:
        return 429, js, {"error": "You have exceeded the limit of 15 requests per second; please reduce your "
                                  "concurrent connections"}
    sp = v.get("species")
    if sp and rng.random() < .25:
        return 400, js, {"error": "Can not find internal name for species '%s'" % sp}
    if "symbol" in v:
        return 400, js, {"error": "No valid lookup found for symbol %s" % v["symbol"]}
    if "region" in v and "id" not in v:
        return 400, js, {"error": "No slice found for location %s" % v["region"]}
    if kind in ("variation", "vep") and "id" in v:
        return 400, js, {"error": "%s not found for %s" % (v["id"], sp)}
    if kind in ("term", "terms"):
        return 404, js, {"error": "Cannot find an ontology term for the id '%s'" % v["id"]}
    what = v.get("id") or v.get("hgvs_notation") or v.get("genome_name") or ""
    return 400, js, {"error": "ID '%s' not found" % unquote(what)}


# -- Internet Archive (archive.org: metadata, downloads, search, Wayback availability) -------------

# (identifier, mediatype, collection, files besides the ones every item has)
IA_ITEMS = [("night_of_the_living_dead", "movies", "feature_films",
             ["night_of_the_living_dead_512kb.mp4", "night_of_the_living_dead.ogv",
              "night_of_the_living_dead.mpeg", "night_of_the_living_dead.gif"]),
            ("gd1977-05-08.sbd.hicks.4982.sbeok.shnf", "etree", "GratefulDead",
             ["gd77-05-08d1t01.mp3", "gd77-05-08d1t02.mp3", "gd77-05-08d2t05.mp3", "gd77-05-08d1t01.shn",
              "gd1977-05-08.sbd.hicks.4982.sbeok.shnf.md5", "gd77-05-08.txt"]),
            ("alicesadventures00carr", "texts", "americana",
             ["alicesadventures00carr.pdf", "alicesadventures00carr_djvu.txt", "alicesadventures00carr.epub",
              "alicesadventures00carr_jp2.zip", "alicesadventures00carr_page_numbers.json"]),
            ("Sita_Sings_the_Blues", "movies", "animationandcartoons",
             ["Sita_Sings_the_Blues_512kb.mp4", "Sita_Sings_the_Blues.ogv", "Sita_Sings_the_Blues.srt"]),
            ("msdos_Oregon_Trail_The_1990", "software", "softwarelibrary_msdos_games",
             ["Oregon_Trail_The_1990.zip", "msdos_Oregon_Trail_The_1990_screenshot.gif"]),
            ("78_sing-sing-sing_benny-goodman-and-his-orchestra-louis-prima_gbia0001234a", "audio", "georgeblood",
             ["Sing%20Sing%20Sing%20-%20Benny%20Goodman%20and%20his%20Orchestra.mp3",
              "Sing%20Sing%20Sing%20-%20Benny%20Goodman%20and%20his%20Orchestra.flac", "cover.jpg"]),
            ("acme-corp-annual-reports", "texts", "opensource",
             ["acme-annual-report-2024.pdf", "acme-annual-report-2025.pdf", "acme-annual-report-2025_djvu.txt"]),
            ("acme-podcast-episode-112", "audio", "opensource_audio",
             ["episode-112.mp3", "episode-112.ogg", "episode-112_spectrogram.png"]),
            ("mobydickorwhale01melv", "texts", "americana",
             ["mobydickorwhale01melv.pdf", "mobydickorwhale01melv_djvu.txt", "mobydickorwhale01melv.epub"])]
IA_PATHS = ["metadata", "files", "server", "dir", "files_count", "item_size", "reviews", "d1", "created",
            "workable_servers"]
IA_USERS = ["jason_scott", "brewster", "acme_archivist", "tracey_jaquith", "mitra", "textfiles"]
IA_HTML = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>%s : Free Download, Borrow, and Streaming : "
           "Internet Archive</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>\n"
           "</head>\n<body class=\"navia\">\n<app-root></app-root>\n</body>\n</html>\n")
IA_COLLECTIONS = ["nasa", "etree", "GratefulDead", "feature_films", "americana", "prelinger", "georgeblood",
                  "softwarelibrary_msdos_games", "opensource", "librivoxaudio"]


def _ia_files(it):
    ident = it[0]
    return it[3] + [ident + "_files.xml", ident + "_meta.xml", "__ia_thumb.jpg", ident + "_archive.torrent",
                    ident + "_meta.sqlite"]


def _ia_new(rng):
    """An identifier of the open set: a scanned book, a Cornell scan, a podcast or a GitHub snapshot."""
    r = rng.random()
    if r < .35:
        words = rng.sample(["history", "england", "poems", "letters", "voyage", "natural", "journal", "sermons",
                            "memoirs", "travels", "birds", "flora", "america", "london"], 2)
        return "".join(words) + "00" + _s(rng, "abcdefghijklmnopqrstuvwxyz", 4) + rng.choice(["", "", "uoft",
                                                                                            "iala", "_0"])
    if r < .55:
        return "cu31924%09d" % rng.randrange(10 ** 9)
    if r < .75:
        return "podcast_%s_%s_%d" % (rng.choice(["the-daily", "darknet-diaries", "radiolab", "acme-talks"]),
                                     rng.choice(["episode", "ep", "bonus"]) + str(rng.randrange(1, 900)),
                                     rng.randrange(10 ** 12, 10 ** 13))
    return "github.com-%s-%s_-_2026-11-%02d_%02d-%02d-%02d" % (rng.choice(["torvalds", "rust-lang", "acme",
                                                                           "python", "nodejs"]),
                                                               rng.choice(["linux", "rust", "cpython", "node",
                                                                           "website"]),
                                                               rng.randrange(1, 20), rng.randrange(24),
                                                               rng.randrange(60), rng.randrange(60))


def internetarchive(rng):
    T = [("/metadata/{identifier}", "meta"), ("/metadata/{identifier}/{path}", "sub"),
         ("/download/{identifier}/{filename}", "download"), ("/details/{identifier}", "details"),
         ("/details/@{screenname}", "user"), ("/embed/{identifier}", "embed"), ("/services/img/{identifier}", "img"),
         ("/advancedsearch.php", "advsearch"), ("/services/search/v1/scrape", "scrape"),
         ("/wayback/available", "wayback"), ("/services/tasks.php", "tasks"), ("/search", "searchpage")]
    state = {}

    def identifier():
        if rng.random() < .6:
            state["item"] = _weighted(rng, IA_ITEMS)
        else:
            ident = _ia_new(rng)
            base = ident.split("_-_")[0]
            state["item"] = (ident, "texts", "opensource", [base + ".pdf", base + "_djvu.txt", base + ".mp3",
                                                            base + ".zip"])
        return state["item"][0]

    def filename():
        files = _ia_files(state["item"])
        return _weighted(rng, files) if rng.random() < .8 else rng.choice(files)
    V = {"identifier": identifier, "path": lambda: _weighted(rng, IA_PATHS), "filename": filename,
         "screenname": lambda: _hot(rng, IA_USERS, .7, lambda: rng.choice(["book", "tape", "mix", "archive"])
                                    + "_" + rng.choice(["lover", "digger", "keeper", "fan"]) + str(rng.randrange(99)))}
    enc = lambda x: quote(x, safe="")  # noqa: E731
    sites = ["example.com", "acme.com", "geocities.com%2Fhollywood", "news.ycombinator.com", "www.bbc.co.uk%2Fnews",
             "twitter.com%2Fjack"]
    Q = {"/advancedsearch.php": lambda: "?q=" + enc(rng.choice(["collection:(%s)" % rng.choice(IA_COLLECTIONS),
                                                                 "mediatype:texts AND date:[1900-01-01 TO 1930-12-31]",
                                                                 "creator:\"Melville, Herman\"", "title:(oregon trail)",
                                                                 "uploader:archivist@acme.com"])).replace("%20", "+")
         + "&fl%5B%5D=identifier&fl%5B%5D=title" + rng.choice(["", "&fl%5B%5D=date&fl%5B%5D=downloads"])
         + rng.choice(["", "&sort%5B%5D=downloads+desc", "&sort%5B%5D=date+desc"]) + "&rows=%d&page=%d&output=json"
         % (rng.choice([50, 100, 1000]), rng.randrange(1, 5)),
         "/services/search/v1/scrape": lambda: "?fields=" + enc(rng.choice(["identifier", "identifier,title,date",
                                                                            "identifier,item_size,mediatype"]))
         + "&q=" + enc("collection:" + rng.choice(IA_COLLECTIONS)) + "&count=" + rng.choice(["100", "1000", "10000"])
         + rng.choice(["", "", "&cursor=" + _s(rng, B64URL, 48)]),
         "/wayback/available": lambda: "?url=" + rng.choice(sites) + rng.choice(
             ["", "&timestamp=%d" % rng.choice([2001, 20050101, 20200315120000, 2010])]),
         "/services/tasks.php": lambda: "?identifier=" + identifier() + rng.choice(["&summary=1",
                                                                                   "&catalog=1&history=1"]),
         "/search": lambda: "?query=" + rng.choice(["grateful+dead", "oregon+trail", "moby+dick", "nasa+apollo"])
         + rng.choice(["", "&sin=TXT", "&and%5B%5D=mediatype%3A%22texts%22"]),
         "/details/{identifier}": lambda: rng.choice(["", "", "", "?tab=about", "?view=theater"]) or "?",
         "/download/{identifier}/{filename}": lambda: rng.choice(["", "", "", "", "?download=1"]) or "?"}
    return T, V, Q, "internetarchive", state


def _ia_server(rng):
    return "ia%d%03d.us.archive.org" % (rng.choice([8, 6]), rng.randrange(100, 900))


def _internetarchive_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    ident = v.get("identifier") or IA_ITEMS[0][0]
    it = next((x for x in IA_ITEMS if x[0] == ident), (ident, "texts", "opensource", []))
    server = _ia_server(rng)
    files = [{"name": unquote(f), "source": "original" if k < 2 else "derivative",
              "format": {"mp3": "VBR MP3", "pdf": "Text PDF", "xml": "Metadata", "jpg": "Item Tile",
                         "txt": "DjVuTXT", "mp4": "h.264", "torrent": "Archive BitTorrent"}.get(f.rsplit(".", 1)[-1],
                                                                                              "Unknown"),
              "size": str(rng.randrange(10 ** 3, 10 ** 9)), "md5": _hex(rng, 32), "mtime": str(NOW - k),
              "crc32": _hex(rng, 8), "sha1": _hex(rng, 40)} for k, f in enumerate(_ia_files(it)[:4])]
    meta = {"identifier": ident, "mediatype": it[1], "collection": [it[2]], "title": ident.replace("_", " "),
            "creator": "Acme Corp" if ident.startswith("acme") else "Unknown", "date": "1977-05-08",
            "publicdate": "2004-06-14 15:59:35", "uploader": "archivist@acme.com", "addeddate": "2004-06-14"}
    if kind == "meta":
        return js, dict(item, created=NOW, d1=server, d2=server.replace("ia8", "ia6"), dir="/%d/items/%s"
                        % (rng.randrange(1, 35), ident), files=files, files_count=len(files),
                        item_last_updated=NOW - 86400, item_size=rng.randrange(10 ** 6, 10 ** 10), metadata=meta,
                        server=server, uniq=rng.randrange(10 ** 8, 2 * 10 ** 9), workable_servers=[server])
    if kind == "sub":
        p = v["path"]
        value = {"metadata": meta, "files": files, "server": server, "d1": server, "dir": "/7/items/" + ident,
                 "files_count": len(files), "item_size": rng.randrange(10 ** 6, 10 ** 10), "created": NOW,
                 "workable_servers": [server], "reviews": [{"reviewbody": "Great show!", "reviewtitle": "wow",
                                                            "reviewer": "deadhead77", "stars": "5",
                                                            "reviewdate": "2019-05-08 12:00:00"}]}.get(p)
        return js, {"result": value}
    if kind == "download":
        return 302, "text/html", _nginx(302, "Found")
    if kind in ("details", "embed", "user", "searchpage"):
        return "text/html; charset=UTF-8", IA_HTML % (v.get("screenname") or ident)
    if kind == "img":
        return rng.choice([("image/jpeg", JPEG), ("image/png", PNG), ("image/gif", "GIF89a\u0001\u0000")])
    if kind == "advsearch":
        docs = [dict(item, identifier=x[0], title=x[0].replace("_", " ")) for x in rng.sample(IA_ITEMS, 2)]
        return "application/json;charset=UTF-8", {
            "responseHeader": {"status": 0, "QTime": rng.randrange(5, 400),
                               "params": {"query": "collection:nasa", "qin": "collection:(nasa)",
                                          "fields": "identifier,title", "wt": "json", "rows": "50", "start": 0}},
            "response": {"numFound": rng.randrange(2, 10 ** 6), "start": 0, "docs": docs}}
    if kind == "scrape":
        body = {"items": [dict(item, identifier=x[0]) for x in rng.sample(IA_ITEMS, 2)], "count": 2,
                "total": rng.randrange(2, 10 ** 6)}
        if rng.random() < .7:
            body["cursor"] = _s(rng, B64URL, 48)
        return js, body
    if kind == "wayback":
        url = unquote(query.split("url=")[1].split("&")[0]) if query else "example.com"
        stamp = "20%02d%02d%02d%06d" % (rng.randrange(1, 26), rng.randrange(1, 13), rng.randrange(1, 29),
                                        rng.randrange(240000))
        return js, {"url": url, "archived_snapshots": {"closest": {"status": "200", "available": True,
                                                                   "url": "http://web.archive.org/web/%s/https://%s/"
                                                                   % (stamp, url), "timestamp": stamp}}}
    if query and "summary=1" in query:
        return js, {"success": True, "value": {"summary": {"queued": 0, "running": rng.randrange(2), "error": 0,
                                                           "paused": 0}}}
    return js, {"success": True, "value": {"catalog": [], "history": [
        dict(item, identifier=ident, task_id=rng.randrange(10 ** 9, 3 * 10 ** 9), server=server, cmd=rng.choice(
            ["derive.php", "archive.php", "book_op.php"]), args={}, submitter="archivist@acme.com",
             priority=0, finished="2026-11-19 10:11:12", submittime="2026-11-19 10:01:02")]}}


IA_MISSING = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Internet Archive: Error</title></head>\n<body>\n"
              "<div class=\"container container-ia\"><h1>Item not available</h1>\n<p>The item is not available due "
              "to issues with the item's content.</p></div>\n</body>\n</html>\n")


def _internetarchive_error(rng, t, kind, path):
    js = "application/json"
    if kind in ("meta", "sub"):
        return 200, js, {}
    if kind == "download":
        if rng.random() < .2:
            return 403, "text/html; charset=UTF-8", IA_MISSING.replace("Item not available", "Item restricted")
        return 404, "text/html; charset=UTF-8", IA_MISSING
    if kind in ("details", "embed", "user"):
        return 404, "text/html; charset=UTF-8", IA_HTML % "Item cannot be found"
    if kind == "img":
        return 404, "text/html", _nginx(404, "Not Found")
    if kind == "advsearch":
        return 200, "application/json;charset=UTF-8", {"responseHeader": {"status": 0, "QTime": 3, "params": {}},
                                                       "response": {"numFound": 0, "start": 0, "docs": []}}
    if kind == "scrape":
        return 400, js, {"error": "invalid cursor", "errorType": "ValueError"}
    if kind == "wayback":
        return 200, js, {"url": "example.com", "archived_snapshots": {}}
    if kind == "tasks":
        return 403, js, {"success": False, "error": "You do not have privileges to view this item's tasks"}
    return 503, "text/html", _nginx(503, "Service Temporarily Unavailable")


# -- Heroku Platform API ---------------------------------------------------------------------------

HEROKU_APPS = ["acme-web-prod", "acme-web-staging", "acme-api-prod", "acme-worker", "acme-admin", "acme-api-staging"]
HEROKU_ADDONS = [("heroku-postgresql", "postgresql"), ("heroku-redis", "redis"), ("papertrail", "papertrail"),
                 ("sendgrid", "sendgrid"), ("scheduler", "scheduler"), ("heroku-kafka", "kafka")]
HEROKU_WORDS = ["curved", "shallow", "rigid", "angular", "triangular", "clear", "spherical", "concentric", "opaque",
                "flat", "slippery", "symmetrical", "vertical", "round", "cubed"]
HEROKU_PROCESSES = ["web", "worker", "release", "clock", "urgentworker"]


def heroku(rng):
    A = "/apps/{app_id_or_name}"
    T = [("/account", "account"), ("/account/rate-limits", "rate"), ("/apps", "apps"), (A, "app"),
         (A + "/config-vars", "config"), (A + "/dynos", "dynos"), (A + "/dynos/{dyno_id_or_name}", "dyno"),
         (A + "/formation", "formations"), (A + "/formation/{formation_id_or_type}", "formation"),
         (A + "/releases", "releases"), (A + "/releases/{release_id_or_version}", "release"),
         (A + "/builds", "builds"), (A + "/builds/{build_id}", "build"), (A + "/addons", "addons"),
         (A + "/addons/{addon_id_or_name}", "addon"), ("/addons/{addon_id_or_name}", "addon"),
         (A + "/domains", "domains"), (A + "/domains/{domain_id_or_hostname}", "domain"),
         (A + "/collaborators", "collaborators"), (A + "/buildpack-installations", "buildpacks"),
         (A + "/sni-endpoints", "sni"), (A + "/webhooks", "webhooks"), (A + "/features", "features"),
         (A + "/log-drains", "drains"), (A + "/slugs/{slug_id}", "slug"), (A + "/pipeline-couplings", "coupling"),
         ("/pipelines", "pipelines"), ("/pipelines/{pipeline_id_or_name}", "pipeline"),
         ("/pipelines/{pipeline_id}/pipeline-couplings", "couplings"), ("/pipelines/{pipeline_id}/review-apps",
                                                                        "reviewapps"),
         ("/pipelines/{pipeline_id}/latest-releases", "releases"), ("/teams", "teams"),
         ("/teams/{team_name_or_id}", "team"), ("/teams/{team_name_or_id}/apps", "apps"),
         ("/teams/{team_name_or_id}/members", "members"), ("/spaces/{space_id_or_name}", "space"),
         ("/users/{account_email_or_id_or_self}", "account"), ("/regions", "regions"), ("/stacks", "stacks"),
         ("/addon-services", "services"), ("/addon-services/{add_on_service_id_or_name}", "service"),
         ("/addon-services/{add_on_service_id_or_name}/plans", "plans")]
    app_ids = {a: _uuid(rng) for a in HEROKU_APPS}
    pipelines = {"acme-web": _uuid(rng), "acme-api": _uuid(rng)}
    addons = ["%s-%s-%05d" % (short, rng.choice(HEROKU_WORDS), rng.randrange(10 ** 5)) for _, short in HEROKU_ADDONS]
    domains = ["www.acme.com", "acme.com", "api.acme.com", "admin.acme.com", "staging.acme.com"]
    releases = {a: rng.randrange(40, 2500) for a in HEROKU_APPS}
    builds = [_uuid(rng) for _ in range(6)]
    state = {}

    def app():
        if rng.random() < .08:
            state["app"] = "acme-web-pr-%d" % rng.randrange(1200, 1600)
            return state["app"]
        state["app"] = _weighted(rng, HEROKU_APPS)
        return app_ids[state["app"]] if rng.random() < .2 else state["app"]

    def dyno():
        r = rng.random()
        if r < .6:
            return "%s.%d" % (_weighted(rng, ["web", "worker", "clock"]), rng.randrange(1, 5))
        if r < .8:
            return "run.%d" % rng.randrange(1000, 9999)
        if r < .9:
            return "scheduler.%d" % rng.randrange(1000, 9999)
        return _uuid(rng)

    def release():
        top = releases.get(state.get("app"), 40)
        return str(rng.randrange(max(1, top - 30), top + 1)) if rng.random() < .8 else _uuid(rng)

    def pipeline():
        name = rng.choice(list(pipelines))
        return pipelines[name] if "{pipeline_id}" in state["tpl"] or rng.random() < .5 else name
    V = {"app_id_or_name": app, "dyno_id_or_name": dyno,
         "formation_id_or_type": lambda: _weighted(rng, HEROKU_PROCESSES) if rng.random() < .9 else _uuid(rng),
         "release_id_or_version": release, "build_id": lambda: _hot(rng, builds, .4, lambda: _uuid(rng)),
         "addon_id_or_name": lambda: _weighted(rng, addons) if rng.random() < .85 else _uuid(rng),
         "domain_id_or_hostname": lambda: _weighted(rng, domains) if rng.random() < .8 else (
             state.get("app", "acme-web-prod") + "-" + _hex(rng, 12) + ".herokuapp.com"),
         "slug_id": lambda: _uuid(rng), "pipeline_id_or_name": pipeline, "pipeline_id": pipeline,
         "team_name_or_id": lambda: rng.choice(["acme", "acme", "acme-data"]),
         "space_id_or_name": lambda: rng.choice(["acme-private-us", "acme-shield-eu"]),
         "account_email_or_id_or_self": lambda: rng.choice(["~", "~", "jane.doe%40acme.com", _email(rng), _uuid(rng)]),
         "add_on_service_id_or_name": lambda: _weighted(rng, HEROKU_ADDONS)[0]}
    return T, V, {}, "heroku", state


def _heroku_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    when = _when(rng)
    app = v.get("app_id_or_name", "acme-web-prod")
    ref = {"id": _uuid(rng), "name": app if len(app) != 36 else "acme-web-prod"}
    if kind in ("account",):
        return js, dict(item, id=_uuid(rng), email="jane.doe@acme.com", name="Jane Doe", verified=True,
                        two_factor_authentication=True, allow_tracking=True, beta=False, created_at=when,
                        updated_at=when, last_login=when, default_organization=None, default_team=None,
                        federated=False, sms_number=None, suspended_at=None, delinquent_at=None,
                        identity_provider=None, country_of_residence="United States")
    if kind == "rate":
        return js, {"remaining": rng.randrange(0, 4500), _member(t): True}
    if kind == "config":
        return js, {"DATABASE_URL": "postgres://u%s:p%s@ec2-3-1.compute-1.amazonaws.com:5432/d%s" % (
            _s(rng, B62, 8), _s(rng, B62, 12), _s(rng, B62, 8)), "REDIS_URL": "rediss://:p%s@ec2-3-2.compute-1."
                    "amazonaws.com:12345" % _s(rng, B62, 12), "RAILS_ENV": "production", "WEB_CONCURRENCY": "3",
                    "SENTRY_DSN": "https://%s@o12345.ingest.sentry.io/67890" % _hex(rng, 32), _member(t): "true"}
    one = {"app": dict(item, id=_uuid(rng), name=app, region={"id": _uuid(rng), "name": "us"},
                       stack={"id": _uuid(rng), "name": "heroku-24"}, build_stack={"id": _uuid(rng),
                                                                                    "name": "heroku-24"},
                       git_url="https://git.heroku.com/%s.git" % app, web_url="https://%s-%s.herokuapp.com/"
                       % (app, _hex(rng, 12)), owner={"id": _uuid(rng), "email": "jane.doe@acme.com"},
                       organization={"id": _uuid(rng), "name": "acme"}, team={"id": _uuid(rng), "name": "acme"},
                       space=None, acm=True, maintenance=False, buildpack_provided_description="Ruby",
                       repo_size=None, slug_size=rng.randrange(10 ** 7, 3 * 10 ** 8), created_at=when,
                       released_at=when, updated_at=when, archived_at=None, internal_routing=None),
           "dyno": dict(item, id=_uuid(rng), name=v.get("dyno_id_or_name", "web.1"), type="web", size="Standard-1X",
                        state=rng.choice(["up", "up", "starting", "crashed", "idle"]), command="bundle exec puma -C "
                        "config/puma.rb", attach_url=None, app=ref, release={"id": _uuid(rng), "version": 1482},
                        created_at=when, updated_at=when),
           "formation": dict(item, id=_uuid(rng), type=v.get("formation_id_or_type", "web"), quantity=rng.randrange(
               0, 6), size="Standard-2X", command="bundle exec puma", app=ref, created_at=when, updated_at=when),
           "release": dict(item, id=_uuid(rng), version=rng.randrange(1, 2500), status="succeeded", current=True,
                           description=rng.choice(["Deploy 3f9a1c2b", "Set SENTRY_DSN config vars",
                                                   "Attach DATABASE (@ref:postgresql-curved-12345)"]),
                           user={"id": _uuid(rng), "email": "jane.doe@acme.com"}, slug={"id": _uuid(rng)},
                           addon_plan_names=["heroku-postgresql:standard-0"], app=ref, output_stream_url=None,
                           created_at=when, updated_at=when),
           "build": dict(item, id=v.get("build_id", _uuid(rng)), status=rng.choice(["succeeded", "failed",
                                                                                    "pending"]),
                         buildpacks=[{"url": "heroku/ruby", "name": "heroku/ruby"}], source_blob={
                             "url": "https://api.heroku.com/sources/" + _uuid(rng) + ".tgz", "version": _hex(rng, 40),
                             "checksum": None, "version_description": None},
                         output_stream_url="https://build-output.heroku.com/streams/" + _uuid(rng), stack="heroku-24",
                         release={"id": _uuid(rng)}, slug={"id": _uuid(rng)}, user={"id": _uuid(rng),
                                                                                   "email": "ci@acme.com"},
                         app=ref, created_at=when, updated_at=when),
           "addon": dict(item, id=_uuid(rng), name=v.get("addon_id_or_name", "postgresql-curved-12345"),
                         addon_service={"id": _uuid(rng), "name": "heroku-postgresql"},
                         plan={"id": _uuid(rng), "name": "heroku-postgresql:standard-0"}, app=ref, state="provisioned",
                         config_vars=["DATABASE_URL"], billed_price={"cents": 5000, "contract": False, "unit": "month"},
                         provider_id=_hex(rng, 8), web_url="https://addons-sso.heroku.com/apps/" + _uuid(rng),
                         actions=[], created_at=when, updated_at=when),
           "domain": dict(item, id=_uuid(rng), hostname=v.get("domain_id_or_hostname", "www.acme.com"), kind="custom",
                          cname="%s.herokudns.com" % _s(rng, "abcdefghijklmnopqrstuvwxyz", 24), status="succeeded",
                          acm_status="cert issued", acm_status_reason=None, sni_endpoint=None, app=ref,
                          created_at=when, updated_at=when),
           "slug": dict(item, id=v.get("slug_id", _uuid(rng)), blob={"method": "get", "url": "https://s3-external-1"
                                                                     ".amazonaws.com/herokuslugsus/" + _uuid(rng)},
                        buildpack_provided_description="Ruby", checksum="SHA256:" + _hex(rng, 64), commit=_hex(rng, 40),
                        commit_description="", process_types={"web": "bundle exec puma", "worker": "bundle exec "
                                                                                                   "sidekiq"},
                        size=rng.randrange(10 ** 7, 3 * 10 ** 8), stack={"name": "heroku-24"}, created_at=when,
                        updated_at=when),
           "coupling": dict(item, id=_uuid(rng), app={"id": _uuid(rng)}, pipeline={"id": _uuid(rng)},
                            stage=rng.choice(["production", "staging", "review", "development"]),
                            created_at=when, updated_at=when),
           "pipeline": dict(item, id=_uuid(rng), name="acme-web", owner={"id": _uuid(rng), "type": "team"},
                            generation={"name": "cedar"}, created_at=when, updated_at=when),
           "team": dict(item, id=_uuid(rng), name=v.get("team_name_or_id", "acme"), role="admin", type="team",
                        default=True, membership_limit=None, provisioned_licenses=False, identity_provider=None,
                        enterprise_account=None, created_at=when, updated_at=when),
           "space": dict(item, id=_uuid(rng), name=v.get("space_id_or_name"), shield=False, state="allocated",
                         region={"name": "virginia"}, team={"name": "acme"}, cidr="10.0.0.0/16",
                         data_cidr="172.23.0.0/20", generation="cedar", created_at=when, updated_at=when),
           "service": dict(item, id=_uuid(rng), name=v.get("add_on_service_id_or_name"), human_name="Heroku Postgres",
                           cli_plugin_name="pg", state="ga", supports_multiple_installations=True,
                           supports_sharing=True, created_at=when, updated_at=when)}
    lists = {"apps": "app", "dynos": "dyno", "formations": "formation", "releases": "release", "builds": "build",
             "addons": "addon", "domains": "domain", "couplings": "coupling", "pipelines": "pipeline",
             "reviewapps": "coupling", "teams": "team", "services": "service"}
    if kind in one:
        return js, one[kind]
    if kind in lists:
        x = one[lists[kind]]
        return js, [x, dict(x, id=_uuid(rng))]
    small = {"collaborators": dict(item, id=_uuid(rng), user={"email": _email(rng), "federated": False},
                                   role=None, permissions=[{"name": "view"}, {"name": "deploy"}], app=ref),
             "buildpacks": dict(item, ordinal=0, buildpack={"url": "heroku/ruby", "name": "heroku/ruby"}),
             "sni": dict(item, id=_uuid(rng), name="tokyo-%d" % rng.randrange(10 ** 4), ssl_cert={
                 "cert_domains": ["www.acme.com"], "expires_at": when, "acm": False}),
             "webhooks": dict(item, id=_uuid(rng), include=["api:release", "api:build"], level="notify",
                              url="https://hooks.acme.com/heroku", app=ref),
             "features": dict(item, id=_uuid(rng), name=rng.choice(["runtime-dyno-metadata", "log-runtime-metrics",
                                                                    "preboot"]), enabled=rng.random() < .5,
                              state="general", doc_url="https://devcenter.heroku.com/articles/dyno-metadata"),
             "drains": dict(item, id=_uuid(rng), token="d." + _uuid(rng), url="syslog+tls://logs.papertrailapp.com:"
                            "%d" % rng.randrange(10000, 60000), addon=None, app=ref),
             "members": dict(item, id=_uuid(rng), email=_email(rng), role=rng.choice(["admin", "member",
                                                                                       "viewer"]),
                             two_factor_authentication=True, federated=False, user={"id": _uuid(rng)}),
             "regions": dict(item, id=_uuid(rng), name=rng.choice(["us", "eu"]), country="United States",
                             locale="Virginia", private_capable=False, provider={"name": "amazon-web-services",
                                                                                "region": "us-east-1"}),
             "stacks": dict(item, id=_uuid(rng), name=rng.choice(["heroku-22", "heroku-24"]), state="general",
                            default=True),
             "plans": dict(item, id=_uuid(rng), name="heroku-postgresql:essential-0", human_name="Essential 0",
                           price={"cents": 500, "contract": False, "unit": "month"}, state="public", default=False)}
    x = small.get(kind, item)
    return js, [x, dict(x)]


HEROKU_WHAT = {"app": "app", "dyno": "dyno", "formation": "process type", "release": "release", "build": "build",
               "addon": "add-on", "domain": "domain", "slug": "slug", "pipeline": "pipeline", "team": "team",
               "space": "space", "service": "add-on service", "coupling": "pipeline coupling"}


def _heroku_error(rng, t, kind, path):
    js = "application/json"
    v = _values(t, path)
    if not v:
        if rng.random() < .5:
            return 429, js, {"id": "rate_limit", "message": "Your account reached the API rate limit\nPlease wait a "
                                                            "few minutes before making new requests"}
        return 401, js, {"id": "unauthorized", "message": "Invalid credentials provided."}
    if "app_id_or_name" in v and (len(v) == 1 or rng.random() < .5):
        if rng.random() < .3:
            return 403, js, {"id": "forbidden", "message": "You do not have access to the app %s."
                             % v["app_id_or_name"]}
        return 404, js, {"id": "not_found", "message": "Couldn't find that app.", "resource": "app"}
    name = list(v)[-1]
    resource = HEROKU_WHAT.get(kind, name.split("_")[0])
    if kind == "formation":
        return 404, js, {"id": "not_found", "message": "Couldn't find that process type (%s)."
                         % v["formation_id_or_type"], "resource": "formation"}
    if kind == "account":
        if v["account_email_or_id_or_self"] == "~":
            return 401, js, {"id": "unauthorized", "message": "Invalid credentials provided."}
        return 404, js, {"id": "not_found", "message": "Couldn't find that user.", "resource": "user"}
    return 404, js, {"id": "not_found", "message": "Couldn't find that %s." % resource,
                     "resource": resource.replace(" ", "-")}


# -- Coinbase Exchange REST API --------------------------------------------------------------------

CB_PRODUCTS = ["BTC-USD", "ETH-USD", "SOL-USD", "BTC-USDC", "ETH-BTC", "BTC-EUR", "USDT-USD", "DOGE-USD", "XRP-USD",
               "LINK-USD", "AVAX-USD", "ADA-USD", "LTC-USD", "ETH-EUR", "MATIC-USD", "SHIB-USD", "UNI-USD",
               "BTC-GBP", "DOT-USD", "PEPE-USD", "SUI-USD", "ATOM-USD", "CBETH-ETH", "AAVE-USD", "ARB-USD"]
CB_CURRENCIES = ["BTC", "ETH", "USD", "USDC", "SOL", "EUR", "USDT", "DOGE", "GBP", "XRP", "LINK", "AVAX", "CBETH"]
CB_GRANULARITY = ["60", "300", "900", "3600", "21600", "86400"]


def coinbase(rng):
    P, A = "/products/{product_id}", "/accounts/{account_id}"
    T = [("/products", "products"), (P, "product"), (P + "/book", "book"), (P + "/ticker", "ticker"),
         (P + "/trades", "trades"), (P + "/candles", "candles"), (P + "/stats", "stats"),
         ("/products/stats", "allstats"), ("/products/volume-summary", "volume"), ("/currencies", "currencies"),
         ("/currencies/{currency_id}", "currency"), ("/time", "time"), ("/accounts", "accounts"), (A, "account"),
         (A + "/holds", "holds"), (A + "/ledger", "ledger"), (A + "/transfers", "transfers"), ("/orders", "orders"),
         ("/orders/{order_id}", "order"), ("/orders/client:{client_oid}", "order"), ("/fills", "fills"),
         ("/transfers", "transfers"), ("/transfers/{transfer_id}", "transfer"), ("/payment-methods", "methods"),
         ("/coinbase-accounts", "wallets"), ("/fees", "fees"), ("/profiles", "profiles"),
         ("/profiles/{profile_id}", "profile"), ("/users/self/exchange-limits", "limits"),
         ("/wrapped-assets", "wrapped"), ("/wrapped-assets/{wrapped_asset_id}", "wrappedone"),
         ("/wrapped-assets/{wrapped_asset_id}/conversion-rate", "rate"), ("/conversions/{conversion_id}", "conversion"),
         ("/reports/{report_id}", "report"), ("/oracle", "oracle")]
    profiles = [_uuid(rng), _uuid(rng)]
    accounts = {c: _uuid(rng) for c in CB_CURRENCIES[:8]}
    open_orders = [_uuid(rng) for _ in range(6)]
    client_oids = [_uuid(rng) for _ in range(4)]
    V = {"product_id": lambda: _weighted(rng, CB_PRODUCTS),
         "currency_id": lambda: _weighted(rng, CB_CURRENCIES) if rng.random() < .9 else rng.choice(
             ["PEPE", "BONK", "WIF", "ONDO", "RENDER"]),
         "account_id": lambda: _weighted(rng, list(accounts.values())),
         "order_id": lambda: _hot(rng, open_orders, .4, lambda: _uuid(rng)),
         "client_oid": lambda: _hot(rng, client_oids, .3, lambda: _uuid(rng)),
         "transfer_id": lambda: _uuid(rng), "profile_id": lambda: rng.choice(profiles),
         "wrapped_asset_id": lambda: rng.choice(["CBETH", "CBETH", "CBBTC", "LSETH"]),
         "conversion_id": lambda: _uuid(rng), "report_id": lambda: _uuid(rng)}
    iso = lambda d, h: "2026-11-%02dT%02d%%3A00%%3A00Z" % (d, h)  # noqa: E731

    def candles():
        g = _weighted(rng, CB_GRANULARITY)
        d = rng.randrange(2, 20)
        return "?granularity=" + g + rng.choice(["", "&start=%s&end=%s" % (iso(d - 1, 0), iso(d, 0))])

    def paged():
        return "?limit=" + rng.choice(["100", "100", "1000"]) + rng.choice(
            ["", "", "&before=%d" % rng.randrange(10 ** 8, 10 ** 9), "&after=" + _when(rng).replace(":", "%3A")])
    Q = {P + "/book": lambda: "?level=" + rng.choice(["1", "2", "2", "3"]), P + "/candles": candles,
         P + "/trades": lambda: rng.choice(["", "?limit=100", "?after=%d" % rng.randrange(6 * 10 ** 8, 7 * 10 ** 8)])
         or "?",
         "/products": lambda: rng.choice(["", "", "?type=spot"]) or "?",
         A + "/ledger": lambda: paged() + rng.choice(["", "&profile_id=" + profiles[0],
                                                      "&start_date=%s&end_date=%s" % (iso(1, 0), iso(20, 0))]),
         A + "/holds": paged, A + "/transfers": lambda: paged() + rng.choice(["", "&type=deposit",
                                                                             "&type=withdraw"]),
         "/orders": lambda: "?" + rng.choice(["status=open&status=pending&status=active", "status=all",
                                              "status=done"]) + "&limit=100&sortedBy=created_at&sorting=desc"
         + rng.choice(["", "&product_id=" + _weighted(rng, CB_PRODUCTS), "&profile_id=" + profiles[0]]),
         "/fills": lambda: rng.choice(["?product_id=" + _weighted(rng, CB_PRODUCTS) + "&limit=100",
                                       "?order_id=" + rng.choice(open_orders),
                                       "?product_id=BTC-USD&start_date=%s" % iso(rng.randrange(1, 20), 0)]),
         "/transfers": lambda: rng.choice(["?type=deposit", "?type=withdraw", "?type=internal_deposit",
                                           "?profile_id=" + profiles[0]]),
         "/profiles": lambda: rng.choice(["", "?active=true"]) or "?",
         "/currencies/{currency_id}": lambda: "?" if rng.random() < .9 else "?include_details=true"}
    return T, V, Q, "coinbase"


def _cb_price(rng, product):
    base = {"BTC": 91234.5, "ETH": 3123.45, "SOL": 142.3, "USDT": 1.0001, "DOGE": 0.1623}.get(product.split("-")[0],
                                                                                                 12.34)
    if product.endswith("-BTC") or product.endswith("-ETH"):
        base = 0.03412
    return "%.2f" % (base * rng.uniform(.98, 1.02)) if base > 1 else "%.5f" % (base * rng.uniform(.98, 1.02))


def _coinbase_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    pid = v.get("product_id", "BTC-USD")
    price = _cb_price(rng, pid)
    when = _when(rng, frac=True)
    product = dict(item, id=pid, base_currency=pid.split("-")[0], quote_currency=pid.split("-")[1],
                   quote_increment="0.01", base_increment="0.00000001", display_name=pid.replace("-", "/"),
                   min_market_funds="1", margin_enabled=False, post_only=False, limit_only=False, cancel_only=False,
                   status="online", status_message="", trading_disabled=False, fx_stablecoin=False,
                   max_slippage_percentage="0.02000000", auction_mode=False, high_bid_limit_percentage="")
    account = dict(item, id=v.get("account_id") or _uuid(rng), currency=rng.choice(CB_CURRENCIES),
                   balance="%.16f" % rng.uniform(0, 10), hold="0.0000000000000000", available="%.16f"
                   % rng.uniform(0, 10), profile_id=_uuid(rng), trading_enabled=True, pending_deposit="0")
    order = dict(item, id=v.get("order_id") or _uuid(rng), price=price, size="0.01000000", product_id=pid,
                 profile_id=_uuid(rng), side=rng.choice(["buy", "sell"]), type="limit", time_in_force="GTC",
                 post_only=True, created_at=when, fill_fees="0.0000000000000000", filled_size="0.00000000",
                 executed_value="0.0000000000000000", status=rng.choice(["open", "pending", "done"]), settled=False,
                 client_oid=v.get("client_oid", ""))
    transfer = dict(item, id=v.get("transfer_id") or _uuid(rng), type=rng.choice(["deposit", "withdraw"]),
                    created_at=when, completed_at=when, canceled_at=None, processed_at=when, amount="250.00",
                    details={"coinbase_account_id": _uuid(rng), "coinbase_transaction_id": _oid24(rng)},
                    user_nonce=None, currency="USD", idem=None)
    profile = dict(item, id=v.get("profile_id") or _uuid(rng), user_id=_oid24(rng), name=rng.choice(["default",
                                                                                                       "trading-bot"]),
                   active=True, is_default=True, has_margin=False, created_at="2021-03-02T10:11:12.123456Z")
    if kind == "products":
        return js, [product, dict(product, id="ETH-USD")]
    if kind == "product":
        return js, product
    if kind == "book":
        lvl = (query or "level=1").split("level=")[1][:1]
        side = [[price, "0.%08d" % rng.randrange(10 ** 8), rng.randrange(1, 30)] if lvl != "3" else
                [price, "0.%08d" % rng.randrange(10 ** 8), _uuid(rng)] for _ in range(2 if lvl != "1" else 1)]
        return js, {"bids": side, "asks": side, "sequence": rng.randrange(8 * 10 ** 10, 9 * 10 ** 10),
                    "auction_mode": False, "auction": None, "time": when, _member(t): True}
    if kind == "ticker":
        return js, dict(item, ask=price, bid=price, volume="%.8f" % rng.uniform(10, 30000),
                        trade_id=rng.randrange(6 * 10 ** 8, 7 * 10 ** 8), price=price, size="0.00123000", time=when,
                        rfq_volume="12.34", conversions_volume="0")
    if kind == "trades":
        tr = dict(item, time=when, trade_id=rng.randrange(6 * 10 ** 8, 7 * 10 ** 8), price=price, size="0.00040000",
                  side=rng.choice(["buy", "sell"]))
        return js, [tr, dict(tr)]
    if kind == "candles":
        start = NOW - 3600
        return js, [[start - k * 3600, float(price) * .99, float(price) * 1.01, float(price), float(price),
                     rng.uniform(10, 1000)] for k in range(3)]
    if kind in ("stats", "allstats"):
        stats = dict(item, open=price, high=price, low=price, last=price, volume="%.8f" % rng.uniform(1, 10 ** 4),
                     volume_30day="%.8f" % rng.uniform(10 ** 4, 10 ** 6), rfq_volume_24hour="12.3",
                     conversions_volume_24hour="0", rfq_volume_30day="123.4", conversions_volume_30day="0")
        if kind == "stats":
            return js, stats
        return js, {p: {"stats_24hour": stats, "stats_30day": {"volume": "1234.5"}} for p in CB_PRODUCTS[:3]}
    if kind == "volume":
        return js, [dict(item, id=p, base_currency=p.split("-")[0], quote_currency=p.split("-")[1],
                         spot_volume_24hour="%.2f" % rng.uniform(10, 10 ** 5), spot_volume_30day="%.2f"
                         % rng.uniform(10 ** 5, 10 ** 7), rfq_volume_24hour="0", display_name=p.replace("-", "/"))
                    for p in CB_PRODUCTS[:2]]
    if kind in ("currencies", "currency"):
        cur = dict(item, id=v.get("currency_id", "BTC"), name="Bitcoin", min_size="0.00000001", status="online",
                   message="", max_precision="0.00000001", convertible_to=[], details={
                       "type": "crypto", "symbol": "\u20bf", "network_confirmations": 2, "sort_order": 20,
                       "crypto_address_link": "https://live.blockcypher.com/btc/address/{{address}}",
                       "push_payment_methods": ["crypto"], "min_withdrawal_amount": 0.0001,
                       "max_withdrawal_amount": 2400}, default_network="bitcoin", supported_networks=[
                           {"id": "bitcoin", "name": "Bitcoin", "status": "online"}])
        return js, cur if kind == "currency" else [cur, dict(cur, id="ETH", name="Ethereum")]
    if kind == "time":
        return js, {"iso": _when(rng, 20, True), "epoch": NOW + rng.random(), _member(t): True}
    if kind in ("accounts", "account"):
        return js, account if kind == "account" else [account, dict(account, id=_uuid(rng), currency="USD")]
    if kind == "holds":
        return js, [dict(item, id=_uuid(rng), created_at=when, amount="0.01000000", ref=_uuid(rng), type="order")]
    if kind == "ledger":
        e = dict(item, id=str(rng.randrange(10 ** 10, 10 ** 11)), amount="-0.0100000000000000", created_at=when,
                 balance="1.2300000000000000", type=rng.choice(["match", "fee", "transfer", "conversion"]),
                 details={"order_id": _uuid(rng), "product_id": pid, "trade_id": str(rng.randrange(10 ** 8))})
        return js, [e, dict(e)]
    if kind in ("orders", "order"):
        return js, order if kind == "order" else [order, dict(order, id=_uuid(rng))]
    if kind == "fills":
        f = dict(item, trade_id=rng.randrange(6 * 10 ** 8, 7 * 10 ** 8), product_id="BTC-USD", order_id=_uuid(rng),
                 user_id=_oid24(rng), profile_id=_uuid(rng), liquidity=rng.choice(["M", "T"]), price=price,
                 size="0.01000000", fee="0.3649380000000000", created_at=when, side="buy", settled=True,
                 usd_volume="912.3450000000000000", market_type="spot", funding_currency="USD")
        return js, [f, dict(f)]
    if kind in ("transfers", "transfer"):
        return js, transfer if kind == "transfer" else [transfer, dict(transfer, id=_uuid(rng))]
    if kind in ("methods", "wallets"):
        m = dict(item, id=_uuid(rng), type="ach_bank_account" if kind == "methods" else "wallet",
                 name="BANK OF AMERICA, N.A. ******1234" if kind == "methods" else "BTC Wallet", currency="USD",
                 primary_buy=True, primary_sell=True, allow_buy=True, allow_sell=True, allow_deposit=True,
                 allow_withdraw=True, limits={})
        return js, [m, dict(m)]
    if kind == "fees":
        return js, {"taker_fee_rate": "0.0060", "maker_fee_rate": "0.0040", "usd_volume": "%.2f"
                    % rng.uniform(0, 10 ** 5), _member(t): True}
    if kind in ("profiles", "profile"):
        return js, profile if kind == "profile" else [profile, dict(profile, id=_uuid(rng), is_default=False)]
    if kind == "limits":
        return js, dict(item, limit_currency="USD", transfer_limits={"ach": {"USD": {"max": "25000", "remaining":
                                                                                     "25000",
                                                                                     "period_in_days": 7}}})
    if kind in ("wrapped", "wrappedone"):
        w = dict(item, id=v.get("wrapped_asset_id", "CBETH"), circulating_supply="1234567.89", total_supply=
                 "1300000.00", conversion_rate="1.0912", apy="0.0321")
        return js, w if kind == "wrappedone" else {"wrapped_assets": [w, dict(w, id="CBBTC")]}
    if kind == "rate":
        return js, {"amount": "1.0912", _member(t): True}
    if kind == "conversion":
        return js, dict(item, id=v["conversion_id"], amount="1000.00", from_account_id=_uuid(rng),
                        to_account_id=_uuid(rng), **{"from": "USD", "to": "USDC"})
    if kind == "report":
        return js, dict(item, id=v["report_id"], type="fills", status="ready", created_at=when, completed_at=when,
                        expires_at=when, file_url="https://cb-exchange-reports.s3.amazonaws.com/" + _uuid(rng) +
                        ".csv", params={"start_date": "2026-11-01", "end_date": "2026-11-20", "format": "csv"})
    return js, dict(item, timestamp=str(NOW), messages=["0x" + _hex(rng, 64)], signatures=["0x" + _hex(rng, 130)],
                    prices={"BTC": price, "ETH": "3123.45"})


def _oid24(rng):
    return _hex(rng, 24)


CB_PUBLIC = ("products", "product", "book", "ticker", "trades", "candles", "stats", "allstats", "volume",
             "currencies", "currency", "time", "wrapped", "wrappedone", "rate")


def _coinbase_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if kind == "candles" and rng.random() < .4:
        return 400, js, {"message": "Unsupported granularity"}
    if kind == "order" and "client:" in t and rng.random() < .3:
        return 400, js, {"message": "Invalid order id"}
    if "{" in t:
        return 404, js, {"message": "NotFound"}
    if kind in CB_PUBLIC:
        return 429, js, {"message": "Public rate limit exceeded"}
    return 401, js, {"message": rng.choice(["invalid signature", "Invalid API Key", "request timestamp expired"])}


# -- National Weather Service API (api.weather.gov) ------------------------------------------------

# (latitude, longitude, office, gridX, gridY, forecast zone, county zone, station): the client's places
NWS_PLACES = [("39.7456", "-97.0892", "TOP", 32, 81, "KSZ009", "KSC201", "KMYZ"),
              ("40.7128", "-74.006", "OKX", 33, 35, "NYZ072", "NYC061", "KNYC"),
              ("38.8894", "-77.0352", "LWX", 97, 71, "DCZ001", "DCC001", "KDCA"),
              ("47.6062", "-122.3321", "SEW", 125, 68, "WAZ558", "WAC033", "KBFI"),
              ("37.7749", "-122.4194", "MTR", 85, 105, "CAZ006", "CAC075", "KSFO"),
              ("39.7392", "-104.9903", "BOU", 63, 62, "COZ040", "COC031", "KDEN"),
              ("25.7617", "-80.1918", "MFL", 110, 50, "FLZ173", "FLC086", "KMIA")]
NWS_OFFICES = ["TOP", "OKX", "LWX", "SEW", "MTR", "BOU", "MFL", "OUN", "FWD", "LOT", "BOX", "PHI", "LOX", "PSR",
               "HGX", "EWX", "MPX", "DTX", "ILN", "GSP", "FFC", "TBW", "SLC", "PQR", "AFC", "HFO", "ICT", "EAX"]
NWS_STATES = ["KS", "NY", "DC", "WA", "CA", "CO", "FL", "TX", "OK", "IL", "MA", "AK", "HI", "MO"]
NWS_STATIONS = ["KTOP", "KMCI", "KJFK", "KLGA", "KSEA", "KDEN", "KORD", "KBOS", "KLAX", "KMIA", "KDFW", "KATL",
                "KPHX", "KSLC", "PANC", "PHNL"]
NWS_PRODUCTS = [("AFD", "Area Forecast Discussion"), ("HWO", "Hazardous Weather Outlook"),
                ("ZFP", "Zone Forecast Product"), ("SPS", "Special Weather Statement"),
                ("CLI", "Climatological Report (Daily)"), ("LSR", "Local Storm Report"),
                ("RWR", "Regional Weather Roundup"), ("NOW", "Short Term Forecast")]
NWS_RADARS = ["KTWX", "KOKX", "KLWX", "KATX", "KMUX", "KFTG", "KAMX", "KTLX"]
NWS_EVENTS = ["Winter Storm Warning", "Wind Advisory", "Flood Watch", "Red Flag Warning", "Special Weather Statement",
              "Small Craft Advisory", "Heat Advisory", "Tornado Warning", "Dense Fog Advisory"]
NWS_CONTEXT = ["https://geojson.org/geojson-ld/geojson-context.jsonld", {"@version": "1.1",
                                                                        "wx": "https://api.weather.gov/ontology#",
                                                                        "@vocab": "https://api.weather.gov/ontology#"}]


def _nws_num(x):
    return ("%.4f" % x).rstrip("0").rstrip(".")


def nws(rng):
    G = "/gridpoints/{wfo}/{x},{y}"
    S = "/stations/{stationId}"
    T = [("/points/{latitude},{longitude}", "point"), (G, "grid"), (G + "/forecast", "forecast"),
         (G + "/forecast/hourly", "forecast"), (G + "/stations", "stations"), ("/stations", "stations"),
         (S, "station"), (S + "/observations", "observations"), (S + "/observations/latest", "observation"),
         (S + "/observations/{time}", "observation"), ("/alerts", "alerts"), ("/alerts/active", "alerts"),
         ("/alerts/active/count", "count"), ("/alerts/active/zone/{zoneId}", "alerts"),
         ("/alerts/active/area/{area}", "alerts"), ("/alerts/active/region/{region}", "alerts"),
         ("/alerts/types", "types"), ("/alerts/{id}", "alert"), ("/zones", "zones"), ("/zones/{type}/{zoneId}", "zone"),
         ("/zones/{type}/{zoneId}/forecast", "zoneforecast"), ("/zones/forecast/{zoneId}/observations",
                                                               "observations"),
         ("/zones/forecast/{zoneId}/stations", "stations"), ("/offices/{officeId}", "office"),
         ("/offices/{officeId}/headlines", "headlines"), ("/products", "products"),
         ("/products/types", "producttypes"), ("/products/types/{typeId}", "products"),
         ("/products/types/{typeId}/locations", "productlocations"),
         ("/products/types/{typeId}/locations/{locationId}", "products"),
         ("/products/types/{typeId}/locations/{locationId}/latest", "product"), ("/products/{productId}", "product"),
         ("/radar/stations", "radars"), ("/radar/stations/{stationId}", "radar"), ("/glossary", "glossary"),
         ("/aviation/cwsus/{cwsuId}", "cwsu"), ("/aviation/sigmets", "sigmets")]
    alerts = ["urn:oid:2.49.0.1.840.0.%s.%03d.1" % (_hex(rng, 40), rng.randrange(1, 4)) for _ in range(6)]
    products = [_uuid(rng) for _ in range(5)]
    state = {}

    def latitude():
        if rng.random() < .7:
            state["place"] = _weighted(rng, NWS_PLACES)
            return state["place"][0]
        lat, lon = rng.uniform(25.5, 48.9), rng.uniform(-123.9, -67.5)
        state["place"] = (_nws_num(lat), _nws_num(lon))
        return state["place"][0]

    def wfo():
        if rng.random() < .75:
            p = _weighted(rng, NWS_PLACES)
            state["grid"] = (p[3], p[4])
            return p[2]
        state["grid"] = (rng.randrange(1, 200), rng.randrange(1, 200))
        return rng.choice(NWS_OFFICES)

    def station():
        if state["tpl"].startswith("/radar/"):
            return rng.choice(NWS_RADARS)
        return _hot(rng, [p[7] for p in NWS_PLACES], .5, lambda: rng.choice(NWS_STATIONS) if rng.random() < .7
                    else rng.choice(["C", "D", "E", "F"]) + _s(rng, "0123456789", 4))

    def zone():
        t = state["tpl"]
        typ = state.get("ztype", "forecast") if t.startswith("/zones/{type}") else "forecast"
        if t.startswith("/alerts/"):
            typ = rng.choice(["forecast", "county"])
        if rng.random() < .7:
            p = _weighted(rng, NWS_PLACES)
            return p[6] if typ == "county" else p[5]
        return rng.choice(NWS_STATES) + ("C" if typ == "county" else "Z") + "%03d" % rng.randrange(1, 200)

    def ztype():
        state["ztype"] = rng.choice(["forecast", "forecast", "county", "fire"])
        return state["ztype"]

    def product_type():
        state["ptype"] = _weighted(rng, NWS_PRODUCTS)[0]
        return state["ptype"]
    V = {"latitude": latitude, "longitude": lambda: state["place"][1], "wfo": wfo,
         "x": lambda: str(state["grid"][0]), "y": lambda: str(state["grid"][1]), "stationId": station,
         "time": lambda: "2026-11-%02dT%02d:%02d:00%s" % (rng.randrange(1, 21), rng.randrange(24),
                                                          rng.choice([0, 51, 53, 54]),
                                                          rng.choice(["Z", "%2B00:00", "-05:00"])),
         "zoneId": zone, "area": lambda: _weighted(rng, NWS_STATES + ["AM", "GM", "PZ", "AN"]),
         "region": lambda: rng.choice(["AL", "AT", "GL", "GM", "PA", "PI"]),
         "id": lambda: _hot(rng, alerts, .6, lambda: "urn:oid:2.49.0.1.840.0.%s.001.1" % _hex(rng, 40)),
         "type": ztype, "officeId": lambda: _weighted(rng, [p[2] for p in NWS_PLACES] + NWS_OFFICES),
         "typeId": product_type, "locationId": lambda: _weighted(rng, [p[2] for p in NWS_PLACES] + NWS_OFFICES),
         "productId": lambda: _hot(rng, products, .5, lambda: _uuid(rng)),
         "cwsuId": lambda: rng.choice(["ZKC", "ZNY", "ZSE", "ZDV", "ZMA", "ZOA"])}
    units = lambda: rng.choice(["", "", "?units=si", "?units=us"]) or "?"  # noqa: E731
    Q = {G + "/forecast": units, G + "/forecast/hourly": units,
         "/stations": lambda: "?state=" + _weighted(rng, NWS_STATES) + "&limit=" + rng.choice(["100", "500"]),
         S + "/observations": lambda: rng.choice(["?limit=1", "?limit=24", "?start=2026-11-19T00:00:00Z&end=2026-11"
                                                  "-20T00:00:00Z"]),
         S + "/observations/latest": lambda: rng.choice(["", "", "?require_qc=true"]) or "?",
         "/alerts": lambda: "?" + rng.choice(["point=%s,%s" % NWS_PLACES[rng.randrange(3)][:2],
                                              "area=" + _weighted(rng, NWS_STATES), "zone=KSZ009",
                                              "event=" + quote(rng.choice(NWS_EVENTS), safe="").replace("%20", "+")])
         + rng.choice(["", "&status=actual", "&status=actual&message_type=alert,update&limit=50"]),
         "/alerts/active": lambda: "?" + rng.choice(["area=" + _weighted(rng, NWS_STATES),
                                                     "point=%s,%s" % _weighted(rng, NWS_PLACES)[:2],
                                                     "severity=Severe,Extreme&urgency=Immediate",
                                                     "zone=" + _weighted(rng, NWS_PLACES)[5]]),
         "/zones": lambda: "?type=" + rng.choice(["forecast", "county", "fire"]) + "&area=" + _weighted(
             rng, NWS_STATES) + rng.choice(["", "&include_geometry=false"]),
         "/products": lambda: "?type=" + _weighted(rng, NWS_PRODUCTS)[0] + "&location=" + _weighted(
             rng, NWS_OFFICES) + "&limit=" + rng.choice(["1", "5", "50"]),
         "/products/types/{typeId}/locations/{locationId}": lambda: rng.choice(["", "?limit=1"]) or "?",
         "/glossary": lambda: "?"}
    return T, V, Q, "nws", state


def _nws_feature(url, props, geometry=None):
    return {"@context": NWS_CONTEXT, "id": url, "type": "Feature", "geometry": geometry, "properties": props}


def _nws_answer(rng, i, t, kind, path, query, item):
    geo = "application/geo+json"
    ld = "application/ld+json"
    v = _values(t, path)
    base = "https://api.weather.gov"
    url = base + path
    when = "2026-11-20T%02d:%02d:00+00:00" % (rng.randrange(10), rng.randrange(60))
    office = v.get("wfo") or v.get("officeId") or "TOP"
    if kind == "point":
        p = next((x for x in NWS_PLACES if x[:2] == (v["latitude"], v["longitude"])), NWS_PLACES[0])
        grid = base + "/gridpoints/%s/%d,%d" % p[2:5]
        return geo, _nws_feature(url, dict(item, **{"@id": url, "@type": "wx:Point", "cwa": p[2],
                                                    "forecastOffice": base + "/offices/" + p[2], "gridId": p[2],
                                                    "gridX": p[3], "gridY": p[4], "forecast": grid + "/forecast",
                                                    "forecastHourly": grid + "/forecast/hourly",
                                                    "forecastGridData": grid, "observationStations": grid
                                                    + "/stations", "relativeLocation": {
                                                        "type": "Feature", "geometry": None, "properties": {
                                                            "city": "Topeka", "state": "KS"}},
                                                    "forecastZone": base + "/zones/forecast/" + p[5],
                                                    "county": base + "/zones/county/" + p[6], "timeZone":
                                                    "America/Chicago", "radarStation": rng.choice(NWS_RADARS)}),
                                {"type": "Point", "coordinates": [float(v["longitude"]), float(v["latitude"])]})
    poly = {"type": "Polygon", "coordinates": [[[-97.1, 39.7], [-97.08, 39.72], [-97.1, 39.74], [-97.1, 39.7]]]}
    if kind == "grid":
        return geo, _nws_feature(url, dict(item, **{"@id": url, "@type": "wx:Gridpoint", "updateTime": when,
                                                    "validTimes": "2026-11-20T04:00:00+00:00/P7DT21H",
                                                    "elevation": {"unitCode": "wmoUnit:m", "value": 441.96},
                                                    "forecastOffice": base + "/offices/" + office, "gridId": office,
                                                    "temperature": {"uom": "wmoUnit:degC", "values": [
                                                        {"validTime": "2026-11-20T10:00:00+00:00/PT1H",
                                                         "value": 7.2}]}}), poly)
    if kind == "forecast":
        hourly = t.endswith("/hourly")
        period = {"number": 1, "name": "" if hourly else "Today", "startTime": when, "endTime": when,
                  "isDaytime": True, "temperature": rng.randrange(20, 80), "temperatureUnit": "F",
                  "temperatureTrend": "", "probabilityOfPrecipitation": {"unitCode": "wmoUnit:percent",
                                                                         "value": rng.randrange(0, 100)},
                  "windSpeed": "%d mph" % rng.randrange(0, 30), "windDirection": rng.choice(["N", "SW", "NNE"]),
                  "icon": base + "/icons/land/day/sct?size=medium", "shortForecast": "Mostly Sunny",
                  "detailedForecast": "" if hourly else "Mostly sunny, with a high near 54."}
        return geo, _nws_feature(url, dict(item, units="si" if query and "si" in query else "us",
                                           forecastGenerator="HourlyForecastGenerator" if hourly else
                                           "BaselineForecastGenerator", generatedAt=when, updateTime=when,
                                           validTimes="2026-11-20T04:00:00+00:00/P7DT21H",
                                           elevation={"unitCode": "wmoUnit:m", "value": 441.96},
                                           periods=[period, dict(period, number=2)]), poly)
    if kind in ("station", "stations"):
        sid = v.get("stationId", "KTOP")
        st = _nws_feature(base + "/stations/" + sid, dict(item, **{
            "@id": base + "/stations/" + sid, "@type": "wx:ObservationStation", "elevation": {
                "unitCode": "wmoUnit:m", "value": 268.83}, "stationIdentifier": sid, "name": "Topeka, Billard "
                                                                                          "Municipal Airport",
            "timeZone": "America/Chicago", "forecast": base + "/zones/forecast/KSZ040", "county": base + "/zones/"
                                                                                                    "county/KSC177",
            "fireWeatherZone": base + "/zones/fire/KSZ040"}), {"type": "Point", "coordinates": [-95.6262, 39.0725]})
        if kind == "station":
            return geo, st
        return geo, {"@context": NWS_CONTEXT, "type": "FeatureCollection", "features": [st, dict(st)],
                     "observationStations": [base + "/stations/KTOP", base + "/stations/KFOE"],
                     "pagination": {"next": base + "/stations?cursor=" + _s(rng, B64URL, 40)}}
    if kind in ("observation", "observations"):
        ob = _nws_feature(base + "/stations/KTOP/observations/" + when, dict(item, **{
            "@id": base + "/stations/KTOP/observations/" + when, "@type": "wx:ObservationStation",
            "station": base + "/stations/" + v.get("stationId", "KTOP"), "timestamp": when, "rawMessage":
            "KTOP 200953Z 19007KT 10SM CLR 07/M02 A3012 RMK AO2", "textDescription": "Clear", "icon": base +
            "/icons/land/day/skc?size=medium", "presentWeather": [], "temperature": {
                "unitCode": "wmoUnit:degC", "value": 7.2, "qualityControl": "V"}, "dewpoint": {
                "unitCode": "wmoUnit:degC", "value": -2.2, "qualityControl": "V"}, "windDirection": {
                "unitCode": "wmoUnit:degree_(angle)", "value": 190, "qualityControl": "V"}, "windSpeed": {
                "unitCode": "wmoUnit:km_h-1", "value": 12.96, "qualityControl": "V"}, "barometricPressure": {
                "unitCode": "wmoUnit:Pa", "value": 101970, "qualityControl": "V"}, "cloudLayers": []}),
            {"type": "Point", "coordinates": [-95.63, 39.07]})
        if kind == "observation":
            return geo, ob
        return geo, {"@context": NWS_CONTEXT, "type": "FeatureCollection", "features": [ob, dict(ob)]}
    if kind in ("alert", "alerts"):
        aid = v.get("id") or "urn:oid:2.49.0.1.840.0.%s.001.1" % _hex(rng, 40)
        event = rng.choice(NWS_EVENTS)
        al = _nws_feature(base + "/alerts/" + aid, dict(item, **{
            "@id": base + "/alerts/" + aid, "@type": "wx:Alert", "id": aid, "areaDesc": "Shawnee; Jackson",
            "geocode": {"SAME": ["020177"], "UGC": ["KSZ040"]}, "affectedZones": [base + "/zones/forecast/KSZ040"],
            "references": [], "sent": when, "effective": when, "onset": when, "expires": when, "ends": None,
            "status": "Actual", "messageType": "Alert", "category": "Met", "severity": "Moderate",
            "certainty": "Likely", "urgency": "Expected", "event": event, "sender": "w-nws.webmaster@noaa.gov",
            "senderName": "NWS Topeka KS", "headline": event + " issued November 20 at 4:00AM CST",
            "description": "* WHAT...Snow expected.", "instruction": None, "response": "Prepare",
            "parameters": {"AWIPSidentifier": ["WSWTOP"], "NWSheadline": [event.upper()]}}), None)
        if kind == "alert":
            return geo, al
        return geo, {"@context": NWS_CONTEXT, "type": "FeatureCollection", "features": [al, dict(al)],
                     "title": "Current watches, warnings, and advisories", "updated": when}
    if kind == "count":
        return "application/json", {"total": rng.randrange(100, 900), "land": rng.randrange(100, 800),
                                    "marine": rng.randrange(0, 100), "regions": {"AL": 12, "GL": 3},
                                    "areas": {"KS": 4, "NY": 2}, "zones": {"KSZ009": 1, "NYZ072": 1}}
    if kind == "types":
        return ld, {"@context": [], "eventTypes": NWS_EVENTS, _member(t): True}
    if kind in ("zone", "zones", "zoneforecast"):
        zid = v.get("zoneId", "KSZ009")
        if kind == "zoneforecast":
            return geo, _nws_feature(None, dict(item, zone=base + "/zones/forecast/" + zid, updated=when,
                                                periods=[{"number": 1, "name": "Today",
                                                          "detailedForecast": "Sunny. Highs in the lower 50s."}]),
                                     None)
        z = _nws_feature(base + "/zones/%s/%s" % (v.get("type", "forecast"), zid), dict(item, **{
            "@id": base + "/zones/forecast/" + zid, "@type": "wx:Zone", "id": zid, "type": v.get("type", "public"),
            "name": "Shawnee", "effectiveDate": "2025-03-18T18:00:00+00:00", "expirationDate":
            "2200-01-01T00:00:00+00:00", "state": zid[:2], "forecastOffice": base + "/offices/TOP", "gridIdentifier":
            "TOP", "awipsLocationIdentifier": "TOP", "cwa": ["TOP"], "forecastOffices": [base + "/offices/TOP"],
            "timeZone": ["America/Chicago"], "observationStations": [base + "/stations/KTOP"], "radarStation":
            "KTWX"}), poly)
        if kind == "zone":
            return geo, z
        return geo, {"@context": NWS_CONTEXT, "type": "FeatureCollection", "features": [z, dict(z)]}
    if kind == "office":
        return ld, dict(item, **{"@context": {"@version": "1.1"}, "@type": "GovernmentOrganization",
                                 "@id": base + "/offices/" + office, "id": office, "name": "Topeka, KS",
                                 "address": {"@type": "PostalAddress", "streetAddress": "1116 NE Strait Ave",
                                             "addressLocality": "Topeka", "addressRegion": "KS",
                                             "postalCode": "66616-1667"}, "telephone": "+1-785-234-2592",
                                 "faxNumber": "+1-785-234-2102", "email": "w-top.webmaster@noaa.gov",
                                 "sameAs": "http://www.weather.gov/top", "nwsRegion": "cr",
                                 "parentOrganization": base + "/offices/CRH", "responsibleCounties": [],
                                 "responsibleForecastZones": [], "responsibleFireZones": [],
                                 "approvedObservationStations": [base + "/stations/KTOP"]})
    if kind == "headlines":
        return ld, {"@context": {"@version": "1.1"}, "@graph": [dict(item, id=_uuid(rng), office=base + "/offices/"
                                                                    + office, important=False, issuanceTime=when,
                                                                    name="Winter weather outlook",
                                                                    title="Winter weather outlook", summary="",
                                                                    content="<p>Snow is possible.</p>")]}
    if kind in ("products", "product"):
        code = v.get("typeId") or rng.choice(NWS_PRODUCTS)[0]
        pid = v.get("productId") or _uuid(rng)
        pr = dict(item, **{"@id": base + "/products/" + pid, "id": pid, "wmoCollectiveId": "FXUS63",
                           "issuingOffice": "K" + office, "issuanceTime": when, "productCode": code,
                           "productName": dict(NWS_PRODUCTS).get(code, "Area Forecast Discussion")})
        if kind == "product":
            return ld, dict(pr, **{"@context": {"@version": "1.1"}, "productText": "\n000\nFXUS63 KTOP 200900\n"
                                   "AFDTOP\n\nArea Forecast Discussion\nNational Weather Service Topeka KS\n"})
        return ld, {"@context": {"@version": "1.1"}, "@graph": [pr, dict(pr)]}
    if kind == "producttypes":
        return ld, {"@context": {"@version": "1.1"}, "@graph": [{"productCode": c, "productName": n}
                                                                for c, n in NWS_PRODUCTS[:3]]}
    if kind == "productlocations":
        return ld, {"@context": {"@version": "1.1"}, "locations": {"TOP": "Topeka, KS", "OKX": "Upton, NY",
                                                                   _member(t): None}}
    if kind in ("radar", "radars"):
        sid = v.get("stationId", "KTWX")
        r = _nws_feature(base + "/radar/stations/" + sid, dict(item, **{
            "@id": base + "/radar/stations/" + sid, "@type": "wx:RadarStation", "id": sid, "name": "Topeka",
            "stationType": "WSR-88D", "elevation": {"unitCode": "wmoUnit:m", "value": 417}, "timeZone":
            "America/Chicago", "latency": {"current": {"unitCode": "nwsUnit:s", "value": 98}},
            "rda": {"timestamp": when, "properties": {"operabilityStatus": "RDA - On-line"}}}),
            {"type": "Point", "coordinates": [-96.2325, 38.9969]})
        return geo, r if kind == "radar" else {"@context": NWS_CONTEXT, "type": "FeatureCollection",
                                               "features": [r, dict(r)]}
    if kind == "glossary":
        return ld, {"@context": {"@version": "1.1"}, "glossary": [{"term": "ACARS", "definition": "Aircraft "
                                                                   "Communications Addressing and Reporting System"},
                                                                  {"term": _member(t), "definition": None}]}
    sig = _nws_feature(base + "/aviation/sigmets/" + _uuid(rng), dict(item, id=_uuid(rng), issueTime=when,
                                                                      fir=None, atsu=v.get("cwsuId", "KKCI"),
                                                                      sequence="12W", phenomenon="TS",
                                                                      start=when, end=when), poly)
    if kind == "cwsu":
        return ld, dict(item, **{"@context": {"@version": "1.1"}, "id": v["cwsuId"], "name": "Kansas City ARTCC",
                                 "street": "250 S Rogers Rd", "city": "Olathe", "state": "KS", "zipCode": "66062",
                                 "email": "zkc@noaa.gov", "fax": "", "phone": "913-254-8600", "url":
                                 "https://www.weather.gov/zkc/", "nwsRegion": "cr"})
    return geo, {"@context": NWS_CONTEXT, "type": "FeatureCollection", "features": [sig, dict(sig)]}


def _nws_problem(rng, status, title, kind, detail):
    cid = _hex(rng, 8)
    return {"correlationId": cid, "title": title, "type": "https://api.weather.gov/problems/" + kind,
            "status": status, "detail": detail, "instance": "https://api.weather.gov/requests/" + cid}


def _nws_error(rng, t, kind, path):
    pj = "application/problem+json"
    v = _values(t, path)
    if kind == "point":
        return 404, pj, _nws_problem(rng, 404, "Data Unavailable For Requested Point", "InvalidPoint",
                                     "Unable to provide data for requested point %s,%s" % (v["latitude"],
                                                                                           v["longitude"]))
    if kind == "forecast":
        if rng.random() < .5:
            return 500, pj, _nws_problem(rng, 500, "Unexpected Problem", "UnexpectedProblem",
                                         "An unexpected problem has occurred.")
        return 503, pj, _nws_problem(rng, 503, "Forecast Grid Expired", "ForecastGridExpired",
                                     "The requested forecast grid was issued 2026-11-19T06:41:03+00:00 and has "
                                     "expired.")
    if kind in ("alerts", "stations", "zones", "products", "observations") and "{" not in t:
        return 400, pj, dict(_nws_problem(rng, 400, "Bad Request", "BadRequest", "Bad Request"),
                             parameterErrors=[{"parameter": "area", "message": "Does not have a value in the "
                                               "enumeration [\"AL\",\"AK\",...]"}])
    if "{" not in t:
        return 503, pj, _nws_problem(rng, 503, "Service Unavailable", "ServiceUnavailable",
                                     "The service is temporarily unavailable.")
    if kind == "observation" and t.endswith("/latest"):
        return 404, pj, _nws_problem(rng, 404, "Not Found", "NotFound", "No observations found")
    what = list(v.values())[-1]
    return 404, pj, _nws_problem(rng, 404, "Not Found", "NotFound", "'/%s' is not a valid resource path"
                                 % path.lstrip("/") if rng.random() < .3 else "%s not found" % what)


# -- Deezer API ------------------------------------------------------------------------------------

# (id, name) of artists the client's users play most
DZ_ARTISTS = [(27, "Daft Punk"), (13, "Eminem"), (12246, "Taylor Swift"), (246791, "Drake"), (564, "Rihanna"),
              (1424821, "Lana Del Rey"), (4050205, "The Weeknd"), (75491, "Stromae"), (542, "David Guetta"),
              (5313805, "Aya Nakamura"), (384236, "Billie Eilish"), (4138, "Coldplay")]
DZ_GENRES = ["0", "132", "116", "152", "113", "165", "85", "106", "466", "144", "129", "52", "98", "173", "464",
             "169", "2", "12", "16", "153", "75", "81", "95", "197"]
DZ_PLAYLISTS = ["3155776842", "1313621735", "908622995", "1111141961", "1109890291", "53362031", "1282483245"]
DZ_ISRC = ["GBDUW0000059", "USUM71703861", "FRZ039800212", "USSM11703595", "GBAYE0601498", "USQX91300104"]


def deezer(rng):
    T = [("/album/{id}", "album"), ("/album/{id}/tracks", "tracks"), ("/album/{id}/fans", "users"),
         ("/album/upc:{upc}", "album"), ("/artist/{id}", "artist"), ("/artist/{id}/top", "tracks"),
         ("/artist/{id}/albums", "albums"), ("/artist/{id}/related", "artists"), ("/artist/{id}/radio", "tracks"),
         ("/artist/{id}/playlists", "playlists"), ("/artist/{id}/fans", "users"), ("/track/{id}", "track"),
         ("/track/isrc:{isrc}", "track"), ("/playlist/{id}", "playlist"), ("/playlist/{id}/tracks", "tracks"),
         ("/playlist/{id}/fans", "users"), ("/user/{user_id}", "user"), ("/user/{user_id}/playlists", "playlists"),
         ("/user/{user_id}/tracks", "tracks"), ("/user/{user_id}/albums", "albums"),
         ("/user/{user_id}/artists", "artists"), ("/user/{user_id}/flow", "tracks"),
         ("/user/{user_id}/charts/tracks", "tracks"), ("/user/{user_id}/followings", "users"),
         ("/user/{user_id}/history", "tracks"), ("/chart/{id}", "chart"), ("/chart/{id}/tracks", "tracks"),
         ("/chart/{id}/albums", "albums"), ("/chart/{id}/artists", "artists"), ("/chart/{id}/playlists", "playlists"),
         ("/chart/{id}/podcasts", "podcasts"), ("/genre", "genres"), ("/genre/{id}", "genre"),
         ("/genre/{id}/artists", "artists"), ("/genre/{id}/radios", "radios"), ("/editorial", "genres"),
         ("/editorial/{id}", "genre"), ("/editorial/{id}/charts", "chart"), ("/editorial/{id}/releases", "albums"),
         ("/editorial/{id}/selection", "albums"), ("/radio", "radios"), ("/radio/{id}", "radio"),
         ("/radio/{id}/tracks", "tracks"), ("/radio/genres", "genres"), ("/radio/top", "radios"),
         ("/search", "tracks"), ("/search/album", "albums"), ("/search/artist", "artists"),
         ("/search/track", "tracks"), ("/search/playlist", "playlists"), ("/episode/{id}", "episode"),
         ("/podcast/{id}", "podcast"), ("/podcast/{id}/episodes", "episodes"), ("/infos", "infos"),
         ("/options", "options")]
    users = [str(rng.randrange(10 ** 6, 6 * 10 ** 9)) for _ in range(5)]
    albums = [str(x) for x in (302127, 103248, 6575789, 595243852, 401032, 1262268, 7090505, 14880539)]
    state = {}

    def ident():
        t = state["tpl"]
        if t.startswith("/artist/"):
            return str(_weighted(rng, DZ_ARTISTS)[0]) if rng.random() < .7 else str(rng.randrange(1, 2 * 10 ** 8))
        if t.startswith("/album/"):
            return _hot(rng, albums, .5, lambda: str(rng.randrange(10 ** 5, 7 * 10 ** 8)))
        if t.startswith("/track/"):
            return str(rng.choice([rng.randrange(10 ** 6, 10 ** 8), rng.randrange(10 ** 8, 3 * 10 ** 9)]))
        if t.startswith("/playlist/"):
            return _hot(rng, DZ_PLAYLISTS, .6, lambda: str(rng.randrange(10 ** 6, 13 * 10 ** 9)))
        if t.startswith(("/chart/", "/genre/", "/editorial/")):
            return "0" if rng.random() < .6 and not t.startswith("/genre/") else _weighted(rng, DZ_GENRES)
        if t.startswith("/radio/"):
            return str(rng.choice([37151, 38305, 30661, 31061, 42122, rng.randrange(30000, 45000)]))
        if t.startswith("/episode/"):
            return str(rng.randrange(10 ** 8, 8 * 10 ** 8))
        return str(rng.choice([rng.randrange(10 ** 3, 10 ** 6), rng.randrange(10 ** 6, 4 * 10 ** 6)]))

    def user_id():
        state["me"] = rng.random() < .45
        return "me" if state["me"] else _hot(rng, users, .5, lambda: str(rng.randrange(10 ** 6, 6 * 10 ** 9)))
    V = {"id": ident, "user_id": user_id,
         "upc": lambda: rng.choice(["724384960650", "602557382518", "886445635850", "3700187669434",
                                    "0" + _s(rng, DIGITS, 11), _digits(rng, 13)]),
         "isrc": lambda: _hot(rng, DZ_ISRC, .5, lambda: rng.choice(["US", "GB", "FR", "DE", "SE"]) + _s(rng, UPPER, 3)
                              + "%02d%05d" % (rng.randrange(0, 26), rng.randrange(10 ** 5)))}
    token = "access_token=fr" + _s(rng, B62, 47)

    def paged(auth=False):
        def q():
            parts = [token] if auth and state.get("me") else []
            if rng.random() < .6:
                parts.append("index=%d&limit=%d" % (rng.choice([0, 0, 25, 50, 100]), rng.choice([10, 25, 50, 100])))
            elif rng.random() < .3:
                parts.append("limit=%d" % rng.choice([10, 50]))
            return "?" + "&".join(parts)
        return q

    def search():
        q = rng.choice(["daft punk", "get lucky", "stromae alors on danse", "lofi", "jazz", "taylor swift"])
        if rng.random() < .3:
            q = 'artist:"%s" track:"%s"' % (rng.choice(["daft punk", "aya nakamura"]), rng.choice(["one more time",
                                                                                                 "djadja"]))
        return "?q=" + quote(q, safe="") + rng.choice(["", "&order=RANKING", "&strict=on", "&index=25&limit=25"])
    Q = {t: paged("{user_id}" in t) for t, k in T if k in ("tracks", "albums", "artists", "playlists", "users",
                                                              "radios", "podcasts", "episodes")}
    Q.update({"/user/{user_id}": lambda: "?" + token if state.get("me") else "?",
              "/search": search, "/search/album": search, "/search/artist": search, "/search/track": search,
              "/search/playlist": search})
    return T, V, Q, "deezer", state


DZ_BASE = "https://api.deezer.com"


def _dz_artist(rng, ident, item):
    name = next((n for a, n in DZ_ARTISTS if str(a) == str(ident)), "Artist %s" % ident)
    pic = "https://e-cdns-images.dzcdn.net/images/artist/%s" % _hex(rng, 32)
    return dict(item, id=int(ident), name=name, link="https://www.deezer.com/artist/%s" % ident,
                picture=DZ_BASE + "/artist/%s/image" % ident, picture_small=pic + "/56x56-000000-80-0-0.jpg",
                picture_medium=pic + "/250x250-000000-80-0-0.jpg", picture_big=pic + "/500x500-000000-80-0-0.jpg",
                picture_xl=pic + "/1000x1000-000000-80-0-0.jpg", nb_album=rng.randrange(1, 300),
                nb_fan=rng.randrange(10 ** 3, 2 * 10 ** 7), radio=True, tracklist=DZ_BASE + "/artist/%s/top?limit=50"
                % ident, type="artist")


def _dz_track(rng, ident, item):
    return dict(item, id=int(ident), readable=True, title="One More Time", title_short="One More Time",
                title_version="", isrc=rng.choice(DZ_ISRC), link="https://www.deezer.com/track/%s" % ident,
                duration=rng.randrange(90, 400), track_position=rng.randrange(1, 14), disk_number=1,
                rank=rng.randrange(10 ** 5, 10 ** 6), release_date="2001-03-07", explicit_lyrics=False,
                explicit_content_lyrics=0, explicit_content_cover=0, preview="https://cdnt-preview.dzcdn.net/api/1/1/"
                + _hex(rng, 32) + ".mp3", bpm=122.8, gain=-9.8, available_countries=["FR", "DE"],
                contributors=[], md5_image=_hex(rng, 32), artist={"id": 27, "name": "Daft Punk", "type": "artist"},
                album={"id": 302127, "title": "Discovery", "type": "album"}, type="track")


def _deezer_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    ident = v.get("id") or v.get("user_id") or str(rng.randrange(10 ** 5, 10 ** 8))
    if not ident.isdigit():
        ident = str(rng.randrange(10 ** 5, 10 ** 8))
    if kind == "artist":
        return js, _dz_artist(rng, ident, item)
    if kind == "track":
        return js, _dz_track(rng, ident, item)
    album = dict(item, id=int(ident), title="Discovery", upc=v.get("upc", "724384960650"),
                 link="https://www.deezer.com/album/%s" % ident, cover=DZ_BASE + "/album/%s/image" % ident,
                 md5_image=_hex(rng, 32), genre_id=113, genres={"data": [{"id": 113, "name": "Dance",
                                                                         "type": "genre"}]},
                 label="Parlophone (France)", nb_tracks=14, duration=3640, fans=rng.randrange(10 ** 5),
                 release_date="2001-03-07", record_type="album", available=True,
                 tracklist=DZ_BASE + "/album/%s/tracks" % ident, explicit_lyrics=False,
                 contributors=[], artist={"id": 27, "name": "Daft Punk", "type": "artist"}, type="album",
                 tracks={"data": []})
    if kind == "album":
        return js, album
    if kind in ("playlist", "user", "genre", "radio", "episode", "podcast"):
        extra = {"playlist": dict(title="Top Worldwide", description="", duration=rng.randrange(3000, 20000),
                                  public=True, is_loved_track=False, collaborative=False, nb_tracks=100,
                                  fans=rng.randrange(10 ** 6), checksum=_hex(rng, 32),
                                  creator={"id": 4338318622, "name": "Deezer Charts", "type": "user"},
                                  tracks={"data": [], "checksum": _hex(rng, 32)}),
                 "user": dict(name="jdoe_%d" % rng.randrange(100), lastname="", firstname="", country="FR",
                              tracklist=DZ_BASE + "/user/%s/flow" % ident, picture_small=None),
                 "genre": dict(name=rng.choice(["All", "Pop", "Rap/Hip Hop", "Rock", "Dance"]),
                               picture=DZ_BASE + "/genre/%s/image" % ident),
                 "radio": dict(title="Electro", description="Electro", share="https://www.deezer.com/mixes/genre/"
                               + ident, picture=DZ_BASE + "/radio/%s/image" % ident, md5_image=_hex(rng, 32),
                               tracklist=DZ_BASE + "/radio/%s/tracks" % ident),
                 "episode": dict(title="Episode %d" % rng.randrange(1, 500), description="", available=True,
                                 release_date="2026-11-19 06:00:00", duration=rng.randrange(600, 7200),
                                 podcast={"id": rng.randrange(10 ** 5, 10 ** 7), "title": "Acme Talks"}),
                 "podcast": dict(title="Acme Talks", description="", available=True, fans=rng.randrange(10 ** 5),
                                 link="https://www.deezer.com/show/" + ident)}[kind]
        if kind == "user" and v.get("user_id") == "me":
            extra.update(email="jane.doe@acme.com", status=2, birthday="1990-01-01", inscription_date="2015-06-01",
                         gender="F", lang="FR", is_kid=False, explicit_content_level="explicit_display",
                         tracklist=DZ_BASE + "/user/me/flow")
        return js, dict(item, id=int(ident), type=kind, **extra)
    if kind == "chart":
        box = lambda x: {"data": [x], "total": 10}  # noqa: E731
        return js, {"tracks": box(_dz_track(rng, str(rng.randrange(10 ** 6, 3 * 10 ** 9)), item)),
                    "albums": box(dict(album)), "artists": box(_dz_artist(rng, "27", dict(item))),
                    "playlists": box({"id": 3155776842, "title": "Top Worldwide", "type": "playlist"}),
                    "podcasts": box({"id": 123456, "title": "Acme Talks", "type": "podcast"}),
                    "position": None}
    if kind == "infos":
        return js, {"country_iso": "FR", "country": "France", "open": True, "pop": "fr",
                    "upload_token": _hex(rng, 32), "upload_token_lifetime": 14400, "user_token": None,
                    "hosts": {"stream": "http://e-cdn-proxy-{0}.deezer.com/mobile/1/",
                              "images": "http://cdn-images.dzcdn.net/images"},
                    "ads": {"audio": {"default": {"start": 1, "interval": 3, "unit": "track"}}}, "has_podcasts": True,
                    "offers": [], _member(t): True}
    if kind == "options":
        return js, {"streaming": True, "streaming_duration": 0, "offline": False, "hq": False, "ads_display": True,
                    "ads_audio": True, "too_many_devices": False, "can_subscribe": True, "radio_skips": 6,
                    "lossless": False, "preview": True, "radio": True, "type": "options", _member(t): True}
    maker = {"tracks": lambda: _dz_track(rng, str(rng.randrange(10 ** 6, 3 * 10 ** 9)), item),
             "albums": lambda: dict(album, id=rng.randrange(10 ** 5, 7 * 10 ** 8)),
             "artists": lambda: _dz_artist(rng, str(_weighted(rng, DZ_ARTISTS)[0]), item),
             "playlists": lambda: dict(item, id=rng.randrange(10 ** 6, 13 * 10 ** 9), title="Chill Vibes",
                                       public=True, nb_tracks=50, type="playlist"),
             "users": lambda: dict(item, id=rng.randrange(10 ** 6, 6 * 10 ** 9), name="fan%d" % rng.randrange(10 ** 4),
                                   type="user"),
             "genres": lambda: dict(item, id=int(rng.choice(DZ_GENRES)), name="Pop", type="genre"),
             "radios": lambda: dict(item, id=rng.randrange(30000, 45000), title="Electro", type="radio"),
             "podcasts": lambda: dict(item, id=rng.randrange(10 ** 5, 10 ** 7), title="Acme Talks", type="podcast"),
             "episodes": lambda: dict(item, id=rng.randrange(10 ** 8, 8 * 10 ** 8), title="Ep", type="episode")}[kind]
    body = {"data": [maker(), maker()], "total": rng.randrange(2, 1000)}
    if rng.random() < .5:
        body["next"] = DZ_BASE + path + "?index=25"
    return js, body


def _deezer_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    if v.get("user_id") == "me" or t.endswith("/history"):
        return 200, js, {"error": {"type": "OAuthException", "message": "An active access token must be used to "
                                   "query information about the current user", "code": 200}}
    if t.startswith("/search"):
        return 200, js, {"error": {"type": "MissingParameterException", "message": "Missing parameters: q",
                                   "code": 501}}
    if "{" not in t and rng.random() < .5 or rng.random() < .1:
        return 200, js, {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}
    return 200, js, {"error": {"type": "DataException", "message": "no data", "code": 800}}


# -- Hex (hex.pm's API and the repository at repo.hex.pm) ------------------------------------------

# (package, versions) a Phoenix shop depends on
HEX_PACKAGES = [("phoenix", ["1.7.14", "1.7.12", "1.8.0-rc.3", "1.6.16"]), ("ecto", ["3.12.4", "3.12.3", "3.11.2"]),
                ("jason", ["1.4.4", "1.4.1"]), ("plug", ["1.16.1", "1.15.3"]), ("telemetry", ["1.3.0", "1.2.1"]),
                ("phoenix_live_view", ["1.0.0-rc.7", "0.20.17", "0.20.14"]), ("postgrex", ["0.19.3", "0.18.0"]),
                ("ecto_sql", ["3.12.1", "3.11.3"]), ("decimal", ["2.1.1", "2.3.0"]), ("mime", ["2.0.6"]),
                ("plug_crypto", ["2.1.0"]), ("castore", ["1.0.10"]), ("finch", ["0.19.0", "0.18.0"]),
                ("req", ["0.5.7", "0.4.14"]), ("oban", ["2.18.3", "2.17.12"]), ("bandit", ["1.5.7"]),
                ("swoosh", ["1.17.2"]), ("ex_doc", ["0.34.2", "0.35.1"]), ("credo", ["1.7.10"]),
                ("cowboy", ["2.12.0"]), ("ranch", ["1.8.0", "2.1.0"]), ("nimble_options", ["1.1.1"]),
                ("gettext", ["0.26.2"]), ("tesla", ["1.13.2"]), ("absinthe", ["1.7.8"])]
HEX_PRIVATE = [("acme_billing", ["2.4.1", "2.4.0", "2.5.0-dev"]), ("acme_common", ["1.12.0", "1.11.3"]),
               ("acme_auth", ["0.9.2"])]
HEX_USERS = ["josevalim", "ericmj", "chrismccord", "wojtekmach", "whatyouhide", "michalmuskala", "jdoe", "acme-bot"]
HEX_ORGS = ["acme", "acme", "dashbit"]


def hexpm(rng):
    A = "/api"
    R = A + "/repos/{repository}/packages/{name}"
    T = [(A, "index"), (A + "/packages", "packages"), (A + "/packages/{name}", "package"),
         (A + "/packages/{name}/audit-logs", "logs"), (A + "/packages/{name}/releases/{version}", "release"),
         (A + "/packages/{name}/releases/{version}/docs", "docs"), (A + "/packages/{name}/owners", "owners"),
         (A + "/packages/{name}/owners/{username}", "owner"), (A + "/repos", "repos"),
         (A + "/repos/{repository}", "repo"), (A + "/repos/{repository}/packages", "packages"), (R, "package"),
         (R + "/releases/{version}", "release"), (R + "/owners", "owners"), (A + "/users/me", "user"),
         (A + "/users/me/audit-logs", "logs"), (A + "/users/{name}", "user"), (A + "/orgs", "orgs"),
         (A + "/orgs/{organization}", "org"), (A + "/orgs/{organization}/members", "members"),
         (A + "/orgs/{organization}/members/{name}", "member"), (A + "/orgs/{organization}/audit-logs", "logs"),
         (A + "/orgs/{organization}/keys", "keys"), (A + "/keys", "keys"), (A + "/keys/{name}", "key"),
         (A + "/auth", "auth"), ("/names", "registry"), ("/versions", "registry"), ("/packages/{name}", "registry"),
         ("/repos/{repository}/packages/{name}", "registry"), ("/tarballs/{name}-{version}.tar", "tarball"),
         ("/repos/{repository}/tarballs/{name}-{version}.tar", "tarball"), ("/docs/{name}-{version}.tar.gz", "docs"),
         ("/public_key", "key"), ("/installs/hex-1.x.csv", "csv"),
         ("/installs/{elixir_version}/hex-{hex_version}.ez", "ez")]
    keys = ["ci-acme-2026", "jdoe-laptop", "renovate", "deploy-fly"]
    state = {}

    def name():
        t = state["tpl"]
        if "/members/" in t or t.startswith(A + "/users/"):
            return _weighted(rng, HEX_USERS)
        if t.endswith("/keys/{name}"):
            return _weighted(rng, keys)
        private = "{repository}" in t
        if private:
            state["pkg"] = _weighted(rng, HEX_PRIVATE)
        elif rng.random() < .85:
            state["pkg"] = _weighted(rng, HEX_PACKAGES)
        else:
            state["pkg"] = (rng.choice(["nimble", "ex", "phoenix", "plug", "ecto", "live"]) + "_" + rng.choice(
                ["csv", "json", "parsec", "pool", "aws", "auth", "html", "admin", "tz", "cachex"]), ["0.1.0", "1.0.0"])
        return state["pkg"][0]
    V = {"name": name, "version": lambda: _weighted(rng, state["pkg"][1]), "repository": lambda: _weighted(rng,
                                                                                                         HEX_ORGS),
         "username": lambda: _weighted(rng, HEX_USERS), "organization": lambda: _weighted(rng, HEX_ORGS),
         "elixir_version": lambda: rng.choice(["1.17.3", "1.16.3", "1.15.7", "1.18.0"]),
         "hex_version": lambda: rng.choice(["2.1.1", "2.0.6", "2.1.0"])}
    Q = {A + "/packages": lambda: "?" + rng.choice(["search=" + quote(rng.choice(["name:phx*", "phoenix",
                                                                                 "depends:hexpm:ecto",
                                                                                 "description:json"]), safe=""),
                                                    "sort=recent_downloads", "sort=inserted_at"])
         + rng.choice(["", "&page=%d" % rng.randrange(1, 6)]),
         A + "/repos/{repository}/packages": lambda: "?sort=name&page=1",
         A + "/auth": lambda: "?domain=" + rng.choice(["api", "repository"]) + rng.choice(
             ["", "&resource=read", "&resource=" + _weighted(rng, HEX_ORGS)]),
         A + "/packages/{name}/audit-logs": lambda: "?page=1"}
    return T, V, Q, "hexpm", state


ERLANG = "\u0083t\u0000\u0000\u0000\u0003m\u0000\u0000\u0000\u0004name"


def _hex_release(rng, name, ver, item, repo="hexpm"):
    api = "https://hex.pm/api" + ("" if repo == "hexpm" else "/repos/" + repo)
    return dict(item, version=ver, checksum=_hex(rng, 64), has_docs=repo == "hexpm",
                url="%s/packages/%s/releases/%s" % (api, name, ver), package_url="%s/packages/%s" % (api, name),
                html_url="https://hex.pm/packages/%s/%s" % (name, ver), docs_html_url="https://hexdocs.pm/%s/%s/"
                % (name, ver), meta={"app": name, "build_tools": ["mix"], "elixir": "~> 1.14"},
                requirements={"plug": {"app": "plug", "optional": False, "requirement": "~> 1.14"},
                              "jason": {"app": "jason", "optional": True, "requirement": "~> 1.0"}},
                retirement=None, downloads=rng.randrange(10 ** 3, 10 ** 7),
                publisher={"username": "chrismccord", "email": None, "url": "https://hex.pm/api/users/chrismccord"},
                inserted_at="2026-07-03T18:12:44.191817Z", updated_at="2026-07-03T18:12:46.003111Z")


def _hexpm_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    name = v.get("name", "phoenix")
    repo = v.get("repository", "hexpm")
    vers = next((p[1] for p in HEX_PACKAGES + HEX_PRIVATE if p[0] == name), ["0.1.0"])
    when = "2026-11-%02dT%02d:%02d:%02d.%06dZ" % (rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                                  rng.randrange(60), rng.randrange(10 ** 6))
    erlang = t.startswith("/api") and rng.random() < .25 and kind in ("package", "release", "user", "auth", "key")
    if erlang:
        return "application/vnd.hex+erlang; charset=utf-8", ERLANG + _member(t)
    if kind == "registry":
        return "application/octet-stream", GZIP + name
    if kind == "tarball":
        return "application/octet-stream", "VERSION" + "\u0000" * 93 + "0000644\u0000" + name
    if kind == "docs":
        if t.startswith("/api"):
            return 302, "text/html; charset=utf-8", ("<html><body>You are being <a href=\"https://repo.hex.pm/docs/"
                                                     "%s-%s.tar.gz\">redirected</a>.</body></html>" % (name,
                                                                                                      v["version"]))
        return "application/octet-stream", GZIP + name
    if kind == "key" and not t.startswith("/api"):
        return "text/plain", ("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA%s\n"
                              "-----END PUBLIC KEY-----\n" % _s(rng, B62, 64))
    if kind == "csv":
        return "text/csv", "2.1.1,%s,1.14.0\n2.1.1,%s,1.15.0\n2.0.6,%s,1.13.0\n" % (_hex(rng, 128), _hex(rng, 128),
                                                                                  _hex(rng, 128))
    if kind == "ez":
        return "application/zip", ZIP + "hex-" + v["hex_version"]
    package = dict(item, name=name, repository=repo, url="https://hex.pm/api/packages/" + name,
                   html_url="https://hex.pm/packages/" + name, docs_html_url="https://hexdocs.pm/%s/" % name,
                   meta={"description": "Peace of mind from prototype to production", "licenses": ["MIT"],
                         "links": {"GitHub": "https://github.com/phoenixframework/" + name}, "maintainers": []},
                   downloads={"all": rng.randrange(10 ** 5, 10 ** 9), "recent": rng.randrange(10 ** 4, 10 ** 7),
                              "week": rng.randrange(10 ** 3, 10 ** 6), "day": rng.randrange(10 ** 2, 10 ** 5)},
                   releases=[{"version": x, "url": "https://hex.pm/api/packages/%s/releases/%s" % (name, x),
                              "has_docs": True, "inserted_at": when} for x in vers],
                   retirements={}, latest_version=vers[0], latest_stable_version=vers[0],
                   configs={"mix.exs": "{:%s, \"~> %s\"}" % (name, vers[0].rsplit(".", 1)[0]),
                            "rebar.config": "{%s, \"%s\"}" % (name, vers[0]),
                            "erlang.mk": "dep_%s = hex %s" % (name, vers[0])},
                   owners=[{"username": "chrismccord", "email": None, "url": "https://hex.pm/api/users/chrismccord"}],
                   inserted_at="2014-04-23T23:04:11.000000Z", updated_at=when)
    user = dict(item, username=v.get("name", "jdoe") if "/me" not in t else "jdoe", email="jdoe@acme.com",
                full_name="Jane Doe", handles={"GitHub": "https://github.com/jdoe"}, inserted_at=when,
                updated_at=when, url="https://hex.pm/api/users/jdoe", owned_packages={"acme_common":
                                                                                      "https://hex.pm/api/"
                                                                                      "repos/acme/packages/"
                                                                                      "acme_common"},
                organizations=[{"name": "acme", "role": "admin"}] if "/me" in t else [])
    if kind == "index":
        return js, {"documentation_url": "https://docs.hex.pm", "key_url": "https://hex.pm/api/keys",
                    "package_url": "https://hex.pm/api/packages/{name}", "packages_url": "https://hex.pm/api/packages",
                    "release_url": "https://hex.pm/api/packages/{name}/releases/{version}",
                    "user_url": "https://hex.pm/api/users/{username}", _member(t): True}
    if kind == "packages":
        return js, [package, dict(package, name="phoenix_html")]
    if kind == "package":
        return js, package
    if kind == "release":
        return js, _hex_release(rng, name, v["version"], item, repo)
    if kind in ("owners", "owner"):
        o = dict(item, username=v.get("username", "chrismccord"), email=None, level=rng.choice(["full",
                                                                                               "maintainer"]),
                 url="https://hex.pm/api/users/" + v.get("username", "chrismccord"), inserted_at=when)
        return js, o if kind == "owner" else [o, dict(o, username="josevalim")]
    if kind == "logs":
        e = dict(item, action=rng.choice(["release.publish", "docs.publish", "key.generate", "owner.add"]),
                 user_agent="Hex/2.1.1 (Elixir/1.17.3) (OTP/27.1)", inserted_at=when,
                 params={"package": {"name": name}, "release": {"version": vers[0]}})
        return js, [e, dict(e)]
    if kind in ("repos", "repo", "orgs", "org"):
        r = dict(item, name=repo if "repo" in kind else v.get("organization", "acme"), public=repo == "hexpm",
                 active=True, billing_active=True, inserted_at="2019-01-02T10:11:12Z", updated_at=when)
        return js, r if kind in ("repo", "org") else [r, dict(r, name="hexpm", public=True)]
    if kind in ("members", "member"):
        m = dict(user, role=rng.choice(["admin", "write", "read"]))
        return js, m if kind == "member" else [m, dict(m, username="josevalim")]
    if kind in ("keys", "key"):
        k = dict(item, name=v.get("name", "ci-acme-2026"), permissions=[{"domain": "api", "resource": "read"}],
                 authing_key=False, revoked_at=None, inserted_at=when, updated_at=when,
                 last_use={"used_at": when, "user_agent": "Hex/2.1.1", "ip": "203.0.113.7"},
                 url="https://hex.pm/api/keys/" + v.get("name", "ci-acme-2026"))
        return js, k if kind == "key" else [k, dict(k, name="jdoe-laptop")]
    if kind == "auth":
        return js, {"user": {"username": "jdoe"}, "organization": None, _member(t): True}
    return js, user


HEX_S3 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied"
          "</Message><RequestId>%s</RequestId><HostId>%s</HostId></Error>")


def _hexpm_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if not t.startswith("/api"):
        return 403, "application/xml", HEX_S3 % (_s(rng, UPPER, 16), _s(rng, B64URL, 76))
    if t.startswith("/api/users/me") or kind in ("keys", "key", "auth", "orgs") or "{repository}" in t and \
            rng.random() < .4:
        return 401, js, {"status": 401, "message": "missing authentication information"}
    if "{" not in t:
        return 429, js, {"status": 429, "message": "API rate limit exceeded for IP 203.0.113.7"}
    return 404, js, {"status": 404, "message": "Page not found"}


# -- Transport for London Unified API ---------------------------------------------------------------

TFL_TUBE = ["victoria", "central", "jubilee", "northern", "piccadilly", "district", "circle", "bakerloo",
            "hammersmith-city", "metropolitan", "waterloo-city", "elizabeth"]
TFL_OTHER = ["dlr", "liberty", "lioness", "mildmay", "suffragette", "weaver", "windrush", "tram", "london-cable-car"]
TFL_BUSES = ["73", "24", "38", "25", "390", "n29", "c10", "18", "205", "12", "159", "n73"]
TFL_MODES = ["tube", "bus", "dlr", "overground", "elizabeth-line", "tram", "river-bus", "cable-car", "national-rail",
             "cycle-hire"]
# (NaPTAN id, name) of the stations the client's users watch
TFL_STOPS = [("940GZZLUKSX", "King's Cross St. Pancras Underground Station"),
             ("940GZZLUOXC", "Oxford Circus Underground Station"), ("940GZZLUWLO", "Waterloo Underground Station"),
             ("940GZZLUBNK", "Bank Underground Station"), ("940GZZLULVT", "Liverpool Street Underground Station"),
             ("940GZZLUVIC", "Victoria Underground Station"), ("940GZZLUBXN", "Brixton Underground Station"),
             ("HUBKGX", "King's Cross & St Pancras International"), ("HUBWAT", "London Waterloo"),
             ("910GWATRLMN", "London Waterloo Rail Station"), ("940GZZDLCAN", "Canary Wharf DLR Station"),
             ("490008660N", "Oxford Circus Station  / Regent Street"), ("490000077E", "Euston Square Station")]
TFL_ROADS = ["a2", "a3", "a406", "a40", "a12", "a13", "a1", "a205", "blackwall%20tunnel", "inner%20ring"]
TFL_TYPE = "Tfl.Api.Presentation.Entities.%s, Tfl.Api.Presentation.Entities"


def tfl(rng):
    L = "/Line/{ids}"
    T = [("/Line/Meta/Modes", "modes"), ("/Line/Meta/Severity", "severity"),
         ("/Line/Meta/DisruptionCategories", "strings"), ("/Line/Mode/{modes}", "lines"),
         ("/Line/Mode/{modes}/Status", "lines"), ("/Line/Mode/{modes}/Disruption", "disruptions"), (L, "lines"),
         (L + "/Status", "lines"), (L + "/Status/{StartDate}/to/{EndDate}", "lines"), (L + "/Disruption",
                                                                                       "disruptions"),
         (L + "/Arrivals/{stopPointId}", "arrivals"), (L + "/Route", "lines"),
         ("/Line/{id}/StopPoints", "stops"), ("/Line/{id}/Route/Sequence/{direction}", "sequence"),
         ("/Line/{id}/Timetable/{fromStopPointId}", "timetable"),
         ("/Line/{id}/Timetable/{fromStopPointId}/to/{toStopPointId}", "timetable"),
         ("/Line/Search/{query}", "linesearch"), ("/StopPoint/{ids}", "stop"), ("/StopPoint/{id}/Arrivals", "arrivals"),
         ("/StopPoint/{id}/ArrivalDepartures", "departures"), ("/StopPoint/{ids}/Disruption", "disruptions"),
         ("/StopPoint/{id}/Route", "routes"), ("/StopPoint/{id}/Crowding/{line}", "crowding"),
         ("/StopPoint/{id}/CanReachOnLine/{lineId}", "stops"), ("/StopPoint/Search/{query}", "search"),
         ("/StopPoint/Search", "search"), ("/StopPoint/Mode/{modes}", "stops"), ("/StopPoint/Meta/Modes", "modes"),
         ("/StopPoint/Meta/StopTypes", "strings"), ("/StopPoint", "stoplist"), ("/BikePoint", "places"),
         ("/BikePoint/{id}", "place"), ("/BikePoint/Search", "places"), ("/Journey/JourneyResults/{from}/to/{to}",
                                                                         "journey"),
         ("/Journey/Meta/Modes", "modes"), ("/Mode/{mode}/Arrivals", "arrivals"),
         ("/Mode/ActiveServiceTypes", "servicetypes"), ("/Road", "roads"), ("/Road/{ids}", "roads"),
         ("/Road/{ids}/Status", "roads"), ("/Road/{ids}/Disruption", "roaddisruptions"), ("/AirQuality", "air"),
         ("/Place/{id}", "place"), ("/Occupancy/CarPark", "carparks"), ("/Occupancy/CarPark/{id}", "carpark"),
         ("/Occupancy/BikePoints/{ids}", "bikeoccupancy"), ("/Vehicle/{ids}/Arrivals", "arrivals")]
    bikes = ["BikePoints_%d" % n for n in (1, 14, 101, 154, 194, 251, 361, 427, 804)]
    carparks = ["CarParks_%d" % rng.randrange(800000, 800500) for _ in range(4)]
    state = {}

    def line():
        r = rng.random()
        if r < .6:
            return _weighted(rng, TFL_TUBE)
        if r < .8:
            return rng.choice(TFL_BUSES)
        return _weighted(rng, TFL_OTHER)

    def stop():
        return _weighted(rng, TFL_STOPS)[0] if rng.random() < .75 else rng.choice(
            ["940GZZLU" + _s(rng, CAPS, 3), "4900%05d%s" % (rng.randrange(10 ** 5), rng.choice("NSEWABCDGHJKLMPR")),
             "490G%08d" % rng.randrange(10 ** 7)])

    def ids():
        t = state["tpl"]
        if t.startswith("/Line/"):
            k = rng.choice([1, 1, 1, 2, 3])
            return ",".join(line() if k == 1 else _weighted(rng, TFL_TUBE) for _ in range(k))
        if t.startswith("/StopPoint/"):
            return ",".join(stop() for _ in range(rng.choice([1, 1, 2])))
        if t.startswith("/Road/"):
            return rng.choice(["all"] + [",".join(rng.sample(TFL_ROADS, rng.choice([1, 1, 2]))) for _ in range(4)])
        if t.startswith("/Occupancy/"):
            return ",".join(rng.sample(bikes, rng.choice([1, 2, 3])))
        return ",".join(rng.choice(["LTZ", "LJ6", "LX1", "YX6", "SN6", "BV6"]) + _s(rng, "0123456789", 1)
                        + _s(rng, CAPS, 3) for _ in range(rng.choice([1, 2])))

    def ident():
        t = state["tpl"]
        if t.startswith("/Line/"):
            state["line"] = _weighted(rng, TFL_TUBE) if rng.random() < .8 else rng.choice(TFL_BUSES)
            return state["line"]
        if t.startswith("/StopPoint/"):
            return stop()
        if t.startswith("/BikePoint/"):
            return _hot(rng, bikes, .6, lambda: "BikePoints_%d" % rng.randrange(1, 850))
        if t.startswith("/Occupancy/"):
            return rng.choice(carparks)
        return rng.choice(carparks + bikes[:3])

    def place():
        r = rng.random()
        if r < .45:
            return _weighted(rng, TFL_STOPS)[0]
        if r < .65:
            return rng.choice(["SW1A2AA", "N19GU", "E145AB", "SE17PB", "W1D3QF", "EC2M7PY"])
        if r < .85:
            return "%.4f,%.4f" % (rng.uniform(51.4, 51.6), rng.uniform(-0.3, 0.05))
        return "%d" % rng.choice([1000129, 1000266, 1000013, 1001089, rng.randrange(10 ** 6, 10 ** 6 + 3000)])
    day = lambda: "2026-11-%02d" % rng.randrange(18, 25)  # noqa: E731
    V = {"ids": ids, "id": ident, "modes": lambda: ",".join(rng.sample(TFL_MODES[:6], rng.choice([1, 1, 2, 4]))),
         "mode": lambda: _weighted(rng, ["tube", "bus", "dlr", "elizabeth-line", "overground"]),
         "StartDate": day, "EndDate": day, "stopPointId": stop, "fromStopPointId": stop, "toStopPointId": stop,
         "direction": lambda: rng.choice(["inbound", "outbound", "all"]),
         "query": lambda: quote(rng.choice(["oxford circus", "waterloo", "kings cross", "brixton", "bank",
                                            "canary wharf", "heathrow", "elizabeth"]), safe=""),
         "line": lambda: _weighted(rng, TFL_TUBE), "lineId": lambda: _weighted(rng, TFL_TUBE),
         "from": place, "to": place}
    key = "app_key=" + _hex(rng, 32)

    def q(*extra):
        def f():
            parts = [x for x in extra if rng.random() < .5]
            if rng.random() < .8:
                parts.append(key)
            return "?" + "&".join(parts)
        return f
    Q = {t: q() for t, _ in T}
    Q.update({L + "/Status": q("detail=true"), "/Line/Mode/{modes}/Status": q("detail=false"),
              "/Line/{id}/StopPoints": q("tflOperatedNationalRailStationsOnly=false"),
              "/Line/{id}/Route/Sequence/{direction}": q("serviceTypes=Regular,Night", "excludeCrowding=true"),
              "/StopPoint/Search/{query}": q("modes=tube,elizabeth-line", "maxResults=10", "faresOnly=false"),
              "/StopPoint/Search": lambda: "?query=" + quote(rng.choice(["oxford", "victoria", "euston"]), safe="")
              + "&" + key,
              "/StopPoint": lambda: "?lat=%.5f&lon=%.5f&stopTypes=NaptanMetroStation,NaptanRailStation&radius=%d"
              % (rng.uniform(51.45, 51.56), rng.uniform(-0.2, 0.0), rng.choice([200, 500, 1000])) + "&" + key,
              "/StopPoint/{id}/ArrivalDepartures": lambda: "?lineIds=" + rng.choice(["elizabeth", "liberty",
                                                                                     "weaver"]) + "&" + key,
              "/BikePoint/Search": lambda: "?query=" + rng.choice(["St.%20James", "Waterloo", "Hyde%20Park"])
              + "&" + key,
              "/Journey/JourneyResults/{from}/to/{to}": lambda: "?" + "&".join(
                  x for x in ["date=202611%02d" % rng.randrange(18, 25), "time=%02d%02d" % (rng.randrange(6, 23),
                                                                                             rng.choice([0, 15, 30,
                                                                                                         45])),
                              "timeIs=" + rng.choice(["Departing", "Arriving"]),
                              "mode=" + rng.choice(["tube,bus,overground", "tube", "bus,walking"]),
                              "journeyPreference=" + rng.choice(["LeastTime", "LeastInterchange"]), key]
                  if rng.random() < .7),
              "/Mode/{mode}/Arrivals": q("count=10"), "/Road/{ids}/Disruption": q("stripContent=true",
                                                                                   "severities=Serious")})
    return T, V, Q, "tfl", state


def _tfl_prediction(rng, item, line="victoria", stop="940GZZLUOXC"):
    when = _when(rng, 20, True)
    return dict(item, **{"$type": TFL_TYPE % "Prediction", "id": str(-rng.randrange(10 ** 8, 2 * 10 ** 9)),
                         "operationType": 1, "vehicleId": str(rng.randrange(100, 400)), "naptanId": stop,
                         "stationName": dict(TFL_STOPS).get(stop, "Oxford Circus Underground Station"),
                         "lineId": line, "lineName": line.title(), "platformName": "Southbound - Platform 4",
                         "direction": "outbound", "bearing": "", "destinationNaptanId": "940GZZLUBXN",
                         "destinationName": "Brixton Underground Station", "timestamp": when,
                         "timeToStation": rng.randrange(0, 1800), "currentLocation": "At Warren Street",
                         "towards": "Brixton", "expectedArrival": when, "timeToLive": when, "modeName": "tube",
                         "timing": {"$type": TFL_TYPE % "PredictionTiming", "countdownServerAdjustment": "00:00:00",
                                    "source": "0001-01-01T00:00:00", "insert": "0001-01-01T00:00:00",
                                    "read": when, "sent": when, "received": "0001-01-01T00:00:00"}})


def _tfl_line(rng, item, lid):
    return dict(item, **{"$type": TFL_TYPE % "Line", "id": lid, "name": lid.replace("-", " & ").title(),
                         "modeName": "bus" if lid[:1].isdigit() or lid[:1] in "nc" and lid[1:2].isdigit() else "tube",
                         "disruptions": [], "created": "2026-11-18T14:12:34.57Z", "modified": "2026-11-18T14:12:34.57Z",
                         "lineStatuses": [{"$type": TFL_TYPE % "LineStatus", "id": 0, "statusSeverity": 10,
                                           "statusSeverityDescription": rng.choice(["Good Service", "Minor Delays",
                                                                                    "Part Closure"]),
                                           "created": "0001-01-01T00:00:00", "validityPeriods": []}],
                         "routeSections": [], "serviceTypes": [{"$type": TFL_TYPE % "LineServiceTypeInfo",
                                                                "name": "Regular", "uri": "/Line/Route?ids=%s&"
                                                                "serviceTypes=Regular" % lid}],
                         "crowding": {"$type": TFL_TYPE % "Crowding"}})


def _tfl_stop(rng, item, sid):
    return dict(item, **{"$type": TFL_TYPE % "StopPoint", "naptanId": sid, "modes": ["tube", "bus"],
                         "icsCode": "1000173", "stopType": "NaptanMetroStation" if sid.startswith("940") else
                         "TransportInterchange" if sid.startswith("HUB") else "NaptanPublicBusCoachTram",
                         "stationNaptan": sid, "lines": [{"$type": TFL_TYPE % "Identifier", "id": "victoria",
                                                          "name": "Victoria", "uri": "/Line/victoria",
                                                          "type": "Line", "crowding": {}, "routeType": "Unknown",
                                                          "status": "Unknown"}],
                         "lineGroup": [], "lineModeGroups": [{"modeName": "tube", "lineIdentifier": ["victoria"]}],
                         "status": True, "id": sid, "commonName": dict(TFL_STOPS).get(sid, "Oxford Circus"),
                         "placeType": "StopPoint", "additionalProperties": [], "children": [],
                         "lat": 51.515224, "lon": -0.141903})


def _tfl_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    when = _when(rng, 20, True)
    first = lambda s: s.split(",")[0]  # noqa: E731
    if kind == "lines":
        lids = v.get("ids", "victoria,central").split(",") if "ids" in v else ["victoria", "central"]
        return js, [_tfl_line(rng, item, lid) for lid in lids]
    if kind == "arrivals":
        line = first(v.get("ids", "victoria")) if t.startswith("/Line/") else "victoria"
        return js, [_tfl_prediction(rng, item, line, v.get("stopPointId") or v.get("id") or "940GZZLUOXC")
                    for _ in range(2)]
    if kind == "departures":
        d = dict(item, **{"$type": TFL_TYPE % "ArrivalDeparture", "platformName": "B", "destinationNaptanId":
                          "910GSHENFLD", "destinationName": "Shenfield", "naptanId": v["id"], "stationName":
                          "Liverpool Street", "estimatedTimeOfArrival": when, "scheduledTimeOfArrival": when,
                          "estimatedTimeOfDeparture": when, "scheduledTimeOfDeparture": when,
                          "minutesAndSecondsToArrival": "2:30", "minutesAndSecondsToDeparture": "3:00",
                          "cause": "Unknown", "departureStatus": "OnTime",
                          "timing": {"$type": TFL_TYPE % "PredictionTiming"}})
        return js, [d, dict(d)]
    if kind == "disruptions":
        d = dict(item, **{"$type": TFL_TYPE % "Disruption", "category": "RealTime", "type": "lineInfo",
                          "categoryDescription": "RealTime", "description": "VICTORIA LINE: Minor delays due to an "
                          "earlier signal failure at Brixton.", "affectedRoutes": [], "affectedStops": [],
                          "closureText": "minorDelays"})
        return js, [d]
    if kind in ("stop", "stops", "stoplist"):
        sids = v.get("ids", "").split(",") if "ids" in v else ["940GZZLUOXC", "940GZZLUVIC"]
        stops = [_tfl_stop(rng, item, s) for s in sids]
        if kind == "stop":
            return js, stops[0] if len(stops) == 1 else stops
        if kind == "stoplist":
            return js, {"$type": TFL_TYPE % "StopPointsResponse", "centrePoint": [51.515, -0.142],
                        "stopPoints": stops, "pageSize": 0, "total": 2, "page": 0}
        return js, stops
    if kind in ("search", "linesearch"):
        m = dict(item, **{"$type": TFL_TYPE % "MatchedStop", "icsId": "1000173", "modes": ["tube", "bus"],
                          "zone": "1", "id": "940GZZLUOXC", "name": "Oxford Circus Underground Station",
                          "lat": 51.515224, "lon": -0.141903})
        body = {"$type": TFL_TYPE % "SearchResponse", "query": unquote(v.get("query") or "oxford"),
                "total": 2, "matches": [m, dict(m)]}
        if kind == "linesearch":
            body = {"$type": TFL_TYPE % "RouteSearchResponse", "input": unquote(v["query"]),
                    "searchMatches": [dict(item, lineId="victoria", mode="tube", lineName="Victoria",
                                           lineRouteSection=[])]}
        return js, body
    if kind == "sequence":
        return js, dict(item, **{"$type": TFL_TYPE % "RouteSequence", "lineId": v["id"], "lineName": v["id"].title(),
                                 "direction": v["direction"], "isOutboundOnly": False, "mode": "tube",
                                 "lineStrings": ["[[[-0.1, 51.5], [-0.12, 51.52]]]"], "stations": [],
                                 "stopPointSequences": [{"lineId": v["id"], "branchId": 0, "direction": "outbound",
                                                         "stopPoint": []}], "orderedLineRoutes": []})
    if kind == "timetable":
        return js, dict(item, **{"$type": TFL_TYPE % "TimetableResponse", "lineId": v["id"], "lineName":
                                 v["id"].title(), "direction": "outbound", "pdfUrl": "", "stations": [], "stops": [],
                                 "timetable": {"departureStopId": v["fromStopPointId"], "routes": [
                                     {"stationIntervals": [], "schedules": [{"name": "Monday - Friday",
                                                                             "knownJourneys": [{"hour": "5",
                                                                                                "minute": "36"}]}]}]},
                                 "disambiguation": None, "statusErrorMessage": None})
    if kind == "routes":
        return js, [dict(item, **{"$type": TFL_TYPE % "StopPointRouteSection", "naptanId": v["id"], "lineId":
                                  "victoria", "mode": "tube", "validFrom": when, "validTo": when, "direction":
                                  "outbound", "routeSectionName": "Brixton - Walthamstow Central", "lineString":
                                  "[[-0.1, 51.5]]", "isActive": True, "serviceType": "Regular",
                                  "vehicleDestinationText": "Walthamstow Central", "destinationName":
                                  "Walthamstow Central Underground Station"})]
    if kind == "crowding":
        return js, dict(item, naptan=v["id"], line=v["line"], isFound=True, daysOfWeek=[
            {"dayOfWeek": "MON", "amPeakTimeBand": "08:00-09:00", "timeBands": [{"timeBand": "05:00-05:15",
                                                                                 "percentageOfBaseLine": 0.07}]}])
    if kind in ("place", "places"):
        pid = v.get("id") or "BikePoints_1"
        p = dict(item, **{"$type": TFL_TYPE % "Place", "id": pid, "url": "/Place/" + pid,
                          "commonName": "River Street , Clerkenwell", "placeType": "BikePoint",
                          "additionalProperties": [{"$type": TFL_TYPE % "AdditionalProperties",
                                                    "category": "Description", "key": "NbBikes",
                                                    "sourceSystemKey": "BikePoints",
                                                    "value": str(rng.randrange(0, 30)), "modified": when}],
                          "children": [], "childrenUrls": [], "lat": 51.529163, "lon": -0.10997})
        return js, p if kind == "place" else [p, dict(p, id="BikePoints_2")]
    if kind == "journey":
        if not v["from"][0].isdigit() and not v["from"].startswith(("940", "910", "490", "HUB")) and rng.random() < .5:
            return 300, js, {"$type": TFL_TYPE % "JourneyPlanner.DisambiguationResult", "toLocationDisambiguation": {
                "matchStatus": "identified"}, "fromLocationDisambiguation": {
                "disambiguationOptions": [{"parameterValue": "1000173", "uri": "/journey/journeyresults/1000173/to/"
                                           + v["to"], "matchQuality": 1000}], "matchStatus": "list"},
                "viaLocationDisambiguation": {"matchStatus": "empty"}, "recommendedMaxAgeMinutes": 1440,
                "searchCriteria": {"dateTime": when, "dateTimeType": "Departing"}, "journeyVector": {
                    "from": v["from"], "to": v["to"], "via": "", "uri": path}}
        return js, {"$type": TFL_TYPE % "JourneyPlanner.ItineraryResult", "journeys": [dict(item, **{
            "$type": TFL_TYPE % "JourneyPlanner.Journey", "startDateTime": when, "duration": rng.randrange(10, 90),
            "arrivalDateTime": when, "legs": [], "fare": {"totalCost": 290, "fares": []}})],
            "lines": [], "cycleHireDockingStationData": {}, "stopMessages": [], "recommendedMaxAgeMinutes": 1,
            "searchCriteria": {"dateTime": when, "dateTimeType": "Departing"},
            "journeyVector": {"from": v["from"], "to": v["to"], "via": "", "uri": path}}
    if kind in ("modes", "strings", "severity", "servicetypes"):
        x = {"modes": dict(item, **{"$type": TFL_TYPE % "Mode", "isTflService": True, "isFarePaying": True,
                                    "isScheduledService": True, "modeName": "tube"}),
             "severity": dict(item, **{"$type": TFL_TYPE % "StatusSeverity", "modeName": "tube",
                                       "severityLevel": 10, "description": "Good Service"}),
             "servicetypes": dict(item, serviceType="Regular", mode="tube")}.get(kind)
        return js, [x, dict(x)] if x else ["RealTime", "PlannedWork", "Information", "Event", "Crowding",
                                            "StatusAlert"]
    if kind in ("roads", "roaddisruptions"):
        rid = unquote(first(v.get("ids", "a2")))
        r = dict(item, **{"$type": TFL_TYPE % "RoadCorridor", "id": rid, "displayName": rid.upper(),
                          "statusSeverity": rng.choice(["Good", "Moderate", "Serious"]),
                          "statusSeverityDescription": "No Exceptional Delays", "bounds": "[[-0.0857,51.44091],"
                          "[0.17118,51.49438]]", "envelope": "[[-0.0857,51.44091],[-0.0857,51.49438]]",
                          "url": "/Road/" + rid})
        if kind == "roaddisruptions":
            r = dict(item, **{"$type": TFL_TYPE % "RoadDisruption", "id": "TIMS-%d" % rng.randrange(10 ** 5, 10 ** 6),
                              "category": "Works", "subCategory": "TfL works", "severity": "Moderate",
                              "ordinal": 0, "comments": "[A2] Old Kent Road: Lane restrictions.", "corridorIds":
                              [rid], "startDateTime": when, "endDateTime": when, "levelOfInterest": "Low"})
        return js, [r, dict(r)]
    if kind == "air":
        return js, {"$id": "1", "$type": "Tfl.Api.Presentation.Entities.LondonAirForecast, Tfl.Api.Presentation."
                    "Entities", "updatePeriod": "hourly", "updateFrequency": "1", "forecastURL":
                    "http://londonair.org.uk/forecast", "disclaimerText": "This forecast is intended to provide "
                    "information on expected pollution levels.", "currentForecast": [dict(item, **{
                        "$id": "2", "$type": "Tfl.Api.Presentation.Entities.CurrentForecast, Tfl.Api.Presentation."
                        "Entities", "forecastType": "Current", "forecastID": str(rng.randrange(10 ** 4, 10 ** 5)),
                        "forecastBand": "Low", "forecastSummary": "Low air pollution forecast valid from Friday 20 "
                        "November to end of Friday 20 November GMT", "nO2Band": "Low", "o3Band": "Low",
                        "pM10Band": "Low", "pM25Band": "Low", "sO2Band": "Low", "forecastText": ""})]}
    if kind in ("carparks", "carpark"):
        c = dict(item, **{"$type": TFL_TYPE % "CarParkOccupancy", "id": v.get("id", "CarParks_800491"),
                          "bays": [{"$type": TFL_TYPE % "Bay", "bayType": "Disabled", "bayCount": 4, "free": 2,
                                    "occupied": 2}], "name": "Barkingside Stn (LUL)",
                          "carParkDetailsUrl": "https://api.beta.tfl.gov.uk/Place/" + v.get("id", "CarParks_800491")})
        return js, c if kind == "carpark" else [c, dict(c)]
    return js, [dict(item, **{"$type": TFL_TYPE % "BikePointOccupancy", "id": b, "name": "River Street , "
                              "Clerkenwell", "bikesCount": rng.randrange(30), "emptyDocks": rng.randrange(30),
                              "totalDocks": 30, "standardBikesCount": 12, "eBikesCount": 3})
                for b in v.get("ids", "BikePoints_1").split(",")]


def _tfl_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    if "{" not in t:
        if rng.random() < .5:
            return 429, js, {"statusCode": 429, "message": "Rate limit is exceeded. Try again in %d seconds."
                             % rng.randrange(1, 60)}
        return 401, js, {"statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure "
                                                       "to provide a valid key for an active subscription."}
    if t.startswith("/StopPoint/") and ("ids" in v or "id" in v):
        what = "stop point is" if "," not in v.get("ids", v.get("id")) else "stop points are"
        message = "The following %s not recognised: %s" % (what, v.get("ids") or v.get("id"))
    elif t.startswith("/Line/") and ("ids" in v or "id" in v):
        message = "The following line ids are not recognised: %s" % (v.get("ids") or v.get("id"))
    elif kind == "journey":
        message = "No journey found for your inputs."
    elif t.startswith("/Road/"):
        message = "The following road id is not recognised: %s" % unquote(v["ids"])
    else:
        message = "Resource not found"
    return 404, js, {"$type": "Tfl.Api.Presentation.Entities.ApiError, Tfl.Api.Presentation.Entities",
                     "timestampUtc": _when(rng, 20, True)[:-1] + "1234Z", "exceptionType": "EntityNotFoundException",
                     "httpStatusCode": 404, "httpStatus": "NotFound", "relativeUri": path, "message": message}


# -- HL7 FHIR R4 (a HAPI FHIR JPA server, as the public one at hapi.fhir.org/baseR4) ---------------

FHIR_TYPES = ["Patient", "Observation", "Encounter", "Condition", "MedicationRequest", "Practitioner",
              "Organization", "Location", "Medication", "DiagnosticReport", "AllergyIntolerance", "Immunization",
              "DocumentReference", "Procedure"]
FHIR_LOINC = ["8867-4", "8480-6", "8462-4", "29463-7", "8302-2", "2339-0", "4548-4", "85354-9", "59408-5", "718-7"]
FHIR_VALUESETS = ["administrative-gender", "observation-category", "condition-clinical", "marital-status",
                  "encounter-status", "allergyintolerance-clinical"]
FHIR_JSON = "application/fhir+json;charset=utf-8"


def fhir(rng):
    B = "/baseR4"
    P = B + "/Patient/{id}"
    T = [(B + "/metadata", "capability"), (B, "page"), (B + "/Patient", "search"), (P, "read"),
         (P + "/_history", "history"), (P + "/_history/{vid}", "vread"), (P + "/$everything", "everything"),
         (B + "/Observation", "search"), (B + "/Observation/{id}", "read"),
         (B + "/Observation/{id}/_history/{vid}", "vread"), (B + "/Encounter", "search"),
         (B + "/Encounter/{id}", "read"), (B + "/Condition", "search"), (B + "/Condition/{id}", "read"),
         (B + "/MedicationRequest", "search"), (B + "/MedicationRequest/{id}", "read"),
         (B + "/AllergyIntolerance", "search"), (B + "/Immunization", "search"), (B + "/Procedure", "search"),
         (B + "/DiagnosticReport", "search"), (B + "/DiagnosticReport/{id}", "read"),
         (B + "/DocumentReference", "search"), (B + "/Practitioner", "search"), (B + "/Practitioner/{id}", "read"),
         (B + "/Organization/{id}", "read"), (B + "/Location/{id}", "read"), (B + "/Medication/{id}", "read"),
         (B + "/ValueSet/$expand", "expand"), (B + "/ValueSet/{id}/$expand", "expand"),
         (B + "/CodeSystem/$lookup", "lookup")]
    server = lambda: str(rng.choice([rng.randrange(1000, 99999), rng.randrange(590000, 48000000)]))  # noqa: E731
    patients = [server() for _ in range(6)] + ["example", "pat-001", _uuid(rng), _uuid(rng)]
    practitioners = [server() for _ in range(3)] + ["example", "f001"]
    orgs = [server() for _ in range(2)] + ["hl7", "f001"]
    state = {}

    def ident():
        typ = state["tpl"].split("/")[2]
        if typ == "Patient":
            return _hot(rng, patients, .6, lambda: rng.choice([server(), server(), _uuid(rng)]))
        if typ == "Practitioner":
            return _hot(rng, practitioners, .6, server)
        if typ == "Organization":
            return _hot(rng, orgs, .6, server)
        if typ == "ValueSet":
            return _weighted(rng, FHIR_VALUESETS)
        return rng.choice([server(), server(), server(), _uuid(rng), "example"])
    V = {"id": ident, "vid": lambda: str(rng.choice([1, 1, 1, 2, 2, 3, 4, 7]))}
    enc = lambda x: quote(x, safe="")  # noqa: E731

    def subject():
        p = _hot(rng, patients, .7, server)
        return rng.choice(["patient=" + p, "patient=" + enc("Patient/" + p), "subject=" + enc("Patient/" + p)])

    def search(*extra):
        def q():
            parts = [subject()] if rng.random() < .7 else []
            parts += [x() if callable(x) else x for x in extra if rng.random() < .5]
            if rng.random() < .6:
                parts.append("_count=" + rng.choice(["20", "50", "100", "200"]))
            if rng.random() < .2:
                parts.append("_format=json")
            return "?" + "&".join(parts)
        return q
    Q = {B + "/metadata": lambda: rng.choice(["", "?_format=json", "?_summary=true"]) or "?",
         B: lambda: "?_getpages=" + _uuid(rng) + "&_getpagesoffset=%d&_count=20&_pretty=true&_bundletype=searchset"
         % rng.choice([20, 40, 60, 100]),
         B + "/Patient": lambda: "?" + rng.choice(["family=" + rng.choice(["Smith", "Garcia", "M%C3%BCller"]),
                                                   "name=" + rng.choice(["john", "maria", "chen"]) + "&birthdate="
                                                   + "19%02d-%02d-%02d" % (rng.randrange(40, 99), rng.randrange(1, 13),
                                                                           rng.randrange(1, 29)),
                                                   "identifier=" + enc("http://hospital.acme.org/mrn|%d"
                                                                       % rng.randrange(10 ** 6, 10 ** 7)),
                                                   "_lastUpdated=gt2026-11-01&_sort=-_lastUpdated",
                                                   "general-practitioner=" + enc("Practitioner/"
                                                                                 + practitioners[0])])
         + rng.choice(["", "&_count=50", "&_summary=count"]),
         P: lambda: rng.choice(["", "", "?_format=json", "?_elements=name,birthDate,gender"]) or "?",
         P + "/$everything": lambda: rng.choice(["", "?_count=100", "?_since=2026-01-01", "?_type=Observation,"
                                                 "Condition"]) or "?",
         B + "/Observation": search(lambda: "category=" + rng.choice(["vital-signs", "laboratory",
                                                                      "social-history"]),
                                    lambda: "code=" + enc("http://loinc.org|" + _weighted(rng, FHIR_LOINC)),
                                    "_sort=-date", lambda: "date=ge2026-%02d-01" % rng.randrange(1, 12)),
         B + "/Encounter": search("status=finished", "_sort=-date", "_include=Encounter%3Alocation"),
         B + "/Condition": search("clinical-status=active", "category=problem-list-item"),
         B + "/MedicationRequest": search("status=active", "intent=order", "_include=MedicationRequest%3Amedication"),
         B + "/AllergyIntolerance": search("clinical-status=active"), B + "/Immunization": search("status=completed"),
         B + "/Procedure": search("_sort=-date"), B + "/DiagnosticReport": search("category=LAB", "_sort=-issued"),
         B + "/DocumentReference": search("type=" + enc("http://loinc.org|34133-9"), "_sort=-date"),
         B + "/Practitioner": lambda: "?" + rng.choice(["family=Careful", "identifier=" + enc(
             "http://hl7.org/fhir/sid/us-npi|%d" % rng.randrange(10 ** 9, 2 * 10 ** 9)), "name=house"]),
         B + "/ValueSet/$expand": lambda: "?url=" + enc("http://hl7.org/fhir/ValueSet/" + _weighted(
             rng, FHIR_VALUESETS)) + rng.choice(["", "&filter=fem", "&count=20"]),
         B + "/ValueSet/{id}/$expand": lambda: rng.choice(["", "?filter=act", "?count=50&offset=0"]) or "?",
         B + "/CodeSystem/$lookup": lambda: "?system=" + enc(rng.choice(["http://loinc.org", "http://snomed.info/sct"]))
         + "&code=" + rng.choice([_weighted(rng, FHIR_LOINC), "73211009", "38341003"])}
    return T, V, Q, "fhir", state


def _fhir_resource(rng, typ, ident, item, vid=None):
    meta = {"versionId": vid or str(rng.randrange(1, 4)), "lastUpdated": _when(rng, frac=True).replace(
        "Z", "+00:00"), "source": "#" + _s(rng, B62, 16)}
    r = dict(item, resourceType=typ, id=ident, meta=meta, text={"status": "generated", "div": "<div xmlns=\"http://"
                                                                "www.w3.org/1999/xhtml\">%s</div>" % typ})
    if typ == "Patient":
        r.update(identifier=[{"system": "http://hospital.acme.org/mrn", "value": str(rng.randrange(10 ** 6, 10 ** 7))}],
                 active=True, name=[{"use": "official", "family": "Smith", "given": ["John", "Q"]}],
                 gender=rng.choice(["male", "female", "other", "unknown"]), birthDate="1974-12-25",
                 address=[{"line": ["534 Erewhon St"], "city": "PleasantVille", "state": "Vic", "postalCode": "3999"}])
    elif typ == "Observation":
        code = rng.choice(FHIR_LOINC)
        r.update(status="final", category=[{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/"
                                                        "observation-category", "code": "vital-signs"}]}],
                 code={"coding": [{"system": "http://loinc.org", "code": code, "display": "Heart rate"}]},
                 subject={"reference": "Patient/" + str(rng.randrange(1000, 99999))},
                 effectiveDateTime=_when(rng), valueQuantity={"value": rng.randrange(50, 120), "unit": "beats/min",
                                                              "system": "http://unitsofmeasure.org", "code": "/min"})
    elif typ in ("Encounter", "Condition", "MedicationRequest", "DiagnosticReport", "Procedure", "Immunization",
                 "AllergyIntolerance", "DocumentReference"):
        r.update(status=rng.choice(["finished", "active", "final", "completed"]),
                 subject={"reference": "Patient/" + str(rng.randrange(1000, 99999))})
    elif typ in ("Practitioner", "Organization", "Location"):
        r.update(name=[{"family": "Careful", "given": ["Adam"], "prefix": ["Dr"]}] if typ == "Practitioner"
                 else "Acme General Hospital", active=True)
    return r


def _fhir_bundle(rng, btype, entries, path, total=True):
    base = "https://hapi.fhir.org"
    b = {"resourceType": "Bundle", "id": _uuid(rng), "meta": {"lastUpdated": _when(rng, 20, True).replace("Z",
                                                                                                        "+00:00")},
         "type": btype, "link": [{"relation": "self", "url": base + path}],
         "entry": [{"fullUrl": base + "/baseR4/%s/%s" % (e["resourceType"], e["id"]), "resource": e,
                    "search": {"mode": "match"}} for e in entries]}
    if total:
        b["total"] = rng.randrange(len(entries), 5000)
    if rng.random() < .5:
        b["link"].append({"relation": "next", "url": base + "/baseR4?_getpages=" + _uuid(rng) + "&_getpagesoffset=20"
                          "&_count=20&_pretty=true&_bundletype=searchset"})
    return b


def _fhir_answer(rng, i, t, kind, path, query, item):
    v = _values(t, path)
    parts = t.split("/")
    typ = parts[2] if len(parts) > 2 and parts[2][:1].isupper() else rng.choice(FHIR_TYPES)
    if kind == "capability":
        return FHIR_JSON, dict(item, resourceType="CapabilityStatement", id=_uuid(rng), name="RestServer",
                               status="active", date=_when(rng, 20, True), publisher="Not provided", kind="instance",
                               software={"name": "HAPI FHIR Server", "version": "8.6.0"},
                               implementation={"description": "HAPI FHIR R4 Server", "url": "https://hapi.fhir.org/"
                                               "baseR4"}, fhirVersion="4.0.1", format=["application/fhir+xml",
                                                                                       "xml", "application/fhir+json",
                                                                                       "json"],
                               rest=[{"mode": "server", "resource": [{"type": x, "interaction": [{"code": "read"}]}
                                                                     for x in FHIR_TYPES[:3]]}])
    if kind == "read":
        return FHIR_JSON, _fhir_resource(rng, typ, v["id"], item)
    if kind == "vread":
        return FHIR_JSON, _fhir_resource(rng, typ, v["id"], item, v["vid"])
    if kind == "history":
        entries = [_fhir_resource(rng, typ, v["id"], item, str(n)) for n in (2, 1)]
        b = _fhir_bundle(rng, "history", entries, path)
        for e in b["entry"]:
            e.pop("search")
            e["request"] = {"method": "PUT", "url": "Patient/" + v["id"]}
            e["response"] = {"status": "200 OK", "etag": "W/\"2\""}
        return FHIR_JSON, b
    if kind in ("search", "page", "everything"):
        if query and "_summary=count" in query:
            return FHIR_JSON, {"resourceType": "Bundle", "id": _uuid(rng), "type": "searchset",
                               "total": rng.randrange(0, 500), _member(t): True}
        types = [typ, typ] if kind == "search" else ["Patient", "Observation"]
        entries = [_fhir_resource(rng, x, str(rng.randrange(1000, 99999)), item if k == 0 else dict(item))
                   for k, x in enumerate(types)]
        return FHIR_JSON, _fhir_bundle(rng, "searchset", entries, path, total=kind != "everything")
    if kind == "expand":
        return FHIR_JSON, dict(item, resourceType="ValueSet", id=v.get("id") or _uuid(rng), status="active",
                               url="http://hl7.org/fhir/ValueSet/" + v.get("id", "administrative-gender"),
                               expansion={"identifier": _uuid(rng), "timestamp": _when(rng, 20, True), "total": 4,
                                          "contains": [{"system": "http://hl7.org/fhir/administrative-gender",
                                                        "code": c, "display": c.title()}
                                                       for c in ("male", "female", "other", "unknown")]})
    return FHIR_JSON, dict(item, resourceType="Parameters", parameter=[{"name": "name", "valueString": "LOINC"},
                                                                       {"name": "display",
                                                                        "valueString": "Heart rate"},
                                                                       {"name": "abstract", "valueBoolean": False}])


def _fhir_outcome(diagnostics, code="processing"):
    div = ("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Operation Outcome</h1><table border=\"0\"><tr><td "
           "style=\"font-weight: bold;\">ERROR</td><td>[]</td><td>%s</td></tr></table></div>" % diagnostics)
    return {"resourceType": "OperationOutcome", "text": {"status": "generated", "div": div},
            "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}]}


def _fhir_error(rng, t, kind, path):
    v = _values(t, path)
    typ = t.split("/")[2] if len(t.split("/")) > 2 else ""
    if kind in ("read", "history", "everything", "vread") or kind == "expand" and "id" in v:
        if kind != "vread" and rng.random() < .25:
            return 410, FHIR_JSON, _fhir_outcome("Resource was deleted at %s"
                                                 % _when(rng, frac=True).replace("Z", "+00:00"))
        if kind == "vread" and rng.random() < .5:
            return 404, FHIR_JSON, _fhir_outcome("Version \"%s\" is not valid for resource %s/%s"
                                                 % (v["vid"], typ, v["id"]), "not-found")
        return 404, FHIR_JSON, _fhir_outcome("HAPI-2001: Resource %s/%s is not known" % (typ, v["id"]))
    if kind == "page":
        return 410, FHIR_JSON, _fhir_outcome("Search ID \"%s\" does not exist and may have expired"
                                             % _uuid(rng), "not-found")
    if kind == "search":
        return 400, FHIR_JSON, _fhir_outcome("HAPI-0524: Unknown search parameter \"%s\" for resource type \"%s\". "
                                             "Valid search parameters for this search are: [_id, _lastUpdated, "
                                             "_profile, _security, _tag, identifier]"
                                             % (rng.choice(["mrn", "dob", "patient_id"]), typ))
    if kind in ("expand", "lookup"):
        return 400, FHIR_JSON, _fhir_outcome("Unable to find code %s in system http://loinc.org"
                                             % _digits(rng, 5), "invalid")
    return 500, FHIR_JSON, _fhir_outcome("Failed to call access method: java.lang.NullPointerException",
                                         "exception")


# -- Canvas LMS REST API ---------------------------------------------------------------------------

CANVAS_PAGES = ["syllabus", "week-1-introduction", "week-2-data-structures", "course-policies", "office-hours",
                "final-project-guidelines", "lab-safety", "reading-list"]
CANVAS_INCLUDES = ["total_scores", "term", "teachers", "course_image", "syllabus_body", "sections", "concluded"]


def canvas(rng):
    V1 = "/api/v1"
    C = V1 + "/courses/{course_id}"
    T = [(V1 + "/courses", "courses"), (V1 + "/courses/{id}", "course"), (C + "/assignments", "assignments"),
         (C + "/assignments/{id}", "assignment"), (C + "/assignments/{assignment_id}/submissions", "submissions"),
         (C + "/assignments/{assignment_id}/submissions/{user_id}", "submission"),
         (C + "/students/submissions", "submissions"), (C + "/assignment_groups", "groups"),
         (C + "/enrollments", "enrollments"), (C + "/users", "users"), (C + "/users/{id}", "user"),
         (C + "/sections", "sections"), (C + "/modules", "modules"), (C + "/modules/{module_id}/items", "items"),
         (C + "/pages", "pages"), (C + "/pages/{url_or_id}", "page"), (C + "/front_page", "page"),
         (C + "/discussion_topics", "topics"), (C + "/discussion_topics/{topic_id}", "topic"),
         (C + "/discussion_topics/{topic_id}/view", "view"), (C + "/quizzes", "quizzes"), (C + "/quizzes/{id}", "quiz"),
         (C + "/files", "files"), (C + "/tabs", "tabs"), (C + "/analytics/student_summaries", "summaries"),
         (C + "/gradebook_history/days", "days"), (C + "/rubrics/{id}", "rubric"), (V1 + "/files/{id}", "file"),
         (V1 + "/folders/{id}/files", "files"), (V1 + "/users/{id}", "user"), (V1 + "/users/{user_id}/profile",
                                                                             "profile"),
         (V1 + "/users/self/todo", "todo"), (V1 + "/users/self/upcoming_events", "events"),
         (V1 + "/users/self/favorites/courses", "courses"), (V1 + "/users/{user_id}/courses", "courses"),
         (V1 + "/users/{user_id}/enrollments", "enrollments"),
         (V1 + "/users/{user_id}/courses/{course_id}/assignments", "assignments"),
         (V1 + "/users/{user_id}/page_views", "views"), (V1 + "/accounts", "accounts"),
         (V1 + "/accounts/{id}", "account"),
         (V1 + "/accounts/{account_id}/courses", "courses"), (V1 + "/accounts/{account_id}/users", "users"),
         (V1 + "/accounts/{account_id}/terms", "terms"), (V1 + "/accounts/{account_id}/sub_accounts", "accounts"),
         (V1 + "/announcements", "topics"), (V1 + "/calendar_events", "events"),
         (V1 + "/conversations", "conversations"),
         (V1 + "/conversations/{id}", "conversation"), (V1 + "/conversations/unread_count", "unread"),
         (V1 + "/planner/items", "planner"), (V1 + "/progress/{id}", "progress")]
    courses = [str(rng.randrange(1000, 60000)) for _ in range(7)]
    sis = ["sis_course_id:CS101-F26", "sis_course_id:MATH221-F26-001", "sis_course_id:BIO110-F26"]
    students = [str(rng.randrange(10 ** 4, 4 * 10 ** 5)) for _ in range(20)]
    assignments = {c: [str(rng.randrange(10 ** 5, 9 * 10 ** 5)) for _ in range(6)] for c in courses}
    modules = [str(rng.randrange(10 ** 5, 9 * 10 ** 5)) for _ in range(10)]
    state = {}

    def course():
        if rng.random() < .1:
            state["course"] = courses[0]
            return rng.choice(sis)
        state["course"] = _weighted(rng, courses)
        return state["course"]

    def user():
        t = state["tpl"]
        r = rng.random()
        if "/profile" in t or t.endswith("/page_views") or r < .25 and "/submissions/" not in t:
            return "self" if r < .7 else _hot(rng, students, .8, lambda: str(rng.randrange(10 ** 4, 4 * 10 ** 5)))
        if r < .35:
            return "sis_user_id:S%07d" % rng.randrange(10 ** 6, 10 ** 7)
        return _hot(rng, students, .7, lambda: str(rng.randrange(10 ** 4, 4 * 10 ** 5)))

    def ident():
        t = state["tpl"]
        if t == V1 + "/courses/{id}":
            return course()
        if t.endswith("/assignments/{id}"):
            return rng.choice(assignments.get(state.get("course"), assignments[courses[0]]))
        if t.endswith("/users/{id}"):
            return user()
        if t.endswith("/quizzes/{id}"):
            return str(rng.randrange(10 ** 4, 3 * 10 ** 5))
        if t.endswith("/accounts/{id}"):
            return rng.choice(["1", "self", "1", str(rng.randrange(2, 200))])
        if t.endswith("/conversations/{id}"):
            return str(rng.randrange(10 ** 5, 10 ** 7))
        if t.endswith("/progress/{id}"):
            return str(rng.randrange(10 ** 5, 10 ** 7))
        if t.endswith("/rubrics/{id}"):
            return str(rng.randrange(10 ** 3, 10 ** 5))
        return str(rng.randrange(10 ** 6, 9 * 10 ** 6))
    V = {"course_id": course, "id": ident,
         "assignment_id": lambda: rng.choice(assignments.get(state.get("course"), assignments[courses[0]])),
         "user_id": user, "module_id": lambda: _hot(rng, modules, .8, lambda: str(rng.randrange(10 ** 5, 9 * 10 ** 5))),
         "url_or_id": lambda: _weighted(rng, CANVAS_PAGES) if rng.random() < .85 else str(rng.randrange(10 ** 4,
                                                                                                       10 ** 6)),
         "topic_id": lambda: str(rng.randrange(10 ** 5, 3 * 10 ** 6)),
         "account_id": lambda: rng.choice(["1", "1", "self", str(rng.randrange(2, 200)), "sis_account_id:ENG"])}

    def page(*extra):
        def q():
            parts = [x() if callable(x) else x for x in extra if rng.random() < .5]
            if rng.random() < .8:
                parts.append("per_page=" + rng.choice(["50", "100", "100"]))
            if rng.random() < .25:
                parts.append("page=" + rng.choice(["2", "3", "bookmark:" + _s(rng, B64URL, 12)]))
            return "?" + "&".join(parts)
        return q
    def inc(*xs):
        return lambda: "&".join("include%5B%5D=" + x for x in rng.sample(xs, rng.randrange(1, len(xs) + 1)))
    Q = {t: page() for t, k in T if k.endswith("s") and "{id}" not in t[-4:]}
    Q.update({V1 + "/courses": page("enrollment_state=active", inc(*CANVAS_INCLUDES), "state%5B%5D=available"),
              V1 + "/courses/{id}": lambda: "?" + inc("syllabus_body", "term", "total_students", "teachers")(),
              C + "/assignments": page(inc("submission", "overrides", "all_dates"), "order_by=due_at",
                                       "bucket=" + rng.choice(["upcoming", "past", "overdue"])),
              C + "/assignments/{assignment_id}/submissions": page(inc("submission_comments", "rubric_assessment",
                                                                       "user")),
              C + "/students/submissions": page("student_ids%5B%5D=all", "grouped=true",
                                                "workflow_state=submitted", inc("assignment", "user")),
              C + "/enrollments": page("type%5B%5D=StudentEnrollment", "state%5B%5D=active", inc("grades",
                                                                                                "avatar_url")),
              C + "/users": page("enrollment_type%5B%5D=student", inc("enrollments", "email", "avatar_url"),
                                 "search_term=" + rng.choice(["smith", "jo", "S123"])),
              C + "/modules": page(inc("items", "content_details")),
              V1 + "/users/self/todo": lambda: rng.choice(["", "?include%5B%5D=ungraded_quizzes"]) or "?",
              V1 + "/calendar_events": lambda: "?type=" + rng.choice(["event", "assignment"]) + "&start_date=2026-11-"
              "16&end_date=2026-11-23&context_codes%5B%5D=course_" + _weighted(rng, courses) + "&per_page=100",
              V1 + "/announcements": lambda: "?context_codes%5B%5D=course_" + _weighted(rng, courses)
              + "&active_only=true&per_page=50",
              V1 + "/conversations": page("scope=" + rng.choice(["unread", "inbox", "sent"]), "filter%5B%5D=course_"
                                          + courses[0]),
              V1 + "/planner/items": lambda: "?start_date=2026-11-16T05%3A00%3A00.000Z&order=asc&per_page=100",
              V1 + "/users/{user_id}/page_views": lambda: "?start_time=2026-11-01T00%3A00%3A00Z&per_page=100"})
    return T, V, Q, "canvas", state


def _canvas_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    when = _when(rng)
    raw = v.get("course_id") or (v.get("id") if t.endswith("/courses/{id}") else None) or str(rng.randrange(1000,
                                                                                                         60000))
    cid = int(raw) if raw.isdigit() else rng.randrange(1000, 60000)
    course = dict(item, id=cid, name="Introduction to Computer Science", course_code="CS101", account_id=1,
                  uuid=_s(rng, B62, 40), start_at=None, end_at=None, enrollment_term_id=rng.randrange(1, 40),
                  sis_course_id="CS101-F26", integration_id=None, workflow_state="available", default_view="modules",
                  time_zone="America/New_York", is_public=False, public_syllabus=False, apply_assignment_group_weights=
                  True, hide_final_grades=False, blueprint=False, created_at=when, grading_standard_id=None,
                  enrollments=[{"type": "student", "role": "StudentEnrollment", "enrollment_state": "active"}])
    uid = v.get("user_id") or v.get("id") or "self"
    user = dict(item, id=int(uid) if uid.isdigit() else rng.randrange(10 ** 4, 4 * 10 ** 5), name="Jane Doe",
                sortable_name="Doe, Jane", short_name="Jane", sis_user_id="S%07d" % rng.randrange(10 ** 7),
                login_id="jdoe", created_at=when, avatar_url="https://acme.instructure.com/images/messages/avatar-"
                "50.png", email=_email(rng, "students.acme.edu"))
    assignment = dict(item, id=int(v.get("assignment_id") or rng.randrange(10 ** 5, 9 * 10 ** 5)), name="Homework 3",
                      description="<p>Implement a linked list.</p>", due_at=when, points_possible=10.0,
                      grading_type="points", submission_types=["online_upload"], course_id=cid,
                      assignment_group_id=rng.randrange(10 ** 4, 10 ** 5), published=True, html_url=
                      "https://acme.instructure.com/courses/%d/assignments/%d" % (cid, rng.randrange(10 ** 5)),
                      has_submitted_submissions=True, lock_at=None, unlock_at=None)
    submission = dict(item, id=rng.randrange(10 ** 7, 10 ** 8), assignment_id=assignment["id"], user_id=user["id"],
                      submitted_at=when, score=rng.choice([None, 8.5, 10.0]), grade=rng.choice([None, "8.5", "10"]),
                      attempt=1, workflow_state=rng.choice(["submitted", "graded", "unsubmitted"]), late=False,
                      missing=False, excused=None, grader_id=None, preview_url="https://acme.instructure.com/"
                      "courses/%d/assignments/%d/submissions/%d?preview=1" % (cid, assignment["id"], user["id"]))
    page_ = dict(item, page_id=rng.randrange(10 ** 4, 10 ** 6), url=v.get("url_or_id", "front-page"),
                 title="Week 1: Introduction", created_at=when, updated_at=when, published=True, front_page="front"
                 in t, editing_roles="teachers", body="<p>Welcome!</p>", locked_for_user=False)
    topic = dict(item, id=int(v.get("topic_id") or rng.randrange(10 ** 5, 3 * 10 ** 6)), title="Week 3 discussion",
                 message="<p>Post your questions here.</p>", posted_at=when, discussion_type="threaded",
                 discussion_subentry_count=rng.randrange(40), read_state="unread", unread_count=rng.randrange(10),
                 published=True, is_announcement="announcement" in t, context_code="course_%d" % cid)
    one = {"course": course, "assignment": assignment, "submission": submission, "user": user, "page": page_,
           "topic": topic,
           "quiz": dict(item, id=int(v.get("id", "0")) if v.get("id", "").isdigit() else 1, title="Quiz 2",
                        quiz_type="assignment", points_possible=20.0, time_limit=30, allowed_attempts=1,
                        published=True, question_count=10),
           "file": dict(item, id=int(v["id"]) if v.get("id", "").isdigit() else rng.randrange(10 ** 6, 9 * 10 ** 6),
                        uuid=_s(rng, B62, 40), folder_id=rng.randrange(10 ** 5, 10 ** 6), display_name="lecture-05.pdf",
                        filename="lecture-05.pdf", **{"content-type": "application/pdf"},
                        url="https://acme.instructure.com/files/%d/download?download_frd=1&verifier=%s"
                        % (rng.randrange(10 ** 6, 9 * 10 ** 6), _s(rng, B62, 40)), size=rng.randrange(10 ** 4, 10 ** 7),
                        created_at=when, locked=False, hidden=False, thumbnail_url=None, mime_class="pdf"),
           "account": dict(item, id=int(v["id"]) if v.get("id", "").isdigit() else 1, name="Acme University",
                           uuid=_s(rng, B62, 40), parent_account_id=None, root_account_id=None,
                           workflow_state="active", default_time_zone="America/New_York", sis_account_id=None),
           "conversation": dict(item, id=rng.randrange(10 ** 5, 10 ** 7), subject="Question about HW3",
                                workflow_state="read", last_message="Thanks!", message_count=3, participants=[],
                                messages=[{"id": rng.randrange(10 ** 6), "body": "Thanks!", "author_id": 12}]),
           "rubric": dict(item, id=int(v.get("id", "1")) if v.get("id", "").isdigit() else 1, title="Essay rubric",
                          points_possible=20.0, data=[{"id": "_1234", "points": 10, "description": "Thesis"}]),
           "progress": dict(item, id=int(v.get("id", "1")) if v.get("id", "").isdigit() else 1,
                            context_id=cid, context_type="Course", tag="course_batch_update", completion=100.0,
                            workflow_state=rng.choice(["completed", "running", "queued"]), created_at=when,
                            message=None, url="https://acme.instructure.com/api/v1/progress/1")}
    if kind in one:
        return js, one[kind]
    if kind == "profile":
        return js, dict(user, title=None, bio=None, primary_email=user["email"], locale=None, time_zone=
                        "America/New_York", calendar={"ics": "https://acme.instructure.com/feeds/calendars/user_"
                                                      + _s(rng, B62, 40) + ".ics"}, lti_user_id=_hex(rng, 40))
    if kind == "view":
        return js, {"unread_entries": [], "forced_entries": [], "entry_ratings": {},
                    "participants": [{"id": user["id"], "display_name": "Jane Doe"}],
                    "view": [dict(item, id=rng.randrange(10 ** 6), user_id=user["id"], message="<p>I think...</p>",
                                  created_at=when, replies=[])], "new_entries": []}
    if kind == "unread":
        return js, {"unread_count": str(rng.randrange(0, 20)), _member(t): True}
    if kind == "summaries":
        return js, [dict(item, id=user["id"], page_views=rng.randrange(500), participations=rng.randrange(50),
                         tardiness_breakdown={"missing": 0, "late": 1, "on_time": 9, "floating": 0, "total": 10},
                         max_page_views=812, max_participations=40)]
    if kind == "days":
        return js, [dict(item, date="2026-11-%02d" % d, graders=[{"id": 12, "name": "Prof. Smith",
                                                                  "assignments": [assignment["id"]]}])
                    for d in (19, 18)]
    many = {"courses": course, "assignments": assignment, "submissions": submission, "users": user,
            "pages": page_, "topics": topic, "quizzes": one["quiz"], "files": one["file"], "accounts": one["account"],
            "conversations": one["conversation"],
            "enrollments": dict(item, id=rng.randrange(10 ** 5, 10 ** 7), course_id=cid, user_id=user["id"],
                                type="StudentEnrollment", enrollment_state="active", role="StudentEnrollment",
                                grades={"current_score": 91.3, "final_score": 88.0, "current_grade": "A-"},
                                user=user),
            "groups": dict(item, id=rng.randrange(10 ** 4, 10 ** 5), name="Homework", position=1, group_weight=40.0,
                           rules={}),
            "sections": dict(item, id=rng.randrange(10 ** 4, 10 ** 5), name="CS101-001", course_id=cid,
                             sis_section_id="CS101-F26-001", start_at=None, end_at=None),
            "modules": dict(item, id=rng.randrange(10 ** 5, 9 * 10 ** 5), name="Week 1", position=1, unlock_at=None,
                            require_sequential_progress=False, published=True, items_count=6,
                            items_url="https://acme.instructure.com/api/v1/courses/%d/modules/1/items" % cid),
            "items": dict(item, id=rng.randrange(10 ** 6, 9 * 10 ** 6), module_id=rng.randrange(10 ** 5), position=1,
                          title="Lecture slides", indent=0, type=rng.choice(["File", "Page", "Assignment", "Quiz"]),
                          content_id=rng.randrange(10 ** 5), html_url="https://acme.instructure.com/courses/%d/"
                          "modules/items/1" % cid, published=True),
            "tabs": dict(item, id=rng.choice(["home", "modules", "assignments", "grades", "people"]),
                         html_url="/courses/%d" % cid, label="Home", type="internal", position=1,
                         visibility="public"),
            "todo": dict(item, type="submitting", assignment=assignment, ignore="https://acme.instructure.com/api/v1"
                         "/users/self/todo/assignment_1/submitting?permanent=0", context_type="Course",
                         course_id=cid, html_url=assignment["html_url"]),
            "events": dict(item, id=rng.randrange(10 ** 5, 10 ** 7), title="Midterm review", start_at=when,
                           end_at=when, type="event", context_code="course_%d" % cid, workflow_state="active",
                           all_day=False, location_name="Room 204"),
            "terms": dict(item, id=rng.randrange(1, 40), name="Fall 2026", start_at="2026-08-24T04:00:00Z",
                          end_at="2026-12-18T05:00:00Z", workflow_state="active", sis_term_id="2026FA"),
            "views": dict(item, id=_uuid(rng), url="https://acme.instructure.com/courses/%d" % cid,
                          context_type="Course", asset_type="course", controller="courses", action="show",
                          interaction_seconds=rng.randrange(1, 600), created_at=when, user_agent="Mozilla/5.0",
                          participated=False, remote_ip="203.0.113.7"),
            "planner": dict(item, context_type="Course", course_id=cid, plannable_id=assignment["id"],
                            plannable_type="assignment", plannable_date=when, new_activity=False,
                            submissions={"submitted": False, "graded": False, "missing": False},
                            plannable={"id": assignment["id"], "title": "Homework 3", "due_at": when})}
    x = many.get(kind, item)
    if kind == "terms":
        return js, {"enrollment_terms": [x, dict(x)]}
    return js, [x, dict(x)]


def _canvas_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    r = rng.random()
    if r < .15:
        return 401, js, {"errors": [{"message": "Invalid access token."}]}
    if "{" not in t and t.count("/") <= 3 or r < .25:
        return 403, "text/plain; charset=utf-8", "403 Forbidden (Rate Limit Exceeded)\n"
    if r < .4 and ("/accounts/" in t or "/page_views" in t or "/analytics/" in t):
        return 403, js, {"status": "unauthorized", "errors": [{"message": "user not authorized to perform that "
                                                                          "action"}]}
    return 404, js, {"errors": [{"message": "The specified resource does not exist."}]}


CLIENTS = {f.__name__: f for f in (stripe, riot, ensembl, internetarchive, heroku, coinbase, nws, deezer, hexpm, tfl,
                                   fhir, canvas)}
ANSWER = {"stripe": _stripe_answer, "riot": _riot_answer, "ensembl": _ensembl_answer,
          "internetarchive": _internetarchive_answer, "heroku": _heroku_answer, "coinbase": _coinbase_answer,
          "nws": _nws_answer, "deezer": _deezer_answer, "hexpm": _hexpm_answer, "tfl": _tfl_answer,
          "fhir": _fhir_answer, "canvas": _canvas_answer}
# Misses as each API answers them: (rng, template, kind, path) -> (status, content type, body).
ERROR_FOR = {"stripe": _stripe_error, "riot": _riot_error, "ensembl": _ensembl_error,
             "internetarchive": _internetarchive_error, "heroku": _heroku_error, "coinbase": _coinbase_error,
             "nws": _nws_error, "deezer": _deezer_error, "hexpm": _hexpm_error, "tfl": _tfl_error,
             "fhir": _fhir_error, "canvas": _canvas_error}


def traffic(client, n, seed, out):
    """Write n exchanges; return {template: set of parameter-value tuples} for the templates requested."""
    return clients.write(CLIENTS, client, n, seed, out, clients.answering(ANSWER, ERROR_FOR))
