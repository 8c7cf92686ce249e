"""Signs a request with botocore's SigV4 implementation and prints the
Authorization header. Reads JSON on stdin:
{"method", "url", "headers": {name: value}, "body", "access_key", "secret_key",
 "region", "service", "time": "YYYYMMDDTHHMMSSZ"}.
Used by tests/tests/sigv4.rs to check our signatures against AWS's own SDK."""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

d = json.load(sys.stdin)
when = datetime.datetime.strptime(d["time"], "%Y%m%dT%H%M%SZ")
request = AWSRequest(method=d["method"], url=d["url"], data=d["body"].encode(), headers=d["headers"])
with mock.patch("botocore.auth.get_current_datetime", return_value=when):
    SigV4Auth(Credentials(d["access_key"], d["secret_key"]), d["service"], d["region"]).add_auth(request)
print(request.headers["Authorization"])
