from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.accounts.decorators import require_perm
from danvan.accounts.models import User
from danvan.accounts.permissions import Perm, has_perm
from danvan.core import tabular
from danvan.core.models import Deadline
from danvan.documents.models import OutgoingDocument

from . import exports, notices
from . import identity as identity_service
from . import services as svc
from .forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    DateReasonForm,
    ExtendForm,
    NoteForm,
    NoticeForm,
    ReasonForm,
    RegisterForm,
    TargetForm,
)
from .models import Attachment, Citizen, Petition
from .selectors import (
    find_citizens,
    get_petition,
    likely_duplicates,
    my_work,
    petition_list,
    work_querysets,
)
from .states import Kind, Status, allowed_moves, is_open

TOKEN_TTL = 60 * 60 * 6


LIST_PARAMS = ("q", "kind", "status", "scope", "order")


def _list_params(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "") for key in LIST_PARAMS}


@require_perm(Perm.PETITION_VIEW)
def petition_index(request: HttpRequest) -> HttpResponse:
    params = _list_params(request)
    qs = petition_list(request.user, request.commune, **params)  # type: ignore[attr-defined]
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/list.html",
        {
            "page": page,
            "params": params,
            "query": query.urlencode(),
            "kinds": Kind.choices,
            "statuses": Status.choices,
            "today": timezone.localdate(),
            "exports": tabular.links(request, "petitions:export"),
        },
    )


@require_perm(Perm.PETITION_VIEW)
def petition_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The list above, as the actor sees it with its filters, as XLSX or CSV."""
    tabular.require_format(fmt)
    qs = petition_list(request.user, request.commune, **_list_params(request))  # type: ignore[attr-defined]
    return tabular.export(
        fmt, exports.PETITION_COLUMNS, qs.iterator(chunk_size=tabular.CHUNK), name="danh-sach-don"
    )


@require_perm(Perm.PETITION_VIEW)
def work(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "petitions/work.html",
        {
            "work": my_work(request.user, request.commune),  # type: ignore[attr-defined]
            "today": timezone.localdate(),
            "exports": tabular.links(request, "petitions:work_export"),
        },
    )


@require_perm(Perm.PETITION_VIEW)
def work_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every petition of each box of "my work" (the page shows the first ones of each)."""
    tabular.require_format(fmt)
    boxes = work_querysets(request.user, request.commune)  # type: ignore[attr-defined]
    return tabular.export(fmt, exports.WORK_COLUMNS, exports.work_items(boxes), name="viec-cua-toi")


@require_perm(Perm.PETITION_REGISTER)
def citizen_search(request: HttpRequest) -> HttpResponse:
    citizens = find_citizens(request.commune, request.GET.get("citizen_search", ""))  # type: ignore[attr-defined]
    return render(request, "petitions/_citizen_results.html", {"citizens": citizens})


def _register_kwargs(
    form: RegisterForm, request: HttpRequest, citizen: Citizen | None
) -> dict[str, Any]:
    data = form.cleaned_data
    denouncer = None
    if data["kind"] == Kind.DENUNCIATION and not data["is_anonymous"]:
        denouncer = {k: data[k] for k in ("full_name", "address", "id_number", "phone", "email")}
        denouncer["name"] = denouncer.pop("full_name")
    return {
        "commune": request.commune,  # type: ignore[attr-defined]
        "kind": data["kind"],
        "channel": data["channel"],
        "received_on": data["received_on"],
        "summary": data["summary"],
        "content": data["content"],
        "citizen": citizen,
        "denouncer": denouncer,
        "is_group": data["is_group"],
        "group_size": data["group_size"] or 1,
        "representatives": data["representatives"].splitlines(),
        "village": data["village"],
        "place": data["place"],
        "field": data["field"],
        "forwarded_by": data["forwarded_by"],
        "forwarded_reference": data["forwarded_reference"],
        "previous_handling": data["previous_handling"],
        "flags": form.flags,
    }


@require_perm(Perm.PETITION_REGISTER)
def register(request: HttpRequest) -> HttpResponse:
    """Register a walk-in, posted or forwarded petition. Shows likely duplicates before saving; a
    double-click or a resubmitted form never creates a second case."""
    commune = request.commune  # type: ignore[attr-defined]
    token_initial = secrets.token_urlsafe(16)
    form = RegisterForm(
        request.POST or None,
        request.FILES or None,
        commune=commune,
        initial={"submission_token": token_initial},
    )
    duplicates: list[tuple[Petition, float]] = []
    if request.method == "POST" and form.is_valid():
        token_key = f"petition-submit:{request.user.pk}:{form.cleaned_data['submission_token']}"
        done = cache.get(token_key)
        if done:
            messages.info(
                request, _("This form was already submitted; here is the case it created.")
            )
            return redirect("petitions:detail", pk=done)
        data = form.cleaned_data
        citizen = None
        try:
            if data["kind"] != Kind.DENUNCIATION and not data["is_anonymous"]:
                if data.get("citizen_id"):
                    citizen = Citizen.objects.filter(commune=commune, pk=data["citizen_id"]).first()
                if citizen is None:
                    citizen = svc.citizen_get_or_create(
                        commune=commune,
                        full_name=data["full_name"],
                        phone=data["phone"],
                        id_number=data["id_number"],
                        address=data["address"],
                        email=data["email"],
                    )
            decision = data.get("duplicate_decision") or ""
            if decision.startswith("merge:"):
                target = get_petition(request.user, commune, int(decision.split(":", 1)[1]))
                svc.petition_merge_submission(
                    actor=request.user,
                    target=target,
                    content=data["content"],
                    received_on=data["received_on"],
                    attachments=data["attachments"],
                )
                cache.set(token_key, target.pk, TOKEN_TTL)
                messages.success(
                    request,
                    _("Attached to the open case %(case)s; no new case number.")
                    % {"case": target.case_number},
                )
                return redirect("petitions:detail", pk=target.pk)
            if decision != "new" and data["kind"] != Kind.DENUNCIATION:
                duplicates = likely_duplicates(
                    commune,
                    content=f"{data['summary']} {data['content']}",
                    citizen=citizen,
                    village_id=data["village"].pk if data["village"] else None,
                    place=data["place"],
                )
            if not duplicates:
                petition = svc.petition_register(
                    actor=request.user,
                    attachments=data["attachments"],
                    **_register_kwargs(form, request, citizen),
                )
                cache.set(token_key, petition.pk, TOKEN_TTL)
                request.session[f"tracking-secret-{petition.pk}"] = petition.tracking_secret  # type: ignore[attr-defined]
                messages.success(
                    request, _("Registered as case %(case)s.") % {"case": petition.case_number}
                )
                return redirect("petitions:detail", pk=petition.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "petitions/register.html", {"form": form, "duplicates": duplicates})


@dataclass(frozen=True)
class Action:
    label: Any
    perm: Perm
    form: type | None
    target: str | None  # the status it leads to (for showing only legal moves)
    run: Callable[..., Any]
    kinds: frozenset[str] = frozenset(Kind.values)
    button: str = "primary"


def _doc(petition: Petition, data: dict[str, Any]) -> OutgoingDocument | None:
    pk = data.get("document")
    if not pk:
        return None
    return OutgoingDocument.objects.filter(
        pk=pk, source_type="petitions.petition", source_id=str(petition.pk)
    ).first()


ACTIONS: dict[str, Action] = {
    "accept": Action(
        gettext_lazy("Accept (thụ lý)"),
        Perm.PETITION_DECIDE,
        None,
        Status.ACCEPTED,
        lambda u, p, d: svc.petition_accept(actor=u, petition=p),
        frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
        "success",
    ),
    "start": Action(
        gettext_lazy("Start handling"),
        Perm.PETITION_PROCESS,
        None,
        Status.IN_PROGRESS,
        lambda u, p, d: svc.petition_start_handling(actor=u, petition=p),
    ),
    "guide": Action(
        gettext_lazy("Guide to the competent body"),
        Perm.PETITION_PROCESS,
        TargetForm,
        Status.GUIDED,
        lambda u, p, d: svc.petition_guide(actor=u, petition=p, to=d["to"], text=d["text"]),
    ),
    "transfer": Action(
        gettext_lazy("Transfer"),
        Perm.PETITION_PROCESS,
        TargetForm,
        Status.TRANSFERRED,
        lambda u, p, d: svc.petition_transfer(actor=u, petition=p, to=d["to"], text=d["text"]),
    ),
    "refuse": Action(
        gettext_lazy("Do not accept / refuse"),
        Perm.PETITION_DECIDE,
        ReasonForm,
        Status.NOT_ACCEPTED,
        lambda u, p, d: svc.petition_refuse(actor=u, petition=p, legal_ground=d["text"]),
        button="danger",
    ),
    "file": Action(
        gettext_lazy("File without action"),
        Perm.PETITION_PROCESS,
        ReasonForm,
        Status.FILED,
        lambda u, p, d: svc.petition_file(actor=u, petition=p, reason=d["text"]),
        button="secondary",
    ),
    "anonymous": Action(
        gettext_lazy("Check for management (Art. 25(2))"),
        Perm.PETITION_PROCESS,
        ReasonForm,
        Status.MANAGEMENT_CHECK,
        lambda u, p, d: svc.petition_route_anonymous(actor=u, petition=p, note=d["text"]),
        frozenset({Kind.DENUNCIATION}),
        "secondary",
    ),
    "verify": Action(
        gettext_lazy("Verify"),
        Perm.PETITION_HANDLE,
        ReasonForm,
        Status.VERIFYING,
        lambda u, p, d: svc.petition_verify(actor=u, petition=p, text=d["text"]),
    ),
    "dialogue": Action(
        gettext_lazy("Hold a dialogue"),
        Perm.PETITION_HANDLE,
        ReasonForm,
        Status.DIALOGUE,
        lambda u, p, d: svc.petition_dialogue(actor=u, petition=p, text=d["text"]),
    ),
    "suspend": Action(
        gettext_lazy("Suspend"),
        Perm.PETITION_DECIDE,
        DateReasonForm,
        Status.SUSPENDED,
        lambda u, p, d: svc.petition_suspend(actor=u, petition=p, on=d["on"], reason=d["text"]),
        button="warning",
    ),
    "resume": Action(
        gettext_lazy("Resume"),
        Perm.PETITION_DECIDE,
        DateReasonForm,
        None,
        lambda u, p, d: svc.petition_resume(actor=u, petition=p, on=d["on"]),
    ),
    "extend": Action(
        gettext_lazy("Extend the time limit"),
        Perm.PETITION_DECIDE,
        ExtendForm,
        None,
        lambda u, p, d: svc.petition_extend(
            actor=u, petition=p, days=d["days"], decided_on=d["decided_on"], decision=d["decision"]
        ),
        frozenset({Kind.COMPLAINT, Kind.DENUNCIATION, Kind.INFO_REQUEST}),
        "warning",
    ),
    "decide": Action(
        gettext_lazy("Record the decision / conclusion"),
        Perm.PETITION_DECIDE,
        AnswerForm,
        Status.DECIDED,
        lambda u, p, d: svc.petition_decide(
            actor=u, petition=p, text=d["text"], document=_doc(p, d)
        ),
        frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
        "success",
    ),
    "answer": Action(
        gettext_lazy("Answer"),
        Perm.PETITION_HANDLE,
        AnswerForm,
        Status.ANSWERED,
        lambda u, p, d: svc.petition_answer(
            actor=u, petition=p, text=d["text"], document=_doc(p, d), evidence=d.get("evidence")
        ),
        frozenset({Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.INFO_REQUEST}),
        "success",
    ),
    "withdraw": Action(
        gettext_lazy("Record a withdrawal"),
        Perm.PETITION_DECIDE,
        ReasonForm,
        Status.CLOSED,
        lambda u, p, d: svc.petition_withdraw(actor=u, petition=p, text=d["text"]),
        frozenset({Kind.COMPLAINT, Kind.DENUNCIATION}),
        "secondary",
    ),
    "close": Action(
        gettext_lazy("Close the case"),
        Perm.PETITION_DECIDE,
        CloseForm,
        Status.CLOSED,
        lambda u, p, d: svc.petition_close(
            actor=u,
            petition=p,
            closure=d["closure"],
            text=d["text"],
            legal_ground=d["legal_ground"],
            transferred_to=d["transferred_to"],
        ),
        button="dark",
    ),
    "reopen": Action(
        gettext_lazy("Reopen"),
        Perm.PETITION_PROCESS,
        ReasonForm,
        Status.IN_PROGRESS,
        lambda u, p, d: svc.petition_reopen(actor=u, petition=p, reason=d["text"]),
        frozenset({Kind.RECOMMENDATION, Kind.FEEDBACK}),
        "secondary",
    ),
}


def _available(request: HttpRequest, petition: Petition) -> list[tuple[str, Action]]:
    moves = allowed_moves(petition.kind, petition.status)
    found = []
    for key, action in ACTIONS.items():
        if petition.kind not in action.kinds or not has_perm(
            request.user, action.perm, petition.commune
        ):
            continue
        if key == "resume":
            ok = petition.status == Status.SUSPENDED
        elif key == "extend":
            ok = is_open(petition.status) and petition.status not in (
                Status.REGISTERED,
                Status.SUSPENDED,
            )
        elif action.target is None:
            ok = False
        else:
            ok = action.target in moves
        if ok:
            found.append((key, action))
    return found


def _form_for(action: Action, petition: Petition, data: Any = None, files: Any = None) -> Any:
    if action.form is None:
        return None
    if action.form is AnswerForm:
        return AnswerForm(
            data,
            files,
            documents=notices.petition_documents(petition),
            initial={"text": petition.answer_text},
            prefix="act",
        )
    initial = {"on": timezone.localdate(), "decided_on": timezone.localdate()}
    return action.form(data, files, initial=initial, prefix="act")


def _officers(petition: Petition) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__commune=petition.commune,
            memberships__is_active=True,
            memberships__unit__isnull=False,
        )
        .distinct()
        .order_by("full_name")
    )


@require_perm(Perm.PETITION_VIEW)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    return _render_detail(request, petition)


def _render_detail(
    request: HttpRequest,
    petition: Petition,
    *,
    failed: tuple[str, Any] | None = None,
    revealed: Any = None,
) -> HttpResponse:
    actions = [
        (key, action, failed[1] if failed and failed[0] == key else _form_for(action, petition))
        for key, action in _available(request, petition)
    ]
    can_assign = has_perm(request.user, Perm.PETITION_PROCESS, petition.commune)
    events = petition.events.select_related("actor", "document")
    clocks = Deadline.objects.filter(
        subject_type=svc.SUBJECT, subject_id=str(petition.pk)
    ).select_related("rule")
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "actions": actions,
            "failed_action": failed[0] if failed else "",
            "events": events,
            "clocks": clocks,
            "attachments": petition.attachments.all(),
            "documents": notices.petition_documents(petition),
            "notice_templates": notices.templates_for(petition),
            "notice_form": NoticeForm(prefix="notice"),
            "can_draft": has_perm(request.user, Perm.DRAFT_DOCUMENTS, petition.commune),
            "assign_form": AssignForm(
                commune=petition.commune,
                officers=list(_officers(petition)),
                initial={
                    "unit": petition.assigned_unit_id,
                    "officer": petition.assigned_officer_id,
                },
            )
            if can_assign
            else None,
            "note_form": NoteForm(prefix="note")
            if has_perm(request.user, Perm.PETITION_HANDLE, petition.commune)
            else None,
            "may_view_identity": petition.kind == Kind.DENUNCIATION
            and identity_service.may_view_identity(request.user, petition),
            "revealed": revealed,
            "tracking_secret": request.session.get(f"tracking-secret-{petition.pk}"),
            "today": timezone.localdate(),
        },
    )


@require_POST
@require_perm(Perm.PETITION_VIEW)
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    chosen = dict(_available(request, petition)).get(action)
    if chosen is None:
        if action in ACTIONS and not has_perm(request.user, ACTIONS[action].perm, petition.commune):
            raise PermissionDenied
        messages.error(request, _("This step is not possible for the case in its current state."))
        return redirect("petitions:detail", pk=pk)
    form = _form_for(chosen, petition, request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return _render_detail(request, petition, failed=(action, form))
    try:
        chosen.run(request.user, petition, form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect("petitions:detail", pk=pk)
        form.add_error(None, exc)
        return _render_detail(request, petition, failed=(action, form))
    messages.success(request, _("Saved: %(step)s.") % {"step": chosen.label})
    return redirect("petitions:detail", pk=pk)


@require_POST
@require_perm(Perm.PETITION_PROCESS)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    form = AssignForm(request.POST, commune=petition.commune, officers=list(_officers(petition)))
    if form.is_valid():
        officer = _officers(petition).filter(pk=form.cleaned_data["officer"] or 0).first()
        try:
            svc.petition_assign(
                actor=request.user,
                petition=petition,
                unit=form.cleaned_data["unit"],
                officer=officer,
            )
            messages.success(request, _("Assignment saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("petitions:detail", pk=pk)


@require_POST
@require_perm(Perm.PETITION_HANDLE)
def note(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    form = NoteForm(request.POST, prefix="note")
    if form.is_valid():
        svc.petition_note(
            actor=request.user,
            petition=petition,
            text=form.cleaned_data["text"],
            public=form.cleaned_data["public"],
        )
    else:
        messages.error(request, _("The note is empty."))
    return redirect("petitions:detail", pk=pk)


@require_POST
@require_perm(Perm.DRAFT_DOCUMENTS)
def draft_notice(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    if key not in {t.key for t in notices.templates_for(petition)}:
        raise Http404
    form = NoticeForm(request.POST, prefix="notice")
    if not form.is_valid():
        messages.error(request, _("Enter the signer's name to draft the document."))
        return redirect("petitions:detail", pk=pk)
    try:
        document = notices.notice_draft(
            actor=request.user,
            petition=petition,
            key=key,
            signer_name=form.cleaned_data["signer_name"],
            authority_lines=form.cleaned_data["authority"].split("|"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("petitions:detail", pk=pk)
    messages.success(request, _("Draft created. Check it, then the clerk issues it."))
    return redirect(reverse("documents:detail", args=[document.pk]))


@require_POST
@require_perm(Perm.PETITION_VIEW)
def reveal_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the denouncer's identity to someone entitled to it; the view is audited."""
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    revealed = identity_service.identity_view(
        actor=request.user, petition=petition, purpose="detail page"
    )
    response = _render_detail(request, petition, revealed=revealed or False)
    response["Cache-Control"] = "no-store"
    return response


@require_perm(Perm.PETITION_VIEW)
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    item = Attachment.objects.filter(petition=petition, pk=attachment_pk).first()
    if item is None:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )


@require_perm(Perm.PETITION_VIEW)
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The giấy biên nhận for the citizen, printable on A5/A4."""
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    return render(
        request,
        "petitions/receipt.html",
        {
            "petition": petition,
            "tracking_secret": request.session.get(f"tracking-secret-{petition.pk}", ""),
            "attachments": petition.attachments.filter(purpose=Attachment.Purpose.EVIDENCE),
        },
    )


@require_POST
@require_perm(Perm.PETITION_PROCESS)
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide an abusive online submission from every public page (reason required, audited)."""
    petition = get_petition(request.user, request.commune, pk)  # type: ignore[attr-defined]
    try:
        svc.petition_hide(
            actor=request.user, petition=petition, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The submission is hidden from public pages."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("petitions:detail", pk=pk)
