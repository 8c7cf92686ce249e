#!/usr/bin/env python3
"""Writes botocore's JSON-protocol service models as Smithy 2.0 JSON AST.

botocore (the AWS SDK for Python) ships a model of every AWS service, generated
from the same Smithy models AWS publishes. Converting its awsJson1_0/awsJson1_1
services gives the generator about 150 real models to be checked against:

    python3 tests/scripts/botocore_to_smithy.py OUT_DIR            # every JSON service
    python3 tests/scripts/botocore_to_smithy.py OUT_DIR kms ssm    # the named ones
    cargo xtask check-models OUT_DIR/*.json

What botocore does not carry is not invented: there are no @default values
(every member without @required is optional) and no resources. Legacy
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


def is_json(model):
    meta = model["metadata"]
    return meta.get("protocol") == "json" or "json" in meta.get("protocols", [])


def enum_name(value, taken):
    name = re.sub(r"[^A-Za-z0-9]+", "_", value).strip("_").upper() or "EMPTY"
    if name[0].isdigit():
        name = "V_" + name
    base, n = name, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def convert(service, model, pages):
    meta = model["metadata"]
    slug = re.sub(r"[^a-z0-9]", "", meta.get("endpointPrefix", service).lower())
    ns = f"com.amazonaws.{slug}"
    # The service shape's name is the X-Amz-Target prefix; a few services
    # (CloudTrail) use a dotted prefix, whose last part names the shape.
    prefix = (meta.get("targetPrefix") or re.sub(r"\W", "", meta["serviceId"])).split(".")[-1]
    service_id = f"{ns}#{prefix}"
    shapes = {}

    def ref(name):
        return {"target": f"{ns}#{name}"}

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
                members[mname] = dict(ref(m["shape"]), **({"traits": mt} if mt else {}))
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
        elif kind == "map":
            constraints(shape, kind, traits)
            out = {"type": "map", "key": ref(shape["key"]["shape"]), "value": ref(shape["value"]["shape"])}
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
        shapes[f"{ns}#{name}"] = out

    paginators = (pages or {}).get("pagination", {})
    operations = []
    for name, op in model["operations"].items():
        traits = docs(op, {})
        out = {"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}}
        if op.get("input"):
            out["input"] = ref(op["input"]["shape"])
            shapes[f"{ns}#{op['input']['shape']}"].setdefault("traits", {})["smithy.api#input"] = {}
        if op.get("output"):
            out["output"] = ref(op["output"]["shape"])
            shapes[f"{ns}#{op['output']['shape']}"].setdefault("traits", {})["smithy.api#output"] = {}
        if op.get("errors"):
            out["errors"] = [ref(e["shape"]) for e in op["errors"]]
        if op.get("idempotent"):
            traits["smithy.api#idempotent"] = {}
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
            if isinstance(page.get("limit_key"), str):
                p["pageSize"] = page["limit_key"]
            traits["smithy.api#paginated"] = p
        if traits:
            out["traits"] = traits
        shapes[f"{ns}#{name}"] = out
        operations.append(ref(name))

    service_traits = {
        "aws.api#service": {k: v for k, v in (("sdkId", meta.get("serviceId")), ("endpointPrefix", meta.get("endpointPrefix"))) if v},
        "aws.auth#sigv4": {"name": meta.get("signingName", meta.get("endpointPrefix"))},
        "aws.protocols#awsJson1_0" if meta.get("jsonVersion") == "1.0" else "aws.protocols#awsJson1_1": {},
    }
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
    return {"smithy": "2.0", "shapes": dict(sorted(shapes.items()))}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out_dir, wanted = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    services = wanted or sorted(s for s in os.listdir(DATA) if os.path.isdir(os.path.join(DATA, s)))
    written = 0
    for service in services:
        model, pages = latest(service)
        if model is None or not is_json(model):
            if wanted:
                raise SystemExit(f"{service}: no awsJson model in botocore")
            continue
        with open(os.path.join(out_dir, f"{service}.json"), "w", encoding="utf-8") as f:
            json.dump(convert(service, model, pages), f, indent=1, sort_keys=False)
        written += 1
    print(f"wrote {written} models to {out_dir}")


if __name__ == "__main__":
    main()
