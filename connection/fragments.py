"""Rendered page fragments that can be cached and shared across requests.

A fragment with forms would bake one request's CSRF token into its HTML. Rendered with a
slot in the token's place, it can be cached once; each response fills in the token of the
request it answers.
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

CSRF_SLOT = "kindred-csrf-slot"


def fragment_render(template_name: str, context: dict, request) -> str:
    return render_to_string(template_name, {**context, "csrf_token": CSRF_SLOT}, request=request)


def fragment_fill(html: str, request) -> SafeString:
    # The HTML was rendered by the template engine with autoescaping; only the slot changes.
    return mark_safe(html.replace(CSRF_SLOT, get_token(request)))  # noqa: S308
