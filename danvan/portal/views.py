"""The citizens' site: no login to read or submit; everything a citizen types is kept on error."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.core.models import Commune
from danvan.core.text import fold
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition
from danvan.petitions.selectors import likely_duplicates
from danvan.petitions.states import TERMINAL, Kind, Status

from . import abuse
from .forms import FeedbackForm, SubmitForm, TrackForm
from .images import strip_metadata
from .models import Article

PUBLIC_FORM_KINDS = {
    "phan-anh": Kind.FEEDBACK,
    "kien-nghi": Kind.RECOMMENDATION,
    "khieu-nai": Kind.COMPLAINT,
    "yeu-cau-thong-tin": Kind.INFO_REQUEST,
}
SHOWN_KINDS = (Kind.FEEDBACK, Kind.RECOMMENDATION, Kind.INFO_REQUEST)
ANSWERED = (Status.ANSWERED, Status.CLOSED)


def _commune(code: str) -> Commune:
    return get_object_or_404(Commune.objects.select_related("province"), code__iexact=code)


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


def public_cases_of(commune: Commune) -> QuerySet[Petition]:
    """Answered cases the citizen allowed to publish: never a denunciation, never hidden."""
    return Petition.objects.filter(
        commune=commune, is_public=True, is_hidden=False, kind__in=SHOWN_KINDS, status__in=ANSWERED
    ).exclude(answer_text="")


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    communes = Commune.objects.select_related("province").order_by("province__name", "name")
    if communes.count() == 1:
        return redirect("portal:home", code=communes[0].code)
    return render(request, "portal/index.html", {"communes": communes})


@login_not_required
def home(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(code)
    context: dict[str, Any] = {
        "commune": commune,
        "answered": public_cases_of(commune).order_by("-updated_at")[:5],
        "articles": Article.objects.filter(commune=commune, is_published=True)[:5],
        "sessions": _published_sessions(commune),
    }
    return render(request, "portal/home.html", context)


def _published_sessions(commune: Commune) -> list[Any]:
    """The published reception schedule (the reception app owns it)."""
    try:
        from danvan.reception.models import ReceptionSession
    except ImportError:  # pragma: no cover - reception app absent
        return []
    return list(
        ReceptionSession.objects.filter(
            commune=commune, is_published=True, date__gte=timezone.localdate()
        )
        .select_related("host")
        .order_by("date", "start_time")[:10]
    )


@login_not_required
def choose(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "portal/choose.html", {"commune": _commune(code)})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, code: str, kind_slug: str) -> HttpResponse:
    commune = _commune(code)
    if kind_slug == "to-cao":
        kind = Kind.DENUNCIATION
    elif kind_slug in PUBLIC_FORM_KINDS:
        kind = PUBLIC_FORM_KINDS[kind_slug]
    else:
        raise Http404
    form = SubmitForm(request.POST or None, request.FILES or None, kind=kind)
    context: dict[str, Any] = {
        "commune": commune,
        "form": form,
        "kind": kind,
        "kind_slug": kind_slug,
        "duplicates": [],
        "challenge": None,
        "map_tiles": settings.MAP_TILE_URL,
        "map_center": [commune.latitude or 21.0, commune.longitude or 105.8],
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ip, contact = _client_ip(request), (data.get("email") or data.get("phone") or "").strip()
        if data.get("website"):
            form.add_error(None, _("Your submission could not be accepted. Please try again."))
        elif abuse.over_limit(ip, contact) and not abuse.challenge_passed(
            request.session, data.get("challenge", "")
        ):
            if data.get("challenge"):
                form.add_error("challenge", _("That is not the right answer."))
            context["challenge"] = abuse.new_challenge(request.session)
        else:
            if kind != Kind.DENUNCIATION and not data.get("confirm_new"):
                context["duplicates"] = [
                    p
                    for p, _score in likely_duplicates(
                        commune,
                        content=f"{data['summary']} {data['content']}",
                        place=data.get("place", ""),
                    )
                ]
            if not context["duplicates"]:
                files = data.get("attachments") or []
                if not data.get("share_location"):
                    files = [strip_metadata(f) for f in files]
                try:
                    petition = petition_services.petition_submit_public(
                        commune=commune,
                        kind=kind,
                        full_name=data["full_name"],
                        summary=data["summary"],
                        content=data["content"],
                        email=data.get("email", ""),
                        phone=data.get("phone", ""),
                        address=data.get("address", ""),
                        id_number=data.get("id_number", ""),
                        place=data.get("place", ""),
                        field=data["field"],
                        latitude=data.get("latitude"),
                        longitude=data.get("longitude"),
                        allow_public=bool(data.get("allow_public")),
                        attachments=files,
                        ip=ip or None,
                    )
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        for field_name, errors in exc.message_dict.items():
                            form.add_error(
                                field_name if field_name in form.fields else None, errors
                            )
                    else:
                        form.add_error(None, exc)
                else:
                    abuse.record("ip", ip)
                    abuse.record("contact", contact)
                    request.session.pop("portal_challenge", None)
                    secret = getattr(petition, "tracking_secret", "")
                    request.session[f"portal-secret-{petition.tracking_code}"] = secret
                    return redirect(
                        "portal:submitted", code=commune.code, tracking=petition.tracking_code
                    )
    return render(request, "portal/submit.html", context)


@login_not_required
@never_cache
def submitted(request: HttpRequest, code: str, tracking: str) -> HttpResponse:
    commune = _commune(code)
    petition = get_object_or_404(Petition, commune=commune, tracking_code=tracking)
    secret = request.session.pop(f"portal-secret-{tracking}", None)
    if secret is None:  # shown once: afterwards the citizen tracks with the code and the secret
        return redirect("portal:track")
    return render(
        request,
        "portal/submitted.html",
        {"commune": commune, "petition": petition, "secret": secret},
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None, initial={"code": request.GET.get("ma", "")})
    if request.method == "POST" and form.is_valid():
        petition = Petition.objects.filter(
            tracking_code=form.cleaned_data["code"].strip().upper()
        ).first()
        if petition is not None and petition_services.tracking_secret_matches(
            petition, form.cleaned_data["secret"]
        ):
            request.session[f"portal-tracked-{petition.pk}"] = True
            return redirect("portal:case", tracking=petition.tracking_code)
        form.add_error(None, _("The tracking code and the secret code do not match a petition."))
    return render(request, "portal/track.html", {"form": form})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, tracking: str) -> HttpResponse:
    """The citizen's own case: status, public timeline, deadline, answer; confirm and rate."""
    petition = get_object_or_404(Petition.objects.select_related("commune"), tracking_code=tracking)
    if not request.session.get(f"portal-tracked-{petition.pk}"):
        return redirect(f"{reverse('portal:track')}?ma={tracking}")
    form = FeedbackForm(request.POST or None)
    can_feedback = (
        petition.status in (Status.ANSWERED, Status.CLOSED, Status.DECIDED)
        and petition.rating is None
    )
    if request.method == "POST" and can_feedback and form.is_valid():
        try:
            petition_services.petition_citizen_feedback(
                petition=petition,
                resolved=form.cleaned_data["resolved"],
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("portal:case", tracking=tracking)
    return render(
        request,
        "portal/case.html",
        {
            "petition": petition,
            "events": petition.events.filter(is_public=True).order_by("at"),
            "form": form,
            "can_feedback": can_feedback,
            "is_open": petition.status not in TERMINAL,
        },
    )


@login_not_required
def public_cases(request: HttpRequest, code: str) -> HttpResponse:
    commune = _commune(code)
    cases = public_cases_of(commune)
    q = request.GET.get("q", "").strip()
    if q:
        for word in fold(q).split():
            cases = cases.filter(Q(search_folded__contains=word))
    return render(
        request,
        "portal/public_cases.html",
        {
            "commune": commune,
            "cases": cases.order_by("-updated_at")[:50],
            "q": q,
        },
    )


@login_not_required
def public_case(request: HttpRequest, code: str, tracking: str) -> HttpResponse:
    commune = _commune(code)
    petition = Petition.objects.filter(
        commune=commune, tracking_code=tracking, is_hidden=False, kind__in=SHOWN_KINDS
    ).first()
    if petition is None:
        raise Http404
    return render(
        request,
        "portal/public_case.html",
        {
            "commune": commune,
            "petition": petition,
            "show_answer": petition.is_public and petition.status in ANSWERED,
            "events": petition.events.filter(is_public=True).order_by("at")
            if petition.is_public
            else [],
        },
    )


@login_not_required
def news(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    commune = _commune(code)
    articles = Article.objects.filter(commune=commune, is_published=True)
    article = get_object_or_404(articles, pk=pk) if pk else None
    return render(
        request,
        "portal/news.html",
        {"commune": commune, "articles": articles[:30], "article": article},
    )
