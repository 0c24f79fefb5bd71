from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.permissions import Perm, has_perm
from danvan.accounts.selectors import get_scoped_or_404
from danvan.core import tabular

from . import exports, services
from .forms import DraftForm, ParseForm
from .models import OutgoingDocument
from .parsing import MAX_BYTES, DocumentParseError, extract_text, parse_text
from .rendering import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    build_recipients,
    render_docx,
    render_pdf,
)
from .selectors import documents_of, legal_documents_of
from .specs import blocks_from_text, spec_for, text_from_blocks
from .states import DocumentStatus


def _list_filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "") for key in ("q", "status", "year")}


@require_perm(Perm.VIEW_DOCUMENTS)
def document_list(request: HttpRequest) -> HttpResponse:
    filters = _list_filters(request)
    documents = documents_of(request.commune, **filters)  # type: ignore[attr-defined]
    page = Paginator(documents, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/list.html",
        {
            "page": page,
            **filters,
            "statuses": DocumentStatus.choices,
            "exports": tabular.links(request, "documents:export"),
        },
    )


@require_perm(Perm.VIEW_DOCUMENTS)
def document_list_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The register with the page's filters, every row, as XLSX or CSV."""
    tabular.require_format(fmt)
    documents = documents_of(request.commune, **_list_filters(request))  # type: ignore[attr-defined]
    return tabular.export(
        fmt,
        exports.DOCUMENT_COLUMNS,
        documents.iterator(chunk_size=tabular.CHUNK),
        name="so-van-ban-di",
    )


def _draft_kwargs(form: DraftForm) -> dict[str, Any]:
    data = form.cleaned_data
    unit = data["drafting_unit"]
    return {
        "doc_type": data["doc_type"],
        "title": data["title"],
        "drafting_unit": unit,
        "body": blocks_from_text(data["body"]),
        "recipients": [
            line.removeprefix("- ").rstrip(";.")
            for line in build_recipients(
                DraftForm.lines(data["recipients"]), unit.short_name if unit else None
            )
        ],
        "recipients_to": DraftForm.lines(data["recipients_to"]),
        "authority_lines": data["authority"].split("|"),
        "signer_name": data["signer_name"],
    }


@require_perm(Perm.DRAFT_DOCUMENTS)
def document_create(request: HttpRequest) -> HttpResponse:
    commune = request.commune  # type: ignore[attr-defined]
    form = DraftForm(request.POST or None, commune=commune, initial={"doc_type": "BC"})
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create_draft(
                actor=request.user, commune=commune, **_draft_kwargs(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The draft has been saved. It gets its number when it is issued.")
            )
            return redirect("documents:detail", pk=document.pk)
    return render(request, "documents/form.html", {"form": form, "document": None})


def _document(request: HttpRequest, pk: int) -> OutgoingDocument:
    return get_scoped_or_404(
        OutgoingDocument.objects.select_related("commune", "drafting_unit", "issued_by"),
        request.user,
        pk=pk,
    )


@require_perm(Perm.DRAFT_DOCUMENTS)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    if document.status != DocumentStatus.DRAFT:
        messages.error(request, _("An issued document cannot be changed."))
        return redirect("documents:detail", pk=pk)
    authority = "|".join(document.authority_lines)
    initial = {
        "doc_type": document.doc_type,
        "title": document.title,
        "drafting_unit": document.drafting_unit,
        "body": text_from_blocks(document.body),
        "recipients": "\n".join(document.recipients),
        "recipients_to": "\n".join(document.recipients_to),
        "authority": authority,
        "signer_name": document.signer_name,
    }
    form = DraftForm(request.POST or None, commune=document.commune, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update_draft(
                actor=request.user, document=document, **_draft_kwargs(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("documents:detail", pk=pk)
    return render(request, "documents/form.html", {"form": form, "document": document})


@require_perm(Perm.VIEW_DOCUMENTS)
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    spec = spec_for(document)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "spec": spec,
            "can_issue": document.status == DocumentStatus.DRAFT
            and has_perm(request.user, Perm.ISSUE_DOCUMENTS, document.commune),
            "can_edit": document.status == DocumentStatus.DRAFT
            and has_perm(request.user, Perm.DRAFT_DOCUMENTS, document.commune),
        },
    )


@require_POST
@require_perm(Perm.ISSUE_DOCUMENTS)
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    try:
        issued = services.document_issue(actor=request.user, document=document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Issued as %(number)s. Both files are kept in the register.")
            % {"number": issued.number_symbol},
        )
    return redirect("documents:detail", pk=pk)


@require_perm(Perm.VIEW_DOCUMENTS)
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse | FileResponse:
    """Issued: the stored file, exactly as issued. Draft: rendered now, marked as a draft."""
    document = _document(request, pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    content_type = DOCX_CONTENT_TYPE if fmt == "docx" else PDF_CONTENT_TYPE
    if document.status == DocumentStatus.ISSUED:
        stored = document.docx_file if fmt == "docx" else document.pdf_file
        name = stored.name.rsplit("/", 1)[-1]
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
        )
    spec = spec_for(document)
    data = render_docx(spec) if fmt == "docx" else render_pdf(spec)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="du-thao-{document.pk}.{fmt}"'
    return response


@require_perm(Perm.VIEW_DOCUMENTS)
def parse_page(request: HttpRequest) -> HttpResponse:
    """Paste or upload an administrative document and see what it says, field by field."""
    form = ParseForm(request.POST or None, request.FILES or None)
    parsed = None
    text = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:
                text = extract_text(upload.name, upload.read(MAX_BYTES + 1))
            else:
                text = form.cleaned_data["text"]
            parsed = parse_text(text).to_dict()
        except DocumentParseError as exc:
            form.add_error("file" if upload is not None else "text", str(exc))
    return render(
        request,
        "documents/parse.html",
        {
            "form": form,
            "parsed": parsed,
            "parsed_json": json.dumps(parsed, ensure_ascii=False, indent=2) if parsed else "",
            "text": text,
            "can_register": has_perm(request.user, Perm.MANAGE_LEGAL_DOCUMENTS, request.commune),  # type: ignore[attr-defined]
        },
    )


@require_POST
@require_perm(Perm.MANAGE_LEGAL_DOCUMENTS)
def register_references(request: HttpRequest) -> HttpResponse:
    """Record every legal reference of a parsed document in the directive register."""
    try:
        parsed = parse_text(request.POST.get("text", ""))
    except DocumentParseError as exc:
        messages.error(request, str(exc))
        return redirect("documents:parse")
    created = 0
    for ref in parsed.to_dict()["legal_references"]:
        _record, is_new = services.legal_document_register(
            actor=request.user,
            commune=request.commune,  # type: ignore[attr-defined]
            doc_type=ref.get("type") or "",
            number_symbol=ref.get("number_symbol") or "",
            issued_on=dt.date.fromisoformat(ref["date"]) if ref.get("date") else None,
            issuer=ref.get("issuer") or "",
            name=ref.get("name") or "",
        )
        created += is_new
    messages.success(
        request, _("%(n)d new documents added to the directive register.") % {"n": created}
    )
    return redirect("documents:legal")


@require_perm(Perm.VIEW_LEGAL_DOCUMENTS)
def legal_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "documents/legal_list.html",
        {
            "documents": legal_documents_of(request.commune),  # type: ignore[attr-defined]
            "exports": tabular.links(request, "documents:legal_export"),
        },
    )


@require_perm(Perm.VIEW_LEGAL_DOCUMENTS)
def legal_list_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    tabular.require_format(fmt)
    documents = legal_documents_of(request.commune)  # type: ignore[attr-defined]
    return tabular.export(
        fmt,
        exports.LEGAL_COLUMNS,
        documents.iterator(chunk_size=tabular.CHUNK),
        name="so-van-ban-chi-dao",
    )
