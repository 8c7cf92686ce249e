#!/usr/bin/env python3
"""Writes runtime/src/client/partitions.json: the AWS partitions that endpoint
rules' `aws.partition` function resolves regions against, taken from the
installed botocore (`pip install -U botocore` first for the newest).

    python3 tests/scripts/update_partitions.py

Region descriptions are dropped; everything the rules engine reads is kept.
"""
import json
import os
import sys

import botocore

source = os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")
with open(source) as f:
    data = json.load(f)
for partition in data["partitions"]:
    for region, settings in partition.get("regions", {}).items():
        settings.pop("description", None)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "runtime", "src", "client", "partitions.json")
with open(out, "w") as f:
    json.dump(data, f, indent=1, sort_keys=True)
    f.write("\n")
print(f"wrote {os.path.normpath(out)} from botocore {botocore.__version__} ({len(data['partitions'])} partitions)", file=sys.stderr)
