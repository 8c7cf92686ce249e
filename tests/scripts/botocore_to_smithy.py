#!/usr/bin/env python3
"""Writes botocore's JSON- and CBOR-protocol service models as Smithy 2.0 JSON AST.

botocore (the AWS SDK for Python) ships a model of every AWS service, generated
from the same Smithy models AWS publishes. Converting its awsJson1_0/awsJson1_1,
restJson1 and rpcv2Cbor services gives the generator about 400 real models to be
checked against. A service's protocol is the first of botocore's `protocols`
list this script knows, the service's own order (CloudWatch: rpcv2Cbor before
awsJson and awsQuery; botocore itself ranks awsJson first whatever the order):

    python3 tests/scripts/botocore_to_smithy.py OUT_DIR            # every JSON service
    python3 tests/scripts/botocore_to_smithy.py OUT_DIR kms ssm    # the named ones
    python3 tests/scripts/botocore_to_smithy.py --protocol rest-json OUT_DIR
    cargo xtask check-models OUT_DIR/*.json

restJson1's HTTP bindings come from botocore's `http` (method, request URI,
response code) and member `location`s: `uri` is @httpLabel, `querystring`
@httpQuery (@httpQueryParams for a map), `header` @httpHeader, `headers`
@httpPrefixHeaders, `statusCode` @httpResponseCode, a structure's `payload`
@httpPayload, and a body member's `locationName` @jsonName. A label's name
in the URI is botocore's `locationName`; Smithy names it by the member, so
the URI is rewritten to the member's name.

What botocore does not carry is not invented: there are no @default values
(every member without @required is optional), but for the empty one an
optional streaming blob member must have in Smithy, and no resources; @input and
@output mark the structures used once, as AWS's models do (a shared one has
neither, so its required members are plain values). Legacy
`enum` lists become Smithy enum shapes with member names derived from their
values, the way AWS's own models name them.
"""

import gzip
import json
import os
import re
import sys

import botocore

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")

SIMPLE = {
    "string": "string",
    "integer": "integer",
    "long": "long",
    "boolean": "boolean",
    "timestamp": "timestamp",
    "blob": "blob",
    "double": "double",
    "float": "float",
}


def latest(service):
    """The newest model version of `service`, as (service-2, paginators-1 or None)."""
    root = os.path.join(DATA, service)
    versions = sorted(v for v in os.listdir(root) if os.path.isdir(os.path.join(root, v)))
    for version in reversed(versions):
        model = os.path.join(root, version, "service-2.json.gz")
        if os.path.exists(model):
            pages = os.path.join(root, version, "paginators-1.json")
            pages = pages if os.path.exists(pages) else pages + ".gz"
            return load(model), (load(pages) if os.path.exists(pages) else None)
    return None, None


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


PROTOCOLS = ("smithy-rpc-v2-cbor", "json", "rest-json")


def protocol(model):
    """`smithy-rpc-v2-cbor`, `json` (awsJson), `rest-json` (restJson1), or
    None for the others: the first of the model's `protocols` it knows."""
    meta = model["metadata"]
    for p in meta.get("protocols", []) or [meta.get("protocol")]:
        if p in PROTOCOLS:
            return p
    return meta.get("protocol") if meta.get("protocol") in PROTOCOLS else None


def enum_name(value, taken):
    # Words split where the case turns, as in AWS's models: SampleCount is
    # SAMPLE_COUNT and HTTPServer HTTP_SERVER, while IPv4 and iOS stay whole.
    words = re.sub(r"(?<=[a-z0-9])(?<!^[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})", "_", value)
    name = re.sub(r"[^A-Za-z0-9]+", "_", words).strip("_").upper() or "EMPTY"
    if name[0].isdigit():
        name = "V_" + name
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def convert(service, model, pages):
    meta = model["metadata"]
    rest = protocol(model) == "rest-json"
    slug = re.sub(r"[^a-z0-9]", "", meta.get("endpointPrefix", service).lower())
    ns = f"com.amazonaws.{slug}"
    # The service shape's name is the X-Amz-Target prefix; a few services
    # (CloudTrail) use a dotted prefix, whose last part names the shape.
    prefix = (meta.get("targetPrefix") or re.sub(r"\W", "", meta["serviceId"])).split(".")[-1]
    service_id = f"{ns}#{prefix}"
    shapes = {}
    # botocore keeps operations and data shapes apart, so a few services
    # (IoT's `DeleteStream`) give a string an operation's name; in Smithy
    # they share one namespace, so such a data shape is renamed.
    # Smithy also refuses shape ids that differ only in case (`Boolean` and
    # `boolean`, which some botocore models have): the later one, in sorted
    # order, is renamed the same way.
    renamed = {}
    taken = {name.lower() for name in model["operations"]} | {prefix.lower()}
    every = {name.lower() for name in list(model["shapes"]) + list(model["operations"])}
    for name in sorted(model["shapes"]):
        if name.lower() in taken:
            new, n = f"{name}Value", 2
            while new.lower() in every or new.lower() in taken:
                new, n = f"{name}Value{n}", n + 1
            renamed[name] = new
        taken.add(renamed.get(name, name).lower())

    def ref(name):
        return {"target": f"{ns}#{renamed.get(name, name)}"}

    def docs(node, traits):
        if node.get("documentation"):
            traits["smithy.api#documentation"] = node["documentation"]
        if node.get("deprecated"):
            dep = {}
            if node.get("deprecatedMessage"):
                dep["message"] = node["deprecatedMessage"]
            traits["smithy.api#deprecated"] = dep
        return traits

    def constraints(shape, kind, traits):
        lo, hi = shape.get("min"), shape.get("max")
        if lo is not None or hi is not None:
            key = "smithy.api#range" if kind in ("integer", "long", "double", "float") else "smithy.api#length"
            traits[key] = {k: v for k, v in (("min", lo), ("max", hi)) if v is not None}
        if shape.get("pattern") is not None and kind == "string":
            traits["smithy.api#pattern"] = shape["pattern"]
        if shape.get("sensitive"):
            traits["smithy.api#sensitive"] = {}
        return traits

    def bindings(shape, mname, m, mt):
        """restJson1's HTTP binding traits of member `m` of structure `shape`."""
        where, wire = m.get("location"), m.get("locationName", mname)
        target = model["shapes"][m["shape"]]
        if where == "uri":
            mt["smithy.api#httpLabel"] = {}
        elif where == "querystring":
            if target["type"] == "map":
                mt["smithy.api#httpQueryParams"] = {}
            else:
                mt["smithy.api#httpQuery"] = wire
        elif where == "header":
            mt["smithy.api#httpHeader"] = wire
        elif where == "headers":
            mt["smithy.api#httpPrefixHeaders"] = wire
        elif where == "statusCode":
            mt["smithy.api#httpResponseCode"] = {}
        elif shape.get("payload") == mname:
            mt["smithy.api#httpPayload"] = {}
        elif wire != mname and not shape.get("event"):
            mt["smithy.api#jsonName"] = wire
        if m.get("jsonvalue"):
            media[m["shape"]] = "application/json"

    media = {}
    for name, shape in model["shapes"].items():
        kind = shape["type"]
        traits = docs(shape, {})
        if kind == "structure":
            members = {}
            required = set(shape.get("required", []))
            for mname, m in shape.get("members", {}).items():
                mt = docs(m, {})
                if mname in required:
                    mt["smithy.api#required"] = {}
                if m.get("idempotencyToken"):
                    mt["smithy.api#idempotencyToken"] = {}
                if m.get("hostLabel"):
                    mt["smithy.api#hostLabel"] = {}
                # A streaming blob member is required or defaults to empty,
                # as Smithy requires and AWS's own Smithy models have it.
                target = model["shapes"].get(m["shape"], {})
                if target.get("type") == "blob" and target.get("streaming") and mname not in required:
                    mt["smithy.api#default"] = ""
                if rest:
                    bindings(shape, mname, m, mt)
                members[mname] = dict(ref(m["shape"]), **({"traits": mt} if mt else {}))
            # A body member's JSON name may be the name of a member bound to
            # the HTTP message, which is never in the body; Smithy refuses
            # the clash all the same, so that member takes its botocore
            # location name as its JSON name.
            json_names = {mt.get("traits", {}).get("smithy.api#jsonName") for mt in members.values()}
            for mname, member in members.items():
                m = shape["members"][mname]
                wire = m.get("locationName", mname)
                if rest and m.get("location") and mname in json_names and wire not in members and wire not in json_names:
                    member.setdefault("traits", {})["smithy.api#jsonName"] = wire
            if shape.get("document"):
                out = {"type": "document"}
            elif shape.get("union") or shape.get("eventstream"):
                for m in members.values():
                    m.get("traits", {}).pop("smithy.api#required", None)
                out = {"type": "union", "members": members}
                if shape.get("eventstream"):
                    traits["smithy.api#streaming"] = {}
            else:
                out = {"type": "structure", "members": members}
            if shape.get("exception"):
                error = shape.get("error", {})
                fault = shape.get("fault") or not error.get("senderFault", True)
                # A status code says whose fault it is where botocore leaves
                # senderFault out (Smithy wants 5xx for server errors, 4xx
                # for client errors).
                code = error.get("httpStatusCode")
                if code is not None and "senderFault" not in error and not shape.get("fault"):
                    fault = code >= 500
                traits["smithy.api#error"] = "server" if fault else "client"
                if error.get("httpStatusCode"):
                    traits["smithy.api#httpError"] = error["httpStatusCode"]
                if error.get("code"):
                    traits["aws.protocols#awsQueryError"] = {
                        "code": error["code"],
                        "httpResponseCode": error.get("httpStatusCode", 500 if fault else 400),
                    }
                if shape.get("retryable"):
                    traits["smithy.api#retryable"] = (
                        {"throttling": True} if shape["retryable"].get("throttling") else {}
                    )
        elif kind == "list":
            constraints(shape, kind, traits)
            out = {"type": "list", "member": ref(shape["member"]["shape"])}
            if shape.get("sparse"):
                traits["smithy.api#sparse"] = {}
        elif kind == "map":
            constraints(shape, kind, traits)
            out = {"type": "map", "key": ref(shape["key"]["shape"]), "value": ref(shape["value"]["shape"])}
            if shape.get("sparse"):
                traits["smithy.api#sparse"] = {}
        elif kind == "string" and shape.get("enum"):
            taken = set()
            members = {
                enum_name(v, taken): {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": v}}
                for v in shape["enum"]
            }
            out = {"type": "enum", "members": members}
        elif kind in SIMPLE:
            constraints(shape, kind, traits)
            if kind == "timestamp" and shape.get("timestampFormat"):
                traits["smithy.api#timestampFormat"] = {
                    "iso8601": "date-time", "unixTimestamp": "epoch-seconds", "rfc822": "http-date"
                }[shape["timestampFormat"]]
            if kind == "blob" and shape.get("streaming"):
                traits["smithy.api#streaming"] = {}
            out = {"type": SIMPLE[kind]}
        else:
            raise SystemExit(f"{service}: shape {name} has type {kind}, which this converter does not know")
        if traits:
            out["traits"] = traits
        shapes[ref(name)["target"]] = out
    for name, media_type in media.items():
        shapes[ref(name)["target"]].setdefault("traits", {})["smithy.api#mediaType"] = media_type

    # botocore does not say which structures are @input or @output. AWS's
    # models mark those used once, as one operation's input or output; a
    # structure shared by operations, or also a member's target, cannot be
    # marked, and its required members are then plain values.
    uses = {}
    for op in model["operations"].values():
        for key in ("input", "output"):
            if op.get(key):
                uses[op[key]["shape"]] = uses.get(op[key]["shape"], 0) + 1
    for shape in model["shapes"].values():
        for m in shape.get("members", {}).values():
            uses[m["shape"]] = uses.get(m["shape"], 0) + 1
        for key in ("member", "key", "value"):
            if key in shape:
                uses[shape[key]["shape"]] = uses.get(shape[key]["shape"], 0) + 1

    paginators = (pages or {}).get("pagination", {})
    operations = []
    for name, op in model["operations"].items():
        traits = docs(op, {})
        out = {"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}}
        if op.get("input"):
            out["input"] = ref(op["input"]["shape"])
            if uses[op["input"]["shape"]] == 1:
                shapes[ref(op["input"]["shape"])["target"]].setdefault("traits", {})["smithy.api#input"] = {}
        if op.get("output"):
            out["output"] = ref(op["output"]["shape"])
            if uses[op["output"]["shape"]] == 1:
                shapes[ref(op["output"]["shape"])["target"]].setdefault("traits", {})["smithy.api#output"] = {}
        if op.get("errors"):
            out["errors"] = [ref(e["shape"]) for e in op["errors"]]
        if op.get("idempotent"):
            traits["smithy.api#idempotent"] = {}
        if rest:
            traits["smithy.api#http"] = http_trait(model, op)
        if op.get("httpChecksumRequired"):
            traits["smithy.api#httpChecksumRequired"] = {}
        if op.get("endpoint", {}).get("hostPrefix"):
            traits["smithy.api#endpoint"] = {"hostPrefix": op["endpoint"]["hostPrefix"]}
        page = paginators.get(name)
        # botocore's paginators are written by hand and may use JMESPath
        # (`Shards[-1].ShardId`) or name several tokens; @paginated takes
        # one member path, and its items must be a list or a map.
        simple = lambda v: isinstance(v, str) and re.fullmatch(r"\w+(\.\w+)*", v)
        if page and simple(page.get("input_token")) and simple(page.get("output_token")):
            p = {"inputToken": page["input_token"], "outputToken": page["output_token"]}
            items = page.get("result_key")
            output = model["shapes"].get(op.get("output", {}).get("shape"), {}).get("members", {})
            if simple(items) and items in output and model["shapes"][output[items]["shape"]]["type"] in ("list", "map"):
                p["items"] = items
            inputs = model["shapes"].get(op.get("input", {}).get("shape"), {}).get("members", {})
            size = inputs.get(page.get("limit_key")) if isinstance(page.get("limit_key"), str) else None
            # Smithy's pageSize is an integer member; a few restJson1
            # services take their page size as a string query parameter.
            if size and model["shapes"][size["shape"]]["type"] in ("integer", "long"):
                p["pageSize"] = page["limit_key"]
            traits["smithy.api#paginated"] = p
        if traits:
            out["traits"] = traits
        shapes[f"{ns}#{name}"] = out
        operations.append({"target": f"{ns}#{name}"})

    service_traits = {
        "aws.api#service": {k: v for k, v in (("sdkId", meta.get("serviceId")), ("endpointPrefix", meta.get("endpointPrefix"))) if v},
        "aws.auth#sigv4": {"name": meta.get("signingName", meta.get("endpointPrefix"))},
    }
    if rest:
        service_traits["aws.protocols#restJson1"] = {}
    elif protocol(model) == "smithy-rpc-v2-cbor":
        service_traits["smithy.protocols#rpcv2Cbor"] = {}
    else:
        service_traits["aws.protocols#awsJson1_0" if meta.get("jsonVersion") == "1.0" else "aws.protocols#awsJson1_1"] = {}
    if "awsQueryCompatible" in meta:
        service_traits["aws.protocols#awsQueryCompatible"] = {}
    if meta.get("serviceFullName"):
        service_traits["smithy.api#title"] = meta["serviceFullName"]
    docs(model, service_traits)
    shapes[service_id] = {
        "type": "service",
        "version": meta["apiVersion"],
        "operations": sorted(operations, key=lambda r: r["target"]),
        "traits": service_traits,
    }
    out = {"smithy": "2.0", "shapes": dict(sorted(shapes.items()))}
    # AWS's own Smithy models bind headers the transport owns
    # (`Content-Length`) and suppress Smithy's event about it; so does this.
    blocked = {
        "authorization", "connection", "content-length", "expect", "host", "max-forwards", "proxy-authenticate",
        "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "www-authenticate", "x-forwarded-for",
    }
    headers = (
        m.get("traits", {}).get("smithy.api#httpHeader", "").lower()
        for shape in shapes.values()
        for m in shape.get("members", {}).values()
    )
    suppressions = []
    if any(h in blocked for h in headers):
        suppressions.append({"id": "HttpHeaderTrait", "namespace": "*"})
    # botocore's paginators mark some output tokens required and some page
    # sizes `long`, which Smithy calls DANGER; AWS's models suppress
    # PaginatedTrait for the same reason. Its ERRORs cannot be suppressed.
    if any("smithy.api#paginated" in shape.get("traits", {}) for shape in shapes.values()):
        suppressions.append({"id": "PaginatedTrait", "namespace": "*"})
    # A few botocore operations send body members with GET or DELETE,
    # which Smithy calls DANGER (HttpMethodSemantics); AWS's own models
    # suppress the event on them.
    for shape in shapes.values():
        http = shape.get("traits", {}).get("smithy.api#http", {})
        if shape["type"] == "operation" and http.get("method") in ("GET", "HEAD", "DELETE", "TRACE"):
            members = shapes.get(shape.get("input", {}).get("target"), {}).get("members", {})
            bound = ("smithy.api#httpHeader", "smithy.api#httpLabel", "smithy.api#httpQuery",
                     "smithy.api#httpQueryParams", "smithy.api#httpPrefixHeaders")
            if any(not any(b in m.get("traits", {}) for b in bound) for m in members.values()):
                shape["traits"].setdefault("smithy.api#suppress", []).append("HttpMethodSemantics")
    if suppressions:
        out["metadata"] = {"suppressions": suppressions}
    return out


def http_trait(model, op):
    """The @http trait of operation `op`: its URI names labels by member."""
    http = op["http"]
    uri = http["requestUri"]
    members = model["shapes"].get(op.get("input", {}).get("shape"), {}).get("members", {})
    for mname, m in members.items():
        if m.get("location") == "uri":
            wire = m.get("locationName", mname)
            uri = uri.replace("{" + wire + "}", "{" + mname + "}").replace("{" + wire + "+}", "{" + mname + "+}")
    trait = {"method": http["method"], "uri": uri}
    if http.get("responseCode") is not None:
        trait["code"] = http["responseCode"]
    return trait


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    args = sys.argv[1:]
    only = None
    if args[:1] == ["--protocol"]:
        only, args = args[1], args[2:]
        if only not in PROTOCOLS:
            raise SystemExit(f"--protocol takes one of {', '.join(PROTOCOLS)}")
    if not args or any(a.startswith("-") for a in args):
        raise SystemExit(__doc__)
    out_dir, wanted = args[0], args[1:]
    os.makedirs(out_dir, exist_ok=True)
    services = wanted or sorted(s for s in os.listdir(DATA) if os.path.isdir(os.path.join(DATA, s)))
    written = 0
    for service in services:
        model, pages = latest(service)
        found = protocol(model) if model is not None else None
        if found is None or (only and found != only):
            if wanted:
                raise SystemExit(f"{service}: no {only or 'awsJson, restJson1 or rpcv2Cbor'} model in botocore")
            continue
        with open(os.path.join(out_dir, f"{service}.json"), "w", encoding="utf-8") as f:
            json.dump(convert(service, model, pages), f, indent=1, sort_keys=False)
        written += 1
    print(f"wrote {written} models to {out_dir}")


if __name__ == "__main__":
    main()
