from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Commune


class Article(models.Model):
    """A news item on the commune's public page (the outreach capability will grow from this)."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title
