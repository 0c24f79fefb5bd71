"""The Open311 service list: one service per subject area of petitions (petitions.models.Field),
for feedback and recommendations, with the questions (attributes) each one asks.

The list is data: a service is added or given a question here, and `services.{format}`, the
service definitions and the checks of POST requests follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Field

GROUP_LAND = _("Land, housing and environment")
GROUP_SOCIAL = _("Social affairs and policies")
GROUP_OTHER = _("Administration and other matters")


@dataclass(frozen=True)
class Value:
    key: str
    name: Any


@dataclass(frozen=True)
class Attribute:
    """A question of a service definition (GeoReport v2 `attribute`). `label` names the answer
    when it is written into the petition's content; `variable=False` only informs the person."""

    code: str
    datatype: str  # string | number | datetime | text | singlevaluelist | multivaluelist
    description: Any
    order: int
    required: bool = False
    variable: bool = True
    datatype_description: Any = ""
    values: tuple[Value, ...] = ()
    label: Any = ""

    def value_name(self, key: str) -> Any:
        return next((v.name for v in self.values if v.key == key), key)


@dataclass(frozen=True)
class Service:
    code: str
    group: Any
    keywords: Any
    description: Any
    attributes: tuple[Attribute, ...] = field(default=())

    @property
    def name(self) -> Any:
        return Field(self.code).label

    @property
    def metadata(self) -> bool:
        return bool(self.attributes)

    def attribute(self, code: str) -> Attribute | None:
        return next((a for a in self.attributes if a.code == code and a.variable), None)


PRIVACY = Attribute(
    code="privacy",
    datatype="string",
    variable=False,
    order=1,
    description=_(
        "Your name, phone number and e-mail address are never published. The commune replies "
        "to the e-mail address or phone number you give."
    ),
)
PUBLISH_ANSWER = "publish_answer"
PUBLISH = Attribute(
    code=PUBLISH_ANSWER,
    datatype="singlevaluelist",
    order=90,
    description=_("May the commune publish its answer, without your name or contact details?"),
    values=(Value("yes", _("Yes, it may be published")), Value("no", _("No"))),
)
PARCEL = Attribute(
    code="parcel",
    datatype="string",
    order=10,
    description=_("The map sheet and parcel numbers, if you know them"),
    datatype_description=_("For example: sheet 12, parcel 345"),
    label=_("Map sheet and parcel"),
)
ENVIRONMENT_ISSUE = Attribute(
    code="issue",
    datatype="singlevaluelist",
    order=10,
    description=_("What kind of problem is it?"),
    values=(
        Value("flooding", _("Flooding or blocked drainage")),
        Value("waste", _("Waste")),
        Value("pollution", _("Air or water pollution")),
        Value("noise", _("Noise")),
        Value("lighting", _("Street lighting")),
        Value("public_order", _("Public order or encroachment on public space")),
        Value("other", _("Something else")),
    ),
    label=_("Kind of problem"),
)
COMMON = (PRIVACY, PUBLISH)

SERVICES: tuple[Service, ...] = (
    Service(
        Field.LAND,
        GROUP_LAND,
        _("land, land-use certificate, boundary, encroachment, land recovery, compensation"),
        _("Land use, land records, disputes over boundaries, land recovery and compensation."),
        (PRIVACY, PARCEL, PUBLISH),
    ),
    Service(
        Field.HOUSING,
        GROUP_LAND,
        _("housing, construction, building permit, property"),
        _("Housing, construction works and property."),
        COMMON,
    ),
    Service(
        Field.ENVIRONMENT,
        GROUP_LAND,
        _("waste, flooding, drainage, pollution, noise, street lighting, public order, roads"),
        _("Environment, sanitation, roads and public order in the commune."),
        (PRIVACY, ENVIRONMENT_ISSUE, PUBLISH),
    ),
    Service(
        Field.WELFARE,
        GROUP_SOCIAL,
        _("social allowance, poor household, people with merit, disability, elderly"),
        _("Social welfare, support for poor households and people with merit."),
        COMMON,
    ),
    Service(
        Field.SOCIAL,
        GROUP_SOCIAL,
        _("culture, education, health, festival, social"),
        _("Cultural, educational, health and other social matters."),
        COMMON,
    ),
    Service(
        Field.POLICY,
        GROUP_SOCIAL,
        _("officials, salary, allowance, entitlement"),
        _("Policies and entitlements of officials and public employees."),
        COMMON,
    ),
    Service(
        Field.JUSTICE,
        GROUP_OTHER,
        _("civil status, judgment enforcement, legal aid, certification"),
        _("Judicial and civil status matters."),
        COMMON,
    ),
    Service(
        Field.PARTY,
        GROUP_OTHER,
        _("Party, Fatherland Front, mass organisation, union"),
        _("The Party, the Fatherland Front and the mass organisations."),
        COMMON,
    ),
    Service(
        Field.CORRUPTION,
        GROUP_OTHER,
        _("harassment, bribery, abuse of power, negative conduct"),
        _(
            "Feedback about harassment or negative conduct of officials. To denounce a person "
            "with the protection of your identity the law gives, use the denunciation form of "
            "the citizens' site: a feedback is not a denunciation."
        ),
        COMMON,
    ),
    Service(
        Field.OTHER,
        GROUP_OTHER,
        _("other, suggestion, general"),
        _("Anything else the commune should know about or act on."),
        COMMON,
    ),
)
BY_CODE = {service.code: service for service in SERVICES}


def service(code: str) -> Service | None:
    return BY_CODE.get(code)
