"""A person's birthday and other important dates: added, changed and deleted from their page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from landscape import services
from landscape.forms import ImportantDateForm
from landscape.models import ImportantDate, Person


@login_required
@require_http_methods(["GET", "POST"])
def date_new(request, pk):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    date = ImportantDate(person=person, owner=request.user)
    return _date_form(request, person, date)


@login_required
@require_http_methods(["GET", "POST"])
def date_edit(request, pk):
    date = get_object_or_404(
        ImportantDate.objects.select_related("person"), pk=pk, owner=request.user
    )
    return _date_form(request, date.person, date)


def _date_form(request, person, date):
    form = ImportantDateForm(request.POST or None, instance=date)
    if request.method == "POST" and form.is_valid():
        saved = services.important_date_save(form=form, person=person, owner=request.user)
        messages.success(request, f"Saved: {saved.title}.")
        return redirect("person_detail", pk=person.pk)
    context = {"form": form, "person": person, "date": date if date.pk else None}
    return render(request, "connection/people/date_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def date_delete(request, pk):
    date = get_object_or_404(
        ImportantDate.objects.select_related("person"), pk=pk, owner=request.user
    )
    if request.method == "POST":
        title = date.title
        services.important_date_delete(date=date)
        messages.success(request, f"Deleted: {title}.")
        return redirect("person_detail", pk=date.person_id)
    return render(request, "connection/people/date_delete.html", {"date": date})
