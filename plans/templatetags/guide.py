from django import template
from django.urls import reverse

from plans.content.guide import find

register = template.Library()


@register.simple_tag
def guide_url(item_slug: str) -> str:
    """The guide page and anchor of an item: {% guide_url "micro-connections" %}."""
    section, item = find(item_slug)
    return reverse("guide_section", args=[section.slug]) + f"#{item.slug}"


@register.simple_tag
def guide_label(item_slug: str) -> str:
    """A short link text for a guide item, whatever kind of item it is."""
    section, item = find(item_slug)
    for attribute in ("title", "question", "myth", "name"):
        text = getattr(item, attribute, None)
        if text:
            return f"{section.title}: {text}"
    return section.title
