from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from landscape import services
from landscape.forms import PeopleFilterForm, PersonForm
from landscape.models import Person
from landscape.selectors import dates_of_person, feeling_trend, people_list, with_feeling_counts


@login_required
def people(request):
    filters = PeopleFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    archived = request.GET.get("archived") == "1"
    found = people_list(
        request.user,
        today=timezone.localdate(),
        search=chosen.get("q", ""),
        energy=chosen.get("energy", ""),
        kind=chosen.get("kind", ""),
        overdue=chosen.get("overdue", False),
        archived=archived,
    )
    context = {
        "filters": filters,
        "people": found,
        "archived": archived,
        "filtered": any(chosen.values()),
        "today": timezone.localdate(),
    }
    return render(request, "connection/people/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_save(form=form, owner=request.user)
        except services.PeopleLimitReached as full:
            form.add_error(None, str(full))
        else:
            messages.success(request, f"{person.name} is on your map.")
            return redirect("person_detail", pk=person.pk)
    return render(request, "connection/people/form.html", {"form": form})


@login_required
def person_detail(request, pk):
    today = timezone.localdate()
    person = get_object_or_404(
        with_feeling_counts(Person.objects.filter(owner=request.user), today=today), pk=pk
    )
    trend = feeling_trend(person)
    context = {
        "person": person,
        "trend": trend,
        "trend_differs": trend.differs_from(person.energy),
        "interactions": person.interactions.filter(owner=request.user)[:10],
        "overdue_days": person.days_overdue(today),
        "next_due": person.next_contact_due(),
        "dates": dates_of_person(person, today=today),
    }
    return render(request, "connection/people/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_save(form=form, owner=request.user)
        messages.success(request, "Saved.")
        return redirect("person_detail", pk=person.pk)
    return render(request, "connection/people/form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_archive(request, pk):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    if services.person_archive_toggle(person=person):
        messages.success(request, f"{person.name} is archived: kept, but out of your lists.")
    else:
        messages.success(request, f"{person.name} is back on your map.")
    return redirect("person_detail", pk=person.pk)


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request, pk):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    if request.method == "POST":
        name = person.name
        services.person_delete(person=person)
        messages.success(request, f"{name} is deleted.")
        return redirect("people")
    return render(request, "connection/people/delete.html", {"person": person})
