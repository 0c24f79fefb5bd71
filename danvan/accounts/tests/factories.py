import factory

from danvan.accounts.models import User
from danvan.core.models import Commune, Province, Unit, UnitKind


class ProvinceFactory(factory.django.DjangoModelFactory[Province]):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Tỉnh {n}")


class CommuneFactory(factory.django.DjangoModelFactory[Commune]):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"Xã {n}")


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.OFFICE


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    password = factory.django.Password("Secret-pass-123")
