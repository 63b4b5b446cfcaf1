"""Twelve more clients of real public APIs, in the style and interface of bench/clients7.py.

Written from the public shapes of PayPal's REST APIs, Packagist (its API, the Composer v2 and v1
metadata on repo.packagist.org, its pages and feeds), Quay.io's API v1, CircleCI's API v2 (and
v1.1), Datadog's API v1/v2, the Telegram Bot API, the OpenStreetMap API v0.6, a Plex Media Server,
a Philips Hue bridge (API v1 and CLIP v2), a Socrata open data portal (SODA, the views, catalog
and OData APIs and its pages), OpenAlex and Cloudinary (delivery URLs and the Admin API), GET
only, by a helper that read only the bench's other clients. Each has a few tenants, owners,
bots, servers, bridges, clouds or datasets seen often beside open sets of ids, Zipf over the
endpoints and about one request in ten a miss (both from `clients.requests`), each miss answered
the way the real API answers it, a member of its own in each endpoint's JSON answer, collections
wrapped the way the real API wraps them, and query strings where the real client sends them.

Misses as the real APIs answer them: PayPal's `RESOURCE_NOT_FOUND` with `details` and `links` (v2,
billing) beside `INVALID_RESOURCE_ID` with an `information_link` (v1 payments, webhooks), 400 for a
report out of range and 401 `invalid_token` elsewhere; Packagist's JSON 404, nginx pages for
repo.packagist.org's static metadata, 200 with empty lists for searches and providers and a
`resync` action for a stale `?since`; Quay's `application/problem+json`; CircleCI's `message`
bodies (`You must log in first.`); Datadog's `{"errors": [...]}` with 403 for a bad key and 400
for a bad query; Telegram's `ok: false` with 400 `chat not found`, 403 `bot was blocked`, 409 for
a second `getUpdates`, 429 with `retry_after` and nginx's 502; OpenStreetMap's empty 404 and 410
Gone for deleted elements, users and notes, plain-text 400s for a bbox too large, 401 `Couldn't
authenticate you` and 509 `You have downloaded too much data`; Plex's bare HTML pages; Hue v1's 200
with an error array (type 3 `resource, /lights/31, not available`, type 1 `unauthorized user`)
beside CLIP v2's 404 and 403; Socrata's `{"code": "not_found", "error": true}`, SoQL's 400
`query.soql.no-such-column`, empty catalog results and HTML pages; OpenAlex's 403 for bad
parameters, Flask's 404 and a 301 `Redirecting...` for merged entities; Cloudinary's empty 404,
401 for a bad signature and 400 for a bad transformation on delivery URLs, and on the Admin API
`Resource not found - {public_id}`, 401 `Invalid api_key` and 420 `Rate Limit Exceeded`.

Shapes covered: 17-character ids in capitals beside prefixed ones (`P-…`, `I-…`, `PROD-…`,
`INV2-XXXX-XXXX-XXXX-XXXX`, `TEMP-…`, `PP-D-27803`, `WH-…-…`, `XP-…`, `PAY-…`), merchant-set
product ids, trackers `{transaction_id}-{tracking_number}`, `webhooks-events` beside `webhooks`,
v1, v2 and v3 in one API (PayPal); `{vendor}/{package}.json`, `~dev.json`, `stats/all.json` beside
`stats/{version}.json`, Composer 1's `{package}${sha256}.json` and `provider-{period}${sha256}.json`,
feeds `package.{vendor}/{package}.rss` and `vendor.{vendor}.rss`, versions with and without `v`,
304s to Composer's conditional requests (Packagist); trailing slashes on some collections and not
others (`tag/`, `build/`, `permissions/user/` beside `logs`, `robots`), raw `sha256:` digests,
robot users `acme+deployer`, dates `11%2F13%2F2026` in log queries, RFC 1123 dates with `-0000`,
MinIO's `RELEASE.…` tags (Quay); project slugs as three segments `gh/{org}/{repo}` beside
`circleci/{org-uuid}/{project-uuid}`, job numbers right after the slug (`/{job_number}/artifacts`)
beside `job/{job_number}`, raw-colon key fingerprints, insights by workflow and job name, `mine`
beside pipeline numbers, v1.1 with `github` (CircleCI); `abc-def-ghi` public ids, 32-hex SLO ids,
dotted metric names, host names with dots, 19-digit event ids, bracketed `filter[...]` queries,
`hourly_usage` dates `2026-11-19T00`, v1 and v2 collections wrapped differently (Datadog); a bot
token after the literal `bot` (`/bot{token}/getMe`), case-sensitive method names, file paths
`{folder}/file_{n}.{ext}`, supergroup ids `-100…`, `@channel` chat ids, long-poll offsets
(Telegram); `{id}.json` beside `{id}`, `{id}/{version}` beside `history`, `ways`, `relations` and
`full`, `user/details` and `notes/search.json` where an id would be, bboxes with raw commas, XML
by default (OpenStreetMap); `/:/prefs`, `/:/timeline` and `/video/:/transcode/…` segments,
thumbnails under `{ratingKey}/thumb/{updatedAt}`, parts `file.{ext}`, HLS segments `{segment}.ts`,
`X-Plex-*` in queries, JSON for Plex Web and XML for token-only clients (Plex); a 40-character
application key as the second segment, group `0`, `lights/new` beside light ids, 15-character
scene ids, v1 collections as objects keyed by id, CLIP v2 resource types as literals with UUIDs
(Hue); 4x4 dataset ids, `{dataset_id}.{format}`, `$` and `%24` in SoQL queries, `metadata/v1`
and `users/current.json` where ids go, SEO URLs `/{category}/{dataset_name}/{dataset_id}` at the
root, blob downloads by MIME type (Socrata); `W…`, `A5…`, `S…`, `I…`, `T…` ids beside `random`,
external ids after fixed text (`doi:`, `pmid:`, `orcid:`, `issn:`, `ror:`), keyword slugs,
numeric domains and fields, `cursor=*` (OpenAlex); the cloud name as the first segment,
`v{version}` beside transformations in the same place, chained transformations, public ids
in one folder, `s--{signature}--`, fetched URLs encoded in one segment, raw file names with their
extension, the SDK's `_a=` query, `usage?date=19-11-2026` (Cloudinary).
Non-JSON answers: Packagist's pages, feeds and 304s; the files Telegram serves; OpenStreetMap's
XML, osmChange, GPX, RSS and text; Plex's XML, images, media, subtitles, playlists and segments;
the Hue bridge's event stream and UPnP description; Socrata's CSV, GeoJSON, KML, Shapefile zips,
PDFs, pages and redirects; OpenAlex's redirects; Cloudinary's images, videos, playlists and raw
files.

Left out as not learnable at a fixed depth: Cloudinary public ids in nested folders and fetched
URLs left raw, Telegram file paths of other depths, OpenAlex ids given as full URLs with raw
slashes, Quay's nested repository names. Left out as other hosts or not plain GETs: PayPal's
OAuth token, Packagist's dist downloads (GitHub's), CircleCI's artifact host, Plex's plex.tv,
the Telegram Bot API's POST-only uploads.

`traffic(client, n, seed, path)` writes `n` exchanges as JSON Lines and returns the templates
requested, each with the tuples of values its parameters took.
"""
import hashlib
import json
import os
import sys
from urllib.parse import quote, unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clients  # noqa: E402
from clients2 import B62, B64URL, _s, _uuid  # noqa: E402
from clients3 import UPPER, _hex  # noqa: E402
from clients4 import JPEG, LOWER, _hot  # noqa: E402
from clients5 import _email  # noqa: E402
from clients6 import PDF, PNG, _member, _weighted  # noqa: E402
from clients7 import GZIP, WEBP, _values  # noqa: E402

DIGITS = "0123456789"
NGINX = ("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>"
         "nginx</center>\r\n</body>\r\n</html>\r\n")
MP4 = "\u0000\u0000\u0000\u0020ftypisom\u0000\u0000\u0002\u0000isomiso2avc1mp41"
ZIP = "PK\u0003\u0004\u0014\u0000\u0008\u0000\u0008\u0000"


def _nginx(code, reason):
    return NGINX % (code, reason, code, reason)


def _digits(rng, k):
    return rng.choice("123456789") + _s(rng, DIGITS, k - 1)


def _rfc1123(rng, day=None):
    """A date as Python's email.utils writes it with `-0000` (Quay's answers)."""
    d = day or rng.randrange(1, 21)
    return "%s, %02d Nov 2026 %02d:%02d:%02d -0000" % (["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d % 7], d,
                                                       rng.randrange(24), rng.randrange(60), rng.randrange(60))


# -- PayPal REST APIs ------------------------------------------------------------------------------

def _pp(rng, k=17):
    """A PayPal resource id: capitals and digits (orders, captures, refunds, webhooks, payer ids)."""
    return _s(rng, UPPER, k)


def paypal(rng):
    V1, V2 = "/v1", "/v2"
    T = [(V2 + "/checkout/orders/{order_id}", "order"),
         (V2 + "/payments/authorizations/{authorization_id}", "authorization"),
         (V2 + "/payments/captures/{capture_id}", "capture"), (V2 + "/payments/refunds/{refund_id}", "refund"),
         (V1 + "/payments/payment/{payment_id}", "payment"), (V1 + "/payments/sale/{sale_id}", "sale"),
         (V1 + "/billing/plans", "plans"), (V1 + "/billing/plans/{plan_id}", "plan"),
         (V1 + "/billing/subscriptions/{subscription_id}", "subscription"),
         (V1 + "/billing/subscriptions/{subscription_id}/transactions", "transactions"),
         (V1 + "/catalogs/products", "products"), (V1 + "/catalogs/products/{product_id}", "product"),
         (V2 + "/invoicing/invoices", "invoices"), (V2 + "/invoicing/invoices/{invoice_id}", "invoice"),
         (V2 + "/invoicing/templates", "templates"), (V2 + "/invoicing/templates/{template_id}", "template"),
         (V1 + "/customer/disputes", "disputes"), (V1 + "/customer/disputes/{dispute_id}", "dispute"),
         (V1 + "/notifications/webhooks", "webhooks"), (V1 + "/notifications/webhooks/{webhook_id}", "webhook"),
         (V1 + "/notifications/webhooks/{webhook_id}/event-types", "event_types"),
         (V1 + "/notifications/webhooks-events", "events"),
         (V1 + "/notifications/webhooks-events/{event_id}", "event"),
         (V1 + "/notifications/webhooks-event-types", "event_types"),
         (V1 + "/payments/payouts/{payout_batch_id}", "payout"),
         (V1 + "/payments/payouts-item/{payout_item_id}", "payout_item"),
         (V1 + "/reporting/transactions", "report"), (V1 + "/reporting/balances", "balances"),
         (V1 + "/identity/oauth2/userinfo", "userinfo"), ("/v3/vault/payment-tokens", "tokens"),
         ("/v3/vault/payment-tokens/{token_id}", "token"), ("/v3/vault/setup-tokens/{setup_token_id}", "setup_token"),
         (V1 + "/shipping/trackers/{tracker_id}", "tracker"), (V1 + "/payment-experience/web-profiles", "profiles"),
         (V1 + "/payment-experience/web-profiles/{profile_id}", "profile"),
         (V1 + "/customer/partners/{partner_id}/merchant-integrations/{merchant_id}", "integration")]
    plans = ["P-" + _s(rng, UPPER, 24) for _ in range(5)]
    products = ["PROD-" + _s(rng, UPPER, 17) for _ in range(3)] + ["acme-cloud-pro", "SKU-ACME-TEAM-01"]
    subscriptions = ["I-" + _s(rng, UPPER, 12) for _ in range(12)]
    templates = ["TEMP-" + _s(rng, UPPER, 17) for _ in range(3)]
    hooks = [_pp(rng), _pp(rng)]
    profiles = ["XP-" + "-".join(_s(rng, UPPER, 4) for _ in range(4)) for _ in range(2)]
    partner = _pp(rng, 13)
    merchants = [_pp(rng, 13) for _ in range(6)]
    disputes = ["PP-D-" + str(rng.randrange(1000, 99999)) for _ in range(5)]
    customers = [_s(rng, B62, 10) for _ in range(4)]
    recent = [_pp(rng) for _ in range(6)]
    tokens = [_s(rng, LOWER, rng.choice([7, 8])) for _ in range(5)]

    def tracking():
        return rng.choice(["1Z" + _s(rng, UPPER, 16), "9400" + _s(rng, DIGITS, 18), _digits(rng, 12)])

    def dispute():
        if rng.random() < .15:
            return "PP-R-" + _s(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + "-" + str(rng.randrange(10_000_000, 10_999_999))
        return _hot(rng, disputes, .6, lambda: "PP-D-" + str(rng.randrange(1000, 99999)))
    V = {"order_id": lambda: _hot(rng, recent, .3, lambda: _pp(rng)), "authorization_id": lambda: _pp(rng),
         "capture_id": lambda: _pp(rng), "refund_id": lambda: _pp(rng),
         "payment_id": lambda: "PAY-" + _s(rng, UPPER, 24), "sale_id": lambda: _pp(rng),
         "plan_id": lambda: _weighted(rng, plans),
         "subscription_id": lambda: _hot(rng, subscriptions, .6, lambda: "I-" + _s(rng, UPPER, 12)),
         "product_id": lambda: _weighted(rng, products),
         "invoice_id": lambda: "INV2-" + "-".join(_s(rng, UPPER, 4) for _ in range(4)),
         "template_id": lambda: rng.choice(templates), "dispute_id": dispute, "webhook_id": lambda: rng.choice(hooks),
         "event_id": lambda: "WH-" + _pp(rng) + "-" + _pp(rng), "payout_batch_id": lambda: _pp(rng, 13),
         "payout_item_id": lambda: _pp(rng, 13), "token_id": lambda: _hot(rng, tokens, .7, lambda: _s(rng, LOWER, 8)),
         "setup_token_id": lambda: _pp(rng), "tracker_id": lambda: _pp(rng) + "-" + tracking(),
         "profile_id": lambda: rng.choice(profiles), "partner_id": lambda: partner,
         "merchant_id": lambda: _hot(rng, merchants, .7, lambda: _pp(rng, 13))}
    day = lambda: "2026-11-%02d" % rng.randrange(1, 20)  # noqa: E731
    stamp = lambda: day() + "T%02d%%3A%02d%%3A00.000Z" % (rng.randrange(24), rng.randrange(60))  # noqa: E731
    paged = lambda: "?page_size=%d&page=%d&total_required=true" % (rng.choice([10, 20]), rng.choice([1, 1, 2]))  # noqa
    Q = {V2 + "/checkout/orders/{order_id}": lambda: rng.choice(["", "", "", "?fields=payment_source"]) or "?",
         V1 + "/billing/plans": lambda: "?product_id=" + _weighted(rng, products) + "&" + paged()[1:],
         V1 + "/billing/subscriptions/{subscription_id}": lambda: rng.choice(["", "?fields=last_failed_payment,plan"])
         or "?",
         V1 + "/billing/subscriptions/{subscription_id}/transactions": lambda: "?start_time=2026-10-01T00%3A00%3A00"
         ".000Z&end_time=" + stamp(),
         V1 + "/catalogs/products": paged, V2 + "/invoicing/invoices": lambda: paged() + "&fields=amount",
         V2 + "/invoicing/templates": lambda: "?fields=" + rng.choice(["all", "none"]) + "&page=1&page_size=20",
         V1 + "/customer/disputes": lambda: rng.choice(["?dispute_state=REQUIRED_ACTION&page_size=10",
                                                        "?start_time=" + stamp() + "&page_size=50",
                                                        "?update_time_after=" + stamp() + "&page_size=50"]),
         V1 + "/notifications/webhooks": lambda: "?anchor_type=" + rng.choice(["APPLICATION", "ACCOUNT"]),
         V1 + "/notifications/webhooks-events": lambda: "?page_size=10&start_time=" + stamp() + rng.choice(
             ["", "&event_type=PAYMENT.CAPTURE.COMPLETED", "&event_type=BILLING.SUBSCRIPTION.CANCELLED"]),
         V1 + "/payments/payouts/{payout_batch_id}": lambda: "?page=1&page_size=1000&total_required=true",
         V1 + "/reporting/transactions": lambda: "?start_date=" + day() + "T00%3A00%3A00-0800&end_date=2026-11-20"
         "T23%3A59%3A59-0800&fields=all&page_size=100&page=" + str(rng.randrange(1, 4)) + rng.choice(
             ["", "&transaction_status=S", "&transaction_id=" + _pp(rng)]),
         V1 + "/reporting/balances": lambda: "?currency_code=" + rng.choice(["ALL", "USD", "EUR"]) + rng.choice(
             ["", "&as_of_time=" + stamp()]),
         V1 + "/identity/oauth2/userinfo": lambda: "?schema=" + rng.choice(["paypalv1.1", "paypalv1.1", "openid"]),
         "/v3/vault/payment-tokens": lambda: "?customer_id=" + rng.choice(customers) + "&page_size=5&page=1"}
    return T, V, Q, "paypal"


PP_BASE = "https://api-m.paypal.com"
PP_LISTS = {"plans": "plans", "products": "products", "invoices": "items", "templates": "templates",
            "disputes": "items", "webhooks": "webhooks", "events": "events", "event_types": "event_types",
            "transactions": "transactions", "tokens": "payment_tokens"}
PP_STATUS = {"order": ["COMPLETED", "APPROVED", "CREATED", "PAYER_ACTION_REQUIRED"], "authorization": ["CREATED",
                                                                                                    "CAPTURED"],
             "capture": ["COMPLETED", "PENDING", "REFUNDED"], "refund": ["COMPLETED", "PENDING"],
             "plan": ["ACTIVE", "INACTIVE"], "subscription": ["ACTIVE", "CANCELLED", "SUSPENDED", "APPROVAL_PENDING"],
             "invoice": ["SENT", "PAID", "DRAFT", "SCHEDULED"], "setup_token": ["APPROVED", "CREATED"]}


def _paypal_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    link = [{"href": PP_BASE + path, "rel": "self", "method": "GET"}]
    when = "2026-11-%02dT%02d:%02d:%02dZ" % (rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                            rng.randrange(60))
    money = {"currency_code": "USD", "value": "%d.%02d" % (rng.randrange(1, 900), rng.randrange(100))}
    if kind in PP_LISTS:
        body = {PP_LISTS[kind]: [item, dict(item)]}
        if kind in ("plans", "products", "invoices", "transactions", "tokens") and query and "total_required" in query \
                or kind in ("transactions", "tokens"):
            body.update(total_items=2, total_pages=1)
        if kind == "tokens":
            body = dict({"customer": {"id": query.split("customer_id=")[1].split("&")[0] if query else ""}}, **body)
        if kind == "events":
            body["count"] = 2
        if kind not in ("webhooks", "event_types"):
            body["links"] = link
        return js, body
    if kind == "profiles":
        return js, [dict(item, id=rng.choice(["XP-GCUV-X35G-HNEY-5MJY", "XP-8YTH-NNP3-WSVN-3C76"]),
                         name="acme-checkout",
                         temporary=False), dict(item)]
    if kind == "report":
        return js, {"transaction_details": [dict(item, transaction_info={"transaction_id": _pp(rng),
                                                                         "transaction_event_code": "T0006",
                                                                         "transaction_amount": money,
                                                                         "transaction_status": "S"})],
                    "account_number": _pp(rng, 13), "start_date": "2026-11-01T00:00:00-0800",
                    "end_date": "2026-11-20T23:59:59-0800", "last_refreshed_datetime": "2026-11-20T01:59:59-0800",
                    "page": 1, "total_items": 1, "total_pages": 1, "links": link}
    if kind == "balances":
        return js, {"balances": [dict(item, currency="USD", primary=True, total_balance=money,
                                      available_balance=money, withheld_balance={"currency_code": "USD",
                                                                                 "value": "0.00"})],
                    "account_id": _pp(rng, 13), "as_of_time": when, "last_refresh_time": when}
    if kind == "userinfo":
        return js, dict(item, user_id="https://www.paypal.com/webapps/auth/identity/user/" + _s(rng, B64URL, 43),
                        name="Jane Doe", payer_id=_pp(rng, 13), verified_account="true",
                        emails=[{"value": "billing@acme.com", "primary": True, "confirmed": True}])
    ident = list(v.values())[-1] if v else _pp(rng)
    if kind == "dispute":
        return js, dict(item, dispute_id=ident, create_time=when, update_time=when, reason="MERCHANDISE_OR_SERVICE_NOT"
                        "_RECEIVED", status=rng.choice(["UNDER_REVIEW", "WAITING_FOR_SELLER_RESPONSE", "RESOLVED"]),
                        dispute_amount=money, dispute_life_cycle_stage="CHARGEBACK", links=link)
    if kind == "payout":
        return js, {"batch_header": dict(item, payout_batch_id=ident, batch_status="SUCCESS", time_created=when,
                                         amount=money, fees={"currency_code": "USD", "value": "0.25"}),
                    "items": [{"payout_item_id": _pp(rng, 13), "transaction_status": "SUCCESS"}], "links": link}
    if kind == "payout_item":
        return js, dict(item, payout_item_id=ident, transaction_id=_pp(rng), transaction_status="SUCCESS",
                        payout_batch_id=_pp(rng, 13), payout_item_fee=money, links=link)
    if kind == "event":
        return js, dict(item, id=ident, event_version="1.0", create_time=when, resource_type="capture",
                        resource_version="2.0", event_type="PAYMENT.CAPTURE.COMPLETED",
                        summary="Payment completed for $ " + money["value"] + " USD",
                        resource={"id": _pp(rng), "status": "COMPLETED", "amount": money}, links=link)
    if kind == "tracker":
        txn, number = ident.split("-", 1)
        return js, dict(item, transaction_id=txn, tracking_number=number, status="SHIPPED",
                        carrier="UPS" if number.startswith("1Z") else "USPS" if len(number) == 22 else "FEDEX",
                        links=link)
    if kind == "integration":
        return js, dict(item, merchant_id=ident, tracking_id="acme-" + _hex(rng, 8), payments_receivable=True,
                        primary_email_confirmed=True, products=[{"name": "PPCP_STANDARD",
                                                                 "vetting_status": "SUBSCRIBED"}],
                        oauth_integrations=[{"integration_type": "OAUTH_THIRD_PARTY"}])
    if kind == "payment":
        return js, dict(item, id=ident, intent="sale", state="approved", cart=_hex(rng, 17).upper(),
                        payer={"payment_method": "paypal", "status": "VERIFIED"},
                        transactions=[{"amount": {"total": money["value"], "currency": "USD"}}], create_time=when,
                        links=link)
    if kind == "sale":
        return js, dict(item, id=ident, state="completed", amount={"total": money["value"], "currency": "USD"},
                        parent_payment="PAY-" + _s(rng, UPPER, 24), create_time=when, links=link)
    body = dict(item, id=ident, create_time=when, update_time=when, links=link)
    if kind in PP_STATUS:
        body["status"] = rng.choice(PP_STATUS[kind])
    if kind == "order":
        body.update(intent="CAPTURE", purchase_units=[{"reference_id": "default", "amount": money}],
                    payer={"email_address": _email(rng, "example.com"), "payer_id": _pp(rng, 13)})
    elif kind == "subscription":
        body.update(plan_id="P-" + _s(rng, UPPER, 24), start_time=when, quantity="1",
                    billing_info={"outstanding_balance": money, "next_billing_time": when, "failed_payments_count": 0})
    elif kind == "product":
        body.update(name="Acme Cloud", type=rng.choice(["SERVICE", "DIGITAL"]), category="SOFTWARE")
    elif kind == "invoice":
        body.update(detail={"invoice_number": "ACME-%05d" % rng.randrange(1, 99999), "currency_code": "USD"},
                    amount=money, due_amount=money)
    elif kind == "token":
        body.update(customer={"id": _s(rng, B62, 10)}, payment_source={"card": {"brand": "VISA",
                                                                                "last_digits": "4242"}})
    return js, body


def _paypal_error(rng, t, kind, path):
    js = "application/json"
    debug = _hex(rng, 13)
    if kind == "report":
        return 400, js, {"name": "INVALID_REQUEST", "message": "Request is not well-formed, syntactically incorrect, "
                         "or violates schema.", "debug_id": debug, "details": [
                             {"field": "start_date", "value": "", "location": "query",
                              "issue": "Data for the given start date is not available."}],
                         "links": [{"href": "https://developer.paypal.com/docs/api/transaction-search/v1/#error-"
                                    "INVALID_REQUEST", "rel": "information_link", "method": "GET"}]}
    if "{" not in t:
        return 401, js, {"error": "invalid_token", "error_description": "Token signature verification failed"}
    if t.startswith(("/v1/payments/", "/v1/notifications/", "/v1/payment-experience/")):
        doc = "webhooks" if "/notifications/" in t else "payments"
        return 404, js, {"name": "INVALID_RESOURCE_ID", "message": "Requested resource ID was not found.",
                         "debug_id": debug, "information_link": "https://developer.paypal.com/docs/api/" + doc
                         + "/#errors"}
    doc = {"checkout": "orders/v2", "payments": "payments/v2", "billing": "subscriptions/v1",
           "catalogs": "catalog-products/v1", "invoicing": "invoicing/v2", "customer": "customer-disputes/v1",
           "vault": "payment-tokens/v3", "shipping": "tracking/v1"}.get(t.split("/")[2], "")
    return 404, js, {"name": "RESOURCE_NOT_FOUND", "details": [
        {"issue": "INVALID_RESOURCE_ID", "description": "Specified resource ID does not exist. Please check the "
                                                        "resource ID and try again."}],
        "message": "The specified resource does not exist.", "debug_id": debug,
        "links": [{"href": "https://developer.paypal.com/docs/api/" + doc + "/#error-INVALID_RESOURCE_ID",
                   "rel": "information_link", "method": "GET"}]}


# -- Packagist (packagist.org and repo.packagist.org) ----------------------------------------------

# (vendor, package, versions)
PACKAGIST = [("symfony", "console", ["v7.2.0", "v7.1.8", "v6.4.15", "v5.4.47"]),
             ("monolog", "monolog", ["3.8.0", "3.7.0", "2.10.0", "1.27.1"]),
             ("laravel", "framework", ["v11.34.2", "v11.33.2", "v10.48.24"]),
             ("guzzlehttp", "guzzle", ["7.9.2", "7.9.1", "6.5.8"]), ("psr", "log", ["3.0.2", "2.0.0", "1.1.4"]),
             ("doctrine", "orm", ["3.3.0", "2.20.0"]), ("phpunit", "phpunit", ["11.4.4", "10.5.38", "9.6.21"]),
             ("nesbot", "carbon", ["3.8.2", "2.72.5"]), ("symfony", "http-foundation", ["v7.2.0", "v6.4.16"]),
             ("acme", "billing-sdk", ["2.4.1", "2.4.0", "dev-main", "2.5.x-dev"]),
             ("league", "flysystem", ["3.29.1", "3.29.0"]), ("composer", "composer", ["2.8.3", "2.8.2"]),
             ("twig", "twig", ["v3.15.0", "v3.14.2"]), ("phpstan", "phpstan", ["2.0.3", "1.12.11"]),
             ("vlucas", "phpdotenv", ["v5.6.1"]), ("ramsey", "uuid", ["4.7.6"]), ("filament", "filament", ["v3.2.124"]),
             ("livewire", "livewire", ["v3.5.12"]), ("spatie", "laravel-permission", ["6.10.1"]),
             ("symfony", "polyfill-mbstring", ["v1.31.0"]), ("friendsofphp", "php-cs-fixer", ["v3.65.0"]),
             ("aws", "aws-sdk-php", ["3.331.0", "3.330.2"]), ("drupal", "core", ["11.0.9", "10.3.10"]),
             ("acme", "php-common", ["1.12.0", "dev-main"]), ("wp-cli", "wp-cli", ["v2.11.0"])]
VIRTUAL = [("psr", "log-implementation"), ("psr", "http-client-implementation"), ("php-http", "client-implementation"),
           ("psr", "container-implementation"), ("psr", "simple-cache-implementation"),
           ("psr", "http-factory-implementation")]
PACKAGIST_PERIODS = ["2013", "2014", "2015", "2016", "2017", "2018", "2019-04", "2020-01", "2020-04", "2021",
                     "2022", "2023", "2024", "latest", "archived"]
PACKAGIST_USERS = ["Seldaek", "fabpot", "taylorotwell", "nicolas-grekas", "GrahamCampbell", "jdoe", "acme-bot"]
PACKAGIST_HTML = ("<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset=\"UTF-8\" />\n        <title>%s - "
                  "Packagist</title>\n        <link rel=\"search\" type=\"application/opensearchdescription+xml\" "
                  "href=\"/search.osd?v=1732000000\" title=\"Packagist\" />\n    </head>\n    <body>\n    </body>\n"
                  "</html>\n")


def packagist(rng):
    T = [("/packages/list.json", "names"), ("/search.json", "search"), ("/packages/{vendor}/{package}.json", "full"),
         ("/packages/{vendor}/{package}/stats/all.json", "stats"),
         ("/packages/{vendor}/{package}/stats/{version}.json", "stats"), ("/p2/{vendor}/{package}.json", "p2"),
         ("/p2/{vendor}/{package}~dev.json", "p2"), ("/packages.json", "root"), ("/metadata/changes.json", "changes"),
         ("/statistics.json", "statistics"), ("/explore/popular.json", "popular"),
         ("/api/security-advisories/", "advisories"), ("/providers/{vendor}/{package}.json", "providers"),
         ("/p/{vendor}/{package}${hash}.json", "p1"), ("/p/provider-{period}${hash}.json", "p1includes"),
         ("/packages/{vendor}/{package}", "html"), ("/packages/{vendor}/{package}/stats", "html"),
         ("/packages/{vendor}/{package}/dependents", "html"), ("/packages/{vendor}/{package}/advisories", "html"),
         ("/packages/{vendor}/", "html"), ("/users/{username}/", "html"),
         ("/feeds/package.{vendor}/{package}.rss", "rss"), ("/feeds/vendor.{vendor}.rss", "rss"),
         ("/feeds/releases.rss", "rss")]
    hashes = {}
    state = {}

    def digest(key):
        if key not in hashes or rng.random() < .08:
            hashes[key] = _hex(rng, 64)
        return hashes[key]

    def vendor():
        t = state["tpl"]
        if t.startswith("/providers/"):
            state["pkg"] = _weighted(rng, VIRTUAL) + ([],)
        else:
            state["pkg"] = _weighted(rng, PACKAGIST)
        return state["pkg"][0]

    def period():
        state["period"] = _weighted(rng, PACKAGIST_PERIODS[::-1])
        return state["period"]
    V = {"vendor": vendor, "package": lambda: state["pkg"][1], "version": lambda: _weighted(rng, state["pkg"][2]),
         "hash": lambda: digest(state.get("period") if "provider-" in state["tpl"] else state["pkg"][:2]),
         "period": period,
         "username": lambda: _weighted(rng, PACKAGIST_USERS)}
    Q = {"/packages/list.json": lambda: rng.choice(["", "?vendor=" + _weighted(rng, PACKAGIST)[0],
                                                    "?type=" + rng.choice(["symfony-bundle", "composer-plugin",
                                                                           "wordpress-plugin", "drupal-module"]),
                                                    "?fields%5B%5D=repository&fields%5B%5D=type"]) or "?",
         "/search.json": lambda: rng.choice(["?q=" + rng.choice(["log", "uuid", "pdf", "jwt", "http client", "redis",
                                                                  "laravel admin"]).replace(" ", "+")
                                             + "&per_page=15&page=" + rng.choice(["1", "1", "2"]),
                                             "?tags=" + rng.choice(["psr-3", "orm", "testing"]),
                                             "?q=&type=" + rng.choice(["symfony-bundle", "composer-plugin"])]),
         "/packages/{vendor}/{package}/stats/all.json": lambda: "?average=" + rng.choice(["daily", "monthly"])
         + rng.choice(["", "&from=2026-%02d-01" % rng.randrange(1, 11)]),
         "/packages/{vendor}/{package}/stats/{version}.json": lambda: "?average=daily",
         "/metadata/changes.json": lambda: "?since=%d" % (rng.randrange(1_763_500_000, 1_763_640_000) * 10000),
         "/explore/popular.json": lambda: "?per_page=100&page=" + str(rng.randrange(1, 6)),
         "/api/security-advisories/": lambda: rng.choice([
             "?" + "&".join("packages%5B%5D=" + quote(p[0] + "/" + p[1], safe="") for p in
                            rng.sample(PACKAGIST, rng.randrange(1, 5))),
             "?updatedSince=%d" % rng.randrange(1_763_000_000, 1_763_600_000)]),
         "/packages/{vendor}/{package}/dependents": lambda: "?order_by=" + rng.choice(["downloads", "name"])
         + rng.choice(["", "&requires=require", "&requires=require-dev"])}
    return T, V, Q, "packagist", state


def _normalized(ver):
    """A version as Composer normalizes it (`v7.2.0` -> `7.2.0.0`, `2.5.x-dev` -> `2.5.9999999.9999999-dev`)."""
    if ver.startswith("dev-"):
        return ver
    if ver.endswith(".x-dev"):
        parts = ver[:-6].lstrip("v").split(".")
        return ".".join(parts + ["9999999"] * (4 - len(parts))) + "-dev"
    parts = ver.lstrip("v").split(".")
    return ".".join(parts + ["0"] * (4 - len(parts)))


def _composer_version(rng, name, ver, item):
    return dict(item, name=name, description="", keywords=[], homepage="https://github.com/" + name,
                version=ver, version_normalized=_normalized(ver),
                license=["MIT"], authors=[{"name": "Jordi Boggiano", "email": "j.boggiano@seld.be"}],
                source={"url": "https://github.com/" + name + ".git", "type": "git", "reference": _hex(rng, 40)},
                dist={"url": "https://api.github.com/repos/" + name + "/zipball/" + _hex(rng, 40), "type": "zip",
                      "shasum": "", "reference": _hex(rng, 40)},
                type="library", time="2026-11-%02dT%02d:%02d:%02d+00:00" % (rng.randrange(1, 21), rng.randrange(24),
                                                                            rng.randrange(60), rng.randrange(60)),
                require={"php": ">=8.1", "psr/log": "^2.0 || ^3.0"})


def _packagist_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    name = v.get("vendor", "monolog") + "/" + v.get("package", "monolog")
    vers = next((p[2] for p in PACKAGIST if p[0] + "/" + p[1] == name), ["1.0.0"])
    if kind == "names":
        if query and "fields" in query:
            return js, {"packages": {p[0] + "/" + p[1]: {"repository": "https://github.com/%s/%s" % p[:2],
                                                         "type": "library"} for p in PACKAGIST[:3]}}
        return js, {"packageNames": [p[0] + "/" + p[1] for p in PACKAGIST[:4]] + [_member(t)]}
    if kind in ("search", "popular"):
        res = [dict(item, name=p[0] + "/" + p[1], url="https://packagist.org/packages/%s/%s" % p[:2],
                    repository="https://github.com/%s/%s" % p[:2], downloads=rng.randrange(10 ** 5, 10 ** 9),
                    favers=rng.randrange(10, 30000)) for p in PACKAGIST[:2]]
        body = {"results" if kind == "search" else "packages": res, "total": rng.randrange(2, 5000)}
        body["next"] = "https://packagist.org/" + ("search" if kind == "search" else "explore/popular") + \
            ".json?" + (query or "") + "&page=2"
        return js, body
    if kind == "full":
        return js, {"package": dict(item, name=name, description="", time="2014-09-16T12:55:04+00:00",
                                    maintainers=[{"name": "Seldaek", "avatar_url": "https://www.gravatar.com/avatar/"
                                                  + _hex(rng, 32) + "?d=identicon"}],
                                    versions={ver: _composer_version(rng, name, ver, {}) for ver in vers[:2]},
                                    type="library", repository="https://github.com/" + name, github_stars=21034,
                                    github_watchers=289, github_forks=1904, github_open_issues=71,
                                    language="PHP", dependents=rng.randrange(100, 90000), suggesters=612,
                                    favers=21034, downloads={"total": rng.randrange(10 ** 6, 10 ** 9),
                                                             "monthly": rng.randrange(10 ** 5, 10 ** 7),
                                                             "daily": rng.randrange(10 ** 3, 10 ** 6)})}
    if kind == "stats":
        labels = ["2026-11-%02d" % d for d in range(14, 21)]
        key = v.get("version", name)
        return js, {"labels": labels, "values": {key: [rng.randrange(10 ** 4, 10 ** 6) for _ in labels]},
                    "average": "daily" if not query or "daily" in query else "monthly", _member(t): True}
    if kind == "p2":
        if rng.random() < .25:
            return 304, None, ""
        dev = "~dev" in t
        first = _composer_version(rng, name, "dev-main" if dev else vers[0], item)
        return js, {"packages": {name: [first, {"version": "2.x-dev" if dev else vers[-1],
                                                "version_normalized": _normalized("2.x-dev" if dev
                                                                                  else vers[-1]),
                                                "require": "__unset"}]}, "minified": "composer/2.0"}
    if kind == "root":
        return js, {"packages": [], "notify-batch": "https://packagist.org/downloads/",
                    "providers-url": "/p/%package%$%hash%.json", "metadata-url": "/p2/%package%.json",
                    "metadata-changes-url": "https://packagist.org/metadata/changes.json",
                    "search": "https://packagist.org/search.json?q=%query%&type=%type%",
                    "list": "https://packagist.org/packages/list.json",
                    "security-advisories": {"metadata": True,
                                            "api-url": "https://packagist.org/api/security-advisories/"},
                    "providers-api": "https://packagist.org/providers/%package%.json", "warning-versions": "<1.99",
                    "provider-includes": {"p/provider-%s$%%hash%%.json" % p: {"sha256": _hex(rng, 64)}
                                          for p in PACKAGIST_PERIODS[-3:]},
                    "providers-lazy-url": "/p/%package%.json"}
    if kind == "changes":
        return js, {"actions": [{"type": "update", "package": p[0] + "/" + p[1], "time": 1_763_640_000 + k}
                                for k, p in enumerate(rng.sample(PACKAGIST, 3))],
                    "timestamp": 17_636_400_000_000 + i}
    if kind == "statistics":
        return js, {"totals": {"downloads": 152_000_000_000 + i * 1000}, _member(t): True}
    if kind == "advisories":
        return js, {"advisories": {"guzzlehttp/guzzle": [dict(item, advisoryId="PKSA-" + "-".join(
            _s(rng, "bcdfghjkmnpqrstvwxyz23456789", 4) for _ in range(3)), packageName="guzzlehttp/guzzle",
            remoteId="GHSA-" + "-".join(_s(rng, "23456789cfghjmpqrvwx", 4) for _ in range(3)),
            title="Change in port should be considered a change in origin", cve="CVE-2022-31091",
            affectedVersions=">=7,<7.4.5|>=4,<6.5.8", source="GitHub", severity="high",
            reportedAt="2022-06-20 22:24:00", composerRepository="https://packagist.org")]}}
    if kind == "providers":
        return js, {"providers": [dict(item, name="monolog/monolog", description="Sends your logs to files",
                                       type="library", repository="https://github.com/Seldaek/monolog",
                                       downloads=rng.randrange(10 ** 8, 10 ** 9), favers=21034)]}
    if kind == "p1":
        return js, {"packages": {name: {ver: _composer_version(rng, name, ver, {}) for ver in vers[:2]}}}
    if kind == "p1includes":
        return js, {"providers": {p[0] + "/" + p[1]: {"sha256": _hex(rng, 64)} for p in rng.sample(PACKAGIST, 3)}}
    if kind == "rss":
        return "application/rss+xml; charset=UTF-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version="
                                                     "\"2.0\"><channel><title>Packagist.org new releases</title>"
                                                     "<link>https://packagist.org</link><item><title>" + name + " ("
                                                     + vers[0] + ")</title></item></channel></rss>\n")
    title = name if "package" in v else v.get("vendor") or v.get("username")
    return "text/html; charset=UTF-8", PACKAGIST_HTML % title


def _packagist_error(rng, t, kind, path):
    js = "application/json"
    if kind in ("p2", "p1", "p1includes"):
        return 404, "text/html", _nginx(404, "Not Found")
    if kind == "names":
        return 200, js, {"packageNames": []}
    if kind == "search":
        return 200, js, {"results": [], "total": 0}
    if kind == "changes":
        return 200, js, {"actions": [{"type": "resync", "package": "*", "time": 1_763_640_000}],
                         "timestamp": 17_636_400_000_000}
    if kind == "providers":
        return 200, js, {"providers": []}
    if kind in ("full", "stats"):
        return 404, js, {"status": "error", "message": "Package not found"}
    if kind in ("html", "rss"):
        return 404, "text/html; charset=UTF-8", PACKAGIST_HTML % "Page not found"
    return 429, "text/html", _nginx(429, "Too Many Requests")


# -- Quay.io API v1 --------------------------------------------------------------------------------

QUAY_PUBLIC = {"prometheus": ["node-exporter", "prometheus", "alertmanager", "blackbox-exporter"],
               "coreos": ["etcd", "flannel"], "jetstack": ["cert-manager-controller", "cert-manager-webhook",
                                                           "cert-manager-cainjector"],
               "argoproj": ["argocd", "argo-rollouts"], "keycloak": ["keycloak"],
               "calico": ["node", "cni", "kube-controllers"], "ceph": ["ceph"], "minio": ["minio", "mc"],
               "podman": ["stable"], "fedora": ["fedora", "fedora-bootc"],
               "prometheus-operator": ["prometheus-config-reloader", "prometheus-operator"]}
QUAY_OWN = {"acme": ["api", "web", "worker", "billing", "ci-runner", "base-images", "migrations"],
            "acme-platform": ["ingress-gateway", "vault-agent", "log-shipper"]}
QUAY_TAGS = {"minio": ["RELEASE.2024-11-07T00-52-20Z", "RELEASE.2024-10-29T16-01-48Z", "latest"],
             "mc": ["RELEASE.2024-11-05T11-29-45Z", "latest"], "keycloak": ["26.0.5", "26.0", "25.0.6", "latest"],
             "fedora": ["41", "40", "latest", "rawhide"], "fedora-bootc": ["41", "40"], "stable": ["v5.3.0", "latest"],
             "ceph": ["v18.2.4", "v19.2.0", "v18"], "etcd": ["v3.5.17", "v3.5.16"]}
QUAY_GENERIC = ["latest", "v1.8.2", "v1.8.1", "v2.13.1", "v0.78.2", "main", "master", "v1.16.2"]
QUAY_ACME_TAGS = ["latest", "main", "staging", "v2026.11.20", "v2026.11.18", "pr-1482", "sha-3f9a1c2"]


def quay(rng):
    A = "/api/v1"
    R = A + "/repository/{namespace}/{repository}"
    O = A + "/organization/{orgname}"  # noqa: E741
    T = [(A + "/user/", "user"), (A + "/user/starred", "repos"), (A + "/user/robots", "robots"),
         (A + "/repository", "repos"), (R, "repo"), (R + "/tag/", "tags"), (R + "/manifest/{manifestref}", "manifest"),
         (R + "/manifest/{manifestref}/security", "security"), (R + "/manifest/{manifestref}/labels", "labels"),
         (R + "/manifest/{manifestref}/labels/{labelid}", "label"), (R + "/build/", "builds"),
         (R + "/build/{build_uuid}", "build"), (R + "/build/{build_uuid}/status", "build"),
         (R + "/build/{build_uuid}/logs", "buildlogs"), (R + "/trigger/", "triggers"),
         (R + "/trigger/{trigger_uuid}", "trigger"), (R + "/permissions/user/", "perms"),
         (R + "/permissions/user/{username}", "perm"), (R + "/permissions/team/", "perms"),
         (R + "/notification/", "notifications"), (R + "/notification/{uuid}", "notification"), (R + "/logs", "logs"),
         (R + "/aggregatelogs", "agglogs"), (R + "/mirror", "mirror"), (O, "org"), (O + "/members", "members"),
         (O + "/robots", "robots"), (O + "/robots/{robot_shortname}", "robot"),
         (O + "/robots/{robot_shortname}/permissions", "robotperms"), (O + "/team/{teamname}/members", "members"),
         (O + "/logs", "logs"), (O + "/quota", "quota"), (O + "/applications", "apps"),
         (A + "/users/{username}", "userinfo"), (A + "/find/repositories", "find"), (A + "/find/all", "find"),
         (A + "/entities/{prefix}", "entities"), (A + "/discovery", "discovery"), (A + "/messages", "messages"),
         (A + "/plans/", "plans")]
    digests = {}
    builds = {r: [_uuid(rng) for _ in range(3)] for r in QUAY_OWN["acme"]}
    triggers = {r: _uuid(rng) for r in QUAY_OWN["acme"]}
    notifications = [_uuid(rng) for _ in range(4)]
    state = {}

    def namespace():
        r = rng.random()
        if r < .65 or "/build/" in state["tpl"] or "/trigger/" in state["tpl"]:
            ns = "acme"
        elif r < .75:
            ns = "acme-platform"
        else:
            ns = _weighted(rng, list(QUAY_PUBLIC))
        state["ns"] = ns
        return ns

    def repository():
        state["repo"] = _weighted(rng, QUAY_OWN.get(state["ns"]) or QUAY_PUBLIC[state["ns"]])
        return state["repo"]

    def manifestref():
        key = (state["ns"], state["repo"])
        hot = digests.setdefault(key, ["sha256:" + _hex(rng, 64) for _ in range(3)])
        return _hot(rng, hot, .7, lambda: "sha256:" + _hex(rng, 64))

    def build_uuid():
        return _hot(rng, builds.get(state["repo"], []) or [_uuid(rng)], .4, lambda: _uuid(rng))
    V = {"namespace": namespace, "repository": repository, "manifestref": manifestref, "labelid": lambda: _uuid(rng),
         "build_uuid": build_uuid, "trigger_uuid": lambda: triggers.get(state["repo"]) or _uuid(rng),
         "username": lambda: _weighted(rng, ["jdoe", "acme+deployer", "asmith", "acme+ci_push", "mlopez",
                                             "acme+argocd_pull", "kwong"]),
         "uuid": lambda: rng.choice(notifications),
         "orgname": lambda: rng.choices(["acme", "acme-platform"], [5, 1])[0],
         "robot_shortname": lambda: _weighted(rng, ["deployer", "ci_push", "argocd_pull", "renovate"]),
         "teamname": lambda: _weighted(rng, ["owners", "developers", "readers", "ci-bots"]),
         "prefix": lambda: rng.choice(["j", "jd", "acme+", "dev", "own", "as", "ml", "k"])}
    week = lambda: "?starttime=11%%2F%02d%%2F2026&endtime=11%%2F20%%2F2026" % rng.randrange(6, 20)  # noqa: E731

    def tags():
        tag = _weighted(rng, QUAY_TAGS.get(state["repo"]) or (QUAY_ACME_TAGS if state["ns"].startswith("acme")
                                                               else QUAY_GENERIC))
        return rng.choice(["?limit=100&page=%d&onlyActiveTags=true" % rng.choice([1, 1, 1, 2]),
                           "?specificTag=" + tag + "&onlyActiveTags=true",
                           "?limit=50&page=1&onlyActiveTags=true&filter_tag_name=like%3A" + tag[:2]])
    Q = {A + "/repository": lambda: rng.choice(["?namespace=" + rng.choice(["acme", "acme-platform"]) + "&public=true&"
                                                "private=true&last_modified=true&popularity=true",
                                                "?starred=true", "?public=true&namespace=" + rng.choice(
                                                    list(QUAY_PUBLIC)) + "&next_page=" + _s(rng, B64URL, 48)]),
         R: lambda: rng.choice(["?includeStats=true&includeTags=false", "?includeTags=false", ""]) or "?",
         R + "/tag/": tags, R + "/manifest/{manifestref}/security": lambda: "?vulnerabilities=true",
         R + "/build/": lambda: "?limit=" + rng.choice(["5", "10", "25"]), R + "/logs": week,
         R + "/aggregatelogs": week,
         O + "/logs": lambda: week() + rng.choice(["", "&next_page=" + _s(rng, B64URL, 96)]),
         O + "/robots": lambda: "?permissions=true&token=false", A + "/user/robots": lambda: "?permissions=true&token="
         "false", A + "/find/repositories": lambda: "?query=" + rng.choice(["nginx", "keycloak", "node-exporter",
                                                                             "cert-manager", "etcd"]) + "&page=1&"
         "includeUsage=true", A + "/find/all": lambda: "?query=" + rng.choice(["acme", "prom", "argo"]),
         A + "/entities/{prefix}": lambda: "?namespace=acme&includeTeams=true&includeOrgs=false"}
    return T, V, Q, "quay", state


def _quay_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    ns, repo = v.get("namespace", "acme"), v.get("repository", "api")
    avatar = {"name": ns, "hash": _hex(rng, 64), "color": "#%06x" % rng.getrandbits(24), "kind": "org"}
    when = _rfc1123(rng)
    if kind == "repos":
        return js, {"repositories": [dict(item, namespace=ns, name=repo, description=None, is_public=True,
                                          kind="image", state="NORMAL", last_modified=1763630000,
                                          popularity=12.0, is_starred=False), dict(item)]}
    if kind == "repo":
        body = dict(item, namespace=ns, name=repo, kind="image", description="", is_public=not ns.startswith("acme"),
                    is_organization=True, is_starred=False, status_token="", trust_enabled=False,
                    tag_expiration_s=1209600, is_free_account=False, state="NORMAL", can_write=ns.startswith("acme"),
                    can_admin=ns == "acme")
        if query and "includeStats=true" in query:
            body["stats"] = [{"date": "2026-11-%02d" % d, "count": rng.randrange(1000)} for d in (18, 19)]
        return js, body
    if kind == "tags":
        return js, {"tags": [dict(item, name=rng.choice(QUAY_ACME_TAGS), reversion=False, start_ts=1763630000,
                                  manifest_digest="sha256:" + _hex(rng, 64), is_manifest_list=rng.random() < .4,
                                  size=rng.randrange(10 ** 7, 10 ** 9), last_modified=when), dict(item)],
                    "page": 1, "has_additional": rng.random() < .3}
    if kind == "manifest":
        return js, dict(item, digest=v["manifestref"], is_manifest_list=False, config_media_type="application/vnd.oci."
                        "image.config.v1+json", layers_compressed_size=rng.randrange(10 ** 7, 10 ** 9),
                        manifest_data="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json"
                        "\"}", layers=[{"index": 0, "compressed_size": 3623807, "is_remote": False, "urls": None,
                                        "command": None, "comment": None, "author": None,
                                        "blob_digest": "sha256:" + _hex(rng, 64), "created_datetime": None}])
    if kind == "security":
        if rng.random() < .12:
            return js, {"status": rng.choice(["queued", "unsupported"]), "data": None}
        return js, {"status": "scanned", "data": {"Layer": {"Name": v["manifestref"], "ParentName": "",
                                                            "NamespaceName": "", "IndexedByVersion": 4,
                                                            "Features": [dict(item, Name="openssl",
                                                                              Version="3.0.13-1~deb12u1",
                                                                              VersionFormat="dpkg",
                                                                              Vulnerabilities=[])]}}}
    if kind == "labels":
        return js, {"labels": [dict(item, id=_uuid(rng), key="org.opencontainers.image.source",
                                    value="https://github.com/acme/" + repo, source_type="manifest",
                                    media_type="text/plain")]}
    if kind == "label":
        return js, dict(item, id=v["labelid"], key="quay.expires-after", value="2w", source_type="api",
                        media_type="text/plain")
    if kind in ("build", "builds"):
        b = dict(item, id=v.get("build_uuid") or _uuid(rng), phase=rng.choice(["complete", "error", "building"]),
                 started=when, display_name=_hex(rng, 7), subdirectory="/", dockerfile_path="/Dockerfile",
                 context="/", tags=["latest"], manual_user=None, is_writer=True, trigger={"id": _uuid(rng),
                                                                                          "service": "github"},
                 resource_key=None, pull_robot=None, repository={"namespace": ns, "name": repo}, error=None)
        return js, {"builds": [b, dict(b)]} if kind == "builds" else b
    if kind == "buildlogs":
        return js, {"start": 0, "total": 3, "logs": [{"message": "build-scheduled", "type": "phase", "datetime": when},
                                                     {"message": "Step 1/9 : FROM golang:1.23-alpine",
                                                      "type": "command", "datetime": when,
                                                      "data": {"datetime": when}}], _member(t): True}
    if kind == "triggers":
        return js, {"triggers": [dict(item, id=_uuid(rng), service="github", is_active=True,
                                      config={"build_source": "acme/" + repo, "dockerfile_path": "/Dockerfile"})]}
    if kind == "trigger":
        return js, dict(item, id=v["trigger_uuid"], service="github", is_active=True, can_invoke=True,
                        build_source="acme/" + repo, repository_url="https://github.com/acme/" + repo)
    if kind == "perms":
        who = "owners" if "/team/" in t else "jdoe"
        return js, {"permissions": {who: dict(item, role="admin", name=who, avatar=avatar, is_robot=False,
                                              is_org_member=True),
                                    "acme+deployer": {"role": "write", "name": "acme+deployer", "is_robot": True,
                                                      "avatar": avatar, "is_org_member": True}}}
    if kind == "perm":
        return js, dict(item, role=rng.choice(["read", "write", "admin"]), name=v["username"],
                        is_robot="+" in v["username"], avatar=avatar, is_org_member=True)
    if kind == "notifications":
        return js, {"notifications": [dict(item, uuid=_uuid(rng), title="Push to Slack", event="repo_push",
                                           method="slack", config={"url": "https://hooks.slack.com/services/..."},
                                           event_config={}, number_of_failures=0)]}
    if kind == "notification":
        return js, dict(item, uuid=v["uuid"], title="Vulnerability found", event="vulnerability_found",
                        method="webhook", config={"url": "https://ci.acme.com/hooks/quay"},
                        event_config={"level": "5"}, number_of_failures=rng.choice([0, 0, 3]))
    if kind == "logs":
        return js, {"start_time": _rfc1123(rng, 13), "end_time": _rfc1123(rng, 20),
                    "logs": [dict(item, kind=rng.choice(["push_repo", "pull_repo", "create_tag", "delete_tag"]),
                                  metadata={"namespace": ns, "repo": repo, "tag": "latest"},
                                  ip="203.0.113.%d" % rng.randrange(1, 255), datetime=when,
                                  performer={"kind": "user", "name": "acme+ci_push", "is_robot": True})],
                    "next_page": _s(rng, B64URL, 96) if rng.random() < .3 else None}
    if kind == "agglogs":
        return js, {"aggregated": [dict(item, kind="pull_repo", count=rng.randrange(1, 5000), datetime=when)]}
    if kind == "mirror":
        return js, dict(item, is_enabled=True, mirror_type="PULL", external_reference="docker.io/library/" + repo,
                        external_registry_username=None, sync_interval=86400, sync_start_date="2026-11-20T00:00:00Z",
                        sync_expiration_date=None, sync_retries_remaining=3, sync_status="SYNC_SUCCESS",
                        root_rule={"rule_kind": "tag_glob_csv", "rule_value": ["latest", "1.*"]},
                        robot_username="acme+mirror")
    if kind == "org":
        return js, dict(item, name=v["orgname"], email="platform@acme.com", avatar=avatar, is_admin=True,
                        is_member=True, teams={"owners": {"name": "owners", "role": "admin", "member_count": 3}},
                        ordered_teams=["owners", "developers", "readers"], invoice_email=False,
                        tag_expiration_s=1209600, is_free_account=False)
    if kind == "members":
        return js, {"members": [dict(item, name="jdoe", kind="user", avatar=avatar, is_robot=False,
                                     invited=False)], "can_edit": True}
    if kind in ("robots", "robot"):
        r = dict(item, name=(v.get("orgname") or "jdoe") + "+" + (v.get("robot_shortname") or "deployer"),
                 created=when, last_accessed=None, description="", unstructured_metadata={})
        return js, {"robots": [r, dict(r)]} if kind == "robots" else dict(r, token=_s(rng, UPPER, 64))
    if kind == "robotperms":
        return js, {"permissions": [dict(item, repository={"name": "api", "is_public": False}, role="write")]}
    if kind == "quota":
        return js, [dict(item, id=1, limit_bytes=107374182400, limit="100.0 GiB", default_config=False,
                         limits=[{"id": 1, "type": "Warning", "limit_percent": 80}], default_config_exists=False)]
    if kind == "apps":
        return js, {"applications": [dict(item, name="argocd", client_id=_s(rng, UPPER, 20),
                                          application_uri="https://argocd.acme.com")]}
    if kind == "userinfo":
        return js, dict(item, username=v["username"], avatar=dict(avatar, kind="user"), super_user=False)
    if kind == "find":
        return js, {"results": [dict(item, kind="repository", name=repo, namespace={"name": "prometheus"},
                                     href="/repository/prometheus/node-exporter", score=0.91)],
                    "has_additional": False, "page": 1, "page_size": 10, "start_index": 0}
    if kind == "entities":
        return js, {"results": [dict(item, name="jdoe", kind="user", is_robot=False, avatar=avatar),
                                {"name": "acme+deployer", "kind": "user", "is_robot": True}]}
    if kind == "discovery":
        return js, {"swagger": "2.0", "info": {"title": "Quay Frontend", "version": "v1"}, "basePath": "/",
                    "host": "quay.io", "paths": {"/api/v1/discovery": {}}, "definitions": {}, _member(t): True}
    if kind == "messages":
        return js, {"messages": [], _member(t): True}
    if kind == "plans":
        return js, {"plans": [dict(item, title="Medium", price=12500, privateRepos=50, stripeId="bus-medium-2018",
                                   audience="For medium-sized teams", bus_features=True, deprecated=False,
                                   free_trial_days=30)]}
    return js, dict(item, username="jdoe", email="jdoe@acme.com", verified=True, anonymous=False,
                    avatar=dict(avatar, kind="user"), organizations=[{"name": "acme"}], logins=[], can_create_repo=True,
                    preferred_namespace=False, invoice_email=False, tag_expiration_s=1209600, prompts=[],
                    super_user=False, company="Acme")


def _quay_error(rng, t, kind, path):
    prob = "application/problem+json"
    if kind in ("discovery", "messages", "plans", "find"):
        return 429, "text/html", _nginx(429, "Too Many Requests")
    if "{" not in t:
        return 401, prob, {"detail": "Requires authentication", "error_message": "Requires authentication",
                           "error_type": "invalid_token", "title": "invalid_token",
                           "type": "https://quay.io/api/v1/error/invalid_token", "status": 401}
    return 404, prob, {"detail": "Not Found", "error_message": "Not Found", "error_type": "not_found",
                       "title": "not_found", "type": "https://quay.io/api/v1/error/not_found", "status": 404}


# -- CircleCI API v2 (and v1.1) --------------------------------------------------------------------

CIRCLE_REPOS = ["web", "api", "mobile-app", "infra", "billing-service", "docs", "design-system"]
CIRCLE_WORKFLOWS = ["build-and-test", "deploy", "nightly", "release", "lint-and-typecheck"]
CIRCLE_JOBS = ["test", "lint", "build", "docker-publish", "deploy-staging", "deploy-production", "e2e"]
CIRCLE_ENVVARS = ["AWS_ACCESS_KEY_ID", "NPM_TOKEN", "DOCKERHUB_PASSWORD", "SENTRY_AUTH_TOKEN", "SLACK_WEBHOOK",
                  "CODECOV_TOKEN", "GITHUB_TOKEN"]


def circleci(rng):
    A = "/api/v2"
    P = A + "/project/{vcs}/{org}/{repo}"
    I = A + "/insights/{vcs}/{org}/{repo}"  # noqa: E741
    L = "/api/v1.1/project/{vcs}/{org}/{repo}"
    T = [(A + "/me", "me"), (A + "/me/collaborations", "collaborations"), (P, "project"), (P + "/pipeline", "items"),
         (P + "/pipeline/mine", "items"), (P + "/pipeline/{pipeline_number}", "pipeline"),
         (P + "/job/{job_number}", "job"), (P + "/{job_number}/artifacts", "artifacts"),
         (P + "/{job_number}/tests", "tests"), (P + "/envvar", "items"), (P + "/envvar/{name}", "envvar"),
         (P + "/checkout-key", "items"), (P + "/checkout-key/{fingerprint}", "key"), (P + "/schedule", "items"),
         (A + "/schedule/{schedule_id}", "schedule"), (A + "/pipeline", "items"),
         (A + "/pipeline/{pipeline_id}", "pipeline"), (A + "/pipeline/{pipeline_id}/config", "config"),
         (A + "/pipeline/{pipeline_id}/workflow", "items"), (A + "/workflow/{workflow_id}", "workflow"),
         (A + "/workflow/{workflow_id}/job", "items"), (I + "/workflows", "items"),
         (I + "/workflows/{workflow_name}", "items"), (I + "/workflows/{workflow_name}/jobs", "items"),
         (I + "/workflows/{workflow_name}/jobs/{job_name}", "items"),
         (I + "/workflows/{workflow_name}/test-metrics", "testmetrics"), (I + "/branches", "branches"),
         (I + "/flaky-tests", "flaky"), (A + "/insights/pages/{vcs}/{org}/{repo}/summary", "summary"),
         (A + "/insights/{vcs}/{org}/summary", "summary"), (A + "/context", "items"),
         (A + "/context/{context_id}", "context"), (A + "/context/{context_id}/environment-variable", "items"),
         (A + "/user/{user_id}", "user"), ("/api/v1.1/me", "v1me"), (L, "v1builds"), (L + "/{build_num}", "v1build"),
         (L + "/{build_num}/artifacts", "v1artifacts")]
    org_id = _uuid(rng)
    standalone = [_uuid(rng) for _ in range(2)]
    numbers = {r: rng.randrange(200, 30000) for r in CIRCLE_REPOS + standalone}
    jobs = {r: rng.randrange(50_000, 900_000) for r in CIRCLE_REPOS + standalone}
    pipelines = [_uuid(rng) for _ in range(10)]
    workflows = [_uuid(rng) for _ in range(10)]
    contexts = [_uuid(rng) for _ in range(4)]
    schedules = [_uuid(rng) for _ in range(3)]
    users = [_uuid(rng) for _ in range(5)]
    fingerprints = [":".join("%02x" % rng.getrandbits(8) for _ in range(16)) for _ in range(2)]
    state = {}

    def vcs():
        if state["tpl"].startswith("/api/v1.1/"):
            state["proj"] = ("github", "acme", _weighted(rng, CIRCLE_REPOS))
            return "github"
        r = rng.random()
        if r < .82:
            state["proj"] = ("gh", rng.choices(["acme", "acme-oss"], [6, 1])[0], _weighted(rng, CIRCLE_REPOS))
        elif r < .94:
            state["proj"] = ("circleci", org_id, rng.choice(standalone))
        else:
            state["proj"] = ("bb", "acme-legacy", rng.choice(["billing-service", "infra"]))
        return state["proj"][0]

    def number(table, spread):
        return str(max(1, table[state["proj"][2]] - rng.randrange(spread)))
    V = {"vcs": vcs, "org": lambda: state["proj"][1], "repo": lambda: state["proj"][2],
         "pipeline_number": lambda: number(numbers, 60), "job_number": lambda: number(jobs, 400),
         "build_num": lambda: number(jobs, 400), "name": lambda: _weighted(rng, CIRCLE_ENVVARS),
         "fingerprint": lambda: rng.choice(fingerprints), "schedule_id": lambda: rng.choice(schedules),
         "pipeline_id": lambda: _hot(rng, pipelines, .5, lambda: _uuid(rng)),
         "workflow_id": lambda: _hot(rng, workflows, .5, lambda: _uuid(rng)),
         "workflow_name": lambda: _weighted(rng, CIRCLE_WORKFLOWS), "job_name": lambda: _weighted(rng, CIRCLE_JOBS),
         "context_id": lambda: rng.choice(contexts), "user_id": lambda: _hot(rng, users, .8, lambda: _uuid(rng))}
    token = lambda: "page-token=" + _s(rng, B64URL, 48)  # noqa: E731
    window = lambda: "reporting-window=" + rng.choice(["last-7-days", "last-30-days", "last-90-days",  # noqa: E731
                                                       "last-24-hours"])
    dates = "start-date=2026-10-21T00%3A00%3A00Z&end-date=2026-11-20T00%3A00%3A00Z"
    branch = lambda: "branch=" + rng.choice(["main", "main", "develop", "feature%2Fcheckout-v2"])  # noqa: E731
    Q = {P + "/pipeline": lambda: "?" + rng.choice([branch(), token(), "branch=main&" + token()]),
         P + "/pipeline/mine": lambda: rng.choice(["", "?" + token()]) or "?",
         P + "/{job_number}/tests": lambda: rng.choice(["", "?" + token()]) or "?",
         A + "/pipeline": lambda: "?org-slug=gh%2Facme" + rng.choice(["", "&mine=true", "&" + token()]),
         I + "/workflows": lambda: "?" + rng.choice([branch() + "&" + window(), "all-branches=true&" + window()]),
         I + "/workflows/{workflow_name}": lambda: "?" + branch() + "&" + dates,
         I + "/workflows/{workflow_name}/jobs": lambda: "?" + branch() + "&" + window(),
         I + "/workflows/{workflow_name}/jobs/{job_name}": lambda: "?" + branch() + "&" + dates,
         I + "/workflows/{workflow_name}/test-metrics": lambda: "?" + branch(),
         I + "/branches": lambda: "?workflow-name=" + _weighted(rng, CIRCLE_WORKFLOWS),
         I + "/flaky-tests": lambda: rng.choice(["", "?" + branch()]) or "?",
         A + "/insights/pages/{vcs}/{org}/{repo}/summary": lambda: "?" + window() + "&branches=main",
         A + "/insights/{vcs}/{org}/summary": lambda: "?" + window() + "&project-names=web&project-names=api",
         A + "/context": lambda: rng.choice(["?owner-slug=gh%2Facme&owner-type=organization", "?owner-id=" + org_id]),
         A + "/context/{context_id}/environment-variable": lambda: rng.choice(["", "?" + token()]) or "?",
         L: lambda: "?limit=30&offset=%d&filter=%s&shallow=true" % (rng.choice([0, 0, 30]),
                                                                    rng.choice(["completed", "successful", "failed",
                                                                                "running"]))}
    return T, V, Q, "circleci", state


def _circle_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    slug = "/".join(v[k] for k in ("vcs", "org", "repo") if k in v) or "gh/acme/web"
    when = "2026-11-%02dT%02d:%02d:%02d.%03dZ" % (rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                                 rng.randrange(60), rng.randrange(1000))
    if kind == "items":
        return js, {"items": [item, dict(item)], "next_page_token": _s(rng, B64URL, 48) if rng.random() < .3
                    else None}
    if kind == "me":
        return js, dict(item, id=_uuid(rng), login="jdoe", name="Jane Doe")
    if kind == "collaborations":
        return js, [dict(item, **{"vcs-type": "github", "name": "acme", "avatar_url": "https://avatars.githubuser"
                                  "content.com/u/" + str(rng.randrange(10 ** 6, 10 ** 8)) + "?v=4",
                                  "id": _uuid(rng), "slug": "gh/acme"})]
    if kind == "project":
        return js, dict(item, slug=slug, name=v["repo"], id=_uuid(rng), organization_name=v["org"],
                        organization_slug=v["vcs"] + "/" + v["org"], organization_id=_uuid(rng),
                        vcs_info={"vcs_url": "https://github.com/" + v["org"] + "/" + v["repo"],
                                  "provider": "GitHub", "default_branch": "main"})
    if kind == "pipeline":
        return js, dict(item, id=v.get("pipeline_id") or _uuid(rng), errors=[], project_slug=slug, updated_at=when,
                        number=int(v.get("pipeline_number") or rng.randrange(1, 30000)), trigger_parameters={},
                        state="created", created_at=when, trigger={"received_at": when, "type": "webhook",
                                                                   "actor": {"login": "jdoe", "avatar_url": None}},
                        vcs={"origin_repository_url": "https://github.com/acme/web", "revision": _hex(rng, 40),
                             "provider_name": "GitHub", "branch": "main"})
    if kind == "job":
        return js, dict(item, web_url="https://app.circleci.com/pipelines/" + slug + "/1/workflows/" + _uuid(rng)
                        + "/jobs/" + v["job_number"], project={"slug": slug, "name": v["repo"]},
                        parallel_runs=[{"index": 0, "status": "success"}], started_at=when, name="test",
                        executor={"resource_class": "medium", "type": "docker"}, parallelism=1,
                        status=rng.choice(["success", "failed", "running", "canceled"]),
                        number=int(v["job_number"]), pipeline={"id": _uuid(rng)}, duration=rng.randrange(10 ** 4,
                                                                                                         10 ** 6),
                        created_at=when, messages=[], contexts=[], organization={"name": v["org"]}, queued_at=when,
                        stopped_at=when)
    if kind == "artifacts":
        p = rng.choice(["coverage/index.html", "test-results/junit.xml", "dist/app.tar.gz", "screenshots/home.png"])
        return js, {"items": [dict(item, path=p, node_index=0, url="https://output.circle-artifacts.com/output/job/"
                                   + _uuid(rng) + "/artifacts/0/" + p)], "next_page_token": None}
    if kind == "tests":
        return js, {"items": [dict(item, message="", source="junit", run_time=0.412, file="spec/checkout_spec.rb",
                                   result=rng.choice(["success", "success", "failure", "skipped"]),
                                   name="Checkout applies the coupon", classname="spec.checkout_spec")],
                    "next_page_token": None}
    if kind == "envvar":
        return js, dict(item, name=v["name"], value="xxxx" + _s(rng, B62, 4), created_at=when)
    if kind == "key":
        return js, {"public-key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + _s(rng, B62 + "+/", 43),
                    "type": "deploy-key", "fingerprint": v["fingerprint"], "preferred": True, "created-at": when,
                    _member(t): True}
    if kind == "schedule":
        return js, dict(item, id=v["schedule_id"], name="nightly build", timetable={"per-hour": 1, "hours-of-day": [3],
                                                                                    "days-of-week": ["MON", "TUE"]},
                        parameters={"branch": "main"}, actor={"login": "jdoe"}, project_slug="gh/acme/web",
                        description=None, updated_at=when, created_at=when)
    if kind == "config":
        src = ("version: 2.1\norbs:\n  node: circleci/node@5.2.0\nworkflows:\n  build-and-test:\n    jobs:\n"
               "      - test\n")
        return js, {"source": src, "compiled": src.replace("orbs:\n  node: circleci/node@5.2.0\n", ""),
                    "setup-config": "", "compiled-setup-config": "", _member(t): True}
    if kind == "workflow":
        return js, dict(item, pipeline_id=_uuid(rng), canceled_by=None, id=v["workflow_id"], name="build-and-test",
                        project_slug="gh/acme/" + rng.choice(CIRCLE_REPOS), errored_by=None, tag=None,
                        status=rng.choice(["success", "running", "failed", "on_hold"]), started_by=_uuid(rng),
                        pipeline_number=rng.randrange(1, 30000), created_at=when, stopped_at=when)
    if kind == "testmetrics":
        return js, {"average_test_count": 1520, "most_failed_tests": [item], "most_failed_tests_extra": 0,
                    "slowest_tests": [], "slowest_tests_extra": 0, "total_test_runs": 84,
                    "test_runs": [{"pipeline_number": 1201, "workflow_id": _uuid(rng), "success_rate": 0.98,
                                   "test_counts": {"error": 0, "failure": 2, "skipped": 4, "success": 1514,
                                                   "total": 1520}}]}
    if kind == "branches":
        return js, {"org_id": _uuid(rng), "branches": ["main", "develop", "feature/checkout-v2"], _member(t): True}
    if kind == "flaky":
        return js, {"flaky-tests": [dict(item, **{
            "time-wasted": 1204, "workflow-created-at": when, "workflow-id": _uuid(rng), "classname": "CheckoutTest",
            "job-number": rng.randrange(10 ** 5, 10 ** 6), "times-flaked": 7, "source": "junit",
            "pipeline-number": 1188, "file": "", "workflow-name": "build-and-test", "job-name": "test",
            "test-name": "applies coupon"})], "total-flaky-tests": 1}
    if kind == "summary":
        metrics = {"total_runs": 412, "total_duration_secs": 98112, "total_credits_used": 86400,
                   "success_rate": 0.93, "throughput": 13.7}
        return js, {"org_data": {"metrics": metrics, "trends": {k: 1.1 for k in metrics}},
                    "org_project_data": [dict(item, project_name="web", metrics=metrics)],
                    "all_projects": CIRCLE_REPOS[:3]}
    if kind == "context":
        return js, dict(item, id=v["context_id"], name=rng.choice(["aws-prod", "docker-hub", "slack-secrets"]),
                        created_at=when)
    if kind == "user":
        return js, dict(item, id=v["user_id"], login="jdoe", name="Jane Doe")
    if kind == "v1me":
        return js, dict(item, login="jdoe", name="Jane Doe", admin=False, basic_email_prefs="smart",
                        avatar_url="https://avatars.githubusercontent.com/u/1?v=4", projects={}, containers=1)
    build = dict(item, build_num=int(v.get("build_num") or rng.randrange(10 ** 5, 10 ** 6)),
                 vcs_url="https://github.com/acme/" + v.get("repo", "web"), branch="main",
                 outcome=rng.choice(["success", "failed", None]), lifecycle="finished", status="success",
                 vcs_revision=_hex(rng, 40), build_time_millis=rng.randrange(10 ** 4, 10 ** 6), start_time=when,
                 stop_time=when, username="acme", reponame=v.get("repo", "web"), why="github",
                 workflows={"workflow_name": "build-and-test", "job_name": "test", "workflow_id": _uuid(rng)})
    if kind == "v1build":
        return js, dict(build, steps=[{"name": "Spin up environment", "actions": [{"status": "success"}]}])
    if kind == "v1artifacts":
        return js, [dict(item, path="coverage/index.html", pretty_path="coverage/index.html", node_index=0,
                         url="https://output.circle-artifacts.com/output/job/" + _uuid(rng)
                         + "/artifacts/0/coverage/index.html")]
    return js, [build, dict(build)]


def _circle_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if "{" not in t:
        return 401, js, {"message": "You must log in first."}
    if t.startswith("/api/v1.1/"):
        return 404, js, {"message": "Build not found" if kind != "v1builds" else "Project not found"}
    if "{repo}" in t and "{" not in t.split("{repo}", 1)[1] and "/insights/" not in t:
        return 404, js, {"message": "Project not found"}
    if kind == "job":
        return 404, js, {"message": "Job not found"}
    return 404, js, {"message": "Not Found"}


# -- Datadog API v1/v2 -----------------------------------------------------------------------------

DD_METRICS = ["system.cpu.user", "trace.http.request.duration", "system.mem.used", "aws.ec2.cpuutilization",
              "kubernetes.cpu.usage.total", "acme.checkout.orders.count", "postgresql.connections",
              "nginx.net.request_per_s", "datadog.estimated_usage.logs.ingested_events", "jvm.heap_memory",
              "container.memory.usage", "trace.rack.request.hits"]
DD_SERVICES = ["checkout-api", "web-store", "payments-worker", "postgres", "search-indexer", "auth-service"]
DD_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"


def _dd_pid(rng):
    """Datadog's public ids of dashboards and synthetic tests: `abc-def-ghi`."""
    return "-".join(_s(rng, DD_ALNUM, 3) for _ in range(3))


def datadog(rng):
    V1, V2 = "/api/v1", "/api/v2"
    T = [(V1 + "/validate", "validate"), (V1 + "/monitor", "monitors"), (V1 + "/monitor/{monitor_id}", "monitor"),
         (V1 + "/monitor/search", "monsearch"), (V1 + "/dashboard", "dashboards"),
         (V1 + "/dashboard/{dashboard_id}", "dashboard"), (V1 + "/dashboard/lists/manual", "dlists"),
         (V2 + "/dashboard/lists/manual/{dashboard_list_id}/dashboards", "dlitems"), (V1 + "/slo", "slos"),
         (V1 + "/slo/{slo_id}", "slo"), (V1 + "/slo/{slo_id}/history", "slohistory"), (V1 + "/query", "query"),
         (V1 + "/metrics", "metrics"), (V1 + "/metrics/{metric_name}", "metricmeta"),
         (V2 + "/metrics/{metric_name}/all-tags", "v2one"), (V2 + "/metrics/{metric_name}/volumes", "v2one"),
         (V1 + "/hosts", "hosts"), (V1 + "/hosts/totals", "totals"), (V1 + "/tags/hosts", "tags"),
         (V1 + "/tags/hosts/{host_name}", "hosttags"), (V1 + "/events", "events"), (V1 + "/events/{event_id}", "event"),
         (V2 + "/logs/events", "logs"), (V2 + "/incidents", "v2list"), (V2 + "/incidents/{incident_id}", "v2one"),
         (V2 + "/incidents/{incident_id}/attachments", "v2list"), (V1 + "/synthetics/tests", "synth"),
         (V1 + "/synthetics/tests/{public_id}", "synthtest"),
         (V1 + "/synthetics/tests/{public_id}/results", "results"),
         (V1 + "/synthetics/tests/{public_id}/results/{result_id}", "result"),
         (V1 + "/synthetics/locations", "locations"), (V2 + "/users", "v2list"), (V2 + "/users/{user_id}", "v2one"),
         (V2 + "/roles", "v2list"), (V2 + "/roles/{role_id}", "v2one"), (V2 + "/downtime", "v2list"),
         (V2 + "/downtime/{downtime_id}", "v2one"), (V2 + "/services/definitions", "v2list"),
         (V2 + "/services/definitions/{service_name}", "v2one"), (V1 + "/notebooks", "v2list"),
         (V1 + "/notebooks/{notebook_id}", "v2one"), (V2 + "/security_monitoring/rules/{rule_id}", "rule"),
         (V2 + "/usage/hourly_usage", "v2list")]
    monitors = [str(rng.randrange(1_000_000, 160_000_000)) for _ in range(15)]
    dashboards = [_dd_pid(rng) for _ in range(8)]
    dlists = [str(rng.randrange(10_000, 400_000)) for _ in range(3)]
    slos = [_hex(rng, 32) for _ in range(6)]
    hosts = ["web-prod-01", "web-prod-02", "i-0" + _hex(rng, 16), "ip-10-0-3-17.ec2.internal", "db-primary",
             "gke-prod-default-pool-" + _hex(rng, 8) + "-" + _s(rng, LOWER, 4), "ip-10-0-1-201.ec2.internal",
             "i-0" + _hex(rng, 16), "worker-7f9c", "ip-10-0-2-44.ec2.internal"]
    incidents = [_uuid(rng) for _ in range(4)]
    tests = [_dd_pid(rng) for _ in range(6)]
    users = [_uuid(rng) for _ in range(6)]
    roles = [_uuid(rng) for _ in range(4)]
    downtimes = [_uuid(rng) for _ in range(3)]
    notebooks = [str(rng.randrange(1_000_000, 12_000_000)) for _ in range(5)]
    rules = ["def-000-" + _s(rng, DD_ALNUM, 3) for _ in range(6)] + [_dd_pid(rng) for _ in range(3)]
    V = {"monitor_id": lambda: _hot(rng, monitors, .85, lambda: str(rng.randrange(1_000_000, 160_000_000))),
         "dashboard_id": lambda: _hot(rng, dashboards, .9, lambda: _dd_pid(rng)),
         "dashboard_list_id": lambda: rng.choice(dlists), "slo_id": lambda: _weighted(rng, slos),
         "metric_name": lambda: _weighted(rng, DD_METRICS), "host_name": lambda: _weighted(rng, hosts),
         "event_id": lambda: str(rng.randrange(7_600_000_000_000_000_000, 7_900_000_000_000_000_000)),
         "incident_id": lambda: _hot(rng, incidents, .7, lambda: _uuid(rng)),
         "public_id": lambda: _weighted(rng, tests),
         "result_id": lambda: str(rng.randrange(10 ** 17, 9 * 10 ** 18)),
         "user_id": lambda: _hot(rng, users, .8, lambda: _uuid(rng)), "role_id": lambda: rng.choice(roles),
         "downtime_id": lambda: _hot(rng, downtimes, .6, lambda: _uuid(rng)),
         "service_name": lambda: _weighted(rng, DD_SERVICES), "notebook_id": lambda: _weighted(rng, notebooks),
         "rule_id": lambda: _weighted(rng, rules)}
    now = 1_763_632_800
    enc = lambda x: quote(x, safe="")  # noqa: E731
    page = "page%5Bsize%5D="
    ago = lambda: now - rng.choice([900, 3600, 14400, 86400, 604800])  # noqa: E731
    Q = {V1 + "/monitor": lambda: rng.choice(["?group_states=alert%2Cwarn&with_downtimes=true",
                                              "?page=0&page_size=100&monitor_tags=" + enc("team:payments"),
                                              "?name=" + enc("High error rate")]),
         V1 + "/monitor/{monitor_id}": lambda: rng.choice(["?group_states=all", "?with_downtimes=true", ""]) or "?",
         V1 + "/monitor/search": lambda: "?query=" + enc(rng.choice(["status:alert", "type:metric team:payments",
                                                                      "muted:true", "service:checkout-api"]))
         + "&page=0&per_page=30",
         V1 + "/dashboard": lambda: rng.choice(["", "?filter%5Bshared%5D=false", "?count=100&start=0"]) or "?",
         V1 + "/slo": lambda: rng.choice(["?tags_query=" + enc("team:payments") + "&limit=1000",
                                          "?limit=1000&offset=0", "?ids=" + "%2C".join(rng.sample(slos, 3))]),
         V1 + "/slo/{slo_id}/history": lambda: "?from_ts=%d&to_ts=%d" % (now - 30 * 86400, now),
         V1 + "/query": lambda: "?from=%d&to=%d&query=" % (ago(), now) + enc(rng.choice(
             ["avg:system.cpu.user{env:prod} by {host}", "sum:trace.http.request.hits{service:checkout-api}"
              ".as_count()", "p99:trace.http.request.duration{service:web-store,env:prod}",
              "avg:kubernetes.cpu.usage.total{kube_namespace:payments} by {pod_name}"])),
         V1 + "/metrics": lambda: "?from=%d" % ago() + rng.choice(["", "&host=" + rng.choice(hosts)]),
         V1 + "/hosts": lambda: "?filter=" + enc("env:prod") + "&count=100&start=%d" % rng.choice([0, 0, 100])
         + "&include_muted_hosts_data=true&include_hosts_metadata=true",
         V1 + "/tags/hosts": lambda: rng.choice(["", "?source=datadog"]) or "?",
         V1 + "/tags/hosts/{host_name}": lambda: rng.choice(["", "?source=users"]) or "?",
         V1 + "/events": lambda: "?start=%d&end=%d" % (ago(), now) + rng.choice(
             ["", "&tags=" + enc("source:kubernetes"), "&priority=normal&unaggregated=true"]),
         V2 + "/logs/events": lambda: "?filter%5Bquery%5D=" + enc(rng.choice(["service:checkout-api status:error",
                                                                               "@http.status_code:>=500",
                                                                               "env:prod host:web-prod-01"]))
         + "&filter%5Bfrom%5D=" + rng.choice(["now-15m", "now-1h", "now-1d"]) + "&filter%5Bto%5D=now&page%5Blimit"
         "%5D=50" + rng.choice(["", "&page%5Bcursor%5D=" + _s(rng, B64URL, 64)]),
         V2 + "/incidents": lambda: "?" + page + "25&page%5Boffset%5D=0&include=" + enc("created_by_user,"
                                                                                        "commander_user"),
         V2 + "/incidents/{incident_id}": lambda: rng.choice(["", "?include=attachments"]) or "?",
         V1 + "/synthetics/tests": lambda: rng.choice(["", "?page_size=100&page_number=0"]) or "?",
         V1 + "/synthetics/tests/{public_id}/results": lambda: "?from_ts=%d&to_ts=%d" % (ago() * 1000, now * 1000),
         V2 + "/users": lambda: "?" + page + "100&page%5Bnumber%5D=0" + rng.choice(
             ["", "&filter=jane", "&filter%5Bstatus%5D=Active"]),
         V2 + "/roles": lambda: "?" + page + "100&sort=name", V2 + "/downtime": lambda: "?current_only=true&include="
         "monitor", V2 + "/services/definitions": lambda: "?" + page + "100&schema_version=v2.2",
         V2 + "/services/definitions/{service_name}": lambda: rng.choice(["", "?schema_version=v2.2"]) or "?",
         V1 + "/notebooks": lambda: "?count=25&start=0&include_cells=false&sort_field=modified&sort_dir=desc",
         V2 + "/usage/hourly_usage": lambda: "?filter%5Btimestamp%5D%5Bstart%5D=2026-11-19T00&filter%5Btimestamp"
         "%5D%5Bend%5D=2026-11-20T00&filter%5Bproduct_families%5D=" + rng.choice(["infra_hosts", "logs", "apm",
                                                                                "all"])}
    return T, V, Q, "datadog"


DD_V2_TYPES = {"metrics": "metrics", "incidents": "incidents", "users": "users", "roles": "roles",
               "downtime": "downtime", "services": "service_definition", "notebooks": "notebooks",
               "usage": "usage_timeseries", "slo": "slo"}


def _datadog_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    now = 1_763_632_800
    if kind == "validate":
        return js, {"valid": True}
    if kind in ("monitors", "monitor"):
        m = dict(item, id=int(v.get("monitor_id") or rng.randrange(10 ** 6, 10 ** 8)), name="[prod] High error rate "
                 "on {{service.name}}", type="query alert", query="sum(last_5m):sum:trace.http.request.errors{env:"
                 "prod} by {service}.as_count() > 50", message="@slack-ops-alerts", tags=["team:payments", "env:prod"],
                 options={"thresholds": {"critical": 50, "warning": 25}, "notify_no_data": False},
                 overall_state=rng.choice(["OK", "Alert", "Warn", "No Data"]),
                 created="2025-03-02T10:11:12.000000+00:00",
                 modified="2026-11-18T08:01:00.000000+00:00", creator={"email": "jane.doe@acme.com"}, org_id=321813,
                 priority=None, restricted_roles=None, multi=True)
        return js, [m, dict(m)] if kind == "monitors" else m
    if kind == "monsearch":
        return js, {"monitors": [item, dict(item)], "metadata": {"page": 0, "per_page": 30, "page_count": 1,
                                                                 "total_count": 2},
                    "counts": {"status": [{"name": "Alert", "count": 2}], "type": [{"name": "metric", "count": 2}],
                               "muted": [{"name": False, "count": 2}], "tag": [{"name": "env:prod", "count": 2}]}}
    if kind in ("dashboards", "dashboard"):
        pid = v.get("dashboard_id") or _dd_pid(rng)
        d = dict(item, id=pid, title="Checkout overview", url="/dashboard/" + pid + "/checkout-overview",
                 layout_type="ordered", is_read_only=False, author_handle="jane.doe@acme.com",
                 modified_at="2026-11-18T08:01:00.000000+00:00")
        if kind == "dashboards":
            return js, {"dashboards": [d, dict(d)]}
        return js, dict(d, widgets=[{"id": rng.randrange(10 ** 15), "definition": {"type": "timeseries",
                                                                                    "requests": []}}],
                        template_variables=[{"name": "env", "prefix": "env", "default": "prod"}], notify_list=[],
                        reflow_type="auto")
    if kind == "dlists":
        return js, {"dashboard_lists": [dict(item, id=rng.randrange(10 ** 4, 10 ** 6), name="Payments team",
                                             dashboard_count=12, type="manual_dashboard_list", is_favorite=False)]}
    if kind == "dlitems":
        return js, {"dashboards": [dict(item, id=_dd_pid(rng), type="custom_timeboard", title="Checkout overview",
                                        is_shared=False, is_read_only=False)], "total": 1}
    if kind == "slos":
        s = dict(item, id=_hex(rng, 32), name="Checkout availability", type="metric", tags=["team:payments"])
        return js, {"data": [s, dict(s)], "errors": None, "metadata": {"page": {"total_count": 2,
                                                                             "total_filtered_count": 2}}}
    if kind == "slo":
        return js, {"data": dict(item, id=v["slo_id"], name="Checkout availability", type="metric",
                                 thresholds=[{"timeframe": "30d", "target": 99.9, "warning": 99.95}],
                                 tags=["team:payments"], query={"numerator": "sum:trace.http.request.hits{!http."
                                                                             "status_class:5xx}.as_count()",
                                                                "denominator": "sum:trace.http.request.hits{*}"
                                                                               ".as_count()"}), "errors": None}
    if kind == "slohistory":
        return js, {"data": {"from_ts": now - 30 * 86400, "to_ts": now, "type": "metric", "type_id": 1,
                             "overall": {"sli_value": 99.93, "span_precision": 2, "precision": {"30d": 2}},
                             "thresholds": {"30d": {"timeframe": "30d", "target": 99.9}}}, "errors": None,
                    _member(t): True}
    if kind == "query":
        return js, {"status": "ok", "res_type": "time_series", "resp_version": 1,
                    "query": unquote(query.split("query=")[1]) if query else "", "from_date": (now - 3600) * 1000,
                    "to_date": now * 1000, "series": [dict(item, metric="system.cpu.user", display_name="system.cpu."
                                                          "user", pointlist=[[(now - 20) * 1000, 12.3],
                                                                             [now * 1000, 14.1]],
                                                          scope="env:prod,host:web-prod-01", aggr="avg", interval=20,
                                                          length=2, unit=[{"family": "percentage", "name": "percent",
                                                                           "short_name": "%"}, None],
                                                          tag_set=["host:web-prod-01"])],
                    "values": [], "times": [], "message": "", "group_by": ["host"]}
    if kind == "metrics":
        return js, {"from": str(now - 3600), "metrics": DD_METRICS[:4] + [_member(t)]}
    if kind == "metricmeta":
        return js, dict(item, description="The percent of time the CPU spent running user space processes.",
                        short_name="cpu user", integration="system", statsd_interval=None, per_unit=None,
                        type="gauge", unit="percent")
    if kind in ("v2one", "v2list"):
        seg = t.split("/")[3]
        typ = DD_V2_TYPES.get(seg, seg)
        if kind == "v2one":
            ident = list(v.values())[-1]
            if t.endswith("/all-tags"):
                attrs = {"tags": ["env:prod", "host:web-prod-01", "service:checkout-api"]}
            elif t.endswith("/volumes"):
                attrs = {"indexed_volume": rng.randrange(10 ** 5), "ingested_volume": rng.randrange(10 ** 5, 10 ** 6)}
            else:
                attrs = dict(item, name=ident if "{service_name}" in t else "checkout outage",
                             created="2026-11-18T08:01:00.000000+00:00")
            return js, {"data": {"type": typ, "id": int(ident) if ident.isdigit() else ident,
                                 "attributes": dict(attrs, **{_member(t): True}),
                                 "relationships": {}}, "included": []}
        data = [{"type": typ, "id": _uuid(rng), "attributes": item}, {"type": typ, "id": _uuid(rng),
                                                                      "attributes": dict(item)}]
        meta = {"page": {"total_count": 2, "total_filtered_count": 2}}
        if typ == "incidents":
            meta = {"pagination": {"offset": 0, "next_offset": 25, "size": 25}}
        if typ == "usage_timeseries":
            meta = {"pagination": {"next_record_id": None}}
        return js, {"data": data, "meta": meta}
    if kind == "hosts":
        h = dict(item, name="web-prod-01", host_name="web-prod-01", aliases=["i-0" + _hex(rng, 16)],
                 apps=["agent", "ntp", "nginx"], up=True, is_muted=False, last_reported_time=now - 30,
                 meta={"agent_version": "7.59.0", "platform": "linux"}, metrics={"load": 0.52, "iowait": 0.1,
                                                                                  "cpu": 12.3},
                 sources=["aws", "agent"], tags_by_source={"Datadog": ["env:prod", "role:web"]})
        return js, {"host_list": [h, dict(h)], "total_returned": 2, "total_matching": rng.randrange(2, 400)}
    if kind == "totals":
        return js, {"total_active": rng.randrange(40, 400), "total_up": rng.randrange(40, 400), _member(t): True}
    if kind == "tags":
        return js, {"tags": {"env:prod": ["web-prod-01", "web-prod-02"], "role:db": ["db-primary"],
                             _member(t): ["worker-7f9c"]}}
    if kind == "hosttags":
        return js, {"tags": ["env:prod", "role:web", "availability-zone:us-east-1a"], "host": v["host_name"],
                    _member(t): True}
    if kind in ("events", "event"):
        ident = int(v.get("event_id") or rng.randrange(7_600_000_000_000_000_000, 7_900_000_000_000_000_000))
        e = dict(item, id=ident, id_str=str(ident), title="Deployed checkout-api v2026.11.20",
                 text="%%%\nDeploy by jdoe\n%%%", date_happened=now - rng.randrange(86400), priority="normal",
                 source_type_name="KUBERNETES", tags=["env:prod"], url="/event/event?id=%d" % ident,
                 alert_type="info", host=None)
        return js, {"events": [e, dict(e)], "status": "ok"} if kind == "events" else {"event": e}
    if kind == "logs":
        return js, {"data": [{"id": "AQAAAZ" + _s(rng, B64URL, 34), "type": "log",
                              "attributes": dict(item, service="checkout-api", status="error", host="web-prod-01",
                                                 message="upstream timed out (110: Connection timed out)",
                                                 timestamp="2026-11-20T09:59:12.123Z", tags=["env:prod"],
                                                 attributes={"http": {"status_code": 504}})}],
                    "links": {"next": "https://api.datadoghq.com/api/v2/logs/events?page[cursor]="
                              + _s(rng, B64URL, 64)},
                    "meta": {"page": {"after": _s(rng, B64URL, 64)}, "elapsed": rng.randrange(20, 900),
                             "request_id": "pddv1Ch" + _s(rng, B64URL, 40), "status": "done"}}
    if kind in ("synth", "synthtest"):
        s = dict(item, public_id=v.get("public_id") or _dd_pid(rng), name="Checkout page is up", status="live",
                 type="api", subtype="http", tags=["team:payments"], locations=["aws:us-east-1", "aws:eu-central-1"],
                 monitor_id=rng.randrange(10 ** 6, 10 ** 8), config={"request": {"method": "GET", "url": "https://shop"
                                                                                 ".acme.com/checkout"},
                                                                     "assertions": []},
                 options={"tick_every": 300})
        return js, {"tests": [s, dict(s)]} if kind == "synth" else s
    if kind == "results":
        return js, {"last_timestamp_fetched": now * 1000, "public_id": v["public_id"],
                    "results": [dict(item, check_time=now * 1000.0, probe_dc="aws:eu-central-1",
                                     result_id=str(rng.randrange(10 ** 17, 9 * 10 ** 18)), status=0,
                                     result={"passed": True, "timings": {"total": 123.4}})]}
    if kind == "result":
        return js, dict(item, check_time=now * 1000.0, probe_dc="aws:us-east-1", result_id=v["result_id"], status=0,
                        check_version=3, check={"config": {"request": {"method": "GET"}}},
                        result={"passed": True, "httpStatusCode": 200, "timings": {"dns": 1.2, "total": 98.7}})
    if kind == "locations":
        return js, {"locations": [{"id": "aws:us-east-1", "name": "N. Virginia (AWS)"},
                                  {"id": "aws:eu-central-1", "name": "Frankfurt (AWS)"}], _member(t): True}
    if kind == "rule":
        return js, dict(item, id=v["rule_id"], name="Brute force attack on a user account",
                        isDefault=v["rule_id"].startswith("def-"), isEnabled=True, type="log_detection",
                        queries=[{"query": "source:auth0 @evt.name:authentication", "aggregation": "count"}],
                        cases=[{"name": "", "status": "medium", "condition": "failed_login > 10"}],
                        options={"evaluationWindow": 300, "keepAlive": 3600}, version=3, tags=["source:auth0"],
                        creationAuthorId=0, createdAt=1_590_000_000_000)
    return js, item


def _datadog_error(rng, t, kind, path):
    js = "application/json"
    if kind == "query":
        return 400, js, {"status": "error", "error": "Error parsing query: \n unable to parse avg:system.cpu.user"
                         "{env:prod by {host}: Rule 'scope_expr' didn't match at ' by {host}' (line 1, column 31)."}
    if kind == "logs":
        return 400, js, {"errors": [{"status": "400", "title": "Bad Request", "detail": "invalid query"}]}
    if "{" not in t:
        return 403, js, {"errors": ["Forbidden"]}
    v = _values(t, path)
    word = {"monitor": "Monitor not found", "dashboard": "Dashboard with ID %s not found" % v.get("dashboard_id"),
            "synthtest": "Synthetics test not found", "results": "Synthetics test not found",
            "result": "Result not found", "event": "Event not found", "hosttags": "Host not found",
            "metricmeta": "Metric not found", "slo": "slo not found", "slohistory": "slo not found"}
    return 404, js, {"errors": [word.get(kind, "Not found")]}


# -- Telegram Bot API ------------------------------------------------------------------------------

TG_METHODS = ["getUpdates", "sendMessage", "getMe", "getChat", "getFile", "getChatMember", "sendChatAction",
              "answerCallbackQuery", "editMessageText", "getChatMemberCount", "getChatAdministrators",
              "deleteMessage", "getWebhookInfo", "getUserProfilePhotos", "getMyCommands", "getMyName",
              "getMyDescription", "getMyShortDescription", "getChatMenuButton", "getMyDefaultAdministratorRights",
              "getStickerSet", "getCustomEmojiStickers", "getForumTopicIconStickers", "getStarTransactions",
              "getUserChatBoosts", "getAvailableGifts"]
TG_FOLDERS = {"photos": ["jpg"], "documents": ["pdf", "csv", "txt", "zip", "docx", "xlsx"], "voice": ["oga"],
              "videos": ["mp4", "mov"], "stickers": ["webp", "tgs", "webm"], "profile_photos": ["jpg"],
              "animations": ["mp4"], "video_notes": ["mp4"], "music": ["mp3", "m4a"], "thumbnails": ["jpg"]}
TG_FILE_PREFIX = {"photos": "AgACAgIAAxkBAAI", "documents": "BQACAgIAAxkBAAI", "voice": "AwACAgIAAxkBAAI",
                  "videos": "BAACAgIAAxkBAAI", "stickers": "CAACAgIAAxkBAAI", "profile_photos": "AgACAgIAAxUAAWc",
                  "animations": "CgACAgIAAxkBAAI", "video_notes": "DQACAgIAAxkBAAI", "music": "CQACAgIAAxkBAAI",
                  "thumbnails": "AAMCAgADGQEAAg"}
TG_NAMES = ["Jane", "Wei", "Priya", "Lukas", "Olga", "Carlos", "Fatima", "Noah"]


def telegram(rng):
    B = "/bot{token}"
    T = [(B + "/" + m, m) for m in TG_METHODS] + [("/file/bot{token}/{folder}/{file_name}", "file")]
    bots = [str(rng.randrange(5_000_000_000, 8_000_000_000)) + ":AA" + _s(rng, B64URL, 33),
            str(rng.randrange(6_000_000_000, 8_000_000_000)) + ":AA" + _s(rng, B64URL, 33),
            str(rng.randrange(100_000_000, 999_999_999)) + ":AA" + _s(rng, B64URL, 33)]
    groups = ["-100" + str(rng.randrange(1_100_000_000, 2_600_000_000)) for _ in range(4)]
    people = [str(rng.randrange(100_000_000, 8_000_000_000)) for _ in range(12)]
    offsets = {b: rng.randrange(100_000_000, 900_000_000) for b in bots}
    files = {b: rng.randrange(50, 4000) for b in bots}
    msg = [rng.randrange(100, 90000)]
    state = {}

    def token():
        state["bot"] = rng.choices(bots, [8, 2, 1])[0]
        return state["bot"]

    def folder():
        state["folder"] = rng.choices(list(TG_FOLDERS), [10, 6, 5, 2, 2, 2, 1, 1, 1, 1])[0]
        return state["folder"]

    def file_name():
        files[state["bot"]] += rng.choice([0, 0, 1, 1, 2])
        n = files[state["bot"]] - rng.choice([0, 0, 0, rng.randrange(1, 50)])
        return "file_%d.%s" % (max(0, n), _weighted(rng, TG_FOLDERS[state["folder"]]))

    def chat():
        r = rng.random()
        return rng.choice(groups) if r < .55 else rng.choice(people) if r < .9 else rng.choice(
            ["%40acme_status", "%40acme_releases"])

    def user():
        return _hot(rng, people, .8, lambda: str(rng.randrange(100_000_000, 8_000_000_000)))

    def updates():
        offsets[state["bot"]] += rng.choice([0, 1, 1, 2, 5])
        return "?offset=%d&timeout=%d" % (offsets[state["bot"]], rng.choice([30, 50, 60])) + rng.choice(
            ["", "&allowed_updates=%5B%22message%22%2C%22callback_query%22%5D"])

    def mid():
        msg[0] += rng.choice([1, 2, 3])
        return str(msg[0] - rng.choice([0, 0, 1, rng.randrange(1, 80)]))

    def text():
        return quote(rng.choice(["\u2705 Deploy of checkout-api finished", "\U0001f6a8 <b>ALERT</b>: p99 latency > 2s",
                                 "Build #1482 failed on main", "Daily report: 1,204 orders, $48,311",
                                 "Hello! Send /help to see what I can do."]), safe="")

    def file_id():
        f = rng.choices(list(TG_FILE_PREFIX), [10, 6, 5, 2, 2, 2, 1, 1, 1, 1])[0]
        return TG_FILE_PREFIX[f] + _s(rng, B64URL, rng.choice([56, 57, 60, 61]))
    V = {"token": token, "folder": folder, "file_name": file_name}
    c = lambda: "?chat_id=" + chat()  # noqa: E731
    Q = {B + "/getUpdates": updates, B + "/getChat": c, B + "/getChatMemberCount": c, B + "/getChatAdministrators": c,
         B + "/getChatMember": lambda: "?chat_id=" + chat() + "&user_id=" + user(),
         B + "/getUserChatBoosts": lambda: "?chat_id=" + rng.choice(groups) + "&user_id=" + user(),
         B + "/getFile": lambda: "?file_id=" + file_id(),
         B + "/getUserProfilePhotos": lambda: "?user_id=" + user() + "&limit=" + rng.choice(["1", "1", "10"]),
         B + "/getMyCommands": lambda: rng.choice(["", "?scope=%7B%22type%22%3A%22all_private_chats%22%7D&language_"
                                                   "code=en", "?language_code=de"]) or "?",
         B + "/getMyName": lambda: rng.choice(["", "?language_code=en"]) or "?",
         B + "/getMyDescription": lambda: rng.choice(["", "?language_code=en"]) or "?",
         B + "/getChatMenuButton": lambda: rng.choice(["", "?chat_id=" + rng.choice(people)]) or "?",
         B + "/getMyDefaultAdministratorRights": lambda: rng.choice(["", "?for_channels=true"]) or "?",
         B + "/getStickerSet": lambda: "?name=" + rng.choice(["HotCherry", "Animals", "UtyaDuck",
                                                              "acme_by_acme_alerts_bot"]),
         B + "/getCustomEmojiStickers": lambda: "?custom_emoji_ids=%5B%22" + str(
             rng.randrange(5_000_000_000_000_000_000, 5_500_000_000_000_000_000)) + "%22%5D",
         B + "/getStarTransactions": lambda: "?offset=0&limit=100",
         B + "/sendMessage": lambda: "?chat_id=" + chat() + "&text=" + text() + rng.choice(
             ["", "&parse_mode=HTML", "&parse_mode=MarkdownV2&disable_notification=true",
              "&parse_mode=HTML&disable_web_page_preview=true"]),
         B + "/sendChatAction": lambda: "?chat_id=" + chat() + "&action=" + rng.choice(["typing", "typing",
                                                                                       "upload_photo",
                                                                                       "upload_document"]),
         B + "/answerCallbackQuery": lambda: "?callback_query_id=" + str(rng.randrange(10 ** 17, 9 * 10 ** 18))
         + rng.choice(["", "&text=Done", "&text=Acknowledged&show_alert=false"]),
         B + "/editMessageText": lambda: "?chat_id=" + chat() + "&message_id=" + mid() + "&text=" + text(),
         B + "/deleteMessage": lambda: "?chat_id=" + chat() + "&message_id=" + mid()}
    return T, V, Q, "telegram", state


def _tg_user(rng, uid=None, bot=False):
    name = rng.choice(TG_NAMES)
    u = {"id": int(uid or rng.randrange(100_000_000, 8_000_000_000)), "is_bot": bot, "first_name": name}
    if rng.random() < .7:
        u["username"] = name.lower() + "_" + _s(rng, LOWER, 4)
    if not bot:
        u["language_code"] = rng.choice(["en", "de", "ru", "es"])
    return u


def _tg_chat(rng, query):
    cid = query.split("chat_id=")[1].split("&")[0] if query and "chat_id=" in query else "-1001234567890"
    if cid.startswith("%40") or cid.startswith("-100") and rng.random() < .2:
        return {"id": -1_000_000_000_000 - rng.randrange(10 ** 9, 3 * 10 ** 9), "title": "Acme Status",
                "username": unquote(cid)[1:] if cid.startswith("%40") else "acme_status", "type": "channel"}
    if cid.startswith("-"):
        return {"id": int(cid), "title": "Acme Ops", "type": "supergroup", "is_forum": False}
    return {"id": int(cid), "first_name": rng.choice(TG_NAMES), "type": "private"}


def _telegram_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    bot = {"id": int(v["token"].split(":")[0]), "is_bot": True, "first_name": "Acme Alerts",
           "username": "acme_alerts_bot"}
    message = dict(item, message_id=rng.randrange(100, 90000), date=1_763_632_800 - rng.randrange(3600),
                   chat=_tg_chat(rng, query), text="Build #1482 failed on main")
    ok = lambda r: {"ok": True, "result": r}  # noqa: E731
    if kind == "file":
        ext = v["file_name"].rsplit(".", 1)[1]
        return {"jpg": ("image/jpeg", JPEG), "webp": ("image/webp", WEBP), "pdf": ("application/pdf", PDF),
                "mp4": ("video/mp4", MP4), "mov": ("video/quicktime", MP4), "oga": ("audio/ogg", "OggS\u0000\u0002"),
                "mp3": ("audio/mpeg", "ID3\u0004\u0000"), "csv": ("text/csv", "date,orders\n2026-11-19,1204\n"),
                "txt": ("text/plain", "uptime report\n"), "tgs": ("application/x-tgsticker", GZIP),
                "webm": ("video/webm", "\u001aE\u00df\u00a3")}.get(ext, ("application/octet-stream", ZIP))
    if kind == "getMe":
        return js, ok(dict(item, **bot, can_join_groups=True, can_read_all_group_messages=False,
                           supports_inline_queries=False, can_connect_to_business=False, has_main_web_app=False))
    if kind == "getUpdates":
        if rng.random() < .45:
            return js, ok([])
        off = int(query.split("offset=")[1].split("&")[0]) if query and "offset=" in query else 100_000_000
        upd = {"update_id": off, "message": dict(message, **{"from": _tg_user(rng)})}
        if rng.random() < .3:
            upd = {"update_id": off, "callback_query": {"id": str(rng.randrange(10 ** 17, 9 * 10 ** 18)),
                                                        "from": _tg_user(rng), "message": message,
                                                        "chat_instance": str(rng.randrange(-9 * 10 ** 18,
                                                                                           9 * 10 ** 18)),
                                                        "data": "ack:%d" % rng.randrange(10 ** 4)}}
        return js, ok([upd])
    if kind in ("sendMessage", "editMessageText"):
        return js, ok(dict(message, **{"from": bot}))
    if kind in ("sendChatAction", "answerCallbackQuery", "deleteMessage"):
        return js, ok(True)
    if kind == "getWebhookInfo":
        return js, ok(dict(item, url="", has_custom_certificate=False, pending_update_count=rng.randrange(0, 4)))
    if kind == "getChat":
        return js, ok(dict(item, **_tg_chat(rng, query), accent_color_id=rng.randrange(7), max_reaction_count=11,
                           accepted_gift_types={"unlimited_gifts": False, "limited_gifts": False,
                                                "unique_gifts": False, "premium_subscription": False}))
    if kind == "getChatMember":
        return js, ok(dict(item, status=rng.choice(["member", "administrator", "creator", "left"]),
                           user=_tg_user(rng)))
    if kind == "getChatMemberCount":
        return js, ok(rng.randrange(2, 40000))
    if kind == "getChatAdministrators":
        return js, ok([dict(item, status="creator", user=_tg_user(rng), is_anonymous=False),
                       {"status": "administrator", "user": bot, "can_be_edited": False, "can_manage_chat": True}])
    if kind == "getFile":
        fid = query.split("file_id=")[1] if query else ""
        folder = next((f for f, p in TG_FILE_PREFIX.items() if fid.startswith(p)), "documents")
        return js, ok(dict(item, file_id=fid, file_unique_id="AQAD" + _s(rng, B64URL, 12),
                           file_size=rng.randrange(10 ** 3, 2 * 10 ** 7),
                           file_path="%s/file_%d.%s" % (folder, rng.randrange(4000), TG_FOLDERS[folder][0])))
    if kind == "getUserProfilePhotos":
        return js, ok({"total_count": rng.randrange(0, 6), "photos": [[dict(
            item, file_id=TG_FILE_PREFIX["profile_photos"] + _s(rng, B64URL, 57), file_unique_id="AQAD" + _s(
                rng, B64URL, 12), file_size=rng.randrange(10 ** 4, 10 ** 5), width=640, height=640)]]})
    if kind == "getMyCommands":
        return js, ok([{"command": "start", "description": "Start the bot"},
                       {"command": "status", "description": "Show service status"},
                       {"command": "mute", "description": "Mute alerts for an hour"}])
    if kind == "getMyName":
        return js, ok({"name": "Acme Alerts"})
    if kind == "getMyDescription":
        return js, ok({"description": "Alerts and deploy notices for the Acme team."})
    if kind == "getMyShortDescription":
        return js, ok({"short_description": "Acme alerts"})
    if kind == "getChatMenuButton":
        return js, ok({"type": "commands"})
    if kind == "getMyDefaultAdministratorRights":
        return js, ok(dict(item, is_anonymous=False, can_manage_chat=True, can_delete_messages=True,
                           can_manage_video_chats=False, can_restrict_members=False, can_promote_members=False,
                           can_change_info=False, can_invite_users=True, can_post_stories=False,
                           can_edit_stories=False, can_delete_stories=False))
    if kind in ("getStickerSet", "getCustomEmojiStickers", "getForumTopicIconStickers"):
        sticker = dict(item, file_id=TG_FILE_PREFIX["stickers"] + _s(rng, B64URL, 57),
                       file_unique_id="AgAD" + _s(rng, B64URL, 12), type="regular" if kind == "getStickerSet"
                       else "custom_emoji", width=512, height=512, is_animated=False, is_video=False,
                       emoji="\U0001f525", file_size=rng.randrange(10 ** 4, 10 ** 5))
        if kind == "getStickerSet":
            return js, ok({"name": query.split("name=")[1] if query else "HotCherry", "title": "Hot Cherry",
                           "sticker_type": "regular", "stickers": [sticker]})
        return js, ok([sticker])
    if kind == "getStarTransactions":
        return js, ok({"transactions": [dict(item, id=_s(rng, B64URL, 24), amount=50, date=1_763_600_000)]})
    if kind == "getUserChatBoosts":
        return js, ok({"boosts": []})
    return js, ok({"gifts": [dict(item, id=str(rng.randrange(5 * 10 ** 18, 6 * 10 ** 18)), star_count=15,
                                  sticker={"file_id": TG_FILE_PREFIX["stickers"] + _s(rng, B64URL, 57)})]})


def _telegram_error(rng, t, kind, path):
    js = "application/json"

    def err(code, text, **extra):
        return code, js, dict({"ok": False, "error_code": code, "description": text}, **extra)
    if kind == "file":
        return err(404, "Not Found")
    if kind == "getUpdates":
        if rng.random() < .3:
            return 502, "text/html", _nginx(502, "Bad Gateway")
        return err(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
                   "running")
    if kind == "sendMessage" and rng.random() < .5:
        return err(403, "Forbidden: bot was blocked by the user")
    if kind in ("sendMessage", "getChat", "getChatMemberCount", "getChatAdministrators", "sendChatAction",
                "getUserChatBoosts"):
        return err(400, "Bad Request: chat not found")
    if kind == "getChatMember":
        return err(400, rng.choice(["Bad Request: user not found", "Bad Request: PARTICIPANT_ID_INVALID"]))
    if kind == "getFile":
        return err(400, rng.choice(["Bad Request: invalid file_id", "Bad Request: file is too big"]))
    if kind == "getStickerSet":
        return err(400, "Bad Request: STICKERSET_INVALID")
    if kind == "answerCallbackQuery":
        return err(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
    if kind == "editMessageText":
        return err(400, "Bad Request: message is not modified: specified new message content and reply markup are "
                   "exactly the same as a current content and reply markup of the message")
    if kind == "deleteMessage":
        return err(400, "Bad Request: message to delete not found")
    if kind == "getUserProfilePhotos":
        return err(400, "Bad Request: user not found")
    wait = rng.choice([3, 7, 12, 35])
    return err(429, "Too Many Requests: retry after %d" % wait, parameters={"retry_after": wait})


# -- OpenStreetMap API v0.6 ------------------------------------------------------------------------

OSM_CITIES = [(13.3777, 52.5163), (13.4050, 52.5200), (-9.1393, 38.7223), (2.3522, 48.8566)]
OSM_PREFS = ["gps.trace.visibility", "diary.default_language", "preferred_editor", "id.preferences.background",
             "streetcomplete.selected_quest_preset"]
OSM_MAPPERS = [("1", "Steve"), ("12345", "woodpeck"), ("46882", "Frederik Ramm"), ("1596993", "Zverik"),
               ("10786803", "jdoe_maps"), ("16102452", "acme-data-team"), ("251221", "SomeoneElse"),
               ("2988291", "mapper_berlin")]
OSM_LICENSE = ("copyright=\"OpenStreetMap and contributors\" attribution=\"http://www.openstreetmap.org/copyright\" "
               "license=\"http://opendatacommons.org/licenses/odbl/1-0/\"")
OSM_TAGS = [{"amenity": "cafe", "name": "Caf\u00e9 Einstein", "opening_hours": "Mo-Su 08:00-22:00"},
            {"highway": "residential", "name": "Unter den Linden", "maxspeed": "30"},
            {"building": "yes", "addr:street": "Friedrichstra\u00dfe", "addr:housenumber": "101"},
            {"type": "boundary", "boundary": "administrative", "admin_level": "4", "name": "Berlin"},
            {"shop": "bakery", "name": "Zeit f\u00fcr Brot", "wheelchair": "limited"}]


def _osm_versions(ident):
    return 1 + int(hashlib.md5(ident.encode()).hexdigest(), 16) % 14


def osm(rng):
    A = "/api/0.6"
    T = [("/api/versions", "versions"), ("/api/capabilities", "capabilities"), (A + "/map", "map"),
         (A + "/map.json", "map"), (A + "/node/{id}", "element"), (A + "/node/{id}.json", "element"),
         (A + "/node/{id}/history", "history"), (A + "/node/{id}/{version}", "element"),
         (A + "/node/{id}/ways", "parents"), (A + "/node/{id}/relations", "parents"), (A + "/way/{id}", "element"),
         (A + "/way/{id}.json", "element"), (A + "/way/{id}/full", "full"), (A + "/way/{id}/full.json", "full"),
         (A + "/way/{id}/history", "history"), (A + "/way/{id}/{version}", "element"),
         (A + "/way/{id}/relations", "parents"), (A + "/relation/{id}", "element"),
         (A + "/relation/{id}.json", "element"), (A + "/relation/{id}/full", "full"),
         (A + "/relation/{id}/history", "history"), (A + "/nodes", "multi"), (A + "/ways", "multi"),
         (A + "/relations", "multi"), (A + "/changeset/{id}", "changeset"), (A + "/changeset/{id}.json", "changeset"),
         (A + "/changeset/{id}/download", "osmchange"), (A + "/changesets", "changesets"),
         (A + "/changesets.json", "changesets"), (A + "/user/{id}", "user"), (A + "/user/{id}.json", "user"),
         (A + "/user/details", "me"), (A + "/user/details.json", "me"), (A + "/user/preferences", "prefs"),
         (A + "/user/preferences/{key}", "pref"), (A + "/notes", "notes"), (A + "/notes.json", "notes"),
         (A + "/notes/{id}", "note"), (A + "/notes/{id}.json", "note"), (A + "/notes/search.json", "notes"),
         (A + "/notes/feed", "rss"), (A + "/gpx/{id}/details", "gpx"), (A + "/gpx/{id}/data", "gpxdata"),
         (A + "/trackpoints", "gpxdata")]
    hot = {"node": [str(rng.randrange(20_000_000, 12_600_000_000)) for _ in range(12)],
           "way": [str(rng.randrange(4_000_000, 1_390_000_000)) for _ in range(10)],
           "relation": [str(rng.randrange(50_000, 19_300_000)) for _ in range(5)] + ["62422"],
           "changeset": [str(rng.randrange(158_000_000, 166_000_000)) for _ in range(6)],
           "notes": [str(rng.randrange(4_000_000, 4_900_000)) for _ in range(4)],
           "gpx": [str(rng.randrange(10_000_000, 12_000_000)) for _ in range(3)]}
    top = {"node": 12_600_000_000, "way": 1_390_000_000, "relation": 19_300_000, "changeset": 166_000_000,
           "notes": 4_900_000, "gpx": 12_000_000}
    state = {}

    def ident():
        kind = state["tpl"].split("/")[3]
        if kind == "user":
            state["id"] = _hot(rng, [m[0] for m in OSM_MAPPERS], .6, lambda: str(rng.randrange(1, 24_800_000)))
            return state["id"]
        hi = top[kind]
        state["id"] = _hot(rng, hot[kind], .45, lambda: str(rng.randrange(hi * 3 // 4, hi) if rng.random() < .5
                                                            else rng.randrange(1, hi)))
        return state["id"]

    def bbox(w=.004, h=.003):
        lon, lat = rng.choices(OSM_CITIES, [6, 3, 1, 1])[0]
        lon += rng.uniform(-.02, .02)
        lat += rng.uniform(-.02, .02)
        return "%.7f,%.7f,%.7f,%.7f" % (lon, lat, lon + w * rng.uniform(.5, 1.5), lat + h * rng.uniform(.5, 1.5))

    def ids(kind, k):
        return ",".join(rng.choice(hot[kind]) if rng.random() < .3 else str(rng.randrange(1, top[kind]))
                        for _ in range(k))

    def user():
        return rng.choice(OSM_MAPPERS)
    V = {"id": ident, "version": lambda: str(rng.randrange(1, _osm_versions(state["id"]) + 1)),
         "key": lambda: _weighted(rng, OSM_PREFS)}
    Q = {A + "/map": lambda: "?bbox=" + bbox(), A + "/map.json": lambda: "?bbox=" + bbox(),
         A + "/nodes": lambda: "?nodes=" + ids("node", rng.randrange(2, 40)) + rng.choice(["", "v2"]),
         A + "/ways": lambda: "?ways=" + ids("way", rng.randrange(2, 20)),
         A + "/relations": lambda: "?relations=" + ids("relation", rng.randrange(2, 6)),
         A + "/changeset/{id}": lambda: rng.choice(["", "?include_discussion=true"]) or "?",
         A + "/changeset/{id}.json": lambda: rng.choice(["", "?include_discussion=true"]) or "?",
         A + "/changesets": lambda: rng.choice(["?user=%s&closed=true" % user()[0],
                                                "?display_name=" + quote(user()[1]) + "&limit=100",
                                                "?bbox=" + bbox(.05, .03) + "&time=2026-11-%02d" % rng.randrange(1, 20),
                                                "?open=true&user=" + user()[0]]),
         A + "/changesets.json": lambda: "?user=%s&limit=%d" % (user()[0], rng.choice([10, 100])),
         A + "/notes": lambda: "?bbox=" + bbox(.02, .015) + "&limit=100&closed=" + rng.choice(["7", "0", "-1"]),
         A + "/notes.json": lambda: "?bbox=" + bbox(.02, .015) + "&closed=7",
         A + "/notes/search.json": lambda: rng.choice(["?q=" + rng.choice(["bench", "opening+hours", "closed",
                                                                          "construction"]) + "&limit=50&closed=-1",
                                                       "?display_name=" + quote(user()[1]) + "&sort=updated_at&order="
                                                       "newest"]),
         A + "/notes/feed": lambda: "?bbox=" + bbox(.1, .07),
         A + "/trackpoints": lambda: "?bbox=" + bbox() + "&page=" + rng.choice(["0", "0", "1", "2"])}
    return T, V, Q, "osm", state


def _osm_xml(body, generator="openstreetmap-cgimap 2.0.1 (3090 spike-07.openstreetmap.org)"):
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"%s\" %s>\n%s</osm>\n" % (
        generator, OSM_LICENSE, body)


def _osm_json(t, **members):
    return dict({"version": "0.6", "generator": "openstreetmap-cgimap 2.0.1 (3090 spike-07.openstreetmap.org)",
                 "copyright": "OpenStreetMap and contributors", "attribution": "http://www.openstreetmap.org/copyright",
                 "license": "http://opendatacommons.org/licenses/odbl/1-0/"}, **members, **{_member(t): True})


def _osm_answer(rng, i, t, kind, path, query, item):
    xml, jsn = "application/xml; charset=utf-8", "application/json; charset=utf-8"
    v = _values(t, path)
    lon, lat = rng.choice(OSM_CITIES)
    when = "2026-11-%02dT%02d:%02d:%02dZ" % (rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                            rng.randrange(60))
    uid, uname = rng.choice(OSM_MAPPERS)
    cs = rng.randrange(150_000_000, 166_000_000)
    typ = t.split("/")[3] if t.count("/") > 3 else "node"
    ident = int(v.get("id") or rng.randrange(1, 10 ** 9))
    ver = int(v.get("version") or _osm_versions(str(ident)))
    tags = rng.choice(OSM_TAGS)
    js_out = t.endswith(".json")
    meta = {"timestamp": when, "version": ver, "changeset": cs, "user": uname, "uid": int(uid)}
    if kind in ("element", "history", "full", "parents", "multi", "map"):
        els = []
        if kind == "history":
            els = [dict(type=typ, id=ident, **dict(meta, version=k)) for k in range(1, min(ver, 3) + 1)]
        elif kind == "parents":
            els = [dict(type="way" if t.endswith("/ways") else "relation", id=rng.randrange(10 ** 6, 10 ** 9),
                        **meta)] if rng.random() < .8 else []
        elif kind in ("full", "map"):
            els = [dict(type="node", id=rng.randrange(10 ** 8, 10 ** 10), lat=round(lat + rng.uniform(-.01, .01), 7),
                        lon=round(lon + rng.uniform(-.01, .01), 7), **meta) for _ in range(2)]
            els.append(dict(type="way", id=ident if kind == "full" else rng.randrange(10 ** 6, 10 ** 9),
                            nodes=[e["id"] for e in els], tags=tags, **meta))
        else:
            els = [dict(type=typ if kind == "element" else t.split("/")[3][:-1], id=ident, **meta)]
            if els[0]["type"] == "node":
                els[0].update(lat=round(lat + rng.uniform(-.01, .01), 7), lon=round(lon + rng.uniform(-.01, .01), 7))
            els[0]["tags"] = tags
        if js_out:
            body = _osm_json(t, elements=els)
            if kind == "map":
                body["bounds"] = {"minlat": lat, "minlon": lon, "maxlat": lat + .003, "maxlon": lon + .004}
            return jsn, body
        lines = []
        if kind == "map":
            lines.append(" <bounds minlat=\"%.7f\" minlon=\"%.7f\" maxlat=\"%.7f\" maxlon=\"%.7f\"/>\n" % (
                lat, lon, lat + .003, lon + .004))
        for e in els:
            attrs = " ".join("%s=\"%s\"" % (k, e[k]) for k in ("id", "lat", "lon") if k in e)
            lines.append(" <%s %s visible=\"true\" version=\"%d\" changeset=\"%d\" timestamp=\"%s\" user=\"%s\" "
                         "uid=\"%s\">\n" % (e["type"], attrs, e["version"], cs, when, uname, uid)
                         + "".join("  <nd ref=\"%d\"/>\n" % n for n in e.get("nodes", []))
                         + "".join("  <tag k=\"%s\" v=\"%s\"/>\n" % kv for kv in e.get("tags", {}).items())
                         + " </%s>\n" % e["type"])
        return xml, _osm_xml("".join(lines))
    if kind == "osmchange":
        return xml, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osmChange version=\"0.6\" generator=\"openstreet"
                     "map-cgimap 2.0.1 (3090 spike-07.openstreetmap.org)\" %s>\n <modify>\n  <node id=\"%d\" "
                     "visible=\"true\" version=\"3\" changeset=\"%d\" timestamp=\"%s\" user=\"%s\" uid=\"%s\" "
                     "lat=\"%.7f\" lon=\"%.7f\"/>\n </modify>\n</osmChange>\n" % (
                         OSM_LICENSE, rng.randrange(10 ** 8, 10 ** 10), ident, when, uname, uid, lat, lon))
    server = "OpenStreetMap server"
    if kind in ("changeset", "changesets"):
        c = {"id": ident if kind == "changeset" else cs, "created_at": when, "open": False, "comments_count": 0,
             "changes_count": rng.randrange(1, 500), "closed_at": when, "min_lat": lat, "min_lon": lon,
             "max_lat": lat + .01, "max_lon": lon + .01, "uid": int(uid), "user": uname,
             "tags": {"comment": "Add opening hours", "created_by": rng.choice(["iD 2.30.4", "JOSM/1.5 (19253 en)",
                                                                               "StreetComplete 59.3"])}}
        if js_out:
            return jsn, _osm_json(t, generator=server, **({"changeset": c} if kind == "changeset"
                                                          else {"changesets": [c, dict(c)]}))
        return xml, _osm_xml(" <changeset id=\"%d\" created_at=\"%s\" open=\"false\" comments_count=\"0\" changes_"
                             "count=\"%d\" closed_at=\"%s\" min_lat=\"%.7f\" min_lon=\"%.7f\" max_lat=\"%.7f\" "
                             "max_lon=\"%.7f\" uid=\"%s\" user=\"%s\">\n  <tag k=\"comment\" v=\"Add opening hours\"/>"
                             "\n </changeset>\n" % (c["id"], when, c["changes_count"], when, lat, lon, lat + .01,
                                                    lon + .01, uid, uname), server)
    if kind in ("user", "me"):
        u = {"id": ident if kind == "user" else 10786803, "display_name": uname if kind == "user" else "jdoe_maps",
             "account_created": "2019-04-%02dT10:11:12Z" % rng.randrange(1, 29), "description": "",
             "contributor_terms": {"agreed": True}, "img": {"href": "https://www.gravatar.com/avatar/" + _hex(rng, 32)
                                                            + ".jpg?s=100&d=https%3A%2F%2Fwww.openstreetmap.org%2F"
                                                            "assets%2Favatar_large.png"},
             "roles": [], "changesets": {"count": rng.randrange(1, 90000)}, "traces": {"count": rng.randrange(50)},
             "blocks": {"received": {"count": 0, "active": 0}}}
        if kind == "me":
            u.update(languages=["en-US", "en"], messages={"received": {"count": 12, "unread": 0},
                                                          "sent": {"count": 3}})
        if js_out:
            return jsn, _osm_json(t, generator=server, user=u)
        return xml, _osm_xml(" <user id=\"%d\" display_name=\"%s\" account_created=\"%s\">\n  <description>"
                             "</description>\n  <contributor-terms agreed=\"true\"/>\n  <changesets count=\"%d\"/>"
                             "\n </user>\n" % (
                                 u["id"], u["display_name"], u["account_created"], u["changesets"]["count"]), server)
    if kind == "prefs":
        return xml, _osm_xml(" <preferences>\n" + "".join("  <preference k=\"%s\" v=\"%s\"/>\n" % (k, val) for k, val in
                                                         [("gps.trace.visibility", "identifiable"),
                                                          ("diary.default_language", "en")]) + " </preferences>\n",
                             server)
    if kind == "pref":
        return "text/plain; charset=utf-8", {"gps.trace.visibility": "identifiable", "diary.default_language": "de",
                                             "preferred_editor": "id"}.get(v["key"], "true")
    if kind in ("notes", "note"):
        nid = ident if kind == "note" else rng.randrange(4_000_000, 4_900_000)
        if js_out:
            f = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": dict(item, id=nid, url="https://api.openstreetmap.org/api/0.6/notes/%d.json" % nid,
                                    date_created="2026-11-19 08:12:44 UTC", status=rng.choice(["open", "closed"]),
                                    comments=[{"date": "2026-11-19 08:12:44 UTC", "action": "opened",
                                               "text": "Bench is gone", "html": "<p>Bench is gone</p>"}])}
            return jsn, f if kind == "note" else {"type": "FeatureCollection", "features": [f, dict(f)]}
        return xml, _osm_xml(" <note lon=\"%.7f\" lat=\"%.7f\">\n  <id>%d</id>\n  <status>open</status>\n </note>\n" % (
            lon, lat, nid), server)
    if kind == "rss":
        return "application/rss+xml; charset=utf-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version="
                                                     "\"2.0\">\n<channel>\n<title>OpenStreetMap Notes</title>\n"
                                                     "<item><title>new note (near Mitte, Berlin)</title></item>\n"
                                                     "</channel>\n</rss>\n")
    if kind == "gpx":
        return xml, _osm_xml(" <gpx_file id=\"%d\" name=\"%s.gpx\" uid=\"%s\" user=\"%s\" visibility=\"identifiable\" "
                             "pending=\"false\" timestamp=\"%s\" lat=\"%.7f\" lon=\"%.7f\">\n  <description>Morning"
                             " ride</description>\n  <tag>bike</tag>\n </gpx_file>\n" % (
                                 ident, _hex(rng, 8), uid, uname, when, lat, lon), server)
    if kind == "gpxdata":
        return "application/gpx+xml; charset=utf-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.0\""
                                                     " creator=\"OpenStreetMap.org\" xmlns=\"http://www.topografix.com/"
                                                     "GPX/1/0\">\n <trk>\n  <trkseg>\n   <trkpt lat=\"%.7f\" lon=\""
                                                     "%.7f\"/>\n  </trkseg>\n </trk>\n</gpx>\n" % (lat, lon))
    if kind == "capabilities":
        return xml, _osm_xml(" <api>\n  <version minimum=\"0.6\" maximum=\"0.6\"/>\n  <area maximum=\"0.25\"/>\n  "
                             "<note_area maximum=\"25\"/>\n  <tracepoints per_page=\"5000\"/>\n  <waynodes maximum="
                             "\"2000\"/>\n  <relationmembers maximum=\"32000\"/>\n  <changesets maximum_elements=\""
                             "10000\" default_query_limit=\"100\" maximum_query_limit=\"100\"/>\n  <timeout seconds="
                             "\"300\"/>\n  <status database=\"online\" api=\"online\" gpx=\"online\"/>\n </api>\n"
                             " <policy>\n  <imagery>\n   <blacklist regex=\".*\\.google(apis)?\\..*/.*\"/>\n  "
                             "</imagery>\n </policy>\n", server)
    return xml, _osm_xml(" <api>\n  <version>0.6</version>\n </api>\n", server)


def _osm_error(rng, t, kind, path):
    txt = "text/plain; charset=utf-8"
    big = ("The maximum bbox size is %s, and your request was too large. Either request a smaller area, or use "
           "planet.osm")
    if kind in ("versions", "capabilities"):
        return 509, txt, "You have downloaded too much data. Please try again later."
    if kind == "map":
        return 400, txt, rng.choice([big % "0.25", "You requested too many nodes (limit is 50000). Either request a "
                                                   "smaller area, or use planet.osm"])
    if kind in ("notes", "rss"):
        if t.endswith("/search.json"):
            return 400, txt, "No query string was given"
        return 400, txt, big % "25"
    if kind == "gpxdata" and "{" not in t:
        return 400, txt, "The latitudes must be between -90 and 90, longitudes between -180 and 180 and the minima " \
                         "must be less than the maxima."
    if kind in ("me", "prefs"):
        return 401, txt, "Couldn't authenticate you"
    if kind == "changesets":
        return 404, txt, "Object not found"
    if kind == "parents":
        return 200, "application/xml; charset=utf-8", _osm_xml("")
    if kind == "note" and rng.random() < .4:
        return 410, txt, "The note with the id %s has been deleted" % _values(t, path)["id"]
    if kind == "gpx" and rng.random() < .3:
        return 403, txt, ""
    if kind in ("element", "history", "full", "user") and rng.random() < .4:
        return 410, txt, ""
    return 404, txt, ""


# -- Plex Media Server -----------------------------------------------------------------------------

PLEX_SECTIONS = [("1", "movie", "Movies"), ("2", "show", "TV Shows"), ("3", "artist", "Music"),
                 ("5", "photo", "Photos"), ("8", "movie", "4K Movies"), ("11", "show", "Anime")]
PLEX_TITLES = ["Dune: Part Two", "Severance", "The Bear", "Oppenheimer", "Blue Eyes Samurai", "Arcane",
               "Random Access Memories", "Past Lives", "Andor", "Frieren: Beyond Journey's End"]
PLEX_HTML = "<html><head><title>%s</title></head><body><h1>%d %s</h1></body></html>"


def plex(rng):
    L = "/library"
    M = L + "/metadata/{ratingKey}"
    S = L + "/sections/{sectionId}"
    TR = "/video/:/transcode/universal"
    T = [("/identity", "identity"), ("/", "root"), ("/:/prefs", "settings"), (L + "/sections", "dirs"), (S, "dirs"),
         (S + "/all", "meta"), (S + "/recentlyAdded", "meta"), (S + "/genre", "dirs"), (S + "/collections", "meta"),
         (S + "/refresh", "empty"), (M, "meta"), (M + "/children", "meta"), (M + "/allLeaves", "meta"),
         (M + "/similar", "meta"), (M + "/thumb/{updatedAt}", "image"), (M + "/art/{updatedAt}", "image"),
         (M + "/theme/{updatedAt}", "theme"), (L + "/parts/{partId}/{changestamp}/file.{ext}", "part"),
         (L + "/streams/{streamId}", "subtitle"), (L + "/onDeck", "meta"), (L + "/recentlyAdded", "meta"),
         (L + "/collections/{collectionId}/children", "meta"), ("/hubs", "hubs"), ("/hubs/search", "hubs"),
         ("/hubs/home/recentlyAdded", "meta"), ("/hubs/sections/{sectionId}", "hubs"), ("/status/sessions", "meta"),
         ("/status/sessions/history/all", "meta"), ("/playlists", "meta"), ("/playlists/{playlistId}", "meta"),
         ("/playlists/{playlistId}/items", "meta"), ("/photo/:/transcode", "image"), (TR + "/decision", "decision"),
         (TR + "/start.m3u8", "m3u8"), (TR + "/session/{session}/base/index.m3u8", "m3u8"),
         (TR + "/session/{session}/base/{segment}.ts", "ts"), ("/:/timeline", "empty"), ("/:/scrobble", "empty"),
         ("/activities", "activities"), ("/clients", "servers"), ("/accounts", "accounts")]
    keys = [str(rng.randrange(100, 60000)) for _ in range(30)]
    stamps = {}
    collections = [str(rng.randrange(1000, 60000)) for _ in range(4)]
    playlists = [str(rng.randrange(1000, 60000)) for _ in range(5)]
    sessions = [_s(rng, LOWER, 24) for _ in range(3)]
    segments = {}
    token = _s(rng, B62 + "-_", 20)
    client_id = _s(rng, LOWER, 24)
    machine = _hex(rng, 40)
    state = {"machine": machine}

    def rating_key():
        state["rk"] = _hot(rng, keys, .6, lambda: str(rng.randrange(100, 60000)))
        return state["rk"]

    def updated_at():
        return str(stamps.setdefault(state["rk"], rng.randrange(1_600_000_000, 1_763_600_000)))

    def section():
        state["section"] = rng.choices(PLEX_SECTIONS, [8, 7, 3, 1, 2, 2])[0]
        return state["section"][0]

    def part():
        state["part"] = rng.choices(["movie", "music"], [4, 1])[0]
        return str(rng.randrange(1000, 90000))

    def session():
        state["session"] = _hot(rng, sessions, .7, lambda: _s(rng, LOWER, 24))
        return state["session"]

    def segment():
        n = segments.get(state["session"], -1) + 1
        segments[state["session"]] = n if rng.random() < .9 else rng.randrange(0, 900)
        return "%05d" % segments[state["session"]]
    V = {"ratingKey": rating_key, "updatedAt": updated_at, "sectionId": section, "partId": part,
         "changestamp": lambda: str(rng.randrange(1_500_000_000, 1_763_600_000)),
         "ext": lambda: _weighted(rng, ["mkv", "mp4", "m4v", "avi"] if state["part"] == "movie" else ["flac", "mp3",
                                                                                                      "m4a"]),
         "streamId": lambda: str(rng.randrange(1000, 600000)), "collectionId": lambda: rng.choice(collections),
         "playlistId": lambda: _weighted(rng, playlists), "session": session, "segment": segment}
    web = ("X-Plex-Product=Plex%20Web&X-Plex-Version=4.141.1&X-Plex-Client-Identifier=" + client_id
           + "&X-Plex-Platform=Chrome&X-Plex-Platform-Version=131.0&X-Plex-Features=external-media%2Cindirect-media%2C"
           "hub-style-list&X-Plex-Model=standalone&X-Plex-Device=OSX&X-Plex-Device-Name=Chrome&X-Plex-Token=" + token
           + "&X-Plex-Language=en")

    def api(extra=""):
        def q():
            r = rng.random()
            base = web if r < .55 else "X-Plex-Token=" + token if r < .85 else ""
            out = "&".join(x for x in (extra() if callable(extra) else extra, base) if x)
            return "?" + out if out else "?"
        return q
    img = lambda: "?X-Plex-Token=" + token if rng.random() < .7 else "?"  # noqa: E731
    sort = lambda: rng.choice(["titleSort", "addedAt%3Adesc", "originallyAvailableAt%3Adesc", "rating%3Adesc"])  # noqa
    page = lambda: "X-Plex-Container-Start=%d&X-Plex-Container-Size=%d" % (  # noqa: E731
        rng.choice([0, 0, 50, 100]), rng.choice([50, 100]))
    Q = {t: api() for t, k in T if k in ("dirs", "meta", "hubs", "activities", "servers", "accounts", "settings",
                                         "root", "identity", "decision")}
    key = lambda: "%2Flibrary%2Fmetadata%2F" + _hot(rng, keys, .6, lambda: str(rng.randrange(100, 60000)))  # noqa
    Q.update({S + "/all": api(lambda: "type=%s&sort=%s&includeGuids=1&%s" % (
        {"movie": "1", "show": "2", "artist": "8", "photo": "13"}[state["section"][1]], sort(), page())),
        S + "/recentlyAdded": api(lambda: page()), M: api("includeExtras=1&includeOnDeck=1&includeChapters=1&"
                                                          "includeMarkers=1&includeConcerts=1&includeReviews=1&"
                                                          "checkFiles=1&asyncCheckFiles=0"),
        M + "/children": api("excludeAllLeaves=1"), "/hubs/search": api(lambda: "query=" + quote(rng.choice(
            PLEX_TITLES).split(":")[0].lower()) + "&limit=30&includeCollections=1&includeExternalMedia=1"),
        "/hubs/home/recentlyAdded": api(lambda: "type=" + rng.choice(["1", "2"]) + "&" + page()),
        "/status/sessions/history/all": api(lambda: "sort=viewedAt%3Adesc&accountID=1&" + page()),
        M + "/thumb/{updatedAt}": img, M + "/art/{updatedAt}": img, M + "/theme/{updatedAt}": img,
        L + "/parts/{partId}/{changestamp}/file.{ext}": lambda: "?download=1&X-Plex-Token=" + token,
        L + "/streams/{streamId}": lambda: "?encoding=utf-8&format=srt&X-Plex-Token=" + token,
        S + "/refresh": lambda: "?force=" + rng.choice(["0", "1"]) + "&X-Plex-Token=" + token,
        "/photo/:/transcode": lambda: "?width=%d&height=%d&minSize=1&upscale=1&url=%s%%2Fthumb%%2F%d%%3FX-Plex-"
        "Token%%3D%s&X-Plex-Token=%s" % (rng.choice([240, 360, 480]), rng.choice([360, 540, 720]), key(),
                                         rng.randrange(1_600_000_000, 1_763_600_000), token, token),
        TR + "/decision": api(lambda: "hasMDE=1&path=" + key() + "&mediaIndex=0&partIndex=0&protocol=hls&directPlay="
                              "0&directStream=1&videoQuality=100&videoResolution=1920x1080&maxVideoBitrate=20000&"
                              "session=" + rng.choice(sessions)),
        TR + "/start.m3u8": lambda: "?hasMDE=1&path=" + key() + "&mediaIndex=0&partIndex=0&protocol=hls&fastSeek=1&"
        "directPlay=0&directStream=1&subtitleSize=100&audioBoost=100&location=lan&maxVideoBitrate=20000&videoQuality="
        "100&videoResolution=1920x1080&session=" + rng.choice(sessions) + "&subtitles=burn&" + web,
        "/:/timeline": lambda: "?ratingKey=%s&key=%s&state=%s&hasMDE=1&time=%d&duration=%d&" % (
            rng.choice(keys), key(), rng.choice(["playing", "playing", "paused", "stopped"]),
            rng.randrange(0, 7_000_000), rng.randrange(1_300_000, 10_800_000)) + web,
        "/:/scrobble": lambda: "?key=%s&identifier=com.plexapp.plugins.library&X-Plex-Token=%s" % (rng.choice(keys),
                                                                                                  token)})
    return T, V, Q, "plex", state


def _plex_answer(rng, i, t, kind, path, query, item):
    v = _values(t, path)
    sec = next((s for s in PLEX_SECTIONS if s[0] == v.get("sectionId")), PLEX_SECTIONS[0])
    js = "application/json"
    if kind == "image":
        return "image/jpeg", JPEG
    if kind == "theme":
        return "audio/mpeg", "ID3\u0004\u0000\u0000\u0000\u0000\u0000#TSSE"
    if kind == "part":
        ctype = {"mkv": "video/x-matroska", "mp4": "video/mp4", "m4v": "video/mp4", "avi": "video/x-msvideo",
                 "flac": "audio/flac", "mp3": "audio/mpeg", "m4a": "audio/mp4"}[v["ext"]]
        return (206 if rng.random() < .6 else 200), ctype, "\u001aE\u00df\u00a3" if v["ext"] == "mkv" else MP4
    if kind == "subtitle":
        return "text/srt; charset=utf-8", "1\n00:00:01,000 --> 00:00:04,000\nPreviously on Severance...\n"
    if kind == "m3u8":
        if "/base/" in t:
            return "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA" \
                                                    "-SEQUENCE:0\n#EXTINF:2.002,\n00000.ts\n#EXTINF:2.002,\n00001.ts\n"
        return "application/vnd.apple.mpegurl", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=20000000,RESOLUTION=1920x1080," \
                                                "CODECS=\"avc1.640028,mp4a.40.2\"\nsession/" + _s(rng, LOWER, 24) \
                                                + "/base/index.m3u8\n"
    if kind == "ts":
        return "video/mp2t", "G@\u0000\u0010\u0000\u0000\u00b0\r\u0000\u0001\u00c1\u0000\u0000"
    if kind == "empty":
        return 200, None, ""
    rk = v.get("ratingKey") or str(rng.randrange(100, 60000))
    stamp = rng.randrange(1_600_000_000, 1_763_600_000)
    title = rng.choice(PLEX_TITLES)
    entry = dict(item, ratingKey=rk, key="/library/metadata/" + rk, guid="plex://%s/%s" % (
        sec[1] if sec[1] != "artist" else "album", _hex(rng, 24)), type=sec[1], title=title, year=rng.randrange(1990,
                                                                                                                2027),
        thumb="/library/metadata/%s/thumb/%d" % (rk, stamp), addedAt=stamp - 86400, updatedAt=stamp)
    if kind == "identity":
        mc = {"size": 0, "claimed": True, "machineIdentifier": _hex(rng, 40), "version": "1.41.2.9200-c6bbc1b53"}
    elif kind == "root":
        mc = {"size": 22, "allowCameraUpload": True, "friendlyName": "acme-nas", "myPlex": True,
              "myPlexSubscription": True, "platform": "Linux", "transcoderActiveVideoSessions": 1,
              "version": "1.41.2.9200-c6bbc1b53", "Directory": [{"count": 1, "key": "library", "title": "library"}]}
    elif kind == "settings":
        mc = {"size": 2, "Setting": [dict(item, id="FriendlyName", label="Friendly name", type="text",
                                          value="acme-nas", default="", hidden=False, advanced=False, group="general")]}
    elif kind == "dirs":
        d = dict(item, key=sec[0], type=sec[1], title=sec[2], agent="tv.plex.agents." + ("movie" if sec[1] == "movie"
                                                                                          else "series"),
                 scanner="Plex Movie", language="en-US", uuid=_uuid(rng), updatedAt=stamp, scannedAt=stamp,
                 Location=[{"id": int(sec[0]), "path": "/data/media/" + sec[2].lower().replace(" ", "")}])
        mc = {"size": 2, "allowSync": False, "title1": "Plex Library", "Directory": [d, dict(d)]}
    elif kind == "hubs":
        mc = {"size": 2, "Hub": [dict(item, hubKey="/library/metadata/" + rk, key="/hubs/sections/1/continueWatching",
                                      title="Continue Watching", type=sec[1], hubIdentifier="movie.inprogress.1",
                                      context="hub.movie.inprogress", size=1, more=False, style="shelf",
                                      Metadata=[entry])]}
    elif kind == "activities":
        mc = {"size": 1, "Activity": [dict(item, uuid=_uuid(rng), type="library.update.section", cancellable=False,
                                           userID=1, title="Scanning Movies", subtitle="Dune: Part Two",
                                           progress=rng.randrange(100))]}
    elif kind == "servers":
        mc = {"size": 1, "Server": [dict(item, name="Living Room TV", host="192.168.1.%d" % rng.randrange(2, 250),
                                         address="192.168.1.42", port=32500, machineIdentifier=_s(rng, LOWER, 24),
                                         version="8.45.0", protocol="plex", product="Plex for LG",
                                         deviceClass="tv", protocolCapabilities="timeline,playback,navigation")]}
    elif kind == "accounts":
        mc = {"size": 2, "identifier": "com.plexapp.system.accounts",
              "Account": [dict(item, id=1, key="/accounts/1", name="jdoe", defaultAudioLanguage="en",
                               autoSelectAudio=True, defaultSubtitleLanguage="en", subtitleMode=1, thumb="")]}
    elif kind == "decision":
        mc = {"size": 1, "allowSync": "1", "directPlayDecisionCode": 3000, "directPlayDecisionText": "App cannot "
              "direct play this item. Direct play is disabled.", "generalDecisionCode": 1001, "generalDecisionText":
              "Direct play not available; Conversion OK.", "mdeDecisionCode": 1000, "transcodeDecisionCode": 1001,
              "transcodeDecisionText": "Direct play not available; Conversion OK.", "Metadata": [entry]}
    else:
        mc = {"size": 2, "allowSync": True, "identifier": "com.plexapp.plugins.library", "librarySectionID":
              int(sec[0]), "librarySectionTitle": sec[2], "mediaTagPrefix": "/system/bundle/media/flags/",
              "mediaTagVersion": 1_732_000_000, "Metadata": [entry, dict(entry, ratingKey=str(int(rk) + 1))]}
    state_json = not query or "X-Plex-Product" in query or "X-Plex-Token" not in query
    if state_json:
        return js, {"MediaContainer": mc}
    attrs = " ".join("%s=\"%s\"" % (k, str(x).replace("\"", "&quot;")) for k, x in mc.items()
                     if not isinstance(x, (list, dict)))
    kids = "".join("<%s %s />\n" % ({"movie": "Video", "show": "Directory", "artist": "Directory",
                                     "photo": "Photo"}.get(c.get("type"), k), " ".join(
                                         "%s=\"%s\"" % (a, str(b).replace("\"", "&quot;")) for a, b in c.items()
                                         if not isinstance(b, (list, dict))))
                   for k, cs in mc.items() if isinstance(cs, list) for c in cs)
    return "text/xml;charset=utf-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer %s>\n%s" \
                                     "</MediaContainer>\n" % (attrs, kids)


def _plex_error(rng, t, kind, path):
    html = "text/html"
    if kind == "identity":
        return 503, html, PLEX_HTML % ("Service Unavailable", 503, "Service Unavailable")
    if "{" not in t and kind != "image":
        return 401, html, PLEX_HTML % ("Unauthorized", 401, "Unauthorized")
    if kind == "image" and "{" not in t:
        return 400, html, PLEX_HTML % ("Bad Request", 400, "Bad Request")
    return 404, html, PLEX_HTML % ("Not Found", 404, "Not Found")


# -- Philips Hue bridge (API v1 and CLIP v2) ------------------------------------------------------

HUE_ROOMS = ["Living room", "Kitchen", "Bedroom", "Office", "Hallway", "Bathroom"]
HUE_MODELS = [("LCT015", "Extended color light", "Hue color lamp"), ("LTW012", "Color temperature light",
                                                                     "Hue ambiance candle"),
              ("LWB010", "Dimmable light", "Hue white lamp"), ("LCA001", "Extended color light", "Hue color lamp"),
              ("LST002", "Color light", "Hue lightstrip plus")]
HUE_V2_TYPES = {"light": 24, "room": 6, "zone": 3, "grouped_light": 9, "scene": 20, "device": 32, "motion": 4,
                "temperature": 4, "light_level": 4, "device_power": 6, "bridge": 1, "behavior_instance": 5,
                "smart_scene": 2, "entertainment_configuration": 1}


def hue(rng):
    U = "/api/{username}"
    C = "/clip/v2/resource"
    T = [("/api/config", "v1pub"), (U, "v1all"), (U + "/config", "v1config"), (U + "/capabilities", "v1caps"),
         (U + "/lights", "v1map"), (U + "/lights/new", "v1new"), (U + "/lights/{id}", "v1obj"),
         (U + "/groups", "v1map"), (U + "/groups/{id}", "v1obj"), (U + "/scenes", "v1map"),
         (U + "/scenes/{id}", "v1obj"), (U + "/sensors", "v1map"), (U + "/sensors/new", "v1new"),
         (U + "/sensors/{id}", "v1obj"), (U + "/schedules", "v1map"), (U + "/schedules/{id}", "v1obj"),
         (U + "/rules", "v1map"), (U + "/rules/{id}", "v1obj"), (U + "/resourcelinks", "v1map"),
         (U + "/resourcelinks/{id}", "v1obj"), (C, "v2"), (C + "/light", "v2"), (C + "/light/{id}", "v2"),
         (C + "/room", "v2"), (C + "/room/{id}", "v2"), (C + "/zone", "v2"), (C + "/grouped_light/{id}", "v2"),
         (C + "/scene", "v2"), (C + "/scene/{id}", "v2"), (C + "/device", "v2"), (C + "/device/{id}", "v2"),
         (C + "/motion/{id}", "v2"), (C + "/temperature/{id}", "v2"), (C + "/light_level/{id}", "v2"),
         (C + "/device_power", "v2"), (C + "/bridge", "v2"), (C + "/behavior_instance", "v2"),
         (C + "/smart_scene", "v2"), (C + "/entertainment_configuration/{id}", "v2"), ("/eventstream/clip/v2", "sse"),
         ("/description.xml", "upnp")]
    usernames = [_s(rng, B62 + "-", 40), _s(rng, B62 + "-", 40), _hex(rng, 32)]
    v1 = {"lights": [str(k) for k in range(1, 25)], "groups": ["0"] + [str(k) for k in range(1, 10)] + ["81", "200"],
          "sensors": ["1"] + [str(k) for k in sorted(rng.sample(range(2, 90), 20))],
          "scenes": [_s(rng, B62, 15) for _ in range(20)], "schedules": [str(k) for k in range(1, 9)],
          "rules": [str(k) for k in sorted(rng.sample(range(1, 120), 25))],
          "resourcelinks": [str(rng.randrange(1000, 60000)) for _ in range(6)]}
    v2 = {k: [_uuid(rng) for _ in range(n)] for k, n in HUE_V2_TYPES.items()}
    state = {}

    def ident():
        parts = state["tpl"].split("/")
        if parts[1] == "api":
            pool = v1[parts[3]]
            return _hot(rng, pool, .95, lambda: str(rng.randrange(len(pool) + 1, 120)) if pool[-1].isdigit()
                        else _s(rng, B62, 15))
        return _weighted(rng, v2[parts[4]]) if rng.random() < .95 else _uuid(rng)
    V = {"username": lambda: rng.choices(usernames, [7, 3, 1])[0], "id": ident}
    return T, V, {}, "hue", state


HUE_BRIDGE = {"name": "Hue Bridge", "datastoreversion": "169", "swversion": "1967054020", "apiversion": "1.67.0",
              "mac": "00:17:88:2a:3b:4c", "bridgeid": "001788FFFE2A3B4C", "factorynew": False,
              "replacesbridgeid": None, "modelid": "BSB002", "starterkitid": ""}


def _hue_v1(rng, coll, ident, item):
    if coll == "lights":
        model, typ, product = rng.choice(HUE_MODELS)
        return dict(item, state={"on": rng.random() < .5, "bri": rng.randrange(1, 255), "hue": rng.randrange(65535),
                                 "sat": rng.randrange(255), "effect": "none", "xy": [0.4573, 0.41], "ct": 366,
                                 "alert": "select", "colormode": "ct", "mode": "homeautomation",
                                 "reachable": rng.random() < .9},
                    swupdate={"state": "noupdates", "lastinstall": "2026-10-02T08:11:40"}, type=typ,
                    name="%s %s" % (rng.choice(HUE_ROOMS), ident), modelid=model,
                    manufacturername="Signify Netherlands B.V.", productname=product,
                    uniqueid="00:17:88:01:%02x:%02x:%02x:%02x-0b" % tuple(rng.getrandbits(8) for _ in range(4)),
                    swversion="1.104.2", swconfigid=_hex(rng, 8).upper(), productid="Philips-" + model + "-1-A19ECLv5")
    if coll == "groups":
        return dict(item, name="Group 0" if ident == "0" else rng.choice(HUE_ROOMS), lights=["1", "2", "3"],
                    sensors=[], type="LightGroup" if ident == "0" else "Room", state={"all_on": False, "any_on": True},
                    recycle=False, action={"on": True, "bri": 200, "alert": "select", "colormode": "ct"},
                    **({"class": "Living room"} if ident != "0" else {}))
    if coll == "scenes":
        return dict(item, name=rng.choice(["Relax", "Concentrate", "Energize", "Nightlight", "Read", "Dimmed"]),
                    type="GroupScene", group=str(rng.randrange(1, 10)), lights=["1", "2"], owner=_s(rng, B62, 40),
                    recycle=False, locked=False, appdata={"version": 1, "data": _s(rng, B62, 5) + "_r01_d01"},
                    picture="", lastupdated="2026-09-14T18:02:11", version=2)
    if coll == "sensors":
        if ident == "1":
            return dict(item, state={"daylight": True, "lastupdated": "2026-11-20T07:31:00"},
                        config={"on": True, "configured": True, "sunriseoffset": 30, "sunsetoffset": -30},
                        name="Daylight", type="Daylight", modelid="PHDL00", manufacturername="Signify Netherlands B.V.",
                        swversion="1.0")
        return dict(item, state={"presence": rng.random() < .2, "lastupdated": "2026-11-20T09:58:%02d" %
                                 rng.randrange(60)},
                    swupdate={"state": "noupdates", "lastinstall": "2026-08-01T10:00:00"},
                    config={"on": True, "battery": rng.randrange(20, 100), "reachable": True, "alert": "none",
                            "sensitivity": 2, "sensitivitymax": 2, "ledindication": False, "usertest": False,
                            "pending": []}, name="Hallway sensor", type="ZLLPresence", modelid="SML001",
                    manufacturername="Signify Netherlands B.V.", productname="Hue motion sensor",
                    swversion="6.1.1.27575",
                    uniqueid="00:17:88:01:02:%02x:%02x:%02x-02-0406" % tuple(rng.getrandbits(8) for _ in range(3)))
    if coll == "schedules":
        return dict(item, name="Wake up", description="L_04_" + _s(rng, B62, 5) + "_start wake up", command={
            "address": "/api/" + _s(rng, B62, 40) + "/sensors/%d/state" % rng.randrange(2, 90), "body": {"flag": True},
            "method": "PUT"}, localtime="W124/T06:30:00", time="W124/T05:30:00", created="2025-01-04T09:12:00",
                    status="enabled", autodelete=False)
    if coll == "rules":
        return dict(item, name="MotionSensor 12.night-on", owner=_s(rng, B62, 40), created="2025-01-04T09:12:00",
                    lasttriggered="2026-11-20T06:41:12", timestriggered=rng.randrange(5000), status="enabled",
                    recycle=True, conditions=[{"address": "/sensors/12/state/presence", "operator": "eq",
                                               "value": "true"}],
                    actions=[{"address": "/groups/3/action", "method": "PUT", "body": {"scene": _s(rng, B62, 15)}}])
    return dict(item, name="Hue motion sensor 1", description="MotionSensor 12 behavior", type="Link",
                classid=10020, owner=_s(rng, B62, 40), recycle=False,
                links=["/sensors/12", "/rules/7", "/scenes/" + _s(rng, B62, 15)])


def _hue_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    if kind == "v1pub":
        return js, dict(HUE_BRIDGE)
    if kind in ("v1config", "v1all"):
        cfg = dict(HUE_BRIDGE, zigbeechannel=25, dhcp=True, ipaddress="192.168.1.20", netmask="255.255.255.0",
                   gateway="192.168.1.1", proxyaddress="none", proxyport=0, UTC="2026-11-20T10:00:%02d" %
                   rng.randrange(60), localtime="2026-11-20T11:00:00", timezone="Europe/Berlin", linkbutton=False,
                   portalservices=True, portalconnection="connected", internetservices={"internet": "connected"},
                   whitelist={v["username"]: {"last use date": "2026-11-20T10:00:00", "create date": "2024-02-11T"
                                              "19:20:00", "name": rng.choice(["Home Assistant#hass", "Hue#iPhone"])}},
                   **{_member(t): True})
        if kind == "v1config":
            return js, cfg
        return js, {"config": cfg, "lights": {"1": _hue_v1(rng, "lights", "1", item)},
                    "groups": {"1": _hue_v1(rng, "groups", "1", {})}, "scenes": {}, "schedules": {}, "rules": {},
                    "sensors": {"1": _hue_v1(rng, "sensors", "1", {})}, "resourcelinks": {}}
    if kind == "v1caps":
        return js, dict(item, lights={"available": 39, "total": 63}, sensors={"available": 180, "total": 250,
                                                                              "clip": {"available": 180, "total": 250},
                                                                              "zll": {"available": 52, "total": 64}},
                        groups={"available": 53, "total": 64}, scenes={"available": 160, "total": 200, "lightstates":
                                                                       {"available": 3590, "total": 12600}},
                        schedules={"available": 92, "total": 100}, rules={"available": 140, "total": 250},
                        resourcelinks={"available": 58, "total": 64}, streaming={"available": 1, "total": 1,
                                                                                 "channels": 20},
                        timezones={"values": ["CET", "Europe/Berlin", "UTC"]})
    if kind == "v1map":
        coll = t.split("/")[3]
        ids = {"lights": ["1", "2"], "groups": ["1", "2"], "sensors": ["1", "12"], "schedules": ["1", "2"],
               "rules": ["7", "8"], "resourcelinks": ["13577", "28191"]}.get(coll) or [_s(rng, B62, 15) for _ in "ab"]
        return js, {k: _hue_v1(rng, coll, k, item) for k in ids}
    if kind == "v1new":
        return js, {"lastscan": rng.choice(["none", "active", "2026-11-20T09:58:12"])}
    if kind == "v1obj":
        return js, _hue_v1(rng, t.split("/")[3], v["id"], item)
    if kind == "sse":
        ev = {"creationtime": "2026-11-20T10:00:%02dZ" % rng.randrange(60), "data": [
            {"id": _uuid(rng), "id_v1": "/lights/%d" % rng.randrange(1, 25), "on": {"on": rng.random() < .5},
             "owner": {"rid": _uuid(rng), "rtype": "device"}, "type": "light"}], "id": _uuid(rng), "type": "update"}
        return "text/event-stream; charset=utf-8", ": hi\n\nid: %d:0\ndata: %s\n\n" % (1_763_632_800 + i,
                                                                                    json.dumps([ev]))
    if kind == "upnp":
        return "text/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-"
                            "0\">\n<specVersion>\n<major>1</major>\n<minor>0</minor>\n</specVersion>\n<URLBase>http://"
                            "192.168.1.20:80/</URLBase>\n<device>\n<deviceType>urn:schemas-upnp-org:device:Basic:1"
                            "</deviceType>\n<friendlyName>Hue Bridge (192.168.1.20)</friendlyName>\n<manufacturer>"
                            "Signify</manufacturer>\n<modelName>Philips hue bridge 2015</modelName>\n<modelNumber>"
                            "BSB002</modelNumber>\n<serialNumber>0017882a3b4c</serialNumber>\n<UDN>uuid:2f402f80-da50"
                            "-11e1-9b23-0017882a3b4c</UDN>\n</device>\n</root>\n")
    parts = t.split("/")
    rtype = parts[4] if len(parts) > 4 else "device"
    obj = dict(item, id=v.get("id") or _uuid(rng), type=rtype)
    if rtype in ("light", "grouped_light", "motion", "temperature", "light_level", "device_power", "device"):
        obj["id_v1"] = "/%s/%d" % ("sensors" if rtype in ("motion", "temperature", "light_level") else
                                   "groups" if rtype == "grouped_light" else "lights", rng.randrange(1, 25))
    if rtype != "device":
        obj["owner"] = {"rid": _uuid(rng), "rtype": "device" if rtype not in ("grouped_light",) else "room"}
    if rtype == "light":
        obj.update(metadata={"name": rng.choice(HUE_ROOMS) + " lamp", "archetype": "sultan_bulb"},
                   on={"on": rng.random() < .5}, dimming={"brightness": round(rng.uniform(1, 100), 2),
                                                          "min_dim_level": 0.2},
                   color_temperature={"mirek": 366, "mirek_valid": True}, mode="normal")
    elif rtype in ("room", "zone"):
        obj.update(metadata={"name": rng.choice(HUE_ROOMS), "archetype": "living_room"},
                   children=[{"rid": _uuid(rng), "rtype": "device"}], services=[{"rid": _uuid(rng),
                                                                                 "rtype": "grouped_light"}])
    elif rtype == "scene":
        obj.update(metadata={"name": rng.choice(["Relax", "Concentrate", "Nightlight"])},
                   group={"rid": _uuid(rng), "rtype": "room"}, actions=[], speed=0.6, auto_dynamic=False,
                   status={"active": "inactive"})
    elif rtype == "device":
        obj.update(product_data={"model_id": "LCT015", "manufacturer_name": "Signify Netherlands B.V.",
                                 "product_name": "Hue color lamp", "software_version": "1.104.2"},
                   metadata={"name": "Living room lamp", "archetype": "sultan_bulb"},
                   services=[{"rid": _uuid(rng), "rtype": "light"}])
    elif rtype == "motion":
        obj.update(enabled=True, motion={"motion": False, "motion_valid": True})
    elif rtype == "temperature":
        obj.update(enabled=True, temperature={"temperature": round(rng.uniform(17, 24), 2),
                                              "temperature_valid": True})
    data = [obj] if "{id}" in t or rtype == "bridge" else [obj, dict(obj, id=_uuid(rng))]
    return js, {"errors": [], "data": data}


def _hue_error(rng, t, kind, path):
    js = "application/json"
    if kind in ("v1pub", "upnp"):
        return 200, js if kind == "v1pub" else "text/xml", HUE_BRIDGE if kind == "v1pub" else \
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\n</root>\n"
    if t.startswith("/api/"):
        v = _values(t, path)
        address = path.split(v["username"], 1)[1] or "/"
        if "{id}" in t:
            return 200, js, [{"error": {"type": 3, "address": address, "description": "resource, %s, not available"
                                        % address}}]
        return 200, js, [{"error": {"type": 1, "address": address, "description": "unauthorized user"}}]
    if "{id}" in t:
        return 404, js, {"errors": [{"description": "Not Found"}], "data": []}
    return 403, js, {"errors": [{"description": "Forbidden"}], "data": []}


# -- Socrata open data (SODA, views and catalog APIs, pages) ---------------------------------------

# (dataset id, category, name in URLs, title, has a geometry)
SOCRATA = [("ijzp-q8t2", "Public-Safety", "Crimes-2001-to-Present", "Crimes - 2001 to Present", True),
           ("85ca-t3if", "Transportation", "Traffic-Crashes-Crashes", "Traffic Crashes - Crashes", True),
           ("v6vf-nfxy", "Service-Requests", "311-Service-Requests", "311 Service Requests", True),
           ("ydr8-5enu", "Buildings", "Building-Permits", "Building Permits", True),
           ("4ijn-s7e5", "Health-Human-Services", "Food-Inspections", "Food Inspections", True),
           ("xzkq-xp2w", "Administration-Finance", "Current-Employee-Names-Salaries-and-Position-Title",
            "Current Employee Names, Salaries, and Position Titles", False),
           ("wrvz-psew", "Transportation", "Taxi-Trips-2013-2023-", "Taxi Trips (2013-2023)", False),
           ("igwz-8jzy", "Facilities-Geographic-Boundaries", "Boundaries-Community-Areas-current-",
            "Boundaries - Community Areas (current)", True),
           ("p3h8-xsd7", "Facilities-Geographic-Boundaries", "Boundaries-Wards-2023-", "Boundaries - Wards (2023-)",
            True),
           ("6zsd-86xi", "dataset", "Crimes-2001-to-present-Dashboard", "Crimes - 2001 to present - Dashboard", False)]
SOCRATA_BLOBS = [("q4s3-wb5z", "application%2Fpdf"), ("n3a5-9rvi", "application%2Fzip"),
                 ("e3e9-a8uv", "application%2Fvnd.openxmlformats-officedocument.spreadsheetml.sheet")]
SOCRATA_HOST = "data.cityofchicago.org"
SOCRATA_4X4 = "abcdefghijkmnpqrstuvwxyz23456789"


def socrata(rng):
    T = [("/resource/{dataset_id}.{format}", "soda"), ("/api/id/{dataset_id}.json", "soda"),
         ("/api/views/{dataset_id}.json", "view"), ("/api/views/{dataset_id}/rows.csv", "csv"),
         ("/api/views/{dataset_id}/rows.json", "rowsjson"), ("/api/views/{dataset_id}/columns.json", "columns"),
         ("/api/views/metadata/v1/{dataset_id}", "metav1"), ("/api/views/{dataset_id}/files/{file_id}", "file"),
         ("/api/geospatial/{dataset_id}", "geo"), ("/api/migrations/{dataset_id}", "migration"),
         ("/api/odata/v4/{dataset_id}", "odata"), ("/api/catalog/v1", "catalog"),
         ("/api/catalog/v1/autocomplete", "autocomplete"), ("/api/catalog/v1/domain_categories", "facets"),
         ("/api/catalog/v1/domain_tags", "facets"), ("/api/users/current.json", "user"),
         ("/api/users/{user_id}.json", "user"), ("/d/{dataset_id}", "redirect"),
         ("/{category}/{dataset_name}/{dataset_id}", "html"), ("/{category}/{dataset_name}/{dataset_id}/about_data",
                                                               "html"),
         ("/download/{dataset_id}/{mime_type}", "blob"), ("/browse", "browse")]
    files = {d[0]: [_uuid(rng) for _ in range(rng.choice([1, 2]))] for d in SOCRATA}
    users = ["n9ff-nb5i", "xs4g-mh9h", "jtqk-dsw9"]
    fourby = lambda: _s(rng, SOCRATA_4X4, 4) + "-" + _s(rng, SOCRATA_4X4, 4)  # noqa: E731
    state = {}

    def draw(geo=False):
        pool = [d for d in SOCRATA if d[4]] if geo else SOCRATA
        state["ds"] = _weighted(rng, pool) if rng.random() < .88 else (fourby(), "dataset", "Untitled", "x", False)
        return state["ds"]

    def dataset_id():
        t = state["tpl"]
        if "{category}" in t:
            return state["ds"][0]
        if t.startswith("/download/"):
            state["blob"] = rng.choice(SOCRATA_BLOBS)
            return state["blob"][0]
        return draw("/geospatial/" in t)[0]

    def fmt():
        return rng.choices(["json", "csv", "geojson"], [13, 5, 2 if state["ds"][4] else 0])[0]
    V = {"dataset_id": dataset_id, "format": fmt, "category": lambda: draw()[1], "dataset_name": lambda: state["ds"][2],
         "file_id": lambda: rng.choice(files.get(state["ds"][0]) or [_uuid(rng)]),
         "user_id": lambda: _hot(rng, users, .8, fourby), "mime_type": lambda: state["blob"][1]}
    token = _s(rng, B62, 25)

    def soql():
        d = "%24" if rng.random() < .5 else "$"
        parts = []
        if rng.random() < .5:
            parts.append(d + "where=" + quote(rng.choice(["date > '2026-11-%02dT00:00:00.000'" % rng.randrange(1, 19),
                                                          "primary_type = 'THEFT'", "community_area = '32'",
                                                          "within_circle(location, 41.8781, -87.6298, 1000)"]),
                                              safe="'(),"))
        if rng.random() < .25:
            parts.append(d + "select=" + quote("primary_type, count(*) AS n", safe=",()*") + "&" + d
                         + "group=primary_type")
        if rng.random() < .4:
            parts.append(d + "order=" + quote(rng.choice(["date DESC", ":id", "crash_date DESC"]), safe=":"))
        parts.append(d + "limit=" + rng.choice(["1000", "50000", "5000", "100"]))
        if rng.random() < .3:
            parts.append(d + "offset=" + str(rng.choice([1000, 50000, 100000])))
        if rng.random() < .5:
            parts.append(d + d + "app_token=" + token)
        return "?" + "&".join(parts)
    dom = "domains=" + SOCRATA_HOST + "&search_context=" + SOCRATA_HOST
    Q = {"/resource/{dataset_id}.{format}": soql,
         "/api/id/{dataset_id}.json": lambda: "?$query=" + quote(rng.choice(
             ["SELECT * WHERE primary_type = 'THEFT' LIMIT 100", "SELECT count(*) WHERE date > '2026-11-01'",
              "SELECT ward, count(*) GROUP BY ward ORDER BY count(*) DESC"]), safe="'(*)") + "&$$read_from_nbe=true&"
         "$$version=2.1",
         "/api/views/{dataset_id}/rows.csv": lambda: rng.choice(["?accessType=DOWNLOAD", "?date=20261120&accessType="
                                                                 "DOWNLOAD", "?accessType=DOWNLOAD&bom=true&format="
                                                                 "true"]),
         "/api/views/{dataset_id}/rows.json": lambda: "?accessType=DOWNLOAD",
         "/api/views/{dataset_id}/files/{file_id}": lambda: "?download=true&filename=" + rng.choice(
             ["Data_Dictionary.pdf", "Crimes_Field_Descriptions.pdf", "README.txt"]),
         "/api/geospatial/{dataset_id}": lambda: "?method=export&format=" + rng.choice(["GeoJSON", "GeoJSON",
                                                                                       "Shapefile", "KML", "KMZ"]),
         "/api/odata/v4/{dataset_id}": lambda: rng.choice(["", "?$top=1000&$skip=0"]) or "?",
         "/api/catalog/v1": lambda: "?" + rng.choice([dom + "&q=" + rng.choice(["crime", "taxi", "permits",
                                                                                "budget"])
                                                      + "&limit=10&offset=0&only=dataset",
                                                      "ids=" + _weighted(rng, SOCRATA)[0],
                                                      dom + "&categories=" + rng.choice(["Transportation",
                                                                                         "Public%20Safety"])
                                                      + "&order=page_views_last_month"]),
         "/api/catalog/v1/autocomplete": lambda: "?" + dom + "&q=" + rng.choice(["tax", "cri", "bui", "food"]),
         "/api/catalog/v1/domain_categories": lambda: "?domains=" + SOCRATA_HOST,
         "/api/catalog/v1/domain_tags": lambda: "?domains=" + SOCRATA_HOST + "&limit=25",
         "/browse": lambda: rng.choice(["?q=" + rng.choice(["crime", "taxi", "salaries"]) + "&sortBy=relevance",
                                        "?category=" + rng.choice(["Transportation", "Public+Safety", "Buildings"])
                                        + "&limitTo=datasets&page=" + str(rng.randrange(1, 4))])}
    return T, V, Q, "socrata", state


def _socrata_row(rng, item):
    return dict(item, id=str(rng.randrange(10 ** 7, 2 * 10 ** 7)), case_number="JJ%06d" % rng.randrange(10 ** 6),
                date="2026-11-%02dT%02d:%02d:00.000" % (rng.randrange(1, 20), rng.randrange(24), rng.randrange(60)),
                block="0%02dXX W MADISON ST" % rng.randrange(100), primary_type="THEFT", arrest=False,
                community_area=str(rng.randrange(1, 78)), latitude="41.88%04d" % rng.randrange(10 ** 4),
                longitude="-87.63%04d" % rng.randrange(10 ** 4))


def _socrata_answer(rng, i, t, kind, path, query, item):
    v = _values(t, path)
    ds = next((d for d in SOCRATA if d[0] == v.get("dataset_id")), SOCRATA[0])
    js = "application/json; charset=utf-8"
    when = 1_763_600_000 + rng.randrange(30000)
    url = "https://%s/%s/%s/%s" % (SOCRATA_HOST, ds[1], ds[2], ds[0])
    if kind == "soda":
        fmt = v.get("format", "json")
        if fmt == "csv":
            return "text/csv; charset=UTF-8", "\"id\",\"case_number\",\"date\",\"primary_type\"\n\"13682245\",\"JJ51" \
                                              "2345\",\"2026-11-19T23:55:00.000\",\"THEFT\"\n"
        rows = [_socrata_row(rng, item), _socrata_row(rng, item)]
        if fmt == "geojson":
            return "application/vnd.geo+json;charset=UTF-8", {"type": "FeatureCollection", "features": [
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-87.63, 41.88]}, "properties": r}
                for r in rows], "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}
        return "application/json;charset=utf-8", rows
    if kind in ("view", "metav1"):
        if kind == "metav1":
            return js, dict(item, id=ds[0], name=ds[3], attribution="City of Chicago", category=ds[1].replace("-", " "),
                            createdAt="2011-09-30T22:00:10+0000", dataUpdatedAt="2026-11-20T10:03:41+0000",
                            metadataUpdatedAt="2026-11-02T12:00:00+0000", domain=SOCRATA_HOST, webUri=url,
                            dataUri="https://%s/resource/%s" % (SOCRATA_HOST, ds[0]), license="See Terms of Use",
                            customFields={"Metadata": {"Data Owner": "Police", "Frequency": "Daily"}})
        return js, dict(item, id=ds[0], name=ds[3], assetType="dataset", attribution="City of Chicago",
                        averageRating=0, category=ds[1].replace("-", " "), createdAt=1317418810,
                        description="This dataset reflects reported incidents.", displayType="table",
                        downloadCount=rng.randrange(10 ** 4, 10 ** 6), hideFromCatalog=False, hideFromDataJson=False,
                        newBackend=True, numberOfComments=0, oid=rng.randrange(10 ** 7, 4 * 10 ** 7),
                        provenance="official", publicationAppendEnabled=False, publicationDate=1_700_000_000,
                        publicationGroup=rng.randrange(10 ** 6, 2 * 10 ** 7), publicationStage="published",
                        rowsUpdatedAt=when, tableId=rng.randrange(10 ** 7, 2 * 10 ** 7), totalTimesRated=0,
                        viewCount=rng.randrange(10 ** 4, 10 ** 6), viewLastModified=when, viewType="tabular",
                        columns=[{"id": rng.randrange(10 ** 8, 10 ** 9), "name": "ID", "dataTypeName": "number",
                                  "fieldName": "id", "position": 1, "renderTypeName": "number"}],
                        owner={"id": "n9ff-nb5i", "displayName": "cocadmin", "screenName": "cocadmin",
                               "type": "interactive"}, flags=["default", "restorable", "restorePossibleForType"])
    if kind == "csv":
        return "text/csv; charset=utf-8", "ID,Case Number,Date,Block,Primary Type\n13682245,JJ512345,11/19/2026 " \
                                          "11:55:00 PM,052XX S PULASKI RD,THEFT\n"
    if kind == "rowsjson":
        return js, {"meta": {"view": {"id": ds[0], "name": ds[3], "columns": [
            {"id": -1, "name": "sid", "dataTypeName": "meta_data", "fieldName": ":sid", "position": 0}]}},
            "data": [["row-" + "~".join(_s(rng, SOCRATA_4X4, 4) for _ in range(3)), _uuid(rng).upper(), 0, when,
                      None, when, None, "{ }", "13682245", "JJ512345", "2026-11-19T23:55:00", "THEFT"]]}
    if kind == "columns":
        return js, [dict(item, id=rng.randrange(10 ** 8, 10 ** 9), name="Date", dataTypeName="calendar_date",
                         fieldName="date", position=3, renderTypeName="calendar_date", tableColumnId=rng.randrange(
                             10 ** 6, 10 ** 7), cachedContents={"non_null": "8294112", "null": "0"})]
    if kind == "file":
        if query and query.endswith(".txt"):
            return "text/plain; charset=utf-8", "Crimes - 2001 to Present\n\nColumns: ID, Case Number, Date, Block\n"
        return "application/pdf", PDF
    if kind == "geo":
        fmt = query.split("format=")[1] if query else "GeoJSON"
        if fmt == "GeoJSON":
            return "application/vnd.geo+json;charset=utf-8", {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": dict(item, community="LOOP", area_numbe="32"),
                 "geometry": {"type": "MultiPolygon", "coordinates": [[[[-87.6, 41.88], [-87.61, 41.87],
                                                                        [-87.6, 41.88]]]]}}]}
        if fmt == "KML":
            return "application/vnd.google-earth.kml+xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"" \
                                                           "http://www.opengis.net/kml/2.2\"><Document/></kml>"
        return ("application/zip" if fmt == "Shapefile" else "application/vnd.google-earth.kmz"), ZIP
    if kind == "migration":
        return js, {"controlMapping": "{}", "nbeId": _s(rng, SOCRATA_4X4, 4) + "-" + _s(rng, SOCRATA_4X4, 4),
                    "obeId": ds[0], "syncedAt": when, _member(t): True}
    if kind == "odata":
        return js, {"@odata.context": "https://%s/api/odata/v4/$metadata#%s" % (SOCRATA_HOST, ds[0]),
                    "value": [_socrata_row(rng, item)]}
    if kind in ("catalog", "autocomplete", "facets"):
        timings = {"serviceMillis": rng.randrange(5, 90), "searchMillis": [rng.randrange(1, 20), rng.randrange(1, 9)]}
        if kind == "catalog":
            res = [{"resource": dict(item, name=ds[3], id=ds[0], type="dataset", updatedAt="2026-11-20T10:03:41.000Z",
                                     page_views={"page_views_last_month": rng.randrange(10 ** 4)}),
                    "classification": {"categories": [], "tags": [], "domain_category": ds[1].replace("-", " ")},
                    "metadata": {"domain": SOCRATA_HOST, "license": "See Terms of Use"},
                    "permalink": "https://%s/d/%s" % (SOCRATA_HOST, ds[0]), "link": url,
                    "owner": {"id": "n9ff-nb5i", "user_type": "interactive", "display_name": "cocadmin"}}]
        elif kind == "autocomplete":
            res = [dict(item, title=ds[3], display_title="<span class=highlight>%s</span>%s" % (ds[3][:3], ds[3][3:]))]
        else:
            key = "domain_category" if t.endswith("categories") else "domain_tag"
            res = [dict(item, **{key: "Transportation" if key == "domain_category" else "crime",
                                 "count": rng.randrange(5, 200)})]
        return js, {"results": res, "resultSetSize": rng.randrange(1, 900), "timings": timings, "warnings": []}
    if kind == "user":
        return js, dict(item, id=v.get("user_id", "n9ff-nb5i"), displayName="cocadmin", screenName="cocadmin",
                        roleName="publisher" if "current" not in t else "viewer", numberOfDatasets=412,
                        flags=["admin"] if "current" not in t else [], profileImageUrlLarge="/api/users/%s/profile_"
                        "images/LARGE" % v.get("user_id", "n9ff-nb5i"))
    if kind == "redirect":
        return 302, "text/html; charset=utf-8", "<html><body>You are being <a href=\"%s\">redirected</a>.</body>" \
                                                "</html>" % url
    if kind == "blob":
        mime = unquote(v["mime_type"])
        return mime, PDF if mime.endswith("pdf") else ZIP
    title = ds[3] if kind == "html" else "Browse"
    return "text/html; charset=utf-8", ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                                        "%s | City of Chicago | Data Portal</title>\n</head>\n<body class=\"dataset-"
                                        "landing-page\">\n<div id=\"app\"></div>\n</body>\n</html>\n" % title)


def _socrata_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    if kind == "soda" and rng.random() < .4:
        return 400, js, {"code": "query.soql.no-such-column", "error": True, "message": "No such column: crash_date;"
                         " position: Map(row -> 1, column -> 24, line -> \"SELECT * ORDER BY `crash_date` DESC\")",
                         "data": {"column": "crash_date", "dataset": "alpha.%d" % rng.randrange(10 ** 4, 10 ** 5)}}
    if kind in ("catalog", "autocomplete", "facets"):
        return 200, js, {"results": [], "resultSetSize": 0, "timings": {"serviceMillis": 4, "searchMillis": [1, 1]},
                         "warnings": []}
    if kind == "browse":
        return 200, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Browse | City of " \
                                                "Chicago | Data Portal</title></head><body><p>No results</p></body>" \
                                                "</html>\n"
    if kind == "user" and "{" not in t:
        return 401, js, {"code": "authentication_required", "error": True, "message": "You must be logged in"}
    if kind in ("html", "redirect", "blob"):
        return 404, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Page Not Found | " \
                                                "City of Chicago | Data Portal</title></head><body><h1>Sorry, we " \
                                                "couldn't find that page</h1></body></html>\n"
    if kind == "soda":
        return 404, js, {"code": "not_found", "error": True, "message": "Not found"}
    what = v.get("user_id") or v.get("dataset_id") or ""
    return 404, js, {"code": "not_found", "error": True, "message": "Cannot find view with id " + what
                     if kind != "user" else "User not found"}


# -- OpenAlex --------------------------------------------------------------------------------------

OA_DOIS = ["10.7717/peerj.4375", "10.1038/s41586-024-07487-w", "10.1016/j.cell.2024.01.029", "10.1126/science.adk1234",
           "10.1371/journal.pone.0301234", "10.48550/arxiv.2305.18290", "10.1093/nar/gkad1077",
           "10.1016/S0140-6736(20)30183-5", "10.1056/NEJMoa2034577", "10.1145/3580305.3599256"]
OA_KEYWORDS = ["deep-learning", "artificial-intelligence", "climate-change", "covid-19", "machine-learning",
               "gene-expression", "convolutional-neural-network", "sustainability", "social-media"]
OA_TITLES = ["Attention is all you need", "The state of OA: a large-scale analysis of the prevalence and impact of "
             "Open Access articles", "Deep residual learning for image recognition", "Clinical features of patients "
             "infected with 2019 novel coronavirus in Wuhan, China"]
CROCK_LOWER = "0123456789abcdefghjkmnpqrstvwxyz"


def _orcid(rng):
    digits = "000000" + _s(rng, DIGITS, 9)
    total = 0
    for d in digits:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    s = digits + ("X" if check == 10 else str(check))
    return "-".join(s[k:k + 4] for k in range(0, 16, 4))


def _issn(rng):
    d = _s(rng, DIGITS, 7)
    check = (11 - sum(int(x) * (8 - k) for k, x in enumerate(d)) % 11) % 11
    return d[:4] + "-" + d[4:] + ("X" if check == 10 else str(check))


def openalex(rng):
    T = [("/works", "list"), ("/works/{id}", "entity"), ("/works/doi:{doi}", "entity"),
         ("/works/pmid:{pmid}", "entity"), ("/works/random", "entity"), ("/authors", "list"),
         ("/authors/{id}", "entity"), ("/authors/orcid:{orcid}", "entity"), ("/sources", "list"),
         ("/sources/{id}", "entity"), ("/sources/issn:{issn}", "entity"), ("/institutions", "list"),
         ("/institutions/{id}", "entity"), ("/institutions/ror:{ror}", "entity"), ("/topics", "list"),
         ("/topics/{id}", "entity"), ("/concepts/{id}", "entity"), ("/publishers/{id}", "entity"),
         ("/funders", "list"), ("/funders/{id}", "entity"), ("/keywords/{id}", "entity"),
         ("/domains/{id}", "entity"), ("/fields/{id}", "entity"), ("/subfields/{id}", "entity"),
         ("/autocomplete/works", "auto"), ("/autocomplete/authors", "auto"), ("/autocomplete/institutions", "auto"),
         ("/text", "text")]
    draw = {"works": lambda: "W" + str(rng.randrange(1_500_000_000, 4_420_000_000)),
            "authors": lambda: "A50" + _s(rng, DIGITS, 8),
            "sources": lambda: "S" + str(rng.choice([rng.randrange(10 ** 7, 3 * 10 ** 9), rng.randrange(
                4_210_000_000, 4_400_000_000)])),
            "institutions": lambda: "I" + str(rng.choice([rng.randrange(10 ** 7, 3 * 10 ** 9), rng.randrange(
                4_210_000_000, 4_400_000_000)])),
            "topics": lambda: "T%d" % rng.randrange(10001, 14500), "concepts": lambda: "C%d" % rng.randrange(
                10 ** 4, 3 * 10 ** 9), "publishers": lambda: "P43%08d" % rng.randrange(10 ** 8),
            "funders": lambda: "F43%08d" % rng.randrange(10 ** 8), "keywords": lambda: rng.choice(OA_KEYWORDS),
            "domains": lambda: str(rng.randrange(1, 5)), "fields": lambda: str(rng.randrange(11, 37)),
            "subfields": lambda: str(rng.choice(range(1100, 3700, 100)) + rng.randrange(0, 17))}
    hot = {k: [f() for _ in range(n)] for k, f, n in [(k, f, 10 if k in ("works", "authors") else 4)
                                                       for k, f in draw.items()]}
    hot["works"] += ["W2741809807", "W2626778328", "W2194775991"]
    hot["institutions"] += ["I136199984", "I27837315"]
    orcids = [_orcid(rng) for _ in range(6)] + ["0000-0002-1825-0097"]
    issns = [_issn(rng) for _ in range(4)] + ["2041-1723", "0028-0836", "1932-6203"]
    rors = ["0" + _s(rng, CROCK_LOWER, 6) + _s(rng, DIGITS, 2) for _ in range(4)] + ["03vek6s52", "042nb2s44"]
    state = {}

    def ident():
        kind = state["tpl"].split("/")[1]
        return _hot(rng, hot[kind], .55, draw[kind])
    V = {"id": ident, "doi": lambda: quote(_weighted(rng, OA_DOIS), safe="()"),
         "pmid": lambda: str(rng.randrange(10_000_000, 40_000_000)), "orcid": lambda: _weighted(rng, orcids),
         "issn": lambda: _weighted(rng, issns), "ror": lambda: _weighted(rng, rors)}
    mail = "mailto=research-ops%40acme.edu"

    def enc(x):
        return x if rng.random() < .5 else quote(x, safe="")

    def listing(filters, sorts):
        def q():
            parts = []
            r = rng.random()
            if r < .65:
                parts.append("filter=" + enc(rng.choice(filters)))
            elif r < .85:
                parts.append("search=" + rng.choice(["crispr", "large+language+models", "coral+bleaching",
                                                     "graphene", "open+access"]))
            if rng.random() < .2:
                parts.append("group_by=" + rng.choice(["publication_year", "type", "open_access.oa_status",
                                                       "authorships.institutions.country_code"]))
            else:
                parts.append("sort=" + enc(rng.choice(sorts)))
                parts.append(rng.choice(["per-page=200&cursor=" + rng.choice(["*", _s(rng, B64URL, 60)]),
                                         "per-page=25&page=%d" % rng.randrange(1, 5), "per-page=50"]))
            if rng.random() < .3:
                parts.append("select=" + enc("id,doi,display_name,publication_year,cited_by_count"))
            if rng.random() < .8:
                parts.append(mail)
            return "?" + "&".join(parts)
        return q
    one = lambda: rng.choice(["", "?" + mail, "?select=id,display_name&" + mail]) or "?"  # noqa: E731
    Q = {t: one for t, k in T if k == "entity"}
    Q.update({"/works": listing(["authorships.institutions.lineage:i136199984,publication_year:2024",
                                 "cites:W2741809807", "primary_topic.id:t10017,is_oa:true",
                                 "doi:https://doi.org/10.7717/peerj.4375|https://doi.org/10.1093/nar/gkad1077",
                                 "authorships.author.id:a5023888391", "from_publication_date:2026-11-01,type:article"],
                                ["cited_by_count:desc", "publication_date:desc", "relevance_score:desc"]),
              "/authors": listing(["last_known_institutions.id:i136199984", "orcid:0000-0002-1825-0097",
                                   "display_name.search:einstein", "works_count:>100"], ["cited_by_count:desc",
                                                                                         "works_count:desc"]),
              "/sources": listing(["issn:2041-1723", "type:journal,is_oa:true", "host_organization:p4310320595"],
                                  ["works_count:desc", "cited_by_count:desc"]),
              "/institutions": listing(["country_code:de", "type:education,country_code:us", "ror:03vek6s52"],
                                       ["works_count:desc", "cited_by_count:desc"]),
              "/topics": listing(["domain.id:3", "field.id:17", "subfield.id:1702"], ["works_count:desc"]),
              "/funders": listing(["country_code:us", "grants_count:>1000"], ["works_count:desc"]),
              "/autocomplete/works": lambda: "?q=" + rng.choice(["attention is", "crispr cas", "coral"]).replace(
                  " ", "+") + "&" + mail,
              "/autocomplete/authors": lambda: "?q=" + rng.choice(["einst", "curie", "jdoe", "smith"]) + "&" + mail,
              "/autocomplete/institutions": lambda: "?q=" + rng.choice(["harv", "mit", "max+planck", "eth"]),
              "/text": lambda: "?title=" + quote(rng.choice(OA_TITLES), safe="") + rng.choice(["", "&" + mail])})
    return T, V, Q, "openalex", state


def _openalex_answer(rng, i, t, kind, path, query, item):
    js = "application/json"
    v = _values(t, path)
    coll = t.split("/")[1]
    meta = {"count": rng.randrange(1, 10 ** 7), "db_response_time_ms": rng.randrange(5, 900), "page": 1,
            "per_page": 25, "groups_count": None}
    if kind == "auto":
        return js, {"meta": dict(meta, count=2), "results": [dict(item, id="https://openalex.org/A5023888391",
                                                                  short_id="authors/A5023888391",
                                                                  display_name="Heather A. Piwowar",
                                                                  hint="University of Ottawa", cited_by_count=5041,
                                                                  works_count=121, entity_type=t.split("/")[2][:-1],
                                                                  external_id="https://orcid.org/0000-0003-1613-"
                                                                              "5981")]}
    if kind == "text":
        return js, {"meta": dict(meta, count=1), "keywords": [{"id": "https://openalex.org/keywords/deep-learning",
                                                               "display_name": "Deep Learning", "score": 0.61}],
                    "primary_topic": dict(item, id="https://openalex.org/T10181", display_name="Natural Language "
                                          "Processing Techniques", score=0.99), "topics": [], "concepts": []}
    if kind == "list":
        if query and "group_by=" in query:
            return js, {"meta": dict(meta, groups_count=3), "results": [],
                        "group_by": [{"key": str(y), "key_display_name": str(y), "count": rng.randrange(10 ** 6)}
                                     for y in (2026, 2025, 2024)]}
        if query and "cursor=" in query:
            meta = dict(meta, page=None, per_page=200, next_cursor=_s(rng, B64URL, 60))
        return js, {"meta": meta, "results": [item, dict(item)], "group_by": []}
    prefix = {"works": "W", "authors": "A", "sources": "S", "institutions": "I", "concepts": "C", "publishers": "P",
              "funders": "F", "topics": "T"}
    ident = v.get("id")
    if not ident or ident == "random":
        ident = prefix.get(coll, "W") + str(rng.randrange(10 ** 9, 4 * 10 ** 9))
    url = "https://openalex.org/" + (ident if coll in prefix else coll + "/" + ident)
    base = dict(item, id=url, display_name=rng.choice(OA_TITLES) if coll == "works" else "x",
                cited_by_count=rng.randrange(10 ** 5), updated_date="2026-11-19T06:12:33.419283",
                created_date="2016-06-24")
    if coll == "works":
        doi = unquote(v["doi"]) if "doi" in v else rng.choice(OA_DOIS)
        base.update(doi="https://doi.org/" + doi, title=base["display_name"], publication_year=2024,
                    publication_date="2024-02-13", ids={"openalex": url, "doi": "https://doi.org/" + doi,
                                                        "pmid": "https://pubmed.ncbi.nlm.nih.gov/"
                                                        + v.get("pmid", "29456894")},
                    language="en", type="article", open_access={"is_oa": True, "oa_status": "gold"},
                    authorships=[{"author_position": "first", "author": {"id": "https://openalex.org/A5023888391",
                                                                         "display_name": "Heather A. Piwowar"}}],
                    primary_topic={"id": "https://openalex.org/T10102", "display_name": "scientometrics"},
                    referenced_works=["https://openalex.org/W%d" % rng.randrange(10 ** 9, 4 * 10 ** 9)],
                    counts_by_year=[{"year": 2026, "cited_by_count": 311}], is_retracted=False)
    elif coll == "authors":
        base.update(orcid="https://orcid.org/" + v.get("orcid", "0000-0003-1613-5981"),
                    display_name="Heather A. Piwowar", works_count=121,
                    summary_stats={"2yr_mean_citedness": 3.1, "h_index": 31, "i10_index": 52},
                    last_known_institutions=[{"id": "https://openalex.org/I153718931", "ror": "https://ror.org/"
                                              "03c4mmv16", "display_name": "University of Ottawa",
                                              "country_code": "CA", "type": "education"}],
                    works_api_url="https://api.openalex.org/works?filter=author.id:" + ident)
    elif coll == "sources":
        base.update(issn_l=v.get("issn", "2167-8359"), issn=[v.get("issn", "2167-8359")], display_name="PeerJ",
                    type="journal", is_oa=True, host_organization="https://openalex.org/P4310320104")
    elif coll == "institutions":
        base.update(ror="https://ror.org/" + v.get("ror", "03vek6s52"), display_name="Harvard University",
                    country_code="US", type="education", works_count=rng.randrange(10 ** 5, 10 ** 6))
    else:
        base.update(display_name=ident.replace("-", " ").title() if coll == "keywords" else "Computer Science",
                    works_count=rng.randrange(10 ** 3, 10 ** 8))
    return js, base


def _openalex_error(rng, t, kind, path):
    js = "application/json"
    v = _values(t, path)
    if kind == "auto":
        return 200, js, {"meta": {"count": 0, "db_response_time_ms": 12, "page": 1, "per_page": 10}, "results": []}
    if kind == "list":
        return 403, js, {"error": "Invalid query parameters error.", "message": rng.choice(
            ["filter is not a valid field. Valid fields are underscore or hyphenated versions of: ...",
             "per-page: Must be between 1 and 200", "Cursor and page cannot be used together."])}
    if kind == "text":
        return 400, js, {"error": "Invalid query parameters error.", "message": "title is required"}
    if t.endswith("/random"):
        return 429, js, {"error": "Too Many Requests", "message": "You have exceeded the rate limit."}
    ident = v.get("id", "")
    if ident[:1] in ("W", "A", "S", "I") and rng.random() < .3:
        new = ident[0] + str(rng.randrange(10 ** 9, 4 * 10 ** 9))
        where = "/" + t.split("/")[1] + "/" + new
        return 301, "text/html; charset=utf-8", ("<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
                                                 "<h1>Redirecting...</h1>\n<p>You should be redirected automatically "
                                                 "to the target URL: <a href=\"%s\">%s</a>. If not, click the link.\n"
                                                 % (where, where))
    return 404, js, {"error": "404 Not Found", "message": "The requested URL was not found on the server. If you "
                     "entered the URL manually please check your spelling and try again."}


# -- Cloudinary (delivery URLs and the Admin API) --------------------------------------------------

CLD_TRANSFORMS = ["c_fill,g_auto,h_400,w_600", "f_auto,q_auto", "c_thumb,g_face,h_150,r_max,w_150", "w_1200,c_limit",
                  "t_product_card", "ar_16:9,c_fill,g_auto,w_800", "t_thumbnail", "c_scale,w_auto:100:400",
                  "dpr_2.0,c_fill,h_300,w_300", "e_blur:1000,q_1,f_auto", "c_pad,b_white,h_600,w_600"]
CLD_SECOND = ["f_auto,q_auto", "q_auto", "f_auto", "e_sharpen:80"]
CLD_VIDEO = [("sp_auto", "m3u8"), ("q_auto,vc_auto", "mp4"), ("so_2,w_640", "jpg"), ("c_limit,w_1280,q_auto",
                                                                                      "webm")]
CLD_BLOG = ["hero-black-friday-2026", "team-offsite-lisbon", "postgres-17-upgrade-diagram", "q3-results-chart",
            "welcome-banner", "cover-engineering-blog"]
CLD_BANNERS = ["homepage-hero-winter", "sale-banner-mobile", "newsletter-header", "app-store-badge"]
CLD_RAW = {"docs": ["terms-of-service-2026.pdf", "size-guide.pdf", "press-kit.zip"],
           "exports": ["orders-2026-11-%02d.csv", "catalog-feed.xml"], "fonts": ["Inter-Var.woff2", "Acme-Bold.woff2"]}
CLD_REMOTE = ["https://upload.wikimedia.org/wikipedia/commons/a/a9/Example.jpg",
              "https://images.unsplash.com/photo-1506744038136-46273834b3fb",
              "https://cdn.acme-partners.com/logos/partner-42.png", "https://www.acme.com/static/og-image.png",
              "https://lh3.googleusercontent.com/a/ACg8ocK" + "x" * 12 + "=s96-c"]


def cloudinary(rng):
    D = "/{cloud_name}"
    IU = D + "/image/upload"
    AD = "/v1_1/{cloud_name}"
    T = [(IU + "/v{version}/{public_id}.{format}", "img"), (IU + "/v{version}/{folder}/{public_id}.{format}", "img"),
         (IU + "/{transformation}/v{version}/{folder}/{public_id}.{format}", "img"),
         (IU + "/{transformation}/{folder}/{public_id}.{format}", "img"),
         (IU + "/{transformation}/{transformation2}/v{version}/{folder}/{public_id}.{format}", "img"),
         (IU + "/{public_id}.{format}", "img"), (D + "/image/fetch/{transformation}/{url}", "fetch"),
         (D + "/image/authenticated/s--{signature}--/v{version}/{folder}/{public_id}.{format}", "signed"),
         (D + "/video/upload/{transformation}/v{version}/{folder}/{public_id}.{format}", "video"),
         (D + "/video/upload/v{version}/{folder}/{public_id}.{format}", "video"),
         (D + "/raw/upload/v{version}/{folder}/{public_id}", "raw"), (AD + "/ping", "ping"), (AD + "/usage", "usage"),
         (AD + "/resources/image", "resources"), (AD + "/resources/image/upload", "resources"),
         (AD + "/resources/video/upload", "resources"), (AD + "/resources/image/upload/{folder}/{public_id}",
                                                         "resource"),
         (AD + "/resources/image/tags/{tag}", "resources"), (AD + "/resources/{asset_id}", "resource"),
         (AD + "/resources/search", "search"), (AD + "/folders", "folders"), (AD + "/folders/{folder}", "folders"),
         (AD + "/tags/image", "tags"), (AD + "/transformations", "transformations"),
         (AD + "/transformations/{transformation}", "transformation"), (AD + "/upload_presets", "presets"),
         (AD + "/upload_presets/{name}", "preset"), (AD + "/metadata_fields", "mfields"),
         (AD + "/metadata_fields/{external_id}", "mfield"), (AD + "/streaming_profiles", "sprofiles")]
    versions = {}
    skus = [rng.randrange(10_000, 99_999) for _ in range(30)]
    asset_ids = [_hex(rng, 32) for _ in range(12)]
    state = {}

    def version_of(key):
        return versions.setdefault(key, rng.randrange(1_600_000_000, 1_763_600_000))

    def pick(cloud):
        t = state["tpl"]
        if "/video/" in t:
            folder = "videos"
            pid = _hot(rng, ["product-tour-2026", "hero-loop", "unboxing-sku-%d" % skus[0]], .7,
                       lambda: _s(rng, LOWER, 20))
            trans, fmt = rng.choice(CLD_VIDEO) if "{transformation}" in t else ("", rng.choice(["mp4", "mp4",
                                                                                                 "webm"]))
        elif "/raw/" in t:
            folder = rng.choice(list(CLD_RAW))
            pid, trans, fmt = rng.choice(CLD_RAW[folder]), "", ""
            if "%02d" in pid:
                pid = pid % rng.randrange(1, 21)
        elif "{folder}" not in t:
            folder = ""
            pid = rng.choice(["sample", "cld-sample", "cld-sample-2", "cld-sample-5"]) if cloud == "demo" else _hot(
                rng, ["logo", "favicon", "og-default"], .5, lambda: _s(rng, LOWER, 20))
            trans, fmt = "", rng.choice(["jpg", "png", "webp"])
        else:
            folder = rng.choices(["samples", "docs"], [3, 1])[0] if cloud == "demo" else rng.choices(
                ["products", "avatars", "blog", "banners", "ugc"], [10, 4, 3, 2, 2])[0]
            if folder == "products":
                pid = "sku_%d_%s" % (_hot(rng, skus, .85, lambda: rng.randrange(10_000, 99_999)),
                                     _weighted(rng, ["front", "side", "back", "detail", "lifestyle"]))
            elif folder in ("blog", "banners"):
                pid = _weighted(rng, CLD_BLOG if folder == "blog" else CLD_BANNERS)
            elif folder == "samples":
                pid = rng.choice(["bike", "sheep", "cloudinary-icon", "imagecon-group", "woman"])
            elif folder == "docs":
                pid = rng.choice(["shoes", "models", "camera"])
            else:
                pid = _s(rng, LOWER, 20)
            trans = _weighted(rng, CLD_TRANSFORMS[2:3] + CLD_TRANSFORMS if folder == "avatars" else CLD_TRANSFORMS)
            fmt = _weighted(rng, {"products": ["jpg", "png", "webp"], "avatars": ["jpg", "png"],
                                  "banners": ["jpg", "webp", "avif"]}.get(folder, ["jpg", "png", "webp"]))
        state.update(folder=folder, pid=pid, trans=trans, fmt=fmt, version=str(version_of((cloud, folder, pid))))

    def cloud_name():
        t = state["tpl"]
        cloud = rng.choices(["acme", "acme-staging"], [9, 1])[0] if t.startswith("/v1_1/") else rng.choices(
            ["acme", "acme-staging", "demo"], [85, 10, 5])[0]
        if not t.startswith("/v1_1/") or "{folder}/{public_id}" in t:
            pick(cloud)
        return cloud

    def transformation():
        t = state["tpl"]
        if t.startswith("/v1_1/"):
            return rng.choice(["product_card", "thumbnail", "hero_wide", "c_fill,h_100,w_150", "w_1200,c_limit"])
        if "/video/" in t:
            return state["trans"]
        return _weighted(rng, CLD_TRANSFORMS) if "/fetch/" in t else state["trans"]

    def folder():
        if state["tpl"].endswith("/folders/{folder}"):
            return _weighted(rng, ["products", "blog", "banners", "avatars", "ugc"])
        return state["folder"]
    V = {"cloud_name": cloud_name, "version": lambda: state["version"], "public_id": lambda: state["pid"],
         "format": lambda: state["fmt"], "folder": folder, "transformation": transformation,
         "transformation2": lambda: _weighted(rng, CLD_SECOND), "url": lambda: quote(_weighted(rng, CLD_REMOTE),
                                                                                     safe=""),
         "signature": lambda: _s(rng, B64URL, 8),
         "tag": lambda: _weighted(rng, ["black-friday", "homepage", "approved", "needs-review", "sku_%d" % skus[0]]),
         "asset_id": lambda: _hot(rng, asset_ids, .7, lambda: _hex(rng, 32)),
         "name": lambda: _weighted(rng, ["ml_default", "acme_unsigned_ugc", "avatars_signed", "product_images"]),
         "external_id": lambda: _weighted(rng, ["sku", "license_expiry", "photographer", "usage_rights"])}
    sdk = lambda: "?_a=" + rng.choice(["BAVAZGDX0", "BAMAABDX0", "DATAg1AAZAA0", "BAVADKGM0"])  # noqa: E731
    deliver = lambda: sdk() if rng.random() < .4 else "?"  # noqa: E731
    cursor = lambda: rng.choice(["", "&next_cursor=" + _hex(rng, 64)])  # noqa: E731
    Q = {t: deliver for t, k in T if k in ("img", "video", "fetch")}
    Q.update({AD + "/usage": lambda: rng.choice(["", "?date=%02d-11-2026" % rng.randrange(1, 20)]) or "?",
              AD + "/resources/image": lambda: "?max_results=500" + cursor(),
              AD + "/resources/image/upload": lambda: rng.choice(["?prefix=" + rng.choice(["products", "blog",
                                                                                           "ugc"]) + "%2F",
                                                                  "?tags=true&context=true"]) + "&max_results=100"
              + cursor(),
              AD + "/resources/video/upload": lambda: "?max_results=100",
              AD + "/resources/image/upload/{folder}/{public_id}": lambda: rng.choice(
                  ["", "?colors=true&image_metadata=true", "?faces=true&quality_analysis=true", "?derived_next_cursor="
                   + _hex(rng, 64)]) or "?",
              AD + "/resources/image/tags/{tag}": lambda: "?max_results=100&tags=true" + cursor(),
              AD + "/resources/search": lambda: "?expression=" + quote(rng.choice(
                  ["folder:products AND tags:black-friday", "resource_type:image AND uploaded_at>1d",
                   "public_id:ugc/* AND bytes>5000000"]), safe="") + "&max_results=50" + cursor(),
              AD + "/folders": lambda: "?max_results=500" + cursor(), AD + "/folders/{folder}": lambda: "?max_results"
              "=500", AD + "/tags/image": lambda: "?max_results=500" + rng.choice(["", "&prefix=sku_"]),
              AD + "/transformations": lambda: "?max_results=100&named=" + rng.choice(["true", "false"]),
              AD + "/upload_presets": lambda: "?max_results=100"})
    return T, V, Q, "cloudinary", state


def _cld_answer(rng, i, t, kind, path, query, item):
    js = "application/json; charset=utf-8"
    v = _values(t, path)
    cloud = v["cloud_name"]
    if kind in ("img", "signed", "fetch"):
        fmt = v.get("format", "jpg")
        auto = "f_auto" in v.get("transformation", "") + v.get("transformation2", "")
        if auto:
            return rng.choice([("image/avif", "\u0000\u0000\u0000\u001cftypavif"), ("image/webp", WEBP)])
        return {"png": ("image/png", PNG), "webp": ("image/webp", WEBP), "avif": ("image/avif", "\u0000\u0000\u0000"
                                                                                 "\u001cftypavif")}.get(
            fmt, ("image/jpeg", JPEG))
    if kind == "video":
        fmt = v["format"]
        if fmt == "m3u8":
            return "application/x-mpegURL", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=3500000,RESOLUTION=1280x720\n" \
                                            "/%s/video/upload/sp_auto/v%s/%s/%s.m3u8/tp-1280x720.m3u8\n" % (
                                                cloud, v["version"], v["folder"], v["public_id"])
        return {"jpg": ("image/jpeg", JPEG), "webm": ("video/webm", "\u001aE\u00df\u00a3")}.get(fmt, ("video/mp4",
                                                                                                    MP4))
    if kind == "raw":
        name = v["public_id"]
        return {"pdf": ("application/pdf", PDF), "csv": ("text/csv", "order_id,total\n10231,48.20\n"),
                "xml": ("application/xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>"),
                "woff2": ("font/woff2", "wOF2\u0000\u0001\u0000\u0000")}.get(name.rsplit(".", 1)[1],
                                                                            ("application/zip", ZIP))
    when = "2026-11-%02dT%02d:%02d:%02dZ" % (rng.randrange(1, 21), rng.randrange(24), rng.randrange(60),
                                            rng.randrange(60))
    pid = (v["folder"] + "/" + v["public_id"]) if "public_id" in v else "products/sku_10234_front"
    res = dict(item, asset_id=v.get("asset_id") or _hex(rng, 32), public_id=pid, format="jpg",
               version=rng.randrange(1_600_000_000, 1_763_600_000), resource_type="video" if "/video/" in t
               else "image", type="upload", created_at=when, bytes=rng.randrange(10 ** 4, 10 ** 7), width=1600,
               height=1200, asset_folder=pid.split("/")[0], display_name=pid.split("/")[-1],
               url="http://res.cloudinary.com/%s/image/upload/v1763600000/%s.jpg" % (cloud, pid),
               secure_url="https://res.cloudinary.com/%s/image/upload/v1763600000/%s.jpg" % (cloud, pid))
    if kind == "resource":
        return js, dict(res, derived=[], tags=["black-friday"], next_cursor=None)
    if kind in ("resources", "search"):
        body = {"resources": [res, dict(res)]}
        if kind == "search":
            body = {"total_count": rng.randrange(2, 5000), "time": rng.randrange(5, 300), **body}
        if rng.random() < .3:
            body["next_cursor"] = _hex(rng, 64)
        return js, body
    if kind == "ping":
        return js, {"status": "ok", _member(t): True}
    if kind == "usage":
        return js, {"plan": "Advanced", "last_updated": "2026-11-19", "transformations": {"usage": 81234,
                                                                                          "credits_usage": 81.23},
                    "objects": {"usage": 412331}, "bandwidth": {"usage": 1_203_311_112_113, "credits_usage": 1120.7},
                    "storage": {"usage": 312_113_441_223, "credits_usage": 290.7},
                    "credits": {"usage": 1492.6, "limit": 2250, "used_percent": 66.34}, "requests": 91_231_441,
                    "resources": 412331, "derived_resources": 2_113_902, "media_limits": {
                        "image_max_size_bytes": 104857600}, _member(t): True}
    if kind == "folders":
        return js, {"folders": [dict(item, name="2026", path=(v.get("folder") + "/2026") if "folder" in v else
                                     "products", external_id=_hex(rng, 32))], "next_cursor": None, "total_count": 1}
    if kind == "tags":
        return js, {"tags": ["approved", "black-friday", "homepage", "sku_10234", _member(t)]}
    if kind in ("transformations", "transformation"):
        tr = dict(item, name="t_" + v["transformation"] if "transformation" in v and "," not in v["transformation"]
                  else v.get("transformation", "t_product_card"), allowed_for_strict=True, used=True, named=True)
        if kind == "transformation":
            return js, dict(tr, info=[{"crop": "fill", "gravity": "auto", "height": 400, "width": 600}], derived=[])
        return js, {"transformations": [tr, dict(tr)]}
    if kind in ("presets", "preset"):
        p = dict(item, name=v.get("name", "ml_default"), unsigned=v.get("name", "").endswith("_ugc"),
                 settings={"folder": "ugc", "allowed_formats": "jpg,png,heic", "overwrite": False})
        return js, {"presets": [p, dict(p)]} if kind == "presets" else p
    if kind in ("mfields", "mfield"):
        f = dict(item, type="string", external_id=v.get("external_id", "sku"), label="SKU", mandatory=False,
                 default_value=None, validation=None)
        return js, {"metadata_fields": [f, dict(f)]} if kind == "mfields" else f
    return js, {"data": [dict(item, name="hd", predefined=True, display_name="HD",
                              representations=[{"transformation": [{"width": 1280, "height": 720}]}])]}


def _cld_error(rng, t, kind, path):
    js = "application/json; charset=utf-8"
    if kind == "signed":
        return 401, None, ""
    if kind == "img" and "{transformation2}" in t and rng.random() < .5:
        return 400, None, ""
    if kind in ("img", "fetch", "video", "raw"):
        return 404, None, ""
    if kind in ("ping", "usage"):
        return 401, js, {"error": {"message": "Invalid api_key %d" % rng.randrange(10 ** 14, 10 ** 15)}}
    if "{" not in t.split("{cloud_name}", 1)[1]:
        return 420, js, {"error": {"message": "Rate Limit Exceeded"}}
    v = _values(t, path)
    what = (v["folder"] + "/" + v["public_id"]) if "public_id" in v else list(v.values())[-1]
    return 404, js, {"error": {"message": "Resource not found - " + unquote(what)}}


CLIENTS = {f.__name__: f for f in (paypal, packagist, quay, circleci, datadog, telegram, osm, plex, hue, socrata,
                                   openalex, cloudinary)}
ANSWER = {"paypal": _paypal_answer, "packagist": _packagist_answer, "quay": _quay_answer, "circleci": _circle_answer,
          "datadog": _datadog_answer, "telegram": _telegram_answer, "osm": _osm_answer, "plex": _plex_answer,
          "hue": _hue_answer, "socrata": _socrata_answer, "openalex": _openalex_answer, "cloudinary": _cld_answer}
# Misses as each API answers them: (rng, template, kind, path) -> (status, content type, body).
ERROR_FOR = {"paypal": _paypal_error, "packagist": _packagist_error, "quay": _quay_error, "circleci": _circle_error,
             "datadog": _datadog_error, "telegram": _telegram_error, "osm": _osm_error, "plex": _plex_error,
             "hue": _hue_error, "socrata": _socrata_error, "openalex": _openalex_error, "cloudinary": _cld_error}


def traffic(client, n, seed, out):
    """Write n exchanges; return {template: set of parameter-value tuples} for the templates requested."""
    return clients.write(CLIENTS, client, n, seed, out, clients.answering(ANSWER, ERROR_FOR))
