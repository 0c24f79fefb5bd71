"""JSON and XML bodies with the element names of GeoReport v2.

XML: the declaration with UTF-8, a root element named after the resource (`services`,
`service_definition`, `service_requests`, `errors`, `discovery`), list items named by the
specification (`service`, `request`, `attribute`, `value`, `error`, `endpoint`, `format`), an empty
element for a value that is absent, and `true`/`false` for booleans."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse

from ..errors import ApiError
from ..inputs import clean_text

JSON = "json"
XML = "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}
# The element of each item of a list, by the element of the list.
ITEM_ELEMENT = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}


def format_of(request: HttpRequest) -> str:
    """The format an answer (an error too) is written in: the path's extension."""
    return XML if request.path.lower().endswith(".xml") else JSON


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean_text(value) if isinstance(value, str) else str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list | tuple):
        item_tag = ITEM_ELEMENT[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_tag), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    body = ET.tostring(element, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def respond(
    data: Any,
    fmt: str,
    *,
    root: str,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    if fmt == XML:
        content = to_xml(root, data)
    else:
        content = json.dumps(data, ensure_ascii=False).encode("utf-8")
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPES[fmt])
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: ApiError, fmt: str) -> HttpResponse:
    """GeoReport v2 errors: a list of `code` (the HTTP status) and `description`; extended with
    `error_code`, stable and machine-readable, and `field`, the parameter at fault."""
    body = [
        {
            "code": error.status,
            "description": error.message,
            "error_code": error.code,
            "field": error.field,
        }
    ]
    return respond(body, fmt, root="errors", status=error.status)
