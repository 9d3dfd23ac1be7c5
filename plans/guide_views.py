from django.http import Http404
from django.shortcuts import render

from plans.content.guide import SECTION_ITEMS, SECTIONS

_SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def guide_index(request):
    return render(request, "plans/guide/index.html", {"sections": SECTIONS})


def guide_section(request, slug):
    section = _SECTIONS_BY_SLUG.get(slug)
    if section is None:
        raise Http404("No such guide section")
    position = SECTIONS.index(section)
    context = {
        "section": section,
        "items": SECTION_ITEMS[slug],
        "sections": SECTIONS,
        "previous": SECTIONS[position - 1] if position else None,
        "next": SECTIONS[position + 1] if position + 1 < len(SECTIONS) else None,
    }
    return render(request, f"plans/guide/{slug}.html", context)
